"""``dlexam scan --annotate``: each sheet back as the student filled it, with what was read, the
points and the key written next to every block (like auto-multiple-choice's annotated copies),
one PDF per student for returning the exam.

Handwriting boxes are graded by a person: with their points (``dlexam scan --manual``) a box
shows them and the total counts them; without, the box says it is graded by hand and the total
says which parts it leaves out, so a returned copy never shows a misleading 0.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Mapping
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from generator import bubbles
from generator.atomic import write_bytes_atomic
from generator.filenames import safe_names
from grader.part import PartResult
from grader.scan.align import PX_PER_MM
from grader.scan.sheets import ScanResult, Sheet

GREEN, RED, BLUE, GREY = (0, 140, 0), (0, 0, 210), (200, 80, 0), (90, 90, 90)
FONT = cv2.FONT_HERSHEY_SIMPLEX
FULL_MARKS = ("correct", "within-tolerance", "alternative")
MISSING_SHOWN = 8  # parts named in the header's note
MIN_SCALE = 0.3  # the smallest text a block's note is shrunk to


def _px(x_mm: float, y_mm: float) -> tuple[int, int]:
    return round(x_mm * PX_PER_MM), round(y_mm * PX_PER_MM)


def _put_fitted(
    image: np.ndarray,
    text: str,
    origin: tuple[int, int],
    width: int,
    style: tuple[float, tuple[int, int, int], int],
) -> None:
    """``text`` at ``origin``, shrunk (down to ``MIN_SCALE``) and then cut so it stays within
    ``width`` pixels: a block's notes never run into the next block's."""
    scale, color, thickness = style
    while scale > MIN_SCALE and cv2.getTextSize(text, FONT, scale, thickness)[0][0] > width:
        scale = max(MIN_SCALE, scale - 0.05)
    while len(text) > 4 and cv2.getTextSize(text, FONT, scale, thickness)[0][0] > width:
        text = text[:-4] + "..."
    cv2.putText(image, text, origin, FONT, scale, color, thickness, cv2.LINE_AA)


def _color(result: PartResult | None) -> tuple[int, int, int]:
    if result is None or result.status in ("blank", "manual"):
        return GREY
    return GREEN if result.points >= result.max_points else RED


def _by_hand(sheet: Sheet, parts: Mapping[str, PartResult]) -> set[str]:
    """The parts a person grades: the sheet's handwriting boxes and the exam's manual parts."""
    boxes = {e.part for e in sheet.layout.entries() if e.kind == "handwriting"}
    return boxes | {label for label, p in parts.items() if p.status == "manual"}


def _total(parts: Mapping[str, PartResult], missing: Collection[str]) -> list[str]:
    """The header's total and, when some points are not known, a line naming what it leaves out."""
    known = [p for label, p in parts.items() if label not in missing]
    total = f"{sum(p.points for p in known):g}/{sum(p.max_points for p in known):g} points"
    if not missing:
        return [total]
    labels = sorted(missing)
    shown = ", ".join(labels[:MISSING_SHOWN]) + (", ..." if len(labels) > MISSING_SHOWN else "")
    return [f"{total} on the bubbled parts", f"not counted, graded by hand: {shown}"]


def annotate_page(
    page: np.ndarray,
    sheet: Sheet,
    number: int,
    parts: Mapping[str, PartResult],
    entered: Collection[str] = (),
) -> np.ndarray:
    """The upright page in colour, marks read circled, each part's points and key beside it;
    ``entered``: the parts graded by hand whose points are known."""
    image = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    missing = _by_hand(sheet, parts) - set(entered)
    seen: set[str] = set()
    for entry in sheet.layout.pages[number - 1].entries:
        result = parts.get(entry.part)
        known = entry.part not in missing
        color = _color(result) if known or result is None else GREY
        x, y, w, _ = entry.box
        cv2.rectangle(image, _px(x, y), _px(x + w, y + 0.1), color, 3)
        room = round((w - 11) * PX_PER_MM)  # right of the block's label, to its right edge
        if entry.part in seen or result is None:
            continue
        seen.add(entry.part)
        status = "by hand" if entry.part in entered else result.status
        text = (
            f"{result.points:g}/{result.max_points:g} {status}"
            if known
            else f"graded by hand, {result.max_points:g} pt"
        )
        _put_fitted(image, text, _px(x + 10, y + 3.8), room, (0.55, color, 2))
        if known and entry.part not in entered and result.status not in FULL_MARKS:
            key = f"read {result.answer or '-'}  key {result.expected}"
            _put_fitted(image, key, _px(x, y - 1.0), round(w * PX_PER_MM), (0.5, BLUE, 1))
    lines = [f"{sheet.student_id}  {sheet.variant}  page {number}/{len(sheet.layout.pages)}"]
    if number == 1:
        total = _total(parts, missing & set(parts))
        lines = [f"{lines[0]}   {total[0]}", *total[1:]]
    for row, line in enumerate(lines):
        origin = _px(20, bubbles.PAGE_H - 16 + 5 * row)
        cv2.putText(image, line, origin, FONT, 0.7, RED, 2, cv2.LINE_AA)
    return image


def write_annotated(
    out_dir: Path,
    result: ScanResult,
    graded: Mapping[str, Mapping[str, PartResult]],
    entered: Collection[tuple[str, str]] = (),
) -> list[Path]:
    """``annotated/<student_id>.pdf``: every page read of the student's sheet, annotated;
    ``entered``: the (student id, part) whose points a person gave (``--manual``)."""
    written = []
    names = safe_names((sheet.student_id for sheet in result.sheets), ".pdf")
    for sheet, name in zip(result.sheets, names, strict=True):
        pictures = []
        for number in sorted(sheet.pages):
            data = np.frombuffer(sheet.pages[number].canonical, np.uint8)
            page = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
            if page is None:  # kept by the scan itself, so never expected
                continue
            parts = graded.get(sheet.student_id, {})
            mine = {part for student, part in entered if student == sheet.student_id}
            image = annotate_page(page, sheet, number, parts, mine)
            pictures.append(Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB)))
        if not pictures:
            continue
        target = out_dir / "annotated" / name
        buffer = _pdf(pictures)
        write_bytes_atomic(target, buffer)
        written.append(target)
    return written


def _pdf(pictures: list[Image.Image]) -> bytes:
    buffer = io.BytesIO()
    resolution = PX_PER_MM * 25.4
    pictures[0].save(
        buffer, "PDF", save_all=True, append_images=pictures[1:], resolution=resolution
    )
    return buffer.getvalue()
