"""The follow-up (`suivi`) is validated like the rest: each mistake at its line and column.

Every follow-up here is FICTITIOUS test data.
"""

from __future__ import annotations

import pytest

from clstool.lint.run import validate

FICHE = """\
id: "1-1"
axe: "1"
titre: Action fictive
declinaisons:
  - titre: Déclinaison fictive
    calendrier: ["2024"]
indicateurs:
  - id: P1
    type: processus
    libelle: Nombre de réunions
suivi:
  2024:
    statut: en_cours
    avancement: 40
    declinaisons:
      "1":
        statut: realise
        calendrier_ajuste: [1er trimestre 2025]
    indicateurs:
      P1: 3
"""


def diagnostics(territory, text):
    territory.fiche("1-1", text)
    return [(d.code, d.line, d.column) for d in validate([str(territory.root)]).diagnostics
            if d.severity.value == "error"]


def test_complete_followup_is_valid(territory):
    assert diagnostics(territory, FICHE) == []


@pytest.mark.parametrize("old, new, expected", [
    ("      P1: 3", "      P9: 3", ("CLS109", 20, 7)),  # unknown indicator, at its key
    ("  2024:", "  2031:", ("CLS108", 12, 3)),  # year outside 2022–2027, at its key
    ("    avancement: 40", "    avancement: 140", ("CLS024", 14, 17)),  # progress above 100
    ('      "1":', '      "3":', ("CLS110", 16, 7)),  # unknown déclinaison
    ("        statut: realise", "        statut: fini", ("CLS023", 17, 17)),  # not one of the 8 statuses
    ("        statut: realise", "        avancement: -5", ("CLS024", 17, 21)),  # déclinaison progress
    ("      P1: 3", "      P1: beaucoup", ("CLS022", 20, 11)),  # a value must be a number
])
def test_mistakes_at_their_position(territory, old, new, expected):
    assert old in FICHE
    assert expected in diagnostics(territory, FICHE.replace(old, new))
