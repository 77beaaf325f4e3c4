"""Time ``clstool export --format xlsx`` on a synthetic corpus (issue 19: it was quadratic).

    python benchmarks/export_xlsx.py                         # 2,000 fiches, 3 runs
    python benchmarks/export_xlsx.py --fiches 1000 2000 4000  # how the time grows

The corpus is made by ``generate.py`` (fictitious, deterministic: 40 contracts of
``fiches / 40`` fiches, no deliberate mistake); what is timed is the wall clock of the whole
``clstool export`` process, as a user sees it, median of ``--runs``. The target: under 10 s for
2,000 fiches, and a time that grows like the number of fiches (the ratio between two sizes
close to the ratio of the sizes, not its square). Prints a Markdown table, with the processor
time of the process beside its duration: on a shared machine the duration alone misleads.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

CONTRACTS = 40
TARGET = 10.0  #: seconds, for 2,000 fiches


def time_export(corpus: Path, out: Path, runs: int) -> tuple[float, float]:
    """Median wall clock and median processor time (user + system) of the export process."""
    clstool = Path(sys.executable).with_name("clstool")
    cmd = [str(clstool) if clstool.exists() else "clstool", "export", "--format", "xlsx", "-o", str(out), str(corpus)]
    timings, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True)
        timings.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in (0, 1):
            raise SystemExit(f"clstool export a échoué ({done.returncode}) : {done.stderr}")
    return statistics.median(timings), statistics.median(cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fiches", type=int, nargs="+", default=[2000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="clstool-export-") as tmp:
        for fiches in args.fiches:
            corpus = Path(tmp) / f"corpus-{fiches}"
            generate(corpus, CONTRACTS, max(fiches // CONTRACTS, 1), seed=args.seed, error_rate=0.0)
            seconds, cpu = time_export(corpus, Path(tmp) / f"export-{fiches}.xlsx", args.runs)
            rows.append((CONTRACTS * max(fiches // CONTRACTS, 1), seconds, cpu))
    print("| fiches | export xlsx, durée (médiane, s) | temps processeur (s) | ms par fiche |")
    print("|---:|---:|---:|---:|")
    for fiches, seconds, cpu in rows:
        print(f"| {fiches} | {seconds:.2f} | {cpu:.2f} | {1000 * seconds / fiches:.2f} |")
    slow = [f for f, s, _ in rows if s > TARGET * f / 2000]
    if slow:
        print(f"Au-dessus de la cible ({TARGET:g} s pour 2 000 fiches) : {slow}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
