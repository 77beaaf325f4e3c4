"""The French « Mode d'emploi » sheet of a campaign workbook."""

from __future__ import annotations

from clstool.campaign.addressees import Addressee
from clstool.campaign.layout import STATUS_LABELS

GUIDE_HEADINGS = ("Ce que nous vous demandons", "Comment remplir", "Les huit statuts", "Pour finir")
STATUS_HELP = {
    "a_venir": "l'action n'a pas encore commencé, comme prévu",
    "a_discuter": "l'action est à rediscuter (contenu, portage, moyens)",
    "en_cours": "l'action avance",
    "en_pause": "l'action est suspendue, volontairement",
    "bloque": "l'action est empêchée (moyens, partenaires, contexte)",
    "en_retard": "l'action avance moins vite que prévu",
    "realise": "l'action est terminée",
    "abandonne": "l'action ne sera pas menée",
}


def guide_lines(addressee: Addressee, year: int, territoire: str) -> list[str]:
    fiches = ", ".join(f.id for f in addressee.fiches)
    lines = [
        f"Suivi {year} du Contrat Local de Santé — {territoire}",
        f"Destinataire : {addressee.label}. Fiches action de ce classeur : {fiches}.",
        "",
        "Ce que nous vous demandons",
        f"Pour chaque action que vous portez, dites où elle en est en {year}. Vos réponses seront "
        "reprises telles quelles dans le bilan annuel du contrat : rien ne sera ressaisi.",
        "",
        "Comment remplir",
        "1. Onglet « Fiches » : une ligne par action. Remplissez les cellules jaunes : le statut "
        "(liste déroulante), l'avancement (nombre entier de 0 à 100, sans %), les réalisations et les "
        "difficultés (une par ligne : Alt+Entrée, ou Ctrl+Entrée sur Mac, pour aller à la ligne), le "
        "calendrier ajusté si les dates prévues ont changé, et un commentaire si besoin.",
        "2. Onglet « Déclinaisons » : le statut de chaque déclinaison opérationnelle, et un commentaire.",
        "3. Onglet « Indicateurs » : la valeur mesurée en " + str(year) + " (un nombre, dans l'unité "
        "indiquée) ou, pour un indicateur qualitatif, une appréciation en mots ; et un commentaire.",
        "Les colonnes grises (titre, prévu, bilan de l'an passé, cible) sont là pour vous aider : "
        "elles ne sont pas relues.",
        "Une cellule laissée vide veut dire « rien à signaler ». Vous pouvez trier les lignes, "
        "élargir les colonnes ou renommer les onglets : vos réponses seront bien retrouvées.",
        "",
        "Calendrier ajusté : une période par ligne, avec l'année, par exemple « 2e semestre "
        f"{year} », « mars à juin {year} », « {year} à {year + 1} », « 15/09/{year} » ; un jalon "
        f"peut suivre après « : » (« octobre {year} : réunion de lancement »).",
        "",
        "Les huit statuts",
        *[f"• {label} : {STATUS_HELP[code]}" for code, label in STATUS_LABELS.items()],
        "",
        "Pour finir",
        "Enregistrez le classeur au format Excel (.xlsx), sans le renommer si possible et sans mot "
        "de passe, et renvoyez-le en pièce jointe à la coordination du CLS.",
        "Merci !",
    ]
    return lines
