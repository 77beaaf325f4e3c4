"""The readable parts of a file that does not validate as a whole.

The commands that read the files (report, status, calendar, export) show every part that could
be read: an unknown key in a fiche must not drop the fiche, a meeting date written
``20/06/2024`` must not drop the contract. :func:`salvage` cuts out, at each place pydantic
names, the value in error (an unknown key, a bad value, a mapping that lacks a required key)
and validates again, until the rest validates. The cut is the smallest that pydantic accepts:
a bad date removes that meeting, not the governance body; a missing title removes the fiche
(nothing is left to show under its name). Nothing is ever filled in: a cut part is absent, and
the errors that ``clstool validate`` gives say where.
"""

from __future__ import annotations

import copy
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from clstool.yamlio.schema_errors import resolve_path

M = TypeVar("M", bound=BaseModel)

#: one cut per round at least; a fiche has far fewer nested levels than this
MAX_ROUNDS = 64

_CUT = object()


def salvage(model: type[M], data: Any) -> M | None:
    """``model`` built from what validates in ``data`` (left untouched), or ``None`` when the
    root itself is in error (a required key of the file missing, or not a mapping)."""
    if not isinstance(data, dict):
        return None
    current = copy.deepcopy(data)
    for _ in range(MAX_ROUNDS):
        try:
            return model.model_validate(current)
        except ValidationError as exc:
            # the mapping that lacks a required key, the entry whose key is wrong, the value in error
            targets = {resolve_path(current, tuple(e["loc"]))[0] for e in exc.errors()}
        if () in targets:
            return None
        cut: list[tuple] = []
        for path in sorted(targets, key=len):  # a value inside a part already cut goes with it
            if not any(path[: len(done)] == done for done in cut):
                _mark(current, path)
                cut.append(path)
        current = _sweep(current)
    return None


def _get(data: Any, path: tuple) -> Any:
    for element in path:
        data = data[element]
    return data


def _mark(data: Any, path: tuple) -> None:
    parent = _get(data, path[:-1])
    parent[path[-1]] = _CUT


def _sweep(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sweep(v) for k, v in value.items() if v is not _CUT}
    if isinstance(value, list):
        return [_sweep(v) for v in value if v is not _CUT]
    return value
