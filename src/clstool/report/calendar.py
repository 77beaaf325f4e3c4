"""The calendar section of the report: one row per planned or adjusted entry, the Gantt labels,
the Mermaid diagram of the Markdown report."""

from __future__ import annotations

import datetime as dt
import re

from clstool.model.contrat import Contrat
from clstool.model.documents import Fiche
from clstool.model.vocabulary import (
    STATUTS_PREVUS,
)
from clstool.planning import calendar
from clstool.planning.plan import (
    contract_interval,
    plan_entries,
    planned_status,
)
from clstool.planning.status_report import FicheStatus
from clstool.report import markdown
from clstool.report.views import AxisView, CalendarRow, status
from clstool.yamlio.load import Project


def gantt_label(row: CalendarRow) -> str:
    return f"{row.fiche} · D{row.declinaison_ref}" if row.declinaison_ref else row.fiche


def gantt_detail(row: CalendarRow) -> str:
    text = row.jalon or row.declinaison or row.periode
    if row.source.startswith("ajusté"):
        return f"{text} (ajusté)"
    return f"{text} (prévu, remplacé)" if "remplacé" in row.source else text


PLANNED = {code: term.label for code, term in STATUTS_PREVUS.items()}


def calendar_rows(project: Project, contrat: Contrat, fiches: list[tuple[Fiche, FicheStatus]], year: int,
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
            fiche=item.fiche, declinaison=item.declinaison, declinaison_ref=unit_ref(unit),
            periode=item.periode, jalon=item.jalon, debut=item.debut, fin=item.fin,
            lu=item.debut is not None, statut=status(unit.statut),
            prevu=PLANNED.get(item.statut or "", "non daté"),
            source=f"prévu (remplacé par le calendrier ajusté en {unit.calendrier.annee})" if replaced else "prévu",
            remplace=replaced))
    contract = contract_interval(contrat)
    for fiche, st in fiches:
        units = [(st, None, fiche.suivi)] + [
            (d, d.titre, {y: s.declinaisons.get(r) for y, s in fiche.suivi.items() for r in refs(n, d.ref)
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
                        fiche=fiche.id, declinaison=titre, declinaison_ref=unit_ref(unit),
                        periode=entry.periode, jalon=entry.jalon,
                        debut=interval.debut if interval else None, fin=interval.fin if interval else None,
                        lu=interval is not None, statut=status(unit.statut),
                        prevu=PLANNED.get(planned_status([interval], year, as_of) or "", "non daté")
                        if interval else "non daté",
                        source=f"ajusté en {cal.annee}"))
    order = {st.id: n for n, (_, st) in enumerate(fiches)}
    rows.sort(key=lambda r: (order[r.fiche], r.declinaison_ref or ""))
    return rows


def unit_ref(unit) -> str | None:
    return getattr(unit, "ref", None) or None


def refs(index: int, ref: str) -> tuple[str, ...]:
    """The keys a follow-up may use for a déclinaison: its position (« 1 »), and its id."""
    return tuple(dict.fromkeys(r for r in (str(index + 1), ref) if r))


def mermaid_text(text: str) -> str:
    """A task name Mermaid cannot misread: no colon, semicolon, hash or line break."""
    text = re.sub(r"[:;#\"`\r\n]+", " ", text)
    return " ".join(text.split())[:70] or "—"


MERMAID_TAGS = {"realise": "done", "en_cours": "active", "en_retard": "crit", "bloque": "crit"}


def mermaid(rows: list[CalendarRow], axes: list[AxisView], year: int, as_of: dt.date) -> str:
    """The Gantt as a Mermaid block (GitHub renders it); dates clipped to the year."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    lines = ["```mermaid", "gantt", f"    title Calendrier {year}", "    dateFormat YYYY-MM-DD",
             "    axisFormat %m/%Y", "    todayMarker off"]
    for axis in axes:
        ids = {f.id for f in axis.fiches}
        mine = [r for r in rows if r.fiche in ids and r.lu]
        if not mine:
            continue
        lines.append(f"    section {mermaid_text('Axe ' + axis.id)}")
        for r in mine:
            name = mermaid_text(f"{gantt_label(r)} {gantt_detail(r)}")
            tag = MERMAID_TAGS.get(r.statut.code)
            debut, fin = max(r.debut, start), min(r.fin, end)
            after = (fin + dt.timedelta(days=1)).isoformat()
            lines.append(f"    {name} :{tag + ', ' if tag else ''}{debut.isoformat()}, {after}")
    if start <= as_of <= end:
        lines.append("    section Référence")
        lines.append(f"    Date du bilan :milestone, {as_of.isoformat()}, 0d")
    lines.append("```")
    return markdown.Raw("\n".join(lines))
