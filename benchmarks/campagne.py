"""Time ``clstool campagne preparer`` and ``importer`` on a fictitious 40-fiche territory.

    python benchmarks/campagne.py --fiches 40 --runs 5

The territory comes from ``generate.py`` (one contract, fictitious), with fictitious contacts
appended so that e-mail drafts are written too. Every workbook is filled with openpyxl (status,
avancement, two achievements, each indicator's value) outside the timing; each import run starts
from the original fiches. Whole processes are timed (Python start-up included), median of the
runs; the target of the issue is under 3 s each. Writes ``CAMPAGNE.md`` beside this file.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_S = 3.0
CONTACTS = """
# Contacts FICTIFS (benchmark) : personnes et adresses inventées.
contacts:
  - organisation: Coordination fictive
    nom: Alex Coordination
    courriel: alex.coordination@example.invalid
    coordination: true
"""


def _generator():
    spec = importlib.util.spec_from_file_location("clsbench_generate", HERE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


CPU: list[float] = []  #: processor time (user + system) of each timed process


def _timed(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"échec de {' '.join(cmd)} :\n{done.stdout.decode()}{done.stderr.decode()}")
    return elapsed


def _fill(folder: Path) -> int:
    from openpyxl import load_workbook

    filled = 0
    for path in sorted(folder.glob("*.xlsx")):
        wb = load_workbook(path)
        for ws in wb.worksheets:
            role = ws["A1"].value
            codes = {ws.cell(1, c).value: c for c in range(1, ws.max_column + 1)}
            for row in range(3, ws.max_row + 1):
                if not ws.cell(row, 1).value:
                    continue
                if role == "clstool:fiches":
                    ws.cell(row, codes["statut"]).value = "en cours"
                    ws.cell(row, codes["avancement"]).value = 50
                    ws.cell(row, codes["realisations"]).value = "Étape fictive 1\nÉtape fictive 2"
                    filled += 1
                elif role == "clstool:indicateurs":
                    ws.cell(row, codes["valeur"]).value = 7
        wb.save(path)
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fiches", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "CAMPAGNE.md")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="clscampagne-"))
    try:
        _generator().generate(work / "corpus", contracts=1, fiches_per_contract=args.fiches, seed=7,
                              error_rate=0.0, jobs=1)
        territory = work / "corpus" / "cls-0001"
        with open(territory / "contrat.yaml", "a", encoding="utf-8") as handle:
            handle.write(CONTACTS)
        sys.path.insert(0, str(HERE.parent / "src"))
        from clstool.yamlio.load import load

        fiches = [f.model for f in load([str(territory)]).territories[0].fiches]
        year = max((y for f in fiches for y in f.suivi), default=2025) + 1
        clstool = [sys.executable, "-m", "clstool"]
        out = work / "campagne"
        prepare = [_timed([*clstool, "campagne", "preparer", str(territory), "--annee", str(year), "-o", str(out)])
                   for _ in range(args.runs)]
        workbooks = sorted(out.glob("*.xlsx"))
        filled = _fill(out)
        original = {p: p.read_bytes() for p in (territory / "fiches").glob("*.yaml")}
        imports = []
        for _ in range(args.runs):
            for path, data in original.items():
                path.write_bytes(data)
            imports.append(_timed([*clstool, "campagne", "importer", *map(str, workbooks), str(territory),
                                   "--annee", str(year)]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    p, i = statistics.median(prepare), statistics.median(imports)
    cpu_p, cpu_i = statistics.median(CPU[:args.runs]), statistics.median(CPU[args.runs:])
    load = os.getloadavg()[0]
    text = "\n".join([
        "# Campagne de suivi : mesures",
        "",
        f"Territoire fictif de {len(fiches)} fiches (`generate.py`, graine 7), {len(workbooks)} classeurs, "
        f"{filled} fiches remplies ; processus complets (démarrage de Python compris), médiane de {args.runs} essais.",
        f"Machine : {platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()}, "
        f"charge moyenne à la fin : {load:.1f} (temps processeur médian : préparer {cpu_p:.2f} s, "
        f"importer {cpu_i:.2f} s).",
        "",
        "| commande | médiane | min | max | cible | |",
        "|---|---|---|---|---|---|",
        f"| `campagne preparer` | {p:.2f} s | {min(prepare):.2f} s | {max(prepare):.2f} s | < {TARGET_S:.0f} s | "
        f"{'tenue' if p < TARGET_S else 'MANQUÉE'} |",
        f"| `campagne importer` | {i:.2f} s | {min(imports):.2f} s | {max(imports):.2f} s | < {TARGET_S:.0f} s | "
        f"{'tenue' if i < TARGET_S else 'MANQUÉE'} |",
        "",
    ])
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0 if p < TARGET_S and i < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
