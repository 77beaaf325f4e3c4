"""The checkbox grids of data/montpellier, box by box, against each fiche's own page.

Each detailed fiche page of the Montpellier source prints the form's grids (typologie, public
visé, professionnels, territoire d'intervention, participation, accès à l'information,
déterminants) with ☒ for a ticked box and ☐ for an unticked one. :data:`FORM` was written by
READING those pages: it maps each box, as the form prints it, to the code the YAML uses. The
test reads every box of every page and checks that the ticked ones are exactly the codes of the
fiche's YAML: a box printed in a wording no code stands for (« ☒ Professionnels* »,
« ☒ Commune et Métropole », « ☒ Conditions de travail / conditions d'étude », « ☒ Jeunes
Adultes (18 à 25 ans) ») fails the test instead of being dropped or kept in ``notes``.

The boxes « Autre (Précisez) » are left to test_data_fidelity.py (their text is a value of the
YAML). A « Quartier(s) : » or « QPV : » box followed by names is checked with its names: ticked,
the YAML lists them; unticked, the YAML keeps them marked ``coche: false``.
"""

from __future__ import annotations

import os
import re

import pytest

from clstool.model.documents import CaseNommee, Fiche
from clstool.yamlio.load import load
from tests.test_data_fidelity import DATA, MONTPELLIER_SOURCE, fiche_sections

#: Each box as the form prints it (the start of its text) → (grid, code). Read in the source.
FORM: dict[str, tuple[str, str]] = {
    "Nouvelle action": ("typologie", "nouvelle"),
    "Action expérimentale": ("typologie", "experimentale"),
    "Renforcement d’une action existante": ("typologie", "renforcement"),
    "Jeunes enfants (0 à 6 ans)": ("ages", "jeunes_enfants"),
    "Enfants (7 à 11 ans)": ("ages", "enfants"),
    "Adolescents (12 à 15 ans)": ("ages", "adolescents"),
    "Jeunes Adultes (16 à 25 ans)": ("ages", "jeunes_adultes"),
    "Jeunes Adultes (18 à 25 ans)": ("ages", "jeunes_adultes_18_25"),
    "Adultes (26 à 65 ans)": ("ages", "adultes"),
    "Personnes âgées (>65 ans)": ("ages", "personnes_agees"),
    "Professionnels*": ("publics", "professionnels"),
    "Médical": ("professionnels", "medical"),
    "Paramédical": ("professionnels", "paramedical"),
    "Social": ("professionnels", "social"),
    "De la prévention et de la promotion de la santé": ("professionnels", "prevention_promotion"),
    "De l’éducation/la formation": ("professionnels", "education_formation"),
    "De la culture/Loisirs": ("professionnels", "culture_loisirs"),
    "Commune": ("territoire", "commune"),
    "Commune et Métropole": ("territoire", "commune_et_metropole"),
    "Quartier": ("territoire", "quartiers"),  # « Quartier : » and « Quartiers : »
    "QPV": ("territoire", "qpv"),
    "Participation à l’analyse des besoins": ("participation", "analyse_besoins"),
    "Participation à l’organisation": ("participation", "organisation"),
    "Participation à la direction": ("participation", "direction"),
    "Participation à la gestion": ("participation", "gestion"),
    "Participation à la mobilisation": ("participation", "mobilisation_ressources"),
    "Information des usagers": ("acces", "information_usagers"),
    "Accès aux droits des usagers": ("acces", "acces_droits"),
    "Lutte contre l’illectronisme": ("acces", "illectronisme"),
    "Information des professionnels": ("acces", "information_professionnels"),
    "Mise en lien des professionnels": ("acces", "mise_en_lien_professionnels"),
    "Accessibilité": ("determinants", "accessibilite"),
    "Globalité": ("determinants", "globalite"),
    "Continuité": ("determinants", "continuite"),
    "Réactivité": ("determinants", "reactivite"),
    "Efficacité et sécurité": ("determinants", "efficacite_securite"),
    "Acquisition de comportements favorables": ("determinants", "comportements_favorables"),
    "Utilisation des services de santé": ("determinants", "utilisation_services"),
    "Accès aux ressources hors services de santé": ("determinants", "acces_ressources"),
    "Environnement physique": ("determinants", "environnement_physique"),
    "Conditions de travail": ("determinants", "conditions_travail"),
    "Conditions de travail / conditions d’étude": ("determinants", "conditions_travail_etude"),
    "Intégration sociale": ("determinants", "integration_sociale"),
    "Pouvoir d’agir": ("determinants", "pouvoir_agir"),
    "Empowerment (autonomisation)": ("determinants", "pouvoir_agir"),
    "Normes et climat social": ("determinants", "normes_climat_social"),
    "Adaptation aux besoins": ("determinants", "adaptation_besoins"),
    "Prise en compte des déterminants de santé dans les politiques": ("determinants", "sante_dans_politiques"),
    "La santé dans les politiques": ("determinants", "sante_dans_politiques"),
    "Niveau de revenu": ("determinants", "niveau_revenu"),
    "Niveau d’éducation": ("determinants", "niveau_education"),
}
#: The two OUI/NON questions of a page, in the order the form asks them.
QUESTIONS = ("participation_reponse", "acces_reponse")
_BOX = re.compile(r"([☐☒])\s*([^☐☒]*)")
_NAMED = re.compile(r"^(?:Quartiers?|QPV)\s*:\s*(\S.*)$")


def boxes(page: str) -> list[tuple[bool, str]]:
    """(ticked, text) of every box of a page, in order; the text is the rest of its line."""
    return [(mark == "☒", text.strip()) for line in page.splitlines() for mark, text in _BOX.findall(line)]


def code_of(text: str) -> tuple[str, str]:
    """The (grid, code) of a box's printed text: the longest entry of FORM it starts with."""
    keys = [key for key in FORM if text.startswith(key)]
    assert keys, f"case inconnue de FORM : « {text} »"
    return FORM[max(keys, key=len)]


def ticked_on_page(page: str) -> tuple[set[tuple[str, str]], dict[str, tuple[bool, list[str]]]]:
    """The ticked (grid, code) of a page, and the named territory boxes: level → (ticked, names)."""
    ticked: set[tuple[str, str]] = set()
    named: dict[str, tuple[bool, list[str]]] = {}
    questions, question = iter(QUESTIONS), ""
    for is_ticked, text in boxes(page):
        if text.startswith("Autre"):
            continue
        if text in ("OUI", "NON"):
            if text == "OUI":  # each question prints OUI then NON
                question = next(questions)
            if is_ticked:
                ticked.add((question, text.lower()))
            continue
        grid, code = code_of(text)
        found = _NAMED.match(text)
        if found:
            named[code] = (is_ticked, [found.group(1).strip()])
        if is_ticked:
            ticked.add((grid, code))
    return ticked, named


def ticked_in_yaml(fiche: Fiche) -> tuple[set[tuple[str, str]], dict[str, tuple[bool, list[str]]]]:
    """The same two things, read from a fiche's YAML."""
    out: set[tuple[str, str]] = {("typologie", c) for c in fiche.typologie}
    named: dict[str, tuple[bool, list[str]]] = {}
    if fiche.public_vise:
        out |= {("ages", c) for c in fiche.public_vise.ages}
        out |= {("publics", c) for c in fiche.public_vise.publics}
        out |= {("professionnels", c) for c in fiche.public_vise.professionnels}
    if fiche.territoire:
        for level, value in fiche.territoire:
            if isinstance(value, CaseNommee):
                named[level] = (value.coche, list(value.noms))
                value = value.coche
            elif isinstance(value, list) or value == "tous":
                named[level] = (True, ["Tous"] if value == "tous" else list(value))
            if value:
                out.add(("territoire", level))
    for question, grid, answer in (
        ("participation_reponse", "participation", fiche.participation_citoyenne),
        ("acces_reponse", "acces", fiche.acces_information_droits),
    ):
        if answer:
            if answer.reponse:
                out.add((question, answer.reponse))
            out |= {(grid, c) for c in answer.natures}
    if fiche.determinants:
        for family, codes in fiche.determinants:
            if family != "autres":
                out |= {("determinants", c) for c in codes}
    return out, named


@pytest.fixture(scope="module")
def pages_and_fiches() -> list[tuple[str, str, Fiche]]:
    sections = fiche_sections(MONTPELLIER_SOURCE.read_text(encoding="utf-8"))
    project = load([os.path.relpath(DATA / "montpellier")])
    return [(f.model.id, sections[f.model.id], f.model) for f in project.territories[0].fiches]


def test_every_box_of_every_page_is_known(pages_and_fiches):
    for _, page, _ in pages_and_fiches:
        for _, text in boxes(page):
            if not text.startswith("Autre") and text not in ("OUI", "NON"):
                code_of(text)


def test_ticked_boxes_are_the_codes_of_the_yaml(pages_and_fiches):
    """Box by box: what the page ticks is what the YAML records, nothing more, nothing less."""
    wrong = []
    for fiche_id, page, fiche in pages_and_fiches:
        on_page, _ = ticked_on_page(page)
        in_yaml, _ = ticked_in_yaml(fiche)
        if on_page != in_yaml:
            wrong.append(
                f"fiche {fiche_id} : cochées dans la source seulement {sorted(on_page - in_yaml)}, "
                f"dans le YAML seulement {sorted(in_yaml - on_page)}"
            )
    assert not wrong, "\n".join(wrong)


def test_named_territory_boxes_keep_their_names_ticked_or_not(pages_and_fiches):
    """« ☐ Quartier : quartiers communauté gitane » (5-2): named but not ticked, kept as such."""
    seen = {}
    for fiche_id, page, fiche in pages_and_fiches:
        _, on_page = ticked_on_page(page)
        _, in_yaml = ticked_in_yaml(fiche)
        assert on_page == in_yaml, fiche_id
        seen.update({(fiche_id, level): value for level, value in on_page.items()})
    assert seen[("5-2", "quartiers")] == (False, ["quartiers communauté gitane"])


def test_the_gaps_of_the_form_are_codes_now(pages_and_fiches):
    """Each wording the form prints once or rarely, in the fiche where it is printed."""
    ticked = {fiche_id: ticked_on_page(page)[0] for fiche_id, page, _ in pages_and_fiches}
    assert all(("publics", "professionnels") in codes for codes in ticked.values())  # 16 ☒ Professionnels*
    assert [i for i, codes in ticked.items() if ("territoire", "commune_et_metropole") in codes] == ["4-2"]
    assert [i for i, codes in ticked.items() if ("determinants", "conditions_travail_etude") in codes] == ["5-3"]
    assert [i for i, codes in ticked.items() if ("ages", "jeunes_adultes_18_25") in codes] == ["5-3"]


def test_a_dropped_box_is_caught(pages_and_fiches):
    fiche_id, page, fiche = next(p for p in pages_and_fiches if p[0] == "4-2")
    public = fiche.public_vise.model_copy(update={"publics": []})
    on_page, _ = ticked_on_page(page)
    assert ticked_in_yaml(fiche.model_copy(update={"public_vise": public}))[0] != on_page
    assert ticked_in_yaml(fiche)[0] == on_page


def test_no_box_is_kept_in_notes(pages_and_fiches):
    """Each box has its place in the model: none is parked in ``notes`` any more."""
    parked = [(fiche_id, note) for fiche_id, _, fiche in pages_and_fiches for note in fiche.notes if re.search("[☐☒]", note)]
    assert parked == []
