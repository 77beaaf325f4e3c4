"""CLS020–CLS024: the schema of a fiche or of a contract (keys, required fields, types, values)."""

from __future__ import annotations

from clstool.lint.codes import BuiltinCode


class CleInconnue(BuiltinCode):
    """Clé inconnue (faute de frappe ?).

    Une clé que le schéma ne connaît pas n'est lue par aucune commande : ce qu'elle contient
    manquerait au rapport, aux exports et au tableau de suivi sans que personne le voie. Le
    plus souvent c'est une faute de frappe ; le message propose la clé la plus proche.
    ``clstool schema`` donne la liste des clés.

    En faute ::

        # signalé : ligne 5, colonne 3
        id: "1-1"
        axe: "1"
        titre: Une action fictive
        objectifs:
          specifique:
            - Améliorer l’accès aux soins

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        objectifs:
          specifiques:
            - Améliorer l’accès aux soins
    """

    code = "CLS020"


class ChampObligatoire(BuiltinCode):
    """Un champ obligatoire est absent.

    Quelques champs sont indispensables : une fiche sans ``titre`` ne peut pas figurer dans
    le rapport, un contrat sans ``periode`` ne dit pas quelles années suivre. Le code est
    placé sur le dictionnaire qui devrait contenir le champ (ici le début de la fiche).

    En faute ::

        # signalé : ligne 1, colonne 1
        id: "1-1"
        axe: "1"
        typologie:
          - nouvelle

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        typologie:
          - nouvelle
    """

    code = "CLS021"


class TypeIncorrect(BuiltinCode):
    """La valeur n'a pas le type attendu (texte, nombre, liste…).

    Chaque clé attend une forme précise : une liste (des lignes commençant par ``-``), un
    dictionnaire (des clés indentées), un texte ou un nombre. Une liste écrite comme un
    simple texte serait lue comme une seule case cochée au nom bizarre ; le message dit la
    forme attendue et celle trouvée.

    En faute ::

        # signalé : ligne 4, colonne 12
        id: "1-1"
        axe: "1"
        titre: Une action fictive
        typologie: nouvelle

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        typologie:
          - nouvelle
    """

    code = "CLS022"


class ValeurNonAutorisee(BuiltinCode):
    """Valeur hors de la liste des valeurs possibles.

    Les cases à cocher des fiches (typologie, public visé, natures de participation,
    statut du suivi…) ont une liste fermée de valeurs : c'est ce qui permet de les compter
    dans le rapport. Une valeur mal orthographiée ne serait comptée nulle part ; le message
    donne les valeurs possibles et la plus proche.

    En faute ::

        # signalé : ligne 5, colonne 5
        id: "1-1"
        axe: "1"
        titre: Une action fictive
        typologie:
          - experimental

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        typologie:
          - experimentale
    """

    code = "CLS023"


class ValeurInvalide(BuiltinCode):
    """Valeur invalide (bornes, format, date).

    La valeur a le bon type mais pas un sens possible : un avancement de 140 %, une date
    « 2024-02-30 », un texte vide, la fin d'une période avant son début. Le message dit la
    borne ou le format attendus.

    En faute ::

        # signalé : ligne 6, colonne 17
        id: "1-1"
        axe: "1"
        titre: Une action fictive
        suivi:
          2024:
            avancement: 140

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        suivi:
          2024:
            avancement: 40
    """

    code = "CLS024"
