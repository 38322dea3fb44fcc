"""Students' names in any script: typeset by LuaLaTeX, placed in the pdflatex documents as pictures.

pdflatex sets every exam page fast, but only in Latin fonts; a university roster holds names in
Chinese, Korean, Greek, Cyrillic, Vietnamese, Arabic, Hebrew, Devanagari... One LuaLaTeX run per
roster typesets every name with Debian's Noto fonts (HarfBuzz shaping; right-to-left names laid
out right to left) on a page of its own, cut to the name's size (``fragments.pdf``). The exam,
answer sheet and solutions include that page as a picture that keeps its text, so pdftotext and
screen readers still read the name. Measured in the README: LuaLaTeX for whole documents takes
about twice pdflatex's time; this costs one run of about 1.5 s for the whole roster, and nothing
for an exam without a roster.

A character none of those fonts has is found in LuaLaTeX's log (``Missing character``), after the
``dlexam-fragment <page>`` line of the name it belongs to, so the copy of exactly that student is
refused with the character and what to do.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.documents import name_page
from generator.pdf import log_errors, run_latex_keeping
from generator.rendering import render_document, tex_escape
from generator.text_engine import FONTS
from generator.variants import Variant

ENGINE = "lualatex"
SOURCE = "fragments.tex"
PDF = "fragments.pdf"
DEPTHS = "fragments.dim"  # written by the LuaLaTeX run: each page's depth below the baseline
INSTALL_HINT = (
    "install LuaLaTeX and the Noto fonts, e.g. `sudo apt-get install texlive-luatex "
    "fonts-noto-core fonts-noto-cjk` (what `bash setup.sh` does as root), then run the command "
    "again"
)
MISSING_FIX = (
    "add a font that has the character(s) to FONTS in generator/text_engine.py (Debian's "
    "fonts-noto-core and fonts-noto-extra cover most scripts), or write the name in another "
    "script in the roster"
)
BEGIN = re.compile(r"^dlexam-fragment (\d+)$")
MISSING = re.compile(r"^Missing character: There is no .*?\(U\+([0-9A-F]{4,6})\)")
RIGHT_TO_LEFT = {"R", "AL"}
LEFT_TO_RIGHT = {"L"}


def find_engine() -> str | None:
    """The lualatex executable, or None when it is not installed."""
    return shutil.which(ENGINE)


def direction(text: str) -> str:
    """LuaTeX's direction for ``text``: right to left when its first strong character is (the
    rule of the Unicode bidirectional algorithm for a paragraph's direction)."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in RIGHT_TO_LEFT:
            return "TRT"
        if kind in LEFT_TO_RIGHT:
            return "TLT"
    return "TLT"


def fragments_document(variants: Sequence[Variant]) -> str:
    """The LuaLaTeX source of the names of ``variants`` (all of an exam's): page
    :func:`~generator.documents.name_page` holds a variant's name, a blank when it has none."""
    names = [(v.student or {}).get("name", "") for v in sorted(variants, key=name_page)]
    return render_document(
        "fragments.tex.j2",
        {
            "fonts": FONTS,
            "fallback_fonts": FONTS[1:],
            "fragments": [(tex_escape(name) or "\\kern1pt", direction(name)) for name in names],
        },
    )


def character_name(code: int) -> str:
    return f"U+{code:04X} {unicodedata.name(chr(code), '(unnamed)')}"


@dataclass
class Fragments:
    """The typeset names, and the characters of each page that no font had."""

    pdf: bytes | None
    depths: bytes = b""
    missing: dict[int, list[str]] = field(default_factory=dict)
    errors: tuple[str, ...] = ()

    def files(self) -> dict[str, bytes]:
        """What a pdflatex document that includes the names needs next to it."""
        return {PDF: self.pdf, DEPTHS: self.depths} if self.pdf else {}

    def problem(self, variant: Variant) -> str | None:
        """Why the name of ``variant``'s student cannot be printed, or None when it can."""
        if variant.student is None:
            return None
        if self.pdf is None:
            return f"LuaLaTeX could not typeset the names ({' '.join(self.errors)}); {INSTALL_HINT}"
        codes = self.missing.get(name_page(variant))
        if not codes:
            return None
        return f"no font for names has {', '.join(codes)}; {MISSING_FIX}"


def missing_characters(log: str) -> dict[int, list[str]]:
    """The characters of each page that LuaLaTeX found in no font, from its log."""
    missing: dict[int, list[str]] = {}
    current = 0
    for line in log.splitlines():
        begin = BEGIN.match(line)
        if begin:
            current = int(begin[1])
            continue
        found = MISSING.match(line)
        if found:
            name = character_name(int(found[1], 16))
            names = missing.setdefault(current, [])
            if name not in names:
                names.append(name)
    return missing


def typeset_fragments(engine: str, source: str) -> Fragments:
    """Run LuaLaTeX once over :func:`fragments_document`'s source."""
    pdf, log, files = run_latex_keeping(engine, source, keep=(DEPTHS,))
    errors = tuple(line for _, shown in log_errors(log) for line in shown[:1])
    if pdf is None or errors:
        return Fragments(None, errors=errors or ("LuaLaTeX wrote no PDF",))
    return Fragments(pdf, files.get(DEPTHS, b""), missing_characters(log))
