"""CLS304 periode-inversee: where it reports, and what."""

from __future__ import annotations

from rulecheck import HEADER, findings

CALENDRIER = """\
calendrier:
  - 2027 à 2024
  - periode: 4ème trimestre 2024 – 1er trimestre 2024
    jalon: Bilan
  - 2024 à 2027
  - décembre 2024 à janvier 2025
  - periode: décembre à janvier
    recurrent: true
"""


def test_cls304_reversed_ranges_on_the_entry_or_its_periode(tmp_path):
    assert findings(tmp_path, HEADER + CALENDRIER, "CLS304", messages=True) == [
        (5, 5, "calendrier[0]", "« 2027 à 2024 » : la fin précède le début ; écrivez les bornes dans l'ordre "
                                "(et l'année de chacune si la plage change d'année)"),
        (6, 14, "calendrier[1].periode", "« 4ème trimestre 2024 – 1er trimestre 2024 » : la fin précède le "
                                         "début ; écrivez les bornes dans l'ordre (et l'année de chacune si la "
                                         "plage change d'année)"),
    ]


def test_cls304_ranges_over_the_new_year_are_not_reversed(tmp_path):
    # with both years, or a recurring range (every winter): in order
    text = HEADER + "calendrier:\n" + "".join(CALENDRIER.splitlines(keepends=True)[4:])
    assert findings(tmp_path, text, "CLS304") == []
