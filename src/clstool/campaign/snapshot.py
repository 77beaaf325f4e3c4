"""What a workbook remembers of each fiche, to notice what changed since it was prepared.

- the plan's shape: the déclinaisons (key and title) and the indicators (id) the workbook asks
  about; an added or removed one means the answers no longer match the fiche;
- a fingerprint of the fiche's follow-up for the campaign's year: if the YAML still has it, the
  carrier answered on top of what is there; if it changed meanwhile, the two would be merged
  blindly, so the import refuses (unless ``--remplacer``).
"""

from __future__ import annotations

import hashlib
import json

from clstool.model.documents import Fiche, SuiviAnnee
from clstool.planning.plan import declinaison_ref


def declinaison_keys(fiche: Fiche) -> list[tuple[str, str]]:
    """(key used in ``suivi.Y.declinaisons``, title) of each déclinaison, in order."""
    return [(declinaison_ref(i, d), d.titre) for i, d in enumerate(fiche.declinaisons)]


def plan_signature(fiche: Fiche) -> dict:
    return {"declinaisons": [list(pair) for pair in declinaison_keys(fiche)],
            "indicateurs": [i.id for i in fiche.indicateurs]}


def suivi_data(suivi: SuiviAnnee | None) -> dict:
    """A follow-up as plain JSON-like data (keys as text), for comparing two of them."""
    if suivi is None:
        return {}
    return suivi.model_dump(mode="json", exclude_defaults=True, warnings=False)


def fingerprint(suivi: SuiviAnnee | None) -> str:
    data = suivi_data(suivi)
    if not data:
        return ""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def plan_changes(prepared: dict, fiche: Fiche) -> list[str]:
    """What changed in the plan since the workbook was prepared, in French (empty: nothing)."""
    now = plan_signature(fiche)
    out = []
    before_d = {k: t for k, t in prepared.get("declinaisons", [])}
    now_d = dict(now["declinaisons"])
    for key in now_d.keys() - before_d.keys():
        out.append(f"déclinaison {key} ajoutée (« {now_d[key]} »)")
    for key in before_d.keys() - now_d.keys():
        out.append(f"déclinaison {key} retirée (« {before_d[key]} »)")
    for key in before_d.keys() & now_d.keys():
        if before_d[key] != now_d[key]:
            out.append(f"déclinaison {key} renommée (« {before_d[key]} » → « {now_d[key]} »)")
    before_i, now_i = set(prepared.get("indicateurs", [])), set(now["indicateurs"])
    out += [f"indicateur {i} ajouté" for i in sorted(now_i - before_i)]
    out += [f"indicateur {i} retiré" for i in sorted(before_i - now_i)]
    return sorted(out)
