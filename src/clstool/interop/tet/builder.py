"""One row of a Territoires en Transitions sheet → the data of one fiche.

:class:`Builder` keeps what spans rows: the axes met so far, the ids taken, the years of the
dates (for the default period) and the notices, each naming its row and column. The columns and
what each becomes are described in :mod:`clstool.interop.tet.read`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from clstool.interop.tet.cells import date_of, fiche_number, lines_of, number_of, numbered, objectives, split_list, text_of
from clstool.interop.tet.columns import Column
from clstool.interop.tet.vocabulary import (
    BY_KEY,
    NOTE_COLUMNS,
    PARTICIPATION_LEVELS,
    PARTICIPATION_NONE,
    PLACEHOLDER,
    normalise,
    priorite_code,
    statut_code,
)
from clstool.model.names import id_key
from clstool.planning.periods import Interval, format_interval

DEBUT, FIN = "Début de l'action", "Fin de l'action"
NO_AXIS = "sans-axe"


@dataclass(frozen=True)
class Notice:
    """A warning (``avertissement``) or a notice (``info``) about a place of the workbook."""

    message: str
    row: int | None = None
    column: str | None = None  #: column letter
    header: str | None = None
    level: str = "avertissement"

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"ligne {self.row}")
        if self.column:
            where.append(f"colonne {self.column}" + (f" (« {self.header} »)" if self.header else ""))
        return (", ".join(where) + " : " if where else "") + self.message


class _Axes:
    """The axes met so far, at every level: id → title, in order; unnumbered ones get generated
    ids. ``parents`` keeps each one's parent: the top level becomes ``contrat.axes``, the levels
    below become the ``sous_axes`` of their axis (:meth:`tree`)."""

    def __init__(self) -> None:
        self.titles: dict[str, str] = {}
        self.by_title: dict[tuple[str | None, str], str] = {}
        self.parents: dict[str, str | None] = {}

    def top(self, ident: str) -> str:
        while (parent := self.parents.get(ident)) is not None:
            ident = parent
        return ident

    def tree(self) -> list[dict]:
        """``contrat.axes``: the top-level axes in id order, each with its sub-axes (both levels
        below, in id order)."""
        axes = sorted((i for i in self.titles if self.parents.get(i) is None), key=id_key)
        out = []
        for axe in axes:
            entry: dict = {"id": axe, "titre": self.titles[axe]}
            subs = sorted((i for i in self.titles if i != axe and self.top(i) == axe), key=id_key)
            if subs:
                entry["sous_axes"] = [{"id": i, "titre": self.titles[i]} for i in subs]
            out.append(entry)
        return out

    def _free(self, parent: str | None) -> str:
        n = 1
        while (ident := f"{parent}.{n}" if parent else str(n)) in self.titles:
            n += 1
        return ident

    def get(self, text: str, parent: str | None) -> tuple[str, str | None]:
        """The id of the axis written ``text`` under ``parent``; and a conflict message, if any."""
        ident, title = numbered(text)
        key = (parent, normalise(title))
        if ident is None:
            ident = self.by_title.get(key) or self._free(parent)
        elif ident in self.titles and normalise(self.titles[ident]) != normalise(title):
            return ident, f"l'axe « {ident} » s'appelle déjà « {self.titles[ident]} » : « {title} » est gardé dans notes"
        self.titles.setdefault(ident, title or ident)
        self.by_title.setdefault(key, ident)
        self.parents.setdefault(ident, parent if parent != ident else None)
        return ident, None



@dataclass
class _Notes:
    """The notes of one fiche, in a fixed order so that export → import gives them back alike:
    the known columns (:data:`clstool.interop.tet.vocabulary.NOTE_COLUMNS`), then the others, then « Notes »."""

    keyed: dict[str, str] = field(default_factory=dict)
    other: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)

    def add(self, col: Column, text: str) -> None:
        if col.key in NOTE_COLUMNS and col.key not in self.keyed:
            self.keyed[col.key] = f"{BY_KEY[col.key].header} : {text}"
        else:
            self.other.append(f"{col.header} : {text}")

    def all(self) -> list[str]:
        return [self.keyed[k] for k in NOTE_COLUMNS if k in self.keyed] + self.other + self.paragraphs


class Builder:
    """Builds the fiches row by row; keeps the axes, the ids used and the notices."""

    def __init__(self, columns: list[Column], year: int, notices: list[Notice]):
        self.columns = columns
        self.by_index = {c.index: c for c in columns}
        self.year = year
        self.notices = notices
        self.axes = _Axes()
        self.ids: set[str] = set()
        self.by_title: dict[str, tuple[int, dict]] = {}  #: normalised title cell → (row, fiche data)
        self.rank = 0
        self.years: set[int] = set()  #: years of the dates met, for the default period
        self.statuses = False

    def warn(self, message: str, row: int, col: Column | None = None, level: str = "avertissement") -> None:
        self.notices.append(Notice(message, row, col.letter if col else None, col.header if col else None, level))

    def _axis(self, row: int, cells: dict[str, tuple[Column, Any]], notes: _Notes) -> tuple[str, str | None]:
        """The fiche's axis (the top level given) and sub-axis (the deepest level below it)."""
        parent: str | None = None
        deepest: str | None = None
        for key in ("axe", "sous_axe", "sous_sous_axe"):
            if key not in cells:
                continue
            col, value = cells[key]
            ident, conflict = self.axes.get(text_of(value), parent)
            if conflict:
                self.warn(conflict, row, col)
                notes.add(col, text_of(value))
            parent = deepest = ident
        if deepest is None:
            self.warn(f"aucun axe : la fiche est rangée dans l'axe « {NO_AXIS} »", row)
            self.axes.titles.setdefault(NO_AXIS, "Actions sans axe (import Territoires en Transitions)")
            deepest = NO_AXIS
        axe = self.axes.top(deepest)
        if "sous_sous_axe" in cells and deepest != axe and self.axes.parents.get(deepest) != axe:
            self.warn(f"sous-sous-axe : la fiche est rangée sous le sous-axe « {deepest} » de l'axe « {axe} » "
                      "(clstool garde deux niveaux : axes et sous-axes)", row, cells["sous_sous_axe"][0], level="info")
        return axe, (deepest if deepest != axe else None)

    def _id(self, row: int, number: str | None, col: Column | None) -> str:
        if number is not None and number not in self.ids:
            self.ids.add(number)
            return number
        n = self.rank
        while str(n) in self.ids:
            n += 1
        if number is not None:
            self.warn(f"numéro « {number} » déjà pris par une autre fiche : identifiant « {n} »", row, col)
        self.ids.add(str(n))
        return str(n)

    def build(self, row: int, values: dict[int, Any]) -> dict | None:
        """The fiche data of one row, or None for a row that only names axes."""
        cells: dict[str, tuple[Column, Any]] = {}
        notes = _Notes()
        for index, value in values.items():
            col = self.by_index[index]
            if text_of(value) is None:
                continue
            if normalise(text_of(value)) == normalise(PLACEHOLDER):
                self.warn("texte d'exemple du modèle TeT, ignoré", row, col, level="info")
            elif col.key in ("financeur", "montant_paire"):
                cells[f"{col.key}:{col.index}"] = (col, value)
            elif col.key in BY_KEY:
                cells[col.key] = (col, value)
            else:  # unknown, a second column of a kind, an amount without its financer
                notes.add(col, text_of(value))
        if "titre" not in cells and set(cells) <= {"axe", "sous_axe", "sous_sous_axe"} and not notes.all():
            if cells:
                self.warn("ligne sans titre de fiche (intitulé d'axe ?) : ignorée, elle ne crée pas d'axe", row,
                          level="info")
            return None
        title_col = cells["titre"][0] if "titre" in cells else None
        full = text_of(cells["titre"][1]) if title_col else None
        lines = [line.strip() for line in full.split("\n") if line.strip()] if full else []
        seen = self.by_title.get(normalise(lines[0])) if lines else None
        if seen is not None and "sous_action" in cells:
            self._sous_actions(row, cells, seen[1])
            return None
        self.rank += 1
        axe, sous_axe = self._axis(row, cells, notes)
        number, titre = None, f"Sans titre (ligne {row})"
        if title_col:
            number, titre = fiche_number(lines[0])
            titre = titre or lines[0]
            if len(lines) > 1:
                self.warn("titre sur plusieurs lignes : la première est le titre, la cellule entière est "
                          "gardée dans notes", row, title_col)
                notes.add(title_col, full)
        else:
            self.warn(f"aucun titre de fiche : titre provisoire « {titre} »", row)
        fiche: dict[str, Any] = {"id": self._id(row, number, title_col), "axe": axe, "titre": titre}
        if sous_axe:
            fiche["sous_axe"] = sous_axe
        if seen is not None:
            self.warn(f"même titre que la fiche de la ligne {seen[0]} : deux fiches portent ce titre", row, title_col)
        elif lines:
            self.by_title[normalise(lines[0])] = (row, fiche)
        self._fill(row, cells, fiche, notes)
        if notes.all():
            fiche["notes"] = notes.all()
        return fiche

    def _sous_actions(self, row: int, cells: dict[str, tuple[Column, Any]], fiche: dict) -> None:
        """A row that repeats a fiche's title with a sous-action: déclinaisons of that fiche.
        Their description, partners, means, financer columns, dates and status are taken when the
        row names one sous-action; the other cells are not (a warning names them)."""
        def text(key: str) -> str | None:
            return text_of(cells[key][1]) if key in cells else None

        titles = lines_of(text("sous_action") or "")
        units: list[dict[str, Any]] = [{"titre": t} for t in titles]
        taken = {"axe", "sous_axe", "sous_sous_axe", "titre", "sous_action"}
        status = None
        if len(units) == 1:
            unit = units[0]
            taken |= {"descriptif", "partenaires", "moyens", "date_debut", "date_fin", "financeur", "montant_paire"}
            if text("descriptif"):
                unit["description"] = [text("descriptif")]
            if text("partenaires"):
                unit["partenaires"] = split_list(text("partenaires"))
            if text("moyens"):
                unit["moyens"] = lines_of(text("moyens"))
            self._funding(row, cells, unit)
            self._calendar(row, cells, unit)
            status = statut_code(text("statut") or "")
            if status:
                taken.add("statut")
        fiche.setdefault("declinaisons", []).extend(units)
        if status:  # the déclinaison's status, under its position (it has no id)
            position = str(len(fiche["declinaisons"]))
            suivi = fiche.setdefault("suivi", {}).setdefault(self.year, {})
            suivi.setdefault("declinaisons", {})[position] = {"statut": status}
            self.statuses = True
        self.warn(f"sous-action de la fiche « {fiche['id']} » : {len(units)} déclinaison(s) ajoutée(s)", row,
                  cells["sous_action"][0], level="info")
        left = [cells[k][0].header for k in cells if k.split(":")[0] not in taken]
        if left:
            self.warn(f"ligne de sous-action : colonnes non reprises ({', '.join(left)})", row)

    def _coded(self, row: int, cells: dict[str, tuple[Column, Any]], key: str, to_code, notes: _Notes,
               unknown: str) -> str | None:
        """clstool's code for the TeT label in column ``key`` (status, priority); an unknown
        label is kept in ``notes`` with a warning naming its row and column, never dropped."""
        label = text_of(cells[key][1]) if key in cells else None
        if not label:
            return None
        code = to_code(label)
        if not code:
            self.warn(unknown.format(label), row, cells[key][0])
            notes.add(cells[key][0], label)
        return code

    def _fill(self, row: int, cells: dict[str, tuple[Column, Any]], fiche: dict, notes: _Notes) -> None:
        def text(key: str) -> str | None:
            return text_of(cells[key][1]) if key in cells else None

        if text("descriptif"):
            fiche["definition"] = text("descriptif")
        code = self._coded(row, cells, "priorite", priorite_code, notes,
                           "priorité « {} » inconnue (Élevé, Moyen, Bas) : gardée dans notes")
        if code:
            fiche["priorite"] = code
        if text("objectifs"):
            fiche["objectifs"] = objectives(text("objectifs"))
        portage = {}
        if text("structure_pilote"):
            portage["pilotes"] = split_list(text("structure_pilote"))
        if text("partenaires"):
            portage["partenaires"] = split_list(text("partenaires"))
        if portage:
            fiche["portage"] = portage
        self._funding(row, cells, fiche)
        if text("moyens"):
            fiche["moyens"] = lines_of(text("moyens"))
        if text("sous_action"):
            fiche["declinaisons"] = [{"titre": t} for t in lines_of(text("sous_action"))]
        if text("etapes"):
            fiche["etapes"] = lines_of(text("etapes"))
        if text("calendrier"):
            fiche["calendrier"] = lines_of(text("calendrier"))
        self._calendar(row, cells, fiche)
        if text("participation"):
            self._participation(row, cells["participation"][0], text("participation"), fiche, notes)
        suivi = {}
        code = self._coded(row, cells, "statut", statut_code, notes,
                           "statut « {} » inconnu de Territoires en Transitions : gardé dans notes")
        if code:
            suivi["statut"] = code
        if text("notes_suivi"):
            suivi["commentaire"] = text("notes_suivi")
        if suivi:
            fiche["suivi"] = {self.year: suivi}
            self.statuses = True
        for key in NOTE_COLUMNS:
            if key not in ("titre", "priorite", "participation", "statut") and text(key):
                notes.add(cells[key][0], text(key))
        if text("notes"):
            notes.paragraphs += [p.strip() for p in re.split(r"\n\s*\n", text("notes")) if p.strip()]

    def _participation(self, row: int, col: Column, value: str, fiche: dict, notes: _Notes) -> None:
        level = normalise(value)
        if level in (normalise(PARTICIPATION_NONE), "non", "aucune"):
            fiche["participation_citoyenne"] = {"reponse": "non"}
            return
        if level not in {normalise(v) for v in PARTICIPATION_LEVELS} | {"oui"}:
            self.warn(f"niveau de participation « {value} » inconnu : compté comme « oui », gardé dans notes",
                      row, col)
        fiche["participation_citoyenne"] = {"reponse": "oui"}
        if level != "oui":
            notes.add(col, value)

    def _calendar(self, row: int, cells: dict[str, tuple[Column, Any]], fiche: dict) -> None:
        found: dict[str, Interval] = {}
        for key, jalon in (("date_debut", DEBUT), ("date_fin", FIN)):
            if key not in cells:
                continue
            col, value = cells[key]
            interval = date_of(value)
            if interval is None:
                self.warn(f"date « {text_of(value)} » illisible : gardée telle quelle dans le calendrier", row, col)
                fiche.setdefault("calendrier", []).append({"periode": text_of(value), "jalon": jalon})
            else:
                found[key] = interval
                self.years.update((interval.debut.year, interval.fin.year))
        start, end = found.get("date_debut"), found.get("date_fin")
        if start and end and start.debut <= end.fin:
            fiche.setdefault("calendrier", []).append(format_interval(Interval(start.debut, end.fin)))
            return
        if start and end:
            self.warn("la date de fin précède la date de début : les deux sont gardées comme jalons", row,
                      cells["date_fin"][0])
        for key, jalon in (("date_debut", DEBUT), ("date_fin", FIN)):
            if key in found:
                fiche.setdefault("calendrier", []).append({"periode": format_interval(found[key]), "jalon": jalon})

    def _funding(self, row: int, cells: dict[str, tuple[Column, Any]], fiche: dict) -> None:
        """Each financer column with its amount; an amount whose financer cell is empty alone."""
        financements = []
        for col in self.columns:
            funder = cells.get(f"financeur:{col.index}") if col.key == "financeur" else None
            amount = cells.get(f"montant_paire:{col.pair}") if col.pair else None
            if funder is None and amount is None:
                continue
            entry: dict[str, Any] = {"financeur": text_of(funder[1])} if funder else {}
            if amount:
                self._amount(row, amount, entry)
            financements.append(entry)
        if financements:
            fiche["financements"] = financements

    def _amount(self, row: int, cell: tuple[Column, Any], entry: dict) -> None:
        col, value = cell
        amount = number_of(value)
        if amount is None or amount < 0:
            self.warn(f"montant « {text_of(value)} » illisible : gardé dans « precision »", row, col)
            entry["precision"] = f"{col.header} : {text_of(value)}"
        else:
            entry["montant"] = amount


