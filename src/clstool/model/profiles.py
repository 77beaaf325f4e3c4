"""Form profiles: which rubriques of a fiche a contract's form has.

A CLS's fiches follow the form of its ARS or of the tool it was written in: the Occitanie form
of the contracts in ``data/`` has a typology, target publics, a « oui / non » on citizen
participation and on access to rights, a grid of health determinants; a plan exported from
Territoires en Transitions has none of these. ``contrat.yaml`` names its form
(``formulaire: tet``); the completeness rules whose rubrique the form does not have are not run
(:attr:`clstool.lint.rules.Rule.rubrique`).

A profile is data, not code: one YAML file per form in ``clstool/resources/formulaires/``
(``libelle``, ``description``, ``rubriques``: keys of
:data:`clstool.model.vocabulary.RUBRIQUES`). Without ``formulaire``, a contract follows
:data:`DEFAULT` (the Occitanie form), so existing repositories keep their warnings. They are
read by :mod:`clstool.yamlio.profiles`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: The built-in profiles, one file each in ``clstool/resources/formulaires/`` (a test checks
#: that the two agree).
Formulaire = Literal["occitanie", "tet", "minimal"]
FORMULAIRES: tuple[str, ...] = Formulaire.__args__  # type: ignore[attr-defined]
#: The form of a contract that does not say.
DEFAULT: Formulaire = "occitanie"


@dataclass(frozen=True)
class Profile:
    """A form: its name (``tet``), French label and description, and the rubriques it has."""

    name: str
    libelle: str
    description: str
    rubriques: tuple[str, ...]

    def expects(self, rubrique: str | None) -> bool:
        """Whether this form has ``rubrique`` (``None``: a rule tied to no rubrique)."""
        return rubrique is None or rubrique in self.rubriques
