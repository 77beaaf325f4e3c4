"""``clstool import``: a plan from another tool (Territoires en Transitions)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from clstool.cli.app import app
from clstool.cli.options import console

import_app = typer.Typer(help="Importer un plan d'action d'un autre outil.", no_args_is_help=True,
                         rich_markup_mode=None, suggest_commands=False)
app.add_typer(import_app, name="import")


@import_app.command("tet")
def import_tet(
    file: Annotated[str, typer.Argument(help="Classeur .xlsx fait à partir du modèle d'import de Territoires en Transitions.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Dossier du territoire à créer (contrat.yaml et fiches/).")] = ...,
    territoire: Annotated[Optional[str], typer.Option("--territoire", help="Nom du territoire (défaut : nom du fichier).", show_default=False)] = None,
    periode: Annotated[Optional[str], typer.Option("--periode", help="Période du contrat, ex. 2025-2030 (défaut : déduite des dates).", show_default=False)] = None,
    annee: Annotated[Optional[int], typer.Option("--annee", help="Année du suivi où ranger les statuts TeT (défaut : l'année en cours).", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Remplacer les fichiers déjà présents.")] = False,
) -> None:
    """Lire un plan d'action Territoires en Transitions (.xlsx) et écrire contrat.yaml et une fiche par ligne."""
    from clstool.interop.tet.read import read_plan, write_plan
    from clstool.lint.run import validate as run
    from clstool.model.diagnostic import Severity
    from clstool.printable import visible

    imported = read_plan(file, territoire=territoire, periode=periode, annee=annee)
    written = write_plan(imported, output, force=force)
    err = console(stderr=True)
    for notice in imported.notices:
        err.print(f"{notice.level} : {notice}", style="yellow" if notice.level == "avertissement" else "cyan",
                  markup=False)
    result = run([output])
    errors = result.count(Severity.ERROR)
    print(f"Importé de la feuille « {visible(imported.sheet)} » : {len(imported.fiches)} fiche(s), "
          f"{len(imported.contrat.axes)} axe(s), {len(imported.warnings)} avertissement(s) ; "
          f"{len(written)} fichiers écrits dans {output}.")
    if errors:
        print(f"clstool validate {output} signale {errors} erreur(s).")
    raise typer.Exit(1 if errors else 0)
