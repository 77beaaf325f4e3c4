"""CLS206 acces-non-renseigne: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings, without


def test_cls206_access_absent(tmp_path):
    text = without(COMPLETE, "acces_information_droits:")  # indicateurs: line 32
    assert findings(tmp_path, text, "CLS206", messages=True) == [
        (32, 1, "acces_information_droits.reponse",
         "accès à l'information et aux droits non renseigné : ni « oui » ni « non » "
         "(ajoutez acces_information_droits.reponse)")]
    assert findings(tmp_path / "b", COMPLETE, "CLS206") == []
