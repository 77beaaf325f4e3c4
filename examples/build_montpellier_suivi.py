"""Rebuild examples/montpellier-suivi from data/montpellier: the same plan, a FICTITIOUS follow-up.

Run it after data/montpellier changes (tests/test_status_example.py checks that the plans agree):

    python examples/build_montpellier_suivi.py

It copies contrat.yaml and every fiche as written (comments and order kept), then adds — each
marked fictitious — a notice after the schema line, a few indicator targets, the ``suivi`` blocks
below, a few ``budget`` lines and a ``gouvernance`` with meetings. Nothing here is true: it exists to show every status.
"""

from __future__ import annotations

from pathlib import Path

from clstool.edit.fmt import format_text
from clstool.fsutil import atomic_write

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "data/montpellier"
DST = ROOT / "examples/montpellier-suivi"

HEADER = (
    "# EXEMPLE FICTIF — le plan est celui du CLS de Montpellier 2022-2027 (copie de data/montpellier),\n"
    "# mais le suivi (« suivi »), les cibles d'indicateurs commentées « fictive » et les réunions de la\n"
    "# gouvernance sont INVENTÉS pour illustrer clstool status. Ils ne décrivent pas la réalité.\n"
)

TARGETS = {  # fiche -> indicator -> lines to insert after its libelle (fictitious)
    "2-2": {"P1": ["    unite: réunions", "    cibles:  # cible fictive : le contrat n'en fixe pas", "      2024: 4"]},
    "1-2": {"R2": ["    unite: personnes", "    reference:  # référence fictive", "      annee: 2022", "      valeur: 0",
                   "    cibles:  # cibles fictives : le contrat n'en fixe pas", "      2024: 200", "      2026: 500"]},
    "4-1": {"R2": ["    unite: '%'", "    reference:  # référence fictive", "      annee: 2022", "      valeur: 40",
                   "    cibles:  # cibles fictives : le contrat n'en fixe pas", "      2024: 50", "      2027: 60"]},
    "3-1": {"R3": ["    unite: sources recensées", "    sens: baisse", "    reference:  # référence fictive",
                   "      annee: 2023", "      valeur: 20",
                   "    cibles:  # cibles fictives : le contrat n'en fixe pas", "      2024: 15", "      2027: 8"]},
    "5-1": {"R6": ["    unite: postes", "    reference:  # référence fictive", "      annee: 2022", "      valeur: 2",
                   "    cibles:  # cibles fictives : le contrat n'en fixe pas", "      2024: 4", "      2027: 6"]},
}

SUIVI = {
"1-1": """\
  2023:
    statut: en_cours
    avancement: 30
    realisations:
      - État des lieux de l'offre de premier recours réalisé et présenté aux partenaires
    declinaisons:
      "1": {statut: realise}
      "2": {statut: en_cours}
    indicateurs:
      P1: 8
  2024:
    statut: en_cours
    avancement: 60
    realisations:
      - Guide local de l'offre de soins coordonnés diffusé aux professionnels de santé
    difficultes:
      - Conférence « offre de soins coordonnés » reportée faute de salle disponible
    declinaisons:
      "3": {statut: realise}
      "4": {statut: en_cours, avancement: 40}
    indicateurs:
      P1: 12
      R1:
        appreciation: Intervenants variés (URPS, CPTS, maison de santé), contenus jugés utiles
""",
"1-3": """\
  2024:
    statut: bloque
    avancement: 10
    difficultes:
      - Étude de besoins suspendue dans l'attente de son financement
""",
"2-1": """\
  2023:
    statut: realise
    avancement: 100
    realisations:
      - Diagnostic partagé présenté en juin
      - Lancement du Conseil Local en Santé Mentale en décembre
    indicateurs:
      P1:
        appreciation: Diagnostic complet, croisant données quantitatives et entretiens
""",
"2-2": """\
  2023:
    statut: realise
    indicateurs:
      P1: 3
  2024:
    statut: realise
    avancement: 100
    realisations:
      - Cycle SISM 2024 mené de février à octobre
    indicateurs:
      P1: 5
      R1:
        valeur: 14
        commentaire: 14 actions pendant les SISM 2024
""",
"2-3": """\
  2023:
    statut: en_cours
    avancement: 50
    realisations:
      - Deux réunions de travail avec les acteurs du repérage précoce
""",
"3-1": """\
  2023:
    statut: en_cours
    declinaisons:
      "1": {statut: realise}
      "2": {statut: en_cours}
  2024:
    statut: en_cours
    avancement: 45
    realisations:
      - Semaine de sensibilisation aux perturbateurs endocriniens
    declinaisons:
      "2": {statut: realise}
      "3": {statut: en_cours, avancement: 25}
    indicateurs:
      P1: 350
      R3:
        valeur: 19
        commentaire: Recensement dans 12 crèches sur 30
""",
"3-2": """\
  2024:
    statut: a_discuter
    commentaire: Le portage de la boîte à outils est à rediscuter en comité de pilotage
""",
"3-3": """\
  2024:
    realisations:
      - Premières espèces plantées pendant la période de rodage
""",
"4-1": """\
  2022:
    statut: en_cours
    declinaisons:
      "2": {statut: realise}
  2023:
    statut: en_cours
    declinaisons:
      "3": {statut: realise}
  2024:
    statut: en_cours
    avancement: 70
    difficultes:
      - Outils de communication à refaire après un changement de charte graphique
    calendrier_ajuste:
      - periode: 1er semestre 2025
        jalon: Diffusion des outils de communication
    declinaisons:
      "1":
        statut: en_cours
        calendrier_ajuste:
          - 1er semestre 2025
    indicateurs:
      R2:
        valeur: 46
        commentaire: Taux estimé sur les bénéficiaires de la C2S invitées
""",
"4-2": """\
  2023:
    statut: abandonne
    commentaire: Le diagnostic est repris dans un autre dispositif départemental
""",
"4-3": """\
  2024:
    statut: en_cours
    avancement: 50
    declinaisons:
      "1": {statut: realise}
      "3":
        commentaire: Reportée au printemps 2025
        calendrier_ajuste:
          - 2ème trimestre 2025
""",
"4-4": """\
  2024:
    statut: en_pause
    commentaire: En attente du nouveau plan sport santé de la Ville
""",
"5-1": """\
  2023:
    statut: en_cours
    declinaisons:
      "1": {statut: realise}
  2024:
    statut: en_cours
    avancement: 55
    declinaisons:
      "2":
        statut: abandonne
        commentaire: Cahier des charges abandonné au profit du référentiel régional
      "3": {statut: en_cours}
    indicateurs:
      R6: 4
""",
"5-3": """\
  2023:
    statut: en_cours
    declinaisons:
      "2": {statut: realise}
      "3": {statut: realise}
  2024:
    statut: en_cours
    declinaisons:
      "1":
        statut: a_venir
        commentaire: Lancement de la coordination locale repoussé à début 2025
        calendrier_ajuste:
          - début 2025
""",
}

# Budget FICTIF: a few yearly lines (the shape of Territoires en Transitions' budget), so that
# the report shows its table « prévu et réalisé ». No figure comes from the contract.
BUDGET = {
"1-1": """\
  - annee: 2024
    financeur: ARS Occitanie
    type: fonctionnement
    prevu: 12000
    realise: 9500
    commentaire: Conférence reportée à 2025
  - annee: 2024
    financeur: Ville de Montpellier
    type: fonctionnement
    unite: etp
    prevu: 0.5
    realise: 0.4
  - annee: 2025
    financeur: ARS Occitanie
    type: fonctionnement
    prevu: 8000
""",
"2-2": """\
  - annee: 2024
    financeur: Ville de Montpellier
    type: fonctionnement
    prevu: 3000
    realise: 3200
    commentaire: Logistique et communication des Semaines d'information sur la santé mentale
""",
"5-1": """\
  - annee: 2024
    financeur: ARS Occitanie
    type: investissement
    prevu: 20000
""",
}

GOUVERNANCE = """\
# Gouvernance FICTIVE (le contrat de Montpellier ne la décrit pas) : minimums repris de
# Clermont-Ferrand, réunions inventées pour l'exemple.
gouvernance:
  - id: copil
    nom: Comité de pilotage
    reunions_min_par_an: 1
    reunions:
      - date: "2023-06-15"
        objet: Bilan 2022 et programmation 2023
      - date: "2024-06-20"
        objet: Bilan 2023
  - id: cotech
    nom: Comité technique
    reunions_min_par_an: 2
    reunions:
      - date: "2023-03-09"
        objet: Lancement des déclinaisons 2023
      - date: "2023-10-12"
        objet: Point d'étape
      - date: "2024-04-11"
        objet: Point d'étape
"""


def insert_targets(text: str, targets: dict) -> str:
    lines = text.split("\n")
    for ind, extra in targets.items():
        start = lines.index(f"  - id: {ind}")
        at = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("    libelle:"))
        assert not lines[at + 1].startswith("     "), (ind, lines[at + 1])  # one-line libellé
        lines[at + 1:at + 1] = extra
    return "\n".join(lines)


def with_header(text: str) -> str:
    """The schema modeline stays the first line (tests/test_schema.py); the notice follows it."""
    first, rest = text.split("\n", 1)
    assert first.startswith("# yaml-language-server:"), first
    return first + "\n" + HEADER + rest


def main() -> None:
    sources = sorted((SRC / "fiches").glob("*.yaml"))
    unknown = (set(SUIVI) | set(TARGETS) | set(BUDGET)) - {p.stem for p in sources}
    if unknown:
        raise SystemExit(f"fiches absentes de {SRC} : {sorted(unknown)}")
    (DST / "fiches").mkdir(parents=True, exist_ok=True)
    contrat = (SRC / "contrat.yaml").read_text(encoding="utf-8")
    if "\ngouvernance:" in contrat:
        raise SystemExit("data/montpellier/contrat.yaml a maintenant une gouvernance : revoir GOUVERNANCE")
    # format_text: the files are written in clstool fmt's canonical layout (fmt --check passes)
    # The title says it too, so every output (report, status) shows the example is fictitious.
    contrat = contrat.replace("\nintitule: Contrat Local de Santé 2022 /2027\n",
                              "\nintitule: Contrat Local de Santé 2022 /2027 — exemple de suivi fictif\n", 1)
    atomic_write(DST / "contrat.yaml", format_text(with_header(contrat.rstrip("\n") + "\n" + GOUVERNANCE), "contrat"))
    for src in sources:
        text = src.read_text(encoding="utf-8")
        if "\nsuivi:" in text:
            raise SystemExit(f"{src} contient un suivi : data/ n'en a pas")
        text = insert_targets(text, TARGETS.get(src.stem, {})).rstrip("\n") + "\n"
        if src.stem in BUDGET:
            text += "# Budget FICTIF, inventé pour l'exemple.\nbudget:\n" + BUDGET[src.stem]
        if src.stem in SUIVI:
            text += "# Suivi FICTIF, inventé pour l'exemple.\nsuivi:\n" + SUIVI[src.stem]
        atomic_write(DST / "fiches" / src.name, format_text(with_header(text), "fiche"))
    for stale in set((DST / "fiches").glob("*.yaml")) - {DST / "fiches" / p.name for p in sources}:
        stale.unlink()


if __name__ == "__main__":
    main()
