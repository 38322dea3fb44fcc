"""File names made from untrusted text (student ids): PDFs named by student, feedback files.

The folders may be copied to Windows or a USB stick, so a file name is the id itself only when
that is a safe, portable name: letters, digits, ``.``, ``_``, ``-``; not a Windows device name
like ``CON`` or ``COM1`` (with any extension); no leading or trailing dot; at most ``NAME_LIMIT``
characters. Any other id gets its cleaned, shortened form plus a short hash of the whole id, so
names stay unique (also on case-insensitive file systems) and the same id always gets the same
name. Whoever writes such files lists which name belongs to which id (``feedback/index.csv``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
NAME_LIMIT = 64  # characters of an id kept in its file name (file systems allow 255 bytes)
HASH_LENGTH = 8
WINDOWS_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789"]
)


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def _portable(name: str) -> bool:
    device = name.split(".")[0].upper()
    hidden_or_trailing = name.startswith(".") or name.endswith(".")
    return bool(name) and device not in WINDOWS_DEVICES and not hidden_or_trailing


def safe_names(texts: Iterable[str], suffix: str) -> list[str]:
    """One file name (ending in ``suffix``) per text, unique without regard to case."""
    names: list[str] = []
    used: set[str] = set()
    for text in texts:
        name = text
        if _UNSAFE.search(text) or len(text) > NAME_LIMIT or not _portable(text):
            # no dots left: ``nul.txt-1a2b`` would still be the device NUL to Windows
            cleaned = _UNSAFE.sub("_", text.replace(".", "_")).strip("_")
            cleaned = cleaned[: NAME_LIMIT - HASH_LENGTH - 1]
            name = f"{cleaned}-{_short_hash(text)}" if cleaned else _short_hash(text)
        if name.lower() in used:
            name = f"{name}-{_short_hash(text)}"
        base, n = name, 1
        while name.lower() in used:  # only ids built to collide with another id's hashed name
            n += 1
            name = f"{base}-{n}"
        used.add(name.lower())
        names.append(f"{name}{suffix}")
    return names
