"""``clstool schema``: the JSON Schemas of the files."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from clstool.cli.app import app
from clstool.errors import InputError


class SchemaKind(str, Enum):
    fiche = "fiche"
    contrat = "contrat"
    bilan = "bilan"


@app.command()
def schema(
    kind: Annotated[Optional[SchemaKind], typer.Argument(help="fiche, contrat ou bilan (défaut avec --output : les trois).", show_default=False)] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Dossier où écrire <type>.schema.json.", show_default=False)] = None,
    territoire: Annotated[Optional[str], typer.Option("--territoire", help="Dossier d'un territoire : le schéma des fiches y décrit les champs propres à son contrat (champs de contrat.yaml).", show_default=False)] = None,
) -> None:
    """Schéma JSON (draft 2020-12) des fichiers, pour les éditeurs (yaml-language-server) et les outils."""
    from pathlib import Path

    from clstool.fsutil import atomic_write
    from clstool.model.schema import KINDS, file_name
    from clstool.model.schema import schema_text as generic

    contract = _contract_of(territoire) if territoire is not None else None

    def schema_text(name: str) -> str:
        return generic(name, contract)

    if output is None:
        if kind is None:
            raise InputError("précisez le schéma à afficher (fiche, contrat ou bilan), ou --output DOSSIER pour écrire les trois")
        sys.stdout.write(schema_text(kind.value))
        return
    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    for name in [kind.value] if kind else KINDS:
        atomic_write(folder / file_name(name), schema_text(name))
        print(f"Écrit : {folder / file_name(name)}")


def _contract_of(folder: str):
    """The validated contract of the territory in ``folder``; an input error otherwise."""
    from pathlib import Path

    from clstool.model.contrat import Contrat
    from clstool.yamlio.load import CONTRAT, SourceFile, load_file

    path = Path(folder) / CONTRAT
    if not path.is_file():
        raise InputError(f"{path} introuvable : --territoire attend le dossier d'un territoire (celui de contrat.yaml)")
    source = load_file(SourceFile(str(path), path, "contrat"))
    if not isinstance(source.model, Contrat):
        first = source.diagnostics[0] if source.diagnostics else None
        where = f" ({first.file}:{first.line}:{first.column} : {first.message})" if first else ""
        raise InputError(f"{path} ne se lit pas{where} : corrigez-le d'abord (clstool validate {folder})")
    return source.model
