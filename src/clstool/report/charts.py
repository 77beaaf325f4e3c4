"""SVG charts of the annual report, drawn from plain data (no I/O, no knowledge of the models).

Three charts:

:func:`status_bars`
    one stacked horizontal bar per row (an axis), one segment per status, with the count.
:func:`gantt`
    the calendar of one year: one line per calendar entry, a bar clipped to the year (an
    arrow shows that it goes on before or after), the status of the line, and a vertical line
    at the reference date.
:func:`indicator_bars`
    one line per indicator: the measured value as a bar, the year's target as a tick, the
    reference value as a thin grey tick, and the figures written out.

Readable without colour: every status has a colour from the Okabe–Ito palette (told apart by
the common colour-vision deficiencies) *and* a pattern (plain, stripes, dots, hatching), and its
name is always written next to it (legend, labels). The pattern's marks are drawn as plain
lines and dots over each box (:func:`_marks`), never as an SVG ``<pattern>`` fill: a chart needs
no definitions from the page, and prints fast. :func:`pattern_defs` still gives the patterns as
``<pattern>`` definitions, for a user's template that draws its own shapes.

Every text that comes from the data is escaped here (``markupsafe.escape``): the functions
return :class:`markupsafe.Markup`, safe to insert as is in an HTML page.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from clstool.model.formatting import MONTH_ABBR, fr_date, fr_number
from clstool.model.vocabulary import LOOK_PAR_DEFAUT, STATUTS, STATUTS_INDICATEUR, Look

# --- How statuses look ---------------------------------------------------------------------


#: Status (fiche, déclinaison or indicator) → its look; the looks live in the vocabulary.
LOOKS: dict[str, Look] = {code: term.look for code, term in (STATUTS_INDICATEUR | STATUTS).items()}
DEFAULT_LOOK = LOOK_PAR_DEFAUT


def look(status: str) -> Look:
    return LOOKS.get(status, DEFAULT_LOOK)


def _pattern(status: str, spec: Look) -> str:
    pid = f"clspat-{status}"
    size = 6
    body = {
        "plain": "",
        "diagonal": f'<path d="M-1,1 l2,-2 M0,{size} l{size},-{size} M{size - 1},{size + 1} l2,-2" '
        f'stroke="{spec.mark}" stroke-width="1.6"/>',
        "back_diagonal": f'<path d="M-1,{size - 1} l2,2 M0,0 l{size},{size} M{size - 1},-1 l2,2" '
        f'stroke="{spec.mark}" stroke-width="1.6"/>',
        "empty_diagonal": f'<path d="M-1,1 l2,-2 M0,{size} l{size},-{size} M{size - 1},{size + 1} l2,-2" '
        f'stroke="{spec.mark}" stroke-width="1"/>',
        "dots": f'<circle cx="{size / 2}" cy="{size / 2}" r="1.3" fill="{spec.mark}"/>',
        "cross": f'<path d="M0,0 l{size},{size} M{size},0 l-{size},{size}" stroke="{spec.mark}" stroke-width="1.2"/>',
        "horizontal": f'<path d="M0,{size / 2} h{size}" stroke="{spec.mark}" stroke-width="1.6"/>',
        "vertical": f'<path d="M{size / 2},0 v{size}" stroke="{spec.mark}" stroke-width="1.6"/>',
    }[spec.pattern]
    return (f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="{size}" height="{size}">'
            f'<rect width="{size}" height="{size}" fill="{spec.fill}"/>{body}</pattern>')


def pattern_defs(statuses: Iterable[str] | None = None) -> Markup:
    """A hidden ``<svg>`` that defines the fill pattern of every status as ``url(#clspat-STATUT)``
    (for a user's template: the report's own charts do not use it)."""
    names = list(statuses) if statuses is not None else list(LOOKS)
    return Markup('<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false" '
                  'style="position:absolute;width:0;height:0;overflow:hidden"><defs>'
                  + "".join(_pattern(n, look(n)) for n in names) + "</defs></svg>")


def _fill(status: str) -> str:
    return look(status).fill


#: Spacing of the pattern marks, in user units (the grid is the page's, as ``userSpaceOnUse``).
_STEP = 6
#: Pattern → (kinds of lines, stroke width); a line kind is "/", "\\", "-" or "|".
_LINES = {"diagonal": ("/", 1.6), "back_diagonal": ("\\", 1.6), "empty_diagonal": ("/", 1.0),
          "cross": ("/\\", 1.2), "horizontal": ("-", 1.6), "vertical": ("|", 1.6)}


def _segments(kind: str, x0: float, y0: float, x1: float, y1: float) -> list[str]:
    """The lines of one kind crossing the box, cut at its edges (as path commands)."""
    step, out = _STEP, []
    if kind == "-":
        return [f"M{x0:.2f},{y:.2f}H{x1:.2f}" for y in _grid(y0, y1, step / 2)]
    if kind == "|":
        return [f"M{x:.2f},{y0:.2f}V{y1:.2f}" for x in _grid(x0, x1, step / 2)]
    if kind == "/":  # x + y = k: from lower left to upper right
        for k in _grid(x0 + y0, x1 + y1, 0):
            a, b = max(x0, k - y1), min(x1, k - y0)
            if b - a > 0.01:
                out.append(f"M{a:.2f},{k - a:.2f}L{b:.2f},{k - b:.2f}")
        return out
    for k in _grid(x0 - y1, x1 - y0, 0):  # x - y = k: from upper left to lower right
        a, b = max(x0, k + y0), min(x1, k + y1)
        if b - a > 0.01:
            out.append(f"M{a:.2f},{a - k:.2f}L{b:.2f},{b - k:.2f}")
    return out


def _grid(low: float, high: float, phase: float) -> list[float]:
    """The values ``phase + n × step`` strictly inside ``(low, high)``."""
    n = math.floor((low - phase) / _STEP) + 1
    values = []
    while phase + n * _STEP < high:
        values.append(phase + n * _STEP)
        n += 1
    return values


def _marks(status: str, x: float, y: float, w: float, h: float, outline: float = 0.8) -> str:
    """The status's pattern drawn as plain lines or dots over a box filled with its colour.

    Drawn, not filled with an SVG ``<pattern>``: Chromium writes every pattern fill into the
    PDF as its own tiling pattern, which made printing the full report twice as slow and its
    PDF three times as large; plain lines look the same, on paper and in greyscale."""
    spec = look(status)
    inset = outline / 2  # the marks stop where the outline starts, as a pattern fill does
    x0, y0, x1, y1 = x + inset, y + inset, x + w - inset, y + h - inset
    if x1 - x0 <= 0.5 or y1 - y0 <= 0.5 or spec.pattern == "plain":
        return ""
    if spec.pattern == "dots":
        r = 1.3
        d = "".join(f"M{cx - r:.2f},{cy:.2f}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0"
                    for cy in _grid(y0 + r, y1 - r, _STEP / 2) for cx in _grid(x0 + r, x1 - r, _STEP / 2))
        return f'<path class="marks" d="{d}" fill="{spec.mark}"/>' if d else ""
    kinds, width = _LINES[spec.pattern]
    d = "".join(s for kind in kinds for s in _segments(kind, x0, y0, x1, y1))
    return f'<path class="marks" d="{d}" fill="none" stroke="{spec.mark}" stroke-width="{width}"/>' if d else ""


def swatch(status: str, size: int = 12) -> Markup:
    """A small square in the status's colour and pattern (for legends and badges)."""
    return Markup(f'<svg class="swatch" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
                  f'aria-hidden="true"><rect x="0.5" y="0.5" width="{size - 1}" height="{size - 1}" '
                  f'fill="{_fill(status)}" stroke="#333" stroke-width="1"/>'
                  f"{_marks(status, 0.5, 0.5, size - 1, size - 1, outline=1)}</svg>")


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _svg_open(width: float, height: float, label: str, css_class: str, standalone: bool = False) -> str:
    """The opening tag; the namespace only for a standalone file (inline SVG in HTML needs none)."""
    ns = 'xmlns="http://www.w3.org/2000/svg" ' if standalone else ""
    return (f'<svg {ns}class="chart {css_class}" role="img" '
            f'viewBox="0 0 {width:g} {height:g}" width="{width:g}" height="{height:g}" '
            f'aria-label="{escape(label)}" font-family="inherit" font-size="11">'
            f"<title>{escape(label)}</title>")


def _halo(x: float, y: float, text: str, anchor: str = "middle", css: str = "") -> str:
    """Text with a white outline, legible over any colour or pattern."""
    return (f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}" class="{css}" paint-order="stroke" '
            f'stroke="#fff" stroke-width="3" stroke-linejoin="round" fill="#000">{escape(text)}</text>')


# --- Stacked bars: statuses per axis -------------------------------------------------------


@dataclass(frozen=True)
class BarRow:
    label: str  #: left label ("Axe 1")
    counts: Mapping[str, int]  #: status → count
    title: str = ""  #: longer text, shown as a tooltip


def status_bars(rows: Sequence[BarRow], order: Sequence[str], labels: Mapping[str, str],
                *, title: str = "Actions par statut et par axe", width: int = 720,
                standalone: bool = False) -> Markup:
    """One stacked bar per row, segments in ``order``; a legend names the statuses present."""
    label_w, right_w, bar_h, gap, top = 70, 36, 22, 10, 8
    present = [s for s in order if any(r.counts.get(s) for r in rows)]
    present += sorted({s for r in rows for s, n in r.counts.items() if n and s not in order})
    total_max = max([sum(r.counts.values()) for r in rows] + [1])
    plot_w = width - label_w - right_w
    unit = plot_w / total_max
    legend_rows = _legend_layout(present, labels, width)
    height = top + len(rows) * (bar_h + gap) + 8 + 20 * len(legend_rows) + 6
    out = [_svg_open(width, height, title, "status-bars", standalone)]
    y = top
    for row in rows:
        total = sum(row.counts.values())
        out.append(f'<g class="bar-row"><title>{escape(row.title or row.label)} : '
                   f'{escape(_count_text(row.counts, present, labels))}</title>')
        out.append(f'<text x="0" y="{y + bar_h / 2 + 4:g}" font-weight="bold">{escape(row.label)}</text>')
        x = label_w
        for status in present:
            n = row.counts.get(status, 0)
            if not n:
                continue
            w = n * unit
            out.append(f'<rect class="seg seg-{escape(status)}" data-status="{escape(status)}" data-count="{n}" '
                       f'x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{_fill(status)}" '
                       f'stroke="#222" stroke-width="0.8"/>')
            out.append(_marks(status, round(x, 1), y, round(w, 1), bar_h))
            if w >= 14:
                out.append(_halo(x + w / 2, y + bar_h / 2 + 4, str(n)))
            x += w
        if total == 0:
            out.append(f'<text x="{label_w}" y="{y + bar_h / 2 + 4:g}" fill="#555">aucune action</text>')
        else:
            out.append(f'<text x="{x + 6:.1f}" y="{y + bar_h / 2 + 4:g}" fill="#333">{total}</text>')
        out.append("</g>")
        y += bar_h + gap
    y += 4
    out.append(_legend(legend_rows, labels, y))
    out.append("</svg>")
    return Markup("".join(out))


def _count_text(counts: Mapping[str, int], present: Sequence[str], labels: Mapping[str, str]) -> str:
    parts = [f"{labels.get(s, s)} {counts[s]}" for s in present if counts.get(s)]
    return ", ".join(parts) if parts else "aucune action"


def _legend_layout(statuses: Sequence[str], labels: Mapping[str, str], width: int) -> list[list[str]]:
    rows: list[list[str]] = [[]]
    x = 0.0
    for status in statuses:
        w = 22 + 6.2 * len(labels.get(status, status)) + 14
        if rows[-1] and x + w > width:
            rows.append([])
            x = 0.0
        rows[-1].append(status)
        x += w
    return [r for r in rows if r]


def _legend(rows: list[list[str]], labels: Mapping[str, str], y: float) -> str:
    out = ['<g class="legend">']
    for row in rows:
        x = 0.0
        for status in row:
            text = labels.get(status, status)
            out.append(f'<rect class="legend-swatch" data-status="{escape(status)}" x="{x:g}" y="{y:g}" '
                       f'width="14" height="14" fill="{_fill(status)}" stroke="#222" stroke-width="0.8"/>')
            out.append(_marks(status, x, y, 14, 14))
            out.append(f'<text x="{x + 19:g}" y="{y + 11:g}">{escape(text)}</text>')
            x += 22 + 6.2 * len(text) + 14
        y += 20
    out.append("</g>")
    return "".join(out)


# --- Gantt of the year ---------------------------------------------------------------------


@dataclass(frozen=True)
class GanttRow:
    label: str  #: short label on the left ("1-1 · D2")
    detail: str  #: longer text (déclinaison title, milestone), shown after the label and as tooltip
    status: str
    debut: dt.date | None  #: None: the period could not be read
    fin: dt.date | None
    periode: str = ""  #: the period as written
    replaced: bool = False  #: a planned entry that an adjusted calendar replaces: drawn hollow and dashed


def gantt(rows: Sequence[GanttRow], year: int, as_of: dt.date | None, labels: Mapping[str, str],
          *, title: str = "", width: int = 720, today_label: str = "Date de référence",
          standalone: bool = False) -> Markup:
    """The calendar of ``year``: one line per row, months as columns, a line at ``as_of``."""
    label_w, row_h, top, bottom = 300, 18, 24, 20
    plot_w = width - label_w - 4
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    days = (end - start).days + 1

    def xpos(day: dt.date) -> float:
        return label_w + plot_w * ((day - start).days / days)

    height = top + max(len(rows), 1) * row_h + bottom
    label = title or f"Calendrier {year}"
    out = [_svg_open(width, height, label, "gantt", standalone)]
    # month columns
    for month in range(1, 13):
        x0 = xpos(dt.date(year, month, 1))
        x1 = xpos(dt.date(year + 1, 1, 1)) if month == 12 else xpos(dt.date(year, month + 1, 1))
        if month % 2 == 0:
            out.append(f'<rect x="{x0:.1f}" y="{top - 4}" width="{x1 - x0:.1f}" height="{height - top - bottom + 4}" '
                       f'fill="#f3f3f3"/>')
        out.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{top - 9}" text-anchor="middle" fill="#333">'
                   f"{MONTH_ABBR[month - 1]}</text>")
    out.append(f'<line x1="{label_w}" y1="{top - 4}" x2="{label_w}" y2="{height - bottom}" stroke="#888"/>')
    y = top
    for index, row in enumerate(rows):
        tooltip = f"{row.label} — {row.detail} — {row.periode} — {labels.get(row.status, row.status)}"
        out.append(f'<g class="gantt-row" data-status="{escape(row.status)}"><title>{escape(tooltip)}</title>')
        if index % 2:
            out.append(f'<rect x="0" y="{y}" width="{label_w}" height="{row_h}" fill="#fafafa"/>')
        out.append(f'<text x="2" y="{y + 13}"><tspan font-weight="bold">{escape(row.label)}</tspan> '
                   f'<tspan fill="#333">{escape(_shorten(row.detail, max(8, 46 - len(row.label))))}</tspan></text>')
        if row.debut is None or row.fin is None:
            out.append(f'<text x="{label_w + 6}" y="{y + 13}" font-style="italic" fill="#7a2f00">'
                       f'période non reconnue : « {escape(_shorten(row.periode, 60))} »</text>')
        else:
            a, b = max(row.debut, start), min(row.fin, end)
            x0, x1 = xpos(a), xpos(b + dt.timedelta(days=1))
            if row.replaced:  # no longer in force: an outline only, never the status's colour
                out.append(f'<rect class="gantt-bar replaced" data-status="{escape(row.status)}" x="{x0:.1f}" '
                           f'y="{y + 3}" width="{max(x1 - x0, 2):.1f}" height="{row_h - 6}" rx="2" fill="#ffffff" '
                           f'stroke="#777" stroke-width="1" stroke-dasharray="3 2"/>')
            else:
                out.append(f'<rect class="gantt-bar" data-status="{escape(row.status)}" x="{x0:.1f}" y="{y + 3}" '
                           f'width="{max(x1 - x0, 2):.1f}" height="{row_h - 6}" rx="2" fill="{_fill(row.status)}" '
                           f'stroke="#222" stroke-width="0.8"/>')
                out.append(_marks(row.status, round(x0, 1), y + 3, round(max(x1 - x0, 2), 1), row_h - 6))
            if row.debut < start:  # goes on before the year
                out.append(f'<path d="M{x0 - 1:.1f},{y + 3} l-6,{row_h / 2 - 3} l6,{row_h / 2 - 3} z" fill="#222"/>')
            if row.fin > end:
                out.append(f'<path d="M{x1 + 1:.1f},{y + 3} l6,{row_h / 2 - 3} l-6,{row_h / 2 - 3} z" fill="#222"/>')
        out.append("</g>")
        y += row_h
    if not rows:
        out.append(f'<text x="{label_w + 6}" y="{top + 13}" fill="#555">Rien de prévu cette année.</text>')
    if as_of is not None and start <= as_of <= end:
        x = xpos(as_of + dt.timedelta(days=1)) if as_of == end else xpos(as_of)
        x = min(x, width - 1.5)
        anchor = "end" if x > label_w + plot_w * 0.75 else "start"
        dx = -4 if anchor == "end" else 4
        out.append(f'<g class="today"><line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - bottom + 3}" '
                   f'stroke="#000" stroke-width="2" stroke-dasharray="5 3"/>')
        out.append(_halo(x + dx, height - 4, f"{today_label} : {fr_date(as_of)}", anchor=anchor, css="today-label"))
        out.append("</g>")
    out.append("</svg>")
    return Markup("".join(out))


# --- Indicators: value against target -------------------------------------------------------


@dataclass(frozen=True)
class IndicatorBar:
    label: str  #: "P1"
    detail: str  #: the indicator's wording
    status: str
    valeur: float | None
    cible: float | None
    reference: float | None = None
    unite: str = ""
    sens: str = "hausse"


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    text = fr_number(value)
    if unit == "%":
        return f"{text} %"
    return f"{text} {unit}".strip() if unit and len(unit) <= 12 else text


def indicator_bars(rows: Sequence[IndicatorBar], labels: Mapping[str, str], *, title: str = "",
                   width: int = 720, standalone: bool = False) -> Markup:
    """One line per indicator: value (bar), target (black tick), reference (grey tick)."""
    label_w, text_w, row_h, top = 250, 210, 26, 6
    plot_w = width - label_w - text_w
    height = top + max(len(rows), 1) * row_h + 4
    out = [_svg_open(width, height, title or "Indicateurs : valeur mesurée et cible", "indicator-bars", standalone)]
    y = top
    for row in rows:
        scale_max = max([v for v in (row.valeur, row.cible, row.reference) if v is not None] + [0])
        scale_max = scale_max * 1.1 if scale_max > 0 else 1.0

        def xpos(value: float, scale_max: float = scale_max) -> float:
            return label_w + plot_w * max(0.0, value) / scale_max

        status_text = labels.get(row.status, row.status)
        out.append(f'<g class="indicator-row" data-status="{escape(row.status)}"><title>'
                   f"{escape(row.label)} — {escape(row.detail)} — {escape(status_text)}</title>")
        out.append(f'<text x="0" y="{y + 12}"><tspan font-weight="bold">{escape(row.label)}</tspan> '
                   f'<tspan fill="#333">{escape(_shorten(row.detail, 38))}</tspan></text>')
        sens = "objectif : baisser" if row.sens == "baisse" else ""
        if sens:
            out.append(f'<text x="0" y="{y + 23}" font-size="9" fill="#555">{sens}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 3}" width="{plot_w}" height="{row_h - 10}" fill="#f3f3f3" '
                   f'stroke="#bbb" stroke-width="0.6"/>')
        if row.valeur is not None:
            out.append(f'<rect class="indicator-value" data-status="{escape(row.status)}" x="{label_w}" y="{y + 3}" '
                       f'width="{max(xpos(row.valeur) - label_w, 1.5):.1f}" height="{row_h - 10}" '
                       f'fill="{_fill(row.status)}" stroke="#222" stroke-width="0.8"/>')
            out.append(_marks(row.status, label_w, y + 3, round(max(xpos(row.valeur) - label_w, 1.5), 1), row_h - 10))
        else:
            out.append(f'<text x="{label_w + 6}" y="{y + 14}" font-style="italic" fill="#555">non mesuré</text>')
        if row.reference is not None:
            xr = xpos(row.reference)
            out.append(f'<line class="indicator-reference" x1="{xr:.1f}" y1="{y + 1}" x2="{xr:.1f}" '
                       f'y2="{y + row_h - 5}" stroke="#777" stroke-width="2" stroke-dasharray="2 1"/>')
        if row.cible is not None:
            xt = xpos(row.cible)
            out.append(f'<line class="indicator-target" x1="{xt:.1f}" y1="{y}" x2="{xt:.1f}" y2="{y + row_h - 4}" '
                       f'stroke="#000" stroke-width="2.5"/>')
            out.append(f'<path d="M{xt - 4:.1f},{y} h8 l-4,4 z" fill="#000"/>')
        figures = f"{_fmt(row.valeur, row.unite)} / cible {_fmt(row.cible, row.unite)}"
        out.append(f'<text x="{label_w + plot_w + 8}" y="{y + 12}">{escape(figures)}</text>')
        out.append(f'<text x="{label_w + plot_w + 8}" y="{y + 23}" font-size="9.5" fill="#333">'
                   f"{escape(status_text)}</text>")
        out.append("</g>")
        y += row_h
    out.append("</svg>")
    return Markup("".join(out))
