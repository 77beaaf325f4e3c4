"""The shape of data/: counts read by a person in the sources, compared with the YAML.

The table :data:`MONTPELLIER` was established by READING
``shared/sources/montpellier-cls-2022-2027.txt`` fiche by fiche (the detailed « FICHE ACTION
N° x-y » pages), not by counting the YAML. Conventions of the reading:

- déclinaisons: the sub-actions of « Déclinaisons opérationnelles de la fiche-action »;
- étapes: top-level items of « Description de l'action : les étapes » (a heading with its
  bullets counts once). 4-4's étapes cell holds only « Sur toute la durée du CLS », a period:
  it is counted as a calendar entry, not a step;
- indicators: one per line under « Indicateurs de processus » / « Indicateurs de résultat »;
- porteurs/pilotes, partenaires, opérateurs: the « Portage » cell, one per organisation; a line
  naming several organisations separated by « / » counts each (« CPTS / CHU / CPAM »: 3);
- calendar: entries of the fiche's « Calendrier prévisionnel » plus those of every
  déclinaison; a dated step of a fiche without a calendar row (3-3: « 2024 : période de
  rodage ») is a calendar entry too; a yearly cycle counts one entry per month (2-2);
- financements with an amount: the cells naming a funder and a sum in euros.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from clstool.model.documents import Fiche
from clstool.yamlio.load import load

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

COLUMNS = ("declinaisons", "etapes", "processus", "resultat", "porteurs", "partenaires",
           "operateurs", "calendrier", "montants")

#: fiche: déclinaisons, étapes, indicators processus, indicators résultat, porteurs/pilotes,
#: partenaires, opérateurs, calendar entries (fiche + déclinaisons), financements with amount.
MONTPELLIER: dict[str, tuple[int, ...]] = {
    #       decl étap  P   R  port part opér cal  €
    "1-1": (4,   0,   2,  2,  4,   9,   4,   6,  0),
    "1-2": (3,   0,   3,  2,  1,   8,   3,   5,  0),
    "1-3": (2,   0,   1,  1,  1,   7,   0,   2,  0),
    "2-1": (3,   0,   2,  2,  1,   4,   2,   3,  0),
    "2-2": (0,   4,   2,  2,  1,   1,   4,   5,  0),
    "2-3": (0,   2,   2,  2,  3,   6,   3,   1,  0),
    "3-1": (3,   0,   4,  3,  2,   3,   6,   3,  3),
    "3-2": (2,   0,   2,  3,  2,   1,   4,   2,  0),
    "3-3": (0,   2,   1,  1,  1,   3,   1,   2,  0),
    "4-1": (3,   0,   2,  2,  2,   4,   8,   7,  0),
    "4-2": (0,   3,   3,  5,  1,   5,   1,   2,  0),
    "4-3": (3,   0,   2,  1,  2,   6,   2,   3,  0),
    "4-4": (0,   0,   1,  2,  1,   5,   3,   1,  0),
    "5-1": (3,   0,   4,  6,  1,  11,   1,   3,  0),
    "5-2": (2,   0,   3,  5,  3,   5,   4,   2,  0),
    "5-3": (3,   0,   2,  3,  3,  11,   4,   3,  0),
}


def counts(fiche: Fiche) -> tuple[int, ...]:
    """The same counts, taken from a loaded fiche."""
    portage = fiche.portage
    types = Counter(i.type for i in fiche.indicateurs)
    financements = list(fiche.financements) + [f for d in fiche.declinaisons for f in d.financements]
    return (
        len(fiche.declinaisons),
        len(fiche.etapes),
        types["processus"],
        types["resultat"],
        len(portage.porteurs) + len(portage.pilotes) if portage else 0,
        len(portage.partenaires) if portage else 0,
        len(portage.operateurs) if portage else 0,
        len(fiche.calendrier) + sum(len(d.calendrier) for d in fiche.declinaisons),
        sum(1 for f in financements if f.montant is not None),
    )


@pytest.fixture(scope="module")
def project():
    return load([str(DATA / "montpellier"), str(DATA / "clermont")])


def _territory(project, name):
    return next(t for t in project.territories if t.root.name == name)


def _fiches(project, name) -> dict[str, Fiche]:
    territory = _territory(project, name)
    assert all(f.model is not None for f in territory.files), [
        (f.display, [d.message for d in f.diagnostics]) for f in territory.files if f.model is None]
    return {f.model.id: f.model for f in territory.fiches}


def test_montpellier_counts_match_the_reading(project):
    fiches = _fiches(project, "montpellier")
    assert sorted(fiches) == sorted(MONTPELLIER)
    differences = []
    for fiche_id, expected in MONTPELLIER.items():
        found = counts(fiches[fiche_id])
        for column, want, got in zip(COLUMNS, expected, found, strict=False):
            if want != got:
                differences.append(f"{fiche_id} {column} : source {want}, YAML {got}")
    assert not differences, "\n".join(differences)


def test_counts_see_a_missing_item(project):
    fiche = _fiches(project, "montpellier")["3-1"]
    assert counts(fiche) == MONTPELLIER["3-1"]
    shorter = fiche.model_copy(update={"declinaisons": fiche.declinaisons[:2]})
    assert counts(shorter)[0] == 2 and counts(shorter)[-1] == 2  # one déclinaison, one amount less


def _per_axis(fiches: dict[str, Fiche]) -> dict[str, int]:
    return dict(sorted(Counter(f.axe for f in fiches.values()).items()))


def test_montpellier_axes(project):
    fiches = _fiches(project, "montpellier")
    assert len(fiches) == 16
    assert _per_axis(fiches) == {"1": 3, "2": 3, "3": 3, "4": 4, "5": 3}
    contrat = _territory(project, "montpellier").contrat.model
    assert [a.id for a in contrat.axes] == ["1", "2", "3", "4", "5"]
    assert all(fiche_id.split("-")[0] == f.axe for fiche_id, f in fiches.items())


def test_clermont_axes(project):
    fiches = _fiches(project, "clermont")
    assert len(fiches) == 33
    assert _per_axis(fiches) == {"1": 6, "2": 7, "3": 6, "4": 10, "5": 4}
    contrat = _territory(project, "clermont").contrat.model
    assert [a.id for a in contrat.axes] == ["1", "2", "3", "4", "5"]
    assert all(fiche_id.split("-")[0] == f.axe for fiche_id, f in fiches.items())


def test_validate_the_data_cli():
    done = subprocess.run(
        [sys.executable, "-m", "clstool", "validate", "data/montpellier", "data/clermont",
         "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["fiches"] == 49
    assert report["summary"]["error"] == 0, report["diagnostics"]
    assert not [d for d in report["diagnostics"] if d["severity"] == "error"]
