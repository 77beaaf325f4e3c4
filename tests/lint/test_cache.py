"""The validation cache (clstool.lint.cache) and parallel validation give the same findings as a
plain run, stay correct when only some files change, and survive corruption and concurrency."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import DATA

from clstool.lint.cache import FORMAT
from clstool.lint.run import validate


def _copy_montpellier(tmp_path: Path, name: str = "montpellier") -> Path:
    target = tmp_path / "data" / name
    shutil.copytree(DATA / "montpellier", target)
    return target


def _key(result):
    return [(d.file, d.line, d.column, d.code, d.message, d.severity, d.path) for d in result.diagnostics]


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*/*.json"))


def test_warm_run_equals_cold_run_and_hits_the_cache(tmp_path):
    terr = _copy_montpellier(tmp_path)
    cache = tmp_path / "cache"
    cold = validate([str(terr)], cache_dir=cache)
    assert len(_entries(cache)) == 1 and (cache / "CACHEDIR.TAG").exists()
    warm = validate([str(terr)], cache_dir=cache)
    assert _key(warm) == _key(cold) and warm.diagnostics  # data/montpellier has real warnings
    assert (warm.files, warm.fiches, warm.file_names) == (cold.files, cold.fiches, cold.file_names)


def test_cached_paths_follow_how_the_user_names_the_folder(tmp_path, monkeypatch):
    terr = _copy_montpellier(tmp_path)
    cache = tmp_path / "cache"
    validate([str(terr)], cache_dir=cache)
    monkeypatch.chdir(tmp_path)
    warm = validate(["data/montpellier"], cache_dir=cache)
    assert warm.diagnostics and all(d.file.startswith("data/montpellier/") for d in warm.diagnostics)


def test_changing_one_file_revalidates_cross_file_checks(tmp_path):
    terr = _copy_montpellier(tmp_path)
    cache = tmp_path / "cache"
    validate([str(terr)], cache_dir=cache)
    fiche = terr / "fiches" / "5-3.yaml"
    fiche.write_text(fiche.read_text(encoding="utf-8").replace('id: "5-3"', 'id: "5-2"'), encoding="utf-8")
    warm = validate([str(terr)], cache_dir=cache)
    codes = {(Path(d.file).name, d.code) for d in warm.diagnostics}
    assert ("5-3.yaml", "CLS101") in codes and ("5-3.yaml", "CLS102") in codes
    assert _key(warm) == _key(validate([str(terr)]))  # same as without any cache


def test_a_damaged_entry_is_ignored_and_rebuilt(tmp_path):
    terr = _copy_montpellier(tmp_path)
    cache = tmp_path / "cache"
    cold = validate([str(terr)], cache_dir=cache)
    for damage in (b"", b"{not json", b'{"format": %d, "files": 17, "diagnostics": [[99, 1]]}' % FORMAT,
                   json.dumps({"format": FORMAT, "files": 17,
                               "diagnostics": [[0, 1, 1, "CLS201", "x", "nope", ""]]}).encode()):
        (entry,) = _entries(cache)
        entry.write_bytes(damage)
        assert _key(validate([str(terr)], cache_dir=cache)) == _key(cold)
        assert json.loads(entry.read_bytes())["format"] == FORMAT  # rewritten whole


def test_settings_are_part_of_the_key(tmp_path):
    terr = _copy_montpellier(tmp_path)
    cache = tmp_path / "cache"
    validate([str(terr)], cache_dir=cache)
    (terr / "clstool.toml").write_text('ignore = ["CLS215"]\n', encoding="utf-8")
    assert "CLS215" not in {d.code for d in validate([str(terr)], cache_dir=cache).diagnostics}
    assert "CLS215" in {d.code for d in validate([str(terr)], cache_dir=cache, config=None,
                                                 select=["CLS2"]).diagnostics}


def test_dated_rules_key_on_the_reference_date(tmp_path):
    import datetime as dt

    terr = _copy_montpellier(tmp_path)
    cache = tmp_path / "cache"
    early = validate([str(terr)], cache_dir=cache, extend_select=["CLS219"], today=dt.date(2022, 6, 1))
    late = validate([str(terr)], cache_dir=cache, extend_select=["CLS219"], today=dt.date(2026, 6, 1))
    assert "CLS219" not in {d.code for d in early.diagnostics}
    assert "CLS219" in {d.code for d in late.diagnostics}


def test_concurrent_runs_share_the_cache_safely(tmp_path):
    terr = _copy_montpellier(tmp_path)
    cache = tmp_path / "cache"
    expected = _key(validate([str(terr)]))
    with ThreadPoolExecutor(4) as pool:
        procs = list(pool.map(lambda _: subprocess.run(
            [sys.executable, "-m", "clstool", "validate", str(terr), "--format", "json", "--cache-dir", str(cache)],
            capture_output=True, text=True), range(4)))
    for proc in procs:
        assert proc.returncode == 0, proc.stderr
        assert len(json.loads(proc.stdout)["diagnostics"]) == len(expected)
    assert [json.loads(e.read_bytes())["format"] for e in _entries(cache)] == [FORMAT]
    assert not list(cache.rglob("*.tmp"))


def test_no_cache_writes_nothing(tmp_path):
    terr = _copy_montpellier(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "clstool", "validate", str(terr), "--no-cache"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0
    assert not (tmp_path / ".clstool_cache").exists()
    proc = subprocess.run([sys.executable, "-m", "clstool", "validate", str(terr)], cwd=tmp_path,
                          capture_output=True, text=True)
    assert (tmp_path / ".clstool_cache" / ".gitignore").read_text() == "*\n"


def test_parallel_run_equals_serial_run(tmp_path):
    for i in range(9):  # 9 territories × 17 files: enough for worker processes
        terr = _copy_montpellier(tmp_path, f"t{i}")
        if i == 4:
            (terr / "fiches" / "1-1.yaml").write_text('id: "1-1"\naxe: "9"\ntitre: [\n', encoding="utf-8")
    serial = validate([str(tmp_path / "data")], jobs=1)
    parallel = validate([str(tmp_path / "data")], jobs=2)
    assert serial.files == 9 * 17 and "CLS005" in {d.code for d in serial.diagnostics}
    assert _key(parallel) == _key(serial) and parallel.file_names == serial.file_names
    cached = validate([str(tmp_path / "data")], jobs=2, cache_dir=tmp_path / "cache")
    # eight identical territories share one entry (the key ignores where a territory lives)
    assert _key(cached) == _key(serial) and len(_entries(tmp_path / "cache")) == 2


def test_changed_content_with_same_size_and_mtime_is_seen(tmp_path):
    """The key is the content: a file rewritten with the same size and modification time
    (a tool that restores times, two writes in one clock tick) is validated again."""
    import os

    terr = _copy_montpellier(tmp_path)
    cache = tmp_path / "cache"
    assert "CLS103" not in {d.code for d in validate([str(terr)], cache_dir=cache).diagnostics}
    fiche = terr / "fiches" / "1-1.yaml"
    stat = fiche.stat()
    text = fiche.read_text(encoding="utf-8").replace('axe: "1"', 'axe: "9"')
    fiche.write_text(text, encoding="utf-8")
    os.utime(fiche, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time
    assert fiche.stat().st_size == stat.st_size and fiche.stat().st_mtime_ns == stat.st_mtime_ns
    assert "CLS103" in {d.code for d in validate([str(terr)], cache_dir=cache).diagnostics}


def test_warm_run_reads_each_file_once_and_parses_none(tmp_path, monkeypatch):
    from clstool.lint import run as run_module
    from clstool.yamlio import load as load_module

    terr = _copy_montpellier(tmp_path)
    cache = tmp_path / "cache"
    cold = validate([str(terr)], cache_dir=cache, jobs=1)
    reads: list[str] = []
    real = run_module.read_source

    def counted(path):
        reads.append(str(path))
        return real(path)

    def no_parse(source):
        raise AssertionError(f"analysé : {source.path}")

    monkeypatch.setattr(run_module, "read_source", counted)
    monkeypatch.setattr(run_module, "load_file", no_parse)
    monkeypatch.setattr(load_module, "read_source", counted)
    warm = validate([str(terr)], cache_dir=cache, jobs=1)
    assert _key(warm) == _key(cold)
    assert sorted(reads) == sorted(set(reads)) and len(reads) == cold.files


def test_a_cache_entry_that_is_a_device_is_refused(tmp_path):
    """An entry replaced by a link to /dev/zero is refused without reading it (bounded read of
    regular files only): the run is a miss, not a hang."""
    import os

    terr = _copy_montpellier(tmp_path)
    cache = tmp_path / "cache"
    cold = validate([str(terr)], cache_dir=cache)
    for entry in _entries(cache):
        entry.unlink()
        os.symlink("/dev/zero", entry)
    assert _key(validate([str(terr)], cache_dir=cache)) == _key(cold)
