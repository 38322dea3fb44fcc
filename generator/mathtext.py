"""Safe reading of math text into exact sympy values.

Student answers, ``--set`` values and exam specs are untrusted text, so nothing here calls
``eval``, ``exec``, ``sympify`` or ``parse_expr``. A small tokenizer and a precedence-climbing
parser build sympy objects from an allow-list of constants and functions, with limits on length,
nesting depth and the size of powers so that hostile input fails fast with a :class:`MathTextError`.

The grammar is what people write on paper and in spreadsheets: ``2/3``, ``-3.5``, ``1e-3``,
``1.2·10^-3``, ``1.2×10⁻³``, ``−4`` (Unicode minus), ``50%``, ``pi``, ``π``, ``e``, ``sqrt(3)``,
``√3``, ``ln 2``, ``log(2)`` (natural), ``exp(-3)``, ``e^-3``, ``2log2`` and implicit products such
as ``2pi`` or ``3w``. Decimals are read exactly (``0.1`` is ``1/10``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from generator.errors import MathTextError

MAX_LENGTH = 2000
MAX_DEPTH = 40
MAX_DIGITS = 60
MAX_MAGNITUDE_DIGITS = 400  # log10 of the largest power we agree to build exactly


def _sigmoid(x: sympy.Expr) -> sympy.Expr:
    return 1 / (1 + sympy.exp(-x))


FUNCTIONS: dict[str, Callable[[sympy.Expr], sympy.Expr]] = {
    "sqrt": sympy.sqrt,
    "exp": sympy.exp,
    "log": sympy.log,
    "ln": sympy.log,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "tanh": sympy.tanh,
    "abs": sympy.Abs,
    "Abs": sympy.Abs,
    "sigmoid": _sigmoid,
    "σ": _sigmoid,
}
CONSTANTS: dict[str, sympy.Expr] = {
    "pi": sympy.pi,
    "e": sympy.E,
    "E": sympy.E,
    "inf": sympy.oo,
    "oo": sympy.oo,
}

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SUPERSCRIPT_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+")
_REPLACEMENTS = {
    "−": "-",  # minus sign
    "–": "-",  # en dash, common in word-processor exports
    "×": "*",
    "·": "*",
    "⋅": "*",
    "∙": "*",
    "÷": "/",
    "π": "pi",
    "√": " sqrt ",
    "∞": "oo",
    "\u00a0": " ",
}

_TOKEN = re.compile(
    r"""
    (?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+(?![A-Za-z_(]))?)
  | (?P<name>[A-Za-zσ_][A-Za-z0-9_]*)
  | (?P<op>\*\*|[-+*/^(),;\[\]%])
  | (?P<space>\s+)
    """,
    re.VERBOSE,
)


def normalize(text: str) -> str:
    """Map Unicode spellings (superscripts, ×, −, π, √) to the ASCII grammar."""
    text = _SUPERSCRIPT_RUN.sub(lambda m: "^(" + m.group().translate(_SUPERSCRIPTS) + ")", text)
    for old, new in _REPLACEMENTS.items():
        text = text.replace(old, new)
    return unicodedata.normalize("NFKC", text)


@dataclass(frozen=True)
class Token:
    kind: str  # "number", "name", "op", "end"
    text: str
    position: int


def tokenize(text: str, known_names: Iterable[str] = ()) -> list[Token]:
    """Split normalized text into tokens; unknown letter runs are split into known names."""
    if len(text) > MAX_LENGTH:
        raise MathTextError(f"answer is too long ({len(text)} characters, limit {MAX_LENGTH})")
    known = set(FUNCTIONS) | set(CONSTANTS) | set(known_names)
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise MathTextError(f"unexpected character {text[pos]!r}", pos)
        kind = match.lastgroup or ""
        value = match.group()
        if kind == "number" and len(value) > MAX_DIGITS:
            raise MathTextError(f"number with more than {MAX_DIGITS} characters", pos)
        if kind == "name":
            tokens.extend(_split_name(value, pos, known))
        elif kind != "space":
            tokens.append(Token(kind, value, pos))
        pos = match.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


def _split_name(word: str, position: int, known: set[str]) -> list[Token]:
    """Read ``2log2``'s ``log2`` as ``log 2`` and ``xy`` as ``x y`` when those names are known."""
    if word in known:
        return [Token("name", word, position)]
    parts: list[Token] = []
    i = 0
    while i < len(word):
        digits = re.match(r"\d+", word[i:])
        if digits:
            parts.append(Token("number", digits.group(), position + i))
            i += digits.end()
            continue
        for end in range(len(word), i, -1):
            if word[i:end] in known:
                parts.append(Token("name", word[i:end], position + i))
                i = end
                break
        else:
            raise MathTextError(f"unknown name {word!r}", position)
    return parts


class _Parser:
    """Precedence climbing over the token list; every node is built with sympy constructors."""

    def __init__(self, tokens: Sequence[Token], symbols: dict[str, sympy.Symbol]):
        self.tokens = tokens
        self.index = 0
        self.symbols = symbols
        self.depth = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, text: str) -> None:
        if self.current.text != text:
            found = self.current.text or "the end"
            raise MathTextError(f"expected {text!r} but found {found!r}", self.current.position)
        self.advance()

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise MathTextError(f"nested more than {MAX_DEPTH} levels deep", self.current.position)

    def value(self) -> Any:
        """A scalar expression or a bracketed (possibly nested) list of them."""
        if self.current.text == "[":
            return self.bracket_list()
        return self.sum()

    def bracket_list(self) -> list[Any]:
        self.enter()
        self.expect("[")
        rows: list[list[Any]] = [[]]
        if self.current.text != "]":
            while True:
                rows[-1].append(self.value())
                if self.current.text == ",":
                    self.advance()
                elif self.current.text == ";":
                    self.advance()
                    rows.append([])
                else:
                    break
        self.expect("]")
        self.depth -= 1
        return rows[0] if len(rows) == 1 else rows

    def sum(self) -> sympy.Expr:
        left = self.product()
        while self.current.text in ("+", "-"):
            op = self.advance().text
            right = self.product()
            left = left + right if op == "+" else left - right
        return left

    def product(self) -> sympy.Expr:
        left = self.unary()
        while True:
            token = self.current
            if token.text in ("*", "/"):
                self.advance()
                right = self.unary()
                if token.text == "/":
                    if right == 0:
                        raise MathTextError("division by zero", token.position)
                    left = left / right
                else:
                    left = left * right
            elif self.starts_atom(token) and not (
                token.kind == "number" and self.tokens[self.index - 1].kind == "number"
            ):
                left = left * self.power()
            else:
                return left

    @staticmethod
    def starts_atom(token: Token) -> bool:
        return token.kind in ("number", "name") or token.text == "("

    def unary(self) -> sympy.Expr:
        if self.current.text in ("-", "+"):
            self.enter()
            sign = self.advance().text
            operand = self.unary()
            self.depth -= 1
            return -operand if sign == "-" else operand
        return self.power()

    def power(self) -> sympy.Expr:
        base = self.postfix()
        if self.current.text in ("^", "**"):
            token = self.advance()
            self.enter()
            exponent = self.unary()
            self.depth -= 1
            return _safe_power(base, exponent, token.position)
        return base

    def postfix(self) -> sympy.Expr:
        atom = self.atom()
        while self.current.text == "%":
            self.advance()
            atom = atom / 100
        return atom

    def atom(self) -> sympy.Expr:
        token = self.current
        if token.kind == "number":
            self.advance()
            return sympy.Rational(token.text)
        if token.text == "(":
            self.enter()
            self.advance()
            inner = self.sum()
            self.expect(")")
            self.depth -= 1
            return inner
        if token.kind == "name":
            self.advance()
            if token.text in self.symbols:
                return self.symbols[token.text]
            if token.text in CONSTANTS:
                return CONSTANTS[token.text]
            return self.call(token)
        found = token.text or "the end of the answer"
        raise MathTextError(f"expected a number or name but found {found!r}", token.position)

    def call(self, token: Token) -> sympy.Expr:
        function = FUNCTIONS[token.text]
        self.enter()
        argument = self.power() if self.current.text != "(" else self.atom()
        self.depth -= 1
        if token.text in ("exp",) and argument.is_number and abs(float(argument)) > 1000:
            raise MathTextError("exponent too large", token.position)
        return function(argument)


def _safe_power(base: sympy.Expr, exponent: sympy.Expr, position: int) -> sympy.Expr:
    """Refuse powers whose exact value would have hundreds of digits (``9**9**9**9``)."""
    if base.is_number and exponent.is_number:
        try:
            size = abs(float(exponent)) * math.log10(max(abs(float(base)), 1e-300))
        except (TypeError, OverflowError, ValueError):
            raise MathTextError("power too large to compute", position) from None
        if not math.isfinite(size) or abs(size) > MAX_MAGNITUDE_DIGITS:
            raise MathTextError("power too large to compute", position)
    return sympy.Pow(base, exponent)


def _symbol_table(symbols: Iterable[str]) -> dict[str, sympy.Symbol]:
    return {name: sympy.Symbol(name) for name in symbols}


def parse(text: str, symbols: Iterable[str] = ()) -> Any:
    """Read ``text`` as a scalar sympy value or a nested list (``[1, 2]``, ``[1, 0; 0, 1]``).

    ``symbols`` are the free names the answer may use (an expression part's variables).
    Raises :class:`MathTextError` for anything else; never evaluates code.
    """
    table = _symbol_table(symbols)
    normalized = normalize(text.strip())
    if not normalized:
        raise MathTextError("empty answer")
    parser = _Parser(tokenize(normalized, table), table)
    result = parser.value()
    if parser.current.kind != "end":
        raise MathTextError(f"unexpected {parser.current.text!r}", parser.current.position)
    return result


def parse_scalar(text: str, symbols: Iterable[str] = ()) -> sympy.Expr:
    """Like :func:`parse` but insists on one scalar value."""
    result = parse(text, symbols)
    if isinstance(result, list):
        raise MathTextError("expected a single value, not a list")
    return result
