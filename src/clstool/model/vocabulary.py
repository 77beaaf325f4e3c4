"""Every code of the model with its French label, its order and its look: the one place.

Reports, exports, tables and calendars all take their French words from here.
"""

from __future__ import annotations

MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
