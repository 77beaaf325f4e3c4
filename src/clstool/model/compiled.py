"""Each file model's validator, kept beside the bytecode so that a run does not build it again.

Pydantic builds a model's validator the first time it is used: for the fiche, 35 to 45 ms of
processor time, including the search of pydantic's plugins among the installed packages. That is
a seventh of ``clstool validate`` on one edited fiche, the pre-commit case. The validator is the
same at every run of the same code, and pydantic-core can pickle it (its schema, which names
clstool's classes and functions, and its configuration) and rebuild it from those in under a
millisecond.

So the validator is written, as Python writes bytecode, in the ``__pycache__`` folder of the
model's module (``PYTHONPYCACHEPREFIX`` is followed; nothing is written under
``PYTHONDONTWRITEBYTECODE``). Its name holds the identity of clstool's code and the versions of
pydantic, pydantic-core and Python, so a change of any of them builds it again. It is trusted as
the bytecode beside it is: whoever can write there can change the code itself. It holds nothing
of the user's files, so ``--no-cache`` (the results' cache) does not concern it.

A kept validator that cannot be read, is damaged or is not the model's only means that pydantic
builds it as before; one that cannot be written is simply not kept. Validating through it gives
the same instances and the same errors as ``model_validate`` (tested on every example file).
"""

from __future__ import annotations

import hashlib
import importlib.util
import pickle
import sys
from pathlib import Path
from typing import TypeVar

import pydantic_core
from pydantic import BaseModel
from pydantic.version import VERSION as PYDANTIC_VERSION

from clstool.fingerprint import code_identity
from clstool.fsutil import atomic_write, read_bounded

M = TypeVar("M", bound=BaseModel)

MAX_BYTES = 4 * 1024 * 1024  #: a kept validator is about 25 kB
_validators: dict[type[BaseModel], pydantic_core.SchemaValidator] = {}


def validate(model: type[M], data: object) -> M:
    """``model.model_validate(data)``, through the kept validator when there is one."""
    validator = _validators.get(model) or _validator(model)
    return validator.validate_python(data)


def kept_path(model: type[BaseModel]) -> Path | None:
    """Where ``model``'s validator is kept, or None when its module has no source file."""
    source = getattr(sys.modules.get(model.__module__), "__file__", None)
    if not source:
        return None
    versions = f"{code_identity()}/{PYDANTIC_VERSION}/{pydantic_core.__version__}/{sys.version}"
    key = hashlib.blake2b(versions.encode(), digest_size=10).hexdigest()
    return Path(importlib.util.cache_from_source(source)).parent / f"{model.__qualname__}.validateur-{key}.pickle"


def _validator(model: type[M]) -> pydantic_core.SchemaValidator:
    path = None if model.__pydantic_complete__ else kept_path(model)
    kept = _read(path, model) if path is not None else None
    if kept is not None:
        validator = kept
    else:
        model.model_rebuild()
        validator = model.__pydantic_validator__  # type: ignore[assignment]  # or pydantic's plugin wrapper
        if path is not None and type(validator) is pydantic_core.SchemaValidator and not sys.dont_write_bytecode:
            _write(path, validator, model)
    _validators[model] = validator
    return validator


def _read(path: Path, model: type[BaseModel]) -> pydantic_core.SchemaValidator | None:
    try:
        validator = pickle.loads(read_bounded(path, MAX_BYTES))  # noqa: S301 - trusted as the bytecode beside it
    except Exception:  # noqa: BLE001 - absent, unreadable, damaged, or written by another version
        return None
    if type(validator) is not pydantic_core.SchemaValidator or validator.title != model.__name__:
        return None
    return validator


def _write(path: Path, validator: pydantic_core.SchemaValidator, model: type[BaseModel]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, pickle.dumps(validator, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
        for older in path.parent.glob(f"{model.__qualname__}.validateur-*.pickle"):  # of another code
            if older != path:
                older.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001, S110 - a read-only installation: built again next time
        pass
