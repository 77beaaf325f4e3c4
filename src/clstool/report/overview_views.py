"""What the overview templates receive (``overview.html.j2``, ``overview.md.j2``): plain values
with French field names, like :mod:`clstool.report.views` for the report of one contract.
``docs/rapport.md`` (« Vue d'ensemble ») lists them."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from clstool.model.diagnostic import Diagnostic
from clstool.report.similarity import Doc, Pair
from clstool.report.views import Count, KeyFigure


@dataclass
class ContractRow:
    numero: int
    ancre: str
    territoire: str
    dossier: str
    intitule: str  #: « contrat.yaml absent ou illisible » when so
    periode: str
    annee_contrat: str  #: « 4e année sur 6 », « hors période », « non renseignée »
    fiches: int
    effectifs: list[Count]  #: only the statuses present
    avec_suivi: int
    part_suivi: int | None  #: percentage of fiches with a follow-up for the year; None: no fiche
    sans_suivi: bool  #: no fiche has a follow-up for the year: said everywhere, never hidden
    gouvernance: str
    budget: str  #: « 12 000 € (3 fiches) » or « non renseigné »
    lien: str | None  #: relative link to its own report, when written alongside
    commande: str  #: the command that writes its own report
    ignores: list[str] = field(default_factory=list)


@dataclass
class ThemeRow:
    groupe: str
    libelle: str
    fiches: int
    contrats: int


@dataclass
class SharedPartner:
    nom: str
    contrats: list[str]  #: territories

    @property
    def nombre(self) -> int:
        return len(self.contrats)


@dataclass
class FunderRow:
    nom: str
    montant: str
    contrats: int


@dataclass
class ObjectiveRow:
    referentiel: str
    code: str
    libelle: str
    fiches: int
    contrats: int


@dataclass
class SimilarGroup:
    fiches: list[Doc]
    contrats: int


@dataclass
class Overview:
    annee: int
    date_reference_texte: str
    version: str
    titre: str
    chiffres_cles: list[KeyFigure]
    inconnus: list[str]
    contrats: list[ContractRow]
    graphique_statuts: Markup
    graphique_note: str | None
    determinants: list[ThemeRow]
    publics: list[ThemeRow]
    territoires_intervention: list[ThemeRow]
    partenaires_communs: list[SharedPartner]
    partenaires_communs_total: int
    budget_total: str
    financeurs: list[FunderRow]
    contrats_sans_montant: list[str]
    objectifs: list[ObjectiveRow]
    fiches_sans_code: int
    similaires: list[Pair]  #: the best pairs (at most MAX_PAIRS)
    similaires_toutes: list[Pair]  #: every pair above the threshold
    similaires_total: int
    groupes_similaires: list[SimilarGroup]
    seuil_similarite: str
    similarite_note: str | None  #: why the comparison was not made, when so
    fichiers_ignores: list[str]
    motifs_svg: Markup
    diagnostics: list[Diagnostic] = field(default_factory=list)  #: what clstool validate says of the files read
