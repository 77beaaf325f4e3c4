"""Every lint rule is documented, and its documentation is true.

The docstring of each rule module is what ``clstool rules CODE`` prints; its ``En faute ::``
examples must trigger the rule and its ``Correct ::`` examples must not. Rules added later
(calendar rules CLS3xx…) are checked the same way without a line of test to write. Each rule
must also have its own test file, ``rules/test_<module>.py`` (its lines and columns asserted
there), and every file of ``rules/`` is named after a rule module.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rulecheck import all_findings, example_files

from clstool.lint.rules import all_rules
from clstool.model.diagnostic import CODES, Severity

RULES = list(all_rules().values())
TESTS = Path(__file__).parent


def test_at_least_fifteen_rules_with_unique_codes_and_names():
    assert len(RULES) >= 15
    assert len({r.name for r in RULES}) == len(RULES)
    assert not set(all_rules()) & set(CODES), "un code de règle masque un code intégré"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    assert re.fullmatch(r"CLS[23]\d\d", rule.code)
    assert isinstance(rule.severity, Severity)
    summary = rule.summary()
    assert summary.endswith(".") and len(summary) < 110, summary
    doc = rule.doc()
    assert len(doc.split("\n\n")) >= 3, "résumé, justification, exemples"
    kinds = [e.failing for e in rule.examples()]
    assert True in kinds and False in kinds, "au moins un exemple en faute et un correct"


@pytest.mark.parametrize("rule, index", [(r, i) for r in RULES for i in range(len(r.examples()))],
                         ids=lambda v: v.code if hasattr(v, "code") else str(v))
def test_rule_examples_are_true(tmp_path, rule, index):
    example = rule.examples()[index]
    files, today = example_files(example.text)
    found = all_findings(tmp_path, files, rule.code, today)
    if example.failing:
        assert found, f"{rule.code} : l'exemple en faute ne déclenche pas la règle\n{example.text}"
    else:
        assert not found, f"{rule.code} : l'exemple correct déclenche la règle : {[d.message for d in found]}"


def _module(rule) -> str:
    return type(rule).__module__.rsplit(".", 1)[1]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_its_own_tests(rule):
    path = TESTS / "rules" / f"test_{_module(rule)}.py"
    assert path.is_file(), f"{rule.code} : pas de fichier de tests {path.relative_to(TESTS.parent)}"
    assert re.search(rf'["\']{rule.code}["\']', path.read_text(encoding="utf-8")), \
        f"{path.name} ne nomme pas {rule.code}"


def test_every_rule_test_file_is_named_after_a_rule_module():
    modules = {f"test_{_module(r)}.py" for r in RULES}
    assert {p.name for p in (TESTS / "rules").glob("*.py")} <= modules


def test_docs_table_is_the_catalogue():
    from clstool.lint.registry import catalogue, markdown_table

    readme = (TESTS.parents[1] / "docs" / "regles.md").read_text(encoding="utf-8")
    for row in markdown_table([e for e in catalogue(builtins=False) if e.code.startswith("CLS2")]).splitlines()[2:]:
        assert row in readme, f"docs/regles.md : ligne du tableau des règles à mettre à jour : {row}"
