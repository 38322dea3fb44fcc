"""Discovery of question families: adding a family is adding a folder.

Folders are found under the bundled ``templates/`` and under every directory listed in the
``DLEXAM_TEMPLATES`` environment variable (``os.pathsep``-separated), so an instructor can keep
private families outside the repository. A folder that fails to load is reported by name and reason
in :attr:`Registry.broken`; the others keep working.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from generator.errors import DlexamError
from generator.family import Family, load_family

BUNDLED = Path(__file__).resolve().parent.parent / "templates"


def template_dirs() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("DLEXAM_TEMPLATES", "").split(os.pathsep) if p]
    return [BUNDLED, *extra]


def family_folders(roots: list[Path]) -> Iterator[Path]:
    for root in roots:
        if root.is_dir():
            yield from sorted(
                p for p in root.iterdir() if p.is_dir() and (p / "meta.yaml").exists()
            )


@dataclass
class Registry:
    """The loaded families by id, and the folders that failed with their reasons."""

    families: dict[str, Family] = field(default_factory=dict)
    broken: dict[str, str] = field(default_factory=dict)

    def get(self, family_id: str) -> Family:
        if family_id in self.families:
            return self.families[family_id]
        if family_id in self.broken:
            raise DlexamError(f"family {family_id!r} is broken: {self.broken[family_id]}")
        raise DlexamError(
            f"unknown family {family_id!r}",
            hint="`dlexam templates` lists the families",
        )

    def by_topic(self, topic: str | None) -> list[Family]:
        return [f for f in self.families.values() if topic is None or topic in f.topics]


def load_registry(roots: list[Path] | None = None) -> Registry:
    registry = Registry()
    for folder in family_folders(roots if roots is not None else template_dirs()):
        try:
            family = load_family(folder)
        except Exception as error:  # a broken family must not take the others down
            registry.broken[folder.name] = str(error)
            continue
        if family.id in registry.families:
            registry.broken[folder.name] = f"duplicate family id {family.id!r}"
            continue
        registry.families[family.id] = family
    return registry


_FIRST_LOAD = threading.Lock()


@cache
def _process_registry() -> Registry:
    return load_registry()


def default_registry() -> Registry:
    """The registry for this process, loaded once. The lock makes concurrent first calls (server
    threads) wait for that one load: loading imports each family's modules, and a second loader
    would find a half-imported module in ``sys.modules`` and build a family without quantities."""
    with _FIRST_LOAD:
        return _process_registry()


def forget_default_registry() -> None:
    """Load the families afresh on the next call (after ``DLEXAM_TEMPLATES`` changed)."""
    with _FIRST_LOAD:
        _process_registry.cache_clear()
