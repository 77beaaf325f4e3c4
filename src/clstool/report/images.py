"""The report's SVG charts as PNG images, for the formats that cannot hold SVG (Word, PowerPoint).

The charts are drawn once, as SVG (:mod:`clstool.report.charts`); CairoSVG rasterises them with
cairo (the Debian package ``libcairo2``, present wherever a desktop is), so the images show
exactly what the HTML report shows. An inline chart relies on the page's font: :func:`standalone`
gives it one, and the SVG namespace, before it is drawn alone.
"""

from __future__ import annotations

import re

from markupsafe import Markup

#: The font the images use: Liberation Sans (Debian ``fonts-liberation``) metrics equal Arial's.
FONT = "Liberation Sans, Arial, DejaVu Sans, sans-serif"


#: Text with a white outline (``paint-order="stroke"``, which cairo ignores: the outline would cover it).
HALO = re.compile(r'<text([^>]*?) paint-order="stroke"([^>]*)>(.*?)</text>', re.S)


def _halo(match: re.Match) -> str:
    """The outline drawn first, the text over it: the same look without ``paint-order``."""
    attrs = match.group(1) + match.group(2)
    bare = re.sub(r' stroke(-[a-z]+)?="[^"]*"', "", attrs)
    return f"<text{attrs}>{match.group(3)}</text><text{bare}>{match.group(3)}</text>"


def standalone(svg: Markup | str) -> str:
    """A chart of the report as a self-contained SVG document (namespace, font)."""
    text = str(svg)
    text = text.replace('font-family="inherit"', f'font-family="{FONT}"', 1)
    text = HALO.sub(_halo, text)
    return re.sub(r"^<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', text, count=1)


def png(svg: Markup | str, width_px: int = 1440) -> bytes:
    """The chart as a PNG ``width_px`` wide (twice the SVG's width: sharp when printed)."""
    import cairosvg

    return cairosvg.svg2png(bytestring=standalone(svg).encode("utf-8"), output_width=width_px)


def size(svg: Markup | str) -> tuple[float, float]:
    """Width and height of a chart, in SVG units (from its viewBox)."""
    match = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', str(svg))
    return (float(match.group(1)), float(match.group(2))) if match else (720.0, 300.0)
