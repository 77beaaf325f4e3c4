"""model/vocabulary.py is the one home of the codes' French labels: every ``Literal`` of the
models must list exactly its codes, in the same order, and every status has a label and a look."""

from __future__ import annotations

import typing

import pytest

from clstool.model import documents, vocabulary


def literal_codes(annotation) -> tuple[str, ...]:
    """The codes of a Literal, also when wrapped in list[...] or Optional[...]."""
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    for arg in typing.get_args(annotation):
        codes = literal_codes(arg)
        if codes:
            return codes
    return ()


@pytest.mark.parametrize(("literal", "table"), [
    (documents.Typologie, vocabulary.TYPOLOGIES),
    (documents.Age, vocabulary.AGES),
    (documents.Public, vocabulary.PUBLICS),
    (documents.Professionnel, vocabulary.PROFESSIONNELS),
    (documents.Priorite, vocabulary.PRIORITES),
    (documents.Reponse, vocabulary.REPONSES),
    (documents.NatureParticipation, vocabulary.NATURES_PARTICIPATION),
    (documents.NatureAcces, vocabulary.NATURES_ACCES),
    (documents.TypeIndicateur, vocabulary.TYPES_INDICATEUR),
    (documents.Sens, vocabulary.SENS),
], ids=lambda v: getattr(v, "__name__", "") or "")
def test_each_literal_lists_the_vocabulary(literal, table):
    assert typing.get_args(literal) == tuple(table)


def test_territory_levels_are_the_vocabulary_ones():
    assert list(documents.TerritoireIntervention.model_fields) == list(vocabulary.NIVEAUX_TERRITOIRE)


def test_declared_statuses_are_the_vocabulary_ones():
    assert typing.get_args(documents.StatutDeclare) == vocabulary.STATUTS_DECLARES
    assert set(vocabulary.STATUTS_DECLARES) <= set(vocabulary.STATUTS)
    assert set(vocabulary.TERMINAUX) <= set(vocabulary.ACTION_ENTIERE) <= set(vocabulary.STATUTS_DECLARES)


def test_each_determinant_family_lists_the_vocabulary():
    fields = documents.Determinants.model_fields
    assert [f for f in fields if f != "autres"] == list(vocabulary.DETERMINANTS)  # autres: free text
    for family, (_, codes) in vocabulary.DETERMINANTS.items():
        assert literal_codes(fields[family].annotation) == tuple(codes), family


def test_every_status_has_a_label_and_a_distinct_look():
    for table in (vocabulary.STATUTS, vocabulary.STATUTS_INDICATEUR, vocabulary.STATUTS_GOUVERNANCE,
                  vocabulary.STATUTS_PREVUS):
        for code, term in table.items():
            assert term.code == code and term.label and term.label == term.label.lower()
            assert vocabulary.titre(code)[0].isupper()
    looks = {(t.look.fill, t.look.pattern) for t in vocabulary.STATUTS.values()}
    assert len(looks) == len(vocabulary.STATUTS)


def test_unknown_code_keeps_its_text():
    assert vocabulary.libelle("inconnu") == "inconnu"
    assert vocabulary.titre(None) == "Non renseigné"
