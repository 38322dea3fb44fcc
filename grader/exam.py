"""``keys.json`` as the grader sees it: variants, the roster, the answer columns, and the keys.

Questions are prepared (their keys read) on first use per variant, so an exam with a variant per
student does not read ten thousand keys up front.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.keys import load_keys
from generator.registry import Registry
from grader.part import QuestionInfo


def _printed(question: dict[str, Any]) -> int:
    """A question's printed number: the part labels (``3b``) follow it, also when the spec
    shuffles the questions (keys.json always has it; ``position`` is where the spec lists it)."""
    return int(question.get("number", question["position"]))


class ExamKeys:
    """The keys of every variant, the roster (student id -> variant) and the part columns."""

    def __init__(self, document: dict[str, Any], registry: Registry | None = None):
        self.document = document
        self.exam = document["exam"]
        self.registry = registry
        self.variants = {str(v["id"]): v for v in document["variants"]}
        self.roster = {
            str(v["student"]["id"]): str(v["id"]) for v in document["variants"] if v["student"]
        }
        self.names = {
            str(v["student"]["id"]): str(v["student"].get("name", ""))
            for v in document["variants"]
            if v["student"]
        }
        self.labels: list[str] = []
        self.manual: set[str] = set()
        for variant in document["variants"]:
            for question in sorted(variant["questions"], key=_printed):
                for part in question["parts"]:
                    if part["id"] not in self.labels:
                        self.labels.append(part["id"])
                    if part["kind"] in ("manual", "constraint"):
                        self.manual.add(part["id"])
        self._prepared: dict[str, list[QuestionInfo]] = {}

    @classmethod
    def load(cls, path: Path, registry: Registry | None = None) -> ExamKeys:
        return cls(load_keys(path), registry)

    @property
    def title(self) -> str:
        return str(self.exam.get("title", ""))

    def questions(self, variant_id: str) -> list[QuestionInfo]:
        """The variant's questions in printed order (the order of the answer columns)."""
        if variant_id not in self._prepared:
            questions = sorted(self.variants[variant_id]["questions"], key=_printed)
            self._prepared[variant_id] = [QuestionInfo(q, self.registry) for q in questions]
        return self._prepared[variant_id]

    def part_labels(self, variant_id: str) -> list[str]:
        return [
            part["id"]
            for question in sorted(self.variants[variant_id]["questions"], key=_printed)
            for part in question["parts"]
        ]

    def item(self, variant_id: str, label: str) -> str:
        """What a part asked in this variant: ``family part``, with the bank item for
        multiple-choice and free-text families (``mc_cnn a tum_1x1``), so the class report can
        tell apart the different items one position drew."""
        for question in self.variants[variant_id]["questions"]:
            for part in question["parts"]:
                if part["id"] == label:
                    item = question["params"].get("item")
                    name = f"{question['family']} {part.get('part', label)}"
                    return f"{name} {item}" if item else name
        return ""

    def resolve_variant(self, student_id: str, given: str) -> tuple[str | None, str]:
        """The variant id for a row, or ``None`` and the reason it cannot be known.

        The CSV may name the variant exactly, in another case, or by number (``2`` = ``V002``);
        when it is blank the roster in keys.json decides, and a one-variant exam needs neither.
        """
        assigned = self.roster.get(student_id)
        given = given.strip()
        if not given:
            if assigned:
                return assigned, ""
            if len(self.variants) == 1:
                return next(iter(self.variants)), ""
            return None, "no variant given and the student is not in the keys' roster"
        found = self._match_variant(given)
        if found is None:
            known = ", ".join(list(self.variants)[:5]) + (", ..." if len(self.variants) > 5 else "")
            where = f"; the roster assigns {assigned}" if assigned else ""
            return None, (
                f"unknown variant {given!r} (the keys have {known}{where}; the variant code is "
                "printed on every page of the exam)"
            )
        if assigned and assigned != found:
            return None, f"variant {found} in the CSV, but the roster assigns {assigned}"
        return found, ""

    def _match_variant(self, given: str) -> str | None:
        if given in self.variants:
            return given
        lowered = {v.lower(): v for v in self.variants}
        if given.lower() in lowered:
            return lowered[given.lower()]
        if given.isascii() and given.isdigit():  # ``²`` and ``①`` are digits to str.isdigit
            by_index = {int(v["index"]) + 1: vid for vid, v in self.variants.items()}
            return by_index.get(int(given))
        return None
