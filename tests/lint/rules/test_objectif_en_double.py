"""CLS217 objectif-en-double: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings


def test_cls217_duplicated_objective(tmp_path):
    text = COMPLETE.replace("    - Cartographier l’offre de soins\n",
                            "    - groupe: \"Sur le terrain :\"\n      elements:\n        - améliorer l'accès aux soins.\n")
    assert findings(tmp_path, text, "CLS217", messages=True) == [
        (12, 11, "objectifs.operationnels[0].elements[0]",
         "objectif déjà écrit ligne 8 (objectifs spécifiques) : « améliorer l'accès aux soins. »")]
