"""``clstool validate``: check the files (syntax, schema, consistency, rules)."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from clstool.cli.app import app
from clstool.cli.options import Output, Paths, codes, console, emit
from clstool.errors import InputError


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


def severities(values: Optional[list[str]]) -> Optional[dict[str, str]]:
    if not values:
        return None
    out = {}
    for item in (i for v in values for i in v.split(",") if i.strip()):
        code, sep, level = item.partition("=")
        if not sep:
            raise InputError(f"--severity : « {item} » ; écrivez CODE=niveau (CLS215=info)")
        out[code.strip()] = level.strip()
    return out


def _territories_of(files: list[str]) -> list[str]:
    """The territory folders of the committed files (the whole repository when a configuration
    file is among them: it may change every territory's checks)."""
    from clstool.yamlio.load import territory_root

    roots: set[str] = set()
    for name in files:
        if not name.endswith((".yaml", ".yml")):
            return ["."]
        roots.add(os.path.normpath(territory_root(name)))
    return sorted(roots)


def _maybe_terminal() -> bool:
    """Whether rich could take standard output for a terminal (then it decides): a terminal, or
    one of the variables that make rich say so. Otherwise rich is not even imported."""
    return sys.stdout.isatty() or any(os.environ.get(v) is not None for v in ("FORCE_COLOR", "TTY_COMPATIBLE"))


@app.command()
def validate(
    paths: Paths = None,
    format: Annotated[ValidateFormat, typer.Option("--format", "-f", help="text (défaut), json, github (annotations), sarif (2.1.0), junit (XML).")] = ValidateFormat.text,
    output: Output = None,
    strict: Annotated[bool, typer.Option("--strict", help="Échouer aussi sur les avertissements.")] = False,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Codes à vérifier, à la place de la configuration (codes, noms, préfixes : CLS2).")] = None,
    extend_select: Annotated[Optional[list[str]], typer.Option("--extend-select", help="Codes à ajouter (règles sur demande : CLS219).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Codes à ignorer (préfixes).")] = None,
    severity: Annotated[Optional[list[str]], typer.Option("--severity", help="Sévérité d'un code : CLS215=info (error, warning, info).", show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Date de référence des règles de suivi, AAAA-MM-JJ (défaut : aujourd'hui).", show_default=False)] = None,
    config: Annotated[Optional[str], typer.Option("--config", help="Fichier de configuration (défaut : clstool.toml ou pyproject.toml au-dessus de chaque territoire).", show_default=False)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ne pas lire ni écrire le cache des résultats.")] = False,
    cache_dir: Annotated[Optional[str], typer.Option("--cache-dir", help="Dossier du cache (défaut : $CLSTOOL_CACHE_DIR, sinon .clstool_cache dans le dossier courant).", show_default=False)] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Processus en parallèle (défaut : un par cœur).", show_default=False)] = None,
    pre_commit: Annotated[bool, typer.Option("--pre-commit", help="Pour le hook pre-commit : les chemins sont les fichiers du commit ; leurs territoires entiers sont vérifiés, leurs constats montrés d'abord, ceux des autres fichiers résumés.")] = False,
) -> None:
    """Vérifier les fichiers : syntaxe, schéma, cohérence entre fichiers, règles (clstool rules)."""
    import datetime as dt

    from clstool.lint.cache import DEFAULT_DIR
    from clstool.lint.formats.text import text_lines, to_json
    from clstool.lint.run import validate as run

    today = None
    if as_of:
        from clstool.planning.plan import parse_as_of  # the period grammar: only when asked for

        today = parse_as_of(as_of, dt.date.today().year)

    cache = None if no_cache else (cache_dir or os.environ.get("CLSTOOL_CACHE_DIR") or DEFAULT_DIR)
    committed: set[str] | None = None
    if pre_commit and paths:
        committed = {os.path.normpath(p) for p in paths}
        paths = _territories_of(paths)
    result = run(paths or ["."], select=codes(select), ignore=codes(ignore),
                 extend_select=codes(extend_select), severity=severities(severity), today=today,
                 config=config, cache_dir=cache, jobs=jobs)
    if format is ValidateFormat.text and output is None:
        if committed is not None:
            from clstool.lint.formats.commit import commit_lines

            lines = commit_lines(result, committed)
        else:
            lines = text_lines(result)
        out = console() if _maybe_terminal() else None
        if out is not None and out.is_terminal:
            for line in lines:
                out.print(line)
        else:  # a pipe, a file, a CI log: the same text without rich's rendering (25,000 lines: 3 s less)
            sys.stdout.write("".join(line.plain + "\n" for line in lines))
    else:
        from clstool.lint.formats import ci as ciformats

        if format is ValidateFormat.json:
            data = to_json(result) + "\n"
        elif format is ValidateFormat.github:
            data = ciformats.to_github(result)
        elif format is ValidateFormat.sarif:
            data = ciformats.to_sarif(result) + "\n"
        elif format is ValidateFormat.junit:
            data = ciformats.to_junit(result, strict)
        else:
            data = "".join(line.plain + "\n" for line in text_lines(result))
        emit(data, output)
    raise typer.Exit(1 if result.failed(strict) else 0)
