"""``clstool campagne importer``: the answers of returned workbooks into the fiches' ``suivi``.

All or nothing: every workbook is read and every answer checked first; if anything is wrong
(an invalid cell, a workbook of another year or territory, a fiche answered differently in two
workbooks, a fiche whose plan or follow-up changed since the workbook was prepared), the
problems are listed and no file is written. Otherwise each changed fiche is written atomically.
Importing the same workbooks again changes nothing. ``--remplacer`` writes over a follow-up
that changed since the preparation, and over a plan that changed (the answers about what is
still in the plan are kept).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from clstool.campaign.answers import Answer, apply, read_answer
from clstool.campaign.layout import FORMAT, KEY_SEPARATOR
from clstool.campaign.prepare import load_territory
from clstool.campaign.read import Problem, Row, WorkbookError, read_workbook
from clstool.campaign.snapshot import fingerprint, plan_changes, suivi_data
from clstool.campaign.splice import SpliceError, checked_splice
from clstool.fsutil import atomic_write
from clstool.model.documents import Fiche
from clstool.planning.plan import contract_interval


@dataclass
class Change:
    fiche_id: str
    path: Path
    display: str
    before: str
    after: str
    source: str  #: the workbook

    def diff(self) -> str:
        return "".join(difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
            fromfile=f"{self.display} (actuel)", tofile=f"{self.display} (après import)"))


@dataclass
class ImportResult:
    changes: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    written: bool = False


def _workbook_answers(path: str, name: str, year: int, fiches: dict[str, tuple[Path, str, Fiche]],
                      contract, replace: bool, result: ImportResult) -> list[Answer]:
    try:
        raw = read_workbook(Path(path), path)
    except WorkbookError as exc:
        result.problems.append(str(exc.problem))
        return []
    problems: list[Problem] = list(raw.problems)
    if raw.meta.get("format") != FORMAT:
        problems.append(Problem(path, f"format de classeur « {raw.meta.get('format')} » inconnu"))
    if raw.year != year:
        problems.append(Problem(path, f"classeur de la campagne {raw.meta.get('annee')}, "
                                f"import demandé pour {year} : rien n'est importé de ce fichier"))
    if raw.meta.get("territoire") != name:
        problems.append(Problem(path, f"classeur du territoire « {raw.meta.get('territoire')} », "
                                f"pas de « {name} » : rien n'est importé de ce fichier"))
    if problems:
        result.problems += [str(p) for p in problems]
        return []
    rows: dict[str, list[Row]] = {}
    for row in raw.rows:
        fiche_id = row.key.split(KEY_SEPARATOR, 1)[0]
        if fiche_id not in raw.prepared:
            problems.append(Problem(path, f"ligne d'une fiche « {fiche_id} » que ce classeur ne contenait pas",
                                    row.sheet, f"A{row.number}"))
            continue
        rows.setdefault(fiche_id, []).append(row)
    seen: dict[str, Row] = {}
    for row in raw.rows:  # a row copied by the carrier: two answers for one line of the plan
        if row.key in seen:
            problems.append(Problem(path, f"identifiant « {row.key} » en double (ligne copiée ?) : "
                                    f"aussi ligne {seen[row.key].number}", row.sheet, f"A{row.number}"))
        seen[row.key] = row
    answers = []
    for fiche_id, (plan, prepared) in raw.prepared.items():
        if fiche_id not in fiches:
            problems.append(Problem(path, f"fiche {fiche_id} absente du territoire (ou en erreur : "
                                    "lancez clstool validate)"))
            continue
        changes = plan_changes(plan, fiches[fiche_id][2])
        if changes:
            message = (f"le plan de la fiche {fiche_id} a changé depuis la préparation du classeur : "
                       + " ; ".join(changes))
            if replace:
                result.notices.append(f"{path} : {message} (--remplacer : les réponses sur ce qui "
                                      "existe encore sont importées)")
            else:
                problems.append(Problem(path, message + " ; préparez un nouveau classeur, ou importez "
                                        "avec --remplacer"))
                continue
        answer = read_answer(fiches[fiche_id][2], rows.get(fiche_id, []), path, contract, problems)
        answer.prepared = prepared
        result.notices += answer.notices
        answers.append(answer)
    result.problems += [str(p) for p in problems]
    return answers


def run_import(files: list[str], territoire: str, year: int, replace: bool = False,
               dry_run: bool = False) -> ImportResult:
    loaded = load_territory(territoire)
    contract = contract_interval(loaded.contrat)
    displays = {s.path: s.display for s in loaded.territory.fiches}
    fiches = {f.id: (p, displays.get(p, str(p)), f) for p, f in loaded.fiches}
    result = ImportResult()
    result.notices += [f"{d} ignoré (erreurs : lancez clstool validate)" for d in loaded.ignored]
    by_fiche: dict[str, list[tuple[Answer, str]]] = {}
    for path in files:
        for answer in _workbook_answers(path, loaded.name, year, fiches, contract, replace, result):
            by_fiche.setdefault(answer.fiche_id, []).append((answer, path))
    for fiche_id, given in sorted(by_fiche.items()):
        path, display, fiche = fiches[fiche_id]
        current = fiche.suivi.get(year)
        filled = [(a, f) for a, f in given if not a.empty]
        if not filled:
            result.empty.append(fiche_id)
            continue
        news = [(apply(current, a, fiche), a, f) for a, f in filled]
        if len({repr(suivi_data(n)) for n, _, _ in news}) > 1:
            result.problems.append(f"fiche {fiche_id} : réponses différentes dans "
                                   + " et ".join(f for _, _, f in news) + " ; gardez-en une seule")
            continue
        new, answer, source = news[0]
        if suivi_data(new) == suivi_data(current):
            result.unchanged.append(fiche_id)
            continue
        if current is not None and fingerprint(current) != answer.prepared and not replace:
            result.problems.append(
                f"{answer.where} : la fiche {fiche_id} a déjà un suivi {year} différent, écrit depuis la "
                f"préparation du classeur ({display}) ; rien n'est fusionné : vérifiez, puis relancez avec "
                "--remplacer pour écraser ce suivi par la réponse")
            continue
        try:
            before = path.read_text(encoding="utf-8")
            after = checked_splice(before, year, new)
        except (OSError, UnicodeDecodeError) as exc:
            result.problems.append(f"{display} : illisible ({exc})")
            continue
        except SpliceError as exc:
            result.problems.append(f"{display} : {exc}")
            continue
        result.changes.append(Change(fiche_id, path, display, before, after, source))
    if result.problems or dry_run:
        return result
    for change in result.changes:
        atomic_write(change.path, change.after)
    result.written = True
    return result

