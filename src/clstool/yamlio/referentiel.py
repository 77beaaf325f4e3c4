"""Finding and reading the regional référentiel (:mod:`clstool.model.referentiel`).

The référentiel of a territory is the nearest ``referentiel.yaml`` in its folder or a folder
above it. A broken référentiel stops the command with its position (exit 2): every fiche of
every territory below it depends on it, so no finding about them would mean anything.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from clstool.errors import InputError
from clstool.fsutil import read_bounded, reason
from clstool.model.vocabulary import FICHIER_REFERENTIEL as NOM_FICHIER

if TYPE_CHECKING:  # the model is imported to read a référentiel, not to find it (warm validate)
    from clstool.model.referentiel import Referentiel

#: a référentiel is a list of objectives, not a corpus: bounded before reading
MAX_BYTES = 2 * 1024 * 1024


def find(folder: Path) -> Path | None:
    """The nearest référentiel at or above ``folder``."""
    start = folder.resolve()
    for candidate in (start, *start.parents):
        if (candidate / NOM_FICHIER).is_file():
            return candidate / NOM_FICHIER
    return None


def key(folder: Path) -> str:
    """What the findings of a territory owe to its référentiel (for the lint cache)."""
    import hashlib

    path = find(folder)
    if path is None:
        return ""
    try:  # its content, as for every file the cache keys on: never its size and date
        return f"{path}:{hashlib.blake2b(read_bounded(path, MAX_BYTES), digest_size=16).hexdigest()}"
    except OSError:
        return f"{path}:illisible"


def read(path: Path, shown: str | None = None) -> Referentiel:
    """The référentiel in ``path``; :class:`InputError` with « file:line:col » if it is wrong."""
    from clstool.fsutil import FileTooLarge

    shown = shown or str(path)
    try:
        raw = read_bounded(path, MAX_BYTES)
    except FileTooLarge:
        raise InputError(f"{shown} : référentiel trop volumineux (maximum {MAX_BYTES // (1024 * 1024)} Mo)") from None
    except OSError as exc:
        raise InputError(f"{shown} : référentiel illisible ({reason(exc)})") from None
    return _parse(raw, shown)


def _parse(raw: bytes, shown: str) -> Referentiel:
    from pydantic import ValidationError

    from clstool.model.referentiel import Referentiel
    from clstool.yamlio.read import YamlError, read_yaml
    from clstool.yamlio.schema_errors import position, to_problems

    try:
        doc = read_yaml(raw)
    except YamlError as exc:
        p = exc.problem
        raise InputError(f"{shown}:{p.line}:{p.column} : {p.message}") from None
    if doc.problems:
        p = doc.problems[0]
        raise InputError(f"{shown}:{p.line}:{p.column} : {p.message}")
    if doc.data is None:
        raise InputError(f"{shown}:1:1 : référentiel vide (il faut intitule et objectifs)")
    try:
        model = Referentiel.model_validate(doc.data)
    except ValidationError as exc:
        lines = [f"{shown}:{line}:{column} : {message}"
                 for _, (line, column), message, _ in to_problems(exc, doc.data, doc.positions, Referentiel)]
        raise InputError("référentiel invalide\n" + "\n".join(lines)) from None
    seen: dict[str, int] = {}
    for index, objectif in enumerate(model.objectifs):
        if objectif.code in seen:
            line, column = position(doc.positions, ("objectifs", index, "code"))
            raise InputError(f"{shown}:{line}:{column} : code « {objectif.code} » déjà utilisé "
                             f"(objectif {seen[objectif.code] + 1})")
        seen[objectif.code] = index
    return model


@lru_cache(maxsize=64)
def _cached(path: Path, stamp: tuple[int, int]) -> Referentiel:
    return read(path)


def for_folder(folder: Path) -> tuple[Referentiel | None, Path | None]:
    """The référentiel that applies to a territory at ``folder`` (read once per run), and its path."""
    path = find(folder)
    if path is None:
        return None, None
    st = path.stat()
    return _cached(path, (st.st_size, st.st_mtime_ns)), path
