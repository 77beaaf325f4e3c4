"""Inline suppressions: ``# clstool: disable=CODE`` comments in the YAML files.

- ``# clstool: disable=CLS203`` at the end of a line silences those codes on that line and on
  every line below it that belongs to that key (a comment on ``participation_citoyenne:``
  covers ``participation_citoyenne.reponse``); on a line of its own, it applies to the next
  line that holds a key or a value.
- ``# clstool: disable-file=CLS203`` in the comments at the top of the file, before the first
  key, silences the codes in the whole file.

Several codes are separated by commas; rule names (``participation-non-renseignee``) and code
prefixes (``CLS2``) are accepted as in the configuration. A comment that names an unknown code,
an unknown directive, or a ``disable-file`` below the first key is reported (``CLS030``): a
suppression that silently does nothing would be a trap. The line structure is read from the
indentation, which is how block YAML nests keys; a ``#`` inside a quoted value is not a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from clstool.errors import InputError
from clstool.lint.config import matches, resolve_selector
from clstool.model.diagnostic import Diagnostic, make
from clstool.yamlio.load import SourceFile

_DIRECTIVE = re.compile(r"#\s*clstool\s*:\s*(?P<kind>[\w-]+)\s*(?:=\s*(?P<codes>[^#]*))?", re.IGNORECASE)
DIRECTIVES = ("disable", "disable-file")
_ANY = re.compile(r"#\s*clstool\s*:", re.IGNORECASE)  # the fast path: most files have none


def comment_start(line: str) -> int | None:
    """Index of the ``#`` that starts a comment on ``line`` (YAML: at the start of the line or
    after a space, and not inside a quoted scalar), or None."""
    quote = None
    previous = " "
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                if quote == "'" and line[index + 1:index + 2] == "'":  # '' inside '…'
                    continue
                if quote == '"' and line[index - 1] == "\\":
                    continue
                quote = None
        elif char in "'\"" and previous in " \t[{,:-" and _opens_scalar(line, index):
            quote = char
        elif char == "#" and previous in " \t":
            return index
        previous = char
    return None


def _opens_scalar(line: str, index: int) -> bool:
    """A quote opens a quoted scalar only where a value starts: first thing on the line (after
    ``- ``), after ``: ``, or inside ``[…]``/``{…}`` after an opening bracket or a comma."""
    before = line[:index].rstrip()
    return before == "" or before.endswith((":", "-", "[", "{", ","))


def indent_of(line: str) -> int:
    """The number of spaces that start ``line``."""
    return len(line) - len(line.lstrip(" "))


@dataclass
class Suppressions:
    #: line → selectors silenced on that line and the lines under it
    lines: dict[int, tuple[str, ...]] = field(default_factory=dict)
    file_wide: tuple[str, ...] = ()
    problems: list[Diagnostic] = field(default_factory=list)
    _text_lines: list[str] = field(default_factory=list, repr=False)

    def covers(self, diagnostic: Diagnostic) -> bool:
        if matches(diagnostic.code, self.file_wide, False):
            return True
        if not self.lines:
            return False
        for line in self._ancestry(diagnostic.line):
            codes = self.lines.get(line)
            if codes and matches(diagnostic.code, codes, False):
                return True
        return False

    def _ancestry(self, line: int):
        """``line`` and the lines of the keys it is nested in."""
        lines = self._text_lines
        yield line
        if not 1 <= line <= len(lines):
            return
        current = indent_of(lines[line - 1])
        for number in range(line - 1, 0, -1):
            text = lines[number - 1]
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            indent = indent_of(text)
            if indent < current:
                yield number
                current = indent
                if indent == 0:
                    return


def parse(source: SourceFile) -> Suppressions:
    """The suppressions written in ``source`` (and the ``CLS030`` problems with them)."""
    found = Suppressions()
    text = source.text
    if not _ANY.search(text):
        return found
    lines = text.split("\n")
    found._text_lines = lines
    in_header = True
    pending: list[tuple[str, ...]] = []  # full-line directives waiting for their line
    file_wide: list[str] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        own_line = stripped.startswith("#")
        if stripped and not own_line:
            in_header = False
            if pending:
                found.lines[number] = tuple(c for codes in pending for c in codes) + found.lines.get(number, ())
                pending = []
        if "clstool" not in line:
            continue
        start = comment_start(line)
        if start is None:
            continue
        match = _DIRECTIVE.search(line, start)
        if not match:
            continue
        kind = match.group("kind").lower()
        column = match.start() + 1
        if kind not in DIRECTIVES:
            found.problems.append(make(source.display, (number, column), "CLS030",
                                       f"directive « clstool: {kind} » inconnue (disable=… ou disable-file=…)"))
            continue
        codes = _codes(source, number, line, match, found)
        if not codes:
            continue
        if kind == "disable-file":
            if in_header:
                file_wide.extend(codes)
            else:
                found.problems.append(make(source.display, (number, column), "CLS030",
                                           "« disable-file » ne vaut qu'en tête du fichier, avant la "
                                           "première clé : utilisez « disable » sur la ligne, ou "
                                           "déplacez le commentaire"))
        elif own_line:
            pending.append(codes)
        else:
            found.lines[number] = found.lines.get(number, ()) + codes
    found.file_wide = tuple(file_wide)
    return found


def _codes(source: SourceFile, number: int, line: str, match: re.Match, found: Suppressions) -> tuple[str, ...]:
    raw = match.group("codes") or ""
    out: list[str] = []
    offset = match.start("codes") if match.group("codes") is not None else match.end()
    if not raw.strip():
        found.problems.append(make(source.display, (number, match.start() + 1), "CLS030",
                                   "aucun code après « = » : écrivez par ex. disable=CLS203"))
        return ()
    for item in re.finditer(r"[^,\s]+", raw):
        try:
            out.append(resolve_selector(item.group(), "commentaire"))
        except InputError:
            found.problems.append(make(source.display, (number, offset + item.start() + 1), "CLS030",
                                       f"code inconnu « {item.group()} » dans le commentaire clstool "
                                       "(la liste : clstool rules)"))
    return tuple(out)


def apply(source: SourceFile, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` of ``source`` minus the suppressed ones, plus the CLS030 problems."""
    found = parse(source)
    kept = [d for d in diagnostics if not found.covers(d)]
    return kept + found.problems
