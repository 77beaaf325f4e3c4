"""The catalogue of codes for people and tools: ``clstool rules``, SARIF rule metadata, README.

Every code ``validate`` can report is described once: built-in codes by
:data:`clstool.model.diagnostic.CODES`, lint rules by their module (:mod:`clstool.lint.rules`).
"""

from __future__ import annotations

from dataclasses import dataclass

from clstool.errors import InputError
from clstool.lint.rules import all_rules, get_rule
from clstool.model.diagnostic import CODES, Severity


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    severity: Severity
    default: bool  #: enabled without being selected
    summary: str
    doc: str  #: the full documentation (a rule's docstring; a built-in code's summary)
    rule: bool  #: a lint rule (documented by its module), not a built-in code


def catalogue(rules: bool = True, builtins: bool = True) -> list[Entry]:
    """Every code, in code order."""
    out = []
    if builtins:
        out += [Entry(c.code, c.name, c.severity, True, c.summary, c.summary, False) for c in CODES.values()]
    if rules:
        out += [Entry(r.code, r.name, r.severity, r.default, r.summary(), r.doc(), True)
                for r in all_rules().values()]
    return sorted(out, key=lambda e: e.code)


def entry(code_or_name: str) -> Entry:
    """One code or rule, by code or name; InputError if unknown."""
    rule = get_rule(code_or_name)
    if rule is not None:
        return Entry(rule.code, rule.name, rule.severity, rule.default, rule.summary(), rule.doc(), True)
    code = CODES.get(code_or_name.strip().upper())
    if code is None:
        code = next((c for c in CODES.values() if c.name == code_or_name.strip().lower()), None)
    if code is None:
        raise InputError(f"code inconnu : {code_or_name} (la liste : clstool rules)")
    return Entry(code.code, code.name, code.severity, True, code.summary, code.summary, False)


def status_label(e: Entry) -> str:
    return "activée" if e.default else "sur demande"


def rule_text(code_or_name: str) -> str:
    """``clstool rules CODE``: a heading line, then the documentation."""
    e = entry(code_or_name)
    kind = f"règle, {status_label(e)}" if e.rule else "code intégré"
    return f"{e.code} {e.name} ({e.severity.label}, {kind})\n\n{e.doc}\n"


def markdown_table(entries: list[Entry]) -> str:
    """The README's table of rules."""
    rows = ["| code | nom | sévérité | par défaut | vérifie |", "|---|---|---|---|---|"]
    for e in entries:
        summary = e.summary.replace("|", "\\|")
        rows.append(f"| {e.code} | `{e.name}` | {e.severity.label} | {status_label(e)} | {summary} |")
    return "\n".join(rows) + "\n"
