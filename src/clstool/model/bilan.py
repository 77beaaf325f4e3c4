"""The yearly territory-level file ``bilans/<année>.yaml``: what only the coordinator can write.

One file per year, beside ``contrat.yaml``; its name is its year (``bilans/2024.yaml``). Every
key is optional: the report shows what is written and says what is not, never filling it in.
"""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from clstool.model.contrat import Reunion
from clstool.model.documents import Model, Nombre, Texte, TexteNonVide
from clstool.model.vocabulary import DOSSIER_BILANS

#: ``bilans/<année>.yaml``: the folder and the pattern of the file names.
DOSSIER = DOSSIER_BILANS
NOM = re.compile(r"^(\d{4})\.ya?ml$")


class ReunionTenue(Model):
    """A meeting of a governance body held during the year."""

    instance: TexteNonVide = Field(description="L'instance réunie, comme la nomme contrat.yaml (« Comité de pilotage »).")
    date: str = Field(description="Date de la réunion (AAAA-MM-JJ).")
    objet: str | None = Field(None, description="Objet de la réunion.")
    participants: list[str] = Field(default_factory=list, description="Participants (structures ou fonctions).")

    @field_validator("date")
    @classmethod
    def _iso(cls, value: str) -> str:
        return Reunion._iso(value)  # the same check as contrat.yaml's meetings


class DepenseExecutee(Model):
    """Money actually spent during the year."""

    poste: TexteNonVide = Field(description="Ce qui a été financé (« Coordination du CLS », « Action 2-1 »).")
    montant: Nombre = Field(ge=0, description="Montant exécuté en euros (nombre, sans espace : 15000).")
    financeur: str | None = Field(None, description="Qui a financé.")
    fiche: Texte | None = Field(None, description="La fiche action concernée, par son id (« 2-1 »), s'il y en a une.")
    precision: str | None = Field(None, description="Précision : nature de la dépense, écart au prévu…")


class BilanAnnuel(Model):
    """The coordinator's yearly file (``bilans/<année>.yaml``)."""

    synthese: str | None = Field(None, description="Synthèse de l'année, en quelques paragraphes.")
    faits_marquants: list[str] = Field(default_factory=list, description="Faits marquants de l'année.")
    difficultes: list[str] = Field(default_factory=list, description="Difficultés de l'année, à l'échelle du contrat.")
    perspectives: list[str] = Field(default_factory=list, description="Perspectives pour l'année suivante.")
    points_de_vigilance: list[str] = Field(default_factory=list, description="Points de vigilance.")
    decisions_attendues: list[str] = Field(
        default_factory=list, description="Décisions attendues du comité de pilotage.")
    reunions: list[ReunionTenue] = Field(
        default_factory=list, description="Réunions de gouvernance tenues dans l'année : instance, date, participants.")
    budget_execute: list[DepenseExecutee] = Field(
        default_factory=list, description="Budget exécuté dans l'année : poste, montant, financeur.")


def year_of(file_name: str) -> int | None:
    """The year a bilan file is named after (``2024.yaml`` → 2024), else None."""
    match = NOM.match(file_name)
    return int(match.group(1)) if match else None
