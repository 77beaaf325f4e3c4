"""What every code's documentation shares: lint rules and built-in codes alike.

A documented class's docstring *is* its documentation (``clstool rules CODE``, SARIF ``help``):
first line = the one-line summary; then why the code exists; then at least one ``En faute ::``
and one ``Correct ::`` literal block (``Avec des alias, en faute ::`` is fine too). The test
suite runs every example, so the documentation cannot drift from the code.
"""

from __future__ import annotations

import inspect
import re
from typing import NamedTuple

#: ``En faute ::``, ``Correct ::``, ``Avec des alias, en faute ::``…
_EXAMPLE_HEAD = re.compile(r"^(?:.*\s)?(en faute|correct)\s*::\s*$", re.IGNORECASE)


class Example(NamedTuple):
    failing: bool
    text: str  #: the literal block, dedented


class Documented:
    """A class whose docstring is the documentation of one code."""

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.doc().split("\n", 1)[0].strip()

    @classmethod
    def examples(cls) -> list[Example]:
        """The ``En faute ::`` / ``Correct ::`` literal blocks of the docstring."""
        lines = cls.doc().split("\n")
        out: list[Example] = []
        i = 0
        while i < len(lines):
            head = _EXAMPLE_HEAD.match(lines[i].strip())
            i += 1
            if not head:
                continue
            block: list[str] = []
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith((" ", "\t"))):
                block.append(lines[i])
                i += 1
            text = inspect.cleandoc("\n".join(block)) + "\n"
            out.append(Example(head.group(1).lower() == "en faute", text))
        return out
