"""A user's ``report.docx`` / ``report.pptx`` (``--templates``) that is not what its name says, is
damaged, or makes python-docx / python-pptx fail while the report is written: a French message
naming the file (exit 2), never « Erreur interne ». Data: the FICTITIOUS example."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutation_helpers import damaged
from pptx import Presentation

from clstool.cli import main
from clstool.errors import InputError
from clstool.report.build import build
from clstool.report.render import document
from clstool.report.template_files import made_with
from clstool.yamlio.load import load

ROOT = Path(__file__).resolve().parents[2]
SUIVI = str(ROOT / "examples" / "montpellier-suivi")
KINDS = {"docx": ("document Word (.docx)", Document), "pptx": ("diaporama PowerPoint (.pptx)", Presentation)}


@pytest.fixture(scope="module")
def report():
    return build(load([SUIVI]), 2024, dt.date(2024, 12, 31), synthese=True)


def _blank(fmt: str) -> bytes:
    buffer = io.BytesIO()
    KINDS[fmt][1]().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["docx", "pptx"])
def test_a_template_that_is_not_an_office_file_is_named(tmp_path, capsys, fmt):
    (tmp_path / f"report.{fmt}").write_text("pas un document", encoding="utf-8")
    target = tmp_path / f"bilan.{fmt}"
    assert main(["report", SUIVI, "--year", "2024", "-f", fmt, "--synthese", "--templates", str(tmp_path),
                 "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"modèle {tmp_path / f'report.{fmt}'} : ce n'est pas un {KINDS[fmt][0]}" in err
    assert "Erreur interne" not in err and not target.exists()


@pytest.mark.parametrize("fmt", ["docx", "pptx"])
def test_a_zip_without_an_office_document_is_named(tmp_path, report, fmt):
    with zipfile.ZipFile(tmp_path / f"report.{fmt}", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(InputError, match=rf"modèle .*report\.{fmt} illisible \("):
        document(report, fmt, tmp_path)


def test_a_word_file_given_as_the_deck_is_named(tmp_path, report):
    (tmp_path / "report.pptx").write_bytes(_blank("docx"))
    with pytest.raises(InputError, match=r"report\.pptx illisible"):
        document(report, "pptx", tmp_path)


def test_a_failure_is_the_template_s_only_if_it_works_without_it(tmp_path):
    template = tmp_path / "report.docx"

    def fails_with_template(used):
        if used is not None:
            raise KeyError("partie abîmée")
        return b"ok"

    with pytest.raises(InputError, match=r"report\.docx inutilisable \(KeyError : 'partie abîmée'\)"):
        made_with(fails_with_template, template, "document Word (.docx)")

    def always_fails(used):
        raise ZeroDivisionError("bogue de clstool")

    with pytest.raises(ZeroDivisionError):  # clstool's own failure stays one
        made_with(always_fails, template, "document Word (.docx)")


_EXAMPLES = int(os.environ.get("CLSTOOL_FUZZ_WORKBOOKS", "15"))


@settings(max_examples=_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
@pytest.mark.parametrize("fmt", ["docx", "pptx"])
def test_mutated_templates_give_a_document_or_a_message(tmp_path_factory, report, fmt, data):
    folder = tmp_path_factory.mktemp("modele")
    (folder / f"report.{fmt}").write_bytes(damaged(data, _blank(fmt), ("truncate", "flip", "insert", "delete")))
    try:
        made = document(report, fmt, folder)
    except InputError as exc:
        assert f"report.{fmt}" in str(exc)
    else:
        assert made[:2] == b"PK"
