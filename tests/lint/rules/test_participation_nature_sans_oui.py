"""CLS205 participation-nature-sans-oui: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings


def test_cls205_natures_with_non_or_without_answer(tmp_path):
    text = COMPLETE.replace("  reponse: oui\n  natures:\n    - analyse", "  reponse: non\n  natures:\n    - analyse")
    assert findings(tmp_path, text, "CLS205", messages=True) == [
        (29, 12, "participation_citoyenne.reponse",
         "participation citoyenne : « non » mais des natures sont cochées (analyse_besoins) : l'un des deux est faux")]
    text = COMPLETE.replace("  reponse: oui\n  natures:\n    - analyse", "  natures:\n    - analyse")
    assert findings(tmp_path / "b", text, "CLS205") == [(29, 3, "participation_citoyenne.natures")]
    # natures without an answer: CLS205 only, not also CLS203
    assert findings(tmp_path / "c", text, "CLS203") == []
