"""Build small workbooks shaped like Territoires en Transitions' import template (tests only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

TEMPLATE_HEADERS = [
    "Axe (x)", "Sous-axe (x.x)", "Sous-sous axe (x.x.x)", "Titre de la fiche action", "Titre de la sous-action",
    "Descriptif", "Instances de gouvernance", "Objectifs", "Indicateurs liés", "Structure pilote",
    "Moyens humains et techniques", "Partenaires ", "Direction ou service pilote", "Personne pilote",
    "Élu·e référent·e ", "Participation Citoyenne", "Financements", "Financeur 1", "Montant € HT", "Financeur 2",
    "Montant € HT", "Financeur 3", "Montant € HT", "Budget prévisionnel total € HT", "Statut ", "Niveau de priorité",
    "Date de début", "Date de fin", "Action en amélioration continue", "Mesures liées", "Actions liées", "Notes",
    "Documents et liens",
]  # fmt: skip


def workbook(path: Path, headers: list[str], rows: list[dict[str, Any] | list[Any]], *, header_row: int = 2,
             sheet: str = "Fichier dimport", template_rows: bool = True) -> Path:
    """A workbook whose ``sheet`` has ``headers`` on ``header_row`` (a group-title row above it,
    the template's « Champ … » and instruction rows below it when ``template_rows``), then
    ``rows``: dicts keyed by header (first column of that name) or full lists."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    wb.create_sheet("Listes déroulantes")
    if header_row > 1:
        ws.cell(header_row - 1, 1, "Présentation de l’action")
    for index, header in enumerate(headers, start=1):
        ws.cell(header_row, index, header)
    row = header_row + 1
    if template_rows:
        for index, _ in enumerate(headers, start=1):
            ws.cell(row, index, "Champ texte")
            ws.cell(row + 1, index, "Saisissez une date sous le format JJ/MM/AAAA")
        row += 2
    for values in rows:
        if isinstance(values, dict):
            for header, value in values.items():
                ws.cell(row, headers.index(header) + 1, value)
        else:
            for index, value in enumerate(values, start=1):
                ws.cell(row, index, value)
        row += 1
    wb.save(path)
    return path
