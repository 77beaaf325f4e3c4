"""CLS302 periode-hors-contrat: where it reports, and what."""

from __future__ import annotations

from rulecheck import CALENDAR_FICHE, located, messages_of


def test_outside_contract_messages(territory):
    territory.fiche("1-1", CALENDAR_FICHE)
    overflow, outside = messages_of(str(territory.root), code="CLS302")
    assert overflow.startswith("« 2026 à 2029 » (01/01/2026 – 31/12/2029) déborde de la période du contrat")
    assert "(2022–2027, du 01/01/2022 au 31/12/2027)" in overflow
    assert outside.startswith("« 2032 » (01/01/2032 – 31/12/2032) entièrement hors de la période du contrat")


def test_contract_end_as_a_date_is_honoured(territory):
    territory.contrat("territoire: T\nintitule: CLS fictif\nperiode:\n  debut: 2025\n  fin: 2030-06-30\n"
                      "axes:\n  - id: \"1\"\n    titre: Axe\n")
    territory.fiche("1-1", 'id: "1-1"\naxe: "1"\ntitre: F\ncalendrier:\n  - 1er semestre 2030\n'
                    '  - 2ème semestre 2030\n')
    assert located(str(territory.root)) == [("1-1.yaml", 6, 5, "CLS302", "warning", "calendrier[1]")]
