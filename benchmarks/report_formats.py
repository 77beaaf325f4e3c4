"""Time of ``clstool report`` in each format for one territory (objective: under 3 s each).

Each format is a whole process (``clstool report … -f FORMAT -o FILE``: Python's start-up,
loading, validation, building and writing included), alternated at every round, median of
``runs`` rounds; the processor time of the process and its children (Chromium for the PDF) is
given beside the wall-clock time, since a busy machine inflates the latter. Territory: the
FICTITIOUS follow-up example ``examples/montpellier-suivi`` (16 fiches), full and ``--synthese``.

    python benchmarks/report_formats.py --runs 5            # prints the table, writes REPORT_FORMATS.md
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TERRITORY = ROOT / "examples" / "montpellier-suivi"
FORMATS = ("html", "md", "docx", "pptx", "pdf")
CLSTOOL = Path(sys.executable).parent / "clstool"


def once(fmt: str, synthese: bool, out: Path) -> tuple[float, float]:
    """Wall-clock and processor seconds of one ``clstool report`` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [str(CLSTOOL), "report", str(TERRITORY), "--year", "2024", "--as-of", "2024-12-31", "-f", fmt,
               "-o", str(out / f"bilan.{fmt}")] + (["--synthese"] if synthese else [])
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def pages(path: Path) -> str:
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return str(len(PdfReader(str(path)).pages))
    if path.suffix == ".pptx":
        from pptx import Presentation

        return f"{len(Presentation(str(path)).slides)} diapositives"
    return ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", default=str(Path(__file__).parent / "REPORT_FORMATS.md"))
    args = parser.parse_args()
    results: dict[tuple[str, bool], list[tuple[float, float]]] = {}
    sizes: dict[tuple[str, bool], str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for _ in range(args.runs):
            for synthese in (False, True):
                for fmt in FORMATS:
                    results.setdefault((fmt, synthese), []).append(once(fmt, synthese, out))
                    sizes[(fmt, synthese)] = pages(out / f"bilan.{fmt}")
    load = os.getloadavg()
    lines = ["# `clstool report` : temps par format, un territoire", "",
             f"Territoire : `examples/montpellier-suivi` (16 fiches, suivi fictif), bilan 2024. "
             f"Machine : {platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()} ; "
             f"charge moyenne pendant la mesure : {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}. "
             f"Médiane de {args.runs} essais ; chaque essai est un processus complet (démarrage, lecture, "
             "validation, construction, écriture ; Chromium compris pour le PDF).", "",
             "| format | version | temps réel (s) | temps processeur (s) | pages |", "|---|---|---:|---:|---|"]
    for (fmt, synthese), values in results.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        lines.append(f"| {fmt} | {'--synthese' if synthese else 'complète'} | {wall:.2f} | {cpu:.2f} | "
                     f"{sizes[(fmt, synthese)]} |")
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
