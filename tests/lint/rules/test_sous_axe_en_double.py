"""CLS242 sous-axe-en-double: where it reports, and what."""

from __future__ import annotations

from rulecheck import all_findings
from test_sous_axe_inconnu import CONTRAT_SOUS_AXES


def test_cls232_duplicate_sub_axis_across_axes(tmp_path):
    contrat = CONTRAT_SOUS_AXES.replace(
        "    titre: Second axe\n",
        """    titre: Second axe
    sous_axes:
      - id: "1.2"
        titre: Un doublon fictif
""",
    )
    found = all_findings(tmp_path, {"contrat.yaml": contrat, "fiches/1-1.yaml": 'id: "1-1"\naxe: "1"\ntitre: A\n'}, "CLS242")
    assert [(d.file.rsplit("/", 1)[-1], d.line, d.column, d.path, d.message) for d in found] == [
        ("contrat.yaml", 17, 13, "axes[1].sous_axes[0].id", "sous-axe « 1.2 » déjà déclaré sous l'axe 1")
    ]
    assert found[0].severity.value == "error"


def test_cls232_distinct_ids_pass(tmp_path):
    files = {"contrat.yaml": CONTRAT_SOUS_AXES, "fiches/1-1.yaml": 'id: "1-1"\naxe: "1"\ntitre: A\n'}
    assert all_findings(tmp_path, files, "CLS242") == []
