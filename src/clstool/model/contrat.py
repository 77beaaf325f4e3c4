"""The model of ``contrat.yaml``: the contract, its axes, governance, diagnosis and contacts.

Shared types (strict base model, texts, years, numbers, identifiers) come from
:mod:`clstool.model.documents`, the model of the fiches.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Union

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
    field_validator,
)

from clstool.model.bounds import Annee, Nombre, _bounded_year, _shown
from clstool.model.custom_fields import Champs
from clstool.model.documents import Identifiant, Model, Texte, TexteNonVide
from clstool.model.profiles import DEFAULT, Formulaire

# --- The contract --------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _year_or_date(value: Any) -> Any:
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"date « {value} » impossible") from None
        _bounded_year(day.year)
        return value
    if isinstance(value, str) and len(value) > 40:
        raise ValueError(f"« {_shown(value)} » n'est ni une année (2022) ni une date ISO (2030-12-31)")
    if isinstance(value, str):
        raise ValueError(f"« {value} » n'est ni une année (2022) ni une date ISO (2030-12-31)")
    return _bounded_year(value)


AnneeOuDate = Annotated[Union[int, str], BeforeValidator(_year_or_date)]


class Periode(Model):
    debut: AnneeOuDate = Field(description="Année (2022) ou date ISO (2022-01-01) de début.")
    fin: AnneeOuDate = Field(description="Année (2027) ou date ISO (2030-12-31) de fin.")

    def debut_date(self) -> dt.date:
        return dt.date(self.debut, 1, 1) if isinstance(self.debut, int) else dt.date.fromisoformat(self.debut)

    def fin_date(self) -> dt.date:
        return dt.date(self.fin, 12, 31) if isinstance(self.fin, int) else dt.date.fromisoformat(self.fin)


class SignataireDetail(Model):
    """A signatory with what the transcription noticed about it (a page naming it, another not)."""

    nom: TexteNonVide = Field(description="Le signataire, tel que le contrat l'écrit.")
    ecart: str | None = Field(
        None, description="Écart relevé dans la source (« nommé sur la page des signatures, absent de l'article 2 »)."
    )


def _signatory_tag(value: Any) -> str:
    return "detail" if isinstance(value, (dict, SignataireDetail)) else "texte"


#: A signatory: its name, or a mapping with ``nom`` and ``ecart``.
Signataire = Annotated[
    Union[Annotated[TexteNonVide, Tag("texte")], Annotated[SignataireDetail, Tag("detail")]],
    Discriminator(_signatory_tag),
]


def nom_signataire(signataire: str | SignataireDetail) -> str:
    """The name of a signatory, whatever its form."""
    return signataire if isinstance(signataire, str) else signataire.nom
class SousAxe(Model):
    """A level between an axis and its fiches: an « objectif stratégique », TeT's « sous-axe »."""

    id: Identifiant = Field(description="Identifiant du sous-axe, unique dans le contrat (« 1.2 »).")
    titre: TexteNonVide = Field(description="Intitulé du sous-axe (objectif stratégique…).")


class Axe(Model):
    id: Identifiant = Field(description="Identifiant de l'axe (« 1 »).")
    titre: TexteNonVide = Field(description="Intitulé de l'axe.")
    sous_titre: str | None = Field(None, description="Sous-titre de l'axe.")
    description: str | None = Field(None, description="Présentation de l'axe, telle que le contrat la donne.")
    sous_axes: list[SousAxe] = Field(
        default_factory=list,
        description="Sous-axes (objectifs stratégiques) de l'axe, facultatifs : id, titre ; "
        "une fiche en cite un par sous_axe.",
    )

    def sous_axe(self, ident: str | None) -> SousAxe | None:
        return next((s for s in self.sous_axes if s.id == ident), None) if ident else None


class Reunion(Model):
    date: str = Field(description="Date de la réunion (AAAA-MM-JJ).")
    objet: str | None = Field(None, description="Objet de la réunion.")

    @field_validator("date")
    @classmethod
    def _iso(cls, value: str) -> str:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"date « {value} » invalide : écrivez AAAA-MM-JJ") from None
        return value


class Instance(Model):
    """A governance body and how often it must meet."""

    id: Identifiant = Field(description="Identifiant court (copil, cotech…).")
    nom: TexteNonVide = Field(description="Nom de l'instance.")
    reunions_min_par_an: int | None = Field(None, ge=0, le=366, description="Nombre minimal de réunions par an.")
    composition: list[str] = Field(default_factory=list, description="Membres.")
    presidence: list[str] = Field(default_factory=list, description="Présidence ou pilotage.")
    missions: list[str] = Field(default_factory=list, description="Missions.")
    reunions: list[Reunion] = Field(default_factory=list, description="Réunions tenues.")


class ChiffreCle(Model):
    libelle: TexteNonVide = Field(description="Le chiffre ou le constat, tel qu'écrit.")
    valeur: Nombre | None = Field(None, description="Valeur chiffrée, quand le constat en donne une.")
    unite: str | None = Field(None, description="Unité (%, habitants, €…).")
    annee: Annee | None = Field(None, description="Année du chiffre.")
    theme: str | None = Field(None, description="Thème (démographie, santé mentale…).")
    source: str | None = Field(None, description="Source du chiffre.")


class DiagnosticLocal(Model):
    source: list[str] = Field(default_factory=list, description="Auteurs du diagnostic.")
    annee: Annee | None = Field(None, description="Année du diagnostic.")
    chiffres: list[ChiffreCle] = Field(default_factory=list, description="Chiffres clés et constats.")


_EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;.]+$")


class Contact(Model):
    """A person who answers the yearly follow-up campaign for an organisation."""

    organisation: TexteNonVide = Field(
        description="L'organisation, écrite comme dans les porteurs ou pilotes des fiches (« CPAM »)."
    )
    nom: str | None = Field(None, description="La personne à qui écrire (« Camille Martin »).")
    courriel: str | None = Field(None, description="Son adresse électronique.")
    fiches: list[Texte] = Field(
        default_factory=list,
        description="Fiches dont elle répond même si son organisation n'est pas le premier porteur.",
    )
    coordination: bool = Field(
        False, description="true : la coordination du CLS, qui envoie les classeurs de la campagne."
    )

    @field_validator("courriel")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.match(value):
            raise ValueError(f"adresse électronique « {value} » invalide : écrivez nom@domaine.fr")
        return value


class Contrat(Model):
    """One territory's ``contrat.yaml``."""

    territoire: TexteNonVide = Field(description="Le territoire (« Ville de Montpellier »).")
    intitule: TexteNonVide = Field(description="Intitulé du contrat.")
    periode: Periode = Field(description="Période du contrat : debut et fin (années ou dates ISO).")
    signataires: list[Signataire] = Field(
        default_factory=list, description="Signataires du contrat : un nom, ou {nom, ecart} quand les pages divergent."
    )
    axes: list[Axe] = Field(default_factory=list, description="Axes stratégiques : id, titre, sous_titre.")
    gouvernance: list[Instance] = Field(
        default_factory=list, description="Instances de gouvernance (COPIL, COTECH…) et leur rythme de réunion."
    )
    transitions: dict[str, str] = Field(
        default_factory=dict, description="Transitions nommées par le contrat : lentille → définition."
    )
    suivi_evaluation: list[str] = Field(
        default_factory=list,
        description="Modalités de suivi et d'évaluation des actions prévues par le contrat, telles qu'écrites "
        "(un paragraphe par élément).",
    )
    diagnostic: DiagnosticLocal | None = Field(None, description="Diagnostic local de santé : sources, chiffres clés.")
    alias_partenaires: dict[str, list[str]] = Field(
        default_factory=dict, description="Nom canonique d'un partenaire → autres graphies (CPAM34…)."
    )
    contacts: list[Contact] = Field(
        default_factory=list,
        description="Destinataires de la campagne de suivi : organisation → personne, courriel.",
    )
    formulaire: Formulaire = Field(
        DEFAULT,
        description="Formulaire que suivent les fiches : occitanie (défaut), tet (Territoires en Transitions) "
        "ou minimal. Il dit quelles rubriques les règles de complétude attendent.",
    )
    champs: Champs = Field(
        default_factory=list,
        description="Champs propres au contrat, que ses fiches renseignent sous champs : cle, libelle, type "
        "(texte, nombre, choix, liste, date), unite, choix, obligatoire.",
    )
