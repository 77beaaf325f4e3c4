"""Status of every fiche, déclinaison, indicator and governance body for a year (``clstool status``).

This docstring is the one place where the rules are written; docs/statuts.md copies them.
Inputs: the plan (:mod:`clstool.planning.plan`), the yearly follow-up ``suivi``
(docs/format-des-fiches.md#le-suivi-annuel), a report
year Y and a reference date D (``--as-of``; default 31 December of Y, or today when today
falls inside Y). Follow-up written for years after Y is ignored.

1. Calendar in force for Y
--------------------------
- A ``calendrier_ajuste`` written in the follow-up of year y0 replaces the calendar from y0 on:
  for Y, the one of the latest y0 ≤ Y wins. A fiche's adjusted calendar replaces the fiche's
  calendar as a whole; a déclinaison may have its own (``suivi.Y.declinaisons.N.calendrier_ajuste``).
- Otherwise a déclinaison follows its own ``calendrier``; without a date there, its fiche's own
  calendar (adjusted or planned); without one either, the contract's period.
- Otherwise a fiche follows its own ``calendrier`` together with its déclinaisons' calendars in
  force (the span from the first start to the last end); without any date, the contract's
  period. Entries that cannot be parsed give no date (``validate`` reports them).
- Without any date at all (no calendar, no contract), the unit counts as planned throughout:
  never late, always started.

2. Declared status for Y
------------------------
- A fiche's: ``suivi.Y.statut``.
- A déclinaison's: ``suivi.Y.declinaisons.<N or id>.statut``; if absent, the fiche's declared
  status when it describes the whole action: ``realise``, ``abandonne``, ``en_pause``,
  ``bloque``, ``a_discuter``.
- Carried over: when Y declares nothing, the latest earlier declaration counts if it is
  ``abandonne``, or ``realise`` with nothing in the calendar starting after that year (a
  recurring action done in 2024 has its 2025 cycle to do). Other statuses describe their year
  only: « en_cours » in Y−1 says nothing about Y.
- A fiche without a declared or carried status whose déclinaisons are all ``realise`` or
  ``abandonne`` is ``realise`` (``abandonne`` if all are abandoned).
- A unit *has a follow-up for Y* when ``suivi.Y`` exists (fiche), or its own entry
  ``suivi.Y.declinaisons.<N>`` exists, or ``suivi.Y`` exists without any per-déclinaison entry
  (déclinaison: the fiche's follow-up then speaks for all of them).

3. Computed status: the first rule that applies
-----------------------------------------------
=================  ==========================================================================
``realise``        declared (or carried, or all déclinaisons) ``realise``
``abandonne``      declared (or carried, or all déclinaisons) ``abandonne``
``en_retard``      the calendar in force ends before D — whatever else is declared (a plan
                   whose end has passed without ``realise`` is late). On the day it ends the
                   unit is not yet late. An adjusted calendar ending on or after D reopens it.
``en_pause``,      declared for Y: passed through (declared follow-up wins over the plan)
``bloque``,
``a_discuter``,
``en_cours``,
``a_venir``,
``en_retard``
``hors_periode``   nothing in the calendar in force meets Y
``a_venir``        D is before the first start in Y
``en_cours``       it should have started and there is a follow-up for Y (without a status)
``sans_bilan``     it should have started and no follow-up for Y says anything
=================  ==========================================================================

So with the plan alone (no follow-up), an action is ``en_retard`` once its calendar has ended,
``sans_bilan`` while it runs, ``a_venir`` before it starts, ``hors_periode`` outside Y.

4. Indicator status for Y
-------------------------
The value is ``suivi.Y.indicateurs.<id>``: a number, or ``{valeur, commentaire}``, or
``{appreciation}``. The target is the latest ``cibles`` entry at or before Y. An indicator is
*quantitative* when the plan gives it a number (a target or a reference), *qualitative*
otherwise (Montpellier's « Nombre et qualité des partenaires mobilisés »…).

==============================  ==============================================================
``atteint``                     a value and a target; value ≥ target (``sens: baisse``: ≤)
``partiel``                     not reached, but at least half the way from the reference to
                                the target: 2·(value − ref) ≥ (target − ref) (``baisse``:
                                2·(ref − value) ≥ (ref − target)). Without a reference, a
                                rising indicator starts from 0; a falling one cannot be partial
``non_atteint``                 a value and a target, neither of the above
``mesure_sans_cible``           a value, no target at or before Y
``non_mesure``                  quantitative, no value for Y (an appreciation alone does not
                                replace the number)
``qualitatif_renseigne``        qualitative, no value, an ``appreciation`` (or a comment)
``qualitatif_non_renseigne``    qualitative, nothing for Y
==============================  ==============================================================

5. Governance for Y
-------------------
For each instance of ``gouvernance`` with its ``reunions`` dated in Y up to D (later ones are
listed as planned): ``atteint`` when their number reaches ``reunions_min_par_an``;
``non_atteint`` when it does not and Y is over at D; ``en_cours`` when it does not yet but Y is
not over; ``sans_minimum`` when the contract sets no minimum.
"""

from __future__ import annotations

import datetime as dt

from clstool.model import vocabulary
from clstool.model.budget import add, fiche_lines, totals
from clstool.model.contrat import Contrat
from clstool.model.documents import Fiche, Indicateur, MesureIndicateur, SuiviAnnee, SuiviDeclinaison
from clstool.model.names import id_key
from clstool.model.vocabulary import ACTION_ENTIERE, TERMINAUX, libelle
from clstool.planning.periods import Interval
from clstool.planning.plan import (
    FichePlan,
    UnitPlan,
    contract_interval,
    default_as_of,
    fiche_plan,
    meets,
    plan_entries,
    planned_status,
)
from clstool.planning.status_report import (
    AxisSummary,
    Calendar,
    Decision,
    DeclinaisonStatus,
    FicheStatus,
    IndicatorStatus,
    InstanceStatus,
    StatusReport,
)
from clstool.yamlio.load import Project, load

# The status vocabulary (codes, order, French labels) lives in clstool.model.vocabulary.
STATUTS = tuple(vocabulary.STATUTS)
STATUTS_INDICATEUR = tuple(vocabulary.STATUTS_INDICATEUR)
STATUTS_GOUVERNANCE = tuple(vocabulary.STATUTS_GOUVERNANCE)


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


# --- The rules (module docstring, §3 and §4) ----------------------------------------------------


def decide(*, declared: str | None, carried: tuple[int, str] | None, calendar: Calendar,
           has_followup: bool, year: int, as_of: dt.date, derived: str | None = None) -> Decision:
    """The computed status of one unit: the first rule of §3 that applies."""
    for terminal in TERMINAUX:
        if declared == terminal:
            return Decision(terminal, f"déclaré {libelle(terminal)} pour {year}")
        if declared is None and carried and carried[1] == terminal:
            return Decision(terminal, f"déclaré {libelle(terminal)} en {carried[0]}")
        if declared is None and not carried and derived == terminal:
            return Decision(terminal, "toutes les déclinaisons sont abandonnées" if terminal == "abandonne"
                            else "toutes les déclinaisons sont réalisées ou abandonnées")
    whole = calendar.span
    if whole is not None and whole.fin < as_of:
        adjusted = f"calendrier ajusté en {calendar.annee}" if calendar.source == "ajuste" else "échéance prévue"
        motif = f"{adjusted} : {_date(whole.fin)}, dépassée sans « réalisé »"
        if declared and declared != "en_retard":
            motif += f" (déclaré {libelle(declared)})"
        return Decision("en_retard", motif)
    if declared is not None:
        return Decision(declared, f"déclaré {libelle(declared)} pour {year}")
    planned = planned_status(calendar.intervals, year, as_of) if calendar.intervals else "en_cours"
    if planned == "hors_periode":
        return Decision("hors_periode", f"rien de prévu en {year}")
    starts = [i.debut for i in calendar.intervals if meets(i, year)]
    if planned == "a_venir":
        return Decision("a_venir", f"début prévu le {_date(min(starts))}")
    if has_followup:
        return Decision("en_cours", f"suivi {year} sans statut déclaré")
    since = f"prévu depuis le {_date(min(starts))}, " if starts else ""
    return Decision("sans_bilan", f"{since}aucun suivi pour {year}")


def indicator_status(indicator: Indicateur, measure: float | MesureIndicateur | None, year: int) -> IndicatorStatus:
    """The status of one indicator for ``year`` (module docstring, §4)."""
    valeur = commentaire = appreciation = None
    if isinstance(measure, MesureIndicateur):
        valeur, commentaire, appreciation = measure.valeur, measure.commentaire, measure.appreciation
    elif measure is not None:
        valeur = measure
    years = [y for y in indicator.cibles if y <= year]
    cible_annee = max(years) if years else None
    cible = indicator.cibles[cible_annee] if cible_annee is not None else None
    ref = indicator.reference
    qualitatif = not indicator.cibles and ref is None
    falling = indicator.sens == "baisse"
    if valeur is not None and cible is not None:
        base = ref.valeur if ref is not None else (None if falling else 0)
        if (valeur <= cible) if falling else (valeur >= cible):
            statut = "atteint"
        elif base is not None and (
            (base > cible and 2 * (base - valeur) >= base - cible) if falling
            else (cible > base and 2 * (valeur - base) >= cible - base)
        ):
            statut = "partiel"
        else:
            statut = "non_atteint"
    elif valeur is not None:
        statut = "mesure_sans_cible"
    elif not qualitatif:
        statut = "non_mesure"
    elif (appreciation or "").strip() or (commentaire or "").strip():
        statut = "qualitatif_renseigne"
    else:
        statut = "qualitatif_non_renseigne"
    return IndicatorStatus(
        id=indicator.id, libelle=indicator.libelle, type=indicator.type, unite=indicator.unite,
        sens=indicator.sens, qualitatif=qualitatif,
        reference=ref.valeur if ref else None, reference_annee=ref.annee if ref else None,
        cible=cible, cible_annee=cible_annee, valeur=valeur, commentaire=commentaire,
        appreciation=appreciation, statut=statut)


# --- Applying the rules to a fiche ------------------------------------------------------------------


class _FicheRules:
    """Everything §1 and §2 need about one fiche for one year."""

    def __init__(self, fiche: Fiche, contract: tuple[dt.date, dt.date] | None, year: int, as_of: dt.date):
        self.fiche, self.contract, self.year, self.as_of = fiche, contract, year, as_of
        self.plan: FichePlan = fiche_plan(fiche, contract)
        self.years = sorted(y for y in fiche.suivi if y <= year)
        self.suivi: SuiviAnnee | None = fiche.suivi.get(year)

    # §1
    def _contract_calendar(self) -> Calendar:
        if self.contract is None:
            return Calendar((), "aucun")
        return Calendar((Interval(*self.contract),), "contrat")

    def _adjusted(self, entry_of) -> Calendar | None:
        for y in reversed(self.years):
            holder = entry_of(self.fiche.suivi[y])
            if holder is not None and holder.calendrier_ajuste:
                entries = plan_entries(holder.calendrier_ajuste, self.contract)
                intervals = tuple(i for e in entries for i in e.intervals)
                if intervals:
                    return Calendar(intervals, "ajuste", y)
        return None

    def fiche_own_calendar(self) -> Calendar | None:
        adjusted = self._adjusted(lambda s: s)
        if adjusted:
            return adjusted
        own = tuple(i for e in self.plan.own for i in e.intervals)
        return Calendar(own, "prevu") if own else None

    def declinaison_calendar(self, unit: UnitPlan) -> Calendar:
        own_adjusted = self._adjusted(lambda s: self.entry(s, unit))
        if own_adjusted:
            return own_adjusted
        own = tuple(i for e in unit.entries for i in e.intervals)
        if own:
            return Calendar(own, "prevu")
        fiche_own = self.fiche_own_calendar()
        if fiche_own:
            return Calendar(fiche_own.intervals, "fiche", fiche_own.annee)
        return self._contract_calendar()

    def fiche_calendar(self, declinaisons: list[Calendar]) -> Calendar:
        own = self.fiche_own_calendar()
        if own and own.source == "ajuste":
            return own
        intervals = (own.intervals if own else ()) + tuple(
            i for c in declinaisons if c.source in ("prevu", "ajuste") for i in c.intervals)
        if intervals:
            adjusted = [c.annee for c in declinaisons if c.source == "ajuste" and c.annee is not None]
            return Calendar(intervals, "ajuste", max(adjusted)) if adjusted else Calendar(intervals, "prevu")
        return self._contract_calendar()

    # §2
    @staticmethod
    def entry(suivi: SuiviAnnee, unit: UnitPlan) -> SuiviDeclinaison | None:
        for ref in unit.refs:
            if ref in suivi.declinaisons:
                return suivi.declinaisons[ref]
        return None

    def declared_fiche(self, y: int) -> str | None:
        s = self.fiche.suivi.get(y)
        return s.statut if s else None

    def declared_declinaison(self, y: int, unit: UnitPlan) -> str | None:
        s = self.fiche.suivi.get(y)
        if s is None:
            return None
        own = self.entry(s, unit)
        if own is not None and own.statut:
            return own.statut
        return s.statut if s.statut in ACTION_ENTIERE else None

    def carried(self, declared_in, calendar: Calendar) -> tuple[int, str] | None:
        for y in reversed(self.years):
            if y >= self.year:
                continue
            statut = declared_in(y)
            if statut is None:
                continue
            if statut == "abandonne":
                return (y, statut)
            if statut == "realise" and not any(i.debut.year > y for i in calendar.intervals):
                return (y, statut)
            return None
        return None


def fiche_status(fiche: Fiche, contrat: Contrat | None, year: int, as_of: dt.date,
                 territoire: str = "", fichier: str = "") -> FicheStatus:
    """The status of a fiche, its déclinaisons and its indicators for ``year`` at ``as_of``."""
    contract = contract_interval(contrat)
    rules = _FicheRules(fiche, contract, year, as_of)
    suivi = rules.suivi

    declinaisons: list[DeclinaisonStatus] = []
    calendars: list[Calendar] = []
    for unit in rules.plan.declinaisons:
        calendar = rules.declinaison_calendar(unit)
        calendars.append(calendar)
        own = rules.entry(suivi, unit) if suivi else None
        declared = rules.declared_declinaison(year, unit)
        has_followup = own is not None or (suivi is not None and not suivi.declinaisons)
        decision = decide(declared=declared,
                          carried=rules.carried(lambda y, u=unit: rules.declared_declinaison(y, u), calendar),
                          calendar=calendar, has_followup=has_followup, year=year, as_of=as_of)
        declinaisons.append(DeclinaisonStatus(
            statut=decision.statut, motif=decision.motif, statut_declare=declared,
            avancement=own.avancement if own else None, commentaire=own.commentaire if own else None,
            calendrier=calendar, prevu=planned_status(calendar.intervals, year, as_of),
            ref=unit.ref, titre=unit.titre))

    calendar = rules.fiche_calendar(calendars)
    declared = rules.declared_fiche(year)
    derived = None
    if declinaisons and all(d.statut in TERMINAUX for d in declinaisons):
        derived = "realise" if any(d.statut == "realise" for d in declinaisons) else "abandonne"
    decision = decide(declared=declared, carried=rules.carried(rules.declared_fiche, calendar),
                      calendar=calendar, has_followup=suivi is not None, year=year, as_of=as_of,
                      derived=derived)
    measures = suivi.indicateurs if suivi else {}
    return FicheStatus(
        statut=decision.statut, motif=decision.motif, statut_declare=declared,
        avancement=suivi.avancement if suivi else None, commentaire=suivi.commentaire if suivi else None,
        calendrier=calendar, prevu=planned_status(calendar.intervals, year, as_of),
        territoire=territoire, fichier=fichier, id=fiche.id, titre=fiche.titre, axe=fiche.axe,
        sous_axe=fiche.sous_axe, budget=totals(fiche_lines(fiche), year), champs=dict(fiche.champs),
        realisations=list(suivi.realisations) if suivi else [],
        difficultes=list(suivi.difficultes) if suivi else [],
        declinaisons=declinaisons,
        indicateurs=[indicator_status(i, measures.get(i.id), year) for i in fiche.indicateurs])


def governance_status(contrat: Contrat, year: int, as_of: dt.date, territoire: str = "") -> list[InstanceStatus]:
    """Whether each governance body met its yearly minimum (module docstring, §5)."""
    out = []
    for instance in contrat.gouvernance:
        dated = sorted((dt.date.fromisoformat(r.date), r.objet) for r in instance.reunions)
        held = [r for r in dated if r[0].year == year and r[0] <= as_of]
        planned = [r for r in dated if r[0].year == year and r[0] > as_of]
        minimum = instance.reunions_min_par_an
        if minimum is None:
            statut = "sans_minimum"
        elif len(held) >= minimum:
            statut = "atteint"
        elif as_of >= dt.date(year, 12, 31):
            statut = "non_atteint"
        else:
            statut = "en_cours"
        out.append(InstanceStatus(territoire, instance.id, instance.nom, minimum, held, planned, statut))
    return out


def territory_name(territory) -> str:
    """The territory's name from its contract, else its folder as given."""
    contrat = territory.contrat.usable if territory.contrat else None
    return contrat.territoire if isinstance(contrat, Contrat) else territory.display


def compute(project: Project, year: int, as_of: dt.date | None = None) -> StatusReport:
    """The status report of every loaded fiche of ``project``."""
    as_of = as_of or default_as_of(year)
    report = StatusReport(year, as_of)
    for territory in project.territories:
        contrat = territory.contrat.usable if territory.contrat else None
        contrat = contrat if isinstance(contrat, Contrat) else None
        name = territory_name(territory)
        if territory.contrat and contrat is None and not territory.contrat.reference_only:
            report.ignores.append(territory.contrat.display)
        for source in territory.files:
            if source.alert and not source.reference_only:
                report.erreurs[source.display] = source.alert_for(source.display)  # type: ignore[assignment]
        fiches = []
        for source in territory.fiches:
            fiche = source.usable
            if not isinstance(fiche, Fiche):
                report.ignores.append(source.display)
                continue
            fiches.append(fiche_status(fiche, contrat, year, as_of, name, source.display))
            fiches[-1].alerte = source.alert
        fiches.sort(key=lambda f: id_key(f.id))
        report.fiches.extend(fiches)
        report.axes.extend(axis_summaries(contrat, fiches, name))
        if contrat:
            report.gouvernance.extend(governance_status(contrat, year, as_of, name))
    return report


def _summary(territoire: str, ident: str, titre: str | None, fiches: list[FicheStatus]) -> AxisSummary:
    counts = dict.fromkeys(STATUTS, 0)
    for f in fiches:
        counts[f.statut] += 1
    return AxisSummary(territoire, ident, titre, counts, add(*(f.budget for f in fiches)))


def axis_summaries(contrat: Contrat | None, fiches: list[FicheStatus], territoire: str) -> list[AxisSummary]:
    """Per axis (the contract's, then those only the fiches name), the fiches by status and
    the year's budget; an axis with sub-axes lists them in the same shape (a fiche whose
    sub-axis is unknown to its axis, or without one, is in no sub-axis)."""
    axes = list(contrat.axes) if contrat else []
    known = {a.id for a in axes}
    out = []
    for axe in axes:
        members = [f for f in fiches if f.axe == axe.id]
        summary = _summary(territoire, axe.id, axe.titre, members)
        if axe.sous_axes:
            summary.sous_axes = [_summary(territoire, s.id, s.titre, [f for f in members if f.sous_axe == s.id])
                                 for s in axe.sous_axes]
        out.append(summary)
    for ident in dict.fromkeys(f.axe for f in fiches):
        if ident not in known:
            out.append(_summary(territoire, ident, None, [f for f in fiches if f.axe == ident]))
    return out


def status(paths: list[str], year: int, as_of: dt.date | None = None) -> StatusReport:
    """Load the territories designated by ``paths`` and compute their status for ``year``."""
    return compute(load(paths), year, as_of)
