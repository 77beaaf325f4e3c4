"""``clstool campagne preparer``: workbooks, index, e-mail drafts (read back by real clients)."""

from __future__ import annotations

import csv
import email
import io
from email import policy

import pytest
from campaign_helpers import YEAR, cli, prepare, rows_by_key, sheet, territory
from openpyxl import load_workbook

from clstool.campaign.addressees import group
from clstool.campaign.prepare import load_territory
from clstool.errors import InputError


def test_one_workbook_per_carrier_each_fiche_once(tmp_path):
    terr = territory(tmp_path)
    out = prepare(terr, tmp_path / "campagne")
    rows = list(csv.reader(io.StringIO((out / "index.csv").read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Destinataire", "Personne", "Courriel", "Classeur"]
    assert (out / "index.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    fiches = [f for row in rows[1:] for f in row[5].split(", ")]
    assert sorted(fiches) == sorted(p.stem for p in (terr / "fiches").glob("*.yaml"))
    assert len(fiches) == len(set(fiches))  # never two people for one fiche
    first = next(r for r in rows if r[1] == "Camille Exemple")
    assert first[2] == "camille.exemple@example.invalid" and "1-1" in first[5].split(", ")
    for row in rows[1:]:
        assert (out / row[3]).is_file()


def test_workbook_cells_locked_validated_and_printable(tmp_path):
    out = prepare(territory(tmp_path), tmp_path / "campagne")
    wb = load_workbook(next(out.glob("camille*.xlsx")))
    assert wb.sheetnames[0] == "Mode d'emploi"
    assert wb["_clstool"].sheet_state == "veryHidden"
    fiches = sheet(wb, "fiches")
    assert fiches.protection.sheet and fiches.column_dimensions["A"].hidden and fiches.row_dimensions[1].hidden
    assert fiches.page_setup.orientation == "landscape" and int(fiches.page_setup.paperSize) == 9  # A4
    assert fiches.print_title_rows.replace("$", "") == "2:2"
    row = rows_by_key(fiches)["1-1"]
    assert fiches.cell(row, 3).protection.locked  # the title: read-only
    assert not fiches.cell(row, 6).protection.locked  # the status: to fill
    rules = {dv.type: dv for dv in fiches.data_validations.dataValidation}
    assert "réalisé" in rules["list"].formula1 and rules["list"].formula1.count(",") == 7
    assert (rules["whole"].formula1, rules["whole"].formula2) == ("0", "100")


def test_eml_draft_parses_with_its_attachment(tmp_path):
    out = prepare(territory(tmp_path), tmp_path / "campagne")
    draft = next((out / "courriels").glob("camille*.eml"))
    message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert message["To"].addresses[0].addr_spec == "camille.exemple@example.invalid"
    assert message["From"].addresses[0].addr_spec == "alex.coordination@example.invalid"
    assert str(YEAR) in message["Subject"] and message["Date"] is not None
    body = message.get_body(("plain",)).get_content()
    assert body.startswith("Bonjour Camille Exemple,") and "1-1" in body
    attachments = list(message.iter_attachments())
    assert len(attachments) == 1
    name = attachments[0].get_filename()
    assert attachments[0].get_content() == (out / name).read_bytes()
    # people without an e-mail address get no draft
    assert len(list((out / "courriels").glob("*.eml"))) == 2


def test_grouping_by_fiche_and_axis(tmp_path):
    terr = territory(tmp_path)
    loaded = load_territory(str(terr))
    fiches = [f for _, f in loaded.fiches]
    assert len(group(fiches, loaded.contrat, "fiche")) == len(fiches)
    assert {a.label for a in group(fiches, loaded.contrat, "axe")} == {f"Axe {f.axe}" for f in fiches}


def test_contact_list_is_checked(tmp_path):
    terr = territory(tmp_path, contacts=False)
    with open(terr / "contrat.yaml", "a", encoding="utf-8") as handle:
        handle.write("contacts:\n  - organisation: A\n    fiches: [\"1-1\"]\n"
                     "  - organisation: B\n    fiches: [\"1-1\"]\n")
    loaded = load_territory(str(terr))
    with pytest.raises(InputError, match="1-1 est attribuée à deux contacts"):
        group([f for _, f in loaded.fiches], loaded.contrat)
    code, _, err = cli("validate", str(terr))
    bad = terr / "contrat.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("organisation: B", "organisation: B\n    courriel: pas-une-adresse"),
                   encoding="utf-8")
    code, out, err = cli("validate", str(terr))
    assert code == 1 and "pas-une-adresse" in out + err


def test_text_from_the_yaml_is_never_a_formula_in_the_workbook(tmp_path):
    """A fiche titled like a formula (fictitious) is shown as text to the carrier, and the
    index CSV neutralises it too (OWASP « CSV injection »)."""
    terr = territory(tmp_path)
    fiche = terr / "fiches" / "1-1.yaml"
    text = fiche.read_text(encoding="utf-8")
    title = '=HYPERLINK("http://x","clic")'
    fiche.write_text(text.replace(text.split("titre:", 1)[1].split("\n", 1)[0], f" '{title}'", 1), encoding="utf-8")
    out = prepare(terr, tmp_path / "campagne")
    wb = load_workbook(next(out.glob("camille*.xlsx")))
    fiches = sheet(wb, "fiches")
    cells = [c for row in fiches.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells), [(c.coordinate, c.data_type) for c in cells]
