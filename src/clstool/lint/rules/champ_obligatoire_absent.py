"""CLS231 champ-obligatoire-absent."""

from __future__ import annotations

from clstool.lint.rules import Context, Rule


class ChampObligatoireAbsent(Rule):
    """Champ propre au contrat, déclaré obligatoire, absent d'une fiche.

    Un champ déclaré ``obligatoire: true`` dans ``contrat.yaml`` est une rubrique que chaque
    fiche doit renseigner (le programme du PRS auquel l'action se rattache, par exemple) :
    sans lui, la fiche manque aux tableaux et aux exports qui s'en servent. Les fiches réduites
    à leur titre ne sont pas signalées.

    En faute ::

        portage:
          porteurs:
            - Ville de Test
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
          - cle: elu_referent
            libelle: Élu référent
            obligatoire: true

    Correct ::

        portage:
          porteurs:
            - Ville de Test
        champs:
          elu_referent: Adjointe à la santé
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
          - cle: elu_referent
            libelle: Élu référent
            obligatoire: true
    """

    code = "CLS231"
    name = "champ-obligatoire-absent"
    detail_only = True

    def check(self, ctx: Context):
        if ctx.contrat is None:
            return
        for field in ctx.contrat.champs:
            if field.obligatoire and ctx.fiche.champs.get(field.cle) in (None, "", []):
                yield ctx.missing(
                    ("champs", field.cle),
                    f"champ « {field.libelle} » ({field.cle}) non renseigné : contrat.yaml le déclare obligatoire",
                )
