"""``campagne etat`` reads the campaign folder's ``campagne.json``: a file edited by hand, damaged,
too large or not a file gets a French message naming what is wrong (exit 2), never « Erreur
interne ». Contacts and data are FICTITIOUS (campaign_helpers)."""

from __future__ import annotations

import json
import os

import pytest
from campaign_helpers import cli, prepare, territory


@pytest.fixture
def campaign(tmp_path):
    terr = territory(tmp_path)
    return prepare(terr, tmp_path / "campagne")


def _manifest(folder) -> dict:
    return json.loads((folder / "campagne.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("change, said", [
    (lambda m: [1], "un objet JSON est attendu"),
    (lambda m: {k: v for k, v in m.items() if k != "annee"}, "« annee » absente ou qui n'est pas une année"),
    (lambda m: {**m, "annee": "2025"}, "« annee » absente ou qui n'est pas une année"),
    (lambda m: {**m, "annee": True}, "« annee » absente ou qui n'est pas une année"),
    (lambda m: {**m, "dossier_territoire": None}, "« dossier_territoire » absent ou qui n'est pas un texte"),
    (lambda m: {**m, "expediteur": 3}, "« expediteur » n'est pas un texte"),
    (lambda m: {**m, "destinataires": {}}, "« destinataires » absent ou qui n'est pas une liste"),
    (lambda m: {**m, "destinataires": [7]}, "destinataire n° 1 : un objet JSON est attendu"),
    (lambda m: {**m, "destinataires": [{**m["destinataires"][0], "fiches": "1-1"}]},
     "destinataire n° 1 : « fiches » absent ou d'un autre type"),
    (lambda m: {**m, "destinataires": [m["destinataires"][0], {**m["destinataires"][0], "fiches": [1]}]},
     "destinataire n° 2 : « fiches » doit être une liste d'identifiants"),
    (lambda m: {**m, "destinataires": [{k: v for k, v in m["destinataires"][0].items() if k != "classeur"}]},
     "destinataire n° 1 : « classeur » absent ou d'un autre type"),
])
def test_a_damaged_manifest_is_said_in_french(campaign, change, said):
    (campaign / "campagne.json").write_text(json.dumps(change(_manifest(campaign))), encoding="utf-8")
    code, _, err = cli("campagne", "etat", str(campaign))
    assert code == 2, err
    assert f"campagne.json abîmé : {said} ; refaites-le avec clstool campagne preparer" in err
    assert "Erreur interne" not in err and "Traceback" not in err


def test_not_json_too_large_and_not_a_file(campaign, tmp_path):
    manifest = campaign / "campagne.json"
    manifest.write_bytes(b"\xff\xfe{")
    code, _, err = cli("campagne", "etat", str(campaign))
    assert code == 2 and "campagne.json illisible" in err
    manifest.write_bytes(b" " * (5 * 1024 * 1024 + 1))
    code, _, err = cli("campagne", "etat", str(campaign))
    assert code == 2 and "campagne.json : fichier trop volumineux" in err
    manifest.unlink()
    os.mkfifo(manifest)  # a pipe: reading it would wait for ever
    code, _, err = cli("campagne", "etat", str(campaign))
    assert code == 2 and "n'est pas un fichier ordinaire" in err


def test_an_addressee_with_an_address_but_no_draft_is_told_why(campaign):
    """As prepared without a sender: the addressee has an address, but no draft was written (it
    used to read « pas d'adresse »)."""
    manifest = _manifest(campaign)
    for entry in manifest["destinataires"]:
        entry["brouillon"] = None
    (campaign / "campagne.json").write_text(json.dumps(manifest), encoding="utf-8")
    code, table, _ = cli("campagne", "etat", str(campaign))
    assert code == 0
    camille = next(line for line in table.splitlines() if "<camille.exemple@example.invalid>" in line)
    assert camille.endswith(": pas de brouillon (aucun expéditeur à la préparation) : envoyer le classeur à la main")
    assert table.count("pas d'adresse") == sum(1 for e in manifest["destinataires"] if not e["courriel"])


@pytest.mark.parametrize("key, value", [("classeur", "../../secret.xlsx"), ("classeur", ".."), ("cle", "a/b")])
def test_file_names_of_the_manifest_stay_in_the_campaign_folder(campaign, key, value):
    manifest = _manifest(campaign)
    manifest["destinataires"][0][key] = value
    (campaign / "campagne.json").write_text(json.dumps(manifest), encoding="utf-8")
    code, _, err = cli("campagne", "etat", str(campaign))
    assert code == 2 and f"« {key} » doit être un nom de fichier du dossier de campagne" in err


def test_a_reminder_whose_workbook_is_gone_is_said(campaign):
    manifest = _manifest(campaign)
    manifest["expediteur"] = "Alex Coordination <alex.coordination@example.invalid>"
    (campaign / "campagne.json").write_text(json.dumps(manifest), encoding="utf-8")
    camille = next(e for e in manifest["destinataires"] if e["courriel"])
    (campaign / camille["classeur"]).unlink()
    code, _, err = cli("campagne", "etat", str(campaign), "--relances")
    assert code == 2 and f"classeur {campaign / camille['classeur']} : fichier ou dossier introuvable" in err
    assert "Erreur interne" not in err


def test_an_output_folder_that_cannot_be_made_is_said_in_french(tmp_path):
    terr = territory(tmp_path)
    blocker = tmp_path / "fichier"
    blocker.write_text("", encoding="utf-8")
    code, _, err = cli("campagne", "preparer", str(terr), "--annee", "2025", "-o", str(blocker / "campagne"))
    assert code == 2
    assert f"impossible de créer le dossier {blocker / 'campagne'} : un élément du chemin n'est pas un dossier" in err
