"""Writing files safely: nothing clstool writes is ever left half-written (docs/architecture.md#écritures-atomiques).

:func:`atomic_write` writes beside the target and renames over it. When writing fails (disk
full, read-only folder, missing folder…) it raises :class:`WriteError`, an :class:`OSError`
whose text is a French sentence naming the target (never the temporary file); the command
line prints it and exits with code 2 (:func:`os_error_message`).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

_REASONS = {
    errno.ENOSPC: "disque plein (plus d'espace libre)",
    errno.EDQUOT: "quota disque dépassé",
    errno.EACCES: "permission refusée (dossier ou fichier protégé en écriture ?)",
    errno.EPERM: "opération non permise",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.EEXIST: "le fichier existe déjà",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EMFILE: "trop de fichiers ouverts",
}


def reason(exc: OSError) -> str:
    """Why an operating-system call failed, in French."""
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


class WriteError(OSError):
    """Writing ``filename`` failed; ``str()`` is a French message that names it."""

    def __str__(self) -> str:
        return f"impossible d'écrire {self.filename} : {reason(self)}"


def os_error_message(exc: OSError) -> str:
    """A French message for any :class:`OSError` (the command line shows it, exit code 2)."""
    if isinstance(exc, WriteError):
        return str(exc)
    return f"{exc.filename} : {reason(exc)}" if exc.filename else reason(exc)


def _failed(exc: OSError, target: Path) -> WriteError:
    return WriteError(exc.errno, exc.strerror, str(target))


def _write_all(handle, data: bytes | Iterable[bytes]) -> None:
    if isinstance(data, bytes):
        handle.write(data)
    else:  # chunks, written as they come (a large export is never held whole)
        for chunk in data:
            handle.write(chunk)


def atomic_write(path: str | os.PathLike, data: str | bytes | Iterable[bytes], encoding: str = "utf-8",
                 exclusive: bool = False, durable: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename it
    over ``path``. A crash at any point leaves either the old file or the new one.

    A target that exists and is not a regular file (``/dev/stdout``, ``/dev/null``, a pipe) is
    written directly: there is nothing to replace, and renaming over a device would destroy it.
    Raises :class:`WriteError` when the file cannot be written.

    ``exclusive``: never replace an existing ``path``, even one another process created a
    moment ago (the complete file is hard-linked into place, which fails if the name is
    taken): raises :class:`FileExistsError` and leaves no temporary file.

    ``data`` may also be an iterable of byte chunks, written as they come.

    ``durable=False`` skips the flush to disk, for files that may be lost (the validation
    cache): after a power cut such a file may be empty, never half of another one."""
    target = Path(path)
    raw = data.encode(encoding) if isinstance(data, str) else data
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = None
    if exclusive and mode is not None:
        raise FileExistsError(errno.EEXIST, reason(FileExistsError(errno.EEXIST, "")), str(target))
    if mode is not None and not stat.S_ISREG(mode):
        try:
            with open(target, "wb") as handle:
                _write_all(handle, raw)
        except OSError as exc:
            raise _failed(exc, target) from exc
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as exc:
        raise _failed(exc, target) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            _write_all(handle, raw)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        if exclusive:
            os.link(tmp, target)  # atomic, and refuses a name already taken
            os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, FileExistsError) and exclusive:
            raise
        if isinstance(exc, OSError):
            raise _failed(exc, target) from exc
        raise
