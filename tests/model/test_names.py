"""``rules._common.fold``: the key that CLS215 and CLS217 compare names and lines by."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from clstool.model.names import comparison_key as fold

_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def reference(text: str) -> str:
    """The definition, written the slow, obvious way: split accents from letters, drop them,
    ignore case, keep letters and digits only."""
    bare = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()
    return re.sub(r"[\W_]+", "", bare)


def test_examples():
    assert fold("CPAM 34") == fold("cpam34") == "cpam34"
    assert fold("SUMPPS – CSU") == fold("SUMPPS CSU")
    assert fold("Médecine") == fold("medecine") == "medecine"
    assert fold("L’Œuvre « ﬁne »") == "lœuvrefine"
    assert fold("___ --- ...") == ""


@given(st.text())
def test_any_text_folds_as_defined(text):
    assert fold.__wrapped__(text) == reference(text)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_folds_as_defined(text):
    assert fold.__wrapped__(text) == reference(text)


@given(st.text(alphabet="aàâäeéèêëiîïoôöuùûüyÿcçAÀÉÈÇOŒœæÆß’«» –—…-_.,;:!?()'\"0123456789 \u00a0\u202f"))
def test_french_text_folds_as_defined(text):
    """French letters, typographic quotes and spaces: the fast path of fold()."""
    assert fold.__wrapped__(text) == reference(text)
