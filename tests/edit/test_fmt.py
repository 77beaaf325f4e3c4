"""``clstool fmt``: one canonical layout, same data, every comment kept, idempotent, atomic."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT, run

from clstool.edit.fmt import FormatError, comments, format_text
from clstool.model.contrat import Contrat
from clstool.model.documents import Fiche
from clstool.yamlio.read import read_yaml
from clstool.yamlio.schema_errors import allowed_keys

FILES = sorted(DATA.rglob("*.yaml")) + sorted((ROOT / "examples").rglob("*.yaml"))




def kind(path: Path) -> str:
    return "contrat" if path.name == "contrat.yaml" else "fiche"


def data_of(text: str):
    return read_yaml(text.encode("utf-8")).data


def test_data_and_examples_are_already_canonical():
    proc = run("fmt", "--check", "data", "examples")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().endswith("déjà au format.")


def _shuffled(data, rng, model, path=()):
    """``data`` with the keys of every schema mapping in random order (the order of a free
    mapping — transitions, suivi — is the author's, and fmt keeps it)."""
    if isinstance(data, dict):
        items = list(data.items())
        if allowed_keys(model, path):
            rng.shuffle(items)
        return {k: _shuffled(v, rng, model, (*path, k)) for k, v in items}
    if isinstance(data, list):
        return [_shuffled(v, rng, model, (*path, i)) for i, v in enumerate(data)]
    return data


UNCOMMENTED = [p for p in FILES if sum(comments(p.read_text(encoding="utf-8")).values()) == 1]


@pytest.mark.parametrize("path", UNCOMMENTED[::3], ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_any_layout_of_the_same_data_gives_the_same_file(path):
    original = path.read_text(encoding="utf-8")
    header = original.split("\n", 1)[0] + "\n"  # the schema modeline, the only comment
    assert header.startswith("# yaml-language-server:")
    data = data_of(original)
    rng = random.Random(path.name)
    model = Contrat if kind(path) == "contrat" else Fiche
    for style in ({"default_flow_style": None, "indent": 4, "width": 60},
                  {"default_flow_style": True, "width": 1000}, {"default_flow_style": False, "indent": 3}):
        messy = header + yaml.safe_dump(_shuffled(data, rng, model), allow_unicode=True, sort_keys=False, **style)
        assert data_of(messy) == data
        assert format_text(messy, kind(path)) == original


def test_canonical_file_is_left_untouched_and_formatting_is_idempotent():
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        assert format_text(text, kind(path)) == text, path


COMMENTED = """\
# yaml-language-server: $schema=../../../schemas/fiche.schema.json
# Fiche fictive, pour le test.
titre: Action fictive  # le titre, tel qu'écrit
axe: 1
id: '1-1'

# La typologie, cochée par le porteur
typologie: [nouvelle, renforcement]   # deux cases
portage:
  # les partenaires d'abord, par erreur
  partenaires: [CPAM, "CAF"]
  # puis les porteurs
  porteurs:
  - Ville de Test   # le porteur
indicateurs:
- type: processus
  # identifiant du tableau de bord
  id: P1
  libelle: Nombre de réunions  # processus
- {libelle: Personnes sensibilisées, id: R1, type: resultat}
definition: |
  Texte libre   # ce n'est pas un commentaire
  sur deux lignes
# fin du fichier
"""


def test_every_comment_is_kept_and_stays_with_its_key():
    out = format_text(COMMENTED)
    assert comments(out) == comments(COMMENTED)  # every one, and no new one
    for comment in ["# Fiche fictive, pour le test.", "# le titre, tel qu'écrit", "# La typologie, cochée par le porteur",
                    "# deux cases", "# les partenaires d'abord, par erreur", "# puis les porteurs", "# le porteur",
                    "# identifiant du tableau de bord", "# processus", "# fin du fichier"]:
        assert out.count(comment) == 1, comment
    lines = out.splitlines()
    assert lines[:4] == ["# yaml-language-server: $schema=../../../schemas/fiche.schema.json",
                         "# Fiche fictive, pour le test.", 'id: "1-1"', "axe: 1"]
    # a comment above a key moves with it
    assert lines[lines.index("typologie:  # deux cases") - 1] == "# La typologie, cochée par le porteur"
    assert lines[lines.index("  porteurs:") - 1] == "  # puis les porteurs"
    assert lines[lines.index("  - id: P1") - 1] == "  # identifiant du tableau de bord"
    assert lines[-1] == "# fin du fichier"
    # block style, schema order, text of block scalars untouched
    assert "definition: |\n  Texte libre   # ce n'est pas un commentaire\n  sur deux lignes\n" in out
    assert out.index("definition:") < out.index("typologie:") < out.index("portage:") < out.index("indicateurs:")
    assert "  - id: R1\n    type: resultat\n    libelle: Personnes sensibilisées\n" in out
    assert data_of(out) == data_of(COMMENTED)
    assert format_text(out) == out


def test_contract_key_order_and_quoting():
    text = ("alias_partenaires:\n  CPAM de l’Hérault: [CPAM34]\nperiode: {fin: 2027, debut: 2022}\n"
            "territoire: 'Ville de Test'\nintitule: Contrat fictif\naxes:\n- titre: Axe\n  id: '1'\n")
    assert format_text(text, "contrat") == (
        "territoire: Ville de Test\nintitule: Contrat fictif\nperiode:\n  debut: 2022\n  fin: 2027\n"
        'axes:\n  - id: "1"\n    titre: Axe\nalias_partenaires:\n  CPAM de l’Hérault:\n    - CPAM34\n')


@pytest.mark.parametrize("text, fragment", [
    ("id: [\n", "2:1: valeur attendue ici"),
    ("id: a\nid: b\n", "clé « id » en double"),
    ("id: a\n\ttitre: b\n", "tabulation"),
])
def test_broken_files_are_refused(text, fragment):
    with pytest.raises(FormatError) as exc:
        format_text(text)
    assert fragment in str(exc.value) and "clstool validate" in str(exc.value)


def test_bom_is_dropped_and_empty_files_stay_as_they_are():
    assert format_text('\ufeffid: "1-1"\n') == 'id: "1-1"\n'
    assert format_text("# rien encore\n") == "# rien encore\n"
    assert format_text("") == ""


# --- the command --------------------------------------------------------------------------------


@pytest.fixture
def messy(territory):
    territory.fiche("1-1", 'titre: A\naxe: "1"\nid: "1-1"\ntypologie: [nouvelle]  # case\n')
    territory.fiche("1-2", 'id: "1-2"\naxe: "1"\ntitre: B\n')
    os.chmod(territory.root / "fiches" / "1-1.yaml", 0o640)
    return territory


def test_check_names_the_files_and_writes_nothing(messy, tmp_path):
    before = (messy.root / "fiches" / "1-1.yaml").read_bytes()
    proc = run("fmt", "--check", "terr", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == ["À reformater : terr/fiches/1-1.yaml",
                                        "1 fichier à reformater, 2 déjà au format."]
    assert (messy.root / "fiches" / "1-1.yaml").read_bytes() == before


def test_diff_shows_the_changes(messy, tmp_path):
    proc = run("fmt", "--diff", "terr", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("--- terr/fiches/1-1.yaml (actuel)\n+++ terr/fiches/1-1.yaml (formaté)\n")
    assert "-typologie: [nouvelle]  # case\n+typologie:  # case\n+  - nouvelle\n" in proc.stdout


def test_fmt_writes_atomically_and_keeps_the_mode(messy, tmp_path):
    proc = run("fmt", "terr", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == ["Reformaté : terr/fiches/1-1.yaml", "1 fichier reformaté, 2 déjà au format."]
    path = messy.root / "fiches" / "1-1.yaml"
    assert path.read_text(encoding="utf-8") == 'id: "1-1"\naxe: "1"\ntitre: A\ntypologie:  # case\n  - nouvelle\n'
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["1-1.yaml", "1-2.yaml"]
    assert run("fmt", "--check", "terr", cwd=tmp_path).returncode == 0


def test_a_broken_file_is_reported_and_the_others_formatted(messy, tmp_path):
    messy.fiche("1-3", "id: [\n")
    proc = run("fmt", "terr", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "terr/fiches/1-3.yaml: 2:1: valeur attendue ici" in proc.stderr
    assert (messy.root / "fiches" / "1-3.yaml").read_text(encoding="utf-8") == "id: [\n"
    assert "typologie:  # case" in (messy.root / "fiches" / "1-1.yaml").read_text(encoding="utf-8")


def test_single_file_and_latin1(messy, tmp_path):
    messy.fiche("1-4", 'id: "1-4"\naxe: "1"\ntitre: é\n'.encode("latin-1"))
    proc = run("fmt", "--check", "terr/fiches/1-2.yaml", "terr/fiches/1-4.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and "pas en UTF-8" in proc.stderr
    assert "1-1.yaml" not in proc.stdout + proc.stderr


def test_what_import_and_new_write_is_already_canonical(tmp_path):
    """yamlwrite (new, import tet) and fmt agree on quoting: only ids starting with a digit."""
    from clstool.edit.fmt import format_text
    from clstool.yamlio.write import dump

    text = dump({"id": "1-1", "axe": "2", "titre": "Action : test",
                 "indicateurs": [{"id": "P1", "type": "processus", "libelle": "Nombre"}]})
    assert 'id: "1-1"' in text and "- id: P1" in text
    assert format_text(text, "fiche") == text



@pytest.mark.parametrize("comment", ["", "  # à revoir"], ids=["rapide", "ruamel"])
def test_a_misspelt_key_stays_where_it_was_written(tmp_path, comment):
    """The pre-commit hook runs fmt before validate: a typo'd key on the 5th line must still be
    right after the key written before it when validate reports it, not moved to the end of
    the file (a fictitious fiche; with a comment, fmt takes the ruamel.yaml path)."""
    fiche = tmp_path / "territoire" / "fiches" / "1-1.yaml"
    fiche.parent.mkdir(parents=True)
    fiche.write_text("\n".join([
        "titre: Action fictive", 'id: "1-1"', 'axe: "1"', "sous_titre: Un sous-titre fictif",
        "priorit: haute" + comment, "typologie:", "  - nouvelle", "portage:", "  porteurs:", "    - Ville fictive",
    ]) + "\n", encoding="utf-8")
    assert run("fmt", str(fiche)).returncode == 0
    formatted = fiche.read_text(encoding="utf-8").split("\n")
    assert [line.split(":")[0] for line in formatted if line and not line.startswith(" ")] == [
        "id", "axe", "titre", "sous_titre", "priorit", "typologie", "portage"]
    proc = run("validate", str(fiche))
    assert proc.returncode == 1
    assert f"1-1.yaml:{formatted.index('priorit: haute' + comment) + 1}:1" in proc.stdout
    assert "priorit" in proc.stdout
