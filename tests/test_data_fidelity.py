"""Nothing lost, nothing invented: every text value of data/ occurs in its source document.

Every string held by ``data/montpellier`` (contrat + fiches) and ``data/clermont`` is
extracted by walking the loaded models (``clstool.yamlio.load.load``): titles, objectives, group
headings and their elements, portage, déclinaisons, calendar periods and jalons, indicator
libellés, definitions, notes, transitions… Skipped: enumeration codes (a string that is one of
the ``Literal`` values its field allows: ``nouvelle``, ``processus``, ``tous``…), identifiers
(``id``, ``axe``), the contract's ``periode`` dates (structured data, not text) and ``ecart``,
the transcription's own note on a discrepancy between two pages of the source (checked by
``test_data_contrat.py`` against both pages).

Each value must occur in the source text once both sides are normalised the same way
(:func:`normalise`): Unicode NFC; quotes unified (’ ‘ ' ` → ', « » “ ” " → "); dashes unified
(– — ‑ → -); bullet glyphs removed (U+F0B7 and U+F0A7 of the PDF's Symbol font, ``•``, and
a ``- `` or ``* `` opening a source line); whitespace, line breaks included, collapsed to one
space. For the Clermont source (markdown), the emphasis markers ``**`` and ``*`` are removed too.

The match (:class:`SourceText`) is tried in this order, the first success wins:

1. **verbatim**: the normalised value is a substring of the normalised source, starting and
   ending on word boundaries;
2. **PDF hyphenation undone**: the same, in a copy of the source where a word cut by a
   hyphen at the end of a line is glued back (``médico-`` / ``social`` → ``médico-social``,
   and also with the hyphen dropped: ``pluri-`` / ``professionnel`` → ``pluriprofessionnel``);
3. **spaces removed (last resort for a word broken across lines)**: both sides with every
   space removed, the match still starting and ending on word boundaries of the source;
4. **interleaved table columns**: the PDF extraction interleaves the columns of a table, so
   one cell's text can be cut by lines of the neighbouring cells. The value is then accepted
   only if it is the concatenation, in order, of runs of WHOLE source lines (the first run may
   start inside a line at a word boundary, the last may stop inside a line at a word boundary),
   each run starting at most :data:`MAX_GAP` non-blank lines after the previous one ended. Comparison
   inside this fallback ignores spaces, nothing else.

None of these fallbacks lets an invented word through: it would have to be a whole line of the
source, close by, in the right place. ``test_matcher_*`` below prove it with invented values.

A second, stricter test checks each Montpellier fiche against ITS OWN detailed page only (from
« FICHE ACTION N° x-y » to the next « FICHE ACTION »), without unifying quotes and dashes: a
value must be written as that fiche writes it (« CLS : ARS Occitanie – Ville de Montpellier »
with its en dash in 1-1, « CLS : ARS Occitanie - Ville de Montpellier » with a hyphen in 2-1).

A failure lists every value that does not match: file, line, path in the file, value.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator, Literal, get_args, get_origin

import pytest
from pydantic import BaseModel

from clstool.model.contrat import Periode
from clstool.yamlio.load import SourceFile, load

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCES = ROOT.parent / "shared" / "sources"
if not SOURCES.is_dir():  # the work tree and shared/ side by side, or the machine's copy
    SOURCES = Path("/work/shared/sources")
MONTPELLIER_SOURCE = SOURCES / "montpellier-cls-2022-2027.txt"
CLERMONT_SOURCE = SOURCES / "clermont-ferrand-cls-2025-2030.txt"

#: Largest distance, in non-blank source lines, between two pieces of one interleaved table cell.
MAX_GAP = 40

# --- normalisation -------------------------------------------------------------------------------

_BULLETS = {"\uf0b7": " ", "\uf0a7": " ", "•": " "}
_TYPOGRAPHY = {
    "’": "'", "‘": "'", "`": "'",
    "«": '"', "»": '"', "“": '"', "”": '"',
    "–": "-", "—": "-", "‑": "-",
}
_CHARS = str.maketrans({**_BULLETS, **_TYPOGRAPHY})
_CHARS_STRICT = str.maketrans(_BULLETS)
_LINE_BULLET = re.compile(r"^\s*[-*]\s+")
_EMPHASIS = re.compile(r"\*\*|\*")
_SPACES = re.compile(r"\s+")
_HYPHEN_AT_END = re.compile(r"\w-$")


def normalise(text: str, markdown: bool = False, unify: bool = True) -> str:
    """One line of text, normalised (see the module docstring). ``unify=False`` keeps quotes
    and dashes as they are (the strict check of typography)."""
    text = unicodedata.normalize("NFC", text)
    if markdown:
        text = _EMPHASIS.sub("", text)
    text = text.translate(_CHARS if unify else _CHARS_STRICT)
    return _SPACES.sub(" ", text).strip()


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


@dataclass
class SourceText:
    """A source document, normalised, and the matcher of values against it."""

    raw: str = field(repr=False)
    markdown: bool = False
    unify: bool = True  #: False: quotes and dashes must be the source's own

    @cached_property
    def lines(self) -> list[tuple[int, str]]:
        """(line number, normalised text) of every non-blank source line, bullets removed."""
        out = []
        for number, line in enumerate(self.raw.splitlines(), start=1):
            line = unicodedata.normalize("NFC", line)
            line = _LINE_BULLET.sub("", line)
            text = normalise(line, self.markdown, self.unify)
            text = _LINE_BULLET.sub("", text)  # a bullet glyph followed by "- "
            if text:
                out.append((number, text))
        return out

    @cached_property
    def texts(self) -> list[str]:
        """The source as one line of text: plain, then with hyphenation undone two ways."""
        lines = [t for _, t in self.lines]
        plain = " ".join(lines)
        keep, drop = [lines[0]], [lines[0]]
        for previous, line in zip(lines, lines[1:], strict=False):
            glued = bool(_HYPHEN_AT_END.search(previous)) and line[:1].isalpha()
            keep.append(line if glued else " " + line)
            drop.append(line if glued else " " + line)
            if glued:
                drop[-2] = drop[-2][:-1]
        return [plain, "".join(keep), "".join(drop)]

    @cached_property
    def _unspaced(self) -> list[tuple[str, list[int], str]]:
        """Each text without spaces, with the index in the spaced text of each character."""
        out = []
        for text in self.texts:
            index = [i for i, c in enumerate(text) if c != " "]
            out.append(("".join(text[i] for i in index), index, text))
        return out

    @staticmethod
    def _bounded(text: str, start: int, end: int) -> bool:
        """``text[start:end]`` starts and ends on word boundaries."""
        left = start == 0 or not (_is_word(text[start - 1]) and _is_word(text[start]))
        right = end == len(text) or not (_is_word(text[end - 1]) and _is_word(text[end]))
        return left and right

    def _find_bounded(self, text: str, value: str) -> bool:
        start = text.find(value)
        while start != -1:
            if self._bounded(text, start, start + len(value)):
                return True
            start = text.find(value, start + 1)
        return False

    def how(self, value: str) -> str | None:
        """How ``value`` occurs in the source, or None: ``verbatim``, ``césure``,
        ``sans espaces`` or ``colonnes``."""
        value = normalise(value, self.markdown, self.unify)
        if not value:
            return None
        plain, *dehyphenated = self.texts
        if self._find_bounded(plain, value):
            return "verbatim"
        if any(self._find_bounded(text, value) for text in dehyphenated):
            return "césure"
        packed = value.replace(" ", "")
        for unspaced, index, text in self._unspaced:
            start = unspaced.find(packed)
            while start != -1:
                end = start + len(packed)
                if self._bounded(text, index[start], index[end - 1] + 1):
                    return "sans espaces"
                start = unspaced.find(packed, start + 1)
        if " " in value and self._columns(value):
            return "colonnes"
        return None

    # --- fallback 4: a table cell cut by its neighbours -----------------------------------------

    @cached_property
    def _packed_lines(self) -> list[tuple[int, str, set[int], set[int]]]:
        """(line number, text without spaces, word starts, word ends) of each line."""
        out = []
        for number, text in self.lines:
            packed, starts, ends, position = "", set(), set(), 0
            for word in text.split(" "):
                starts.add(position)
                packed += word
                position += len(word)
                ends.add(position)
            out.append((number, packed, starts, ends))
        return out

    def _columns(self, value: str) -> bool:
        """``value`` is a concatenation of runs of whole lines, close to each other (see the
        module docstring); at least two runs."""
        words = value.split(" ")
        packed = "".join(words)
        # offsets in ``packed`` where a word of the value begins or ends
        bounds, position = {0}, 0
        for word in words:
            position += len(word)
            bounds.add(position)
        lines = self._packed_lines

        def rest_from(offset: int, after: int, runs: int) -> bool:
            """``packed[offset:]`` is made of runs starting at a line index in
            (after, after + MAX_GAP], the first of them starting at a line start."""
            for i in range(after + 1, min(len(lines), after + 1 + MAX_GAP)):
                if run_from(offset, i, 0, runs):
                    return True
            return False

        def run_from(offset: int, i: int, inside: int, runs: int) -> bool:
            """A run begins at ``packed[offset]`` = line ``i`` at ``inside``; follow it."""
            while i < len(lines):
                _, text, _, ends = lines[i]
                piece = text[inside:]
                remaining = packed[offset:]
                if remaining == piece[: len(remaining)]:  # the value ends inside this line
                    return runs >= 1 and (len(remaining) + inside) in ends
                if not remaining.startswith(piece):
                    return False
                offset += len(piece)
                if offset in bounds and rest_from(offset, i, runs + 1):
                    return True  # the run stops at this line end, the next one starts later
                i, inside = i + 1, 0
            return False

        for i, (_, text, starts, _) in enumerate(lines):
            for inside in sorted(starts):
                if text[inside: inside + 1] == packed[:1] and run_from(0, i, inside, 0):
                    return True
        return False


# --- text values of the data ----------------------------------------------------------------------

_NOT_TEXT_FIELDS = {"id", "axe", "ecart"}


def _literals(annotation: Any) -> set[str]:
    """Every ``Literal`` string an annotation allows, however deeply nested."""
    if get_origin(annotation) is Literal:
        return {a for a in get_args(annotation) if isinstance(a, str)}
    out: set[str] = set()
    for arg in get_args(annotation):  # list[...], Union[...], Annotated[...] and their metadata
        out |= _literals(arg)
    return out


def shown(path: tuple) -> str:
    """``declinaisons[0].titre``."""
    out = ""
    for element in path:
        out += f"[{element}]" if isinstance(element, int) else ("." if out else "") + str(element)
    return out


def text_values(obj: Any, path: tuple = (), codes: frozenset = frozenset()) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every text value in a loaded model."""
    if isinstance(obj, BaseModel):
        if isinstance(obj, Periode):
            return
        for name, info in type(obj).model_fields.items():
            if name in _NOT_TEXT_FIELDS:
                continue
            yield from text_values(getattr(obj, name), path + (name,),
                                   frozenset(_literals(info.annotation)))
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from text_values(item, path + (i,), codes)
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from text_values(item, path + (key,), codes)
    elif isinstance(obj, str) and obj not in codes:
        yield path, obj


@dataclass
class Miss:
    file: str
    line: int
    path: str
    value: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path} = {self.value!r}"


def check_territory(folder: Path, source: SourceText) -> tuple[int, list[Miss], dict[str, int]]:
    """Number of values checked, the values not found, and how the others were found."""
    project = load([os.path.relpath(folder)])
    files: list[SourceFile] = project.files
    assert files and all(f.model is not None for f in files), [
        (f.display, [d.message for d in f.diagnostics]) for f in files if f.model is None]
    checked, misses, ways = 0, [], {}
    for f in files:
        for path, value in text_values(f.model):
            checked += 1
            how = source.how(value)
            if how is None:
                misses.append(Miss(f.display, f.pos(path)[0], shown(path), value))
            else:
                ways[how] = ways.get(how, 0) + 1
    return checked, misses, ways


@pytest.fixture(scope="module")
def montpellier() -> SourceText:
    return SourceText(MONTPELLIER_SOURCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def clermont() -> SourceText:
    return SourceText(CLERMONT_SOURCE.read_text(encoding="utf-8"), markdown=True)


# --- the data ------------------------------------------------------------------------------------


def test_montpellier_every_value_is_in_the_source(montpellier):
    checked, misses, ways = check_territory(DATA / "montpellier", montpellier)
    assert checked > 900, checked  # contrat + 16 fiches: about a thousand values
    assert ways.get("verbatim", 0) > 0.95 * checked, ways  # the fallbacks stay exceptions
    assert not misses, f"{len(misses)} valeur(s) absente(s) de la source sur {checked} :\n" + "\n".join(map(str, misses))


def test_clermont_every_value_is_in_the_source(clermont):
    checked, misses, ways = check_territory(DATA / "clermont", clermont)
    assert checked > 100, checked  # contrat + 33 titles
    assert not misses, f"{len(misses)} valeur(s) absente(s) de la source sur {checked} :\n" + "\n".join(map(str, misses))


def fiche_sections(raw: str) -> dict[str, str]:
    """The text of each detailed fiche (« FICHE ACTION N° 1-1 » up to the next fiche heading)."""
    lines = raw.splitlines(keepends=True)
    heads = [i for i, line in enumerate(lines) if "FICHE ACTION" in line]
    sections = {}
    for k, i in enumerate(heads):
        found = re.search(r"FICHE ACTION N° (\d+-\d+)", lines[i])
        if found:
            end = heads[k + 1] if k + 1 < len(heads) else len(lines)
            sections[found.group(1)] = "".join(lines[i:end])
    return sections


def test_montpellier_each_fiche_is_in_its_own_page_typography_included():
    sections = fiche_sections(MONTPELLIER_SOURCE.read_text(encoding="utf-8"))
    assert sorted(sections) == ["1-1", "1-2", "1-3", "2-1", "2-2", "2-3", "3-1", "3-2", "3-3",
                                "4-1", "4-2", "4-3", "4-4", "5-1", "5-2", "5-3"]
    project = load([os.path.relpath(DATA / "montpellier")])
    misses, checked = [], 0
    for f in project.territories[0].fiches:
        page = SourceText(sections[f.model.id], unify=False)
        for path, value in text_values(f.model):
            checked += 1
            if page.how(value) is None:
                misses.append(Miss(f.display, f.pos(path)[0], shown(path), value))
    assert checked > 900
    assert not misses, "\n".join(map(str, misses))


def test_portage_cls_as_each_fiche_writes_it():
    """« CLS : ARS Occitanie – … » : en dash in some fiches, hyphen in others, as the source."""
    sections = fiche_sections(MONTPELLIER_SOURCE.read_text(encoding="utf-8"))
    project = load([os.path.relpath(DATA / "montpellier")])
    seen = {}
    for f in project.territories[0].fiches:
        portage = f.model.portage
        for value in portage.porteurs + portage.pilotes:
            if value.startswith("CLS :"):
                seen[f.model.id] = value
                page = normalise(sections[f.model.id], unify=False)
                assert value in page, (f.model.id, value)
    assert seen == {
        "1-1": "CLS : ARS Occitanie – Ville de Montpellier",
        "1-2": "CLS : ARS Occitanie – CHU – Ville de Montpellier",
        "1-3": "CLS : ARS Occitanie – Ville de Montpellier",
        "2-1": "CLS : ARS Occitanie - Ville de Montpellier",
        "2-2": "CLS : ARS Occitanie - Ville de Montpellier",
        "2-3": "CLS : ARS Occitanie - Ville de Montpellier",
        "3-2": "CLS : ARS Occitanie - Ville de Montpellier",
        "4-2": "CLS : ARS Occitanie - Ville de Montpellier",
        "5-1": "CLS : ARS Occitanie - Ville de Montpellier (Service Cohésion Sociale)",
        "5-2": "CLS : ARS Occitanie – Ville de Montpellier (Cohésion Sociale)",
        "5-3": "CLS : ARS Occitanie – Ville de Montpellier",
    }


# --- nothing lost: every line of a fiche's page is in its YAML -------------------------------------

#: Lines of the fiche form itself (labels, headings, the checkbox grids' wrapped lines).
_FORM_LABELS = re.compile("(?:" + "|".join([
    r"FICHE ACTION N° \d+-\d+", r"Objectifs spécifiques", r"Objectifs opérationnels?", r"Objectifs généraux",
    r"Objectifs opérationnel \(Objectifs", r"concrets\)", r"Portage", r"Porteur \(s\)", r"Pilote \(s\)",
    r"Partenaire \(s\)", r"Opérateur \(s\)", r"Rôle coordination", r"Rôle de la coordination du CLS",
    r"Déclinaisons opérationnelles de la fiche ?- ?action", r"Description et objectifs( Partenaires)?",
    r"Partenaires", r"opérationnels", r"Moyens", r"mobilisables", r"Financements( et)?", r"et [mM]oyens",
    r"moyens", r"Calendrier", r"prévisionnel", r"Calendrier prévisionnel", r"Public visé",
    r"Préciser si professionnels :", r"Territoire d'intervention", r"Y-a-t-il une démarche",
    r"participative associant les( citoyens)?", r"citoyens \?", r"\?", r"Si oui, de quelle nature \?",
    r"L'action contribue-t-elle à", r"améliorer l'accès à l'information( et)?", r"(et )?aux droits \?",
    r"Principaux indicateurs", r"d'évaluation", r"Indicateurs de processus :", r"Indicateurs de résultat :",
    r"Déterminants de santé visés", r"Système de soins", r"Modes de vie", r"Conditions de vie",
    r"Environnement social", r"Contexte économique et politique", r"Conditions socio-économiques",
    r"Financements et [mM]oyens mobilisables", r"Description de l'action : les étapes",
    r"Partenaires opérationnels de l'action", r"(éducatifs, )?alimentation(, activité physique,)? …\)",
    r"sociales\)",
]) + ")")
#: Labels followed, on the same line, by the cell's content.
_FORM_PREFIXES = re.compile("(?:" + "|".join([
    r"FICHE ACTION N° \d+-\d+", r"Porteur \(s\)", r"Pilote \(s\)", r"Calendrier prévisionnel",
    r"Financements et [mM]oyens mobilisables", r"Description de l'action : les étapes",
    r"Partenaires opérationnels de l'action",
]) + ") ")
#: Where one line of the source holds several values (a list on one line, period and jalon…).
_PIECES = re.compile(r" : | / |, | - |\(|\)| \+ ")


def _renderings(model) -> list[str]:
    """The fiche's text values, plus the ways the source writes its structured ones on one line
    (« ARS Occitanie (CPOM…) », « 1er trimestre 2023 : partage… », « Diffusion 3ème trimestre »)."""
    out = [value for _, value in text_values(model)]
    financements = list(model.financements) + [f for d in model.declinaisons for f in d.financements]
    for f in financements:
        out += [f"{f.financeur or ''} {f.precision or ''}", f"{f.financeur or ''} ({f.precision or ''})"]
    for entry in list(model.calendrier) + [e for d in model.declinaisons for e in d.calendrier]:
        if not isinstance(entry, str) and entry.jalon:
            out += [f"{entry.periode} : {entry.jalon}", f"{entry.periode} {entry.jalon}",
                    f"{entry.jalon} {entry.periode}"]
    return out


def uncovered_lines(page: str, model) -> list[tuple[int, str]]:
    """Lines of a fiche's page whose content is in none of the fiche's values.

    Skipped: the form's own labels, the « Axe stratégique » block (the fiche refers to its axis
    by id), ticked/unticked checkbox lines (except the text after « (Précisez) : », « Quartier : »,
    « QPV : »), and everything after « Autre(s) : », the last cell of the form. A line is cut at
    the separators a list or a calendar cell uses on one line (« : », « / », « , », « - »,
    brackets); each piece must occur in a value (spaces ignored); a piece of at most three words
    may be spread over values (« CPAM34 2023 » = a means and a period side by side).
    """
    texts = [normalise(v).replace(" ", "") for v in _renderings(model)]
    blob = "\x00".join(texts)
    words = set(" ".join(normalise(v) for v in _renderings(model)).split())
    amounts = any(f.montant for f in list(model.financements)
                  + [f for d in model.declinaisons for f in d.financements])
    territoire = model.territoire
    tous = territoire is not None and "tous" in (territoire.commune, territoire.quartiers, territoire.qpv)
    out, in_axis = [], False
    for number, line in SourceText(page).lines:
        if line.startswith("Autre(s) :"):
            break
        if line.startswith("Axe stratégique du CLS"):
            in_axis = True
            continue
        if in_axis:
            if not line.startswith("Objectif"):
                continue
            in_axis = False
        if "☐" in line or "☒" in line:
            named = re.search(r"(?:Précisez\)|Quartiers?|QPV) : (.+)$", line)
            if not named or (named.group(1) == "Tous" and tous):
                continue
            line = named.group(1)
        if _FORM_LABELS.fullmatch(line):
            continue
        if _FORM_PREFIXES.match(line):
            line = _FORM_PREFIXES.sub("", line, count=1)
        for piece in _PIECES.split(line):
            packed = piece.replace(" ", "").strip(";,.-:")
            if not packed or packed in blob:
                continue
            if amounts and re.fullmatch(r"[\d€]+", packed):
                continue  # an amount: montant
            if len(piece.split()) <= 3 and all(w.strip(";,.:") in words for w in piece.split()):
                continue
            out.append((number, line))
            break
    return out


def test_montpellier_nothing_lost():
    """Every line of each detailed fiche page is somewhere in that fiche's YAML."""
    sections = fiche_sections(MONTPELLIER_SOURCE.read_text(encoding="utf-8"))
    project = load([os.path.relpath(DATA / "montpellier")])
    lost = [(f.model.id, n, line) for f in project.territories[0].fiches
            for n, line in uncovered_lines(sections[f.model.id], f.model)]
    assert not lost, "\n".join(f"fiche {i}, ligne {n} de sa page : {line}" for i, n, line in lost)


def test_nothing_lost_catches_a_dropped_item():
    sections = fiche_sections(MONTPELLIER_SOURCE.read_text(encoding="utf-8"))
    project = load([os.path.relpath(DATA / "montpellier")])
    fiche = next(f.model for f in project.territories[0].fiches if f.model.id == "1-1")
    assert uncovered_lines(sections["1-1"], fiche) == []
    portage = fiche.portage.model_copy(update={"partenaires": fiche.portage.partenaires[:-1]})
    dropped = fiche.model_copy(update={"portage": portage})
    assert [line for _, line in uncovered_lines(sections["1-1"], dropped)] == [
        "Instituts de formations médicales et", "paramédicales."]
    indicateurs = fiche.model_copy(update={"indicateurs": fiche.indicateurs[1:]})
    assert [line for _, line in uncovered_lines(sections["1-1"], indicateurs)] == [
        "Nombre et qualité des partenaires mobilisés sur la création du guide"]


def test_every_fiche_is_checked():
    project = load([str(DATA / "montpellier"), str(DATA / "clermont")])
    assert [len(t.fiches) for t in project.territories] == [16, 33]
    for f in project.files:
        values = list(text_values(f.model))
        assert values and values[0][0][0] in ("titre", "territoire"), f.display


# --- the matcher itself (invented values must fail) ---------------------------------------------

SAMPLE = """\
FICHE ACTION N° 9-9
Mener un état des lieux de l'offre
existante de soins de premier
recours, la démographie médicale

Description et objectifs Partenaires
opérationnels
Calendrier
prévisionnel
et les freins à l’accès aux soins
\uf0b7 Identifier et évaluer l’offre de soins
CLS : ARS Occitanie – Ville de Montpellier
(sanitaire, médico-
social, éducatif)
Profes-
sionnels de santé
- Contribuer au développement d’une offre de soins
«Lieu ressource»
"""


@pytest.fixture
def sample() -> SourceText:
    return SourceText(SAMPLE)


@pytest.mark.parametrize("value, how", [
    ("Mener un état des lieux de l'offre existante", "verbatim"),
    ("CLS : ARS Occitanie - Ville de Montpellier", "verbatim"),  # dash unified
    ("Identifier et évaluer l'offre de soins", "verbatim"),  # bullet glyph, quote unified
    ("Contribuer au développement d’une offre de soins", "verbatim"),  # "- " bullet
    ('"Lieu ressource"', "verbatim"),
    ("médico-social", "césure"),
    ("Professionnels de santé", "césure"),
    ("Mener un état des lieux de l'offre existante de soins de premier recours, la démographie "
     "médicale et les freins à l’accès aux soins", "colonnes"),
])
def test_matcher_accepts_the_source(sample, value, how):
    assert sample.how(value) == how


@pytest.mark.parametrize("value", [
    "Mener un état des lieux de l'offre existante de soins de premier recours, la démographie "
    "médicale et les freins à l’accès aux soins gratuits",  # invented word at the end
    "Mener un état des lieux de l'offre existante de soins de premier recours, la démographie "
    "médicale et surtout les freins à l’accès aux soins",  # invented word inside
    "Mener un état des lieux de l'offre nouvelle",  # one word changed
    "CLS : ARS Occitanie – Ville de Montpellier et CPAM",  # invented partner
    "Mener un état des lieux",  # fine…
    "Identifier et évaluer les soins",  # a word dropped
    "ARS",  # fine…
    "Occ",  # a piece of a word is not a value
    "Description et objectifs Identifier",  # two pieces that are not whole lines in a row
])
def test_matcher_refuses_what_is_not_there(sample, value):
    expected_found = value in ("Mener un état des lieux", "ARS")
    assert (sample.how(value) is not None) is expected_found, value


@pytest.mark.parametrize("value", [
    "Soutenir la création de structures d’exercice coordonné de proximité pour tous",
    "CLS : ARS Occitanie – Ville de Paris",
    "Mener un état des lieux de l'offre existante de soins de premier recours, la démographie "
    "médicale et les freins à l’accès aux soins dentaires",
    "Présenter pour chacun des modes d’exercice coordonné, les étapes de construction du budget",
    "Ville de Montpellier - DSPE (20 000€)",
    "Nombre de licornes mobilisées",
])
def test_matcher_refuses_invented_values_in_the_real_source(montpellier, value):
    assert montpellier.how(value) is None


def test_normalise():
    assert normalise("\uf0b7 Identifier  l’offre\n« de »  soins – CPTS\u202f;") == \
        'Identifier l\'offre " de " soins - CPTS ;'
    assert normalise("l’offre – CPTS", unify=False) == "l’offre – CPTS"
    assert normalise("**Plan** *Educatif*", markdown=True) == "Plan Educatif"
    assert normalise("**Plan** *Educatif*") == "**Plan** *Educatif*"


def test_matcher_strict_typography():
    source = SourceText("CLS : ARS Occitanie – Ville de Montpellier\nl’offre", unify=False)
    assert source.how("CLS : ARS Occitanie – Ville de Montpellier") == "verbatim"
    assert source.how("CLS : ARS Occitanie - Ville de Montpellier") is None
    assert source.how("l'offre") is None
    assert SourceText(source.raw).how("CLS : ARS Occitanie - Ville de Montpellier") == "verbatim"


def test_matcher_markdown_emphasis_removed():
    source = SourceText("Le **Plan Educatif de la Ville** et *« une santé »*.", markdown=True)
    assert source.how("Le Plan Educatif de la Ville et « une santé ».") == "verbatim"
    assert source.how("Le Plan Educatif de la Ville et « une bonne santé ».") is None
