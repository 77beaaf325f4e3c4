"""``clstool init``: start the repository of a CLS (edit/init.py says what it writes)."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from clstool.cli.app import app
from clstool.errors import InputError


def _ask(question: str, default: str | None = None) -> str:
    shown = f" [{default}]" if default else ""
    answer = input(f"{question}{shown} : ").strip()
    return answer or (default or "")


def _ask_year(question: str, default: int) -> int:
    while True:
        answer = _ask(question, str(default))
        if answer.isdigit() and len(answer) == 4:
            return int(answer)
        print("Écrivez une année sur quatre chiffres (2025).")


@app.command()
def init(
    dossier: Annotated[str, typer.Argument(metavar="DOSSIER", help="Dossier du dépôt à créer (ou à compléter).")] = ".",
    territoire: Annotated[Optional[str], typer.Option("--territoire", help="Nom du territoire (« Ville de … »).", show_default=False)] = None,
    debut: Annotated[Optional[int], typer.Option("--debut", help="Première année du contrat.", show_default=False)] = None,
    fin: Annotated[Optional[int], typer.Option("--fin", help="Dernière année du contrat.", show_default=False)] = None,
    axes: Annotated[Optional[list[str]], typer.Option("--axe", help="Intitulé d'un axe (option répétable, dans l'ordre : axes 1, 2…).", show_default=False)] = None,
    formulaire: Annotated[Optional[str], typer.Option("--formulaire", help="Formulaire que suivent les fiches : occitanie (défaut), tet ou minimal (les rubriques que validate demande).", show_default=False)] = None,
    intitule: Annotated[Optional[str], typer.Option("--intitule", help="Intitulé du contrat (défaut : « Contrat Local de Santé — territoire »).", show_default=False)] = None,
    depot: Annotated[Optional[str], typer.Option("--depot-clstool", help="URL git de clstool : pre-commit prend alors ses hooks publiés (défaut : le clstool installé).", show_default=False)] = None,
    installation: Annotated[Optional[str], typer.Option("--installation", help="Ce que pip installe en CI (défaut : clstool==<cette version>, ou une URL git+…).", show_default=False)] = None,
    mettre_a_jour: Annotated[bool, typer.Option("--mettre-a-jour", help="Seulement réécrire les schémas de schemas/ avec ceux de ce clstool (après une mise à jour).")] = False,
) -> None:
    """Créer le dépôt d'un CLS : contrat.yaml, fiches/, schémas pour les éditeurs, pre-commit, CI GitLab et GitHub (n'écrase rien)."""
    import datetime as dt

    from clstool.edit.init import Settings, update_schemas
    from clstool.edit.init import init as run_init

    if mettre_a_jour:
        outcome = update_schemas(dossier)
        for path in outcome.written:
            print(f"Mis à jour : {path}")
        for path in outcome.kept:
            print(f"Déjà à jour : {path}")
        return
    interactive = sys.stdin.isatty() and territoire is None
    if interactive:
        print("Nouveau dépôt de Contrat Local de Santé (Entrée : valeur proposée entre crochets).")
        territoire = _ask("Territoire (« Ville de … »)")
        year = dt.date.today().year
        debut = debut or _ask_year("Première année du contrat", year)
        fin = fin or _ask_year("Dernière année du contrat", debut + 4)
        if not axes:
            axes = []
            while True:
                titre = _ask(f"Intitulé de l'axe {len(axes) + 1} (Entrée pour finir)")
                if not titre:
                    break
                axes.append(titre)
        if formulaire is None:
            formulaire = _ask("Formulaire des fiches : occitanie (ARS Occitanie), tet (Territoires en Transitions) "
                              "ou minimal", "occitanie")
    missing = [name for name, value in (("--territoire", territoire), ("--debut", debut), ("--fin", fin)) if value is None]
    if missing:
        raise InputError(f"précisez {', '.join(missing)} (ou lancez clstool init dans un terminal : il pose les questions)")
    assert territoire is not None and debut is not None and fin is not None
    settings = Settings(territoire=territoire, debut=debut, fin=fin, axes=list(axes or []), intitule=intitule,
                        formulaire=formulaire, depot=depot)
    if installation:
        settings.installation = installation
    outcome = run_init(dossier, settings)
    for path in outcome.written:
        print(f"Créé : {path}")
    for path in outcome.kept:
        print(f"Déjà présent, laissé tel quel : {path}")
    print(f"Ensuite : cd {dossier} && git init && pre-commit install ; puis clstool new --axe 1 --titre « … »")
