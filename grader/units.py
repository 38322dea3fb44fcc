"""The unit a part declares, written after the answer: ``656 bytes``, ``10x10x32 px``.

A part's own unit is always accepted, in its usual spellings (``byte``, ``bytes``, ``B``); when
the part says ``unit_multiples: true`` its common multiples are too (``0.656 kB``, ``1 KiB``),
and the number is scaled to the key's unit. Any other word after the number is a wrong unit,
reported as such rather than as an unreadable answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from generator import mathtext
from generator.errors import MathTextError

# Spellings of a unit, each meaning the unit itself.
SPELLINGS: dict[str, tuple[str, ...]] = {
    "bytes": ("bytes", "byte", "B"),
    "bits": ("bits", "bit", "b"),
    "px": ("px", "pixels", "pixel"),
    "parameters": ("parameters", "parameter", "params", "weights"),
}
# Multiples of a unit, accepted where the part allows them.
MULTIPLES: dict[str, dict[str, int]] = {
    "bytes": {
        "kB": 10**3,
        "KB": 10**3,
        "MB": 10**6,
        "GB": 10**9,
        "KiB": 2**10,
        "MiB": 2**20,
        "GiB": 2**30,
    },
    "bits": {"kbit": 10**3, "Mbit": 10**6, "Kibit": 2**10, "Mibit": 2**20},
}
_ANY_UNIT = frozenset(
    [word for words in SPELLINGS.values() for word in words]
    + [word for table in MULTIPLES.values() for word in table]
)
_TRAILING_WORD = re.compile(r"^(.*?\S)\s*(?<![A-Za-z])([A-Za-z]+)\.?\s*$", re.DOTALL)


@dataclass(frozen=True)
class Unit:
    """The accepted spellings of one part's unit and what each multiplies the number by."""

    name: str
    factors: dict[str, int]

    @classmethod
    def of(cls, name: str, multiples: bool) -> Unit | None:
        if not name:
            return None
        factors = dict.fromkeys(SPELLINGS.get(name, (name,)), 1)
        if multiples:
            factors.update(MULTIPLES.get(name, {}))
        return cls(name, factors)

    def split(self, text: str, symbols: tuple[str, ...] = ()) -> tuple[str, Fraction]:
        """The answer without its unit, and the factor to the part's unit (1 when no unit).

        A trailing unit of another kind (``656 bits`` for bytes) is refused with the units that
        are accepted; any other word is left for the parser (``2 pi``).
        """
        match = _TRAILING_WORD.match(text)
        if match is None:
            return text, Fraction(1)
        body, word = match.groups()
        if word in self.factors:
            return body, Fraction(self.factors[word])
        if word not in _ANY_UNIT or word in symbols:
            return text, Fraction(1)  # not a unit: the parser reads it or says why not
        accepted = ", ".join(self.factors)
        raise MathTextError(f"the unit {word!r} is not accepted here; write it in {accepted}")


def counted_noun(text: str, symbols: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """``6055 parameters`` or ``23 pixels`` in a part that declares no unit: the number and the
    word naming what is counted, which is not graded. A word the parser knows (``2 pi``), a
    symbol of the part or a one- or two-letter name other than a unit (``2 w``, ``2 wx``) is no
    such word."""
    match = _TRAILING_WORD.match(text)
    if match is None:
        return None
    body, word = match.groups()
    known = {*mathtext.FUNCTIONS, *mathtext.CONSTANTS, *mathtext.GREEK.values(), *symbols}
    if (len(word) < 3 and word not in _ANY_UNIT) or word in known:
        return None
    return body, word
