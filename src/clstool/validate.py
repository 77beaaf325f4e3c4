"""``clstool validate``: load every file, run the cross-file checks, filter and count."""

from __future__ import annotations

from dataclasses import dataclass, field

from .checks import check_territory
from .diagnostics import Diagnostic, Severity
from .loader import Project, load


@dataclass
class ValidationResult:
    files: int
    fiches: int
    diagnostics: list[Diagnostic] = field(default_factory=list)

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


def _selected(code: str, select: list[str] | None, ignore: list[str] | None) -> bool:
    """Codes match by prefix, like ruff: ``CLS2`` covers every lint rule."""
    if select and not any(code.startswith(s) for s in select):
        return False
    return not (ignore and any(code.startswith(i) for i in ignore))


def validate_project(project: Project, select: list[str] | None = None,
                     ignore: list[str] | None = None) -> ValidationResult:
    for territory in project.territories:
        check_territory(territory)
    reported = project.reported_files
    diagnostics = sorted(
        d for f in reported for d in f.diagnostics if _selected(d.code, select, ignore)
    )
    return ValidationResult(
        files=len(reported),
        fiches=sum(1 for f in reported if f.kind == "fiche"),
        diagnostics=diagnostics,
    )


def validate(paths: list[str], select: list[str] | None = None,
             ignore: list[str] | None = None) -> ValidationResult:
    """Validate the territories and files designated by ``paths``."""
    return validate_project(load(paths), select, ignore)
