"""``clstool validate``: load every file, run the cross-file checks and the lint rules, filter
(configuration, command line, ``# clstool: disable`` comments) and count."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from . import suppressions
from .checks import check_territory
from .diagnostics import Diagnostic, Severity
from .cache import Cache, territory_key
from .lintconfig import Layer, Settings, SettingsResolver
from .loader import Project, SourceFile, Territory, discover, load_file
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


def _resolver(select=None, ignore=None, extend_select=None, severity=None,
              config: str | None = None) -> SettingsResolver:
    """Settings from the command line (``select``… override the configuration file)."""
    return SettingsResolver(Layer.build("ligne de commande", select=select, extend_select=extend_select,
                                        ignore=ignore, severity=severity), config)


def _diagnose(territory: Territory, settings: Settings, reference: dt.date) -> list[Diagnostic]:
    """Cross-file checks and lint rules on a loaded territory; the diagnostics of its reported
    files that the settings and the ``# clstool: disable`` comments let through."""
    check_territory(territory)
    run_rules(territory, settings.rules(), reference)
    out: list[Diagnostic] = []
    for f in territory.files:
        if not f.reference_only:
            out += settings.apply(suppressions.apply(f, f.diagnostics), f.path)
    return out


def _result(parts: list[tuple[list[SourceFile], list[Diagnostic]]]) -> ValidationResult:
    reported = [f for files, _ in parts for f in files if not f.reference_only]
    return ValidationResult(
        files=len(reported),
        fiches=sum(1 for f in reported if f.kind == "fiche"),
        diagnostics=sorted(d for _, found in parts for d in found),
        file_names=[f.display for f in reported],
    )


def validate_project(project: Project, select: list[str] | None = None,
                     ignore: list[str] | None = None, *, extend_select: list[str] | None = None,
                     severity: dict[str, str] | None = None, today: dt.date | None = None,
                     config: str | None = None) -> ValidationResult:
    """Run the cross-file checks, then the lint rules, on every territory of an already
    loaded ``project``; keep what the configuration, the command line (``select``,
    ``extend_select``, ``ignore``, ``severity``: they override the file) and the
    ``# clstool: disable`` comments let through.

    Codes match by prefix, like ruff (``CLS2`` covers every lint rule, except the opt-in ones:
    see :mod:`clstool.lintconfig`). ``today`` is the reference date of the rules about
    follow-up (default: today); ``config`` names a configuration file instead of looking for
    one above each territory. Raises :class:`~clstool.loader.UsageError` for an unknown code or
    a bad configuration."""
    resolver = _resolver(select, ignore, extend_select, severity, config)
    reference = today or dt.date.today()
    return _result([(t.files, _diagnose(t, resolver.for_folder(t.root), reference))
                    for t in project.territories])


# --- validating paths: streamed, cached, in parallel -------------------------------------------


def _settings_key(settings: Settings, reference: dt.date) -> str:
    """What, besides the files, the findings of a territory depend on."""
    config = b""
    if settings.path is not None:
        try:
            config = settings.path.read_bytes()
        except OSError:
            pass
    rules = settings.rules()
    dated = reference.isoformat() if any(r.uses_today for r in rules) else ""
    ignores = [(pattern, codes) for pattern, _, codes in settings.per_file_ignores]
    return repr((str(settings.path), config, settings.layers, ignores, dated))


def _validate_territory(territory: Territory, resolver: SettingsResolver, reference: dt.date,
                        cache: Cache | None) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Load, check and filter one territory, through the cache; its trees are dropped after."""
    settings = resolver.for_folder(territory.root)
    key = None
    if cache is not None:
        for f in territory.files:
            try:
                f.raw = f.path.read_bytes()
            except OSError:
                f.raw = None
        root = territory.root.resolve()
        key = territory_key(_settings_key(settings, reference), [
            (f"{'r' if f.reference_only else 'v'}:{os.path.relpath(f.path.resolve(), root)}", f.raw)
            for f in territory.files])
        found = cache.get(key, [f.display for f in territory.files])
        if found is not None:
            for f in territory.files:
                f.raw = None
            return territory.files, found
    for f in territory.files:
        load_file(f)
    found = _diagnose(territory, settings, reference)
    if cache is not None and key is not None:
        cache.put(key, [f.display for f in territory.files], found)
    for f in territory.files:  # keep memory flat on large corpora
        f.model = f.data = f.raw = None
        f.positions, f.diagnostics, f.text = {}, [], ""
    return territory.files, found


def _validate_chunk(args) -> list[tuple[list[SourceFile], list[Diagnostic]]]:
    territories, layer_args, config, reference, cache_dir = args
    resolver = _resolver(*layer_args, config=config)
    cache = Cache(cache_dir) if cache_dir is not None else None
    return [_validate_territory(t, resolver, reference, cache) for t in territories]


#: below this many files, starting worker processes costs more than it saves
PARALLEL_MIN_FILES = 120


def validate(paths: list[str], select: list[str] | None = None, ignore: list[str] | None = None, *,
             extend_select: list[str] | None = None, severity: dict[str, str] | None = None,
             today: dt.date | None = None, config: str | None = None,
             cache_dir: str | os.PathLike | None = None, jobs: int | None = 1) -> ValidationResult:
    """Validate the territories and files designated by ``paths`` (options: see
    :func:`validate_project`).

    Territories are loaded one at a time and dropped once checked, so memory stays flat.
    ``cache_dir``: reuse and store results there (:mod:`clstool.cache`); ``jobs``: worker
    processes (None: one per core) when there are enough files to be worth it."""
    layer_args = (select, ignore, extend_select, severity)
    resolver = _resolver(*layer_args, config=config)  # bad options fail here, before any work
    reference = today or dt.date.today()
    territories = discover(paths)
    workers = min(jobs or os.cpu_count() or 1, len(territories))
    if workers > 1 and sum(len(t.files) for t in territories) >= PARALLEL_MIN_FILES:
        size = -(-len(territories) // (workers * 4))  # contiguous chunks keep the order
        chunks = [territories[i:i + size] for i in range(0, len(territories), size)]
        work = [(chunk, layer_args, config, reference, cache_dir) for chunk in chunks if chunk]
        try:
            context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                return _result([part for parts in pool.map(_validate_chunk, work) for part in parts])
        except (OSError, BrokenProcessPool):
            pass  # no worker processes here (sandbox, no /dev/shm): do it in this process
    cache = Cache(cache_dir) if cache_dir is not None else None
    return _result([_validate_territory(t, resolver, reference, cache) for t in territories])
