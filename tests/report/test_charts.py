"""The SVG charts of the report, drawn from plain data."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from clstool.report import charts

LABELS = {"realise": "Réalisé", "en_cours": "En cours", "sans_bilan": "Sans bilan", "en_retard": "En retard",
          "atteint": "Atteint", "non_atteint": "Non atteint", "non_mesure": "Non mesuré"}
ORDER = ["realise", "en_cours", "en_retard", "sans_bilan"]


def _svg(markup) -> ET.Element:
    """Parse the SVG as XML: it must be well-formed."""
    return ET.fromstring(str(markup))


def test_status_bars_one_segment_per_status_with_widths_proportional_to_counts():
    rows = [charts.BarRow("Axe 1", {"realise": 2, "sans_bilan": 2}), charts.BarRow("Axe 2", {"en_cours": 1})]
    svg = _svg(charts.status_bars(rows, ORDER, LABELS))
    segs = [r for r in svg.iter("rect") if "seg" in r.get("class", "").split()]
    assert [(s.get("data-status"), s.get("data-count")) for s in segs] == [
        ("realise", "2"), ("sans_bilan", "2"), ("en_cours", "1")]
    widths = [float(s.get("width")) for s in segs]
    assert abs(widths[0] - widths[1]) < 0.2 and abs(widths[0] - 2 * widths[2]) < 0.2
    assert [s.get("fill") for s in segs] == [charts.look(s).fill for s in ("realise", "sans_bilan", "en_cours")]
    legend = [r.get("data-status") for r in svg.iter("rect") if r.get("class") == "legend-swatch"]
    assert legend == ["realise", "en_cours", "sans_bilan"]  # only the statuses present, in order
    texts = "".join(svg.itertext())
    assert "Réalisé" in texts and "Sans bilan" in texts and "En retard" not in texts


def test_chart_text_from_data_is_escaped():
    rows = [charts.BarRow("<script>alert(1)</script>", {"realise": 1}, "A & B <i>")]
    markup = str(charts.status_bars(rows, ORDER, LABELS))
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert "<script>alert(1)</script>" in "".join(_svg(markup).itertext())


def test_gantt_clips_to_the_year_marks_overflow_and_draws_the_reference_line():
    rows = [
        charts.GanttRow("1-1", "avant et pendant", "en_cours", dt.date(2023, 10, 1), dt.date(2024, 3, 31), "T4 2023 – T1 2024"),
        charts.GanttRow("1-2", "dans l'année", "realise", dt.date(2024, 7, 1), dt.date(2024, 9, 30), "3e trimestre 2024"),
        charts.GanttRow("1-3", "illisible", "sans_bilan", None, None, "quand ce sera prêt"),
    ]
    svg = _svg(charts.gantt(rows, 2024, dt.date(2024, 6, 15), LABELS))
    bars = [r for r in svg.iter("rect") if r.get("class") == "gantt-bar"]
    assert len(bars) == 2  # the unparsed period has no bar…
    assert "période non reconnue : « quand ce sera prêt »" in "".join(svg.itertext())  # …but is shown as written
    first, second = (float(b.get("x")) for b in bars)
    assert first == 300.0  # clipped at 1 January
    assert second > first
    arrows = [p for p in svg.iter("path") if p.get("fill") == "#222"]
    assert len(arrows) == 1  # only the first row goes on beyond the year (before it)
    today = [g for g in svg.iter("g") if g.get("class") == "today"]
    assert len(today) == 1 and "15 juin 2024" in "".join(today[0].itertext())
    line_x = float(today[0].find("line").get("x1"))
    assert 300 + 416 * 0.44 < line_x < 300 + 416 * 0.47  # mid-June, on a 416-pixel-wide year


def test_gantt_without_reference_date_in_the_year_has_no_line():
    rows = [charts.GanttRow("1-1", "x", "realise", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "2024")]
    svg = _svg(charts.gantt(rows, 2024, dt.date(2025, 3, 1), LABELS))
    assert not [g for g in svg.iter("g") if g.get("class") == "today"]
    empty = _svg(charts.gantt([], 2024, None, LABELS))
    assert "Rien de prévu cette année." in "".join(empty.itertext())


def test_indicator_bars_value_against_target():
    rows = [
        charts.IndicatorBar("P1", "Nombre d'ateliers", "non_atteint", 5, 10, reference=2),
        charts.IndicatorBar("R1", "Taux de participation", "non_mesure", None, 40, unite="%"),
    ]
    svg = _svg(charts.indicator_bars(rows, LABELS))
    values = [r for r in svg.iter("rect") if r.get("class") == "indicator-value"]
    targets = [ln for ln in svg.iter("line") if ln.get("class") == "indicator-target"]
    refs = [ln for ln in svg.iter("line") if ln.get("class") == "indicator-reference"]
    assert len(values) == 1 and len(targets) == 2 and len(refs) == 1
    x_target = float(targets[0].get("x1"))
    assert abs((250 + float(values[0].get("width"))) - (250 + (x_target - 250) / 2)) < 0.5  # 5 is half of 10
    text = "".join(svg.itertext())
    assert "5 / cible 10" in text and "non mesuré" in text and "— / cible 40 %" in text


def test_standalone_svg_carries_its_namespace_and_needs_no_definitions():
    rows = [charts.BarRow("Axe 1", {"en_cours": 1})]
    inline = str(charts.status_bars(rows, ORDER, LABELS))
    alone = str(charts.status_bars(rows, ORDER, LABELS, standalone=True))
    assert "xmlns" not in inline
    root = _svg(alone)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "url(#" not in alone and "<pattern" not in alone  # nothing to find elsewhere in the page


def _marks(svg: ET.Element) -> list[ET.Element]:
    return [p for p in svg.iter("path") if p.get("class") == "marks"]


def _box(rect: ET.Element) -> tuple[float, float, float, float]:
    x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
    return x, y, x + float(rect.get("width")), y + float(rect.get("height"))


def _points(path: ET.Element) -> list[tuple[float, float]]:
    """The end points of a path made of ``M x,y L x,y`` / ``H x`` / ``V y`` commands."""
    import re

    points, x, y = [], 0.0, 0.0
    for command, args in re.findall(r"([MLHVa])([^MLHVa]*)", path.get("d")):
        numbers = [float(n) for n in re.findall(r"-?[\d.]+", args)]
        if command in "ML":
            x, y = numbers
        elif command == "H":
            x = numbers[0]
        elif command == "V":
            y = numbers[0]
        else:
            continue
        points.append((x, y))
    return points


def test_pattern_marks_are_drawn_inside_their_box_in_the_marks_colour():
    rows = [charts.BarRow("Axe 1", {"en_cours": 3, "en_retard": 2, "bloque": 1, "realise": 1})]
    svg = _svg(charts.status_bars(rows, ["realise", "en_cours", "en_retard", "bloque"], LABELS))
    segs = {r.get("data-status"): r for r in svg.iter("rect") if "seg" in r.get("class", "").split()}
    marks = _marks(svg)
    # en_cours (stripes), en_retard (crossed), bloque (horizontal) in the bar, then in the legend;
    # realise is plain: no marks
    assert [m.get("stroke") for m in marks] == [charts.look(s).mark for s in ("en_cours", "en_retard", "bloque")] * 2
    for status, mark in zip(("en_cours", "en_retard", "bloque"), marks[:3], strict=True):
        x0, y0, x1, y1 = _box(segs[status])
        points = _points(mark)
        assert points and all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in points)
    crossed = _points(marks[1])
    slopes = {round((b[1] - a[1]) / (b[0] - a[0])) for a, b in zip(crossed[::2], crossed[1::2], strict=True)}
    assert slopes == {-1, 1}  # both diagonals
    rows_y = sorted({y for _, y in _points(marks[2])})  # horizontal lines on the pattern's grid: 3 + 6n
    assert len(rows_y) >= 3 and all(y % 6 == 3 for y in rows_y)


def test_every_box_of_every_chart_gets_its_marks():
    gantt = _svg(charts.gantt([charts.GanttRow("1-1", "x", "en_retard", dt.date(2024, 2, 1), dt.date(2024, 5, 31)),
                               charts.GanttRow("1-2", "y", "a_venir", dt.date(2024, 3, 1), dt.date(2024, 9, 30))],
                              2024, None, LABELS))
    assert [m.get("stroke") or m.get("fill") for m in _marks(gantt)] == [
        charts.look("en_retard").mark, charts.look("a_venir").mark]  # crossed lines, then dots
    assert "a" in _marks(gantt)[1].get("d")  # dots are arcs
    bars = _svg(charts.indicator_bars([charts.IndicatorBar("P1", "x", "en_retard", 5, 10)], LABELS))
    assert len(_marks(bars)) == 1
    swatch = _svg(charts.swatch("en_cours"))
    assert len(_marks(swatch)) == 1 and _marks(swatch)[0].get("stroke") == charts.look("en_cours").mark


def test_every_status_has_a_distinct_look():
    statuses = ["realise", "en_cours", "a_venir", "en_retard", "bloque", "en_pause", "a_discuter",
                "abandonne", "sans_bilan", "hors_periode"]
    looks = {(charts.look(s).fill, charts.look(s).pattern) for s in statuses}
    assert len(looks) == len(statuses)  # told apart by colour and pattern together
    patterns = {charts.look(s).pattern for s in statuses}
    assert len(patterns) >= 7  # and by pattern alone for most, in greyscale
    defs = _svg(charts.pattern_defs(statuses))
    assert {p.get("id") for p in defs.iter("pattern")} == {f"clspat-{s}" for s in statuses}
