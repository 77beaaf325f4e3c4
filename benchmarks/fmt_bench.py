"""Time ``clstool fmt`` on a synthetic corpus of about 2,000 fiches (target: under 10 s).

    python benchmarks/fmt_bench.py                       # 67 contracts × 30 fiches, generated
    python benchmarks/fmt_bench.py --corpus /tmp/cls-2000 --runs 3

What is timed (wall clock of whole processes, median of ``--runs``, as in run.py; and the
processor time they used, user + system, worker processes included, which a busy shared
machine inflates less than the wall clock):

- ``clstool fmt --check`` on the corpus as generated (most files need reformatting: the
  generator writes single quotes and unquoted ids);
- ``clstool fmt`` on a copy (it writes every file that changes), then ``clstool fmt --check``
  again on the formatted copy (everything already in format).

The corpus is fictitious (benchmarks/generate.py). Prints a small table; ``--json`` writes it.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_SECONDS = 10.0


def _clstool() -> list[str]:
    return [sys.executable, "-m", "clstool"]


CPU: list[float] = []  #: processor seconds (user + system, workers included) of each timed run


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: list[str]) -> float:
    start, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run(_clstool() + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    CPU.append(_children_cpu() - cpu)
    if done.returncode not in (0, 1, 2):
        raise SystemExit(f"clstool {' '.join(args)} : code {done.returncode}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="corpus existant (sinon : généré dans un dossier temporaire)")
    parser.add_argument("--contracts", type=int, default=67)
    parser.add_argument("--fiches-per-contract", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="écrire les mesures dans ce fichier JSON")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="clstool-fmt-bench-"))
    try:
        corpus = args.corpus
        if corpus is None:
            sys.path.insert(0, str(HERE))
            import generate

            corpus = work / "corpus"
            generate.generate(corpus, args.contracts, args.fiches_per_contract)
        files = sum(1 for _ in corpus.rglob("*.yaml"))
        check, check_cpu = [], []
        for _ in range(args.runs):
            check.append(timed(["fmt", "--check", str(corpus)]))
            check_cpu.append(CPU[-1])
        write, formatted, write_cpu, formatted_cpu = [], [], [], []
        for _ in range(args.runs):
            copy = work / "copie"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(corpus, copy, symlinks=True)
            write.append(timed(["fmt", str(copy)]))
            write_cpu.append(CPU[-1])
            formatted.append(timed(["fmt", "--check", str(copy)]))
            formatted_cpu.append(CPU[-1])
        result = {"files": files, "runs": args.runs,
                  "fmt_check_s": statistics.median(check), "fmt_write_s": statistics.median(write),
                  "fmt_check_formatted_s": statistics.median(formatted), "target_s": TARGET_SECONDS,
                  "fmt_check_cpu_s": statistics.median(check_cpu), "fmt_write_cpu_s": statistics.median(write_cpu),
                  "fmt_check_formatted_cpu_s": statistics.median(formatted_cpu)}
        print(f"fichiers : {files}")
        for key, label in (("fmt_check_s", "fmt --check (corpus généré)"), ("fmt_write_s", "fmt (écrit)"),
                           ("fmt_check_formatted_s", "fmt --check (déjà au format)")):
            ok = "oui" if result[key] <= TARGET_SECONDS * files / 2000 else "NON"
            cpu = result[key[:-2] + "_cpu_s"]
            print(f"{label:<32} {result[key]:6.2f} s  ({1000 * result[key] / files:.1f} ms/fichier ; "
                  f"processeur {cpu:.2f} s ; objectif ≤ {TARGET_SECONDS:.0f} s pour 2 000 : {ok})")
        if args.json:
            args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
