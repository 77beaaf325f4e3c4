"""On-disk cache of validation results, one entry per territory (like ruff's, per project).

The unit is the territory, not the file: cross-file checks (ids, axes, partners written two
ways) make a fiche's findings depend on its siblings, so a territory is re-validated as a
whole as soon as one of its files changes, and the cache can never serve stale cross-file
findings. A territory holds ~30 files, so this costs little.

The key hashes everything the findings depend on: clstool's code (its version and the size
and modification time of its modules, so an edited rule invalidates the cache during
development), the settings (command-line options and the configuration file's content), the
reference date when a rule reads it, and every file's path and bytes.

Entries are JSON files written atomically (temporary file + rename), so concurrent runs at
worst compute the same entry twice; an unreadable or damaged entry is ignored and rebuilt.
They are not flushed to disk one by one (a cache may be lost: after a power cut an entry may
be empty, which reads as a miss).

The key is made of the files' *content*, never of their size and modification time (a file
can change and keep both: a tool that restores times, a copy within the same clock tick), as
ruff does; the bytes hashed are the ones then parsed on a miss, read once. Entries are read
with a bound (:data:`MAX_ENTRY_BYTES`), and only when they are regular files.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from clstool.fingerprint import code_identity
from clstool.fsutil import atomic_write, read_bounded
from clstool.model.diagnostic import Diagnostic, Severity

FORMAT = 2  #: 2: territory keys are SHA-256 of the files' content
DEFAULT_DIR = ".clstool_cache"
MAX_ENTRY_BYTES = 64 * 1024 * 1024  #: far above the findings of any territory
_README = "Cache de clstool : peut être supprimé sans risque. Ne pas versionner.\n"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """clstool's code (:func:`clstool.fingerprint.code_identity`) and the entries' format."""
    return hashlib.blake2b(f"{code_identity()}/{FORMAT}".encode(), digest_size=16).hexdigest()


def territory_key(settings: str, files: list[tuple[str, bytes | None]]) -> str:
    """The key of a territory: ``settings`` describes the options, ``files`` are
    ``(name relative to the territory, bytes or None when unreadable)``."""
    # SHA-256 (OpenSSL, with the processor's SHA instructions where it has them) over every
    # byte, each file framed by its name and length: the warm run's main cost is this hashing.
    digest = hashlib.sha256()
    digest.update(code_fingerprint().encode())
    digest.update(settings.encode())
    for name, raw in files:
        digest.update(b"\0" + name.encode("utf-8", "surrogateescape") + b"\0")
        if raw is None:
            digest.update(b"-")
        else:
            digest.update(len(raw).to_bytes(8, "little"))
            digest.update(raw)
    return digest.hexdigest()[:40]


def _diagnostics(entry: object, displays: list[str]) -> list[Diagnostic] | None:
    """The diagnostics of a decoded entry, or None unless it has exactly the expected shape
    (a damaged or foreign file must never reach the sorting or the output)."""
    if not (isinstance(entry, dict) and entry.get("format") == FORMAT and entry.get("files") == len(displays)
            and isinstance(entry.get("diagnostics"), list)):
        return None
    found = []
    severities = Severity._value2member_map_
    count = len(displays)
    for item in entry["diagnostics"]:  # checked field by field: a warm national run reads 35,000
        if type(item) is not list or len(item) != 7:
            return None
        index, line, column, code, message, severity, path = item
        if not (type(index) is int and type(line) is int and type(column) is int
                and type(code) is str and type(message) is str and type(severity) is str
                and type(path) is str and 0 <= index < count and line >= 1 and column >= 1
                and severity in severities):
            return None
        found.append(Diagnostic(displays[index], line, column, code, message, severities[severity], path))
    return found


class Cache:
    """A folder of entries; ``get`` and ``put`` never raise for cache problems."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self._prepared = False

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, displays: list[str]) -> list[Diagnostic] | None:
        """The cached diagnostics of a territory whose files are displayed as ``displays``
        (in the order used to store them), or None."""
        try:
            entry = json.loads(read_bounded(self._path(key), MAX_ENTRY_BYTES))
            found = _diagnostics(entry, displays)
        except (OSError, ValueError):
            return None
        return found

    def put(self, key: str, displays: list[str], diagnostics: list[Diagnostic]) -> None:
        index = {display: i for i, display in enumerate(displays)}
        entry = {
            "format": FORMAT,
            "files": len(displays),
            "diagnostics": [[index[d.file], d.line, d.column, d.code, d.message, d.severity.value, d.path]
                            for d in diagnostics if d.file in index],
        }
        try:
            self._prepare()
            path = self._path(key)
            path.parent.mkdir(exist_ok=True)
            atomic_write(path, json.dumps(entry, ensure_ascii=False, separators=(",", ":")), durable=False)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def facts(self, name: str) -> object | None:
        """A fact about this version of the code (``remember_facts``), or None."""
        try:
            return json.loads(read_bounded(self.folder / f"{name}-{code_fingerprint()}.json", 1024 * 1024))
        except (OSError, ValueError):
            return None

    def remember_facts(self, name: str, value: object) -> None:
        """Keep a fact about this version of the code (its key is the code's fingerprint)."""
        try:
            self._prepare()
            atomic_write(self.folder / f"{name}-{code_fingerprint()}.json", json.dumps(value), durable=False)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _prepare(self) -> None:
        if self._prepared or (self.folder / "CACHEDIR.TAG").exists():
            self._prepared = True
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(self.folder / ".gitignore", "*\n")
        atomic_write(self.folder / "LISEZMOI.txt", _README)
        atomic_write(self.folder / "CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                     "# Cache de clstool : https://bford.info/cachedir/\n")
