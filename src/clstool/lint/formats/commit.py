"""The text output of ``clstool validate --pre-commit``: the files being committed first, in
full; then the other files of their territories, errors in full (they block the commit too)
and the rest summarised in one line, so that the two errors of the touched file are not
buried among twenty warnings about untouched ones."""

from __future__ import annotations

import os
from collections.abc import Iterator

from clstool.lint.formats.text import Line, _plural, text_lines
from clstool.lint.run import ValidationResult
from clstool.model.diagnostic import Severity


def _subset(result: ValidationResult, diagnostics: list) -> ValidationResult:
    files = {d.file for d in diagnostics}
    return ValidationResult(files=len(files), fiches=0, diagnostics=diagnostics)


def commit_lines(result: ValidationResult, committed: set[str]) -> Iterator[Line]:
    """Lines for ``result`` when ``committed`` (normalised paths) are the files of the commit."""
    mine = [d for d in result.diagnostics if os.path.normpath(d.file) in committed]
    others = [d for d in result.diagnostics if os.path.normpath(d.file) not in committed]
    blocking = [d for d in others if d.severity is Severity.ERROR]
    rest = [d for d in others if d.severity is not Severity.ERROR]
    shown = len(committed)
    yield Line(f"Fichiers de ce commit ({shown}) :", style="bold")
    if mine:
        yield from list(text_lines(_subset(result, mine)))[:-3]  # without the counts: they follow
        yield Line("")
    errors = sum(1 for d in mine if d.severity is Severity.ERROR)
    warnings = len(mine) - errors
    yield Line(f"  {_plural(errors, 'erreur')}, {_plural(warnings, 'avertissement')}"
               if mine else "  aucun problème", style="bold")
    if blocking:
        yield Line("")
        yield Line("Erreurs dans d'autres fichiers (elles bloquent aussi le commit) :", style="bold red")
        yield from list(text_lines(_subset(result, blocking)))[:-3]
    if rest:
        files = len({d.file for d in rest})
        yield Line("")
        yield Line(f"Autres fichiers : {_plural(len(rest), 'avertissement')} dans {_plural(files, 'fichier')} "
                   "(détail : clstool validate).")
