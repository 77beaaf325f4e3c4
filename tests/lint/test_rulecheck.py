"""The helpers of the rule tests (``rulecheck.py``)."""

from __future__ import annotations

from rulecheck import without


def test_without_helper():
    assert without("a:\n  b: 1\nc: 2\n", "a:") == "c: 2\n"
