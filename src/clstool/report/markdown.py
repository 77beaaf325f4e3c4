"""Escaping text for GitHub-flavoured Markdown, so that a value from YAML shows as written.

:func:`escape` is applied to *every* expression of the Markdown report templates (Jinja's
``finalize``): a value can never open a table cell (``|``), end a table row or a list item
(newlines become ``<br>``), start a heading or a list, or inject HTML (``<script>`` shows as
text). Markup built on purpose is wrapped in :class:`Raw` and passes through unchanged.
"""

from __future__ import annotations

import re

#: Punctuation that Markdown may read as markup anywhere in a line; a backslash makes it literal.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
#: What makes a line a heading, a quote, a list item or a rule when it starts the line.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_NEWLINES = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


class Raw(str):
    """Markdown written on purpose: not escaped."""


def escape(value: object) -> str:
    """``value`` as literal Markdown text, on one line, safe inside a table cell."""
    if value is None:
        return ""
    if isinstance(value, Raw):
        return str(value)
    text = str(value).strip()
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    text = _LINE_START.sub(lambda m: m.group(1) + _escape_start(m.group(2)), text)
    return _NEWLINES.sub("<br>", text)


def _escape_start(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def finalize(value: object) -> object:
    """Jinja ``finalize`` hook of the Markdown environment."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return escape(value)


def table_columns(line: str) -> int | None:
    """The number of cells of a Markdown table row (``| a | b |`` → 2), None if not a row.

    Escaped pipes (``\\|``) do not separate cells; used by the tests and by anyone checking
    a generated report.
    """
    stripped = line.strip()
    if not (stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1):
        return None
    cells, escaped = 1, False
    for char in stripped[1:-1]:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            cells += 1
    return cells
