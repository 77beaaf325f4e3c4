"""``clstool import tet`` on malformed, huge and hostile workbooks (all built here, small).

Each one must end in a French message naming the file (exit 2, or 1 for findings), within
seconds, without a traceback or an « Erreur interne », and leave no territory (not even a part
of one, nor a temporary folder) on disk. The bounds of :mod:`clstool.sheets.read` trip
before the content is read: the workbooks claim sizes they do not have.
"""

from __future__ import annotations

import functools
import io
import os
import re
import time
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutation_helpers import damaged, rezip
from tet_helpers import TEMPLATE_HEADERS, workbook

from clstool.cli import main
from clstool.interop.tet.vocabulary import template_path
from clstool.sheets.read import Limits, read_workbook

ROWS = [{"Axe (x)": "1. Prévenir", "Titre de la fiche action": "Action 1. Ateliers (fictif)", "Statut ": "En cours"},
        {"Axe (x)": "1. Prévenir", "Titre de la fiche action": "Action 2. Forum (fictif)"}]


def valid(tmp_path: Path) -> bytes:
    return workbook(tmp_path / "valide.xlsx", TEMPLATE_HEADERS, ROWS).read_bytes()


def member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def claim_size(data: bytes, name: str, size: int) -> bytes:
    """The zip with member ``name`` claiming ``size`` bytes uncompressed (local and central headers)."""
    buf, encoded, pos = bytearray(data), name.encode(), 0
    while (pos := buf.find(b"PK\x01\x02", pos)) != -1:
        length = int.from_bytes(buf[pos + 28:pos + 30], "little")
        if buf[pos + 46:pos + 46 + length] == encoded:
            buf[pos + 24:pos + 28] = size.to_bytes(4, "little")
            local = int.from_bytes(buf[pos + 42:pos + 46], "little")
            buf[local + 22:local + 26] = size.to_bytes(4, "little")
        pos += 4
    return bytes(buf)


def sheet_xml(data: bytes) -> str:
    return member(data, "xl/worksheets/sheet1.xml").decode()


def with_sheet(data: bytes, xml: str) -> bytes:
    return rezip(data, {"xl/worksheets/sheet1.xml": xml.encode()})


def add_cells(data: bytes, cells: str) -> bytes:
    """``cells`` (XML ``<row>`` elements) appended to the first sheet's data."""
    return with_sheet(data, sheet_xml(data).replace("</sheetData>", cells + "</sheetData>"))


def refused(tmp_path: Path, capsys, content: bytes, *expected: str, name: str = "hostile.xlsx",
            codes: tuple[int, ...] = (2,)) -> str:
    """Import ``content``: the exit code is one of ``codes``, stderr names the file and says
    each of ``expected``, nothing is left on disk, in under 10 s."""
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "territoire"
    start = time.monotonic()
    code = main(["import", "tet", str(path), "-o", str(out)])
    elapsed = time.monotonic() - start
    err = capsys.readouterr().err
    assert code in codes, err
    assert elapsed < 10, f"{elapsed:.1f} s"
    assert f"{name} :" in err
    for text in expected:
        assert text in err, err
    assert "Traceback" not in err and "Erreur interne" not in err
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    return err


# --- not an .xlsx ------------------------------------------------------------------------------------


def test_csv_ods_xls_encrypted_empty_and_truncated_files(tmp_path, capsys):
    refused(tmp_path, capsys, "Axe;Titre\n1;Fiche (fictive)\n".encode(), "fichier texte (CSV ?)", name="plan.csv")
    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    refused(tmp_path, capsys, ods.getvalue(), "classeur OpenDocument (.ods)", name="plan.ods")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    refused(tmp_path, capsys, ole + bytes(1024), "Excel 97-2003 (.xls)", name="plan.xls")
    encrypted = ole + "EncryptionInfo".encode("utf-16-le") + bytes(8) + "EncryptedPackage".encode("utf-16-le")
    refused(tmp_path, capsys, encrypted, "protégé par un mot de passe", name="protege.xlsx")
    refused(tmp_path, capsys, b"", "fichier vide", name="vide.xlsx")
    data = valid(tmp_path)
    refused(tmp_path, capsys, data[: len(data) // 2], "archive .xlsx abîmée", name="tronque.xlsx")
    refused(tmp_path, capsys, rezip(data, {"xl/workbook.xml": b""}), "illisible", name="sans-classeur.xlsx")


# --- malformed or forbidden XML ------------------------------------------------------------------


def test_malformed_xml_parts(tmp_path, capsys):
    data = valid(tmp_path)
    refused(tmp_path, capsys, with_sheet(data, sheet_xml(data)[:-40]), "feuille « Fichier dimport » illisible",
            "XML mal formé")
    refused(tmp_path, capsys, rezip(data, {"xl/styles.xml": b"<styleSheet"}), "classeur .xlsx illisible",
            "XML mal formé")
    refused(tmp_path, capsys, add_cells(data, '<row r="30"><c r="A30" t="n"><v>douze</v></c></row>'),
            "feuille « Fichier dimport » illisible")


def test_a_bad_shared_string_index_names_the_cell(tmp_path, capsys):
    data = template_path().read_bytes()
    xml = member(data, "xl/worksheets/sheet2.xml").decode()
    cell = re.search(r'<c r="([A-Z]+\d+)"[^>]*t="s"[^>]*><v>\d+</v>', xml)
    broken = xml.replace(cell.group(0), re.sub(r"<v>\d+</v>", "<v>999999</v>", cell.group(0)), 1)
    refused(tmp_path, capsys, rezip(data, {"xl/worksheets/sheet2.xml": broken.encode()}),
            f"cellule {cell.group(1)}", "texte partagé n° 999999, qui n'existe pas")


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
    '<!DOCTYPE worksheet [<!ENTITY c SYSTEM "file:///etc/passwd">]>',
])
def test_entities_are_refused_with_a_message(tmp_path, capsys, doctype):
    data = valid(tmp_path)
    xml = sheet_xml(data)
    xml = doctype + xml.replace("</sheetData>", '<row r="30"><c r="A30" t="inlineStr"><is><t>&c;</t></is></c></row>'
                                                "</sheetData>")
    refused(tmp_path, capsys, with_sheet(data, xml), "entités ou une DTD, refusé par sécurité")
    refused(tmp_path, capsys, rezip(data, {"xl/workbook.xml": (doctype + member(data, "xl/workbook.xml").decode()
                                                                .replace("<?xml version=\"1.0\"?>", "")).encode()}),
            "partie xl/workbook.xml", "refusé par sécurité", name="classeur.xlsx")


# --- huge, or claiming to be ----------------------------------------------------------------------


def test_cells_far_away_are_refused_before_reading(tmp_path, capsys):
    data = valid(tmp_path)
    refused(tmp_path, capsys, add_cells(data, '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is>'
                                              "</c></row>"), "cellule A1048576", "au-delà des 20000 lignes")
    refused(tmp_path, capsys, add_cells(data, '<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>'),
            "feuille « Fichier dimport », cellule XFD1048576")


def test_claims_that_cost_nothing_are_imported_quickly(tmp_path, capsys):
    """A declared dimension A1:XFD1048576, styled empty cells at the far corner and a merged
    range over the whole sheet are bounded by the cells that hold a value."""
    data = valid(tmp_path)
    xml = re.sub(r'<dimension ref="[^"]*" ?/>', '<dimension ref="A1:XFD1048576"/>', sheet_xml(data))
    xml = xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>')
    xml = re.sub(r"(</sheetData>)", r'\1<mergeCells count="1"><mergeCell ref="AA1:XFD1048576"/></mergeCells>', xml)
    path = tmp_path / "etendu.xlsx"
    path.write_bytes(with_sheet(data, xml))
    start = time.monotonic()
    code = main(["import", "tet", str(path), "-o", str(tmp_path / "t"), "--periode", "2025-2030", "--annee", "2026"])
    assert time.monotonic() - start < 10
    assert code == 0, capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "t" / "fiches").iterdir()) == ["1.yaml", "2.yaml"]


def test_a_huge_merged_range_with_a_value_is_bounded(tmp_path, capsys):
    data = add_cells(valid(tmp_path), '<row r="1000"><c r="RL1000" t="n"><v>1</v></c></row>')
    xml = sheet_xml(data).replace("</sheetData>", '</sheetData><mergeCells count="1">'
                                                  '<mergeCell ref="A1:XFD1048576"/></mergeCells>')
    sheet = read_workbook(_saved(tmp_path, with_sheet(data, xml)))[0]
    assert (sheet.max_row, sheet.max_column) == (1000, 480)  # the merge is clipped to the used area
    assert sheet.value(1000, 479) == sheet.value(1, 1) == "Présentation de l’action"
    with pytest.raises(Exception, match="cellules fusionnées trop étendues"):
        read_workbook(_saved(tmp_path, with_sheet(data, xml)), Limits(cells=400_000))
    wide = add_cells(data, '<row r="4200"><c r="RR4200" t="n"><v>1</v></c></row>')
    refused(tmp_path, capsys, with_sheet(wide, sheet_xml(wide)), "zone utilisée A1:RR4200 trop étendue")


def _saved(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "lu.xlsx"
    path.write_bytes(content)
    return path


def test_members_claiming_hundreds_of_megabytes_are_not_decompressed(tmp_path, capsys):
    data = valid(tmp_path)
    refused(tmp_path, capsys, claim_size(data, "xl/worksheets/sheet1.xml", 300 * 1024 * 1024),
            "la partie xl/worksheets/sheet1.xml ferait 300 Mo une fois décompressée")
    bomb = rezip(data, extra={"xl/media/bombe.bin": b"\0" * (8 * 1024 * 1024)})
    refused(tmp_path, capsys, bomb, "xl/media/bombe.bin est compressée plus de 100 fois")
    many = rezip(data, extra={f"xl/media/{i}.bin": b"" for i in range(2001)})
    refused(tmp_path, capsys, many, "fichiers dans l'archive, plus que les 2000 lus")


def test_a_cell_longer_than_excel_allows_is_named(tmp_path, capsys):
    text = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(40_000))  # does not compress 100:1
    data = add_cells(valid(tmp_path), f'<row r="30"><c r="F30" t="inlineStr"><is><t>{text}</t></is></c></row>')
    refused(tmp_path, capsys, data, "cellule F30 : 40000 caractères, plus que les 32767")


def test_the_time_limit_stops_a_slow_reading(tmp_path):
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="n"><v>{r}</v></c></row>' for r in range(100, 20_000))
    path = _saved(tmp_path, add_cells(valid(tmp_path), rows))
    with pytest.raises(Exception, match=r"lu.xlsx : lecture interrompue après 0 s"):
        read_workbook(path, Limits(seconds=0))


# --- nothing half-written --------------------------------------------------------------------------


def test_an_import_that_cannot_replace_a_file_changes_nothing(tmp_path, capsys):
    source = workbook(tmp_path / "plan.xlsx", TEMPLATE_HEADERS, ROWS)
    out = tmp_path / "t"
    (out / "fiches" / "2.yaml").mkdir(parents=True)
    (out / "contrat.yaml").write_text("# à garder\n", encoding="utf-8")
    assert main(["import", "tet", str(source), "-o", str(out), "--force"]) == 2
    assert "fiches/2.yaml" in capsys.readouterr().err
    assert (out / "contrat.yaml").read_text(encoding="utf-8") == "# à garder\n"
    assert sorted(p.name for p in (out / "fiches").iterdir()) == ["2.yaml"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# --- fuzzing: the template, filled, then mutated at the zip and XML level --------------------------


@functools.cache
def _filled_template() -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # « Data Validation extension is not supported »
        wb = openpyxl.load_workbook(template_path())
    ws = wb["Fichier dimport"]
    ws["A6"], ws["D6"], ws["Y6"] = "1. Prévenir", "Action 2. Forum santé (fictif)", "En cours"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


#: CI: 40 examples; benchmarks/fuzz_long.py sets CLSTOOL_FUZZ_WORKBOOKS for the long run
_EXAMPLES = int(os.environ.get("CLSTOOL_FUZZ_WORKBOOKS", "40"))


@settings(max_examples=_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_templates_never_crash(tmp_path, capsys, data):
    path = tmp_path / "mute.xlsx"
    path.write_bytes(damaged(data, _filled_template()))
    out = tmp_path / "sortie"
    start = time.monotonic()
    code = main(["import", "tet", str(path), "-o", str(out), "--periode", "2022-2030", "--annee", "2026",
                 "--force"])
    err = capsys.readouterr().err
    assert time.monotonic() - start < 10
    assert "Erreur interne" not in err and "Traceback" not in err, err
    if code == 2:
        assert "mute.xlsx" in err or "période" in err or "fiche" in err, err
        assert not out.exists() or not list(out.iterdir()) or (out / "contrat.yaml").exists()
    else:
        assert code in (0, 1)
        assert (out / "contrat.yaml").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
