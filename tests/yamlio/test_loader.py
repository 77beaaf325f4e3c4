"""Every bad input (docs/regles.md#codes-cls0xx-et-cls1xx): its code, French message, line and column."""

from __future__ import annotations

import pytest

from clstool.lint.run import validate


def only(result, code):
    found = [d for d in result.diagnostics if d.code == code]
    assert found, f"{code} absent : {[(d.code, d.message) for d in result.diagnostics]}"
    return found[0]


def check(territory, text, code, line, column, *fragments):
    territory.fiche("1-1", text)
    result = validate([str(territory.root)])
    d = only(result, code)
    assert (d.line, d.column) == (line, column), d
    for fragment in fragments:
        assert fragment in d.message, d.message
    assert d.file.endswith("fiches/1-1.yaml")
    return d


def test_valid_minimal_fiche(territory):
    territory.fiche("1-1")
    result = validate([str(territory.root)])
    assert result.diagnostics == []
    assert (result.files, result.fiches) == (2, 1)


def test_syntax_error(territory):
    check(territory, 'id: "1-1"\naxe: "1"\ntitre: Action : deux points\n', "CLS005", 3, 15,
          "« : » inattendu", "guillemets")


def test_unclosed_quote_points_at_opening_quote(territory):
    check(territory, 'id: "1-1"\naxe: "1"\ntitre: "Action\n', "CLS005", 3, 8, "guillemet ouvert")


def test_wrong_type(territory):
    d = check(territory, 'id: "1-1"\naxe: "1"\ntitre: Action\ntypologie: nouvelle\n', "CLS022", 4, 12,
              "une liste", "« nouvelle »")
    assert d.path == "typologie"


def test_wrong_type_number_for_amount(territory):
    check(territory, 'id: "1-1"\naxe: "1"\ntitre: Action\nfinancements:\n  - financeur: ARS\n    montant: 15 000 €\n',
          "CLS022", 6, 14, "un nombre", "sans espace")


def test_unknown_key_suggests_the_close_one(territory):
    d = check(territory, 'id: "1-1"\naxe: "1"\ntitre: Action\nobjectifs:\n  specifique:\n    - Un objectif\n',
              "CLS020", 5, 3, "clé inconnue « specifique »", "specifiques")
    assert d.path == "objectifs.specifique"


def test_value_outside_enumeration(territory):
    check(territory, 'id: "1-1"\naxe: "1"\ntitre: Action\ntypologie:\n  - nouvelle\n  - experimental\n',
          "CLS023", 6, 5, "« experimental » non autorisée", "experimentale")


def test_missing_key_points_at_parent_mapping(territory):
    d = check(territory, 'id: "1-1"\naxe: "1"\ntitre: Action\ndeclinaisons:\n  - description:\n      - Faire\n',
              "CLS021", 5, 5, "champ obligatoire « titre » absent")
    assert d.path == "declinaisons[0].titre"


def test_missing_required_at_root(territory):
    check(territory, 'id: "1-1"\naxe: "1"\n', "CLS021", 1, 1, "« titre »")


def test_duplicate_key(territory):
    check(territory, 'id: "1-1"\naxe: "1"\ntitre: Action\ntitre: Autre\n', "CLS006", 4, 1,
          "clé « titre » en double", "ligne 3")


def test_duplicate_fiche_id_across_files(territory):
    territory.fiche("1-1")
    territory.fiche("1-2", 'id: "1-1"\naxe: "1"\ntitre: Copie\n')
    result = validate([str(territory.root)])
    d = only(result, "CLS101")
    assert d.file.endswith("1-2.yaml") and (d.line, d.column) == (1, 5)
    assert "déjà utilisé" in d.message and "1-1.yaml" in d.message


def test_id_differs_from_file_name(territory):
    check(territory, 'id: "1-9"\naxe: "1"\ntitre: Action\n', "CLS102", 1, 5, "« 1-9 »", "1-9.yaml")


def test_axe_not_in_contract(territory):
    check(territory, 'id: "1-1"\naxe: "7"\ntitre: Action\n', "CLS103", 2, 6, "axe « 7 »", "1, 2")


def test_latin1_file(territory):
    raw = 'id: "1-1"\naxe: "1"\ntitre: Accès aux soins\n'.encode("cp1252")
    check(territory, raw, "CLS001", 3, 11, "pas en UTF-8", "Windows-1252")


def test_utf16_file(territory):
    raw = 'id: "1-1"\n'.encode("utf-16")
    check(territory, raw, "CLS001", 1, 1, "UTF-16")


def test_bom_is_reported_and_file_still_checked(territory):
    raw = b"\xef\xbb\xbf" + 'id: "1-1"\naxe: "1"\ntitre: Action\ntypo: x\n'.encode()
    check(territory, raw, "CLS002", 1, 1, "BOM")
    result = validate([str(territory.root)])
    assert only(result, "CLS020").line == 4  # the rest of the file was validated


def test_tab_indentation(territory):
    check(territory, 'id: "1-1"\naxe: "1"\ntitre: Action\nobjectifs:\n\tgeneraux: []\n', "CLS003", 5, 1,
          "tabulation")


def test_empty_file(territory):
    check(territory, "", "CLS004", 1, 1, "fichier vide")


def test_comment_only_file(territory):
    check(territory, "# rien\n", "CLS004", 1, 1, "fichier vide")


def test_list_where_mapping_expected(territory):
    check(territory, '- id: "1-1"\n- axe: "1"\n', "CLS022", 1, 1, "un dictionnaire", "une liste")


def test_list_where_mapping_expected_nested(territory):
    check(territory, 'id: "1-1"\naxe: "1"\ntitre: Action\nportage:\n  - ARS\n', "CLS022", 5, 3,
          "un dictionnaire")


def test_deep_nesting_is_refused(territory):
    check(territory, "a: " + "[" * 5000 + "]" * 5000 + "\n", "CLS008", 1, 67, "imbrication")


def test_alias_bomb_is_refused(territory):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    d = check(territory, "\n".join(lines) + "\n", "CLS007", 6, 8, "bombe d'alias")
    assert d.severity.value == "error"


def test_huge_file_is_refused(territory):
    check(territory, "titre: " + "x" * (6 * 1024 * 1024) + "\n", "CLS009", 1, 1, "trop volumineux")


def test_two_documents(territory):
    check(territory, 'id: "1-1"\n---\naxe: "1"\n', "CLS009", 2, 1, "plusieurs documents")


def test_unknown_tag(territory):
    check(territory, 'id: "1-1"\naxe: "1"\ntitre: !python/object Action\n', "CLS005", 3, 8, "étiquette")


def test_one_bad_file_never_stops_the_others(territory):
    territory.fiche("1-1", "titre: [\n")
    territory.fiche("1-2", 'id: "1-2"\naxe: "9"\ntitre: Action\n')
    territory.fiche("2-1", 'id: "2-1"\naxe: "2"\ntitre: Action\ntypologie: [x]\n')
    result = validate([str(territory.root)])
    codes = {(d.file.rsplit("/", 1)[-1], d.code) for d in result.diagnostics}
    assert {("1-1.yaml", "CLS005"), ("1-2.yaml", "CLS103"), ("2-1.yaml", "CLS023")} <= codes
    assert result.fiches == 3


def test_oui_non_and_dates_stay_text(territory):
    territory.fiche("1-1", 'id: "1-1"\naxe: "1"\ntitre: Action\nparticipation_citoyenne:\n  reponse: non\n'
                    'calendrier:\n  - 2024-03-15\n  - 2024\n')
    # reading and schema only: the lint rules (CLS2xx) have things to say about so bare a fiche
    assert validate([str(territory.root)], select=["CLS0", "CLS1"]).diagnostics == []


def test_cross_checks_still_run_when_schema_fails(territory):
    territory.fiche("1-1", 'id: "1-1"\naxe: "8"\ntitre: Action\ntypologie: [x]\n')
    codes = {d.code for d in validate([str(territory.root)]).diagnostics}
    assert {"CLS103", "CLS023"} <= codes


@pytest.mark.parametrize("text, code", [
    ('id: "1-1"\naxe: "1"\ntitre: A\nindicateurs:\n  - {id: P1, type: processus, libelle: a}\n'
     '  - {id: P1, type: resultat, libelle: b}\n', "CLS107"),
    ('id: "1-1"\naxe: "1"\ntitre: A\nsuivi:\n  2035:\n    statut: en_cours\n', "CLS108"),
    ('id: "1-1"\naxe: "1"\ntitre: A\nsuivi:\n  2024:\n    indicateurs:\n      P9: 3\n', "CLS109"),
    ('id: "1-1"\naxe: "1"\ntitre: A\nsuivi:\n  2024:\n    declinaisons:\n      "2": {statut: realise}\n', "CLS110"),
    ('id: "1-1"\naxe: "1"\ntitre: A\ntransitions:\n  sociale: texte\n', "CLS105"),
])
def test_reference_checks(territory, text, code):
    territory.fiche("1-1", text)
    assert code in {d.code for d in validate([str(territory.root)]).diagnostics}


def test_progress_outside_range(territory):
    check(territory, 'id: "1-1"\naxe: "1"\ntitre: A\nsuivi:\n  2024:\n    avancement: 140\n', "CLS024", 6, 17,
          "trop grande", "100")


def test_fiche_without_contract(tmp_path):
    (tmp_path / "t" / "fiches").mkdir(parents=True)
    (tmp_path / "t" / "fiches" / "1-1.yaml").write_text('id: "1-1"\naxe: "1"\ntitre: A\n', encoding="utf-8")
    result = validate([str(tmp_path / "t")])
    assert [d.code for d in result.diagnostics] == ["CLS104"]


def test_territories_behind_symbolic_links_are_found_once(tmp_path):
    """A folder of contracts may link to territories kept elsewhere (another repository); a
    link loop, or two links to the same territory, never makes a territory count twice."""
    from conftest import Territory

    elsewhere = Territory(tmp_path / "ailleurs" / "terr")
    elsewhere.contrat()
    elsewhere.fiche("1-1")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "lien").symlink_to(elsewhere.root, target_is_directory=True)
    (corpus / "autre-lien").symlink_to(elsewhere.root, target_is_directory=True)
    (corpus / "boucle").symlink_to(corpus, target_is_directory=True)
    result = validate([str(corpus)])
    assert result.files == 2, result.file_names  # the contract and its fiche, once
    assert result.fiches == 1


def _fiche_with_porteur(ident: str, porteur: str) -> str:
    return f'id: "{ident}"\naxe: "1"\ntitre: Action {ident}\nportage:\n  porteurs:\n    - {porteur}\n'


def test_a_file_given_alone_is_checked_against_its_sibling_fiches(territory):
    """A pre-commit hook passes only the files that changed: the checks across fiches must
    still see the others (loaded to compare, never reported)."""
    territory.fiche("1-1", _fiche_with_porteur("1-1", "CPAM 34"))
    territory.fiche("1-2", _fiche_with_porteur("1-2", "CPAM 34"))
    changed = territory.fiche("1-3", _fiche_with_porteur("1-1", "CPAM34"))  # id of 1-1, other spelling
    result = validate([str(changed)], extend_select=["CLS215"])
    assert result.files == 1 and result.fiches == 1
    assert {d.file for d in result.diagnostics} == {str(changed)}
    codes = {d.code for d in result.diagnostics}
    assert "CLS101" in codes  # the id 1-1 is taken by an unchanged sibling
    cls215 = only(result, "CLS215")
    assert "CPAM 34" in cls215.message and "2 fois" in cls215.message
    # given alone, the fiche with the majority spelling gets no CLS215 (its sibling does)
    alone = validate([str(territory.root / "fiches" / "1-1.yaml")], extend_select=["CLS215"])
    assert alone.diagnostics and all(d.file.endswith("1-1.yaml") for d in alone.diagnostics)
    assert "CLS215" not in {d.code for d in alone.diagnostics}
