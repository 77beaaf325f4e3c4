"""``clstool validate``: load every file, run the cross-file checks and the lint rules, filter
(configuration, command line, ``# clstool: disable`` comments) and count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import suppressions
from .checks import check_territory
from .diagnostics import Diagnostic, Severity
from .lintconfig import Layer, SettingsResolver
from .loader import Project, load
from .rules import run_rules


@dataclass
class ValidationResult:
    files: int
    fiches: int
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: every reported file, as displayed (for the formats that list the files without problems)
    file_names: list[str] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def summary(self) -> dict[str, int]:
        return {s.value: self.count(s) for s in Severity}

    def failed(self, strict: bool = False) -> bool:
        return self.count(Severity.ERROR) > 0 or (strict and self.count(Severity.WARNING) > 0)

    def to_json(self) -> dict:
        return {
            "version": 1,
            "files": self.files,
            "fiches": self.fiches,
            "summary": self.summary,
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }


def validate_project(project: Project, select: list[str] | None = None,
                     ignore: list[str] | None = None, *, extend_select: list[str] | None = None,
                     severity: dict[str, str] | None = None, today: dt.date | None = None,
                     config: str | None = None) -> ValidationResult:
    """Run the cross-file checks, then the lint rules, on every territory of ``project``; keep
    what the configuration, the command line (``select``, ``extend_select``, ``ignore``,
    ``severity``: they override the file) and the ``# clstool: disable`` comments let through.

    Codes match by prefix, like ruff (``CLS2`` covers every lint rule, except the opt-in ones:
    see :mod:`clstool.lintconfig`). ``today`` is the reference date of the rules about
    follow-up (default: today); ``config`` names a configuration file instead of looking for
    one above each territory. Raises :class:`~clstool.loader.UsageError` for an unknown code or
    a bad configuration."""
    resolver = SettingsResolver(Layer.build("ligne de commande", select=select, extend_select=extend_select,
                                            ignore=ignore, severity=severity), config)
    reference = today or dt.date.today()
    diagnostics: list[Diagnostic] = []
    for territory in project.territories:
        check_territory(territory)
        settings = resolver.for_folder(territory.root)
        run_rules(territory, settings.rules(), reference)
        for f in territory.files:
            if not f.reference_only:
                diagnostics += settings.apply(suppressions.apply(f, f.diagnostics), f.path)
    reported = project.reported_files
    return ValidationResult(
        files=len(reported),
        fiches=sum(1 for f in reported if f.kind == "fiche"),
        diagnostics=sorted(diagnostics),
        file_names=[f.display for f in reported],
    )


def validate(paths: list[str], select: list[str] | None = None,
             ignore: list[str] | None = None, **options) -> ValidationResult:
    """Validate the territories and files designated by ``paths`` (options: see
    :func:`validate_project`)."""
    return validate_project(load(paths), select, ignore, **options)
