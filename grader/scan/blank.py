"""Blank pages: the back side of a sheet scanned duplex, the padding page of the print file.

A page without corner marks is blank when no ink is left on it once the paper's own brightness
is divided out the way the scanner reads bubbles (:func:`~grader.scan.marks.flatten`: a shadow,
grey or yellowed paper and a copier's toner level are gone, JPEG noise is faint specks). Ink is
counted as strokes, not as a share of the page: a blank page has at most specks of dust and
noise shorter than ``STROKE_MM``, while a few handwritten strokes, a crossed-out page or a faint
sheet whose corner marks were missed all hold longer dark strokes, and stay in review. The page
is smoothed a little first: a pen line is wider than sensor noise, and the paper's brightness,
estimated from the brightest pixels around, must not be raised by noise.
"""

from __future__ import annotations

import cv2
import numpy as np

from generator import bubbles
from grader.scan.align import PX_PER_MM
from grader.scan.marks import flatten

INK = 0.2  # this much darker than the paper around it is ink (a light pencil line is ~0.3)
STROKE_MM = 2.0  # a connected dark trace this long, either way, is a stroke, not a speck
NOISE_MM = 0.2  # sensor and JPEG noise is smoothed away at this scale; a pen line is wider
BORDER_MM = 4.0  # the scanner lid's edge and the page's cut edge are not looked at


def is_blank(gray: np.ndarray) -> bool:
    """Whether a page (grey image of any resolution, any way up) holds no stroke of ink."""
    scale = bubbles.PAGE_H * PX_PER_MM / max(gray.shape)
    page = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    page = cv2.GaussianBlur(page, (0, 0), NOISE_MM * PX_PER_MM)
    border = round(BORDER_MM * PX_PER_MM)
    ink = (flatten(page) > INK)[border:-border, border:-border].astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    sizes = stats[1:, [cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT]]
    return int(sizes.max(initial=0)) < STROKE_MM * PX_PER_MM
