"""Control characters from the files never reach a terminal, a CI log or an XML file raw.

The payloads (fictitious fiches) are those of issue 19: an escape sequence that sets the
terminal's title, a carriage return followed by a fake « 0 erreur », a line erasure, a NUL, a
newline inside a value. Each output format shows them written out (``\\x1b``…) or escapes them
its own way (JSON, RFC 5545), and one diagnostic stays on one line.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import icalendar
import pytest

from clstool.cli import main
from clstool.printable import json_safe, visible, xml_safe

PAYLOAD = "\\e]0;pirate\\a\\r0 erreur\\e[2K\\0fin\\nsuite"  # YAML double-quoted escapes
SHOWN = "\\x1b]0;pirate\\x07\\r0 erreur\\x1b[2K\\x00fin"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f\x9b]")  # what a terminal acts on (newline and tab aside)


@pytest.fixture
def hostile(territory):
    territory.fiche("1-1", f'# FICTIF\nid: "1-1"\naxe: "1"\ntitre: "Titre {PAYLOAD}"\npriorite: "{PAYLOAD}"\n'
                           'calendrier: ["2024"]\n')
    territory.fiche("1-2", f'# FICTIF\nid: "1-2"\naxe: "1"\ntitre: "Sommeil {PAYLOAD}"\ncalendrier: ["2024"]\n')
    return territory.root


def test_visible_and_xml_safe():
    assert visible("a\x1b[31mb\r\n\tc\x00\x9b\u202e") == "a\\x1b[31mb\\r\\n\tc\\x00\\x9b\\u202e"
    assert visible("ligne 1\nligne 2", one_line=False) == "ligne 1\nligne 2"
    assert xml_safe("a\x00b\nc\x1f") == "a\\x00b\nc\\x1f"
    assert visible("Élu·e « référent » 12 €") == "Élu·e « référent » 12 €"


def test_text_format_one_line_per_problem_nothing_raw(hostile, capsys):
    assert main(["validate", str(hostile)]) == 1
    out = capsys.readouterr().out
    assert not RAW.search(out)
    [line] = [line for line in out.splitlines() if "CLS023" in line and "1-1.yaml" in line]
    assert SHOWN + "\\nsuite" in line
    assert "Trouvé : 1 erreur" in out


def test_github_commands_escape_controls(hostile, capsys):
    assert main(["validate", str(hostile), "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert not RAW.search(out)
    [line] = [line for line in out.splitlines() if "CLS023" in line]
    assert SHOWN + "%0Asuite" in line


def test_junit_is_valid_xml(hostile, capsys):
    assert main(["validate", str(hostile), "--format", "junit"]) == 1
    root = ET.fromstring(capsys.readouterr().out)
    [failure] = [f for f in root.iter("failure") if "CLS023" in f.text]
    assert SHOWN + "\nsuite" in failure.get("message")


def test_json_and_sarif_escape_controls_themselves(hostile, capsys):
    assert main(["validate", str(hostile), "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert not RAW.search(out)
    [d] = [d for d in json.loads(out)["diagnostics"] if d["code"] == "CLS023"]
    assert "\x1b]0;pirate\x07\r0 erreur" in d["message"]  # JSON keeps the value, escaped as \u001b
    assert main(["validate", str(hostile), "--format", "sarif"]) == 1
    assert not RAW.search(capsys.readouterr().out)


def test_ics_has_no_control_characters(hostile, capsys):
    assert main(["calendar", str(hostile), "--year", "2024", "--format", "ics"]) in (0, 1)
    out = capsys.readouterr().out
    assert not RAW.search(out.replace("\r\n", ""))
    calendar = icalendar.Calendar.from_ical(out)
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    # a carriage return is a line break in a calendar's text (RFC 5545 « \\n »)
    assert any(SHOWN.replace("\\r", "\n") + "\nsuite" in s for s in summaries), summaries


@pytest.mark.parametrize("command", [["status", "--year", "2024"], ["calendar", "--year", "2024"]])
def test_tables_show_controls_written_out(hostile, capsys, command):
    assert main([command[0], str(hostile), *command[1:]]) in (0, 1)
    captured = capsys.readouterr()
    assert not RAW.search(captured.out + captured.err)
    assert "\\x1b]0;pirate" in captured.out.replace("\n", "").replace("│", "").replace(" ", "")


def test_error_messages_show_controls_written_out(tmp_path, capsys):
    name = tmp_path / "plan\x1b]0;pirate\x07.xlsx"
    assert main(["import", "tet", str(name), "-o", str(tmp_path / "t")]) == 2
    err = capsys.readouterr().err
    assert not RAW.search(err)
    assert "plan\\x1b]0;pirate\\x07.xlsx" in err


def test_line_and_paragraph_separators_never_split_a_line():
    # U+2028 / U+2029 end a line for editors and Python's splitlines (found by the long fuzz run)
    assert visible("a\u2028b\u2029c") == "a\\u2028b\\u2029c"
    raw = json.dumps({"titre": "a\u2028b\u2029c"}, ensure_ascii=False)
    assert json_safe(raw).splitlines() == [json_safe(raw)]
    assert json.loads(json_safe(raw)) == {"titre": "a\u2028b\u2029c"}  # the same data once parsed
