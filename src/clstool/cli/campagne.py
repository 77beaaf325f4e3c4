"""``clstool campagne``: the yearly follow-up campaign (preparer, importer, etat)."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from clstool.cli.app import app
from clstool.cli.options import console, emit

campagne_app = typer.Typer(
    help="Campagne de suivi annuel : classeurs Excel envoyés aux porteurs, réponses reprises dans les fiches.",
    no_args_is_help=True, rich_markup_mode=None, suggest_commands=False)
app.add_typer(campagne_app, name="campagne")


class Par(str, Enum):
    porteur = "porteur"
    fiche = "fiche"
    axe = "axe"


class EtatFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _err(message: str, style: str = "bold red") -> None:
    console(stderr=True).print(message, style=style, markup=False)


@campagne_app.command("preparer")
def preparer(
    territoire: Annotated[str, typer.Argument(help="Dossier du territoire (contrat.yaml et fiches/).")],
    annee: Annotated[int, typer.Option("--annee", help="Année du suivi demandé (ex. 2025).")] = ...,
    output: Annotated[str, typer.Option("--output", "-o", help="Dossier où écrire les classeurs, l'index et les courriels.")] = ...,
    par: Annotated[Par, typer.Option("--par", help="Un classeur par porteur (défaut), par fiche ou par axe.")] = Par.porteur,
    expediteur: Annotated[Optional[str], typer.Option("--expediteur", help="Expéditeur des courriels : « Prénom Nom <adresse> » (défaut : le contact coordination: true de contrat.yaml).", show_default=False)] = None,
    echeance: Annotated[Optional[str], typer.Option("--echeance", help="Date de retour demandée, écrite dans les courriels (ex. « 31 janvier 2026 »).", show_default=False)] = None,
) -> None:
    """Préparer un classeur de suivi (.xlsx) par destinataire, l'index (CSV) et les brouillons de courriel (.eml)."""
    from clstool.campaign.prepare import prepare

    result = prepare(territoire, annee, output, par.value, expediteur, echeance)
    for name in result.ignored:
        _err(f"Attention : {name} ignoré (erreurs : lancez clstool validate {name}).", "yellow")
    mails = sum(1 for f in result.files if f.suffix == ".eml")
    print(f"Campagne {annee} : {len(result.addressees)} classeur(s), {mails} brouillon(s) de courriel, "
          f"index.csv écrits dans {output}.")
    if result.without_email:
        print("Sans adresse électronique (à envoyer à la main, ou ajoutez des contacts dans contrat.yaml) : "
              + " ; ".join(result.without_email))
    if result.no_sender and len(result.without_email) < len(result.addressees):
        print("Aucun brouillon : indiquez l'expéditeur (--expediteur « Nom <adresse> » ou un contact "
              "coordination: true dans contrat.yaml).")
    raise typer.Exit(1 if result.ignored else 0)


@campagne_app.command("importer")
def importer(
    fichiers: Annotated[list[str], typer.Argument(help="Classeurs renvoyés (.xlsx), puis le dossier du territoire en dernier.")],
    annee: Annotated[int, typer.Option("--annee", help="Année de la campagne (celle des classeurs).")] = ...,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Montrer les changements (diff par fiche) sans rien écrire.")] = False,
    remplacer: Annotated[bool, typer.Option("--remplacer", help="Écraser un suivi de l'année écrit depuis la préparation, ou importer malgré un plan modifié.")] = False,
) -> None:
    """Reprendre les réponses des classeurs dans le suivi des fiches (tout ou rien)."""
    from clstool.campaign.importer import run_import
    from clstool.errors import InputError

    if len(fichiers) < 2:
        raise InputError("donnez au moins un classeur puis le dossier du territoire")
    *files, territoire = fichiers
    result = run_import(files, territoire, annee, replace=remplacer, dry_run=dry_run)
    for notice in result.notices:
        _err(f"Attention : {notice}", "yellow")
    if dry_run:
        for change in result.changes:
            sys.stdout.write(change.diff())
    for problem in result.problems:
        _err(problem)
    if result.problems:
        _err(f"{len(result.problems)} problème(s) : aucun fichier n'a été modifié.")
        raise typer.Exit(1)
    verb = "à modifier (--dry-run : rien n'est écrit)" if dry_run else "modifiée(s)"
    print(f"{len(result.changes)} fiche(s) {verb}, {len(result.unchanged)} déjà à jour, "
          f"{len(result.empty)} sans réponse.")
    raise typer.Exit(0)


@campagne_app.command("etat")
def etat(
    dossier: Annotated[str, typer.Argument(help="Dossier de la campagne (écrit par campagne preparer).")],
    territoire: Annotated[Optional[str], typer.Option("--territoire", help="Dossier du territoire (défaut : celui de la préparation).", show_default=False)] = None,
    format: Annotated[EtatFormat, typer.Option("--format", "-f", help="Format de sortie : table, json ou csv (Excel : « ; », UTF-8 avec BOM).")] = EtatFormat.table,
    relances: Annotated[bool, typer.Option("--relances", help="Écrire un brouillon de relance (.eml) pour chaque destinataire à relancer.")] = False,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Écrire dans ce fichier (défaut : sortie standard).", show_default=False)] = None,
) -> None:
    """Suivre la campagne : qui a répondu, ce qui reste vide par fiche, qui relancer."""
    from clstool.campaign import state

    states = state.campaign_state(dossier, territoire, relances)
    if format is EtatFormat.json:
        data: str | bytes = state.to_json(states)
    elif format is EtatFormat.csv:
        data = state.to_csv(states)
    else:
        data = state.to_table(states)
    emit(data, output)
    raise typer.Exit(0)
