"""CLS208 acces-nature-sans-oui: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings


def test_cls208_access_natures_without_oui(tmp_path):
    # fiche 4-2 of Montpellier: natures ticked, neither box of the question
    text = COMPLETE.replace("acces_information_droits:\n  reponse: non\n",
                            "acces_information_droits:\n  natures:\n    - information_usagers\n")
    assert findings(tmp_path, text, "CLS208") == [(33, 3, "acces_information_droits.natures")]
    ok = COMPLETE.replace("acces_information_droits:\n  reponse: non\n",
                          "acces_information_droits:\n  reponse: oui\n  natures:\n    - information_usagers\n")
    assert findings(tmp_path / "b", ok, "CLS208") == []
