"""Territoires en Transitions (TeT): its plan-import workbook, read and written."""
