"""Turn pydantic's validation errors into French diagnostics at YAML positions.

pydantic reports an error at a ``loc`` (``("declinaisons", 0, "texte")``) that may contain
tags of the unions it tried. We walk that ``loc`` against the data to get the real path,
then look the path up in the positions recorded by :mod:`clstool.yamlio.read`:

- an unknown key points at the key itself;
- a missing key points at the mapping that should hold it;
- anything else points at the offending value.

The messages are written for a coordinator, not a programmer, and suggest the closest
allowed key or value when there is one.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Mapping
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from clstool.yamlio.read import Path, Pos

_MISSING = object()


def resolve_path(data: Any, loc: tuple) -> tuple[Path, Any]:
    """The data path that ``loc`` designates, and the last element that is not in the data
    (the missing key for a ``missing`` error), or ``_MISSING``."""
    path: list = []
    current = data
    rest: Any = _MISSING
    for element in loc:
        if element == "[key]":
            return tuple(path), "[key]"
        if isinstance(current, dict) and element in current:
            path.append(element)
            current = current[element]
        elif isinstance(current, list) and isinstance(element, int) and 0 <= element < len(current):
            path.append(element)
            current = current[element]
        else:
            rest = element  # a union tag, or the missing key
    return tuple(path), rest


def position(positions: dict[Path, Pos], path: Path, at_key: bool = False) -> tuple[int, int]:
    """Line and column of ``path`` (its key, or its value), or of its deepest known parent."""
    for end in range(len(path), -1, -1):
        pos = positions.get(path[:end])
        if pos is not None:
            if end == len(path):
                return (pos[0], pos[1]) if at_key else (pos[2], pos[3])
            return pos[2], pos[3]
    return 1, 1


def format_path(path: Path) -> str:
    out = ""
    for element in path:
        if isinstance(element, int) and not isinstance(element, bool) and out and not out.endswith("."):
            out += f"[{element}]"
        else:
            out += ("." if out else "") + str(element)
    return out


# --- what the model allows at a path ------------------------------------------------------------


def _expand(tp: Any) -> list:
    origin = get_origin(tp)
    if origin is Annotated:
        return _expand(get_args(tp)[0])
    if origin is Union or origin is types.UnionType:
        return [t for arg in get_args(tp) for t in _expand(arg)]
    return [tp]


def types_at(model: type[BaseModel], path: Path) -> list:
    current = [model]
    for element in path:
        nxt: list = []
        for tp in current:
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                field = tp.model_fields.get(element) if isinstance(element, str) else None
                if field is not None:
                    nxt += _expand(field.annotation)
            elif get_origin(tp) is list and isinstance(element, int):
                nxt += _expand(get_args(tp)[0])
            elif get_origin(tp) is dict:
                nxt += _expand(get_args(tp)[1])
        current = nxt
    return current


def allowed_keys(model: type[BaseModel], path: Path) -> list[str]:
    keys: list[str] = []
    for tp in types_at(model, path):
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            keys += [k for k in tp.model_fields if k not in keys]
    return keys


def allowed_values(model: type[BaseModel], path: Path) -> list:
    values: list = []
    for tp in types_at(model, path):
        if get_origin(tp) is Literal:
            values += [v for v in get_args(tp) if v not in values]
    return values


# --- messages ----------------------------------------------------------------------------------------


def describe(value: Any) -> str:
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return f"le booléen {str(value).lower()}"
    if isinstance(value, int):
        return f"le nombre {value}" if abs(value) < 10**40 else f"le nombre {str(value)[:20]}… ({len(str(value))} chiffres)"
    if isinstance(value, float):
        return f"le nombre {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"le texte « {shown} »"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un dictionnaire (clé : valeur)"
    return type(value).__name__


def _suggest(word: Any, choices: list) -> str:
    from clstool.model.synonyms import code_for

    meant = code_for(word, choices)  # « Réalisé », « terminé » → realise
    if meant is not None:
        return f" ; vouliez-vous dire « {meant} » ?"
    texts = [str(c) for c in choices]
    close = difflib.get_close_matches(str(word), texts, n=1, cutoff=0.6)
    return f" ; vouliez-vous dire « {close[0]} » ?" if close else ""


_TYPE_NAMES = {
    "string_type": "un texte",
    "int_type": "un nombre entier",
    "int_parsing": "un nombre entier",
    "int_from_float": "un nombre entier",
    "float_type": "un nombre (15000 ou 0.4, sans espace ni virgule)",
    "float_parsing": "un nombre (15000 ou 0.4, sans espace ni virgule)",
    "bool_type": "true ou false",
    "bool_parsing": "true ou false",
    "list_type": "une liste (éléments précédés de « - »)",
    "dict_type": "un dictionnaire (clé : valeur)",
    "model_type": "un dictionnaire (clé : valeur)",
    "model_attributes_type": "un dictionnaire (clé : valeur)",
}


def _message(error: Mapping[str, Any], model: type[BaseModel], path: Path, rest: Any) -> tuple[str, str, bool]:
    """(code, message, point at the key?) for one pydantic error."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if rest == "[key]":
        if kind == "value_error":
            return "CLS024", f"clé invalide : {ctx.get('error', error.get('msg'))}", True
        expected = _TYPE_NAMES.get(kind, "une clé valide")
        return "CLS022", f"la clé « {value} » doit être {expected}", True
    if kind == "extra_forbidden":
        key = path[-1] if path else rest
        parent = path[:-1]
        allowed = allowed_keys(model, parent)
        hint = _suggest(key, allowed)
        if not hint and allowed:
            hint = " ; clés possibles : " + ", ".join(allowed)
        return "CLS020", f"clé inconnue « {key} »{hint}", True
    if kind == "missing":
        return "CLS021", f"champ obligatoire « {rest} » absent", False
    if kind in ("literal_error", "enum"):
        allowed = allowed_values(model, path) or [ctx.get("expected", "")]
        shown = ", ".join(str(v) for v in allowed)
        return "CLS023", f"valeur « {value} » non autorisée ; valeurs possibles : {shown}{_suggest(value, allowed)}", False
    if kind in _TYPE_NAMES:
        return "CLS022", f"{_TYPE_NAMES[kind]} est attendu, pas {describe(value)}", False
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return "CLS024", f"valeur {value} trop petite (minimum : {limit})", False
    if kind in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt"))
        return "CLS024", f"valeur {value} trop grande (maximum : {limit})", False
    if kind in ("string_too_short", "too_short"):
        return "CLS024", "valeur vide : écrivez un texte ou retirez la clé", False
    if kind == "value_error":
        return "CLS024", str(ctx.get("error", error.get("msg"))), False
    return "CLS024", f"valeur invalide : {error.get('msg')}", False


def to_problems(exc: ValidationError, data: Any, positions: dict[Path, Pos],
                model: type[BaseModel]) -> list[tuple[str, tuple[int, int], str, str]]:
    """``(code, (line, column), message, path)`` for each distinct error, in file order."""
    seen: set = set()
    out = []
    errors = exc.errors(include_url=False)
    # A number may be int or float: report the float alternative, which says more.
    floats = {resolve_path(data, e["loc"])[0] for e in errors if e["type"].startswith("float_")}
    for error in errors:
        path, rest = resolve_path(data, error["loc"])
        if error["type"].startswith("int_") and path in floats:
            continue
        code, message, at_key = _message(error, model, path, rest)
        full_path = path + ((rest,) if code == "CLS021" else ())
        ident = (path, code)
        if ident in seen:
            continue
        seen.add(ident)
        pos = position(positions, path, at_key=at_key)
        out.append((code, pos, message, format_path(full_path)))
    out.sort(key=lambda item: item[1])
    return out
