"""Measure the regional commands on a synthetic corpus (benchmarks/generate.py): the overview
report of a regional slice and of the whole corpus, and the flat (OSCARS) export.

    python benchmarks/regional.py --corpus /tmp/cls-national --slice 50 --year 2025

Each command runs as a whole process (Python start-up included). Reported: wall time, CPU time
of the process tree (user + system, workers included: on a loaded machine it says what the work
costs, whatever else runs), and peak RSS of the process tree (sampled every 20 ms in /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import run_timed  # noqa: E402


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(name: str, cmd: list[str]) -> dict:
    before = _cpu()
    timing = run_timed(cmd)
    result = {"mesure": name, "commande": " ".join(cmd), "secondes": round(timing.seconds, 2),
              "cpu_secondes": round(_cpu() - before, 2), "rss_pointe_mo": round(timing.peak_rss_kb / 1024),
              "code_retour": timing.returncode}
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--slice", type=int, default=50, help="contrats de la tranche régionale")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--out", type=Path, default=None, help="résultats JSON")
    args = parser.parse_args(argv)
    contracts = sorted(p for p in args.corpus.iterdir() if (p / "contrat.yaml").is_file())
    exe = [sys.executable, "-m", "clstool"]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        region = Path(tmp) / "region"
        region.mkdir()
        for path in contracts[:args.slice]:
            os.symlink(path, region / path.name)
        results.append(measure(f"vue d'ensemble, {min(args.slice, len(contracts))} contrats",
                               exe + ["report", str(region), "--year", str(args.year), "-o", f"{tmp}/r.html"]))
        results.append(measure(f"vue d'ensemble, {len(contracts)} contrats",
                               exe + ["report", str(args.corpus), "--year", str(args.year), "-o", f"{tmp}/n.html"]))
        results.append(measure(f"export oscars CSV, {len(contracts)} contrats",
                               exe + ["export", str(args.corpus), "--format", "oscars", "-o", f"{tmp}/n.csv"]))
        results.append(measure(f"export oscars CSV, {len(contracts)} contrats, --year {args.year}",
                               exe + ["export", str(args.corpus), "--format", "oscars", "--year", str(args.year),
                                      "-o", f"{tmp}/y.csv"]))
    if args.out:
        args.out.write_text(json.dumps({"contrats": len(contracts), "mesures": results}, ensure_ascii=False, indent=2)
                            + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
