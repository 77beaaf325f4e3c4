"""Render a status report (:class:`clstool.planning.status.StatusReport`) as a table, JSON or CSV.

``json``
    docs/statuts.md#formats: ``{"year", "as_of", "fiches": [{"territoire", "id", "titre", "axe", "statut",
    "declinaisons": [{"titre", "statut"}], "indicateurs": [{"id", "libelle", "type", "cible",
    "valeur", "statut"}]}]}``, each object with more keys (``motif``, ``statut_declare``,
    ``avancement``, ``debut``/``fin`` of the calendar in force…), plus ``axes`` (per territory
    and axis, the number of fiches by status, every status present), ``gouvernance`` (meetings
    of each body in the year against its minimum) and ``ignores`` (files that could not be read).

``csv``
    One row per fiche, déclinaison and indicator (column « Niveau »), the same columns for all,
    under French headers (:data:`HEADERS`: « Statut » is the label, « Code du statut » the code).
    Dialect ``excel`` (default): UTF-8 with a BOM, ``;`` separator and decimal commas, which
    French Excel opens as is. Dialect ``standard``: UTF-8 without BOM, ``,`` separator, decimal
    points (RFC 4180). Both end lines with CRLF; text a spreadsheet would take for a formula is
    prefixed with ``'`` (:mod:`clstool.sheets.write`, the one CSV dialect).

``table``
    For each territory: a summary per axis (fiches by status), one line per fiche with its
    déclinaisons and indicators, then the governance bodies.
"""

from __future__ import annotations

import io
import json

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from clstool.model.budget import Total, add
from clstool.model.formatting import fr_number, fr_percent, iso_date
from clstool.model.vocabulary import STATUTS, libelle, status_term
from clstool.planning.status_report import (
    AxisSummary,
    DeclinaisonStatus,
    FicheStatus,
    IndicatorStatus,
    StatusReport,
    UnitStatus,
)
from clstool.printable import console as safe_console
from clstool.printable import json_safe, visible
from clstool.sheets.write import csv_cell, write_csv

# --- JSON -------------------------------------------------------------------------------------


def _unit_json(unit: UnitStatus) -> dict:
    return {
        "statut": unit.statut,
        "motif": unit.motif,
        "statut_declare": unit.statut_declare,
        "avancement": unit.avancement,
        "debut": iso_date(unit.debut),
        "fin": iso_date(unit.fin),
        "calendrier": unit.calendrier.source,
        "prevu": unit.prevu,
    }


def _declinaison_json(d: DeclinaisonStatus) -> dict:
    return {"ref": d.ref, "titre": d.titre, **_unit_json(d), "commentaire": d.commentaire}


def _indicator_json(i: IndicatorStatus) -> dict:
    return {
        "id": i.id, "libelle": i.libelle, "type": i.type, "unite": i.unite, "sens": i.sens,
        "reference": i.reference, "reference_annee": i.reference_annee,
        "cible": i.cible, "cible_annee": i.cible_annee, "valeur": i.valeur,
        "commentaire": i.commentaire, "appreciation": i.appreciation, "statut": i.statut,
    }  # fmt: skip


def _budget_json(budget: dict[str, Total]) -> dict:
    return {unit: {"prevu": t.prevu, "realise": t.realise, "taux": t.taux} for unit, t in budget.items()}


def _fiche_json(f: FicheStatus) -> dict:
    out = {
        "territoire": f.territoire, "fichier": f.fichier, "id": f.id, "titre": f.titre, "axe": f.axe,
        **({"sous_axe": f.sous_axe} if f.sous_axe else {}),
        **_unit_json(f),
        "declinaisons": [_declinaison_json(d) for d in f.declinaisons],
        "indicateurs": [_indicator_json(i) for i in f.indicateurs],
        "alerte": f.alerte,
    }  # fmt: skip
    if f.budget:
        out["budget"] = _budget_json(f.budget)
    if f.champs:  # the contract's custom fields, by key (their labels: contrat.yaml, champs)
        out["champs"] = f.champs
    return out


def _axis_json(a: AxisSummary, key: str = "axe") -> dict:
    out = {"territoire": a.territoire, key: a.id, "titre": a.titre, "fiches": a.total, "statuts": a.counts}
    if a.budget:
        out["budget"] = _budget_json(a.budget)
    if a.sous_axes:
        out["sous_axes"] = [_axis_json(s, "sous_axe") for s in a.sous_axes]
    return out


def to_data(report: StatusReport) -> dict:
    return {
        "year": report.year,
        "as_of": report.as_of.isoformat(),
        "fiches": [_fiche_json(f) for f in report.fiches],
        "axes": [_axis_json(a) for a in report.axes],
        "gouvernance": [{
            "territoire": g.territoire, "id": g.id, "nom": g.nom, "reunions_min_par_an": g.minimum,
            "reunions": [{"date": d.isoformat(), "objet": o} for d, o in g.reunions],
            "prevues": [{"date": d.isoformat(), "objet": o} for d, o in g.prevues],
            "nombre": len(g.reunions), "statut": g.statut,
        } for g in report.gouvernance],
        "ignores": report.ignores,
        "erreurs": report.erreurs,
    }


def to_json(report: StatusReport) -> str:
    return json_safe(json.dumps(to_data(report), ensure_ascii=False, indent=2))


# --- CSV --------------------------------------------------------------------------------------

COLUMNS = (
    "territoire", "niveau", "fiche", "axe", "declinaison", "indicateur", "intitule", "statut",
    "libelle_statut", "motif", "statut_declare", "avancement", "debut", "fin", "type", "unite",
    "sens", "reference", "cible", "cible_annee", "valeur", "commentaire", "appreciation", "alerte",
)  # fmt: skip
#: Added after :data:`COLUMNS` only when some fiche has a sub-axis, or a budget line that year.
SOUS_AXE_COLUMNS = ("sous_axe",)
BUDGET_COLUMNS = ("budget_prevu_euros", "budget_realise_euros", "budget_prevu_etp", "budget_realise_etp")


def columns(report: StatusReport) -> tuple[str, ...]:
    """:data:`COLUMNS`, plus the sub-axis and budget columns when the report has any."""
    out = COLUMNS
    if any(f.sous_axe for f in report.fiches):
        out += SOUS_AXE_COLUMNS
    if any(f.budget for f in report.fiches):
        out += BUDGET_COLUMNS
    return out


def _budget_cells(budget: dict[str, Total]) -> dict:
    return {f"budget_{what}_{unit}": getattr(total, what) for unit, total in budget.items()
            for what in ("prevu", "realise")}


#: The French header of each column (the CSV's first row; the « Statuts » sheet of ``export --format xlsx``).
HEADERS = {
    "territoire": "Territoire", "niveau": "Niveau", "fiche": "Fiche", "axe": "Axe",
    "declinaison": "Déclinaison", "indicateur": "Indicateur", "intitule": "Intitulé",
    "statut": "Code du statut", "libelle_statut": "Statut", "motif": "Motif",
    "statut_declare": "Statut déclaré", "avancement": "Avancement (%)", "debut": "Début", "fin": "Fin",
    "type": "Type d'indicateur", "unite": "Unité", "sens": "Sens", "reference": "Valeur de référence",
    "cible": "Cible", "cible_annee": "Année de la cible", "valeur": "Valeur mesurée",
    "commentaire": "Commentaire", "appreciation": "Appréciation", "alerte": "Erreurs du fichier",
    "sous_axe": "Sous-axe", "budget_prevu_euros": "Budget prévu (€)", "budget_realise_euros": "Budget réalisé (€)",
    "budget_prevu_etp": "Budget prévu (ETP)", "budget_realise_etp": "Budget réalisé (ETP)",
}  # fmt: skip


def csv_rows(report: StatusReport):
    """Each row as a dict of :data:`COLUMNS` (values not yet formatted)."""
    for f in report.fiches:
        base = {"territoire": f.territoire, "fiche": f.id, "axe": f.axe, "sous_axe": f.sous_axe}
        yield {**base, **_budget_cells(f.budget), "niveau": "fiche", "intitule": f.titre, "statut": f.statut,
               "libelle_statut": libelle(f.statut), "motif": f.motif, "statut_declare": f.statut_declare,
               "avancement": f.avancement, "debut": f.debut, "fin": f.fin, "commentaire": f.commentaire,
               "alerte": f.alerte}
        for d in f.declinaisons:
            yield {**base, "niveau": "declinaison", "declinaison": d.ref, "intitule": d.titre,
                   "statut": d.statut, "libelle_statut": libelle(d.statut), "motif": d.motif,
                   "statut_declare": d.statut_declare, "avancement": d.avancement, "debut": d.debut,
                   "fin": d.fin, "commentaire": d.commentaire}
        for i in f.indicateurs:
            yield {**base, "niveau": "indicateur", "indicateur": i.id, "intitule": i.libelle,
                   "statut": i.statut, "libelle_statut": libelle(i.statut), "type": i.type,
                   "unite": i.unite, "sens": i.sens, "reference": i.reference, "cible": i.cible,
                   "cible_annee": i.cible_annee, "valeur": i.valeur, "commentaire": i.commentaire,
                   "appreciation": i.appreciation}


def to_csv(report: StatusReport, dialect: str = "excel") -> bytes:
    """The CSV file, as bytes, in clstool's CSV dialect (:func:`clstool.sheets.write.write_csv`)."""
    names = columns(report)
    return write_csv([HEADERS[c] for c in names], ([row.get(c) for c in names] for row in csv_rows(report)), dialect)


# --- Table ------------------------------------------------------------------------------------

def _status_text(code: str) -> Text:
    term = status_term(code)
    return Text(libelle(code), style=term.style if term else "")


def _number_text(value) -> str:
    if value is None:
        return "—"
    return csv_cell(value, True) if isinstance(value, (int, float)) else str(value)


def _indicator_lines(indicators: list[IndicatorStatus]) -> list[Text]:
    """One line per measured indicator; the others grouped by status (« P2, R2 non mesuré »)."""
    lines: list[Text] = []
    grouped: dict[str, list[str]] = {}
    for i in indicators:
        if i.valeur is None and i.cible is None:
            grouped.setdefault(i.statut, []).append(i.id)
            continue
        unit = f" {i.unite}" if i.unite else ""
        line = Text(visible(f"{i.id} ")).append_text(_status_text(i.statut))
        line.append(f" ({_number_text(i.valeur)} / {_number_text(i.cible)}{unit})", style="dim")
        lines.append(line)
    for statut, ids in grouped.items():
        lines.append(Text(visible(", ".join(ids)) + " ").append_text(_status_text(statut)))
    return lines


def _lines(items: list[Text]) -> Text:
    return Text("\n").join(items) if items else Text("—", style="dim")


TITLE_WIDTH = 48


def _shorten(text: str, width: int = 2 * TITLE_WIDTH) -> str:
    """At most two lines of the title column: the table keeps one row per fiche readable."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def tables(report: StatusReport) -> list[RenderableType]:
    """The rich renderables of the ``table`` format, in order."""
    out: list[RenderableType] = []
    header = f"Statut {report.year}, au {report.as_of.strftime('%d/%m/%Y')}"
    for territoire in dict.fromkeys([a.territoire for a in report.axes] + [f.territoire for f in report.fiches]):
        out.append(Text(visible(f"{territoire} — {header}"), style="bold"))
        axes = [a for a in report.axes if a.territoire == territoire]
        present = [s for s in STATUTS if any(a.counts[s] for a in axes)]
        summary = Table(title="Synthèse : fiches par statut et par axe", title_justify="left")
        summary.add_column("Statut", no_wrap=True)
        for a in axes:
            summary.add_column(f"Axe {a.id}", justify="right", no_wrap=True)
        summary.add_column("Total", justify="right", no_wrap=True, style="bold")
        for s in present:
            summary.add_row(_status_text(s), *[str(a.counts[s] or "") for a in axes],
                            str(sum(a.counts[s] for a in axes)))
        summary.add_row(Text("toutes", style="bold"), *[str(a.total) for a in axes],
                        str(sum(a.total for a in axes)), end_section=True)
        out.append(summary)

        fiches = Table(title="Fiches", title_justify="left", show_lines=True)
        fiches.add_column("Fiche", no_wrap=True, width=max([5, *(len(f.id) for f in report.fiches)]))
        fiches.add_column("Intitulé", overflow="fold", max_width=TITLE_WIDTH)
        fiches.add_column("Statut", no_wrap=True, overflow="ellipsis", width=12)
        fiches.add_column("Déclinaisons", no_wrap=True, overflow="ellipsis", width=16)
        fiches.add_column("Indicateurs", overflow="fold")
        for f in (f for f in report.fiches if f.territoire == territoire):
            statut = _status_text(f.statut)
            if f.avancement is not None:
                statut.append(f"\n{f.avancement} %", style="dim")
            declinaisons = [Text(visible(f"{d.ref}. ")).append_text(_status_text(d.statut)) for d in f.declinaisons]
            title = Text(visible(_shorten(f.titre)))
            if f.alerte:
                title.append("\n" + visible(f.alerte), style="bold red")
            ident = f"{f.id}\n({f.sous_axe})" if f.sous_axe else f.id
            fiches.add_row(visible(ident), title, statut, _lines(declinaisons),
                           _lines(_indicator_lines(f.indicateurs)))
        out.append(fiches)
        if any(f.budget for f in report.fiches if f.territoire == territoire):
            out.append(budget_table(axes, report.year))

        bodies = [g for g in report.gouvernance if g.territoire == territoire]
        if bodies:
            gov = Table(title="Gouvernance", title_justify="left")
            for name in ("Instance", "Réunions", "Minimum", "Statut"):
                gov.add_column(name)
            for g in bodies:
                held = ", ".join(d.strftime("%d/%m") for d, _ in g.reunions)
                count = f"{len(g.reunions)}" + (f" ({held})" if held else "")
                if g.prevues:
                    count += f" + {len(g.prevues)} prévue(s)"
                gov.add_row(g.nom, count, "—" if g.minimum is None else str(g.minimum), _status_text(g.statut))
            out.append(gov)
    listed = {f.fichier for f in report.fiches}
    for file, alert in report.erreurs.items():  # the contract, and the files not read at all
        if file not in listed:
            out.append(Text(visible(alert), style="bold red"))
    unexplained = [f for f in report.ignores if f not in report.erreurs]
    if unexplained:
        out.append(Text("Fichiers illisibles, absents du tableau : " + visible(", ".join(unexplained)),
                        style="yellow"))
    if not report.fiches:
        out.append(Text("Aucune fiche."))
    return out


def _amount(total: Total | None, what: str) -> str:
    value = getattr(total, what) if total else None
    return "—" if value is None else fr_number(value)


def budget_table(axes: list[AxisSummary], year: int) -> Table:
    """The year's budget per axis (and sub-axis), planned against executed, then the total."""
    table = Table(title=f"Budget {year} : prévu et réalisé", title_justify="left")
    table.add_column("Axe", overflow="fold", min_width=24, max_width=TITLE_WIDTH)
    for name in ("Prévu €", "Réalisé €", "Taux", "Prévu ETP", "Réalisé ETP"):
        table.add_column(name, justify="right", no_wrap=True)

    def row(label: str, budget: dict[str, Total], **style) -> None:
        euros, etp = budget.get("euros"), budget.get("etp")
        rate = fr_percent(euros.taux) if euros and euros.taux is not None else "—"
        table.add_row(visible(label), _amount(euros, "prevu"), _amount(euros, "realise"), rate,
                      _amount(etp, "prevu"), _amount(etp, "realise"), **style)

    for a in (a for a in axes if a.budget):
        row(f"Axe {a.id}" + (f" — {_shorten(a.titre, TITLE_WIDTH)}" if a.titre else ""), a.budget)
        for s in a.sous_axes or ():
            if s.budget:
                row(f"  {s.id} — {_shorten(s.titre or '', TITLE_WIDTH)}", s.budget, style="dim")
    row("Total", add(*(a.budget for a in axes)), style="bold", end_section=True)
    return table


def table(report: StatusReport) -> Group:
    return Group(*tables(report))


def table_text(report: StatusReport, width: int = 120) -> str:
    """The ``table`` format as plain text, for ``-o FILE``."""
    console = safe_console(record=True, width=width, file=io.StringIO(), color_system=None)
    console.print(table(report))
    return console.export_text()
