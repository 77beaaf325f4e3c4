"""Read YAML bytes into plain Python data plus the position of every key and value.

We drive libyaml's C parser (through PyYAML's ``CSafeLoader``) event by event and build the
tree ourselves, without recursion. That gives, in one fast pass:

- the line and column (1-based) of every key and value, keyed by their path
  (``("declinaisons", 0, "titre")``), so schema errors can point at the YAML source;
- duplicate keys reported (YAML parsers usually keep the last one silently);
- bounded work on hostile input: nesting depth and alias expansion are capped, so a
  100 000-deep list or an "alias bomb" is refused instead of crashing or eating memory;
- YAML 1.2 core scalars: ``oui``/``non``/``yes``/``no`` stay text, ``2024-03-15`` stays
  text (calendar periods are text), only ``true``/``false`` are booleans.

Fatal problems raise :class:`YamlError`; non-fatal ones (duplicate key, BOM) are returned in
``YamlDoc.problems`` and reading goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from clstool.yamlio.limits import MAX_BYTES, MAX_DEPTH, MAX_EXPANDED, MAX_INT_DIGITS, MAX_NODES
from clstool.yamlio.syntax_fr import syntax_message as _syntax_message

try:  # libyaml is bundled with PyYAML's wheels; the pure-Python parser is the fallback
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's wheel
    from yaml import SafeLoader as _Loader
_LIBYAML = _Loader.__name__.startswith("C")

try:  # the common case in C (setup.py builds it where libyaml's header is found). It may be
    # linked to another libyaml than PyYAML's (Debian's 0.2.5 beside the wheel's 0.2.6): it
    # declines every error and every limit, so the two only meet on well-formed plain YAML,
    # where tests/fuzz/test_yamlfast.py checks that they agree.
    from clstool.yamlio import _yamlfast  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the build
    _yamlfast = None


Path = tuple  # of str | int keys and list indices
#: (key line, key column, value line, value column), all 1-based. For list items and the
#: root, the "key" position is the value's.
Pos = tuple[int, int, int, int]


@dataclass(frozen=True)
class ReadProblem:
    code: str
    line: int
    column: int
    message: str
    path: Path = ()


class YamlError(Exception):
    """A problem that stops the reading of a file."""

    def __init__(self, code: str, line: int, column: int, message: str):
        super().__init__(message)
        self.problem = ReadProblem(code, line, column, message)


@dataclass
class YamlDoc:
    data: Any
    positions: dict[Path, Pos]
    problems: list[ReadProblem] = field(default_factory=list)
    text: str = ""


# --- bytes → text -------------------------------------------------------------------------

_UTF8_BOM = b"\xef\xbb\xbf"
_BOMS = [
    (_UTF8_BOM, "UTF-8"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
]


def decode(raw: bytes) -> tuple[str, list[ReadProblem]]:
    """Decode UTF-8 text; name the probable encoding of anything else."""
    problems: list[ReadProblem] = []
    for bom, name in _BOMS:
        if raw.startswith(bom):
            if name != "UTF-8":
                raise YamlError("CLS001", 1, 1, f"fichier encodé en {name} (marque d'ordre d'octets) : "
                                "réenregistrez-le en UTF-8 sans BOM")
            problems.append(ReadProblem("CLS002", 1, 1, "le fichier commence par une marque d'ordre "
                                    "d'octets (BOM UTF-8), inutile : clstool fmt la retire"))
            raw = raw[len(bom):]
            break
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = line_column(raw[: exc.start].decode("utf-8", errors="replace"))
        raise YamlError("CLS001", line, column, f"le fichier n'est pas en UTF-8 (octet 0x{raw[exc.start]:02X}) ; "
                        f"encodage probable : {_guess_encoding(raw)}. Réenregistrez-le en UTF-8") from None
    return text, problems


_BREAK = re.compile(r"\r\n|\r|\n")


def line_column(before: str) -> tuple[int, int]:
    """1-based line and column of the character that follows ``before``. Line breaks are
    those of YAML (and libyaml's marks): CR LF, lone CR, LF."""
    breaks = list(_BREAK.finditer(before))
    if not breaks:
        return 1, len(before) + 1
    return len(breaks) + 1, len(before) - breaks[-1].end() + 1


def _guess_encoding(raw: bytes) -> str:
    if b"\x00" in raw[:200]:
        return "UTF-16 (sans BOM)"
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return "Latin-1 (ISO-8859-1) ou inconnu"
    if any(0x80 <= b <= 0x9F for b in raw):
        return "Windows-1252 (export Windows)"
    return "Windows-1252 / Latin-1 (ISO-8859-1)"


# --- scalars: YAML 1.2 core schema ------------------------------------------------------------

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STR_TAGS = {"tag:yaml.org,2002:str", "!"}


#: first characters of plain scalars that may be something else than text: a plain scalar
#: starting with any other character is text, without resolving it (the event loop of
#: :func:`_build` tests this inline, on the hot path, before calling :func:`resolve_scalar`)
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")


def resolve_scalar(value: str, plain: bool, tag: str | None) -> Any:
    if tag and tag not in _STR_TAGS:
        if tag == "tag:yaml.org,2002:int" and _INT.match(value) and len(value) <= MAX_INT_DIGITS:
            return int(value)
        if tag == "tag:yaml.org,2002:float" and _FLOAT.match(value):
            return float(value)
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool" and value in _BOOLS:
            return _BOOLS[value]
        raise ValueError(tag)
    if not plain or tag in _STR_TAGS:
        return value
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.match(value):
        # Python refuses to convert more than 4,300 digits, and the conversion is quadratic:
        # no year, amount or count has more than MAX_INT_DIGITS digits.
        return int(value) if len(value) <= MAX_INT_DIGITS else value
    if _FLOAT.match(value):
        return float(value)
    return value



def _leading_tab(text: str, last_line: int) -> tuple[int, int] | None:
    for number, line in enumerate(_BREAK.split(text)[:last_line], start=1):
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        if "\t" in indent:
            return number, indent.index("\t") + 1
    return None


# --- events → data --------------------------------------------------------------------------------


def _mark(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


_NOKEY = object()


class _Frame:
    __slots__ = ("container", "is_map", "path", "key", "key_pos", "attached", "anchor", "start_nodes",
                 "start_chars")

    def __init__(self, container, is_map, path, attached, anchor, start_nodes, start_chars=0):
        self.container = container
        self.is_map = is_map
        self.path = path
        self.key = _NOKEY
        self.key_pos = (0, 0)
        self.attached = attached  # False for the value of a duplicate key: parsed, then dropped
        self.anchor = anchor
        self.start_nodes = start_nodes
        self.start_chars = start_chars


def read_yaml(raw: bytes, use_c: bool = True) -> YamlDoc:
    """Bytes → :class:`YamlDoc`. Raises :class:`YamlError` on fatal problems. ``use_c=False``
    reads without the C reader (the reference it is tested against)."""
    if len(raw) > MAX_BYTES:
        raise YamlError("CLS009", 1, 1, f"fichier trop volumineux ({len(raw) // 1024} Ko ; "
                        f"maximum {MAX_BYTES // (1024 * 1024)} Mo)")
    text, problems = decode(raw)
    doc = YamlDoc(data=None, positions={(): (1, 1, 1, 1)}, problems=problems, text=text)
    if not text or text.isspace():
        return doc
    found = read_c(raw) if use_c else None
    if found is not None:
        doc.data, doc.positions = found
        return doc
    return _read_python(doc)


def active_reader() -> str:
    """The reader in use, as ``clstool --version`` names it."""
    if _yamlfast is not None:
        return f"lecteur YAML : C (libyaml {_yamlfast.libyaml_version()})"
    if _LIBYAML:
        return "lecteur YAML : Python sur libyaml (extension C non compilée)"
    return "lecteur YAML : Python pur (ni extension C ni libyaml)"


def read_c(raw: bytes) -> tuple[Any, dict[Path, Pos]] | None:
    """(data, positions) of UTF-8 bytes that are not blank, read by the C reader (the same
    libyaml without a Python object per event); None when it is not built or leaves the file
    to the Python reader."""
    if _yamlfast is None:
        return None
    return _yamlfast.load(raw[len(_UTF8_BOM):] if raw.startswith(_UTF8_BOM) else raw, resolve_scalar)


def _read_python(doc: YamlDoc) -> YamlDoc:
    """Fill ``doc`` (decoded, not blank) through PyYAML's events."""
    text = doc.text
    loader = _Loader(text)
    try:
        _build(loader, doc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _mark(mark) if mark else (1, 1)
        if exc.context and "quoted scalar" in exc.context and exc.context_mark:
            raise YamlError("CLS005", *_mark(exc.context_mark), "guillemet ouvert ici mais jamais "
                            "refermé") from None
        tab = _leading_tab(text, line)
        if tab:
            raise YamlError("CLS003", tab[0], tab[1], "tabulation utilisée pour indenter : YAML n'accepte "
                            "que des espaces") from None
        if "nesting depth" in (exc.problem or ""):
            # libyaml >= 0.2.6 has a limit of its own (1000 levels), reached while scanning ahead,
            # before our count of MAX_DEPTH sees the events: the pure-Python parser has none, so
            # it finds where our limit is crossed and says it in French (CLS008).
            _read_nested(text, line, column)
        raise YamlError("CLS005", line, column, _syntax_message(exc.problem or str(exc))) from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts in UTF-8 bytes; the pure-Python reader in characters.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore") \
            if _LIBYAML else text[: exc.position]
        line, column = line_column(before)
        raise YamlError("CLS005", line, column, f"caractère interdit en YAML (U+{exc.character:04X})"
                        if isinstance(exc.character, int) else "caractère interdit en YAML") from None
    finally:
        loader.dispose()
    return doc


def _read_nested(text: str, line: int, column: int) -> None:
    """Raise CLS008 where ``text``, refused by libyaml for its nesting, crosses MAX_DEPTH.
    Only the text up to libyaml's mark is read again: the pure-Python scanner looks ahead
    over a whole flow collection, at a cost quadratic in its depth."""
    lines = _BREAK.split(text)[:line]
    if lines:
        lines[-1] = lines[-1][:column]
    prefix = "\n".join(lines)
    for loader_class in (_Loader, yaml.SafeLoader):  # libyaml on the prefix first: fast
        loader = loader_class(prefix)
        try:
            _build(loader, YamlDoc(data=None, positions={}, problems=[], text=prefix))
        except yaml.YAMLError:
            pass
        finally:
            loader.dispose()
    raise YamlError("CLS008", line, column, f"imbrication de plus de {MAX_DEPTH} niveaux : "
                    "structure refusée")


def _build(loader, doc: YamlDoc) -> None:
    positions = doc.positions
    anchors: dict[str, tuple[Any, int, int]] = {}  # name → (value, nodes, characters of text)
    stack: list[_Frame] = []
    nodes = 0
    chars = 0  # characters of text (scalars), aliases expanded
    root_set = False
    get = loader.get_event

    event = get()  # StreamStart
    assert isinstance(event, StreamStartEvent)
    event = get()
    if isinstance(event, StreamEndEvent):
        return
    # DocumentStart
    while True:
        event = get()
        kind = type(event)
        if kind is DocumentEndEvent:
            break
        mark = event.start_mark
        start = (mark.line + 1, mark.column + 1)

        # A key of a mapping?
        if stack and stack[-1].is_map and stack[-1].key is _NOKEY:
            frame = stack[-1]
            if kind is MappingEndEvent:
                stack.pop()
                _close(frame, anchors, nodes, chars)
                if not stack:
                    root_set = True
                continue
            if kind is not ScalarEvent and kind is not AliasEvent:
                raise YamlError("CLS005", *start, "une clé doit être un texte simple, pas une liste "
                                "ni un dictionnaire")
            if kind is AliasEvent:
                raise YamlError("CLS005", *start, "un alias (« * ») ne peut pas servir de clé")
            key = event.value
            chars += len(key)
            if not (key and event.implicit[0] and key[0] not in _MAYBE_NOT_TEXT and event.tag is None):
                key = _scalar(event, start)
            frame.key = key
            frame.key_pos = start
            if frame.attached and frame.key in frame.container:
                first = positions.get(frame.path + (frame.key,))
                where = f" (déjà présente ligne {first[0]})" if first else ""
                doc.problems.append(ReadProblem("CLS006", *start, f"clé « {frame.key} » en double{where} : "
                                            "la seconde valeur est ignorée", frame.path + (frame.key,)))
            continue

        if kind is SequenceEndEvent or kind is MappingEndEvent:
            frame = stack.pop()
            _close(frame, anchors, nodes, chars)
            if not stack:
                root_set = True
            continue

        nodes += 1
        if kind is ScalarEvent:
            value = event.value  # inlined fast path of resolve_scalar: plain text
            if not (value and event.implicit[0] and value[0] not in _MAYBE_NOT_TEXT and event.tag is None):
                value = _scalar(event, start)
            chars += len(event.value)
            anchor = event.anchor
        elif kind is AliasEvent:
            if event.anchor not in anchors:
                raise YamlError("CLS005", *start, f"alias « *{event.anchor} » non défini")
            value, size, length = anchors[event.anchor]
            nodes += size
            chars += length
            if nodes > MAX_NODES:
                raise YamlError("CLS007", *start, f"les alias démultiplient le document au-delà de "
                                f"{MAX_NODES} valeurs (bombe d'alias ?) : lecture refusée")
            if chars > MAX_EXPANDED:
                raise YamlError("CLS007", *start, f"les alias démultiplient le texte du document au-delà "
                                f"de {MAX_EXPANDED // (1024 * 1024)} Mo (bombe d'alias ?) : lecture refusée")
            anchor = None
        elif kind is SequenceStartEvent or kind is MappingStartEvent:
            value = {} if kind is MappingStartEvent else []
            anchor = event.anchor
        else:  # pragma: no cover - libyaml emits nothing else inside a document
            raise YamlError("CLS005", *start, "structure YAML inattendue")
        if nodes > MAX_NODES:
            raise YamlError("CLS007", *start, f"document de plus de {MAX_NODES} valeurs : lecture refusée")

        # Attach the value to its parent.
        if not stack:
            if root_set:  # pragma: no cover - libyaml reports this as a syntax error first
                raise YamlError("CLS005", *start, "plusieurs valeurs à la racine")
            doc.data = value
            path: Path = ()
            attached = True
            positions[()] = (*start, *start)
        else:
            parent = stack[-1]
            if parent.is_map:
                key = parent.key
                path = parent.path + (key,)
                attached = parent.attached and key not in parent.container
                if attached:
                    parent.container[key] = value
                    positions[path] = (*parent.key_pos, *start)
                parent.key = _NOKEY
            else:
                path = parent.path + (len(parent.container),)
                attached = parent.attached
                parent.container.append(value)
                if attached:
                    positions[path] = (*start, *start)

        if kind is SequenceStartEvent or kind is MappingStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise YamlError("CLS008", *start, f"imbrication de plus de {MAX_DEPTH} niveaux : "
                                "lecture refusée")
            stack.append(_Frame(value, kind is MappingStartEvent, path, attached, anchor, nodes, chars))
        else:
            if anchor:
                anchors[anchor] = (value, 1, len(event.value))
            if not stack:
                root_set = True

    event = get()
    if isinstance(event, DocumentStartEvent):
        raise YamlError("CLS009", *_mark(event.start_mark), "plusieurs documents YAML dans le fichier "
                        "(« --- ») : un seul est attendu")


def _close(frame: _Frame, anchors: dict, nodes: int, chars: int) -> None:
    if frame.anchor:
        anchors[frame.anchor] = (frame.container, nodes - frame.start_nodes + 1, chars - frame.start_chars)


def _scalar(event, start: tuple[int, int]) -> Any:
    try:
        return resolve_scalar(event.value, event.implicit[0], event.tag)
    except ValueError:
        raise YamlError("CLS005", *start, f"étiquette YAML « {event.tag} » non prise en charge") from None
