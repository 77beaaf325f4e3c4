"""data/clermont/contrat.yaml against the articles of its source, read in the source itself.

- the signatories: Article 2 « Les signataires » lists ten partners; the « Signatures » page
  has eleven signature blocks, the eleventh for the CPTS Clermont Plus. The YAML keeps all that
  the source names, in Article 2's order then the signature page's extra one, and the extra
  one carries an ``ecart`` naming both pages;
- Article 5 « Le suivi et l'évaluation des actions »: transcribed whole, paragraph by paragraph,
  in ``suivi_evaluation``.
"""

from __future__ import annotations

import os
import re

import pytest

from clstool.model.contrat import Contrat, SignataireDetail, nom_signataire
from clstool.yamlio.load import load
from tests.test_data_fidelity import CLERMONT_SOURCE, DATA, normalise


@pytest.fixture(scope="module")
def source() -> str:
    return CLERMONT_SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def contrat() -> Contrat:
    project = load([os.path.relpath(DATA / "clermont")])
    return project.territories[0].contrat.model


def between(text: str, start: str, end: str) -> str:
    """The text after the heading line ``start`` up to the line ``end`` (both read as whole lines)."""
    found = re.search(rf"^{re.escape(start)}\s*$(.*?)^{re.escape(end)}", text, re.MULTILINE | re.DOTALL)
    assert found, (start, end)
    return found.group(1)


def test_signatories_of_article_2_then_of_the_signature_page(source, contrat):
    article = between(source, "Article 2 : Les signataires", "Article 3 : Les objectifs et axes stratégiques du CLS")
    listed = re.search(r"partenaires suivants : (.*?)\.\s*$", article, re.MULTILINE).group(1).split(", ")
    assert len(listed) == 10
    signatures = normalise(between(source, "Signatures", "Annexe : Plan d'action du CLS 3 de Clermont-Ferrand"))
    names = [nom_signataire(s) for s in contrat.signataires]
    assert names[:10] == listed
    assert names[10:] == ["CPTS Clermont Plus"]
    assert "Président de la CPTS Clermont Plus" in signatures
    assert "CPTS Clermont Plus" not in normalise(article)


def test_only_the_signatory_missing_from_article_2_has_an_ecart(contrat):
    details = [s for s in contrat.signataires if isinstance(s, SignataireDetail)]
    assert [s.nom for s in details] == ["CPTS Clermont Plus"]
    ecart = details[0].ecart or ""
    assert "« Signatures »" in ecart and "article 2" in ecart and "Théo MORALES" in ecart


def test_article_5_is_transcribed_whole(source, contrat):
    article = between(source, "Article 5 : Le suivi et l'évaluation des actions", "Article 6 : Les engagements des signataires")
    paragraphs = [normalise(p) for p in re.split(r"\n\s*\n", article) if p.strip()]
    # the page break cuts the second paragraph in two: « … durant la période du CLS, » / « détaillera … »
    assert paragraphs[1].endswith(",") and paragraphs[2].startswith("détaillera")
    paragraphs[1:3] = [paragraphs[1] + " " + paragraphs[2]]
    assert [normalise(p) for p in contrat.suivi_evaluation] == paragraphs
