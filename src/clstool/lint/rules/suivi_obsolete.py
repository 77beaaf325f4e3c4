"""CLS219 suivi-obsolete."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule
from clstool.lint.rules._common import closed_in


class SuiviObsolete(Rule):
    """Action figée : pas de suivi pour la dernière année écoulée du contrat.

    Le bilan annuel se prépare à partir du suivi (``suivi: {2024: …}``). Une action en
    cours dont le dernier suivi est antérieur à l'année écoulée, ou qui n'en a aucun alors
    que le contrat a commencé, n'a pas été mise à jour : le rapport la montrera « sans
    bilan ». L'année écoulée est celle qui précède la date de référence (``validate
    --as-of``, par défaut aujourd'hui) ; une action déclarée ``realise`` ou ``abandonne``
    n'est plus attendue.

    Règle **sur demande** (``--select CLS219`` ou ``extend-select``) : les fiches de
    ``data/`` sont transcrites des contrats signés, qui n'ont pas de suivi ; elle
    signalerait chacune.

    En faute ::

        # aujourd'hui : 2025-03-01
        portage:
          porteurs:
            - Ville de Montpellier
        suivi:
          2023:
            statut: en_cours

    Correct ::

        # aujourd'hui : 2025-03-01
        portage:
          porteurs:
            - Ville de Montpellier
        suivi:
          2023:
            statut: en_cours
          2024:
            statut: en_cours
    """

    code = "CLS219"
    uses_today = True
    name = "suivi-obsolete"
    default = False
    detail_only = True

    def check(self, ctx: Context):
        years = ctx.contract_years
        if years is None:
            return
        target = min(ctx.today.year - 1, years[-1])
        fiche = ctx.fiche
        closed = closed_in(fiche)
        if target < years[0] or (closed is not None and closed <= target):
            return
        done = [y for y in fiche.suivi if y >= target]
        if done:
            return
        if fiche.suivi:
            last = max(fiche.suivi)
            yield Problem(("suivi", last), f"pas de suivi {target} : le dernier suivi de l'action date de "
                          f"{last}", at_key=True)
        else:
            yield ctx.missing(("suivi",), f"aucun suivi : le contrat a commencé en {years[0]} et l'action "
                              f"n'a pas de bilan (attendu au moins pour {target})")
