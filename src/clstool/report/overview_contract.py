"""What the overview keeps of one contract: a small summary, computed then the trees dropped.

:func:`summarize` loads one territory, computes its statuses for the year
(:func:`clstool.planning.status.compute`, as ``clstool status`` does) and keeps only counts,
names and the words the similarity compares. The overview of a region or of the whole country
holds these summaries, never the YAML trees: memory stays flat, and worker processes can make
them in parallel (a summary is small and picklable).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from clstool.lint.reading import check_territory
from clstool.model.contrat import Contrat
from clstool.model.diagnostic import Diagnostic
from clstool.model.documents import Fiche, flatten, territoire_coche
from clstool.model.names import comparison_key, partner_names
from clstool.model.vocabulary import DETERMINANTS, STATUTS
from clstool.planning.status import compute
from clstool.report.similarity import Doc, doc
from clstool.yamlio import referentiel as regional
from clstool.yamlio.load import Project, Territory, load_file


@dataclass
class Governance:
    nom: str
    minimum: int | None
    tenues: int
    statut: str  #: atteint, en_cours, non_atteint, sans_minimum
    renseigne: bool  #: whether contrat.yaml records any meeting of this body


@dataclass
class ContractSummary:
    dossier: str
    territoire: str
    intitule: str | None = None  #: None: no readable contrat.yaml
    debut: dt.date | None = None
    fin: dt.date | None = None
    fiches: int = 0
    statuts: dict[str, int] = field(default_factory=dict)
    avec_suivi: int = 0  #: fiches with a ``suivi`` for the year
    gouvernance: list[Governance] = field(default_factory=list)
    determinants: Counter = field(default_factory=Counter)  #: "famille.code" → fiches
    ages: Counter = field(default_factory=Counter)
    professionnels: Counter = field(default_factory=Counter)
    qpv: int = 0  #: fiches whose territory of intervention names QPV
    quartiers: int = 0
    participation: int = 0  #: fiches with citizen participation « oui »
    partenaires: dict[str, str] = field(default_factory=dict)  #: comparison key → name shown
    budget: float = 0.0
    fiches_avec_montant: int = 0
    financeurs: dict[str, tuple[str, float]] = field(default_factory=dict)  #: key → (name, amount)
    referentiel: str | None = None  #: title of the référentiel that applies
    codes: Counter = field(default_factory=Counter)  #: référentiel code → fiches
    sans_code: int = 0
    libelles: dict[str, str] = field(default_factory=dict)  #: référentiel code → label
    ignores: list[str] = field(default_factory=list)
    docs: list[Doc] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  #: what clstool validate says of its files
    erreurs: list[str] = field(default_factory=list)  #: « file — Fiche incomplète : ligne 5… »

    @property
    def lisible(self) -> bool:
        return self.intitule is not None


def _amounts(fiche: Fiche) -> list[tuple[str | None, float]]:
    out = [(f.financeur, float(f.montant)) for f in fiche.financements if f.montant is not None]
    for d in fiche.declinaisons:
        out += [(f.financeur, float(f.montant)) for f in d.financements if f.montant is not None]
    return out


def summarize(territory: Territory, year: int, as_of: dt.date) -> ContractSummary:
    """Load ``territory``, summarise it for ``year``, and drop its trees."""
    for source in territory.files:
        load_file(source)
    try:
        found = check_territory(territory)  # the rule of every reading command (clstool.lint.reading)
        out = _summarize(territory, year, as_of)
        out.diagnostics = found
        out.erreurs = [f.alert_for(f.display) for f in territory.files if f.alert and not f.reference_only]  # type: ignore[misc]
        return out
    finally:
        territory.forget()


def _summarize(territory: Territory, year: int, as_of: dt.date) -> ContractSummary:
    contrat = territory.contrat.usable if territory.contrat else None
    contrat = contrat if isinstance(contrat, Contrat) else None
    report = compute(Project([territory]), year, as_of)
    name = contrat.territoire if contrat else territory.display
    out = ContractSummary(territory.display, name, ignores=list(report.ignores))
    if territory.contrat is None:
        out.ignores.append(f"{territory.display}/contrat.yaml (absent)")
    if contrat:
        out.intitule = contrat.intitule
        out.debut, out.fin = contrat.periode.debut_date(), contrat.periode.fin_date()
        recorded = {i.id: bool(i.reunions) for i in contrat.gouvernance}
        out.gouvernance = [Governance(g.nom, g.minimum, len(g.reunions), g.statut, recorded.get(g.id, False))
                           for g in report.gouvernance]
    out.statuts = {s: 0 for s in STATUTS}
    for st in report.fiches:
        out.statuts[st.statut] = out.statuts.get(st.statut, 0) + 1
    out.fiches = len(report.fiches)
    aliases = {comparison_key(spelling): canonical for canonical, spellings in
               (contrat.alias_partenaires.items() if contrat else ()) for spelling in (canonical, *spellings)}
    ref_model, ref_path = regional.for_folder(territory.root) if any(
        isinstance(f.usable, Fiche) and f.usable.referentiel for f in territory.fiches) else (None, None)
    if ref_model is not None:
        out.referentiel, out.libelles = ref_model.intitule, ref_model.libelles
    for source in territory.fiches:
        fiche = source.usable
        if not isinstance(fiche, Fiche):
            continue
        _fiche(out, fiche, year, aliases)
    return out


def _fiche(out: ContractSummary, fiche: Fiche, year: int, aliases: dict[str, str]) -> None:
    if year in fiche.suivi:
        out.avec_suivi += 1
    if fiche.determinants:
        for family in DETERMINANTS:
            for code in getattr(fiche.determinants, family):
                out.determinants[f"{family}.{code}"] += 1
    if fiche.public_vise:
        out.ages.update(fiche.public_vise.ages)
        out.professionnels.update(fiche.public_vise.professionnels)
    if fiche.territoire:
        out.qpv += territoire_coche(fiche.territoire.qpv)
        out.quartiers += territoire_coche(fiche.territoire.quartiers)
    if fiche.participation_citoyenne and fiche.participation_citoyenne.reponse == "oui":
        out.participation += 1
    for _, raw in partner_names(fiche):
        key = comparison_key(raw)
        if key:
            shown = aliases.get(key, " ".join(raw.split()))
            out.partenaires.setdefault(comparison_key(shown), shown)
    amounts = _amounts(fiche)
    if amounts:
        out.fiches_avec_montant += 1
    for funder, amount in amounts:
        out.budget += amount
        shown = aliases.get(comparison_key(funder), " ".join(funder.split())) if funder else "Financeur non précisé"
        key = comparison_key(shown)
        before = out.financeurs.get(key, (shown, 0.0))
        out.financeurs[key] = (before[0], before[1] + amount)
    if fiche.referentiel:
        out.codes.update(dict.fromkeys(fiche.referentiel, 1))
    else:
        out.sans_code += 1
    objectives = flatten(fiche.objectifs.generaux) if fiche.objectifs else []
    out.docs.append(doc(out.territoire, out.dossier, fiche.id, fiche.titre, fiche.sous_titre, objectives))
