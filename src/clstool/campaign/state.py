"""``clstool campagne etat``: who has answered, what is still empty, whom to remind.

Reads the campaign folder's ``campagne.json`` (written by ``preparer``) and the fiches as they
are now. A fiche *has answered* when its ``suivi`` for the year holds a status; what is still
empty is listed per fiche (status, avancement, réalisations, déclinaisons without a status,
indicators without a value or an appreciation). An addressee is ``repondu`` when all its fiches
have answered, ``partiel`` when some have, ``a_relancer`` otherwise (with the e-mail draft to
send again; ``--relances`` writes a reminder draft beside it).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from clstool.campaign.prepare import MAILS, MANIFEST, load_territory
from clstool.campaign.read import LIMITS
from clstool.errors import InputError
from clstool.fsutil import FileTooLarge, NotRegularFile, os_error_message, read_bounded, reason
from clstool.model.documents import Fiche, MesureIndicateur
from clstool.sheets.write import write_csv

ETATS = {"repondu": "a répondu", "partiel": "réponse partielle", "a_relancer": "à relancer"}


@dataclass
class FicheState:
    fiche: str
    repondu: bool
    manquant: list[str]


@dataclass
class AddresseeState:
    destinataire: str
    courriel: str | None
    classeur: str
    etat: str
    brouillon: str | None
    relance: str | None = None
    fiches: list[FicheState] = field(default_factory=list)


def missing(fiche: Fiche, year: int) -> list[str]:
    suivi = fiche.suivi.get(year)
    if suivi is None:
        return ["tout"]
    out = [name for name, empty in (("statut", suivi.statut is None), ("avancement", suivi.avancement is None),
                                    ("réalisations", not suivi.realisations)) if empty]
    for index, declinaison in enumerate(fiche.declinaisons):
        refs = {str(index + 1), declinaison.id or str(index + 1)}
        if not any(suivi.declinaisons.get(r) and suivi.declinaisons[r].statut for r in refs):
            out.append(f"statut de la déclinaison {index + 1}")
    for indicator in fiche.indicateurs:
        value = suivi.indicateurs.get(indicator.id)
        if value is None or (isinstance(value, MesureIndicateur) and value.valeur is None and not value.appreciation):
            out.append(f"indicateur {indicator.id}")
    return out


#: What ``campagne.json`` may weigh: a campaign of a few hundred addressees is far below.
MAX_MANIFEST_BYTES = 5 * 1024 * 1024
#: Each addressee's keys and what they hold (``None``: may be null), as ``preparer`` writes them.
_ENTRY = {"cle": str, "destinataire": str, "classeur": str, "fiches": list,
          "courriel": (str, type(None)), "brouillon": (str, type(None)), "personne": (str, type(None))}


def read_manifest(folder: str) -> dict:
    """``campagne.json``, checked: a file edited by hand or damaged gets a French message saying
    what is wrong, never a failure further on."""
    path = Path(folder) / MANIFEST
    try:
        raw = read_bounded(path, MAX_MANIFEST_BYTES)
    except FileNotFoundError:
        raise InputError(f"{path} introuvable : ce dossier n'a pas été préparé par clstool campagne preparer") from None
    except NotRegularFile as exc:
        raise InputError(str(exc)) from None
    except FileTooLarge as exc:
        raise InputError(f"{path} : {exc}") from None
    except OSError as exc:
        raise InputError(f"{path} illisible ({reason(exc)})") from None
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{path} illisible ({exc})") from None
    problem = _manifest_problem(manifest)
    if problem:
        raise InputError(f"{path} abîmé : {problem} ; refaites-le avec clstool campagne preparer (les "
                         "classeurs déjà envoyés pourront toujours être importés)")
    return manifest


def _manifest_problem(manifest: object) -> str | None:
    """What makes ``manifest`` unusable, in French; None when it is as ``preparer`` writes it."""
    if not isinstance(manifest, dict):
        return "un objet JSON est attendu"
    annee = manifest.get("annee")
    if not isinstance(annee, int) or isinstance(annee, bool):
        return "« annee » absente ou qui n'est pas une année"
    for key in ("dossier_territoire", "territoire"):
        if not isinstance(manifest.get(key), str):
            return f"« {key} » absent ou qui n'est pas un texte"
    for key in ("expediteur", "echeance"):
        if not isinstance(manifest.get(key), (str, type(None))):
            return f"« {key} » n'est pas un texte"
    entries = manifest.get("destinataires")
    if not isinstance(entries, list):
        return "« destinataires » absent ou qui n'est pas une liste"
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            return f"destinataire n° {number} : un objet JSON est attendu"
        for key, kind in _ENTRY.items():
            if not isinstance(entry.get(key), kind):
                return f"destinataire n° {number} : « {key} » absent ou d'un autre type"
        if not all(isinstance(f, str) for f in entry["fiches"]):
            return f"destinataire n° {number} : « fiches » doit être une liste d'identifiants"
        for key in ("cle", "classeur"):  # names of files of the campaign folder, never a path
            if not entry[key] or Path(entry[key]).name != entry[key] or entry[key] in (".", ".."):
                return f"destinataire n° {number} : « {key} » doit être un nom de fichier du dossier de campagne"
    return None


def campaign_state(folder: str, territoire: str | None = None, reminders: bool = False) -> list[AddresseeState]:
    manifest = read_manifest(folder)
    year = int(manifest["annee"])
    loaded = load_territory(territoire or manifest["dossier_territoire"])
    fiches = {f.id: f for _, f in loaded.fiches}
    out = []
    for entry in manifest["destinataires"]:
        states = []
        for fiche_id in entry["fiches"]:
            fiche = fiches.get(fiche_id)
            gaps = missing(fiche, year) if fiche else ["fiche absente ou en erreur"]
            answered = fiche is not None and fiche.suivi.get(year) is not None and fiche.suivi[year].statut is not None
            states.append(FicheState(fiche_id, answered, gaps))
        done = sum(s.repondu for s in states)
        etat = "repondu" if done == len(states) else "partiel" if done else "a_relancer"
        state = AddresseeState(entry["destinataire"], entry.get("courriel"), entry["classeur"], etat,
                               entry.get("brouillon"), fiches=states)
        if reminders and etat != "repondu" and entry.get("courriel") and manifest.get("expediteur"):
            state.relance = _write_reminder(folder, manifest, entry, loaded, fiches)
        out.append(state)
    return out


def _write_reminder(folder: str, manifest: dict, entry: dict, loaded, fiches: dict[str, Fiche]) -> str:
    from clstool.campaign.addressees import Addressee
    from clstool.campaign.mail import draft, parse_sender
    from clstool.fsutil import atomic_write
    from clstool.model.contrat import Contact

    contact = Contact(organisation=entry["destinataire"], nom=entry.get("personne"), courriel=entry["courriel"])
    addressee = Addressee(entry["cle"], entry["destinataire"], contact,
                          [fiches[i] for i in entry["fiches"] if i in fiches])
    path = Path(folder) / entry["classeur"]
    try:
        workbook = read_bounded(path, LIMITS.file_bytes)  # a campaign workbook, as read back
    except OSError as exc:
        raise InputError(f"relance de {entry['destinataire']} : classeur {os_error_message(exc)}") from None
    name = f"{MAILS}/relance-{entry['cle']}.eml"
    atomic_write(Path(folder) / name, draft(addressee, workbook, entry["classeur"],
                                            parse_sender(manifest["expediteur"]), int(manifest["annee"]),
                                            manifest["territoire"], manifest.get("echeance"), reminder=True))
    return name


def to_json(states: list[AddresseeState]) -> str:
    return json.dumps({"version": 1, "destinataires": [asdict(s) for s in states]},
                      ensure_ascii=False, indent=2) + "\n"


def _rows(states: list[AddresseeState]) -> list[list[str]]:
    rows = [["Destinataire", "Courriel", "État", "Fiche", "Répondu", "Encore vide", "Classeur", "Brouillon à renvoyer"]]
    for s in states:
        for f in s.fiches:
            rows.append([s.destinataire, s.courriel or "", ETATS[s.etat], f.fiche, "oui" if f.repondu else "non",
                         ", ".join(f.manquant), s.classeur,
                         (s.relance or s.brouillon or "") if s.etat != "repondu" else ""])
    return rows


def to_csv(states: list[AddresseeState]) -> bytes:
    """The state in clstool's one CSV dialect (first row: headers)."""
    rows = _rows(states)
    return write_csv(rows[0], rows[1:])


def to_table(states: list[AddresseeState]) -> str:
    lines = []
    for s in states:
        answered = sum(f.repondu for f in s.fiches)
        lines.append(f"{s.destinataire} — {ETATS[s.etat]} ({answered}/{len(s.fiches)} fiche(s)) — {s.classeur}")
        for f in s.fiches:
            gaps = "complet" if not f.manquant else "encore vide : " + ", ".join(f.manquant)
            lines.append(f"    fiche {f.fiche} : {gaps}")
    remind = [s for s in states if s.etat != "repondu"]
    lines.append("")
    lines.append(f"À relancer : {len(remind)} destinataire(s) sur {len(states)}.")
    for s in remind:
        how = (f"renvoyer {s.relance or s.brouillon}" if (s.relance or s.brouillon)
               else "pas de brouillon (aucun expéditeur à la préparation) : envoyer le classeur à la main"
               if s.courriel else "pas d'adresse : envoyer le classeur à la main")
        lines.append(f"    {s.destinataire}{' <' + s.courriel + '>' if s.courriel else ''} : {how}")
    return "\n".join(lines) + "\n"
