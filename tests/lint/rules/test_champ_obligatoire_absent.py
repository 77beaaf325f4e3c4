"""CLS231 champ-obligatoire-absent: where it reports, and what."""

from __future__ import annotations

from conftest import CONTRAT
from rulecheck import COMPLETE, findings

REQUIRED = (
    CONTRAT
    + """\
champs:
  - cle: elu_referent
    libelle: Élu référent
    obligatoire: true
  - cle: etp
    libelle: ETP
    type: nombre
"""
)


def test_a_required_field_absent(tmp_path):
    found = findings(tmp_path, COMPLETE, "CLS231", contrat=REQUIRED, messages=True)
    # where champs is to be written: before suivi, the next key in the fiche's order
    assert found == [
        (
            COMPLETE.splitlines().index("suivi:") + 1,
            1,
            "champs.elu_referent",
            "champ « Élu référent » (elu_referent) non renseigné : contrat.yaml le déclare obligatoire",
        )
    ]


def test_a_required_field_among_others_or_empty(tmp_path):
    others = COMPLETE + "champs:\n  etp: 2\n"
    line = len(COMPLETE.splitlines()) + 2  # the first line under champs:
    assert findings(tmp_path, others, "CLS231", contrat=REQUIRED) == [(line, 3, "champs.elu_referent")]
    empty = COMPLETE + 'champs:\n  elu_referent: ""\n'
    assert findings(tmp_path / "b", empty, "CLS231", contrat=REQUIRED) == [(line, 3, "champs.elu_referent")]


def test_given_or_not_required(tmp_path):
    given = COMPLETE + "champs:\n  elu_referent: Adjointe à la santé\n"
    assert findings(tmp_path, given, "CLS231", contrat=REQUIRED) == []
    assert findings(tmp_path / "b", COMPLETE, "CLS231", contrat=REQUIRED.replace("obligatoire: true", "obligatoire: false")) == []


def test_a_title_only_fiche_is_left_alone(tmp_path):
    assert findings(tmp_path, 'id: "1-1"\naxe: "1"\ntitre: Une action\n', "CLS231", contrat=REQUIRED) == []
