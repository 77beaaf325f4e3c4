"""Territoires en Transitions (TeT): the vocabulary shared by the import and the export.

TeT's plan-import template (``tet-modele-import-pa.xlsx``, shipped in ``clstool/resources``,
MIT licence, from incubateur-ademe/territoires-en-transitions) has a sheet « Fichier dimport »:
group titles on row 1, column headers on row 2, field kinds on row 3, instructions on row 4,
an example on row 5, data below. A sheet « Listes déroulantes » gives the allowed statuses,
priorities and citizen-participation levels.

Columns are recognised by their *normalised* header (:func:`normalise`: no accents, no case,
no punctuation), never by position: :data:`COLUMNS` lists the template's headers and the
variants met in real files. The financing columns repeat (« Financeur 1 », « Montant € HT »,
« Financeur 2 »…): a « Montant » column belongs to the financer column on its left.

Mappings (both directions): the eight statuses and three priorities of TeT ↔ clstool's codes
(:data:`STATUTS`, :data:`PRIORITES`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from clstool.model.vocabulary import STATUTS_DECLARES, titre

SHEET = "Fichier dimport"
LISTS_SHEET = "Listes déroulantes"
HEADER_ROW = 2  #: in the template, and where TeT's importer checks the headers
KINDS_ROW = 3  #: field kinds in the template; the export adds each column's instructions to them
FIRST_DATA_ROW = 4  #: where TeT's importer starts reading (the template's instructions row)
#: The headers TeT's importer requires on row 2, exactly and in this order, from column A
#: (``OrderedColumns`` of ``apps/backend/src/plans/plans/import-plan-aggregate/parsers/excel-parser.ts``
#: in incubateur-ademe/territoires-en-transitions); it reads these 28 columns and no other. The
#: template's D2 says « Titre de la fiche action »: TeT's importer refuses it.
TET_HEADERS = (
    "Axe (x)", "Sous-axe (x.x)", "Sous-sous axe (x.x.x)", "Titre de l'action", "Titre de la sous-action",
    "Descriptif", "Instances de gouvernance", "Objectifs", "Indicateurs liés", "Structure pilote",
    "Moyens humains et techniques", "Partenaires", "Direction ou service pilote", "Personne pilote",
    "Élu·e référent·e", "Participation Citoyenne", "Financements", "Financeur 1", "Montant € HT", "Financeur 2",
    "Montant € HT", "Financeur 3", "Montant € HT", "Budget prévisionnel total € HT", "Statut", "Niveau de priorité",
    "Date de début", "Date de fin",
)  # fmt: skip
#: TeT refuses the whole import when an action's or a sous-action's title is longer.
TITLE_MAX = 300
#: The drop-down lists of the sheet « Listes déroulantes », by the column key they fill: the
#: template declares them as an Excel 2010 extension that openpyxl cannot keep, so the export
#: declares them again.
DROP_DOWNS = {"statut": "Statut", "priorite": "Niveau de priorité", "participation": "Participation citoyenne"}
#: Text TeT's template puts in the cells it does not import; not data.
PLACEHOLDER = "Ces informations devront être saisies directement sur la plateforme après l'import."


def template_path():
    """The TeT import template shipped with clstool (a Traversable usable with ``open``)."""
    return resources.files("clstool") / "resources" / "tet-modele-import-pa.xlsx"


def normalise(text: str) -> str:
    """``"Élu·e référent·e "`` → ``"elu e referent e"``: for comparing headers and values."""
    folded = unicodedata.normalize("NFKD", str(text).replace("’", "'"))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


@dataclass(frozen=True)
class Column:
    key: str  #: what clstool does with it
    header: str  #: as the template writes it (trimmed)
    aliases: tuple[str, ...] = ()

    def matches(self, normalised: str) -> bool:
        return normalised in {normalise(self.header), *(normalise(a) for a in self.aliases)}


#: The columns clstool knows, in the template's order, then the variants of real files.
COLUMNS = (
    Column("axe", "Axe (x)", ("Axe", "Axes", "Axe stratégique")),
    Column("sous_axe", "Sous-axe (x.x)", ("Sous-axe", "Sous axe", "Sous-axes")),
    Column("sous_sous_axe", "Sous-sous axe (x.x.x)", ("Sous-sous-axe", "Sous-sous axe", "Sous-sous-axe (x.x.x)")),
    Column("titre", "Titre de la fiche action", ("Titre de l'action", "Titre", "Intitulé de l'action",
                                                 "Titre de la fiche", "Fiche action", "Nom de l'action")),
    Column("sous_action", "Titre de la sous-action", ("Sous-action", "Sous-actions", "Titre des sous-actions")),
    Column("descriptif", "Descriptif", ("Description", "Description de l'action")),
    Column("gouvernance", "Instances de gouvernance", ("Gouvernance",)),
    Column("objectifs", "Objectifs", ("Objectif", "Objectifs de l'action")),
    Column("indicateurs", "Indicateurs liés", ("Indicateurs",)),
    Column("structure_pilote", "Structure pilote", ("Structures pilotes", "Pilote", "Pilotes", "Porteur",
                                                    "Porteurs", "Structure porteuse")),
    Column("moyens", "Moyens humains et techniques", ("Moyens",)),
    Column("partenaires", "Partenaires", ("Partenaire",)),
    Column("service_pilote", "Direction ou service pilote", ("Service pilote", "Direction pilote")),
    Column("personne_pilote", "Personne pilote", ("Personnes pilotes", "Référent", "Référents")),
    Column("elu", "Élu·e référent·e", ("Élu référent", "Elu(e) référent(e)", "Élus référents", "Élu·e·s référent·e·s")),
    Column("participation", "Participation Citoyenne", ("Participation",)),
    Column("financements", "Financements", ("Financement",)),
    Column("budget", "Budget prévisionnel total € HT", ("Budget prévisionnel total", "Budget prévisionnel", "Budget total")),
    Column("statut", "Statut", ("Statut de l'action",)),
    Column("priorite", "Niveau de priorité", ("Priorité",)),
    Column("date_debut", "Date de début", ("Début", "Date début")),
    Column("date_fin", "Date de fin", ("Fin", "Date fin", "Date de fin prévisionnelle")),
    Column("amelioration_continue", "Action en amélioration continue", ("Amélioration continue",)),
    Column("mesures_liees", "Mesures liées"),
    Column("actions_liees", "Actions liées"),
    Column("notes", "Notes", ("Notes complémentaires", "Commentaires")),
    Column("documents", "Documents et liens", ("Documents", "Liens")),
    # variants of real files (docs/interoperabilite.md#territoires-en-transitions)
    Column("calendrier", "Calendrier", ("Calendrier prévisionnel",)),
    Column("notes_suivi", "Notes de suivi", ("Suivi", "Commentaire de suivi")),
    Column("etapes", "Etapes de la fiche action", ("Étapes", "Etapes", "Étapes de l'action")),
)
BY_KEY = {c.key: c for c in COLUMNS}
#: Columns kept in a fiche's ``notes`` as « <header> : <value> » (no clstool field holds them,
#: or their value was not understood), in the order the notes are written. The export puts each
#: such note back in its column; any other note goes to the « Notes » column.
NOTE_COLUMNS = (
    "titre", "priorite", "participation", "statut", "gouvernance", "indicateurs", "service_pilote",
    "personne_pilote", "elu", "financements", "budget", "amelioration_continue", "mesures_liees",
    "actions_liees", "documents",
)  # fmt: skip
_FINANCEUR = re.compile(r"^financeur s?\s*(\d*)$")
_MONTANT = re.compile(r"^montant\b")


def classify(header: str) -> str | None:
    """The column key of a header (``financeur`` and ``montant`` for the repeated ones), or None."""
    text = normalise(header)
    if not text:
        return None
    if _FINANCEUR.match(text):
        return "financeur"
    if _MONTANT.match(text):
        return "montant"
    return next((c.key for c in COLUMNS if c.matches(text)), None)


#: TeT status label → clstool code (the same eight, docs/format-des-fiches.md#le-suivi-annuel).
STATUTS = {titre(code): code for code in STATUTS_DECLARES}  # « Réalisé » → realise
STATUT_LABELS = {code: label for label, code in STATUTS.items()}
#: TeT priority label → clstool code.
PRIORITES = {"Élevé": "elevee", "Moyen": "moyenne", "Bas": "basse"}
PRIORITE_LABELS = {code: label for label, code in PRIORITES.items()}
#: TeT citizen-participation levels; the first one means « non ».
PARTICIPATION_NONE = "Pas de participation citoyenne"
PARTICIPATION_LEVELS = ("Information", "Consultation", "Concertation", "Co-construction")

_STATUTS_NORMALISED = {normalise(k): v for k, v in STATUTS.items()} | {normalise(v): v for v in STATUTS.values()}
_PRIORITES_NORMALISED = ({normalise(k): v for k, v in PRIORITES.items()}
                         | {normalise(v): v for v in PRIORITES.values()}
                         | {"elevee": "elevee", "haute": "elevee", "moyenne": "moyenne", "basse": "basse",
                            "faible": "basse"})


def statut_code(label: str) -> str | None:
    """« Bloqué  » → ``bloque``; None when unknown."""
    return _STATUTS_NORMALISED.get(normalise(label))


def priorite_code(label: str) -> str | None:
    """« Élevé » → ``elevee`` (also « Élevée », « Haute », « Faible »); None when unknown."""
    return _PRIORITES_NORMALISED.get(normalise(label))
