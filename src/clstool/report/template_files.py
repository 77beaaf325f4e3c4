"""A user's templates (``--templates DOSSIER``): the folder, each file read bounded, and the Word
or PowerPoint template opened safely.

A template is the user's own file, but it may be anything saved under that name: too large, not
UTF-8, a pipe, a ``.docx`` that is not one. Every failure is an :class:`InputError` in French
naming the file, never « Erreur interne »: the Jinja loader (:mod:`clstool.report.render`) reads
its files with :func:`read_template`; ``report.docx`` and ``report.pptx`` are opened by
python-docx or python-pptx from memory (:func:`open_template`), once their zip directory is
bounded, and a failure while writing with them that does not happen without them is theirs
(:func:`made_with`)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from clstool.errors import InputError
from clstool.fsutil import FileTooLarge, NotRegularFile, read_bounded, reason

MB = 1024 * 1024
MAX_BYTES = 50 * MB  #: a Word or PowerPoint template with a logo and a few images weighs a few megabytes
MAX_UNZIPPED = 300 * MB
MAX_MEMBERS = 5_000


def folder(templates: str | Path | None) -> Path | None:
    """The folder given by ``--templates``, which must exist (None: the built-in templates only)."""
    if templates is None:
        return None
    if not Path(templates).is_dir():
        raise InputError(f"dossier de modèles introuvable : {templates}")
    return Path(templates)


def document_template(templates: str | Path | None, name: str) -> Path | None:
    """The user's ``name`` (``report.docx``…) in the ``--templates`` folder, if there is one."""
    found = folder(templates)
    return found / name if found is not None and (found / name).is_file() else None


def read_template(path: str | Path, limit: int) -> bytes:
    """The bytes of a template file, at most ``limit``; an :class:`InputError` naming it otherwise."""
    try:
        return read_bounded(path, limit)
    except NotRegularFile as exc:
        raise InputError(f"modèle {exc}") from None
    except FileTooLarge as exc:
        raise InputError(f"modèle {path} : {exc}") from None
    except OSError as exc:
        raise InputError(f"modèle {path} illisible ({reason(exc)})") from None


def _redo(kind: str) -> str:
    """What to do with a template that cannot be used."""
    return f"enregistrez-le de nouveau comme {kind} depuis Word, PowerPoint ou LibreOffice"


def open_template(path: Path, kind: str, opener: Callable[[io.BytesIO], Any]) -> Any:
    """``opener`` (``docx.Document``, ``pptx.Presentation``) on the file at ``path``, checked;
    ``kind``: what the file should be, for the messages (« document Word (.docx) »)."""
    raw = read_template(path, MAX_BYTES)
    redo = _redo(kind)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise InputError(f"modèle {path} : ce n'est pas un {kind} ; {redo}") from None
    if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNZIPPED:
        raise InputError(f"modèle {path} : archive anormalement grosse une fois décompressée, refusée")
    try:
        return opener(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001 - any failure of the library on a foreign file is the file's
        raise InputError(f"modèle {path} illisible ({type(exc).__name__} : {str(exc)[:160]}) ; {redo}") from None


def made_with(make: Callable[[Path | None], bytes], template: Path | None, kind: str) -> bytes:
    """``make(template)``; when it fails with a user's template although it works without one,
    the template is the cause (python-docx and python-pptx fail in many ways on a damaged part):
    an :class:`InputError` naming it. A failure without the template is clstool's own, raised as is."""
    if template is None:
        return make(None)
    try:
        return make(template)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - told apart just below
        make(None)  # raises if clstool fails without the template too
        raise InputError(f"modèle {template} inutilisable ({type(exc).__name__} : {str(exc)[:160]}) ; "
                         f"{_redo(kind)}") from None
