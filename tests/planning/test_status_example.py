"""examples/montpellier-suivi: the Montpellier plan with a FICTITIOUS follow-up.

It must stay valid, keep exactly the plan of data/montpellier, say on every file that its
follow-up is fictitious, and show every status; named fiches have the expected status.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from conftest import DATA, ROOT

from clstool.lint.run import validate
from clstool.planning.status import STATUTS, STATUTS_INDICATEUR, status
from clstool.yamlio.load import load

EXAMPLE = ROOT / "examples" / "montpellier-suivi"
D = dt.date


@pytest.fixture(scope="module")
def report_2024():
    return status([str(EXAMPLE)], 2024, D(2024, 12, 31))


def by_id(report):
    return {f.id: f for f in report.fiches}


def test_example_is_valid():
    result = validate([str(EXAMPLE)])
    # valid = no error; the lint warnings (CLS2xx) are those of data/montpellier, whose plan it copies
    errors = [d for d in result.diagnostics if d.severity.value == "error"]
    assert errors == [], [(d.file, d.line, d.message) for d in errors]
    assert (result.files, result.fiches) == (18, 16)  # contrat.yaml, 16 fiches, bilans/2024.yaml


def test_every_file_says_the_followup_is_fictitious():
    files = sorted(EXAMPLE.rglob("*.yaml"))
    assert len(files) == 18
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        header = lines[: next(n for n, line in enumerate(lines) if not line.startswith("#"))]
        assert any("FICTIF" in line for line in header), path  # after the schema modeline
    readme = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    assert "fictif" in readme.lower() and "inventé" in readme


def _plan(source, drop_indicator_numbers=False):
    """The plan part of a file as read: everything but the follow-up (and the example's additions)."""
    data = copy.deepcopy(dict(source.data))
    data.pop("suivi", None)
    data.pop("gouvernance", None)
    data.pop("budget", None)  # the fictitious yearly budget (fiches 1-1, 2-2, 5-1)
    if drop_indicator_numbers:
        for indicator in data.get("indicateurs", []):
            for key in ("unite", "reference", "cibles", "sens"):
                indicator.pop(key, None)
    return data


def test_example_keeps_the_plan_of_the_real_data():
    real = load([str(DATA / "montpellier")]).territories[0]
    example = load([str(EXAMPLE)]).territories[0]
    example_contract = dict(_plan(example.contrat))
    assert example_contract.pop("intitule") == real.contrat.model.intitule + " — exemple de suivi fictif"
    assert example_contract == {k: v for k, v in _plan(real.contrat).items() if k != "intitule"}, \
        "python examples/build_montpellier_suivi.py"
    assert real.contrat.model.gouvernance == []
    assert [f.path.name for f in example.fiches] == [f.path.name for f in real.fiches]
    for mine, theirs in zip(example.fiches, real.fiches, strict=False):
        assert _plan(mine, True) == _plan(theirs, True), (
            f"{mine.path.name} : plan différent de data/montpellier — python examples/build_montpellier_suivi.py")
        assert theirs.model.suivi == {}
    changed = {f.model.id for f, r in zip(example.fiches, real.fiches, strict=False) if _plan(f) != _plan(r)}
    assert changed == {"1-2", "2-2", "3-1", "4-1", "5-1"}  # the fictitious targets, listed in the README


def test_every_status_occurs_in_2024(report_2024):
    seen = {f.statut for f in report_2024.fiches} | {d.statut for f in report_2024.fiches for d in f.declinaisons}
    assert seen == set(STATUTS)
    indicators = {i.statut for f in report_2024.fiches for i in f.indicateurs}
    assert indicators == set(STATUTS_INDICATEUR)


@pytest.mark.parametrize("fiche, expected", [
    ("1-1", "en_cours"),
    ("1-2", "sans_bilan"),  # no follow-up; its plan ends on the reference date itself
    ("1-3", "bloque"),
    ("2-1", "realise"),  # declared in 2023 only
    ("2-2", "realise"),
    ("2-3", "en_retard"),  # follow-up for 2023 only, plan ended in 2023
    ("3-2", "a_discuter"),
    ("3-3", "en_cours"),  # follow-up without a status
    ("4-1", "en_cours"),  # late plan reopened by an adjusted calendar
    ("4-2", "abandonne"),
    ("4-4", "en_pause"),
    ("5-2", "en_retard"),  # no follow-up at all
])
def test_named_fiches(report_2024, fiche, expected):
    assert by_id(report_2024)[fiche].statut == expected


def test_named_declinaisons(report_2024):
    fiches = by_id(report_2024)
    assert [d.statut for d in fiches["1-1"].declinaisons] == ["realise", "sans_bilan", "realise", "en_cours"]
    assert [d.statut for d in fiches["4-1"].declinaisons] == ["en_cours", "realise", "realise"]
    assert [d.statut for d in fiches["4-3"].declinaisons] == ["realise", "en_retard", "hors_periode"]
    assert [d.statut for d in fiches["5-1"].declinaisons] == ["realise", "abandonne", "en_cours"]
    assert fiches["5-3"].declinaisons[0].statut == "a_venir"


def test_named_indicators(report_2024):
    fiches = by_id(report_2024)

    def ind(fiche, ident):
        return next(i for i in fiches[fiche].indicateurs if i.id == ident)

    assert (ind("2-2", "P1").statut, ind("2-2", "P1").valeur, ind("2-2", "P1").cible) == ("atteint", 5, 4)
    assert ind("5-1", "R6").statut == "atteint"
    assert ind("4-1", "R2").statut == "partiel"
    assert (ind("3-1", "R3").statut, ind("3-1", "R3").sens) == ("non_atteint", "baisse")
    assert ind("1-1", "P1").statut == "mesure_sans_cible"
    assert ind("1-2", "R2").statut == "non_mesure"
    assert ind("1-1", "R1").statut == "qualitatif_renseigne"
    assert ind("1-1", "R2").statut == "qualitatif_non_renseigne"


def test_governance_2024(report_2024):
    assert {g.id: (len(g.reunions), g.statut) for g in report_2024.gouvernance} == {
        "copil": (1, "atteint"), "cotech": (1, "non_atteint")}


def test_axis_summary(report_2024):
    axes = {a.id: a for a in report_2024.axes}
    assert list(axes) == ["1", "2", "3", "4", "5"]
    assert sum(a.total for a in axes.values()) == 16
    assert axes["2"].counts["realise"] == 2 and axes["2"].counts["en_retard"] == 1
    assert all(set(a.counts) == set(STATUTS) for a in axes.values())


def test_mid_year_reference_date():
    fiches = by_id(status([str(EXAMPLE)], 2024, D(2024, 6, 30)))
    # 4-3 : déclinaison 2 is planned for the 3rd quarter: still to come at the end of June.
    assert fiches["4-3"].declinaisons[1].statut == "a_venir"
    # 1-1 déclinaison 3 (3rd quarter 2024) was declared done: declared follow-up wins.
    assert fiches["1-1"].declinaisons[2].statut == "realise"
