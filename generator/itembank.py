"""The conceptual question bank shared by the ``mc_*`` and ``free_*`` families.

Questions that cannot be computed (multiple choice, free text) are kept as data: each family
folder holds an ``items.yaml`` and only thin ``params.py``/``solution.py`` files that call this
module, and templates that include ``generator/latex/items/``. One module serves every such family
so that the option permutation, the key string, the validation of an item and the LaTeX hygiene
checks exist once.

A multiple-choice variant is an ``item`` id and a ``shuffle`` index. The index is read as a rank
in the factorial number system (Lehmer code), so index 0 is the item's own option order (the
source exam's order for items taken from an exam) and every index below ``n!`` is a different
order of the ``n`` options.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import yaml

from generator.dag import quantity
from generator.errors import DlexamError
from generator.params import Choice, Integer, Param
from generator.shuffle import nth_permutation

ITEMS_FILE = "items.yaml"  # a family folder holding this is an item bank
MC_POINTS = 2  # TUM I2DL Problem 1: 2 credits per question, all-or-nothing
FREE_POINTS = 2  # every free-text rubric adds up to this (the part's points in meta.yaml)
LABELS = "ABCDE"
MIN_OPTIONS = 3
MAX_OPTIONS = len(LABELS)
MAX_SHUFFLE = math.factorial(MAX_OPTIONS) - 1

_MATH = re.compile(r"\$[^$]*\$|\\\[.*?\\\]", re.DOTALL)
_SPECIAL_ANYWHERE = re.compile(r"(?<!\\)[%#]")
_SPECIAL_IN_TEXT = re.compile(r"(?<!\\)[&_^]")


# -- items -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Option:
    text: str
    correct: bool


@dataclass(frozen=True)
class McItem:
    """A multiple-choice item: several options, at least one correct (exactly one if ``single``)."""

    id: str
    topic: str
    source: str
    stem: str
    options: tuple[Option, ...]
    single: bool
    explanation: str

    @property
    def orders(self) -> int:
        return math.factorial(len(self.options))

    def permutation(self, shuffle: int) -> list[int]:
        """Original option indices in display order: the ``shuffle``-th permutation (Lehmer)."""
        if not 0 <= shuffle < self.orders:
            raise DlexamError(
                f"shuffle index {shuffle} is outside 0..{self.orders - 1}", where=f"item {self.id}"
            )
        return nth_permutation(len(self.options), shuffle)

    def displayed(self, shuffle: int) -> list[Option]:
        return [self.options[i] for i in self.permutation(shuffle)]

    def key(self, shuffle: int) -> str:
        """The labels of the correct options in display order, e.g. ``"A,C"``."""
        shown = self.displayed(shuffle)
        return ",".join(LABELS[i] for i, option in enumerate(shown) if option.correct)


@dataclass(frozen=True)
class RubricPoint:
    points: float
    text: str

    @property
    def share(self) -> float:
        """This point's fraction of the item, so a spec that rescales the part rescales it too."""
        return self.points / FREE_POINTS


@dataclass(frozen=True)
class FreeItem:
    """A free-text item: the prompt, a model answer and points per point made."""

    id: str
    topic: str
    source: str
    stem: str
    answer: str
    rubric: tuple[RubricPoint, ...]


Item = McItem | FreeItem


# -- credit ------------------------------------------------------------------------------------
_SEED_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt,?\s*")
_NOTE_WORDS = 4  # a parenthesis of this many words or more is a note for authors, not a reference


def credit(source: str) -> str:
    """How the solutions credit an item's source, as a person would: "Adapted from TUM I2DL
    endterm WS21, Problem 8 e." Items written for dlexam (``new``) get no line.

    An item's ``source`` is written for the bank's maintainers: it names the seed file the item
    came from and notes what was changed. Students see none of that: the file names, the notes
    in parentheses and every sentence after the first are left out.
    """
    text = _SEED_FILE.sub("", " ".join(source.split()))
    kept, depth, quoted, note = "", 0, False, ""
    for char in text:
        if char == '"':
            quoted = not quoted
        if not quoted and char == "(":
            depth += 1
        if depth:
            note += char
        else:
            kept += char
        if not quoted and char == ")" and depth:
            depth -= 1
            if not depth:
                kept += note if len(note.split()) < _NOTE_WORDS else ""
                note = ""
        if not quoted and not depth and kept.endswith(". "):
            kept = kept[:-2]
            break
    return adapted_from(re.sub(r"\s+([,.;])", r"\1", " ".join(kept.split())))


def adapted_from(reference: str) -> str:
    """The credit line the solutions print for a source reference a person reads ("TUM I2DL
    WS21 endterm, Problem 7"); empty for ``new`` (written for dlexam) or no reference. The item
    bank's cleaned-up ``source`` and a family's ``credit`` field both print through this."""
    reference = reference.strip(" ,.;")
    if not reference or reference.lower() == "new":
        return ""
    return f"Adapted from {reference}."


def credit_problem(reference: str) -> str:
    """Why a family's ``credit`` would not read as a credit to a student (empty when it does):
    it is printed as written, so seed file names and notes for authors must stay out of it."""
    if _SEED_FILE.search(reference):
        return "names a seed file; name the exam as a person would (course, exam, year, question)"
    if reference.lower().startswith(("adapted from", "source")):
        return 'write only the reference; the solutions add "Adapted from"'
    return ""


# -- loading and validation ------------------------------------------------------------------
def latex_problems(text: str) -> list[str]:
    """Why ``text`` would not typeset as intended (empty when it is fine).

    A bare ``%`` starts a comment and a bare ``#`` is an error anywhere; ``&``, ``_`` and ``^``
    are errors outside math (``&`` separates matrix columns inside). Braces must balance.
    """
    problems = []
    if text.count("$") % 2 or text.count("\\[") != text.count("\\]"):
        problems.append("unclosed math: an odd number of $ or unmatched \\[ \\]")
    bad = sorted(set(_SPECIAL_ANYWHERE.findall(text)))
    bad += sorted(set(_SPECIAL_IN_TEXT.findall(_MATH.sub("", text))))
    if bad:
        problems.append(f"unescaped {' '.join(bad)} (write \\{bad[0]}, or put it in $...$)")
    depth = 0
    for char in re.sub(r"\\[{}]", "", text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    if depth:
        problems.append("unbalanced braces")
    return problems


def _text(raw: Mapping[str, Any], key: str, where: str, latex: bool = True) -> str:
    """A required text field, whitespace-normalized; LaTeX fields are checked to typeset."""
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DlexamError(f"needs a non-empty text field {key!r}", where=where)
    problems = latex_problems(value) if latex else []
    if problems:
        raise DlexamError(f"field {key!r}: {'; '.join(problems)}", where=where)
    return " ".join(value.split())


def _mc_item(raw: Mapping[str, Any], where: str) -> McItem:
    options = raw.get("options")
    if not isinstance(options, list) or not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        raise DlexamError(f"needs {MIN_OPTIONS} to {MAX_OPTIONS} options", where=where)
    parsed = tuple(
        Option(_text(o, "text", f"{where}: options[{i}]"), o.get("correct") is True)
        for i, o in enumerate(options)
    )
    if len({o.text for o in parsed}) != len(parsed):
        raise DlexamError("two options have the same text", where=where)
    correct = sum(o.correct for o in parsed)
    single = bool(raw.get("single", False))
    if correct == 0 or (single and correct != 1):
        wanted = "exactly one" if single else "at least one"
        raise DlexamError(f"needs {wanted} correct option, has {correct}", where=where)
    return McItem(
        id=str(raw["id"]),
        topic=str(raw.get("topic", "")),
        source=_text(raw, "source", where, latex=False),
        stem=_text(raw, "stem", where),
        options=parsed,
        single=single,
        explanation=_text(raw, "explanation", where),
    )


def _free_item(raw: Mapping[str, Any], where: str) -> FreeItem:
    rubric = raw.get("rubric")
    if not isinstance(rubric, list) or not rubric:
        raise DlexamError("needs a rubric: a list of {points, text}", where=where)
    points = tuple(
        RubricPoint(float(r.get("points", 0)), _text(r, "text", f"{where}: rubric[{i}]"))
        for i, r in enumerate(rubric)
    )
    total = sum(p.points for p in points)
    if any(p.points <= 0 for p in points) or not math.isclose(total, FREE_POINTS):
        raise DlexamError(
            f"rubric points must be positive and add up to {FREE_POINTS}, they add up to {total:g}",
            where=where,
        )
    return FreeItem(
        id=str(raw["id"]),
        topic=str(raw.get("topic", "")),
        source=_text(raw, "source", where, latex=False),
        stem=_text(raw, "stem", where),
        answer=_text(raw, "answer", where),
        rubric=points,
    )


@dataclass(frozen=True)
class Bank:
    """The items of one family folder, in file order, checked once when loaded."""

    folder: Path
    topics: tuple[str, ...]
    items: dict[str, Item]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.items)

    def mc(self, item_id: str) -> McItem:
        item = self.items[item_id]
        assert isinstance(item, McItem)
        return item

    def free(self, item_id: str) -> FreeItem:
        item = self.items[item_id]
        assert isinstance(item, FreeItem)
        return item


def _load(folder: Path, parse: Callable[[Mapping[str, Any], str], Item]) -> Bank:
    where = f"templates/{folder.name}/{ITEMS_FILE}"
    try:
        raw = yaml.safe_load((folder / ITEMS_FILE).read_text(encoding="utf-8"))
        meta = yaml.safe_load((folder / "meta.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DlexamError(f"cannot read the item bank: {error}", where=where) from None
    if not isinstance(raw, list) or not raw:
        raise DlexamError("expected a non-empty list of items", where=where)
    topics = tuple(meta.get("topics", ()))
    items: dict[str, Item] = {}
    for index, entry in enumerate(raw):
        place = f"{where}: items[{index}]"
        if not isinstance(entry, dict) or not entry.get("id"):
            raise DlexamError("every item needs an id", where=place)
        place = f"{place} ({entry['id']})"
        item = parse(entry, place)
        if item.id in items:
            raise DlexamError("repeats an item id", where=place)
        if item.topic not in topics:
            raise DlexamError(f"topic {item.topic!r} is not among {topics}", where=place)
        items[item.id] = item
    return Bank(folder, topics, items)


def _folder(module_file: str) -> Path:
    return Path(module_file).resolve().parent


@cache
def load_mc(module_file: str) -> Bank:
    """The multiple-choice bank next to ``module_file`` (a family's params.py or solution.py)."""
    return _load(_folder(module_file), _mc_item)


@cache
def load_free(module_file: str) -> Bank:
    """The free-text bank next to ``module_file``."""
    return _load(_folder(module_file), _free_item)


# -- parameters --------------------------------------------------------------------------------
def item_param(bank: Bank) -> Choice:
    return Choice("item", bank.ids, doc="which item of the bank (see items.yaml)")


def mc_params(bank: Bank) -> tuple[Param, ...]:
    return (
        item_param(bank),
        Integer("shuffle", 0, MAX_SHUFFLE, doc="option order: 0 = the item's own order"),
    )


def mc_sampler(bank: Bank) -> Callable[[np.random.Generator], dict[str, Any]]:
    """Any item, then any of its option orders, so every order is equally likely."""

    def sample(rng: np.random.Generator) -> dict[str, Any]:
        item = bank.mc(bank.ids[int(rng.integers(len(bank.ids)))])
        return {"item": item.id, "shuffle": int(rng.integers(item.orders))}

    return sample


def mc_constraints(bank: Bank) -> Callable[[dict[str, Any]], list[str]]:
    def constraints(p: dict[str, Any]) -> list[str]:
        item = bank.mc(str(p["item"]))
        if int(p["shuffle"]) >= item.orders:
            return [
                f"item {item.id} has {len(item.options)} options, so the shuffle index must lie "
                f"in 0..{item.orders - 1}"
            ]
        return []

    return constraints


# -- solution quantities -----------------------------------------------------------------------
class McQuantities(NamedTuple):
    stem: Callable[..., str]
    instruction: Callable[..., str]
    option_texts: Callable[..., list[str]]
    correct_flags: Callable[..., list[bool]]
    key: Callable[..., str]
    explanation: Callable[..., str]
    item_source: Callable[..., str]


def mc_quantities(bank: Bank) -> McQuantities:
    """The quantities every multiple-choice family exposes, bound to its bank."""

    @quantity
    def stem(item: str) -> str:
        return bank.mc(item).stem

    @quantity
    def instruction(item: str) -> str:
        if bank.mc(item).single:
            return "Exactly one option is correct: mark it."
        return "One or more options are correct: mark all of them, and only them."

    @quantity
    def option_texts(item: str, shuffle: int) -> list[str]:
        return [o.text for o in bank.mc(item).displayed(int(shuffle))]

    @quantity
    def correct_flags(item: str, shuffle: int) -> list[bool]:
        return [o.correct for o in bank.mc(item).displayed(int(shuffle))]

    @quantity
    def key(item: str, shuffle: int) -> str:
        return bank.mc(item).key(int(shuffle))

    @quantity
    def explanation(item: str) -> str:
        return bank.mc(item).explanation

    @quantity
    def item_source(item: str) -> str:
        return bank.mc(item).source

    return McQuantities(
        stem, instruction, option_texts, correct_flags, key, explanation, item_source
    )


class FreeQuantities(NamedTuple):
    stem: Callable[..., str]
    model_answer: Callable[..., str]
    rubric_points: Callable[..., list[RubricPoint]]
    item_source: Callable[..., str]


def free_quantities(bank: Bank) -> FreeQuantities:
    """The quantities every free-text family exposes, bound to its bank."""

    @quantity
    def stem(item: str) -> str:
        return bank.free(item).stem

    @quantity
    def model_answer(item: str) -> str:
        return bank.free(item).answer

    @quantity
    def rubric_points(item: str) -> list[RubricPoint]:
        return list(bank.free(item).rubric)

    @quantity
    def item_source(item: str) -> str:
        return bank.free(item).source

    return FreeQuantities(stem, model_answer, rubric_points, item_source)
