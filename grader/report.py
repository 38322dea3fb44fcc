"""The class report: score statistics, item analysis per part, common wrong answers.

Per part, *facility* is the mean fraction of the points earned, and *discrimination* is given two
ways, as in classical test theory: the corrected item-total (point-biserial) correlation between
the part's points and the rest of the total, and the upper-minus-lower index (mean facility of the
top 27 % of students by total minus that of the bottom 27 %). Written as ``report.csv`` and as
``report.html`` with a histogram of totals and a per-part chart (:mod:`grader.charts`: PNG
inlined, no timestamps, so two runs give identical files).
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass

import numpy as np

from generator.spreadsheet import csv_text
from grader.charts import ChartData
from grader.columns import PartColumn
from grader.exam import ExamKeys
from grader.feedback import points_text
from grader.scoring import StudentResult

UPPER_LOWER = 0.27
COMMON_WRONG = 3
WRONG_STATUSES = ("wrong", "partial")


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
    label: str, column: PartColumn, totals: np.ndarray, complete: bool, item: str = ""
) -> PartStats:
    """Statistics of one part over the students of ``column`` with ``totals`` (their totals, in
    the same order); ``complete``: every graded student has the part, so upper-minus-lower is
    meaningful."""
    distinct = column.results
    points = np.array([p.points if p is not None else 0.0 for p in distinct], dtype=float)[
        column.codes
    ]
    maxima = np.array([p.max_points if p is not None else 0.0 for p in distinct], dtype=float)[
        column.codes
    ]
    fractions = np.divide(points, maxima, out=np.zeros_like(points), where=maxima != 0)
    upper_lower = None
    if complete and len(points) >= 2:
        group = max(1, round(UPPER_LOWER * len(points)))
        by_total = fractions[np.argsort(totals, kind="stable")]
        upper_lower = float(by_total[-group:].mean() - by_total[:group].mean())
    blank, wrong = 0, Counter[str]()
    for result, count in zip(
        distinct, np.bincount(column.codes, minlength=len(distinct)), strict=True
    ):
        if result is None or not count:
            continue
        if result.status == "blank":
            blank += int(count)
        elif result.status in WRONG_STATUSES:
            wrong[result.answer] += int(count)
    return PartStats(
        label=label,
        max_points=float(maxima.max()),
        mean=float(points.mean()),
        facility=float(fractions.mean()),
        discrimination=_correlation(points, totals - points),
        upper_lower=upper_lower,
        blank=blank,
        common_wrong=tuple(
            sorted(wrong.items(), key=lambda item: (-item[1], item[0]))[:COMMON_WRONG]
        ),
        item=item,
    )


def class_stats(
    exam: ExamKeys, results: list[StudentResult], columns: dict[str, PartColumn]
) -> ClassStats:
    """Per part label; and where one label asked different items in different variants (another
    multiple-choice item, another family), per item as well: pooling them hides a bad item.
    ``columns``: :func:`grader.columns.part_columns` of the class."""
    totals = np.array([r.total for r in results], dtype=float)
    names = sorted({r.submission.variant for r in results})
    code = {name: n for n, name in enumerate(names)}
    variants = np.array([code[r.submission.variant] for r in results], dtype=np.intp)
    parts = []
    for label in exam.labels:
        column = columns[label].present()
        if not len(column.rows):
            continue
        complete = len(column.rows) == len(results)
        parts.append(_part_stats(label, column, totals[column.rows], complete))
        asked = variants[column.rows]
        items = [exam.item(names[n], label) for n in range(len(names))]
        if len({items[n] for n in np.unique(asked).tolist()}) > 1:
            of_row = np.array(items, dtype=object)[asked]
            for item in sorted(set(of_row.tolist())):
                subset = column.subset(np.flatnonzero(of_row == item))
                alone = len(subset.rows) >= 2
                parts.append(_part_stats(label, subset, totals[subset.rows], alone, item))
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


def chart_data(stats: ClassStats, results: list[StudentResult]) -> ChartData:
    """What the charts show: every total, and each part's facility and discrimination (the
    per-item rows are in the table only)."""
    parts = [p for p in stats.parts if not p.item]
    return ChartData(
        percents=tuple(r.percent for r in results),
        labels=tuple(p.label for p in parts),
        facility=tuple(p.facility for p in parts),
        discrimination=tuple(p.discrimination or 0.0 for p in parts),
    )


ITEM_NOTE = (
    "<p>A part that asked different items in different variants also has a row per item "
    "(<em>part [family part item]</em>).</p>"
)


def report_html(
    exam: ExamKeys,
    stats: ClassStats,
    charts: tuple[str, str] = ("", ""),
    notes: list[str] | tuple[str, ...] = (),
) -> str:
    """A self-contained page; every student-provided text is HTML-escaped. ``charts``: the
    histogram and the per-part chart from :func:`grader.charts.draw` (none for an empty class)."""
    esc = html.escape
    histogram, chart = charts
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
img{{max-width:100%;height:auto}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.2em .5em}}</style></head>
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
