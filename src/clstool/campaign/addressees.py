"""Who answers for which fiche: one addressee per workbook, never two people for one fiche.

- A fiche listed in the ``fiches`` of a contact of ``contrat.yaml`` goes to that contact.
- Otherwise its addressee is its first carrier (``portage.porteurs``, else ``portage.pilotes``),
  named by the contact whose ``organisation`` is that carrier (case, accents, spaces ignored;
  the ``alias_partenaires`` of the contract count); a carrier without a contact is an addressee
  without a name nor an e-mail address.
- A fiche without any carrier goes to « Coordination du CLS ».

``--par porteur`` (the default) gives one workbook per addressee, ``--par fiche`` one per fiche
(each still sent to its addressee), ``--par axe`` one per axis (sent to nobody: the
coordinator forwards it).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from clstool.errors import InputError
from clstool.lint.rules._common import fold
from clstool.model.contrat import Contact, Contrat
from clstool.model.documents import Fiche

NO_CARRIER = "Coordination du CLS"
GROUPINGS = ("porteur", "fiche", "axe")


@dataclass
class Addressee:
    """One workbook: who gets it and which fiches it holds."""

    key: str  #: file name without extension
    label: str  #: organisation (or axis, or fiche) shown in the workbook
    contact: Contact | None = None
    fiches: list[Fiche] = field(default_factory=list)

    @property
    def email(self) -> str | None:
        return self.contact.courriel if self.contact else None

    @property
    def person(self) -> str | None:
        return self.contact.nom if self.contact else None


def slug(text: str, limit: int = 60) -> str:
    """A file name from a label: ASCII letters, digits and dashes."""
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", bare).strip("-")[:limit].rstrip("-") or "destinataire"


def carrier(fiche: Fiche) -> str | None:
    """The fiche's first carrier (porteur, else pilote), or None."""
    if fiche.portage is None:
        return None
    for name in [*fiche.portage.porteurs, *fiche.portage.pilotes]:
        if name.strip():
            return name.strip()
    return None


class Directory:
    """The contacts of a contract, checked: a fiche assigned by hand to one contact only."""

    def __init__(self, contrat: Contrat | None, fiche_ids: set[str]):
        self.contacts = list(contrat.contacts) if contrat else []
        aliases = contrat.alias_partenaires if contrat else {}
        self._canonical = {fold(alt): fold(name) for name, alts in aliases.items() for alt in alts}
        self._by_org: dict[str, Contact] = {}
        self.assigned: dict[str, Contact] = {}
        problems = []
        for contact in self.contacts:
            self._by_org.setdefault(self._key(contact.organisation), contact)
            for fiche_id in contact.fiches:
                other = self.assigned.get(fiche_id)
                if other is not None and other is not contact:
                    problems.append(f"la fiche {fiche_id} est attribuée à deux contacts "
                                    f"(« {_who(other)} » et « {_who(contact)} ») : gardez-en un seul")
                elif fiche_id not in fiche_ids:
                    problems.append(f"le contact « {_who(contact)} » répond de la fiche {fiche_id}, "
                                    f"qui n'existe pas")
                self.assigned[fiche_id] = contact
        if problems:
            raise InputError("contacts de contrat.yaml : " + " ; ".join(problems))

    def _key(self, organisation: str) -> str:
        key = fold(organisation)
        return self._canonical.get(key, key)

    def of(self, organisation: str) -> Contact | None:
        return self._by_org.get(self._key(organisation))

    @property
    def sender(self) -> Contact | None:
        return next((c for c in self.contacts if c.coordination and c.courriel), None)


def _who(contact: Contact) -> str:
    return f"{contact.nom} ({contact.organisation})" if contact.nom else contact.organisation


def addressee_of(fiche: Fiche, directory: Directory) -> tuple[str, Contact | None]:
    """(organisation label, contact) of the one who answers for ``fiche``."""
    contact = directory.assigned.get(fiche.id)
    if contact is not None:
        return contact.organisation, contact
    name = carrier(fiche) or NO_CARRIER
    return name, directory.of(name)


def group(fiches: list[Fiche], contrat: Contrat | None, by: str = "porteur") -> list[Addressee]:
    """The workbooks to prepare, in a stable order, each fiche in exactly one."""
    if by not in GROUPINGS:
        raise InputError(f"regroupement « {by} » inconnu : attendu {', '.join(GROUPINGS)}")
    directory = Directory(contrat, {f.id for f in fiches})
    out: dict[str, Addressee] = {}
    for fiche in fiches:
        organisation, contact = addressee_of(fiche, directory)
        if by == "fiche":
            group_key, label = fiche.id, f"Fiche {fiche.id} ({organisation})"
            key = f"fiche-{slug(fiche.id)}"
        elif by == "axe":
            group_key, label, contact = fiche.axe, f"Axe {fiche.axe}", None
            key = f"axe-{slug(fiche.axe)}"
        else:
            who = contact.nom if contact and contact.nom else None
            label = f"{who} ({organisation})" if who else organisation
            group_key, key = fold(label), slug(label)
        entry = out.setdefault(group_key, Addressee(key, label, contact))
        entry.fiches.append(fiche)
    taken: dict[str, int] = {}
    for entry in out.values():  # two labels may give one file name: number them
        n = taken.get(entry.key, 0)
        taken[entry.key] = n + 1
        if n:
            entry.key = f"{entry.key}-{n + 1}"
    return list(out.values())
