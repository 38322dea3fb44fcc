"""``dlexam scan``: scanned bubble sheets -> the answers CSV ``dlexam grade`` reads, plus review.

Every page in ends up read (its variant's layout is known from the QR code, its bubbles read),
in ``review.csv`` with a picture and the reason, or blank (no corner marks and no ink: the back
side of a duplex scan, :mod:`grader.scan.blank`); pages read + pages in review + blank pages =
pages in, and ``pages.csv`` says which became what, a blank page with its picture. Doubtful
marks of a page that was read go to review as well, each with a crop of its block, and their CSV
cell is left blank for the person who checks it: a guess is never written.
Handwriting boxes (expressions, sets, constraints) are not read at all: each becomes a row of
``manual.csv`` with a crop of the box, a template of points for ``dlexam grade --manual``; points
a person already typed into the folder's ``manual.csv`` are carried into the new one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from generator import bubbles
from generator.atomic import write_bytes_atomic, write_text_atomic
from generator.bubbles import Entry, SheetLayout, sheet_layout
from generator.keys import load_keys
from generator.spreadsheet import csv_text
from grader.scan.align import PX_PER_MM, align
from grader.scan.blank import is_blank
from grader.scan.images import PageRef, load, page_refs
from grader.scan.marks import (
    EntryRead,
    compose,
    flatten,
    page_baseline,
    read_entry,
    written_in,
)

CROP_MARGIN = 3.0  # mm around a block in its review picture
THUMB_WIDTH = 500  # px of a whole page in review
REVIEW_HEADER = ["file", "page", "variant", "student_id", "part", "reason", "read", "image"]
MANUAL_HEADER = ["student_id", "part", "points", "box", "image", "variant", "file", "page"]
PAGES_HEADER = ["file", "page", "outcome", "variant", "student_id", "sheet_page", "reason", "image"]
BLANK_REASON = "blank: no corner marks and no ink (a back side?)"
NOT_SCANNED = "not on a page read this time (points kept from the earlier manual.csv)"


@dataclass
class Doubt:
    part: str
    reason: str
    image: bytes  # PNG
    read: str = ""


@dataclass
class Handwritten:
    """A handwriting box of a page: graded by a person from its picture."""

    part: str
    written: bool
    image: bytes  # PNG


@dataclass
class PageRead:
    """What one worker made of one page."""

    ref: PageRef
    variant: str | None = None
    qr_student: str = ""
    page: int = 0
    problem: str | None = None  # the page as a whole cannot be used
    blank: bool = False  # no corner marks and no ink: not a sheet, nothing to review
    thumbnail: bytes = b""
    reads: dict[str, list[EntryRead]] = field(default_factory=dict)  # part -> its entries here
    bubbled_id: EntryRead = field(default_factory=lambda: EntryRead(None))
    doubts: list[Doubt] = field(default_factory=list)
    handwritten: list[Handwritten] = field(default_factory=list)
    canonical: bytes = b""  # PNG of the upright page, for --annotate


def _png(image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".png", image)
    return data.tobytes() if ok else b""


def _thumbnail(gray: np.ndarray) -> bytes:
    scale = THUMB_WIDTH / gray.shape[1]
    return _png(cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))


def crop(page: np.ndarray, entry: Entry) -> np.ndarray:
    x, y, w, h = entry.box
    m = CROP_MARGIN
    top, left = max(0, round((y - m) * PX_PER_MM)), max(0, round((x - m) * PX_PER_MM))
    return page[top : round((y + h + m) * PX_PER_MM), left : round((x + w + m) * PX_PER_MM)]


@cache
def _document(keys_path: str) -> dict[str, Any]:
    return load_keys(Path(keys_path))


@cache
def _layout(keys_path: str, variant: str) -> SheetLayout | None:
    document = _document(keys_path)
    if not any(v["id"] == variant for v in document["variants"]):
        return None
    return sheet_layout(document, variant)


def read_page(keys_path: str, ref: PageRef, keep_page: bool) -> PageRead:
    """Align, identify and read one page (runs in a worker process)."""
    result = PageRead(ref)
    gray = load(ref)
    if gray is None:
        result.problem = "the image cannot be decoded"
        return result
    aligned = align(gray)
    if aligned is None:
        result.blank = is_blank(gray)
        result.problem = None if result.blank else "the four corner marks were not found"
        result.thumbnail = _thumbnail(gray)
        return result
    result.thumbnail = _thumbnail(aligned.page)
    qr = aligned.qr
    if qr is None:
        result.problem = (
            "unreadable QR code"
            if aligned.qr_text is None
            else "the QR code is not a dlexam sheet's"
        )
        return result
    result.variant, result.qr_student, result.page = qr.variant, qr.student_id, qr.page
    layout = _layout(keys_path, qr.variant)
    if layout is None:
        result.problem = f"variant {qr.variant} is not in the keys"
        return result
    if layout.digest != qr.digest or qr.pages != len(layout.pages) or qr.page > qr.pages:
        result.problem = "printed from other keys (the layout in the QR code differs)"
        return result
    entries = layout.pages[qr.page - 1].entries
    ink = flatten(aligned.page)
    baseline = page_baseline(ink, entries)
    for entry in entries:
        if entry.kind == "handwriting":
            image = _png(crop(aligned.page, entry))
            result.handwritten.append(Handwritten(entry.part, written_in(entry, ink), image))
            continue
        read = read_entry(entry, ink, baseline)
        if entry.part == "student_id":
            result.bubbled_id = read
        else:
            result.reads.setdefault(entry.part, []).append(read)
        if read.doubt:
            result.doubts.append(
                Doubt(entry.part, f"{entry.label}: {read.doubt}", _png(crop(aligned.page, entry)))
            )
    if keep_page:
        result.canonical = _png(aligned.page)
    return result


def _read_all(keys_path: Path, refs: list[PageRef], jobs: int, keep: bool) -> list[PageRead]:
    if jobs <= 1 or len(refs) < 2:
        return [read_page(str(keys_path), ref, keep) for ref in refs]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(
            pool.map(read_page, [str(keys_path)] * len(refs), refs, [keep] * len(refs), chunksize=4)
        )


@dataclass
class Sheet:
    """All pages read of one variant's sheet: one student's answers row."""

    variant: str
    layout: SheetLayout
    pages: dict[int, PageRead] = field(default_factory=dict)
    student_id: str = ""
    answers: dict[str, str] = field(default_factory=dict)


@dataclass
class ReviewItem:
    ref: PageRef | None
    variant: str
    student_id: str
    part: str
    reason: str
    image: bytes = b""
    read: str = ""


@dataclass
class ManualItem:
    """One row of the manual-points template."""

    ref: PageRef
    variant: str
    student_id: str
    box: Handwritten


@dataclass
class PageOutcome:
    """One row of ``pages.csv``: what became of one page in."""

    ref: PageRef
    outcome: str  # read, review or blank
    reason: str = ""
    sheet: Sheet | None = None
    sheet_page: int = 0
    image: bytes = b""  # the page's picture, for a blank page


@dataclass
class ScanResult:
    pages_in: int
    pages_read: int
    pages_in_review: int
    pages_blank: int
    sheets: list[Sheet]
    review: list[ReviewItem]
    labels: list[str]
    manual: list[ManualItem]
    pages: list[PageOutcome]


def _student(sheet: Sheet, roster: Mapping[str, str | None], review: list[ReviewItem]) -> str:
    """The roster's student of the variant, checked against the QR and bubbled ids; without a
    roster, the bubbled id."""
    first = sheet.pages.get(1)
    bubbled = first.bubbled_id if first else EntryRead(None)
    expected = roster.get(sheet.variant)
    ref = first.ref if first else None

    def doubt(reason: str) -> None:
        review.append(ReviewItem(ref, sheet.variant, expected or "", "student_id", reason))

    if expected:
        for page in sheet.pages.values():
            if page.qr_student != expected:
                doubt(f"the QR code names student {page.qr_student!r}, the roster {expected!r}")
        if bubbled.text and bubbled.text != expected:
            doubt(f"bubbled student id {bubbled.text} disagrees with the roster's {expected}")
        return expected
    if bubbled.text:
        return bubbled.text
    if first is None:
        doubt("page 1 (with the student id) is missing: type the student id")
    else:
        doubt(f"no readable student id ({bubbled.doubt or 'left blank'}): type it")
    return f"unknown-{sheet.variant}"


def scan(
    keys_path: Path, inputs: list[Path], jobs: int = 1, keep_pages: bool = False
) -> ScanResult:
    document = load_keys(keys_path)
    refs = page_refs(inputs)
    pages = _read_all(keys_path, refs, jobs, keep_pages)
    roster = {v["id"]: (v.get("student") or {}).get("id") for v in document["variants"]}
    review: list[ReviewItem] = []
    sheets: dict[str, Sheet] = {}
    outcomes: list[PageOutcome] = []
    for page in pages:
        if page.blank:
            outcomes.append(PageOutcome(page.ref, "blank", BLANK_REASON, image=page.thumbnail))
            continue
        if page.problem or page.variant is None:
            reason = f"page not read: {page.problem}"
            review.append(ReviewItem(page.ref, page.variant or "", "", "", reason, page.thumbnail))
            outcomes.append(PageOutcome(page.ref, "review", reason))
            continue
        layout = _layout(str(keys_path), page.variant)
        assert layout is not None  # checked by the worker
        sheet = sheets.setdefault(page.variant, Sheet(page.variant, layout))
        if page.page in sheet.pages:
            reason = (
                f"page {page.page} of this sheet was also scanned as {sheet.pages[page.page].ref}"
            )
            review.append(ReviewItem(page.ref, page.variant, "", "", reason, page.thumbnail))
            outcomes.append(PageOutcome(page.ref, "review", reason, sheet, page.page))
            continue
        sheet.pages[page.page] = page
        outcomes.append(PageOutcome(page.ref, "read", "", sheet, page.page))
    order = {v["id"]: i for i, v in enumerate(document["variants"])}
    ordered = sorted(sheets.values(), key=lambda s: order[s.variant])
    manual: list[ManualItem] = []
    for sheet in ordered:
        sheet.student_id = _student(sheet, roster, review)
        _answers(sheet, review)
        manual += (
            ManualItem(page.ref, sheet.variant, sheet.student_id, box)
            for _, page in sorted(sheet.pages.items())
            for box in page.handwritten
        )
    labels = bubbles.part_labels(document)
    count = {o: sum(p.outcome == o for p in outcomes) for o in ("read", "review", "blank")}
    return ScanResult(
        len(refs),
        count["read"],
        count["review"],
        count["blank"],
        ordered,
        review,
        labels,
        manual,
        outcomes,
    )


def _answers(sheet: Sheet, review: list[ReviewItem]) -> None:
    for number in range(1, len(sheet.layout.pages) + 1):
        if number not in sheet.pages:
            review.append(
                ReviewItem(
                    None,
                    sheet.variant,
                    sheet.student_id,
                    "",
                    f"page {number} of {len(sheet.layout.pages)} of this sheet is missing: "
                    "its answers are blank",
                )
            )
    reads: dict[str, list[EntryRead]] = {}
    for number in sorted(sheet.pages):
        page = sheet.pages[number]
        for part, entries in page.reads.items():
            reads.setdefault(part, []).extend(entries)
        for doubt in page.doubts:
            if doubt.part != "student_id":
                review.append(
                    ReviewItem(
                        page.ref,
                        sheet.variant,
                        sheet.student_id,
                        doubt.part,
                        doubt.reason,
                        doubt.image,
                    )
                )
    for plan in sheet.layout.plans:
        if plan.part not in reads:
            continue
        answer = compose(plan, reads[plan.part])
        if answer.text is not None:
            sheet.answers[plan.part] = answer.text
        elif answer.doubt and not any(r.doubt for r in reads[plan.part]):
            review.append(
                ReviewItem(None, sheet.variant, sheet.student_id, plan.part, answer.doubt)
            )


def answers_csv(result: ScanResult) -> str:
    """The answers as ``dlexam grade`` reads them; a spreadsheet opens it safely too, and the
    grader's reader undoes the ``'`` put before a formula-like cell, so it round-trips exactly."""
    rows = [["student_id", "variant", *result.labels]]
    rows += (
        [
            sheet.student_id,
            sheet.variant,
            *(sheet.answers.get(label, "") for label in result.labels),
        ]
        for sheet in result.sheets
    )
    return csv_text(rows)


def _image_name(folder: str, index: int, who: str, part: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in f"{who}-{part}")
    return f"{folder}/{index:04d}-{safe}.png"


def _manual_rows(
    out_dir: Path, items: list[ManualItem], entered: Mapping[tuple[str, str], float]
) -> list[list[str]]:
    """The manual-points template: points left empty for the person who reads the pictures,
    except those already ``entered`` (student id, part), which are kept, each in its box's row or,
    when no page read now has the box, in a row of its own at the end."""
    rows = [MANUAL_HEADER]
    left = dict(entered)
    for index, item in enumerate(items, start=1):
        image = _image_name("manual", index, item.student_id, item.box.part)
        write_bytes_atomic(out_dir / image, item.box.image)
        box = "written" if item.box.written else "blank"
        points = left.pop((item.student_id, item.box.part), None)
        ref = item.ref
        rows.append(
            [
                item.student_id,
                item.box.part,
                "" if points is None else f"{points:g}",
                box,
                image,
                item.variant,
                ref.path.name,
                str(ref.page),
            ]
        )
    rows += (
        [student, part, f"{points:g}", NOT_SCANNED] for (student, part), points in left.items()
    )
    return rows


def _pages_rows(out_dir: Path, result: ScanResult) -> list[list[str]]:
    """Every page in, in input order, and what became of it; a blank page with its picture, so a
    person can see at a glance that nothing was written on it."""
    rows = [PAGES_HEADER]
    for index, page in enumerate(result.pages, start=1):
        image = _image_name("blank", index, page.ref.path.stem, str(page.ref.page))
        if page.image:
            write_bytes_atomic(out_dir / image, page.image)
        sheet = page.sheet
        rows.append(
            [
                page.ref.path.name,
                str(page.ref.page),
                page.outcome,
                sheet.variant if sheet else "",
                sheet.student_id if sheet else "",
                str(page.sheet_page or ""),
                page.reason,
                image if page.image else "",
            ]
        )
    return rows


def write_outputs(
    out_dir: Path, result: ScanResult, entered: Mapping[tuple[str, str], float] | None = None
) -> None:
    """answers.csv, review.csv with review/*.png, pages.csv with blank/*.png, and manual.csv
    with manual/*.png (when the sheets have handwriting boxes; the points ``entered`` before kept
    in it), each written atomically."""
    rows: list[list[str]] = [REVIEW_HEADER]
    for index, item in enumerate(result.review, start=1):
        who = item.student_id or item.variant or "page"
        image = _image_name("review", index, who, item.part) if item.image else ""
        if item.image:
            write_bytes_atomic(out_dir / image, item.image)
        file, page = (item.ref.path.name, str(item.ref.page)) if item.ref else ("", "")
        rows.append(
            [file, page, item.variant, item.student_id, item.part, item.reason, item.read, image]
        )
    write_text_atomic(out_dir / "review.csv", csv_text(rows))
    write_text_atomic(out_dir / "pages.csv", csv_text(_pages_rows(out_dir, result)))
    if result.manual or entered:
        manual = _manual_rows(out_dir, result.manual, entered or {})
        write_text_atomic(out_dir / "manual.csv", csv_text(manual))
    write_text_atomic(out_dir / "answers.csv", answers_csv(result))


def default_jobs() -> int:
    return os.cpu_count() or 1


def pages_of(result: ScanResult) -> Iterable[tuple[Sheet, PageRead]]:
    for sheet in result.sheets:
        for number in sorted(sheet.pages):
            yield sheet, sheet.pages[number]
