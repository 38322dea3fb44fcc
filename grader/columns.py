"""One part's results over a whole class, kept once per distinct result.

Grading shares results: every student who wrote the same answer to a part of the same variant
holds the same :class:`~grader.part.PartResult`. The class report and ``scores.csv`` read the
class part by part, so the class is transposed once into columns that hold the few distinct
results and an index per student; the loops run in C (``map``, ``dict``, numpy), which keeps the
whole output of 10 000 students x 40 parts a fraction of a second (``bench/bench_grade.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from grader.part import PartResult

if TYPE_CHECKING:
    from grader.scoring import StudentResult


@dataclass(frozen=True)
class PartColumn:
    """``results[codes[i]]`` is the result of the ``i``-th student in ``rows``."""

    results: list[PartResult | None]  # distinct; None: students whose variant lacks the part
    codes: np.ndarray
    rows: np.ndarray  # positions in the class

    def subset(self, positions: np.ndarray) -> PartColumn:
        """The column restricted to some of its rows (positions into ``rows``)."""
        return PartColumn(self.results, self.codes[positions], self.rows[positions])

    def present(self) -> PartColumn:
        """Only the students who were asked the part."""
        asked = np.array([result is not None for result in self.results], dtype=bool)
        return self.subset(np.flatnonzero(asked[self.codes]))

    def cells(self, formatted: list[object]) -> list[object]:
        """Per row, ``formatted[k]`` for the row's distinct result ``k``."""
        return list(map(formatted.__getitem__, self.codes.tolist()))


def _coded(column: tuple[PartResult | None, ...]) -> PartColumn:
    ids = list(map(id, column))
    distinct = dict(zip(ids, column, strict=True))
    position = {key: n for n, key in enumerate(distinct)}
    codes = np.fromiter(map(position.__getitem__, ids), dtype=np.intp, count=len(ids))
    return PartColumn(list(distinct.values()), codes, np.arange(len(ids)))


def part_columns(labels: Sequence[str], results: Sequence[StudentResult]) -> dict[str, PartColumn]:
    """Every student's result of every part, by label; read student by student (each student's
    results sit together in memory, which is what makes this fast) and then transposed."""
    if not results:
        return {label: _coded(()) for label in labels}
    table = [list(map(result.parts.get, labels)) for result in results]
    return {
        label: _coded(column)
        for label, column in zip(labels, zip(*table, strict=True), strict=True)
    }
