"""The one rule of every command that reads the files (report, status, calendar, export, compare).

1. Read leniently: every part that could be read is used. A file that does not validate as a
   whole still gives the parts that do (:attr:`~clstool.yamlio.load.SourceFile.usable`); only a
   file that cannot be read at all (YAML syntax, rights, size) is left out, and it is named.
2. Check as ``clstool validate`` does: the same diagnostics, filtered by the same configuration
   and ``# clstool: disable`` comments. Each file gets its errors as short French texts
   (:attr:`~clstool.yamlio.load.SourceFile.errors`), which the outputs show in place (« Fiche
   incomplète : ligne 5, colonne 3 : … »).
3. The command writes its output, then lists the errors on stderr and exits with 1 when there
   are any. Warnings do not change the exit code.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from clstool.lint.run import ValidationResult, validate_project
from clstool.model.diagnostic import Diagnostic, Severity
from clstool.yamlio.load import Project, Territory, load


@dataclass
class Reading:
    """The files a command read, and what ``clstool validate`` says of them."""

    project: Project
    result: ValidationResult

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.result.diagnostics


def read(paths: list[str]) -> Reading:
    """Load the territories and files designated by ``paths`` and check them."""
    project = load(paths)
    return Reading(project, check(project))


def check(project: Project) -> ValidationResult:
    """What ``clstool validate`` says of the loaded ``project``; each file's errors are noted
    on it for the outputs to show in place."""
    result = validate_project(project)
    mark(project.territories, result.diagnostics)
    return result


def check_territory(territory: Territory) -> list[Diagnostic]:
    """:func:`check` for one territory loaded on its own (commands that stream territories)."""
    return check(Project([territory])).diagnostics


def mark(territories: list[Territory], diagnostics: list[Diagnostic]) -> None:
    by_file: dict[str, list[str]] = defaultdict(list)
    for d in diagnostics:
        if d.severity is Severity.ERROR:
            by_file[d.file].append(in_place(d))
    for territory in territories:
        for source in territory.files:
            source.errors = by_file.get(source.display, [])


def in_place(d: Diagnostic) -> str:
    """An error as an output shows it where the missing part would be."""
    return f"ligne {d.line}, colonne {d.column} : {d.message} ({d.code})"


def as_result(diagnostics: list[Diagnostic]) -> ValidationResult:
    """The errors among ``diagnostics`` in the shape the text format of validate prints."""
    errors = sorted(d for d in diagnostics if d.severity is Severity.ERROR)
    files = sorted({d.file for d in errors})
    return ValidationResult(files=len(files), fiches=0, diagnostics=errors, file_names=files)
