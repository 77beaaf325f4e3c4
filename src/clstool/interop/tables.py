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
    :mod:`clstool.interop.tables_xlsx`: the sheets of :func:`sheets` (Fiches, Déclinaisons,
    Calendrier, Indicateurs, Suivi, and Budget, Budget annuel when a fiche has a budget:
    :mod:`clstool.interop.budget_tables`) and the statuses of a year.

Codes are written as their French labels (:mod:`clstool.model.vocabulary`: « en_cours » →
« En cours », « elevee » → « élevée »), in the CSV and the workbook alike; the JSON keeps the codes.

Lists in a cell are joined with `` ; ``; dates are the span of the calendar
(:mod:`clstool.planning.plan`). Files are read as every reading command reads them
(:mod:`clstool.lint.reading`): a file with errors gives what could be read, and its errors in the
last column of the Fiches table (« Fiche incomplète : ligne 5, colonne 3 : … ») or under
``erreurs`` in JSON; a fiche that cannot be read at all has a row of its own there, with only that
column filled.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
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
from clstool.model.vocabulary import (
    AGES,
    NATURES_ACCES,
    NATURES_PARTICIPATION,
    PRIORITES,
    PROFESSIONNELS,
    REPONSES,
    SENS,
    TYPES_INDICATEUR,
    TYPOLOGIES,
    titre,
)
from clstool.planning.plan import contract_interval, fiche_plan, plan_entries, span
from clstool.printable import json_safe
from clstool.sheets.write import write_csv
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
    project: Project | None = None  #: what was loaded (the xlsx export computes the statuses from it)

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
    out = Exported(project=project)
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
    return json_safe(json.dumps({"version": 1, "territoires": [
        {"dossier": t.display, "contrat": _dump(t.contrat), "fiches": [_dump(f) for _, f in t.fiches],
         "referentiel": t.referentiel, "erreurs": t.erreurs}
        for t in data.territories
    ]}, ensure_ascii=False, indent=2)) + "\n"


# --- Tables ----------------------------------------------------------------------------------------


def _join(items: Iterable[Any]) -> str | None:
    """The items as one cell (`` ; `` between them); None (an empty cell) when there is none."""
    return SEP.join(str(i) for i in items if i not in (None, "")) or None


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


def _labels(codes: Iterable[str], labels: dict[str, str]) -> str | None:
    """Codes as their French labels (as the fiche form writes them), joined."""
    return _join(labels.get(code, code) for code in codes)


def _status(code: str | None) -> str | None:
    """A status code as its French label, capitalised (« en_cours » → « En cours »)."""
    return titre(code) if code else None


def _answer(section: Any, natures: dict[str, str]) -> str | None:
    if section is None or section.reponse is None:
        return None
    answer = REPONSES.get(section.reponse, section.reponse)
    return answer + (f" ({_labels(section.natures, natures)})" if section.natures else "")


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
        _labels(fiche.typologie, TYPOLOGIES), PRIORITES.get(fiche.priorite or "", fiche.priorite),
        _join(portage.porteurs) if portage else None, _join(portage.pilotes) if portage else None,
        _join(portage.partenaires) if portage else None, _join(portage.operateurs) if portage else None,
        _funders(financements), _total(financements), len(fiche.declinaisons), len(fiche.indicateurs),
        whole.debut if whole else None, whole.fin if whole else None,
        _join(e.periode for e in plan.entries),
        _labels(public.ages, AGES) if public else None,
        _labels(public.professionnels, PROFESSIONNELS) if public else None,
        _answer(fiche.participation_citoyenne, NATURES_PARTICIPATION),
        _answer(fiche.acces_information_droits, NATURES_ACCES),
        year, _status(followup.statut) if followup else None, followup.avancement if followup else None,
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
    "Référence (valeur)",
)


def indicator_years(data: Exported) -> list[int]:
    """Every year with a target or a measure of some indicator, in order."""
    years: set[int] = set()
    for _, fiche in data.fiches:
        for i in fiche.indicateurs:
            years.update(i.cibles)
        years.update(year for year, s in fiche.suivi.items() if s.indicateurs)
    return sorted(years)


def indicator_columns(data: Exported) -> tuple[str, ...]:
    """:data:`INDICATOR_COLUMNS`, then « Cible AAAA » and « Valeur AAAA » for each year of
    :func:`indicator_years`, then « Commentaires »."""
    return INDICATOR_COLUMNS + tuple(f"{what} {year}" for year in indicator_years(data)
                                     for what in ("Cible", "Valeur")) + ("Commentaires",)


def _remark(year: int, measure: Any) -> str | None:
    if measure is None or isinstance(measure, (int, float)):
        return None
    text = " — ".join(p for p in (measure.appreciation, measure.commentaire) if p)
    return f"{year} : {text}" if text else None


def indicator_rows(data: Exported) -> Iterator[list]:
    """One row per indicator: for each year, its target and its measured value in numeric
    columns (to chart, year by year); appreciations and comments of the measures last."""
    years = indicator_years(data)
    for territory, fiche in data.fiches:
        for i in fiche.indicateurs:
            measures = {year: s.indicateurs[i.id] for year, s in fiche.suivi.items() if i.id in s.indicateurs}
            values = []
            for year in years:
                measure = measures.get(year)
                values += [i.cibles.get(year),
                           measure if measure is None or isinstance(measure, (int, float)) else measure.valeur]
            yield [territory.name, fiche.id, i.id, TYPES_INDICATEUR.get(i.type, i.type), i.libelle, i.unite,
                   SENS.get(i.sens, i.sens), i.reference.annee if i.reference else None,
                   i.reference.valeur if i.reference else None, *values,
                   _join(_remark(year, measures[year]) for year in sorted(measures))]


FOLLOWUP_COLUMNS = (
    "Territoire", "Fiche", "Titre", "Année", "Statut déclaré", "Avancement (%)", "Réalisations",
    "Difficultés", "Calendrier ajusté", "Déclinaisons", "Indicateurs mesurés", "Commentaire",
)


def _declinaison_followup(ref: str, d: Any) -> str:
    parts = [p for p in (_status(d.statut), f"{d.avancement} %" if d.avancement is not None else None) if p]
    return f"{ref} : {', '.join(parts)}" if parts else ref


def followup_rows(data: Exported) -> Iterator[list]:
    """One row per fiche and year of follow-up; the measures are in the Indicateurs sheet
    (one row per indicator and year), here only which indicators were measured."""
    for territory, fiche in data.fiches:
        for year, s in sorted(fiche.suivi.items()):
            yield [territory.name, fiche.id, fiche.titre, year, _status(s.statut), s.avancement,
                   _join(s.realisations), _join(s.difficultes), _join(periode_of(e) for e in s.calendrier_ajuste),
                   _join(_declinaison_followup(ref, d) for ref, d in s.declinaisons.items()),
                   _join(s.indicateurs), s.commentaire]


#: The sheets of the xlsx export, in order: name, headers (for the data), rows.
SHEETS: tuple[tuple[str, Callable[[Exported], Sequence[str]], Callable[[Exported], Iterator[list]]], ...] = (
    ("Fiches", lambda _: FICHE_COLUMNS, fiche_rows),
    ("Déclinaisons", lambda _: DECLINAISON_COLUMNS, declinaison_rows),
    ("Calendrier", lambda _: CALENDAR_COLUMNS, calendar_rows),
    ("Indicateurs", indicator_columns, indicator_rows),
    ("Suivi", lambda _: FOLLOWUP_COLUMNS, followup_rows),
)


# --- CSV ---------------------------------------------------------------------------------------------


def sheets(data: Exported) -> list[tuple[str, Sequence[str], Callable[[Exported], Iterator[list]]]]:
    """The sheets of ``data`` (name, headers, rows): :data:`SHEETS` with the fiche columns of
    :func:`fiche_columns`, then the budget's when a fiche has a budget line."""
    out = [("Fiches", fiche_columns(data), fiche_rows),
           *((name, headers(data), rows) for name, headers, rows in SHEETS[1:])]
    return out + (list(BUDGET_SHEETS) if has_budget(data) else [])


def to_csv(data: Exported, dialect: str = "excel") -> bytes:
    """One row per fiche, in clstool's CSV dialect (:func:`clstool.sheets.write.write_csv`)."""
    return write_csv(fiche_columns(data), fiche_rows(data), dialect)
