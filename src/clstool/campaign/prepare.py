"""``clstool campagne preparer``: one workbook per addressee, an index, the e-mail drafts.

Writes in the output folder:

- ``<destinataire>.xlsx``: the workbook of each addressee (:mod:`clstool.campaign.workbook`);
- ``courriels/<destinataire>.eml``: a draft for each addressee with an e-mail address;
- ``index.csv``: who gets which file (UTF-8 with BOM, « ; », CRLF: the project's Excel dialect);
- ``campagne.json``: the same for the machine (``campagne etat`` reads it).

Every file is written atomically.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from clstool.campaign.addressees import Addressee, Directory, group
from clstool.campaign.workbook import Context, build
from clstool.errors import InputError
from clstool.fsutil import atomic_write, reason
from clstool.model.contrat import Contrat
from clstool.model.documents import Fiche
from clstool.model.names import id_key
from clstool.planning.plan import contract_interval
from clstool.sheets.write import write_csv
from clstool.yamlio.load import Territory, load

MANIFEST = "campagne.json"
INDEX = "index.csv"
MAILS = "courriels"


@dataclass
class Loaded:
    territory: Territory
    contrat: Contrat | None
    fiches: list[tuple[Path, Fiche]]
    ignored: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.contrat.territoire if self.contrat else self.territory.root.resolve().name


def load_territory(path: str) -> Loaded:
    """The one territory at ``path``; fiches that do not validate are set aside (named)."""
    project = load([path])
    if len(project.territories) != 1:
        raise InputError(f"{path} : un seul territoire attendu (dossier avec contrat.yaml et fiches/), "
                         f"{len(project.territories)} trouvés")
    territory = project.territories[0]
    contrat = territory.contrat.model if territory.contrat else None
    if territory.contrat is not None and not isinstance(contrat, Contrat):
        raise InputError(f"{territory.contrat.display} a des erreurs : lancez clstool validate {path}")
    out = Loaded(territory, contrat, [])
    for source in territory.fiches:
        if isinstance(source.model, Fiche):
            out.fiches.append((source.path, source.model))
        else:
            out.ignored.append(source.display)
    out.fiches.sort(key=lambda pair: id_key(pair[1].id))
    return out


def index_csv(rows: list[list[str]]) -> bytes:
    """The index of who gets which file, in clstool's one CSV dialect (first row: headers)."""
    return write_csv(rows[0], rows[1:])


@dataclass
class Prepared:
    addressees: list[Addressee]
    files: list[Path]
    without_email: list[str]
    ignored: list[str]
    no_sender: bool = False


def prepare(territoire: str, year: int, out_dir: str, by: str = "porteur", sender: str | None = None,
            deadline: str | None = None) -> Prepared:
    from clstool.campaign.mail import draft, parse_sender

    loaded = load_territory(territoire)
    if not loaded.fiches:
        raise InputError(f"{territoire} : aucune fiche valide")
    folder = Path(out_dir)
    try:
        (folder / MAILS).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"impossible de créer le dossier {out_dir} : {reason(exc)}") from None
    addressees = group([f for _, f in loaded.fiches], loaded.contrat, by)
    ctx = Context(loaded.name, year, contract_interval(loaded.contrat))

    directory = Directory(loaded.contrat, {f.id for _, f in loaded.fiches})
    from_ = parse_sender(sender) if sender else None
    if from_ is None and directory.sender is not None:
        who = directory.sender
        from_ = parse_sender(f"{who.nom or ''} <{who.courriel}>")
    now = dt.datetime.now(dt.timezone.utc)
    result = Prepared(addressees, [], [], loaded.ignored, no_sender=from_ is None)
    rows = [["Destinataire", "Personne", "Courriel", "Classeur", "Brouillon de courriel", "Fiches"]]
    entries = []
    for addressee in addressees:
        name = f"{addressee.key}.xlsx"
        data = build(addressee, ctx)
        atomic_write(folder / name, data, durable=False)  # regenerated at will: no flush to disk
        result.files.append(folder / name)
        mail = ""
        if addressee.email and from_ is not None:
            mail = f"{MAILS}/{addressee.key}.eml"
            atomic_write(folder / mail, draft(addressee, data, name, from_, year, ctx.territoire, deadline,
                                              now=now), durable=False)
            result.files.append(folder / mail)
        elif not addressee.email:
            result.without_email.append(addressee.label)
        fiches = [f.id for f in addressee.fiches]
        rows.append([addressee.label, addressee.person or "", addressee.email or "", name, mail, ", ".join(fiches)])
        entries.append({"cle": addressee.key, "destinataire": addressee.label, "personne": addressee.person,
                        "courriel": addressee.email, "classeur": name, "brouillon": mail or None,
                        "fiches": fiches})
    atomic_write(folder / INDEX, index_csv(rows))
    manifest = {"format": "clstool-campagne-1", "territoire": ctx.territoire,
                "dossier_territoire": str(loaded.territory.root.resolve()), "annee": year, "par": by,
                "prepare_le": now.date().isoformat(), "expediteur": str(from_) if from_ else None,
                "echeance": deadline, "destinataires": entries}
    atomic_write(folder / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    result.files += [folder / INDEX, folder / MANIFEST]
    return result
