"""CLS218 montant-sans-financeur."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule
from clstool.model.formatting import fr_number


class MontantSansFinanceur(Rule):
    """Montant de financement sans financeur.

    Un montant dont on ne sait pas qui le verse ne peut être ni suivi ni additionné par
    financeur dans le rapport annuel (et une demande de subvention n'est pas un
    financement acquis). La règle regarde les financements de la fiche et ceux de ses
    déclinaisons.

    En faute ::

        financements:
          - montant: 15000
            precision: Fonctionnement

    Correct ::

        financements:
          - financeur: ARS Occitanie
            montant: 15000
            precision: Fonctionnement
    """

    code = "CLS218"
    name = "montant-sans-financeur"

    def check(self, ctx: Context):
        places = [((), ctx.fiche.financements)]
        places += [(("declinaisons", j), d.financements) for j, d in enumerate(ctx.fiche.declinaisons)]
        for prefix, financements in places:
            for i, f in enumerate(financements):
                if f.montant is not None and not f.financeur:
                    yield Problem((*prefix, "financements", i, "montant"),
                                  f"montant de {fr_number(f.montant)} € sans financeur : qui le verse ?", at_key=True)
