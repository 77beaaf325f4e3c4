"""What the report templates receive: the report as plain values, with French field names.

These dataclasses are the API of ``--templates``: a template reads ``r`` (a :class:`Report`)
and the views it holds. ``docs/rapport.md`` lists every field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from markupsafe import Markup

from clstool.model.vocabulary import (
    titre as label,
)
from clstool.report import charts


@dataclass(frozen=True)
class Status:
    code: str
    libelle: str
    pastille: Markup  #: a small square in the status's colour and pattern (HTML only)


def status(code: str) -> Status:
    return Status(code, label(code), charts.swatch(code))


@dataclass
class Count:
    statut: Status
    nombre: int


@dataclass
class SubAxisView:
    """A sub-axis (contrat.yaml: ``axes[].sous_axes``) and the fiches that name it."""

    id: str
    titre: str
    fiches: list[FicheView] = field(default_factory=list)


@dataclass
class AxisView:
    id: str
    titre: str
    sous_titre: str | None
    effectifs: list[Count]  #: only the statuses present
    total: int
    fiches: list[FicheView] = field(default_factory=list)
    gantt: Markup = Markup("")
    #: its sub-axes, in contract order (empty: the axis has none); its fiches without a known
    #: sub-axis are in :attr:`hors_sous_axe`
    sous_axes: list[SubAxisView] = field(default_factory=list)
    hors_sous_axe: list[FicheView] = field(default_factory=list)


@dataclass
class BudgetRow:
    """One row of the budget table: amounts in French (« 12 000 € », « 1,5 »), « — » when absent."""

    niveau: str  #: axe, sous_axe, fiche, financeur or total
    id: str
    titre: str
    prevu: str  #: euros planned
    realise: str  #: euros executed
    taux: str  #: executed / planned, in % (« — » without a planned amount)
    prevu_etp: str
    realise_etp: str

    @property
    def resume(self) -> str:
        """In one phrase: « prévu 12 000 €, réalisé 9 500 € (79,2 %) ; ETP : prévu 0,5, réalisé 0,4 »."""
        text = f"prévu {self.prevu}, réalisé {self.realise}" + (f" ({self.taux})" if self.taux != "—" else "")
        if self.prevu_etp != "—" or self.realise_etp != "—":
            text += f" ; ETP : prévu {self.prevu_etp}, réalisé {self.realise_etp}"
        return text


@dataclass
class BudgetSection:
    """The year's budget of the fiches (their lines and their déclinaisons'), planned against executed."""

    annee: int
    lignes: list[BudgetRow]  #: per axis, then its sub-axes, then its fiches with a budget that year
    financeurs: list[BudgetRow]  #: per financeur (« non précisé » for lines without one)
    total: BudgetRow
    etp: bool  #: some line is in ETP: show those columns


@dataclass
class Meeting:
    date: str
    objet: str | None


@dataclass
class InstanceView:
    nom: str
    minimum: int | None
    tenues: list[Meeting]
    prevues: list[Meeting]
    statut: Status
    renseigne: bool  #: whether contrat.yaml records any meeting of this body at all
    note: str


@dataclass
class CalendarRow:
    fiche: str
    declinaison: str | None  #: its title; None for the fiche's own calendar
    declinaison_ref: str | None  #: its number (« 2 ») or id
    periode: str  #: as written
    jalon: str | None
    debut: dt.date | None  #: None when the period could not be read
    fin: dt.date | None
    lu: bool  #: whether the period could be read
    statut: Status  #: computed status of the fiche or déclinaison (clstool status)
    prevu: str  #: planned status of the entry (« à venir », « échéance passée »…)
    source: str  #: « prévu » or « ajusté en 2024 »
    remplace: bool = False  #: a planned entry replaced by an adjusted calendar (no longer in force)


@dataclass
class CalendarEntry:
    periode: str
    jalon: str | None


@dataclass
class DeclinaisonView:
    ref: str
    titre: str
    statut: Status
    motif: str
    declare: Status | None
    avancement: str
    avancement_pct: int | None
    commentaire: str | None
    calendrier: list[CalendarEntry]
    calendrier_ajuste: list[CalendarEntry] = field(default_factory=list)  #: as written in the follow-up
    calendrier_ajuste_annee: int | None = None  #: the follow-up year that wrote it
    calendrier_ajuste_lu: bool = True  #: False: no period of it could be read (the planned calendar applies)


@dataclass
class IndicatorView:
    id: str
    libelle: str
    type: str
    unite: str
    sens: str
    qualitatif: bool
    reference: str
    cible: str
    valeur: str
    appreciation: str | None
    commentaire: str | None
    statut: Status


@dataclass
class CustomFieldView:
    """A custom field of the contract (``champs``) as a fiche gives it."""

    libelle: str  #: the label declared in contrat.yaml
    valeur: str  #: formatted: French number with its unit, French date, list joined with « ; »


@dataclass
class FicheView:
    id: str
    ancre: str
    titre: str
    sous_titre: str | None
    axe: str
    axe_titre: str
    fichier: str
    statut: Status
    motif: str
    declare: Status | None
    avancement: str
    avancement_pct: int | None
    a_un_suivi: bool
    calendrier_source: str
    calendrier_dates: str
    porteurs: list[str]
    partenaires: list[str]
    realisations: list[str]
    difficultes: list[str]
    commentaire: str | None
    calendrier_prevu: list[CalendarEntry]
    calendrier_ajuste: list[CalendarEntry]
    calendrier_ajuste_annee: int | None
    calendrier_ajuste_lu: bool  #: False: no period of the adjusted calendar could be read
    declinaisons: list[DeclinaisonView]
    indicateurs: list[IndicatorView]
    graphique_indicateurs: Markup
    transitions: list[tuple[str, str | None]]  #: (lens label, text or None) for every lens of the contract
    evolution: list[str]
    titre_seul: bool = False  #: the file holds an id, an axis and a title only (listed in a table, not a page)
    champs: list[CustomFieldView] = field(default_factory=list)  #: the contract's custom fields the fiche fills in
    alerte: str | None = None  #: « Fiche incomplète : ligne 5, colonne 3 : … » when its file has errors
    sous_axe: str | None = None  #: its sub-axis (contrat.yaml: axes[].sous_axes), if it names one
    renouvellement: str | None = None  #: how the action recurs, as the form writes it (« Action renouvelée chaque année. »)
    sous_axe_titre: str | None = None
    budget: BudgetRow | None = None  #: the year's budget of the fiche; None without a line that year


@dataclass
class CoverageRow:
    """One row of a cross-cutting table: a category and the fiches that tick it."""

    groupe: str
    libelle: str
    fiches: list[str]

    @property
    def nombre(self) -> int:
        return len(self.fiches)


@dataclass
class PartnerRow:
    nom: str
    roles: dict[str, str]  #: fiche id → role letters (P porteur/pilote, A partenaire, O opérateur,
    #: D partenaire d'une déclinaison, F financeur)

    @property
    def nombre(self) -> int:
        return len(self.roles)


@dataclass
class TransitionView:
    code: str
    libelle: str
    definition: str
    fiches: list[tuple[str, str]]  #: (fiche id, text)


@dataclass
class Finding:
    fichier: str
    ligne: int
    colonne: int
    severite: str
    code: str
    message: str


@dataclass
class KeyFigure:
    valeur: str
    libelle: str


@dataclass
class HeldMeeting:
    instance: str
    date: str  #: in French (« 20 juin 2024 »)
    objet: str | None
    participants: list[str]


@dataclass
class Spending:
    poste: str
    montant: str  #: in French, with the euro sign (« 45 000 € »)
    financeur: str | None
    fiche: str | None
    precision: str | None


@dataclass
class BilanView:
    """The coordinator's yearly file (``bilans/<année>.yaml``), as written."""

    fichier: str  #: « bilans/2024.yaml »
    synthese: list[str]  #: the year's synthesis, one text per paragraph (empty: not written)
    faits_marquants: list[str]
    difficultes: list[str]
    perspectives: list[str]
    points_de_vigilance: list[str]
    decisions_attendues: list[str]
    reunions: list[HeldMeeting]
    budget: list[Spending]
    budget_total: str | None  #: the sum, in French; None without any spending


@dataclass
class Report:
    annee: int
    date_reference: dt.date
    date_reference_texte: str
    date_reference_aujourdhui: bool
    annee_precedente: int
    version: str
    territoire: str
    intitule: str
    periode: str
    signataires: list[str]
    selection: str | None  #: what --fiche / --axe kept, in French; None for the whole contract
    ordre_statuts: list[Status]  #: every status, in display order
    statuts_presents: list[Status]  #: the statuses of at least one fiche kept
    chiffres_cles: list[KeyFigure]
    definition_suivi: str  #: what « avec un suivi » means in the key figures, in one French sentence
    gouvernance: list[InstanceView]
    axes: list[AxisView]
    graphique_axes: Markup
    calendrier: list[CalendarRow]
    mermaid: str
    fiches: list[FicheView]
    ids_fiches: list[str]
    partenaires_partages: list[PartnerRow]
    partenaires_uniques: list[PartnerRow]
    ages: list[CoverageRow]
    professionnels: list[CoverageRow]
    publics_autres: list[tuple[str, str]]
    publics_non_renseignes: list[str]
    determinants: list[CoverageRow]
    determinants_non_renseignes: list[str]
    transitions: list[TransitionView]
    transitions_non_renseignees: list[str]
    qualite_resume: str
    qualite: list[Finding]
    fichiers_ignores: list[str]
    inconnus: list[str]  #: what the report cannot say, in French sentences
    motifs_svg: Markup
    bilan: BilanView | None = None  #: bilans/<année>.yaml; None when absent or unreadable
    bilan_absent: str = ""  #: when ``bilan`` is None: why, in French (never filled in)
    synthese: bool = False  #: the committee version (``--synthese``): the templates leave out the detail
    fiches_a_suivre: list[FicheView] = field(default_factory=list)  #: late or blocked fiches
    fiches_titre_seul: list[FicheView] = field(default_factory=list)  #: fiches known by their title only
    #: the files read with errors that no fiche section shows (contract, unreadable fiches), also in ``inconnus``
    alertes: list[str] = field(default_factory=list)
    indicateurs_cibles: list[tuple[FicheView, IndicatorView]] = field(default_factory=list)  #: indicators with a target
    budget: BudgetSection | None = None  #: the fiches' budget of the year; None without any line that year
    pages: dict[str, int] = field(default_factory=dict)  #: PDF only: anchor → page number, for the table of contents
    #: the label of the form the fiches follow (contrat.yaml: formulaire; model/profiles.py)
    formulaire: str = ""
    #: False when that form has no « public visé » / no grid of determinants: the table is not drawn
    #: and the report says why, rather than listing every fiche as « non renseigné »
    montre_publics: bool = True
    montre_determinants: bool = True
