"""The words a coordinator writes for a code: « Réalisé » (Territoires en Transitions'
label), « fini », « terminé » for ``realise``; used to suggest the code in an error message
(CLS023), never to accept the word silently."""

from __future__ import annotations

import unicodedata

#: Common words that mean a declared status, by their folded form (see :func:`fold`).
SYNONYMES = {
    "fini": "realise", "finie": "realise", "termine": "realise", "terminee": "realise", "acheve": "realise",
    "fait": "realise", "clos": "realise", "cloture": "realise", "ok": "realise",
    "commence": "en_cours", "demarre": "en_cours", "lance": "en_cours", "en_route": "en_cours",
    "pas_commence": "a_venir", "non_commence": "a_venir", "non_demarre": "a_venir", "prevu": "a_venir",
    "a_faire": "a_venir", "suspendu": "en_pause", "en_attente": "en_pause",
    "annule": "abandonne", "arrete": "abandonne", "retard": "en_retard",
}  # fmt: skip


def fold(word: str) -> str:
    """Lower case, no accents, words joined by ``_``: « Réalisé » → ``realise``, « À venir »
    → ``a_venir``, « en-cours » → ``en_cours``."""
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii")
    return "_".join(plain.lower().replace("-", " ").replace("'", " ").split())


def code_for(word: object, allowed: list) -> str | None:
    """The allowed code that ``word`` spells or means, or ``None``."""
    if not isinstance(word, str):
        return None
    folded = fold(word)
    codes = [str(code) for code in allowed]
    if folded in codes:
        return folded
    meant = SYNONYMES.get(folded)
    return meant if meant in codes else None
