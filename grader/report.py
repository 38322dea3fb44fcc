"""The class report: score statistics, item analysis per part, common wrong answers.

Per part, *facility* is the mean fraction of the points earned, and *discrimination* is given two
ways, as in classical test theory: the corrected item-total (point-biserial) correlation between
the part's points and the rest of the total, and the upper-minus-lower index (mean facility of the
top 27 % of students by total minus that of the bottom 27 %). Written as ``report.csv`` and as
``report.html`` with a histogram of totals and a per-part chart (matplotlib, PNG inlined, no
timestamps, so two runs give identical files).
"""

from __future__ import annotations

import base64
import html
import io
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from generator.spreadsheet import csv_text
from grader.exam import ExamKeys
from grader.feedback import points_text
from grader.part import PartResult
from grader.scoring import StudentResult

UPPER_LOWER = 0.27
COMMON_WRONG = 3
WRONG_STATUSES = ("wrong", "partial")

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class PartStats:
    label: str
    max_points: float
    mean: float
    facility: float
    discrimination: float | None
    upper_lower: float | None
    blank: int
    common_wrong: tuple[tuple[str, int], ...]
    item: str = ""  # set on the rows of one item of a part that asked several

    @property
    def name(self) -> str:
        return f"{self.label} [{self.item}]" if self.item else self.label


@dataclass(frozen=True)
class ClassStats:
    count: int
    max_points: float
    mean: float
    median: float
    sd: float
    low: float
    high: float
    parts: tuple[PartStats, ...]


def _correlation(a: np.ndarray, b: np.ndarray) -> float | None:
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return None
    return float(np.corrcoef(a, b)[0, 1])


def _part_stats(
    label: str, present: list[PartResult], totals: np.ndarray, complete: bool, item: str = ""
) -> PartStats:
    """Statistics of one part over the students in ``present`` (their results for the part) with
    ``totals`` (their totals, in the same order); ``complete``: every graded student has the part,
    so upper-minus-lower is meaningful."""
    points = np.fromiter((p.points for p in present), dtype=float, count=len(present))
    maxima = np.fromiter((p.max_points for p in present), dtype=float, count=len(present))
    fractions = np.divide(points, maxima, out=np.zeros_like(points), where=maxima != 0)
    upper_lower = None
    if complete and len(present) >= 2:
        group = max(1, round(UPPER_LOWER * len(present)))
        by_total = fractions[np.argsort(totals, kind="stable")]
        upper_lower = float(by_total[-group:].mean() - by_total[:group].mean())
    statuses = Counter(p.status for p in present)
    wrong = Counter(p.answer for p in present if p.status in WRONG_STATUSES)
    return PartStats(
        label=label,
        max_points=float(maxima.max()),
        mean=float(points.mean()),
        facility=float(fractions.mean()),
        discrimination=_correlation(points, totals - points),
        upper_lower=upper_lower,
        blank=statuses["blank"],
        common_wrong=tuple(
            sorted(wrong.items(), key=lambda item: (-item[1], item[0]))[:COMMON_WRONG]
        ),
        item=item,
    )


def class_stats(exam: ExamKeys, results: list[StudentResult]) -> ClassStats:
    """Per part label; and where one label asked different items in different variants (another
    multiple-choice item, another family), per item as well: pooling them hides a bad item.

    Each part's column of results is gathered once and its numbers go through numpy: 10 000
    students x 40 parts must stay a fraction of a second (``bench/bench_grade.py``)."""
    totals = np.array([r.total for r in results], dtype=float)
    variants = [r.submission.variant for r in results]
    parts = []
    for label in exam.labels:
        column = [r.parts.get(label) for r in results]
        rows = [i for i, part in enumerate(column) if part is not None]
        if not rows:
            continue
        present = [part for part in column if part is not None]
        scored = totals[rows]
        parts.append(_part_stats(label, present, scored, len(rows) == len(results)))
        items = {variant: exam.item(variant, label) for variant in {variants[i] for i in rows}}
        if len(set(items.values())) > 1:
            by_item: dict[str, list[int]] = {}  # item -> positions in ``present``
            for position, i in enumerate(rows):
                by_item.setdefault(items[variants[i]], []).append(position)
            parts += [
                _part_stats(
                    label, [present[j] for j in group], scored[group], len(group) >= 2, item
                )
                for item, group in sorted(by_item.items())
            ]
    empty = len(results) == 0
    return ClassStats(
        count=len(results),
        max_points=float(max((r.max_points for r in results), default=0.0)),
        mean=0.0 if empty else float(totals.mean()),
        median=0.0 if empty else float(np.median(totals)),
        sd=0.0 if empty else float(totals.std()),
        low=0.0 if empty else float(totals.min()),
        high=0.0 if empty else float(totals.max()),
        parts=tuple(parts),
    )


def _number(value: float | None, digits: int = 3) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _wrong_text(common: tuple[tuple[str, int], ...]) -> str:
    return "; ".join(f"{answer} ({count})" for answer, count in common)


REPORT_COLUMNS = (
    "item",
    "max_points",
    "mean",
    "median",
    "sd",
    "facility",
    "discrimination_r",
    "discrimination_ul27",
    "blank",
    "common_wrong_answers",
)


def report_csv(stats: ClassStats, notes: list[str] | tuple[str, ...] = ()) -> str:
    rows: list[list[object]] = [list(REPORT_COLUMNS)]
    rows.append(
        [
            f"total (n={stats.count})",
            points_text(stats.max_points),
            _number(stats.mean),
            _number(stats.median),
            _number(stats.sd),
            "",
            "",
            "",
            "",
            "",
        ]
    )
    for part in stats.parts:
        rows.append(
            [
                part.name,
                points_text(part.max_points),
                _number(part.mean),
                "",
                "",
                _number(part.facility),
                _number(part.discrimination),
                _number(part.upper_lower),
                part.blank,
                _wrong_text(part.common_wrong),
            ]
        )
    for note in notes:
        rows.append([f"note: {note}", *[""] * (len(REPORT_COLUMNS) - 1)])
    return csv_text(rows)


def _png(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def histogram(results: list[StudentResult]) -> Figure:
    """Totals in 5 % bins; the count axis has whole-number ticks (there is no half a student)."""
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    figure, axes = plt.subplots(figsize=(6, 3))
    axes.hist([r.percent for r in results], bins=[5.0 * i for i in range(21)], color="#4c72b0")
    axes.set_xlabel("total (%)")
    axes.set_ylabel("students")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    figure.tight_layout()
    return figure


def _charts(stats: ClassStats, results: list[StudentResult]) -> tuple[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    with plt.rc_context({"font.size": 9}):
        totals = histogram(results)
        first = _png(totals)
        plt.close(totals)
        stats = replace(stats, parts=tuple(p for p in stats.parts if not p.item))
        labels = [p.label for p in stats.parts]
        chart, axes = plt.subplots(figsize=(max(6, 0.35 * len(labels)), 3))
        x = np.arange(len(labels))
        axes.bar(x - 0.2, [p.facility for p in stats.parts], 0.4, label="facility")
        axes.bar(
            x + 0.2,
            [p.discrimination or 0.0 for p in stats.parts],
            0.4,
            label="discrimination (r)",
        )
        axes.set_xticks(x, labels, rotation=90 if len(labels) > 20 else 0)
        axes.set_ylim(-0.5, 1.0)
        axes.axhline(0, color="black", linewidth=0.5)
        axes.legend(loc="lower right")
        chart.tight_layout()
        second = _png(chart)
        plt.close(chart)
    return first, second


ITEM_NOTE = (
    "<p>A part that asked different items in different variants also has a row per item "
    "(<em>part [family part item]</em>).</p>"
)


def report_html(
    exam: ExamKeys,
    stats: ClassStats,
    results: list[StudentResult],
    notes: list[str] | tuple[str, ...] = (),
) -> str:
    """A self-contained page; every student-provided text is HTML-escaped."""
    esc = html.escape
    histogram, chart = _charts(stats, results) if results else ("", "")
    rows = "\n".join(
        "<tr>"
        + "".join(
            f"<td>{esc(str(cell))}</td>"
            for cell in (
                part.name,
                points_text(part.max_points),
                _number(part.mean, 2),
                _number(part.facility, 2),
                _number(part.discrimination, 2),
                _number(part.upper_lower, 2),
                part.blank,
                _wrong_text(part.common_wrong),
            )
        )
        + "</tr>"
        for part in stats.parts
    )
    images = "".join(
        f'<p><img alt="{alt}" src="data:image/png;base64,{data}"></p>'
        for alt, data in (("histogram of totals", histogram), ("facility per part", chart))
        if data
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(exam.title)}: class report</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2em .5em}}</style></head>
<body><h1>{esc(exam.title)}: class report</h1>
<p>{stats.count} students graded; maximum {points_text(stats.max_points)} points.
Mean {stats.mean:.2f}, median {stats.median:.2f}, standard deviation {stats.sd:.2f},
lowest {stats.low:.2f}, highest {stats.high:.2f}.</p>
{"".join(f"<p><strong>Roster:</strong> {esc(note)}</p>" for note in notes)}
{images}
{ITEM_NOTE if any(part.item for part in stats.parts) else ""}
<table><tr><th>part</th><th>max</th><th>mean</th><th>facility</th><th>discrimination r</th>
<th>upper&minus;lower 27&nbsp;%</th><th>blank</th><th>most common wrong answers</th></tr>
{rows}
</table></body></html>
"""
