"""File names made from untrusted text (student ids): for PDFs named by student, feedback files.

Only letters, digits, ``.``, ``_`` and ``-`` are kept, and two ids that clean up to the same name
(also when they differ only in case, for case-insensitive file systems) get numbered suffixes in
input order, so the names are deterministic and never collide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_names(texts: Iterable[str], suffix: str, fallback: str = "student") -> list[str]:
    names: list[str] = []
    used: set[str] = set()
    for text in texts:
        base = _UNSAFE.sub("_", text).strip("._") or fallback
        name, n = base, 1
        while name.lower() in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name.lower())
        names.append(f"{name}{suffix}")
    return names
