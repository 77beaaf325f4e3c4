"""Validation results for CI systems: GitHub annotations, SARIF 2.1.0, JUnit XML.

- ``github``: one workflow command per problem,
  ``::warning file=…,line=…,col=…,title=CLS203::message`` (``error``, ``warning``, ``notice``
  for info), escaped as GitHub's toolkit does (``%``, CR, LF in the message; also ``:`` and
  ``,`` in the properties). GitHub shows them on the lines of the merge request's diff.
- ``sarif``: a SARIF 2.1.0 log (OASIS standard; GitHub code scanning, GitLab, VS Code SARIF
  viewer) with one run, the metadata of every code (name, summary, documentation, default
  level, enabled or opt-in) and one result per problem. Relative paths are relative to
  ``%SRCROOT%``, the root of the git repository clstool ran in (the folder it ran in, outside
  git), as code scanning expects; columns count Unicode code points.
- ``github`` paths are relative to the same root: GitHub places annotations by repository path.
- ``junit``: JUnit XML for GitLab's and Jenkins' test reports: one ``<testsuite>`` per file,
  one failing ``<testcase>`` per error (and per warning with ``--strict``, as for the exit
  code), a passing one for a file without problem; warnings (without ``--strict``) and info
  diagnostics are passing test cases with the message in ``<system-out>``.

Control characters from the files (an escape character, a NUL) are written out
(:func:`clstool.printable.visible`) in the GitHub commands, which end up in a CI log, and in the
JUnit XML, where XML 1.0 forbids them; SARIF is JSON, which escapes them itself.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

from clstool import __version__
from clstool.fsutil import repository_root
from clstool.lint.registry import catalogue
from clstool.lint.run import ValidationResult
from clstool.model.diagnostic import Diagnostic, Severity
from clstool.printable import json_safe, visible, xml_safe

# --- GitHub workflow commands --------------------------------------------------------------

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    text = visible(text.replace("\r\n", "\n"), one_line=False)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def source_root(cwd: str | os.PathLike | None = None) -> Path:
    """The folder CI paths are relative to: the root of the git repository holding ``cwd``
    (default: the working directory), where GitHub and code-scanning tools look for files;
    ``cwd`` itself outside git."""
    here = Path(cwd if cwd is not None else os.getcwd()).resolve()
    return repository_root(here) or here


def ci_path(file: str, root: Path, cwd: str | os.PathLike | None = None) -> str:
    """``file`` (as clstool names it: relative to ``cwd``, or absolute) relative to ``root``,
    with forward slashes; absolute when it lies outside ``root``."""
    path = Path(file)
    absolute = path if path.is_absolute() else Path(cwd if cwd is not None else os.getcwd()).resolve() / path
    absolute = Path(os.path.normpath(absolute))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


def github_line(d: Diagnostic, root: Path | None = None, cwd: str | os.PathLike | None = None) -> str:
    file = ci_path(d.file, root, cwd) if root is not None else d.file
    props = ",".join(f"{k}={_escape_property(str(v))}" for k, v in
                     (("file", file), ("line", d.line), ("col", d.column), ("title", d.code)))
    return f"::{_GITHUB_LEVEL[d.severity]} {props}::{_escape_data(d.message)}"


def to_github(result: ValidationResult, cwd: str | os.PathLike | None = None) -> str:
    """One workflow command per problem, the file relative to the repository's root."""
    root = source_root(cwd)
    return "".join(github_line(d, root, cwd) + "\n" for d in result.diagnostics)


# --- SARIF 2.1.0 --------------------------------------------------------------------------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _artifact(file: str, root: Path, cwd: str | os.PathLike | None) -> dict:
    path = ci_path(file, root, cwd)
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


def to_sarif(result: ValidationResult, cwd: str | os.PathLike | None = None) -> str:
    entries = catalogue()
    index = {e.code: i for i, e in enumerate(entries)}
    rules = []
    for e in entries:
        rules.append({
            "id": e.code,
            "name": e.name,
            "shortDescription": {"text": e.summary},
            "fullDescription": {"text": e.description},
            "help": {"text": e.doc, "markdown": e.doc},
            "defaultConfiguration": {"level": _SARIF_LEVEL[e.severity], "enabled": e.default},
            "properties": {"tags": ["clstool", "regle" if e.rule else "integre"]},
        })
    results = []
    source = source_root(cwd)
    for d in result.diagnostics:
        item = {
            "ruleId": d.code,
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": _artifact(d.file, source, cwd),
                "region": {"startLine": d.line, "startColumn": d.column},
            }}],
        }
        if d.code in index:
            item["ruleIndex"] = index[d.code]
        if d.path:
            item["properties"] = {"path": d.path}
        results.append(item)
    root = source.as_uri().rstrip("/") + "/"
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "clstool", "version": __version__, "semanticVersion": __version__,
                                "rules": rules}},
            "invocations": [{"executionSuccessful": True}],
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json_safe(json.dumps(log, ensure_ascii=False, indent=2))


# --- JUnit XML --------------------------------------------------------------------------------------


def _fails(d: Diagnostic, strict: bool) -> bool:
    return d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING)


def to_junit(result: ValidationResult, strict: bool = False) -> str:
    """One test suite per file. An error is a failed test case; a warning too with ``strict``
    (as for the exit code), otherwise a passing one with its message in ``<system-out>``,
    like an info: a report of « N tests failed » lists what fails the validation."""
    by_file: dict[str, list[Diagnostic]] = {name: [] for name in result.file_names}
    for d in result.diagnostics:
        by_file.setdefault(d.file, []).append(d)
    suites = ET.Element("testsuites", name="clstool validate")
    total = failures = 0
    for file, diagnostics in by_file.items():
        failed = [d for d in diagnostics if _fails(d, strict)]
        cases = max(len(diagnostics), 1)
        file = xml_safe(file)
        suite = ET.SubElement(suites, "testsuite", name=file, tests=str(cases), failures=str(len(failed)),
                              errors="0", skipped="0")
        total, failures = total + cases, failures + len(failed)
        if not diagnostics:
            ET.SubElement(suite, "testcase", classname=file, name="validate", file=file)
        for d in diagnostics:
            case = ET.SubElement(suite, "testcase", classname=file,
                                 name=f"{d.code} ligne {d.line}, colonne {d.column}", file=file, line=str(d.line))
            message = xml_safe(d.message)
            text = f"{file}:{d.line}:{d.column}: {d.severity.label} {d.code} {message}"
            if not _fails(d, strict):
                ET.SubElement(case, "system-out").text = text
            else:
                ET.SubElement(case, "failure", type=d.severity.value, message=message).text = text
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    suites.set("errors", "0")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
