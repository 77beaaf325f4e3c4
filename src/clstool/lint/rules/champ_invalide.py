"""CLS230 champ-invalide."""

from __future__ import annotations

import difflib

from clstool.lint.rules import Context, Problem, Rule
from clstool.model.custom_fields import problem
from clstool.model.diagnostic import Severity


class ChampInvalide(Rule):
    """Champ propre au contrat non déclaré, ou dont la valeur ne suit pas sa déclaration.

    Un contrat peut ajouter à ses fiches des rubriques que le formulaire type n'a pas
    (programme du PRS, élu référent, ETP…) : il les déclare sous ``champs`` dans
    ``contrat.yaml`` (clé, libellé, type) et les fiches les renseignent sous ``champs``. Une clé
    que le contrat ne déclare pas est une faute de frappe ou un champ oublié ; une valeur qui ne
    suit pas le type (un texte pour un nombre, une valeur hors de la liste d'un choix, une date
    qui n'est pas AAAA-MM-JJ) fausserait les bilans et les exports. C'est une erreur, comme
    une clé inconnue.

    En faute ::

        champs:
          programme_prs: Prévension
          etp: 1,5 ETP
        # fichier : contrat.yaml
        territoire: Ville de Test
        intitule: Contrat fictif
        periode:
          debut: 2022
          fin: 2027
        axes:
          - id: "1"
            titre: Premier axe
        champs:
          - cle: programme_prs
            libelle: Programme du PRS
            type: choix
            choix: [Prévention, Parcours, Santé mentale]
          - cle: etp
            libelle: Équivalents temps plein
            type: nombre
            unite: ETP

    Correct ::

        champs:
          programme_prs: Prévention
          etp: 1.5
        # fichier : contrat.yaml
        territoire: Ville de Test
        intitule: Contrat fictif
        periode:
          debut: 2022
          fin: 2027
        axes:
          - id: "1"
            titre: Premier axe
        champs:
          - cle: programme_prs
            libelle: Programme du PRS
            type: choix
            choix: [Prévention, Parcours, Santé mentale]
          - cle: etp
            libelle: Équivalents temps plein
            type: nombre
            unite: ETP
    """

    code = "CLS230"
    name = "champ-invalide"
    severity = Severity.ERROR

    def check(self, ctx: Context):
        values = ctx.fiche.champs
        if not values or ctx.contrat is None:
            return
        declared = {f.cle: f for f in ctx.contrat.champs}
        for key, value in values.items():
            field = declared.get(key)
            if field is None:
                close = difflib.get_close_matches(key, list(declared), n=1)
                known = (
                    f" ; vouliez-vous dire « {close[0]} » ?"
                    if close
                    else f" (déclarés : {', '.join(declared)})"
                    if declared
                    else " (il n'en déclare aucun)"
                )
                yield Problem(("champs", key), f"champ « {key} » non déclaré dans contrat.yaml{known}", at_key=True)
                continue
            found = problem(field, value)
            if found is not None:
                index, message = found
                yield Problem(("champs", key) if index is None else ("champs", key, index), message)
