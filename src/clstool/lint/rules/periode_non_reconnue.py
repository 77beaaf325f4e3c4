"""CLS301 periode-non-reconnue."""

from __future__ import annotations

import re

from clstool.lint.rules import Context, Problem, Rule
from clstool.lint.rules._calendrier import entries, label_hint, needs_contract


class PeriodeNonReconnue(Rule):
    """Période de calendrier que clstool ne sait pas lire.

    Une période illisible reste telle quelle dans le calendrier, le bilan et les exports, mais
    sans dates : ni ``clstool calendar`` ni ``clstool status`` ne peuvent dire si l'action est à
    venir, en cours ou en retard. clstool ne devine jamais. Les formes reconnues sont celles du
    tableau « Périodes reconnues » de docs/calendrier.md : « 2024 », « 2024 à 2027 », « 1er trimestre 2023 »,
    « 3ème et 4ème trimestre 2024 », « second semestre 2024 », « février 2024 »,
    « de janvier à mars 2024 », « rentrée 2024 », « année scolaire 2024-2025 », « fin 2025 »,
    « Sur toute la durée du CLS », « 2024-03-15 »… Un mois sans année (« Février ») demande
    ``recurrent: true``. Ce qui suit la période (« : Réalisation du diagnostic ») va dans
    ``jalon``.

    Les périodes à l'envers (CLS304) et celles qui ont besoin des dates du contrat quand il n'en
    a pas (CLS305) sont signalées par leur propre règle.

    En faute ::

        declinaisons:
          - titre: Réaliser un diagnostic local
            calendrier:
              - periode: "2ème trimestre 2023 : Réalisation du diagnostic"
              - Février

    Correct ::

        declinaisons:
          - titre: Réaliser un diagnostic local
            calendrier:
              - periode: 2ème trimestre 2023
                jalon: Réalisation du diagnostic
              - periode: Février
                recurrent: true
    """

    code = "CLS301"
    name = "periode-non-reconnue"

    def check(self, ctx: Context):
        for entry in entries(ctx):
            if entry.parsed.parsed or entry.reversed or needs_contract(ctx, entry):
                continue
            message = entry.parsed.error or f"période « {entry.periode} » non reconnue"
            head = label_hint(ctx, entry)
            if head is not None:
                message += f" : écrivez « periode: {head} » et mettez la suite dans jalon"
            else:
                message += forms_hint(entry.periode)
            yield Problem(entry.path, message)


#: Abbreviations of the units (« 3e trim. 2025 », « 2nd sem 2024 »).
_SHORT_UNITS = re.compile(r"\b(trim|trimest|sem|semest)\b\.?", re.IGNORECASE)
_ORDINAL_QUARTER = re.compile(r"^\s*([1-4])\s*(?:er|ère|re|e|ème|eme|nd|nde)?\s+trimestre\s+([0-9]{4})\s*$", re.IGNORECASE)
#: The accepted forms shown when nothing closer can be said.
FORMS = "« 2025 », « 3e trimestre 2025 », « T3 2025 », « second semestre 2025 », « septembre 2025 », « de janvier à mars 2025 »"


def forms_hint(text: str) -> str:
    """What to write instead: the abbreviation spelt out when that is readable (« 3e trim. 2025 »
    → « 3e trimestre 2025 » ou « T3 2025 »), the accepted forms otherwise."""
    from clstool.planning.periods import parse_period

    full = _SHORT_UNITS.sub(lambda m: "trimestre" if m.group(1).lower().startswith("trim") else "semestre", text)
    full = " ".join(full.split())
    if full != text and parse_period(full).parsed:
        quarter = _ORDINAL_QUARTER.match(full)
        other = f" ou « T{quarter.group(1)} {quarter.group(2)} »" if quarter else ""
        return f" ; écrivez « {full} »{other}"
    return f" ; formes reconnues : {FORMS} (docs/calendrier.md)"
