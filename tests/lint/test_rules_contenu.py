"""The content lint rules (CLS201–CLS221) together: all quiet on a complete fiche, the
completeness rules skip fiches reduced to their title, opt-in rules run only when selected.
Each rule's own tests are in ``tests/lint/rules/test_<module>.py``."""

from __future__ import annotations

import datetime as dt

import pytest
from rulecheck import COMPLETE, HEADER, findings, without

D = dt.date


ALL_CODES = [f"CLS2{n:02d}" for n in range(1, 22)]


@pytest.mark.parametrize("code", ALL_CODES)
def test_complete_fiche_is_clean(tmp_path, code):
    assert findings(tmp_path, COMPLETE, code) == []


def test_completeness_rules_skip_title_only_fiches(tmp_path):
    for code in ("CLS201", "CLS202", "CLS203", "CLS206", "CLS210", "CLS211", "CLS212"):
        assert findings(tmp_path / code, HEADER, code) == []
    # … but not a fiche being filled in
    assert findings(tmp_path / "scaffold", HEADER + "typologie: []\n", "CLS201") == [(4, 1, "portage.porteurs")]


def test_opt_in_rules_do_not_run_by_default(tmp_path):
    from rulecheck import write_territory

    from clstool.lint.run import validate

    root = write_territory(tmp_path / "t", {"fiches/1-1.yaml": without(COMPLETE, "suivi:")})
    assert validate([str(root)], today=D(2025, 3, 1)).diagnostics == []
    # a prefix does not switch them on either; the exact code does
    assert validate([str(root)], select=["CLS2"], today=D(2025, 3, 1)).diagnostics == []
    codes = {d.code for d in validate([str(root)], select=["CLS219", "CLS220"], today=D(2025, 3, 1)).diagnostics}
    assert codes == {"CLS219", "CLS220"}
