"""Checks across files of a territory (codes CLS1xx): the contract and its fiches must agree.

They run on whatever could be loaded: a fiche whose schema failed elsewhere is still checked
for its ``id`` and ``axe`` from the raw data, so one mistake never hides another.
"""

from __future__ import annotations

import os

from clstool.model.contrat import Contrat
from clstool.model.documents import Fiche
from clstool.model.referentiel import unknown_code_message
from clstool.yamlio import referentiel as regional
from clstool.yamlio.load import SourceFile, Territory


def _raw(source: SourceFile, key: str) -> str | None:
    if isinstance(source.data, dict):
        value = source.data.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return str(value)
    return None


def check_territory(territory: Territory) -> None:
    """Append cross-file diagnostics to the files of ``territory``."""
    contrat = territory.contrat.model if territory.contrat else None
    if territory.contrat and isinstance(contrat, Contrat):
        _check_contrat(territory.contrat, contrat)
    if territory.contrat is None and territory.fiches:
        first = territory.fiches[0]
        first.add((), "CLS104", f"aucun contrat.yaml dans {territory.display} : les axes et la période "
                  "des fiches ne peuvent pas être vérifiés")
    seen: dict[str, SourceFile] = {}
    for fiche in territory.fiches:
        fid = _raw(fiche, "id")
        if fid is not None:
            if fiche.path.stem != fid:
                fiche.add(("id",), "CLS102", f"l'identifiant « {fid} » ne correspond pas au nom du fichier "
                          f"« {fiche.path.name} » (attendu : {fid}.yaml)")
            if fid in seen:
                fiche.add(("id",), "CLS101", f"identifiant « {fid} » déjà utilisé par {seen[fid].display}")
            else:
                seen[fid] = fiche
        axe = _raw(fiche, "axe")
        if axe is not None and isinstance(contrat, Contrat):
            ids = [a.id for a in contrat.axes]
            if axe not in ids:
                known = ", ".join(ids) if ids else "aucun axe déclaré"
                fiche.add(("axe",), "CLS103", f"axe « {axe} » absent de contrat.yaml (axes : {known})")
        if isinstance(fiche.model, Fiche):
            _check_fiche(fiche, fiche.model, contrat if isinstance(contrat, Contrat) else None)
    _check_referentiel(territory)


def _check_referentiel(territory: Territory) -> None:
    """CLS112: every code a fiche cites is in the référentiel found at or above the territory
    (read only when a fiche cites one)."""
    citing = [f for f in territory.fiches if isinstance(f.model, Fiche) and f.model.referentiel]
    if not citing:
        return
    model, path = regional.for_folder(territory.root)
    if path is not None:
        where = os.path.normpath(os.path.join(territory.display, os.path.relpath(path, territory.root.resolve())))
    else:
        where = f"cherché depuis {territory.display}"
    for source in citing:
        for index, code in enumerate(source.model.referentiel):  # type: ignore[union-attr]
            message = unknown_code_message(code, model, where)
            if message:
                source.add(("referentiel", index), "CLS112", message)


def _duplicates(source: SourceFile, items: list, key: str, code: str, what: str) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        ident = getattr(item, key)
        if ident is None:
            continue
        if ident in seen:
            source.add((*what.split("."), index, key), code,
                       f"identifiant « {ident} » déjà utilisé (élément {seen[ident] + 1})")
        else:
            seen[ident] = index


def _check_contrat(source: SourceFile, contrat: Contrat) -> None:
    _duplicates(source, contrat.axes, "id", "CLS106", "axes")
    _duplicates(source, contrat.gouvernance, "id", "CLS111", "gouvernance")
    if contrat.periode.fin_date() < contrat.periode.debut_date():
        source.add(("periode", "fin"), "CLS024", "la fin de la période précède son début")


def _check_fiche(source: SourceFile, fiche: Fiche, contrat: Contrat | None) -> None:
    _duplicates(source, fiche.indicateurs, "id", "CLS107", "indicateurs")
    if contrat is not None:
        lenses = list(contrat.transitions)
        for lens in fiche.transitions:
            if lens not in lenses:
                known = ", ".join(lenses) if lenses else "le contrat n'en nomme aucune"
                source.add(("transitions", lens), "CLS105", f"transition « {lens} » inconnue ({known})",
                           at_key=True)
    indicator_ids = {i.id for i in fiche.indicateurs}
    declinaison_refs = {str(n) for n in range(1, len(fiche.declinaisons) + 1)}
    declinaison_refs |= {d.id for d in fiche.declinaisons if d.id}
    for year, suivi in fiche.suivi.items():
        if contrat is not None:
            first, last = contrat.periode.debut_date().year, contrat.periode.fin_date().year
            if not first <= year <= last:
                source.add(("suivi", year), "CLS108", f"suivi {year} hors de la période du contrat "
                           f"({first}–{last})", at_key=True)
        for ref in suivi.indicateurs:
            if ref not in indicator_ids:
                known = ", ".join(sorted(indicator_ids)) or "la fiche n'en a aucun"
                source.add(("suivi", year, "indicateurs", ref), "CLS109",
                           f"indicateur « {ref} » inconnu dans cette fiche ({known})", at_key=True)
        for ref in suivi.declinaisons:
            if ref not in declinaison_refs:
                count = len(fiche.declinaisons)
                source.add(("suivi", year, "declinaisons", ref), "CLS110",
                           f"déclinaison « {ref} » inconnue (la fiche en a {count} : numéros 1 à {count}"
                           " ou leur id)" if count else f"déclinaison « {ref} » inconnue : la fiche n'en a pas",
                           at_key=True)
