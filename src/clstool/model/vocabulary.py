"""Every code of the model with its French label, its order and its look: the one place.

Reports, exports, tables, calendars and Territoires en Transitions all take their French words
from here; the models' ``Literal`` types list the same codes (``tests/model/test_vocabulary.py``
checks that they agree). The order of each table is the display order.

A status has a *look*: a fill colour, a pattern drawn over it and the pattern's colour (charts
and printed reports stay readable in black and white and for colour-blind readers: Okabe–Ito
palette), plus a terminal style for ``status`` and ``calendar`` tables.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The folder, beside ``contrat.yaml``, of the coordinator's yearly files (``bilans/2024.yaml``).
DOSSIER_BILANS = "bilans"
#: The regional référentiel's file, in a territory's folder or a folder above it.
FICHIER_REFERENTIEL = "referentiel.yaml"

MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


@dataclass(frozen=True)
class Look:
    """The colour and pattern of a status; ``ink`` is the colour of text drawn on top of it."""

    fill: str
    pattern: str  # plain | diagonal | back_diagonal | dots | cross | horizontal | vertical | empty_diagonal
    mark: str  # the pattern's colour
    ink: str = "#000"


@dataclass(frozen=True)
class StatusTerm:
    """A status: its French label (lower case, as in a sentence), look and terminal style."""

    code: str
    label: str
    look: Look
    style: str  #: rich style of the terminal tables

    @property
    def title(self) -> str:
        """The label capitalised, as a table cell or a heading shows it (« Sans bilan »)."""
        return self.label[:1].upper() + self.label[1:]


def _terms(*rows: tuple) -> dict[str, StatusTerm]:
    return {code: StatusTerm(code, label, look, style) for code, label, look, style in rows}


_GREEN = Look("#009E73", "plain", "#009E73", "#fff")
_EMPTY = Look("#ffffff", "empty_diagonal", "#8a8a8a")
_BLUE_STRIPES = Look("#56B4E9", "diagonal", "#1f6f9a")

#: Statuses of a fiche or a déclinaison for a year, computed or declared, in display order.
STATUTS = _terms(
    ("realise", "réalisé", _GREEN, "green"),
    ("en_cours", "en cours", _BLUE_STRIPES, "cyan"),
    ("a_venir", "à venir", Look("#F0E442", "dots", "#7a7000"), "blue"),
    ("en_retard", "en retard", Look("#D55E00", "cross", "#7a2f00", "#fff"), "bold red"),
    ("sans_bilan", "sans bilan", _EMPTY, "yellow"),
    ("en_pause", "en pause", Look("#E69F00", "vertical", "#7a5500"), "magenta"),
    ("bloque", "bloqué", Look("#CC79A7", "horizontal", "#7d3360"), "red"),
    ("a_discuter", "à discuter", Look("#0072B2", "dots", "#9fd3f5", "#fff"), "magenta"),
    ("abandonne", "abandonné", Look("#555555", "back_diagonal", "#999999", "#fff"), "dim"),
    ("hors_periode", "hors période", Look("#e6e6e6", "plain", "#e6e6e6"), "dim"),
)
#: The eight statuses a carrier may declare in a fiche's ``suivi`` (those of Territoires en
#: Transitions), in the order of TeT's drop-down list.
STATUTS_DECLARES = ("a_venir", "a_discuter", "en_cours", "en_pause", "bloque", "en_retard", "realise",
                    "abandonne")
#: Declared statuses that close an action: nothing more is planned after them.
TERMINAUX = ("realise", "abandonne")
#: Declared fiche statuses that describe the whole action, hence its déclinaisons too.
ACTION_ENTIERE = ("realise", "abandonne", "en_pause", "bloque", "a_discuter")

#: Statuses of an indicator for a year, in display order.
STATUTS_INDICATEUR = _terms(
    ("atteint", "atteint", _GREEN, "green"),
    ("partiel", "partiel", Look("#E69F00", "diagonal", "#7a5500"), "yellow"),
    ("non_atteint", "non atteint", Look("#D55E00", "cross", "#7a2f00", "#fff"), "red"),
    ("mesure_sans_cible", "mesuré sans cible", Look("#56B4E9", "dots", "#1f6f9a"), "cyan"),
    ("non_mesure", "non mesuré", _EMPTY, "yellow"),
    ("qualitatif_renseigne", "qualitatif renseigné", _BLUE_STRIPES, "green"),
    ("qualitatif_non_renseigne", "qualitatif non renseigné", _EMPTY, "yellow"),
)
#: Statuses of a governance body for a year (meetings held against the minimum).
STATUTS_GOUVERNANCE = _terms(
    ("atteint", "atteint", _GREEN, "green"),
    ("en_cours", "en cours", _BLUE_STRIPES, "cyan"),
    ("non_atteint", "non atteint", Look("#D55E00", "cross", "#7a2f00", "#fff"), "red"),
    ("sans_minimum", "sans minimum", Look("#e6e6e6", "plain", "#e6e6e6"), "dim"),
)
#: Planned status of a calendar entry against the reference date (``clstool calendar``).
STATUTS_PREVUS = _terms(
    ("a_venir", "à venir", STATUTS["a_venir"].look, "cyan"),
    ("en_cours", "en cours", STATUTS["en_cours"].look, "green"),
    ("echeance_passee", "échéance passée", STATUTS["en_retard"].look, "yellow"),
    ("hors_periode", "hors période", STATUTS["hors_periode"].look, "dim"),
)
#: A calendar entry whose period could not be read.
PERIODE_ILLISIBLE = StatusTerm("periode_illisible", "période non reconnue", Look("#cccccc", "plain", "#cccccc"),
                               "bold red")
#: The look of a code no table knows.
LOOK_PAR_DEFAUT = Look("#cccccc", "plain", "#cccccc")


def status_term(code: str | None) -> StatusTerm | None:
    """The term of any status code (fiche first, then indicator, governance, planned)."""
    if not code:
        return None
    for table in (STATUTS, STATUTS_INDICATEUR, STATUTS_GOUVERNANCE, STATUTS_PREVUS):
        if code in table:
            return table[code]
    return None


def libelle(code: str | None) -> str:
    """The French label of a status code (« sans bilan »); the code itself if unknown."""
    term = status_term(code)
    return term.label if term else (code or "")


def titre(code: str | None) -> str:
    """The label capitalised (« Sans bilan »), « Non renseigné » for no code."""
    text = libelle(code)
    return text[:1].upper() + text[1:] if text else "Non renseigné"


# --- The checkbox grids of the fiche form ------------------------------------------------------

#: Labels as the form of the contracts writes them.
TYPOLOGIES = {"nouvelle": "Nouvelle action", "experimentale": "Action expérimentale",
              "renforcement": "Renforcement d'une action existante"}
AGES = {
    "jeunes_enfants": "Jeunes enfants (0–6 ans)", "enfants": "Enfants (7–11 ans)",
    "adolescents": "Adolescents (12–15 ans)", "jeunes_adultes": "Jeunes adultes (16–25 ans)",
    # the band as another form prints it (Montpellier 5-3: « Jeunes Adultes (18 à 25 ans) »)
    "jeunes_adultes_18_25": "Jeunes adultes (18–25 ans)",
    "adultes": "Adultes (26–65 ans)", "personnes_agees": "Personnes âgées (plus de 65 ans)",
}  # fmt: skip
#: The other boxes of the « Public visé » grid (« ☒ Professionnels* », detailed below it).
PUBLICS = {"professionnels": "Professionnels"}
PROFESSIONNELS = {
    "medical": "Professionnels du médical", "paramedical": "Professionnels du paramédical",
    "social": "Professionnels du social", "prevention_promotion": "Prévention et promotion de la santé",
    "education_formation": "Éducation et formation", "culture_loisirs": "Culture et loisirs",
}  # fmt: skip
#: The boxes of « Territoire d'intervention », as the forms print them.
NIVEAUX_TERRITOIRE = {"commune": "Commune", "commune_et_metropole": "Commune et Métropole",
                      "quartiers": "Quartiers", "qpv": "QPV"}
PRIORITES = {"elevee": "élevée", "moyenne": "moyenne", "basse": "basse"}
REPONSES = {"oui": "oui", "non": "non"}
NATURES_PARTICIPATION = {
    "analyse_besoins": "Participation à l'analyse des besoins, au choix de l'action",
    "organisation": "Participation à l'organisation de l'action",
    "direction": "Participation à la direction des activités prévues",
    "gestion": "Participation à la gestion de l'action",
    "mobilisation_ressources": "Participation à la mobilisation des ressources",
}  # fmt: skip
NATURES_ACCES = {
    "information_usagers": "Information des usagers", "acces_droits": "Accès aux droits des usagers",
    "illectronisme": "Lutte contre l'illectronisme", "information_professionnels": "Information des professionnels",
    "mise_en_lien_professionnels": "Mise en lien des professionnels",
}  # fmt: skip
#: Determinants of health: family → (French label, {determinant → French label}).
DETERMINANTS = {
    "systeme_de_soins": ("Système de soins", {
        "accessibilite": "Accessibilité", "globalite": "Globalité", "continuite": "Continuité",
        "reactivite": "Réactivité", "efficacite_securite": "Efficacité et sécurité"}),
    "modes_de_vie": ("Modes de vie", {
        "comportements_favorables": "Comportements favorables à la santé",
        "utilisation_services": "Utilisation des services de santé"}),
    "conditions_de_vie": ("Conditions de vie", {
        "acces_ressources": "Accès aux ressources", "environnement_physique": "Environnement physique",
        "conditions_travail": "Conditions de travail",
        "conditions_travail_etude": "Conditions de travail / conditions d'étude"}),
    "environnement_social": ("Environnement social", {
        "integration_sociale": "Intégration sociale", "pouvoir_agir": "Pouvoir d'agir",
        "normes_climat_social": "Normes et climat social"}),
    "contexte_economique_politique": ("Contexte économique et politique", {
        "adaptation_besoins": "Adaptation aux besoins", "sante_dans_politiques": "La santé dans toutes les politiques"}),
    "conditions_socio_economiques": ("Conditions socio-économiques", {
        "niveau_revenu": "Niveau de revenu", "niveau_education": "Niveau d'éducation"}),
}  # fmt: skip
TRANSITIONS = {"sociale": "Transition sociale", "democratique": "Transition démocratique",
               "ecologique": "Transition écologique"}

# --- Indicators, calendars, diagnostics --------------------------------------------------------

TYPES_INDICATEUR = {"processus": "processus", "resultat": "résultat"}
SENS = {"hausse": "à la hausse", "baisse": "à la baisse"}
#: Where the dates of a calendar row come from.
SOURCES_CALENDRIER = {"prevu": "calendrier prévisionnel", "ajuste": "calendrier ajusté",
                      "fiche": "calendrier de la fiche", "contrat": "durée du contrat (aucune date propre)",
                      "aucun": "aucune date"}
SEVERITES = {"error": "erreur", "warning": "avertissement", "info": "info"}

#: The rubriques of a fiche form that completeness rules check, with their French labels, in the
#: order of the Occitanie form. A form profile (:mod:`clstool.model.profiles`) lists those it has.
RUBRIQUES = {
    "typologie": "Typologie de l'action",
    "portage": "Porteurs ou pilotes",
    "calendrier": "Calendrier",
    "public_vise": "Public visé",
    "participation_citoyenne": "Participation citoyenne (oui / non)",
    "participation_citoyenne.natures": "Nature de la participation citoyenne",
    "acces_information_droits": "Accès à l'information et aux droits (oui / non)",
    "acces_information_droits.natures": "Nature de la contribution à l'accès à l'information et aux droits",
    "indicateurs": "Indicateurs d'évaluation",
    "indicateurs.type": "Indicateurs de processus et de résultat",
    "determinants": "Déterminants de santé",
}
#: The types of a contract's custom field (``champs`` of contrat.yaml).
TYPES_CHAMP = {"texte": "texte", "nombre": "nombre", "choix": "choix dans une liste",
               "liste": "liste", "date": "date"}

# --- Files read with errors (the rule of the reading commands, docs/regles.md) -------------------

#: How an output marks, where the file's content is shown, a file read with errors: by kind of
#: file, (read in part: some of it is missing, read whole but with errors, not read at all).
MARQUES_ERREURS = {
    "fiche": ("Fiche incomplète", "Fiche à corriger", "Fiche illisible"),
    "contrat": ("Contrat incomplet", "Contrat à corriger", "Contrat illisible"),
    "bilan": ("Bilan incomplet", "Bilan à corriger", "Bilan illisible"),
}
# --- Yearly budget (model/budget.py), in the shape of Territoires en Transitions' budget ------
#: Nature of a budget line, in TeT's order.
TYPES_BUDGET = {"investissement": "investissement", "fonctionnement": "fonctionnement"}
#: Unit of a budget line: euros (hors taxes, as TeT) or full-time equivalents.
UNITES_BUDGET = {"euros": "€", "etp": "ETP"}
#: The level between an axis and its fiches (contrat.yaml: ``axes[].sous_axes``).
SOUS_AXE = "sous-axe"
