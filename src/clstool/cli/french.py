"""French for what the command-line library itself writes: help headings, type hints, usage
errors, « did you mean ». One table, one module.

typer 0.29 bundles its own copy of click (``typer._click``) whose messages are English
f-strings (no gettext), while ``typer.core`` looks its few words up through a module-level
gettext alias ``_``. So French comes in at three narrow points, all set by :func:`install`
(called once by :mod:`clstool.cli.app`, before any command is built):

- :data:`WORDS` replaces ``typer.core._`` (« Options », « [défaut : …] », « [obligatoire] »…);
- the help option's text, the « Utilisation : » prefix, the names shown for arguments and the
  type hints (``<texte>`` rather than ``<str>`` or ``<list[str]>``) are set on the classes;
- the message of a usage error is rewritten by :func:`message` with :data:`MESSAGES`, a list
  of patterns over the English sentences of click and pydantic (typer coerces with pydantic),
  just before :func:`clstool.cli.main` prints it.

``tests/cli/test_french.py`` runs every command's ``--help`` and a set of wrong invocations
and fails on any English phrase of the library: a typer upgrade that changes a sentence shows
there.
"""

from __future__ import annotations

import re
from typing import Any, Callable

#: ``typer.core``'s gettext messages.
WORDS = {
    "Arguments": "Arguments",
    "Options": "Options",
    "Commands": "Commandes",
    "required": "obligatoire",
    "default: {default}": "défaut : {default}",
    "env var: {var}": "variable d'environnement : {var}",
    "(dynamic)": "(calculé)",
    "Aborted!": "Interrompu.",
    "Missing command.": "commande manquante.",
    "No such command {name!r}.": "commande inconnue : « {name} ».",
}

HELP_OPTION = "Afficher cette aide et quitter."
USAGE = "Utilisation : "
#: Words of the usage line (``clstool [OPTIONS] COMMAND [ARGS]...``).
USAGE_WORDS = {"[OPTIONS]": "[OPTIONS]", "COMMAND [ARGS]...": "COMMANDE [ARGUMENTS]..."}
#: How an argument is named in the help and the usage line (the Python parameter otherwise).
ARGUMENTS = {"paths": "CHEMINS", "file": "CLASSEUR", "directory": "DOSSIER", "kind": "TYPE",
             "code": "CODE", "dossier": "DOSSIER"}
#: Type hints, inside ``<…>``.
TYPES = {"str": "texte", "int": "entier", "float": "nombre", "bool": "oui/non", "int range": "entier",
         "float range": "nombre", "Path": "chemin", "path": "chemin", "file": "fichier",
         "directory": "dossier"}


def _quoted(text: str) -> str:
    """``'--year' / '-y'`` → ``--year / -y``."""
    return re.sub(r"'([^']*)'", r"\1", text)


def _choices(text: str) -> list[str]:
    return re.findall(r"'([^']*)'", text)


def _one_of(match: re.Match) -> str:
    import difflib

    value, allowed = match.group(1), _choices(match.group(2))
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.5)
    hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
    return f"« {value} » n'est pas une valeur possible ({', '.join(allowed)}){hint}"


def _missing(match: re.Match) -> str:
    kind, hint, choices = match.group(1), match.group(3), match.group(4)
    text = {"option": "option obligatoire absente", "argument": "argument obligatoire absent",
            "parameter": "valeur obligatoire absente"}[kind]
    if hint:
        text += f" : {_quoted(hint)}"
    if choices:
        text += " (valeurs possibles : " + ", ".join(c.strip() for c in choices.split(",")) + ")"
    return text


def _or(items: str) -> str:
    names = [n.strip().strip("'") for n in items.split(",") if n.strip()]
    return " ou ".join(names)


#: English sentences of click, typer and pydantic, and their French. Tried in order, each
#: applied once: the outer sentence first, then the pydantic message it quotes.
MESSAGES: list[tuple[str, str | Callable[[re.Match], str]]] = [
    (r"^Missing (option|argument|parameter)( (.+?))?\.(?: Choose from:\s*(.*))?$", _missing),
    (r"^No such option: (\S+) \(Possible options: (.+)\)$",
     lambda m: f"option inconnue : {m.group(1)} ; vouliez-vous dire {_or(m.group(2))} ?"),
    (r"^No such option: (\S+)$", r"option inconnue : \1"),
    (r"^Option '(.+)' requires an argument\.$", r"l'option \1 attend une valeur"),
    (r"^Option '(.+)' requires (\d+) arguments\.$", r"l'option \1 attend \2 valeurs"),
    (r"^Option '(.+)' does not take a value\.$", r"l'option \1 ne prend pas de valeur"),
    (r"^Got unexpected extra argument\(s\) \((.*)\)$", r"argument(s) en trop : \1"),
    (r"^(.*)\. Did you mean (.+)\?$", lambda m: f"{m.group(1).rstrip('.')} ; vouliez-vous dire {_or(m.group(2))} ?"),
    (r"^Invalid value for (.+?): (.*)$", lambda m: f"valeur invalide pour {_quoted(m.group(1))} : {message(m.group(2))}"),
    (r"^Invalid value: (.*)$", lambda m: f"valeur invalide : {message(m.group(1))}"),
    (r"^Value (.+) is not a valid (\w+)\.$", r"\1 n'est pas une valeur possible"),
    (r"^Value must be an iterable\.$", "une liste de valeurs est attendue"),
    # pydantic (typer converts the values of options with it)
    (r"^Value error, '(.*)' is not one of (.*?)\.?$", _one_of),
    (r"^Value error, (.*)$", r"\1"),
    (r"^Input should be a valid integer.*$", "un nombre entier est attendu"),
    (r"^Input should be a valid (number|float).*$", "un nombre est attendu"),
    (r"^Input should be a valid boolean.*$", "oui ou non est attendu (true, false, 1, 0)"),
    (r"^Input should be a valid (date|datetime).*$", "une date AAAA-MM-JJ est attendue"),
    (r"^Input should be a valid string.*$", "un texte est attendu"),
    (r"^Input should be greater than or equal to (\S+)$", r"la valeur doit être au moins \1"),
    (r"^Input should be greater than (\S+)$", r"la valeur doit être plus grande que \1"),
    (r"^Input should be less than or equal to (\S+)$", r"la valeur doit être au plus \1"),
    (r"^Input should be less than (\S+)$", r"la valeur doit être plus petite que \1"),
    (r"^Input should be (.*)$", r"valeur attendue : \1"),
]
_COMPILED: list = []  # compiled at the first usage error, not at every start-up


def message(text: str) -> str:
    """The French of one usage-error message (unchanged when no pattern knows it)."""
    if not _COMPILED:
        _COMPILED.extend((re.compile(pattern, re.DOTALL), repl) for pattern, repl in MESSAGES)
    for pattern, repl in _COMPILED:
        match = pattern.match(text)
        if match:
            return repl(match) if callable(repl) else match.expand(repl)
    return text


def translate(word: str) -> str:
    """gettext for ``typer.core``."""
    return WORDS.get(word, word)


def _type_hint(hint: str) -> str:
    inner = hint[1:-1] if hint.startswith("<") and hint.endswith(">") else hint
    repeated = inner.startswith("list[") and inner.endswith("]")
    if repeated:
        inner = inner[5:-1]
    inner = TYPES.get(inner, inner)
    return f"<{inner}>" + ("..." if repeated else "")


def _range(low: Any, high: Any) -> str | None:
    if low is None and high is None:
        return None
    if low is None:
        return f"au plus {high}"
    if high is None:
        return f"au moins {low}"
    return f"de {low} à {high}"


_installed = False


def install() -> None:
    """Put the French in (idempotent). Touches classes, not instances: cheap at start-up."""
    global _installed
    if _installed:
        return
    _installed = True
    import typer.core as tcore
    from typer import _click

    tcore._ = translate  # type: ignore[attr-defined]
    tcore.describe_number_range = _range  # type: ignore[assignment]

    display_type = tcore._TyperParameter.display_type

    def french_display_type(self: Any, ctx: Any) -> str:
        return _type_hint(display_type(self, ctx))

    tcore._TyperParameter.display_type = french_display_type  # type: ignore[method-assign]

    def display_name_raw(self: Any) -> str:
        if self.metavar is not None:
            return self.metavar
        if isinstance(self, tcore.TyperArgument):
            return ARGUMENTS.get(self.name, (self.name or "").upper())
        return self.name

    tcore._TyperParameter.display_name_raw = property(display_name_raw)  # type: ignore[method-assign,assignment]

    get_help_option = _click.core.Command.get_help_option

    def french_help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = HELP_OPTION
        return option

    _click.core.Command.get_help_option = french_help_option  # type: ignore[method-assign]

    write_usage = _click.formatting.HelpFormatter.write_usage

    def french_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, french in USAGE_WORDS.items():
            args = args.replace(english, french)
        write_usage(self, prog, args, USAGE if prefix is None else prefix)

    _click.formatting.HelpFormatter.write_usage = french_usage  # type: ignore[method-assign]

    def french_heading(self: Any, heading: str) -> None:  # « Options : », French spacing
        self.write(f"{'':>{self.current_indent}}{heading} :\n")

    _click.formatting.HelpFormatter.write_heading = french_heading  # type: ignore[method-assign]
