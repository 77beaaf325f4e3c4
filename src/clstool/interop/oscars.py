"""The flat export (``clstool export --format oscars`` / ``oscars-xlsx``): one row per action and
year, the shape of OSCARS, the regional base of prevention actions, so that observatories can
analyse many contracts in one table.

An *action* is a déclinaison of a fiche, or the fiche itself when it has none. A row is made for
each year of the contract from its start to the current year (``--year`` keeps one year); its
status is the one ``clstool status`` gives for that year (follow-up first, then the calendar).
Columns are documented one by one in ``docs/export-oscars.md``; :data:`COLUMNS` is their order.

Territories are read one at a time (in worker processes for a large corpus) and dropped: the
national corpus streams through in bounded memory.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

from clstool.lint.reading import check_territory
from clstool.model.contrat import Contrat
from clstool.model.diagnostic import Diagnostic
from clstool.model.documents import CaseNommee, Fiche, Financement, TerritoireIntervention, flatten
from clstool.model.names import id_key
from clstool.model.vocabulary import AGES, DETERMINANTS, NIVEAUX_TERRITOIRE, PROFESSIONNELS, PUBLICS
from clstool.model.vocabulary import libelle as status_label
from clstool.planning.status import fiche_status
from clstool.sheets.write import iter_csv, write_only_cell
from clstool.yamlio import referentiel as regional
from clstool.yamlio.load import Territory, discover, load_file
from clstool.yamlio.parallel import each_territory

COLUMNS = (
    "Territoire", "Dossier", "Année", "Axe", "Titre de l'axe", "Fiche", "Titre de la fiche",
    "Déclinaison", "Titre de la déclinaison", "Porteurs", "Partenaires", "Publics visés",
    "Territoire d'intervention", "Déterminants", "Codes du référentiel", "Objectifs du référentiel",
    "Objectifs de la fiche", "Financeurs", "Montant (€)", "Financeurs de la fiche",
    "Montant de la fiche (€)", "Statut", "Libellé du statut",
    "Suivi renseigné", "Avancement (%)",
)  # fmt: skip

_DETERMINANT_LABELS = {(family, code): text for family, (_, items) in DETERMINANTS.items()
                       for code, text in items.items()}


def _join(items) -> str:
    return " ; ".join(dict.fromkeys(" ".join(str(i).split()) for i in items if i))


def _publics(fiche: Fiche) -> str:
    p = fiche.public_vise
    if p is None:
        return ""
    return _join([AGES[a] for a in p.ages] + [PUBLICS[c] for c in p.publics] + [PROFESSIONNELS[c] for c in p.professionnels]
                 + [p.professionnels_autre, p.autre])


def _place(name: str, value) -> str | None:
    if isinstance(value, CaseNommee):  # named beside the box: shown only when the box is ticked
        value = (list(value.noms) or True) if value.coche else None
    if value is None or value is False:
        return None
    if value is True:
        return name
    if value == "tous":
        return f"{name} : tous"
    return f"{name} : {', '.join(value)}" if value else None


def _territory(t: TerritoireIntervention | None) -> str:
    if t is None:
        return ""
    return _join([_place(label, getattr(t, level)) for level, label in NIVEAUX_TERRITOIRE.items()])


def _determinants(fiche: Fiche) -> str:
    d = fiche.determinants
    if d is None:
        return ""
    return _join([_DETERMINANT_LABELS[(family, code)] for family in DETERMINANTS for code in getattr(d, family)]
                 + list(d.autres))


def _funding(financements: list[Financement]) -> tuple[str, float | None]:
    names = _join(f.financeur for f in financements)
    amounts = [f.montant for f in financements if f.montant is not None]
    return names, (float(sum(amounts)) if amounts else None)


def territory_rows(territory: Territory, years: tuple[int, ...] | None,
                   today: dt.date) -> tuple[list[list], list[Diagnostic]]:
    """The rows of one territory (loaded here, dropped after), and what ``clstool validate``
    says of its files (:mod:`clstool.lint.reading`: a file with errors gives what could be read)."""
    for source in territory.files:
        load_file(source)
    try:
        found = check_territory(territory)
        return _rows(territory, years, today), found
    finally:
        territory.forget()


def _rows(territory: Territory, years: tuple[int, ...] | None, today: dt.date) -> list[list]:
    contrat = territory.contrat.usable if territory.contrat else None
    contrat = contrat if isinstance(contrat, Contrat) else None
    name = contrat.territoire if contrat else territory.display
    axes = {a.id: a.titre for a in contrat.axes} if contrat else {}
    fiches = sorted(((s, s.usable) for s in territory.fiches if isinstance(s.usable, Fiche)),
                    key=lambda pair: id_key(pair[1].id))
    if years is None:
        if contrat is None:
            span: tuple[int, ...] = (today.year,)
        else:
            first, last = contrat.periode.debut_date().year, contrat.periode.fin_date().year
            span = tuple(range(first, max(first, min(last, today.year)) + 1))
    else:
        span = years
    labels: dict[str, str] = {}
    if any(f.referentiel for _, f in fiches):
        found, _ = regional.for_folder(territory.root)
        labels = found.libelles if found else {}
    rows: list[list] = []
    for source, fiche in fiches:
        portage = fiche.portage
        carriers = _join((portage.porteurs + portage.pilotes) if portage else [])
        partners = (portage.partenaires + portage.operateurs if portage else []) + fiche.partenaires_operationnels
        common = [_publics(fiche), _territory(fiche.territoire), _determinants(fiche), _join(fiche.referentiel),
                  _join(labels.get(c, "code inconnu du référentiel") for c in fiche.referentiel),
                  _join(flatten(fiche.objectifs.generaux) + flatten(fiche.objectifs.specifiques))
                  if fiche.objectifs else ""]
        own = _funding(fiche.financements)
        for year in span:
            as_of = today if today.year == year else dt.date(year, 12, 31)
            st = fiche_status(fiche, contrat, year, as_of, name, source.display)
            followed = "oui" if year in fiche.suivi else "non"
            head = [name, territory.display, year, fiche.axe, axes.get(fiche.axe, ""), fiche.id, fiche.titre]
            if not fiche.declinaisons:
                rows.append(head + ["", "", carriers, _join(partners), *common, *own, "", None,
                                    st.statut, status_label(st.statut), followed, st.avancement])
                continue
            for index, (d, ds) in enumerate(zip(fiche.declinaisons, st.declinaisons, strict=False), start=1):
                rows.append(head + [d.id or str(index), d.titre, carriers, _join(partners + d.partenaires), *common,
                                    *_funding(d.financements), *own, ds.statut, status_label(ds.statut), followed,
                                    ds.avancement])
    return rows


def rows(paths: list[str], years: tuple[int, ...] | None = None, *, jobs: int | None = None,
         today: dt.date | None = None, diagnostics: list[Diagnostic] | None = None) -> Iterator[list]:
    """Every row of the territories under ``paths``, territory by territory; what ``clstool
    validate`` says of their files is appended to ``diagnostics``."""
    territories = discover(paths)
    for found, said in each_territory(territory_rows, territories, years, today or dt.date.today(), jobs=jobs):
        if diagnostics is not None:
            diagnostics.extend(said)
        yield from found


def to_csv(lines: Iterator[list], dialect: str = "excel", batch: int = 2000) -> Iterator[bytes]:
    """The CSV as byte chunks of ``batch`` rows (clstool's one CSV dialect): the whole export is
    never held in memory."""
    return iter_csv(COLUMNS, lines, dialect, batch)


#: Column widths of the workbook (characters), by column.
_WIDTHS = {"Territoire": 28, "Titre de l'axe": 40, "Titre de la fiche": 50, "Titre de la déclinaison": 50,
           "Porteurs": 30, "Partenaires": 40, "Publics visés": 40, "Objectifs du référentiel": 40,
           "Objectifs de la fiche": 50, "Financeurs": 30}


def to_xlsx(lines: Iterator[list]) -> bytes:
    """One sheet « Actions », written in openpyxl's write-only mode (streamed)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from clstool.interop.tables_xlsx import HEADER_FILL

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("Actions")
    for index, name in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(name, max(10, len(name) + 2))
    ws.freeze_panes = "A2"
    header = []
    for name in COLUMNS:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        header.append(cell)
    ws.append(header)
    count = 0
    for row in lines:
        ws.append([write_only_cell(ws, v) for v in row])
        count += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
