"""The coordinator's yearly file (``bilans/<année>.yaml``) in the report, and the fiches the
committee looks at first (late or blocked, known by their title only, indicators with a target)."""

from __future__ import annotations

import datetime as dt

from clstool.model.bilan import DOSSIER, BilanAnnuel
from clstool.model.documents import Fiche
from clstool.model.formatting import fr_date, fr_number
from clstool.report.views import BilanView, FicheView, HeldMeeting, IndicatorView, Spending
from clstool.yamlio.load import Territory

#: What a fiche known by its title only may hold.
TITLE_ONLY = {"id", "axe", "titre", "sous_titre"}


def euros(value: float) -> str:
    return f"{fr_number(value)} €"


def bilan_view(territory: Territory, year: int) -> tuple[BilanView | None, str]:
    """The view of ``bilans/<year>.yaml``, or None and why (in French)."""
    name = f"{DOSSIER}/{year}.yaml"
    source = territory.bilan(year)
    if source is None:
        return None, (f"Aucun fichier {name} : la synthèse de l'année, les faits marquants, les perspectives, "
                      "les décisions attendues et le budget exécuté ne sont pas renseignés.")
    model = source.usable
    if not isinstance(model, BilanAnnuel):
        return None, f"{name} est illisible : il est absent de ce bilan (lancez clstool validate pour le détail)."
    spent = [Spending(d.poste, euros(d.montant), d.financeur, d.fiche, d.precision) for d in model.budget_execute]
    return BilanView(
        fichier=name, synthese=paragraphs(model.synthese or ""), faits_marquants=list(model.faits_marquants),
        difficultes=list(model.difficultes), perspectives=list(model.perspectives),
        points_de_vigilance=list(model.points_de_vigilance), decisions_attendues=list(model.decisions_attendues),
        reunions=[HeldMeeting(r.instance, fr_date(dt.date.fromisoformat(r.date)), r.objet, list(r.participants))
                  for r in model.reunions],
        budget=spent,
        budget_total=euros(sum(d.montant for d in model.budget_execute)) if spent else None,
    ), ""


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a YAML block: blank lines separate them, line breaks inside one are spaces."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def title_only(fiche: Fiche) -> bool:
    """Whether the fiche holds nothing but its id, axis and title."""
    return fiche.model_fields_set <= TITLE_ONLY


def to_watch(views: list[FicheView]) -> list[FicheView]:
    """The fiches late or blocked, for the committee."""
    return [v for v in views if v.statut.code in ("en_retard", "bloque")]


def with_targets(views: list[FicheView]) -> list[tuple[FicheView, IndicatorView]]:
    return [(v, i) for v in views for i in v.indicateurs if i.cible]
