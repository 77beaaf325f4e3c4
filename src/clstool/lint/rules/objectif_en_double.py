"""CLS217 objectif-en-double."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule
from clstool.model.documents import Groupe
from clstool.model.names import comparison_key as fold

_LEVELS = {"generaux": "objectifs généraux", "specifiques": "objectifs spécifiques",
           "operationnels": "objectifs opérationnels"}


class ObjectifEnDouble(Rule):
    """Même ligne d'objectif écrite deux fois dans la fiche.

    Un objectif répété (à la casse, aux accents ou à la ponctuation près), dans le même
    niveau ou d'un niveau à l'autre, est le plus souvent un copier-coller : il double une
    ligne du rapport et brouille le suivi des objectifs.

    En faute ::

        objectifs:
          specifiques:
            - Améliorer l’accès aux soins
          operationnels:
            - Améliorer l'accès aux soins.

    Correct ::

        objectifs:
          specifiques:
            - Améliorer l’accès aux soins
          operationnels:
            - Cartographier l’offre de soins
    """

    code = "CLS217"
    name = "objectif-en-double"

    def check(self, ctx: Context):
        objectifs = ctx.fiche.objectifs
        if objectifs is None:
            return
        seen: dict[str, tuple] = {}
        for level in _LEVELS:
            for i, item in enumerate(getattr(objectifs, level)):
                lines = ([(("objectifs", level, i, "groupe"), item.groupe)]
                         + [(("objectifs", level, i, "elements", j), e) for j, e in enumerate(item.elements)]
                         if isinstance(item, Groupe) else [(("objectifs", level, i), item)])
                for path, text in lines:
                    key = fold(text)
                    if not key:
                        continue
                    if key in seen:
                        first = seen[key]
                        line = ctx.source.pos(first)[0]
                        yield Problem(path, f"objectif déjà écrit ligne {line} ({_LEVELS[first[1]]}) : "
                                      f"« {text} »")
                    else:
                        seen[key] = path
