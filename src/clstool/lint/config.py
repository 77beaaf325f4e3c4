"""Which codes ``validate`` reports, and how loud: configuration files and command-line flags.

Configuration lives in ``clstool.toml`` (keys at the top level) or in the ``[tool.clstool]``
table of ``pyproject.toml``. It is looked up from each territory's folder upwards; the nearest
folder holding one wins, and ``clstool.toml`` wins over ``pyproject.toml`` in the same folder
(a ``pyproject.toml`` without ``[tool.clstool]`` is passed over). ``validate --config FILE``
names the file instead. Keys::

    select = ["CLS0", "CLS1", "CLS2"]    # only these codes (prefixes allowed)
    extend-select = ["CLS219"]            # add to the selection (opt-in rules)
    ignore = ["CLS215"]                   # never these
    per-file-ignores = { "data/clermont/**" = ["CLS2"], "1-2.yaml" = ["CLS203"] }
    severity = { CLS215 = "info", CLS201 = "error" }

A selector is a code (``CLS203``), a rule name (``participation-non-renseignee``) or a code
prefix (``CLS2``). A prefix never turns on an opt-in rule (``default = False``): those are
selected by their exact code or name. Selection is applied in layers — defaults, then the
file, then the command line (``--select``, ``--extend-select``, ``--ignore``, ``--severity``):
in each layer ``select`` replaces the selection, ``extend-select`` adds to it, ``ignore``
removes from it; so the command line overrides the file. ``per-file-ignores`` patterns are
globs (``*``, ``?``, ``**``) relative to the configuration file's folder; a pattern without
``/`` matches a file name anywhere. An unknown code, key or severity is a usage error (exit 2):
a typo in the configuration must not silently switch a check off.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clstool.errors import InputError
from clstool.fsutil import FileTooLarge, NotRegularFile, read_bounded, reason
from clstool.model.diagnostic import CODES, Diagnostic, Severity

if TYPE_CHECKING:
    from clstool.lint.rules import Rule

CONFIG_FILES = ("clstool.toml", "pyproject.toml")
KEYS = ("select", "extend-select", "ignore", "per-file-ignores", "severity")
SEVERITIES = {
    "error": Severity.ERROR, "erreur": Severity.ERROR,
    "warning": Severity.WARNING, "avertissement": Severity.WARNING,
    "info": Severity.INFO,
}


@lru_cache(maxsize=None)
def known_codes() -> dict[str, bool]:
    """Every code validate may report → enabled by default?"""
    from clstool.lint.rules import all_rules

    codes = {code: True for code in CODES}
    codes.update({code: rule.default for code, rule in all_rules().items()})
    return codes


def resolve_selector(selector: str, where: str) -> str:
    """A code, a rule name or a code prefix → its canonical form; InputError if unknown."""
    text = selector.strip()
    upper = text.upper()
    codes = known_codes()
    if upper in codes:
        return upper
    from clstool.lint.rules import all_rules

    for code, rule in all_rules().items():
        if rule.name == text.lower():
            return code
    if re.fullmatch(r"CLS\d{0,2}", upper) and any(c.startswith(upper) for c in codes):
        return upper
    raise InputError(f"{where} : code inconnu « {selector} » (la liste : clstool rules)")


def matches(code: str, selectors: tuple[str, ...], selecting: bool) -> bool:
    """Does a selector name ``code``? When ``selecting``, a prefix does not name an opt-in rule."""
    default = known_codes().get(code, True)
    return any(s == code or (code.startswith(s) and (default or not selecting)) for s in selectors)


@dataclass(frozen=True)
class Layer:
    """One source of settings: a configuration file, or the command line."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)

    @classmethod
    def build(cls, where: str, select=None, extend_select=None, ignore=None, severity=None) -> "Layer":
        def codes(values, key):
            return tuple(resolve_selector(v, f"{where}, {key}") for v in values or ())

        levels: dict[str, Severity] = {}
        for code, level in (severity or {}).items():
            resolved = resolve_selector(code, f"{where}, severity")
            if not isinstance(level, str) or level.strip().lower() not in SEVERITIES:
                raise InputError(f"{where}, severity : « {level} » pour {code} n'est pas une sévérité "
                                 "(error, warning, info)")
            levels[resolved] = SEVERITIES[level.strip().lower()]
        return cls(select=None if select is None else codes(select, "select"),
                   extend_select=codes(extend_select, "extend-select"),
                   ignore=codes(ignore, "ignore"), severity=levels)


class Glob:
    """A ``per-file-ignores`` pattern: ``*`` (within a folder), ``?``, ``**`` (across
    folders), ``**/`` (any folders, or none). Matched by walking all its positions at once
    (a Thompson automaton): time linear in the path for a given pattern, whatever the
    pattern — a regular expression would backtrack catastrophically on ``**a**a**a…``."""

    _LIT, _ONE, _STAR, _DSTAR, _DIRS = range(5)

    def __init__(self, pattern: str):
        self.pattern = pattern
        tokens: list[tuple[int, str]] = []
        i = 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                tokens.append((self._DIRS, ""))
                i += 3
            elif pattern.startswith("**", i):
                tokens.append((self._DSTAR, ""))
                i += 2
            elif pattern[i] == "*":
                tokens.append((self._STAR, ""))
                i += 1
            elif pattern[i] == "?":
                tokens.append((self._ONE, ""))
                i += 1
            else:
                tokens.append((self._LIT, pattern[i]))
                i += 1
        self.tokens = tokens

    def _closure(self, states: set[int]) -> set[int]:
        todo, seen = list(states), set(states)
        while todo:
            i = todo.pop()
            if i < len(self.tokens) and self.tokens[i][0] in (self._STAR, self._DSTAR, self._DIRS) \
                    and i + 1 not in seen:
                seen.add(i + 1)
                todo.append(i + 1)
        return seen

    def match(self, text: str) -> bool:
        """Whether the whole of ``text`` matches."""
        tokens, end = self.tokens, len(self.tokens)
        states = self._closure({0})
        for char in text:
            nxt: set[int] = set()
            for i in states:
                if i == end:
                    continue
                kind, literal = tokens[i]
                if kind == self._LIT:
                    if char == literal:
                        nxt.add(i + 1)
                elif kind == self._ONE:
                    if char != "/":
                        nxt.add(i + 1)
                elif kind == self._STAR:
                    if char != "/":
                        nxt.add(i)
                elif kind == self._DSTAR:
                    nxt.add(i)
                else:  # _DIRS: any characters, then a « / »
                    nxt.add(i)
                    if char == "/":
                        nxt.add(i + 1)
            if not nxt:
                return False
            states = self._closure(nxt)
        return end in states


def _glob(pattern: str) -> Glob:
    return Glob(pattern)


@dataclass
class Settings:
    """The resolved settings for one territory."""

    path: Path | None = None  #: the configuration file, if any
    layers: list[Layer] = field(default_factory=list)
    per_file_ignores: list[tuple[str, Glob, tuple[str, ...]]] = field(default_factory=list)
    _rules: list[Rule] | None = field(default=None, init=False, repr=False, compare=False)

    def enabled(self, code: str) -> bool:
        state = known_codes().get(code, True)
        for layer in self.layers:
            if layer.select is not None:
                state = matches(code, layer.select, True)
            if matches(code, layer.extend_select, True):
                state = True
            if matches(code, layer.ignore, False):
                state = False
        return state

    def rules(self) -> list[Rule]:
        if self._rules is None:  # asked once per territory: a national run asks 1,000 times
            from clstool.lint.rules import all_rules

            self._rules = [rule for code, rule in all_rules().items() if self.enabled(code)]
        return self._rules

    def severity(self, code: str) -> Severity | None:
        level = None
        for layer in self.layers:
            level = layer.severity.get(code, level)
        return level

    def ignored_in(self, file: Path) -> tuple[str, ...]:
        """The codes that ``per-file-ignores`` switch off for ``file``."""
        if not self.per_file_ignores or self.path is None:
            return ()
        try:
            rel = Path(os.path.relpath(file.resolve(), self.path.parent.resolve())).as_posix()
        except ValueError:  # another drive (Windows)
            rel = file.as_posix()
        out: list[str] = []
        for pattern, regex, codes in self.per_file_ignores:
            target = rel if "/" in pattern else file.name
            if regex.match(target):
                out.extend(codes)
        return tuple(out)

    def apply(self, diagnostics: list[Diagnostic], file: Path) -> list[Diagnostic]:
        """The diagnostics of ``file`` that are reported, with their configured severity."""
        off = self.ignored_in(file)
        kept = []
        for d in diagnostics:
            if not self.enabled(d.code) or matches(d.code, off, False):
                continue
            level = self.severity(d.code)
            if level is not None and level is not d.severity:
                d = Diagnostic(d.file, d.line, d.column, d.code, d.message, level, d.path)
            kept.append(d)
        return kept


MAX_CONFIG_BYTES = 1024 * 1024  #: a configuration file is a few lines


def read_config(path: Path) -> dict[str, Any] | None:
    """The clstool table of a configuration file (None: a pyproject.toml without one)."""
    try:
        raw = read_bounded(path, MAX_CONFIG_BYTES)
    except (NotRegularFile, FileTooLarge) as exc:
        raise InputError(f"{path} : {exc}") from None
    except OSError as exc:
        raise InputError(f"{path} : lecture impossible ({reason(exc)})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        raise InputError(f"{path}:{line}:{column} : le fichier de configuration n'est pas en UTF-8 "
                         f"(octet 0x{raw[exc.start]:02X}) : réenregistrez-le en UTF-8") from None
    if sys.version_info >= (3, 11):  # imported only when there is a configuration file to read
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path} : TOML invalide ({exc})") from None
    if path.name == "pyproject.toml":
        table = document.get("tool", {}).get("clstool")
        return table if isinstance(table, dict) else None
    return document


def _layer_from(path: Path, table: dict[str, Any]) -> tuple[Layer, list]:
    where = str(path)
    for key in table:
        if key not in KEYS:
            close = [k for k in KEYS if k.replace("-", "_") == key.replace("-", "_")]
            hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else f" ; clés possibles : {', '.join(KEYS)}"
            raise InputError(f"{where} : clé inconnue « {key} »{hint}")

    def strings(key: str, value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"{where}, {key} : une liste de codes est attendue (ex. [\"CLS203\"])")
        return value

    tables = {}
    for key in ("per-file-ignores", "severity"):
        value = table.get(key, {})
        if not isinstance(value, dict):
            raise InputError(f"{where}, {key} : une table est attendue")
        tables[key] = value
    layer = Layer.build(
        where,
        select=strings("select", table["select"]) if "select" in table else None,
        extend_select=strings("extend-select", table.get("extend-select", [])),
        ignore=strings("ignore", table.get("ignore", [])),
        severity=tables["severity"],
    )
    per_file = [
        (pattern, _glob(pattern), tuple(resolve_selector(c, f"{where}, per-file-ignores")
                                        for c in strings(f"per-file-ignores « {pattern} »", codes)))
        for pattern, codes in tables["per-file-ignores"].items()
    ]
    return layer, per_file


def find_config(start: Path, known: dict[Path, Any] | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration at or above ``start``. ``known`` remembers, folder by folder,
    what was found at or above it (territories side by side share their parents)."""
    known = {} if known is None else known
    if start in known:
        return known[start]
    seen: list[Path] = [start]
    found = None
    for candidate in (folder := start.resolve(), *folder.parents):
        if candidate in known:
            found = known[candidate]
            break
        seen.append(candidate)
        found = _config_in(candidate)
        if found is not None:
            break
    for candidate in seen:
        known[candidate] = found
    return found


def _config_in(folder: Path) -> tuple[Path, dict[str, Any]] | None:
    for name in CONFIG_FILES:
        path = folder / name
        if path.is_file():
            table = read_config(path)
            if table is not None:
                return path, table
    return None


class SettingsResolver:
    """Settings for each territory, from its configuration file (cached by file) and the
    command-line layer."""

    def __init__(self, cli: Layer | None = None, config: str | os.PathLike | None = None):
        self.cli = cli or Layer()
        self.explicit = Path(config) if config is not None else None
        self._cache: dict[Path | None, Settings] = {}
        self._known: dict[Path, Any] = {}
        if self.explicit is not None:
            if not self.explicit.is_file():
                raise InputError(f"fichier de configuration introuvable : {config}")
            table = read_config(self.explicit)
            if table is None:
                raise InputError(f"{config} : pas de table [tool.clstool]")
            self._fixed = self._settings(self.explicit, table)

    def _settings(self, path: Path | None, table: dict[str, Any] | None) -> Settings:
        if path is None or table is None:
            return Settings(layers=[self.cli])
        layer, per_file = _layer_from(path, table)
        return Settings(path=path, layers=[layer, self.cli], per_file_ignores=per_file)

    def for_folder(self, folder: Path) -> Settings:
        if self.explicit is not None:
            return self._fixed
        found = find_config(folder, self._known)
        key = found[0] if found else None
        if key not in self._cache:
            self._cache[key] = self._settings(*(found or (None, None)))
        return self._cache[key]
