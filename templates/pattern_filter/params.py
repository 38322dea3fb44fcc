"""Which black 3x3 pattern to find (1 = white, 0 = black, as in the source's grey scale)."""

from __future__ import annotations

from generator.params import Choice

# Black pixels (0) on white (1), row by row.
PATTERNS = {
    "diagonal cross": ((0, 1, 0), (1, 0, 1), (0, 1, 0)),
    "plus": ((1, 0, 1), (0, 0, 0), (1, 0, 1)),
    "vertical bar": ((1, 0, 1), (1, 0, 1), (1, 0, 1)),
    "horizontal bar": ((1, 1, 1), (0, 0, 0), (1, 1, 1)),
    "main diagonal": ((0, 1, 1), (1, 0, 1), (1, 1, 0)),
    "corner": ((0, 0, 0), (0, 1, 1), (0, 1, 1)),
    "frame": ((0, 0, 0), (0, 1, 0), (0, 0, 0)),
    "dot": ((1, 1, 1), (1, 0, 1), (1, 1, 1)),
}

PARAMS = (Choice("pattern", tuple(PATTERNS), doc="the black pattern to highlight"),)
# TUM Problem 5 f: "3x3 black crosses"; the printed filter [[-1, 1, -1], [1, -1, 1], [-1, 1, -1]]
# is negative on the corners and the centre, i.e. the diagonal cross.
SOURCE = {"pattern": "diagonal cross"}
