"""Write data as YAML in clstool's canonical style (shared by ``new``, ``import tet`` and ``fmt``).

The canonical style is the one of the files in ``data/``:

- 2-space indentation; list items indented 2 under their key (``  - item``);
- one line per value, never wrapped (a multi-line text is written ``"…\\n…"``);
- plain scalars where YAML allows them, otherwise double quotes (never single quotes);
- the values of ``id`` and ``axe`` always double-quoted (``id: "1-1"``), so an id never
  turns into a number;
- keys in the order given: callers pass data built in model-field order (:func:`model_data`).

:func:`canonical_yaml` returns a configured ``ruamel.yaml.YAML`` (round-trip mode: it keeps
comments, so ``fmt`` can load and dump with it); :func:`dump` turns data into text;
:func:`schema_line` is the ``# yaml-language-server: $schema=…`` first line.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

#: Keys whose text value is always double-quoted.
ID_KEYS = frozenset({"id", "axe"})


class _Emitter(Emitter):
    """Double quotes wherever ruamel would choose single quotes."""

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def canonical_yaml() -> YAML:
    """A round-trip ``YAML`` instance that writes the canonical style."""
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1_000_000  # never wrap a line
    yaml.allow_unicode = True
    yaml.Emitter = _Emitter
    return yaml


def quote_ids(data: Any) -> Any:
    """A copy of ``data`` where the ``id`` and ``axe`` values that start with a digit are
    double-quoted (``"1-1"``, ``"3"``; ``P1`` stays plain): the rule of ``clstool fmt``, so
    what ``new`` and ``import tet`` write is already canonical."""
    if isinstance(data, dict):
        return {k: (DoubleQuotedScalarString(v) if k in ID_KEYS and isinstance(v, str) and v[:1].isdigit()
                    else quote_ids(v))
                for k, v in data.items()}
    if isinstance(data, list):
        return [quote_ids(v) for v in data]
    return data


def dump(data: Any, header: str | None = None) -> str:
    """``data`` (dicts, lists, scalars) as canonical YAML text, after an optional comment line."""
    out = io.StringIO()
    if header:
        out.write(header.rstrip("\n") + "\n")
    canonical_yaml().dump(quote_ids(data), out)
    return out.getvalue()


def model_data(model: BaseModel) -> dict:
    """A validated model as plain data in model-field order, without the values left at their
    default (empty lists, ``None``, ``sens: hausse``…): what a canonical file holds."""
    # warnings=False: the callable discriminators of models.py make pydantic warn needlessly
    return model.model_dump(mode="python", exclude_defaults=True, warnings=False)


def write_schemas(folder: str | os.PathLike) -> tuple[list[Path], list[Path]]:
    """Write this clstool's ``schemas/<kind>.schema.json`` in ``folder`` (those missing or
    different): (written, kept). The one writer of the schemas (``init``, ``new``, ``import``)."""
    from clstool.fsutil import atomic_write
    from clstool.model.schema import KINDS, file_name, schema_text

    written, kept = [], []
    for kind in KINDS:
        target = Path(folder) / "schemas" / file_name(kind)
        text = schema_text(kind)
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            kept.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, text)
        written.append(target)
    return written, kept


def ensure_schema_line(target: str | os.PathLike, kind: str, territory: str | os.PathLike) -> str:
    """The ``# yaml-language-server: $schema=…`` line for a file about to be written at
    ``target`` in the territory folder ``territory``, that resolves wherever the repository
    is cloned: the nearest ``schemas/`` above it (:func:`schema_line`); when there is none, the
    schemas are first written at the root of the git repository holding the territory, or
    outside git beside the territory (in its parent folder), as ``clstool init`` does."""
    line = schema_line(target, kind)
    if line is not None:
        return line
    from clstool.fsutil import repository_root

    folder = Path(territory).resolve()
    write_schemas(repository_root(folder) or folder.parent)
    line = schema_line(target, kind)
    assert line is not None
    return line


def schema_line(target: str | os.PathLike, kind: str) -> str | None:
    """The ``# yaml-language-server: $schema=…`` line for a file about to be written at
    ``target`` (``kind``: ``fiche`` or ``contrat``), pointing at the nearest
    ``schemas/<kind>.schema.json`` in a parent folder; ``None`` when there is none."""
    target = Path(target).resolve()
    for folder in target.parents:
        schema = folder / "schemas" / f"{kind}.schema.json"
        if schema.is_file():
            relative = os.path.relpath(schema, target.parent).replace(os.sep, "/")
            return f"# yaml-language-server: $schema={relative}"
    return None
