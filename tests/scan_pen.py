"""A simulated student and copier for the scan tests and the scan benchmark.

``marks_for`` turns an answer (as a student means it) into the bubbles a student fills, ``Pen``
draws them on a rendered sheet page with a given darkness, size and coverage, and ``distort``
does to the page what copiers and phones do (rotation, 180°, scale, skew, shadow, noise, JPEG).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from generator import bubbles
from generator.bubbles import Column, Entry, SheetLayout


def _number_symbols(text: str, significant: int) -> tuple[str, list[str], str, str]:
    """(sign, significant digits, exponent sign, exponent digits) of a number a student writes."""
    value = float(text)
    mantissa, exponent = f"{abs(value):.{significant - 1}e}".split("e")
    sign = "-" if value < 0 else ""
    digits = [d for d in mantissa if d.isdigit()]
    e = int(exponent)
    return sign, digits, "-" if e < 0 else "", str(abs(e))


def entry_marks(entry: Entry, text: str) -> list[tuple[Column, str]]:
    """The (column, symbol) pairs a student fills to write ``text`` in ``entry``."""
    roles = [c.role for c in entry.columns]
    marks: list[tuple[Column, str]] = []
    if entry.kind in ("choice", "multi"):
        return [(entry.columns[0], s) for s in text.split(",")]
    if entry.kind in ("integer",):
        if text.startswith("-"):
            marks.append((entry.columns[roles.index("sign")], "-"))
        columns = [c for c in entry.columns if c.role == "digit"]
        return marks + list(zip(columns, text.lstrip("-"), strict=False))
    bracket = [c for c in entry.columns if c.role == "bracket"]
    if bracket:
        marks.append((bracket[0], text[0]))
        text = text[1:]
    sign_column = entry.columns[roles.index("sign")]
    if text.endswith("oo"):
        if text.startswith("-"):
            marks.append((sign_column, "-"))
        return [*marks, (sign_column, "oo")]
    digits_columns = [c for c in entry.columns if c.role == "digit"]
    sign, digits, esign, exponent = _number_symbols(text, len(digits_columns))
    if sign:
        marks.append((sign_column, "-"))
    marks += list(zip(digits_columns, digits, strict=True))
    if esign:
        marks.append((entry.columns[roles.index("exponent-sign")], "-"))
    exponent_columns = [c for c in entry.columns if c.role == "exponent"]
    exponent = exponent.zfill(len(exponent_columns))
    marks += list(zip(exponent_columns, exponent, strict=True))
    return marks


def entry_texts(layout: SheetLayout, part: str, answer: str) -> list[str]:
    """Split a part's answer into the texts of its entries (vector entries, interval ends)."""
    plan = next(p for p in layout.plans if p.part == part)
    if plan.kind in ("vector", "matrix"):
        return [t.strip() for t in answer.replace("[", "").replace("]", "").split(",")]
    if plan.kind == "shape":
        return answer.split("x")
    if plan.kind == "interval":
        lower, upper = (t.strip() for t in answer.split(","))
        return [lower, upper[-1] + upper[:-1]]
    return [answer]


def marks_for(layout: SheetLayout, answers: dict[str, str]) -> dict[int, list[tuple[float, float]]]:
    """Page number -> bubble centres (mm) to fill for these answers (``student_id`` included)."""
    result: dict[int, list[tuple[float, float]]] = {}
    for page in layout.pages:
        by_part: dict[str, list[Entry]] = {}
        for entry in page.entries:
            by_part.setdefault(entry.part, []).append(entry)
        for part, entries in by_part.items():
            if part not in answers:
                continue
            texts = (
                entry_texts(layout, part, answers[part])
                if part != "student_id"
                else [answers[part]]
            )
            first = _first_entry_index(layout, part, entries[0])
            for entry, text in zip(entries, texts[first:], strict=False):
                for column, symbol in entry_marks(entry, text):
                    result.setdefault(page.number, []).append(
                        column.centers[column.symbols.index(symbol)]
                    )
    return result


def _first_entry_index(layout: SheetLayout, part: str, entry: Entry) -> int:
    """Which of the part's entries ``entry`` is (a vector may continue on the next page)."""
    entries = [e for e in layout.entries() if e.part == part]
    return entries.index(entry)


@dataclass(frozen=True)
class Pen:
    darkness: float = 0.9  # 1 black ink, ~0.5 a light pencil
    size: float = 1.0  # radius as a share of the bubble's
    coverage: float = 1.0  # share of the disc filled (a hasty partial fill)


def fill(
    image: np.ndarray,
    dpi: float,
    centres: Sequence[tuple[float, float]],
    pen: Pen,
    rng: np.random.Generator,
) -> None:
    """Fill bubbles like a hand: a slightly off-centre, slightly uneven blob."""
    scale = dpi / 25.4
    for x, y in centres:
        jitter = rng.normal(0, 0.15, 2)
        cx, cy = round((x + jitter[0]) * scale), round((y + jitter[1]) * scale)
        radius = max(1, round(bubbles.RADIUS * pen.size * scale))
        top, left = max(0, cy - radius), max(0, cx - radius)
        window = image[top : cy + radius + 1, left : cx + radius + 1]
        mask = np.zeros(window.shape[:2], np.uint8)
        cv2.circle(mask, (cx - left, cy - top), radius, 255, -1)
        if pen.coverage < 1.0:  # leave a wedge unfilled
            cut = round(radius * (2 * pen.coverage - 1))
            mask[:, cx - left + cut + 1 :] = 0
        level = round(255 * (1 - pen.darkness))
        window[mask > 0] = np.minimum(window[mask > 0], level)


def stray(image: np.ndarray, dpi: float, rng: np.random.Generator) -> None:
    """A pen stroke across the margin and a tick between blocks: marks that are not answers."""
    scale = dpi / 25.4
    cv2.line(
        image,
        (round(3 * scale), round(150 * scale)),
        (round(15 * scale), round(200 * scale)),
        30,
        max(1, round(0.5 * scale)),
    )
    x, y = rng.uniform(60, 150), rng.uniform(200, 260)
    cv2.line(
        image,
        (round(x * scale), round(y * scale)),
        (round((x + 1.5) * scale), round((y + 1.5) * scale)),
        40,
        2,
    )


@dataclass(frozen=True)
class Distortion:
    angle: float = 0.0  # degrees
    upside_down: bool = False
    scale: float = 1.0
    skew: float = 0.0  # horizontal shear
    shadow: float = 0.0  # darkest shadow share
    noise: float = 0.0  # grey-level std
    jpeg: int = 0  # quality, 0 for PNG


def distort(image: np.ndarray, d: Distortion, rng: np.random.Generator) -> np.ndarray:
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), d.angle, d.scale)
    matrix[0, 1] += d.skew
    out = cv2.warpAffine(image, matrix, (w, h), borderValue=255)
    if d.upside_down:
        out = cv2.rotate(out, cv2.ROTATE_180)
    shaded = out.astype(np.float32)
    if d.shadow:
        ramp = np.linspace(1.0 - d.shadow, 1.0, w, dtype=np.float32)
        shaded *= ramp[None, :] if shaded.ndim == 2 else ramp[None, :, None]
    if d.noise:
        shaded += np.asarray(rng.normal(0, d.noise, shaded.shape), dtype=np.float32)
    return np.clip(shaded, 0, 255).astype(np.uint8)


def encode(image: np.ndarray, d: Distortion) -> tuple[bytes, str]:
    if d.jpeg:
        return cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, d.jpeg])[1].tobytes(), ".jpg"
    return cv2.imencode(".png", image)[1].tobytes(), ".png"


def key_answer(part: dict, significant: int = 3) -> str:
    """The key of a part as a student bubbles it (numbers to the sheet's significant digits)."""
    kind, value = part["kind"], part["value"]

    def number(v: float) -> str:
        return (
            f"{v:.{significant - 1}e}" if v != int(v) or abs(v) >= 10**significant else str(int(v))
        )

    if kind in ("choice", "multi", "shape", "integer"):
        return str(part["exact"]).replace(" ", "")
    if kind == "number":
        return number(value)
    if kind in ("vector", "matrix"):
        flat = np.asarray(value, dtype=float).ravel()
        if kind == "matrix":
            rows, cols = np.asarray(value).shape
            return (
                "["
                + ", ".join(
                    "[" + ", ".join(number(flat[r * cols + c]) for c in range(cols)) + "]"
                    for r in range(rows)
                )
                + "]"
            )
        return "[" + ", ".join(number(v) for v in flat) + "]"
    if kind == "interval":
        lo, hi = float(value[0]["lower"]), float(value[0]["upper"])  # "inf" ends are strings
        exact = part["exact"]

        def end(v: float) -> str:
            return ("-oo" if v < 0 else "oo") if math.isinf(v) else number(v)

        return f"{exact[0]}{end(lo)}, {end(hi)}{exact[-1]}"
    raise ValueError(kind)
