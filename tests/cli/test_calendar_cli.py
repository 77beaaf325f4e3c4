"""`clstool calendar` as a user runs it: formats, filters, files, exit codes."""

from __future__ import annotations

import json

import icalendar
from conftest import run

# What data/montpellier plans in 2024, in the order the calendar lists it:
# (fiche, periode, jalon, debut, fin). Read from the source (see test_calendar.py).
MONTPELLIER_2024 = [
    ("1-1", "Sur toute la durée du CLS", None, "2022-01-01", "2027-12-31"),
    ("1-1", "3ème trimestre 2024", "Diffusion", "2024-07-01", "2024-09-30"),
    ("1-1", "4ème trimestre 2024", None, "2024-10-01", "2024-12-31"),
    ("1-2", "3ème et 4ème trimestre 2024", None, "2024-07-01", "2024-12-31"),
    ("1-2", "3ème et 4ème trimestre 2024", None, "2024-07-01", "2024-12-31"),
    ("1-3", "2024", None, "2024-01-01", "2024-12-31"),
    ("1-3", "4ème trimestre 2024", None, "2024-10-01", "2024-12-31"),
    ("2-2", "Février", "Bilan année N-1 / perspectives année N", "2024-02-01", "2024-02-29"),
    ("2-2", "Mai", "Identification des actions", "2024-05-01", "2024-05-31"),
    ("2-2", "Juillet Août", "Organisation du programme", "2024-07-01", "2024-08-31"),
    ("2-2", "Septembre", "Communication", "2024-09-01", "2024-09-30"),
    ("2-2", "Octobre", "Réalisation", "2024-10-01", "2024-10-31"),
    ("3-1", "2024 à 2027", None, "2024-01-01", "2027-12-31"),
    ("3-2", "2024", None, "2024-01-01", "2024-12-31"),
    ("3-2", "2024", None, "2024-01-01", "2024-12-31"),
    ("3-3", "2024", "période de rodage", "2024-01-01", "2024-12-31"),
    ("4-1", "Premier trimestre 2024", "Diffusion des outils de communication", "2024-01-01", "2024-03-31"),
    ("4-3", "2ème trimestre 2024", None, "2024-04-01", "2024-06-30"),
    ("4-3", "3ème trimestre 2024", None, "2024-07-01", "2024-09-30"),
    ("4-3", "4ème trimestre 2024", None, "2024-10-01", "2024-12-31"),
    ("4-4", "Sur toute la durée du CLS", None, "2022-01-01", "2027-12-31"),
    ("5-1", "2022 - 2027", None, "2022-01-01", "2027-12-31"),
    ("5-2", "1er trimestre 2024", None, "2024-01-01", "2024-03-31"),
    ("5-3", "2024", None, "2024-01-01", "2024-12-31"),
]


def test_json_2024_lists_exactly_what_the_source_plans():
    proc = run("calendar", "data/montpellier", "--year", "2024", "--as-of", "2024-06-15", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    out = json.loads(proc.stdout)
    assert out["year"] == 2024 and out["as_of"] == "2024-06-15"
    got = [(i["fiche"], i["periode"], i["jalon"], i["debut"], i["fin"]) for i in out["items"]]
    assert got == MONTPELLIER_2024
    assert {i["territoire"] for i in out["items"]} == {"Ville de Montpellier"}
    statuses = {(i["fiche"], i["periode"]): i["statut"] for i in out["items"]}
    assert statuses[("2-2", "Mai")] == "echeance_passee"
    assert statuses[("2-2", "Juillet Août")] == "a_venir"
    assert statuses[("4-3", "2ème trimestre 2024")] == "en_cours"
    assert statuses[("3-1", "2024 à 2027")] == "en_cours"
    decl = {(i["fiche"], i["periode"], i["declinaison"]) for i in out["items"]}
    assert ("2-2", "Mai", None) in decl  # the SISM calendar belongs to the fiche itself
    assert ("4-3", "2ème trimestre 2024", "Réaliser un diagnostic local en santé sexuelle") in decl


def test_ics_has_as_many_events_as_json_items(tmp_path):
    as_json = run("calendar", "data/montpellier", "--year", "2024", "--format", "json")
    as_ics = run("calendar", "data/montpellier", "--year", "2024", "--format", "ics")
    assert as_ics.returncode == 0, as_ics.stderr
    assert as_ics.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    events = list(icalendar.Calendar.from_ical(as_ics.stdout_bytes).walk("VEVENT"))
    items = json.loads(as_json.stdout)["items"]
    # the 3 entries over the whole contract (2022–2027) are events only in 2022 and 2027
    whole = [i for i in items if (i["debut"], i["fin"]) == ("2022-01-01", "2027-12-31")]
    assert len(items) == 24 and len(whole) == 3
    items = [i for i in items if i not in whole]
    assert len(events) == len(items)
    for event, item in zip(events, items, strict=True):
        assert event.decoded("DTSTART").isoformat() == item["debut"]
        assert str(event["SUMMARY"]).startswith(item["fiche"])


def test_output_file_is_written(tmp_path):
    target = tmp_path / "cls-2024.ics"
    proc = run("calendar", "data/montpellier", "--year", "2024", "--as-of", "2024-03-01", "--format", "ics",
               "-o", str(target))
    assert proc.returncode == 0 and proc.stdout == ""
    data = target.read_bytes()
    assert b"\r\nDTSTAMP:20240301T000000Z\r\n" in data
    assert len(list(icalendar.Calendar.from_ical(data).walk("VEVENT"))) == 24 - 3  # 3 over the whole contract
    assert [p.name for p in tmp_path.iterdir()] == ["cls-2024.ics"]  # no temporary file left
    again = run("calendar", "data/montpellier", "--year", "2024", "--as-of", "2024-03-01", "--format", "ics",
                "-o", str(target))
    assert again.returncode == 0 and target.read_bytes() == data  # reproducible


def test_table_is_the_default_and_honours_no_color():
    proc = run("calendar", "data/montpellier", "--year", "2024", "--as-of", "2024-06-15", "--fiche", "2-2,4-4",
               env={"NO_COLOR": "1", "COLUMNS": "150"})
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert "\x1b[" not in text
    assert "Calendrier 2024 — au 15/06/2024" in text
    assert "JFMAMJJASOND" in text
    assert "Juillet Août ↻" in text and "Sur toute la durée du CLS" in text
    assert "│ Axe 2 │ Améliorer le bien-être" in text and "│ Axe 4 │" in text and "Axe 1" not in text
    assert "6 entrées de calendrier en 2024 (2 fiches)." in text


def test_table_to_a_file_is_plain_text(tmp_path):
    target = tmp_path / "calendrier.txt"
    proc = run("calendar", "data/montpellier", "--year", "2023", "--axe", "2", "-o", str(target))
    assert proc.returncode == 0
    text = target.read_text(encoding="utf-8")
    assert "Calendrier 2023 — au 31/12/2023" in text and "Mettre en place un Conseil Local" in text
    assert "│ 2-1.3 │ Structurer, organiser et lancer le" in text
    assert "\x1b[" not in text


def test_axe_filter_in_json():
    proc = run("calendar", "data/montpellier", "--year", "2024", "--axe", "4", "--format", "json")
    assert {i["fiche"] for i in json.loads(proc.stdout)["items"]} == {"4-1", "4-3", "4-4"}


def test_usage_errors_exit_2():
    unknown = run("calendar", "data/montpellier", "--year", "2024", "--fiche", "9-9")
    assert unknown.returncode == 2 and "fiche introuvable : 9-9" in unknown.stderr
    bad_date = run("calendar", "data/montpellier", "--year", "2024", "--as-of", "31/12/2024")
    assert bad_date.returncode == 2 and "AAAA-MM-JJ" in bad_date.stderr
    no_year = run("calendar", "data/montpellier")
    assert no_year.returncode == 2
    bad_format = run("calendar", "data/montpellier", "--year", "2024", "--format", "pdf")
    assert bad_format.returncode == 2
    missing = run("calendar", "nulle-part", "--year", "2024")
    assert missing.returncode == 2 and "chemin introuvable" in missing.stderr


def test_unparsed_periods_are_kept_and_reported(territory, tmp_path):
    territory.fiche("1-1", 'id: "1-1"\naxe: "1"\ntitre: Fictive\ncalendrier:\n  - Au plus vite\n  - "2024"\n')
    proc = run("calendar", "terr", "--year", "2024", "--as-of", "2024-05-01", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0
    items = json.loads(proc.stdout)["items"]
    assert [(i["periode"], i["debut"], i["fin"], i["statut"]) for i in items] == [
        ("Au plus vite", None, None, None), ("2024", "2024-01-01", "2024-12-31", "en_cours")]
    assert "période non reconnue" in proc.stderr and "« Au plus vite »" in proc.stderr
    ics = run("calendar", "terr", "--year", "2024", "--format", "ics", cwd=tmp_path)
    parsed = icalendar.Calendar.from_ical(ics.stdout)
    assert len(list(parsed.walk("VEVENT"))) == 1
    assert "Au plus vite" in str(parsed["X-CLSTOOL-PERIODE-NON-RECONNUE"])
    table = run("calendar", "terr", "--year", "2024", cwd=tmp_path, env={"NO_COLOR": "1", "COLUMNS": "150"})
    assert "période non reconnue" in table.stdout


def test_broken_part_is_marked_and_listed_with_exit_1(territory, tmp_path):
    territory.fiche("1-1", 'id: "1-1"\naxe: "1"\ntitre: Fictive\ncalendrier:\n  - "2024"\n')
    territory.fiche("1-2", 'id: "1-2"\naxe: "1"\ntitre: Fictive\ncalendrier: 2024\n')
    proc = run("calendar", "terr", "--year", "2024", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    out = json.loads(proc.stdout)
    assert [i["fiche"] for i in out["items"]] == ["1-1"]  # 1-2 has no calendar left to show
    assert out["erreurs"]["terr/fiches/1-2.yaml"].startswith("Fiche incomplète (terr/fiches/1-2.yaml) : ligne 4, colonne 13")
    assert "terr/fiches/1-2.yaml:4:13: erreur CLS022" in proc.stderr
