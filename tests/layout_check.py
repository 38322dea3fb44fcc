"""Layout faults of produced PDFs, read from the text positions pdfplumber finds on each page.

- a split part: a part's label "(3b)" on one page, its answer box (labelled "3b") on another;
- a stranded heading: "Question 3" on another page than the question's first part "(3a)";
- overlapping text: two words whose boxes overlap, as when a long title runs under the header's
  right side or a long name into the "Student ID" field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

# Words overlap when their boxes share more than this fraction of the smaller one's area, so
# glyphs that merely touch (a subscript under a fraction bar, a radical over its argument) do not.
OVERLAP_FRACTION = 0.25
# Inside a formula stacked glyphs are set on purpose: a fraction's numerator and denominator,
# limits and accents are small (script size) or one or two characters (a radical, a big
# delimiter's pieces, which pdfplumber reads as "(cid:12)"); text that collides is neither.
SHORT_WORD = 2
TEXT_SIZE = 8.5  # pt: \footnotesize and larger
PART_LABEL = re.compile(r"^\((\d+[a-z])\)$")
BOX_LABEL = re.compile(r"^(\d+[a-z])$")


@dataclass(frozen=True)
class Word:
    page: int  # 1-based
    text: str
    size: float
    x0: float
    top: float
    x1: float
    bottom: float

    def area(self) -> float:
        return max(0.0, self.x1 - self.x0) * max(0.0, self.bottom - self.top)


def words(path: Path) -> list[Word]:
    """Every word of every page, in reading order."""
    with pdfplumber.open(path) as pdf:
        return [
            Word(number, w["text"], w["size"], w["x0"], w["top"], w["x1"], w["bottom"])
            for number, page in enumerate(pdf.pages, 1)
            for w in page.extract_words(use_text_flow=True, extra_attrs=["size"])
        ]


def overlaps(found: list[Word]) -> Iterator[str]:
    """Pairs of words of one page whose boxes overlap (a sweep over the words sorted by top)."""
    text = [
        w
        for w in found
        if w.size >= TEXT_SIZE and len(w.text) > SHORT_WORD and not w.text.startswith("(cid:")
    ]
    for page in sorted({w.page for w in text}):
        on_page = sorted((w for w in text if w.page == page), key=lambda w: w.top)
        for i, first in enumerate(on_page):
            for second in on_page[i + 1 :]:
                if second.top >= first.bottom:
                    break
                width = min(first.x1, second.x1) - max(first.x0, second.x0)
                height = min(first.bottom, second.bottom) - max(first.top, second.top)
                shared = max(0.0, width) * max(0.0, height)
                smaller = min(first.area(), second.area())
                if smaller and shared / smaller > OVERLAP_FRACTION:
                    yield f"page {page}: {first.text!r} overlaps {second.text!r}"


def split_parts(found: list[Word]) -> Iterator[str]:
    """Parts whose label "(3b)" and answer box "3b" are on different pages."""
    for index, word in enumerate(found):
        label = PART_LABEL.match(word.text)
        if not label:
            continue
        box = next(
            (w for w in found[index + 1 :] if BOX_LABEL.match(w.text) and w.text == label[1]),
            None,
        )
        if box is None:
            yield f"part {label[1]}: no answer box after its label"
        elif box.page != word.page:
            yield f"part {label[1]}: label on page {word.page}, answer box on page {box.page}"


def stranded_headings(found: list[Word]) -> Iterator[str]:
    """Question headings on another page than the first part of their question."""
    for index, word in enumerate(found):
        if word.text != "Question" or index + 1 >= len(found):
            continue
        number = found[index + 1].text
        if not number.isdigit() or found[index + 1].page != word.page:
            continue
        first = next(
            (w for w in found[index + 2 :] if PART_LABEL.match(w.text)),
            None,
        )
        if first is None or not first.text.startswith(f"({number}"):
            continue  # the points table's "Question 1 2 3", or a question without parts
        if first.page != word.page:
            yield f"Question {number}: heading on page {word.page}, {first.text} on {first.page}"


def faults(path: Path, boxes: bool) -> list[str]:
    """Every layout fault of the PDF at ``path``; ``boxes``: its parts have answer boxes."""
    found = words(path)
    problems = [*overlaps(found), *stranded_headings(found)]
    if boxes:
        problems += split_parts(found)
    return [f"{path.name}: {problem}" for problem in problems]
