"""``clstool new``: scaffold the next fiche of a territory, never overwriting a file.

The file is generated from the JSON Schema of a fiche (:mod:`clstool.model.schema`), so it follows
the model: every section is present, empty (``[]``, ``{}`` or no value), each preceded by a
French comment saying what it holds and, for checkbox grids, which values are allowed.
Only ``id``, ``axe`` and ``titre`` are filled in; the result validates as it is. The fields the
contract declares (``champs`` of ``contrat.yaml``) are listed in comments above ``champs: {}``.

The next identifier of axis A is ``A-<n+1>``, n being the highest ``A-<n>`` among the existing
fiches (``1-4`` after ``1-3``); in a territory numbered without axis prefix (``1``, ``2``…, as
:mod:`clstool.interop.tet.read` writes), the next integer.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clstool.errors import InputError
from clstool.fsutil import atomic_write
from clstool.model.contrat import Contrat
from clstool.model.custom_fields import ChampPersonnalise
from clstool.model.documents import ID_LONGUEUR_MAX, ID_MOTIF
from clstool.model.schema import json_schema
from clstool.model.vocabulary import TYPES_CHAMP
from clstool.yamlio.load import CONTRAT, FICHES, load
from clstool.yamlio.write import dump, ensure_schema_line

_SAFE_ID = re.compile(ID_MOTIF.strip("^$"))  # fullmatch: « $ » would let a final newline through
_INTRO = (
    "# Fiche créée par « clstool new ». Remplissez les rubriques utiles et supprimez les autres :",
    "# une information que la source ne donne pas est omise, jamais inventée.",
    "# Vérifiez le fichier avec « clstool validate ».",
)


@dataclass
class Created:
    path: Path
    id: str


def _territory(directory: str) -> tuple[Path, Any]:
    root = Path(directory)
    if root.resolve().name == FICHES and (root.resolve().parent / CONTRAT).is_file():
        root = Path(os.path.normpath(root / os.pardir))  # run from inside fiches/
    if not root.is_dir():
        raise InputError(f"dossier introuvable : {directory}")
    contrat_file = root / CONTRAT
    if not contrat_file.is_file():
        raise InputError(f"aucun {CONTRAT} dans {directory} : indiquez le dossier d'un territoire")
    territory = load([str(root)]).territories[0]
    return root, territory


def _axes(territory: Any) -> list[str]:
    contract = _contract(territory)
    if contract is not None:
        return [a.id for a in contract.axes]
    source = territory.contrat
    raw = source.data.get("axes") if source is not None and isinstance(source.data, dict) else None
    if not isinstance(raw, list):  # « axes: 3 », « axes: true »: validate says what is wrong
        return []
    return [str(a["id"]) for a in raw if isinstance(a, dict) and isinstance(a.get("id"), (str, int))]


def next_id(axe: str, existing: set[str]) -> str:
    """The identifier after the existing ones of axis ``axe`` (module docstring)."""
    pattern = re.compile(rf"^{re.escape(axe)}-(\d+)$")
    numbers = [int(m.group(1)) for i in existing if (m := pattern.match(i))]
    if not numbers and existing and all(i.isdigit() for i in existing):
        return str(max(int(i) for i in existing) + 1)
    return f"{axe}-{max(numbers, default=0) + 1}"


def _enum(node: dict) -> list:
    for candidate in (node, node.get("items", {})):
        if "enum" in candidate:
            return candidate["enum"]
        for alternative in candidate.get("anyOf", []) + candidate.get("oneOf", []):
            if "enum" in alternative:
                return alternative["enum"]
    return []


class _Scaffold:
    """Walk the fiche schema and write one commented line (or block) per property."""

    def __init__(self, schema: dict, values: dict, declared: list[ChampPersonnalise] | None = None):
        self.defs = schema.get("$defs", {})
        self.values = values
        self.declared = declared or []
        self.lines: list[str] = []

    def declared_hint(self) -> None:
        """The fields the contract declares, one comment line each (key, label, type, choices)."""
        self.lines.append("# Ce contrat déclare ces champs (remplacez {} par ceux que vous renseignez, un par ligne) :")
        for field in self.declared:
            kind = TYPES_CHAMP.get(field.type, field.type)
            unit = f", en {field.unite}" if field.type == "nombre" and field.unite else ""
            form = " AAAA-MM-JJ" if field.type == "date" else ""
            choices = f" : {' ; '.join(field.choix)}" if field.choix else ""
            required = ", obligatoire" if field.obligatoire else ""
            self.lines.append(f"#   {field.cle}: …  ({field.libelle} — {kind}{form}{unit}{required}{choices})")

    def resolve(self, node: dict) -> dict:
        if "$ref" in node:
            return self.defs[node["$ref"].rsplit("/", 1)[-1]]
        for alternative in node.get("anyOf", []):
            if "$ref" in alternative:
                return self.defs[alternative["$ref"].rsplit("/", 1)[-1]]
        return node

    def comment(self, node: dict, indent: str) -> None:
        text = node.get("description", "")
        values = _enum(node)
        if values:
            text += f" Valeurs : {', '.join(values)}."
        if text:
            self.lines.append(f"{indent}# {text.strip()}")

    def item_hint(self, items: dict, indent: str) -> None:
        """A comment line showing what one element looks like."""
        alternatives = items.get("oneOf", [items])
        texts = any(a.get("type") == "string" or "anyOf" in a for a in alternatives)
        target = next((self.resolve(a) for a in alternatives if "$ref" in a), None)
        if target is None or "properties" not in target:
            return
        keys = list(target["properties"])
        required = [k for k in keys if k in target.get("required", [])]
        shown = (required + [k for k in keys if k not in required])[:4]
        example = "{" + ", ".join(f"{k}: …" for k in shown) + (", …}" if len(keys) > 4 else "}")
        self.lines.append(f"{indent}#   un élément : {'un texte, ou ' if texts else ''}{example}")

    def properties(self, node: dict, indent: str) -> None:
        for name, sub in node["properties"].items():
            self.comment(sub, indent)
            target = self.resolve(sub)
            if indent == "" and name in self.values:
                self.lines.append(dump({name: self.values[name]}).rstrip("\n"))
            elif "properties" in target:
                self.lines.append(f"{indent}{name}:")
                self.properties(target, indent + "  ")
            elif target.get("type") == "array":
                self.item_hint(target.get("items", {}), indent)
                self.lines.append(f"{indent}{name}: []")
            elif target.get("type") == "object":
                if indent == "" and name == "champs" and self.declared:
                    self.declared_hint()
                self.lines.append(f"{indent}{name}: {{}}")
            else:
                self.lines.append(f"{indent}{name}:")


def scaffold(fiche_id: str, axe: str, titre: str, header: str | None = None, sous_axe: str | None = None,
             declared: list[ChampPersonnalise] | None = None) -> str:
    """The text of a new fiche: every section of the schema, commented, nearly empty; the
    contract's own fields (``declared``) listed above ``champs``."""
    values = {"id": fiche_id, "axe": axe, "titre": titre, **({"sous_axe": sous_axe} if sous_axe else {})}
    builder = _Scaffold(json_schema("fiche"), values, declared)
    builder.properties(json_schema("fiche"), "")
    head = ([header] if header else []) + list(_INTRO)
    return "\n".join(head + builder.lines) + "\n"


def _contract(territory: Any) -> Contrat | None:
    source = territory.contrat
    return source.model if source is not None and isinstance(source.model, Contrat) else None


def _declared(territory: Any) -> list[ChampPersonnalise]:
    contract = _contract(territory)
    return list(contract.champs) if contract is not None else []


def _sub_axes(territory: Any, axe: str) -> list[str]:
    contract = _contract(territory)
    return [s.id for a in contract.axes if a.id == axe for s in a.sous_axes] if contract is not None else []


def new_fiche(directory: str, axe: str, titre: str, fiche_id: str | None = None,
              sous_axe: str | None = None) -> Created:
    """Create ``<directory>/fiches/<id>.yaml``; raise :class:`InputError` rather than overwrite."""
    if not titre.strip():
        raise InputError("le titre est vide : --titre « Intitulé de l'action »")
    root, territory = _territory(directory)
    axes = _axes(territory)
    if axe not in axes:
        known = ", ".join(axes) if axes else "aucun axe déclaré"
        raise InputError(f"axe « {axe} » absent de {CONTRAT} (axes : {known})")
    if sous_axe is not None and sous_axe not in _sub_axes(territory, axe):
        known = ", ".join(_sub_axes(territory, axe)) or "aucun"
        raise InputError(f"sous-axe « {sous_axe} » absent de l'axe « {axe} » dans {CONTRAT} (sous-axes : {known})")
    existing = {f.path.stem for f in territory.fiches}
    existing |= {str(f.data["id"]) for f in territory.fiches
                 if isinstance(f.data, dict) and isinstance(f.data.get("id"), (str, int))}
    fiche_id = fiche_id or next_id(axe, existing)
    if len(fiche_id) > ID_LONGUEUR_MAX or not _SAFE_ID.fullmatch(fiche_id):
        shown = repr(fiche_id) if not fiche_id.isprintable() else fiche_id
        raise InputError(f"identifiant « {shown[:60]} » invalide : de 1 à {ID_LONGUEUR_MAX} caractères, "
                         "lettres et chiffres sans accent, « - », « . » ou « _ »")
    target = root / FICHES / f"{fiche_id}.yaml"
    if target.exists() or fiche_id in existing:
        raise InputError(f"la fiche « {fiche_id} » existe déjà ({target}) : rien n'a été écrit")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        atomic_write(target, scaffold(fiche_id, axe, titre.strip(), ensure_schema_line(target, "fiche", root),
                                      sous_axe, _declared(territory)),
                     exclusive=True)
    except FileExistsError:  # created by someone else since the check above
        raise InputError(f"la fiche « {fiche_id} » existe déjà ({target}) : rien n'a été écrit") from None
    return Created(target, fiche_id)
