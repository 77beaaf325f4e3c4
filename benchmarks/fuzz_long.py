"""The long fuzz run: the properties of tests/fuzz/ with many more examples.

    python benchmarks/fuzz_long.py                 # 20 000 examples for the main property
    python benchmarks/fuzz_long.py --examples 2000 --seed 1

CI runs tests/fuzz/ with 200 examples per property (``CLSTOOL_FUZZ_EXAMPLES``, < 60 s). This
script runs the very same tests with ``--examples`` (each property takes its usual share:
``load_file`` all of them, ``validate`` half, the subprocess test 2 %), counts the examples
Hypothesis ran and prints a summary to paste into benchmarks/FUZZ.md. It exits with pytest's
code: 0 when no property failed.

It also runs the two mutation tests with random examples instead of CI's derandomized few:
every command on mutated real files of data/ and examples/ (``--mutations``, default
``examples / 20``: validate, status, calendar, report, export in five formats, fmt then
``fmt --check``) and ``import tet`` on the ARS template mutated at the zip and XML level
(``--workbooks``, default ``examples / 40``).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_STATS = re.compile(r"(\d+) passing(?: examples?)?, (\d+) failing(?: examples?)?,? (?:and )?(\d+) invalid")
_TEST = re.compile(r"^(tests/\S+::\S+):\s*$", re.M)
_MUTATION_TESTS = ["tests/adversarial/test_every_command.py::test_mutated_real_fiches",
                   "tests/interop/test_hostile_workbooks.py::test_mutated_templates_never_crash",
                   "tests/campaign/test_import_mutated.py::test_mutated_returned_workbooks_never_crash"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=20_000)
    parser.add_argument("--mutations", type=int, default=None, help="fichiers réels mutés (défaut : examples / 20)")
    parser.add_argument("--workbooks", type=int, default=None, help="classeurs mutés (défaut : examples / 40)")
    parser.add_argument("--seed", type=int, default=None, help="graine de Hypothesis (défaut : aléatoire)")
    args = parser.parse_args(argv)
    mutations = args.examples // 20 if args.mutations is None else args.mutations
    workbooks = args.examples // 40 if args.workbooks is None else args.workbooks
    env = {**os.environ, "CLSTOOL_FUZZ_EXAMPLES": str(args.examples), "NO_COLOR": "1",
           "CLSTOOL_FUZZ_MUTATIONS": str(max(mutations, 1)), "CLSTOOL_FUZZ_WORKBOOKS": str(max(workbooks, 1))}
    tests = ["tests/fuzz"] + (_MUTATION_TESTS if mutations or workbooks else [])
    cmd = [sys.executable, "-m", "pytest", *tests, "-q", "-p", "no:cacheprovider",
           "--hypothesis-show-statistics", "-rfEX"]
    if args.seed is not None:
        cmd.append(f"--hypothesis-seed={args.seed}")
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    out = done.stdout + done.stderr
    rows, total_pass, total_fail = [], 0, 0
    blocks = _TEST.split(out)
    for name, block in zip(blocks[1::2], blocks[2::2], strict=False):
        passing = sum(int(m.group(1)) for m in _STATS.finditer(block))
        failing = sum(int(m.group(2)) for m in _STATS.finditer(block))
        total_pass += passing
        total_fail += failing
        rows.append((name.split("::")[1], passing, failing))
    summary = out.strip().splitlines()[-1] if out.strip() else "?"
    print(f"Fuzz long : CLSTOOL_FUZZ_EXAMPLES={args.examples}, {mutations} fichiers réels mutés, "
          f"{workbooks} classeurs mutés, graine {args.seed or 'aléatoire'}, "
          f"{seconds / 60:.1f} min, pytest : {summary}")
    print("| propriété | exemples passés | exemples en échec |\n|---|---:|---:|")
    for name, passing, failing in rows:
        print(f"| {name} | {passing} | {failing} |")
    print(f"| **total** | **{total_pass}** | **{total_fail}** |")
    log = Path(tempfile.gettempdir()) / "clstool-fuzz-long.log"
    log.write_text(out, encoding="utf-8")
    print(f"\nSortie complète de pytest : {log}")
    if done.returncode != 0 and "= FAILURES =" in out:
        failures = out.split("= FAILURES =", 1)[1].split("short test summary", 1)[0]
        print("\n--- échecs (fin de chaque rapport) ---")
        for section in re.split(r"\n_{5,} (\S+) _{5,}\n", failures)[1:]:
            print("\n".join(section.strip().splitlines()[-40:]))
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
