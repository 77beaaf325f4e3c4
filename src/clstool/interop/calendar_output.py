"""Render a year's calendar (:class:`clstool.planning.calendar.YearCalendar`) as JSON, iCalendar or a table.

``json``
    Exactly the shape documented in docs/calendrier.md#formats: ``{"year", "as_of", "items": [{"territoire", "fiche",
    "declinaison", "periode", "jalon", "debut", "fin", "statut"}]}``; ``debut`` and ``fin``
    are ISO dates, or ``null`` for a period that could not be read.

``ics``
    An RFC 5545 calendar with one all-day event per item: ``DTSTART;VALUE=DATE`` is the first
    day, ``DTEND`` the day after the last (RFC 5545 end dates are exclusive). The calendar
    follows the adjusted calendars of the follow-up (``calendrier_ajuste``, built with
    ``adjusted=True``). The ``UID`` is a hash of the event's content (:func:`content_key`:
    territory, fiche, déclinaison id or title, period, milestone, year of a recurring entry),
    never of a position, so importing the file again — or a subscribed calendar refreshing
    it — updates the events instead of duplicating them, even after a déclinaison or an entry
    was inserted before them. An entry spanning the whole contract (« Sur toute la durée du
    CLS ») gives no six-year event but a one-day event on the contract's first day and one on
    its last day, each in its year; the calendar's description (``X-WR-CALDESC``) lists them.
    ``DTSTAMP`` is the reference date (``--as-of``): the same data give the
    same bytes. Lines end with CRLF and are folded at 75 octets. A period that could not be read
    has no dates, so it cannot be an event: it is kept verbatim in an
    ``X-CLSTOOL-PERIODE-NON-RECONNUE`` property of the calendar.

    The file is written by hand rather than with the ``icalendar`` library: what clstool needs
    (all-day events, text escaping, folding) is a few lines, and writing them here keeps the
    output byte-for-byte reproducible without a runtime dependency. The tests read every
    file back with ``icalendar``.

``table``
    A terminal Gantt chart: per axis and fiche, one line per entry with its milestone, a
    twelve-month bar for the year and the planned status; the month of the reference date is
    marked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator

from rich.table import Table
from rich.text import Text

from clstool import __version__
from clstool.model.formatting import iso_date
from clstool.model.vocabulary import PERIODE_ILLISIBLE, STATUTS_PREVUS
from clstool.planning.calendar import CalendarItem, YearCalendar
from clstool.printable import console as safe_console
from clstool.printable import json_safe, visible

# --- JSON -------------------------------------------------------------------------------------


def item_json(item: CalendarItem) -> dict:
    return {
        "territoire": item.territoire,
        "axe": item.axe,
        "sous_axe": item.sous_axe,
        "fiche": item.fiche,
        "declinaison": item.declinaison,
        "periode": item.periode,
        "jalon": item.jalon,
        "debut": iso_date(item.debut),
        "fin": iso_date(item.fin),
        "statut": item.statut,
    }


def to_json(calendar: YearCalendar) -> str:
    data = {
        "year": calendar.year,
        "as_of": calendar.as_of.isoformat(),
        "items": [item_json(item) for item in calendar.items],
        "ignores": calendar.ignores,
        "erreurs": calendar.erreurs,
    }
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2))


# --- iCalendar (RFC 5545) ---------------------------------------------------------------------

CRLF = "\r\n"
UID_DOMAIN = "clstool"


def escape_text(value: str) -> str:
    """RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped; the control
    characters TEXT may not hold (§3.1, CONTROL) are written out first (« \\x1b »)."""
    value = visible(value.replace("\r\n", "\n").replace("\r", "\n"), one_line=False)
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """RFC 5545 §3.1: lines of at most 75 octets, continued after CRLF and one space.

    A line is cut between characters, never inside a UTF-8 sequence.
    """
    out: list[str] = []
    current, size, limit = [], 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [" "], 1, 75
        current.append(char)
        size += width
    out.append("".join(current))
    return CRLF.join(out)


def content_key(item: CalendarItem) -> tuple[str, ...]:
    """What an event is, not where it is written: the territory, the fiche, the déclinaison
    (its ``id``, else its title), the period as written, the milestone, and the year of a
    recurring occurrence. Inserting or moving a déclinaison or an entry changes no other
    event's key."""
    parts = [item.territoire, item.fiche, item.declinaison_id or item.declinaison or "", item.periode,
             item.jalon or ""]
    if item.recurrent and item.debut is not None:
        parts.append(str(item.debut.year))
    return tuple(parts)


def _uid(parts: Iterable[str]) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def event_uids(items: Iterable[CalendarItem]) -> list[str]:
    """Stable identity of each event, derived from its content (:func:`content_key`): the same
    entry gives the same UID in every export, wherever it moves in its fiche. Two entries
    with the same content in the same place are told apart by their rank among them."""
    seen: dict[tuple[str, ...], int] = {}
    uids = []
    for item in items:
        key = content_key(item)
        rank = seen.get(key, 0)
        seen[key] = rank + 1
        uids.append(_uid(key + ((str(rank),) if rank else ())))
    return uids


def event_summary(item: CalendarItem) -> str:
    """Fiche id, déclinaison and milestone; the fiche's title when there is neither."""
    parts = [item.fiche]
    if item.declinaison:
        parts.append(item.declinaison)
    if item.jalon:
        parts.append(item.jalon)
    if len(parts) == 1 and item.fiche_titre:
        parts.append(item.fiche_titre)
    return " · ".join(parts)


def _event_description(item: CalendarItem) -> str:
    lines = [f"Fiche {item.fiche} : {item.fiche_titre}"]
    if item.declinaison:
        lines.append(f"Déclinaison {item.declinaison_index} : {item.declinaison}")
    lines.append(f"Période : {item.periode}" + (" (chaque année)" if item.recurrent else ""))
    if item.jalon:
        lines.append(f"Jalon : {item.jalon}")
    if item.ajuste is not None:
        lines.append(f"Calendrier ajusté au suivi {item.ajuste}")
    if item.contrat_entier:
        lines.append(f"Sur toute la durée du contrat : du {item.debut:%d/%m/%Y} au {item.fin:%d/%m/%Y}")
    lines.append(f"Statut prévu : {status_label(item.statut)}")
    return "\n".join(lines)


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


#: The two one-day events of an entry spanning the whole contract: (UID suffix, summary prefix).
CONTRACT_EDGES = (("debut", "Début"), ("fin", "Fin"))


def _events(item: CalendarItem, uid: str, year: int) -> Iterator[tuple[str, dt.date, dt.date, str]]:
    """The events of an item: (UID, first day, last day, summary). An entry spanning the whole
    contract (« Sur toute la durée du CLS ») is no event of several years: it gives a one-day
    event on the contract's first day and one on its last day, each in the year it falls in."""
    assert item.debut is not None and item.fin is not None
    if not item.contrat_entier:
        yield uid, item.debut, item.fin, event_summary(item)
        return
    for (suffix, label), day in zip(CONTRACT_EDGES, (item.debut, item.fin), strict=True):
        if day.year == year:
            yield uid.replace("@", f"-{suffix}@", 1), day, day, f"{label} · {event_summary(item)}"


def _event_lines(item: CalendarItem, stamp: str, uid: str, year: int) -> Iterator[str]:
    for event_uid, first, last, summary in _events(item, uid, year):
        yield from _one_event(item, stamp, event_uid, first, last, summary)


def _one_event(item: CalendarItem, stamp: str, uid: str, first: dt.date, last: dt.date,
               summary: str) -> Iterator[str]:
    yield "BEGIN:VEVENT"
    yield f"UID:{uid}"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART;VALUE=DATE:{_date(first)}"
    yield f"DTEND;VALUE=DATE:{_date(last + dt.timedelta(days=1))}"
    yield f"SUMMARY:{escape_text(summary)}"
    yield f"DESCRIPTION:{escape_text(_event_description(item))}"
    if item.axe:  # one category per level, each escaped, separated by a bare comma (RFC 5545)
        levels = [f"Axe {item.axe}", *([f"Sous-axe {item.sous_axe}"] if item.sous_axe else [])]
        yield f"CATEGORIES:{','.join(escape_text(level) for level in levels)}"
    yield "TRANSP:TRANSPARENT"
    yield "END:VEVENT"


def to_ics(calendar: YearCalendar) -> str:
    """The year's items as an RFC 5545 calendar (CRLF line ends, folded lines)."""
    stamp = dt.datetime.combine(calendar.as_of, dt.time()).strftime("%Y%m%dT%H%M%SZ")
    territories = sorted({item.territoire for item in calendar.items})
    name = f"CLS {', '.join(territories)} – {calendar.year}" if territories else f"CLS – {calendar.year}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//clstool//clstool {__version__}//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for item in calendar.items:
        if item.debut is None:
            where = f"{item.territoire} · fiche {item.fiche}"
            if item.declinaison_index:
                where += f" · déclinaison {item.declinaison_index}"
            lines.append(f"X-CLSTOOL-PERIODE-NON-RECONNUE:{escape_text(f'{where} : {item.periode}')}")
    whole = [item for item in calendar.items if item.contrat_entier]
    if whole:
        listed = ", ".join(dict.fromkeys(f"{i.fiche}" + (f".{i.declinaison_index}" if i.declinaison_index else "")
                                         for i in whole))
        lines.append(f"X-WR-CALDESC:{escape_text(f'Sur toute la durée du contrat (début et fin seulement) : {listed}')}")
    dated = [item for item in calendar.items if item.debut is not None]
    for item, uid in zip(dated, event_uids(dated), strict=True):
        lines.extend(_event_lines(item, stamp, uid, calendar.year))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


# --- Table (a terminal Gantt chart) -----------------------------------------------------------

MONTH_LETTERS = "JFMAMJJASOND"
FULL, EMPTY, TODAY_FULL, TODAY_EMPTY = "█", "·", "▓", "│"
UNPARSED_LABEL = PERIODE_ILLISIBLE.label
STATUS_STYLES: dict[str | None, str] = {code: term.style for code, term in STATUTS_PREVUS.items()}
STATUS_STYLES[None] = PERIODE_ILLISIBLE.style


def status_label(code: str | None) -> str:
    """French label of a planned status; None is an entry whose period could not be read."""
    if code is None:
        return UNPARSED_LABEL
    term = STATUTS_PREVUS.get(code)
    return term.label if term else code


def months_covered(intervals: Iterable[tuple[dt.date | None, dt.date | None]], year: int) -> set[int]:
    """The months of ``year`` that at least one of the intervals touches."""
    months: set[int] = set()
    for debut, fin in intervals:
        if debut is None or fin is None or debut.year > year or fin.year < year:
            continue
        first = 1 if debut.year < year else debut.month
        last = 12 if fin.year > year else fin.month
        months.update(range(first, last + 1))
    return months


def month_bar(covered: set[int], year: int, as_of: dt.date | None, style: str = "") -> Text:
    """Twelve cells, one per month of ``year``; the month of ``as_of`` is marked."""
    today = as_of.month if as_of is not None and as_of.year == year else None
    bar = Text()
    for month in range(1, 13):
        on = month in covered
        if month == today:
            bar.append(TODAY_FULL if on else TODAY_EMPTY, style="bold magenta")
        else:
            bar.append(FULL if on else EMPTY, style=style if on else "dim")
    return bar


def _month_header(year: int, as_of: dt.date) -> Text:
    header = Text()
    for month, letter in enumerate(MONTH_LETTERS, start=1):
        marked = as_of.year == year and as_of.month == month
        header.append(letter, style="bold magenta underline" if marked else "bold")
    return header


def _dates(item: CalendarItem) -> str:
    if item.debut is None or item.fin is None:
        return "—"
    if item.debut == item.fin:
        return item.debut.strftime("%d/%m/%Y")
    first = item.debut.strftime("%d/%m" if item.debut.year == item.fin.year else "%d/%m/%Y")
    return f"{first} → {item.fin.strftime('%d/%m/%Y')}"


def _status(code: str | None) -> Text:
    return Text(status_label(code), style=STATUS_STYLES.get(code, ""))


def _span(items: list[CalendarItem]) -> set:
    return {(item.debut, item.fin) for item in items}


def to_table(calendar: YearCalendar) -> Table:
    """Grouped by territory, axis and fiche: one line per fiche and déclinaison (with the span
    of its entries in the year), then one line per entry with its milestone."""
    year, as_of = calendar.year, calendar.as_of
    table = Table(title=f"Calendrier {year} — au {as_of.strftime('%d/%m/%Y')}", header_style="bold")
    table.add_column("N°", no_wrap=True)
    table.add_column("Intitulé · période", ratio=3, min_width=24)
    table.add_column("Jalon", ratio=2, min_width=14)
    table.add_column(_month_header(year, as_of), no_wrap=True, min_width=12)
    table.add_column("Dates", no_wrap=True)
    table.add_column("Statut prévu", no_wrap=True)
    several = len({f.territoire for f in calendar.fiches}) > 1
    territory = axe = None
    for fiche in calendar.fiches:
        if not fiche.items:
            continue
        if several and fiche.territoire != territory:
            territory, axe = fiche.territoire, None
            table.add_section()
            table.add_row("", Text(visible(fiche.territoire), style="bold reverse"))
        if fiche.axe != axe:
            axe = fiche.axe
            table.add_section()
            table.add_row(Text(visible(f"Axe {fiche.axe}"), style="bold underline"),
                          Text(visible(fiche.axe_titre or "", one_line=False), style="bold underline"))
        title = Text(visible(fiche.titre, one_line=False), style="bold")
        if fiche.alerte:
            title.append("\n" + visible(fiche.alerte), style="bold red")
        table.add_row(Text(visible(fiche.id), style="bold"), title, "",
                      month_bar(months_covered(_span(fiche.items), year), year, as_of, "bold"),
                      "", _status(fiche.statut))
        for index in [None] + [u.index for u in fiche.declinaisons]:
            items = [item for item in fiche.items if item.declinaison_index == index]
            if not items:
                continue
            if index is not None:
                unit = fiche.declinaisons[index - 1]
                table.add_row(f"{fiche.id}.{index}", unit.titre, "",
                              month_bar(months_covered(_span(items), year), year, as_of),
                              "", _status(unit.statut))
            for item in items:
                periode = Text(visible("↳ " + item.periode + (" ↻" if item.recurrent else "")), style="italic")
                if item.debut is None:
                    periode.stylize("bold red")
                table.add_row("", periode, item.jalon or "",
                              month_bar(months_covered([(item.debut, item.fin)], year), year, as_of,
                                        STATUS_STYLES.get(item.statut, "")),
                              _dates(item), _status(item.statut))
    table.caption = (f"{FULL} mois prévu   {EMPTY} rien de prévu   {TODAY_FULL} {TODAY_EMPTY} mois de la date "
                     f"de référence   ↻ chaque année")
    return table


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def summary_lines(calendar: YearCalendar) -> list[str]:
    """What the table does not show: the count, the fiches with nothing in the year, the
    periods that could not be read."""
    items = calendar.items
    lines = []
    if items:
        lines.append(f"{_plural(len(items), 'entrée')} de calendrier en {calendar.year} "
                     f"({_plural(sum(1 for f in calendar.fiches if f.items), 'fiche')}).")
    else:
        lines.append(f"Rien de prévu en {calendar.year}.")
    territories = list(dict.fromkeys(f.territoire for f in calendar.fiches))
    for territory in territories:
        where = f" ({territory})" if len(territories) > 1 else ""
        quiet = [f for f in calendar.quiet if f.territoire == territory]
        elsewhere = [f.id for f in quiet if f.statut is not None]
        undated = [f.id for f in quiet if f.statut is None]
        if elsewhere:
            lines.append(f"Rien de prévu en {calendar.year}{where} : {', '.join(elsewhere)}.")
        if undated:
            lines.append(f"Aucune date{where}, {_plural(len(undated), 'fiche')} : {', '.join(undated)}.")
    for item in calendar.unparsed:
        where = f"{item.fichier} : fiche {item.fiche}"
        if item.declinaison_index:
            where += f", déclinaison {item.declinaison_index}"
        lines.append(f"Période non reconnue ({where}) : « {item.periode} » — {item.erreur}")
    lines += calendar.erreurs.values()
    return lines


def to_text(calendar: YearCalendar, width: int = 140) -> str:
    """The table and its summary as plain text (no colour), for a file."""
    import os

    with open(os.devnull, "w", encoding="utf-8") as sink:
        console = safe_console(record=True, width=width, file=sink, color_system=None, highlight=False,
                          soft_wrap=False, emoji=False)
        console.print(to_table(calendar))
        for line in summary_lines(calendar):
            console.print(line, markup=False)
        return console.export_text()
