"""Time ``clstool validate`` against its floor and two other tools, on the same files.

    python benchmarks/run.py --corpus /tmp/cls-national            # an existing corpus
    python benchmarks/run.py --contracts 200 --fiches-per-contract 30  # generate, then time

What is timed (wall clock of a whole process, as a user or a CI job sees it), ``--runs`` times
(≥ 3, the median is reported), tools interleaved run by run so that a drift of the machine hits
them all alike:

- **floor**: one Python process reading every file and running PyYAML's C ``compose`` on its
  bytes (libyaml: parse, keep line/column marks, build nothing else) — the least a tool that
  reports positions must do;
- **clstool cold**: ``clstool validate`` with an empty cache (a fresh ``--cache-dir`` or
  ``XDG_CACHE_HOME``/``CLSTOOL_CACHE_DIR``, else ``--no-cache``), and **warm**: the same command
  again on a cache the previous run filled. The flags that exist are read from
  ``clstool validate --help``, so the script times what the installed clstool offers;
- **yamllint** (default configuration, one process over the folders) and **check-jsonschema**
  with the contrat and fiche JSON Schemas (``schemas/`` as written by ``clstool schema``; if
  that command does not exist yet, the schemas pydantic derives from ``clstool.model.documents``, and the
  report says so).

The per-file comparisons (and the targets of the issue: ≤ 2× the floor, ≥ 15× faster than
check-jsonschema, ≥ 25× faster than yamllint) run **pinned to one core** on a *ratio set*: the
first ``--ratio-contracts`` contracts (all of them for a small corpus), because yamllint and
check-jsonschema need ~40 ms a file and a national corpus would take them an hour a run.
clstool then runs on the **whole corpus** with every core (``--jobs`` if clstool has it), cold and
warm, with its peak memory (resident set of the whole process tree, sampled from ``/proc``).

The page cache of the operating system is not dropped (that needs root and disturbs the machine):
every tool reads the same files from memory, which keeps the comparison fair.
Writes ``benchmarks/RESULTS.md`` (``--out``) and prints the same tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NATIONAL = (1000, 30)  #: contracts × fiches of a national corpus (docs/architecture.md#vitesse-mesurée)

FLOOR_SCRIPT = """
import sys, time, yaml
from yaml import CSafeLoader
files = open(sys.argv[1], encoding="utf-8").read().split("\\n")
start = time.perf_counter()
nodes = 0
for name in files:
    with open(name, "rb") as handle:
        raw = handle.read()
    try:
        node = yaml.compose(raw, Loader=CSafeLoader)
    except yaml.YAMLError:
        node = None
    nodes += node is not None
print(time.perf_counter() - start)
"""


# --- running one command -------------------------------------------------------------------------


@dataclass
class Timing:
    seconds: float
    returncode: int
    peak_rss_kb: int = 0  #: sum over the process tree, sampled
    max_rss_kb: int = 0  #: largest single process (getrusage of the waited child)
    stdout: str = ""
    stderr: str = ""


def _tree_rss_kb(pid: int) -> int:
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/status", encoding="ascii", errors="replace") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as handle:
                    todo += [int(c) for c in handle.read().split()]
        except (OSError, ValueError):
            continue
    return total


def run_timed(cmd: list[str], env: dict | None = None, one_core: bool = False,
              capture: bool = False) -> Timing:
    """Run ``cmd``; wall time, exit code, peak RSS of its process tree."""
    preexec = None
    if one_core and hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        preexec = lambda: os.sched_setaffinity(0, {cpu})  # noqa: E731
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, env=env, preexec_fn=preexec)
    peak = [0]
    done = threading.Event()
    streams: dict[str, bytes] = {}

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            done.wait(0.02)

    def drain(name: str, stream) -> None:
        streams[name] = stream.read()

    threads = [threading.Thread(target=sample, daemon=True),
               threading.Thread(target=drain, args=("stderr", proc.stderr), daemon=True)]
    if capture:
        threads.append(threading.Thread(target=drain, args=("stdout", proc.stdout), daemon=True))
    for thread in threads:
        thread.start()
    # wait4 rather than Popen.wait: it also gives this child's own peak RSS (ru_maxrss, kB).
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    for thread in threads:
        thread.join()
    return Timing(seconds, proc.returncode, max(peak[0], usage.ru_maxrss), usage.ru_maxrss,
                  streams.get("stdout", b"").decode("utf-8", "replace"),
                  streams.get("stderr", b"").decode("utf-8", "replace"))


# --- the tools --------------------------------------------------------------------------------------


def _exe(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


@dataclass
class ClstoolFlags:
    """What the installed ``clstool validate`` offers, read from its ``--help``."""

    help: str
    no_cache: bool = False
    cache_dir: str | None = None
    jobs: str | None = None
    opt_in: list[str] = field(default_factory=list)  #: rules off by default, switched on here

    @classmethod
    def detect(cls) -> "ClstoolFlags":
        out = subprocess.run([sys.executable, "-m", "clstool", "validate", "--help"],
                             capture_output=True, text=True, env=_env())
        text = out.stdout + out.stderr
        flags = cls(text)
        flags.no_cache = bool(re.search(r"--no-cache\b", text))
        flags.cache_dir = next((f for f in ("--cache-dir", "--cache") if re.search(rf"{f}\b(?!-)", text)), None)
        flags.jobs = next((f for f in ("--jobs", "--workers", "-j") if re.search(rf"(?<![\w-]){f}\b", text)), None)
        if "--extend-select" in text:  # "all rules on": the opt-in rules too
            try:
                from clstool.lint.rules import all_rules

                flags.opt_in = sorted(code for code, rule in all_rules().items() if not rule.default)
            except (ImportError, AttributeError):
                pass
        return flags


def _env(**extra: str) -> dict:
    env = dict(os.environ)
    env.update({"NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"})
    env.update(extra)
    return env


class Clstool:
    def __init__(self, flags: ClstoolFlags):
        self.flags = flags

    def command(self, paths: list[str], jobs: int | None, cache: Path | None, no_cache: bool) -> list[str]:
        cmd = [sys.executable, "-m", "clstool", "validate", *paths, "--format", "json"]
        if self.flags.opt_in:
            cmd += ["--extend-select", ",".join(self.flags.opt_in)]
        if self.flags.jobs and jobs:
            cmd += [self.flags.jobs, str(jobs)]
        if no_cache and self.flags.no_cache:
            cmd.append("--no-cache")
        if cache is not None and self.flags.cache_dir:
            cmd += [self.flags.cache_dir, str(cache)]
        return cmd

    @property
    def cold_mode(self) -> str:
        if self.flags.cache_dir:
            return f"cache vide ({self.flags.cache_dir} vers un dossier neuf à chaque essai)"
        if self.flags.no_cache:
            return "--no-cache (+ XDG_CACHE_HOME et CLSTOOL_CACHE_DIR vers un dossier neuf)"
        return "pas de cache dans clstool : froid = chaud"

    def run(self, paths: list[str], jobs: int | None, cache: Path, cold: bool, one_core: bool,
            no_cache: bool = False) -> Timing:
        if cold:
            shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir(parents=True, exist_ok=True)
        env = _env(XDG_CACHE_HOME=str(cache), CLSTOOL_CACHE_DIR=str(cache))
        if no_cache:
            cmd = self.command(paths, jobs, None, no_cache=True)
        else:
            cmd = self.command(paths, jobs, cache, no_cache=cold and not self.flags.cache_dir)
        timing = run_timed(cmd, env=env, one_core=one_core)
        if timing.returncode not in (0, 1):
            raise RuntimeError(f"clstool validate a échoué (code {timing.returncode}) : {timing.stderr[-2000:]}")
        return timing


def floor(files: list[str], listfile: Path, one_core: bool) -> Timing:
    listfile.write_text("\n".join(files), encoding="utf-8")
    timing = run_timed([sys.executable, "-c", FLOOR_SCRIPT, str(listfile)], one_core=one_core, capture=True)
    if timing.returncode != 0:
        raise RuntimeError(f"plancher : {timing.stderr[-2000:]}")
    return timing


def yamllint(dirs: list[str], one_core: bool) -> Timing:
    return run_timed([_exe("yamllint") or "yamllint", "-f", "parsable", *dirs], one_core=one_core)


def _chunks(items: list[str], size: int = 2000) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def check_jsonschema(contrats: list[str], fiches: list[str], schemas: dict[str, Path],
                     one_core: bool) -> Timing:
    total = Timing(0.0, 0)
    exe = _exe("check-jsonschema") or "check-jsonschema"
    for kind, files in (("contrat", contrats), ("fiche", fiches)):
        for chunk in _chunks(files):
            t = run_timed([exe, "--schemafile", str(schemas[kind]), *chunk], one_core=one_core)
            if t.returncode not in (0, 1):
                raise RuntimeError(f"check-jsonschema : code {t.returncode} : {t.stderr[-2000:]}")
            total.seconds += t.seconds
            total.peak_rss_kb = max(total.peak_rss_kb, t.peak_rss_kb)
    return total


def find_schemas(workdir: Path) -> tuple[dict[str, Path], str]:
    """The JSON Schemas of contrat.yaml and fiches, and where they come from: ``clstool schema
    --output DIR`` if the command exists, else the repository's schemas/, else pydantic's."""
    out = workdir / "schemas"
    done = subprocess.run([sys.executable, "-m", "clstool", "schema", "--output", str(out)],
                          capture_output=True, text=True, env=_env())
    found = {k: out / f"{k}.schema.json" for k in ("contrat", "fiche")}
    if done.returncode == 0 and all(p.is_file() for p in found.values()):
        return found, "`clstool schema --output DIR`"
    shipped = {k: ROOT / "schemas" / f"{k}.schema.json" for k in ("contrat", "fiche")}
    if all(p.is_file() for p in shipped.values()):
        return shipped, "schemas/ du dépôt (`clstool schema --output` indisponible)"
    sys.path.insert(0, str(ROOT / "src"))
    from clstool.model.contrat import Contrat
    from clstool.model.documents import Fiche

    out = workdir / "pydantic-schemas"
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for kind, model in (("contrat", Contrat), ("fiche", Fiche)):
        paths[kind] = out / f"{kind}.schema.json"
        paths[kind].write_text(json.dumps(model.model_json_schema(), ensure_ascii=False), encoding="utf-8")
    return paths, ("`clstool schema` absent au moment de la mesure : schémas dérivés par pydantic "
                   "(`model_json_schema()` des modèles de clstool.model.documents)")


# --- the corpus ---------------------------------------------------------------------------------------


@dataclass
class Corpus:
    root: Path
    dirs: list[Path]
    manifest: dict = field(default_factory=dict)

    @classmethod
    def open(cls, root: Path) -> "Corpus":
        dirs = sorted(p.parent for p in root.glob("*/contrat.yaml"))
        if not dirs:
            raise SystemExit(f"aucun contrat sous {root} : générez-le avec benchmarks/generate.py")
        manifest_path = root / "manifest.json"
        manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
        return cls(root, dirs, manifest)

    @staticmethod
    def files_of(dirs: list[Path]) -> tuple[list[str], list[str]]:
        contrats = [str(d / "contrat.yaml") for d in dirs]
        fiches = [str(f) for d in dirs for f in sorted((d / "fiches").glob("*.yaml"))]
        return contrats, fiches

    @staticmethod
    def size(files: list[str]) -> int:
        return sum(os.path.getsize(f) for f in files)


# --- the machine ------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kb / 1024 / 1024:.1f} Gio"
    except (OSError, AttributeError):
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cœurs (nproc)": str(usable), "processeur": cpu, "mémoire": ram,
            "système": f"{platform.system()} {platform.release()}"}


def _c_reader() -> str:
    from clstool.yamlio import read as yamlsource

    if yamlsource._yamlfast is None:
        return "absent (lecture en Python pur : plus lente)"
    return "compilé, libyaml " + yamlsource._yamlfast.libyaml_version()


def versions(schema_source: str) -> dict[str, str]:
    import pydantic
    import yaml

    libyaml = "absente"
    try:
        from yaml import _yaml  # type: ignore[attr-defined]

        libyaml = _yaml.get_version_string()
    except ImportError:
        pass
    return {
        "Python": platform.python_version(),
        "clstool": _version([sys.executable, "-m", "clstool", "--version"]),
        "PyYAML / libyaml": f"{yaml.__version__} / {libyaml}",
        "lecteur C de clstool (`clstool.yamlio._yamlfast`)": _c_reader(),
        "pydantic": pydantic.VERSION,
        "yamllint": _version([_exe("yamllint") or "yamllint", "--version"]),
        "check-jsonschema": _version([_exe("check-jsonschema") or "check-jsonschema", "--version"]),
        "schémas pour check-jsonschema": schema_source,
    }


# --- the benchmark --------------------------------------------------------------------------------------


def median(timings: list[Timing]) -> float:
    return statistics.median(t.seconds for t in timings)


def benchmark(corpus: Corpus, runs: int, ratio_contracts: int, tools: set[str], jobs: int | None,
              log=print) -> dict:
    work = Path(tempfile.mkdtemp(prefix="clsbench-"))
    try:
        return _benchmark(corpus, runs, ratio_contracts, tools, jobs, work, log)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _benchmark(corpus: Corpus, runs: int, ratio_contracts: int, tools: set[str], jobs: int | None,
               work: Path, log) -> dict:
    flags = ClstoolFlags.detect()
    clstool = Clstool(flags)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    jobs = jobs or cores
    schemas, schema_source = find_schemas(work)
    missing = {t for t, exe in (("yamllint", "yamllint"), ("check-jsonschema", "check-jsonschema"))
               if t in tools and not _exe(exe)}
    tools = tools - missing

    ratio_dirs = corpus.dirs[:ratio_contracts] if ratio_contracts else corpus.dirs
    rc, rf = Corpus.files_of(ratio_dirs)
    ratio_files = rc + rf
    all_c, all_f = Corpus.files_of(corpus.dirs)
    all_files = all_c + all_f
    subset = len(ratio_dirs) < len(corpus.dirs)  # ratios on part of the corpus only
    ratio_paths = [str(d) for d in ratio_dirs]

    per_file: dict[str, list[Timing]] = {}
    full: dict[str, list[Timing]] = {}
    floor_inproc: list[float] = []
    cache1, cacheN = work / "cache-1", work / "cache-n"

    def record(table: dict, name: str, timing: Timing) -> None:
        table.setdefault(name, []).append(timing)

    load_start = os.getloadavg() if hasattr(os, "getloadavg") else None
    log(f"corpus : {len(corpus.dirs)} contrats, {len(all_files)} fichiers ; ratios sur {len(ratio_files)} "
        f"fichiers ; {runs} essais ; clstool : {clstool.cold_mode} ; parallélisme : {flags.jobs or 'aucun'}")
    for run in range(1, runs + 1):
        if "clstool" in tools:  # start-up: one file, so the per-file cost can be told apart from it
            record(per_file, "clstool_startup", clstool.run([rc[0]], 1, cache1 / "startup", cold=True, one_core=True))
        t = floor(ratio_files, work / "files.txt", one_core=True)
        floor_inproc.append(float(t.stdout.strip().splitlines()[-1]))
        record(per_file, "floor", t)
        if "clstool" in tools:
            record(per_file, "clstool_cold", clstool.run(ratio_paths, 1, cache1, cold=True, one_core=True))
            record(per_file, "clstool_warm", clstool.run(ratio_paths, 1, cache1, cold=False, one_core=True))
            if flags.no_cache and flags.cache_dir:  # what the cache costs when it is empty
                record(per_file, "clstool_nocache", clstool.run(ratio_paths, 1, cache1 / "none", cold=True,
                                                                one_core=True, no_cache=True))
        if "yamllint" in tools:
            record(per_file, "yamllint", yamllint(ratio_paths, one_core=True))
        if "check-jsonschema" in tools:
            record(per_file, "check_jsonschema", check_jsonschema(rc, rf, schemas, one_core=True))
        if subset:
            record(full, "floor", floor(all_files, work / "all.txt", one_core=True))
        if "clstool" in tools and (subset or (flags.jobs and jobs > 1)):
            record(full, "clstool_cold", clstool.run([str(corpus.root)], jobs, cacheN, cold=True, one_core=False))
            record(full, "clstool_warm", clstool.run([str(corpus.root)], jobs, cacheN, cold=False, one_core=False))
        shown = {**per_file, **{f"{k} (corpus entier)": v for k, v in full.items()}}
        log(f"essai {run}/{runs} : " + ", ".join(f"{k} {v[-1].seconds:.2f} s" for k, v in shown.items()))
    if not subset:  # the ratio set is the whole corpus: reuse its timings
        full.setdefault("floor", per_file["floor"])
        for key in ("clstool_cold", "clstool_warm"):
            if key in per_file:
                full.setdefault(key, per_file[key])

    result = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(schema_source),
        "corpus": {
            "root": str(corpus.root), "contracts": len(corpus.dirs), "files": len(all_files),
            "fiches": len(all_f), "bytes": Corpus.size(all_files),
            "fiches_per_contract": corpus.manifest.get("fiches_per_contract"),
            "seed": corpus.manifest.get("seed"), "mistakes": len(corpus.manifest.get("mistakes", {})),
            "ratio_files": len(ratio_files), "ratio_contracts": len(ratio_dirs),
            "ratio_bytes": Corpus.size(ratio_files),
        },
        "runs": runs,
        "load": [load_start, os.getloadavg() if hasattr(os, "getloadavg") else None],
        "jobs": jobs if flags.jobs else 1,
        "cores": cores,
        "clstool_flags": {"no_cache": flags.no_cache, "cache_dir": flags.cache_dir, "jobs": flags.jobs,
                          "opt_in": flags.opt_in},
        "cold_mode": clstool.cold_mode,
        "commands": {
            "clstool_cold_one_core": " ".join(clstool.command(["DOSSIERS…"], 1, Path("CACHE"), no_cache=not flags.cache_dir)),
            "clstool_full": " ".join(clstool.command(["CORPUS"], jobs, Path("CACHE"), no_cache=False)),
            "yamllint": "yamllint -f parsable DOSSIERS…",
            "check_jsonschema": "check-jsonschema --schemafile SCHEMA FICHIERS… (contrats, puis fiches ; lots de 2000)",
        },
        "per_file": {k: [t.seconds for t in v] for k, v in per_file.items()},
        "floor_inprocess": floor_inproc,
        "full": {k: [t.seconds for t in v] for k, v in full.items()},
        "peak_rss_kb": {k: max(t.peak_rss_kb for t in v)
                        for k, v in {**per_file, **{f"full_{k}": v for k, v in full.items()}}.items()},
        "skipped": sorted(missing),
    }
    return result


# --- the report --------------------------------------------------------------------------------------------


def _ms(seconds: float, files: int) -> str:
    return f"{seconds / files * 1000:.2f}"


def _check(ok: bool) -> str:
    return "oui" if ok else "**non**"


def report(result: dict) -> str:
    c = result["corpus"]
    n = c["ratio_files"]
    med = {k: statistics.median(v) for k, v in result["per_file"].items()}
    full = {k: statistics.median(v) for k, v in result["full"].items()}
    rss = result["peak_rss_kb"]
    lines = [
        "# Mesures de performance de `clstool validate`",
        "",
        f"Produit par `python benchmarks/run.py` le {result['date']} ; médianes de {result['runs']} essais "
        "(temps réel d'un processus complet, démarrage de Python compris). Corpus **synthétique** produit "
        "par `benchmarks/generate.py` à partir des fiches réelles de Montpellier (textes mélangés, suivi "
        "inventé).",
        "",
        "## Machine et versions",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in result["machine"].items()],
        *[f"| {k} | {v} |" for k, v in result["versions"].items()],
        *([f"| charge moyenne (1, 5, 15 min) au début / à la fin | "
           f"{' '.join(f'{x:.1f}' for x in result['load'][0])} / {' '.join(f'{x:.1f}' for x in result['load'][1])} |"]
          if result.get("load") and result["load"][0] else []),
        "",
        "## Corpus",
        "",
        f"- {c['contracts']} contrats × {c['fiches_per_contract'] or '?'} fiches = {c['files']} fichiers YAML "
        f"({c['bytes'] / 1e6:.1f} Mo, {c['bytes'] / c['files'] / 1024:.1f} Kio par fichier en moyenne), "
        f"graine {c['seed']}, {c['mistakes']} fiches avec une erreur volontaire.",
        f"- Ensemble de comparaison (mêmes fichiers pour tous les outils, **un cœur**) : les {c['ratio_contracts']} "
        f"premiers contrats, {n} fichiers ({c['ratio_bytes'] / 1e6:.1f} Mo).",
        f"- Reproduire : `python benchmarks/generate.py --contracts {c['contracts']} --fiches-per-contract "
        f"{c['fiches_per_contract'] or 30} --seed {c['seed']} --out DIR` puis `python benchmarks/run.py --corpus DIR "
        f"--runs {result['runs']} --ratio-contracts {c['ratio_contracts']}`.",
        f"- clstool, froid : {result['cold_mode']}. Parallélisme de clstool : "
        f"{result['clstool_flags']['jobs'] or 'aucune option (un seul processus)'}. Toutes les règles actives"
        + (f" (y compris celles sur demande : {', '.join(result['clstool_flags']['opt_in'])})."
           if result["clstool_flags"].get("opt_in") else "."),
        "",
        "## Par fichier, un cœur, mêmes fichiers",
        "",
        "| outil | total (s) | ms par fichier | rapport à clstool froid |",
        "|---|---:|---:|---:|",
    ]
    names = [("clstool_startup", "démarrage : `clstool validate` d'un seul contrat.yaml (non divisé)"),
             ("floor", "plancher : `yaml.compose` (libyaml C, positions), un processus"),
             ("clstool_cold", "`clstool validate` froid"), ("clstool_warm", "`clstool validate` chaud"),
             ("clstool_nocache", "`clstool validate --no-cache` (ni lecture ni écriture du cache)"),
             ("yamllint", "yamllint (configuration par défaut)"),
             ("check_jsonschema", "check-jsonschema (schémas contrat + fiche)")]
    cold = med.get("clstool_cold")
    for key, label in names:
        if key == "clstool_startup" and key in med:
            lines.append(f"| {label} | {med[key]:.2f} | – | – |")
        elif key in med:
            ratio = f"{med[key] / cold:.2f}×" if cold else "–"
            lines.append(f"| {label} | {med[key]:.2f} | {_ms(med[key], n)} | {ratio} |")
    inproc = statistics.median(result["floor_inprocess"])
    lines += ["", f"Plancher mesuré dans le processus (sans le démarrage de Python) : {inproc:.2f} s, "
              f"{_ms(inproc, n)} ms par fichier."]
    if result["skipped"]:
        lines.append(f"Outils absents, non mesurés : {', '.join(result['skipped'])}.")
    lines += ["", "## Objectifs de l'issue", "", "| objectif | mesuré | atteint |", "|---|---:|---|"]
    if cold:
        r_floor = cold / med["floor"]
        lines.append(f"| froid ≤ 2× le plancher (par fichier, un cœur) | {r_floor:.2f}× | {_check(r_floor <= 2)} |")
        if "clstool_startup" in med:  # the same, start-up of both processes set aside
            marginal = (cold - med["clstool_startup"]) / inproc
            lines.append(f"| (pour information : hors démarrage, (froid − démarrage) / plancher dans le "
                         f"processus) | {marginal:.2f}× | {_check(marginal <= 2)} |")
        if "check_jsonschema" in med:
            r = med["check_jsonschema"] / cold
            lines.append(f"| ≥ 15× plus rapide que check-jsonschema | {r:.1f}× | {_check(r >= 15)} |")
        if "yamllint" in med:
            r = med["yamllint"] / cold
            lines.append(f"| ≥ 25× plus rapide que yamllint | {r:.1f}× | {_check(r >= 25)} |")
    files = c["files"]
    national = NATIONAL[0] * (NATIONAL[1] + 1)
    if "clstool_cold" in full:
        scale = national / files
        start = med.get("clstool_startup", 0.0) if files < national else 0.0
        label = ("mesuré" if files >= national else
                 f"**extrapolé** : démarrage + (temps − démarrage) × {scale:.1f}, depuis {files} fichiers")
        cold_n = start + (full["clstool_cold"] - start) * scale
        warm_n = start + (full["clstool_warm"] - start) * scale
        lines.append(f"| corpus national ({national} fichiers) froid ≤ 20 s sur {result['jobs']} cœur(s) | "
                     f"{cold_n:.1f} s ({label}) | {_check(cold_n <= 20)} |")
        lines.append(f"| corpus national chaud ≤ 2 s | {warm_n:.1f} s ({label}) | {_check(warm_n <= 2)} |")
    peak = max((v for k, v in rss.items() if "clstool" in k), default=0)
    lines.append(f"| mémoire de pointe ≤ 500 Mo | {peak / 1024:.0f} Mo | {_check(peak / 1024 <= 500)} |")
    lines += ["", f"## Corpus entier ({files} fichiers, {result['jobs']} processus, tous les cœurs)", "",
              "| mesure | total (s) | ms par fichier | mémoire de pointe (Mo) |", "|---|---:|---:|---:|"]
    for key, label in (("floor", "plancher (un processus)"), ("clstool_cold", "`clstool validate` froid"),
                       ("clstool_warm", "`clstool validate` chaud")):
        if key in full:
            mem = rss.get(f"full_{key}", rss.get(key, 0))
            lines.append(f"| {label} | {full[key]:.2f} | {_ms(full[key], files)} | {mem / 1024:.0f} |")
    lines += ["", "Commandes :", ""] + [f"- {k} : `{v}`" for k, v in result["commands"].items()]
    lines += ["", "Mémoire : somme des RSS de l'arbre de processus, échantillonnée toutes les 20 ms dans /proc.",
              "", "## Tous les essais (secondes)", ""]
    for table in ("per_file", "full"):
        for key, values in result[table].items():
            lines.append(f"- {table}/{key} : {', '.join(f'{v:.2f}' for v in values)}")
    if result.get("felt"):
        sys.path.insert(0, str(HERE))
        import felt

        lines += ["", felt.section(result["felt"]).rstrip("\n")]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="corpus existant (sinon : généré dans un dossier temporaire)")
    parser.add_argument("--contracts", type=int, default=200)
    parser.add_argument("--fiches-per-contract", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ratio-contracts", type=int, default=50,
                        help="contrats sur lesquels tous les outils sont comparés (0 : tous)")
    parser.add_argument("--tools", default="clstool,yamllint,check-jsonschema")
    parser.add_argument("--jobs", type=int, default=None, help="processus de clstool sur le corpus entier")
    parser.add_argument("--felt-runs", type=int, default=7,
                        help="tours de la vitesse ressentie (felt.py : démarrage, une fiche, pre-commit) ; 0 : aucun")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--json", type=Path, default=None, help="écrire aussi les mesures brutes en JSON")
    parser.add_argument("--from-json", type=Path, default=None,
                        help="ne rien mesurer : réécrire le rapport à partir de mesures brutes enregistrées")
    args = parser.parse_args(argv)
    if args.from_json:
        text = report(json.loads(args.from_json.read_text(encoding="utf-8")))
        args.out.write_text(text, encoding="utf-8")
        print(text)
        return 0
    if args.runs < 1:
        parser.error("--runs doit être ≥ 1")
    generated = None
    if args.corpus is None:
        sys.path.insert(0, str(HERE))
        from generate import generate

        generated = Path(tempfile.mkdtemp(prefix="clscorpus-"))
        generate(generated, args.contracts, args.fiches_per_contract, args.seed)
        args.corpus = generated
    try:
        result = benchmark(Corpus.open(args.corpus), args.runs, args.ratio_contracts,
                           {t.strip() for t in args.tools.split(",") if t.strip()}, args.jobs,
                           log=lambda m: print(m, file=sys.stderr, flush=True))
    finally:
        if generated:
            shutil.rmtree(generated, ignore_errors=True)
    if args.felt_runs:
        sys.path.insert(0, str(HERE))
        import felt

        result["felt"] = felt.measure(args.felt_runs, log=lambda m: print(m, file=sys.stderr, flush=True))
    text = report(result)
    args.out.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
