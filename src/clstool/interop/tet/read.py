"""``clstool import tet``: a plan made from TeT's import template → ``contrat.yaml`` + fiches.

How the workbook is read (docs/interoperabilite.md#territoires-en-transitions):

- the sheet « Fichier dimport » (else the sheet whose headers clstool recognises best); the
  header row is the row, among the first ten, where most headers are recognised;
- the template's own rows below the headers (field kinds « Champ texte… », instructions
  « Saisissez… ») are skipped, each with a notice; empty rows are skipped;
- columns are matched by normalised header (:mod:`clstool.interop.tet.vocabulary`), so renamed, reordered or added
  columns and headers with trailing spaces are fine; merged cells give every row they cover the
  value of their first cell.

What each column becomes, one fiche per row:

==============================  ===================================================================
Axe / Sous-axe / Sous-sous axe  ``contrat.axes`` (flat list, ids from the numbers « 1. », « 1.1. »,
                                else generated); the fiche's ``axe`` is the deepest one given.
                                A row with no axis at all keeps the previous row's (notice)
Titre de la fiche action        ``titre``; ``id`` from « Action N. », « Fiche Action N. »,
                                « Action N - », « 1.2.3. », else the row's rank (next free number)
Titre de la sous-action         ``declinaisons`` (one per line)
Descriptif                      ``definition``
Objectifs                       ``objectifs``: « Objectif général : », « Objectif spécifique n°1 : »,
                                « Objectif opérationnel 1.1 : » open a category; unmarked lines
                                are ``generaux``; one item per line, bullets removed
Structure pilote, Partenaires   ``portage.pilotes``, ``portage.partenaires`` (split on commas
                                outside parentheses, semicolons and line breaks)
Moyens humains et techniques    ``moyens`` (one per line)
Financeur N + Montant € HT      ``financements`` (``financeur``, ``montant``); an amount that is not
                                a number goes to ``precision`` (warning)
Statut                          ``suivi[année].statut`` (the eight TeT statuses)
Niveau de priorité              ``priorite`` (Élevé / Moyen / Bas)
Date de début / de fin          ``calendrier``: « du 16 novembre 2022 au 9 mars 2024 »; a lone date
                                is an entry with ``jalon`` « Début de l'action » / « Fin de l'action »;
                                real dates, Excel serial numbers and JJ/MM/AAAA text are read
Participation Citoyenne         ``participation_citoyenne.reponse`` (non for « Pas de participation
                                citoyenne », oui otherwise) and the level in ``notes``
Calendrier, Etapes…, Notes de   variants: ``calendrier`` (one entry per line), ``etapes``,
suivi                           ``suivi[année].commentaire``
Notes                           ``notes`` (one per paragraph)
anything else                   ``notes``, as « <en-tête> : <valeur> » (every other template column,
                                and unknown columns, with a warning per unknown column)
==============================  ===================================================================

The year of the statuses is ``--annee``, by default the current year: a TeT status describes
the plan as it is now. The contract's period is ``--periode``, by default the years of the dates
found and of the statuses (warning). Warnings name the row and the column; nothing non-empty is
dropped without one (the template's placeholder « Ces informations devront être saisies… » is
skipped with a notice).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from clstool.errors import InputError
from clstool.fsutil import atomic_write
from clstool.interop.tet.cells import (
    date_of,
    fiche_number,
    lines_of,
    number_of,
    numbered,
    objectives,
    split_list,
    text_of,
)
from clstool.interop.tet.vocabulary import (
    BY_KEY,
    NOTE_COLUMNS,
    PARTICIPATION_LEVELS,
    PARTICIPATION_NONE,
    PLACEHOLDER,
    SHEET,
    classify,
    normalise,
    priorite_code,
    statut_code,
)
from clstool.model.documents import Contrat, Fiche
from clstool.model.names import id_key
from clstool.planning.periods import Interval, format_interval
from clstool.planning.plan import check_year
from clstool.yamlio.load import CONTRAT, FICHES
from clstool.yamlio.write import dump, model_data, schema_line

DEBUT, FIN = "Début de l'action", "Fin de l'action"
NO_AXIS = "sans-axe"
_INSTRUCTIONS = ("si vos", "texte court", "ce champ ne sera pas", "presentez", "reseignez", "renseignez",
                 "utilisez", "plusieurs services", "creez sous la forme", "choisissez", "saisissez",
                 "indiquer si", "indiquez")  # fmt: skip


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


@dataclass
class Imported:
    contrat: Contrat
    fiches: list[Fiche]
    notices: list[Notice] = field(default_factory=list)
    sheet: str = ""

    @property
    def warnings(self) -> list[Notice]:
        return [n for n in self.notices if n.level == "avertissement"]


class _Axes:
    """The axes met so far: id → title, in order; unnumbered ones get generated ids."""

    def __init__(self) -> None:
        self.titles: dict[str, str] = {}
        self.by_title: dict[tuple[str | None, str], str] = {}

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
        return ident, None


# --- the sheet ------------------------------------------------------------------------------------------


@dataclass
class _Col:
    index: int  #: 1-based
    letter: str
    header: str  #: as written, trimmed
    key: str | None  #: None: not known → notes
    pair: int | None = None  #: for a financer column: the index of its amount column


def _open(path: str) -> Any:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    file = Path(path)
    if not file.is_file():
        raise InputError(f"fichier introuvable : {path}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # « Data Validation extension is not supported »
            return load_workbook(file, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"{path} n'est pas un classeur Excel .xlsx lisible ({exc})") from None


def _header_row(ws: Any) -> tuple[int, int]:
    """(row, number of recognised headers) of the best header row among the first ten."""
    best = (0, 0)
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 10)):
        count = sum(1 for c in row if isinstance(c.value, str) and classify(c.value))
        if count > best[1]:
            best = (row[0].row, count)
    return best


def _find_sheet(workbook: Any) -> tuple[Any, int]:
    for ws in workbook.worksheets:
        if normalise(ws.title) in (normalise(SHEET), "fichier d import"):
            row, count = _header_row(ws)
            if count >= 2:
                return ws, row
    candidates = [(ws, *_header_row(ws)) for ws in workbook.worksheets]
    ws, row, count = max(candidates, key=lambda c: c[2])
    if count < 3:
        raise InputError("aucune feuille ne ressemble au modèle d'import de Territoires en Transitions "
                         "(en-têtes « Axe (x) », « Titre de la fiche action », « Statut »… introuvables)")
    return ws, row


def read_columns(ws: Any, header_row: int) -> list[_Col]:
    """The columns of the sheet, recognised by header; a « Montant » column is paired with the
    « Financeur » column on its left; a second column of the same kind is not recognised."""
    from openpyxl.utils import get_column_letter

    columns: list[_Col] = []
    seen: set[str] = set()
    last_funder: _Col | None = None
    for index in range(1, ws.max_column + 1):
        letter = get_column_letter(index)
        raw = text_of(ws.cell(header_row, index).value)
        header = " ".join(raw.split()) if raw else f"Colonne {letter}"
        key = classify(raw) if raw else None
        if key in seen and key not in ("financeur", "montant"):
            key = None
        col = _Col(index, letter, header, key)
        if key == "financeur":
            last_funder = col
        elif key == "montant":
            if last_funder is not None and last_funder.pair is None:
                last_funder.pair = index
                key = col.key = "montant_paire"
            else:
                last_funder = None
        if key:
            seen.add(key)
        columns.append(col)
    return columns


def _merged_values(ws: Any) -> dict[tuple[int, int], Any]:
    """(row, column) → value of the first cell of the merged range covering it."""
    out = {}
    for merged in ws.merged_cells.ranges:
        value = ws.cell(merged.min_row, merged.min_col).value
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                out[(row, col)] = value
    return out


def _template_row(values: list[Any]) -> str | None:
    """Why a row is one of the template's explanation rows, or None for a data row."""
    texts = [normalise(v) for v in values if isinstance(v, str) and v.strip()]
    if not texts:
        return None
    if sum(t.startswith("champ") for t in texts) * 2 >= len(texts):
        return "types de champs du modèle TeT (« Champ texte »…), ignorée"
    if sum(t.startswith(_INSTRUCTIONS) for t in texts) * 2 >= len(texts):
        return "consignes de saisie du modèle TeT, ignorée"
    return None


# --- one row → one fiche -------------------------------------------------------------------------------


@dataclass
class _Notes:
    """The notes of one fiche, in a fixed order so that export → import gives them back alike:
    the known columns (:data:`clstool.interop.tet.vocabulary.NOTE_COLUMNS`), then the others, then « Notes »."""

    keyed: dict[str, str] = field(default_factory=dict)
    other: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)

    def add(self, col: _Col, text: str) -> None:
        if col.key in NOTE_COLUMNS and col.key not in self.keyed:
            self.keyed[col.key] = f"{BY_KEY[col.key].header} : {text}"
        else:
            self.other.append(f"{col.header} : {text}")

    def all(self) -> list[str]:
        return [self.keyed[k] for k in NOTE_COLUMNS if k in self.keyed] + self.other + self.paragraphs


class _Builder:
    """Builds the fiches row by row; keeps the axes, the ids used and the notices."""

    def __init__(self, columns: list[_Col], year: int, notices: list[Notice]):
        self.columns = columns
        self.by_index = {c.index: c for c in columns}
        self.year = year
        self.notices = notices
        self.axes = _Axes()
        self.ids: set[str] = set()
        self.previous_axis: str | None = None
        self.rank = 0
        self.years: set[int] = set()  #: years of the dates met, for the default period
        self.statuses = False

    def warn(self, message: str, row: int, col: _Col | None = None, level: str = "avertissement") -> None:
        self.notices.append(Notice(message, row, col.letter if col else None, col.header if col else None, level))

    def _axis(self, row: int, cells: dict[str, tuple[_Col, Any]], notes: _Notes) -> str:
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
            if self.previous_axis is not None:
                self.warn(f"aucun axe : la fiche reste dans l'axe « {self.previous_axis} » de la ligne précédente",
                          row, level="info")
                return self.previous_axis
            self.warn(f"aucun axe : la fiche est rangée dans l'axe « {NO_AXIS} »", row)
            self.axes.titles.setdefault(NO_AXIS, "Actions sans axe (import Territoires en Transitions)")
            deepest = NO_AXIS
        self.previous_axis = deepest
        return deepest

    def _id(self, row: int, number: str | None, col: _Col | None) -> str:
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
        cells: dict[str, tuple[_Col, Any]] = {}
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
                self._axis(row, cells, notes)
                self.warn("ligne sans titre de fiche : seuls ses axes sont repris", row, level="info")
            return None
        self.rank += 1
        axe = self._axis(row, cells, notes)
        number, titre = None, f"Sans titre (ligne {row})"
        title_col = cells["titre"][0] if "titre" in cells else None
        if title_col:
            full = text_of(cells["titre"][1])
            lines = [line.strip() for line in full.split("\n") if line.strip()]
            number, titre = fiche_number(lines[0])
            titre = titre or lines[0]
            if len(lines) > 1:
                self.warn("titre sur plusieurs lignes : la première est le titre, la cellule entière est "
                          "gardée dans notes", row, title_col)
                notes.add(title_col, full)
        else:
            self.warn(f"aucun titre de fiche : titre provisoire « {titre} »", row)
        fiche: dict[str, Any] = {"id": self._id(row, number, title_col), "axe": axe, "titre": titre}
        self._fill(row, cells, fiche, notes)
        if notes.all():
            fiche["notes"] = notes.all()
        return fiche

    def _coded(self, row: int, cells: dict[str, tuple[_Col, Any]], key: str, to_code, notes: _Notes,
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

    def _fill(self, row: int, cells: dict[str, tuple[_Col, Any]], fiche: dict, notes: _Notes) -> None:
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

    def _participation(self, row: int, col: _Col, value: str, fiche: dict, notes: _Notes) -> None:
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

    def _calendar(self, row: int, cells: dict[str, tuple[_Col, Any]], fiche: dict) -> None:
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

    def _funding(self, row: int, cells: dict[str, tuple[_Col, Any]], fiche: dict) -> None:
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

    def _amount(self, row: int, cell: tuple[_Col, Any], entry: dict) -> None:
        col, value = cell
        amount = number_of(value)
        if amount is None or amount < 0:
            self.warn(f"montant « {text_of(value)} » illisible : gardé dans « precision »", row, col)
            entry["precision"] = f"{col.header} : {text_of(value)}"
        else:
            entry["montant"] = amount


# --- the whole plan --------------------------------------------------------------------------------------


def parse_periode(text: str) -> tuple[int, int]:
    """« 2025-2030 » (also « 2025–2030 », « 2025 à 2030 ») → (2025, 2030)."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:-|–|—|à|a|:|/|\s)\s*(\d{4})\s*", text or "")
    if not m or int(m.group(1)) > int(m.group(2)):
        raise InputError(f"période « {text} » invalide : écrivez par exemple --periode 2025-2030")
    first, last = int(m.group(1)), int(m.group(2))
    check_year(first, "--periode")
    check_year(last, "--periode")
    return first, last


def read_plan(path: str, territoire: str | None = None, periode: str | None = None,
              annee: int | None = None, today: dt.date | None = None) -> Imported:
    """Read a TeT workbook into a validated contract and fiches (nothing is written)."""
    check_year(annee, "--annee")
    year = annee or (today or dt.date.today()).year
    if periode:
        parse_periode(periode)  # a bad option is said before the workbook is read
    workbook = _open(path)
    ws, header_row = _find_sheet(workbook)
    notices: list[Notice] = []
    columns = read_columns(ws, header_row)
    merged = _merged_values(ws)
    builder = _Builder(columns, year, notices)
    raw_fiches = []
    used_columns: set[int] = set()
    for cells in ws.iter_rows(min_row=header_row + 1, max_row=ws.max_row):
        row = cells[0].row
        values = {c.column: merged.get((row, c.column), c.value) for c in cells if c.column in builder.by_index}
        if all(text_of(v) is None for v in values.values()):
            continue
        why = _template_row(list(values.values()))
        if why and row <= header_row + 3:
            notices.append(Notice(why, row, level="info"))
            continue
        used_columns.update(i for i, v in values.items() if text_of(v) is not None)
        fiche = builder.build(row, values)
        if fiche is not None:
            raw_fiches.append((row, fiche))
    for col in columns:
        if col.index not in used_columns or col.key in BY_KEY or col.key in ("financeur", "montant_paire"):
            continue
        why = ("montant sans colonne « Financeur » à sa gauche" if col.key == "montant"
               else "deuxième colonne de ce nom" if classify(col.header) else "colonne sans équivalent dans clstool")
        notices.append(Notice(f"{why} : son contenu est gardé dans notes (« {col.header} : … »)",
                              header_row, col.letter, col.header))
    if not raw_fiches:
        raise InputError(f"aucune fiche action dans la feuille « {ws.title} » de {path}")

    if periode:
        first, last = parse_periode(periode)
        if builder.statuses and not first <= year <= last:
            raise InputError(f"l'année des statuts ({year}) est hors de la période {first}–{last} : "
                             "précisez --annee")
    else:
        years = builder.years | ({year} if builder.statuses else set())
        first, last = (min(years), max(years)) if years else (year, year)
        notices.append(Notice(f"période du contrat déduite des dates du fichier : {first}–{last} "
                              "(précisez-la avec --periode 2025-2030)"))
    name = territoire or Path(path).stem
    if not territoire:
        notices.append(Notice(f"territoire non précisé : « {name} » (nom du fichier ; précisez --territoire)"))
    contrat = Contrat.model_validate({
        "territoire": name,
        "intitule": f"Plan d'action importé de Territoires en Transitions ({Path(path).name})",
        "periode": {"debut": first, "fin": last},
        "axes": [{"id": i, "titre": builder.axes.titles[i]} for i in sorted(builder.axes.titles, key=id_key)],
    })
    fiches = []
    for row, data in raw_fiches:
        try:
            fiches.append(Fiche.model_validate(data))
        except ValidationError as exc:  # pragma: no cover - the builder only makes valid data
            raise InputError(f"ligne {row} : fiche impossible à construire ({exc.errors()[0]['msg']})") from None
    return Imported(contrat, fiches, notices, ws.title)


def write_plan(imported: Imported, out_dir: str, force: bool = False) -> list[Path]:
    """Write ``contrat.yaml`` and ``fiches/<id>.yaml`` under ``out_dir``. Without ``force``, if
    any of these files exists, nothing at all is written (:class:`InputError`)."""
    root = Path(out_dir)
    targets = [(root / CONTRAT, "contrat", imported.contrat)]
    targets += [(root / FICHES / f"{f.id}.yaml", "fiche", f) for f in imported.fiches]
    existing = [str(path) for path, _, _ in targets if path.exists()]
    if existing and not force:
        shown = ", ".join(existing[:3]) + (f" et {len(existing) - 3} autres" if len(existing) > 3 else "")
        raise InputError(f"fichiers déjà présents ({shown}) : rien n'a été écrit ; --force pour les remplacer")
    (root / FICHES).mkdir(parents=True, exist_ok=True)
    for path, kind, model in targets:
        atomic_write(path, dump(model_data(model), header=schema_line(path, kind)))
    return [path for path, _, _ in targets]
