"""The speed a user feels: start-up, one fiche validated, a pre-commit run on a territory.

Measured side by side in one run, each command a whole process (Python's start-up included),
alternated at every round, median of ``runs`` rounds:

- ``clstool --version`` and ``clstool --help`` against ``python -c pass`` (Python itself);
- one fiche: ``clstool validate FICHE`` cold (``--no-cache``) and warm (its cache filled by
  an earlier run, as in a repository where the hook runs at every commit), against
  ``yamllint FICHE`` on the same file;
- ``pre-commit run --all-files`` with clstool's two hooks (``.pre-commit-hooks.yaml``: validate,
  fmt) in a git repository holding one territory of 20 fiches, after one run that installs
  nothing (the hooks are ``language: system`` here, pointing at this clstool) and fills the cache.

Used by ``run.py`` (its report gets a section « Vitesse ressentie ») and runnable on its own:
``python benchmarks/felt.py --runs 7``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FICHE = ROOT / "data" / "montpellier" / "fiches" / "1-1.yaml"
_BARE_TYPER = """
from typing import Annotated, Optional
import typer
app = typer.Typer()
@app.command()
def command(paths: Annotated[Optional[list[str]], typer.Argument()] = None,
            year: Annotated[int, typer.Option("--year")] = 1, fmt: str = "text"):
    pass
app()
"""
TARGETS = {  # what the speed issue asks for
    "version": 0.2, "help": 0.2, "one_fiche_ratio": 2.0, "precommit": 1.0,
}


def _bin(name: str) -> str:
    """A tool of this interpreter's environment (the venv the README's commands make)."""
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else (shutil.which(name) or name)


def _time(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def _territory(work: Path, fiches: int = 20) -> Path:
    """A git repository holding one fictitious territory of ``fiches`` fiches (generate.py)."""
    sys.path.insert(0, str(HERE))
    from generate import generate

    corpus = work / "corpus"
    generate(corpus, 1, fiches, 2024)
    repo = work / "repo"
    shutil.copytree(next(p for p in corpus.iterdir() if p.is_dir()), repo / "territoire")
    hooks = []
    for hook, entry, extra in (("clstool-validate", "validate", "pass_filenames: false\n        require_serial: true"),
                               ("clstool-fmt", "fmt", "pass_filenames: true")):
        hooks.append(f"""      - id: {hook}
        name: {hook}
        entry: {_bin("clstool")} {entry}
        language: system
        files: (^|/)(contrat\\.ya?ml|fiches/[^/]+\\.ya?ml)$
        {extra}""")
    (repo / ".pre-commit-config.yaml").write_text("repos:\n  - repo: local\n    hooks:\n" + "\n".join(hooks) + "\n",
                                                  encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "b@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "b@example.org"}
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "fictif"]):
        subprocess.run(cmd, cwd=repo, env=env, check=True, stdout=subprocess.DEVNULL)
    return repo


def measure(runs: int = 7, log=print) -> dict:
    work = Path(tempfile.mkdtemp(prefix="clsfelt-"))
    try:
        repo = _territory(work)
        fiche = work / "fiche" / "1-1.yaml"  # alone in its folder: no territory around it
        fiche.parent.mkdir()
        shutil.copy(FICHE, fiche)
        cache = work / "cache"
        env = {**os.environ, "CLSTOOL_CACHE_DIR": str(cache), "PRE_COMMIT_HOME": str(work / "pre-commit")}
        clstool, precommit = _bin("clstool"), _bin("pre-commit")
        commands = {
            "python": [sys.executable, "-c", "pass"],
            # the floor of any typer command with an argument and options (it must succeed: an
            # error would measure rich drawing its error panel instead)
            "typer_bare": [sys.executable, "-c", _BARE_TYPER, "a.yaml", "--year", "2024"],
            "version": [clstool, "--version"],
            "help": [clstool, "--help"],
            "yamllint_one": [_bin("yamllint"), str(fiche)],
            "clstool_one_cold": [clstool, "validate", str(fiche), "--no-cache"],
            "clstool_one_warm": [clstool, "validate", str(fiche)],
            "precommit": [precommit, "run", "--all-files"],
        }
        cwd = {"precommit": repo}
        for name in ("clstool_one_warm", "precommit"):  # fill the cache, let pre-commit set up
            _time(commands[name], cwd.get(name), env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for round_ in range(runs):
            for name, cmd in commands.items():
                times[name].append(_time(cmd, cwd.get(name), env))
            log(f"tour {round_ + 1}/{runs} : " + ", ".join(f"{k} {v[-1]:.3f} s" for k, v in times.items()))
        return {"runs": runs, "fiche": FICHE.relative_to(ROOT).as_posix(), "fiches_precommit": 20, "times": times}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def section(result: dict) -> str:
    """The « Vitesse ressentie » section of RESULTS.md."""
    med = {k: statistics.median(v) for k, v in result["times"].items()}
    cold = med["clstool_one_cold"] / med["yamllint_one"]
    warm = med["clstool_one_warm"] / med["yamllint_one"]

    def ok(value: float, target: float) -> str:
        return "oui" if value <= target else "**non**"

    rows = [
        ("`python -c pass` (Python seul)", med["python"], "", ""),
        ("une application Typer nue, trois options (le plancher de toute commande)", med["typer_bare"], "", ""),
        ("`clstool --version`", med["version"], f"≤ {TARGETS['version']} s", ok(med["version"], TARGETS["version"])),
        ("`clstool --help`", med["help"], f"≤ {TARGETS['help']} s", ok(med["help"], TARGETS["help"])),
        (f"`yamllint` sur une fiche ({result['fiche']})", med["yamllint_one"], "", ""),
        ("`clstool validate` de la même fiche, cache vide (`--no-cache`)", med["clstool_one_cold"],
         f"≤ 2× yamllint : {cold:.2f}×", ok(cold, TARGETS["one_fiche_ratio"])),
        ("`clstool validate` de la même fiche, cache rempli (cas du hook)", med["clstool_one_warm"],
         f"≤ 2× yamllint : {warm:.2f}×", ok(warm, TARGETS["one_fiche_ratio"])),
        (f"`pre-commit run --all-files`, les deux hooks, {result['fiches_precommit']} fiches", med["precommit"],
         f"≤ {TARGETS['precommit']} s", ok(med["precommit"], TARGETS["precommit"])),
    ]
    lines = ["## Vitesse ressentie", "",
             f"`benchmarks/felt.py` : processus complets, outils alternés, médiane de {result['runs']} tours.", "",
             "| commande | médiane | cible | tenue |", "|---|---:|---|---|"]
    lines += [f"| {name} | {value:.3f} s | {target} | {held} |" for name, value, target, held in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vitesse ressentie : démarrage, une fiche, pre-commit.")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    result = measure(args.runs, log=lambda m: print(m, file=sys.stderr, flush=True))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(section(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
