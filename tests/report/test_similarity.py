"""The same action in several contracts: explainable similarity of titles and objectives."""

from __future__ import annotations

import shutil

from clstool.report.overview import build_overview
from clstool.report.similarity import SEUIL, similar_pairs, words
from tests.conftest import DATA, run

#: Pairs of the real contracts at or above the threshold, each read and judged the same action
#: (Clermont-Ferrand fiche, Montpellier fiche): the same Service d'Accès aux Soins action, word
#: for word; tools to inform and orient towards first-line care; fighting endocrine disruptors.
RELATED = {("4-4", "1-2"), ("4-5", "1-3"), ("1-3", "3-1")}


def test_words_are_folded_without_stop_words():
    assert words("Développer les Semaines d'Information en Santé Mentale (SISM)") == {
        "semaine", "information", "mentale", "sism"}
    assert words("l’accès aux soins") == {"acces", "soin"}


def test_real_contracts_list_no_unrelated_pair_above_the_threshold():
    overview = build_overview([str(DATA)], 2025)
    found = set()
    for p in overview.similaires_toutes:
        assert p.score >= SEUIL and len(p.communs) >= 2
        clermont, montpellier = (p.a, p.b) if "clermont" in p.a.dossier else (p.b, p.a)
        assert "clermont" in clermont.dossier and "montpellier" in montpellier.dossier  # never within one contract
        found.add((clermont.fiche, montpellier.fiche))
    assert found == RELATED


def test_a_planted_cross_contract_duplicate_is_found_with_its_score_and_words(tmp_path):
    for name in ("montpellier", "clermont"):
        shutil.copytree(DATA / name, tmp_path / name)
    (tmp_path / "clermont" / "fiches" / "9-1.yaml").write_text(
        'id: "9-1"\naxe: "1"\ntitre: Organiser chaque année les Semaines d\'information sur la santé mentale\n',
        encoding="utf-8")
    (tmp_path / "montpellier" / "fiches" / "9-1.yaml").write_text(
        'id: "9-1"\naxe: "1"\ntitre: Semaines d\'information en santé mentale (SISM), organiser chaque année\n',
        encoding="utf-8")
    pairs = build_overview([str(tmp_path)], 2025).similaires_toutes
    planted = [p for p in pairs if p.a.fiche == p.b.fiche == "9-1"]
    assert len(planted) == 1
    assert planted[0].communs == ["annee", "chaque", "information", "mentale", "organiser", "semaine"]
    assert planted[0].score == 6 / 7  # the Montpellier title adds one word: « sism »
    result = run("compare", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "0,86" in result.stdout and "mots communs : annee, chaque, information, mentale" in result.stdout


def test_prefix_filtering_finds_what_comparing_every_pair_finds():
    from clstool.report.similarity import doc

    titles = ["Prévenir les chutes des personnes âgées à domicile", "Prévention des chutes à domicile",
              "Chutes des personnes âgées : prévenir à domicile", "Nutrition des personnes âgées",
              "Prévenir les chutes", "Activité physique adaptée des personnes âgées à domicile"]
    docs = [doc(f"T{i}", f"t{i}", "1-1", t, None, []) for i, t in enumerate(titles)]
    for threshold in (0.2, 0.34, 0.5, 0.75):
        expected = set()
        for i in range(len(docs)):
            for j in range(i + 1, len(docs)):
                a, b = docs[i].facets[0], docs[j].facets[0]
                if len(a & b) >= 2 and len(a & b) / len(a | b) >= threshold:
                    expected.add((i, j))
        found = {tuple(sorted((docs.index(p.a), docs.index(p.b)))) for p in similar_pairs(docs, threshold)}
        assert found == expected, threshold
