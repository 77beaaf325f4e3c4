"""JSON Schema (draft 2020-12) of ``contrat.yaml`` and fiche files, for editors and other tools.

Generated from the pydantic models (:class:`clstool.model.contrat.Contrat`, :class:`clstool.model.documents.Fiche`)
in validation mode, so it can never say something the models do not. The French field
descriptions come from the models; the French descriptions of the sub-objects are
:data:`OBJECT_DESCRIPTIONS` (the class docstrings are in English, for programmers).
yaml-language-server (VS Code, Neovim…) reads it through the first line of each file:
``# yaml-language-server: $schema=../../../schemas/fiche.schema.json``.

The schema is made to agree with pydantic on what a YAML file may hold:

- a text field also accepts an integer (``- 2024`` in a calendar, ``id: 3``), as
  :data:`clstool.model.documents.Texte` does;
- the years keying ``suivi`` and ``cibles`` are mapping keys, which JSON Schema validators see
  as text (check-jsonschema turns ``2024:`` into ``"2024"``): they must be written with digits
  only (``propertyNames`` pattern);
- ``periode.debut``/``fin`` are a year or an ISO date (``2030-12-31``), ``reunions[].date``
  an ISO date (pattern and ``format: date``).

The schema and pydantic agree that ``2024:`` and ``"2024":`` are the same year (the models
turn a quoted year key into the year). One known difference, too small to matter in practice:
the schema cannot tell ``3`` from ``3.0`` where an integer is expected (pydantic refuses
``3.0``). The pydantic titles (« Sous Titre ») are replaced by French ones, the first clause
of each description (« Identifiant de l'axe »), and the main properties carry ``examples``
(:data:`EXAMPLES`), which editors show on completion and hover.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from clstool.model import contrat, custom_fields
from clstool.model import documents as models
from clstool.model.bilan import BilanAnnuel

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("contrat", "fiche", "bilan")
_ROOTS: dict[str, type[BaseModel]] = {"contrat": contrat.Contrat, "fiche": models.Fiche, "bilan": BilanAnnuel}
_HEADINGS = {
    "contrat": (
        "Contrat Local de Santé (contrat.yaml)",
        "Le contrat d'un territoire : territoire, intitulé, période, signataires, axes, gouvernance, "
        "transitions, diagnostic. Vérifié par « clstool validate ».",
    ),
    "fiche": (
        "Fiche action d'un Contrat Local de Santé (fiches/<id>.yaml)",
        "Une fiche action : identifiant, axe, titre, objectifs, portage, déclinaisons, calendrier, "
        "public, indicateurs, déterminants, suivi annuel. Seuls id, axe et titre sont obligatoires. "
        "Vérifiée par « clstool validate ».",
    ),
    "bilan": (
        "Bilan annuel d'un Contrat Local de Santé (bilans/<année>.yaml)",
        "Ce que seule la coordination peut écrire pour l'année : synthèse, faits marquants, difficultés, "
        "perspectives, points de vigilance, décisions attendues du comité de pilotage, réunions tenues, "
        "budget exécuté. Tout est facultatif ; le fichier se nomme d'après son année. Vérifié par « clstool validate ».",
    ),
}

#: French descriptions of the sub-objects (``$defs``), shown by editors on hover.
OBJECT_DESCRIPTIONS = {
    "AccesInformation": "Contribution de l'action à l'accès à l'information et aux droits.",
    "Axe": "Un axe stratégique du contrat.",
    "CaseNommee": "Une case du formulaire avec les noms écrits à côté, cochée ou non (coche, noms).",
    "ChiffreCle": "Un chiffre clé ou un constat du diagnostic.",
    "Declinaison": "Une déclinaison opérationnelle de la fiche (sous-action).",
    "Determinants": "Les déterminants de santé visés (grille de cases à cocher de la fiche).",
    "Diagnostic": "Le diagnostic local de santé.",
    "EntreeCalendrier": "Une entrée de calendrier détaillée : période, jalon, récurrence.",
    "Financement": "Un financement : financeur, montant en euros, précision.",
    "Groupe": "Des éléments sous un intitulé (« Actions sur l'environnement : » et ses puces).",
    "Indicateur": "Un indicateur d'évaluation : id, type, libellé, référence, cibles par année.",
    "LigneBudget": "Une ligne de budget annuel : année, financeur, type, unité, prévu, réalisé.",
    "Instance": "Une instance de gouvernance et son rythme de réunion.",
    "MesureIndicateur": "La mesure d'un indicateur pour l'année : valeur, commentaire, appréciation.",
    "Objectifs": "Les objectifs de la fiche.",
    "Participation": "Participation citoyenne prévue par l'action.",
    "Periode": "La période du contrat.",
    "Portage": "Qui porte l'action et avec qui.",
    "PublicVise": "Le public visé par l'action.",
    "Reference": "La valeur de référence d'un indicateur.",
    "Reunion": "Une réunion tenue par l'instance.",
    "ReunionTenue": "Une réunion de gouvernance tenue dans l'année : instance, date, participants, objet.",
    "DepenseExecutee": "Une dépense exécutée dans l'année : poste, montant en euros, financeur, fiche.",
    "SignataireDetail": "Un signataire et l'écart relevé dans la source à son sujet (nom, ecart).",
    "SousAxe": "Un sous-axe (objectif stratégique) d'un axe : id, titre.",
    "SuiviAnnee": "Le suivi de la fiche pour une année : statut, avancement, réalisations, difficultés…",
    "SuiviDeclinaison": "Le suivi d'une déclinaison pour l'année.",
    "TerritoireIntervention": "Le territoire d'intervention de l'action.",
}

#: Examples shown by editors (completion and hover), by property name. Fictitious values, in
#: the forms the contracts use.
EXAMPLES: dict[str, list] = {
    "territoire": ["Ville de Montpellier"],
    "intitule": ["Contrat Local de Santé de la Ville de Montpellier 2023-2027"],
    "debut": [2023], "fin": [2027],
    "id": ["1-1"], "axe": ["1"],
    "titre": ["Développer les actions de prévention en direction des jeunes"],
    "statut": ["en_cours"], "avancement": [50],
    "periode": ["1er trimestre 2025", "T3 2025", "2025 à 2027"],
    "date": ["2025-03-15"], "annee": [2024],
    "unite": ["%", "nombre"], "montant": [15000],
    "reunions_min_par_an": [2],
}  # fmt: skip


def _title(description: str) -> str:
    """A short French title from a description: its first clause (« Identifiant de l'axe »)."""
    head = re.split(r" \(| : |\. |, par |\.$", description.strip(), maxsplit=1)[0]
    return head.rstrip(" .:")


_INTEGER_TEXT = "^-?[0-9]+$"
_YEAR_TEXT = "^(19[0-9]{2}|20[0-9]{2}|2100)$"  #: models.ANNEE_MIN to ANNEE_MAX, as a key
_ISO_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


class _Generator(GenerateJsonSchema):
    """pydantic's generator, taught what the YAML conveniences of models.py accept."""

    def function_before_schema(self, schema: Any) -> dict:
        function = schema["function"]["function"]
        inner = self.generate_inner(schema["schema"])
        if function is models._number_as_text:  # text, or a number kept as its text
            return {"anyOf": [inner, {"type": "integer"}]}
        if function is contrat._year_or_date:
            return {"anyOf": [{"type": "integer"},
                              {"type": "string", "pattern": _ISO_DATE, "format": "date"}]}
        return inner

    def function_after_schema(self, schema: Any) -> dict:
        inner = self.generate_inner(schema["schema"])
        function = schema["function"]["function"]
        if getattr(function, "__name__", "") == "_iso":  # Reunion.date
            inner.update(pattern=_ISO_DATE, format="date")
        elif function is models._bounded_year:
            inner.update(minimum=models.ANNEE_MIN, maximum=models.ANNEE_MAX)
        elif function is models._finite:
            for bound, value in (("ge", -models.NOMBRE_MAX), ("le", models.NOMBRE_MAX)):
                inner.setdefault(bound, value)  # a field bound (ge=0) wins
        elif function is models._identifier:
            for branch in inner.get("anyOf", [inner]):
                if branch.get("type") == "string":
                    branch.update(pattern=models.ID_MOTIF, maxLength=models.ID_LONGUEUR_MAX)
        return inner

    def dict_schema(self, schema: Any) -> dict:
        out = super().dict_schema(schema)
        keys = schema.get("keys_schema", {})
        if keys.get("type") == "function-after" and keys["function"]["function"] is models._bounded_year:
            out["propertyNames"] = {"pattern": _YEAR_TEXT}
        elif keys.get("type") == "int":
            out["propertyNames"] = {"pattern": _INTEGER_TEXT}
        return out


_BOUNDS: dict[str, str] = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _tidy(node: Any) -> Any:
    """Drop pydantic's titles and English docstrings; set the French object descriptions; name
    the bounds as JSON Schema does."""
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for raw_key, value in node.items():
        if raw_key == "title":
            continue
        key: str = _BOUNDS[raw_key] if raw_key in _BOUNDS else raw_key  # pydantic leaves ``ge=0`` of a union as is
        if key == "properties":
            out[key] = {name: _tidy(sub) for name, sub in value.items()}
            for name, sub in out[key].items():
                if isinstance(sub.get("description"), str):
                    sub["title"] = _title(sub["description"])
                if name in EXAMPLES and all(e in sub.get("enum", EXAMPLES[name]) for e in EXAMPLES[name]):
                    sub["examples"] = EXAMPLES[name]  # never an example an enumeration refuses
        elif key == "$defs":
            out[key] = {name: _tidy(sub) for name, sub in value.items()}
            if key == "$defs":
                for name, sub in out[key].items():
                    if name in OBJECT_DESCRIPTIONS:
                        sub["description"] = OBJECT_DESCRIPTIONS[name]
                    else:
                        sub.pop("description", None)
        else:
            out[key] = _tidy(value)
    return out


def json_schema(kind: str, contract: contrat.Contrat | None = None) -> dict:
    """The JSON Schema of a ``contrat``, ``fiche`` or ``bilan`` file; with ``contract``, a fiche's
    ``champs`` lists the custom fields that contract declares (:mod:`clstool.model.custom_fields`)."""
    model = _ROOTS[kind]
    generated = _tidy(model.model_json_schema(mode="validation", schema_generator=_Generator))
    title, description = _HEADINGS[kind]
    head = {
        "$schema": DRAFT,
        "$id": f"urn:clstool:schema:{kind}",
        "title": title,
        "description": description,
    }
    generated.pop("description", None)
    order = ("type", "properties", "required", "additionalProperties", "$defs")
    body = {key: generated[key] for key in order if key in generated}
    body.update((key, value) for key, value in generated.items() if key not in body)
    if kind == "fiche" and contract is not None and contract.champs:
        head["description"] += f" Champs propres au contrat « {contract.territoire} »."
        current = body["properties"]["champs"]
        custom = custom_fields.json_schema(contract.champs)
        body["properties"]["champs"] = {"title": current["title"], "description": current["description"], **custom}
    return {**head, **body}


def schema_text(kind: str, contract: contrat.Contrat | None = None) -> str:
    """The schema as it is committed in ``schemas/<kind>.schema.json`` (``contract``: see
    :func:`json_schema`)."""
    return json.dumps(json_schema(kind, contract), ensure_ascii=False, indent=2) + "\n"


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"
