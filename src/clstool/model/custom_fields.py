"""Custom fields: rubriques a contract adds to its fiches (``champs`` of contrat.yaml).

Other ARS forms have rubriques the Occitanie form does not (PRS programme, élu référent, points
de vigilance, ETP). A contract declares each one once (:class:`ChampPersonnalise`: key, French
label, type, unit, choices, required or not); its fiches give the values under one key,
``champs``, by field key::

    # contrat.yaml
    champs:
      - cle: programme_prs
        libelle: Programme du PRS
        type: choix
        choix: [Prévention, Parcours, Santé mentale]
      - cle: etp
        libelle: Équivalents temps plein
        type: nombre
        unite: ETP

    # fiches/1-1.yaml
    champs:
      programme_prs: Prévention
      etp: 0.5

The fiche model (``Fiche.champs``) accepts any text, number or list of texts there; whether a value fits its
declaration is checked against the contract by lint rules (CLS230, CLS231), which know both
files and give the value's position. This module also formats a value for reports and exports
(:func:`shown`) and checks one (:func:`problem`), so that the three agree.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from clstool.model.bounds import _shown
from clstool.model.documents import Model, TexteNonVide
from clstool.model.formatting import fr_date, fr_number

TypeChamp = Literal["texte", "nombre", "choix", "liste", "date"]
#: The key of a custom field: what a fiche writes under ``champs``.
CLE_MOTIF = "^[a-z][a-z0-9_]{0,39}$"
_CLE = re.compile(CLE_MOTIF.replace("$", r"\Z"))
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")


def _key(value: str) -> str:
    if not _CLE.match(value):
        raise ValueError(
            f"clé « {_shown(value)} » invalide : de 1 à 40 lettres minuscules sans accent, chiffres "
            "ou « _ », en commençant par une lettre (ex. programme_prs)"
        )
    return value


class ChampPersonnalise(Model):
    """A custom field declared by a contract."""

    cle: Annotated[str, AfterValidator(_key)] = Field(
        description="Clé du champ dans les fiches, sous champs (« programme_prs »)."
    )
    libelle: TexteNonVide = Field(description="Libellé du champ dans l'éditeur, les bilans et les exports.")
    type: TypeChamp = Field(
        "texte",
        description="texte (défaut), nombre, choix (une valeur de la liste choix), liste (de textes) ou date (AAAA-MM-JJ).",
    )
    unite: str | None = Field(None, description="Unité d'un champ de type nombre (ETP, €, %…).")
    choix: list[TexteNonVide] = Field(
        default_factory=list, description="Valeurs permises : obligatoire pour un choix, facultatif pour une liste."
    )
    obligatoire: bool = Field(False, description="true : chaque fiche détaillée doit le renseigner (CLS231).")
    description: str | None = Field(None, description="Ce que le champ demande, pour l'aide de l'éditeur.")

    @model_validator(mode="after")
    def _consistent(self) -> ChampPersonnalise:
        if self.type == "choix" and not self.choix:
            raise ValueError(f"champ « {self.cle} » de type choix sans liste choix : donnez les valeurs permises")
        if self.choix and self.type not in ("choix", "liste"):
            raise ValueError(f"champ « {self.cle} » : choix n'a de sens que pour le type choix ou liste")
        if self.unite and self.type != "nombre":
            raise ValueError(f"champ « {self.cle} » : unite n'a de sens que pour le type nombre")
        return self


def _unique_keys(fields: list[ChampPersonnalise]) -> list[ChampPersonnalise]:
    seen: set[str] = set()
    for f in fields:
        if f.cle in seen:
            raise ValueError(f"clé « {f.cle} » déclarée deux fois")
        seen.add(f.cle)
    return fields


#: The ``champs`` of contrat.yaml.
Champs = Annotated[list[ChampPersonnalise], AfterValidator(_unique_keys)]


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def problem(field: ChampPersonnalise, value: Any) -> tuple[int | None, str] | None:
    """What is wrong with ``value`` for ``field``: ``(index in a list or None, French message)``;
    ``None`` when it fits."""
    what = f"champ « {field.libelle} » ({field.cle})"
    if field.type == "texte":
        return None if isinstance(value, str) or _number(value) else (None, f"{what} : un texte est attendu")
    if field.type == "nombre":
        if _number(value):
            return None
        unit = f" ; l'unité, {field.unite}, est déclarée dans contrat.yaml" if field.unite else ""
        return None, f"{what} : « {_shown(value)} » n'est pas un nombre (écrivez 12 ou 0.5, sans unité{unit})"
    if field.type == "date":
        if isinstance(value, str) and _ISO_DATE.match(value):
            try:
                dt.date.fromisoformat(value)
                return None
            except ValueError:
                return None, f"{what} : date « {value} » impossible"
        return None, f"{what} : « {_shown(value)} » n'est pas une date AAAA-MM-JJ (2025-03-31)"
    if field.type == "choix":
        if isinstance(value, str) and value in field.choix:
            return None
        return None, f"{what} : « {_shown(value)} » n'est pas une valeur permise ({' ; '.join(field.choix)})"
    if not isinstance(value, list):  # liste
        return None, f"{what} : une liste est attendue (une valeur par ligne, « - » devant)"
    for index, item in enumerate(value):
        if field.choix and item not in field.choix:
            return index, f"{what} : « {_shown(item)} » n'est pas une valeur permise ({' ; '.join(field.choix)})"
    return None


def shown(field: ChampPersonnalise, value: Any) -> str:
    """A value as a report or a table shows it: French number with its unit, French date, list
    joined with « ; »."""
    if value is None:
        return ""
    if field.type == "nombre" and _number(value):
        return fr_number(value) + (f" {field.unite}" if field.unite else "")
    if field.type == "date" and isinstance(value, str) and problem(field, value) is None:
        return fr_date(dt.date.fromisoformat(value))
    if isinstance(value, list):
        return " ; ".join(str(v) for v in value)
    return str(value)


def heading(field: ChampPersonnalise) -> str:
    """A column heading: the label, with the unit of a number (« Équivalents temps plein (ETP) »)."""
    return field.libelle + (f" ({field.unite})" if field.type == "nombre" and field.unite else "")


def json_schema(fields: list[ChampPersonnalise]) -> dict:
    """The JSON Schema of a fiche's ``champs`` for a contract declaring ``fields``: one property
    per field, with its French label as title (``clstool schema --territoire``)."""
    properties: dict[str, dict] = {}
    for f in fields:
        node: dict[str, Any]
        if f.type == "nombre":
            node = {"type": "number"}
        elif f.type == "choix":
            node = {"enum": list(f.choix)}
        elif f.type == "liste":
            node = {"type": "array", "items": {"enum": list(f.choix)} if f.choix else {"type": "string"}}
        elif f.type == "date":
            node = {"type": "string", "pattern": _ISO_DATE.pattern.replace(r"\Z", "$"), "format": "date"}
        else:
            node = {"type": ["string", "number"]}
        details = [f.description or f.libelle]
        if f.unite:
            details.append(f"en {f.unite}")
        if f.obligatoire:
            details.append("obligatoire")
        properties[f.cle] = {"title": heading(f), "description": " ; ".join(details) + ".", **node}
    return {"type": "object", "properties": properties, "additionalProperties": False}
