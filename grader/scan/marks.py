"""Which bubbles are filled, and the answer text they spell, with every doubt named.

A bubble's darkness is the mean ink inside its inner disc (the printed ring excluded) on a page
whose paper brightness was flattened first, so a shadow across a photo does not fill bubbles.
The page's typical empty bubble is subtracted, so pale paper, grey symbols and toner density do
not matter either. A bubble is marked above ``MARKED``, faint between ``FAINT`` and ``MARKED``
(a light pencil touch or an erasure); a faint mark or two marks where one is allowed is never
guessed at: the part goes to review. An empty column is never read as an answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from generator import bubbles
from generator.bubbles import Column, Entry, PartPlan
from grader.scan.align import PX_PER_MM

MARKED = 0.33
FAINT = 0.13
INNER = 0.7  # share of the bubble radius measured
BACKGROUND_MM = 9.0  # larger than a bubble, smaller than a shadow's edge
INK = 0.35  # a handwriting-box pixel this much darker than the paper is ink
INK_SHARE = 0.004  # share of ink pixels that make a box written in


def flatten(page: np.ndarray) -> np.ndarray:
    """Ink darkness 0..1 with the paper's local brightness (shadows, yellowed paper) divided out."""
    kernel = int(BACKGROUND_MM * PX_PER_MM) | 1
    paper = cv2.dilate(page, np.ones((kernel, kernel), np.uint8))
    paper = cv2.blur(paper, (kernel, kernel)).astype(np.float32)
    return np.clip(1.0 - page.astype(np.float32) / np.maximum(paper, 1.0), 0.0, 1.0)


def _disc() -> tuple[np.ndarray, np.ndarray]:
    r = bubbles.RADIUS * INNER * PX_PER_MM
    span = np.arange(-int(r), int(r) + 1)
    dy, dx = np.meshgrid(span, span, indexing="ij")
    inside = dx**2 + dy**2 <= r**2
    return dy[inside], dx[inside]


DISC_DY, DISC_DX = _disc()


def darkness(ink: np.ndarray, centres_mm: Sequence[tuple[float, float]]) -> np.ndarray:
    """The mean ink inside the inner disc of each bubble centre, all in one gather."""
    centres = np.rint(np.asarray(centres_mm, dtype=np.float64) * PX_PER_MM).astype(np.intp)
    ys = np.clip(centres[:, 1, None] + DISC_DY[None, :], 0, ink.shape[0] - 1)
    xs = np.clip(centres[:, 0, None] + DISC_DX[None, :], 0, ink.shape[1] - 1)
    return np.asarray(ink[ys, xs].mean(axis=1))


@dataclass(frozen=True)
class ColumnRead:
    marked: tuple[str, ...]
    doubt: str | None = None


def read_column(column: Column, levels: Sequence[float]) -> ColumnRead:
    marked = tuple(s for s, level in zip(column.symbols, levels, strict=True) if level >= MARKED)
    faint = [s for s, level in zip(column.symbols, levels, strict=True) if FAINT <= level < MARKED]
    if faint:
        return ColumnRead(marked, f"faint or erased mark at {', '.join(faint)}")
    if column.exclusive and len(marked) > 1:
        return ColumnRead(
            marked, f"{len(marked)} bubbles marked in one column: {', '.join(marked)}"
        )
    return ColumnRead(marked)


@dataclass(frozen=True)
class EntryRead:
    """What an entry spells (None: left blank) or why it needs a person."""

    text: str | None
    doubt: str | None = None


def _digits(reads: Sequence[ColumnRead]) -> tuple[str, str | None]:
    """The digits of digit columns, blank columns at either end skipped; a gap is a doubt."""
    symbols = ["".join(r.marked) for r in reads]
    filled = [i for i, s in enumerate(symbols) if s]
    if not filled:
        return "", None
    inner = symbols[filled[0] : filled[-1] + 1]
    if not all(inner):
        return "", "an empty column between marked digits"
    return "".join(inner), None


def _by_role(entry: Entry, reads: Sequence[ColumnRead], role: str) -> list[ColumnRead]:
    return [r for c, r in zip(entry.columns, reads, strict=True) if c.role == role]


def _integer(entry: Entry, reads: Sequence[ColumnRead]) -> EntryRead:
    digits, doubt = _digits(_by_role(entry, reads, "digit"))
    negative = any(r.marked for r in _by_role(entry, reads, "sign"))
    if doubt:
        return EntryRead(None, doubt)
    if not digits:
        return EntryRead(None, "a minus sign without digits" if negative else None)
    return EntryRead(("-" if negative else "") + digits)


def _number(entry: Entry, reads: Sequence[ColumnRead]) -> EntryRead:
    sign = {s for r in _by_role(entry, reads, "sign") for s in r.marked}
    brackets = [s for r in _by_role(entry, reads, "bracket") for s in r.marked]
    digit_symbols = ["".join(r.marked) for r in _by_role(entry, reads, "digit")]
    exponent, exponent_doubt = _digits(_by_role(entry, reads, "exponent"))
    exponent_negative = any(r.marked for r in _by_role(entry, reads, "exponent-sign"))
    prefix = brackets[0] if brackets else ""
    anything = bool(sign or brackets or any(digit_symbols) or exponent or exponent_negative)
    if not anything:
        return EntryRead(None)
    if bubbles.INFINITY in sign:
        if any(digit_symbols) or exponent:
            return EntryRead(None, "infinity and digits marked")
        return EntryRead(prefix + ("-" if bubbles.MINUS in sign else "") + "oo")
    if exponent_doubt:
        return EntryRead(None, exponent_doubt + " (exponent)")
    if not digit_symbols[0]:
        return EntryRead(None, "the first digit is blank")
    last = max(i for i, s in enumerate(digit_symbols) if s)
    if not all(digit_symbols[: last + 1]):
        return EntryRead(None, "an empty column between marked digits")
    if brackets == [] and _by_role(entry, reads, "bracket"):
        return EntryRead(None, "no bracket marked for the interval end")
    mantissa = digit_symbols[0] + ("." + "".join(digit_symbols[1 : last + 1]) if last else "")
    power = f"e{'-' if exponent_negative else ''}{exponent}" if exponent.strip("0") else ""
    return EntryRead(prefix + ("-" if bubbles.MINUS in sign else "") + mantissa + power)


def read_entry(entry: Entry, ink: np.ndarray, baseline: float) -> EntryRead:
    """A bubble entry's answer; ``ink`` from :func:`flatten`, ``baseline`` from
    :func:`page_baseline`."""
    reads = [read_column(c, list(darkness(ink, c.centers) - baseline)) for c in entry.columns]
    doubts = [r.doubt for r in reads if r.doubt]
    if doubts:
        return EntryRead(None, "; ".join(doubts))
    if entry.kind in ("choice", "multi"):
        marked = reads[0].marked
        return EntryRead(",".join(marked) if marked else None)
    if entry.kind == "integer":
        return _integer(entry, reads)
    return _number(entry, reads)


def written_in(entry: Entry, ink: np.ndarray) -> bool:
    """Whether a handwriting box holds ink (its printed label excluded), so the manual-points
    template can say which boxes are worth opening."""
    x, y, w, h = (round(v * PX_PER_MM) for v in entry.box)
    top = y + round(bubbles.LABEL_H * PX_PER_MM)
    margin = round(1.5 * PX_PER_MM)
    inside = ink[top + margin : y + h - margin, x + margin : x + w - margin]
    return bool(inside.size) and float((inside > INK).mean()) > INK_SHARE


def page_baseline(ink: np.ndarray, entries: Sequence[Entry]) -> float:
    """The median darkness of every bubble of the page: most bubbles on a sheet are empty."""
    centres = [xy for e in entries for c in e.columns for xy in c.centers]
    return float(np.median(darkness(ink, centres))) if centres else 0.0


def compose(plan: PartPlan, reads: Sequence[EntryRead]) -> EntryRead:
    """One part's answer text from its entries' reads, in the grader's notation."""
    doubts = [r.doubt for r in reads if r.doubt]
    if doubts:
        return EntryRead(None, "; ".join(doubts))
    texts = [r.text for r in reads]
    if all(t is None for t in texts):
        return EntryRead(None)
    if len(reads) == 1:
        return reads[0]
    if any(t is None for t in texts):
        blank = sum(t is None for t in texts)
        return EntryRead(None, f"{blank} of {len(texts)} entries blank")
    if plan.kind == "shape":
        return EntryRead("x".join(str(t) for t in texts))
    if plan.kind == "interval":
        lower, upper = str(texts[0]), str(texts[1])
        # the upper end's bracket is its first column but is written after the number
        return EntryRead(f"{lower}, {upper[1:]}{upper[0]}")
    if plan.kind == "matrix":
        rows, cols = plan.shape
        matrix = [texts[r * cols : (r + 1) * cols] for r in range(rows)]
        return EntryRead(
            "[" + ", ".join("[" + ", ".join(map(str, row)) + "]" for row in matrix) + "]"
        )
    return EntryRead("[" + ", ".join(map(str, texts)) + "]")
