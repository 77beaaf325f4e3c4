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
    for damage in (b"", b"{not json", b'{"format": 1, "files": 17, "diagnostics": [[99, 1]]}',
                   json.dumps({"format": 1, "files": 17, "diagnostics": [[0, 1, 1, "CLS201", "x", "nope", ""]]}).encode()):
        (entry,) = _entries(cache)
        entry.write_bytes(damage)
        assert _key(validate([str(terr)], cache_dir=cache)) == _key(cold)
        assert json.loads(entry.read_bytes())["format"] == 1  # rewritten whole


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
    assert [json.loads(e.read_bytes())["format"] for e in _entries(cache)] == [1]
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


def _age(folder: Path, seconds: float = 10) -> None:
    import os
    import time

    past = time.time() - seconds
    for path in folder.rglob("*.yaml"):
        os.utime(path, (past, past))


def test_warm_run_reads_no_file_when_metadata_is_unchanged(tmp_path, monkeypatch):
    terr = _copy_montpellier(tmp_path)
    _age(terr)
    cache = tmp_path / "cache"
    cold = validate([str(terr)], cache_dir=cache)
    assert list((cache / "meta").rglob("*"))  # metadata entry written: files are old enough

    real_read = Path.read_bytes

    def no_yaml_read(self):
        assert self.suffix != ".yaml", f"lu : {self}"
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", no_yaml_read)
    assert _key(validate([str(terr)], cache_dir=cache)) == _key(cold)


def test_recent_files_are_not_trusted_by_metadata(tmp_path):
    """The racy case: a file modified within RACY_SECONDS may change again without its size or
    modification time changing; its metadata entry is not written, so it is read next time."""
    terr = _copy_montpellier(tmp_path)
    _age(terr, 0)  # modified just now
    cache = tmp_path / "cache"
    validate([str(terr)], cache_dir=cache)
    assert not (cache / "meta").exists()


def test_changed_content_with_same_size_and_mtime_needs_a_new_metadata_key(tmp_path):
    import os

    terr = _copy_montpellier(tmp_path)
    _age(terr)
    cache = tmp_path / "cache"
    validate([str(terr)], cache_dir=cache)
    fiche = terr / "fiches" / "1-1.yaml"
    stat = fiche.stat()
    text = fiche.read_text(encoding="utf-8").replace('axe: "1"', 'axe: "9"')
    fiche.write_text(text, encoding="utf-8")
    os.utime(fiche, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))  # any change of mtime
    assert "CLS103" in {d.code for d in validate([str(terr)], cache_dir=cache).diagnostics}
