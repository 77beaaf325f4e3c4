"""Random damage to an Office file (a zip of XML parts: workbook, document, deck) for the
property tests that feed hostile files to clstool: one part, truncated, with a byte flipped, a
markup fragment inserted, a run deleted, a tag duplicated or a number changed."""

from __future__ import annotations

import io
import re
import zipfile

from hypothesis import strategies as st

KINDS = ("truncate", "flip", "insert", "delete", "duplicate-tag", "number")
INSERTS = (b"<", b"&", b"]]>", b"<!ENTITY x 'y'>", b"\0", b'"', b"999999999")


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(data: bytes, replace: dict[str, bytes] | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """The same zip with some parts' content replaced, and parts added."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, content in (extra or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


def damaged(draw: st.DataObject, data: bytes, kinds: tuple[str, ...] = KINDS) -> bytes:
    """The zip ``data`` with one part, drawn by ``draw``, damaged by one mutation of ``kinds``."""
    content = parts(data)
    name = draw.draw(st.sampled_from(sorted(content)), label="member")
    text = content[name]
    kind = draw.draw(st.sampled_from(kinds), label="mutation")
    at = draw.draw(st.integers(0, max(len(text) - 1, 0)), label="position")
    if kind == "truncate":
        text = text[:at]
    elif kind == "flip" and text:
        text = text[:at] + bytes([text[at] ^ draw.draw(st.integers(1, 255))]) + text[at + 1:]
    elif kind == "insert":
        text = text[:at] + draw.draw(st.sampled_from(INSERTS)) + text[at:]
    elif kind == "delete":
        text = text[:at] + text[at + draw.draw(st.integers(1, 50)):]
    elif kind == "duplicate-tag":
        text = text.replace(b"</row>", b"</row></row>", 1)
    elif kind == "number":
        text = re.sub(rb"<v>\d+</v>", b"<v>" + str(draw.draw(st.integers(-5, 10**9))).encode() + b"</v>",
                      text, count=1)
    return rezip(data, {name: text})
