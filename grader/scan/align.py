"""From a photo or scan of a sheet to the sheet in millimetres: corner marks, homography, QR.

The four black squares in the page corners are found as the square blobs nearest the image's
corners; the homography from their centres to their places in the layout model undoes rotation,
scaling, skew and perspective at once. The QR code then says which way up the page is (a page fed
upside down has it bottom left), which variant, student and layout it belongs to, and which page.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from generator import bubbles
from generator.bubbles import QrPayload, parse_qr

PX_PER_MM = 6.0  # the canonical page: 1260 x 1782 pixels
QR_PX_PER_MM = 10.0
QR_MARGIN = 5.0
WORK_WIDTH = 1000  # marks are looked for in a copy this wide
SQUARE_FILL = 0.8  # a corner mark fills most of its rotated bounding box
SQUARE_ASPECT = 1.5


@dataclass(frozen=True)
class Aligned:
    """A page mapped onto the layout: ``page`` is the canonical grey image, upright."""

    page: np.ndarray
    qr: QrPayload | None
    qr_text: str | None


def _candidates(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """Centres of square dark blobs about the size of a corner mark, in a reduced copy."""
    scale = WORK_WIDTH / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)
    block = (max(small.shape) // 12) | 1
    binary = cv2.adaptiveThreshold(
        small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 25
    )
    contours, _ = cv2.findContours(binary, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    px_per_mm = max(small.shape) / bubbles.PAGE_H
    expected = (bubbles.MARK_SIZE * px_per_mm) ** 2
    centres = []
    for contour in contours:
        area = cv2.contourArea(contour)
        if not 0.25 * expected < area < 3.0 * expected:
            continue
        (cx, cy), (w, h), _ = cv2.minAreaRect(contour)
        if min(w, h) == 0 or max(w, h) / min(w, h) > SQUARE_ASPECT:
            continue
        if area / (w * h) < SQUARE_FILL:
            continue
        centres.append((cx / scale, cy / scale))
    return np.array(centres, dtype=np.float64).reshape(-1, 2), scale


def find_marks(gray: np.ndarray) -> np.ndarray | None:
    """The four corner-mark centres (top-left, top-right, bottom-right, bottom-left as the image
    shows them), or None when a corner has no mark."""
    centres, _ = _candidates(gray)
    if len(centres) < 4:
        return None
    h, w = gray.shape
    corners = np.array([(0, 0), (w, 0), (w, h), (0, h)], dtype=np.float64)
    chosen = []
    for corner in corners:
        distances = np.linalg.norm(centres - corner, axis=1)
        best = int(np.argmin(distances))
        if distances[best] > 0.3 * np.hypot(w, h):
            return None
        chosen.append(centres[best])
    marks = np.array(chosen)
    if len({tuple(np.round(m)) for m in marks}) < 4:
        return None
    return marks


def _homography(marks: np.ndarray, px_per_mm: float, rotated: bool) -> np.ndarray:
    targets = np.array(bubbles.MARKS, dtype=np.float64) * px_per_mm
    if rotated:  # the image's top-left mark is the page's bottom-right one
        targets = targets[[2, 3, 0, 1]]
    matrix, _ = cv2.findHomography(marks, targets)
    return np.asarray(matrix)


def _read_qr(gray: np.ndarray, marks: np.ndarray, rotated: bool) -> str | None:
    """Decode the QR code from its own sharper warp of just its box."""
    x0, y0 = bubbles.QR_BOX
    shift = np.array(
        [
            [1, 0, -(x0 - QR_MARGIN) * QR_PX_PER_MM],
            [0, 1, -(y0 - QR_MARGIN) * QR_PX_PER_MM],
            [0, 0, 1],
        ]
    )
    matrix = shift @ _homography(marks, QR_PX_PER_MM, rotated)
    side = int((bubbles.QR_SIZE + 2 * QR_MARGIN) * QR_PX_PER_MM)
    crop = cv2.warpPerspective(gray, matrix, (side, side), borderValue=255)
    detector = cv2.QRCodeDetector()
    for image in (crop, cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]):
        text, _, _ = detector.detectAndDecode(image)
        if text:
            return str(text)
    return None


def align(gray: np.ndarray) -> Aligned | None:
    """The page upright in layout millimetres, or None when the corner marks are not found."""
    marks = find_marks(gray)
    if marks is None:
        return None
    size = (round(bubbles.PAGE_W * PX_PER_MM), round(bubbles.PAGE_H * PX_PER_MM))
    page = cv2.warpPerspective(gray, _homography(marks, PX_PER_MM, False), size, borderValue=255)
    rotated = _qr_ink(cv2.rotate(page, cv2.ROTATE_180)) > _qr_ink(page)
    text = _read_qr(gray, marks, rotated)
    if text is None:  # ink elsewhere fooled the guess: try the other way up
        rotated = not rotated
        text = _read_qr(gray, marks, rotated)
        rotated = rotated if text is not None else not rotated
    if rotated:
        page = cv2.rotate(page, cv2.ROTATE_180)
    return Aligned(page, parse_qr(text) if text else None, text)


def _qr_ink(page: np.ndarray) -> float:
    """How dark the QR code's box is: the way up where it is darker has the code there."""
    x, y = (round(v * PX_PER_MM) for v in bubbles.QR_BOX)
    side = round(bubbles.QR_SIZE * PX_PER_MM)
    return float(255 - page[y : y + side, x : x + side].mean())
