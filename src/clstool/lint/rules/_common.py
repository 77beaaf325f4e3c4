"""Helpers shared by several rules (not a rule module: its name starts with ``_``)."""

from __future__ import annotations

from collections.abc import Iterator

from clstool.lint.rules import Context, Problem
from clstool.model.names import comparison_key as fold  # noqa: F401 - the rules' name for it


def empty_here(ctx: Context, path: tuple, message: str) -> Problem:
    """A problem about an empty or absent value: on its key when it is written (``typologie: []``),
    where it belongs otherwise."""
    assert ctx.source is not None
    if path in ctx.source.positions:
        return Problem(path, message, at_key=True)
    return ctx.missing(path, message)


# --- « Oui / Non » blocks with their natures (participation citoyenne, accès à l'information) ----

def not_answered(ctx: Context, key: str, headline: str) -> Iterator[Problem]:
    block = getattr(ctx.fiche, key)
    message = f"{headline} : ni « oui » ni « non » (ajoutez {key}.reponse)"
    if block is None:
        yield ctx.missing((key, "reponse"), message)
    elif block.reponse is None and not block.natures:
        yield Problem((key, "reponse"), message, pos=ctx.source.pos((key,), at_key=True))


def oui_without_nature(ctx: Context, key: str, what: str) -> Iterator[Problem]:
    block = getattr(ctx.fiche, key)
    if block is not None and block.reponse == "oui" and not block.natures:
        yield Problem((key, "reponse"), f"{what} : « oui » sans aucune nature cochée "
                      f"(ajoutez {key}.natures)")


def natures_without_oui(ctx: Context, key: str, what: str) -> Iterator[Problem]:
    block = getattr(ctx.fiche, key)
    if block is None or not block.natures or block.reponse == "oui":
        return
    natures = ", ".join(block.natures)
    if block.reponse is None:
        yield Problem((key, "natures"), f"{what} : natures cochées ({natures}) mais ni « oui » ni "
                      "« non » : ajoutez reponse: oui si c'est le cas", at_key=True)
    else:
        yield Problem((key, "reponse"), f"{what} : « {block.reponse} » mais des natures sont "
                      f"cochées ({natures}) : l'un des deux est faux")


# --- Calendars and follow-up ---------------------------------------------------------------------

CLOSED = ("realise", "abandonne")


def calendar_entries(fiche) -> Iterator[tuple[tuple, object]]:
    """Every calendar entry of a fiche with its path: the fiche's own, its déclinaisons', and
    the adjusted calendars of its follow-up (the fiche's and its déclinaisons')."""
    for k, entry in enumerate(fiche.calendrier):
        yield ("calendrier", k), entry
    for j, declinaison in enumerate(fiche.declinaisons):
        for k, entry in enumerate(declinaison.calendrier):
            yield ("declinaisons", j, "calendrier", k), entry
    for year, suivi in fiche.suivi.items():
        for k, entry in enumerate(suivi.calendrier_ajuste):
            yield ("suivi", year, "calendrier_ajuste", k), entry
        for ref, suivi_declinaison in suivi.declinaisons.items():
            for k, entry in enumerate(getattr(suivi_declinaison, "calendrier_ajuste", ())):
                yield ("suivi", year, "declinaisons", ref, "calendrier_ajuste", k), entry


def closed_in(fiche) -> int | None:
    """The first year whose follow-up declares the action done or abandoned."""
    years = [y for y, s in fiche.suivi.items() if s.statut in CLOSED]
    return min(years) if years else None
