"""Faults (docs/architecture.md#écritures-atomiques): nothing clstool writes is ever left half-written, and a folder that
cannot be written, a full disk or a missing template gives a clear French error, exit code 2.

- kill tests: ``fmt``, ``new``, ``report -o`` and ``export -o`` run in a subprocess that is
  killed with SIGKILL, either as soon as it starts writing (a new entry appears in the target
  folder) or at a random moment of its run; the target must then be absent, its old content, or
  the complete output — never truncated or empty;
- read-only folder and full disk: really (``chmod``, ``/dev/full``) when the tests do not run
  as root, and always simulated in-process (the operating-system calls that write in the
  target folder fail with EACCES or ENOSPC);
- ``report --templates`` with a folder that does not exist, or a template that includes a
  missing one.

Commands that do not exist yet are skipped (``needs``), so the tests start running as they land.
The territory is synthetic (benchmarks/generate.py): fictitious follow-up.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import errno
import importlib.util
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from clstool.cli import main

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_COLOR": "1", "CLSTOOL_CACHE_DIR": tempfile.mkdtemp(prefix="clstool-faults-cache-")}
atexit.register(shutil.rmtree, ENV["CLSTOOL_CACHE_DIR"], True)
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
OLD = b"ancien contenu, qui doit rester intact\n"


def _commands() -> set[str]:
    import typer.main

    from clstool.cli import application

    app = application()

    return set(typer.main.get_command(app).commands)


COMMANDS = _commands()


def needs(*names: str):
    missing = [n for n in names if n not in COMMANDS]
    return pytest.mark.skipif(bool(missing), reason=f"commande absente : clstool {' '.join(missing)}")


# --- a synthetic territory ------------------------------------------------------------------------


def _generator():
    spec = importlib.util.spec_from_file_location("clsbench_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _cache_out_of_the_repository(monkeypatch):
    monkeypatch.setenv("CLSTOOL_CACHE_DIR", ENV["CLSTOOL_CACHE_DIR"])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, int]:
    """A fictitious territory of 12 fiches with follow-up; its first follow-up year."""
    out = tmp_path_factory.mktemp("faults") / "corpus"
    _generator().generate(out, contracts=1, fiches_per_contract=12, seed=7, error_rate=0.0, jobs=1)
    territory = out / "cls-0001"
    debut = int(str(_read_debut(territory / "contrat.yaml"))[:4])
    return territory, debut + 1


def _read_debut(path: Path):
    from clstool.yamlio.read import read_yaml

    return read_yaml(path.read_bytes()).data["periode"]["debut"]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "clstool", *args]


def _run(cmd: list[str]) -> tuple[subprocess.CompletedProcess, float]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, env=ENV, timeout=300)
    return done, time.perf_counter() - start


# --- killing a writer ------------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for entry in os.scandir(folder):
        with contextlib.suppress(OSError):
            st = entry.stat()
            out[entry.name] = (st.st_mtime_ns, st.st_size)
    return out


def run_and_kill(cmd: list[str], watch: Path, mode: str, delay: float, limit: float) -> bool:
    """Start ``cmd``; SIGKILL it when ``watch`` changes (mode "write") or after ``delay``
    seconds (mode "random"). True if it was killed before it finished."""
    before = _snapshot(watch)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    try:
        if mode == "write":
            deadline = time.monotonic() + limit
            while proc.poll() is None and time.monotonic() < deadline:
                if _snapshot(watch) != before:
                    break
                time.sleep(0.0002)
        else:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(delay)
        finished = proc.poll() is not None
        if not finished:
            proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    return not finished and proc.returncode == -signal.SIGKILL


def _clean_temporaries(folder: Path) -> int:
    """Remove what a killed atomic writer leaves behind (its hidden temporary files)."""
    left = [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]
    for p in left:
        p.unlink()
    return len(left)


def kill_trials(make_cmd, target: Path, is_complete, full_time: float, trials: int = 3,
                seed: int = 0) -> dict:
    """Kill ``make_cmd(target)`` ``trials`` times; every time, ``target`` must be absent or
    old (when there was one) or complete."""
    rng = random.Random(seed)
    stats = {"killed": 0, "absent": 0, "old": 0, "complete": 0, "temporaries": 0}
    for trial in range(trials):
        had_old = trial != 1
        if had_old:
            target.write_bytes(OLD)
        elif target.exists():
            target.unlink()
        mode = "write" if trial < 2 else "random"  # at the first write, then anywhere in the run
        delay = rng.uniform(0.3, 1.05) * full_time
        stats["killed"] += run_and_kill(make_cmd(target), target.parent, mode, delay, limit=3 * full_time + 5)
        stats["temporaries"] += _clean_temporaries(target.parent)
        if not target.exists():
            assert not had_old, f"essai {trial} : l'ancien fichier a disparu"
            stats["absent"] += 1
            continue
        content = target.read_bytes()
        assert content, f"essai {trial} ({mode}) : fichier vide"
        if had_old and content == OLD:
            stats["old"] += 1
            continue
        assert is_complete(content), f"essai {trial} ({mode}, {delay:.2f} s) : fichier tronqué ({len(content)} octets)"
        stats["complete"] += 1
    assert stats["killed"] >= 1, f"aucun essai n'a interrompu la commande : {stats}"
    return stats


def _reference(cmd_for, tmp_path: Path, name: str) -> tuple[bytes, float]:
    target = tmp_path / f"reference-{name}"
    done, seconds = _run(cmd_for(target))
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return target.read_bytes(), seconds


@needs("report")
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_report_killed_mid_write(corpus, tmp_path, fmt):
    territory, year = corpus

    def cmd(target: Path) -> list[str]:
        return _cli("report", str(territory), "--year", str(year), "--as-of", f"{year}-12-31",
                    "--format", fmt, "-o", str(target))

    reference, seconds = _reference(cmd, tmp_path, f"bilan.{fmt}")
    again, _ = _reference(cmd, tmp_path, f"bilan2.{fmt}")
    assert len(reference) > 10_000
    if reference == again:
        def complete(content: bytes) -> bool:
            return content == reference
    else:  # pragma: no cover - a report that embeds the time of day
        def complete(content: bytes) -> bool:
            return content.rstrip().endswith(b"</html>" if fmt == "html" else b"") and len(content) > len(reference) // 2
    out = tmp_path / "out"
    out.mkdir()
    kill_trials(cmd, out / f"bilan.{fmt}", complete, seconds, seed=1)


def _xlsx_sheets(content: bytes) -> list[str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if archive.testzip() is not None:
                return None
            return sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/"))
    except (zipfile.BadZipFile, OSError, EOFError):
        return None


@needs("export")
@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_export_killed_mid_write(corpus, tmp_path, fmt):
    territory, _ = corpus

    def cmd(target: Path) -> list[str]:
        return _cli("export", str(territory), "--format", fmt, "-o", str(target))

    reference, seconds = _reference(cmd, tmp_path, f"export.{fmt}")
    if fmt == "json":
        json.loads(reference)

        def complete(content: bytes) -> bool:
            return content == reference
    else:
        sheets = _xlsx_sheets(reference)
        assert sheets, "le classeur de référence est illisible"

        def complete(content: bytes) -> bool:
            return _xlsx_sheets(content) == sheets
    out = tmp_path / "out"
    out.mkdir()
    kill_trials(cmd, out / f"export.{fmt}", complete, seconds, seed=2)


@needs("new")
def test_new_killed_mid_write(corpus, tmp_path):
    territory, _ = corpus
    reference_copy = tmp_path / "reference"
    shutil.copytree(territory, reference_copy)
    args = ["--axe", "1", "--titre", "Action fictive créée pendant un test", "--id", "1-99"]
    done, seconds = _run(_cli("new", str(reference_copy), *args))
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    reference = (reference_copy / "fiches" / "1-99.yaml").read_bytes()
    work = tmp_path / "work"
    shutil.copytree(territory, work)
    target = work / "fiches" / "1-99.yaml"
    stats = {"killed": 0}
    for trial in range(3):
        if target.exists():
            target.unlink()
        mode = "write" if trial < 2 else "random"
        stats["killed"] += run_and_kill(_cli("new", str(work), *args), target.parent, mode,
                                        random.Random(trial).uniform(0.3, 1.05) * seconds, 3 * seconds + 5)
        _clean_temporaries(target.parent)
        if target.exists():
            assert target.read_bytes() == reference, f"essai {trial} : fiche tronquée"
    assert stats["killed"] >= 1


@needs("fmt")
def test_fmt_killed_mid_write(corpus, tmp_path):
    territory, _ = corpus
    reference_copy = tmp_path / "reference"
    shutil.copytree(territory, reference_copy)
    done, seconds = _run(_cli("fmt", str(reference_copy)))
    assert done.returncode in (0, 1), done.stderr.decode("utf-8", "replace")
    names = sorted(p.relative_to(territory) for p in territory.rglob("*.yaml"))
    original = {n: (territory / n).read_bytes() for n in names}
    formatted = {n: (reference_copy / n).read_bytes() for n in names}
    changed = [n for n in names if original[n] != formatted[n]]
    if not changed:
        pytest.skip("fmt ne change aucun fichier du corpus synthétique : rien à interrompre")
    killed = 0
    for trial in range(3):
        work = tmp_path / f"work-{trial}"
        shutil.copytree(territory, work)
        mode = "write" if trial < 2 else "random"
        killed += run_and_kill(_cli("fmt", str(work)), work / "fiches", mode,
                               random.Random(trial).uniform(0.3, 1.05) * seconds, 3 * seconds + 5)
        for n in names:
            content = (work / n).read_bytes()
            assert content in (original[n], formatted[n]), f"essai {trial} : {n} ni ancien ni formaté"
        shutil.rmtree(work)
    assert killed >= 1


# --- read-only folder, full disk (simulated in-process) ----------------------------------------------


def _in_process(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, err.getvalue() + out.getvalue()


def _inside(path, folder: Path) -> bool:
    if isinstance(path, int):
        try:
            path = os.readlink(f"/proc/self/fd/{path}")
        except OSError:
            return True
    try:
        return Path(os.fsdecode(path)).resolve().is_relative_to(folder.resolve())
    except (TypeError, ValueError, OSError):
        return False


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _writing(mode) -> bool:
    return isinstance(mode, str) and any(c in mode for c in "wax+")


def read_only(monkeypatch, folder: Path) -> None:
    """Every call that would create or change a file in ``folder`` fails with EACCES."""
    def deny(path):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))

    real_open, real_os_open = builtins.open, os.open
    real_replace, real_rename = os.replace, os.rename

    def fake_open(file, mode="r", *args, **kwargs):
        if _writing(mode) and not isinstance(file, int) and _inside(file, folder):
            deny(file)
        return real_open(file, mode, *args, **kwargs)

    def fake_os_open(path, flags, *args, **kwargs):
        if flags & _WRITE_FLAGS and _inside(path, folder):
            deny(path)
        return real_os_open(path, flags, *args, **kwargs)

    def fake_replace(src, dst, *args, **kwargs):
        if _inside(dst, folder):
            deny(dst)
        return real_replace(src, dst, *args, **kwargs)

    def fake_rename(src, dst, *args, **kwargs):
        if _inside(dst, folder):
            deny(dst)
        return real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)
    monkeypatch.setattr(os, "replace", fake_replace)
    monkeypatch.setattr(os, "rename", fake_rename)
    monkeypatch.setattr(os, "link", fake_rename)  # atomic_write(exclusive=True) links into place


class _FullDisk:
    """A writable file on a disk that fills up after ``room`` bytes."""

    def __init__(self, handle, room: int):
        self._handle, self._room = handle, room

    def write(self, data):
        size = len(data)
        if size > self._room:
            self._handle.write(data[: self._room])
            self._room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._room -= size
        return self._handle.write(data)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()
        return False

    def __iter__(self):
        return iter(self._handle)

    def __getattr__(self, name):
        return getattr(self._handle, name)


def full_disk(monkeypatch, folder: Path, room: int = 1024) -> None:
    """Files opened for writing in ``folder`` accept ``room`` bytes, then fail with ENOSPC."""
    real_open, real_fdopen = builtins.open, os.fdopen

    def fake_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return _FullDisk(handle, room) if _writing(mode) and _inside(file, folder) else handle

    def fake_fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return _FullDisk(handle, room) if _writing(mode) and _inside(fd, folder) else handle

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr(os, "fdopen", fake_fdopen)


def _writers(territory: Path, year: int, folder: Path) -> dict[str, tuple[list[str], Path]]:
    """Each writing command, with the file it writes into ``folder``."""
    return {
        "report": (["report", str(territory), "--year", str(year), "--format", "md", "-o",
                    str(folder / "bilan.md")], folder / "bilan.md"),
        "export-json": (["export", str(territory), "--format", "json", "-o", str(folder / "export.json")],
                        folder / "export.json"),
        "export-xlsx": (["export", str(territory), "--format", "xlsx", "-o", str(folder / "export.xlsx")],
                        folder / "export.xlsx"),
        "schema": (["schema", "--output", str(folder)], folder / "fiche.schema.json"),
        "validate": (["validate", str(territory), "--format", "json", "-o", str(folder / "v.json")],
                     folder / "v.json"),
    }


WRITERS = ["report", "export-json", "export-xlsx", "schema", "validate"]


def _command_of(name: str) -> str:
    return name.split("-")[0]


def _assert_clear(code: int, output: str, target: Path, words: tuple[str, ...]) -> None:
    assert code == 2, output
    assert "Traceback" not in output and "Erreur interne" not in output, output
    assert "Erreur" in output and (target.name in output or str(target.parent) in output), output
    assert any(w in output.lower() for w in words), output


_READ_ONLY_WORDS = ("permission", "droit", "lecture seule", "protégé")
_FULL_WORDS = ("disque plein", "espace")


@pytest.mark.parametrize("fault", ["lecture-seule", "disque-plein"])
@pytest.mark.parametrize("writer", WRITERS)
def test_write_fault_simulated(corpus, tmp_path, monkeypatch, writer, fault):
    """A read-only folder or a full disk: a clear French message, the old file untouched and
    no temporary file left."""
    if _command_of(writer) not in COMMANDS:
        pytest.skip(f"commande absente : clstool {_command_of(writer)}")
    simulate, words = {"lecture-seule": (read_only, _READ_ONLY_WORDS), "disque-plein": (full_disk, _FULL_WORDS)}[fault]
    territory, year = corpus
    folder = tmp_path / fault
    folder.mkdir()
    argv, target = _writers(territory, year, folder)[writer]
    if writer == "validate" and "--output" not in _help("validate") and "-o" not in _help("validate"):
        pytest.skip("validate n'a pas d'option -o")
    target.write_bytes(OLD)
    simulate(monkeypatch, folder)
    code, output = _in_process(argv)
    monkeypatch.undo()
    _assert_clear(code, output, target, words)
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in folder.iterdir()) == [target.name], "fichier temporaire laissé"


@needs("new")
def test_new_in_read_only_folder_simulated(corpus, tmp_path, monkeypatch):
    territory, _ = corpus
    work = tmp_path / "terr"
    shutil.copytree(territory, work)
    before = sorted(p.name for p in (work / "fiches").iterdir())
    read_only(monkeypatch, work / "fiches")
    code, output = _in_process(["new", str(work), "--axe", "1", "--titre", "Action fictive", "--id", "1-98"])
    monkeypatch.undo()
    _assert_clear(code, output, work / "fiches" / "1-98.yaml", _READ_ONLY_WORDS)
    assert sorted(p.name for p in (work / "fiches").iterdir()) == before


@needs("fmt")
def test_fmt_on_full_disk_simulated(corpus, tmp_path, monkeypatch):
    territory, _ = corpus
    work = tmp_path / "terr"
    shutil.copytree(territory, work)
    before = {p.name: p.read_bytes() for p in (work / "fiches").iterdir()}
    full_disk(monkeypatch, work / "fiches", room=100)
    code, output = _in_process(["fmt", str(work)])
    monkeypatch.undo()
    after = {p.name: p.read_bytes() for p in (work / "fiches").iterdir()}
    if code == 0 and after == before:
        pytest.skip("fmt n'a rien eu à écrire")
    assert code == 2, output
    assert "Erreur interne" not in output and "Traceback" not in output, output
    assert any(w in output.lower() for w in _FULL_WORDS), output
    assert after == before, "un fichier a été modifié ou laissé à moitié écrit"


def _help(command: str) -> str:
    code, output = _in_process([command, "--help"])
    return output


# --- the real thing, when the operating system lets us ------------------------------------------------


@needs("export")
@pytest.mark.skipif(AS_ROOT, reason="root écrit malgré chmod : le cas est simulé plus haut")
def test_read_only_folder_for_real(corpus, tmp_path):
    territory, _ = corpus
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "export.json"
    target.write_bytes(OLD)
    folder.chmod(0o555)
    try:
        done, _ = _run(_cli("export", str(territory), "--format", "json", "-o", str(target)))
    finally:
        folder.chmod(0o755)
    _assert_clear(done.returncode, done.stderr.decode("utf-8", "replace"), target, _READ_ONLY_WORDS)
    assert target.read_bytes() == OLD


@needs("export")
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="pas de /dev/full sur ce système")
def test_dev_full_is_a_full_disk(corpus, monkeypatch):
    """Writing to /dev/full fails with ENOSPC for real. In-process, with os.replace and os.rename
    forbidden on /dev: a regression to rename-over-the-target must never replace the device."""
    territory, _ = corpus
    real_replace, real_rename = os.replace, os.rename

    def guard(real):
        def wrapper(src, dst, *args, **kwargs):
            if os.fsdecode(dst).startswith("/dev/"):
                raise AssertionError(f"clstool a tenté de remplacer {dst}")
            return real(src, dst, *args, **kwargs)
        return wrapper

    monkeypatch.setattr(os, "replace", guard(real_replace))
    monkeypatch.setattr(os, "rename", guard(real_rename))
    code, output = _in_process(["export", str(territory), "--format", "json", "-o", "/dev/full"])
    monkeypatch.undo()
    _assert_clear(code, output, Path("/dev/full"), _FULL_WORDS)
    assert Path("/dev/full").is_char_device()


# --- templates --------------------------------------------------------------------------------------


@needs("report")
def test_missing_templates_folder(corpus):
    territory, year = corpus
    done, _ = _run(_cli("report", str(territory), "--year", str(year), "--format", "md",
                        "--templates", "/dossier/qui/n/existe/pas"))
    output = done.stderr.decode("utf-8", "replace") + done.stdout.decode("utf-8", "replace")
    assert done.returncode == 2, output
    assert "Traceback" not in output and "Erreur interne" not in output, output
    assert "/dossier/qui/n/existe/pas" in output and "Erreur" in output, output


@needs("report")
def test_template_that_includes_a_missing_one(corpus, tmp_path):
    territory, year = corpus
    templates = tmp_path / "modeles"
    templates.mkdir()
    for name in ("report.md.j2", "report.html.j2"):
        (templates / name).write_text('{% include "absent.md.j2" %}\n', encoding="utf-8")
    target = tmp_path / "bilan.md"
    target.write_bytes(OLD)
    done, _ = _run(_cli("report", str(territory), "--year", str(year), "--format", "md",
                        "--templates", str(templates), "-o", str(target)))
    output = done.stderr.decode("utf-8", "replace") + done.stdout.decode("utf-8", "replace")
    assert done.returncode == 2, output
    assert "Traceback" not in output and "Erreur interne" not in output, output
    assert "absent.md.j2" in output, output
    assert target.read_bytes() == OLD
