"""The lint rules on the real contracts: what they find in ``data/`` is what the sources say.

This is the worked example of docs/regles.md (section « Ce que les règles trouvent dans
data/montpellier »), checked against the source
document itself, not against our transcription:

- CLS203 / CLS206 / CLS208 fire exactly for the fiches whose form, in the Montpellier source,
  leaves the « OUI / NON » question with both boxes empty (``☐ OUI ☐ NON``): the first such
  question of a fiche is « démarche participative associant les citoyens », the second
  « accès à l'information et aux droits »;
- every spelling CLS215 reports, and the spelling it proposes, occur as such in the source
  (line breaks of the PDF extraction aside): the contract really writes the partner two ways.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import DATA, ROOT
from rulecheck import located

from clstool.lint.run import validate

SOURCES = ROOT.parent / "shared" / "sources"
if not SOURCES.is_dir():
    SOURCES = Path("/work/shared/sources")
MONTPELLIER = SOURCES / "montpellier-cls-2022-2027.txt"


@pytest.fixture(scope="module")
def source() -> str:
    return MONTPELLIER.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def findings():
    result = validate([str(DATA / "montpellier"), str(DATA / "clermont")])
    return result


def fiche_of(d) -> str:
    return Path(d.file).stem


def test_counts_on_data(findings):
    assert findings.summary == {"error": 0, "warning": 21, "info": 0}
    assert Counter(d.code for d in findings.diagnostics) == {"CLS215": 16, "CLS203": 4, "CLS208": 1}
    # Clermont-Ferrand's fiches give only their titles: the completeness rules leave them alone
    assert not [d for d in findings.diagnostics if "/clermont/" in d.file]


def test_exact_findings(findings):
    assert sorted((fiche_of(d), d.line, d.column, d.code) for d in findings.diagnostics if d.code != "CLS215") == [
        ("1-2", 123, 1, "CLS203"), ("2-3", 72, 1, "CLS203"), ("3-1", 104, 1, "CLS203"),
        ("3-3", 60, 1, "CLS203"), ("4-2", 89, 3, "CLS208"),
    ]


def _sections(source: str) -> dict[str, str]:
    """The detailed fiches of the source (« FICHE ACTION N° 1-2 … »), by id."""
    heads = list(re.finditer(r"^ ?FICHE ACTION N° (\d-\d)", source, re.MULTILINE))
    return {m.group(1): source[m.start(): heads[i + 1].start() if i + 1 < len(heads) else len(source)]
            for i, m in enumerate(heads)}


def test_unanswered_questions_are_those_of_the_source(source, findings):
    sections = _sections(source)
    assert len(sections) == 16
    expected: dict[str, set] = {}
    for fiche, text in sections.items():
        participation, acces = re.findall(r"^.*OUI .*NON.*$", text, re.MULTILINE)[:2]
        codes = set()
        if participation.strip() == "☐ OUI ☐ NON":
            codes.add("participation")
        if acces.strip() == "☐ OUI ☐ NON":
            codes.add("acces")
        expected[fiche] = codes
    found: dict[str, set] = {fiche: set() for fiche in sections}
    for d in findings.diagnostics:
        if d.code == "CLS203":
            found[fiche_of(d)].add("participation")
        if d.code in ("CLS206", "CLS208"):
            found[fiche_of(d)].add("acces")
    assert found == expected
    assert sum(map(len, expected.values())) == 5  # 1-2, 2-3, 3-1, 3-3 (participation); 4-2 (accès)


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_spelling_reported_is_in_the_source(source, findings):
    flat = _collapse(source)
    spellings = []
    for d in findings.diagnostics:
        if d.code == "CLS215":
            spellings += re.findall(r"« ([^»]+) »", d.message)
    assert len(spellings) == 32  # the spelling found and the one proposed, for each of the 16
    for spelling in set(spellings):
        assert _collapse(spelling) in flat, spelling
    assert {"CPAM 34", "CPAM34", "CPAM de l’Hérault", "SUMPPS – CSU", "SUMPPS CSU", "ARS DD34", "ARS (DD34)",
            "Collectif M Sans Sida", "Collectif M sans sida", "professionnels de santé",
            "Professionnels de santé"} <= set(spellings)


def test_follow_up_rules_would_flag_every_detailed_fiche():
    # why CLS219 and CLS220 are opt-in: the signed contracts have no follow-up at all
    result = validate([str(DATA / "montpellier")], select=["CLS219"], today=dt.date(2025, 3, 1))
    assert len(result.diagnostics) == 16


def test_real_data_has_no_calendar_finding():
    assert located(str(DATA / "montpellier"), str(DATA / "clermont")) == []
