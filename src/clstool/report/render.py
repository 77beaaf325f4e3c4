"""Rendering the report through Jinja2 templates, built-in or the user's (``--templates``).

The built-in templates live in the top-level ``templates/`` folder of the repository;
``src/clstool/templates`` is a symbolic link to it, listed as package data, so that wheels and
source archives carry real copies. :func:`builtin_templates` finds the package's copy (through
the link in a checkout), else the repository's folder (a checkout without symbolic links).
``--templates DIR`` puts DIR in front: a template found there wins, the others (partials,
``report.css``) come from the built-in set.

Every template runs in Jinja's sandbox (:class:`jinja2.sandbox.ImmutableSandboxedEnvironment`),
the built-in ones too, so that a user template copied from them behaves the same. HTML
templates autoescape; Markdown templates escape every expression with
:func:`clstool.report.markdown.escape` (table cells stay cells, ``<script>`` stays text)."""

from __future__ import annotations

import datetime as dt
import functools
import os
import posixpath
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from clstool.errors import InputError
from clstool.model.formatting import fr_date, fr_number, plural
from clstool.report import markdown
from clstool.report.build import build
from clstool.report.fiches import anchor
from clstool.report.template_files import folder as templates_folder
from clstool.report.template_files import read_template
from clstool.report.views import Report
from clstool.yamlio.load import load

if TYPE_CHECKING:
    from clstool.report.chromium import Browser

FORMATS = ("html", "md")


TEMPLATE_NAMES = {"html": "report.html.j2", "md": "report.md.j2"}


def builtin_templates() -> Path:
    """The folder of the built-in templates: the installed copy, else the repository's."""
    packaged = resources.files("clstool").joinpath("templates")
    if packaged.is_dir() and packaged.joinpath(TEMPLATE_NAMES["html"]).is_file():
        return Path(str(packaged))
    repo = Path(__file__).resolve().parents[3] / "templates"
    if (repo / TEMPLATE_NAMES["html"]).is_file():
        return repo
    raise InputError("modèles de rapport introuvables : réinstallez clstool (pip install .)")


#: What one template (or the style sheet it includes) may weigh: the built-in report is 40 Ko.
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024


class _TemplateFiles(jinja2.FileSystemLoader):
    """Jinja's file loader, with each file read bounded and decoded with a French message: a
    user's template is a file like any other (too large, not UTF-8, a pipe…)."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # no « .. »: the folders' files only
        for searchpath in self.searchpath:
            filename = posixpath.join(searchpath, *pieces)
            if os.path.isfile(filename):
                break
        else:
            raise jinja2.TemplateNotFound(template)
        raw = read_template(filename, MAX_TEMPLATE_BYTES)
        try:
            contents = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"modèle {filename} : pas en UTF-8 (octet {exc.start + 1}) ; enregistrez-le en UTF-8") from None
        mtime = os.path.getmtime(filename)

        def uptodate() -> bool:
            try:
                return os.path.getmtime(filename) == mtime
            except OSError:
                return False

        return contents, os.path.normpath(filename), uptodate


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates compiled once and kept between runs (Jinja's bytecode cache, in its per-user
    folder of the temporary directory, which Jinja creates private): compiling the HTML report's
    templates took 0.07 s of every run, twice for a PDF. A template is compiled again when its
    text changes (the key holds its checksum); a cache that cannot be read or written is only
    a slower run, never an error."""

    def load_bytecode(self, bucket: Any) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry: compile again
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@functools.cache
def _compiled(fmt: str) -> jinja2.BytecodeCache | None:
    """The cache of one format's environment: its own file names, as the environments of html
    (escaped) and md (not escaped) compile the same template differently."""
    try:
        return _CompiledTemplates(pattern=f"__clstool_{fmt}_%s.cache")
    except (OSError, RuntimeError):  # no private temporary folder: compile every time
        return None


def environment(fmt: str, templates: str | Path | None = None) -> jinja2.Environment:
    """The sandboxed Jinja environment of a format; ``templates`` goes before the built-in ones."""
    own = templates_folder(templates)
    folders = [builtin_templates()] if own is None else [own, builtin_templates()]
    options = dict(loader=_TemplateFiles([str(f) for f in folders]), undefined=jinja2.StrictUndefined,
                   trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, bytecode_cache=_compiled(fmt))
    if fmt == "html":
        env = ImmutableSandboxedEnvironment(autoescape=True, **options)
    else:
        env = ImmutableSandboxedEnvironment(autoescape=False, finalize=markdown.finalize, **options)
        env.filters["raw"] = markdown.Raw
    env.filters["css_string"] = css_string
    env.filters["ancre"] = anchor
    env.filters["nombre"] = fr_number
    env.filters["date_fr"] = fr_date
    env.filters["date_courte"] = lambda d: d.strftime("%d/%m/%Y") if d else ""
    env.tests["contains"] = lambda container, item: item in container
    env.filters["pluriel"] = plural
    return env


def css_string(value: object) -> Markup:
    """A quoted CSS string whose every character outside letters, digits and spaces is a
    CSS escape: text from YAML cannot end the string nor the ``<style>`` element."""
    out = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(value))
    return Markup(f'"{out}"')


def render(report: Report, fmt: str, templates: str | Path | None = None) -> str:
    """The report as text, in ``fmt`` (``html`` or ``md``)."""
    if fmt not in FORMATS:
        raise InputError(f"format « {fmt} » inconnu (formats : {', '.join(FORMATS)})")
    return run_template(environment(fmt, templates), TEMPLATE_NAMES[fmt], templates, r=report)


def run_template(env: jinja2.Environment, name: str, templates: str | Path | None, **context: Any) -> str:
    """Template ``name`` rendered with ``context``. Whatever goes wrong in a template is an
    :class:`InputError` in French naming the template (and its line when known): missing, syntax,
    forbidden operation, unknown variable; and, in a user's template (``templates``), any error
    while it runs (``{{ 1 + "a" }}``, a macro that calls itself). An error while a built-in
    template runs is clstool's own, and stays one."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise InputError(f"modèle introuvable : {exc.name}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"modèle {exc.filename or exc.name}, ligne {exc.lineno} : erreur de syntaxe ({exc.message})") from None
    except SecurityError as exc:
        raise InputError(f"modèle {name} : opération interdite dans un modèle ({exc})") from None
    except jinja2.UndefinedError as exc:
        raise InputError(f"modèle {name} : {exc.message} (variable ou attribut inconnu)") from None
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a user's template may fail in any way while it runs
        where = _user_template_line(exc, templates)
        if where is None:
            raise
        what = ("une macro qui s'appelle sans fin" if isinstance(exc, RecursionError)
                else f"{type(exc).__name__} : {str(exc)[:200]}")
        raise InputError(f"modèle {where} : erreur à l'exécution ({what})") from None


def _user_template_line(exc: BaseException, templates: str | Path | None) -> str | None:
    """« file, ligne N » of the last frame of ``exc`` that runs a template of the user's folder
    ``templates`` (Jinja gives a template's frames its file and line), or None."""
    if templates is None:
        return None
    folder = str(Path(templates).resolve())
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") and str(Path(filename).resolve()).startswith(folder):
            found = f"{filename}, ligne {tb.tb_lineno}"
        tb = tb.tb_next
    return found


#: The formats written as files (bytes): Word, PDF, PowerPoint.
DOCUMENTS = ("docx", "pdf", "pptx")


def document(report: Report, fmt: str, templates: str | Path | None = None, browser: Browser | None = None) -> bytes:
    """The report in ``fmt``: text formats (html, md) as UTF-8, documents (docx, pdf, pptx) as
    files; ``browser``: for pdf, a Chromium started earlier (:func:`clstool.report.pdf.printer`)."""
    if fmt in FORMATS:
        return render(report, fmt, templates).encode("utf-8")
    if fmt == "docx":
        from clstool.report.docx import docx_bytes

        return docx_bytes(report, templates)
    if fmt == "pptx":
        from clstool.report.pptx import pptx_bytes

        return pptx_bytes(report, templates)
    if fmt == "pdf":
        from clstool.report.pdf import pdf_bytes

        return pdf_bytes(report, templates, browser)
    raise InputError(f"format « {fmt} » inconnu (formats : {', '.join(FORMATS + DOCUMENTS)})")


def report(paths: list[str], year: int, fmt: str, *, as_of: dt.date | None = None,
           templates: str | Path | None = None, only_fiches: Sequence[str] = (),
           only_axes: Sequence[str] = ()) -> str:
    """Load, build and render: the whole of ``clstool report``."""
    project = load(paths)
    return render(build(project, year, as_of, only_fiches=only_fiches, only_axes=only_axes), fmt, templates)
