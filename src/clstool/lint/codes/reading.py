"""CLS001–CLS010: reading a file (bytes, YAML syntax, limits)."""

from __future__ import annotations

from clstool.lint.codes import BuiltinCode


class Encodage(BuiltinCode):
    """Le fichier n'est pas en UTF-8 (encodage probable indiqué).

    Les fichiers YAML de clstool sont en UTF-8, comme le veut YAML lui-même. Un fichier
    enregistré par un vieux tableur ou un éditeur réglé en Windows-1252 (ou en UTF-16) a
    des accents que les autres outils liraient de travers : clstool refuse de deviner, et
    nomme l'encodage probable et le premier octet fautif pour qu'on réenregistre le fichier
    en UTF-8. (Dans les exemples, les lignes « # encodage » et « # signalé » disent comment
    le fichier est enregistré et où le code est signalé ; elles n'en font pas partie.)

    En faute ::

        # encodage : cp1252
        # signalé : ligne 3, colonne 11
        id: "1-1"
        axe: "1"
        titre: Accès aux soins de proximité

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Accès aux soins de proximité
    """

    code = "CLS001"


class Bom(BuiltinCode):
    """Le fichier commence par une marque d'ordre d'octets (BOM) inutile.

    Le Bloc-notes de Windows et certains tableurs ajoutent en tête des fichiers UTF-8 trois
    octets invisibles, la « marque d'ordre d'octets ». Elle ne sert à rien en UTF-8 et
    certains outils la prennent pour du texte. clstool lit quand même le reste du fichier ;
    ``clstool fmt`` la retire. (Dans l'exemple, ``utf-8-sig`` est l'UTF-8 avec BOM.)

    En faute ::

        # encodage : utf-8-sig
        # signalé : ligne 1, colonne 1
        id: "1-1"
        axe: "1"
        titre: Une action fictive

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
    """

    code = "CLS002"


class Tabulation(BuiltinCode):
    """Une tabulation sert à indenter : YAML n'accepte que des espaces.

    En YAML, l'indentation dit ce qui appartient à quoi, et elle ne s'écrit qu'avec des
    espaces : une tabulation en début de ligne est une erreur de syntaxe. Elle est invisible
    dans la plupart des éditeurs, d'où ce code à part, qui montre où elle est. (Dans
    l'exemple, ``⇥`` est la tabulation.)

    En faute ::

        # signalé : ligne 5, colonne 1
        id: "1-1"
        axe: "1"
        titre: Une action fictive
        portage:
        ⇥porteurs: [Ville de Test]

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        portage:
          porteurs: [Ville de Test]
    """

    code = "CLS003"


class FichierVide(BuiltinCode):
    """Le fichier est vide ou ne contient que des commentaires.

    Un fichier vide dans ``fiches/`` est le plus souvent une fiche créée puis oubliée : elle
    ne dit ni son identifiant ni son axe, et le rapport ne saurait où la ranger. Une fiche
    contient au moins ``id``, ``axe`` et ``titre``.

    En faute ::

        # signalé : ligne 1, colonne 1
        # Fiche 1-1 : à rédiger

    Correct ::

        # Fiche 1-1 : à rédiger
        id: "1-1"
        axe: "1"
        titre: Une action fictive
    """

    code = "CLS004"


class SyntaxeYaml(BuiltinCode):
    """Erreur de syntaxe YAML.

    Le fichier n'est pas du YAML valide : guillemet jamais fermé, deux-points oublié,
    indentation incohérente… Rien d'autre ne peut être vérifié dans ce fichier tant qu'il ne
    se lit pas ; le message dit ce qui manque et la position est celle où l'erreur commence
    (pour un guillemet, celui qui n'est pas refermé).

    En faute ::

        # signalé : ligne 3, colonne 8
        id: "1-1"
        axe: "1"
        titre: "Une action fictive
        typologie:
          - nouvelle

    Correct ::

        id: "1-1"
        axe: "1"
        titre: "Une action fictive"
        typologie:
          - nouvelle
    """

    code = "CLS005"


class CleEnDouble(BuiltinCode):
    """Une clé apparaît deux fois dans le même dictionnaire.

    YAML ne garde que l'une des deux valeurs, sans le dire : la moitié de la fiche disparaît
    en silence. C'est souvent un bloc copié-collé d'une autre fiche. Le message donne la ligne
    de la première occurrence ; fusionnez les deux.

    En faute ::

        # signalé : ligne 4, colonne 1
        id: "1-1"
        axe: "1"
        titre: Une action fictive
        titre: Une autre action

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        sous_titre: Une autre action
    """

    code = "CLS006"


class AliasExcessifs(BuiltinCode):
    """Les alias YAML démultiplient le document (bombe d'alias).

    Un alias (``*a``) répète la valeur d'une ancre (``&a``). Imbriqués, quelques alias
    suffisent à faire d'un fichier de quelques lignes un document d'un milliard de valeurs,
    qui épuiserait la mémoire : au-delà de 200 000 valeurs, la lecture est refusée. Aucune
    fiche honnête n'en approche ; écrivez les valeurs sans alias.

    En faute ::

        # signalé : ligne 6, colonne 8
        a: &a [x, x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        typologie: &types
          - nouvelle
        declinaisons:
          - titre: Une déclinaison
    """

    code = "CLS007"


class ImbricationExcessive(BuiltinCode):
    """Imbrication trop profonde.

    Une fiche réelle imbrique six niveaux environ ; au-delà de 64, le fichier est soit
    fabriqué pour épuiser la pile du lecteur, soit abîmé (des crochets ouverts et jamais
    refermés). La lecture est refusée à l'endroit où la limite est franchie.

    En faute ::

        # signalé : ligne 4, colonne 71
        id: "1-1"
        axe: "1"
        titre: Une action fictive
        notes: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        notes: [Une note]
    """

    code = "CLS008"


class FichierTropGros(BuiltinCode):
    """Fichier trop volumineux, ou plusieurs documents YAML.

    Une fiche pèse une dizaine de kilo-octets : un fichier de plus de 5 Mo n'en est pas une
    (un export égaré, une image renommée) et n'est pas lu, pour que la validation reste
    rapide et sa mémoire bornée. De même, un fichier ne contient qu'un document : une ligne
    ``---`` au milieu en commence un second, que clstool ne lirait pas — souvent deux fiches
    collées dans un même fichier. (Un fichier de plus de 5 Mo ne s'écrit pas dans un exemple :
    celui-ci montre le second cas.)

    En faute ::

        # signalé : ligne 4, colonne 1
        id: "1-1"
        axe: "1"
        titre: Une action fictive
        ---
        id: "1-2"

    Correct ::

        ---
        id: "1-1"
        axe: "1"
        titre: Une action fictive
    """

    code = "CLS009"


class FichierIllisible(BuiltinCode):
    """Le fichier ne peut pas être lu (droits, chemin).

    clstool a trouvé le fichier mais le système refuse de le lui donner : droits de lecture
    retirés, fichier d'un autre utilisateur sur un dossier partagé, lien vers un disque
    débranché. Les autres fichiers sont vérifiés quand même ; le message reprend la raison
    donnée par le système.

    En faute (décrit, aucun texte ne peut le montrer) : ``fiches/1-1.yaml`` appartient à un
    autre utilisateur et n'est lisible que par lui (droits ``600``) ; ``clstool validate``
    signale CLS010 en ligne 1, colonne 1.

    Correct : le même fichier, lisible par la personne qui lance ``clstool validate``
    (droits ``644``).
    """

    code = "CLS010"
    in_words = True
