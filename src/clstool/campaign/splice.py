"""Writing ``suivi: <année>:`` into a fiche's text, and nothing else.

The year's block is rendered by the project's canonical writer (ruamel.yaml,
:mod:`clstool.yamlio.write`) and put in the text at its place, found with clstool's own reader
(the line and column of every key): the lines of that year when it
exists, else before the first later year (with the comments just above it), else at the end of
``suivi:``, else a new ``suivi:`` at the end of the file. Every other byte of the file is kept:
comments, order, quoting, line ends. The result is checked with clstool's own reader: it must
hold exactly the old data with the new year, or :class:`SpliceError` is raised.
"""

from __future__ import annotations

import re
from typing import Any

from clstool.model.documents import Fiche, SuiviAnnee
from clstool.yamlio.read import YamlError, read_yaml
from clstool.yamlio.write import dump, model_data


class SpliceError(Exception):
    """The text cannot be edited safely; ``str()`` says why, in French."""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The index after the lines that belong to the key at ``start`` (trailing comments and
    blank lines at ``indent`` or less are left to what follows)."""
    end = start + 1
    while end < len(lines) and (_is_filler(lines[end]) or _indent(lines[end]) > indent):
        end += 1
    while end - 1 > start and _is_filler(lines[end - 1]) and (
            not lines[end - 1].strip() or _indent(lines[end - 1]) <= indent):
        end -= 1
    return end


def _above(lines: list[str], start: int, indent: int) -> int:
    """``start`` moved up over the comments just above it, at its indentation."""
    while start > 0 and lines[start - 1].strip().startswith("#") and _indent(lines[start - 1]) == indent:
        start -= 1
    return start


def block_data(suivi: SuiviAnnee) -> dict:
    """The year's follow-up as canonical data; déclinaison keys « 1 » written as numbers."""
    data = model_data(suivi)
    if "declinaisons" in data:
        data["declinaisons"] = {int(k) if k.isdigit() else k: v for k, v in data["declinaisons"].items()}
    return data


def render(year: int, suivi: SuiviAnnee, indent: int, newline: str) -> list[str]:
    text = dump({year: block_data(suivi)})
    return [" " * indent + line + newline for line in text.splitlines()]


def _read(text: str) -> Any:
    try:
        return read_yaml(text.encode("utf-8"))
    except YamlError as exc:
        raise SpliceError(f"YAML illisible ({exc.problem.message}) : lancez clstool validate") from None


_EMPTY_SUIVI = re.compile(r"^suivi:[ \t]*(?:\{[ \t]*\}|~|null)?[ \t]*(#.*)?$")


def splice(text: str, year: int, suivi: SuiviAnnee | None) -> str:
    """``text`` with ``suivi.<year>`` set to ``suivi`` (removed when None). The places come
    from clstool's own reader (1-based lines and columns of every key)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    doc = _read(text)
    if not isinstance(doc.data, dict):
        raise SpliceError("le fichier n'est pas une fiche (pas de clés au premier niveau)")
    if "suivi" not in doc.data:
        if suivi is None:
            return text
        return "".join(lines + ["suivi:" + newline] + render(year, suivi, 2, newline))
    key_line, key_col, value_line, value_col = doc.positions[("suivi",)]
    at = key_line - 1
    node = doc.data["suivi"]
    if key_col != 1:
        raise SpliceError("« suivi: » n'est pas au premier niveau : lancez clstool fmt puis recommencez")
    if not node:
        match = _EMPTY_SUIVI.match(lines[at].rstrip("\r\n"))
        if match is None:
            raise SpliceError("« suivi: » écrit d'une façon que clstool ne sait pas compléter : "
                              "lancez clstool fmt puis recommencez")
        if suivi is None:
            return text
        comment = f"  {match.group(1)}" if match.group(1) else ""
        lines[at: at + 1] = ["suivi:" + comment + newline] + render(year, suivi, 2, newline)
        return "".join(lines)
    flow = value_line == key_line and lines[at][value_col - 1:].lstrip().startswith("{")
    if not isinstance(node, dict) or flow:
        raise SpliceError("« suivi: » écrit sur une ligne ({…}) : lancez clstool fmt puis recommencez")
    years = list(node)
    child = doc.positions[("suivi", years[0])][1] - 1
    block = render(year, suivi, child, newline) if suivi is not None else []
    if year in node:
        start = doc.positions[("suivi", year)][0] - 1
        lines[start:_block_end(lines, start, child)] = block
    else:
        later = [y for y in years if isinstance(y, int) and y > year]
        if later:
            start = _above(lines, doc.positions[("suivi", min(later))][0] - 1, child)
        else:
            start = _block_end(lines, at, 0)
        lines[start:start] = block
    return "".join(lines)


def checked_splice(text: str, year: int, suivi: SuiviAnnee | None) -> str:
    """:func:`splice`, then proof that only ``suivi.<year>`` changed."""
    new = splice(text, year, suivi)
    try:
        before, after = read_yaml(text.encode("utf-8")).data, read_yaml(new.encode("utf-8")).data
    except YamlError as exc:
        raise SpliceError(f"écriture refusée : le résultat ne se relit pas ({exc.problem.message})") from None
    old_years = dict(before.get("suivi") or {})
    new_years = dict(after.get("suivi") or {})
    old_years.pop(year, None)
    got = new_years.pop(year, None)
    rest_before = {k: v for k, v in before.items() if k != "suivi"}
    rest_after = {k: v for k, v in after.items() if k != "suivi"}
    fine = rest_before == rest_after and old_years == new_years
    if fine:
        model = Fiche.model_validate(after).suivi.get(year) if got is not None else None
        fine = model == suivi
    if not fine:
        raise SpliceError("écriture refusée : le fichier modifié ne contiendrait pas exactement le suivi "
                          "attendu (mise en page inhabituelle) ; lancez clstool fmt puis recommencez")
    return new
