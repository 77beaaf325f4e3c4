"""CLS301 periode-non-reconnue: where it reports, and what."""

from __future__ import annotations

from rulecheck import CALENDAR_FICHE, messages_of


def test_unparsed_period_messages(territory):
    territory.fiche("1-1", CALENDAR_FICHE)
    first, second = messages_of(str(territory.root), code="CLS301")
    assert "« 2ème trimestre 2023 : Réalisation du diagnostic » non reconnue" in first
    assert "écrivez « periode: 2ème trimestre 2023 » et mettez la suite dans jalon" in first
    assert "mois sans année : ajoutez l'année ou recurrent: true" in second
