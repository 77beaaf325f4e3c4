"""CLS101–CLS112: the files of a territory must agree (contract ↔ fiches, follow-up ↔ fiche)."""

from __future__ import annotations

from clstool.lint.codes import BuiltinCode


class IdEnDouble(BuiltinCode):
    """Deux fiches portent le même identifiant.

    L'identifiant d'une fiche la désigne partout : dans le rapport, les exports, le suivi et
    les échanges avec les porteurs. Deux fiches au même identifiant se confondraient ; c'est
    souvent une copie de fiche gardée sous un autre nom (``1-1.yml`` à côté de ``1-1.yaml``).
    Le code est signalé sur la seconde, qui nomme la première.

    En faute ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        # fichier : fiches/1-1.yml
        # signalé : ligne 1, colonne 5
        id: "1-1"
        axe: "1"
        titre: Une action fictive (copie)

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        # fichier : fiches/1-2.yaml
        id: "1-2"
        axe: "1"
        titre: Une autre action
    """

    code = "CLS101"


class IdNomDeFichier(BuiltinCode):
    """L'identifiant de la fiche ne correspond pas au nom du fichier.

    On cherche une fiche par son nom de fichier, on la cite par son identifiant : les deux
    doivent être les mêmes, sinon la fiche « 1-3 » n'est pas dans ``1-3.yaml``. C'est souvent
    une fiche copiée dont on a changé le nom mais pas l'identifiant (ou l'inverse).

    En faute ::

        # fichier : fiches/1-2.yaml
        # signalé : ligne 1, colonne 5
        id: "1-3"
        axe: "1"
        titre: Une action fictive

    Correct ::

        # fichier : fiches/1-2.yaml
        id: "1-2"
        axe: "1"
        titre: Une action fictive
    """

    code = "CLS102"


class AxeInconnu(BuiltinCode):
    """La fiche cite un axe absent de contrat.yaml.

    Le rapport range les fiches sous les axes du contrat : une fiche dont l'axe n'est pas
    déclaré dans ``contrat.yaml`` ne serait rangée nulle part. Le message donne les axes
    déclarés (ici 1 et 2, ceux du contrat par défaut des exemples).

    En faute ::

        # signalé : ligne 2, colonne 6
        id: "1-1"
        axe: "3"
        titre: Une action fictive

    Correct ::

        id: "1-1"
        axe: "2"
        titre: Une action fictive
    """

    code = "CLS103"


class ContratAbsent(BuiltinCode):
    """Aucun contrat.yaml pour ces fiches.

    Les axes, la période et les transitions du contrat sont dans ``contrat.yaml``, à côté du
    dossier ``fiches/`` : sans lui, rien ne dit si l'axe d'une fiche existe ou si une année
    de suivi est dans le contrat. Le code est signalé une fois, sur la première fiche.

    En faute ::

        # sans contrat.yaml
        # signalé : ligne 1, colonne 1
        id: "1-1"
        axe: "1"
        titre: Une action fictive

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        # fichier : contrat.yaml
        territoire: Ville de Test
        intitule: Contrat fictif
        periode:
          debut: 2022
          fin: 2027
        axes:
          - id: "1"
            titre: Premier axe
    """

    code = "CLS104"


class TransitionInconnue(BuiltinCode):
    """La fiche cite une transition que le contrat ne nomme pas.

    Les transitions (lentilles) sont celles que le contrat déclare dans ``transitions`` ; le
    rapport présente chaque fiche sous ces lentilles. Une transition que le contrat ne nomme
    pas — une variante d'orthographe, le plus souvent — serait perdue.

    En faute ::

        # signalé : ligne 5, colonne 3
        id: "1-1"
        axe: "1"
        titre: Une action fictive
        transitions:
          solidaire: Accompagner les publics précaires
        # fichier : contrat.yaml
        territoire: Ville de Test
        intitule: Contrat fictif
        periode:
          debut: 2022
          fin: 2027
        axes:
          - id: "1"
            titre: Premier axe
        transitions:
          sociale: Réduire les inégalités

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        transitions:
          sociale: Accompagner les publics précaires
        # fichier : contrat.yaml
        territoire: Ville de Test
        intitule: Contrat fictif
        periode:
          debut: 2022
          fin: 2027
        axes:
          - id: "1"
            titre: Premier axe
        transitions:
          sociale: Réduire les inégalités
    """

    code = "CLS105"


class AxeEnDouble(BuiltinCode):
    """Deux axes du contrat portent le même identifiant.

    Les fiches citent leur axe par son identifiant : deux axes « 2 » rendraient ambiguës
    toutes les fiches de l'axe 2. Le code est signalé sur le second axe.

    En faute ::

        # fichier : contrat.yaml
        # signalé : ligne 9, colonne 9
        territoire: Ville de Test
        intitule: Contrat fictif
        periode:
          debut: 2022
          fin: 2027
        axes:
          - id: "1"
            titre: Premier axe
          - id: "1"
            titre: Second axe

    Correct ::

        # fichier : contrat.yaml
        territoire: Ville de Test
        intitule: Contrat fictif
        periode:
          debut: 2022
          fin: 2027
        axes:
          - id: "1"
            titre: Premier axe
          - id: "2"
            titre: Second axe
    """

    code = "CLS106"


class IndicateurEnDouble(BuiltinCode):
    """Deux indicateurs de la fiche portent le même identifiant.

    Le suivi donne la valeur d'un indicateur par son identifiant (``suivi.2024.indicateurs.P1``) :
    deux indicateurs « P1 » ne sauraient pas lequel a été mesuré.

    En faute ::

        # signalé : ligne 8, colonne 9
        id: "1-1"
        axe: "1"
        titre: Une action fictive
        indicateurs:
          - id: P1
            type: processus
            libelle: Nombre de réunions
          - id: P1
            type: resultat
            libelle: Nombre de personnes sensibilisées

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        indicateurs:
          - id: P1
            type: processus
            libelle: Nombre de réunions
          - id: R1
            type: resultat
            libelle: Nombre de personnes sensibilisées
    """

    code = "CLS107"


class SuiviAnneeHorsContrat(BuiltinCode):
    """Suivi pour une année hors de la période du contrat.

    Le suivi d'une fiche se fait année par année, pendant le contrat. Une année hors de la
    période (ici 2022–2027) est une faute de frappe ou le suivi d'un autre contrat ; le
    rapport annuel ne la montrerait jamais.

    En faute ::

        # signalé : ligne 5, colonne 3
        id: "1-1"
        axe: "1"
        titre: Une action fictive
        suivi:
          2032:
            statut: en_cours

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        suivi:
          2023:
            statut: en_cours
    """

    code = "CLS108"


class SuiviIndicateurInconnu(BuiltinCode):
    """Valeur de suivi pour un indicateur que la fiche n'a pas.

    Une valeur de suivi se rapporte à un indicateur de la fiche, par son identifiant. Une
    valeur pour un indicateur que la fiche ne déclare pas ne serait comparée à aucune cible :
    identifiant mal recopié, ou indicateur supprimé de la fiche.

    En faute ::

        # signalé : ligne 11, colonne 7
        id: "1-1"
        axe: "1"
        titre: Une action fictive
        indicateurs:
          - id: P1
            type: processus
            libelle: Nombre de réunions
        suivi:
          2024:
            indicateurs:
              P2: 4

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        indicateurs:
          - id: P1
            type: processus
            libelle: Nombre de réunions
        suivi:
          2024:
            indicateurs:
              P1: 4
    """

    code = "CLS109"


class SuiviDeclinaisonInconnue(BuiltinCode):
    """Suivi d'une déclinaison que la fiche n'a pas.

    Le suivi d'une déclinaison la désigne par sa position (« 1 » pour la première) ou par son
    ``id``. Une déclinaison que la fiche n'a pas ne serait rattachée à rien.

    En faute ::

        # signalé : ligne 9, colonne 7
        id: "1-1"
        axe: "1"
        titre: Une action fictive
        declinaisons:
          - titre: État des lieux
        suivi:
          2024:
            declinaisons:
              "2":
                statut: realise

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        declinaisons:
          - titre: État des lieux
        suivi:
          2024:
            declinaisons:
              "1":
                statut: realise
    """

    code = "CLS110"


class InstanceEnDouble(BuiltinCode):
    """Deux instances de gouvernance portent le même identifiant.

    Les réunions et le rythme de chaque instance (comité de pilotage, comité technique…) sont
    suivis par son identifiant : deux instances « copil » mélangeraient leurs réunions.

    En faute ::

        # fichier : contrat.yaml
        # signalé : ligne 12, colonne 9
        territoire: Ville de Test
        intitule: Contrat fictif
        periode:
          debut: 2022
          fin: 2027
        axes:
          - id: "1"
            titre: Premier axe
        gouvernance:
          - id: copil
            nom: Comité de pilotage
          - id: copil
            nom: Comité technique

    Correct ::

        # fichier : contrat.yaml
        territoire: Ville de Test
        intitule: Contrat fictif
        periode:
          debut: 2022
          fin: 2027
        axes:
          - id: "1"
            titre: Premier axe
        gouvernance:
          - id: copil
            nom: Comité de pilotage
          - id: cotech
            nom: Comité technique
    """

    code = "CLS111"


class ReferentielCodeInconnu(BuiltinCode):
    """La fiche cite un code absent du référentiel régional.

    Une ARS qui suit plusieurs contrats décrit son cadre (les objectifs du Projet régional de
    santé, des thèmes) une fois, dans ``referentiel.yaml``, dans le dossier au-dessus des
    territoires ou dans celui du territoire. Les fiches citent ses objectifs par code, sous la
    clé ``referentiel`` ; le rapport d'ensemble compte les fiches par objectif et les exports
    donnent code et libellé. Un code absent du référentiel (faute de frappe, ancien code) ne
    serait compté nulle part : le message donne les codes connus et le plus proche. Une fiche
    qui cite un code alors qu'aucun ``referentiel.yaml`` n'est trouvé reçoit le même code.

    En faute ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        referentiel:
        # signalé : ligne 5, colonne 5
          - PRS-9
        # fichier : referentiel.yaml
        intitule: Référentiel fictif
        objectifs:
          - code: PRS-1
            libelle: Un objectif fictif

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        referentiel:
          - PRS-1
        # fichier : referentiel.yaml
        intitule: Référentiel fictif
        objectifs:
          - code: PRS-1
            libelle: Un objectif fictif
    """

    code = "CLS112"
