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

Templates
=========
The built-in templates live in the top-level ``templates/`` folder of the repository;
``src/clstool/templates`` is a symbolic link to it, listed as package data, so that wheels and
source archives carry real copies. :func:`builtin_templates` finds the package's copy (through
the link in a checkout), else the repository's folder (a checkout without symbolic links).
``--templates DIR`` puts DIR in front: a template found there wins, the others (partials,
``report.css``) come from the built-in set.

Every template runs in Jinja's sandbox (:class:`jinja2.sandbox.ImmutableSandboxedEnvironment`),
the built-in ones too, so that a user template copied from them behaves the same. HTML
templates autoescape; Markdown templates escape every expression with
:func:`clstool.report.markdown.escape` (table cells stay cells, ``<script>`` stays text).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from clstool import __version__
from clstool.planning import calendar
from clstool.report import charts
from clstool.report import markdown
from clstool.model.formatting import fr_date, fr_number, fr_percent, plural
from clstool.yamlio.load import Project, Territory, load
from clstool.errors import InputError
from clstool.model.documents import Contrat, EntreeCalendrier, Fiche, periode_of
from clstool.planning.plan import contract_interval, default_as_of, plan_entries, planned_status
from clstool.lint.rules._common import fold
from clstool.lint.rules.partenaire_graphies import partner_names
from clstool.planning.status import (
    STATUTS, STATUTS_INDICATEUR, FicheStatus, IndicatorStatus, InstanceStatus, _id_key, compute, libelle,
)
from clstool.lint.run import ValidationResult, validate_project

FORMATS = ("html", "md")
TEMPLATE_NAMES = {"html": "report.html.j2", "md": "report.md.j2"}

# --- Vocabulary of the checkbox grids (DESIGN §3), in French ----------------------------------

AGES = {
    "jeunes_enfants": "Jeunes enfants (0–6 ans)", "enfants": "Enfants (7–11 ans)",
    "adolescents": "Adolescents (12–15 ans)", "jeunes_adultes": "Jeunes adultes (16–25 ans)",
    "adultes": "Adultes (26–65 ans)", "personnes_agees": "Personnes âgées (plus de 65 ans)",
}  # fmt: skip
PROFESSIONNELS = {
    "medical": "Professionnels du médical", "paramedical": "Professionnels du paramédical",
    "social": "Professionnels du social", "prevention_promotion": "Prévention et promotion de la santé",
    "education_formation": "Éducation et formation", "culture_loisirs": "Culture et loisirs",
}  # fmt: skip
DETERMINANTS = {
    "systeme_de_soins": ("Système de soins", {
        "accessibilite": "Accessibilité", "globalite": "Globalité", "continuite": "Continuité",
        "reactivite": "Réactivité", "efficacite_securite": "Efficacité et sécurité"}),
    "modes_de_vie": ("Modes de vie", {
        "comportements_favorables": "Comportements favorables à la santé",
        "utilisation_services": "Utilisation des services de santé"}),
    "conditions_de_vie": ("Conditions de vie", {
        "acces_ressources": "Accès aux ressources", "environnement_physique": "Environnement physique",
        "conditions_travail": "Conditions de travail"}),
    "environnement_social": ("Environnement social", {
        "integration_sociale": "Intégration sociale", "pouvoir_agir": "Pouvoir d'agir",
        "normes_climat_social": "Normes et climat social"}),
    "contexte_economique_politique": ("Contexte économique et politique", {
        "adaptation_besoins": "Adaptation aux besoins", "sante_dans_politiques": "La santé dans toutes les politiques"}),
    "conditions_socio_economiques": ("Conditions socio-économiques", {
        "niveau_revenu": "Niveau de revenu", "niveau_education": "Niveau d'éducation"}),
}  # fmt: skip
TRANSITIONS = {"sociale": "Transition sociale", "democratique": "Transition démocratique",
               "ecologique": "Transition écologique"}
CALENDAR_SOURCES = {"prevu": "calendrier prévisionnel", "ajuste": "calendrier ajusté",
                    "fiche": "calendrier de la fiche", "contrat": "durée du contrat (aucune date propre)",
                    "aucun": "aucune date"}
TYPES_INDICATEUR = {"processus": "processus", "resultat": "résultat"}
SEVERITES = {"error": "erreur", "warning": "avertissement", "info": "info"}


def label(code: str | None) -> str:
    """The French label of a status, capitalised (« Sans bilan »)."""
    text = libelle(code)
    return text[:1].upper() + text[1:] if text else "Non renseigné"


# --- What the templates receive ---------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    code: str
    label: str
    swatch: Markup  #: a small square in the status's colour and pattern (HTML only)


def status(code: str) -> Status:
    return Status(code, label(code), charts.swatch(code))


@dataclass
class Count:
    status: Status
    count: int


@dataclass
class AxisView:
    id: str
    titre: str
    sous_titre: str | None
    counts: list[Count]  #: only the statuses present
    total: int
    fiches: list[FicheView] = field(default_factory=list)
    gantt: Markup = Markup("")


@dataclass
class Meeting:
    date: str
    objet: str | None


@dataclass
class InstanceView:
    nom: str
    minimum: int | None
    tenues: list[Meeting]
    prevues: list[Meeting]
    statut: Status
    renseigne: bool  #: whether contrat.yaml records any meeting of this body at all
    note: str


@dataclass
class CalendarRow:
    fiche: str
    declinaison: str | None  #: its title; None for the fiche's own calendar
    declinaison_ref: str | None  #: its number (« 2 ») or id
    periode: str  #: as written
    jalon: str | None
    debut: dt.date | None  #: None when the period could not be read
    fin: dt.date | None
    lu: bool  #: whether the period could be read
    statut: Status  #: computed status of the fiche or déclinaison (clstool status)
    prevu: str  #: planned status of the entry (« à venir », « échéance passée »…)
    source: str  #: « prévu » or « ajusté en 2024 »


@dataclass
class Entry:
    periode: str
    jalon: str | None


@dataclass
class DeclinaisonView:
    ref: str
    titre: str
    statut: Status
    motif: str
    declare: Status | None
    avancement: str
    avancement_pct: int | None
    commentaire: str | None
    calendrier: list[Entry]


@dataclass
class IndicatorView:
    id: str
    libelle: str
    type: str
    unite: str
    sens: str
    qualitatif: bool
    reference: str
    cible: str
    valeur: str
    appreciation: str | None
    commentaire: str | None
    statut: Status


@dataclass
class FicheView:
    id: str
    anchor: str
    titre: str
    sous_titre: str | None
    axe: str
    axe_titre: str
    fichier: str
    statut: Status
    motif: str
    declare: Status | None
    avancement: str
    avancement_pct: int | None
    a_un_suivi: bool
    calendrier_source: str
    calendrier_dates: str
    porteurs: list[str]
    partenaires: list[str]
    realisations: list[str]
    difficultes: list[str]
    commentaire: str | None
    calendrier_prevu: list[Entry]
    calendrier_ajuste: list[Entry]
    calendrier_ajuste_annee: int | None
    declinaisons: list[DeclinaisonView]
    indicateurs: list[IndicatorView]
    indicateurs_chart: Markup
    transitions: list[tuple[str, str | None]]  #: (lens label, text or None) for every lens of the contract
    evolution: list[str]


@dataclass
class CoverageRow:
    """One row of a cross-cutting table: a category and the fiches that tick it."""

    groupe: str
    libelle: str
    fiches: list[str]

    @property
    def count(self) -> int:
        return len(self.fiches)


@dataclass
class PartnerRow:
    nom: str
    roles: dict[str, str]  #: fiche id → role letters (P porteur/pilote, A partenaire, O opérateur,
    #: D partenaire d'une déclinaison, F financeur)

    @property
    def count(self) -> int:
        return len(self.roles)


@dataclass
class TransitionView:
    code: str
    libelle: str
    definition: str
    fiches: list[tuple[str, str]]  #: (fiche id, text)


@dataclass
class Finding:
    file: str
    line: int
    column: int
    severity: str
    code: str
    message: str


@dataclass
class KeyFigure:
    value: str
    label: str


@dataclass
class Report:
    year: int
    as_of: dt.date
    as_of_text: str
    as_of_is_today: bool
    previous_year: int
    version: str
    territoire: str
    intitule: str
    periode: str
    signataires: list[str]
    selection: str | None  #: what --fiche / --axe kept, in French; None for the whole contract
    status_order: list[Status]  #: every status, in display order
    statuts_presents: list[Status]  #: the statuses of at least one fiche kept
    chiffres_cles: list[KeyFigure]
    gouvernance: list[InstanceView]
    axes: list[AxisView]
    axes_chart: Markup
    calendrier: list[CalendarRow]
    mermaid: str
    fiches: list[FicheView]
    fiche_ids: list[str]
    partenaires_partages: list[PartnerRow]
    partenaires_uniques: list[PartnerRow]
    ages: list[CoverageRow]
    professionnels: list[CoverageRow]
    publics_autres: list[tuple[str, str]]
    publics_non_renseignes: list[str]
    determinants: list[CoverageRow]
    determinants_non_renseignes: list[str]
    transitions: list[TransitionView]
    transitions_non_renseignees: list[str]
    qualite_resume: str
    qualite: list[Finding]
    fichiers_ignores: list[str]
    inconnus: list[str]  #: what the report cannot say, in French sentences
    pattern_defs: Markup


# --- Building the report -------------------------------------------------------------------------


def _anchor(fiche_id: str) -> str:
    return "fiche-" + re.sub(r"[^A-Za-z0-9_-]", "-", fiche_id)


def _entries(calendar: Iterable[str | EntreeCalendrier]) -> list[Entry]:
    return [Entry(periode_of(e), e.jalon if isinstance(e, EntreeCalendrier) else None) for e in calendar]


def _pct(value: int | None) -> str:
    return fr_percent(value) if value is not None else "non renseigné"


def _num(value: float | None, unit: str | None = None) -> str:
    if value is None:
        return ""
    text = fr_number(value)
    if unit == "%":
        return f"{text} %"
    return f"{text} {unit}" if unit and len(unit) <= 12 else text


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
    if territory.contrat is None or not isinstance(territory.contrat.model, Contrat):
        where = territory.contrat.display if territory.contrat else f"{territory.display}/contrat.yaml"
        raise InputError(f"{where} est absent ou illisible : le bilan a besoin du contrat "
                         "(lancez clstool validate pour le détail)")
    return territory


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
          validation: ValidationResult | None = None) -> Report:
    """Everything the report of ``year`` shows, for the one territory of ``project``."""
    territory = _territory(project)
    contrat: Contrat = territory.contrat.model  # type: ignore[assignment]
    today = today or dt.date.today()
    as_of = as_of or default_as_of(year, today)
    contract = contract_interval(contrat)
    if contract and not contract[0].year <= year <= contract[1].year:
        raise InputError(f"{year} est hors de la période du contrat ({contract[0].year}–{contract[1].year})")
    validation = validation or validate_project(project)
    current = compute(project, year, as_of)
    previous = compute(project, year - 1, dt.date(year - 1, 12, 31))

    sources = {s.display: s for s in territory.fiches}
    fiches = [(sources[st.fichier].model, st) for st in current.fiches if st.fichier in sources]
    fiches, selection = _select(fiches, contrat, only_fiches, only_axes)
    before = {st.id: st for st in previous.fiches}
    first_year = contract[0].year if contract else None

    views = [_fiche_view(f, st, before.get(f.id), contrat, year, first_year) for f, st in fiches]
    axes = _axes(contrat, views, selection is not None)
    calendar_rows = _calendar_rows(project, contrat, fiches, year, as_of)
    for axis in axes:
        rows = [r for r in calendar_rows if r.fiche in {f.id for f in axis.fiches}]
        axis.gantt = charts.gantt(
            [charts.GanttRow(_gantt_label(r), _gantt_detail(r), r.statut.code, r.debut, r.fin, r.periode)
             for r in rows],
            year, as_of, {c: label(c) for c in STATUTS},
            title=f"Calendrier {year} — axe {axis.id}",
            today_label="Aujourd'hui" if as_of == today else "Date du bilan")
    ignored = list(current.ignores)

    return Report(
        year=year, as_of=as_of, as_of_text=fr_date(as_of), as_of_is_today=as_of == today,
        previous_year=year - 1, version=__version__,
        territoire=contrat.territoire, intitule=contrat.intitule, periode=_period_text(contrat),
        signataires=list(contrat.signataires),
        selection=selection,
        status_order=[status(s) for s in STATUTS],
        statuts_presents=[status(s) for s in STATUTS if any(v.statut.code == s for v in views)],
        chiffres_cles=_key_figures(views, year),
        gouvernance=_governance(current.gouvernance, contrat, year, as_of),
        axes=axes,
        axes_chart=charts.status_bars(
            [charts.BarRow(f"Axe {a.id}", {c.status.code: c.count for c in a.counts}, a.titre) for a in axes],
            STATUTS, {c: label(c) for c in STATUTS}, title=f"Statut des actions par axe en {year}"),
        calendrier=calendar_rows,
        mermaid=_mermaid(calendar_rows, axes, year, as_of),
        fiches=views,
        fiche_ids=[v.id for v in views],
        **_partners(fiches, contrat),
        **_publics(fiches),
        **_determinants(fiches),
        **_transitions(fiches, contrat),
        qualite_resume=_quality_summary(validation),
        qualite=[Finding(d.file, d.line, d.column, SEVERITES.get(d.severity.value, d.severity.value),
                         d.code, d.message) for d in validation.diagnostics],
        fichiers_ignores=ignored,
        inconnus=_unknowns(views, year, ignored),
        pattern_defs=charts.pattern_defs(list(STATUTS) + list(STATUTS_INDICATEUR)),
    )


def _gantt_label(row: CalendarRow) -> str:
    return f"{row.fiche} · D{row.declinaison_ref}" if row.declinaison_ref else row.fiche


def _gantt_detail(row: CalendarRow) -> str:
    text = row.jalon or row.declinaison or row.periode
    if row.source.startswith("ajusté"):
        return f"{text} (ajusté)"
    return f"{text} (prévu, remplacé)" if "remplacé" in row.source else text


def _key_figures(views: list[FicheView], year: int) -> list[KeyFigure]:
    n = len(views)
    count = {s: sum(1 for v in views if v.statut.code == s) for s in STATUTS}
    with_followup = sum(1 for v in views if v.a_un_suivi)
    indicators = [i for v in views for i in v.indicateurs]
    measured = sum(1 for i in indicators if i.valeur or i.statut.code == "qualitatif_renseigne")
    return [
        KeyFigure(str(n), "fiches action" if n > 1 else "fiche action"),
        KeyFigure(f"{with_followup} / {n}", f"fiches avec un bilan {year}"),
        KeyFigure(str(count["realise"]), "réalisées" if count["realise"] > 1 else "réalisée"),
        KeyFigure(str(count["en_cours"]), "en cours"),
        KeyFigure(str(count["en_retard"]), "en retard"),
        KeyFigure(str(count["sans_bilan"]), "sans bilan"),
        KeyFigure(f"{measured} / {len(indicators)}", f"indicateurs renseignés pour {year}"),
    ]


def _unknowns(views: list[FicheView], year: int, ignored: list[str]) -> list[str]:
    out = []
    without = [v.id for v in views if not v.a_un_suivi]
    if without:
        out.append(f"{plural(len(without), 'fiche')} sans aucun suivi pour {year} "
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


def _quality_summary(result: ValidationResult) -> str:
    from clstool.lint.formats.text import summary_line

    return summary_line(result)


# --- Governance ----------------------------------------------------------------------------------


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


# --- Axes ------------------------------------------------------------------------------------------


def _axes(contrat: Contrat, views: list[FicheView], filtered: bool) -> list[AxisView]:
    """Every axis of the contract (an extract: only the axes of the fiches kept)."""
    out = []
    ids = [a.id for a in contrat.axes] + sorted({v.axe for v in views} - {a.id for a in contrat.axes}, key=_id_key)
    titles = {a.id: (a.titre, a.sous_titre) for a in contrat.axes}
    for axe in ids:
        members = [v for v in views if v.axe == axe]
        if filtered and not members:
            continue
        counts = [Count(status(s), sum(1 for v in members if v.statut.code == s)) for s in STATUTS]
        titre, sous_titre = titles.get(axe, (f"Axe {axe} (absent du contrat)", None))
        out.append(AxisView(axe, titre, sous_titre, [c for c in counts if c.count], len(members), members))
    return out


# --- Fiches --------------------------------------------------------------------------------------


def _fiche_view(fiche: Fiche, st: FicheStatus, before: FicheStatus | None, contrat: Contrat, year: int,
                first_year: int | None) -> FicheView:
    suivi = fiche.suivi.get(year)
    axe = next((a for a in contrat.axes if a.id == fiche.axe), None)
    portage = fiche.portage
    porteurs = (portage.porteurs + portage.pilotes) if portage else []
    partenaires = (portage.partenaires if portage else []) + list(fiche.partenaires_operationnels)
    ajuste, ajuste_annee = [], None
    if st.calendrier.source == "ajuste" and st.calendrier.annee is not None:
        ajuste_annee = st.calendrier.annee
        ajuste = _entries(fiche.suivi[ajuste_annee].calendrier_ajuste)
    prevu = _entries(fiche.calendrier)
    declinaisons = []
    for index, (d, ds) in enumerate(zip(fiche.declinaisons, st.declinaisons)):
        declinaisons.append(DeclinaisonView(
            ref=ds.ref or str(index + 1), titre=ds.titre, statut=status(ds.statut), motif=ds.motif,
            declare=status(ds.statut_declare) if ds.statut_declare else None,
            avancement=_pct(ds.avancement), avancement_pct=ds.avancement, commentaire=ds.commentaire,
            calendrier=_entries(d.calendrier)))
    indicateurs = [_indicator_view(i) for i in st.indicateurs]
    chart_rows = [charts.IndicatorBar(i.id, i.libelle, i.statut, i.valeur, i.cible, i.reference, i.unite or "", i.sens)
                  for i in st.indicateurs if i.cible is not None]
    span = st.calendrier.span
    return FicheView(
        id=fiche.id, anchor=_anchor(fiche.id), titre=fiche.titre, sous_titre=fiche.sous_titre,
        axe=fiche.axe, axe_titre=axe.titre if axe else "", fichier=st.fichier,
        statut=status(st.statut), motif=st.motif,
        declare=status(st.statut_declare) if st.statut_declare else None,
        avancement=_pct(st.avancement), avancement_pct=st.avancement, a_un_suivi=suivi is not None,
        calendrier_source=CALENDAR_SOURCES.get(st.calendrier.source, st.calendrier.source)
        + (f" en {st.calendrier.annee}" if st.calendrier.source == "ajuste" and st.calendrier.annee else ""),
        calendrier_dates=f"du {fr_date(span.debut)} au {fr_date(span.fin)}" if span else "non daté",
        porteurs=porteurs, partenaires=partenaires,
        realisations=st.realisations, difficultes=st.difficultes, commentaire=st.commentaire,
        calendrier_prevu=prevu, calendrier_ajuste=ajuste, calendrier_ajuste_annee=ajuste_annee,
        declinaisons=declinaisons, indicateurs=indicateurs,
        indicateurs_chart=charts.indicator_bars(chart_rows, {c: label(c) for c in STATUTS_INDICATEUR},
                                                title=f"Indicateurs de la fiche {fiche.id} en {year}")
        if chart_rows else Markup(""),
        transitions=[(TRANSITIONS.get(k, k.capitalize()), fiche.transitions.get(k)) for k in contrat.transitions],
        evolution=_evolution(fiche, st, before, year, first_year),
    )


def _indicator_view(i: IndicatorStatus) -> IndicatorView:
    unit = i.unite or ""
    reference = f"{_num(i.reference, unit)} ({i.reference_annee})" if i.reference is not None else ""
    cible = f"{_num(i.cible, unit)} ({i.cible_annee})" if i.cible is not None else ""
    return IndicatorView(
        id=i.id, libelle=i.libelle, type=TYPES_INDICATEUR.get(i.type, i.type), unite=unit, sens=i.sens,
        qualitatif=i.qualitatif, reference=reference, cible=cible, valeur=_num(i.valeur, unit),
        appreciation=i.appreciation, commentaire=i.commentaire, statut=status(i.statut))


def _evolution(fiche: Fiche, st: FicheStatus, before: FicheStatus | None, year: int,
               first_year: int | None) -> list[str]:
    """What changed between the follow-up of year − 1 and of year, in French sentences."""
    prev = year - 1
    if first_year is not None and prev < first_year:
        return [f"{year} est la première année du contrat : pas d'année précédente à comparer."]
    now, then = fiche.suivi.get(year), fiche.suivi.get(prev)
    out = []
    if before is not None:
        if before.statut != st.statut:
            out.append(f"Statut : {label(before.statut).lower()} en {prev} → {label(st.statut).lower()} en {year}.")
        else:
            out.append(f"Statut inchangé : {label(st.statut).lower()} en {prev} comme en {year}.")
    if now is None and then is None:
        out.append(f"Aucun suivi ni pour {prev} ni pour {year} : aucune évolution ne peut être constatée.")
        return out
    if then is None:
        out.append(f"Pas de suivi pour {prev} : premier bilan renseigné en {year}.")
    elif now is None:
        out.append(f"Suivi renseigné pour {prev} mais pas pour {year}.")
    a0, a1 = (then.avancement if then else None), (now.avancement if now else None)
    if a0 is not None and a1 is not None:
        out.append(f"Avancement : {fr_percent(a0)} → {fr_percent(a1)}.")
    elif a1 is not None:
        out.append(f"Avancement {year} : {fr_percent(a1)} (non renseigné pour {prev}).")
    elif a0 is not None:
        out.append(f"Avancement {prev} : {fr_percent(a0)} ; non renseigné pour {year}.")
    if now is not None:
        old = set(then.realisations) if then else set()
        new = [r for r in now.realisations if r not in old]
        if new:
            out.append(f"{plural(len(new), 'réalisation nouvelle', 'réalisations nouvelles')} en {year}.")
        if now.calendrier_ajuste:
            out.append(f"Calendrier ajusté en {year}.")
        units = {i.id: i.unite for i in fiche.indicateurs}
        for ident, measure in now.indicateurs.items():
            v1 = measure if isinstance(measure, (int, float)) else measure.valeur
            m0 = then.indicateurs.get(ident) if then else None
            v0 = m0 if isinstance(m0, (int, float)) else (m0.valeur if m0 is not None else None)
            if v1 is not None and v0 is not None and v1 != v0:
                out.append(f"Indicateur {ident} : {_num(v0, units.get(ident))} en {prev} → "
                           f"{_num(v1, units.get(ident))} en {year}.")
            elif v1 is not None and v0 is None:
                out.append(f"Indicateur {ident} : {_num(v1, units.get(ident))} en {year} (pas de valeur pour {prev}).")
    return out


# --- Calendar --------------------------------------------------------------------------------------


PLANNED = {"a_venir": "à venir", "en_cours": "en cours", "echeance_passee": "échéance passée",
           "hors_periode": "hors période"}


def _calendar_rows(project: Project, contrat: Contrat, fiches: list[tuple[Fiche, FicheStatus]], year: int,
                   as_of: dt.date) -> list[CalendarRow]:
    """The year's calendar items (:mod:`clstool.planning.calendar`), each with the computed status of its
    fiche or déclinaison; then, for a unit whose calendar was adjusted, the adjusted dates."""
    statuses = {st.id: st for _, st in fiches}
    items = calendar.build(project, year, as_of, fiches=list(statuses)).items if statuses else []
    rows = []
    for item in items:
        st = statuses[item.fiche]
        unit = st.declinaisons[item.declinaison_index - 1] if item.declinaison_index else st
        replaced = unit.calendrier.source == "ajuste"
        rows.append(CalendarRow(
            fiche=item.fiche, declinaison=item.declinaison, declinaison_ref=_unit_ref(unit),
            periode=item.periode, jalon=item.jalon, debut=item.debut, fin=item.fin,
            lu=item.debut is not None, statut=status(unit.statut),
            prevu=PLANNED.get(item.statut or "", "non daté"),
            source=f"prévu (remplacé par le calendrier ajusté en {unit.calendrier.annee})" if replaced else "prévu"))
    contract = contract_interval(contrat)
    for fiche, st in fiches:
        units = [(st, None, fiche.suivi)] + [
            (d, d.titre, {y: s.declinaisons.get(r) for y, s in fiche.suivi.items() for r in _refs(n, d.ref)
                          if s.declinaisons.get(r) is not None})
            for n, d in enumerate(st.declinaisons)]
        for unit, titre, followups in units:
            cal = unit.calendrier
            holder = followups.get(cal.annee) if cal.source == "ajuste" else None
            if holder is None or not holder.calendrier_ajuste:
                continue  # planned, or adjusted through its déclinaisons (listed with them)
            for entry in plan_entries(holder.calendrier_ajuste, contract):
                for interval in entry.intervals or (None,):
                    if interval is not None and not interval.debut.year <= year <= interval.fin.year:
                        continue
                    rows.append(CalendarRow(
                        fiche=fiche.id, declinaison=titre, declinaison_ref=_unit_ref(unit),
                        periode=entry.periode, jalon=entry.jalon,
                        debut=interval.debut if interval else None, fin=interval.fin if interval else None,
                        lu=interval is not None, statut=status(unit.statut),
                        prevu=PLANNED.get(planned_status([interval], year, as_of) or "", "non daté")
                        if interval else "non daté",
                        source=f"ajusté en {cal.annee}"))
    order = {st.id: n for n, (_, st) in enumerate(fiches)}
    rows.sort(key=lambda r: (order[r.fiche], r.declinaison_ref or ""))
    return rows


def _unit_ref(unit) -> str | None:
    return getattr(unit, "ref", None) or None


def _refs(index: int, ref: str) -> tuple[str, ...]:
    """The keys a follow-up may use for a déclinaison: its position (« 1 »), and its id."""
    return tuple(dict.fromkeys(r for r in (str(index + 1), ref) if r))


def _mermaid_text(text: str) -> str:
    """A task name Mermaid cannot misread: no colon, semicolon, hash or line break."""
    text = re.sub(r"[:;#\"`\r\n]+", " ", text)
    return " ".join(text.split())[:70] or "—"


MERMAID_TAGS = {"realise": "done", "en_cours": "active", "en_retard": "crit", "bloque": "crit"}


def _mermaid(rows: list[CalendarRow], axes: list[AxisView], year: int, as_of: dt.date) -> str:
    """The Gantt as a Mermaid block (GitHub renders it); dates clipped to the year."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    lines = ["```mermaid", "gantt", f"    title Calendrier {year}", "    dateFormat YYYY-MM-DD",
             "    axisFormat %m/%Y", "    todayMarker off"]
    for axis in axes:
        ids = {f.id for f in axis.fiches}
        mine = [r for r in rows if r.fiche in ids and r.lu]
        if not mine:
            continue
        lines.append(f"    section {_mermaid_text('Axe ' + axis.id)}")
        for r in mine:
            name = _mermaid_text(f"{_gantt_label(r)} {_gantt_detail(r)}")
            tag = MERMAID_TAGS.get(r.statut.code)
            debut, fin = max(r.debut, start), min(r.fin, end)
            lines.append(f"    {name} :{tag + ', ' if tag else ''}{debut.isoformat()}, {(fin + dt.timedelta(days=1)).isoformat()}")
    if start <= as_of <= end:
        lines.append("    section Référence")
        lines.append(f"    Date du bilan :milestone, {as_of.isoformat()}, 0d")
    lines.append("```")
    return markdown.Raw("\n".join(lines))


# --- Cross-cutting tables ----------------------------------------------------------------------------


#: Role letter of each place a fiche names an organisation (see ``partner_names``).
ROLES = {"porteurs": "P", "pilotes": "P", "partenaires": "A", "operateurs": "O",
         "partenaires_operationnels": "A", "financements": "F"}


def _role(path: tuple) -> str:
    if path[0] == "declinaisons":
        return "F" if path[2] == "financements" else "D"
    return ROLES.get(path[1] if path[0] == "portage" else path[0], "A")


def _partners(fiches: list[tuple[Fiche, FicheStatus]], contrat: Contrat) -> dict:
    """Partners × fiches. The organisations a fiche names and the comparison of their spellings
    are those of lint rule CLS215 (:mod:`clstool.lint.rules.partenaire_graphies`): names equal but for
    case, accents, spacing and punctuation are one partner, and ``alias_partenaires`` joins the
    rest under the name the contract keeps (otherwise the most frequent spelling is shown)."""
    canonical = {fold(spelling): name for name, aliases in contrat.alias_partenaires.items()
                 for spelling in (name, *aliases)}
    spellings: dict[str, Counter] = {}
    roles: dict[str, dict[str, str]] = {}
    for fiche, _ in fiches:
        for path, name in partner_names(fiche):
            key = fold(name)
            if not key:
                continue
            group = fold(canonical.get(key, name))
            spellings.setdefault(group, Counter())[" ".join(name.split())] += 1
            mine = roles.setdefault(group, {})
            letter = _role(path)
            if letter not in mine.get(fiche.id, ""):
                mine[fiche.id] = mine.get(fiche.id, "") + letter
    rows = []
    for group, counter in spellings.items():
        shown = canonical.get(group) or max(counter, key=lambda s: (counter[s], -list(counter).index(s)))
        rows.append(PartnerRow(shown, roles[group]))
    rows.sort(key=lambda r: (-r.count, fold(r.nom)))
    return {"partenaires_partages": [r for r in rows if r.count > 1],
            "partenaires_uniques": [r for r in rows if r.count == 1]}


def _publics(fiches: list[tuple[Fiche, FicheStatus]]) -> dict:
    ages = [CoverageRow("Âge", text, [f.id for f, _ in fiches if f.public_vise and code in f.public_vise.ages])
            for code, text in AGES.items()]
    pros = [CoverageRow("Professionnels", text,
                        [f.id for f, _ in fiches if f.public_vise and code in f.public_vise.professionnels])
            for code, text in PROFESSIONNELS.items()]
    autres = [(f.id, text) for f, _ in fiches if f.public_vise
              for text in (f.public_vise.autre, f.public_vise.professionnels_autre) if text]
    unknown = [f.id for f, _ in fiches if not f.public_vise or not (
        f.public_vise.ages or f.public_vise.professionnels or f.public_vise.autre or f.public_vise.professionnels_autre)]
    return {"ages": ages, "professionnels": pros, "publics_autres": autres, "publics_non_renseignes": unknown}


def _determinants(fiches: list[tuple[Fiche, FicheStatus]]) -> dict:
    rows = []
    for key, (group, items) in DETERMINANTS.items():
        for code, text in items.items():
            rows.append(CoverageRow(group, text, [f.id for f, _ in fiches
                                                  if f.determinants and code in getattr(f.determinants, key)]))
    others: dict[str, list[str]] = {}
    for f, _ in fiches:
        for text in (f.determinants.autres if f.determinants else []):
            others.setdefault(text, []).append(f.id)
    rows += [CoverageRow("Autres", text, ids) for text, ids in others.items()]
    unknown = [f.id for f, _ in fiches
               if not f.determinants or not any(getattr(f.determinants, k) for k in [*DETERMINANTS, "autres"])]
    return {"determinants": rows, "determinants_non_renseignes": unknown}


def _transitions(fiches: list[tuple[Fiche, FicheStatus]], contrat: Contrat) -> dict:
    views = [TransitionView(code, TRANSITIONS.get(code, code.capitalize()), definition,
                            [(f.id, f.transitions[code]) for f, _ in fiches if f.transitions.get(code)])
             for code, definition in contrat.transitions.items()]
    missing = [f.id for f, _ in fiches if contrat.transitions and not f.transitions]
    return {"transitions": views, "transitions_non_renseignees": missing}


# --- Rendering -----------------------------------------------------------------------------------------


def builtin_templates() -> Path:
    """The folder of the built-in templates: the installed copy, else the repository's."""
    packaged = resources.files("clstool").joinpath("templates")
    if packaged.is_dir() and packaged.joinpath(TEMPLATE_NAMES["html"]).is_file():
        return Path(str(packaged))
    repo = Path(__file__).resolve().parents[3] / "templates"
    if (repo / TEMPLATE_NAMES["html"]).is_file():
        return repo
    raise InputError("modèles de rapport introuvables : réinstallez clstool (pip install .)")


def environment(fmt: str, templates: str | Path | None = None) -> jinja2.Environment:
    """The sandboxed Jinja environment of a format; ``templates`` goes before the built-in ones."""
    folders = [builtin_templates()]
    if templates is not None:
        folder = Path(templates)
        if not folder.is_dir():
            raise InputError(f"dossier de modèles introuvable : {templates}")
        folders.insert(0, folder)
    options = dict(loader=jinja2.FileSystemLoader([str(f) for f in folders]), undefined=jinja2.StrictUndefined,
                   trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    if fmt == "html":
        env = ImmutableSandboxedEnvironment(autoescape=True, **options)
    else:
        env = ImmutableSandboxedEnvironment(autoescape=False, finalize=markdown.finalize, **options)
        env.filters["raw"] = markdown.Raw
    env.filters["css_string"] = css_string
    env.filters["ancre"] = _anchor
    env.filters["nombre"] = fr_number
    env.filters["date_fr"] = fr_date
    env.filters["date_courte"] = lambda d: d.strftime("%d/%m/%Y") if d else ""
    env.tests["contains"] = lambda container, item: item in container
    env.filters["pluriel"] = plural
    return env


def css_string(value: object) -> Markup:
    """A quoted CSS string whose every character outside letters, digits and spaces is a
    CSS escape: text from YAML cannot end the string nor the ``<style>`` element."""
    out = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(value))
    return Markup(f'"{out}"')


def render(report: Report, fmt: str, templates: str | Path | None = None) -> str:
    """The report as text, in ``fmt`` (``html`` or ``md``)."""
    if fmt not in FORMATS:
        raise InputError(f"format « {fmt} » inconnu (formats : {', '.join(FORMATS)})")
    env = environment(fmt, templates)
    name = TEMPLATE_NAMES[fmt]
    try:
        return env.get_template(name).render(r=report)
    except jinja2.TemplateNotFound as exc:
        raise InputError(f"modèle introuvable : {exc.name}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"modèle {exc.filename or exc.name}, ligne {exc.lineno} : erreur de syntaxe ({exc.message})") from None
    except SecurityError as exc:
        raise InputError(f"modèle {name} : opération interdite dans un modèle ({exc})") from None
    except jinja2.UndefinedError as exc:
        raise InputError(f"modèle {name} : {exc.message} (variable ou attribut inconnu)") from None


def report(paths: list[str], year: int, fmt: str, *, as_of: dt.date | None = None,
           templates: str | Path | None = None, only_fiches: Sequence[str] = (),
           only_axes: Sequence[str] = ()) -> str:
    """Load, build and render: the whole of ``clstool report``."""
    project = load(paths)
    return render(build(project, year, as_of, only_fiches=only_fiches, only_axes=only_axes), fmt, templates)
