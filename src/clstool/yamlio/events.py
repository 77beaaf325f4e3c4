"""The Python reader: PyYAML's events (libyaml's parser through ``CSafeLoader``) → data and positions.

It reads what the C reader (:mod:`clstool.yamlio._yamlfast`) declines, and everything where that
reader is not built (:func:`clstool.yamlio.read.read_yaml` decides). It is the reference the C
reader is tested against (``tests/fuzz/test_yamlfast.py``), and the one that says what is wrong
with a file: syntax errors with their line and column, in French, and the limits of
:mod:`clstool.yamlio.limits`.
"""

from __future__ import annotations

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

from clstool.yamlio.limits import MAX_DEPTH, MAX_EXPANDED, MAX_NODES
from clstool.yamlio.read import LINE_BREAK, MAYBE_NOT_TEXT, Path, ReadProblem, YamlDoc, YamlError, line_column, resolve_scalar
from clstool.yamlio.syntax_fr import syntax_message

try:  # libyaml is bundled with PyYAML's wheels; the pure-Python parser is the fallback
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - depends on the platform's wheel
    from yaml import SafeLoader as Loader
LIBYAML = Loader.__name__.startswith("C")


def _leading_tab(text: str, last_line: int) -> tuple[int, int] | None:
    for number, line in enumerate(LINE_BREAK.split(text)[:last_line], start=1):
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


def read_python(doc: YamlDoc) -> YamlDoc:
    """Fill ``doc`` (decoded, not blank) through PyYAML's events."""
    text = doc.text
    loader = Loader(text)
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
        raise YamlError("CLS005", line, column, syntax_message(exc.problem or str(exc))) from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts in UTF-8 bytes; the pure-Python reader in characters.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore") \
            if LIBYAML else text[: exc.position]
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
    lines = LINE_BREAK.split(text)[:line]
    if lines:
        lines[-1] = lines[-1][:column]
    prefix = "\n".join(lines)
    for loader_class in (Loader, yaml.SafeLoader):  # libyaml on the prefix first: fast
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
            if not (key and event.implicit[0] and key[0] not in MAYBE_NOT_TEXT and event.tag is None):
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
            if not (value and event.implicit[0] and value[0] not in MAYBE_NOT_TEXT and event.tag is None):
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
