"""Reading and writing files safely: nothing clstool writes is ever left half-written, and
nothing it reads can make it hang or exhaust memory.

:func:`read_bounded` reads a regular file of at most a given size: the size is checked before
reading (``fstat``), no more than the limit plus one byte is ever read, and a pipe, a device or
a folder is refused before anything is read (opened without blocking, so a FIFO never hangs).
See docs/architecture.md#écritures-atomiques.

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
    errno.ENOEXEC: "ce n'est pas un programme que le système sait lancer",
}


def reason(exc: OSError) -> str:
    """Why an operating-system call failed, in French."""
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


class NotRegularFile(OSError):
    """The path names a pipe, a device, a socket or a folder: refused, nothing read."""

    def __str__(self) -> str:
        return (f"{self.filename} n'est pas un fichier ordinaire (tube, périphérique, dossier…) : "
                "lecture refusée")


class FileTooLarge(OSError):
    """The file is larger than the limit: refused, at most the limit and one byte read."""

    def __init__(self, filename: str, size: int, limit: int):
        super().__init__(errno.EFBIG, "fichier trop volumineux", filename)
        self.size, self.limit = size, limit

    def __str__(self) -> str:
        return (f"fichier trop volumineux ({self.size // 1024} Ko ou plus ; maximum "
                f"{self.limit // 1024} Ko)")


def read_bounded(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of the regular file ``path``, of at most ``limit`` bytes. Raises
    :class:`NotRegularFile`, :class:`FileTooLarge`, or the :class:`OSError` of opening it."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(errno.EINVAL, "pas un fichier ordinaire", str(path))
        if info.st_size > limit:
            raise FileTooLarge(str(path), info.st_size, limit)
        # One read of the size fstat gave, plus one byte: a short read of a regular file is its
        # end (one system call for the common file, not two). The file may grow after fstat:
        # never read past limit + 1.
        wanted = min(info.st_size + 1, limit + 1)
        first = os.read(fd, wanted)
        if len(first) < wanted:
            return first
        chunks, total = [first], len(first)
        while total <= limit:
            chunk = os.read(fd, min(limit + 1 - total, 1 << 20) or 1)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileTooLarge(str(path), total, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _proc_umask() -> int | None:
    """The umask as Linux states it in ``/proc/self/status``; None elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return None


def _umask_at_import() -> int:
    found = _proc_umask()
    if found is not None:
        return found
    mask = os.umask(0o022)  # once, at import: before any thread of clstool could race with it
    os.umask(mask)
    return mask


_UMASK_AT_IMPORT = _umask_at_import()


def _read_umask() -> int:
    """The process's umask, read without changing it (``/proc/self/status`` on Linux);
    elsewhere the one read at import."""
    found = _proc_umask()
    return _UMASK_AT_IMPORT if found is None else found


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


_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EMLINK, errno.EXDEV}


def _place_exclusively(tmp: str, target: Path) -> None:
    """Move the complete file ``tmp`` to ``target`` unless that name is taken."""
    try:
        os.link(tmp, target)  # atomic, and refuses a name already taken
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        # No hard links here (some network or FAT file systems): reserve the name, then
        # rename the complete file over the reservation — never over someone else's file.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        try:
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(target)
            except OSError:
                pass
            raise
        return
    os.unlink(tmp)


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
    taken; on a file system without hard links the name is first reserved with ``O_EXCL``,
    then the complete file renamed over that empty reservation): raises
    :class:`FileExistsError` and leaves no temporary file.

    ``data`` may also be an iterable of byte chunks, written as they come.

    ``durable=False`` skips the flush to disk, for files that may be lost (the validation
    cache): after a power cut such a file may be empty, never half of another one."""
    target = Path(path)
    # a file name that is not UTF-8 (kept by Python as surrogates) is written escaped
    raw = data.encode(encoding, errors="backslashreplace") if isinstance(data, str) else data
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
            os.chmod(tmp, 0o666 & ~_read_umask())
        if exclusive:
            _place_exclusively(tmp, target)
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


def repository_root(start: str | os.PathLike | None = None) -> Path | None:
    """The root of the git work tree holding ``start`` (default: the working directory): the
    nearest folder, ``start`` included, with a ``.git`` entry (a folder, or the file of a git
    worktree or submodule); None outside git."""
    here = Path(start if start is not None else os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None
