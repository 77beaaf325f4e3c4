"""Writing one campaign workbook (.xlsx) with openpyxl: read-only context, cells to fill.

The cells to fill are unlocked, pale yellow and validated by the spreadsheet (a drop-down of
the eight statuses, a whole number 0–100, a number for an indicator's value); everything else is
locked (sheet protection without a password: a carrier may lift it, the import reads only the
cells to fill). Pages print on A4 landscape, one page wide, with the header row repeated.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from copy import copy
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from clstool.campaign import layout as L
from clstool.campaign.addressees import Addressee
from clstool.campaign.guide import GUIDE_HEADINGS, guide_lines
from clstool.campaign.snapshot import declinaison_keys, fingerprint, plan_signature
from clstool.model.documents import Fiche, Indicateur, MesureIndicateur, SuiviAnnee, periode_of
from clstool.planning.plan import fiche_plan, meets
from clstool.sheets.write import put

HEADER = PatternFill("solid", fgColor="1F4E78")
ANSWER = PatternFill("solid", fgColor="FFF2CC")
WRAP = Alignment(vertical="top", wrap_text=True)
UNLOCKED = Protection(locked=False)


@dataclass(frozen=True)
class Context:
    territoire: str
    year: int
    contract: tuple[dt.date, dt.date] | None


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)[:32000]
    return value


def _calendar_lines(entries) -> list[str]:
    out = []
    for entry in entries:
        jalon = getattr(entry, "jalon", None)
        out.append(periode_of(entry) + (f" : {jalon}" if jalon else ""))
    return out


def planned(fiche: Fiche, ctx: Context, declinaison: int | None = None) -> str:
    """The calendar entries that meet the year, one per line (« période : jalon »)."""
    plan = fiche_plan(fiche, ctx.contract)
    units = plan.declinaisons if declinaison is None else (plan.declinaisons[declinaison],)
    lines = []
    own = plan.own if declinaison is None else units[0].entries or units[0].inherited
    for entry in own:
        if any(meets(i, ctx.year) for i in entry.intervals):
            lines.append(f"{entry.periode}" + (f" : {entry.jalon}" if entry.jalon else ""))
    if declinaison is None:
        for unit in units:
            for entry in unit.entries:
                if any(meets(i, ctx.year) for i in entry.intervals):
                    lines.append(f"(décl. {unit.index + 1}) {entry.periode}"
                                 + (f" : {entry.jalon}" if entry.jalon else ""))
    return "\n".join(lines) if lines else "rien de daté pour cette année"


def _previous(fiche: Fiche, year: int) -> str:
    suivi = fiche.suivi.get(year - 1)
    if suivi is None:
        return f"pas de suivi {year - 1}"
    parts = []
    if suivi.statut:
        parts.append(f"Statut : {L.STATUS_LABELS[suivi.statut]}"
                     + (f" ({suivi.avancement} %)" if suivi.avancement is not None else ""))
    if suivi.realisations:
        parts.append("Réalisé : " + " ; ".join(suivi.realisations))
    if suivi.difficultes:
        parts.append("Difficultés : " + " ; ".join(suivi.difficultes))
    return "\n".join(parts) or f"suivi {year - 1} sans statut"


def _measure(suivi: SuiviAnnee | None, indicator: Indicateur) -> MesureIndicateur:
    value = suivi.indicateurs.get(indicator.id) if suivi else None
    if isinstance(value, MesureIndicateur):
        return value
    return MesureIndicateur(valeur=value)


def _measure_text(suivi: SuiviAnnee | None, indicator: Indicateur) -> str | None:
    m = _measure(suivi, indicator)
    shown = [str(m.valeur) if m.valeur is not None else None, m.appreciation]
    return " ; ".join(s for s in shown if s) or None


class _Styles:
    """Cell styles made once per workbook and copied onto cells (setting a font, a fill… on each
    cell is what makes openpyxl slow)."""

    def __init__(self, ws: Any):
        def proto(column: int, **attrs: Any) -> Any:
            cell = ws.cell(1, column)
            for name, value in attrs.items():
                setattr(cell, name, value)
            return copy(cell._style)

        self.read = proto(1, alignment=WRAP)
        self.answer = proto(2, alignment=WRAP, fill=ANSWER, protection=UNLOCKED)
        self.whole = proto(3, alignment=WRAP, fill=ANSWER, protection=UNLOCKED, number_format="0")
        self.header = proto(4, alignment=Alignment(vertical="center", wrap_text=True),
                            font=Font(bold=True, color="FFFFFF"), fill=HEADER)
        for column in range(1, 5):
            ws.cell(1, column)._style = copy(ws.cell(1, 5)._style)


class _Sheet:
    def __init__(self, workbook: Workbook, spec: L.SheetLayout):
        self.spec = spec
        self.ws = workbook.create_sheet(spec.title)
        self.styles = _Styles(self.ws)
        for index, column in enumerate(spec.columns, start=1):
            put(self.ws, 1, index, spec.marker if index == 1 else column.code)
            put(self.ws, L.HEADER_ROW, index, column.header)
        self.row = L.FIRST_ROW - 1

    def add(self, values: dict[str, Any]) -> None:
        self.row += 1
        lines = 3  # room to write in the cells to fill
        for index, column in enumerate(self.spec.columns, start=1):
            value = _clean(values.get(column.code))
            cell = put(self.ws, self.row, index, value)
            cell._style = copy(self.styles.whole if column.code == "avancement" else
                               self.styles.answer if column.answer else self.styles.read)
            if index > 1 and value is not None:
                per_line = max(column.width * 1.15, 4)
                lines = max(lines, sum(1 + int(len(part) / per_line) for part in str(value).split("\n")))
        self.ws.row_dimensions[self.row].height = min(15 * lines, 400)

    def finish(self, validations: dict[str, DataValidation]) -> None:
        ws, last = self.ws, max(self.row, L.FIRST_ROW)
        for index, column in enumerate(self.spec.columns, start=1):
            letter = get_column_letter(index)
            ws.column_dimensions[letter].width = column.width
            ws.cell(L.HEADER_ROW, index)._style = copy(self.styles.header)
            rule = validations.get(column.code)
            if rule is not None and self.row >= L.FIRST_ROW:
                rule.add(f"{letter}{L.FIRST_ROW}:{letter}{last}")
                ws.add_data_validation(rule)
        ws.row_dimensions[L.HEADER_ROW].height = 32
        ws.column_dimensions["A"].hidden = True
        ws.row_dimensions[1].hidden = True
        ws.freeze_panes = f"C{L.FIRST_ROW}"
        ws.auto_filter.ref = f"B{L.HEADER_ROW}:{get_column_letter(len(self.spec.columns))}{last}"
        ws.print_title_rows = f"{L.HEADER_ROW}:{L.HEADER_ROW}"
        _print_setup(ws)
        ws.protection.sheet = True
        ws.protection.formatColumns = ws.protection.formatRows = False  # widths, heights: allowed
        ws.protection.sort = ws.protection.autoFilter = False


def _print_setup(ws: Any) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4


def _validations(year: int) -> dict[str, DataValidation]:
    statuses = ",".join(L.STATUS_LABELS.values())

    def status() -> DataValidation:
        return DataValidation(
            type="list", formula1=f'"{statuses}"', allow_blank=True, showErrorMessage=True,
            errorTitle="Statut inconnu", error="Choisissez un statut dans la liste.",
            promptTitle=f"Statut {year}", prompt="Choisissez dans la liste.", showInputMessage=True)

    return {
        "statut": status(),
        "avancement": DataValidation(
            type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
            showErrorMessage=True, errorTitle="Avancement", error="Un nombre entier de 0 à 100, sans %.",
            promptTitle="Avancement", prompt="Nombre entier de 0 à 100 (sans %).", showInputMessage=True),
        "valeur": DataValidation(
            type="decimal", operator="between", formula1="-1000000000000", formula2="1000000000000",
            allow_blank=True, showErrorMessage=True, errorTitle="Valeur",
            error="Un nombre. Une appréciation en mots va dans la colonne « Appréciation ».",
            promptTitle="Valeur", prompt="Un nombre, sans l'unité.", showInputMessage=True),
        "calendrier_ajuste": DataValidation(
            type="textLength", operator="lessThanOrEqual", formula1="2000", allow_blank=True,
            promptTitle="Calendrier ajusté", showInputMessage=True,
            prompt="Une période par ligne, avec l'année : « 2e semestre 2025 », « mars à juin 2025 : lancement »."),
    }


def _fiche_row(fiche: Fiche, ctx: Context) -> dict[str, Any]:
    suivi = fiche.suivi.get(ctx.year)
    row: dict[str, Any] = {"cle": fiche.id, "fiche": fiche.id, "titre": fiche.titre,
                           "prevu": planned(fiche, ctx), "precedent": _previous(fiche, ctx.year)}
    if suivi is not None:
        row.update(statut=L.STATUS_LABELS.get(suivi.statut or "", None), avancement=suivi.avancement,
                   realisations="\n".join(suivi.realisations) or None,
                   difficultes="\n".join(suivi.difficultes) or None,
                   calendrier_ajuste="\n".join(_calendar_lines(suivi.calendrier_ajuste)) or None,
                   commentaire=suivi.commentaire)
    return row


def build(addressee: Addressee, ctx: Context) -> bytes:
    """The workbook of one addressee, as bytes."""
    workbook = Workbook()
    guide = workbook.active
    guide.title = "Mode d'emploi"
    for line in guide_lines(addressee, ctx.year, ctx.territoire):
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    guide["A1"].font = Font(bold=True, size=14)
    for row in guide.iter_rows(min_row=2):
        cell = row[0]
        text = str(cell.value or "")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if text in GUIDE_HEADINGS:
            cell.font = Font(bold=True, size=12)
        guide.row_dimensions[cell.row].height = 16 * max(1, -(-len(text) // 105))
    _print_setup(guide)
    guide.print_options.gridLines = False
    guide.protection.sheet = True

    year = ctx.year
    fiches_s = _Sheet(workbook, L.fiches_layout(year))
    decl_s = _Sheet(workbook, L.declinaisons_layout(year))
    ind_s = _Sheet(workbook, L.indicateurs_layout(year))
    meta = workbook.create_sheet(L.META_SHEET)
    for pair in (("format", L.FORMAT), ("territoire", ctx.territoire), ("annee", year),
                 ("destinataire", addressee.label), ("fichier", f"{addressee.key}.xlsx")):
        meta.append(list(pair))
    meta.append(["fiche", "plan", "suivi"])
    for fiche in addressee.fiches:
        suivi = fiche.suivi.get(year)
        previous = fiche.suivi.get(year - 1)
        fiches_s.add(_fiche_row(fiche, ctx))
        for index, (key, titre) in enumerate(declinaison_keys(fiche)):
            own = suivi.declinaisons.get(key) if suivi else None
            before = previous.declinaisons.get(key) if previous else None
            decl_s.add({"cle": L.row_key(fiche.id, key), "fiche": fiche.id, "titre": f"{index + 1}. {titre}",
                        "prevu": planned(fiche, ctx, index),
                        "precedent": L.STATUS_LABELS.get(before.statut or "", None) if before else None,
                        "statut": L.STATUS_LABELS.get(own.statut or "", None) if own else None,
                        "commentaire": own.commentaire if own else None})
        for indicator in fiche.indicateurs:
            now = _measure(suivi, indicator)
            cibles = [y for y in indicator.cibles if y <= year]
            ind_s.add({"cle": L.row_key(fiche.id, indicator.id), "fiche": fiche.id,
                       "titre": f"{indicator.id}. {indicator.libelle}", "unite": indicator.unite,
                       "reference": (f"{indicator.reference.valeur} ({indicator.reference.annee})"
                                     if indicator.reference else None),
                       "cible": indicator.cibles[max(cibles)] if cibles else None,
                       "precedent": _measure_text(previous, indicator),
                       "valeur": now.valeur, "appreciation": now.appreciation, "commentaire": now.commentaire})
        meta.append([fiche.id, json.dumps(plan_signature(fiche), ensure_ascii=False), fingerprint(suivi)])
    for sheet in (fiches_s, decl_s, ind_s):  # one set of rules per sheet: a rule lives in one sheet
        sheet.finish(_validations(year))
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
