"""Smoke test of benchmarks/: the generator is deterministic and produces files clstool accepts
(or rejects exactly where it was told to), and the runner writes its report on a tiny corpus.
The national run itself is never part of the tests (benchmarks/RESULTS.md)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from clstool.lint.run import validate

ROOT = Path(__file__).resolve().parent.parent


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"clsbench_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


generate = _module("generate")


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_generation_is_deterministic_and_marked_fictitious(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate.generate(a, contracts=2, fiches_per_contract=3, seed=5, jobs=1)
    generate.generate(b, contracts=2, fiches_per_contract=3, seed=5, jobs=1)
    generate.generate(c, contracts=2, fiches_per_contract=3, seed=6, jobs=1)
    assert _files(a) == _files(b)
    assert _files(a) != _files(c)
    yaml_files = sorted(a.rglob("*.yaml"))
    assert len(yaml_files) == 2 * (3 + 1)
    assert all(p.read_text(encoding="utf-8").startswith(f"# {generate.MARKER} (fictif)") for p in yaml_files)
    assert "FICTIF" in (a / "README.md").read_text(encoding="utf-8")
    # sizes like the real fiches (3–8 kB), plus the invented follow-up
    sizes = [p.stat().st_size for p in (a / "cls-0001" / "fiches").iterdir()]
    assert all(1_500 < s < 40_000 for s in sizes), sizes


def test_regenerating_refuses_a_folder_that_is_not_a_corpus(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "important.txt").write_text("à garder")
    with pytest.raises(SystemExit):
        generate.generate(tmp_path / "x", contracts=1, fiches_per_contract=1, jobs=1)
    assert (tmp_path / "x" / "important.txt").exists()


def test_generated_corpus_is_valid_and_shifts_calendars(tmp_path):
    generate.generate(tmp_path / "c", contracts=3, fiches_per_contract=4, seed=11, error_rate=0.0, jobs=1)
    result = validate([str(tmp_path / "c")])
    assert result.files == 3 * 5
    errors = [(d.file, d.code, d.message) for d in result.diagnostics if d.severity.value == "error"]
    assert errors == []
    fiches = list((tmp_path / "c").rglob("fiches/*.yaml"))
    assert any("suivi:" in p.read_text(encoding="utf-8") for p in fiches)


CODE_OF = {"cle_inconnue": "CLS020", "valeur_non_autorisee": "CLS023", "type_incorrect": "CLS022",
           "cle_en_double": "CLS006", "syntaxe": "CLS005"}


def test_every_deliberate_mistake_is_found_where_it_was_made(tmp_path):
    out = tmp_path / "c"
    manifest = generate.generate(out, contracts=3, fiches_per_contract=5, seed=3, error_rate=1.0, jobs=1)
    assert len(manifest["mistakes"]) == 15
    assert set(manifest["mistakes"].values()) == set(CODE_OF)
    result = validate([str(out)])
    found: dict[str, set[str]] = {}
    for d in result.diagnostics:
        found.setdefault(str(Path(d.file).relative_to(out)), set()).add(d.code)
    for path, kind in manifest["mistakes"].items():
        assert CODE_OF[kind] in found.get(path, set()), (path, kind, found.get(path))


def test_runner_writes_results_on_a_tiny_corpus(tmp_path):
    run = _module("run")
    corpus = tmp_path / "corpus"
    generate.generate(corpus, contracts=2, fiches_per_contract=3, seed=1, jobs=1)
    results, raw = tmp_path / "RESULTS.md", tmp_path / "results.json"
    assert run.main(["--corpus", str(corpus), "--runs", "1", "--felt-runs", "1", "--out", str(results),
                     "--json", str(raw)]) == 0
    text = results.read_text(encoding="utf-8")
    data = json.loads(raw.read_text(encoding="utf-8"))
    assert data["corpus"]["files"] == 8 and data["corpus"]["ratio_files"] == 8
    assert {"floor", "clstool_cold", "clstool_warm"} <= set(data["per_file"])
    assert all(v > 0 for values in data["per_file"].values() for v in values)
    for tool in ("yamllint", "check-jsonschema"):
        key = tool.replace("-", "_")
        assert key in data["per_file"] or tool in data["skipped"]
    assert "plancher" in text and "≤ 2× le plancher" in text and "extrapolé" in text
    assert data["peak_rss_kb"]["clstool_cold"] > 10_000
    # the speed a user feels: start-up, one fiche against yamllint, a pre-commit run
    assert set(data["felt"]["times"]) >= {"python", "typer_bare", "version", "help", "yamllint_one", "clstool_one_cold",
                                          "clstool_one_warm", "precommit"}
    assert all(v > 0 for values in data["felt"]["times"].values() for v in values)
    assert "## Vitesse ressentie" in text and "`pre-commit run --all-files`" in text
