"""``clstool report`` over several territories: the overview of a department or a region."""

from __future__ import annotations

import re
from pathlib import Path

from clstool.model.documents import Fiche
from clstool.report.overview import build_overview, render_overview
from clstool.yamlio.load import load
from tests.conftest import DATA, run
from tests.regional_helpers import region


def test_overview_of_the_real_contracts_names_both_and_hides_no_missing_follow_up(tmp_path):
    out = tmp_path / "vue.md"
    result = run("report", DATA, "--year", "2025", "--format", "md", "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    project = load([str(DATA)])
    for territory in project.territories:
        name = territory.contrat.model.territoire
        fiches = [f for f in territory.fiches if isinstance(f.model, Fiche)]
        with_followup = sum(1 for f in fiches if 2025 in f.model.suivi)
        row = next(line for line in text.splitlines() if line.startswith("| ") and f"| {name} |" in line)
        assert f"| {len(fiches)} |" in row
        assert f"{with_followup} / {len(fiches)}" in row
        if with_followup == 0:  # never hidden: in the row, the notice and the contract's section
            assert "**aucun suivi**" in row
            assert re.search(rf"sans aucun suivi pour 2025 \([^)]*{re.escape(name)}", text)


def test_overview_budget_is_the_sum_of_declared_amounts():
    project = load([str(DATA)])
    total = 0.0
    for f in project.files:
        if isinstance(f.model, Fiche):
            amounts = [x.montant for x in f.model.financements if x.montant is not None]
            amounts += [x.montant for d in f.model.declinaisons for x in d.financements if x.montant is not None]
            total += sum(amounts)
    overview = build_overview([str(DATA)], 2025)
    shown = overview.budget_total.replace("\u202f", "").replace(" €", "")
    assert total > 0 and int(shown) == round(total)


def test_overview_of_a_fictitious_region(tmp_path):
    root = region(tmp_path / "region")
    overview = build_overview([str(root)], 2025)
    a, b = overview.contrats
    assert (a.territoire, b.territoire) == ("Ville A", "Ville B")
    assert (a.avec_suivi, a.sans_suivi, b.sans_suivi) == (1, False, True)
    assert a.annee_contrat == "4e année sur 6" and b.annee_contrat == "2e année sur 6"
    assert a.gouvernance == "Comité de pilotage : 1 sur 1"
    assert b.gouvernance == "aucune instance déclarée"
    assert a.budget.startswith("12\u202f000 €") and b.budget == "non renseigné"
    # the partner written with two apostrophes is one partner present in two contracts
    assert [(p.nom, p.nombre) for p in overview.partenaires_communs] == [("CPAM de l'Hérault", 2)]
    # fiches per objective of the référentiel
    counts = {o.code: (o.fiches, o.contrats, o.libelle) for o in overview.objectifs}
    assert counts == {"PRS-1": (2, 2, "Prévenir les conduites à risque"),
                      "PRS-2": (1, 1, "Favoriser l'accès aux soins de premier recours")}
    qpv = next(t for t in overview.territoires_intervention if "QPV" in t.libelle)
    assert (qpv.fiches, qpv.contrats) == (1, 1)
    # the same action in both contracts (fiche ids repeat: 1-1 in each, never mixed)
    assert [(p.a.dossier.endswith("ville-a"), p.a.fiche, p.b.dossier.endswith("ville-b"), p.b.fiche)
            for p in overview.similaires] == [(True, "1-1", True, "1-1")]
    html = render_overview(overview, "html")
    assert "Ville B" in html and "aucun suivi" in html and "PRS-1" in html
    assert not re.search(r"""(src|href)=["']https?:""", html)  # self-contained


def test_overview_writes_each_contract_report_and_links_it(tmp_path):
    out = tmp_path / "sortie" / "vue.html"
    out.parent.mkdir()
    result = run("report", DATA, "--year", "2025", "-o", out, "--par-contrat")
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    for name in ("vue-montpellier.html", "vue-clermont.html"):
        assert (out.parent / name).stat().st_size > 10_000
        assert f'href="{name}"' in html


def test_one_territory_still_gets_its_own_report(tmp_path):
    result = run("report", DATA / "montpellier", "--year", "2025", "-f", "md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Bilan 2025 — Ville de Montpellier")


def test_overview_refuses_fiche_selection(tmp_path):
    result = run("report", DATA, "--year", "2025", "--fiche", "1-1")
    assert result.returncode == 2 and "un seul" in result.stderr


def test_overview_of_a_generated_region(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "corpus"
    subprocess.run([sys.executable, str(Path(DATA).parent / "benchmarks" / "generate.py"), "--contracts", "3",
                    "--fiches-per-contract", "5", "--out", str(out), "--jobs", "1", "--error-rate", "0"], check=True,
                   capture_output=True)
    result = run("report", out, "--year", "2025", "-f", "md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n### ") == 3


def test_overview_formats_are_html_and_md_only():
    """Word, PDF and slides are the per-contract report's: asked over several contracts, the
    command says so (exit 2) instead of failing."""
    for fmt in ("docx", "pdf", "pptx"):
        result = run("report", DATA, "--year", "2025", "--format", fmt, "-o", "/tmp/clstool-overview-refused")
        assert result.returncode == 2 and "html ou md" in result.stderr, result.stderr
        assert "Erreur interne" not in result.stderr
