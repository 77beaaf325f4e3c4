"""The regional référentiel: read with positions, codes checked (CLS112), counted, exported."""

from __future__ import annotations

import pytest

from clstool.errors import InputError
from clstool.lint.run import validate
from clstool.yamlio.referentiel import find, read
from tests.conftest import run
from tests.regional_helpers import REFERENTIEL, region, write


def test_referentiel_is_found_above_the_territories(tmp_path):
    root = region(tmp_path / "region")
    assert find(root / "ville-a") == root / "referentiel.yaml"
    model = read(root / "referentiel.yaml")
    assert model.libelles["PRS-2"].startswith("Favoriser")


def test_unknown_code_is_an_error_at_its_position(tmp_path):
    root = region(tmp_path / "region")
    path = root / "ville-b" / "fiches" / "1-2.yaml"
    path.write_text('id: "1-2"\naxe: "1"\ntitre: Une action fictive\nreferentiel:\n  - PRS-1\n  - PRS-3\n',
                    encoding="utf-8")
    result = validate([str(root)])
    found = [(d.file, d.line, d.column, d.code) for d in result.diagnostics if d.code == "CLS112"]
    assert found == [(str(path), 6, 5, "CLS112")]
    message = next(d.message for d in result.diagnostics if d.code == "CLS112")
    assert "PRS-3" in message and "referentiel.yaml" in message and "PRS-1" in message


def test_a_code_without_any_referentiel_is_reported(tmp_path):
    root = write(tmp_path / "seul", {
        "contrat.yaml": "territoire: T\nintitule: C (fictif)\nperiode: {debut: 2022, fin: 2027}\naxes: [{id: '1', titre: A}]\n",
        "fiches/1-1.yaml": 'id: "1-1"\naxe: "1"\ntitre: Une action fictive\nreferentiel: [PRS-1]\n'})
    if find(root) is not None:
        pytest.skip("un referentiel.yaml existe au-dessus du dossier temporaire")
    codes = [d.code for d in validate([str(root)], select=["CLS1"]).diagnostics]
    assert codes == ["CLS112"]


def test_a_broken_referentiel_stops_with_its_position(tmp_path):
    root = region(tmp_path / "region")
    (root / "referentiel.yaml").write_text(REFERENTIEL + "  - code: PRS-1\n    libelle: Encore\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"referentiel.yaml:8:11 : code « PRS-1 » déjà utilisé"):
        validate([str(root)])
    result = run("validate", root)
    assert result.returncode == 2 and "referentiel.yaml:8:11" in result.stderr and "Traceback" not in result.stderr
    (root / "referentiel.yaml").write_text("intitule: R\nobjectifs:\n  - code: X\n    libele: typo\n", encoding="utf-8")
    result = run("validate", root)
    assert result.returncode == 2 and "referentiel.yaml:4:5" in result.stderr


def test_the_lint_cache_sees_a_changed_referentiel(tmp_path):
    root = region(tmp_path / "region")
    cache = tmp_path / "cache"
    assert not [d for d in validate([str(root)], cache_dir=cache).diagnostics if d.code == "CLS112"]
    (root / "referentiel.yaml").write_text(REFERENTIEL.replace("PRS-2", "PRS-20"), encoding="utf-8")
    assert [d.code for d in validate([str(root)], cache_dir=cache).diagnostics if d.code == "CLS112"] == ["CLS112"]
