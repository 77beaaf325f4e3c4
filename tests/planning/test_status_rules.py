"""The status rules of clstool.planning.status, case by case (every fiche here is FICTITIOUS test data).

Each computed status, indicator status and governance status is reached here on purpose,
with the boundaries named in the issue: the day a period ends, a follow-up for Y−1 only, an
adjusted calendar that reopens a late action.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
import yaml

from clstool.errors import InputError
from clstool.model.contrat import Contrat
from clstool.model.documents import Fiche
from clstool.planning.periods import Interval
from clstool.planning.plan import default_as_of, fiche_plan, parse_as_of, planned_status
from clstool.planning.status import (
    STATUTS,
    STATUTS_INDICATEUR,
    fiche_status,
    governance_status,
    indicator_status,
)

CONTRAT = Contrat.model_validate({
    "territoire": "Ville fictive", "intitule": "CLS fictif", "periode": {"debut": 2022, "fin": 2027},
    "axes": [{"id": "1", "titre": "Axe fictif"}],
})
HEAD = 'id: "1-1"\naxe: "1"\ntitre: Action fictive\n'
D = dt.date


def fiche(body: str) -> Fiche:
    return Fiche.model_validate(yaml.safe_load(HEAD + textwrap.dedent(body)))


def status(body: str, year: int = 2024, as_of: str = "2024-12-31", contrat: Contrat | None = CONTRAT):
    return fiche_status(fiche(body), contrat, year, D.fromisoformat(as_of))


def statut(body: str, **kw) -> str:
    return status(body, **kw).statut


PLAN_Q1_2024 = """
calendrier:
  - 1er trimestre 2024
"""
PLAN_2024 = """
calendrier:
  - "2024"
"""
PLAN_S2_2024 = """
calendrier:
  - 2ème semestre 2024
"""


# --- plan.py ---------------------------------------------------------------------------------


def test_planned_status_boundaries():
    q1 = [Interval(D(2024, 1, 1), D(2024, 3, 31))]
    assert planned_status(q1, 2024, D(2023, 12, 31)) == "a_venir"
    assert planned_status(q1, 2024, D(2024, 1, 1)) == "en_cours"
    assert planned_status(q1, 2024, D(2024, 3, 31)) == "en_cours"  # the day it ends
    assert planned_status(q1, 2024, D(2024, 4, 1)) == "echeance_passee"
    assert planned_status(q1, 2025, D(2025, 6, 1)) == "hors_periode"
    assert planned_status([], 2024, D(2024, 6, 1)) is None


def test_planned_status_uses_only_the_occurrences_of_the_year():
    februaries = [Interval(D(y, 2, 1), D(y, 2, 28 if y % 4 else 29)) for y in range(2022, 2028)]
    assert planned_status(februaries, 2024, D(2024, 1, 15)) == "a_venir"
    assert planned_status(februaries, 2024, D(2024, 3, 1)) == "echeance_passee"


def test_reference_date_default_and_parsing():
    assert default_as_of(2024, today=D(2026, 5, 3)) == D(2024, 12, 31)
    assert default_as_of(2026, today=D(2026, 5, 3)) == D(2026, 5, 3)
    assert parse_as_of("2024-06-30", 2024) == D(2024, 6, 30)
    with pytest.raises(InputError, match="AAAA-MM-JJ"):
        parse_as_of("30/06/2024", 2024)


def test_declinaison_without_dates_follows_the_fiche_calendar():
    plan = fiche_plan(fiche("""
        calendrier: [4ème trimestre 2023]
        declinaisons:
          - titre: Sans calendrier
          - titre: Datée
            id: datee
            calendrier: ["2025"]
        """), (D(2022, 1, 1), D(2027, 12, 31)))
    first, second = plan.declinaisons
    assert first.entries == () and first.intervals == (Interval(D(2023, 10, 1), D(2023, 12, 31)),)
    assert second.ref == "datee" and second.refs == ("2", "datee")
    assert plan.span == Interval(D(2023, 10, 1), D(2025, 12, 31))
    assert [e.path for e in plan.entries] == [("calendrier", 0), ("declinaisons", 1, "calendrier", 0)]


# --- realise ------------------------------------------------------------------------------------


def test_realise_declared():
    assert statut(PLAN_2024 + "suivi:\n  2024: {statut: realise}\n") == "realise"


def test_realise_declared_the_year_before_carries_over():
    s = status('calendrier: ["2023 à 2024"]\nsuivi:\n  2023: {statut: realise}\n', year=2024)
    assert (s.statut, s.motif) == ("realise", "déclaré réalisé en 2023")
    # A later « en cours » reopens it: only the latest earlier declaration carries.
    body = 'calendrier: ["2023 à 2025"]\nsuivi:\n  2023: {statut: realise}\n  2024: {statut: en_cours}\n'
    assert statut(body, year=2025, as_of="2025-12-31") == "sans_bilan"
    # A period starting after the year of « réalisé » is still to be done.
    assert statut(PLAN_2024 + "suivi:\n  2023: {statut: realise}\n") == "sans_bilan"


def test_realise_wins_over_an_ended_plan():
    assert statut(PLAN_Q1_2023 + "suivi:\n  2024: {statut: realise}\n") == "realise"


def test_realise_does_not_carry_into_a_new_recurring_cycle():
    body = """
        calendrier:
          - {periode: Février, recurrent: true}
        suivi:
          2024: {statut: realise}
        """
    assert statut(body, year=2024) == "realise"
    assert statut(body, year=2025, as_of="2025-12-31") == "sans_bilan"


def test_realise_when_every_declinaison_is_done_or_abandoned():
    body = """
        declinaisons:
          - {titre: A, calendrier: ["2023"]}
          - {titre: B, calendrier: ["2024"]}
        suivi:
          2023:
            declinaisons: {"1": {statut: realise}}
          2024:
            declinaisons: {"2": {statut: abandonne}}
        """
    s = status(body)
    assert [d.statut for d in s.declinaisons] == ["realise", "abandonne"]
    assert s.statut == "realise"


# --- abandonne ----------------------------------------------------------------------------------


def test_abandonne_declared_and_carried():
    assert statut(PLAN_2024 + "suivi:\n  2024: {statut: abandonne}\n") == "abandonne"
    assert statut(PLAN_Q1_2023 + "suivi:\n  2023: {statut: abandonne}\n", year=2025,
                  as_of="2025-12-31") == "abandonne"


def test_abandonne_when_every_declinaison_is_abandoned():
    body = """
        declinaisons:
          - {titre: A, calendrier: ["2024"]}
        suivi:
          2024:
            declinaisons: {"1": {statut: abandonne}}
        """
    assert statut(body) == "abandonne"


# --- en_retard --------------------------------------------------------------------------------------

PLAN_Q1_2023 = """
calendrier:
  - 1er trimestre 2023
"""


def test_plan_alone_ended_is_late_not_fine():
    s = status(PLAN_Q1_2023)
    assert s.statut == "en_retard"
    assert "31/03/2023" in s.motif


def test_the_day_a_period_ends_it_is_not_late_yet():
    assert statut(PLAN_Q1_2024, as_of="2024-03-31") == "sans_bilan"
    assert statut(PLAN_Q1_2024, as_of="2024-04-01") == "en_retard"
    with_followup = PLAN_Q1_2024 + "suivi:\n  2024: {statut: en_cours}\n"
    assert statut(with_followup, as_of="2024-03-31") == "en_cours"
    assert statut(with_followup, as_of="2024-04-01") == "en_retard"


def test_followup_for_the_previous_year_only():
    # Y−1 « en cours » says nothing about Y: late when the plan has ended…
    assert statut(PLAN_Q1_2023 + "suivi:\n  2023: {statut: en_cours}\n") == "en_retard"
    # …and without a bilan while it still runs.
    running = "calendrier: [2023 à 2025]\nsuivi:\n  2023: {statut: en_cours, avancement: 40}\n"
    s = status(running)
    assert (s.statut, s.statut_declare, s.avancement) == ("sans_bilan", None, None)


def test_declared_status_does_not_hide_an_ended_plan():
    for declared in ("en_pause", "bloque", "a_discuter", "en_cours", "a_venir"):
        s = status(PLAN_Q1_2024 + f"suivi:\n  2024: {{statut: {declared}}}\n")
        assert (s.statut, s.statut_declare) == ("en_retard", declared)
    assert statut(PLAN_2024 + "suivi:\n  2024: {statut: en_retard}\n") == "en_retard"


def test_adjusted_calendar_reopens_a_late_action():
    late = PLAN_Q1_2024 + "suivi:\n  2024:\n    statut: en_cours\n"
    assert statut(late) == "en_retard"
    reopened = late + "    calendrier_ajuste: [1er semestre 2025]\n"
    s = status(reopened)
    assert s.statut == "en_cours"
    assert (s.calendrier.source, s.calendrier.annee, s.fin) == ("ajuste", 2024, D(2025, 6, 30))


def test_adjusted_calendar_of_the_previous_year_applies_and_can_itself_be_late():
    body = PLAN_Q1_2023 + "suivi:\n  2023:\n    statut: en_cours\n    calendrier_ajuste: [2ème trimestre 2024]\n"
    assert statut(body, as_of="2024-06-30") == "sans_bilan"  # reopened into 2024, no 2024 bilan
    s = status(body, as_of="2024-07-01")
    assert s.statut == "en_retard" and "calendrier ajusté en 2023" in s.motif


def test_adjusted_calendar_written_after_the_year_is_ignored():
    body = PLAN_Q1_2023 + "suivi:\n  2025:\n    calendrier_ajuste: [\"2026\"]\n"
    assert statut(body) == "en_retard"


def test_declinaison_adjusted_calendar():
    body = """
        declinaisons:
          - titre: A
            calendrier: [1er trimestre 2024]
        suivi:
          2024:
            declinaisons:
              "1":
                calendrier_ajuste: [1er trimestre 2025]
        """
    s = status(body)
    assert s.declinaisons[0].statut == "hors_periode"
    assert s.declinaisons[0].calendrier.source == "ajuste"
    assert statut(body.replace("calendrier_ajuste: [1er trimestre 2025]", "commentaire: rien")) == "en_retard"


# --- declared statuses passed through -------------------------------------------------------------


@pytest.mark.parametrize("declared", ["en_pause", "bloque", "a_discuter", "en_cours", "a_venir"])
def test_declared_status_is_passed_through(declared):
    s = status(PLAN_2024 + f"suivi:\n  2024: {{statut: {declared}}}\n")
    assert (s.statut, s.statut_declare) == (declared, declared)


def test_declared_status_wins_over_the_plan_outside_its_period():
    body = 'calendrier: ["2026"]\nsuivi:\n  2024: {statut: en_cours}\n'
    assert statut(body) == "en_cours"


def test_declinaisons_inherit_whole_action_statuses_only():
    body = """
        declinaisons:
          - {titre: A, calendrier: ["2024"]}
          - {titre: B, calendrier: ["2024"]}
        suivi:
          2024:
            statut: STATUT
            declinaisons:
              "2": {statut: realise}
        """
    for whole in ("en_pause", "bloque", "a_discuter", "abandonne"):
        s = status(body.replace("STATUT", whole))
        assert [d.statut for d in s.declinaisons] == [whole, "realise"]
    s = status(body.replace("STATUT", "en_cours"))
    assert [d.statut for d in s.declinaisons] == ["sans_bilan", "realise"]  # detailed, not this one


# --- a_venir, en_cours, sans_bilan, hors_periode from the plan ----------------------------------------


def test_a_venir_before_the_first_start_in_the_year():
    s = status(PLAN_S2_2024, as_of="2024-06-30")
    assert (s.statut, s.motif) == ("a_venir", "début prévu le 01/07/2024")
    assert statut(PLAN_S2_2024, as_of="2024-07-01") == "sans_bilan"


def test_en_cours_from_a_followup_without_status():
    s = status(PLAN_2024 + "suivi:\n  2024:\n    realisations: [Une réunion]\n")
    assert (s.statut, s.statut_declare) == ("en_cours", None)


def test_sans_bilan_when_it_should_have_started():
    s = status(PLAN_2024, as_of="2024-05-01")
    assert s.statut == "sans_bilan" and "aucun suivi pour 2024" in s.motif


def test_hors_periode_when_nothing_is_planned_in_the_year():
    assert statut('calendrier: ["2026"]\n') == "hors_periode"
    assert statut('calendrier: ["2026"]\nsuivi:\n  2024:\n    realisations: [x]\n') == "hors_periode"


def test_fiche_span_covers_its_declinaisons():
    body = """
        declinaisons:
          - {titre: A, calendrier: [1er trimestre 2023]}
          - {titre: B, calendrier: [2025]}
        """
    s = status(body)
    assert [d.statut for d in s.declinaisons] == ["en_retard", "hors_periode"]
    assert (s.statut, s.debut, s.fin) == ("hors_periode", D(2023, 1, 1), D(2025, 12, 31))


def test_without_calendar_the_contract_period_counts():
    s = status("")
    assert (s.statut, s.calendrier.source) == ("sans_bilan", "contrat")
    assert statut("", year=2028, as_of="2028-12-31") == "en_retard"  # the contract is over
    s = status("", contrat=None)
    assert (s.statut, s.calendrier.source) == ("sans_bilan", "aucun")
    assert statut("suivi:\n  2024:\n    avancement: 10\n", contrat=None) == "en_cours"


def test_unparsed_calendar_gives_no_date():
    s = status('calendrier: ["quand ce sera possible"]\n')
    assert (s.statut, s.calendrier.source) == ("sans_bilan", "contrat")


def test_declinaison_designated_by_id():
    body = """
        declinaisons:
          - {id: diag, titre: A, calendrier: ["2024"]}
        suivi:
          2024:
            declinaisons: {diag: {statut: en_pause, avancement: 20}}
        """
    d = status(body).declinaisons[0]
    assert (d.ref, d.statut, d.avancement) == ("diag", "en_pause", 20)


def test_every_computed_status_is_reached_by_these_tests():
    bodies = {
        "realise": PLAN_2024 + "suivi:\n  2024: {statut: realise}\n",
        "abandonne": PLAN_2024 + "suivi:\n  2024: {statut: abandonne}\n",
        "en_retard": PLAN_Q1_2023,
        "en_cours": PLAN_2024 + "suivi:\n  2024: {statut: en_cours}\n",
        "a_venir": 'calendrier: ["2024-12"]\n',
        "sans_bilan": PLAN_2024,
        "hors_periode": 'calendrier: ["2026"]\n',
        "en_pause": PLAN_2024 + "suivi:\n  2024: {statut: en_pause}\n",
        "bloque": PLAN_2024 + "suivi:\n  2024: {statut: bloque}\n",
        "a_discuter": PLAN_2024 + "suivi:\n  2024: {statut: a_discuter}\n",
    }
    assert set(bodies) == set(STATUTS)
    for expected, body in bodies.items():
        assert statut(body, as_of="2024-06-30") == expected, expected


# --- indicators -------------------------------------------------------------------------------


def indicator(extra: str = "", measure: str | None = None, year: int = 2024):
    body = "indicateurs:\n  - id: I1\n    type: resultat\n    libelle: Indicateur fictif\n"
    body += textwrap.indent(textwrap.dedent(extra), "    ")
    if measure is not None:
        body += f"suivi:\n  {year}:\n    indicateurs:\n      I1: {measure}\n"
    f = fiche(body)
    m = f.suivi[year].indicateurs.get("I1") if year in f.suivi else None
    return indicator_status(f.indicateurs[0], m, year)


RISING = "reference: {annee: 2022, valeur: 10}\ncibles: {2024: 20, 2026: 40}\n"
FALLING = "sens: baisse\nreference: {annee: 2022, valeur: 30}\ncibles: {2024: 10}\n"


@pytest.mark.parametrize("extra, value, expected", [
    (RISING, "20", "atteint"),  # exactly the target
    (RISING, "25", "atteint"),
    (RISING, "15", "partiel"),  # exactly half the way from 10 to 20
    (RISING, "14.9", "non_atteint"),
    (RISING, "5", "non_atteint"),
    (FALLING, "10", "atteint"),  # at the target
    (FALLING, "8", "atteint"),  # below: better
    (FALLING, "20", "partiel"),  # half the way from 30 down to 10
    (FALLING, "21", "non_atteint"),
    (FALLING, "35", "non_atteint"),
    ("cibles: {2024: 100}\n", "50", "partiel"),  # rising without reference: from 0
    ("cibles: {2024: 100}\n", "49", "non_atteint"),
    ("sens: baisse\ncibles: {2024: 10}\n", "11", "non_atteint"),  # falling, no reference
    ("sens: baisse\ncibles: {2024: 10}\n", "10", "atteint"),
])
def test_measured_against_target(extra, value, expected):
    assert indicator(extra, value).statut == expected


def test_latest_target_at_or_before_the_year():
    s = indicator(RISING, "30", year=2025)
    assert (s.cible, s.cible_annee, s.statut) == (20, 2024, "atteint")
    s = indicator(RISING, "30", year=2026)
    assert (s.cible, s.cible_annee, s.statut) == (40, 2026, "partiel")
    s = indicator(RISING, "30", year=2023)
    assert (s.cible, s.statut) == (None, "mesure_sans_cible")


def test_value_with_comment():
    s = indicator(RISING, "{valeur: 20, commentaire: estimation}")
    assert (s.valeur, s.commentaire, s.statut) == (20, "estimation", "atteint")


def test_value_without_target_and_missing_values():
    assert indicator("", "12").statut == "mesure_sans_cible"
    assert indicator(RISING).statut == "non_mesure"
    assert indicator("reference: {annee: 2022, valeur: 3}\n").statut == "non_mesure"
    assert indicator(RISING, "{appreciation: en progrès}").statut == "non_mesure"


def test_qualitative_indicators():
    s = indicator("", "{appreciation: Partenaires nombreux et impliqués}")
    assert (s.qualitatif, s.statut) == (True, "qualitatif_renseigne")
    assert indicator("", "{commentaire: Bonne dynamique}").statut == "qualitatif_renseigne"
    assert indicator("").statut == "qualitatif_non_renseigne"
    assert indicator("", '{appreciation: "  "}').statut == "qualitatif_non_renseigne"


def test_values_of_another_year_do_not_count():
    body = "indicateurs:\n  - {id: I1, type: resultat, libelle: x, cibles: {2023: 5}}\n"
    body += "suivi:\n  2023:\n    indicateurs: {I1: 6}\n"
    s = fiche_status(fiche(body), CONTRAT, 2024, D(2024, 12, 31))
    assert (s.indicateurs[0].statut, s.indicateurs[0].cible) == ("non_mesure", 5)


def test_every_indicator_status_is_reached():
    cases = [indicator(RISING, "20"), indicator(RISING, "15"), indicator(RISING, "1"), indicator("", "3"),
             indicator(RISING), indicator("", "{appreciation: ok}"), indicator("")]
    assert [c.statut for c in cases] == list(STATUTS_INDICATEUR)


# --- governance ----------------------------------------------------------------------------------


def governance(year=2024, as_of="2024-12-31"):
    contrat = CONTRAT.model_copy(update={"gouvernance": Contrat.model_validate({
        **CONTRAT.model_dump(exclude={"gouvernance"}),
        "gouvernance": [
            {"id": "copil", "nom": "Comité de pilotage", "reunions_min_par_an": 1,
             "reunions": [{"date": "2024-06-20"}, {"date": "2023-06-01"}]},
            {"id": "cotech", "nom": "Comité technique", "reunions_min_par_an": 2,
             "reunions": [{"date": "2024-03-01", "objet": "Point"}, {"date": "2024-11-15"}]},
            {"id": "gt", "nom": "Groupes de travail", "reunions": [{"date": "2024-02-02"}]},
            {"id": "assemblee", "nom": "Assemblée fictive", "reunions_min_par_an": 1},
        ]}).gouvernance})
    return {g.id: g for g in governance_status(contrat, year, D.fromisoformat(as_of))}


def test_governance_minimums():
    g = governance()
    assert {k: v.statut for k, v in g.items()} == {
        "copil": "atteint", "cotech": "atteint", "gt": "sans_minimum", "assemblee": "non_atteint"}
    assert [d for d, _ in g["copil"].reunions] == [D(2024, 6, 20)]  # 2023 does not count


def test_governance_during_the_year_counts_meetings_held_so_far():
    g = governance(as_of="2024-07-01")
    assert g["cotech"].statut == "en_cours"
    assert len(g["cotech"].reunions) == 1 and [d for d, _ in g["cotech"].prevues] == [D(2024, 11, 15)]
    assert g["assemblee"].statut == "en_cours"
    assert governance(year=2025, as_of="2025-12-31")["copil"].statut == "non_atteint"
