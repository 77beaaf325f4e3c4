"""The six defects the review found in the annual report (each test failed before its fix).

Data: the FICTITIOUS follow-up example (``examples/montpellier-suivi``) and small fictitious
territories written here."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bs4 import BeautifulSoup

from clstool.report.build import build
from clstool.report.render import render
from clstool.yamlio.load import load

ROOT = Path(__file__).resolve().parents[2]
SUIVI = str(ROOT / "examples" / "montpellier-suivi")
END_2024 = dt.date(2024, 12, 31)


def _report(path: str, year: int = 2024):
    return build(load([path]), year, END_2024, today=dt.date(2025, 6, 1))


def _territory(tmp_path: Path, fiche: str) -> Path:
    """A fictitious territory with one fiche."""
    (tmp_path / "fiches").mkdir(parents=True)
    (tmp_path / "contrat.yaml").write_text(
        "territoire: Commune fictive\nintitule: CLS fictif\nperiode: {debut: 2023, fin: 2027}\n"
        "axes:\n  - {id: '1', titre: Axe fictif}\n", encoding="utf-8")
    (tmp_path / "fiches" / "1-1.yaml").write_text(fiche, encoding="utf-8")
    return tmp_path


def _article(html: str, fiche: str):
    return BeautifulSoup(html, "html.parser").find("article", attrs={"data-fiche": fiche})


def test_declinaison_adjusted_calendar_is_in_its_fiche_section():
    report = _report(SUIVI)
    fiche = next(f for f in report.fiches if f.id == "4-3")
    d3 = next(d for d in fiche.declinaisons if d.ref == "3")
    assert [e.periode for e in d3.calendrier_ajuste] == ["2ème trimestre 2025"]
    assert d3.calendrier_ajuste_annee == 2024
    row = next(tr for tr in _article(render(report, "html"), "4-3").select("table.declinaisons tbody tr")
               if tr.find("td").get_text(strip=True) == "3")
    text = row.get_text(" ", strip=True)
    assert "2ème trimestre 2025" in text and "ajusté en 2024" in text.lower()
    section = render(report, "md").split("### 4-3 · ")[1].split("\n### ")[0]
    assert "2ème trimestre 2025" in section


def test_unreadable_adjusted_period_is_shown_not_called_no_adjustment(tmp_path):
    root = _territory(tmp_path, "id: 1-1\naxe: '1'\ntitre: Action fictive\ncalendrier: [2024]\n"
                                "suivi:\n  2024:\n    calendrier_ajuste: [quand le local sera prêt]\n")
    report = _report(str(root))
    view = report.fiches[0]
    assert [e.periode for e in view.calendrier_ajuste] == ["quand le local sera prêt"]
    assert view.calendrier_ajuste_lu is False
    article = _article(render(report, "html"), "1-1").get_text(" ", strip=True)
    assert "pas d'ajustement" not in article
    assert "quand le local sera prêt" in article and "période non reconnue" in article


def test_gantt_caption_comes_before_its_chart():
    html = render(_report(SUIVI), "html")
    figures = [f for f in BeautifulSoup(html, "html.parser").find_all("figure") if f.find("svg", class_="gantt")]
    assert figures
    for figure in figures:
        children = [c for c in figure.children if getattr(c, "name", None)]
        assert children[0].name == "figcaption", children[0].name


def test_replaced_planned_entries_are_not_drawn_like_live_ones():
    report = _report(SUIVI)
    axis = next(a for a in report.axes if a.id == "4")
    svg = BeautifulSoup(str(axis.gantt), "html.parser")
    replaced = svg.select("rect.gantt-bar.replaced")
    live = [r for r in svg.select("rect.gantt-bar") if "replaced" not in r.get("class", [])]
    assert replaced and live
    assert all(not r["fill"].startswith("url(") for r in replaced)
    assert all(r.get("stroke-dasharray") for r in replaced)
    assert {r["fill"] for r in replaced}.isdisjoint({r["fill"] for r in live})


def test_annex_paths_are_relative_to_the_territory(tmp_path):
    root = _territory(tmp_path / "C:" / "Users" / "coordinatrice" / "CLS",
                      "id: 1-1\naxe: '1'\ntitre: Action fictive\nchamp_inconnu: 1\n")
    (root / "fiches" / "1-2.yaml").write_text("id: 1-2\naxe: '1'\ntitre: Autre action fictive\ncalendrier: [2024]\n",
                                              encoding="utf-8")
    report = build(load([str(root.resolve())]), 2024, END_2024, today=dt.date(2025, 6, 1))
    assert report.qualite, "the fictitious fiche 1-1 has an unknown key"
    assert {q.fichier for q in report.qualite if q.code == "CLS020"} == {"fiches/1-1.yaml"}
    assert all(not q.fichier.startswith("/") for q in report.qualite)
    assert report.fichiers_ignores == []  # an unknown key leaves the rest of the fiche readable
    assert [f.fichier for f in report.fiches] == ["fiches/1-1.yaml", "fiches/1-2.yaml"]
    html = render(report, "html")
    assert "fiches/1-2.yaml" in html
    assert str(tmp_path) not in html and "coordinatrice" not in html


def test_key_figures_use_one_notion_of_follow_up():
    report = _report(SUIVI)
    labels = " | ".join(k.libelle for k in report.chiffres_cles)
    assert "bilan" not in labels.lower(), labels
    figures = {k.libelle: k.valeur for k in report.chiffres_cles}
    with_followup = figures["fiches avec un suivi 2024"]
    without = int(figures["fiches sans suivi 2024"])
    done, total = (int(x) for x in with_followup.split(" / "))
    assert done + without == total == len(report.fiches)
    assert "suivi 2024" in report.definition_suivi and "suivi:" in report.definition_suivi
    assert any(re.search(rf"\b{without} fiches sans suivi 2024\b", p) for p in report.inconnus), report.inconnus
    keyfigures = BeautifulSoup(render(report, "html"), "html.parser").find(class_="keyfigures").get_text(" ")
    assert "bilan" not in keyfigures.lower()
