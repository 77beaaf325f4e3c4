"""CLS301 periode-non-reconnue: where it reports, and what."""

from __future__ import annotations

from rulecheck import CALENDAR_FICHE, messages_of


def test_unparsed_period_messages(territory):
    territory.fiche("1-1", CALENDAR_FICHE)
    first, second = messages_of(str(territory.root), code="CLS301")
    assert "« 2ème trimestre 2023 : Réalisation du diagnostic » non reconnue" in first
    assert "écrivez « periode: 2ème trimestre 2023 » et mettez la suite dans jalon" in first
    assert "mois sans année : ajoutez l'année ou recurrent: true" in second


def test_a_season_is_never_read_as_the_whole_year(territory):
    territory.fiche(
        "1-1",
        'id: "1-1"\naxe: "1"\ntitre: Action fictive\ncalendrier:\n'
        "  - printemps 2025\n  - periode: Lancement à l'automne 2025\n  - Hiver 2025\n",
    )
    found = messages_of(str(territory.root), code="CLS301")
    assert len(found) == 3
    for message in found:
        assert "une saison n'a pas de dates convenues et clstool ne les devine pas" in message
        assert "« 2e trimestre 2025 »" in message
