"""model/budget.py: the budget line's shape and bounds, and its totals."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from clstool.lint.run import validate
from clstool.model.budget import LigneBudget, Total, add, totals


def line(**values) -> LigneBudget:
    return LigneBudget.model_validate({"annee": 2024, "type": "fonctionnement", **values})


def test_totals_per_unit_and_year_keep_absent_amounts_absent():
    lines = [line(prevu=1000, realise=250.5), line(prevu=500), line(unite="etp", realise=0.3), line(annee=2025, prevu=99)]
    assert totals(lines, 2024) == {"euros": Total(1500, 250.5), "etp": Total(None, 0.3)}
    assert totals(lines) == {"euros": Total(1599, 250.5), "etp": Total(None, 0.3)}
    assert totals(lines, 2030) == {}
    assert Total(1500, 250.5).taux == 16.7 and Total(0, 10).taux is None and Total(10, None).taux is None
    assert add({"etp": Total(0.1, 0.2)}, {"etp": Total(0.2, None), "euros": Total(1, 1)}) == {
        "euros": Total(1, 1),
        "etp": Total(0.3, 0.2),
    }  # euros first, floats without 0.30000000000000004


@pytest.mark.parametrize(
    "values", [{"prevu": -1}, {"unite": "dollars"}, {"type": "autre"}, {"annee": 1850}, {"realise": float("inf")}, {"montant": 3}]
)
def test_bad_lines_are_refused(values):
    with pytest.raises(ValidationError):
        line(**values)


def test_validate_says_where_a_budget_line_is_wrong(territory):
    territory.fiche(
        "1-1", 'id: "1-1"\naxe: "1"\ntitre: A\nbudget:\n  - annee: 2024\n    type: fonctionnement\n    prevu: 10000000000000000\n'
    )
    found = [(d.code, d.line, d.column) for d in validate([str(territory.root)]).diagnostics if d.code < "CLS100"]
    assert found == [("CLS024", 7, 12)]
