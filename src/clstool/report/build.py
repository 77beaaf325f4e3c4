"""The annual report (``clstool report``): what a coordinator brings to the comité de pilotage.

:func:`build` gathers everything the report shows into a :class:`Report` of plain values;
:func:`render` fills a Jinja2 template with it (``report.html.j2`` or ``report.md.j2``).

Where the content comes from — nothing is computed twice:

- statuses of fiches, déclinaisons, indicators and governance bodies: :func:`clstool.planning.status.compute`
  (for the year and, for « what changed », for the year before);
- the year's calendar items: :func:`clstool.planning.calendar.build` (the adjusted calendars, from the
  follow-up, are added next to the planned entries they replace);
- the data-quality annex: :func:`clstool.lint.run.validate_project`;
- the charts: :mod:`clstool.report.charts`, from plain data.

Honesty: a fiche without follow-up for the year gets the status ``clstool status`` gives it
(« sans bilan », or « en retard » once its plan has ended), every piece of follow-up it lacks
reads « non renseigné », and the cover lists what the report cannot say. Nothing is filled in.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

from clstool import __version__
from clstool.errors import InputError
from clstool.lint.run import ValidationResult, validate_project
from clstool.model.contrat import Contrat, nom_signataire
from clstool.model.documents import Fiche
from clstool.model.formatting import fr_date, plural
from clstool.model.names import id_key
from clstool.model.vocabulary import (
    SEVERITES,
    STATUTS,
    STATUTS_INDICATEUR,
)
from clstool.model.vocabulary import (
    titre as label,
)
from clstool.planning.plan import (
    contract_interval,
    default_as_of,
)
from clstool.planning.status import compute
from clstool.planning.status_report import FicheStatus, InstanceStatus
from clstool.report import charts
from clstool.report.bilan import bilan_view, title_only, to_watch, with_targets
from clstool.report.budget import budget_section
from clstool.report.calendar import calendar_rows as calendar_section
from clstool.report.calendar import gantt_detail, gantt_label, mermaid
from clstool.report.coverage import determinants, partners, publics, transitions
from clstool.report.fiches import fiche_view
from clstool.report.views import (
    AxisView,
    Count,
    FicheView,
    Finding,
    InstanceView,
    KeyFigure,
    Meeting,
    Report,
    SubAxisView,
    status,
)
from clstool.yamlio.load import Project, Territory
from clstool.yamlio.profiles import profile


class ContractUnreadable(InputError):
    """The contract is there but cannot be read even in part (its period or its axes are in error):
    no report without it. The command lists the file's errors (with their positions) and exits 1."""


def _period_text(contrat: Contrat) -> str:
    debut, fin = contrat.periode.debut_date(), contrat.periode.fin_date()
    left = str(debut.year) if (debut.month, debut.day) == (1, 1) else fr_date(debut)
    right = str(fin.year) if (fin.month, fin.day) == (12, 31) else fr_date(fin)
    return f"{left} – {right}"


def _territory(project: Project) -> Territory:
    usable = [t for t in project.territories if t.contrat is not None or t.fiches]
    if not usable:
        raise InputError("aucun territoire trouvé (un dossier avec contrat.yaml et fiches/)")
    if len(usable) > 1:
        names = ", ".join(t.display for t in usable)
        raise InputError(f"le bilan porte sur un seul territoire ; plusieurs trouvés ({names}) : "
                         "donnez un seul dossier, par exemple data/montpellier")
    territory = usable[0]
    if territory.contrat is None:
        raise InputError(f"{territory.display}/contrat.yaml est absent : le bilan a besoin du contrat")
    if not isinstance(territory.contrat.usable, Contrat):
        raise ContractUnreadable(f"{territory.contrat.display} ne se lit pas (son erreur est listée "
                                 "ci-dessous) : le bilan a besoin du contrat ; aucun bilan écrit")
    return territory


def in_territory(path: str, territory: Territory) -> str:
    """A file's path from its territory's folder (« fiches/1-1.yaml »), never as typed on the command
    line: an absolute path would print the coordinator's folders in a document handed around."""
    relative = os.path.relpath(path, territory.display) if path else path
    if not path or relative.startswith(os.pardir):
        return os.path.basename(path)
    return relative.replace(os.sep, "/")


def _select(fiches: list[tuple[Fiche, FicheStatus]], contrat: Contrat, only_fiches: Sequence[str],
            only_axes: Sequence[str]) -> tuple[list[tuple[Fiche, FicheStatus]], str | None]:
    known_fiches = [f.id for f, _ in fiches]
    known_axes = [a.id for a in contrat.axes]
    for ident in only_fiches:
        if ident not in known_fiches:
            raise InputError(f"fiche « {ident} » introuvable (fiches : {', '.join(known_fiches) or 'aucune'})")
    for ident in only_axes:
        if ident not in known_axes:
            raise InputError(f"axe « {ident} » introuvable (axes : {', '.join(known_axes) or 'aucun'})")
    if not only_fiches and not only_axes:
        return fiches, None
    kept = [(f, s) for f, s in fiches if f.id in only_fiches or f.axe in only_axes]
    parts = []
    if only_axes:
        parts.append(("axe " if len(only_axes) == 1 else "axes ") + ", ".join(only_axes))
    if only_fiches:
        parts.append(("fiche " if len(only_fiches) == 1 else "fiches ") + ", ".join(only_fiches))
    return kept, "Extrait du bilan : " + " et ".join(parts)


def build(project: Project, year: int, as_of: dt.date | None = None, *, only_fiches: Sequence[str] = (),
          only_axes: Sequence[str] = (), today: dt.date | None = None,
          validation: ValidationResult | None = None, synthese: bool = False) -> Report:
    """Everything the report of ``year`` shows, for the one territory of ``project``."""
    territory = _territory(project)
    contrat: Contrat = territory.contrat.usable  # type: ignore[union-attr,assignment]
    today = today or dt.date.today()
    as_of = as_of or default_as_of(year, today)
    contract = contract_interval(contrat)
    if contract and not contract[0].year <= year <= contract[1].year:
        raise InputError(f"{year} est hors de la période du contrat ({contract[0].year}–{contract[1].year})")
    validation = validation or validate_project(project)
    current = compute(project, year, as_of)
    previous = compute(project, year - 1, dt.date(year - 1, 12, 31))

    sources = {s.display: s for s in territory.fiches}
    fiches = [(sources[st.fichier].usable, st) for st in current.fiches if st.fichier in sources]
    fiches, selection = _select(fiches, contrat, only_fiches, only_axes)
    before = {st.id: st for st in previous.fiches}
    first_year = contract[0].year if contract else None

    views = [fiche_view(f, st, before.get(f.id), contrat, year, first_year) for f, st in fiches]
    for view, (fiche, st) in zip(views, fiches, strict=True):
        view.fichier = in_territory(view.fichier, territory)
        view.titre_seul = title_only(fiche)
        view.alerte = st.alerte
    bilan, bilan_absent = bilan_view(territory, year)
    budget = budget_section(contrat, [(f, v) for v, (f, _) in zip(views, fiches, strict=True)], year)
    axes = _axes(contrat, views, selection is not None)
    calendar_rows = calendar_section(project, contrat, fiches, year, as_of)
    for axis in axes:
        rows = [r for r in calendar_rows if r.fiche in {f.id for f in axis.fiches}]
        axis.gantt = charts.gantt(
            [charts.GanttRow(gantt_label(r), gantt_detail(r), r.statut.code, r.debut, r.fin, r.periode,
                             replaced=r.remplace) for r in rows],
            year, as_of, {c: label(c) for c in STATUTS},
            title=f"Calendrier {year} — axe {axis.id}",
            today_label="Aujourd'hui" if as_of == today else "Date du bilan")
    ignored = [in_territory(path, territory) for path in current.ignores]

    form = profile(contrat.formulaire)
    alerts = _errors(views, territory)
    return Report(
        annee=year, date_reference=as_of, date_reference_texte=fr_date(as_of),
        date_reference_aujourdhui=as_of == today, annee_precedente=year - 1, version=__version__,
        territoire=contrat.territoire, intitule=contrat.intitule, periode=_period_text(contrat),
        signataires=[nom_signataire(s) for s in contrat.signataires],
        selection=selection,
        ordre_statuts=[status(s) for s in STATUTS],
        statuts_presents=[status(s) for s in STATUTS if any(v.statut.code == s for v in views)],
        chiffres_cles=_key_figures(views, year),
        definition_suivi=definition_of_followup(year),
        gouvernance=_governance(current.gouvernance, contrat, year, as_of),
        axes=axes,
        graphique_axes=charts.status_bars(
            [charts.BarRow(f"Axe {a.id}", {c.statut.code: c.nombre for c in a.effectifs}, a.titre) for a in axes],
            STATUTS, {c: label(c) for c in STATUTS}, title=f"Statut des actions par axe en {year}"),
        calendrier=calendar_rows,
        mermaid=mermaid(calendar_rows, axes, year, as_of),
        fiches=views,
        ids_fiches=[v.id for v in views],
        **partners(fiches, contrat),
        **publics(fiches),
        **determinants(fiches),
        formulaire=form.libelle, montre_publics=form.expects("public_vise"),
        montre_determinants=form.expects("determinants"),
        **transitions(fiches, contrat),
        qualite_resume=_quality_summary(validation),
        qualite=[Finding(in_territory(d.file, territory), d.line, d.column, SEVERITES.get(d.severity.value, d.severity.value),
                         d.code, d.message) for d in validation.diagnostics],
        fichiers_ignores=ignored,
        inconnus=_unknowns(views, year, ignored) + alerts,
        alertes=alerts,
        motifs_svg=charts.pattern_defs(list(STATUTS) + list(STATUTS_INDICATEUR)),
        bilan=bilan, bilan_absent=bilan_absent, synthese=synthese,
        fiches_a_suivre=to_watch(views), fiches_titre_seul=[v for v in views if v.titre_seul],
        indicateurs_cibles=with_targets(views), budget=budget,
    )


def _key_figures(views: list[FicheView], year: int) -> list[KeyFigure]:
    n = len(views)
    count = {s: sum(1 for v in views if v.statut.code == s) for s in STATUTS}
    with_followup = sum(1 for v in views if v.a_un_suivi)
    indicators = [i for v in views for i in v.indicateurs]
    measured = sum(1 for i in indicators if i.valeur or i.statut.code == "qualitatif_renseigne")
    return [
        KeyFigure(str(n), "fiches action" if n > 1 else "fiche action"),
        KeyFigure(f"{with_followup} / {n}", f"fiches avec un suivi {year}"),
        KeyFigure(str(n - with_followup), f"{'fiches' if n - with_followup > 1 else 'fiche'} sans suivi {year}"),
        KeyFigure(str(count["realise"]), "réalisées" if count["realise"] > 1 else "réalisée"),
        KeyFigure(str(count["en_cours"]), "en cours"),
        KeyFigure(str(count["en_retard"]), "en retard"),
        KeyFigure(f"{measured} / {len(indicators)}", f"indicateurs renseignés pour {year}"),
    ]


def definition_of_followup(year: int) -> str:
    """The one meaning of « suivi » in the key figures, stated under them."""
    return (f"Une fiche a un suivi {year} quand son fichier renseigne l'année {year} sous « suivi: » "
            "(statut déclaré, avancement, réalisations, indicateurs…). Le statut « sans bilan » est distinct : "
            "il qualifie une action qui devait être engagée à la date du bilan et dont aucun suivi ne dit rien.")


def _unknowns(views: list[FicheView], year: int, ignored: list[str]) -> list[str]:
    out = []
    without = [v.id for v in views if not v.a_un_suivi]
    if without:
        out.append(f"{plural(len(without), 'fiche sans suivi', 'fiches sans suivi')} {year} "
                   f"({', '.join(without)}) : leurs réalisations, difficultés et indicateurs ne sont pas connus ; "
                   "leur statut ne vient que du calendrier prévisionnel.")
    late = [v.id for v in views if v.statut.code == "en_retard" and not v.a_un_suivi]
    if late:
        out.append(f"« En retard » pour {', '.join(late)} signifie seulement que l'échéance prévue est passée "
                   "sans qu'aucun suivi ne déclare l'action réalisée.")
    unmeasured = sum(1 for v in views for i in v.indicateurs
                     if i.statut.code in ("non_mesure", "qualitatif_non_renseigne"))
    if unmeasured:
        out.append(f"{plural(unmeasured, 'indicateur non renseigné', 'indicateurs non renseignés')} pour {year} "
                   "(sans valeur mesurée, ou qualitatif sans appréciation).")
    if ignored:
        out.append(f"{plural(len(ignored), 'fichier')} illisible(s), absent(s) du bilan : {', '.join(ignored)} "
                   "(voir l'annexe qualité des données).")
    return out


def _errors(views: list[FicheView], territory: Territory) -> list[str]:
    """The errors of the files not shown as a fiche of their own (the contract, the yearly
    file, the fiches that could not be read at all), where the cover lists what is missing."""
    shown = {v.fichier for v in views if not v.titre_seul}
    files = [(f, in_territory(f.display, territory)) for f in territory.files if f.alert and not f.reference_only]
    return [f.alert_for(name) for f, name in files if name not in shown]  # type: ignore[misc]


def _quality_summary(result: ValidationResult) -> str:
    from clstool.lint.formats.text import summary_line

    return summary_line(result)


def _governance(instances: list[InstanceStatus], contrat: Contrat, year: int, as_of: dt.date) -> list[InstanceView]:
    recorded = {i.id: bool(i.reunions) for i in contrat.gouvernance}
    out = []
    for inst in instances:
        held = [Meeting(fr_date(d), objet) for d, objet in inst.reunions]
        planned = [Meeting(fr_date(d), objet) for d, objet in inst.prevues]
        renseigne = recorded.get(inst.id, False)
        if not renseigne:
            note = "aucune réunion n'est renseignée dans contrat.yaml"
        elif inst.minimum is None:
            note = f"{plural(len(held), 'réunion tenue', 'réunions tenues')} ; le contrat ne fixe pas de minimum"
        else:
            note = f"{len(held)} sur {inst.minimum} au minimum"
            if inst.statut == "en_cours":
                note += f" (année en cours au {fr_date(as_of)})"
        out.append(InstanceView(inst.nom, inst.minimum, held, planned, status(inst.statut), renseigne, note))
    return out


def _axes(contrat: Contrat, views: list[FicheView], filtered: bool) -> list[AxisView]:
    """Every axis of the contract (an extract: only the axes of the fiches kept)."""
    out = []
    ids = [a.id for a in contrat.axes] + sorted({v.axe for v in views} - {a.id for a in contrat.axes}, key=id_key)
    titles = {a.id: (a.titre, a.sous_titre) for a in contrat.axes}
    for axe in ids:
        members = [v for v in views if v.axe == axe]
        if filtered and not members:
            continue
        counts = [Count(status(s), sum(1 for v in members if v.statut.code == s)) for s in STATUTS]
        titre, sous_titre = titles.get(axe, (f"Axe {axe} (absent du contrat)", None))
        view = AxisView(axe, titre, sous_titre, [c for c in counts if c.nombre], len(members), members)
        for sous_axe in next((a.sous_axes for a in contrat.axes if a.id == axe), []):
            inside = [v for v in members if v.sous_axe == sous_axe.id]
            if inside or not filtered:
                view.sous_axes.append(SubAxisView(sous_axe.id, sous_axe.titre, inside))
        if view.sous_axes:
            placed = {v.id for s in view.sous_axes for v in s.fiches}
            view.hors_sous_axe = [v for v in members if v.id not in placed]
        out.append(view)
    return out
