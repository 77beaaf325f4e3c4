"""``clstool export``: the data as tables for spreadsheets and other tools.

``json``
    The full validated data: ``{"version": 1, "territoires": [{"dossier", "contrat",
    "fiches": [...]}]}``, every field present (defaults included), ``suivi`` years as keys.
``csv``
    One row per fiche (:data:`FICHE_COLUMNS`, French headers, then one column per custom field
    of the contracts, headed by its label). Dialect ``excel`` (default, as
    ``clstool status``): UTF-8 with BOM, ``;``, decimal comma; ``standard``: ``,``, no BOM. Text
    that a spreadsheet would take for a formula is prefixed with ``'`` (:mod:`clstool.sheets.write`).
``xlsx``
    Sheets Fiches, Déclinaisons, Calendrier, Indicateurs, Suivi (and Budget, Budget annuel when a
    fiche has a budget: :mod:`clstool.interop.budget_tables`): bold header on a dark fill,
    frozen header row, column widths fitted to the content, filters on every column; text is
    always a string cell, never a formula.

Lists in a cell are joined with `` ; ``; dates are the span of the calendar
(:mod:`clstool.planning.plan`). Files are read as every reading command reads them
(:mod:`clstool.lint.reading`): a file with errors gives what could be read, and its errors in the
last column of the Fiches table (« Fiche incomplète : ligne 5, colonne 3 : … ») or under
``erreurs`` in JSON; a fiche that cannot be read at all has a row of its own there, with only that
column filled.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from clstool.interop.budget_tables import (
    BUDGET_SHEETS,
    FICHE_BUDGET_COLUMNS,
    SOUS_AXE_COLUMNS,
    fiche_budget_cells,
    has_budget,
    has_sub_axes,
    sub_axis_cells,
)
from clstool.model.contrat import Contrat
from clstool.model.custom_fields import ChampPersonnalise, heading, problem
from clstool.model.documents import Fiche, Financement, flatten, periode_of
from clstool.model.names import id_key
from clstool.planning.plan import contract_interval, fiche_plan, plan_entries, span
from clstool.sheets.write import put, write_csv
from clstool.yamlio.load import Project, SourceFile, load

SEP = " ; "


@dataclass
class TerritoryData:
    display: str  #: the folder as given
    contrat: Contrat | None
    fiches: list[tuple[SourceFile, Fiche]]
    #: code → label of the regional référentiel that applies to the territory (none: empty)
    referentiel: dict[str, str] = field(default_factory=dict)
    #: file → its errors, as shown in place; the fiches that could not be read at all among them
    erreurs: dict[str, str] = field(default_factory=dict)
    illisibles: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.contrat.territoire if self.contrat else self.display

    @property
    def contract(self) -> tuple[dt.date, dt.date] | None:
        return contract_interval(self.contrat)

    def axis_title(self, axe: str) -> str | None:
        return next((a.titre for a in self.contrat.axes if a.id == axe), None) if self.contrat else None


@dataclass
class Exported:
    territories: list[TerritoryData] = field(default_factory=list)
    ignores: list[str] = field(default_factory=list)  #: files left out (errors)

    @property
    def fiches(self) -> Iterator[tuple[TerritoryData, Fiche]]:
        for territory in self.territories:
            for _, fiche in territory.fiches:
                yield territory, fiche


def collect(paths: list[str]) -> Exported:
    """Load the territories designated by ``paths`` (see :func:`collect_project`)."""
    return collect_project(load(paths))


def collect_project(project: Project) -> Exported:
    """What the loaded ``project`` gives to export: every file that could be read, in full or
    in part (:attr:`~clstool.yamlio.load.SourceFile.usable`)."""
    out = Exported()
    for territory in project.territories:
        contrat = territory.contrat.usable if territory.contrat else None
        if territory.contrat and not isinstance(contrat, Contrat) and not territory.contrat.reference_only:
            out.ignores.append(territory.contrat.display)
        fiches, unread = [], []
        for source in territory.fiches:
            if isinstance(source.usable, Fiche):
                fiches.append((source, source.usable))
            else:
                out.ignores.append(source.display)
                unread.append(source.display)
        fiches.sort(key=lambda pair: id_key(pair[1].id))
        labels: dict[str, str] = {}
        if any(fiche.referentiel for _, fiche in fiches):
            from clstool.yamlio import referentiel as regional

            found, _ = regional.for_folder(territory.root)
            labels = found.libelles if found else {}
        errors = {f.display: f.alert_for(f.display) for f in territory.files if f.alert and not f.reference_only}
        out.territories.append(TerritoryData(territory.display, contrat if isinstance(contrat, Contrat) else None,
                                             fiches, labels, errors, unread))  # type: ignore[arg-type]
    return out


# --- JSON -----------------------------------------------------------------------------------------


def _dump(model: Any) -> Any:
    return model.model_dump(mode="json", warnings=False) if model is not None else None


def to_json(data: Exported) -> str:
    return json.dumps({"version": 1, "territoires": [
        {"dossier": t.display, "contrat": _dump(t.contrat), "fiches": [_dump(f) for _, f in t.fiches],
         "referentiel": t.referentiel, "erreurs": t.erreurs}
        for t in data.territories
    ]}, ensure_ascii=False, indent=2) + "\n"


# --- Tables ----------------------------------------------------------------------------------------


def _join(items: Iterable[Any]) -> str:
    return SEP.join(str(i) for i in items if i not in (None, ""))


def _funders(financements: list[Financement]) -> str:
    return _join(f.financeur for f in financements)


def _total(financements: list[Financement]) -> float | int | None:
    amounts = [f.montant for f in financements if f.montant is not None]
    return sum(amounts) if amounts else None


def _last_followup(fiche: Fiche) -> tuple[int | None, Any]:
    if not fiche.suivi:
        return None, None
    year = max(fiche.suivi)
    return year, fiche.suivi[year]


def _answer(section: Any) -> str | None:
    if section is None or section.reponse is None:
        return None
    return section.reponse + (f" ({_join(section.natures)})" if section.natures else "")


FICHE_COLUMNS = (
    "Territoire", "Fiche", "Axe", "Titre de l'axe", "Titre", "Sous-titre", "Typologie", "Priorité",
    "Porteurs", "Pilotes", "Partenaires", "Opérateurs", "Financeurs", "Montant total (€)",
    "Déclinaisons", "Indicateurs", "Début", "Fin", "Calendrier", "Âges visés", "Professionnels visés",
    "Participation citoyenne", "Accès à l'information et aux droits", "Dernier suivi",
    "Statut déclaré", "Avancement (%)", "Codes du référentiel", "Objectifs du référentiel",
    "Erreurs du fichier",
)  # fmt: skip


def custom_fields(data: Exported) -> list[ChampPersonnalise]:
    """The custom fields declared by the exported contracts, by key (the first declaration of a
    key wins), in declaration order: one column each after :data:`FICHE_COLUMNS`."""
    fields: dict[str, ChampPersonnalise] = {}
    for territory in data.territories:
        for f in territory.contrat.champs if territory.contrat else ():
            fields.setdefault(f.cle, f)
    return list(fields.values())


def fiche_columns(data: Exported) -> list[str]:
    """:data:`FICHE_COLUMNS`, the sub-axis and budget columns when the data has any, then the
    custom fields' labels."""
    return [*FICHE_COLUMNS, *(SOUS_AXE_COLUMNS if has_sub_axes(data) else ()),
            *(FICHE_BUDGET_COLUMNS if has_budget(data) else ()), *(heading(f) for f in custom_fields(data))]


def _custom_cell(field: ChampPersonnalise, value: Any) -> Any:
    """A custom field's value as a cell: numbers stay numbers, a valid date becomes a date."""
    if isinstance(value, list):
        return _join(value)
    if field.type == "date" and isinstance(value, str) and problem(field, value) is None:
        return dt.date.fromisoformat(value)
    return value


def fiche_rows(data: Exported) -> Iterator[list]:
    fields = custom_fields(data)
    sub_axes, budget = has_sub_axes(data), has_budget(data)
    width = len(fiche_columns(data))
    for territory in data.territories:
        for source, fiche in territory.fiches:
            yield [*_fiche_row(territory, fiche, source.alert),
                   *(sub_axis_cells(territory, fiche) if sub_axes else ()),
                   *(fiche_budget_cells(fiche) if budget else ()),
                   *(_custom_cell(f, fiche.champs.get(f.cle)) for f in fields)]
        for unread in territory.illisibles:  # where the fiche would be: a row that says why it is not
            row = [territory.name] + [None] * (len(FICHE_COLUMNS) - 2) + [territory.erreurs.get(unread, unread)]
            yield row + [None] * (width - len(row))


def _fiche_row(territory: TerritoryData, fiche: Fiche, alert: str | None) -> list:
    plan = fiche_plan(fiche, territory.contract)
    whole = span(plan.intervals)
    portage = fiche.portage
    financements = fiche.financements + [f for d in fiche.declinaisons for f in d.financements]
    year, followup = _last_followup(fiche)
    public = fiche.public_vise
    return [
        territory.name, fiche.id, fiche.axe, territory.axis_title(fiche.axe), fiche.titre, fiche.sous_titre,
        _join(fiche.typologie), fiche.priorite,
        _join(portage.porteurs) if portage else None, _join(portage.pilotes) if portage else None,
        _join(portage.partenaires) if portage else None, _join(portage.operateurs) if portage else None,
        _funders(financements), _total(financements), len(fiche.declinaisons), len(fiche.indicateurs),
        whole.debut if whole else None, whole.fin if whole else None,
        _join(e.periode for e in plan.entries),
        _join(public.ages) if public else None, _join(public.professionnels) if public else None,
        _answer(fiche.participation_citoyenne), _answer(fiche.acces_information_droits),
        year, followup.statut if followup else None, followup.avancement if followup else None,
        _join(fiche.referentiel),
        _join(territory.referentiel.get(c, "code inconnu du référentiel") for c in fiche.referentiel),
        alert,
    ]


DECLINAISON_COLUMNS = (
    "Territoire", "Fiche", "N°", "Id", "Titre", "Description", "Partenaires", "Moyens", "Financeurs",
    "Montant (€)", "Calendrier", "Début", "Fin",
)


def declinaison_rows(data: Exported) -> Iterator[list]:
    for territory, fiche in data.fiches:
        plan = fiche_plan(fiche, territory.contract)
        for unit, d in zip(plan.declinaisons, fiche.declinaisons, strict=False):
            whole = span(unit.intervals)
            yield [territory.name, fiche.id, unit.index + 1, d.id, d.titre, _join(flatten(d.description)),
                   _join(d.partenaires), _join(d.moyens), _funders(d.financements), _total(d.financements),
                   _join(periode_of(e) for e in d.calendrier), whole.debut if whole else None,
                   whole.fin if whole else None]


CALENDAR_COLUMNS = (
    "Territoire", "Fiche", "Déclinaison", "Source", "Période", "Jalon", "Récurrent", "Début", "Fin",
    "Remarque",
)


def calendar_rows(data: Exported) -> Iterator[list]:
    for territory, fiche in data.fiches:
        plan = fiche_plan(fiche, territory.contract)
        groups = [(None, "prévisionnel", plan.own)]
        groups += [(u.titre, "prévisionnel", u.entries) for u in plan.declinaisons]
        titles = {ref: u.titre for u in plan.declinaisons for ref in u.refs}
        for year, s in sorted(fiche.suivi.items()):
            groups.append((None, f"ajusté {year}", plan_entries(s.calendrier_ajuste, territory.contract)))
            groups += [(titles.get(str(ref), str(ref)), f"ajusté {year}",
                        plan_entries(d.calendrier_ajuste, territory.contract))
                       for ref, d in s.declinaisons.items()]
        for declinaison, source, entries in groups:
            for entry in entries:
                whole = span(entry.intervals)
                yield [territory.name, fiche.id, declinaison, source, entry.periode, entry.jalon,
                       "oui" if entry.recurrent else None, whole.debut if whole else None,
                       whole.fin if whole else None, entry.parsed.error]


INDICATOR_COLUMNS = (
    "Territoire", "Fiche", "Id", "Type", "Libellé", "Unité", "Sens", "Référence (année)",
    "Référence (valeur)", "Cibles", "Mesures",
)


def _measure(value: Any) -> str:
    if isinstance(value, (int, float)):
        return str(value)
    parts = [str(value.valeur) if value.valeur is not None else None, value.appreciation, value.commentaire]
    return " — ".join(p for p in parts if p)


def indicator_rows(data: Exported) -> Iterator[list]:
    for territory, fiche in data.fiches:
        for i in fiche.indicateurs:
            measures = [f"{year} : {_measure(s.indicateurs[i.id])}" for year, s in sorted(fiche.suivi.items())
                        if i.id in s.indicateurs]
            yield [territory.name, fiche.id, i.id, i.type, i.libelle, i.unite, i.sens,
                   i.reference.annee if i.reference else None, i.reference.valeur if i.reference else None,
                   _join(f"{year} : {value}" for year, value in sorted(i.cibles.items())), _join(measures)]


FOLLOWUP_COLUMNS = (
    "Territoire", "Fiche", "Titre", "Année", "Statut déclaré", "Avancement (%)", "Réalisations",
    "Difficultés", "Calendrier ajusté", "Déclinaisons", "Indicateurs", "Commentaire",
)


def followup_rows(data: Exported) -> Iterator[list]:
    for territory, fiche in data.fiches:
        for year, s in sorted(fiche.suivi.items()):
            declinaisons = _join(f"{ref} : {d.statut or ''}{f' {d.avancement} %' if d.avancement is not None else ''}"
                                 for ref, d in s.declinaisons.items())
            yield [territory.name, fiche.id, fiche.titre, year, s.statut, s.avancement, _join(s.realisations),
                   _join(s.difficultes), _join(periode_of(e) for e in s.calendrier_ajuste), declinaisons,
                   _join(f"{ref} : {_measure(v)}" for ref, v in s.indicateurs.items()), s.commentaire]


#: The sheets of the xlsx export, in order: name, headers, rows (:func:`sheets` adds the budget's).
SHEETS = (
    ("Fiches", FICHE_COLUMNS, fiche_rows),
    ("Déclinaisons", DECLINAISON_COLUMNS, declinaison_rows),
    ("Calendrier", CALENDAR_COLUMNS, calendar_rows),
    ("Indicateurs", INDICATOR_COLUMNS, indicator_rows),
    ("Suivi", FOLLOWUP_COLUMNS, followup_rows),
)


# --- CSV ---------------------------------------------------------------------------------------------


def sheets(data: Exported) -> list[tuple]:
    """The sheets of ``data``: :data:`SHEETS` with the fiche columns of :func:`fiche_columns`,
    then the budget's when a fiche has a budget line."""
    out = [("Fiches", fiche_columns(data), fiche_rows), *SHEETS[1:]]
    return out + (list(BUDGET_SHEETS) if has_budget(data) else [])


def to_csv(data: Exported, dialect: str = "excel") -> bytes:
    """One row per fiche, in clstool's CSV dialect (:func:`clstool.sheets.write.write_csv`)."""
    return write_csv(fiche_columns(data), fiche_rows(data), dialect)


# --- XLSX ---------------------------------------------------------------------------------------------

HEADER_FILL = "1F4E78"
MAX_WIDTH = 60


def style_sheet(ws: Any, width: int, max_width: int = MAX_WIDTH) -> None:
    """Header row bold white on dark blue, frozen, filtered; column widths from the content."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(width)}{max(ws.max_row, 1)}"
    for index, column in enumerate(ws.iter_cols(min_col=1, max_col=width), start=1):
        longest = 0
        for cell in column:
            if isinstance(cell.value, (dt.date, dt.datetime)):
                longest = max(longest, 10)
            elif cell.value is not None:
                longest = max(longest, max(len(line) for line in str(cell.value).split("\n")))
        ws.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), max_width)


def to_xlsx(data: Exported) -> bytes:
    """The five sheets (seven with a budget); every cell through :func:`clstool.sheets.write.put` (text is never
    a formula), written by row and column index: linear in the number of rows."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, headers, rows in sheets(data):
        ws = workbook.create_sheet(name)
        for column, header in enumerate(headers, start=1):
            put(ws, 1, column, header)
        for row, values in enumerate(rows(data), start=2):
            for column, value in enumerate(values, start=1):
                if value is None:
                    continue
                cell = put(ws, row, column, value)
                if isinstance(value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
        style_sheet(ws, len(headers))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
