"""Spreadsheets, safely: workbooks read within bounds (:mod:`clstool.sheets.read`), cells and
CSV written so that text always stays text (:mod:`clstool.sheets.write`). Used by every
command that reads or writes a spreadsheet: exports, Territoires en Transitions, the campaign."""
