"""Which TeX engine an exam's own texts need: pdflatex, or LuaLaTeX for any other script.

pdflatex (with T1 fonts and UTF-8 input, the exam's preamble) prints Latin script only, and it
is about twice as fast as LuaLaTeX (``bench/bench_engines.py``). Students' names in any script
are pictures typeset once by LuaLaTeX (:mod:`generator.fragments`), but the instructor's own
texts (title, course, date, instructions) run through every page: an exam whose texts hold a
character pdflatex cannot print (a Russian course name, a Chinese title) is typeset by LuaLaTeX
as a whole, in Latin Modern with the Noto fonts of the names as fallback.

The decision is made from the text alone, against printable ASCII and the characters LaTeX's
UTF-8 input declares (the ``DeclareUnicodeCharacter`` lines of ``utf8enc.dfu``, TeX Live 2022)
that the exam's preamble (T1, Latin Modern) then prints without an error or a missing glyph:
each was compiled once (``tests/test_text_engine.py`` compiles them all again). The table is fixed
here so the same spec gives the same LaTeX on any machine.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

PDFLATEX = "pdflatex"
LUALATEX = "lualatex"
_RANGES = (
    *((0x0020, 0x007E), (0x00A0, 0x0125), (0x0128, 0x0137), (0x0139, 0x013E), (0x0141, 0x0148)),
    *((0x014A, 0x0165), (0x0168, 0x017E), (0x0192, 0x0192), (0x01C4, 0x01D4), (0x01E2, 0x01E3)),
    *((0x01E6, 0x01EB), (0x01F0, 0x01F0), (0x01F4, 0x01F5), (0x0218, 0x021B), (0x0232, 0x0233)),
    *((0x0237, 0x0237), (0x02C6, 0x02C7), (0x02D8, 0x02D9), (0x02DB, 0x02DD), (0x0E3F, 0x0E3F)),
    *((0x1E02, 0x1E03), (0x1E0D, 0x1E0D), (0x1E1E, 0x1E21), (0x1E25, 0x1E25), (0x1E30, 0x1E31)),
    *((0x1E37, 0x1E37), (0x1E43, 0x1E43), (0x1E45, 0x1E45), (0x1E47, 0x1E47), (0x1E5B, 0x1E5B)),
    *((0x1E63, 0x1E63), (0x1E6D, 0x1E6D), (0x1E8E, 0x1E91), (0x1E9E, 0x1E9E), (0x1EF2, 0x1EF3)),
    *((0x200C, 0x200C), (0x2010, 0x2016), (0x2018, 0x201A), (0x201C, 0x201E), (0x2020, 0x2022)),
    *((0x2026, 0x2026), (0x2030, 0x2031), (0x2039, 0x203B), (0x203D, 0x203D), (0x2044, 0x2044)),
    *((0x204E, 0x204E), (0x2052, 0x2052), (0x20A1, 0x20A1), (0x20A4, 0x20A4), (0x20A6, 0x20A6)),
    *((0x20A9, 0x20A9), (0x20AB, 0x20AC), (0x20B1, 0x20B1), (0x2103, 0x2103), (0x2116, 0x2117)),
    *((0x211E, 0x211E), (0x2120, 0x2120), (0x2122, 0x2122), (0x2126, 0x2127), (0x212E, 0x212E)),
    *((0x2190, 0x2193), (0x2329, 0x232A), (0x2422, 0x2423), (0x25E6, 0x25E6), (0x25EF, 0x25EF)),
    *((0x266A, 0x266A), (0x27E8, 0x27E9), (0x3008, 0x3009), (0xFB00, 0xFB06), (0xFEFF, 0xFEFF)),
)
_STARTS = [start for start, _ in _RANGES]
# The fonts LuaLaTeX tries in turn for each character (Debian's fonts-noto-core and
# fonts-noto-cjk), as luaotfload requests: HarfBuzz shapes each script as the OpenType script
# named. Noto Serif covers Latin (Vietnamese included), Greek and Cyrillic; Noto Serif CJK SC
# covers Chinese, Japanese and Korean, in LuaTeX's own mode: HarfBuzz mode maps 李 (U+674E) back
# to the compatibility ideograph U+F9E1 that shares its glyph, so the PDF's text would differ.
FONTS: tuple[str, ...] = (  # shared with the names (generator/fragments.py)
    "NotoSerif:mode=harf;",
    "NotoNaskhArabic:mode=harf;script=arab;",
    "NotoSerifHebrew:mode=harf;script=hebr;",
    "NotoSerifDevanagari:mode=harf;script=deva;",
    "NotoSerifBengali:mode=harf;script=beng;",
    "NotoSerifGurmukhi:mode=harf;script=guru;",
    "NotoSerifGujarati:mode=harf;script=gujr;",
    "NotoSansOriya:mode=harf;script=orya;",
    "NotoSerifTamil:mode=harf;script=taml;",
    "NotoSerifTelugu:mode=harf;script=telu;",
    "NotoSerifKannada:mode=harf;script=knda;",
    "NotoSerifMalayalam:mode=harf;script=mlym;",
    "NotoSerifSinhala:mode=harf;script=sinh;",
    "NotoSerifThai:mode=harf;script=thai;",
    "NotoSerifLao:mode=harf;script=lao;",
    "NotoSerifKhmer:mode=harf;script=khmr;",
    "NotoSerifMyanmar:mode=harf;script=mymr;",
    "NotoSerifTibetan:mode=harf;script=tibt;",
    "NotoSerifGeorgian:mode=harf;script=geor;",
    "NotoSerifArmenian:mode=harf;script=armn;",
    "NotoSerifEthiopic:mode=harf;script=ethi;",
    "NotoSansThaana:mode=harf;script=thaa;",
    "NotoSerifCJKsc:mode=node;",
)
WHITESPACE = frozenset("\t\n\r")


def pdflatex_prints(character: str) -> bool:
    if character in WHITESPACE:
        return True
    code = ord(character)
    index = bisect.bisect_right(_STARTS, code) - 1
    return index >= 0 and code <= _RANGES[index][1]


def beyond_pdflatex(texts: Iterable[str | None]) -> list[str]:
    """The distinct characters of ``texts`` that pdflatex cannot print, in order of appearance."""
    found: dict[str, None] = {}
    for text in texts:
        for character in text or "":
            if not pdflatex_prints(character):
                found.setdefault(character)
    return list(found)


def engine_for(texts: Iterable[str | None]) -> str:
    """The engine for a document whose own texts are ``texts``."""
    return LUALATEX if beyond_pdflatex(texts) else PDFLATEX
