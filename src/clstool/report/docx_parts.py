"""What the Word report says, part by part, in the order of the HTML report (see :mod:`clstool.report.docx`)."""

from __future__ import annotations

from clstool.report.docx import Writer, fiche_heading
from clstool.report.views import BudgetRow, CalendarEntry, FicheView, Report


def entries(items: list[CalendarEntry]) -> str:
    return "\n".join(f"{e.periode} : {e.jalon}" if e.jalon else e.periode for e in items)


def write(w: Writer, r: Report) -> None:
    cover(w, r)
    bilan(w, r)
    if r.synthese:
        budget(w, r)
        committee(w, r)
    contract(w, r, number=not r.synthese)
    if r.synthese:
        return
    axes(w, r)
    budget(w, r)
    calendar(w, r)
    w.heading("4. Les fiches action", 1, page_break=True)
    for f in r.fiches:
        if not f.titre_seul:
            fiche(w, r, f)
    title_only(w, r)
    cross_tables(w, r)
    annexes(w, r)


def cover(w: Writer, r: Report) -> None:
    w.para("Contrat Local de Santé · bilan annuel", italic=True)
    w.styled(f"Bilan {r.annee}", "Title")
    w.styled(f"{r.territoire} — {r.intitule} ({r.periode})", "Subtitle")
    w.para(f"Situation au {r.date_reference_texte}" + (" (aujourd'hui)" if r.date_reference_aujourdhui else ""),
           bold="")
    if r.selection:
        w.para(r.selection, bold="")
    w.table(["Chiffre clé", ""], [(k.valeur, k.libelle) for k in r.chiffres_cles], widths=(3.5, 13.5))
    w.para(r.definition_suivi, italic=True)
    w.chart(r.graphique_axes, f"Nombre de fiches action par axe et par statut en {r.annee}, au {r.date_reference_texte}")
    if r.inconnus:
        w.heading("Ce que ce bilan ne peut pas dire", 2)
        w.bullets(r.inconnus)
        w.para("Rien n'est extrapolé : une information absente des fichiers est écrite « non renseigné ».", italic=True)
    if not r.synthese:
        w.heading("Sommaire", 1, page_break=True)
        w.table_of_contents()
        w.para("Numéros de page : Word les ajoute en mettant à jour les champs, ce qu'il propose à l'ouverture "
               "(ou F9) ; LibreOffice : Outils → Mettre à jour → Tout.", italic=True)


def bilan(w: Writer, r: Report) -> None:
    w.heading("Le mot de la coordination", 1, page_break=not r.synthese)
    b = r.bilan
    if b is None:
        w.para(r.bilan_absent, italic=True)
        return
    w.para(f"Écrit par la coordination dans {b.fichier}.", italic=True)
    for paragraph in b.synthese or ["Synthèse de l'année non renseignée."]:
        w.para(paragraph, italic=not b.synthese)
    for title, values in (("Faits marquants", b.faits_marquants), ("Difficultés", b.difficultes),
                          ("Perspectives", b.perspectives), ("Points de vigilance", b.points_de_vigilance),
                          ("Décisions attendues du comité de pilotage", b.decisions_attendues)):
        w.heading(title, 3)
        w.bullets(values)
    w.heading(f"Réunions tenues en {r.annee}", 3)
    if b.reunions:
        w.table(["Instance", "Date", "Objet", "Participants"],
                [(g.instance, g.date, g.objet, ", ".join(g.participants)) for g in b.reunions], widths=(3.5, 3, 4, 6.5))
    else:
        w.para(f"Aucune réunion n'est renseignée dans {b.fichier}.", italic=True)
    w.heading(f"Budget exécuté en {r.annee}", 3)
    if b.budget:
        w.table(["Poste", "Fiche", "Financeur", "Montant", "Précision"],
                [(d.poste, d.fiche, d.financeur, d.montant, d.precision) for d in b.budget]
                + [("Total", "", "", b.budget_total, "")], widths=(5, 1.5, 4, 2.5, 4))
    else:
        w.para(f"Le budget exécuté n'est pas renseigné dans {b.fichier}.", italic=True)
    if r.budget:
        w.para("Le budget prévu et réalisé des fiches (lignes budget) est présenté "
               + ("ci-dessous." if r.synthese else "dans la synthèse par axe (section 2)."))


def budget(w: Writer, r: Report) -> None:
    """The fiches' budget of the year, planned against executed (absent without any line)."""
    g = r.budget
    if g is None:
        return
    w.heading(f"Budget {g.annee} des fiches : prévu et réalisé", 2)
    levels = ["axe"] + (["sous-axe"] if any(a.sous_axes for a in r.axes) else []) + ([] if r.synthese else ["fiche"])
    w.para(f"Les lignes budget des fiches et de leurs déclinaisons pour {g.annee}, par {', '.join(levels[:-1])}"
           f"{' et ' if len(levels) > 1 else ''}{levels[-1]}, puis par financeur. « — » : montant non renseigné.",
           italic=True)
    etp = ["Prévu (ETP)", "Réalisé (ETP)"] if g.etp else []

    def cells(head: str, line: BudgetRow) -> list:
        return [head, line.prevu, line.realise, line.taux, *([line.prevu_etp, line.realise_etp] if g.etp else [])]

    heads = {"axe": "Axe {id} — {titre}", "sous_axe": "{id} — {titre}", "fiche": "{id} · {titre}"}
    w.table(["", "Prévu", "Réalisé", "Réalisé / prévu", *etp],
            [cells(heads[line.niveau].format(id=line.id, titre=line.titre), line) for line in g.lignes
             if not (r.synthese and line.niveau == "fiche")]
            + [cells("Total", g.total)])
    w.table(["Financeur", "Prévu", "Réalisé", "Réalisé / prévu", *etp], [cells(line.titre, line) for line in g.financeurs])


def committee(w: Writer, r: Report) -> None:
    w.heading("Pour le comité de pilotage", 1)
    w.heading("Fiches en retard ou bloquées", 2)
    if r.fiches_a_suivre:
        w.table(["Fiche", "Action", f"Statut {r.annee}", "Pourquoi"],
                [(f.id, f.titre, f.statut.libelle, "; ".join([f.motif, *f.difficultes])) for f in r.fiches_a_suivre],
                widths=(1.5, 6.5, 2.5, 6.5))
    else:
        w.para(f"Aucune fiche n'est en retard ni bloquée au {r.date_reference_texte}.")
    w.heading("Indicateurs face à leur cible", 2)
    if r.indicateurs_cibles:
        w.table(["Fiche", "Indicateur", "Cible", f"Valeur {r.annee}", "Statut"],
                [(f"{f.id} {i.id}", i.libelle, i.cible, i.valeur or "non renseignée", i.statut.libelle)
                 for f, i in r.indicateurs_cibles], widths=(2, 7, 3, 2.5, 2.5))
    else:
        w.para("Aucun indicateur n'a de cible chiffrée.", italic=True)
    w.heading("Les fiches par axe", 2)
    counts(w, r)
    w.para(f"Qualité des données (clstool validate) : {r.qualite_resume} Le bilan complet (sans --synthese) "
           "détaille chaque fiche.", italic=True)


def counts(w: Writer, r: Report) -> None:
    rows = []
    for s in r.statuts_presents:
        per_axis = [next((c.nombre for c in a.effectifs if c.statut.code == s.code), 0) for a in r.axes]
        rows.append([s.libelle, *per_axis, sum(per_axis)])
    rows.append(["Total", *[a.total for a in r.axes], len(r.fiches)])
    w.table([f"Statut {r.annee}", *[f"Axe {a.id}" for a in r.axes], "Total"], rows)


def contract(w: Writer, r: Report, number: bool) -> None:
    w.heading(("1. " if number else "") + "Le contrat et sa gouvernance", 1, page_break=True)
    w.table(["", ""], [("Territoire", r.territoire), ("Contrat", r.intitule), ("Période", r.periode),
                       ("Signataires", ", ".join(r.signataires) or "non renseignés dans contrat.yaml"),
                       ("Axes", len(r.axes))], widths=(4, 13))
    w.heading(f"Gouvernance : réunions {r.annee}", 2)
    if not r.gouvernance:
        w.para("Le contrat (contrat.yaml) ne décrit aucune instance de gouvernance : le nombre de réunions ne peut "
               "pas être comparé à un minimum.", italic=True)
        return
    rows = []
    for g in r.gouvernance:
        held = "\n".join(f"{t.date} ({t.objet})" if t.objet else t.date for t in g.tenues) or "aucune"
        if g.prevues:
            held += "\nPrévues : " + ", ".join(t.date for t in g.prevues)
        rows.append((g.nom, "—" if g.minimum is None else g.minimum, f"{held}\n{g.note}", g.statut.libelle))
    w.table(["Instance", "Minimum par an", f"Réunions tenues en {r.annee}", "Statut"], rows, widths=(4, 2.5, 7.5, 3))


def axes(w: Writer, r: Report) -> None:
    w.heading("2. Synthèse par axe", 1, page_break=True)
    counts(w, r)
    for a in r.axes:
        w.heading(f"Axe {a.id} — {a.titre}", 2)
        if a.sous_titre:
            w.para(a.sous_titre, italic=True)
        groups = [(f"{s.id} — {s.titre}", s.fiches) for s in a.sous_axes]
        groups += [("Sans sous-axe", a.hors_sous_axe)] if a.hors_sous_axe else []
        for heading, members in groups if a.fiches and a.sous_axes else [(None, a.fiches)] if a.fiches else []:
            if heading:
                w.heading(heading, 3)
            if members:
                w.table(["Fiche", "Action", f"Statut {r.annee}", "Avancement"],
                        [(f.id, f.titre, f.statut.libelle, f.avancement) for f in members], widths=(1.5, 10, 3, 2.5))
            else:
                w.para("Aucune fiche action dans ce sous-axe.", italic=True)
        if not a.fiches:
            w.para("Aucune fiche action dans cet axe.", italic=True)


def calendar(w: Writer, r: Report) -> None:
    w.heading(f"3. Calendrier {r.annee}", 1, page_break=True)
    w.para("Les échéances de l'année, par axe. La couleur et le motif de chaque barre donnent le statut de la fiche "
           "ou de la déclinaison ; une barre blanche au contour pointillé est une échéance prévue qu'un calendrier "
           "ajusté remplace ; le trait pointillé marque la date du bilan.")
    for a in r.axes:
        w.chart(a.gantt, f"Axe {a.id} — {a.titre}")
    w.landscape(True)
    w.heading("Les mêmes échéances en tableau", 2)
    w.table(["Fiche", "Déclinaison", "Période (telle qu'écrite)", "Dates", "Jalon", "Échéance", f"Statut {r.annee}"],
            [(c.fiche, f"{c.declinaison_ref}. {c.declinaison}" if c.declinaison else "fiche",
              f"{c.periode}\n{c.source}",
              f"{c.debut:%d/%m/%Y} – {c.fin:%d/%m/%Y}" if c.lu and c.debut and c.fin else "période non reconnue",
              c.jalon, c.prevu, c.statut.libelle) for c in r.calendrier],
            widths=(1.5, 6, 5, 3.5, 4.5, 2.5, 2.5))
    w.landscape(False)


def fiche(w: Writer, r: Report, f: FicheView) -> None:
    sous_axe = f" · sous-axe {f.sous_axe}" + (f" — {f.sous_axe_titre}" if f.sous_axe_titre else "") if f.sous_axe else ""
    w.para(f"Axe {f.axe}" + (f" — {f.axe_titre}" if f.axe_titre else "") + sous_axe,
           italic=True).paragraph_format.page_break_before = True
    w.heading(fiche_heading(f), 2)
    if f.sous_titre:
        w.para(f.sous_titre, italic=True)
    if f.alerte:
        w.para(f"{f.alerte} ({f.fichier})", bold="⚠ ")
    w.para(f"{f.statut.libelle} — {f.motif}", bold=f"Statut {r.annee} : ")
    w.para(f.avancement, bold="Avancement : ")
    w.table(["", ""], [("Porteur(s)", " ; ".join(f.porteurs) or "non renseigné"),
                       ("Partenaires", " ; ".join(f.partenaires) or "—"),
                       *((c.libelle, c.valeur) for c in f.champs),
                       (f"Statut déclaré {r.annee}", f.declare.libelle if f.declare else "aucun"),
                       ("Calendrier en vigueur", f"{f.calendrier_dates} ({f.calendrier_source})"),
                       *([("Renouvellement", f.renouvellement)] if f.renouvellement else [])]
            + ([(f"Budget {r.annee}", f.budget.resume)] if f.budget else []), widths=(4.5, 12.5))
    if not f.a_un_suivi:
        w.para(f"Aucun suivi n'est renseigné pour {r.annee} dans {f.fichier} : réalisations, difficultés et valeurs "
               "des indicateurs ne sont pas connues.", italic=True)
    w.heading(f"Réalisations {r.annee}", 3)
    w.bullets(f.realisations)
    w.heading("Difficultés rencontrées", 3)
    w.bullets(f.difficultes)
    if f.commentaire:
        w.para(f.commentaire, bold="Commentaire : ")
    if f.calendrier_prevu or f.calendrier_ajuste:
        w.heading("Calendrier", 3)
        adjusted = entries(f.calendrier_ajuste) or "pas d'ajustement"
        if f.calendrier_ajuste and not f.calendrier_ajuste_lu:
            adjusted += "\npériode non reconnue : le calendrier prévu reste appliqué"
        w.table(["Prévu (fiche)", "Ajusté" + (f" en {f.calendrier_ajuste_annee}" if f.calendrier_ajuste_annee else "")],
                [(entries(f.calendrier_prevu) or "voir les déclinaisons", adjusted)], widths=(8.5, 8.5))
    if f.declinaisons:
        w.heading("Déclinaisons opérationnelles", 3)
        rows = []
        for d in f.declinaisons:
            cal = entries(d.calendrier) or "celui de la fiche"
            if d.calendrier_ajuste:
                cal += f"\nAjusté en {d.calendrier_ajuste_annee} : {entries(d.calendrier_ajuste)}"
                if not d.calendrier_ajuste_lu:
                    cal += " (période non reconnue)"
            rows.append((d.ref, d.titre + (f"\n{d.commentaire}" if d.commentaire else ""), cal,
                         f"{d.statut.libelle}\n{d.motif}", d.avancement))
        w.table(["N°", "Déclinaison", "Calendrier prévu (et ajusté)", f"Statut {r.annee}", "Avancement"], rows,
                widths=(1, 6.5, 4, 3.5, 2))
    w.heading("Indicateurs", 3)
    if f.indicateurs:
        w.chart(f.graphique_indicateurs, f"Indicateurs de la fiche {f.id} : valeur mesurée en {r.annee} (barre), "
                "cible (trait noir), référence (trait gris pointillé)")
        w.table(["Id", "Indicateur", "Référence", "Cible", f"Valeur {r.annee}", "Statut"],
                [(i.id, i.libelle + (f"\nAppréciation : {i.appreciation}" if i.appreciation else "")
                  + (f"\n{i.commentaire}" if i.commentaire else ""), i.reference or "—", i.cible or "—",
                  i.valeur or "non renseignée", i.statut.libelle) for i in f.indicateurs],
                widths=(1.2, 7.3, 2.5, 2.5, 1.8, 1.7))
    else:
        w.para("La fiche ne définit pas d'indicateur.", italic=True)
    if f.transitions:
        w.heading("Contribution aux transitions", 3)
        w.table(["Transition", "Contribution"], [(lens, text or "non renseignée") for lens, text in f.transitions],
                widths=(4.5, 12.5))
    w.heading(f"Évolution depuis {r.annee_precedente}", 3)
    w.bullets(f.evolution, "Rien à comparer.")


def title_only(w: Writer, r: Report) -> None:
    if not r.fiches_titre_seul:
        return
    w.heading(f"Fiches connues par leur seul titre ({len(r.fiches_titre_seul)})", 2, page_break=True)
    w.para("Leur fichier ne contient que l'identifiant, l'axe et le titre : elles sont listées ici plutôt qu'une "
           "page chacune.", italic=True)
    w.table(["Fiche", "Axe", "Titre", f"Statut {r.annee}"],
            [(f.id, f.axe, f.titre, f.statut.libelle) for f in r.fiches_titre_seul], widths=(1.5, 1.2, 11.3, 3))


def cross_tables(w: Writer, r: Report) -> None:
    w.landscape(True)
    w.heading("5. Tableaux transversaux", 1)
    w.heading("Partenaires et fiches", 2)
    w.para("P : porteur ou pilote · A : partenaire · O : opérateur · D : partenaire d'une déclinaison · F : financeur.",
           italic=True)
    if r.partenaires_partages:
        w.table(["Partenaire", *r.ids_fiches, "Fiches"],
                [(p.nom, *[p.roles.get(i, "") for i in r.ids_fiches], p.nombre) for p in r.partenaires_partages])
    else:
        w.para("Aucun partenaire n'est cité dans plus d'une fiche.", italic=True)
    if r.partenaires_uniques:
        w.heading(f"Partenaires cités dans une seule fiche ({len(r.partenaires_uniques)})", 3)
        w.table(["Partenaire", "Fiche (rôle)"],
                [(p.nom, ", ".join(f"{k} ({v})" for k, v in p.roles.items())) for p in r.partenaires_uniques],
                widths=(12, 12))
    w.landscape(False)
    w.heading("Publics visés", 2)
    if not r.montre_publics:
        w.para(f"Le formulaire des fiches de ce contrat ({r.formulaire}) n'a pas de rubrique « Public visé ».",
               italic=True)
    else:
        w.table(["Public", "Fiches", "Lesquelles"], [(row.libelle, row.nombre, ", ".join(row.fiches))
                                                      for row in r.ages + r.professionnels], widths=(6, 2, 9))
        if r.publics_autres:
            w.bullets(f"{i} : {text}" for i, text in r.publics_autres)
        if r.publics_non_renseignes:
            w.para(f"Public visé non renseigné : {', '.join(r.publics_non_renseignes)}.", italic=True)
    w.heading("Déterminants de santé", 2)
    if not r.montre_determinants:
        w.para(f"Le formulaire des fiches de ce contrat ({r.formulaire}) n'a pas de grille des déterminants de santé.",
               italic=True)
    else:
        w.table(["Famille", "Déterminant", "Fiches", "Lesquelles"],
                [(row.groupe, row.libelle, row.nombre, ", ".join(row.fiches) or "aucune") for row in r.determinants],
                widths=(4, 6, 1.5, 5.5))
        if r.determinants_non_renseignes:
            w.para(f"Déterminants non renseignés : {', '.join(r.determinants_non_renseignes)}.", italic=True)
    if r.transitions:
        w.heading("6. Contribution aux transitions", 1, page_break=True)
        for t in r.transitions:
            w.heading(t.libelle, 2)
            w.para(t.definition, italic=True)
            if t.fiches:
                w.table(["Fiche", "Contribution"], t.fiches, widths=(2, 15))
            else:
                w.para("Aucune fiche ne renseigne sa contribution à cette transition.", italic=True)


def annexes(w: Writer, r: Report) -> None:
    w.heading("Annexe A — Qualité des données", 1, page_break=True)
    w.para(r.qualite_resume, bold="Résultat de clstool validate sur les fichiers du bilan : ")
    if r.qualite:
        w.table(["Fichier : ligne : colonne", "Gravité", "Code", "Problème"],
                [(f"{d.fichier}:{d.ligne}:{d.colonne}", d.severite, d.code, d.message) for d in r.qualite],
                widths=(4.5, 2.5, 1.8, 8.2))
    if r.fichiers_ignores:
        w.para(f"Fichiers illisibles, absents du bilan : {', '.join(r.fichiers_ignores)}.", italic=True)
    w.heading("Annexe B — Lire ce bilan", 1)
    w.para("Le statut de chaque fiche et de chaque déclinaison est calculé par clstool status à partir du calendrier "
           "et du suivi déclaré. Un statut déclaré dans le suivi l'emporte sur le calendrier, sauf quand l'échéance "
           "est passée sans que l'action soit déclarée réalisée : elle est alors « en retard ».")
    w.para(" · ".join(s.libelle for s in r.ordre_statuts), bold="Statuts : ")
    w.para(f"Bilan produit par clstool {r.version} à partir des fichiers YAML du contrat ; situation au "
           f"{r.date_reference_texte}.", italic=True)
