"""CLS303 fiche-sans-calendrier: where it reports, and what."""

from __future__ import annotations

from rulecheck import located, messages_of


def test_fiche_without_any_calendar(territory):
    territory.fiche("1-1", 'id: "1-1"\naxe: "1"\ntitre: F\ntypologie:\n  - nouvelle\netapes:\n'
                    '  - "2024 : période de rodage"\npublic_vise:\n  autre: Tous\n')
    territory.fiche("1-2", 'id: "1-2"\naxe: "1"\ntitre: F\ntypologie:\n  - nouvelle\ncalendrier: []\n')
    # dated by its déclinaisons (the one without a calendar is CLS214's)
    territory.fiche("1-3", 'id: "1-3"\naxe: "1"\ntitre: F\ndeclinaisons:\n  - titre: D\n')
    territory.fiche("1-4", 'id: "1-4"\naxe: "1"\ntitre: Seulement un titre\n')  # skipped
    assert located(str(territory.root)) == [
        ("1-1.yaml", 8, 1, "CLS303", "warning", "calendrier"),  # where it belongs: before public_vise
        ("1-2.yaml", 6, 1, "CLS303", "warning", "calendrier"),  # on the empty list
    ]
    first, _ = messages_of(str(territory.root), code="CLS303")
    assert "les étapes ne sont pas lues comme un calendrier" in first
