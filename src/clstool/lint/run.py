"""``clstool validate``: load every file, run the cross-file checks and the lint rules, filter
(configuration, command line, ``# clstool: disable`` comments) and count."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from dataclasses import dataclass, field

from clstool.fsutil import read_bounded
from clstool.lint.cache import Cache, territory_key
from clstool.lint.config import MAX_CONFIG_BYTES, Layer, Settings, SettingsResolver
from clstool.model.diagnostic import Diagnostic, Severity
from clstool.yamlio.load import Project, Territory, discover, load_file, read_source


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

    def head(self) -> dict:
        """The JSON object without its diagnostics."""
        return {"version": 1, "files": self.files, "fiches": self.fiches, "summary": self.summary}

    def to_json(self) -> dict:
        return {**self.head(), "diagnostics": [d.to_json() for d in self.diagnostics]}


def _resolver(select=None, ignore=None, extend_select=None, severity=None,
              config: str | None = None) -> SettingsResolver:
    """Settings from the command line (``select``… override the configuration file)."""
    return SettingsResolver(Layer.build("ligne de commande", select=select, extend_select=extend_select,
                                        ignore=ignore, severity=severity), config)


def _diagnose(territory: Territory, settings: Settings, reference: dt.date) -> list[Diagnostic]:
    """Cross-file checks and lint rules on a loaded territory; the diagnostics of its reported
    files that the settings and the ``# clstool: disable`` comments let through."""
    from clstool.lint import suppressions  # the checks and the rules (and through them the
    from clstool.lint.crossfile import check_territory  # models) are imported when a territory
    from clstool.lint.rules import run_rules  # is checked, not for an answer from the cache

    check_territory(territory)
    run_rules(territory, settings.rules(), reference)
    out: list[Diagnostic] = []
    for f in territory.files:
        if not f.reference_only:
            out += settings.apply(suppressions.apply(f, f.diagnostics), f.path)
    return out


#: What validating a territory gives: its reported files as (display, kind), and its findings.
#: Small, because worker processes send it back.
Part = tuple[list[tuple[str, str]], list[Diagnostic]]


def _part(territory: Territory, found: list[Diagnostic]) -> Part:
    return [(f.display, f.kind) for f in territory.files if not f.reference_only], found


def _result(parts: list[Part]) -> ValidationResult:
    reported = [file for files, _ in parts for file in files]
    return ValidationResult(
        files=len(reported),
        fiches=sum(1 for _, kind in reported if kind == "fiche"),
        diagnostics=sorted(d for _, found in parts for d in found),
        file_names=[display for display, _ in reported],
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
    see :mod:`clstool.lint.config`). ``today`` is the reference date of the rules about
    follow-up (default: today); ``config`` names a configuration file instead of looking for
    one above each territory. Raises :class:`~clstool.errors.InputError` for an unknown code or
    a bad configuration."""
    resolver = _resolver(select, ignore, extend_select, severity, config)
    reference = today or dt.date.today()
    return _result([_part(t, _diagnose(t, resolver.for_folder(t.root), reference))
                    for t in project.territories])


# --- validating paths: streamed, cached, in parallel -------------------------------------------


def _rule_facts(cache: Cache | None) -> tuple[list[str], bool]:
    """The codes of the rules that read the reference date, and whether one of them is on by
    default; remembered in the cache for this version of the code, so that a warm run answers
    without importing the rules (and the models they import)."""
    found = cache.facts("regles") if cache is not None else None
    if (isinstance(found, list) and len(found) == 2 and isinstance(found[0], list)
            and all(isinstance(code, str) for code in found[0]) and isinstance(found[1], bool)):
        return found[0], found[1]
    from clstool.lint.rules import all_rules

    rules = all_rules().values()
    facts = (sorted(r.code for r in rules if r.uses_today), any(r.default and r.uses_today for r in rules))
    if cache is not None:
        cache.remember_facts("regles", list(facts))
    return facts


def _settings_key(settings: Settings, reference: dt.date, cache: Cache | None) -> str:
    """What, besides the files, the findings of a territory depend on."""
    config = b""
    if settings.path is not None:
        try:
            config = read_bounded(settings.path, MAX_CONFIG_BYTES)
        except OSError:
            pass
    # The reference date matters only if a rule that reads it can be on: one on by default, or
    # an opt-in one, which is on only when a layer selects its exact code.
    dated_codes, dated_by_default = _rule_facts(cache)
    selected = {code for layer in settings.layers for code in (*(layer.select or ()), *layer.extend_select)}
    dated = reference.isoformat() if dated_by_default or selected & set(dated_codes) else ""
    ignores = [(pattern, codes) for pattern, _, codes in settings.per_file_ignores]
    return repr((str(settings.path), config, settings.layers, ignores, dated))


def _relative(path: str, base: str) -> str:
    """``path`` relative to the folder ``base`` (ending with a separator), without touching the
    file system in the common case where ``path`` was built from ``base``."""
    return path[len(base):] if path.startswith(base) else os.path.relpath(path, base)


class _Lookup:
    """How a territory is found in the cache: its file names and displays, and its settings key."""

    def __init__(self, territory: Territory, settings_key: str):
        base = str(territory.root) + os.sep
        self.names = [f"{'r' if f.reference_only else 'v'}:{_relative(str(f.path), base)}"
                      for f in territory.files]
        self.displays = [f.display for f in territory.files]
        self.settings_key = settings_key


def referentiel_key(folder) -> str:
    from clstool.yamlio.referentiel import key

    return key(folder)


class _Context:
    """What every territory of a run is validated with: settings (and their cache key, worked
    out once per configuration file), reference date, cache."""

    def __init__(self, resolver: SettingsResolver, reference: dt.date, cache: Cache | None):
        self.resolver, self.reference, self.cache = resolver, reference, cache
        self._keys: dict[int, str] = {}  # id of a Settings the resolver keeps → its key

    def settings(self, territory: Territory) -> tuple[Settings, str]:
        settings = self.resolver.for_folder(territory.root)
        key = self._keys.get(id(settings))
        if key is None:
            key = self._keys[id(settings)] = _settings_key(settings, self.reference, self.cache)
        return settings, key + referentiel_key(territory.root)  # CLS112 depends on it


def _validate_territory(territory: Territory, ctx: _Context) -> Part:
    """Load, check and filter one territory, through the cache; its trees are dropped after."""
    settings, settings_key = ctx.settings(territory)
    reference, cache = ctx.reference, ctx.cache
    if cache is not None:
        # Keyed on content, as ruff does: the bytes are read once (bounded), hashed, and
        # parsed only on a miss. Size and modification time are never trusted: a file can
        # change and keep both.
        lookup = _Lookup(territory, settings_key)
        for f in territory.files:
            try:
                f.raw = None if f.unreadable is not None else read_source(f.path)
            except OSError:
                f.raw = None  # load_file reads it again and says why
        key = territory_key(lookup.settings_key, [(n, f.raw) for n, f in zip(lookup.names, territory.files, strict=False)])
        found = cache.get(key, lookup.displays)
        if found is None:
            for f in territory.files:
                load_file(f)
            found = _diagnose(territory, settings, reference)
            cache.put(key, lookup.displays, found)
    else:
        for f in territory.files:
            load_file(f)
        found = _diagnose(territory, settings, reference)
    territory.forget()  # keep memory flat on large corpora
    return _part(territory, found)


def _validate_chunk(args) -> list[Part]:
    territories, setup = args[0], args[1:]
    global _worker
    if _worker is None or _worker[0] != setup:  # once per worker process, not once per chunk
        layer_args, config, reference, cache_dir = setup
        _worker = (setup, _Context(_resolver(*layer_args, config=config), reference,
                                   Cache(cache_dir) if cache_dir is not None else None))
    return [_validate_territory(t, _worker[1]) for t in territories]


_worker: tuple[tuple, _Context] | None = None


#: below this many files, starting worker processes costs more than it saves
PARALLEL_MIN_FILES = 120


def validate(paths: list[str], select: list[str] | None = None, ignore: list[str] | None = None, *,
             extend_select: list[str] | None = None, severity: dict[str, str] | None = None,
             today: dt.date | None = None, config: str | None = None,
             cache_dir: str | os.PathLike | None = None, jobs: int | None = 1) -> ValidationResult:
    """Validate the territories and files designated by ``paths`` (options: see
    :func:`validate_project`).

    Territories are loaded one at a time and dropped once checked, so memory stays flat.
    ``cache_dir``: reuse and store results there (:mod:`clstool.lint.cache`); ``jobs``: worker
    processes (None: one per core) when there are enough files to be worth it."""
    with _fewer_gc_passes():
        return _validate_paths(paths, (select, ignore, extend_select, severity), today, config,
                               cache_dir, jobs)


@contextlib.contextmanager
def _fewer_gc_passes():
    """Parsing builds hundreds of thousands of small, acyclic dicts and lists; with the default
    thresholds the cyclic collector rescans them over and over (~10 % of the run). Collect
    rarely while validating; nothing kept is cyclic, reference counting frees the trees."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _validate_paths(paths, layer_args, today, config, cache_dir, jobs) -> ValidationResult:
    resolver = _resolver(*layer_args, config=config)  # bad options fail here, before any work
    reference = today or dt.date.today()
    territories = discover(paths, siblings=True)
    ctx = _Context(resolver, reference, Cache(cache_dir) if cache_dir is not None else None)
    parts: dict[int, Part] = {}
    todo = [i for i in range(len(territories)) if i not in parts]
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers > 1 and sum(len(territories[i].files) for i in todo) >= PARALLEL_MIN_FILES:
        # Small contiguous chunks: the order is kept, and no worker waits long for the last one
        size = -(-len(todo) // (workers * 50))
        chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
        work = [([territories[i] for i in chunk], layer_args, config, reference, cache_dir) for chunk in chunks]
        import multiprocessing as mp  # only here: a run of a few files never pays for them
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                for chunk, results in zip(chunks, pool.map(_validate_chunk, work), strict=False):
                    parts.update(zip(chunk, results, strict=False))
            todo = []
        except (OSError, BrokenProcessPool):
            pass  # no worker processes here (sandbox, no /dev/shm): do it in this process
    for i in todo:
        parts[i] = _validate_territory(territories[i], ctx)
    return _result([parts[i] for i in range(len(territories))])
