"""Lint rules: one module per rule in this package, found and registered automatically.

A rule is a subclass of :class:`Rule` declared in its own module (``porteur_absent.py``):

- ``code`` (``CLS201``; ``CLS2xx`` for content rules, ``CLS3xx`` for calendar rules), ``name``
  (short, kebab-case, French: ``porteur-absent``), ``severity`` (default
  :attr:`Severity.WARNING`), ``default`` (``False``: opt-in, run only when its exact code or name
  is selected), ``scope`` (``"fiche"``: :meth:`Rule.check` is called once per fiche;
  ``"territoire"``: once per territory, for rules that compare several fiches) and
  ``detail_only`` (skip fiches reduced to their title, see :func:`is_title_only`) and
  ``rubrique`` (a completeness rule about one rubrique of the fiche form, a key of
  :data:`clstool.model.vocabulary.RUBRIQUES`: run only on territories whose form profile has it,
  :mod:`clstool.model.profiles`);
- :meth:`Rule.check` ``(ctx)`` yields :class:`Problem` — or plain tuples
  ``(path, message[, at_key])`` — where ``path`` is a data path in the fiche
  (``("participation_citoyenne", "reponse")``);
- its docstring *is* its documentation (``clstool rules CODE``), in the format shared with the
  built-in codes (:mod:`clstool.lint.documented`): first line = the one-line summary; then the
  rationale; then at least one ``En faute ::`` and one ``Correct ::`` literal block, an extract
  of a fiche. The test suite runs every example of every rule (``tests/lint/test_rules_docs.py``),
  so the documentation cannot drift from the code. Each rule also has its own test file,
  ``tests/lint/rules/test_<module>.py``.

Inside an example, a line ``# fichier : fiches/1-2.yaml`` starts another file of the territory
(``# fichier : contrat.yaml`` replaces the default contract, 2022–2027, axes 1 and 2), and
``# aujourd'hui : 2025-03-01`` sets the reference date. An example without ``id:`` is an extract:
``id``, ``axe`` and ``titre`` are added in front of it.

Modules whose name starts with ``_`` hold shared helpers and are not scanned for rules.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, ClassVar, NamedTuple

from clstool.lint.documented import Documented, Example
from clstool.model.contrat import Contrat
from clstool.model.diagnostic import Diagnostic, Severity
from clstool.model.documents import Fiche
from clstool.model.profiles import Profile
from clstool.yamlio.load import SourceFile, Territory
from clstool.yamlio.profiles import of_contract
from clstool.yamlio.schema_errors import allowed_keys, format_path

__all__ = [
    "Context", "Example", "Problem", "Rule", "all_rules", "get_rule", "is_title_only",
    "missing_position", "run_rules",
]


class Problem(NamedTuple):
    """What a rule found. ``pos`` overrides the position computed from ``path``."""

    path: tuple
    message: str
    at_key: bool = False
    file: SourceFile | None = None  #: default: the fiche being checked
    pos: tuple[int, int] | None = None


#: Keys that identify a fiche without describing the action (Clermont-Ferrand's fiches).
TITLE_KEYS = frozenset({"id", "axe", "titre", "sous_titre", "definition", "notes", "priorite", "transitions"})


def is_title_only(fiche: Fiche) -> bool:
    """A fiche that gives nothing but its identity: the source publishes only its title.

    Completeness rules (``detail_only``) skip it: eight warnings saying that an empty fiche is
    empty would hide the real findings. A scaffold with empty lists (``typologie: []``) is
    *not* title-only: it is being filled in, and the rules say what is still missing."""
    return not (fiche.model_fields_set - TITLE_KEYS)


def missing_position(source: SourceFile, path: tuple) -> tuple[int, int]:
    """Where the absent part of ``path`` belongs: on the next key present after it in the
    schema's order (so an editor jumps where the key is to be written), else on the last key
    before it, else on the mapping that should hold it."""
    for end in range(1, len(path) + 1):  # the shortest absent prefix is what is missing
        if path[:end] not in source.positions:
            path = path[:end]
            break
    else:
        return source.pos(path, at_key=True)
    parent, key = path[:-1], path[-1]
    if parent in source.positions and source.kind in ("fiche", "contrat"):
        model = Fiche if source.kind == "fiche" else Contrat
        order = allowed_keys(model, parent)
        container = _at(source.data, parent)
        if isinstance(container, dict) and key in order:
            rank = order.index(key)
            after = [k for k in order[rank + 1:] if k in container]
            before = [k for k in order[:rank] if k in container]
            if after:
                return source.pos((*parent, after[0]), at_key=True)
            if before:
                return source.pos((*parent, before[-1]), at_key=True)
    return source.pos(parent)


def _at(data: Any, path: tuple) -> Any:
    for element in path:
        try:
            data = data[element]
        except (KeyError, IndexError, TypeError):
            return None
    return data


@dataclass
class Context:
    """What a rule sees: a territory (its contract and loaded fiches), the fiche being checked
    (scope ``fiche``) and the reference date (``validate --as-of``, default today)."""

    territory: Territory
    today: dt.date
    source: SourceFile | None = None
    #: shared by every rule that checks this fiche: work done once for several rules (parsed
    #: calendars…) can be kept here, under a key of the helper module's own
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def fiche(self) -> Fiche:
        assert self.source is not None and isinstance(self.source.model, Fiche)
        return self.source.model

    @cached_property
    def contrat(self) -> Contrat | None:
        c = self.territory.contrat
        return c.model if c is not None and isinstance(c.model, Contrat) else None

    @cached_property
    def fiches(self) -> list[tuple[SourceFile, Fiche]]:
        """The territory's fiches that loaded into a model, in file order."""
        return [(f, f.model) for f in self.territory.fiches if isinstance(f.model, Fiche)]

    @cached_property
    def contract_span(self) -> tuple[dt.date, dt.date] | None:
        c = self.contrat
        if c is None or c.periode.fin_date() < c.periode.debut_date():
            return None
        return c.periode.debut_date(), c.periode.fin_date()

    @cached_property
    def profile(self) -> Profile:
        """The form the territory's fiches follow (``formulaire`` of contrat.yaml)."""
        return of_contract(self.contrat)

    @property
    def contract_years(self) -> range | None:
        span = self.contract_span
        return range(span[0].year, span[1].year + 1) if span else None

    def missing(self, path: tuple, message: str, file: SourceFile | None = None) -> Problem:
        """A problem about an absent key, placed where the key belongs (:func:`missing_position`)."""
        source = file or self.source
        assert source is not None
        return Problem(path, message, file=source, pos=missing_position(source, path))


class Rule(Documented):
    """Base of every lint rule (see the module docstring)."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    default: ClassVar[bool] = True
    scope: ClassVar[str] = "fiche"
    detail_only: ClassVar[bool] = False
    #: the rubrique of the form this rule checks: skipped when the territory's form lacks it
    rubrique: ClassVar[str | None] = None
    #: reads the reference date (``ctx.today``): the validation cache keys on that date
    uses_today: ClassVar[bool] = False

    def check(self, ctx: Context) -> Iterable[Problem | tuple]:  # pragma: no cover - abstract
        raise NotImplementedError


@lru_cache(maxsize=None)
def _registry() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    names: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for obj in vars(module).values():
            if (isinstance(obj, type) and issubclass(obj, Rule) and obj.__module__ == module.__name__
                    and obj.code):
                if obj.code in rules or obj.name in names:
                    raise RuntimeError(f"règle en double : {obj.code} {obj.name} ({module.__name__})")
                if not re.fullmatch(r"CLS\d{3}", obj.code) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", obj.name):
                    raise RuntimeError(f"code ou nom de règle mal formé : {obj.code} {obj.name}")
                rules[obj.code] = obj()
                names[obj.name] = obj.code
    return dict(sorted(rules.items()))


def all_rules() -> dict[str, Rule]:
    """Every registered rule, by code, in code order."""
    return _registry()


def get_rule(code_or_name: str) -> Rule | None:
    """A rule by its code (``CLS203``, any case) or its name (``participation-non-renseignee``)."""
    rules = all_rules()
    key = code_or_name.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    return next((r for r in rules.values() if r.name == key.lower()), None)


def _problems(rule: Rule, ctx: Context) -> Iterator[Problem]:
    for item in rule.check(ctx):
        yield item if isinstance(item, Problem) else Problem(*item)


def run_rules(territory: Territory, rules: Iterable[Rule], today: dt.date) -> None:
    """Run ``rules`` on ``territory`` and append their diagnostics to its files.

    Only fiches that loaded into a model are checked (a schema error is reported on its own).
    A rule that crashes becomes one error diagnostic naming it, never a traceback."""
    base = Context(territory, today)
    per_fiche = [(Context(territory, today, source), is_title_only(fiche)) for source, fiche in base.fiches]
    for rule in rules:
        if not base.profile.expects(rule.rubrique):
            continue
        if rule.scope == "territoire":
            contexts = [base] if base.fiches else []
        else:
            contexts = [ctx for ctx, title_only in per_fiche if not (rule.detail_only and title_only)]
        for ctx in contexts:
            try:
                for problem in _problems(rule, ctx):
                    source = problem.file or ctx.source
                    if source is None:  # pragma: no cover - a territory rule must name its file
                        raise ValueError("une règle de territoire doit indiquer le fichier (Problem.file)")
                    pos = problem.pos or source.pos(problem.path, problem.at_key)
                    source.diagnostics.append(Diagnostic(
                        file=source.display, line=pos[0], column=pos[1], code=rule.code,
                        message=problem.message, severity=rule.severity, path=format_path(problem.path)))
            except Exception as exc:  # a bug in one rule must not stop the others
                where = ctx.source or (territory.contrat or territory.fiches[0])
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                where.diagnostics.append(Diagnostic(
                    file=where.display, line=1, column=1, code=rule.code, severity=Severity.ERROR,
                    message=f"erreur interne de la règle {rule.code} ({type(exc).__name__} : {exc}, "
                            f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}) : merci de la signaler"))
