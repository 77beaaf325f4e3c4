"""Diagnostics: what validate reports, and the catalogue of built-in codes.

Codes are stable. ``CLS0xx``: reading and schema of one file; ``CLS1xx``: references across
files (contract ↔ fiches, follow-up ↔ fiche); ``CLS2xx``: lint rules (``clstool rules``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from clstool.model.limits import BORNES


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "erreur", "warning": "avertissement", "info": "info"}[self.value]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place. ``line`` and ``column`` are 1-based."""

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)
    path: str = field(default="", compare=False)

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "path": self.path,
            "message": self.message,
        }


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str


_E, _W = Severity.ERROR, Severity.WARNING

#: Built-in codes (lint rules, CLS2xx, are described by their own modules).
CODES: dict[str, Code] = {
    c.code: c
    for c in [
        Code("CLS001", "encodage", _E, "Le fichier n'est pas en UTF-8 (encodage probable indiqué)."),
        Code("CLS002", "bom", _W, "Le fichier commence par une marque d'ordre d'octets (BOM) inutile : "
             "YAML l'accepte, clstool fmt la retire."),
        Code("CLS003", "tabulation", _E, "Une tabulation sert à indenter : YAML n'accepte que des espaces."),
        Code("CLS004", "fichier-vide", _E, "Le fichier est vide ou ne contient que des commentaires."),
        Code("CLS005", "syntaxe-yaml", _E, "Erreur de syntaxe YAML."),
        Code("CLS006", "cle-en-double", _E, "Une clé apparaît deux fois dans le même dictionnaire."),
        Code("CLS007", "alias-excessifs", _E, "Les alias YAML démultiplient le document (bombe d'alias)."),
        Code("CLS008", "imbrication-excessive", _E, "Imbrication trop profonde."),
        Code("CLS009", "fichier-trop-gros", _E, "Fichier trop volumineux, ou plusieurs documents YAML."),
        Code("CLS010", "fichier-illisible", _E, "Le fichier ne peut pas être lu (droits, chemin)."),
        Code("CLS020", "cle-inconnue", _E, "Clé inconnue (faute de frappe ?)."),
        Code("CLS021", "champ-obligatoire", _E, "Un champ obligatoire est absent."),
        Code("CLS022", "type-incorrect", _E, "La valeur n'a pas le type attendu (texte, nombre, liste…)."),
        Code("CLS023", "valeur-non-autorisee", _E, "Valeur hors de la liste des valeurs possibles."),
        Code("CLS024", "valeur-invalide", _E, "Valeur invalide (format, date) ou hors des bornes : " + BORNES + "."),
        Code("CLS030", "commentaire-clstool-invalide", _W,
             "Commentaire « # clstool: disable=… » invalide : code ou directive inconnus, "
             "« disable-file » hors de l'en-tête."),
        Code("CLS101", "id-en-double", _E, "Deux fiches portent le même identifiant."),
        Code("CLS102", "id-nom-de-fichier", _E, "L'identifiant de la fiche ne correspond pas au nom du fichier."),
        Code("CLS103", "axe-inconnu", _E, "La fiche cite un axe absent de contrat.yaml."),
        Code("CLS104", "contrat-absent", _E, "Aucun contrat.yaml pour ces fiches."),
        Code("CLS105", "transition-inconnue", _E, "La fiche cite une transition que le contrat ne nomme pas."),
        Code("CLS106", "axe-en-double", _E, "Deux axes du contrat portent le même identifiant."),
        Code("CLS107", "indicateur-en-double", _E, "Deux indicateurs de la fiche portent le même identifiant."),
        Code("CLS108", "suivi-annee-hors-contrat", _E, "Suivi pour une année hors de la période du contrat."),
        Code("CLS109", "suivi-indicateur-inconnu", _E, "Valeur de suivi pour un indicateur que la fiche n'a pas."),
        Code("CLS110", "suivi-declinaison-inconnue", _E, "Suivi d'une déclinaison que la fiche n'a pas."),
        Code("CLS111", "instance-en-double", _E, "Deux instances de gouvernance portent le même identifiant."),
        Code("CLS112", "referentiel-code-inconnu", _E, "La fiche cite un code absent du référentiel régional."),
    ]
}


def make(file: str, pos: tuple[int, int], code: str, message: str, path: str = "",
         severity: Severity | None = None) -> Diagnostic:
    """Build a diagnostic for a built-in code, with the code's default severity."""
    sev = severity or (CODES[code].severity if code in CODES else Severity.ERROR)
    return Diagnostic(file=file, line=pos[0], column=pos[1], code=code, message=message,
                      severity=sev, path=path)
