"""Text from the files, made safe to show: control characters are written out, never sent.

A title, a file name or a sheet name may hold an escape character: printed raw, ``ESC ] 0 ;``
sets the terminal's title, ``ESC [ 2 K`` erases a line and a carriage return lets a fake
« 0 erreur » overwrite the real summary, in a terminal as in a CI log; a NUL makes an XML file
invalid. :func:`visible` writes each such character as a Python-style escape (``\\x1b``,
``\\x00``, ``\\r``…): the reader sees that it is there, nothing acts on it. Escaped: the C0 and C1
control characters and DEL, and the Unicode bidirectional overrides that can reorder what a
line appears to say. Tab stays; newline stays unless ``one_line``, where it is written ``\\n``
so that one diagnostic stays on one line.

:func:`console` is a :class:`rich.console.Console` whose strings pass through :func:`visible`
(keeping newlines): the command line prints through it.
"""

from __future__ import annotations

import functools
import re
from typing import Any

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_MULTI_LINE = re.compile(f"[{_CONTROLS}]")
_ONE_LINE = re.compile(f"[\n{_CONTROLS}]")


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, one_line: bool = True) -> str:
    """``text`` with its control characters written out (``\\x1b``); newlines too if ``one_line``."""
    return (_ONE_LINE if one_line else _MULTI_LINE).sub(_escape, text)


def json_safe(text: str) -> str:
    """A JSON text with U+2028 and U+2029 written ``\\u2028``, ``\\u2029``: the same data once
    parsed (JSON allows both raw, inside strings only), but no tool that breaks lines on them
    (editors, Python's ``splitlines``) shows one string over two lines."""
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def xml_safe(text: str) -> str:
    """``text`` where XML 1.0 forbids nothing: the characters it forbids written out, newlines kept."""
    return _MULTI_LINE.sub(_escape, text)


@functools.cache
def _console_class() -> type:
    from rich.console import Console

    class SafeConsole(Console):
        """A console whose strings show their control characters instead of sending them."""

        def render_str(self, text: str, **options: Any) -> Any:
            return super().render_str(visible(text, one_line=False), **options)

    return SafeConsole


def console(**options: Any) -> Any:
    """A :class:`rich.console.Console` (same options) that prints strings through :func:`visible`."""
    return _console_class()(**options)
