"""The xlsx package as ExcelJS 4.4 — the library TeT's importer reads workbooks with — can open it.

openpyxl writes the targets of a sheet's relationships as absolute part names
(``Target="/xl/tables/table1.xml"``); Excel accepts both forms, but ExcelJS looks its tables and
comments up by the *relative* target Excel itself writes (``../tables/table1.xml``) and, not
finding them, fails on the whole file (« Cannot read properties of undefined »). So every
internal absolute target is rewritten relative to the part that holds the relationship; nothing
else in the package changes. (ExcelJS also finds comments only at ``xl/commentsN.xml``, where
openpyxl does not put them: the exported sheet has none.)
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

_TARGET = re.compile(rb'Target="/([^"]+)"')
_RELS = re.compile(r"^(?:(.*)/)?_rels/([^/]+)\.rels$")


def _relative(rels: bytes, name: str) -> bytes:
    m = _RELS.match(name)
    assert m is not None
    base = m.group(1) or ""  # the folder of the part the relationships belong to

    def repl(match: re.Match[bytes]) -> bytes:
        target = posixpath.relpath(match.group(1).decode("utf-8"), base or ".")
        return b'Target="' + target.encode("utf-8") + b'"'

    return _TARGET.sub(repl, rels)


def relative_targets(data: bytes) -> bytes:
    """The xlsx ``data`` with every relationship target relative to its part."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if _RELS.match(info.filename):
                content = _relative(content, info.filename)
            target.writestr(info, content)
    return out.getvalue()
