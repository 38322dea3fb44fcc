"""One builder of keys.json parts for the grader's unit tests, as the generator writes them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from grader.part import KeyPart

SIGFIG = {"mode": "sigfig", "digits": 3, "abs": 1e-9}


def key_part(kind: str, exact: str | None, sigfig_kinds: Iterable[str], **extra: Any) -> KeyPart:
    """A 2-point part ``1a`` of ``kind`` with key ``exact``; ``sigfig_kinds`` get three significant
    figures, every other kind an exact tolerance; ``extra`` overrides any field."""
    raw: dict[str, Any] = {
        "id": "1a",
        "part": "a",
        "prompt": "a part",
        "kind": kind,
        "points": 2.0,
        "quantity": "q",
        "exact": exact,
        "latex": exact,
        "value": None,
        "unit": "",
        "tolerance": SIGFIG if kind in sigfig_kinds else {"mode": "exact"},
        "alternatives": [],
        "depends": [],
        "follow_through": 1.0,
        "symbols": [],
        "rubric": "",
    }
    raw.update(extra)
    return KeyPart(raw)
