"""The cross-cutting tables of the report: partners, publics, determinants, transitions."""

from __future__ import annotations

from collections import Counter

from clstool.model.contrat import Contrat
from clstool.model.documents import Fiche
from clstool.model.names import comparison_key as fold
from clstool.model.names import partner_names
from clstool.model.vocabulary import (
    AGES,
    DETERMINANTS,
    PROFESSIONNELS,
    PUBLICS,
    TRANSITIONS,
)
from clstool.planning.status_report import FicheStatus
from clstool.report.views import CoverageRow, PartnerRow, TransitionView

#: Role letter of each place a fiche names an organisation (see ``partner_names``).
ROLES = {"porteurs": "P", "pilotes": "P", "partenaires": "A", "operateurs": "O",
         "partenaires_operationnels": "A", "financements": "F"}


def role(path: tuple) -> str:
    if path[0] == "declinaisons":
        return "F" if path[2] == "financements" else "D"
    return ROLES.get(path[1] if path[0] == "portage" else path[0], "A")


def partners(fiches: list[tuple[Fiche, FicheStatus]], contrat: Contrat) -> dict:
    """Partners × fiches. The organisations a fiche names and the comparison of their spellings
    are those of lint rule CLS215 (:mod:`clstool.lint.rules.partenaire_graphies`): names equal but for
    case, accents, spacing and punctuation are one partner, and ``alias_partenaires`` joins the
    rest under the name the contract keeps (otherwise the most frequent spelling is shown)."""
    canonical = {fold(spelling): name for name, aliases in contrat.alias_partenaires.items()
                 for spelling in (name, *aliases)}
    spellings: dict[str, Counter] = {}
    roles: dict[str, dict[str, str]] = {}
    for fiche, _ in fiches:
        for path, name in partner_names(fiche):
            key = fold(name)
            if not key:
                continue
            group = fold(canonical.get(key, name))
            spellings.setdefault(group, Counter())[" ".join(name.split())] += 1
            mine = roles.setdefault(group, {})
            letter = role(path)
            if letter not in mine.get(fiche.id, ""):
                mine[fiche.id] = mine.get(fiche.id, "") + letter
    rows = []
    for group, counter in spellings.items():
        shown = canonical.get(group) or max(counter, key=lambda s: (counter[s], -list(counter).index(s)))
        rows.append(PartnerRow(shown, roles[group]))
    rows.sort(key=lambda r: (-r.nombre, fold(r.nom)))
    return {"partenaires_partages": [r for r in rows if r.nombre > 1],
            "partenaires_uniques": [r for r in rows if r.nombre == 1]}


def publics(fiches: list[tuple[Fiche, FicheStatus]]) -> dict:
    ages = [CoverageRow("Âge", text, [f.id for f, _ in fiches if f.public_vise and code in f.public_vise.ages])
            for code, text in AGES.items()]
    ages += [CoverageRow("Public", text, [f.id for f, _ in fiches if f.public_vise and code in f.public_vise.publics])
             for code, text in PUBLICS.items()]
    pros = [CoverageRow("Professionnels", text,
                        [f.id for f, _ in fiches if f.public_vise and code in f.public_vise.professionnels])
            for code, text in PROFESSIONNELS.items()]
    autres = [(f.id, text) for f, _ in fiches if f.public_vise
              for text in (f.public_vise.autre, f.public_vise.professionnels_autre) if text]
    unknown = [f.id for f, _ in fiches if not f.public_vise or not (
        f.public_vise.ages or f.public_vise.publics or f.public_vise.professionnels or f.public_vise.autre
        or f.public_vise.professionnels_autre)]
    return {"ages": ages, "professionnels": pros, "publics_autres": autres, "publics_non_renseignes": unknown}


def determinants(fiches: list[tuple[Fiche, FicheStatus]]) -> dict:
    rows = []
    for key, (group, items) in DETERMINANTS.items():
        for code, text in items.items():
            rows.append(CoverageRow(group, text, [f.id for f, _ in fiches
                                                  if f.determinants and code in getattr(f.determinants, key)]))
    others: dict[str, list[str]] = {}
    for f, _ in fiches:
        for text in (f.determinants.autres if f.determinants else []):
            others.setdefault(text, []).append(f.id)
    rows += [CoverageRow("Autres", text, ids) for text, ids in others.items()]
    unknown = [f.id for f, _ in fiches
               if not f.determinants or not any(getattr(f.determinants, k) for k in [*DETERMINANTS, "autres"])]
    return {"determinants": rows, "determinants_non_renseignes": unknown}


def transitions(fiches: list[tuple[Fiche, FicheStatus]], contrat: Contrat) -> dict:
    views = [TransitionView(code, TRANSITIONS.get(code, code.capitalize()), definition,
                            [(f.id, f.transitions[code]) for f, _ in fiches if f.transitions.get(code)])
             for code, definition in contrat.transitions.items()]
    missing = [f.id for f, _ in fiches if contrat.transitions and not f.transitions]
    return {"transitions": views, "transitions_non_renseignees": missing}
