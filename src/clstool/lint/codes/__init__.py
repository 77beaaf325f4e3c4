"""Documentation of the built-in codes (CLS0xx reading and schema, CLS030, CLS1xx cross-file).

The identity of a built-in code — code, name, default severity, one-line summary — is
:data:`clstool.model.diagnostic.CODES` (the loader needs it and cannot import ``lint``). Its
documentation is here, in the format of the lint rules (:mod:`clstool.lint.documented`): one
:class:`BuiltinCode` subclass per code, in the module of its family (``reading.py``,
``schema.py``, ``suppressions.py``, ``crossfile.py``), whose docstring is what
``clstool rules CODE`` prints: the summary of ``CODES`` as first line, why, then at least one
``En faute ::`` and one ``Correct ::`` example. The test suite writes every example to a
fictitious territory and runs ``validate`` (reading, schema and cross-file codes only): an
``En faute`` example must yield that code, and no other, at the places it documents; a
``Correct`` example must yield nothing at all.

The examples are **whole files**, written as shown (nothing is added in front, unlike the
extracts of the lint rules), so the lines counted by the reader are the lines reported. The
first file is ``fiches/1-1.yaml``; the default contract (2022–2027, axes 1 and 2) is written
too. A few comment lines, which are *not* written into the file, describe what text cannot
show:

- ``# fichier : fiches/1-2.yaml`` starts another file (``contrat.yaml`` replaces the default
  contract);
- ``# sans contrat.yaml``: the territory has no contract at all;
- ``# signalé : ligne 3, colonne 12``: where the code is reported, in the current file (lines
  counted without these comment lines); an ``En faute`` example has at least one;
- ``# encodage : cp1252``: the current file is written in this encoding (a Python codec name;
  ``utf-8-sig`` writes a BOM; default UTF-8 without BOM);
- ``⇥`` stands for a tab character.

A code whose fault text cannot produce (an unreadable file) sets :attr:`BuiltinCode.in_words`
and describes its example in words instead of an ``En faute ::`` block.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import ClassVar

from clstool.lint.documented import Documented
from clstool.model.diagnostic import CODES, Code

__all__ = ["BuiltinCode", "all_codes"]


class BuiltinCode(Documented):
    """Base of the documentation of one built-in code (see the module docstring)."""

    code: ClassVar[str] = ""
    #: the fault is described in words: no file can show it (the examples cannot be run)
    in_words: ClassVar[bool] = False

    @classmethod
    def identity(cls) -> Code:
        return CODES[cls.code]


@lru_cache(maxsize=None)
def all_codes() -> dict[str, type[BuiltinCode]]:
    """The documentation of every built-in code, by code, in code order."""
    found: dict[str, type[BuiltinCode]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for obj in vars(module).values():
            if (isinstance(obj, type) and issubclass(obj, BuiltinCode) and obj.__module__ == module.__name__
                    and obj.code):
                if obj.code in found:
                    raise RuntimeError(f"code documenté deux fois : {obj.code} ({module.__name__})")
                if obj.code not in CODES:
                    raise RuntimeError(f"code documenté absent de CODES : {obj.code} ({module.__name__})")
                found[obj.code] = obj
    return dict(sorted(found.items()))
