"""The catalogue of codes for people and tools: ``clstool rules``, SARIF rule metadata, docs/regles.md.

Every code ``validate`` can report is in this one registry, documented the same way (summary,
why, an example in fault and a correct one): lint rules by their module
(:mod:`clstool.lint.rules`), built-in codes by their identity in
:data:`clstool.model.diagnostic.CODES` and their documentation in :mod:`clstool.lint.codes`.
"""

from __future__ import annotations

from dataclasses import dataclass

from clstool.errors import InputError
from clstool.lint.codes import all_codes
from clstool.lint.rules import all_rules, get_rule
from clstool.model.diagnostic import CODES, Code, Severity


@dataclass(frozen=True)
class CodeDoc:
    code: str
    name: str
    severity: Severity
    default: bool  #: enabled without being selected
    summary: str
    doc: str  #: the full documentation: the docstring of the rule or of the built-in code
    rule: bool  #: a lint rule (documented by its module), not a built-in code

    @property
    def description(self) -> str:
        """Why the code exists: the paragraph after the summary (SARIF ``fullDescription``)."""
        parts = self.doc.split("\n\n")
        return parts[1].strip() if len(parts) > 1 else self.summary


def _builtin(code: Code) -> CodeDoc:
    documented = all_codes().get(code.code)
    doc = documented.doc() if documented is not None else code.summary
    return CodeDoc(code.code, code.name, code.severity, True, code.summary, doc, False)


def catalogue(rules: bool = True, builtins: bool = True) -> list[CodeDoc]:
    """Every code, in code order."""
    out = []
    if builtins:
        out += [_builtin(c) for c in CODES.values()]
    if rules:
        out += [CodeDoc(r.code, r.name, r.severity, r.default, r.summary(), r.doc(), True)
                for r in all_rules().values()]
    return sorted(out, key=lambda e: e.code)


def entry(code_or_name: str) -> CodeDoc:
    """One code or rule, by code or name; InputError if unknown."""
    rule = get_rule(code_or_name)
    if rule is not None:
        return CodeDoc(rule.code, rule.name, rule.severity, rule.default, rule.summary(), rule.doc(), True)
    code = CODES.get(code_or_name.strip().upper())
    if code is None:
        code = next((c for c in CODES.values() if c.name == code_or_name.strip().lower()), None)
    if code is None:
        raise InputError(f"code inconnu : {code_or_name} (la liste : clstool rules)")
    return _builtin(code)


def status_label(e: CodeDoc) -> str:
    return "activée" if e.default else "sur demande"


def rule_text(code_or_name: str) -> str:
    """``clstool rules CODE``: a heading line, then the documentation."""
    e = entry(code_or_name)
    kind = f"règle, {status_label(e)}" if e.rule else "code intégré"
    return f"{e.code} {e.name} ({e.severity.label}, {kind})\n\n{e.doc}\n"


def markdown_table(entries: list[CodeDoc]) -> str:
    """The table of rules in docs/regles.md."""
    rows = ["| code | nom | sévérité | par défaut | vérifie |", "|---|---|---|---|---|"]
    for e in entries:
        summary = e.summary.replace("|", "\\|")
        rows.append(f"| {e.code} | `{e.name}` | {e.severity.label} | {status_label(e)} | {summary} |")
    return "\n".join(rows) + "\n"
