"""Read YAML bytes into plain Python data plus the position of every key and value.

Two readers give the same result. clstool's C reader (:mod:`clstool.yamlio._yamlfast`, built
by ``setup.py`` where libyaml's header is found) reads well-formed files; anything it declines
(a syntax error, a limit crossed, a duplicate key) and every file where it is not built goes to
the Python reader (:mod:`clstool.yamlio.events`), which drives libyaml's parser through
PyYAML's ``CSafeLoader`` event by event. PyYAML is only imported then: a well-formed fiche is
validated without it (12 ms less for one fiche). Both build the tree without recursion and give,
in one pass:

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

from clstool.yamlio.limits import MAX_BYTES, MAX_INT_DIGITS

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


LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_column(before: str) -> tuple[int, int]:
    """1-based line and column of the character that follows ``before``. Line breaks are
    those of YAML (and libyaml's marks): CR LF, lone CR, LF."""
    breaks = list(LINE_BREAK.finditer(before))
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
#: :func:`clstool.yamlio.events._build` tests this inline, on the hot path, before calling :func:`resolve_scalar`)
MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")


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
    from clstool.yamlio.events import read_python

    return read_python(doc)


def active_reader() -> str:
    """The reader in use, as ``clstool --version`` names it."""
    if _yamlfast is not None:
        return f"lecteur YAML : C (libyaml {_yamlfast.libyaml_version()})"
    from clstool.yamlio.events import LIBYAML

    if LIBYAML:
        return "lecteur YAML : Python sur libyaml (extension C non compilée)"
    return "lecteur YAML : Python pur (ni extension C ni libyaml)"


def read_c(raw: bytes) -> tuple[Any, dict[Path, Pos]] | None:
    """(data, positions) of UTF-8 bytes that are not blank, read by the C reader (the same
    libyaml without a Python object per event); None when it is not built or leaves the file
    to the Python reader."""
    if _yamlfast is None:
        return None
    return _yamlfast.load(raw[len(_UTF8_BOM):] if raw.startswith(_UTF8_BOM) else raw, resolve_scalar)
