"""Scanned pages in: multi-page PDFs from a copier (through poppler's pdftoppm) and PNG/JPEG
photos, each page as one greyscale image.

Pages are named by (file, page number) so every page in is accounted for in the output, and are
loaded one at a time in the worker that reads it, so 300 pages never sit in memory together.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from generator.errors import DlexamError

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")
REDUCE_ABOVE = 1500  # px on the long side: an A4 page at 130 dpi is enough to read
PDF_DPI = 200  # enough for 3.2 mm bubbles and the QR code; a 600 dpi scan is read at this size
PDFTOPPM_HINT = "install poppler-utils (`apt-get install poppler-utils`, what setup.sh does)"


@dataclass(frozen=True)
class PageRef:
    path: Path
    page: int  # 1-based; 1 for an image file

    def __str__(self) -> str:
        return (
            f"{self.path.name} page {self.page}"
            if self.path.suffix.lower() == ".pdf"
            else self.path.name
        )


def page_refs(paths: list[Path]) -> list[PageRef]:
    """Every page of the inputs, in order; an unreadable or unknown file is a clear error."""
    refs = []
    for path in paths:
        if not path.is_file():
            raise DlexamError("no such file", where=str(path))
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            try:
                count = len(PdfReader(path).pages)
            except (PdfReadError, OSError, ValueError) as error:
                raise DlexamError(f"cannot read the PDF: {error}", where=str(path)) from None
            refs += [PageRef(path, n + 1) for n in range(count)]
        elif suffix in IMAGE_SUFFIXES:
            refs.append(PageRef(path, 1))
        else:
            raise DlexamError(
                f"unknown file type {suffix or '(none)'}",
                where=str(path),
                hint="scan to PDF, PNG or JPEG",
            )
    return refs


def _reduction(path: Path) -> int:
    """Decode a large photo or 300-600 dpi scan at half or quarter size (JPEG decodes it that
    way for a fraction of the time): the page is read at about 150 dpi anyway."""
    try:
        with Image.open(path) as image:
            width = max(image.size)
    except (OSError, ValueError):
        return cv2.IMREAD_GRAYSCALE  # let OpenCV try, and say it cannot
    if width >= 4 * REDUCE_ABOVE:
        return cv2.IMREAD_REDUCED_GRAYSCALE_4
    if width >= 2 * REDUCE_ABOVE:
        return cv2.IMREAD_REDUCED_GRAYSCALE_2
    return cv2.IMREAD_GRAYSCALE


def load(ref: PageRef) -> np.ndarray | None:
    """The page as an 8-bit grey image, or None when it cannot be decoded."""
    if ref.path.suffix.lower() != ".pdf":
        return cv2.imread(str(ref.path), _reduction(ref.path))
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise DlexamError("pdftoppm not found, so PDF scans cannot be read", hint=PDFTOPPM_HINT)
    command = [pdftoppm, "-gray", "-r", str(PDF_DPI), "-f", str(ref.page), "-l", str(ref.page)]
    result = subprocess.run([*command, str(ref.path)], capture_output=True, timeout=120)
    if result.returncode != 0 or not result.stdout:
        return None
    data = np.frombuffer(result.stdout, np.uint8)
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
