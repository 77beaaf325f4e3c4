"""``clstool new``: scaffold the next fiche of an axis."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from clstool.cli.app import app


@app.command()
def new(
    directory: Annotated[str, typer.Argument(help="Dossier du territoire (celui de contrat.yaml).")] = ".",
    axe: Annotated[str, typer.Option("--axe", help="Identifiant de l'axe (dans contrat.yaml).")] = ...,
    titre: Annotated[str, typer.Option("--titre", help="Intitulé de l'action.")] = ...,
    sous_axe: Annotated[Optional[str], typer.Option("--sous-axe", help="Identifiant du sous-axe de l'axe (objectif stratégique, dans contrat.yaml), s'il y en a.", show_default=False)] = None,
    fiche_id: Annotated[Optional[str], typer.Option("--id", help="Identifiant (défaut : le suivant de l'axe, ex. 1-4).", show_default=False)] = None,
) -> None:
    """Créer la fiche suivante d'un axe, avec toutes ses rubriques commentées (n'écrase jamais rien)."""
    from clstool.edit.new import new_fiche

    created = new_fiche(directory, axe, titre, fiche_id, sous_axe)
    print(f"Fiche créée : {created.path}")
