"""CLS220 annee-planifiee-sans-suivi."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule
from clstool.lint.rules._calendrier import entries
from clstool.lint.rules._common import closed_in


class AnneePlanifieeSansSuivi(Rule):
    """Année écoulée prévue au calendrier, sans suivi pour cette année.

    Si le calendrier de la fiche (ou d'une de ses déclinaisons, ou un calendrier ajusté)
    prévoit quelque chose pendant une année écoulée, le suivi de cette année doit dire ce qui
    s'est passé. La règle signale, pour chaque année passée du contrat (avant l'année de la
    date de référence, ``validate --as-of``), la première entrée de calendrier qui la
    concerne. Les périodes illisibles sont laissées aux règles de calendrier ; une action
    réalisée ou abandonnée n'attend plus de suivi après cette année-là.

    Règle **sur demande** (``--select CLS220`` ou ``extend-select``) : ``data/`` n'a pas de
    suivi, puisque les contrats signés n'en ont pas.

    En faute ::

        # aujourd'hui : 2025-03-01
        declinaisons:
          - titre: État des lieux
            calendrier:
              - 2ème trimestre 2023
              - 2024
        suivi:
          2023:
            statut: en_cours

    Correct ::

        # aujourd'hui : 2025-03-01
        declinaisons:
          - titre: État des lieux
            calendrier:
              - 2ème trimestre 2023
              - 2024
        suivi:
          2023:
            statut: en_cours
          2024:
            statut: realise
    """

    code = "CLS220"
    uses_today = True
    name = "annee-planifiee-sans-suivi"
    default = False

    def check(self, ctx: Context):
        span = ctx.contract_span
        if span is None:
            return
        fiche = ctx.fiche
        closed = closed_in(fiche)
        past = range(span[0].year, min(ctx.today.year - 1, span[1].year) + 1)
        reported: set[int] = set()
        for entry in entries(ctx):
            for interval in entry.parsed.intervals:
                for year in range(interval.debut.year, interval.fin.year + 1):
                    if (year in past and year not in fiche.suivi and year not in reported
                            and (closed is None or year <= closed)):
                        reported.add(year)
                        yield Problem(entry.path, f"le calendrier prévoit « {entry.periode} » en {year}, "
                                      f"mais la fiche n'a pas de suivi {year}")
