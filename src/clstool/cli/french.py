"""French for what the command-line library itself writes: help headings, type hints, usage
errors, « did you mean ». One table, one module.

click looks every sentence it shows up through gettext: each of its modules calls a
module-level ``_`` (and ``ngettext`` for plurals) at the moment it writes the sentence, and
typer (0.25, built on click) does the same in ``typer.core``. :func:`install` (called once by
:mod:`clstool.cli.app`, before any command is built) points those names at :data:`MESSAGES` and
:data:`PLURALS`: English message id in, French out, placeholders kept.

What gettext does not reach is set on the classes, also by :func:`install`:

- the names of the value types (:data:`TYPES`: ``<entier>`` rather than ``INTEGER``), used
  both by the help and by the conversion errors (« « x » n'est pas un entier valide »);
- the names shown for arguments (:data:`ARGUMENTS`) and how options and arguments are quoted
  in errors (``--year / -y``, not ``'--year' / '-y'``);
- the ranges (« au moins 1 » rather than ``x>=1``), the invalid and missing choices (with a
  « vouliez-vous dire » of their own) and the « did you mean » list, which click writes with
  ``repr`` quotes;
- the « Utilisation : … COMMANDE [ARGUMENTS]... » line and the « Options : » headings (French
  spacing before the colon).

``tests/cli/test_french.py`` runs every command's ``--help`` and a set of wrong invocations
and fails on any English phrase of the library: a typer or click upgrade that adds a sentence
shows there.
"""

from __future__ import annotations

from typing import Any

#: click's and typer's gettext message ids, and their French (same placeholders; ``{x!r}``
#: becomes ``{x}``, quoted the French way where it names a value).
MESSAGES = {
    # help
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Arguments": "Arguments",
    "Positional arguments": "Arguments",
    "Commands": "Commandes",
    "Show this message and exit.": "Afficher cette aide et quitter.",
    "Show the version and exit.": "Afficher la version et quitter.",
    "required": "obligatoire",
    "default: {default}": "défaut : {default}",
    "env var: {var}": "variable d'environnement : {var}",
    "(dynamic)": "(calculé)",
    "deprecated": "obsolète",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    # usage errors (clstool.cli.main prints « Erreur d'utilisation : » and « Aide : » itself)
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Aide : {command} {option}",
    "Aborted!": "Interrompu.",
    "Missing command.": "commande manquante.",
    "No such command {name!r}.": "commande inconnue : « {name} »",
    "No such option {name!r}.": "option inconnue : {name}",
    # click writes « {missing}{hint}.{details} »: « option obligatoire absente : --year / -y. »
    "Missing argument": "argument obligatoire absent :",
    "Missing option": "option obligatoire absente :",
    "Missing parameter": "valeur obligatoire absente :",
    "Missing {param_type}": "valeur obligatoire absente ({param_type}) :",
    "Missing parameter: {param_name}": "valeur obligatoire absente : {param_name}",
    "Invalid value for {param_hint}: {message}": "valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "valeur invalide : {message}",
    "Value must be an iterable.": "une liste de valeurs est attendue",
    "Option {name!r} does not take a value.": "l'option {name} ne prend pas de valeur",
    "Argument {name!r} takes {nargs} values.": "l'argument {name} attend {nargs} valeurs",
    "Invalid start character for option ({option})": "caractère invalide au début de l'option ({option})",
    "{value!r} is not a valid {number_type}.": "« {value} » n'est pas un {number_type} valide",
    "{value} is not in the range {range}.": "la valeur doit être {range} (et non {value})",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "« {value} » : oui ou non est attendu ({states})",
    "{value!r} is not a valid UUID.": "« {value} » n'est pas un UUID valide",
    "{name} {filename!r} does not exist.": "{name} « {filename} » introuvable",
    "{name} {filename!r} is a file.": "{name} « {filename} » : c'est un fichier",
    "{name} {filename!r} is a directory.": "{name} « {filename} » : c'est un dossier",
    "{name} {filename!r} is not readable.": "{name} « {filename} » : lecture interdite",
    "{name} {filename!r} is not writable.": "{name} « {filename} » : écriture interdite",
    "{name} {filename!r} is not executable.": "{name} « {filename} » : exécution interdite",
    "Could not open file {filename!r}: {message}": "impossible d'ouvrir « {filename} » : {message}",
    "unknown error": "erreur inconnue",
}

#: ``ngettext``: the singular message id, and the French singular and plural.
PLURALS = {
    "Got unexpected extra argument ({args})": ("argument en trop : {args}", "arguments en trop : {args}"),
    "Option {name!r} requires an argument.": ("l'option {name} attend une valeur",
                                              "l'option {name} attend {nargs} valeurs"),
    "Takes {nargs} values but 1 was given.": ("{nargs} valeurs attendues, 1 donnée",
                                              "{nargs} valeurs attendues, {len} données"),
    "{value!r} does not match the format {format}.": ("« {value} » ne suit pas le format {format}",
                                                      "« {value} » ne suit aucun des formats {formats}"),
    "{len_type} values are required, but {len_value} was given.": (
        "{len_type} valeurs attendues, {len_value} donnée", "{len_type} valeurs attendues, {len_value} données"),
}

#: The names of click's value types, in the help (``<entier>``) and in conversion errors.
TYPES = {
    "StringParamType": "texte", "UnprocessedParamType": "texte", "IntParamType": "entier",
    "IntRange": "entier", "FloatParamType": "nombre", "FloatRange": "nombre",
    "BoolParamType": "oui/non", "DateTime": "date", "UUIDParameterType": "UUID",
}
#: How an argument is named in the help and the usage line (the Python parameter otherwise).
ARGUMENTS = {"paths": "CHEMINS", "file": "CLASSEUR", "directory": "DOSSIER", "kind": "TYPE",
             "code": "CODE", "dossier": "DOSSIER"}
#: Words of a group's usage line (``clstool [OPTIONS] COMMAND [ARGS]...``).
USAGE_WORDS = {"COMMAND [ARGS]...": "COMMANDE [ARGUMENTS]..."}


def gettext(message: str) -> str:
    """click's and typer's ``_``."""
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """click's ``ngettext``."""
    french = PLURALS.get(singular)
    if french is None:
        return singular if count == 1 else plural
    return french[0] if count == 1 else french[1]


def _range(low: Any, high: Any) -> str:
    if low is None:
        return f"au plus {high}"
    if high is None:
        return f"au moins {low}"
    return f"de {low} à {high}"


def _suggestion(value: str, allowed: list[str]) -> str:
    """`` ; vouliez-vous dire « json » ?`` (empty when nothing is close)."""
    import difflib

    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.5)
    return f" ; vouliez-vous dire « {close[0]} » ?" if close else ""


def _hint(param: Any) -> str:
    """A value's hint: ``<entier>``, ``<json|text>``, ``<texte>...`` when repeatable."""
    import click

    if isinstance(param.type, click.Choice):
        inner = "|".join(str(c) for c in param.type.choices)
    else:
        inner = param.type.name
    return f"<{inner}>" + ("..." if getattr(param, "multiple", False) or param.nargs != 1 else "")


def _argument_name(param: Any) -> str:
    return param.metavar or ARGUMENTS.get(param.name, (param.name or "").upper())


def _argument_usage(param: Any) -> str:
    """``CLASSEUR``, ``[DOSSIER]``, ``[CHEMINS]...``."""
    name = _argument_name(param)
    if not param.required:
        name = f"[{name}]"
    return name + ("..." if param.nargs != 1 else "")


_installed = False


def install() -> None:
    """Put the French in (idempotent). Touches modules and classes, not instances: cheap at
    start-up."""
    global _installed
    if _installed:
        return
    _installed = True
    import click
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types
    import typer.core as tcore

    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser,
                   click.types, tcore):
        module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]

    for cls_name, french in TYPES.items():
        getattr(click.types, cls_name).name = french

    def describe_range(self: Any) -> str:
        return _range(self.min, self.max)

    click.types._NumberRangeBase._describe_range = describe_range  # type: ignore[method-assign]

    def invalid_choice(self: Any, value: Any, ctx: Any) -> str:
        allowed = [str(c) for c in self._normalized_mapping(ctx=ctx).values()]
        return (f"« {value} » n'est pas une valeur possible ({', '.join(allowed)})"
                + _suggestion(str(value), allowed))

    def missing_choice(self: Any, param: Any, ctx: Any) -> str:
        return "Valeurs possibles : " + ", ".join(str(c) for c in self._normalized_mapping(ctx=ctx).values())

    click.Choice.get_invalid_choice_message = invalid_choice  # type: ignore[method-assign]
    click.Choice.get_missing_message = missing_choice  # type: ignore[method-assign]

    def possibilities(names: list[str]) -> str:  # after « option inconnue : --formt »
        return "; vouliez-vous dire " + " ou ".join(sorted(names)) + " ?"

    click.exceptions._format_possibilities = possibilities  # type: ignore[attr-defined]

    def option_error_hint(self: Any, ctx: Any) -> str:  # --year / -y
        return " / ".join(self.opts or [self.human_readable_name])

    def argument_error_hint(self: Any, ctx: Any) -> str:
        return _argument_name(self)

    click.core.Parameter.get_error_hint = option_error_hint  # type: ignore[method-assign]
    click.core.Option.get_error_hint = option_error_hint  # type: ignore[method-assign]
    click.core.Argument.get_error_hint = argument_error_hint  # type: ignore[method-assign]

    def option_metavar(self: Any, ctx: Any) -> str:
        return self.metavar or _hint(self)

    tcore.TyperOption.make_metavar = option_metavar  # type: ignore[method-assign]

    def argument_metavar(self: Any, ctx: Any) -> str:
        return _argument_usage(self)

    tcore.TyperArgument.make_metavar = argument_metavar  # type: ignore[method-assign]
    argument_help = tcore.TyperArgument.get_help_record

    def argument_help_record(self: Any, ctx: Any) -> tuple[str, str] | None:
        record = argument_help(self, ctx)
        if record is None:
            return None
        repeated = "..." if self.nargs != 1 else ""
        return f"{_argument_name(self)}{repeated} {_hint(self)}", record[1]

    tcore.TyperArgument.get_help_record = argument_help_record  # type: ignore[method-assign]

    write_usage = click.formatting.HelpFormatter.write_usage

    def french_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, french in USAGE_WORDS.items():
            args = args.replace(english, french)
        write_usage(self, prog, args, prefix)

    click.formatting.HelpFormatter.write_usage = french_usage  # type: ignore[method-assign]

    def french_heading(self: Any, heading: str) -> None:  # « Options : », French spacing
        self.write(f"{'':>{self.current_indent}}{heading} :\n")

    click.formatting.HelpFormatter.write_heading = french_heading  # type: ignore[method-assign]
