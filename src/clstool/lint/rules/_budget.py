"""Where the budget lines of a fiche are (shared by the budget rules)."""

from __future__ import annotations

from collections.abc import Iterator

from clstool.model.budget import LigneBudget


def budget_lists(fiche) -> Iterator[tuple[tuple, list[LigneBudget]]]:
    """The fiche's ``budget`` and each déclinaison's, with the path of the list."""
    yield ("budget",), fiche.budget
    for j, declinaison in enumerate(fiche.declinaisons):
        yield ("declinaisons", j, "budget"), declinaison.budget
