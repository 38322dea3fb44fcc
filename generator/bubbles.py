"""The bubble answer sheet's geometry: one model that both the LaTeX drawing and the scanner use.

Every bubble's centre is computed here, in millimetres from the page's top-left corner, from the
parts of one variant in ``keys.json``. :mod:`generator.bubble_sheet` draws exactly these circles
and ``dlexam scan`` looks exactly there, so the scanner never guesses a position. The layout's
identity (a hash of its JSON) travels in the QR code of every page, next to the variant code and
the student id: a sheet printed from other keys is recognised instead of misread.

Which bubble block a part gets follows its kind: choice/multi one bubble per option; integer and
shape digit columns (a sign where some variant's key is negative); number a sign, significant
digits and a power-of-ten exponent; vector/matrix one number per entry; interval two ends with
open/closed marks; expressions, sets and constraints a handwriting box.
"""

from __future__ import annotations

import hashlib
import json
import math
import string
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

PAGE_W, PAGE_H = 210.0, 297.0
MARK_SIZE = 6.0  # side of the black corner squares
MARK_INSET = 12.0  # corner square centres, from the page edges
MARKS = (
    (MARK_INSET, MARK_INSET),
    (PAGE_W - MARK_INSET, MARK_INSET),
    (PAGE_W - MARK_INSET, PAGE_H - MARK_INSET),
    (MARK_INSET, PAGE_H - MARK_INSET),
)
QR_SIZE = 24.0
QR_BOX = (PAGE_W - 22.0 - QR_SIZE, 17.0)  # top-left corner of the QR code
RADIUS = 1.6  # bubble radius
PITCH = 4.4  # distance between neighbouring bubbles, both ways
LEFT, RIGHT = 20.0, PAGE_W - 20.0
TOP_FIRST, TOP_NEXT = 118.0, 46.0  # where the answer blocks start on page 1 and later pages
BOTTOM = PAGE_H - 22.0
GAP = 3.0  # between blocks
LABEL_H = 5.0  # the label line above a block's bubbles
HANDWRITING = (84.0, 18.0)
ID_PLACE = (LEFT, 64.0)  # the student-id block on page 1
EXAMPLE_PLACE = (92.0, 64.0)  # the worked example on page 1
DIGITS = "0123456789"
MINUS, INFINITY = "-", "oo"
MAX_SIGNIFICANT = 6
DEFAULT_ID_DIGITS = 8
QR_PREFIX = "DLXS1"

BUBBLED_KINDS = ("choice", "multi", "integer", "shape", "number", "vector", "matrix", "interval")
HANDWRITTEN_KINDS = ("expression", "set", "constraint")


@dataclass(frozen=True)
class Column:
    """Bubbles of which a student marks one (``exclusive``) or any number (multiple choice)."""

    role: str  # sign, digit, exponent-sign, exponent, bracket, option, id
    symbols: tuple[str, ...]
    centers: tuple[tuple[float, float], ...]
    exclusive: bool = True


@dataclass(frozen=True)
class Entry:
    """One answer (a part, or one entry of a vector/matrix/interval/shape) and its columns."""

    part: str
    label: str  # printed above the block: "3c", "3c (2)", "7f lower end"
    kind: str  # choice, multi, integer, number, handwriting, id
    box: tuple[float, float, float, float]  # x, y, width, height of the frame
    columns: tuple[Column, ...] = ()


@dataclass(frozen=True)
class Page:
    number: int
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class PartPlan:
    """How one part's answer is assembled from its entries (see :func:`grader.scan.compose`)."""

    part: str
    kind: str
    shape: tuple[int, ...] = ()  # vector (n,), matrix (rows, cols), shape (dims,)


@dataclass(frozen=True)
class SheetLayout:
    variant: str
    student_id: str | None
    title: str
    pages: tuple[Page, ...]
    plans: tuple[PartPlan, ...] = field(default=())

    @cached_property
    def digest(self) -> str:
        """8 hex digits naming this geometry; changes when any bubble moves or a symbol changes."""
        geometry = json.dumps([asdict(p) for p in self.pages], sort_keys=True)
        return hashlib.sha256(geometry.encode()).hexdigest()[:8]

    def qr_text(self, page: int) -> str:
        return "|".join(
            [
                QR_PREFIX,
                self.digest,
                self.variant,
                self.student_id or "",
                f"{page}/{len(self.pages)}",
            ]
        )

    def entries(self) -> Iterable[Entry]:
        for page in self.pages:
            yield from page.entries


@dataclass(frozen=True)
class QrPayload:
    digest: str
    variant: str
    student_id: str
    page: int
    pages: int


def parse_qr(text: str) -> QrPayload | None:
    """The sheet identity in a QR text, or None for a QR code that is not a dlexam sheet's."""
    fields = text.split("|")
    if len(fields) != 5 or fields[0] != QR_PREFIX:
        return None
    page, _, pages = fields[4].partition("/")
    if not (page.isdigit() and pages.isdigit()):
        return None
    return QrPayload(fields[1], fields[2], fields[3], int(page), int(pages))


# --- what each part needs -------------------------------------------------------------------


def _numbers(value: Any) -> list[float]:
    """Every number of a key value; an interval (keys.json v2) is a dict of its ends and flags."""
    if isinstance(value, dict):
        value = [value["lower"], value["upper"]]
    if isinstance(value, list):
        return [x for item in value for x in _numbers(item)]
    return [float(value)] if isinstance(value, int | float) else []


def _part_values(part: Mapping[str, Any]) -> list[float]:
    values = _numbers(part["value"])
    for alternative in part["alternatives"]:
        values += _numbers(alternative["value"])
    return [v for v in values if math.isfinite(v)]


@dataclass
class PartProfile:
    """What every variant's key of one question part needs, so all variants get the same block
    (a digit count or a sign that only some variants have would hint at the key)."""

    negative: bool = False
    integer_digits: int = 1
    exponent_digits: int = 1
    significant: int = 3


def _significant(tolerance: Mapping[str, Any], values: list[float]) -> int:
    mode = tolerance.get("mode")
    if mode == "sigfig":
        return int(tolerance.get("digits", 3))
    if mode == "rel" and tolerance.get("rel"):
        return math.ceil(-math.log10(float(tolerance["rel"]))) + 1
    if mode == "decimals":
        largest = max((abs(v) for v in values), default=1.0) or 1.0
        return math.floor(math.log10(largest)) + 1 + int(tolerance.get("digits", 2))
    return 3


def profiles(document: Mapping[str, Any]) -> dict[tuple[str, str], PartProfile]:
    """One profile per (family, part) over every variant of the exam."""
    result: dict[tuple[str, str], PartProfile] = {}
    for variant in document["variants"]:
        for question in variant["questions"]:
            for part in question["parts"]:
                profile = result.setdefault((question["family"], part["part"]), PartProfile())
                values = _part_values(part)
                profile.negative |= any(v < 0 for v in values)
                for v in values:
                    if v != 0:
                        profile.integer_digits = max(profile.integer_digits, len(str(int(abs(v)))))
                        exponent = abs(math.floor(math.log10(abs(v))))
                        profile.exponent_digits = max(profile.exponent_digits, len(str(exponent)))
                wanted = _significant(part["tolerance"], values)
                profile.significant = min(MAX_SIGNIFICANT, max(profile.significant, wanted))
    return result


# --- blocks ---------------------------------------------------------------------------------


def _digit_column(role: str, x: float, y: float, symbols: str = DIGITS) -> Column:
    return Column(role, tuple(symbols), tuple((x, y + i * PITCH) for i in range(len(symbols))))


def _single(role: str, x: float, y: float, symbols: tuple[str, ...], exclusive: bool) -> Column:
    return Column(role, symbols, tuple((x, y + i * PITCH) for i in range(len(symbols))), exclusive)


@dataclass(frozen=True)
class Block:
    """A block before placement: its label, kind, size and columns relative to (0, 0)."""

    part: str
    label: str
    kind: str
    width: float
    height: float
    columns: tuple[Column, ...]

    def placed(self, x: float, y: float) -> Entry:
        def move(column: Column) -> Column:
            centers = tuple((cx + x, cy + y) for cx, cy in column.centers)
            return Column(column.role, column.symbols, centers, column.exclusive)

        return Entry(
            self.part,
            self.label,
            self.kind,
            (x, y, self.width, self.height),
            tuple(move(c) for c in self.columns),
        )


def _block(part: str, label: str, kind: str, columns: list[Column], rows: int) -> Block:
    n = max((c.centers[-1][0] for c in columns), default=0.0)
    width = max(n + PITCH, 6 * PITCH)
    return Block(part, label, kind, width, LABEL_H + rows * PITCH + 1.0, tuple(columns))


def _columns_from(specs: list[tuple[str, tuple[str, ...], bool]], gaps: set[int]) -> list[Column]:
    """Columns left to right, a half pitch of space before the indices in ``gaps``."""
    columns, x = [], PITCH
    for index, (role, symbols, exclusive) in enumerate(specs):
        if index in gaps:
            x += PITCH / 2
        columns.append(_single(role, x, LABEL_H + PITCH / 2 + 0.5, symbols, exclusive))
        x += PITCH
    return columns


def number_block(
    part: str, label: str, profile: PartProfile, ends: tuple[str, str] | None = None
) -> Block:
    """Sign, ``significant`` digits (d.dd), a sign and digits of the power of ten; an interval
    end adds its bracket column and an infinity bubble."""
    digits = (tuple(DIGITS), True)
    specs: list[tuple[str, tuple[str, ...], bool]] = []
    if ends is not None:
        specs.append(("bracket", ends, True))
    sign_symbols = (MINUS, INFINITY) if ends is not None else (MINUS,)
    specs.append(("sign", sign_symbols, False))
    specs += [("digit", *digits)] * profile.significant
    specs.append(("exponent-sign", (MINUS,), True))
    specs += [("exponent", *digits)] * profile.exponent_digits
    first_digit = 2 if ends is not None else 1
    gaps = {first_digit + 1, first_digit + profile.significant}
    columns = _columns_from(specs, gaps)
    return _block(part, label, "number", columns, 10)


def integer_block(part: str, label: str, digits: int, sign: bool) -> Block:
    specs: list[tuple[str, tuple[str, ...], bool]] = [("sign", (MINUS,), True)] if sign else []
    specs += [("digit", tuple(DIGITS), True)] * digits
    return _block(part, label, "integer", _columns_from(specs, set()), 10)


def option_block(part: str, label: str, options: list[str], multi: bool) -> Block:
    """One row of bubbles, A B C ..., as columns of one bubble each (multi) or one column."""
    y = LABEL_H + PITCH / 2 + 0.5
    centers = tuple((PITCH * (1 + i), y) for i in range(len(options)))
    column = Column("option", tuple(options), centers, exclusive=not multi)
    width = max(PITCH * (len(options) + 1), 8 * PITCH)
    return Block(
        part, label, "multi" if multi else "choice", width, LABEL_H + PITCH + 1.0, (column,)
    )


def handwriting_block(part: str, label: str) -> Block:
    width, height = HANDWRITING
    return Block(part, label, "handwriting", width, LABEL_H + height, ())


def part_blocks(part: Mapping[str, Any], profile: PartProfile) -> tuple[PartPlan, list[Block]]:
    label, kind = part["id"], part["kind"]
    if kind in ("choice", "multi"):
        options = [o["label"] for o in part.get("options", [])]
        return PartPlan(label, kind), [option_block(label, label, options, kind == "multi")]
    if kind == "integer":
        digits = profile.integer_digits + 1
        return PartPlan(label, kind), [integer_block(label, label, digits, profile.negative)]
    if kind == "shape":
        dims = len(part["value"]) if isinstance(part["value"], list) else 1
        digits = profile.integer_digits + 1
        blocks = [integer_block(label, f"{label} dim {i + 1}", digits, False) for i in range(dims)]
        return PartPlan(label, kind, (dims,)), blocks
    if kind == "number":
        return PartPlan(label, kind), [number_block(label, label, profile)]
    if kind in ("vector", "matrix"):
        value = part["value"]
        if kind == "matrix":
            rows, cols = len(value), len(value[0])
            names = [f"{label} ({r + 1},{c + 1})" for r in range(rows) for c in range(cols)]
            shape: tuple[int, ...] = (rows, cols)
        else:
            names, shape = [f"{label} ({i + 1})" for i in range(len(value))], (len(value),)
        return PartPlan(label, kind, shape), [number_block(label, n, profile) for n in names]
    if kind == "interval":
        lower = number_block(label, f"{label} lower end", profile, ("(", "["))
        upper = number_block(label, f"{label} upper end", profile, (")", "]"))
        return PartPlan(label, kind), [lower, upper]
    return PartPlan(label, "handwriting"), [handwriting_block(label, label)]


def id_block(width: int) -> Block:
    return integer_block("student_id", "student id", width, False)


def id_width(document: Mapping[str, Any]) -> int:
    """Digit columns for the student id: the roster's longest id, when every id is digits; 0
    (no bubbles, the QR code carries it) for a roster with letters in its ids."""
    ids = [v["student"]["id"] for v in document["variants"] if v.get("student")]
    if not ids:
        return DEFAULT_ID_DIGITS
    return max(len(i) for i in ids) if all(i.isdigit() for i in ids) else 0


def _flow(blocks: list[Block], first: list[Entry]) -> tuple[Page, ...]:
    """Place blocks left to right in shelves, a new page when a shelf does not fit."""
    pages: list[list[Entry]] = [list(first)]
    x, y, shelf = LEFT, TOP_FIRST, 0.0
    for block in blocks:
        if x + block.width > RIGHT:
            x, y, shelf = LEFT, y + shelf + GAP, 0.0
        if y + block.height > BOTTOM:
            pages.append([])
            x, y, shelf = LEFT, TOP_NEXT, 0.0
        pages[-1].append(block.placed(x, y))
        x += block.width + GAP
        shelf = max(shelf, block.height)
    return tuple(Page(i + 1, tuple(entries)) for i, entries in enumerate(pages))


def sheet_layout(document: Mapping[str, Any], variant_id: str) -> SheetLayout:
    """The sheet of one variant of a keys.json document."""
    variant = next(v for v in document["variants"] if v["id"] == variant_id)
    parts_profiles = profiles(document)
    plans, blocks = [], []
    for question in variant["questions"]:
        for part in question["parts"]:
            if part["kind"] == "manual":
                continue  # answered on the exam paper and graded by hand, as without a sheet
            plan, part_blocks_ = part_blocks(
                part, parts_profiles[(question["family"], part["part"])]
            )
            plans.append(plan)
            blocks += part_blocks_
    width = id_width(document)
    first = [id_block(width).placed(*ID_PLACE)] if width else []
    student = variant.get("student") or {}
    return SheetLayout(
        variant_id,
        student.get("id"),
        str(document["exam"]["title"]),
        _flow(blocks, first),
        tuple(plans),
    )


def part_labels(document: Mapping[str, Any]) -> list[str]:
    """Every auto-graded part label of every variant, in the answer template's order."""
    labels = {
        part["id"]
        for variant in document["variants"]
        for question in variant["questions"]
        for part in question["parts"]
        if part["kind"] != "manual"
    }
    return sorted(labels, key=lambda label: (int(label.rstrip(string.ascii_letters)), label))
