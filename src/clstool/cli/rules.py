"""``clstool rules``: the catalogue of codes, or one code's documentation."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from clstool.cli.app import app
from clstool.cli.options import console


class RulesFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command()
def rules(
    code: Annotated[Optional[str], typer.Argument(help="Un code (CLS203) ou un nom de règle : afficher sa documentation.", show_default=False)] = None,
    format: Annotated[RulesFormat, typer.Option("--format", "-f", help="text (défaut), json, markdown (tableau).")] = RulesFormat.text,
    all_codes: Annotated[bool, typer.Option("--all", help="Lister aussi les codes intégrés (lecture, schéma, cohérence).")] = False,
) -> None:
    """Les règles de validate (code, nom, sévérité, résumé), ou la documentation d'une règle."""
    import json

    from clstool.lint.registry import catalogue, entry, markdown_table, rule_text

    if code is not None:
        if format is RulesFormat.json:
            e = entry(code)
            sys.stdout.write(json.dumps({"code": e.code, "name": e.name, "severity": e.severity.value,
                                         "default": e.default, "summary": e.summary, "doc": e.doc},
                                        ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(rule_text(code))
        raise typer.Exit(0)
    rule_entries = catalogue(builtins=False)
    builtin_entries = catalogue(rules=False) if all_codes else []
    if format is RulesFormat.json:
        sys.stdout.write(json.dumps([{"code": e.code, "name": e.name, "severity": e.severity.value,
                                      "default": e.default, "rule": e.rule, "summary": e.summary}
                                     for e in rule_entries + builtin_entries], ensure_ascii=False, indent=2) + "\n")
    elif format is RulesFormat.markdown:
        sys.stdout.write(markdown_table(rule_entries + builtin_entries))
    else:
        out = console()
        for title, entries in (("Règles", rule_entries), ("Codes intégrés", builtin_entries)):
            if not entries:
                continue
            out.print(f"{title} :", style="bold", markup=False)
            width = max(len(e.name) for e in entries)
            for e in entries:
                extra = "" if e.default else " (sur demande)"
                out.print(f"  {e.code}  {e.name:<{width}}  {e.severity.label:<13}  {e.summary}{extra}",
                              markup=False)
        if not all_codes:
            out.print("Codes intégrés (lecture, schéma, cohérence) : clstool rules --all ; "
                          "documentation d'une règle : clstool rules CODE", markup=False)
    raise typer.Exit(0)
