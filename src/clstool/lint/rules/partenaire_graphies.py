"""CLS215 partenaire-graphies."""

from __future__ import annotations

from collections import Counter

from clstool.lint.rules import Context, Problem, Rule
from clstool.model.documents import Fiche
from clstool.model.names import comparison_key as fold
from clstool.model.names import partner_names
from clstool.yamlio.load import SourceFile


def _fiche_list(sources: list[SourceFile]) -> str:
    ids = []
    for s in sources:
        ident = s.model.id if isinstance(s.model, Fiche) else s.display
        if ident not in ids:
            ids.append(ident)
    return ", ".join(ids)


class PartenaireGraphies(Rule):
    """Un même partenaire écrit de plusieurs façons dans le contrat.

    Le tableau partenaires × fiches du rapport annuel compte les partenaires par leur nom :
    « CPAM 34 » et « CPAM34 », « Collectif M Sans Sida » et « Collectif M sans sida » y
    feraient deux lignes. La règle compare les noms de toutes les fiches du territoire
    (porteurs, pilotes, partenaires, opérateurs, partenaires des déclinaisons, financeurs)
    sans tenir compte de la casse, des accents, des espaces ni de la ponctuation, et signale
    chaque graphie minoritaire en nommant la plus fréquente.

    Des noms qu'aucune comparaison ne peut rapprocher (« CPAM34 » et « CPAM de l'Hérault »)
    se déclarent dans ``contrat.yaml`` : ``alias_partenaires`` associe le nom retenu à ses
    autres graphies, que la règle signale alors en proposant le nom retenu.

    En faute ::

        portage:
          porteurs:
            - CPAM 34
        # fichier : fiches/1-2.yaml
        id: "1-2"
        axe: "1"
        titre: Une autre action
        portage:
          porteurs:
            - CPAM34
          partenaires:
            - cpam 34

    Correct ::

        portage:
          porteurs:
            - CPAM de l’Hérault
        # fichier : fiches/1-2.yaml
        id: "1-2"
        axe: "1"
        titre: Une autre action
        portage:
          porteurs:
            - CPAM de l’Hérault

    Avec des alias, en faute ::

        portage:
          porteurs:
            - CPAM34
        # fichier : contrat.yaml
        territoire: Ville de Test
        intitule: Contrat fictif
        periode:
          debut: 2022
          fin: 2027
        axes:
          - id: "1"
            titre: Premier axe
        alias_partenaires:
          CPAM de l’Hérault:
            - CPAM34
            - CPAM 34
    """

    code = "CLS215"
    name = "partenaire-graphies"
    scope = "territoire"

    def check(self, ctx: Context):
        canonical: dict[str, str] = {}
        if ctx.contrat is not None:
            for name, aliases in ctx.contrat.alias_partenaires.items():
                for spelling in (name, *aliases):
                    canonical[fold(spelling)] = name
        groups: dict[str, list[tuple[SourceFile, tuple, str]]] = {}
        for source, fiche in ctx.fiches:
            for path, name in partner_names(fiche):
                key = fold(name)
                if not key:
                    continue
                alias_of = canonical.get(key)
                group = key if alias_of is None else fold(alias_of)
                groups.setdefault(group, []).append((source, path, name))
        for key, occurrences in groups.items():
            alias_name = canonical.get(key)
            distinct = {name for _, _, name in occurrences}  # most groups: one spelling, no alias
            if len(distinct) < 2 and (alias_name is None or alias_name in distinct):
                continue
            spellings = Counter(name for _, _, name in occurrences)
            # The name to keep: the declared one, else the most frequent (the first on a tie).
            keep = alias_name or max(spellings, key=lambda s: (spellings[s], -list(spellings).index(s)))
            where = [s for s, _, name in occurrences if name == keep]
            for source, path, name in occurrences:
                if name == keep:
                    continue
                if alias_name is not None:
                    message = (f"partenaire « {name} » : nom retenu « {keep} » (alias_partenaires de "
                               "contrat.yaml)")
                else:
                    plural = "s" if len({s.display for s in where}) > 1 else ""
                    message = (f"partenaire « {name} » écrit aussi « {keep} » ({len(where)} fois, "
                               f"fiche{plural} {_fiche_list(where)}) : harmonisez la graphie")
                yield Problem(path, message, file=source)
