"""Writing one year of ``suivi`` keeps every other byte; ``campagne etat``; a property test;
a SIGKILL during an import. Follow-up values here are fictitious."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from campaign_helpers import YEAR, cli, fill, prepare, snapshot, territory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clstool.campaign.layout import STATUS_LABELS
from clstool.campaign.splice import checked_splice
from clstool.model.documents import SuiviAnnee

FICHE = """\
# en-tête gardé
id: "9-9"   # un commentaire en fin de ligne
axe: '9'
titre: Fiche fictive
suivi:
  # le suivi 2024, écrit à la main
  2024:
    statut: en_cours  # gardé

  # 2026 : prévu
  2026:
    statut: a_venir
notes:
  - une note après le suivi
"""


def test_insert_between_years_keeps_every_other_byte():
    new = checked_splice(FICHE, 2025, SuiviAnnee(statut="realise", realisations=["fait (fictif)"]))
    assert new == FICHE.replace("  # 2026 : prévu", "  2025:\n    statut: realise\n    realisations:\n"
                                "      - fait (fictif)\n  # 2026 : prévu")
    replaced = checked_splice(new, 2025, SuiviAnnee(statut="abandonne"))
    assert replaced == FICHE.replace("  # 2026 : prévu", "  2025:\n    statut: abandonne\n  # 2026 : prévu")
    assert checked_splice(FICHE, 2024, SuiviAnnee(statut="bloque")).count("# le suivi 2024") == 1


def test_crlf_and_no_final_newline():
    text = "id: \"9-9\"\r\naxe: \"9\"\r\ntitre: Fiche fictive"
    new = checked_splice(text, 2025, SuiviAnnee(avancement=10))
    assert new == text + "\r\nsuivi:\r\n  2025:\r\n    avancement: 10\r\n"


def test_etat_table_json_csv_and_reminders(tmp_path):
    terr = territory(tmp_path)
    out = prepare(terr, tmp_path / "campagne")
    path = next(out.glob("camille*.xlsx"))
    fill(path, {("fiches", "1-1", "statut"): "en cours"})
    assert cli("campagne", "importer", str(path), str(terr), "--annee", str(YEAR))[0] == 0
    code, table, _ = cli("campagne", "etat", str(out), "--relances")
    assert code == 0
    assert "Camille Exemple (CLS : ARS Occitanie – Ville de Montpellier) — réponse partielle" in table
    assert "fiche 1-1 : encore vide : avancement, réalisations" in table
    assert "renvoyer courriels/relance-camille" in table
    assert (out / "courriels").glob("relance-camille*.eml")
    data = json.loads(cli("campagne", "etat", str(out), "-f", "json")[1])
    camille = next(d for d in data["destinataires"] if d["courriel"] == "camille.exemple@example.invalid")
    assert camille["etat"] == "partiel" and next(f for f in camille["fiches"] if f["fiche"] == "1-1")["repondu"]
    target = tmp_path / "etat.csv"
    assert cli("campagne", "etat", str(out), "-f", "csv", "-o", str(target))[0] == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfDestinataire;Courriel;") and b"\r\n" in raw


LABELS = list(STATUS_LABELS.values())
answer = st.fixed_dictionaries({
    "statut": st.sampled_from(LABELS),
    "avancement": st.integers(0, 100),
    "realisations": st.lists(st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1,
                                     max_size=20).map(str.strip).filter(bool), max_size=3),
    "valeur": st.one_of(st.none(), st.integers(-1000, 10**6), st.floats(0, 1000, allow_nan=False).map(lambda x: round(x, 2))),
})


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.dictionaries(st.sampled_from(["1-1", "1-3", "2-1", "4-2"]), answer, min_size=1, max_size=4))
def test_property_prepare_fill_import_status(tmp_path_factory, answers):
    tmp = tmp_path_factory.mktemp("prop")
    terr = territory(tmp)
    out = prepare(terr, tmp / "campagne")
    path = next(out.glob("camille*.xlsx"))
    cells = {}
    for fiche, a in answers.items():
        cells[("fiches", fiche, "statut")] = a["statut"]
        cells[("fiches", fiche, "avancement")] = a["avancement"]
        cells[("fiches", fiche, "realisations")] = "\n".join(a["realisations"]) or None
    if "1-1" in answers:
        cells[("indicateurs", "1-1|P1", "valeur")] = answers["1-1"]["valeur"]
    fill(path, cells)
    code, _, err = cli("campagne", "importer", str(path), str(terr), "--annee", str(YEAR))
    assert code == 0, err
    status = {f["id"]: f for f in json.loads(cli("status", str(terr), "--year", str(YEAR), "-f", "json")[1])["fiches"]}
    codes = {label: code for code, label in STATUS_LABELS.items()}
    for fiche, a in answers.items():
        assert status[fiche]["statut_declare"] == codes[a["statut"]]
        assert status[fiche]["avancement"] == a["avancement"]
    if "1-1" in answers:
        p1 = next(i for i in status["1-1"]["indicateurs"] if i["id"] == "P1")
        assert p1["valeur"] == answers["1-1"]["valeur"]
    assert {f for f in status if status[f]["statut_declare"]} == set(answers)


def test_sigkill_during_import_leaves_old_or_new(tmp_path):
    terr = territory(tmp_path)
    out = prepare(terr, tmp_path / "campagne")
    paths = sorted(out.glob("*.xlsx"))
    for p in paths:
        from openpyxl import load_workbook

        wb = load_workbook(p)
        fiches = [r for r in range(3, wb["Fiches"].max_row + 1) if wb["Fiches"].cell(r, 1).value]
        fill(p, {("fiches", wb["Fiches"].cell(r, 1).value, "statut"): "en cours" for r in fiches})
    before = snapshot(terr)
    cmd = [sys.executable, "-m", "clstool", "campagne", "importer", *map(str, paths), str(terr), "--annee", str(YEAR)]
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(cmd, capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    after = snapshot(terr)
    killed = 0
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8):
        for name, data in before.items():
            (terr / name).write_bytes(data)
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
        now = snapshot(terr)
        assert set(now) == set(before)  # no temporary file left under a .yaml name
        for name in before:
            assert now[name] in (before[name], after[name]), name
    assert killed >= 1
