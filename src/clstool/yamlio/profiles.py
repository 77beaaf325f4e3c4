"""The built-in form profiles (:mod:`clstool.model.profiles`), read from their YAML files.

Read with clstool's own reader, so that validating a well-formed fiche needs no PyYAML at all
where the C reader is built (:mod:`clstool.yamlio.read`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from clstool.model.profiles import DEFAULT, FORMULAIRES, Profile
from clstool.model.vocabulary import RUBRIQUES
from clstool.yamlio.read import read_yaml


def folder() -> Path:
    """The folder of the built-in profiles (a plain path: ``importlib.resources`` costs 5 ms to
    import, a fiftieth of validating one fiche, and clstool is never run from a zip)."""
    return Path(__file__).resolve().parent.parent / "resources" / "formulaires"


@lru_cache(maxsize=None)
def profile(name: str | None) -> Profile:
    """The built-in profile ``name`` (``None``: :data:`DEFAULT`)."""
    name = name or DEFAULT
    if name not in FORMULAIRES:
        raise KeyError(name)
    data = read_yaml((folder() / f"{name}.yaml").read_bytes()).data
    rubriques = tuple(data["rubriques"])
    unknown = [r for r in rubriques if r not in RUBRIQUES]
    if unknown:  # a packaging mistake, caught by the tests
        raise ValueError(f"formulaire {name} : rubriques inconnues {unknown}")
    return Profile(name, data["libelle"], " ".join(data["description"].split()), rubriques)


def of_contract(contrat: object | None) -> Profile:
    """The profile a contract declares (``formulaire``), the default one without a contract."""
    return profile(getattr(contrat, "formulaire", None))
