"""Pydantic models of the two kinds of file: ``contrat.yaml`` and ``fiches/<id>.yaml``.

The models are strict: unknown keys, wrong types and values outside an enumeration are
errors. Keys are French, snake_case, without accents (docs/format-des-fiches.md). Only ``id``, ``axe`` and
``titre`` are required in a fiche: Clermont-Ferrand's published fiches have nothing else.

A few YAML conveniences are accepted on purpose and normalised here, in one place:
a year written as a number where text is expected (``- 2024`` in a calendar, ``id: 3``),
déclinaison keys of a follow-up written as numbers (``1:``), and the year keys of ``suivi``
and ``cibles`` written quoted (``"2025":``).

Years, numbers and identifiers are bounded (code CLS024): see :mod:`clstool.model.bounds`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
)

from clstool.model.base import Model
from clstool.model.bounds import (  # noqa: F401  # noqa: F401
    ANNEE_MAX,
    ANNEE_MIN,
    BORNES,
    ID_LONGUEUR_MAX,
    ID_MOTIF,
    NOMBRE_MAX,
    Annee,
    Nombre,
    _bounded_year,
    _finite,
    _identifier,
    _shown,
)
from clstool.model.budget import LigneBudget


def _number_as_text(value: Any) -> Any:
    """A year or an id written as a YAML number is kept as its text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _year_keys(value: Any) -> Any:
    """Years written as quoted keys (``"2025":``) are the years themselves. A year written both
    ways is refused, rather than one of the two being dropped."""
    if not isinstance(value, dict) or not any(isinstance(k, str) for k in value):
        return value
    out: dict = {}
    for key, item in value.items():
        year = int(key) if isinstance(key, str) and re.fullmatch(r"-?[0-9]{1,9}", key.strip()) else key
        if year in out:
            raise ValueError(f"l'année {year} est écrite deux fois (une fois entre guillemets)")
        out[year] = item
    return out


#: Text that YAML may have read as a number (``2024``, ``3``).
Texte = Annotated[str, BeforeValidator(_number_as_text)]
#: Non-empty text.
TexteNonVide = Annotated[str, BeforeValidator(_number_as_text), Field(min_length=1)]

#: An identifier: its text (a number written plain is taken as text), bounded (:mod:`clstool.model.bounds`).
Identifiant = Annotated[str, BeforeValidator(_number_as_text), Field(min_length=1), AfterValidator(_identifier)]

# --- Enumerations (the checkbox grids of the fiche form) -----------------------------------

Typologie = Literal["nouvelle", "experimentale", "renforcement"]
Age = Literal[
    "jeunes_enfants", "enfants", "adolescents", "jeunes_adultes", "jeunes_adultes_18_25", "adultes", "personnes_agees"
]
#: The boxes of « Public visé » that are not an age band.
Public = Literal["professionnels"]
Professionnel = Literal[
    "medical", "paramedical", "social", "prevention_promotion", "education_formation", "culture_loisirs"
]
Priorite = Literal["elevee", "moyenne", "basse"]
Reponse = Literal["oui", "non"]
NatureParticipation = Literal[
    "analyse_besoins", "organisation", "direction", "gestion", "mobilisation_ressources"
]
NatureAcces = Literal[
    "information_usagers",
    "acces_droits",
    "illectronisme",
    "information_professionnels",
    "mise_en_lien_professionnels",
]
TypeIndicateur = Literal["processus", "resultat"]
Sens = Literal["hausse", "baisse"]
#: The eight statuses of Territoires en Transitions (model/vocabulary.py: STATUTS_DECLARES).
StatutDeclare = Literal[
    "a_venir", "a_discuter", "en_cours", "en_pause", "bloque", "en_retard", "realise", "abandonne"
]
STATUTS_DECLARES: tuple[str, ...] = StatutDeclare.__args__  # type: ignore[attr-defined]

# --- Calendars ------------------------------------------------------------------------------


class EntreeCalendrier(Model):
    """One calendar entry written in detail."""

    periode: TexteNonVide = Field(
        description="La période telle qu'écrite : « 1er trimestre 2023 », « 2024 à 2027 », « Février »…"
    )
    jalon: str | None = Field(None, description="Ce qui se passe à cette période : « Réalisation du diagnostic ».")
    recurrent: bool = Field(
        False, description="true : la période se répète chaque année du contrat (cycle annuel)."
    )


def _calendar_tag(value: Any) -> str:
    return "detail" if isinstance(value, dict) else "texte"


#: A calendar entry: a plain string (``"2024"``) or a mapping with ``periode``.
Entree = Annotated[
    Union[Annotated[TexteNonVide, Tag("texte")], Annotated[EntreeCalendrier, Tag("detail")]],
    Discriminator(_calendar_tag),
]
Calendrier = list[Entree]


def periode_of(entry: str | EntreeCalendrier) -> str:
    """The period expression of a calendar entry, whatever its form."""
    return entry if isinstance(entry, str) else entry.periode


# --- Shared pieces -----------------------------------------------------------------------------


class Financement(Model):
    financeur: TexteNonVide | None = Field(None, description="Qui finance (« ARS Occitanie », « Budget CLS »).")
    montant: Nombre | None = Field(None, ge=0, description="Montant en euros (nombre, sans espace : 15000).")
    precision: str | None = Field(None, description="Précision : ligne budgétaire, nature du financement…")


class Groupe(Model):
    """Items under a heading, e.g. « Actions sur l'environnement : » and its bullets."""

    groupe: TexteNonVide = Field(description="Intitulé du groupe, tel qu'écrit.")
    elements: list[str] = Field(default_factory=list, description="Les éléments du groupe.")


def _item_tag(value: Any) -> str:
    return "groupe" if isinstance(value, dict) else "texte"


#: An item of a bullet list: a text, or a heading with its own bullets.
Element = Annotated[
    Union[Annotated[TexteNonVide, Tag("texte")], Annotated[Groupe, Tag("groupe")]],
    Discriminator(_item_tag),
]
Objectif = Element


def flatten(items: list) -> list[str]:
    """The texts of a list of :data:`Element`, headings first then their bullets."""
    out: list[str] = []
    for item in items:
        if isinstance(item, Groupe):
            out.append(item.groupe)
            out.extend(item.elements)
        else:
            out.append(item)
    return out


class Objectifs(Model):
    generaux: list[Objectif] = Field(default_factory=list, description="Objectifs généraux.")
    specifiques: list[Objectif] = Field(default_factory=list, description="Objectifs spécifiques.")
    operationnels: list[Objectif] = Field(default_factory=list, description="Objectifs opérationnels.")


class Portage(Model):
    porteurs: list[str] = Field(default_factory=list, description="Porteur(s) de l'action.")
    pilotes: list[str] = Field(
        default_factory=list, description="Pilote(s) : certaines fiches emploient ce mot au lieu de porteur."
    )
    partenaires: list[str] = Field(default_factory=list, description="Partenaire(s).")
    operateurs: list[str] = Field(default_factory=list, description="Opérateur(s).")


class Declinaison(Model):
    """An operational sub-action of a fiche (« Déclinaisons opérationnelles »)."""

    id: Identifiant | None = Field(None, description="Identifiant facultatif, pour le suivi (sinon : sa position, « 1 »…).")
    titre: TexteNonVide = Field(description="Intitulé de la déclinaison.")
    description: list[Element] = Field(default_factory=list, description="Description et objectifs.")
    partenaires: list[str] = Field(default_factory=list, description="Partenaires opérationnels.")
    moyens: list[str] = Field(default_factory=list, description="Moyens mobilisables.")
    financements: list[Financement] = Field(default_factory=list, description="Financements.")
    calendrier: Calendrier = Field(default_factory=list, description="Calendrier prévisionnel.")
    budget: list[LigneBudget] = Field(
        default_factory=list, description="Budget annuel de la déclinaison : année, financeur, type, prévu, réalisé."
    )


class CaseNommee(Model):
    """A box of the form printed with names beside it, kept with its names whether ticked or not
    (« ☐ Quartier : quartiers communauté gitane »: named, not ticked)."""

    coche: bool = Field(description="true : la case est cochée ; false : nommée mais non cochée.")
    noms: list[TexteNonVide] = Field(default_factory=list, description="Les noms écrits à côté de la case.")


def _territory_tag(value: Any) -> str:
    if isinstance(value, bool):
        return "case"
    return "liste" if isinstance(value, list) else "detail" if isinstance(value, (dict, CaseNommee)) else "tous"


TerritoireValeur = Annotated[
    Union[
        Annotated[bool, Tag("case")],
        Annotated[Literal["tous"], Tag("tous")],
        Annotated[list[str], Tag("liste")],
        Annotated[CaseNommee, Tag("detail")],
    ],
    Discriminator(_territory_tag),
]


def territoire_coche(value: TerritoireValeur | None) -> bool:
    """The box is ticked (a list of names or « tous » is a ticked box)."""
    return value.coche if isinstance(value, CaseNommee) else bool(value)


class TerritoireIntervention(Model):
    commune: TerritoireValeur | None = Field(
        None, description="true : case cochée ; une liste : les noms ; « tous » ; {coche, noms}."
    )
    commune_et_metropole: TerritoireValeur | None = Field(
        None, description="La case « Commune et Métropole », quand le formulaire l'imprime au lieu de « Commune »."
    )
    quartiers: TerritoireValeur | None = Field(
        None, description="true, une liste de quartiers, « tous », ou {coche: false, noms: [...]} (nommés, non cochés)."
    )
    qpv: TerritoireValeur | None = Field(None, description="true, une liste de QPV, ou « tous » (« QPV : Tous »).")


class PublicVise(Model):
    ages: list[Age] = Field(default_factory=list, description="Tranches d'âge cochées.")
    publics: list[Public] = Field(
        default_factory=list, description="Autres cases cochées du public visé (« Professionnels* »)."
    )
    professionnels: list[Professionnel] = Field(default_factory=list, description="Professionnels visés.")
    professionnels_autre: str | None = Field(None, description="« Autre (Précisez) » des professionnels.")
    autre: str | None = Field(None, description="« Autre (Précisez) » du public visé.")


class Participation(Model):
    reponse: Reponse | None = Field(None, description="oui / non ; absent : la fiche ne répond pas.")
    natures: list[NatureParticipation] = Field(default_factory=list, description="Nature(s) de la participation.")


class AccesInformation(Model):
    reponse: Reponse | None = Field(None, description="oui / non ; absent : la fiche ne répond pas.")
    natures: list[NatureAcces] = Field(default_factory=list, description="Nature(s) de la contribution.")


class Reference(Model):
    annee: Annee = Field(description="Année de la valeur de référence.")
    valeur: Nombre = Field(description="Valeur de référence.")


class Indicateur(Model):
    id: Identifiant = Field(description="Identifiant unique dans la fiche (P1, R1…).")
    type: TypeIndicateur = Field(description="processus ou resultat.")
    libelle: TexteNonVide = Field(description="L'indicateur, tel qu'écrit.")
    unite: str | None = Field(None, description="Unité (%, nombre, €…).")
    reference: Reference | None = Field(None, description="Valeur de référence.")
    cibles: Annotated[dict[Annee, Nombre], BeforeValidator(_year_keys)] = Field(
        default_factory=dict, description="Cible par année : {2025: 10}."
    )
    sens: Sens = Field("hausse", description="hausse (défaut) : plus c'est haut, mieux c'est ; baisse : l'inverse.")


class Determinants(Model):
    systeme_de_soins: list[
        Literal["accessibilite", "globalite", "continuite", "reactivite", "efficacite_securite"]
    ] = Field(default_factory=list, description="Système de soins.")
    modes_de_vie: list[Literal["comportements_favorables", "utilisation_services"]] = Field(
        default_factory=list, description="Modes de vie."
    )
    conditions_de_vie: list[
        Literal["acces_ressources", "environnement_physique", "conditions_travail", "conditions_travail_etude"]
    ] = Field(default_factory=list, description="Conditions de vie.")
    environnement_social: list[Literal["integration_sociale", "pouvoir_agir", "normes_climat_social"]] = Field(
        default_factory=list, description="Environnement social."
    )
    contexte_economique_politique: list[Literal["adaptation_besoins", "sante_dans_politiques"]] = Field(
        default_factory=list, description="Contexte économique et politique."
    )
    conditions_socio_economiques: list[Literal["niveau_revenu", "niveau_education"]] = Field(
        default_factory=list, description="Conditions socio-économiques."
    )
    autres: list[str] = Field(default_factory=list, description="Autre(s) déterminant(s), en clair.")


# --- Yearly follow-up -----------------------------------------------------------------------


class SuiviDeclinaison(Model):
    statut: StatutDeclare | None = Field(None, description="Statut déclaré de la déclinaison.")
    avancement: int | None = Field(None, ge=0, le=100, description="Avancement en %.")
    commentaire: str | None = Field(None, description="Commentaire sur l'avancement de la déclinaison.")
    calendrier_ajuste: Calendrier = Field(
        default_factory=list,
        description="Calendrier ajusté de la déclinaison : remplace son prévisionnel à partir de cette année.",
    )


class MesureIndicateur(Model):
    valeur: Nombre | None = Field(None, description="Valeur mesurée.")
    commentaire: str | None = Field(None, description="Commentaire sur la mesure.")
    appreciation: str | None = Field(None, description="Appréciation qualitative.")


def _measure_tag(value: Any) -> str:
    return "detail" if isinstance(value, dict) else "valeur"


Mesure = Annotated[
    Union[Annotated[Nombre, Tag("valeur")], Annotated[MesureIndicateur, Tag("detail")]],
    Discriminator(_measure_tag),
]


class SuiviAnnee(Model):
    """The follow-up of one fiche for one year."""

    statut: StatutDeclare | None = Field(None, description="Statut déclaré (les 8 de Territoires en Transitions).")
    avancement: int | None = Field(None, ge=0, le=100, description="Avancement en %.")
    realisations: list[str] = Field(default_factory=list, description="Ce qui a été réalisé.")
    difficultes: list[str] = Field(default_factory=list, description="Difficultés rencontrées.")
    calendrier_ajuste: Calendrier = Field(
        default_factory=list, description="Calendrier ajusté : remplace le prévisionnel à partir de cette année."
    )
    declinaisons: dict[Identifiant, SuiviDeclinaison] = Field(
        default_factory=dict, description="Suivi par déclinaison, par position (« 1 ») ou par id."
    )
    indicateurs: dict[Identifiant, Mesure] = Field(default_factory=dict, description="Valeurs mesurées, par id d'indicateur.")
    commentaire: str | None = Field(None, description="Commentaire libre sur l'année (notes de suivi).")


# --- The fiche ------------------------------------------------------------------------------------


class Fiche(Model):
    """One fiche action (``fiches/<id>.yaml``)."""

    id: Identifiant = Field(description="Identifiant de la fiche (« 1-1 ») ; le fichier s'appelle <id>.yaml.")
    axe: Identifiant = Field(description="Identifiant d'un axe de contrat.yaml.")
    sous_axe: Identifiant | None = Field(
        None, description="Identifiant d'un sous-axe de cet axe (contrat.yaml : axes[].sous_axes), « 1.2 »."
    )
    titre: TexteNonVide = Field(description="Intitulé de l'action.")
    sous_titre: str | None = Field(None, description="Sous-titre.")
    definition: str | None = Field(None, description="Préambule définitionnel.")
    typologie: list[Typologie] = Field(default_factory=list, description="Cases cochées de la typologie.")
    priorite: Priorite | None = Field(None, description="Priorité (niveaux de Territoires en Transitions).")
    objectifs: Objectifs | None = Field(None, description="Objectifs généraux, spécifiques, opérationnels.")
    portage: Portage | None = Field(None, description="Porteurs ou pilotes, partenaires, opérateurs.")
    role_coordination: list[Element] = Field(default_factory=list, description="Rôle de la coordination du CLS.")
    financements: list[Financement] = Field(default_factory=list, description="Financements de la fiche.")
    budget: list[LigneBudget] = Field(
        default_factory=list,
        description="Budget annuel : par année, financeur, type (investissement, fonctionnement) et unité "
        "(euros, etp), le prévu et le réalisé.",
    )
    moyens: list[str] = Field(default_factory=list, description="Moyens mobilisables (au niveau de la fiche).")
    declinaisons: list[Declinaison] = Field(default_factory=list, description="Déclinaisons opérationnelles.")
    etapes: list[Element] = Field(default_factory=list, description="« Description de l'action : les étapes ».")
    partenaires_operationnels: list[str] = Field(
        default_factory=list, description="Partenaires opérationnels de l'action (fiches à étapes)."
    )
    calendrier: Calendrier = Field(default_factory=list, description="Calendrier de la fiche.")
    renouvellement: str | None = Field(
        None,
        description="Ce que la fiche écrit de la répétition de l'action (« Action renouvelée chaque année. »), "
        "à côté des entrées recurrent: true.",
    )
    public_vise: PublicVise | None = Field(None, description="Public visé : tranches d'âge, professionnels, autre.")
    territoire: TerritoireIntervention | None = Field(
        None, description="Territoire d'intervention : commune, quartiers, QPV."
    )
    participation_citoyenne: Participation | None = Field(
        None, description="L'action prévoit-elle la participation des habitants ? (reponse, natures)"
    )
    acces_information_droits: AccesInformation | None = Field(
        None, description="L'action contribue-t-elle à l'accès à l'information et aux droits ? (reponse, natures)"
    )
    indicateurs: list[Indicateur] = Field(default_factory=list, description="Indicateurs d'évaluation.")
    determinants: Determinants | None = Field(None, description="Déterminants de santé visés (grille de cases à cocher).")
    transitions: dict[str, str] = Field(
        default_factory=dict, description="Contribution aux transitions du contrat : lentille → texte."
    )
    notes: list[str] = Field(default_factory=list, description="Notes libres (ex. : cellules importées sans équivalent).")
    referentiel: list[TexteNonVide] = Field(
        default_factory=list,
        description="Codes d'objectifs du référentiel régional (referentiel.yaml au-dessus des territoires).",
    )
    champs: dict[str, Union[Nombre, str, list[str]]] = Field(
        default_factory=dict,
        description="Valeurs des champs propres au contrat (déclarés sous champs dans contrat.yaml), par clé.",
    )
    suivi: Annotated[dict[Annee, SuiviAnnee], BeforeValidator(_year_keys)] = Field(
        default_factory=dict, description="Suivi annuel, par année."
    )
