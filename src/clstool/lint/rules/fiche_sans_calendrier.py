"""CLS303 fiche-sans-calendrier."""

from __future__ import annotations

from clstool.lint.rules import Context, Rule
from clstool.lint.rules._common import empty_here


class FicheSansCalendrier(Rule):
    """Fiche sans aucun calendrier : rien n'y est daté.

    Une fiche sans ``calendrier`` et sans déclinaison n'a aucune date : ``clstool calendar``
    ne la montre jamais et ``clstool status`` la considère prévue sur toute la durée du
    contrat. Les fiches écrites en étapes datées (« 2024 : période de rodage ») reportent ces
    dates dans ``calendrier``, avec l'étape en ``jalon``. Une fiche qui a des déclinaisons
    est datée par elles : une déclinaison sans calendrier est signalée par CLS214. Les fiches
    réduites à leur titre (la source ne publie que lui) ne sont pas signalées.

    En faute ::

        etapes:
          - "2024 : période de rodage"
          - "1er trimestre 2025 : inauguration"

    Correct ::

        etapes:
          - "2024 : période de rodage"
          - "1er trimestre 2025 : inauguration"
        calendrier:
          - periode: "2024"
            jalon: période de rodage
          - periode: 1er trimestre 2025
            jalon: inauguration
    """

    code = "CLS303"
    name = "fiche-sans-calendrier"
    rubrique = "calendrier"
    detail_only = True

    def check(self, ctx: Context):
        fiche = ctx.fiche
        if fiche.calendrier or fiche.declinaisons:
            return
        message = "aucun calendrier : la fiche n'a ni calendrier ni déclinaison datée"
        if fiche.etapes:
            message += " (les étapes ne sont pas lues comme un calendrier : reportez leurs dates dans calendrier)"
        yield empty_here(ctx, ("calendrier",), message)
