"""Every built-in code (CLS0xx, CLS1xx) is documented like a lint rule, and its documentation is true.

The docstrings of :mod:`clstool.lint.codes` are what ``clstool rules CODE`` prints and what SARIF
gives as help. Each ``En faute ::`` example is written to a fictitious territory (whole files,
with the notation of :mod:`clstool.lint.codes`): ``validate`` must report that code, and nothing
else, exactly at the places the example documents (``# signalé :``); each ``Correct ::`` example
must be reported nothing at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rulecheck import builtin_diagnostics, code_example

from clstool.lint.codes import all_codes
from clstool.model.diagnostic import CODES

DOCUMENTED = list(all_codes().values())
EXAMPLES = [(c, i) for c in DOCUMENTED for i in range(len(c.examples()))]


def test_every_built_in_code_is_documented_once():
    assert list(all_codes()) == sorted(CODES), "un code de CODES sans documentation, ou l'inverse"


@pytest.mark.parametrize("documented", DOCUMENTED, ids=lambda c: c.code)
def test_built_in_code_documentation_has_the_rule_format(documented):
    identity = CODES[documented.code]
    assert documented.summary() == identity.summary, "la première ligne doit être le résumé de CODES"
    assert len(documented.doc().split("\n\n")) >= 3, "résumé, justification, exemples"
    kinds = [e.failing for e in documented.examples()]
    if documented.in_words:
        assert kinds == [] and "En faute (décrit" in documented.doc()
    else:
        assert True in kinds and False in kinds, "au moins un exemple en faute et un correct"


@pytest.mark.parametrize("documented, index", EXAMPLES,
                         ids=lambda v: v.code if hasattr(v, "code") else str(v))
def test_built_in_code_examples_are_true(tmp_path, documented, index):
    example = documented.examples()[index]
    files = code_example(example.text)
    root = tmp_path / "terr"
    found = {(Path(d.file).relative_to(root).as_posix(), d.line, d.column, d.code)
             for d in builtin_diagnostics(root, files)}
    if example.failing:
        assert files.places, f"{documented.code} : l'exemple en faute ne dit pas où (# signalé : …)"
        expected = {(name, line, column, documented.code) for name, line, column in files.places}
        assert found == expected, f"{documented.code} : exemple en faute\n{example.text}"
    else:
        assert not found, f"{documented.code} : l'exemple correct produit {sorted(found)}"


def test_example_notation():
    example = code_example("# encodage : cp1252\n# signalé : ligne 1, colonne 8\ntitre: é\u21e5\n"
                           "# fichier : fiches/1-2.yaml\nid: x\n# sans contrat.yaml\n")
    assert example.files == {"fiches/1-1.yaml": b"titre: \xe9\t\n", "fiches/1-2.yaml": b"id: x\n"}
    assert example.places == {("fiches/1-1.yaml", 1, 8)} and example.contract is False
    assert set(code_example("# fichier : contrat.yaml\na: 1\n").files) == {"contrat.yaml"}


def test_rules_command_and_sarif_show_the_full_documentation(tmp_path):
    from clstool.lint.formats.ci import to_sarif
    from clstool.lint.registry import entry, rule_text
    from clstool.lint.run import validate

    doc = all_codes()["CLS006"].doc()
    assert entry("cle-en-double").doc == doc
    assert rule_text("CLS006") == f"CLS006 cle-en-double (erreur, code intégré)\n\n{doc}\n"
    (tmp_path / "fiches").mkdir()
    rules = json.loads(to_sarif(validate([str(tmp_path)])))["runs"][0]["tool"]["driver"]["rules"]
    cls006 = next(r for r in rules if r["id"] == "CLS006")
    assert cls006["shortDescription"]["text"] == CODES["CLS006"].summary
    assert cls006["fullDescription"]["text"].startswith("YAML ne garde que l'une des deux valeurs")
    assert cls006["help"]["text"] == doc and "En faute ::" in doc
