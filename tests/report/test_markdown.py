"""Markdown escaping: a value from YAML never becomes markup, never breaks a table."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from clstool.report.markdown import Raw, escape, table_columns


def _html(md: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(md)


@pytest.mark.parametrize("value", [
    "a | b", "ligne 1\nligne 2", "<script>alert(1)</script>", "**gras** et _italique_",
    "# pas un titre", "- pas une liste", "1. pas une liste", "[lien](http://exemple.org)", "a \\| b",
    "fin en barre oblique \\", "`code`", "&lt;déjà échappé&gt;",
])
def test_a_value_in_a_table_cell_stays_one_cell_and_shows_as_written(value):
    row = f"| {escape(value)} | fin |"
    assert table_columns(row) == 2
    html = _html(f"| a | b |\n|---|---|\n{row}\n")
    assert html.count("<td>") == 2, html
    assert "<script>" not in html and "<a " not in html and "<strong>" not in html and "<em>" not in html


def test_escaped_text_reads_back_as_the_original_text():
    html = _html(escape("<script>alert(1)</script> & **x** | y"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; **x** | y" in html


def test_newlines_become_line_breaks_inside_one_line():
    assert escape("un\ndeux\r\ntrois") == "un<br>deux<br>trois"


def test_raw_passes_through():
    assert escape(Raw("**voulu**")) == "**voulu**"
    assert escape(None) == ""


def test_table_columns_counts_cells_and_ignores_escaped_pipes():
    assert table_columns("| a | b | c |") == 3
    assert table_columns("| a \\| b | c |") == 2
    assert table_columns("| a \\\\| b |") == 2  # an escaped backslash, then a real pipe
    assert table_columns("pas un tableau") is None
