"""What Territoires en Transitions cannot hold of the exported fiches, counted, in French.

``export --format tet`` prints it on standard error, so that nothing is lost silently. TeT's
importer reads the 28 columns A…AB and keeps, of them, neither « Indicateurs liés » (read, then
unused: ``indicateurs`` of ``apps/backend/src/plans/plans/import-plan-aggregate/schemas/
import-action.input.ts`` goes to no field of the fiche) nor anything right of « Date de fin »
(« Notes », « Documents et liens »…). And several things a fiche holds have no column at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from clstool.interop.tet.rows import Row
from clstool.model.budget import fiche_lines
from clstool.model.documents import Fiche, SuiviAnnee, flatten

#: Fields of a fiche with no column in TeT's template: field → how the summary names it.
_NO_COLUMN = (
    ("sous_titre", "sous-titre"), ("typologie", "typologie"), ("public_vise", "public visé"),
    ("territoire", "territoire d'intervention"), ("determinants", "déterminants de santé"),
    ("role_coordination", "rôle de coordination"), ("acces_information_droits", "accès à l'information"),
    ("transitions", "transitions"), ("referentiel", "codes du référentiel"),
)  # fmt: skip


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _beyond_status(suivi: SuiviAnnee) -> bool:
    """Whether a year's follow-up holds more than statuses (what TeT has a column for)."""
    data = suivi.model_dump(exclude_defaults=True, warnings=False)
    data.pop("statut", None)
    for entry in data.get("declinaisons", {}).values():
        entry.pop("statut", None)
    data["declinaisons"] = {k: v for k, v in data.get("declinaisons", {}).items() if v}
    return any(v not in (None, [], {}, "") for v in data.values())


def summary(fiches: Iterable[Fiche], rows: list[Row]) -> list[str]:
    """The lines of the summary (none when TeT holds everything)."""
    fiches = list(fiches)
    counts: list[str] = []
    etapes = sum(len(flatten(f.etapes)) for f in fiches)
    indicateurs = sum(len(f.indicateurs) for f in fiches)
    with_status = [y for f in fiches for y, s in f.suivi.items() if s.statut]
    suivis = sum(1 for f in fiches for s in f.suivi.values() if _beyond_status(s))
    older = sum(1 for f in fiches if len([s for s in f.suivi.values() if s.statut]) > 1)
    calendriers = sum(1 for f in fiches for cal in [f.calendrier, *(d.calendrier for d in f.declinaisons)]
                      if len(cal) > 1)
    notes = sum(len(r.notes) for r in rows)
    budget = sum(len(fiche_lines(f)) for f in fiches)
    if etapes:
        counts.append(_plural(etapes, "étape", "étapes"))
    if indicateurs:
        counts.append(_plural(indicateurs, "indicateur (écrit en colonne « Indicateurs liés », que TeT n'importe pas)",
                              "indicateurs (écrits en colonne « Indicateurs liés », que TeT n'importe pas)"))
    if suivis:
        counts.append(_plural(suivis, "suivi annuel (réalisations, difficultés, commentaires, mesures)",
                              "suivis annuels (réalisations, difficultés, commentaires, mesures)"))
    if older and with_status:
        counts.append(_plural(older, "fiche dont seul le statut de la dernière année est exporté",
                              "fiches dont seul le statut de la dernière année est exporté"))
    if budget:
        counts.append(_plural(budget, "ligne de budget annuel (TeT ne reçoit que le total prévisionnel en euros)",
                              "lignes de budget annuel (TeT ne reçoit que le total prévisionnel en euros)"))
    if calendriers:
        counts.append(_plural(calendriers, "calendrier réduit à ses dates de début et de fin",
                              "calendriers réduits à leurs dates de début et de fin"))
    undated = sum(r.undated for r in rows)
    if undated:
        counts.append(_plural(undated, "date de début ou de fin (illisible, ou fin avant le début)",
                              "dates de début ou de fin (illisibles, ou fin avant le début)"))
    if notes:
        counts.append(_plural(notes, "note (écrite en colonne « Notes », que TeT n'importe pas)",
                              "notes (écrites en colonne « Notes », que TeT n'importe pas)"))
    fields = []
    for name, label in _NO_COLUMN:
        n = sum(1 for f in fiches if getattr(f, name))
        if n:
            fields.append(f"{label} ({_plural(n, 'fiche', 'fiches')})")
    lines = []
    if counts or fields:
        lines.append("Non transmis à Territoires en Transitions (TeT n'a pas de colonne qui les importe) : "
                     + " ; ".join(counts + fields) + ".")
    shortened = sum(r.shortened for r in rows)
    if shortened:
        lines.append(f"{_plural(shortened, 'titre raccourci', 'titres raccourcis')} à 300 caractères, "
                     "la limite de TeT (au-delà, TeT refuse tout le fichier).")
    return lines
