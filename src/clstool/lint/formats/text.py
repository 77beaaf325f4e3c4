"""Render validation results: ``text`` for people, ``json`` for tools (docs/regles.md#sortie-json).

In ``text``, the file names and messages (which quote the files' values) show their control
characters written out (:func:`clstool.printable.visible`): one problem stays on one line, and
no escape sequence from a file reaches the terminal or the CI log. ``json`` escapes them itself."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from clstool.lint.run import ValidationResult
from clstool.model.diagnostic import Diagnostic, Severity
from clstool.printable import json_safe, visible

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class Line:
    """One line of the text output: pieces of text, each with its rich style ("" for none).

    Plain (:attr:`plain`) for a pipe, a file or a CI log; a :class:`rich.text.Text` only when a
    terminal prints it (``__rich__``), so that a run whose output is not a terminal never
    imports rich (a tenth of the start of ``clstool validate`` on one fiche)."""

    __slots__ = ("parts",)

    def __init__(self, text: str = "", style: str = ""):
        self.parts: list[tuple[str, str]] = [(text, style)] if text else []

    def append(self, text: str, style: str = "") -> None:
        self.parts.append((text, style))

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.parts)

    def __rich__(self) -> Any:
        from rich.text import Text

        return Text.assemble(*self.parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def summary_line(result: ValidationResult) -> str:
    where = f"{_plural(result.files, 'fichier')}, {_plural(result.fiches, 'fiche')}"
    errors, warnings, infos = (result.count(s) for s in Severity)
    if not (errors or warnings or infos):
        return f"Aucun problème ({where})."
    parts = [_plural(errors, "erreur"), _plural(warnings, "avertissement")]
    if infos:
        parts.append(_plural(infos, "info"))
    return f"Trouvé : {', '.join(parts)} ({where})."


def code_counts(result: ValidationResult) -> str:
    """``CLS203 ×4, CLS215 ×16``: how many problems of each code, in code order."""
    counts = Counter(d.code for d in result.diagnostics)
    return ", ".join(f"{code} ×{n}" for code, n in sorted(counts.items()))


def text_lines(result: ValidationResult) -> Iterator[Line]:
    """One line per problem, ``file:line:col: severity code message`` (a form editors and
    terminals turn into links), grouped by file with a blank line between files; then the count
    per code and the summary line."""
    previous = None
    for d in result.diagnostics:
        if previous is not None and d.file != previous:
            yield Line()
        previous = d.file
        line = Line()
        line.append(f"{visible(d.file)}:{d.line}:{d.column}:", style="bold")
        line.append(" ")
        line.append(d.severity.label, style=_STYLE[d.severity])
        line.append(" ")
        line.append(d.code, style="bold magenta")
        line.append(" ")
        line.append(visible(d.message))
        yield line
    if result.diagnostics:
        yield Line()
        yield Line(f"Par code : {code_counts(result)}")
    yield Line(summary_line(result), style="bold")


def _diagnostic_json(d: Diagnostic, text=encode_basestring) -> str:
    """``json.dumps(d.to_json(), ensure_ascii=False)``, byte for byte (a test checks it), with
    json's C string encoder and no encoder set up per diagnostic: a national run has 35,000."""
    return (f'{{"file": {text(d.file)}, "line": {d.line}, "column": {d.column}, '
            f'"severity": "{d.severity.value}", "code": {text(d.code)}, "path": {text(d.path)}, '
            f'"message": {text(d.message)}}}')


def to_json(result: ValidationResult) -> str:
    """One JSON object (docs/regles.md#sortie-json), one diagnostic per line: readable, and fast (``indent``
    would switch to json's pure-Python encoder, slow on a national corpus)."""
    out = json.dumps(result.head(), ensure_ascii=False)[:-1]
    if not result.diagnostics:
        return json_safe(out + ', "diagnostics": []}')
    items = ",\n  ".join(map(_diagnostic_json, result.diagnostics))
    return json_safe(out + f', "diagnostics": [\n  {items}\n]}}')
