"""Writing an imported plan: the whole territory folder, or nothing.

Every file is rendered in memory first; they are then written into a temporary folder beside
the target (same file system), and that folder is renamed into place. When the target folder
already exists (``--force``, or a folder holding other files), each file is moved into it by a
rename, after all of them were written. A failure at any point (disk full, a file that cannot
be rendered, an interruption) leaves the target as it was and removes the temporary folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from clstool.errors import InputError
from clstool.fsutil import WriteError, atomic_write
from clstool.yamlio.load import CONTRAT, FICHES
from clstool.yamlio.write import dump, ensure_schema_line, model_data

if TYPE_CHECKING:
    from clstool.interop.tet.read import Imported


def write_plan(imported: Imported, out_dir: str, force: bool = False) -> list[Path]:
    """Write ``contrat.yaml`` and ``fiches/<id>.yaml`` under ``out_dir``, all or nothing. Without
    ``force``, if any of these files exists, nothing at all is written (:class:`InputError`)."""
    root = Path(out_dir)
    targets = [(Path(CONTRAT), "contrat", imported.contrat)]
    targets += [(Path(FICHES) / f"{f.id}.yaml", "fiche", f) for f in imported.fiches]
    existing = [str(root / rel) for rel, _, _ in targets if (root / rel).exists()]
    if existing and not force:
        shown = ", ".join(existing[:3]) + (f" et {len(existing) - 3} autres" if len(existing) > 3 else "")
        raise InputError(f"fichiers déjà présents ({shown}) : rien n'a été écrit ; --force pour les remplacer")
    if root.exists() and not root.is_dir():
        raise InputError(f"{root} existe et n'est pas un dossier : rien n'a été écrit")
    blocked = [str(root / rel) for rel, _, _ in targets if (root / rel).exists() and not (root / rel).is_file()]
    if blocked:
        raise InputError(f"{blocked[0]} existe et n'est pas un fichier : rien n'a été écrit")
    contents = [(rel, dump(model_data(model), header=ensure_schema_line(root / rel, kind, root)))
                for rel, kind, model in targets]
    try:
        root.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{root.name}.", suffix=".tmp", dir=root.parent))
    except OSError as exc:
        raise WriteError(exc.errno, exc.strerror, str(root)) from exc
    try:
        (staging / FICHES).mkdir()
        for rel, text in contents:
            atomic_write(staging / rel, text)
        if not root.exists():
            os.chmod(staging, 0o777 & ~_umask())
            os.rename(staging, root)
        else:
            (root / FICHES).mkdir(exist_ok=True)
            for rel, _ in contents:
                os.replace(staging / rel, root / rel)
    except OSError as exc:
        if isinstance(exc, WriteError):
            raise
        raise WriteError(exc.errno, exc.strerror, str(root)) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [root / rel for rel, _ in contents]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
