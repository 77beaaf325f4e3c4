"""CLS030: the ``# clstool: disable=…`` comments themselves."""

from __future__ import annotations

from clstool.lint.codes import BuiltinCode


class CommentaireClstoolInvalide(BuiltinCode):
    """Commentaire « # clstool: disable=… » invalide : code ou directive inconnus, « disable-file » hors de l'en-tête.

    Un commentaire ``# clstool: disable=CLS203`` fait taire un code sur une ligne ;
    ``# clstool: disable-file=CLS203``, placé en tête du fichier avant la première clé, dans
    tout le fichier. Un commentaire qui ne fait rien — code mal tapé, directive inconnue,
    ``disable-file`` perdu au milieu du fichier — laisserait croire qu'un avertissement est
    traité alors qu'il ne l'est pas : il est signalé (avertissement) à l'endroit de la faute.

    En faute ::

        # signalé : ligne 4, colonne 46
        id: "1-1"
        axe: "1"
        titre: Une action fictive
        participation_citoyenne:  # clstool: disable=CLS2O3
          natures: []

    Correct ::

        id: "1-1"
        axe: "1"
        titre: Une action fictive
        participation_citoyenne:  # clstool: disable=CLS203
          natures: []
    """

    code = "CLS030"
