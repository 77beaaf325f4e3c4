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
REAL = ROOT / "data" / "montpellier"  #: the real plan, without follow-up: one more row, the full PDF
FORMATS = ("html", "md", "docx", "pptx", "pdf")
CLSTOOL = Path(sys.executable).parent / "clstool"


def _session_cpu(session: int, seen: dict[int, float]) -> None:
    """Record the processor seconds of every live process of ``session`` (Linux ``/proc``)."""
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[3]) == session:
                seen[int(entry)] = (int(fields[11]) + int(fields[12])) / tick


def once(fmt: str, synthese: bool, out: Path, territory: Path = TERRITORY) -> tuple[float, float]:
    """Wall-clock and processor seconds of one ``clstool report`` run.

    The processor time counts every process of the run: Chromium's renderers are not waited for
    by ``clstool`` and escape ``RUSAGE_CHILDREN``, so on Linux the run's session is sampled in
    ``/proc`` every 20 ms (a process living less than that may be missed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [str(CLSTOOL), "report", str(territory), "--year", "2024", "--as-of", "2024-12-31", "-f", fmt,
               "-o", str(out / f"bilan.{fmt}")] + (["--synthese"] if synthese else [])
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    seen: dict[int, float] = {}
    while process.poll() is None:
        if os.path.isdir("/proc"):
            _session_cpu(process.pid, seen)
        time.sleep(0.02)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} : code {process.returncode}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    waited = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, max(waited, sum(seen.values()))


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
    first_load = os.getloadavg()[0]
    results: dict[tuple[str, bool | str], list[tuple[float, float]]] = {}
    sizes: dict[tuple[str, bool | str], str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for _ in range(args.runs):
            for synthese in (False, True):
                for fmt in FORMATS:
                    results.setdefault((fmt, synthese), []).append(once(fmt, synthese, out))
                    sizes[(fmt, synthese)] = pages(out / f"bilan.{fmt}")
            results.setdefault(("pdf", "data"), []).append(once("pdf", False, out, REAL))
            sizes[("pdf", "data")] = pages(out / "bilan.pdf")
    load = os.getloadavg()
    lines = ["# `clstool report` : temps par format, un territoire", "",
             f"Territoire : `examples/montpellier-suivi` (16 fiches, suivi fictif), bilan 2024. "
             f"Machine : {platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()} ; "
             f"charge moyenne sur 1 min au début {first_load:.1f}, à la fin {load[0]:.1f} (sur 15 min {load[2]:.1f}). "
             f"Médiane de {args.runs} essais ; chaque essai est un processus complet (démarrage, lecture, "
             "validation, construction, écriture ; Chromium compris pour le PDF) ; temps processeur : "
             "tous les processus du lancement, Chromium compris.", "",
             "| format | version | temps réel (s) | temps processeur (s) | pages |", "|---|---|---:|---:|---|"]
    for (fmt, synthese), values in results.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        version = "complète, data/montpellier" if synthese == "data" else "--synthese" if synthese else "complète"
        lines.append(f"| {fmt} | {version} | {wall:.2f} | {cpu:.2f} | "
                     f"{sizes[(fmt, synthese)]} |")
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
