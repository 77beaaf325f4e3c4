"""``clstool report``: the annual report in HTML and Markdown.

Rendered from the real Montpellier plan (``data/montpellier``, no follow-up), from the
FICTITIOUS follow-up example (``examples/montpellier-suivi``) and from small fictitious
territories written here. The HTML is read back with a real HTML parser (BeautifulSoup).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from clstool.cli import main
from clstool.errors import InputError
from clstool.planning.status import compute
from clstool.report.build import build
from clstool.report.markdown import table_columns
from clstool.report.render import render
from clstool.yamlio.load import load

ROOT = Path(__file__).resolve().parents[2]
MONTPELLIER = str(ROOT / "data" / "montpellier")
SUIVI = str(ROOT / "examples" / "montpellier-suivi")
CLERMONT = str(ROOT / "data" / "clermont")
END_2024 = dt.date(2024, 12, 31)
LATER = dt.date(2025, 6, 1)  # "today", after the report year: the reference date is 31 December


def _report(path: str, year: int = 2024, as_of: dt.date | None = END_2024, **kw):
    return build(load([path]), year, as_of, today=kw.pop("today", LATER), **kw)


@pytest.fixture(scope="module")
def plan():
    report = _report(MONTPELLIER)
    return report, render(report, "html"), render(report, "md")


@pytest.fixture(scope="module")
def suivi():
    report = _report(SUIVI)
    return report, render(report, "html"), render(report, "md")


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


# --- Structure ----------------------------------------------------------------------------------

SECTIONS = ["contrat", "synthese", "calendrier", "fiches", "transversal", "qualite", "lecture"]


@pytest.mark.parametrize("which", ["plan", "suivi"])
def test_html_has_every_section_and_one_article_per_fiche(which, request):
    report, html, _ = request.getfixturevalue(which)
    doc = soup(html)
    assert doc.html["lang"] == "fr" and doc.title.string.startswith("Bilan 2024")
    for ident in SECTIONS:
        assert doc.find(id=ident) is not None, ident
    articles = doc.select("article.fiche")
    assert [a["data-fiche"] for a in articles] == [f"{a}-{n}" for a, n in
                                                   [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3), (3, 1), (3, 2),
                                                    (3, 3), (4, 1), (4, 2), (4, 3), (4, 4), (5, 1), (5, 2), (5, 3)]]
    for article in articles:
        for heading in ("Réalisations 2024", "Difficultés rencontrées", "Indicateurs", "Évolution depuis 2023"):
            assert heading in article.get_text(), (article["data-fiche"], heading)
    # every internal link leads somewhere
    ids = {tag["id"] for tag in doc.find_all(id=True)}
    for link in doc.find_all("a", href=True):
        assert link["href"].startswith("#") and link["href"][1:] in ids, link["href"]


@pytest.mark.parametrize("which,path", [("plan", MONTPELLIER), ("suivi", SUIVI)])
def test_per_axis_counts_are_those_of_clstool_status(which, path, request):
    _, html, md = request.getfixturevalue(which)
    expected = {a.id: {s: n for s, n in a.counts.items() if n} for a in compute(load([path]), 2024, END_2024).axes}
    doc = soup(html)
    table = doc.find(id="table-axes")
    shown: dict[str, dict[str, int]] = {a: {} for a in expected}
    for row in table.tbody.find_all("tr"):
        for cell in row.find_all("td", attrs={"data-axe": True}):
            if int(cell.get_text()):
                shown[cell["data-axe"]][row["data-status"]] = int(cell.get_text())
    assert shown == expected
    # the stacked bars say the same
    bars = doc.select("svg.status-bars g.bar-row")
    assert len(bars) == len(expected)
    for axe, bar in zip(expected, bars, strict=False):
        segments = {r["data-status"]: int(r["data-count"]) for r in bar.select("rect.seg")}
        assert segments == expected[axe]
    # and so does the Markdown summary table
    lines = md.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("| Statut 2024 |"))
    total = next(line for line in lines[start:] if line.startswith("| **Total**"))
    assert [int(x) for x in re.findall(r"\*\*(\d+)\*\*", total)] == [
        sum(c.values()) for c in expected.values()] + [16]


def test_svg_charts_are_there(suivi):
    report, html, _ = suivi
    doc = soup(html)
    assert len(doc.select("svg.status-bars")) == 1
    gantts = doc.select("svg.gantt")
    assert len(gantts) == 5  # one per axis
    assert all(g.select("g.today line") for g in gantts)  # the reference date, 31 December 2024
    assert doc.select("svg.gantt rect.gantt-bar")
    bars = doc.select("svg.indicator-bars")
    with_targets = [f for f in report.fiches if any(i.cible for i in f.indicateurs)]
    assert with_targets and len(bars) == len(with_targets)
    # the patterns are drawn in each chart (marks over the boxes), none is looked up in the page
    assert doc.select("svg.gantt path.marks") and doc.select("svg.status-bars path.marks")
    assert not re.findall(r'url\(#', html) and not doc.select("svg.defs")


def test_status_shown_by_text_not_colour_only(plan):
    _, html, _ = plan
    doc = soup(html)
    for badge in doc.select(".badge"):
        assert badge.get_text(strip=True), badge  # every swatch comes with its label
    legend = doc.select("svg.status-bars g.legend text")
    assert {t.get_text() for t in legend} == {"En retard", "Sans bilan"}


# --- Self-contained, offline ------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["plan", "suivi"])
def test_no_external_resource_is_referenced(which, request):
    _, html, _ = request.getfixturevalue(which)
    doc = soup(html)
    for tag in ("script", "link", "img", "iframe", "object", "embed", "video", "audio", "source", "base", "form"):
        assert not doc.find_all(tag), tag
    for tag in doc.find_all(True):
        for attr, value in tag.attrs.items():
            if attr in ("href", "src", "xlink:href", "action", "srcset", "poster", "data", "formaction"):
                assert str(value).startswith("#"), (tag.name, attr, value)
            assert not str(value).lower().startswith("javascript:")
    css = " ".join(s.get_text() for s in doc.find_all("style"))
    assert "@import" not in css and "url(" not in css
    for url in re.findall(r"url\(([^)]*)\)", html):
        assert url.startswith("#"), url
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html, re.I), "external URL"


# --- Honesty ------------------------------------------------------------------------------------------


def test_plan_only_report_invents_no_progress(plan):
    report, html, md = plan
    codes = {f.statut.code for f in report.fiches}
    assert codes <= {"sans_bilan", "en_retard", "a_venir", "hors_periode"}  # nothing declared, nothing done
    assert "sans_bilan" in codes
    doc = soup(html)
    assert not doc.select(".progress .fill")  # no progress bar without a declared percentage
    for article in doc.select("article.fiche"):
        text = article.get_text(" ", strip=True)
        assert "Avancement : non renseigné" in text
        assert "Aucun suivi n'est renseigné pour 2024" in text
    assert "0 / 16" in doc.select(".keyfigures")[0].get_text()
    assert "16 fiches sans suivi 2024" in doc.find(id="ce-que-le-bilan-ne-dit-pas").get_text()
    assert "Le contrat (contrat.yaml) ne décrit aucune instance de gouvernance" in html
    assert "Réalisé" not in " ".join(b.get_text() for b in doc.select("article .badge"))
    assert "non renseigné" in md and "Sans bilan" in md


def test_follow_up_report_shows_what_the_follow_up_says(suivi):
    report, html, md = suivi
    doc = soup(html)
    first = doc.find(id="fiche-1-1")
    text = first.get_text(" ", strip=True)
    assert "Guide local de l'offre de soins coordonnés diffusé aux professionnels de santé" in text
    assert "Conférence « offre de soins coordonnés » reportée faute de salle disponible" in text
    assert first["data-status"] == "en_cours"
    assert first.select_one(".progress .fill")["style"] == "width: 60%"
    assert "Avancement : 30\u202f% → 60\u202f%." in text
    assert "Indicateur P1 : 8 en 2023 → 12 en 2024." in text
    gov = doc.select("table.governance tbody tr")
    assert [r.th.get_text() for r in gov] == ["Comité de pilotage", "Comité technique"]
    assert "1 sur 2 au minimum" in gov[1].get_text()
    assert "Non atteint" in gov[1].get_text()


def test_markdown_tables_have_consistent_columns_and_parse_as_tables(plan, suivi):
    for _, _, md in (plan, suivi):
        lines = md.split("\n")
        tables, width = 0, None
        for number, line in enumerate(lines, 1):
            count = table_columns(line)
            if count is None:
                width = None
                continue
            if width is None:
                width, tables = count, tables + 1
                assert re.fullmatch(r"\|(\s*:?-{3,}:?\s*\|)+", lines[number]), f"ligne {number + 1} : séparateur"
            assert count == width, f"ligne {number} : {count} colonnes au lieu de {width}"
        html = MarkdownIt("commonmark").enable("table").render(md)
        assert html.count("<table>") == tables > 30


def test_markdown_gantt_is_a_mermaid_block_plus_a_table(suivi):
    _, _, md = suivi
    block = re.search(r"```mermaid\n(.*?)```", md, re.S).group(1).split("\n")
    assert block[0] == "gantt"
    tasks = [line for line in block if re.match(r"    \S.* :", line) and "dateFormat" not in line]
    assert len(tasks) > 20
    for line in tasks:
        assert re.fullmatch(r"    [^:;#]+ :((done|active|crit|milestone), )?\d{4}-\d\d-\d\d, (\d{4}-\d\d-\d\d|0d)", line), line
    assert "| Fiche | Déclinaison | Période (telle qu'écrite) |" in md


# --- Safety -------------------------------------------------------------------------------------------

XSS = "<script>alert(1)</script>"

CONTRAT_FICTIF = f"""\
# Territoire FICTIF pour les tests.
territoire: "{XSS}"
intitule: "Contrat fictif </style><style>body{{display:none}}</style>"
periode:
  debut: 2022
  fin: 2027
signataires:
  - "<img src=x onerror=alert(1)>"
axes:
  - id: "1"
    titre: "Axe | avec barre"
gouvernance:
  - id: copil
    nom: "<b>COPIL</b>"
    reunions_min_par_an: 1
transitions:
  sociale: "définition <i>fictive</i>"
"""

FICHE_FICTIVE = f"""\
id: "1-1"
axe: "1"
titre: "{XSS}"
portage:
  porteurs:
    - "Porteur | fictif"
  partenaires:
    - "[lien](javascript:alert(1))"
declinaisons:
  - titre: "Déclinaison\\nsur deux lignes"
    calendrier:
      - periode: 2024
        jalon: "jalon : avec ; des # signes"
indicateurs:
  - id: P1
    type: processus
    libelle: "Indicateur <u>fictif</u>"
    cibles:
      2024: 10
transitions:
  sociale: "<script>x()</script>"
suivi:
  2024:
    statut: en_cours
    realisations:
      - "<img src=x onerror=alert(2)>"
      - "| cellule | cassée |"
    indicateurs:
      P1: 4
"""


@pytest.fixture
def hostile(territory):
    territory.contrat(CONTRAT_FICTIF)
    territory.fiche("1-1", FICHE_FICTIVE)
    return str(territory.root)


def test_html_escapes_every_text_from_yaml(hostile):
    html = render(_report(hostile), "html")
    doc = soup(html)
    assert not doc.find_all("script") and not doc.find_all("img") and not doc.find_all("b") and not doc.find_all("u")
    assert not [t for t in doc.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    assert XSS in doc.find("h1").find_next("p").get_text()  # shown as text
    assert XSS in doc.find(id="fiche-1-1").h3.get_text()
    assert len(doc.find_all("style")) == 2  # the closing </style> of the title did not end a style element
    page_css = doc.find_all("style")[1].get_text()
    assert "<" not in page_css and "script" in page_css  # the footer string is CSS-escaped


def test_markdown_escapes_every_text_from_yaml(hostile):
    md = render(_report(hostile), "md")
    assert not re.search(r"(?<!\\)<(script|img|b|i|u)\b", md)  # every « < » from YAML is escaped
    assert "\\<script\\>alert(1)\\</script\\>" in md
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script>" not in html and "<img" not in html and 'href="javascript' not in html
    for line in md.split("\n"):
        if line.startswith("| Porteur(s)"):
            assert table_columns(line) == 2
    tables = [table_columns(line) for line in md.split("\n")]
    widths: list[int] = []
    for count, following in zip(tables, tables[1:] + [None], strict=False):
        if count is not None:
            widths.append(count)
            if following is None:
                assert len(set(widths)) == 1, widths
                widths = []


def test_user_templates_run_in_the_sandbox(tmp_path, hostile):
    report = _report(hostile)
    (tmp_path / "report.md.j2").write_text("{{ r.territoire.__class__.__mro__ }}", encoding="utf-8")
    with pytest.raises(InputError, match="modèle report.md.j2"):
        render(report, "md", tmp_path)
    (tmp_path / "report.md.j2").write_text("{{ r.fiches.append(1) }}", encoding="utf-8")
    with pytest.raises(InputError, match="interdite"):
        render(report, "md", tmp_path)
    (tmp_path.parent / "secret.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "report.md.j2").write_text('{% include "../secret.txt" %}', encoding="utf-8")
    with pytest.raises(InputError, match="modèle introuvable"):
        render(report, "md", tmp_path)
    (tmp_path / "report.md.j2").write_text("{% for x in %}", encoding="utf-8")
    with pytest.raises(InputError, match="ligne 1 : erreur de syntaxe"):
        render(report, "md", tmp_path)


@pytest.mark.parametrize("text, line, said", [
    ('{{ r.annee }}\n{{ 1 + "a" }}', 2, "erreur à l'exécution (TypeError : unsupported operand"),
    ("{% macro m(n) %}{{ m(n) }}{% endmacro %}\n\n{{ m(1) }}", None, "une macro qui s'appelle sans fin"),
    ('{{ "beaucoup" | nombre }}', 1, "erreur à l'exécution (ValueError"),
    ("{{ r.annee // 0 }}", 1, "erreur à l'exécution (ZeroDivisionError"),
])
def test_a_user_template_that_fails_while_it_runs_is_named_with_its_line(tmp_path, hostile, capsys, text, line,
                                                                         said):
    (tmp_path / "report.md.j2").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(said)) as caught:
        render(_report(hostile), "md", tmp_path)
    assert f"modèle {tmp_path / 'report.md.j2'}, ligne " in str(caught.value)
    if line is not None:
        assert f"report.md.j2, ligne {line} :" in str(caught.value)
    # through the command: exit 2, the message, never « Erreur interne »
    assert main(["report", SUIVI, "--year", "2024", "-f", "md", "--templates", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert said in err and "Erreur interne" not in err


def test_an_error_in_a_built_in_template_stays_clstool_s_own(tmp_path, hostile):
    """Only a user's template is the user's fault: a failure while a built-in one runs is a bug
    (here a broken report, as a bug in the views would give), with or without a user's folder."""
    report = _report(hostile)
    report.fiches = 5  # not a list: the built-in template's loop fails
    with pytest.raises(TypeError):
        render(report, "md")
    (tmp_path / "report.css").write_text("body { color: #123456; }", encoding="utf-8")
    with pytest.raises(TypeError):
        render(report, "html", tmp_path)  # the user's folder has only a style sheet


def test_user_templates_replace_the_built_in_ones_one_by_one(tmp_path, hostile):
    report = _report(hostile)
    (tmp_path / "report.html.j2").write_text("<h1>{{ r.territoire }}</h1>{{ r.annee }}", encoding="utf-8")
    html = render(report, "html", tmp_path)
    assert html == "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>2024"  # autoescape on in user templates too
    (tmp_path / "report.html.j2").unlink()
    (tmp_path / "report.css").write_text("body { color: #123456; }", encoding="utf-8")
    html = render(report, "html", tmp_path)
    assert "#123456" in html and 'id="fiches"' in html  # the rest of the built-in report is kept


# --- Command line -------------------------------------------------------------------------------------


def test_cli_writes_both_formats_atomically(tmp_path, capsys):
    out_html, out_md = tmp_path / "bilan.html", tmp_path / "bilan.md"
    assert main(["report", SUIVI, "--year", "2024", "--as-of", "2024-12-31", "--format", "html", "-o", str(out_html)]) == 0
    assert main(["report", SUIVI, "--year", "2024", "--as-of", "2024-12-31", "--format", "md", "-o", str(out_md)]) == 0
    assert "Bilan 2024 écrit dans" in capsys.readouterr().err
    assert soup(out_html.read_text(encoding="utf-8")).select("article.fiche")
    assert out_md.read_text(encoding="utf-8").startswith("# Bilan 2024 — Ville de Montpellier")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bilan.html", "bilan.md"]  # no temporary file left
    # a failing render leaves the previous file as it was
    broken = tmp_path / "modeles"
    broken.mkdir()
    (broken / "report.md.j2").write_text("{{ r.inconnu }}", encoding="utf-8")
    before = out_md.read_bytes()
    assert main(["report", SUIVI, "--year", "2024", "--format", "md", "--templates", str(broken), "-o", str(out_md)]) == 2
    assert out_md.read_bytes() == before
    assert "inconnu" in capsys.readouterr().err


def test_cli_markdown_goes_to_stdout_by_default(capsys):
    assert main(["report", MONTPELLIER, "--year", "2024", "--format", "md", "--fiche", "1-1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Bilan 2024") and "Extrait du bilan : fiche 1-1" in out
    assert "### 1-1 ·" in out and "### 1-2 ·" not in out


@pytest.mark.parametrize("args,message", [
    # several territories give the overview (tests/report/test_overview.py), but not an extract
    (["report", str(ROOT / "data"), "--year", "2024", "--fiche", "1-1"], "d'un seul contrat"),
    (["report", MONTPELLIER, "--year", "2031"], "hors de la période du contrat"),
    (["report", MONTPELLIER, "--year", "2024", "--fiche", "9-9"], "fiche « 9-9 » introuvable"),
    (["report", MONTPELLIER, "--year", "2024", "--axe", "8"], "axe « 8 » introuvable"),
    (["report", MONTPELLIER, "--year", "2024", "--as-of", "demain"], "date de référence"),
    (["report", MONTPELLIER, "--year", "2024", "--templates", "/nulle/part"], "dossier de modèles introuvable"),
])
def test_cli_usage_errors(args, message, capsys):
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_axis_filter_keeps_the_axis_and_its_fiches(capsys):
    report = _report(MONTPELLIER, only_axes=["2"])
    assert [f.id for f in report.fiches] == ["2-1", "2-2", "2-3"]
    assert [a.id for a in report.axes] == ["2"]
    assert report.selection == "Extrait du bilan : axe 2"
    assert {r.fiche for r in report.calendrier} <= {"2-1", "2-2", "2-3"}


def test_unreadable_fiche_is_reported_not_hidden(territory, capsys):
    territory.fiche("1-1")
    territory.fiche("1-2", "id: [\n")
    out = territory.root.parent / "bilan.html"
    assert main(["report", str(territory.root), "--year", "2024", "-o", str(out)]) == 1
    assert re.search(r"fiches/1-2\.yaml:\d+:\d+: erreur CLS0", capsys.readouterr().err)
    doc = soup(out.read_text(encoding="utf-8"))
    assert [a["data-fiche"] for a in doc.select("article.fiche, tr[data-fiche]")] == ["1-1"]
    assert "Fiche illisible (fiches/1-2.yaml) : ligne" in doc.find(id="ce-que-le-bilan-ne-dit-pas").get_text()
    assert "1-2.yaml" in doc.find(id="qualite").get_text()
    assert "1-2.yaml" in doc.find(id="ce-que-le-bilan-ne-dit-pas").get_text()


def test_clermont_report_has_governance_and_transitions():
    report = _report(CLERMONT, 2025, None, today=dt.date(2025, 10, 15))
    assert report.date_reference == dt.date(2025, 10, 15) and report.date_reference_aujourdhui
    html = render(report, "html")
    doc = soup(html)
    assert [r.th.get_text() for r in doc.select("table.governance tbody tr")] == [
        "Comité de pilotage", "Comité technique", "Groupes de travail"]
    assert "aucune réunion n'est renseignée dans contrat.yaml" in doc.select("table.governance")[0].get_text()
    section = doc.find(id="transitions")
    assert [h.get_text() for h in section.find_all("h3")] == [
        "Transition sociale", "Transition démocratique", "Transition écologique"]
    assert "Aujourd'hui : 15 octobre 2025" in doc.select("svg.gantt")[0].get_text()
    # Clermont's 33 fiches hold a title only: one row each in a table, not one page each
    assert not doc.select("article.fiche")
    assert [tr["data-fiche"] for tr in doc.select("table.titre-seul tbody tr")] == report.ids_fiches
    assert len(report.ids_fiches) == 33
    md = render(report, "md")
    assert "## 6. Contribution aux transitions" in md
    # the eleventh signatory, named by the signature page only, is a signatory like the others
    signataires = next(r.td.get_text() for r in doc.select("tr") if r.th and r.th.get_text() == "Signataires")
    assert signataires.split(", ")[-2:] == ["Université Clermont Auvergne", "CPTS Clermont Plus"]
    assert "| Signataires | Ville de Clermont-Ferrand, " in md and "ecart" not in md


def test_publics_table_counts_the_form_s_own_boxes(plan):
    """« ☒ Professionnels* » on all 16 pages; « Jeunes Adultes (18 à 25 ans) » on 5-3 only."""
    doc = soup(plan[1])
    rows = {tr.th.get_text(): tr.find_all("td") for tr in doc.select("#table-publics tbody tr")}
    assert rows["Professionnels"][0].get_text() == "16"
    assert rows["Jeunes adultes (18–25 ans)"][0].get_text() == "1"
    assert "5-3" in rows["Jeunes adultes (18–25 ans)"][1].get_text()
    assert "5-3" not in rows["Jeunes adultes (16–25 ans)"][1].get_text()


def test_a_user_template_file_is_read_bounded_and_in_utf8(tmp_path, hostile, capsys):
    """Too large or not UTF-8 (the template or the style sheet it includes): a French message
    naming the file (exit 2); the old reading ended in « Erreur interne » or read it all."""
    import os

    (tmp_path / "report.md.j2").write_bytes(b"\xff\xfe\x00Bilan")
    with pytest.raises(InputError, match=r"report\.md\.j2 : pas en UTF-8 \(octet 1\)"):
        render(_report(hostile), "md", tmp_path)
    (tmp_path / "report.md.j2").write_bytes(b"a" * (2 * 1024 * 1024 + 1))
    with pytest.raises(InputError, match=r"report\.md\.j2 : fichier trop volumineux"):
        render(_report(hostile), "md", tmp_path)
    (tmp_path / "report.md.j2").unlink()
    os.mkfifo(tmp_path / "report.md.j2")  # not a file: never opened (it would wait), the built-in one is used
    assert render(_report(hostile), "md", tmp_path) == render(_report(hostile), "md")
    css = tmp_path / "css"
    css.mkdir()
    (css / "report.css").write_bytes("body { color: #123; } /* é */".encode("latin-1"))
    assert main(["report", SUIVI, "--year", "2024", "--templates", str(css), "-o", str(tmp_path / "b.html")]) == 2
    err = capsys.readouterr().err
    assert "report.css : pas en UTF-8" in err and "Erreur interne" not in err
