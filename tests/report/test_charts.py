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
    assert all(s.get("fill").startswith("url(#clspat-") for s in segs)
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


def test_standalone_svg_carries_its_namespace_and_patterns():
    rows = [charts.BarRow("Axe 1", {"realise": 1})]
    inline = str(charts.status_bars(rows, ORDER, LABELS))
    alone = str(charts.status_bars(rows, ORDER, LABELS, standalone=True))
    assert "xmlns" not in inline and "<pattern" not in inline
    root = _svg(alone)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert any(p.get("id") == "clspat-realise" for p in root.iter("{http://www.w3.org/2000/svg}pattern"))


def test_every_status_has_a_distinct_look():
    statuses = ["realise", "en_cours", "a_venir", "en_retard", "bloque", "en_pause", "a_discuter",
                "abandonne", "sans_bilan", "hors_periode"]
    looks = {(charts.look(s).fill, charts.look(s).pattern) for s in statuses}
    assert len(looks) == len(statuses)  # told apart by colour and pattern together
    patterns = {charts.look(s).pattern for s in statuses}
    assert len(patterns) >= 7  # and by pattern alone for most, in greyscale
    defs = _svg(charts.pattern_defs(statuses))
    assert {p.get("id") for p in defs.iter("pattern")} == {f"clspat-{s}" for s in statuses}
