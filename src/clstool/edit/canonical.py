"""The canonical layout of ``fmt`` without ruamel.yaml, for the common file: fast.

ruamel.yaml keeps comments, but its pure-Python scanner and emitter cost ~50 ms for a fiche
of a few kilobytes (two minutes for 2,000 fiches). Most files have no comment but a header
(the ``# yaml-language-server`` line, a notice above the first key): for them the layout is
written here directly from the data clstool's reader already built, in a few milliseconds.
It is the same layout as ruamel's (tests/edit/test_fmt_fast.py compares both on the real and
synthetic files), scalar by scalar: a text is written plain when ruamel would write it plain
and neither YAML 1.2 nor YAML 1.1 would read it as something else (:func:`plain_allowed`),
double-quoted otherwise.

:func:`fast_layout` returns None whenever the file holds something this path does not
reproduce exactly — a comment or a blank line after the header, a block scalar (``|``,
``>``), an anchor, an alias or a tag, a line break other than LF, an empty value, a decimal
number (ruamel keeps its written form), an unprintable character, a long key — and ``fmt``
then takes the ruamel.yaml path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from clstool.yamlio.schema_errors import allowed_keys
from clstool.yamlio.write import ID_KEYS

_STR = "tag:yaml.org,2002:str"
_NODE_PROPERTY = re.compile(r"[&*!][^\s,\]}]")  # an anchor, alias or tag, when after a space
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*[ ]*$", re.MULTILINE)  # a block scalar, when after « : » or « - »
#: first characters of the texts that ruamel's YAML 1.2 resolver may read as something else
_MAYBE_TYPED = frozenset("0123456789+-.=<~nNtTfFyYoO")


def _special(rest: str) -> bool:
    """Whether the body of a file holds a YAML node property or a block scalar or a document
    marker, that ruamel keeps as written (read over the text: no comment is in it)."""
    for match in _NODE_PROPERTY.finditer(rest):
        start = match.start()
        if start == 0 or rest[start - 1] in " \n[{,":
            return True
    for match in _BLOCK_SCALAR.finditer(rest):
        before = rest[:match.start()].rstrip(" ")
        if not before or before[-1] in ":-\n":
            return True
    return rest.startswith(("---", "...")) or "\n---" in rest or "\n..." in rest


@lru_cache(maxsize=1)
def _tools() -> tuple[Any, Any, Any]:
    """ruamel's emitter (for its scalar analysis) and resolver, PyYAML's YAML 1.1 resolver."""
    import yaml
    from ruamel.yaml.nodes import ScalarNode

    from clstool.yamlio.write import canonical_yaml

    rt = canonical_yaml()
    emitter = rt.emitter  # bound to its serializer, whose YAML version the analysis reads
    _ = rt.serializer
    return emitter, (rt.resolver, ScalarNode), (yaml.resolver.Resolver(), yaml.ScalarNode)


def yaml11_changes(text: str) -> bool:
    """Whether a YAML 1.1 reader (PyYAML, many editors and CI tools) would read ``text``,
    written plain, as something else than text: ``no``, ``on``, ``1:30``, ``2024-03-15``…"""
    _, _, (resolver, node) = _tools()
    return resolver.resolve(node, text, (True, False)) != _STR


#: Texts that ruamel's scalar analysis (a Python loop over every character, ~0.1 ms for a
#: sentence) always lets be plain in block context: no indicator first, no « : » nor « # »,
#: no space at either end, one line. Anything else is left to the analysis itself.
_SURELY_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`.][^#:\n\r\x85\u2028\u2029]*(?<![ ])\Z")


def block_plain(text: str) -> bool:
    """ruamel's verdict: may ``text`` be written plain, in block context?"""
    if _SURELY_PLAIN.match(text) and text.isprintable():
        return True
    emitter = _tools()[0]
    analysis = emitter.analyze_scalar(text)
    return not (analysis.empty or analysis.multiline) and analysis.allow_block_plain


def plain_allowed(text: str) -> bool:
    """Whether ``text`` is written as a plain scalar in the canonical layout."""
    # Most texts of a fiche are sentences: their first character is no resolver's (neither
    # YAML 1.1's nor 1.2's resolvers look at a text whose first character is not in
    # _MAYBE_TYPED, nor is « ! & * » allowed by _SURELY_PLAIN) and ruamel's analysis would let
    # them be plain: answered here, before the cache (sentences are seldom seen twice).
    if text and text[0] not in _MAYBE_TYPED and _SURELY_PLAIN.match(text) and text.isprintable():
        return True
    return _plain_allowed(text)


@lru_cache(maxsize=65536)
def _plain_allowed(text: str) -> bool:
    if yaml11_changes(text):
        return False
    if text[:1] in _MAYBE_TYPED:
        _, (resolver, node), _ = _tools()
        if resolver.resolve(node, text, (True, False)) != _STR:
            return False
    return block_plain(text)


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+(?=\s*$)")


def _float(src: tuple[list[str], dict], path: tuple) -> str | None:
    """A decimal number as written in the file (ruamel keeps its written form: « 0.40 »),
    when it is written the ordinary way at the end of its line; None otherwise."""
    lines, positions = src
    pos = positions.get(path)
    if pos is None or pos[2] - 1 >= len(lines):
        return None
    match = _DECIMAL.match(lines[pos[2] - 1], pos[3] - 1)
    return match.group(0) if match else None


def _scalar(value: Any, key: Any = None) -> str | None:
    if type(value) is str:  # the common case first
        if not value.isprintable():
            return None
        if value and value[0] not in _MAYBE_TYPED and _SURELY_PLAIN.match(value):
            return value  # a sentence: plain_allowed's first test, inlined (the hot path of fmt)
        if key in ID_KEYS and value[:1].isdigit():
            return quoted(value)
        return value if plain_allowed(value) else quoted(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _scalar(str(value), key)
    return None  # None, floats, anything else: ruamel's path


@lru_cache(maxsize=65536)
def _key(key: Any) -> str | None:
    if isinstance(key, bool) or not isinstance(key, (str, int)):
        return None
    if isinstance(key, int):
        return str(key)
    if len(key) >= 128 or not key.isprintable():
        return None  # ruamel writes « ? key » for long keys
    # ruamel does not apply the YAML 1.1 rule to keys: only its own resolution and analysis
    if key[:1] in _MAYBE_TYPED or not key:
        _, (resolver, node), _ = _tools()
        if resolver.resolve(node, key, (True, False)) != _STR:
            return quoted(key)
    return key if block_plain(key) else quoted(key)


class _Unsupported(Exception):
    pass


_ORDER: dict[tuple, dict[str, int]] = {}


def _rank(model: type[BaseModel], path: tuple) -> dict[str, int]:
    key = (model, path)
    found = _ORDER.get(key)
    if found is None:
        found = _ORDER[key] = {k: i for i, k in enumerate(allowed_keys(model, path))}
    return found


def schema_order(keys: Sequence[Any], rank: Mapping[str, int]) -> list[int]:
    """The positions of ``keys`` in the canonical order: known keys (in ``rank``) in the
    schema's order; a key the schema does not know never moves away from its neighbours: it
    stays right after the key written before it (at the top when it comes first). A misspelt
    key is thus still where its author wrote it when ``validate`` reports it."""
    groups: list[tuple[tuple[int, int], list[int]]] = []
    for position, key in enumerate(keys):
        known = rank.get(key) if isinstance(key, str) else None
        if known is None and groups:
            groups[-1][1].append(position)
        else:
            groups.append(((-1 if known is None else known, position), [position]))
    groups.sort(key=lambda group: group[0])
    return [position for _, positions in groups for position in positions]


def _ordered(mapping: dict, rank: Mapping[str, int]) -> list:
    keys = list(mapping)
    if not rank:
        return keys
    known = [r for r in (rank.get(k) if isinstance(k, str) else None for k in keys) if r is not None]
    if all(a < b for a, b in zip(known, known[1:], strict=False)):  # already in order, as most files are
        return keys
    return [keys[i] for i in schema_order(keys, rank)]


def _mapping(node: dict, indent: int, out: list[str], model: type[BaseModel], path: tuple, rpath: tuple,
             src: tuple[list[str], dict], first_prefix: str | None = None) -> None:
    """``path``: where ``node`` is in the file; ``rpath``: the same with list indices as 0, where
    its keys are in the schema."""
    pad = " " * indent
    for n, key in enumerate(_ordered(node, _rank(model, rpath))):
        text = _key(key)
        if text is None:
            raise _Unsupported
        prefix = first_prefix if (n == 0 and first_prefix is not None) else pad
        value = node[key]
        if type(value) is str:
            scalar = _scalar(value, key)
            if scalar is None:
                raise _Unsupported
            out.append(f"{prefix}{text}: {scalar}")
        elif isinstance(value, dict):
            if value:
                out.append(f"{prefix}{text}:")
                _mapping(value, indent + 2, out, model, (*path, key), (*rpath, key), src)
            else:
                out.append(f"{prefix}{text}: {{}}")
        elif isinstance(value, list):
            if value:
                out.append(f"{prefix}{text}:")
                _sequence(value, indent + 2, out, model, (*path, key), (*rpath, key), src)
            else:
                out.append(f"{prefix}{text}: []")
        else:
            scalar = _float(src, (*path, key)) if isinstance(value, float) else _scalar(value, key)
            if scalar is None:
                raise _Unsupported
            out.append(f"{prefix}{text}: {scalar}")


def _sequence(node: list, indent: int, out: list[str], model: type[BaseModel], path: tuple, rpath: tuple,
              src: tuple[list[str], dict]) -> None:
    dash = " " * indent + "- "
    item_rpath = (*rpath, 0)
    for n, item in enumerate(node):
        if type(item) is str:
            scalar = _scalar(item)
            if scalar is None:
                raise _Unsupported
            out.append(dash + scalar)
        elif isinstance(item, dict):
            if item:
                _mapping(item, indent + 2, out, model, (*path, n), item_rpath, src, first_prefix=dash)
            else:
                out.append(dash + "{}")
        elif isinstance(item, list):
            if item:
                raise _Unsupported  # a list directly in a list: ruamel's own layout
            out.append(dash + "[]")
        else:
            scalar = _float(src, (*path, n)) if isinstance(item, float) else _scalar(item)
            if scalar is None:
                raise _Unsupported
            out.append(dash + scalar)


_BLANK_LINE = re.compile(r"^\s*$", re.MULTILINE)  # as str.strip() sees blank: \s is str.isspace()


def _header(lines: list[str]) -> tuple[list[str], str] | None:
    """The comment and blank lines before the first content line, and the rest; None when
    the rest holds a comment or a blank line."""
    n = 0
    while n < len(lines) and (not lines[n].strip() or lines[n].lstrip().startswith("#")):
        n += 1
    body = lines[n:]
    if body and body[-1] == "":
        body = body[:-1]
    rest = "\n".join(body)
    if body and _BLANK_LINE.search(rest):
        return None
    if "#" in rest:
        from clstool.lint.suppressions import comment_start

        if any(comment_start(line) is not None for line in body if "#" in line):
            return None
    return lines[:n], rest


def fast_layout(text: str, data: Any, model: type[BaseModel], positions: dict) -> str | None:
    """The canonical layout of ``text`` (already read into ``data`` by clstool's reader), or
    None when ruamel.yaml must do it (module docstring)."""
    if not isinstance(data, dict) or not data or "\r" in text or "\t" in text:
        return None
    lines = text.lstrip("\ufeff").split("\n")
    found = _header(lines)
    if found is None:
        return None
    header, rest = found
    if _special(rest):
        return None
    out: list[str] = [line.rstrip() for line in header]
    try:
        _mapping(data, 0, out, model, (), (), (lines, positions))
    except _Unsupported:
        return None
    return "\n".join(out) + "\n"
