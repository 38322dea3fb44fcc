"""Reading one answer of a given kind into a comparable value.

Answers are untrusted text: everything goes through :mod:`generator.mathtext`, nothing is
evaluated. Plain numbers (``12``, ``-3.5``, ``3,5``, ``2/3``) are read exactly with
:func:`generator.mathtext.plain_number` and never touch sympy, which keeps a class of thousands
fast; anything else (``sqrt(3)``, ``1.2·10^-3``, ``e^-3``) goes through the sympy-building parser.

The same functions read the key's ``exact`` string, so a key and an answer can never be read by
different rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any

import sympy

from generator import formatting, mathtext
from generator.errors import MathTextError

CHOICE_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
YES_WORDS = frozenset({"yes", "y", "true", "t", "ja", "j", "wahr", "w", "richtig", "correct"})
NO_WORDS = frozenset({"no", "n", "false", "f", "nein", "falsch", "wrong", "incorrect"})
BOOLEAN_KEYS = {"yes": "yes", "true": "yes", "no": "no", "false": "no"}
_OPTION_LABEL = re.compile(r"\(?\b([A-Za-z]|\d{1,2})\)")  # a) or (a), as on the sheet
_CHOICE_SPLIT = re.compile(r"[\s,;/&+]+|\band\b|\bund\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Num:
    """A real number read exactly (``Fraction`` on the fast path, else sympy) and as a float.

    ``spread`` is how far the meant value may lie from ``exact``: half a unit of the last digit
    a student typed (``1.71`` may stand for anything in [1.705, 1.715]), and for a key recomputed
    from such answers (follow-through) the effect of that rounding on the key. Exact values
    have none.
    """

    exact: Fraction | sympy.Expr
    approx: float
    spread: float = 0.0

    def __str__(self) -> str:
        if isinstance(self.exact, Fraction):
            return fraction_text(self.exact)
        return formatting.exact_string(self.exact)


def fraction_text(value: Fraction) -> str:
    """``0.333`` for 333/1000 (a decimal stays a decimal), ``2/3`` when it is no decimal."""
    denominator = value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    places = max(twos, fives)
    scaled = abs(value.numerator) * 10**places // value.denominator
    whole, fraction = divmod(scaled, 10**places)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}.{fraction:0{places}d}" if places else f"{sign}{whole}"


@dataclass(frozen=True)
class Reading:
    """An answer as read: the comparable ``value`` and the text shown back in feedback.

    The text is written when first shown: every key is read as an answer to be compared and
    never shown, and writing an exact key back out (``sigmoid(...)`` entries evaluated to show
    them) cost more than reading it: 60 of sigmoid_mlp's 130 ms per served question."""

    value: Any
    show: Callable[[Any], str] = str
    suffix: str = ""  # what follows the value: its unit, or the word after a count

    @cached_property
    def shown(self) -> str:
        return f"{self.show(self.value)}{self.suffix}"

    def written(self) -> Reading:
        """This reading with its text written now: an answer's, which feedback shows, so that
        one that cannot be written out is caught where it is read, as unreadable."""
        _ = self.shown
        return self


def _float(value: Fraction | sympy.Expr) -> float:
    try:
        return float(value)
    except OverflowError:
        return math.copysign(math.inf, 1 if value > 0 else -1)


def number_from(value: Fraction | sympy.Expr) -> Num:
    """A :class:`Num` from an exact value; complex or symbolic values are refused."""
    if isinstance(value, Fraction):
        return Num(value, _float(value))
    expr = sympy.sympify(value)
    if expr.free_symbols:
        raise MathTextError("expected a number, not an expression in " + str(expr.free_symbols))
    if expr.is_Rational:
        return Num(Fraction(int(expr.p), int(expr.q)), _float(Fraction(int(expr.p), int(expr.q))))
    if expr in (sympy.oo, -sympy.oo):
        return Num(expr, math.copysign(math.inf, 1 if expr == sympy.oo else -1))
    approx = formatting.evaluated(expr, 30)  # a key's value evaluated for keys.json already
    if not approx.is_real:
        raise MathTextError("expected a real number")
    return Num(expr, _float(approx))


def read_number(text: str, whole: bool = False) -> Num:
    """``12``, ``3,5``, ``2/3`` on the fast path; ``sqrt(3)``, ``1.2·10^-3`` through sympy.

    Digit groups are joined first (``15 520``; in a ``whole``-number part ``1,576`` = 1576).
    """
    text = mathtext.join_digit_groups(text, whole)
    plain = mathtext.plain_number_typed(text)
    if plain is not None:
        return Num(plain[0], _float(plain[0]), float(plain[1]))
    return number_from(mathtext.parse_scalar(text))


def _numbers(value: Any) -> Any:
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    return number_from(value)


def read_array(text: str, shape: tuple[int, ...] | None = None) -> list[Any]:
    """A vector or matrix of :class:`Num`; plain rows like ``1 2 3`` skip sympy entirely."""
    text = mathtext.join_spaced_groups(text)
    fast = _plain_row(text)
    if fast is not None and (shape is None or shape == (len(fast),)):
        return fast
    result: list[Any] = _numbers(mathtext.parse_array(text, shape=shape))
    return result


def _plain_row(text: str) -> list[Num] | None:
    """``[1, 2.5, -3]`` or ``1 2 3`` when every entry is a plain number (the common case)."""
    body = text.strip()
    if body[:1] in "[(" and body[-1:] in "])":
        body = body[1:-1]
    if any(c in body for c in "[]();"):
        return None
    items = body.split(",") if "," in body else body.split()
    values = [mathtext.plain_number_typed(item) for item in items]
    if not items or any(v is None for v in values):
        return None
    return [Num(v[0], _float(v[0]), float(v[1])) for v in values if v is not None]


def read_choices(text: str, labels: Sequence[str], boolean: bool) -> frozenset[str]:
    """``A,C``, ``a c``, ``{A, C}``, ``AC``, ``1 3`` (option numbers), or yes/no/true/false."""
    body = _OPTION_LABEL.sub(r" \1 ", mathtext.normalize(text)).strip().strip("{}[]()").strip()
    if boolean:
        word = body.lower().rstrip(".")
        if word in YES_WORDS:
            return frozenset({"yes"})
        if word in NO_WORDS:
            return frozenset({"no"})
        raise MathTextError("expected yes or no (true or false)")
    allowed = tuple(labels) or tuple(CHOICE_LETTERS)
    chosen: set[str] = set()
    for token in _CHOICE_SPLIT.split(body):
        if not token:
            continue
        if token.isascii() and token.isdigit():
            index = int(token) - 1
            if not 0 <= index < len(allowed):
                raise MathTextError(f"there is no option {token}")
            chosen.add(allowed[index])
            continue
        letters = token.upper()
        if not letters.isalpha() or any(letter not in allowed for letter in letters):
            raise MathTextError(f"unknown option {token!r} (options: {', '.join(allowed)})")
        chosen.update(letters)
    if not chosen:
        raise MathTextError("no option chosen")
    return frozenset(chosen)


def choices_text(value: frozenset[str]) -> str:
    return ",".join(sorted(value))


def read_constraint(text: str) -> Any:
    """A design answer: ``K=7, S=2, P=0`` becomes a dict, anything else a value or (nested) list
    of sympy numbers, the form a family's ``check_*`` function receives."""
    if "=" in text:
        design: dict[str, Any] = {}
        for item in mathtext.split_top(mathtext.normalize(text), ",;"):
            name, sep, value = item.partition("=")
            if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name.strip()):
                raise MathTextError(f"expected NAME=VALUE pairs like K=3, S=1, not {item!r}")
            design[name.strip()] = mathtext.parse(value)
        return design
    try:
        return mathtext.parse(mathtext.decimal_comma(text))
    except MathTextError:
        array = mathtext.parse_array(text)  # ``7 2 0 6``, ``(7; 2; 0; 6)``
        if all(isinstance(row, list) and len(row) == 1 for row in array):
            return [row[0] for row in array]
        return array


@dataclass(frozen=True)
class KindInfo:
    """What reading an answer needs to know about its part besides the text."""

    kind: str
    symbols: tuple[str, ...] = ()
    shape: tuple[int, ...] | None = None
    labels: tuple[str, ...] = ()
    boolean: bool = False


_PLAIN_TEXT = re.compile(r"\s*[-+\d.,/eE%\[\]() ;]*[\d\])%]\s*")
_SPREADSHEET_TEXT = re.compile(r'=\s*"(.*)"', re.DOTALL)  # ="0.5", Excel's forced text
_APPROXIMATELY = re.compile(r"\\approx(?![A-Za-z])|≈|≃|\\simeq(?![A-Za-z])")
_LONE_EQUALS = re.compile(r"(?<![<>!=≤≥])=(?![<>=])")
_DOUBLE_QUOTES = '"“”„«»'
_BRACKET_OR_EQUALS = re.compile(r"[(){}\[\]=]")


def _after_last_equals(text: str) -> str:
    """The text after the last equals sign outside brackets (``y = 0.5`` is ``0.5``); one inside
    them belongs to the math (``\\sum_{j=1}^{3}``)."""
    lone = {match.start() for match in _LONE_EQUALS.finditer(text)}
    if not lone:
        return text
    depth, cut = 0, -1
    for match in _BRACKET_OR_EQUALS.finditer(text):
        char, index = match.group(), match.start()
        if char in "({[":
            depth += 1
        elif char in ")}]":
            depth = max(0, depth - 1)
        elif depth == 0 and index in lone:
            cut = index
    return text[cut + 1 :]


_ANSWER_WORD = re.compile(
    r"^\s*(?:answer|ans|solution|result|antwort|lösung|loesung|ergebnis)\b\s*[:=]?\s*",
    re.IGNORECASE,
)
_OPTION_WORD = re.compile(r"^\s*(?:options?|choices?|antworten)\b\s*[:=]?\s*", re.IGNORECASE)
# 1.2 10^-3 as handwriting sets it: a single value's power of ten after a space (in a vector the
# space separates entries, so only number and integer parts read it so)
_SPACED_TEN = re.compile(r"(?<=\d)\s+10(?=\s*(?:\^|\*\*))")
_ENDING_PERIOD = re.compile(r"(?<=[^.\s])(?:\.|\.{3,}|…)\s*$")  # 0.5. and 0.333...


# What Python prints for an array, a tensor, a numpy scalar or a tensor's shape, pasted from a
# notebook: array([ 1., -2.]), tensor([0.5000], requires_grad=True), np.float64(0.0012),
# torch.Size([16, 16, 8])
_PRINTED_ARRAY = re.compile(
    r"(?:(?:np|numpy)\.(?:array|asarray|float\d*|int\d*)|array|(?:torch\.)?(?:tensor|Size))"
    r"\s*\((.*)\)",
    re.DOTALL,
)
_KEYWORD_ARGUMENT = re.compile(r"[A-Za-z_]\w*\s*=")


def _printed_array(text: str) -> str:
    """The values inside ``array(...)`` or ``tensor(...)``, without the keyword arguments
    (``dtype=float32``, ``grad_fn=<MulBackward0>``) printed after them."""
    printed = _PRINTED_ARRAY.fullmatch(text)
    if printed is None:
        return text
    values, *keywords = mathtext.split_top(printed.group(1), ",")
    if not all(_KEYWORD_ARGUMENT.match(keyword) for keyword in keywords):
        return text  # array(1, 2): not something Python prints
    return values


def _named_entries(text: str) -> str:
    """``w1 = 0.5, w2 = -1.5`` (each entry named) as the vector ``0.5, -1.5``."""
    separator = ";" if ";" in text else ","
    pieces = mathtext.split_top(text, separator)
    named = [_LONE_EQUALS.split(piece) for piece in pieces]
    if len(pieces) < 2 or any(len(parts) != 2 or not parts[0].strip() for parts in named):
        return text
    return f"{separator} ".join(parts[1].strip() for parts in named)


def typed_answer(text: str, kind: str) -> str:
    """The answer without what people type around it: spreadsheet artefacts (``'0.5``,
    ``="0.5"``, ``=0.5``), quotes, a leading ``Answer:`` (``Option B``), the name of the
    quantity or a working before an equals sign (``y = 0.5``, ``L ≈ 2``, ``2/4 = 0.5``: the
    last value written is the answer), a leading ``~`` or ``≈``, and a full stop or an ellipsis
    at the end (``0.5.``, ``B.``, ``0.333...``); a single value's ``1.2 10^-3`` is a product.

    Design answers (``K=3, S=1``) keep their equals signs, inequalities (``a >= 2``) theirs.
    Text longer than any answer may be is left whole: it is refused as too long when read,
    without a walk through ten megabytes (1.3 s for a vector's entries).
    """
    if len(text) > mathtext.MAX_LENGTH:
        return text
    if _PLAIN_TEXT.fullmatch(text):  # most answers: nothing around them
        return text.strip()
    text = mathtext.INVISIBLE.sub("", text).strip()
    excel = _SPREADSHEET_TEXT.fullmatch(text)
    if excel:
        text = excel.group(1).strip()
    text = text.strip(_DOUBLE_QUOTES).strip()  # also a stray one, as a broken CSV line leaves
    if len(text) > 1 and (text[0], text[-1]) in (("'", "'"), ("‘", "’")):
        text = text[1:-1].strip()
    text = text.removeprefix("'").strip()
    text = _ANSWER_WORD.sub("", text, count=1)
    if kind in ("number", "integer", "vector", "matrix", "shape"):
        text = _printed_array(text)
    if kind in ("choice", "multi"):
        text = _OPTION_WORD.sub("", text, count=1)
    if kind != "constraint":
        text = _APPROXIMATELY.sub("=", text)
        text = _named_entries(text) if kind in ("vector", "matrix") else text
        text = _after_last_equals(text).strip() or text
        text = text.removeprefix("~").strip()
    if kind in ("number", "integer"):
        text = _SPACED_TEN.sub("*10", text)
    return _ENDING_PERIOD.sub("", text)


def read_answer(text: str, info: KindInfo) -> Reading:
    """Read ``text`` as an answer of ``info.kind``; :class:`MathTextError` when unreadable."""
    kind = info.kind
    if kind in ("integer", "number"):
        number = read_number(text, whole=kind == "integer")
        return Reading(number)
    if kind in ("vector", "matrix"):
        array = read_array(text, info.shape)
        return Reading(array, _show)
    if kind == "shape":
        shape = mathtext.parse_shape(text)
        return Reading(shape)
    if kind in ("interval", "set"):
        value = mathtext.parse_set(text)
        return Reading(value, formatting.exact_string)
    if kind == "expression":
        expr = mathtext.parse_scalar(text, info.symbols)
        return Reading(expr, formatting.exact_string)
    if kind in ("choice", "multi"):
        chosen = read_choices(text, info.labels, info.boolean)
        return Reading(chosen, choices_text)
    if kind == "constraint":
        design = read_constraint(text)
        return Reading(design, _show_design)
    raise MathTextError(f"answers of kind {kind!r} are not read automatically")


def scaled(reading: Reading, factor: Fraction, unit: str) -> Reading:
    """A number written in a multiple of the part's unit (``0.656 kB``), in the unit itself."""
    if factor == 1:
        return reading
    number = reading.value
    if not isinstance(number, Num):
        raise MathTextError(f"only a single number can be given in a multiple of {unit}")
    exact = (
        number.exact * factor if isinstance(number.exact, Fraction) else number.exact * int(factor)
    )
    value = Num(exact, number.approx * float(factor), number.spread * float(factor))
    return Reading(value, suffix=f" {unit}")


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return str(value)


def _show_design(design: Any) -> str:
    if isinstance(design, dict):
        return ", ".join(f"{k}={formatting.exact_string(v)}" for k, v in design.items())
    return formatting.exact_string(design)


def from_value(kind: str, value: Any) -> Any:
    """A solution value (sympy, list, Shape, set, string) in the form :func:`read_answer` gives.

    Used for keys recomputed from a student's earlier answers (follow-through).
    """
    if kind in ("integer", "number"):
        return number_from(value)
    if kind in ("vector", "matrix"):
        return _numbers(list(value))
    if kind in ("choice", "multi"):
        return frozenset(str(value).replace(" ", "").split(","))
    return value


def to_solution_value(kind: str, value: Any) -> Any:
    """The inverse of :func:`from_value`: a student's reading as the solution graph's input."""
    if isinstance(value, Num):
        exact = value.exact
        if isinstance(exact, Fraction):
            return sympy.Rational(exact.numerator, exact.denominator)
        return exact
    if isinstance(value, list):
        return [to_solution_value(kind, v) for v in value]
    if isinstance(value, frozenset):
        return choices_text(value)
    return value
