"""CLS209 indicateur-resultat-absent: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings, without


def test_cls209_process_indicators_only(tmp_path):
    text = COMPLETE.replace("    type: resultat\n", "    type: processus\n")
    assert findings(tmp_path, text, "CLS209", messages=True) == [
        (34, 1, "indicateurs", "aucun indicateur de résultat (2 de processus seulement) : rien ne dira si "
                               "l'action a changé quelque chose")]
    # no indicator at all is CLS202's, not CLS209's
    assert findings(tmp_path / "b", without(COMPLETE, "indicateurs:"), "CLS209") == []
