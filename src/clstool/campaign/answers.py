"""From the rows of a workbook to the new ``suivi: <année>:`` of a fiche.

The workbook covers some fields of the year's follow-up (status, avancement, réalisations,
difficultés, adjusted calendar, comment; each déclinaison's status and comment; each
indicator's value, appreciation and comment). The new follow-up is the fiche's current one
with those fields replaced by the answers (an emptied cell removes the field); what the
workbook does not ask about (a déclinaison's avancement…) is kept as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

from clstool.campaign import values
from clstool.campaign.layout import KEY_SEPARATOR
from clstool.campaign.read import Cell, Problem, Row
from clstool.campaign.snapshot import declinaison_keys, suivi_data
from clstool.model.documents import EntreeCalendrier, Fiche, SuiviAnnee

TOP_FIELDS = ("statut", "avancement", "realisations", "difficultes", "calendrier_ajuste", "commentaire")


@dataclass
class Answer:
    """What one workbook says about one fiche."""

    fiche_id: str
    workbook: str
    where: str  #: « fichier.xlsx, feuille « Fiches », ligne 4 »
    top: dict[str, Any] = field(default_factory=dict)
    declinaisons: dict[str, dict[str, Any]] = field(default_factory=dict)
    indicateurs: dict[str, dict[str, Any]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    prepared: str = ""  #: fingerprint of the follow-up when the workbook was prepared

    @property
    def empty(self) -> bool:
        return not any(v not in (None, []) for v in self.top.values()) and not any(
            v not in (None, []) for d in (*self.declinaisons.values(), *self.indicateurs.values())
            for v in d.values())


def _parse(cell: Cell | None, parser: Callable[[Any], Any], display: str, problems: list[Problem]) -> Any:
    if cell is None:
        return None
    try:
        return parser(cell.value)
    except values.CellError as exc:
        problems.append(Problem(display, str(exc), cell.sheet, cell.coordinate))
        return None


def _edited(cell: Cell | None, expected: str, display: str, notices: list[str]) -> None:
    if cell is not None and cell.value not in (None, "") and str(cell.value).strip() != expected.strip():
        notices.append(f"{display}, feuille « {cell.sheet} », cellule {cell.coordinate} : cellule en lecture "
                       "seule modifiée ; la modification est ignorée (seules les cellules jaunes sont relues)")


def read_answer(fiche: Fiche, rows: list[Row], display: str, contract: tuple[dt.date, dt.date] | None,
                problems: list[Problem]) -> Answer:
    """Parse the rows of one fiche; each invalid cell becomes a problem with its place."""
    main = next((r for r in rows if r.role == "fiches"), None)
    where = f"{display}, feuille « {main.sheet} », ligne {main.number}" if main else display
    answer = Answer(fiche.id, display, where)
    if main is not None:
        c = main.cells.get
        _edited(c("titre"), fiche.titre, display, answer.notices)
        answer.top = {
            "statut": _parse(c("statut"), values.status, display, problems),
            "avancement": _parse(c("avancement"), values.avancement, display, problems),
            "realisations": _parse(c("realisations"), values.lines, display, problems) or [],
            "difficultes": _parse(c("difficultes"), values.lines, display, problems) or [],
            "calendrier_ajuste": _parse(c("calendrier_ajuste"), lambda v: values.calendar(v, contract),
                                        display, problems) or [],
            "commentaire": _parse(c("commentaire"), values.text, display, problems),
        }
    titles = dict(declinaison_keys(fiche))
    units = {i.id: i for i in fiche.indicateurs}
    for row in rows:
        part = row.key.split(KEY_SEPARATOR, 1)[1] if KEY_SEPARATOR in row.key else ""
        c = row.cells.get
        if row.role == "declinaisons" and part in titles:
            answer.declinaisons[part] = {
                "statut": _parse(c("statut"), values.status, display, problems),
                "commentaire": _parse(c("commentaire"), values.text, display, problems)}
        elif row.role == "indicateurs" and part in units:
            unite = units[part].unite
            answer.indicateurs[part] = {
                "valeur": _parse(c("valeur"), lambda v, u=unite: values.number(v, u), display, problems),
                "appreciation": _parse(c("appreciation"), values.text, display, problems),
                "commentaire": _parse(c("commentaire"), values.text, display, problems)}
    return answer


def _set(target: dict, key: str, value: Any) -> None:
    if value in (None, []):
        target.pop(key, None)
    else:
        target[key] = value


def _calendar_data(entries: list) -> list:
    return [e.model_dump(mode="json", exclude_defaults=True) if isinstance(e, EntreeCalendrier) else e
            for e in entries]


def apply(current: SuiviAnnee | None, answer: Answer, fiche: Fiche) -> SuiviAnnee | None:
    """The fiche's new follow-up for the year; None when there is nothing to write."""
    data = suivi_data(current)
    for key in TOP_FIELDS:
        if key in answer.top:
            value = answer.top[key]
            _set(data, key, _calendar_data(value) if key == "calendrier_ajuste" else value)
    declinaisons = data.get("declinaisons", {})
    positions = {ref: str(i + 1) for i, (ref, _) in enumerate(declinaison_keys(fiche))}
    for ref, fields in answer.declinaisons.items():
        key = ref if ref in declinaisons or positions[ref] not in declinaisons else positions[ref]
        entry = dict(declinaisons.get(key, {}))
        for name, value in fields.items():
            _set(entry, name, value)
        _set(declinaisons, key, entry or None)
    _set(data, "declinaisons", declinaisons or None)
    indicateurs = data.get("indicateurs", {})
    for ident, fields in answer.indicateurs.items():
        old = indicateurs.get(ident)
        entry = dict(old) if isinstance(old, dict) else ({"valeur": old} if old is not None else {})
        for name, value in fields.items():
            _set(entry, name, value)
        # a value alone is written as a plain number (0 included); nothing left removes the entry
        _set(indicateurs, ident, None if not entry else entry["valeur"] if set(entry) == {"valeur"} else entry)
    _set(data, "indicateurs", indicateurs or None)
    if not data:
        return None
    return SuiviAnnee.model_validate(data)
