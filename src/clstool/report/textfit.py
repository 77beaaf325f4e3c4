"""Fitting French text in a slide's box: the largest font size at which the wrapped text fits.

PowerPoint and LibreOffice wrap text in a box but never shrink it unless told to (and then each
differently): the deck sets every size itself. Widths are measured with the real font metrics
(Liberation Sans, metric-compatible with Arial; Debian ``fonts-liberation``) through Pillow,
which python-pptx already depends on; without the font file, a pessimistic estimate (every
character as wide as 0.62 em) is used instead.
"""

from __future__ import annotations

import functools
from pathlib import Path

#: Where Debian puts Liberation Sans; the first file found is used.
FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/liberation2"))
LINE = 1.2  #: line height, in em (PowerPoint's single spacing for Arial is about 1.2)
#: Slack taken off a box's width and height: the text frame's default insets (0.1 in left and right,
#: 0.05 in top and bottom) and a margin against rounding differences between renderers.
INSET_W, INSET_H = 0.1 * 2 + 0.08, 0.05 * 2 + 0.06


@functools.lru_cache(maxsize=None)
def _font(bold: bool, size_pt: float):
    from PIL import ImageFont

    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return ImageFont.truetype(str(folder / name), size=max(1, round(size_pt * 10)))  # tenths of a point
    return None


def width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of ``text`` in points at ``size_pt``."""
    font = _font(bold, size_pt)
    if font is None:
        return len(text) * size_pt * 0.62
    return font.getlength(text) / 10


def wrap(text: str, size_pt: float, box_w_pt: float, bold: bool = False) -> list[str]:
    """The lines ``text`` takes in a box ``box_w_pt`` wide (words too long for a line are cut)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split() or [""]:
            candidate = f"{current} {word}".strip()
            if width_pt(candidate, size_pt, bold) <= box_w_pt or not current:
                current = candidate
            else:
                lines.append(current)
                current = word
            while width_pt(current, size_pt, bold) > box_w_pt and len(current) > 1:  # a word longer than the box
                cut = len(current)
                while cut > 1 and width_pt(current[:cut], size_pt, bold) > box_w_pt:
                    cut -= 1
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
    return lines


def height_pt(texts: list[str], size_pt: float, box_w_pt: float, bold: bool = False, gap: float = 0.3) -> float:
    """Height of paragraphs ``texts`` at ``size_pt`` (``gap`` em between paragraphs)."""
    lines = sum(len(wrap(t, size_pt, box_w_pt, bold)) for t in texts)
    return lines * size_pt * LINE + max(0, len(texts) - 1) * gap * size_pt


def fit(texts: list[str], box_w_in: float, box_h_in: float, sizes: tuple[float, ...] = (28, 24, 20, 18, 16, 14, 12, 11, 10),
        bold: bool = False) -> tuple[float, list[str]]:
    """The largest size of ``sizes`` at which ``texts`` fit the box, and the texts; when even the
    smallest does not fit, the texts are cut (« … ») so that they do — the full text stays in the
    slide's notes."""
    w, h = (box_w_in - INSET_W) * 72, (box_h_in - INSET_H) * 72
    for size in sizes:
        if height_pt(texts, size, w, bold) <= h:
            return size, texts
    size = sizes[-1]
    kept: list[str] = []
    for text in texts:
        if height_pt([*kept, text], size, w, bold) <= h:
            kept.append(text)
            continue
        words = text.split()
        while words and height_pt([*kept, " ".join(words) + " …"], size, w, bold) > h:
            words.pop()
        if words:
            kept.append(" ".join(words) + " …")
        break
    return size, kept


def fits(texts: list[str], size_pt: float, box_w_in: float, box_h_in: float, bold: bool = False) -> bool:
    """Whether ``texts`` at ``size_pt`` fit the box (used by the tests on every text of a deck)."""
    return height_pt(texts, size_pt, (box_w_in - INSET_W) * 72, bold) <= (box_h_in - INSET_H) * 72 + 0.01
