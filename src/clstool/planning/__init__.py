"""Time: French calendar periods, the dated plan of a fiche, statuses, the calendar of a year."""
