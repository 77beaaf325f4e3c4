"""The content lint rules (CLS201–CLS221) on fictitious fiches: each fires where it should, at
the line and column of the offending key or value (or where the absent key belongs), and stays
quiet on the corrected fiche."""

from __future__ import annotations

import datetime as dt

import pytest
from rulecheck import HEADER, findings

D = dt.date

# A complete, correct fiche: every rule stays quiet on it (lines numbered for the tests below).
COMPLETE = """\
id: "1-1"
axe: "1"
titre: Une action fictive
typologie:
  - nouvelle
objectifs:
  specifiques:
    - Améliorer l’accès aux soins
  operationnels:
    - Cartographier l’offre de soins
portage:
  porteurs:
    - Ville de Test
  partenaires:
    - CPAM de l’Hérault
financements:
  - financeur: ARS Occitanie
    montant: 15000
declinaisons:
  - titre: État des lieux
    partenaires:
      - CPTS
    calendrier:
      - 2ème trimestre 2023
public_vise:
  ages:
    - adultes
participation_citoyenne:
  reponse: oui
  natures:
    - analyse_besoins
acces_information_droits:
  reponse: non
indicateurs:
  - id: P1
    type: processus
    libelle: Nombre de réunions
  - id: R1
    type: resultat
    libelle: Nombre de personnes sensibilisées
    cibles:
      2025: 100
determinants:
  systeme_de_soins:
    - accessibilite
suivi:
  2022:
    statut: a_venir
  2023:
    statut: en_cours
  2024:
    statut: en_cours
"""

ALL_CODES = [f"CLS2{n:02d}" for n in range(1, 22)]


@pytest.mark.parametrize("code", ALL_CODES)
def test_complete_fiche_is_clean(tmp_path, code):
    assert findings(tmp_path, COMPLETE, code) == []


def without(text: str, *lines: str) -> str:
    """``text`` minus the block starting at each of ``lines`` (the line and those indented under it)."""
    out, skip = [], None
    for line in text.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip())
        if skip is not None and indent > skip:
            continue
        skip = None
        if line.rstrip("\n") in lines:
            skip = indent
            continue
        out.append(line)
    return "".join(out)


def test_without_helper():
    assert without("a:\n  b: 1\nc: 2\n", "a:") == "c: 2\n"


# --- CLS201 porteur-absent -------------------------------------------------------------------


def test_cls201_absent_portage_points_where_it_belongs(tmp_path):
    text = without(COMPLETE, "portage:")  # line 11 is now financements:
    assert findings(tmp_path, text, "CLS201") == [(11, 1, "portage.porteurs")]


def test_cls201_partners_without_porteur(tmp_path):
    text = COMPLETE.replace("  porteurs:\n    - Ville de Test\n", "")
    assert findings(tmp_path, text, "CLS201", messages=True) == [
        (12, 3, "portage.porteurs", "aucun porteur ni pilote : qui porte l'action et en rend compte ? "
                                    "(portage.porteurs ou portage.pilotes)")]


def test_cls201_empty_list_points_at_the_key_and_pilotes_suffice(tmp_path):
    text = COMPLETE.replace("  porteurs:\n    - Ville de Test\n", "  porteurs: []\n")
    assert findings(tmp_path, text, "CLS201") == [(12, 3, "portage.porteurs")]
    text = COMPLETE.replace("  porteurs:\n", "  pilotes:\n")
    assert findings(tmp_path, text, "CLS201") == []


def test_completeness_rules_skip_title_only_fiches(tmp_path):
    for code in ("CLS201", "CLS202", "CLS203", "CLS206", "CLS210", "CLS211", "CLS212"):
        assert findings(tmp_path / code, HEADER, code) == []
    # … but not a fiche being filled in
    assert findings(tmp_path / "scaffold", HEADER + "typologie: []\n", "CLS201") == [(4, 1, "portage.porteurs")]


# --- CLS202 indicateur-absent / CLS209 indicateur-resultat-absent ---------------------------------


def test_cls202_no_indicator(tmp_path):
    text = without(COMPLETE, "indicateurs:")  # determinants: moves up to line 34
    assert findings(tmp_path, text, "CLS202") == [(34, 1, "indicateurs")]
    assert findings(tmp_path / "b", COMPLETE, "CLS202") == []


def test_cls209_process_indicators_only(tmp_path):
    text = COMPLETE.replace("    type: resultat\n", "    type: processus\n")
    assert findings(tmp_path, text, "CLS209", messages=True) == [
        (34, 1, "indicateurs", "aucun indicateur de résultat (2 de processus seulement) : rien ne dira si "
                               "l'action a changé quelque chose")]
    # no indicator at all is CLS202's, not CLS209's
    assert findings(tmp_path / "b", without(COMPLETE, "indicateurs:"), "CLS209") == []


# --- CLS203–CLS208: the « oui / non » questions ------------------------------------------------------


def test_cls203_participation_absent(tmp_path):
    text = without(COMPLETE, "participation_citoyenne:")  # acces_information_droits: line 28
    assert findings(tmp_path, text, "CLS203", messages=True) == [
        (28, 1, "participation_citoyenne.reponse",
         "participation citoyenne non renseignée : ni « oui » ni « non » (ajoutez participation_citoyenne.reponse)")]


def test_cls203_block_without_answer_points_at_the_block(tmp_path):
    text = COMPLETE.replace("  reponse: oui\n  natures:\n    - analyse_besoins\n", "  natures: []\n")
    assert findings(tmp_path, text, "CLS203") == [(28, 1, "participation_citoyenne.reponse")]
    assert findings(tmp_path / "b", COMPLETE.replace("reponse: oui", "reponse: non").replace(
        "  natures:\n    - analyse_besoins\n", ""), "CLS203") == []


def test_cls204_oui_without_nature(tmp_path):
    text = COMPLETE.replace("  natures:\n    - analyse_besoins\n", "")
    assert findings(tmp_path, text, "CLS204") == [(29, 12, "participation_citoyenne.reponse")]
    assert findings(tmp_path / "b", COMPLETE, "CLS204") == []


def test_cls205_natures_with_non_or_without_answer(tmp_path):
    text = COMPLETE.replace("  reponse: oui\n  natures:\n    - analyse", "  reponse: non\n  natures:\n    - analyse")
    assert findings(tmp_path, text, "CLS205", messages=True) == [
        (29, 12, "participation_citoyenne.reponse",
         "participation citoyenne : « non » mais des natures sont cochées (analyse_besoins) : l'un des deux est faux")]
    text = COMPLETE.replace("  reponse: oui\n  natures:\n    - analyse", "  natures:\n    - analyse")
    assert findings(tmp_path / "b", text, "CLS205") == [(29, 3, "participation_citoyenne.natures")]
    # natures without an answer: CLS205 only, not also CLS203
    assert findings(tmp_path / "c", text, "CLS203") == []


def test_cls206_access_absent(tmp_path):
    text = without(COMPLETE, "acces_information_droits:")  # indicateurs: line 32
    assert findings(tmp_path, text, "CLS206", messages=True) == [
        (32, 1, "acces_information_droits.reponse",
         "accès à l'information et aux droits non renseigné : ni « oui » ni « non » "
         "(ajoutez acces_information_droits.reponse)")]
    assert findings(tmp_path / "b", COMPLETE, "CLS206") == []


def test_cls207_access_oui_without_nature(tmp_path):
    text = COMPLETE.replace("acces_information_droits:\n  reponse: non\n", "acces_information_droits:\n  reponse: oui\n")
    assert findings(tmp_path, text, "CLS207") == [(33, 12, "acces_information_droits.reponse")]
    assert findings(tmp_path / "b", COMPLETE, "CLS207") == []


def test_cls208_access_natures_without_oui(tmp_path):
    # fiche 4-2 of Montpellier: natures ticked, neither box of the question
    text = COMPLETE.replace("acces_information_droits:\n  reponse: non\n",
                            "acces_information_droits:\n  natures:\n    - information_usagers\n")
    assert findings(tmp_path, text, "CLS208") == [(33, 3, "acces_information_droits.natures")]
    ok = COMPLETE.replace("acces_information_droits:\n  reponse: non\n",
                          "acces_information_droits:\n  reponse: oui\n  natures:\n    - information_usagers\n")
    assert findings(tmp_path / "b", ok, "CLS208") == []


# --- CLS210–CLS212: empty grids ---------------------------------------------------------------------


def test_cls210_typologie(tmp_path):
    assert findings(tmp_path, without(COMPLETE, "typologie:"), "CLS210") == [(4, 1, "typologie")]
    empty = COMPLETE.replace("typologie:\n  - nouvelle\n", "typologie: []\n")
    assert findings(tmp_path / "b", empty, "CLS210") == [(4, 1, "typologie")]


def test_cls211_public_vise(tmp_path):
    text = COMPLETE.replace("public_vise:\n  ages:\n    - adultes\n", "public_vise:\n  ages: []\n")
    assert findings(tmp_path, text, "CLS211") == [(25, 1, "public_vise")]
    other = COMPLETE.replace("public_vise:\n  ages:\n    - adultes\n", "public_vise:\n  autre: Parents\n")
    assert findings(tmp_path / "b", other, "CLS211") == []


def test_cls212_determinants(tmp_path):
    text = COMPLETE.replace("  systeme_de_soins:\n    - accessibilite\n", "  autres: []\n")
    assert findings(tmp_path, text, "CLS212") == [(43, 1, "determinants")]
    other = COMPLETE.replace("  systeme_de_soins:\n    - accessibilite\n", "  autres:\n    - Logement\n")
    assert findings(tmp_path / "b", other, "CLS212") == []


# --- CLS213, CLS214: déclinaisons -------------------------------------------------------------------------


def test_cls213_declinaison_without_partner(tmp_path):
    text = COMPLETE.replace("    partenaires:\n      - CPTS\n", "")  # on calendrier:, where it belongs
    assert findings(tmp_path, text, "CLS213", messages=True) == [
        (21, 5, "declinaisons[0].partenaires", "déclinaison 1 « État des lieux » sans partenaire")]


def test_cls214_declinaison_without_calendar(tmp_path):
    text = COMPLETE.replace("    calendrier:\n      - 2ème trimestre 2023\n", "    calendrier: []\n")
    assert findings(tmp_path, text, "CLS214", messages=True) == [
        (23, 5, "declinaisons[0].calendrier", "déclinaison 1 « État des lieux » sans calendrier")]
    assert findings(tmp_path / "b", COMPLETE, "CLS214") == []


# --- CLS215 partenaire-graphies (several fiches) ----------------------------------------------------------


OTHER = """\
id: "1-2"
axe: "1"
titre: Une autre action
portage:
  porteurs:
    - ville de test
  partenaires:
    - CPAM34
    - Ville de Test
financements:
  - financeur: VILLE  DE  TEST
"""


def test_cls215_case_spacing_accents_across_fiches(tmp_path):
    assert findings(tmp_path, COMPLETE, "CLS215", others={"fiches/1-2.yaml": OTHER}, file="fiches/1-2.yaml",
                    messages=True) == [
        (6, 7, "portage.porteurs[0]", "partenaire « ville de test » écrit aussi « Ville de Test » (2 fois, "
                                      "fiches 1-1, 1-2) : harmonisez la graphie"),
        (11, 16, "financements[0].financeur", "partenaire « VILLE  DE  TEST » écrit aussi « Ville de Test » "
                                              "(2 fois, fiches 1-1, 1-2) : harmonisez la graphie"),
    ]
    # the majority spelling is never reported
    assert findings(tmp_path / "b", COMPLETE, "CLS215", others={"fiches/1-2.yaml": OTHER}) == []


def test_cls215_aliases_of_the_contract(tmp_path):
    contrat = CONTRAT_WITH_ALIASES
    assert findings(tmp_path, COMPLETE, "CLS215", others={"fiches/1-2.yaml": OTHER}, contrat=contrat,
                    file="fiches/1-2.yaml", messages=True)[0] == (
        6, 7, "portage.porteurs[0]", "partenaire « ville de test » écrit aussi « Ville de Test » (2 fois, "
                                     "fiches 1-1, 1-2) : harmonisez la graphie")
    found = findings(tmp_path / "b", COMPLETE, "CLS215", others={"fiches/1-2.yaml": OTHER}, contrat=contrat,
                     file="fiches/1-2.yaml", messages=True)
    assert (8, 7, "portage.partenaires[0]", "partenaire « CPAM34 » : nom retenu « CPAM de l’Hérault » "
                                            "(alias_partenaires de contrat.yaml)") in found
    # without the alias list, CPAM34 and CPAM de l’Hérault are two partners
    assert all("CPAM" not in f[3] for f in findings(tmp_path / "c", COMPLETE, "CLS215",
                                                    others={"fiches/1-2.yaml": OTHER}, messages=True))


CONTRAT_WITH_ALIASES = """\
territoire: Ville de Test
intitule: Contrat fictif
periode:
  debut: 2022
  fin: 2027
axes:
  - id: "1"
    titre: Premier axe
alias_partenaires:
  CPAM de l’Hérault:
    - CPAM34
"""


# --- CLS216–CLS218 ---------------------------------------------------------------------------------------------


def test_cls216_target_outside_contract(tmp_path):
    text = COMPLETE.replace("      2025: 100\n", "      2025: 100\n      2030: 300\n")
    assert findings(tmp_path, text, "CLS216", messages=True) == [
        (43, 7, "indicateurs[1].cibles[2030]", "cible 2030 de l'indicateur R1 hors de la période du contrat (2022–2027)")]


def test_cls217_duplicated_objective(tmp_path):
    text = COMPLETE.replace("    - Cartographier l’offre de soins\n",
                            "    - groupe: \"Sur le terrain :\"\n      elements:\n        - améliorer l'accès aux soins.\n")
    assert findings(tmp_path, text, "CLS217", messages=True) == [
        (12, 11, "objectifs.operationnels[0].elements[0]",
         "objectif déjà écrit ligne 8 (objectifs spécifiques) : « améliorer l'accès aux soins. »")]


def test_cls218_amount_without_funder(tmp_path):
    text = COMPLETE.replace("  - financeur: ARS Occitanie\n    montant: 15000\n", "  - montant: 15000\n")
    assert findings(tmp_path, text, "CLS218", messages=True) == [
        (17, 5, "financements[0].montant", "montant de 15\u202f000 € sans financeur : qui le verse ?")]
    declinaison = COMPLETE.replace("    calendrier:\n      - 2ème", "    financements:\n      - montant: 1234.5\n"
                                   "    calendrier:\n      - 2ème")
    assert findings(tmp_path / "b", declinaison, "CLS218") == [(24, 9, "declinaisons[0].financements[0].montant")]


# --- CLS219, CLS220: follow-up (opt-in; reference date given) -------------------------------------------------


def test_cls219_stale_action(tmp_path):
    text = COMPLETE.replace("  2024:\n    statut: en_cours\n", "")
    assert findings(tmp_path, text, "CLS219", today=D(2025, 3, 1), messages=True) == [
        (49, 3, "suivi[2023]", "pas de suivi 2024 : le dernier suivi de l'action date de 2023")]
    assert findings(tmp_path / "b", COMPLETE, "CLS219", today=D(2025, 3, 1)) == []
    # done is done; and nothing is due before the first year of the contract is over
    done = text.replace("  2023:\n    statut: en_cours\n", "  2023:\n    statut: realise\n")
    assert findings(tmp_path / "c", done, "CLS219", today=D(2025, 3, 1)) == []
    assert findings(tmp_path / "d", without(COMPLETE, "suivi:"), "CLS219", today=D(2022, 6, 1)) == []


def test_cls219_no_follow_up_at_all(tmp_path):
    # suivi is the last key of a fiche: the absent block is placed on the last key before it
    assert findings(tmp_path, without(COMPLETE, "suivi:"), "CLS219", today=D(2025, 3, 1), messages=True) == [
        (43, 1, "suivi", "aucun suivi : le contrat a commencé en 2022 et l'action n'a pas de bilan "
                         "(attendu au moins pour 2024)")]


def test_cls220_planned_year_without_follow_up(tmp_path):
    text = COMPLETE.replace("  2023:\n    statut: en_cours\n", "")
    assert findings(tmp_path, text, "CLS220", today=D(2025, 3, 1), messages=True) == [
        (24, 9, "declinaisons[0].calendrier[0]",
         "le calendrier prévoit « 2ème trimestre 2023 » en 2023, mais la fiche n'a pas de suivi 2023")]
    # the current year is not over: no follow-up expected yet
    assert findings(tmp_path / "b", text, "CLS220", today=D(2023, 11, 1)) == []


def test_cls220_recurring_entry_every_past_year(tmp_path):
    text = COMPLETE.replace("      - 2ème trimestre 2023\n", "      - periode: Février\n        recurrent: true\n")
    found = findings(tmp_path, without(text, "suivi:"), "CLS220", today=D(2025, 3, 1))
    assert found == [(24, 18, "declinaisons[0].calendrier[0].periode")] * 3  # 2022, 2023, 2024


def test_opt_in_rules_do_not_run_by_default(tmp_path):
    from rulecheck import write_territory

    from clstool.lint.run import validate

    root = write_territory(tmp_path / "t", {"fiches/1-1.yaml": without(COMPLETE, "suivi:")})
    assert validate([str(root)], today=D(2025, 3, 1)).diagnostics == []
    # a prefix does not switch them on either; the exact code does
    assert validate([str(root)], select=["CLS2"], today=D(2025, 3, 1)).diagnostics == []
    codes = {d.code for d in validate([str(root)], select=["CLS219", "CLS220"], today=D(2025, 3, 1)).diagnostics}
    assert codes == {"CLS219", "CLS220"}


# --- CLS221 fiche-non-detaillee ------------------------------------------------------------------------------


def test_cls221_title_only(tmp_path):
    assert findings(tmp_path, HEADER, "CLS221") == [(3, 1, "titre")]
    assert findings(tmp_path / "b", COMPLETE, "CLS221") == []
