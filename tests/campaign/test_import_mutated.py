"""``clstool campagne importer`` on returned workbooks mutated at random (hypothesis): a carrier's
file comes by e-mail and may be damaged or hostile. Whatever the mutation, the import ends with a
French message or a clean import (exit 0, 1 or 2), never a traceback nor « Erreur interne »,
within seconds, and a run that reports a problem writes nothing. Data: a copy of data/montpellier
with FICTITIOUS contacts and FICTITIOUS answers."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from campaign_helpers import YEAR, cli, fill, prepare, snapshot, territory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutation_helpers import damaged

ANSWERS = {
    ("fiches", "1-1", "statut"): "en cours",
    ("fiches", "1-1", "avancement"): 40,
    ("fiches", "1-1", "realisations"): "- Réunion fictive de lancement",
    ("indicateurs", "1-1|P1", "valeur"): 12,
    ("fiches", "2-1", "statut"): "bloqué",
}
#: CI: 30 examples; CLSTOOL_FUZZ_WORKBOOKS for a longer run (benchmarks/fuzz_long.py)
_EXAMPLES = int(os.environ.get("CLSTOOL_FUZZ_WORKBOOKS", "30"))


@pytest.fixture(scope="module")
def returned(tmp_path_factory) -> tuple[Path, bytes]:
    """A territory and the workbook one carrier sent back, filled (both made once)."""
    base = tmp_path_factory.mktemp("base")
    terr = territory(base)
    out = prepare(terr, base / "campagne")
    path = next(out.glob("camille*.xlsx"))
    fill(path, ANSWERS)
    return terr, path.read_bytes()


@settings(max_examples=_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_returned_workbooks_never_crash(returned, tmp_path_factory, data):
    source, base = returned
    work = tmp_path_factory.mktemp("essai")
    terr = work / "montpellier"
    shutil.copytree(source, terr)
    path = work / "retour.xlsx"
    path.write_bytes(damaged(data, base))
    before = snapshot(terr)
    start = time.process_time()
    code, _, err = cli("campagne", "importer", str(path), str(terr), "--annee", str(YEAR))
    assert time.process_time() - start < 10
    assert code in (0, 1, 2), err
    assert "Erreur interne" not in err and "Traceback" not in err, err
    if code != 0:
        assert snapshot(terr) == before, err  # a reported problem: nothing written
        assert "retour.xlsx" in err or "aucun fichier" in err, err
