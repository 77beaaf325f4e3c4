"""libyaml's syntax errors, in French, for the messages of CLS005."""

from __future__ import annotations

_SYNTAX_FR = [
    ("mapping values are not allowed", "« : » inattendu ici : une valeur qui contient « : » doit être "
     "entre guillemets, ou l'indentation est incorrecte"),
    ("could not find expected ':'", "« : » attendu après une clé (ou indentation incorrecte)"),
    ("did not find expected key", "clé attendue ici : vérifiez l'indentation"),
    ("did not find expected '-' indicator", "élément de liste « - » attendu : vérifiez l'indentation"),
    ("did not find expected ',' or ']'", "« , » ou « ] » attendu dans la liste entre crochets"),
    ("did not find expected ',' or '}'", "« , » ou « } » attendu dans le dictionnaire entre accolades"),
    ("found unexpected end of stream", "fin de fichier inattendue : guillemet, crochet ou accolade non fermé ?"),
    ("found unknown escape character", "séquence d'échappement inconnue (« \\ ») dans un texte entre guillemets"),
    ("did not find expected node content", "valeur attendue ici"),
    ("expected <block end>", "indentation incohérente : cet élément ne s'aligne sur rien au-dessus"),
    ("found character that cannot start any token", "caractère qui ne peut pas commencer une valeur "
     "(« @ », « ` », « % ») : mettez la valeur entre guillemets"),
    ("found undefined alias", "alias non défini (« *nom » sans « &nom » avant)"),
    ("found duplicate anchor", "ancre « & » définie deux fois"),
    ("did not find expected alphabetic or numeric character", "nom d'ancre ou d'alias invalide"),
    ("unacceptable character", "caractère non imprimable interdit en YAML"),
    ("special characters are not allowed", "caractère de contrôle interdit en YAML"),
    ("block sequence entries are not allowed", "élément de liste « - » inattendu ici : vérifiez l'indentation"),
    ("found a tab character", "une tabulation sert à indenter : utilisez des espaces"),
]


def syntax_message(problem: str) -> str:
    """libyaml's English ``problem`` in French (the original kept when it is unknown)."""
    for english, french in _SYNTAX_FR:
        if english in problem:
            return french
    return f"erreur de syntaxe YAML ({problem})"
