"""Names of organisations and texts compared as people read them.

:func:`comparison_key` is the key under which two spellings count as the same (« CPAM 34 » and
« CPAM34 »); :func:`partner_names` lists every organisation a fiche names, with its path. Used by
the lint rules that compare names and by the report's table of partners. :func:`id_key`
sorts identifiers as people count (« 4-10 » after « 4-9 »).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from clstool.model.documents import Fiche

#: not a letter or a digit (accents too, once split from their letter by NFKD)
_NOT_ALNUM = re.compile(r"[\W_]+")
_NON_ASCII_ALNUM = re.compile(r"[^\x00-\x7f\W]")
_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz",
                            "".join(chr(c) for c in range(128) if not chr(c).isalnum()))


@lru_cache(maxsize=65536)
def comparison_key(text: str) -> str:
    """The comparison key of a name or a line: case, accents, spacing and punctuation ignored
    (« CPAM 34 » = « CPAM34 », « SUMPPS – CSU » = « SUMPPS CSU », « Médecine » = « médecine »)."""
    if text.isascii():
        return text.translate(_ASCII_FOLD)
    bare = unicodedata.normalize("NFKD", text)
    if _NON_ASCII_ALNUM.search(bare) is None:  # French text: accents split off, « » ’ – left
        return bare.encode("ascii", "ignore").decode("ascii").translate(_ASCII_FOLD)
    return _NOT_ALNUM.sub("", bare).casefold()



def partner_names(fiche: Fiche) -> Iterator[tuple[tuple, str]]:
    """Every organisation named by a fiche, with its path: portage, partners of the action and
    of its déclinaisons, funders."""
    if fiche.portage is not None:
        for role in ("porteurs", "pilotes", "partenaires", "operateurs"):
            for i, name in enumerate(getattr(fiche.portage, role)):
                yield ("portage", role, i), name
    for i, name in enumerate(fiche.partenaires_operationnels):
        yield ("partenaires_operationnels", i), name
    for i, f in enumerate(fiche.financements):
        if f.financeur:
            yield ("financements", i, "financeur"), f.financeur
    for j, declinaison in enumerate(fiche.declinaisons):
        for i, name in enumerate(declinaison.partenaires):
            yield ("declinaisons", j, "partenaires", i), name
        for i, f in enumerate(declinaison.financements):
            if f.financeur:
                yield ("declinaisons", j, "financements", i, "financeur"), f.financeur


def id_key(ident: str) -> tuple:
    """Sort key of fiche and axis ids: « 4-10 » after « 4-9 »."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in ident.replace(".", "-").split("-"))
