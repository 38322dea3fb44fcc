"""The output folder of ``generate`` and ``practice``: usable, or one clear line saying why not.

A ``--out`` that is a file, lies under a folder that does not exist (usually a typo), or cannot be
written to is refused before any work is done, instead of failing with a traceback halfway.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import DlexamError


def prepare(target: Path, explicit: bool) -> None:
    """Make ``target`` (and, for the default ``output/...``, its parents) or say why not."""
    if target.exists() and not target.is_dir():
        raise DlexamError(
            "is a file, not a folder", where=f"--out {target}", hint="choose a folder for --out"
        )
    parent = target.parent
    if explicit and not target.exists() and not parent.is_dir():
        raise DlexamError(
            f"the folder {parent} does not exist",
            where=f"--out {target}",
            hint=f"create {parent} first, or choose another --out",
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DlexamError(
            f"cannot create the folder: {error.strerror}", where=f"--out {target}"
        ) from None
    if not writable(target):
        raise DlexamError(
            "cannot write into this folder (permission denied)",
            where=f"--out {target}",
            hint="choose a folder you can write to",
        )


def writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)
