"""The slides of the committee's deck, in order (see :mod:`clstool.report.pptx`)."""

from __future__ import annotations

from clstool.report.pptx import MARGIN, Deck, axis_chart
from clstool.report.views import FicheView, Report


def write(d: Deck, r: Report) -> None:
    inner = d.w - 2 * MARGIN
    title(d, r)
    key_figures(d, r, inner)
    if r.alertes:  # the files read with errors that no fiche slide shows (the contract…)
        s = d.slide("Fichiers en erreur : ce que ce bilan ne peut pas dire")
        d.text(s, r.alertes, MARGIN, 1.35, inner, d.h - 1.75, bullets=True, sizes=(16, 14, 12, 11, 10))
    coordinator(d, r, inner)
    budget(d, r, inner)
    for axis in r.axes:
        s = d.slide(f"Axe {axis.id} — {axis.titre}")
        d.image(s, axis_chart(r, axis), MARGIN, 1.35, inner, 1.4)
        if axis.sous_axes:  # the sub-axis of each fiche in its own column
            where = {f.id: sub.id for sub in axis.sous_axes for f in sub.fiches}
            d.table(s, ["Sous-axe", "Fiche", "Action", f"Statut {r.annee}", "Avancement"],
                    [(where.get(f.id, "—"), f.id, f.titre, f.statut.libelle, f.avancement) for f in axis.fiches]
                    or [("", "", "Aucune fiche", "", "")], MARGIN, 2.9, inner, d.h - 3.3, (1, 1, 6, 1.8, 1.6))
        else:
            d.table(s, ["Fiche", "Action", f"Statut {r.annee}", "Avancement"],
                    [(f.id, f.titre, f.statut.libelle, f.avancement) for f in axis.fiches] or [("", "Aucune fiche", "", "")],
                    MARGIN, 2.9, inner, d.h - 3.3, (1, 7, 1.8, 1.6))
    if not r.synthese:
        for f in r.fiches:
            if not f.titre_seul:
                fiche(d, r, f, inner)
        if r.fiches_titre_seul:
            s = d.slide(f"Fiches connues par leur seul titre ({len(r.fiches_titre_seul)})")
            d.table(s, ["Fiche", "Axe", "Titre"], [(f.id, f.axe, f.titre) for f in r.fiches_titre_seul],
                    MARGIN, 1.35, inner, d.h - 1.75, (1, 0.8, 9))
    s = d.slide("Fiches en retard ou bloquées")
    if r.fiches_a_suivre:
        d.table(s, ["Fiche", "Action", "Statut", "Pourquoi"],
                [(f.id, f.titre, f.statut.libelle, "; ".join([f.motif, *f.difficultes])) for f in r.fiches_a_suivre],
                MARGIN, 1.35, inner, d.h - 1.75, (1, 5, 1.6, 5))
    else:
        d.text(s, [f"Aucune fiche n'est en retard ni bloquée au {r.date_reference_texte}."], MARGIN, 1.5, inner, 1)
    s = d.slide("Indicateurs face à leur cible")
    if r.indicateurs_cibles:
        d.table(s, ["Fiche", "Indicateur", "Cible", f"Valeur {r.annee}", "Statut"],
                [(f"{f.id} {i.id}", i.libelle, i.cible, i.valeur or "non renseignée", i.statut.libelle)
                 for f, i in r.indicateurs_cibles], MARGIN, 1.35, inner, d.h - 1.75, (1.2, 6, 2, 1.8, 2))
    else:
        d.text(s, ["Aucun indicateur n'a de cible chiffrée : rien à comparer."], MARGIN, 1.5, inner, 1, italic=True)
    governance(d, r, inner)
    b = r.bilan
    s = d.slide("Perspectives et points de vigilance")
    if b is None:
        d.text(s, [r.bilan_absent], MARGIN, 1.5, inner, 2, italic=True)
    else:
        half = (inner - 0.4) / 2
        d.text(s, ["Perspectives"], MARGIN, 1.35, half, 0.6, bold=True)
        d.text(s, b.perspectives or ["Non renseignées."], MARGIN, 2.0, half, d.h - 2.4, bullets=bool(b.perspectives))
        d.text(s, ["Points de vigilance"], MARGIN + half + 0.4, 1.35, half, 0.6, bold=True)
        d.text(s, b.points_de_vigilance or ["Non renseignés."], MARGIN + half + 0.4, 2.0, half, d.h - 2.4,
               bullets=bool(b.points_de_vigilance))
    s = d.slide("Décisions attendues du comité de pilotage")
    if b is None:
        d.text(s, [r.bilan_absent], MARGIN, 1.5, inner, 2, italic=True)
    else:
        d.text(s, b.decisions_attendues or [f"Aucune décision attendue n'est renseignée dans {b.fichier}."],
               MARGIN, 1.35, inner, d.h - 1.75, bullets=bool(b.decisions_attendues), sizes=(28, 24, 20, 18, 16, 14, 12))


def title(d: Deck, r: Report) -> None:
    s = d.prs.slides.add_slide(d.layout)
    for placeholder in list(s.placeholders):
        placeholder._element.getparent().remove(placeholder._element)
    d.text(s, ["Contrat Local de Santé · comité de pilotage"], MARGIN, 1.2, d.w - 2 * MARGIN, 0.6, sizes=(20, 18, 16))
    d.text(s, [f"Bilan {r.annee} — {r.territoire}"], MARGIN, 1.9, d.w - 2 * MARGIN, 1.6,
           sizes=(44, 40, 36, 32, 28, 24), bold=True)
    d.text(s, [r.intitule, f"Situation au {r.date_reference_texte}"] + ([r.selection] if r.selection else []),
           MARGIN, 3.7, d.w - 2 * MARGIN, 2.2, sizes=(24, 20, 18, 16, 14))


def key_figures(d: Deck, r: Report, inner: float) -> None:
    s = d.slide(f"Chiffres clés {r.annee}")
    n = max(len(r.chiffres_cles), 1)
    box = inner / n
    for index, k in enumerate(r.chiffres_cles):
        x = MARGIN + index * box
        d.text(s, [k.valeur], x, 1.3, box - 0.1, 0.7, sizes=(32, 28, 24, 20, 18), bold=True)
        d.text(s, [k.libelle], x, 2.0, box - 0.1, 0.9, sizes=(16, 14, 12, 11, 10))
    d.text(s, [r.definition_suivi], MARGIN, 2.95, inner, 0.7, sizes=(12, 11, 10, 9), italic=True)
    d.image(s, r.graphique_axes, MARGIN, 3.7, inner, d.h - 3.9)


def budget(d: Deck, r: Report, inner: float) -> None:
    """The fiches' budget of the year per axis and sub-axis, planned against executed (no slide without one)."""
    g = r.budget
    if g is None:
        return
    s = d.slide(f"Budget {g.annee} des fiches : prévu et réalisé")
    etp = ["Prévu (ETP)", "Réalisé (ETP)"] if g.etp else []
    rows = [(f"Axe {line.id} — {line.titre}" if line.niveau == "axe" else f"{line.id} — {line.titre}", line)
            for line in g.lignes if line.niveau in ("axe", "sous_axe")] + [("Total", g.total)]
    d.table(s, ["", "Prévu", "Réalisé", "Réalisé / prévu", *etp],
            [(head, line.prevu, line.realise, line.taux, *([line.prevu_etp, line.realise_etp] if g.etp else []))
             for head, line in rows], MARGIN, 1.35, inner, d.h - 1.75, (6, 1.6, 1.6, 1.4, *((1.2, 1.2) if g.etp else ())))


def coordinator(d: Deck, r: Report, inner: float) -> None:
    s = d.slide("Le mot de la coordination")
    b = r.bilan
    if b is None:
        d.text(s, [r.bilan_absent], MARGIN, 1.5, inner, 2, italic=True)
        return
    half = (inner - 0.4) / 2
    d.text(s, b.synthese or ["Synthèse de l'année non renseignée."], MARGIN, 1.35, half, d.h - 1.75,
           italic=not b.synthese)
    right = MARGIN + half + 0.4
    d.text(s, ["Faits marquants"], right, 1.35, half, 0.5, bold=True, sizes=(20, 18, 16))
    d.text(s, b.faits_marquants or ["Non renseignés."], right, 1.9, half, 2.4, bullets=bool(b.faits_marquants))
    d.text(s, ["Difficultés"], right, 4.4, half, 0.5, bold=True, sizes=(20, 18, 16))
    d.text(s, b.difficultes or ["Non renseignées."], right, 4.95, half, d.h - 5.35, bullets=bool(b.difficultes))


def governance(d: Deck, r: Report, inner: float) -> None:
    s = d.slide(f"Gouvernance : réunions {r.annee}")
    if r.gouvernance:
        d.table(s, ["Instance", "Minimum par an", "Tenues", "Statut"],
                [(g.nom, "—" if g.minimum is None else g.minimum, g.note, g.statut.libelle) for g in r.gouvernance],
                MARGIN, 1.35, inner, 2.3, (3, 1.5, 5, 2))
    else:
        d.text(s, ["Le contrat ne décrit aucune instance de gouvernance."], MARGIN, 1.35, inner, 0.8, italic=True)
    if r.bilan and r.bilan.reunions:
        d.table(s, ["Instance", "Date", "Objet", "Participants"],
                [(g.instance, g.date, g.objet, ", ".join(g.participants)) for g in r.bilan.reunions],
                MARGIN, 3.85, inner, d.h - 4.25, (2.5, 1.8, 3, 5))
    else:
        d.text(s, [r.bilan_absent if r.bilan is None else "Aucune réunion n'est renseignée dans " + r.bilan.fichier + "."],
               MARGIN, 3.85, inner, 1, italic=True, sizes=(16, 14, 12))


def fiche(d: Deck, r: Report, f: FicheView, inner: float) -> None:
    s = d.slide(f"{f.id} — {f.titre}")
    d.text(s, [f"Statut {r.annee} : {f.statut.libelle} — {f.motif}", f"Avancement : {f.avancement}",
               "Porteur(s) : " + (" ; ".join(f.porteurs) or "non renseigné"),
               *(f"{c.libelle} : {c.valeur}" for c in f.champs), *([f.alerte] if f.alerte else [])],
           MARGIN, 1.35, inner, 1.3,
           sizes=(18, 16, 14, 12, 11))
    half = (inner - 0.4) / 2
    d.text(s, [f"Réalisations {r.annee}"], MARGIN, 2.75, half, 0.5, bold=True, sizes=(18, 16))
    d.text(s, f.realisations or ["Non renseigné."], MARGIN, 3.3, half, d.h - 3.7, bullets=bool(f.realisations),
           sizes=(18, 16, 14, 12, 11, 10))
    d.text(s, ["Difficultés"], MARGIN + half + 0.4, 2.75, half, 0.5, bold=True, sizes=(18, 16))
    d.text(s, f.difficultes or ["Non renseigné."], MARGIN + half + 0.4, 3.3, half, d.h - 3.7,
           bullets=bool(f.difficultes), sizes=(18, 16, 14, 12, 11, 10))
