"""The report follows the form of the contract's fiches (contrat.yaml: formulaire): a form with no
« public visé » nor grid of determinants (Territoires en Transitions) gets a sentence saying so,
not a table listing every fiche as « non renseigné ». Territory fictitious."""

from __future__ import annotations

import datetime as dt
import html
import io

from conftest import CONTRAT
from docx import Document

from clstool.report.build import build
from clstool.report.render import document, render
from clstool.yamlio.load import load

FICHE = 'id: "1-1"\naxe: "1"\ntitre: Action fictive\nmoyens:\n  - Une salle\n'


def _report(tmp_path, formulaire: str | None):
    root = tmp_path / (formulaire or "defaut")
    (root / "fiches").mkdir(parents=True)
    (root / "contrat.yaml").write_text(CONTRAT + (f"formulaire: {formulaire}\n" if formulaire else ""), encoding="utf-8")
    (root / "fiches" / "1-1.yaml").write_text(FICHE, encoding="utf-8")
    return build(load([str(root)]), 2025, dt.date(2025, 12, 31))


def test_a_tet_form_says_it_has_no_publics_nor_determinants(tmp_path):
    report = _report(tmp_path, "tet")
    assert (report.montre_publics, report.montre_determinants) == (False, False)
    for text in (render(report, "md"), html.unescape(render(report, "html")),
                 "\n".join(p.text for p in Document(io.BytesIO(document(report, "docx"))).paragraphs)):
        assert "(Plan d'action de Territoires en Transitions) n'a pas de rubrique « Public visé »" in text
        assert "n'a pas de grille des déterminants de santé" in text
        assert "Public visé non renseigné" not in text and "Déterminants non renseignés" not in text


def test_the_default_form_keeps_the_tables(tmp_path):
    report = _report(tmp_path, None)
    assert (report.montre_publics, report.montre_determinants) == (True, True)
    markdown = render(report, "md")
    assert "Public visé non renseigné : 1-1." in markdown and "Déterminants non renseignés : 1-1." in markdown
    assert "n'a pas de rubrique" not in markdown
