"""``clstool compare``: the same action in several contracts (fiches with similar titles or objectives)."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer

from clstool.cli.app import app
from clstool.cli.options import Output, Paths, console, emit, finish
from clstool.printable import json_safe


class CompareFormat(str, Enum):
    table = "table"
    json = "json"


@app.command()
def compare(
    paths: Paths = None,
    seuil: Annotated[float, typer.Option("--seuil", min=0.05, max=1.0, help="Indice de Jaccard minimal (mots communs ÷ mots de l'une ou de l'autre).")] = 0.5,
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help="table ou json.")] = CompareFormat.table,
    output: Output = None,
) -> None:
    """Fiches semblables dans des contrats différents : score et mots communs (intitulés, objectifs)."""
    import datetime as dt

    from clstool.report.overview import build_overview

    year = dt.date.today().year
    result = build_overview(paths or ["."], year, threshold=seuil)
    pairs = result.similaires_toutes
    if format is CompareFormat.json:
        data = [{"score": round(p.score, 3), "facette": p.facette, "mots_communs": p.communs,
                 "a": {"territoire": p.a.territoire, "dossier": p.a.dossier, "fiche": p.a.fiche, "titre": p.a.titre},
                 "b": {"territoire": p.b.territoire, "dossier": p.b.dossier, "fiche": p.b.fiche, "titre": p.b.titre}}
                for p in pairs]
        emit(json_safe(json.dumps({"seuil": seuil, "paires": data}, ensure_ascii=False, indent=2)) + "\n", output)
    else:
        lines = [f"{p.score_texte}  [{p.facette}]  {p.a.territoire} {p.a.fiche} « {p.a.titre} »\n"
                 f"      ↔ {p.b.territoire} {p.b.fiche} « {p.b.titre} »\n      mots communs : {', '.join(p.communs)}"
                 for p in pairs]
        lines.append(f"{len(pairs)} paire(s) de fiches semblables (seuil {seuil:.2f}).".replace(".", ",", 1))
        if output is None:
            out = console()
            for line in lines:
                out.print(line, markup=False)
        else:
            emit("\n".join(lines) + "\n", output)
    raise typer.Exit(finish(result.diagnostics))
