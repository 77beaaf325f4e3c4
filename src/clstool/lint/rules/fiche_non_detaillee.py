"""CLS221 fiche-non-detaillee."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule, all_rules, is_title_only
from clstool.model.diagnostic import Severity


class FicheNonDetaillee(Rule):
    """Fiche réduite à son titre : les règles de complétude ne s'y appliquent pas.

    Certaines fiches ne donnent que leur identifiant, leur axe et leur titre : le contrat
    de Clermont-Ferrand ne publie que les titres de ses 33 actions. Plutôt que huit
    avertissements par fiche (pas de porteur, pas d'indicateur…), les règles de complétude
    les laissent de côté ; cette règle, **sur demande** et de sévérité info, les liste.
    Une fiche en cours de rédaction (``clstool new``, des listes vides) n'est pas concernée :
    les règles de complétude disent ce qui lui manque.

    En faute ::

        id: "1-1"
        axe: "1"
        titre: Renforcer la mobilisation contre le moustique tigre

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Renforcer la mobilisation contre le moustique tigre
        typologie: []
    """

    code = "CLS221"
    name = "fiche-non-detaillee"
    severity = Severity.INFO
    default = False

    def check(self, ctx: Context):
        if is_title_only(ctx.fiche):
            skipped = ", ".join(r.code for r in all_rules().values() if r.detail_only)
            yield Problem(("titre",), f"fiche réduite à son titre : règles de complétude non appliquées "
                          f"({skipped})", at_key=True)
