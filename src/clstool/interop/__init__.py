"""Exchange with other tools: CSV/XLSX/JSON tables, iCalendar, Territoires en Transitions."""
