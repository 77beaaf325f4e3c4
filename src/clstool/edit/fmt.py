"""``clstool fmt``: one canonical layout for ``contrat.yaml`` and the fiches, comments kept.

The layout is the one :func:`clstool.yamlio.write.canonical_yaml` writes (the style of ``data/``):
2-space indentation, list items indented 2 under their key, lines never wrapped, block style
for lists and mappings (``[a, b]`` becomes one item per line; empty ``[]`` and ``{}`` stay),
plain scalars where YAML allows them and double quotes otherwise, and the keys of every mapping
in the order of the schema (the fields of the pydantic models). A key the schema does not know
(a misspelt ``titer:``) never moves: it stays right after the key written before it, so that
``validate`` still reports it where its author wrote it. An ``id`` or ``axe`` that starts with a digit is
double-quoted (``id: "1-1"``, ``axe: "2"``): written plain, ``2`` would be a number and ``2024-03``
looks like a date to other YAML tools. Comments and blank lines are kept (ruamel.yaml round
trip), with two spaces before a comment at the end of a line. When keys are put in order, a
key takes along the comments and blank lines just above it; the comments at the top of the file
(or of a mapping) and at its end stay there.

Safety, checked on every file before anything is written:

- the file must read without error with clstool's own reader (syntax, duplicate keys, tabs…):
  ``fmt`` refuses to guess what a broken file means — ``clstool validate`` says what to fix;
- the formatted text must load to exactly the same data as the original (same reader), and
  hold every comment of the original; otherwise the file is left alone and reported;
- files are written atomically (:func:`clstool.fsutil.atomic_write`) and only when they change.

``fmt`` is idempotent: formatting a formatted file changes nothing.
"""

from __future__ import annotations

import difflib
import io
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from clstool.edit.canonical import fast_layout, plain_allowed, schema_order, yaml11_changes
from clstool.fsutil import atomic_write
from clstool.lint.suppressions import comment_start, indent_of
from clstool.model.bilan import BilanAnnuel
from clstool.model.contrat import Contrat
from clstool.model.documents import Fiche
from clstool.yamlio.load import Territory, discover, read_problem, read_source
from clstool.yamlio.parallel import each_territory
from clstool.yamlio.read import YamlError, read_yaml, resolve_scalar
from clstool.yamlio.schema_errors import allowed_keys
from clstool.yamlio.write import ID_KEYS, canonical_yaml


class FormatError(Exception):
    """A file that ``fmt`` will not touch, with the reason in French."""


@dataclass
class Formatted:
    display: str  #: the path as the user gave it
    path: Path
    original: str = ""
    formatted: str = ""
    error: str | None = None
    changed: bool = False  #: formatted, and different from the original

    def diff(self) -> str:
        return "".join(difflib.unified_diff(
            self.original.splitlines(keepends=True), self.formatted.splitlines(keepends=True),
            fromfile=f"{self.display} (actuel)", tofile=f"{self.display} (formaté)"))


_STARTS_WITH_DIGIT = re.compile(r"^\d")


def _scalar(value: Any) -> Any:
    """A scalar as the canonical layout writes it: a tag dropped for the value clstool's
    reader gives it (``!!str 1-1`` is the text « 1-1 »), a text that a YAML 1.1 reader would
    take for something else (``no``, ``1:30``) double-quoted."""
    if isinstance(value, TaggedScalar):
        try:
            value = resolve_scalar(str(value.value), True, str(value.tag))
        except ValueError:
            raise FormatError(f"étiquette YAML « {value.tag} » non prise en charge") from None
        value = DoubleQuotedScalarString(value) if isinstance(value, str) and not plain_allowed(value) else value
    if type(value) is str and yaml11_changes(value):
        return DoubleQuotedScalarString(value)
    return value


def _canonicalise(node: Any) -> None:
    """Block style everywhere (an empty ``[]`` or ``{}`` stays, with its comment); ``id``/``axe``
    starting with a digit double-quoted; scalars as :func:`_scalar` says."""
    if isinstance(node, CommentedMap):
        if node:
            node.fa.set_block_style()
        for key, value in list(node.items()):
            if key in ID_KEYS and isinstance(value, (str, TaggedScalar)):
                value = _scalar(value)
                if isinstance(value, str) and _STARTS_WITH_DIGIT.match(value) \
                        and not isinstance(value, DoubleQuotedScalarString):
                    value = DoubleQuotedScalarString(value)
                node[key] = value
            elif isinstance(value, (CommentedMap, CommentedSeq)):
                _canonicalise(value)
            else:
                new = _scalar(value)
                if new is not value:
                    node[key] = new
    elif isinstance(node, CommentedSeq):
        if node:
            node.fa.set_block_style()
        for index, item in enumerate(node):
            if isinstance(item, (CommentedMap, CommentedSeq)):
                _canonicalise(item)
            else:
                new = _scalar(item)
                if new is not item:
                    node[index] = new


# --- key order, on the laid-out text ---------------------------------------------------------------
#
# ruamel.yaml attaches a comment to the key *before* it, so moving keys with ruamel would move
# « # Gouvernance (…) » away from the ``gouvernance:`` it introduces. The keys are therefore put
# in order on the text that ruamel laid out (block style, 2-space indentation, so the structure
# is the indentation): a key takes along its line, the lines nested under it, and the comments
# and blank lines just above it (at its indentation or less). The comments above the first key
# of a mapping (the file's header) and after its last key stay where they are.

_KEY_LINE = re.compile(r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-?:,\[\]{}&*!|>%@`][^#]*?|-\d+):(?:\s|$)""")
_SCALAR_VALUE = re.compile(r":\s+[^#\s]")  # a key line that holds its value (« titre: … », « x: | »)


def _is_comment_or_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _key_text(line: str) -> str:
    match = _KEY_LINE.match(line.lstrip(" "))
    key = match.group(0).rstrip().rstrip(":").strip() if match else ""
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "'\"":
        key = key[1:-1]
    return key


def _holds_value(line: str) -> bool:
    """« key: value » (or a block scalar « key: | »): no nested key to reorder under it."""
    return bool(_SCALAR_VALUE.search(line[:comment_start(line) or len(line)]))


def _order_mapping(lines: list[str], indent: int, model: type[BaseModel], path: tuple) -> list[str]:
    keys = [i for i, line in enumerate(lines)
            if indent_of(line) == indent and not _is_comment_or_blank(line)
            and not line.lstrip().startswith("- ") and _KEY_LINE.match(line[indent:])]
    if not keys:
        return lines
    starts = [keys[0]]
    for k in keys[1:]:
        start = k
        while start - 1 > starts[-1] and (not lines[start - 1].strip() or (
                lines[start - 1].lstrip().startswith("#") and indent_of(lines[start - 1]) <= indent)):
            start -= 1
        starts.append(start)
    last = len(lines)  # the footer: comments after the last key's own lines
    while last - 1 > keys[-1] and _is_comment_or_blank(lines[last - 1]) and (
            not lines[last - 1].strip() or indent_of(lines[last - 1]) <= indent):
        last -= 1
    header, footer = lines[:starts[0]], lines[last:]
    rank = {key: i for i, key in enumerate(allowed_keys(model, path))}
    entries = []
    for n, (start, key_line) in enumerate(zip(starts, keys, strict=False)):
        end = starts[n + 1] if n + 1 < len(starts) else last
        key = _key_text(lines[key_line])
        element: Any = int(key) if key.isdigit() else key
        body = lines[key_line + 1:end]
        if not _holds_value(lines[key_line]):
            body = _order_block(body, indent, model, (*path, element))
        entries.append((key, lines[start:key_line + 1] + body))
    order = schema_order([key for key, _ in entries], rank)
    return header + [line for n in order for line in entries[n][1]] + footer


def _order_block(lines: list[str], parent_indent: int, model: type[BaseModel], path: tuple) -> list[str]:
    """The lines nested under a key: a mapping or a sequence, ordered."""
    content = next((line for line in lines if not _is_comment_or_blank(line)), None)
    if content is None or indent_of(content) <= parent_indent:
        return lines
    indent = indent_of(content)
    if content.lstrip().startswith("- "):
        return _order_sequence(lines, indent, model, path)
    return _order_mapping(lines, indent, model, path)


def _order_sequence(lines: list[str], indent: int, model: type[BaseModel], path: tuple) -> list[str]:
    items = [i for i, line in enumerate(lines) if indent_of(line) == indent and line.lstrip().startswith("- ")]
    out = lines[:items[0]] if items else lines
    for n, start in enumerate(items):
        end = items[n + 1] if n + 1 < len(items) else len(lines)
        block = lines[start:end]
        first = block[0]
        inner = indent + 2
        if _KEY_LINE.match(first[inner:]) and not first[inner:].startswith("- "):
            as_mapping = [" " * inner + first[inner:]] + block[1:]
            ordered = _order_mapping(as_mapping, inner, model, (*path, n))
            head = next(i for i, line in enumerate(ordered) if not _is_comment_or_blank(line))
            ordered[head] = " " * indent + "- " + ordered[head][inner:]
            block = ordered
        out += block
    return out


_BLOCK_SCALAR = re.compile(r"(?:^|[:\s])[|>][-+0-9]*\s*(?:#.*)?$")


def space_comments(text: str) -> str:
    """Two spaces before a comment that ends a line (``titre: Action  # note``), as the block
    style of ``[a, b]  # note`` or ruamel's own spacing may leave one or twenty. The lines of a
    block scalar (``|``, ``>``) are text, not YAML: left alone."""
    out = []
    block_indent = None  # inside a block scalar: lines indented more than its key
    for line in text.split("\n"):
        if block_indent is not None:
            if not line.strip() or indent_of(line) > block_indent:
                out.append(line)
                continue
            block_indent = None
        start = comment_start(line)
        code = line[:start] if start is not None else line
        if start is not None and code.strip():
            line = code.rstrip() + "  " + line[start:]
        if _BLOCK_SCALAR.search(code.rstrip()):
            block_indent = indent_of(line)
        out.append(line)
    return "\n".join(out)


def order_keys(text: str, model: type[BaseModel]) -> str:
    """``text`` (laid out by ruamel.yaml) with every mapping's keys in the schema's order."""
    lines = text.split("\n")
    return "\n".join(_order_mapping(lines, 0, model, ()))


def comments(text: str) -> Counter:
    """The comments of a YAML text (``# …`` up to the end of the line), counted."""
    found: Counter = Counter()
    for line in text.split("\n"):
        start = comment_start(line) if "#" in line else None
        if start is not None:
            found[line[start:].rstrip()] += 1
    return found


def format_text(text: str, kind: str = "fiche") -> str:
    """The canonical form of ``text`` (``kind``: ``fiche`` or ``contrat``). Raises
    :class:`FormatError` for a file that cannot be formatted safely."""
    model: type[BaseModel] = {"contrat": Contrat, "bilan": BilanAnnuel}.get(kind, Fiche)
    try:
        before = read_yaml(text.encode("utf-8"))
    except YamlError as exc:
        p = exc.problem
        raise FormatError(f"{p.line}:{p.column}: {p.message} (corrigez d'abord : clstool validate)") from None
    for p in before.problems:
        if p.code != "CLS002":  # a BOM is simply dropped
            raise FormatError(f"{p.line}:{p.column}: {p.message} (corrigez d'abord : clstool validate)")
    if before.data is None:  # empty, or comments only: nothing to lay out
        return text.lstrip("\ufeff")
    result = fast_layout(before.text, before.data, model, before.positions)
    if result is None:
        result = _ruamel_layout(before.text, model)
    if result == text:  # already in format: the same text reads the same, comments and all
        return result
    try:
        after = read_yaml(result.encode("utf-8"))
    except YamlError:  # pragma: no cover - a layout bug: never write it
        after = None
    if after is None or after.data != before.data or after.problems:
        raise FormatError("le formatage changerait les données : fichier laissé tel quel (merci de le signaler)")
    lost = comments(before.text) - comments(result)
    if lost:
        raise FormatError(f"le formatage perdrait un commentaire ({next(iter(lost))}) : fichier laissé tel quel")
    return result


def _ruamel_layout(text: str, model: type[BaseModel]) -> str:
    """The canonical layout by ruamel.yaml's round trip, which keeps every comment."""
    yaml = canonical_yaml()
    try:
        data = yaml.load(text)
        _canonicalise(data)
        out = io.StringIO()
        yaml.dump(data, out)
    except FormatError:
        raise
    except Exception as exc:  # noqa: BLE001 - ruamel's surprises (a date it cannot build…)
        if isinstance(exc, YAMLError):
            raise FormatError(f"ruamel.yaml ne peut pas relire le fichier ({_first_line(exc)})") from None
        raise FormatError(f"mise en forme impossible ({type(exc).__name__} : {_first_line(exc)}) : "
                          "fichier laissé tel quel") from None
    return space_comments(order_keys(out.getvalue(), model))


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:200]


def format_paths(paths: list[str], write: bool = True, texts: bool = True) -> list[Formatted]:
    """Format the contract and fiche files designated by ``paths`` (as ``validate`` finds them);
    write the ones that change when ``write``. One file that cannot be formatted is reported
    (``error``) and the others are still formatted. ``texts=False``: the results do not keep
    the original and formatted texts (``diff`` needs them; ``changed`` is set either way)."""
    import gc

    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)  # reading builds many small acyclic trees: collect rarely
    try:
        return _format_paths(paths, write, texts)
    finally:
        gc.set_threshold(*before)


def _format_paths(paths: list[str], write: bool, texts: bool) -> list[Formatted]:
    results: list[Formatted] = []
    for part in each_territory(_format_territory, discover(paths), write, texts):
        results.extend(part)
    return results


def _format_territory(territory: Territory, write: bool, texts: bool) -> list[Formatted]:
    """The files of one territory, formatted (and written when ``write``): territories are
    independent, so a corpus of many is shared among worker processes (each_territory)."""
    results: list[Formatted] = []
    for source in territory.files:
        if source.reference_only:
            continue
        item = Formatted(source.display, source.path)
        results.append(item)
        if source.unreadable is not None:
            item.error = source.unreadable
            continue
        try:
            raw = read_source(source.path)
        except OSError as exc:
            item.error = read_problem(exc)[1]
            continue
        try:
            item.original = raw.decode("utf-8")
        except UnicodeDecodeError:
            item.error = "le fichier n'est pas en UTF-8 (clstool validate dit quel encodage)"
            continue
        try:
            item.formatted = format_text(item.original, source.kind)
        except FormatError as exc:
            item.error = str(exc)
            continue
        except (RecursionError, MemoryError, ValueError, TypeError) as exc:  # one file never stops the run
            item.error = f"mise en forme impossible ({type(exc).__name__}) : fichier laissé tel quel"
            continue
        item.changed = item.formatted != item.original
        if write and item.changed:
            # through a symbolic link: the file it points to is rewritten, the link stays
            atomic_write(os.path.realpath(source.path), item.formatted)
        if not texts:  # not carried back from a worker process for nothing
            item.original = item.formatted = ""
    return results
