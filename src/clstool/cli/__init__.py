"""The ``clstool`` command line: parse arguments, call the library, print, exit.

Exit codes (DESIGN §6): 0 nothing wrong, 1 findings, 2 usage or input error. Every domain
error is turned into a French message and an exit code here, in :func:`main`.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated, Optional

import typer
from rich.console import Console

from clstool import __version__
from clstool.errors import InputError

app = typer.Typer(
    name="clstool",
    help="Les Contrats Locaux de Santé (CLS) en YAML : validation, calendrier, suivi, rapports.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _console(stderr: bool = False) -> Console:
    """A console that colours only a terminal, and nothing at all under ``NO_COLOR``."""
    from clstool.printable import console

    plain = bool(os.environ.get("NO_COLOR"))
    return console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False,
                   color_system=None if plain else "auto", no_color=plain)


def _emit(data: str | bytes, output: Optional[str]) -> None:
    """Write a command's result to ``output`` atomically, or to standard output. Bytes (CSV
    with BOM, XLSX) and text with CRLF line ends (ICS) go to stdout untouched."""
    from clstool.fsutil import atomic_write

    if output is not None:
        atomic_write(output, data)
        return
    if isinstance(data, str) and "\r\n" not in data:
        sys.stdout.write(data)
        return
    raw = data.encode("utf-8") if isinstance(data, str) else data
    sys.stdout.flush()
    sys.stdout.buffer.write(raw)
    sys.stdout.buffer.flush()


def _warn_ignored(paths) -> int:
    """Name the files a command had to leave out; the exit code that goes with them."""
    for path in paths:
        _console(stderr=True).print(f"Attention : {path} ignoré (erreurs : lancez clstool validate {path}).",
                                    style="yellow", markup=False)
    return 1 if paths else 0


def _codes(values: Optional[list[str]]) -> Optional[list[str]]:
    if not values:
        return None
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


Paths = Annotated[Optional[list[str]], typer.Argument(help="Dossiers de territoire, dossiers au-dessus, ou fichiers (défaut : dossier courant).", show_default=False)]


def _severities(values: Optional[list[str]]) -> Optional[dict[str, str]]:
    if not values:
        return None
    out = {}
    for item in (i for v in values for i in v.split(",") if i.strip()):
        code, sep, level = item.partition("=")
        if not sep:
            raise InputError(f"--severity : « {item} » ; écrivez CODE=niveau (CLS215=info)")
        out[code.strip()] = level.strip()
    return out


@app.command()
def validate(
    paths: Paths = None,
    format: Annotated[ValidateFormat, typer.Option("--format", "-f", help="text (défaut), json, github (annotations), sarif (2.1.0), junit (XML).")] = ValidateFormat.text,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Écrire dans ce fichier (défaut : sortie standard).", show_default=False)] = None,
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
) -> None:
    """Vérifier les fichiers : syntaxe, schéma, cohérence entre fichiers, règles (clstool rules)."""
    import datetime as dt

    from clstool.lint.formats.text import text_lines, to_json
    from clstool.planning.plan import parse_as_of
    from clstool.lint.run import validate as run

    today = parse_as_of(as_of, dt.date.today().year) if as_of else None
    from clstool.lint.cache import DEFAULT_DIR

    cache = None if no_cache else (cache_dir or os.environ.get("CLSTOOL_CACHE_DIR") or DEFAULT_DIR)
    result = run(paths or ["."], select=_codes(select), ignore=_codes(ignore),
                 extend_select=_codes(extend_select), severity=_severities(severity), today=today,
                 config=config, cache_dir=cache, jobs=jobs)
    if format is ValidateFormat.text and output is None:
        console = _console()
        for line in text_lines(result):
            console.print(line)
    else:
        from clstool.lint.formats import ci as ciformats

        if format is ValidateFormat.json:
            data = to_json(result) + "\n"
        elif format is ValidateFormat.github:
            data = ciformats.to_github(result)
        elif format is ValidateFormat.sarif:
            data = ciformats.to_sarif(result) + "\n"
        elif format is ValidateFormat.junit:
            data = ciformats.to_junit(result)
        else:
            data = "".join(line.plain + "\n" for line in text_lines(result))
        _emit(data, output)
    raise typer.Exit(1 if result.failed(strict) else 0)


class StatusFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class CsvDialect(str, Enum):
    excel = "excel"
    standard = "standard"


@app.command()
def status(
    paths: Paths = None,
    year: Annotated[int, typer.Option("--year", "-y", help="Année du bilan.")] = ...,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Date de référence AAAA-MM-JJ (défaut : 31 décembre de l'année, ou aujourd'hui pendant l'année).", show_default=False)] = None,
    format: Annotated[StatusFormat, typer.Option("--format", "-f", help="Format de sortie.")] = StatusFormat.table,
    csv_dialect: Annotated[CsvDialect, typer.Option("--csv-dialect", help="excel : UTF-8 avec BOM, « ; » et virgule décimale ; standard : « , » sans BOM.")] = CsvDialect.excel,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Écrire dans ce fichier (défaut : sortie standard).", show_default=False)] = None,
) -> None:
    """Statut de chaque fiche, déclinaison et indicateur pour une année (suivi + calendrier)."""
    from clstool.interop import status_output
    from clstool.planning.plan import parse_as_of
    from clstool.planning.status import status as run

    report = run(paths or ["."], year, parse_as_of(as_of, year))
    if format is StatusFormat.table and output is None:
        _console().print(status_output.table(report))
    else:
        if format is StatusFormat.csv:
            data: str | bytes = status_output.to_csv(report, csv_dialect.value)
        elif format is StatusFormat.json:
            data = status_output.to_json(report) + "\n"
        else:
            data = status_output.table_text(report)
        _emit(data, output)
    raise typer.Exit(_warn_ignored(report.ignores))


class CalendarFormat(str, Enum):
    table = "table"
    json = "json"
    ics = "ics"


def _ids(values: Optional[list[str]]) -> Optional[list[str]]:
    if not values:
        return None
    return [i.strip() for v in values for i in v.split(",") if i.strip()]


@app.command()
def calendar(
    paths: Paths = None,
    year: Annotated[int, typer.Option("--year", "-y", help="Année du calendrier.")] = ...,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Date de référence AAAA-MM-JJ (défaut : 31 décembre de l'année, ou aujourd'hui pendant l'année).", show_default=False)] = None,
    format: Annotated[CalendarFormat, typer.Option("--format", "-f", help="table (diagramme de Gantt), json, ou ics (iCalendar, pour un agenda).")] = CalendarFormat.table,
    fiche: Annotated[Optional[list[str]], typer.Option("--fiche", help="Seulement ces fiches (id ; option répétable ou « 1-1,2-2 »).", show_default=False)] = None,
    axe: Annotated[Optional[list[str]], typer.Option("--axe", help="Seulement les fiches de ces axes.", show_default=False)] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Écrire dans ce fichier (défaut : sortie standard).", show_default=False)] = None,
) -> None:
    """Calendrier prévisionnel d'une année : entrées, dates, statut prévu (tableau, JSON, iCalendar)."""
    from clstool.interop import calendar_output
    from clstool.planning.calendar import year_calendar
    from clstool.planning.plan import parse_as_of

    result = year_calendar(paths or ["."], year, parse_as_of(as_of, year), fiches=_ids(fiche), axes=_ids(axe))
    if format is CalendarFormat.table and output is None:
        console = _console()
        console.print(calendar_output.to_table(result))
        for line in calendar_output.summary_lines(result):
            console.print(line, markup=False)
    else:
        if format is CalendarFormat.json:
            data = calendar_output.to_json(result) + "\n"
        elif format is CalendarFormat.ics:
            data = calendar_output.to_ics(result)
        else:
            data = calendar_output.to_text(result)
        _emit(data, output)  # ICS keeps its CRLF line ends, as RFC 5545 wants them
        warn = _console(stderr=True)
        for item in result.unparsed:
            warn.print(f"Attention : période non reconnue dans {item.fichier} (fiche {item.fiche}) : "
                       f"« {item.periode} » ({item.erreur})", style="yellow", markup=False)
    raise typer.Exit(_warn_ignored(result.ignores))


class SchemaKind(str, Enum):
    fiche = "fiche"
    contrat = "contrat"


@app.command()
def schema(
    kind: Annotated[Optional[SchemaKind], typer.Argument(help="fiche ou contrat (défaut avec --output : les deux).", show_default=False)] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Dossier où écrire <type>.schema.json.", show_default=False)] = None,
) -> None:
    """Schéma JSON (draft 2020-12) des fichiers, pour les éditeurs (yaml-language-server) et les outils."""
    from pathlib import Path

    from clstool.fsutil import atomic_write
    from clstool.model.schema import KINDS, file_name, schema_text

    if output is None:
        if kind is None:
            raise InputError("précisez le schéma à afficher (fiche ou contrat), ou --output DOSSIER pour écrire les deux")
        sys.stdout.write(schema_text(kind.value))
        return
    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    for name in [kind.value] if kind else KINDS:
        atomic_write(folder / file_name(name), schema_text(name))
        print(f"Écrit : {folder / file_name(name)}")


@app.command()
def new(
    directory: Annotated[str, typer.Argument(help="Dossier du territoire (celui de contrat.yaml).")] = ".",
    axe: Annotated[str, typer.Option("--axe", help="Identifiant de l'axe (dans contrat.yaml).")] = ...,
    titre: Annotated[str, typer.Option("--titre", help="Intitulé de l'action.")] = ...,
    fiche_id: Annotated[Optional[str], typer.Option("--id", help="Identifiant (défaut : le suivant de l'axe, ex. 1-4).", show_default=False)] = None,
) -> None:
    """Créer la fiche suivante d'un axe, avec toutes ses rubriques commentées (n'écrase jamais rien)."""
    from clstool.edit.new import new_fiche

    created = new_fiche(directory, axe, titre, fiche_id)
    print(f"Fiche créée : {created.path}")


class ExportFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    tet = "tet"


@app.command()
def export(
    paths: Paths = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv (une ligne par fiche), xlsx (5 feuilles), json (toutes les données), tet (modèle d'import Territoires en Transitions).")] = ExportFormat.csv,
    csv_dialect: Annotated[CsvDialect, typer.Option("--csv-dialect", help="excel : UTF-8 avec BOM, « ; » et virgule décimale ; standard : « , » sans BOM.")] = CsvDialect.excel,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Fichier à écrire (obligatoire pour xlsx et tet ; défaut : sortie standard).", show_default=False)] = None,
) -> None:
    """Exporter les fiches en tableaux : CSV, classeur Excel, JSON, ou classeur pour Territoires en Transitions."""
    from clstool.interop import tables as library

    if format in (ExportFormat.xlsx, ExportFormat.tet) and output is None:
        raise InputError(f"--format {format.value} écrit un classeur : précisez le fichier avec -o FICHIER.xlsx")
    data = library.collect(paths or ["."])
    if format is ExportFormat.json:
        content: str | bytes = library.to_json(data)
    elif format is ExportFormat.csv:
        content = library.to_csv(data, csv_dialect.value)
    elif format is ExportFormat.xlsx:
        content = library.to_xlsx(data)
    else:
        from clstool.interop.tet.write import to_tet

        content = to_tet(data)
    _emit(content, output)
    raise typer.Exit(_warn_ignored(data.ignores))


import_app = typer.Typer(help="Importer un plan d'action d'un autre outil.", no_args_is_help=True,
                         rich_markup_mode=None)
app.add_typer(import_app, name="import")


@import_app.command("tet")
def import_tet(
    file: Annotated[str, typer.Argument(help="Classeur .xlsx fait à partir du modèle d'import de Territoires en Transitions.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Dossier du territoire à créer (contrat.yaml et fiches/).")] = ...,
    territoire: Annotated[Optional[str], typer.Option("--territoire", help="Nom du territoire (défaut : nom du fichier).", show_default=False)] = None,
    periode: Annotated[Optional[str], typer.Option("--periode", help="Période du contrat, ex. 2025-2030 (défaut : déduite des dates).", show_default=False)] = None,
    annee: Annotated[Optional[int], typer.Option("--annee", help="Année du suivi où ranger les statuts TeT (défaut : l'année en cours).", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Remplacer les fichiers déjà présents.")] = False,
) -> None:
    """Lire un plan d'action Territoires en Transitions (.xlsx) et écrire contrat.yaml et une fiche par ligne."""
    from clstool.model.diagnostic import Severity
    from clstool.interop.tet.read import read_plan, write_plan
    from clstool.lint.run import validate as run
    from clstool.printable import visible

    imported = read_plan(file, territoire=territoire, periode=periode, annee=annee)
    written = write_plan(imported, output, force=force)
    err = _console(stderr=True)
    for notice in imported.notices:
        err.print(f"{notice.level} : {notice}", style="yellow" if notice.level == "avertissement" else "cyan",
                  markup=False)
    result = run([output])
    errors = result.count(Severity.ERROR)
    print(f"Importé de la feuille « {visible(imported.sheet)} » : {len(imported.fiches)} fiche(s), "
          f"{len(imported.contrat.axes)} axe(s), {len(imported.warnings)} avertissement(s) ; "
          f"{len(written)} fichiers écrits dans {output}.")
    if errors:
        print(f"clstool validate {output} signale {errors} erreur(s).")
    raise typer.Exit(1 if errors else 0)


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
        console = _console()
        for title, entries in (("Règles", rule_entries), ("Codes intégrés", builtin_entries)):
            if not entries:
                continue
            console.print(f"{title} :", style="bold", markup=False)
            width = max(len(e.name) for e in entries)
            for e in entries:
                extra = "" if e.default else " (sur demande)"
                console.print(f"  {e.code}  {e.name:<{width}}  {e.severity.label:<13}  {e.summary}{extra}",
                              markup=False)
        if not all_codes:
            console.print("Codes intégrés (lecture, schéma, cohérence) : clstool rules --all ; "
                          "documentation d'une règle : clstool rules CODE", markup=False)
    raise typer.Exit(0)


@app.command()
def fmt(
    paths: Paths = None,
    check: Annotated[bool, typer.Option("--check", help="Ne rien écrire ; échouer (code 1) si un fichier n'est pas au format.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Ne rien écrire ; afficher les changements (diff unifié).")] = False,
) -> None:
    """Mettre les fichiers au format canonique (indentation, guillemets, ordre des clés), commentaires gardés."""
    from clstool.edit.fmt import format_paths

    results = format_paths(paths or ["."], write=not (check or diff))
    out, err = _console(), _console(stderr=True)
    changed = [r for r in results if r.changed]
    broken = [r for r in results if r.error]
    for r in broken:
        err.print(f"{r.display}: {r.error}", style="bold red", markup=False)
    if diff:
        for r in changed:
            sys.stdout.write(r.diff())
    elif check:
        for r in changed:
            out.print(f"À reformater : {r.display}", markup=False)
    else:
        for r in changed:
            out.print(f"Reformaté : {r.display}", markup=False)
    n = len(changed)
    verb = "à reformater" if (check or diff) else "reformaté" + ("s" if n > 1 else "")
    summary = f"{n} fichier{'s' if n > 1 else ''} {verb}, {len(results) - n - len(broken)} déjà au format"
    if broken:
        summary += f", {len(broken)} impossible{'s' if len(broken) > 1 else ''} à formater"
    (err if diff else out).print(summary + ".", markup=False)
    raise typer.Exit(2 if broken else 1 if (changed and (check or diff)) else 0)


class ReportFormat(str, Enum):
    html = "html"
    md = "md"


@app.command()
def report(
    paths: Paths = None,
    year: Annotated[int, typer.Option("--year", "-y", help="Année du bilan.")] = ...,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Date de référence AAAA-MM-JJ (défaut : 31 décembre de l'année, ou aujourd'hui pendant l'année).", show_default=False)] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="html (fichier autonome, imprimable) ou md (Markdown GitHub).")] = ReportFormat.html,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Écrire dans ce fichier (défaut : sortie standard).", show_default=False)] = None,
    templates: Annotated[Optional[str], typer.Option("--templates", help="Dossier de modèles Jinja2 (report.html.j2, report.md.j2…) qui remplacent ceux de clstool.", show_default=False)] = None,
    fiche: Annotated[Optional[list[str]], typer.Option("--fiche", help="Seulement ces fiches (id ; option répétable ou « 1-1,2-2 »).", show_default=False)] = None,
    axe: Annotated[Optional[list[str]], typer.Option("--axe", help="Seulement les fiches de ces axes.", show_default=False)] = None,
) -> None:
    """Bilan annuel d'un contrat, pour le comité de pilotage (HTML autonome ou Markdown)."""
    from clstool.yamlio.load import load
    from clstool.planning.plan import parse_as_of
    from clstool.report.build import build, render

    project = load(paths or ["."])
    result = build(project, year, parse_as_of(as_of, year) if as_of else None,
                   only_fiches=_ids(fiche) or (), only_axes=_ids(axe) or ())
    text = render(result, format.value, templates)
    _emit(text, output)
    if output is not None:
        _console(stderr=True).print(f"Bilan {year} écrit dans {output}.", markup=False)
    raise typer.Exit(_warn_ignored(result.fichiers_ignores))


# ---- add new commands above this line (keep each command thin: parse, call the library, print) ----


def _version(value: bool) -> None:
    if value:
        from clstool.yamlio.read import active_reader

        print(f"clstool {__version__} ({active_reader()})")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Afficher la version.")] = False,
) -> None:
    """Les Contrats Locaux de Santé (CLS) en YAML."""


def main(argv: Optional[list[str]] = None) -> int:
    """Entry point: the one place that turns errors into a message and an exit code."""
    try:
        code = app(args=argv, prog_name="clstool", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except InputError as exc:
        _console(stderr=True).print(f"Erreur : {exc}", style="bold red", markup=False)
        return 2
    except typer.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:  # pragma: no cover - click's own exits
        return exc.code if isinstance(exc.code, int) else 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `clstool … | head`: the reader left, nothing to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python would complain at exit
        return 1
    except OSError as exc:  # disk full, read-only folder…: the system's problem, not a bug
        from clstool.fsutil import os_error_message

        _console(stderr=True).print(f"Erreur : {os_error_message(exc)}", style="bold red", markup=False)
        return 2
    except Exception as exc:  # click usage errors and anything unexpected
        # Usage errors of click (or of the copy of click that typer bundles): duck-typed.
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            command = getattr(getattr(exc, "ctx", None), "command_path", "clstool")
            _console(stderr=True).print(
                f"Erreur d'utilisation : {exc.format_message()}\nAide : {command} --help",
                style="bold red", markup=False)
            return exc.exit_code if isinstance(exc.exit_code, int) else 2
        if type(exc).__name__ == "Abort":
            return 1
        _console(stderr=True).print(
            f"Erreur interne de clstool ({type(exc).__name__} : {exc}). Merci de la signaler.",
            style="bold red", markup=False)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
