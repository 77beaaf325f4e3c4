"""A regional référentiel: the objectives or themes that fiches of several contracts may cite.

An ARS follows many contracts; to count them against its own frame (the objectives of the
Projet Régional de Santé, a list of themes), it writes that frame once, in ``referentiel.yaml``,
in the folder above the territories (or in a territory's own folder). A fiche cites entries by
code under its ``referentiel`` key; ``clstool validate`` reports a code the référentiel does not
have (CLS112), the overview report counts fiches per entry, exports carry codes and labels.

The file::

    intitule: Projet régional de santé (fictif)
    objectifs:
      - code: PRS-1
        libelle: Prévenir les conduites à risque
        groupe: Prévention          # facultatif : regroupe les objectifs dans le rapport
      - code: PRS-2
        libelle: Favoriser l'accès aux soins

Reading it (with positions) is :mod:`clstool.yamlio.referentiel`; this module holds the model and
the French messages about codes, usable from any layer.
"""

from __future__ import annotations

import difflib

from pydantic import Field

from clstool.model.documents import Model, TexteNonVide
from clstool.model.vocabulary import FICHIER_REFERENTIEL

#: File name of a référentiel, looked for in a territory's folder and the folders above it.
NOM_FICHIER = FICHIER_REFERENTIEL


class ObjectifRegional(Model):
    code: TexteNonVide = Field(description="Code de l'objectif, cité par les fiches (« PRS-1 »).")
    libelle: TexteNonVide = Field(description="Intitulé de l'objectif.")
    groupe: str | None = Field(None, description="Groupe ou thème de l'objectif (facultatif).")


class Referentiel(Model):
    """A référentiel: a title and its objectives (codes unique: checked on reading)."""

    intitule: TexteNonVide = Field(description="Intitulé du référentiel (« Projet régional de santé 2023-2028 »).")
    objectifs: list[ObjectifRegional] = Field(description="Les objectifs (ou thèmes), dans l'ordre d'affichage.")

    @property
    def libelles(self) -> dict[str, str]:
        """Code → label, in the référentiel's order."""
        return {o.code: o.libelle for o in self.objectifs}

    def libelle(self, code: str) -> str:
        return self.libelles.get(code, code)


def unknown_code_message(code: str, referentiel: Referentiel | None, where: str) -> str | None:
    """The French message for a code cited by a fiche, or None when the référentiel has it.
    ``where`` names the référentiel file (or where it was looked for)."""
    if referentiel is None:
        return (f"code « {code} » cité sans référentiel : aucun {NOM_FICHIER} dans le dossier du "
                f"territoire ni au-dessus ({where})")
    codes = list(referentiel.libelles)
    if code in codes:
        return None
    close = difflib.get_close_matches(code, codes, n=1, cutoff=0.6)
    hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
    shown = ", ".join(codes[:8]) + (" …" if len(codes) > 8 else "")
    return f"code « {code} » absent du référentiel {where} (codes : {shown or 'aucun'}){hint}"
