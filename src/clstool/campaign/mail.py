"""Ready-to-send e-mail drafts (``.eml``, RFC 5322) with the workbook attached.

The draft is written by Python's :mod:`email` package (policy SMTP: CRLF line ends, encoded
headers); ``X-Unsent: 1`` makes Outlook open it as a message to send, Thunderbird opens it with
« Modifier comme nouveau ». The sender is ``--expediteur`` or the contact of ``contrat.yaml``
marked ``coordination: true``.
"""

from __future__ import annotations

import datetime as dt
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parseaddr

from clstool.campaign.addressees import Addressee
from clstool.errors import InputError

XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def parse_sender(text: str) -> Address:
    """« Camille Martin <camille.martin@ville.fr> » or a bare address."""
    name, address = parseaddr(text)
    if "@" not in address or " " in address:
        raise InputError(f"expéditeur « {text} » invalide : écrivez « Prénom Nom <adresse@domaine.fr> »")
    user, _, domain = address.partition("@")
    return Address(display_name=name, username=user, domain=domain)


def _address(name: str | None, email: str) -> Address:
    user, _, domain = email.partition("@")
    return Address(display_name=name or "", username=user, domain=domain)


def body(addressee: Addressee, year: int, territoire: str, deadline: str | None, reminder: bool) -> str:
    hello = f"Bonjour {addressee.person}," if addressee.person else "Bonjour,"
    fiches = ", ".join(f"{f.id} ({f.titre})" for f in addressee.fiches)
    when = f" avant le {deadline}" if deadline else ""
    first = (f"Sauf erreur, nous n'avons pas encore reçu votre suivi {year}. Nous vous le renvoyons "
             "au cas où le premier message se serait perdu.\n\n") if reminder else ""
    return (
        f"{hello}\n\n{first}"
        f"Dans le cadre du suivi annuel du Contrat Local de Santé ({territoire}), vous trouverez "
        f"ci-joint le classeur de suivi {year} des actions que vous portez : {fiches}.\n\n"
        "Merci de remplir les cellules jaunes (statut, avancement, réalisations, difficultés, "
        "indicateurs ; l'onglet « Mode d'emploi » explique tout), puis de nous renvoyer le "
        f"classeur enregistré au format .xlsx en réponse à ce message{when}.\n\n"
        "Vos réponses seront reprises telles quelles dans le bilan annuel : rien ne sera ressaisi.\n\n"
        "Bien cordialement,\nLa coordination du Contrat Local de Santé\n")


def draft(addressee: Addressee, workbook: bytes, filename: str, sender: Address, year: int,
          territoire: str, deadline: str | None = None, reminder: bool = False,
          now: dt.datetime | None = None) -> bytes:
    """The ``.eml`` bytes of the message to ``addressee`` (who must have an e-mail address)."""
    assert addressee.email, "no e-mail address"
    message = EmailMessage(policy=SMTP)
    subject = f"Suivi {year} du Contrat Local de Santé — {territoire}"
    message["Subject"] = ("Relance : " if reminder else "") + subject
    message["From"] = sender
    message["To"] = _address(addressee.person, addressee.email)
    message["Date"] = format_datetime(now or dt.datetime.now(dt.timezone.utc))
    message["Message-ID"] = make_msgid(domain=sender.domain)
    message["X-Unsent"] = "1"
    message.set_content(body(addressee, year, territoire, deadline, reminder), charset="utf-8")
    message.add_attachment(workbook, maintype=XLSX[0], subtype=XLSX[1], filename=filename)
    return message.as_bytes()
