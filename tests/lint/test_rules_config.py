"""Choosing what validate reports: configuration files, command-line flags, inline comments."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from conftest import run as cli
from rulecheck import write_territory

from clstool.errors import InputError
from clstool.lint.run import validate

# Two findings: CLS203 (no participation) on line 8, CLS215 (« cpam ») on line 7.
FICHE = """\
id: "1-1"
axe: "1"
titre: Action fictive
typologie:
  - nouvelle
portage:
  porteurs: [CPAM, cpam]
acces_information_droits:
  reponse: non
"""


def codes(root, **options) -> list[tuple[str, int, str]]:
    return [(d.code, d.line, d.severity.value) for d in validate([str(root)], **options).diagnostics
            if d.code.startswith("CLS2")]


@pytest.fixture
def terr(tmp_path):
    return write_territory(tmp_path / "repo" / "terr", {"fiches/1-1.yaml": FICHE})




def test_defaults(terr):
    found = codes(terr)
    assert ("CLS203", 8, "warning") in found and ("CLS215", 7, "warning") in found


def test_pyproject_found_walking_up(terr):
    (terr.parent / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.clstool]\nignore = ["CLS203"]\n'
                                                '\n[tool.clstool.severity]\nCLS215 = "error"\n', encoding="utf-8")
    found = codes(terr)
    assert ("CLS215", 7, "error") in found and all(c != "CLS203" for c, _, _ in found)
    assert validate([str(terr)]).failed()


def test_clstool_toml_wins_over_pyproject_in_the_same_folder_and_nearest_wins(terr):
    (terr.parent / "pyproject.toml").write_text('[tool.clstool]\nignore = ["CLS203"]\n', encoding="utf-8")
    (terr.parent / "clstool.toml").write_text('ignore = ["CLS215"]\n', encoding="utf-8")
    found = {c for c, _, _ in codes(terr)}
    assert "CLS203" in found and "CLS215" not in found
    (terr / "clstool.toml").write_text('select = ["CLS0", "CLS1", "CLS203"]\n', encoding="utf-8")
    assert {c for c, _, _ in codes(terr)} == {"CLS203"}


def test_pyproject_without_table_is_passed_over(terr):
    (terr / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (terr.parent / "clstool.toml").write_text('ignore = ["CLS2"]\n', encoding="utf-8")
    assert codes(terr) == []


def test_command_line_overrides_the_file(terr):
    (terr / "clstool.toml").write_text('ignore = ["CLS203"]\nseverity = { CLS215 = "info" }\n', encoding="utf-8")
    found = codes(terr, select=["CLS203", "CLS215"], severity={"CLS215": "warning"})
    assert found == [("CLS215", 7, "warning"), ("CLS203", 8, "warning")]


def test_rule_names_and_extend_select_for_opt_in_rules(terr):
    (terr / "clstool.toml").write_text('select = ["participation-non-renseignee"]\n'
                                       'extend-select = ["fiche-non-detaillee"]\n', encoding="utf-8")
    assert codes(terr) == [("CLS203", 8, "warning")]  # CLS221: this fiche is not title-only


def test_per_file_ignores(terr):
    (terr.parent / "clstool.toml").write_text('[per-file-ignores]\n"terr/fiches/*.yaml" = ["CLS203"]\n'
                                              '"1-1.yaml" = ["partenaire-graphies"]\n"autre/**" = ["CLS2"]\n',
                                              encoding="utf-8")
    assert {c for c, _, _ in codes(terr)} & {"CLS203", "CLS215"} == set()


@pytest.mark.parametrize("text, fragment", [
    ('ignore = ["CLS999"]\n', "code inconnu « CLS999 »"),
    ('ignore = ["CLS9"]\n', "code inconnu « CLS9 »"),
    ('extend_select = ["CLS219"]\n', "clé inconnue « extend_select » ; vouliez-vous dire « extend-select » ?"),
    ('severity = { CLS215 = "fort" }\n', "« fort » pour CLS215 n'est pas une sévérité"),
    ('ignore = "CLS203"\n', "une liste de codes est attendue"),
    ('[per-file-ignores]\n"x" = ["nope"]\n', "code inconnu « nope »"),
    ('ignore = [\n', "TOML invalide"),
])
def test_bad_configuration_is_a_usage_error(terr, text, fragment):
    (terr / "clstool.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        validate([str(terr)])
    assert fragment in str(exc.value) and "clstool.toml" in str(exc.value)


def test_bad_configuration_exits_2_with_the_message(terr):
    (terr / "clstool.toml").write_text('ignore = ["CLS999"]\n', encoding="utf-8")
    proc = cli("validate", str(terr), cwd=terr)
    assert proc.returncode == 2 and "code inconnu « CLS999 »" in proc.stderr and "Traceback" not in proc.stderr


def test_unknown_code_on_the_command_line(terr):
    proc = cli("validate", ".", "--ignore", "CLS2O3", cwd=terr)
    assert proc.returncode == 2 and "code inconnu « CLS2O3 »" in proc.stderr


def test_explicit_config_file(terr, tmp_path):
    config = tmp_path / "ailleurs.toml"
    config.write_text('ignore = ["CLS2", "CLS3"]\n', encoding="utf-8")
    assert codes(terr, config=str(config)) == []
    proc = cli("validate", ".", "--config", str(config), "--format", "json", cwd=terr)
    assert proc.returncode == 0 and json.loads(proc.stdout)["summary"]["warning"] == 0


# --- inline suppressions -----------------------------------------------------------------------------


def fiche_codes(terr, text):
    """The CLS203, CLS215 and CLS030 diagnostics of the fiche ``text``."""
    (terr / "fiches" / "1-1.yaml").write_text(text, encoding="utf-8")
    return [(d.code, d.line, d.column) for d in validate([str(terr)]).diagnostics
            if d.code in ("CLS203", "CLS215", "CLS030")]


def test_disable_on_the_line(terr):
    text = FICHE.replace("  porteurs: [CPAM, cpam]\n", "  porteurs: [CPAM, cpam]  # clstool: disable=CLS215\n")
    assert [c for c, _, _ in fiche_codes(terr, text)] == ["CLS203"]


def test_disable_on_a_parent_key_covers_its_children(terr):
    text = FICHE.replace("portage:\n", "portage:  # clstool: disable=partenaire-graphies, CLS201\n")
    text = text.replace("  porteurs: [CPAM, cpam]\n", "  porteurs:\n    - CPAM\n    - cpam\n")
    assert [c for c, _, _ in fiche_codes(terr, text)] == ["CLS203"]
    # a sibling key is not a parent
    text = FICHE.replace("typologie:\n", "typologie:  # clstool: disable=CLS215\n")
    assert "CLS215" in [c for c, _, _ in fiche_codes(terr, text)]


def test_disable_on_its_own_line_covers_the_next_line(terr):
    # CLS203 points at acces_information_droits (where participation_citoyenne belongs)
    text = FICHE.replace("acces_information_droits:\n", "# clstool: disable=CLS203\nacces_information_droits:\n")
    assert [c for c, _, _ in fiche_codes(terr, text)] == ["CLS215"]


def test_disable_file_at_the_top(terr):
    text = "# Fiche fictive\n# clstool: disable-file=CLS203,CLS215\n" + FICHE
    assert fiche_codes(terr, text) == []


def test_a_hash_inside_quotes_is_not_a_comment(terr):
    text = FICHE.replace("titre: Action fictive\n", 'titre: "Action # clstool: disable-file=CLS2"\n')
    assert {c for c, _, _ in fiche_codes(terr, text)} == {"CLS203", "CLS215"}
    text = FICHE.replace("titre: Action fictive\n", "titre: L'action  # clstool: disable=CLS203\n")
    assert {c for c, _, _ in fiche_codes(terr, text)} == {"CLS203", "CLS215"}  # not the line of CLS203


def test_bad_suppressions_are_reported(terr):
    text = ("# clstool: disable-file=CLS999\n" + FICHE.replace("typologie:\n", "typologie:  # clstool: enable=CLS203\n")
            .replace("acces_information_droits:\n", "acces_information_droits:  # clstool: disable-file=CLS203\n")
            .replace("portage:\n", "portage:  # clstool: disable=\n"))
    found = [(c, line, col) for c, line, col in fiche_codes(terr, text) if c == "CLS030"]
    assert found == [("CLS030", 1, 25), ("CLS030", 5, 13), ("CLS030", 7, 11), ("CLS030", 9, 28)]
    messages = [d.message for d in validate([str(terr)]).diagnostics if d.code == "CLS030"]
    assert "code inconnu « CLS999 »" in messages[0]
    assert "directive « clstool: enable » inconnue" in messages[1]
    assert "aucun code après « = »" in messages[2]
    assert "« disable-file » ne vaut qu'en tête du fichier" in messages[3]
    # and the misplaced disable-file does not suppress anything
    assert "CLS203" in [c for c, _, _ in fiche_codes(terr, text)]


def test_real_data_has_no_suppression_and_the_config_of_the_repo_changes_nothing():
    assert not (ROOT / "clstool.toml").exists()
    assert b"clstool:" not in b"".join(p.read_bytes() for p in (ROOT / "data").rglob("*.yaml"))
