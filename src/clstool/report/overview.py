"""The overview of several contracts (``clstool report`` over a department, a region, a country).

:func:`build_overview` summarises each territory in turn (:mod:`clstool.report.overview_contract`:
loaded, computed, dropped; in worker processes when there are many) and gathers the summaries
into an :class:`~clstool.report.overview_views.Overview`; :func:`render_overview` fills
``overview.html.j2`` or ``overview.md.j2`` with it.

Honesty, as in the report of one contract: a contract without any follow-up for the year is
named in « what this overview cannot say », flagged in its row and in its section; unreadable
files are listed; a budget is the sum of the amounts the fiches declare, never an estimate.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

from markupsafe import Markup

from clstool import __version__
from clstool.errors import InputError
from clstool.model.formatting import fr_date, fr_number, plural
from clstool.model.vocabulary import AGES, DETERMINANTS, PROFESSIONNELS, STATUTS, STATUTS_INDICATEUR
from clstool.model.vocabulary import titre as label
from clstool.planning.plan import default_as_of
from clstool.report import charts, similarity
from clstool.report.overview_contract import ContractSummary, summarize
from clstool.report.overview_views import (
    ContractRow,
    FunderRow,
    ObjectiveRow,
    Overview,
    SharedPartner,
    SimilarGroup,
    ThemeRow,
)
from clstool.report.views import Count, KeyFigure, status
from clstool.yamlio.load import Territory, discover
from clstool.yamlio.parallel import each_territory

#: Above this many contracts the chart shows the statuses of all fiches together, not one bar each.
CHART_MAX_CONTRACTS = 40
#: Above this many fiches the overview leaves the comparison to ``clstool compare`` on a smaller
#: set: the pairs of a national corpus are counted in millions, and no reader could use them.
SIMILARITY_MAX_FICHES = 6000
#: Rows of the long tables kept in the document (the rest is counted).
MAX_PARTNERS, MAX_PAIRS = 60, 60

_TEMPLATES = {"html": "overview.html.j2", "md": "overview.md.j2"}


def slug(text: str) -> str:
    from clstool.report.similarity import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "contrat"


def _summaries(territories: list[Territory], year: int, as_of: dt.date, jobs: int | None) -> list[ContractSummary]:
    return list(each_territory(summarize, territories, year, as_of, jobs=jobs))


def build_overview(paths: list[str], year: int, as_of: dt.date | None = None, *, jobs: int | None = None,
                   links: dict[str, str] | None = None, threshold: float = similarity.SEUIL,
                   today: dt.date | None = None) -> Overview:
    """The overview of every territory under ``paths`` for ``year``. ``links``: folder of a
    territory → relative link to its own report (written alongside by the command line)."""
    territories = [t for t in discover(paths) if t.contrat is not None or t.fiches]
    if not territories:
        raise InputError("aucun territoire trouvé (un dossier avec contrat.yaml et fiches/)")
    as_of = as_of or default_as_of(year, today or dt.date.today())
    summaries = _summaries(territories, year, as_of, jobs)
    links = links or {}
    rows = [_row(i, s, year, links.get(s.dossier)) for i, s in enumerate(summaries, start=1)]
    docs = [d for s in summaries for d in s.docs]
    compared = len(docs) <= SIMILARITY_MAX_FICHES
    pairs = similarity.similar_pairs(docs, threshold) if compared else []
    groups = similarity.groups(pairs)
    partners = _shared_partners(summaries)
    funders = _funders(summaries)
    ignored = [f for s in summaries for f in s.ignores]
    total_budget = sum(s.budget for s in summaries)
    return Overview(
        annee=year, date_reference_texte=fr_date(as_of), version=__version__,
        titre=f"Vue d'ensemble {year} — {plural(len(summaries), 'contrat local de santé', 'contrats locaux de santé')}",
        chiffres_cles=_key_figures(summaries, year, len(groups)),
        inconnus=_unknowns(summaries, year, ignored) + [e for s in summaries for e in s.erreurs],
        contrats=rows,
        graphique_statuts=_chart(summaries, rows, year),
        graphique_note=(f"Au-delà de {CHART_MAX_CONTRACTS} contrats, le graphique montre l'ensemble des fiches ; "
                        "le tableau des contrats donne le détail.") if len(summaries) > CHART_MAX_CONTRACTS else None,
        determinants=_themes(summaries, lambda s: s.determinants,
                             {f"{fam}.{code}": (group, text) for fam, (group, items) in DETERMINANTS.items()
                              for code, text in items.items()}),
        publics=_themes(summaries, lambda s: s.ages, {c: ("Âge", t) for c, t in AGES.items()})
        + _themes(summaries, lambda s: s.professionnels, {c: ("Professionnels", t) for c, t in PROFESSIONNELS.items()}),
        territoires_intervention=_themes(
            summaries, lambda s: Counter({"qpv": s.qpv, "quartiers": s.quartiers, "participation": s.participation}),
            {"qpv": ("Territoire d'intervention", "Quartiers prioritaires de la politique de la ville (QPV)"),
             "quartiers": ("Territoire d'intervention", "Quartiers nommés"),
             "participation": ("Participation citoyenne", "Participation des habitants prévue")}),
        partenaires_communs=partners[:MAX_PARTNERS], partenaires_communs_total=len(partners),
        budget_total=f"{fr_number(round(total_budget))} €" if total_budget else "non renseigné",
        financeurs=funders,
        contrats_sans_montant=[s.territoire for s in summaries if not s.fiches_avec_montant],
        objectifs=_objectives(summaries),
        fiches_sans_code=sum(s.sans_code for s in summaries if s.referentiel),
        similaires=pairs[:MAX_PAIRS], similaires_toutes=pairs, similaires_total=len(pairs),
        groupes_similaires=[SimilarGroup(g, len({d.dossier for d in g})) for g in groups if len(g) > 2][:20],
        seuil_similarite=f"{threshold:.2f}".replace(".", ","),
        similarite_note=None if compared else (
            f"{fr_number(len(docs))} fiches : au-delà de {fr_number(SIMILARITY_MAX_FICHES)}, la vue d'ensemble ne "
            "compare pas les fiches (les paires se compteraient par millions) ; lancez clstool compare sur un "
            "département ou une région."),
        fichiers_ignores=ignored,
        diagnostics=[d for s in summaries for d in s.diagnostics],
        motifs_svg=charts.pattern_defs(list(STATUTS) + list(STATUTS_INDICATEUR)),
    )


def _contract_year(s: ContractSummary, year: int) -> str:
    if s.debut is None or s.fin is None:
        return "non renseignée"
    if not s.debut.year <= year <= s.fin.year:
        return "hors période"
    rank = year - s.debut.year + 1
    return f"{rank}{'re' if rank == 1 else 'e'} année sur {s.fin.year - s.debut.year + 1}"


def _governance(s: ContractSummary) -> str:
    if not s.gouvernance:
        return "aucune instance déclarée"
    parts = []
    for g in s.gouvernance:
        if not g.renseigne:
            parts.append(f"{g.nom} : aucune réunion renseignée")
        elif g.minimum is None:
            parts.append(f"{g.nom} : {plural(g.tenues, 'réunion tenue', 'réunions tenues')}")
        else:
            parts.append(f"{g.nom} : {g.tenues} sur {g.minimum}")
    return " ; ".join(parts)


def _row(number: int, s: ContractSummary, year: int, link: str | None) -> ContractRow:
    period = (f"{s.debut.year} – {s.fin.year}" if s.debut and s.fin else "non renseignée")
    budget = (f"{fr_number(round(s.budget))} € ({plural(s.fiches_avec_montant, 'fiche')})"
              if s.fiches_avec_montant else "non renseigné")
    return ContractRow(
        numero=number, ancre=f"contrat-{number}-{slug(s.territoire)}", territoire=s.territoire, dossier=s.dossier,
        intitule=s.intitule or "contrat.yaml absent ou illisible", periode=period,
        annee_contrat=_contract_year(s, year), fiches=s.fiches,
        effectifs=[Count(status(c), n) for c, n in s.statuts.items() if n],
        avec_suivi=s.avec_suivi, part_suivi=round(100 * s.avec_suivi / s.fiches) if s.fiches else None,
        sans_suivi=s.avec_suivi == 0, gouvernance=_governance(s), budget=budget, lien=link,
        commande=f"clstool report {s.dossier} --year {year}", ignores=s.ignores)


def _key_figures(summaries: list[ContractSummary], year: int, groups: int) -> list[KeyFigure]:
    fiches = sum(s.fiches for s in summaries)
    followed = sum(s.avec_suivi for s in summaries)
    without = sum(1 for s in summaries if s.avec_suivi == 0)
    late = sum(s.statuts.get("en_retard", 0) for s in summaries)
    return [
        KeyFigure(str(len(summaries)), "contrats" if len(summaries) > 1 else "contrat"),
        KeyFigure(fr_number(fiches), "fiches action"),
        KeyFigure(f"{fr_number(followed)} / {fr_number(fiches)}", f"fiches avec un suivi {year}"),
        KeyFigure(str(without), f"contrats sans aucun suivi {year}"),
        KeyFigure(fr_number(late), "fiches en retard"),
        KeyFigure(str(groups), "actions semblables dans plusieurs contrats"),
    ]


def _unknowns(summaries: list[ContractSummary], year: int, ignored: list[str]) -> list[str]:
    out = []
    without = [s.territoire for s in summaries if s.fiches and s.avec_suivi == 0]
    if without:
        shown = ", ".join(without[:30]) + (f" et {len(without) - 30} autres" if len(without) > 30 else "")
        out.append(f"{plural(len(without), 'contrat')} sans aucun suivi pour {year} ({shown}) : "
                   "le statut de leurs fiches ne vient que du calendrier prévisionnel.")
    empty = [s.territoire for s in summaries if not s.fiches]
    if empty:
        out.append(f"{plural(len(empty), 'contrat')} sans fiche lisible : {', '.join(empty)}.")
    unreadable = [s.dossier for s in summaries if not s.intitule]
    if unreadable:
        out.append(f"contrat.yaml absent ou illisible pour {', '.join(unreadable)} : période et gouvernance inconnues.")
    if ignored:
        out.append(f"{plural(len(ignored), 'fichier')} illisible(s), absent(s) de la vue d'ensemble "
                   "(lancez clstool validate pour le détail).")
    no_amount = sum(1 for s in summaries if not s.fiches_avec_montant)
    if no_amount:
        out.append(f"{plural(no_amount, 'contrat')} sans aucun montant déclaré : le budget n'additionne "
                   "que les montants écrits dans les fiches.")
    return out


def _chart(summaries: list[ContractSummary], rows: list[ContractRow], year: int) -> Markup:
    labels = {c: label(c) for c in STATUTS}
    if len(summaries) > CHART_MAX_CONTRACTS:
        total: Counter = Counter()
        for s in summaries:
            total.update(s.statuts)
        bars = [charts.BarRow("Toutes", dict(total), f"Les fiches des {len(summaries)} contrats")]
    else:
        bars = [charts.BarRow(f"n° {r.numero}", s.statuts, s.territoire) for r, s in zip(rows, summaries, strict=True)]
    return charts.status_bars(bars, STATUTS, labels, title=f"Statut des fiches action par contrat en {year}")


def _themes(summaries: list[ContractSummary], counter, labels: dict[str, tuple[str, str]]) -> list[ThemeRow]:
    fiches: Counter = Counter()
    contracts: Counter = Counter()
    for s in summaries:
        for code, n in counter(s).items():
            if n:
                fiches[code] += n
                contracts[code] += 1
    return [ThemeRow(group, text, fiches[code], contracts[code]) for code, (group, text) in labels.items()]


def _shared_partners(summaries: list[ContractSummary]) -> list[SharedPartner]:
    names: dict[str, Counter] = {}
    where: dict[str, list[str]] = {}
    for s in summaries:
        for key, shown in s.partenaires.items():
            names.setdefault(key, Counter())[shown] += 1
            where.setdefault(key, []).append(s.territoire)
    out = [SharedPartner(names[k].most_common(1)[0][0], where[k]) for k in where if len(where[k]) > 1]
    return sorted(out, key=lambda p: (-p.nombre, p.nom.casefold()))


def _funders(summaries: list[ContractSummary]) -> list[FunderRow]:
    amounts: dict[str, list] = {}
    for s in summaries:
        for key, (name, amount) in s.financeurs.items():
            entry = amounts.setdefault(key, [name, 0.0, 0])
            entry[1] += amount
            entry[2] += 1
    ordered = sorted(amounts.values(), key=lambda e: (-e[1], e[0]))[:30]
    return [FunderRow(name, f"{fr_number(round(amount))} €", n) for name, amount, n in ordered]


def _objectives(summaries: list[ContractSummary]) -> list[ObjectiveRow]:
    rows: dict[tuple[str, str], list] = {}
    for s in summaries:
        if not s.referentiel:
            continue
        for code, text in s.libelles.items():
            rows.setdefault((s.referentiel, code), [text, 0, 0])
        for code, n in s.codes.items():
            entry = rows.setdefault((s.referentiel, code), [code, 0, 0])
            entry[1] += n
            entry[2] += 1
    return [ObjectiveRow(ref, code, text, n, c) for (ref, code), (text, n, c) in rows.items()]


def render_overview(overview: Overview, fmt: str, templates: str | Path | None = None) -> str:
    """The overview as text (``html`` or ``md``), through the report's sandboxed environment."""
    from clstool.report.render import environment, run_template

    return run_template(environment(fmt, templates), _TEMPLATES[fmt], templates, r=overview)
