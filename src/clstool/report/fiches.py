"""The view of one fiche in the report: its status, follow-up, calendars, indicators, evolution."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from markupsafe import Markup

from clstool.model.contrat import Contrat
from clstool.model.custom_fields import shown
from clstool.model.documents import EntreeCalendrier, Fiche, periode_of
from clstool.model.formatting import fr_date, fr_number, fr_percent, plural
from clstool.model.vocabulary import (
    SOURCES_CALENDRIER,
    STATUTS_INDICATEUR,
    TRANSITIONS,
    TYPES_INDICATEUR,
)
from clstool.model.vocabulary import (
    titre as label,
)
from clstool.planning.plan import contract_interval, plan_entries
from clstool.planning.status_report import FicheStatus, IndicatorStatus
from clstool.report import charts
from clstool.report.views import (
    CalendarEntry,
    CustomFieldView,
    DeclinaisonView,
    FicheView,
    IndicatorView,
    status,
)


def anchor(fiche_id: str) -> str:
    return "fiche-" + re.sub(r"[^A-Za-z0-9_-]", "-", fiche_id)


def entries(calendar: Iterable[str | EntreeCalendrier]) -> list[CalendarEntry]:
    return [CalendarEntry(periode_of(e), e.jalon if isinstance(e, EntreeCalendrier) else None) for e in calendar]


def pct(value: int | None) -> str:
    return fr_percent(value) if value is not None else "non renseigné"


def num(value: float | None, unit: str | None = None) -> str:
    if value is None:
        return ""
    text = fr_number(value)
    if unit == "%":
        return f"{text} %"
    return f"{text} {unit}" if unit and len(unit) <= 12 else text


def fiche_view(fiche: Fiche, st: FicheStatus, before: FicheStatus | None, contrat: Contrat, year: int,
                first_year: int | None) -> FicheView:
    suivi = fiche.suivi.get(year)
    axe = next((a for a in contrat.axes if a.id == fiche.axe), None)
    portage = fiche.portage
    porteurs = (portage.porteurs + portage.pilotes) if portage else []
    partenaires = (portage.partenaires if portage else []) + list(fiche.partenaires_operationnels)
    ajuste, ajuste_annee, ajuste_lu = adjusted(fiche, year, lambda s: s, contrat)
    prevu = entries(fiche.calendrier)
    declinaisons = []
    for index, (d, ds) in enumerate(zip(fiche.declinaisons, st.declinaisons, strict=False)):
        keys = tuple(dict.fromkeys(k for k in (str(index + 1), d.id, ds.ref) if k))
        d_ajuste, d_annee, d_lu = adjusted(
            fiche, year, lambda s, keys=keys: next((s.declinaisons[k] for k in keys if k in s.declinaisons), None),
            contrat)
        declinaisons.append(DeclinaisonView(
            ref=ds.ref or str(index + 1), titre=ds.titre, statut=status(ds.statut), motif=ds.motif,
            declare=status(ds.statut_declare) if ds.statut_declare else None,
            avancement=pct(ds.avancement), avancement_pct=ds.avancement, commentaire=ds.commentaire,
            calendrier=entries(d.calendrier), calendrier_ajuste=d_ajuste, calendrier_ajuste_annee=d_annee,
            calendrier_ajuste_lu=d_lu))
    indicateurs = [indicator_view(i) for i in st.indicateurs]
    chart_rows = [charts.IndicatorBar(i.id, i.libelle, i.statut, i.valeur, i.cible, i.reference, i.unite or "", i.sens)
                  for i in st.indicateurs if i.cible is not None]
    span = st.calendrier.span
    return FicheView(
        id=fiche.id, ancre=anchor(fiche.id), titre=fiche.titre, sous_titre=fiche.sous_titre,
        axe=fiche.axe, axe_titre=axe.titre if axe else "", fichier=st.fichier,
        sous_axe=fiche.sous_axe, sous_axe_titre=sub.titre if (sub := axe.sous_axe(fiche.sous_axe) if axe else None) else None,
        statut=status(st.statut), motif=st.motif,
        declare=status(st.statut_declare) if st.statut_declare else None,
        avancement=pct(st.avancement), avancement_pct=st.avancement, a_un_suivi=suivi is not None,
        calendrier_source=SOURCES_CALENDRIER.get(st.calendrier.source, st.calendrier.source)
        + (f" en {st.calendrier.annee}" if st.calendrier.source == "ajuste" and st.calendrier.annee else ""),
        calendrier_dates=f"du {fr_date(span.debut)} au {fr_date(span.fin)}" if span else "non daté",
        porteurs=porteurs, partenaires=partenaires, renouvellement=fiche.renouvellement,
        realisations=st.realisations, difficultes=st.difficultes, commentaire=st.commentaire,
        calendrier_prevu=prevu, calendrier_ajuste=ajuste, calendrier_ajuste_annee=ajuste_annee,
        calendrier_ajuste_lu=ajuste_lu,
        declinaisons=declinaisons, indicateurs=indicateurs,
        graphique_indicateurs=charts.indicator_bars(chart_rows, {c: label(c) for c in STATUTS_INDICATEUR},
                                                title=f"Indicateurs de la fiche {fiche.id} en {year}")
        if chart_rows else Markup(""),
        transitions=[(TRANSITIONS.get(k, k.capitalize()), fiche.transitions.get(k)) for k in contrat.transitions],
        evolution=evolution(fiche, st, before, year, first_year),
        champs=[CustomFieldView(f.libelle, shown(f, fiche.champs[f.cle])) for f in contrat.champs
                if fiche.champs.get(f.cle) not in (None, "", [])],
    )


def adjusted(fiche: Fiche, year: int, holder_of: Callable, contrat: Contrat) -> tuple[list[CalendarEntry], int | None, bool]:
    """The latest adjusted calendar written in the follow-up up to ``year`` (of the fiche, or of the
    déclinaison ``holder_of`` picks), as written, even when no period of it can be read (then the
    planned calendar still applies, and the report says so): its entries, year, and readability."""
    for y in sorted((y for y in fiche.suivi if y <= year), reverse=True):
        holder = holder_of(fiche.suivi[y])
        if holder is not None and holder.calendrier_ajuste:
            plans = plan_entries(holder.calendrier_ajuste, contract_interval(contrat))
            return entries(holder.calendrier_ajuste), y, any(e.intervals for e in plans)
    return [], None, True


def indicator_view(i: IndicatorStatus) -> IndicatorView:
    unit = i.unite or ""
    reference = f"{num(i.reference, unit)} ({i.reference_annee})" if i.reference is not None else ""
    cible = f"{num(i.cible, unit)} ({i.cible_annee})" if i.cible is not None else ""
    return IndicatorView(
        id=i.id, libelle=i.libelle, type=TYPES_INDICATEUR.get(i.type, i.type), unite=unit, sens=i.sens,
        qualitatif=i.qualitatif, reference=reference, cible=cible, valeur=num(i.valeur, unit),
        appreciation=i.appreciation, commentaire=i.commentaire, statut=status(i.statut))


def evolution(fiche: Fiche, st: FicheStatus, before: FicheStatus | None, year: int,
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
                out.append(f"Indicateur {ident} : {num(v0, units.get(ident))} en {prev} → "
                           f"{num(v1, units.get(ident))} en {year}.")
            elif v1 is not None and v0 is None:
                out.append(f"Indicateur {ident} : {num(v1, units.get(ident))} en {year} (pas de valeur pour {prev}).")
    return out
