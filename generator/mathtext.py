"""Safe reading of math text into exact sympy values.

Student answers, ``--set`` values and exam specs are untrusted text, so nothing here calls
``eval``, ``exec``, ``sympify`` or ``parse_expr``. A small tokenizer and a precedence-climbing
parser build sympy objects from an allow-list of constants and functions, with limits on length,
nesting depth and the size of powers so that hostile input fails fast with a :class:`MathTextError`.

The grammar is what people write on paper and in spreadsheets: ``2/3``, ``-3.5``, ``1e-3``,
``1.2·10^-3``, ``1.2×10⁻³``, ``−4`` (Unicode minus), ``50%``, ``pi``, ``π``, ``e``, ``sqrt(3)``,
``√3``, ``ln 2``, ``log(2)`` (natural), ``exp(-3)``, ``e^-3``, ``2log2`` and implicit products such
as ``2pi`` or ``3w``. Decimals are read exactly (``0.1`` is ``1/10``); a single comma between
digits is a decimal comma (``3,5``) in a scalar, and :func:`join_digit_groups` states when digit
groups (``15 520``, ``1,576.5``) are one number. Students also type LaTeX (``\\frac{2}{5}``,
``$0.4$``, ``\\sqrt{2}``, ``2 \\cdot 3``, read by :func:`latex_math`) and Greek letters, which
stand for their names (``θ`` is ``theta``); a declared symbol may carry the decoration the
question prints (``θ_i^*``, ``H_{ii}``).

Besides scalars and bracketed lists, the module reads the other answer forms a key is written in:
:func:`parse_array` (``(1; 2)``, ``1 2 3``, ``1 0; 0 1``), :func:`parse_shape` (``8x8x5``,
``(3,4,5,5)``) and :func:`parse_set` (``(0, 1/3]``, ``]0; 1/3[``, ``0 < a < 1/3``, unions with
``U`` or ``∪``, ``{2}``). :func:`plain_number` reads plain decimals and fractions without sympy,
which keeps grading thousands of numeric answers fast.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from generator.errors import MathTextError
from generator.formatting import Shape

MAX_LENGTH = 2000
MAX_DEPTH = 40
MAX_DIGITS = 60
MAX_MAGNITUDE_DIGITS = 400  # log10 of the largest power we agree to build exactly
MAX_SYMBOLIC_EXPONENT = 100  # x^100 is the largest power of a free symbol we build


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
    "sigma": _sigmoid,  # σ(z); a part whose symbols include sigma reads it as that symbol
}
CONSTANTS: dict[str, sympy.Expr] = {
    "pi": sympy.pi,
    "e": sympy.E,
    "E": sympy.E,
    "inf": sympy.oo,
    "infinity": sympy.oo,
    "Infinity": sympy.oo,
    "oo": sympy.oo,
}

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SUPERSCRIPT_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+")
_REPLACEMENTS = {
    "−": "-",  # minus sign
    "–": "-",  # en dash, common in word-processor exports
    "‐": "-",  # hyphen, non-breaking hyphen and figure dash, from word processors and PDFs
    "‑": "-",
    "‒": "-",
    "×": "*",
    "·": "*",
    "⋅": "*",
    "∙": "*",
    "•": "*",
    "÷": "/",
    "π": "pi",
    "√": " sqrt ",
    "∞": "oo",
    "\u00a0": " ",
    "\u2044": "/",  # fraction slash
}

_TOKEN = re.compile(
    r"""
    (?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+(?![A-Za-z_(]))?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\*\*|[-+*/^(),;\[\]%])
  | (?P<space>\s+)
    """,
    re.VERBOSE,
)


def check_length(text: str) -> None:
    """Refuse overlong text before any work is done on it (a 10 MB spreadsheet cell)."""
    if len(text) > MAX_LENGTH:
        raise MathTextError(f"answer is too long ({len(text)} characters, limit {MAX_LENGTH})")


_ABS_BARS = re.compile(r"\|([^|]*)\|")
# pasted from the web or Word, or control characters a broken export leaves (a NUL)
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
_VULGAR_FRACTION = re.compile(rf"(\d*)\s*([{_VULGAR}])")


def _vulgar_fraction(match: re.Match[str]) -> str:
    """``½`` is 1/2 and ``1½`` the mixed number 3/2 (Unicode's own reading, ``11⁄2``, is not)."""
    whole = int(match.group(1) or 0)
    numerator, _, denominator = unicodedata.normalize("NFKC", match.group(2)).partition("\u2044")
    value = whole + Fraction(int(numerator), int(denominator))
    return f"({value.numerator}/{value.denominator})"


# A sum typed without LaTeX: ``∑_j``, ``Σ_{j=1}^3`` or ``sum_j`` is ``\\sum`` (a Σ with no index
# after it is the letter Sigma, a covariance matrix, say).
_SUM_SIGN = re.compile(r"∑|Σ(?=\s*_)|(?<![A-Za-z0-9_\\])sum(?=\s*_)")


def normalize(text: str, symbols: Iterable[str] = ()) -> str:
    """Map LaTeX, Unicode spellings (superscripts, ×, −, √, Greek letters), digit groups split
    by thin or no-break spaces, and |x| bars to the ASCII grammar (``symbols``: the part's
    names, which give a sum like ``\\sum_j e^{z_j}`` its range)."""
    check_length(text)
    text = _SUM_SIGN.sub(r"\\sum", INVISIBLE.sub("", text))
    if any(mark in text for mark in ("\\", "$", "^{", "_{")):
        text = latex_math(text, symbols)
    text = join_spaced_groups(text)
    if any(c in _VULGAR for c in text):
        text = _VULGAR_FRACTION.sub(_vulgar_fraction, text)
    text = _SUPERSCRIPT_RUN.sub(lambda m: "^(" + m.group().translate(_SUPERSCRIPTS) + ")", text)
    text = _ABS_BARS.sub(r" abs(\1)", text)
    for old, new in _REPLACEMENTS.items():
        text = text.replace(old, new)
    text = unicodedata.normalize("NFKC", text)
    return _GREEK_RUN.sub(lambda m: f" {GREEK[m.group()]}", text)


# -- LaTeX and Greek letters as students type them ---------------------------------------------
def _greek_names() -> dict[str, str]:
    """``θ`` -> ``theta``, ``Δ`` -> ``Delta``: every Greek letter by its name (π stays ``pi``)."""
    names = {}
    for code in [*range(0x3B1, 0x3CA), *range(0x391, 0x3AA)]:
        char = chr(code)
        try:
            words = unicodedata.name(char).split()
        except ValueError:  # U+03A2 is unassigned
            continue
        name = words[-1].lower().replace("lamda", "lambda")
        names[char] = name.capitalize() if words[1] == "CAPITAL" else name
    names["ς"] = "sigma"
    return names


GREEK = _greek_names()
_GREEK_RUN = re.compile("[" + "".join(GREEK) + "]")
# LaTeX commands a student may type, as the text this grammar reads.
_LATEX_WORDS: dict[str, str] = {
    **{name: f" {name}" for name in set(GREEK.values())},
    "varepsilon": " epsilon",
    "vartheta": " theta",
    "varphi": " phi",
    "cdot": "*",
    "times": "*",
    "ast": "*",
    "div": "/",
    "infty": "oo",
    "le": "<=",
    "leq": "<=",
    "ge": ">=",
    "geq": ">=",
    "lt": "<",
    "gt": ">",
    "cup": " U ",
    "in": " ∈ ",
    "emptyset": "{}",
    "varnothing": "{}",
    "lvert": "|",
    "rvert": "|",
    "vert": "|",
    "left": "",
    "right": "",
    "bigl": "",
    "bigr": "",
    "Bigl": "",
    "Bigr": "",
    "displaystyle": "",
    "top": "T",
    **{name: f" {name} " for name in ("ln", "log", "exp", "sin", "cos", "tan", "tanh", "max")},
}
_LATEX_UNWRAPPED = ("operatorname", "mathrm", "text", "mathit", "mathbf", "boldsymbol", "mathbb")
_LATEX_SPACES = {",": "\u2009", ";": " ", ":": " ", "!": "", " ": " ", "%": "%"}
_LATEX_COMMAND = re.compile(r"\\([A-Za-z]+|.)")


def brace_group(text: str, start: int) -> tuple[str, int] | None:
    """The ``{...}`` group starting at ``start`` (after spaces) and the index after it."""
    index = start
    while index < len(text) and text[index] == " ":
        index += 1
    if index >= len(text) or text[index] != "{":
        return None
    depth = 0
    for end in range(index, len(text)):
        if text[end] == "{":
            depth += 1
        elif text[end] == "}":
            depth -= 1
            if depth == 0:
                return text[index + 1 : end], end + 1
    return None


def latex_math(text: str, symbols: Iterable[str] = ()) -> str:
    """Math typed as LaTeX (``$\\frac{2}{5}$``, ``\\sqrt{2}``, ``2 \\cdot 3``, ``e^{-3}``) in
    this module's grammar; an unknown command is an error naming it. A sum
    (``\\sum_{j=1}^{3} e^{z_j}``) is written out term by term (:func:`_expand_sum`)."""
    out: list[str] = []
    index = 0
    text = text.replace("$", "").replace("{,}", ",")
    while True:
        match = _LATEX_COMMAND.search(text, index)
        if match is None:
            out.append(text[index:])
            break
        out.append(text[index : match.start()])
        name, index = match.group(1), match.end()
        first = brace_group(text, index)
        if name in ("frac", "dfrac", "tfrac"):
            second = brace_group(text, first[1]) if first else None
            digits = re.match(r"\s*(\d)(\d)", text[index:])
            if first and second:
                numerator = latex_math(first[0], symbols)
                denominator = latex_math(second[0], symbols)
                index = second[1]
            elif digits:  # \frac12
                numerator, denominator = digits.groups()
                index += digits.end()
            else:
                raise MathTextError("\\frac needs two groups, like \\frac{2}{5}", match.start())
            whole = re.search(r"(?<![\w.^])(\d+)\s*$", out[-1]) if out else None
            if whole and numerator.strip().isdigit() and denominator.strip().isdigit():
                out[-1] = out[-1][: whole.start()]  # 1\frac{1}{2}, a mixed number, is 3/2
                numerator = f"{whole.group(1)}*({denominator})+{numerator}"
            out.append(f"(({numerator})/({denominator}))")
        elif name == "begin" and first is not None:
            end = text.find(f"\\end{{{first[0]}}}", first[1])
            if end < 0:
                raise MathTextError(f"\\begin{{{first[0]}}} without \\end", match.start())
            out.append(_latex_grid(text[first[1] : end]))
            index = end + len(f"\\end{{{first[0]}}}")
        elif name == "sum":
            terms, index = _expand_sum(text, index, match.start(), symbols)
            written = latex_math(terms, symbols)
            if len(written) > MAX_LENGTH:  # sums of sums: the limits keep hostile text cheap
                raise MathTextError("the sum is too long written out term by term", match.start())
            out.append(f"({written})")
        elif name == "sqrt":
            root = re.match(r"\s*\[([^\]]*)\]", text[index:])
            if root:
                first = brace_group(text, index + root.end())
            if first is None:
                raise MathTextError("\\sqrt needs a group, like \\sqrt{2}", match.start())
            inner = latex_math(first[0], symbols)
            out.append(f"(({inner})^(1/({root.group(1)})))" if root else f"sqrt({inner})")
            index = first[1]
        elif name in _LATEX_UNWRAPPED and first is not None:
            out.append(f" {latex_math(first[0], symbols)} ")
            index = first[1]
        elif name in _LATEX_WORDS:
            out.append(_LATEX_WORDS[name])
        elif name in _LATEX_SPACES:
            out.append(_LATEX_SPACES[name])
        elif name in "{}[]()":
            out.append("\0" + name)  # a literal brace of a set, or a \[ \] display
        elif name in CONSTANTS or name in FUNCTIONS:
            out.append(f" {name} ")
        else:
            raise MathTextError(f"unknown LaTeX command \\{name}", match.start())
    result = re.sub(r"_\{(\w+)\}", r"_\1", "".join(out))
    result = result.replace("{", "(").replace("}", ")")
    result = result.replace("\0{", "{").replace("\0}", "}")
    return re.sub("\0[\\[\\]()]", "", result)


_SUM_INDEX = re.compile(
    r"\s*_\s*(?:\{\s*([A-Za-z])\s*(?:=\s*(-?\d+)\s*)?\}|([A-Za-z]))"
    r"(?:\s*\^\s*(?:\{\s*(-?\d+)\s*\}|(\d)))?"
)
MAX_SUM_TERMS = 50


def _sum_body(text: str, start: int) -> tuple[str, int]:
    """What a ``\\sum`` adds up, as LaTeX binds it: a braced group, or the product that follows,
    up to a ``+``, ``-``, ``=`` or ``,`` outside brackets or a bracket the sum is inside."""
    group = brace_group(text, start)
    if group is not None:
        return group
    depth, index = 0, start
    while index < len(text):
        char = text[index]
        before = text[start:index].rstrip()
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and char in "+-=,;" and before and before[-1] not in "^_(*/":
            break
        index += 1
    return text[start:index], index


def _expand_sum(text: str, start: int, position: int, symbols: Iterable[str]) -> tuple[str, int]:
    """``\\sum_{j=1}^{3} e^{z_j}`` as ``e^{z_1} + e^{z_2} + e^{z_3}`` (still LaTeX), and where
    the text ends. Without limits (``\\sum_j e^{z_j}``) the index runs over the part's own
    names: z1, z2, z3 for ``z_j``."""
    limits = _SUM_INDEX.match(text, start)
    if limits is None:
        raise MathTextError("a sum needs its index, like \\sum_{j=1}^{3} e^{z_j}", position)
    variable = limits.group(1) or limits.group(3)
    lower, upper = limits.group(2), limits.group(4) or limits.group(5)
    body, end = _sum_body(text, limits.end())
    symbols = tuple(symbols)  # read twice below
    body = _subscript_run_together(body, variable, symbols)
    bound = re.compile(rf"(?<![A-Za-z\\]){variable}(?![A-Za-z])")
    if lower is not None and upper is not None:
        count = int(upper) - int(lower) + 1
        if not 1 <= count <= MAX_SUM_TERMS:
            raise MathTextError(f"a sum of 1 to {MAX_SUM_TERMS} terms, not {count}", position)
        indices = list(range(int(lower), int(upper) + 1))
    elif lower is None and upper is None:
        bases = set(re.findall(rf"([A-Za-z]+)_\{{?{variable}\}}?(?![A-Za-z])", body))
        found = (
            {re.fullmatch(rf"({'|'.join(bases)})(\d+)", name) for name in symbols}
            if bases
            else set()
        )
        indices = sorted({int(m.group(2)) for m in found if m})
        if not indices:
            raise MathTextError(
                f"give the sum's range, like \\sum_{{{variable}=1}}^{{3}}", position
            )
    else:
        raise MathTextError("a sum needs both limits, like \\sum_{j=1}^{3}", position)
    terms = [bound.sub(str(value), body) for value in indices]
    return " + ".join(f"({term})" for term in terms), end


def _subscript_run_together(body: str, variable: str, symbols: Iterable[str]) -> str:
    """``exp(zj)`` as ``exp(z_j)`` when the part's names are z1, z2, ... (as z1 is typed for
    ``z_1``); a name that is not such a base with the index after it is left alone."""
    bases = {m.group(1) for name in symbols if (m := re.fullmatch(r"([A-Za-z]+)\d+", name))}
    if not bases:
        return body
    alternatives = "|".join(sorted(bases, key=len, reverse=True))
    joined = re.compile(rf"(?<![A-Za-z\\])({alternatives}){variable}(?![A-Za-z0-9])")
    return joined.sub(rf"\1_{variable}", body)


def _latex_grid(body: str) -> str:
    """A ``pmatrix`` or ``bmatrix`` body (rows split by ``\\\\``, cells by ``&``) as
    ``[a, b; c, d]``; a comma inside a cell is a decimal comma there."""
    body = re.sub(r"^\s*\{[^{}]*\}", "", body)  # an array's column spec
    rows = [row for row in re.split(r"\\\\(?:\[[^\]]*\])?", body) if row.strip()]
    cells = [
        [_DECIMAL_COMMA.sub(".", latex_math(cell).strip()) for cell in row.split("&")]
        for row in rows
    ]
    return "[" + "; ".join(", ".join(row) for row in cells) + "]"


# -- digit groups -----------------------------------------------------------------------------
_GROUP_SPACE = "\u2009\u202f\u00a0'’"  # thin, narrow and no-break spaces; Swiss 1'576
_SPACED_GROUPS = re.compile(rf"(?<=\d)[{_GROUP_SPACE}](?=\d{{3}}(?!\d))")
_SPACE_GROUPED = re.compile(rf"\s*[+\-−–]?\d{{1,3}}(?:[ {_GROUP_SPACE}]\d{{3}})+(?:[.,]\d+)?\s*")
_COMMA_THOUSANDS = re.compile(r"\s*[+\-−–]?\d{1,3}(?:,\d{3})+(?:\.\d*)?\s*")
_DOT_THOUSANDS = re.compile(r"\s*[+\-−–]?\d{1,3}(?:\.\d{3})+,\d*\s*")
_MANY_COMMAS = re.compile(r"\s*[+\-−–]?\d{1,3}(?:,\d{3}){2,}\s*")
_DOT_GROUPS = re.compile(r"\s*[+\-−–]?[1-9]\d{0,2}(?:\.\d{3})+\s*")
_WHOLE_DECIMAL = re.compile(r"[^.]*\.0+\s*")


def join_spaced_groups(text: str) -> str:
    """``15 520`` with a thin or no-break space (never a plain space, which separates the
    entries of a vector), or the Swiss ``15'520``, is one number wherever it stands."""
    return _SPACED_GROUPS.sub("", text) if any(c in text for c in _GROUP_SPACE) else text


def join_digit_groups(text: str, whole: bool = False) -> str:
    """One number written with digit groups, without them (the rules the README states).

    Groups of three digits after a space, thin space or no-break space (``15 520``) are one
    number, and so are thousands commas when a decimal point follows (``1,576.5``) or there are
    several (``1,576,000``), thousands dots before a decimal comma (``1.576,5``) and, in a
    ``whole``-number part, a single comma before exactly three digits (``1,576`` = 1576) and
    thousands dots that cannot be a decimal point of a whole number (``6.055`` = 6055,
    ``1.576.000``; ``3.000`` stays 3). Elsewhere a single comma is a decimal comma (``1,576`` =
    1.576).
    """
    if _SPACE_GROUPED.fullmatch(text):
        return re.sub(rf"[ {_GROUP_SPACE}]", "", text.strip())
    if _MANY_COMMAS.fullmatch(text) or (
        _COMMA_THOUSANDS.fullmatch(text) and ("." in text or whole)
    ):
        return text.replace(",", "")
    if _DOT_THOUSANDS.fullmatch(text):
        return text.replace(".", "")
    if whole and _DOT_GROUPS.fullmatch(text) and not _WHOLE_DECIMAL.fullmatch(text):
        return text.replace(".", "")
    return text


@dataclass(frozen=True)
class Token:
    kind: str  # "number", "name", "op", "end"
    text: str
    position: int


def tokenize(text: str, known_names: Iterable[str] = ()) -> list[Token]:
    """Split normalized text into tokens; unknown letter runs are split into known names."""
    check_length(text)
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
            tokens.extend(_split_name(value, pos, known, text))
        elif kind != "space":
            tokens.append(Token(kind, value, pos))
        pos = match.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


def _split_name(word: str, position: int, known: set[str], text: str) -> list[Token]:
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
            hint = _digit_lookalike(word, _next_to_digits(text, position, position + len(word)))
            raise MathTextError(f"unknown name {word!r}{hint}", position)
    return parts


_LOOKALIKE_DIGITS = {"O": "0", "o": "0", "I": "1", "l": "1", "S": "5", "B": "8"}
_ALONE_LOOKALIKES = set("OoIl")  # a digit even on their own; S and B only next to digits
_AFTER_DIGITS = re.compile(r"\d[.,]?$")  # searched in the text before a name
_BEFORE_DIGITS = re.compile(r"[.,]?\d")  # matched at the end of a name


def _next_to_digits(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` touches a digit (``6,2S``, ``S.5``)."""
    before = _AFTER_DIGITS.search(text, max(0, start - 2), start)
    return bool(before or _BEFORE_DIGITS.match(text, end))


def _digit_lookalike(word: str, glued: bool) -> str:
    """A hint when a name is digits typed with look-alike letters (``1OO4``, ``l5``, ``6,2S``):
    the letter is not read as the digit, since a guess could be wrong, but the student is told.
    S and B count only in or next to digits (``B`` alone is an option, ``S`` a name)."""
    letters = {c for c in word if not c.isdigit()}
    suspect = glued or any(c.isdigit() for c in word) or letters <= _ALONE_LOOKALIKES
    if suspect and "".join(_LOOKALIKE_DIGITS.get(c, c) for c in word).isdigit():
        told = ", ".join(
            f"{c!r} is a letter, not the digit {_LOOKALIKE_DIGITS[c]}" for c in sorted(letters)
        )
        return f" ({told})"
    return ""


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
            _check_number_exponent(token.text, token.position)
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


def _check_number_exponent(text: str, position: int) -> None:
    """``1e999999`` would build a million-digit integer: refuse exponents past the power limit."""
    _, sep, exponent = text.lower().partition("e")
    if sep and abs(int(exponent)) > MAX_MAGNITUDE_DIGITS:
        raise MathTextError("number too large to compute", position)


def _safe_power(base: sympy.Expr, exponent: sympy.Expr, position: int) -> sympy.Expr:
    """Refuse powers whose exact value would have hundreds of digits (``9**9**9**9``).

    Powers of expressions in free symbols are capped too, so that expanding or evaluating
    ``(x + 1)^(10^6)`` cannot stall the grader.
    """
    if not base.is_number and exponent.is_number:
        try:
            too_big = abs(float(exponent)) > MAX_SYMBOLIC_EXPONENT
        except (TypeError, OverflowError, ValueError):
            too_big = True
        if too_big:
            raise MathTextError("power too large to compute", position)
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


def _as_printed(text: str, symbols: Iterable[str]) -> str:
    """A symbol written the way the question prints it, as its plain name: ``θ_i^*``,
    ``theta*`` and ``\\theta_i^*`` are ``theta``, ``H_{ii}`` is ``H``, ``w_1`` is ``w1``."""
    names = set(symbols)

    def plain(match: re.Match[str]) -> str:
        base, subscript, star = match.group(1), match.group(2) or "", match.group(3)
        joined = base + subscript[1:]
        if subscript and joined in names:
            return joined
        if base in names and (subscript or star):
            return base
        return match.group(0)

    return _DECORATED_NAME.sub(plain, text)


# ``1.2 E-3`` and ``1.2E -3``: a spreadsheet's exponent with a space in it (where no symbol is
# named e); ``1.2*e-3`` and ``1.2e - 3`` stay products with Euler's number
_SPACED_EXPONENT = re.compile(r"(?<=\d)(?:\s+[eE](?=[+\-]?\d)|[eE]\s+(?=[+\-]\d))")
_TIMES_TEN = re.compile(r"(?<=\d)\s*[xX]\s*10(?=\s*(?:\^|\*\*))")  # 1.2x10^-3, 1.2 X 10^-3
_DECORATED_NAME = re.compile(
    r"(?<![A-Za-z_])([A-Za-z][A-Za-z0-9]*)(_[A-Za-z0-9]+)?"
    r"(\s*\^\s*\*|\*(?=\s*(?:$|[)+,;\]])))?(?![A-Za-z0-9_])"
)


def parse(text: str, symbols: Iterable[str] = ()) -> Any:
    """Read ``text`` as a scalar sympy value or a nested list (``[1, 2]``, ``[1, 0; 0, 1]``).

    ``symbols`` are the free names the answer may use (an expression part's variables).
    Raises :class:`MathTextError` for anything else; never evaluates code.
    """
    check_length(text)
    table = _symbol_table(symbols)
    normalized = normalize(text.strip(), table)
    if not normalized:
        raise MathTextError("empty answer")
    if table:
        normalized = _as_printed(normalized, table)
    if "x" not in table:
        normalized = _TIMES_TEN.sub("*10", normalized)
    if not table:
        normalized = _SPACED_EXPONENT.sub("e", normalized)
    parser = _Parser(tokenize(normalized, table), table)
    result = parser.value()
    if parser.current.kind != "end":
        raise MathTextError(f"unexpected {parser.current.text!r}", parser.current.position)
    _check_defined(result)
    return result


def _check_defined(value: Any) -> None:
    """``1/(1-1)`` or ``log(0)`` build sympy's complex infinity or NaN: no answer means that."""
    if isinstance(value, list):
        for item in value:
            _check_defined(item)
    elif value.has(sympy.zoo, sympy.nan):
        raise MathTextError("the value is undefined (a division by zero or log of 0)")


def parse_scalar(text: str, symbols: Iterable[str] = ()) -> sympy.Expr:
    """Like :func:`parse` but insists on one scalar value; ``3,5`` is read as 3.5."""
    check_length(text)
    result = parse(decimal_comma(text, scalar=True), symbols)
    if isinstance(result, list):
        raise MathTextError("expected a single value, not a list")
    return result


# -- decimal commas and plain numbers ---------------------------------------------------------
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_PLAIN_NUMBER = re.compile(
    r"\s*([+\-−–]?)\s*(\d+|\d+[.,]\d*|[.,]\d+)(?:[eE]([+\-−]?\d{1,6}))?\s*(%?)\s*"
)
_PLAIN_FRACTION = re.compile(
    r"\s*(?P<sign>[+\-−–]?)\s*(?:(?P<whole>\d+)\s+)?(?P<num>\d+)\s*/\s*(?P<den>\d+)\s*"
)  # 2/3, and the mixed number 1 1/2


def decimal_comma(text: str, scalar: bool = False) -> str:
    """``3,5`` -> ``3.5`` when a lone comma sits between digits outside brackets.

    In a ``scalar`` (which no comma can separate into items) every comma between digits is a
    decimal comma unless square brackets show a list: ``1,2·10^(-3)``, ``0,4 w - ln(w)``,
    ``1,2 \\cdot 10^{-3}``.

    European spreadsheets write decimals with a comma; a comma is only a separator inside
    brackets or next to other commas, so ``1,000`` is read as 1.000 here. Where a thousands
    separator can be told apart (``1,576.5``, ``1,576,000``, or a whole-number part), the
    reader has already removed it with :func:`join_digit_groups`. LaTeX's ``0{,}5`` is one too.
    """
    text = text.replace("{,}", ",")
    if any(c in text for c in ("[];" if scalar else "[];{}")):
        return text
    if scalar or (text.count(",") == 1 and "(" not in text):
        return _DECIMAL_COMMA.sub(".", text)
    return text


def plain_number(text: str) -> Fraction | None:
    """Read ``12``, ``-3.5``, ``3,5``, ``1e-3``, ``50%`` or ``2/3`` exactly, without sympy.

    Returns ``None`` for anything else (the caller then uses :func:`parse_scalar`, which also
    reports why text is unreadable). This is the grader's fast path: most answers are plain.
    """
    read = plain_number_typed(text)
    return None if read is None else read[0]


def plain_number_typed(text: str) -> tuple[Fraction, Fraction] | None:
    """:func:`plain_number` and half a unit of the last digit typed (0 when exact).

    ``1.71`` is (171/100, 1/200): whoever rounded to two decimals meant a value in
    [1.705, 1.715]. Whole numbers and fractions (``12``, ``2/3``) are taken as exact.
    """
    if len(text) > MAX_DIGITS:
        return None
    match = _PLAIN_NUMBER.fullmatch(text)
    if match:
        sign, digits, exponent, percent = match.groups()
        whole, _, decimals = digits.replace(",", ".").partition(".")
        power = -len(decimals) - 2 * bool(percent)
        if exponent:
            power += int(exponent.replace("−", "-"))
            if abs(power) > MAX_MAGNITUDE_DIGITS:
                return None
        mantissa = int(whole + decimals) if whole or decimals else 0
        if sign and sign != "+":
            mantissa = -mantissa
        unit = Fraction(10) ** power
        half = unit / 2 if decimals or exponent else Fraction(0)
        return Fraction(mantissa) * unit, half
    match = _PLAIN_FRACTION.fullmatch(text)
    if match and int(match["den"]) != 0:
        sign, whole, numerator, denominator = match.groups()
        value = int(whole or 0) + Fraction(int(numerator), int(denominator))
        return (-value if sign and sign != "+" else value), Fraction(0)
    return None


# -- vectors and matrices ---------------------------------------------------------------------
_OPENING = {"[": "]", "(": ")"}


def split_top(text: str, separators: str) -> list[str]:
    """Split at separators that are not inside brackets or parentheses."""
    pieces: list[str] = []
    depth = 0
    start = 0
    for i, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and char in separators:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces]


def _unwrap(text: str) -> str:
    """Remove one pair of brackets around the whole text (``[1, 2]`` -> ``1, 2``)."""
    text = text.strip()
    if len(text) >= 2 and text[0] in _OPENING and text[-1] == _OPENING[text[0]]:
        depth = 0
        for i, char in enumerate(text):
            depth += char in "(["
            depth -= char in ")]"
            if depth == 0 and i < len(text) - 1:
                return text  # ``(1)(2)``: the first bracket closes early
        return text[1:-1].strip()
    return text


_SPACED_ENTRY = re.compile(r"[+\-−–]?(?:\d+(?:\.\d*|,\d+)?|[.,]\d+)(?:[eE][+\-−]?\d+)?")


def _row(text: str, symbols: Iterable[str], comma_decimal: bool) -> list[Any]:
    """One row: elements split at commas (or ``;``), else at spaces when the whole is no value."""
    if comma_decimal:
        return [parse_scalar(item, symbols) for item in split_top(text, ";")]
    words = text.split()
    if len(words) > 1 and all(_SPACED_ENTRY.fullmatch(word) for word in words):
        return [parse_scalar(word) for word in words]  # ``1.67 -0.2``, ``0,5 -1,5``
    items = split_top(text, ",")
    try:
        return [parse_scalar(item, symbols) for item in items]
    except MathTextError:
        words = text.split()  # ``1 2 3``, or ``0 0,5`` with a decimal comma
        if len(words) < 2:
            raise
        return [parse_scalar(word, symbols) for word in words]


def _rows(text: str, symbols: Iterable[str]) -> list[Any]:
    inner = _unwrap(text)
    groups = split_top(inner, ",;")
    nested = all(g[:1] in _OPENING and _unwrap(g) != g for g in groups)
    nested = nested and (len(groups) > 1 or groups[0][:1] == "[")
    if nested:
        rows = [_row(_unwrap(g), symbols, False) for g in groups]  # [[1, 0], [0, 1]], [[-2]]
    else:
        lines = [line for line in split_top(inner.replace("\n", ";"), ";") if line]
        rows = [_row(line, symbols, False) for line in lines]
    if not rows or not rows[0]:
        raise MathTextError("expected a vector like [1, 2] or a matrix like [[1, 0], [0, 1]]")
    if len(rows) == 1 and not nested:
        return rows[0]
    if len({len(r) for r in rows}) != 1:
        raise MathTextError("the rows of the matrix have different lengths")
    return rows


def array_shape(value: Any) -> tuple[int, ...]:
    """(n,) for a vector, (rows, cols) for a matrix, () for a scalar."""
    if not isinstance(value, list):
        return ()
    if value and isinstance(value[0], list):
        return (len(value), len(value[0]))
    return (len(value),)


def parse_array(
    text: str, symbols: Iterable[str] = (), shape: tuple[int, ...] | None = None
) -> list[Any]:
    """Read a vector or matrix: ``[1, 2]``, ``(1; 2)``, ``1 2 3``, ``[[1,0],[0,1]]``, ``1 0; 0 1``.

    ``;`` and line breaks separate matrix rows, commas (or spaces) the entries of a row. When the
    expected ``shape`` is known, a reading with decimal commas and ``;`` between entries
    (``(1,5; 2,5)`` = [1.5, 2.5]) is preferred if it, and only it, has that shape.
    """
    check_length(text)
    symbols = tuple(symbols)
    text = _ROW_BRACKETS.sub("], [", normalize(text).strip().translate(_LIST_BRACKETS))
    if text[:1] == "<" and text[-1:] == ">":
        text = f"[{text[1:-1]}]"
    transposed = _TRANSPOSED.search(text) if "T" not in symbols else None
    if transposed:
        text = text[: transposed.start()]
    if not text:
        raise MathTextError("empty answer")
    if transposed and shape is not None:
        shape = shape[::-1]
    array = _array(text, symbols, shape)
    return _transpose(array) if transposed else array


_LIST_BRACKETS = str.maketrans("{}⟨⟩", "[][]")  # {1, 2}, {{1, 0}, {0, 1}}, ⟨1, 2⟩
_ROW_BRACKETS = re.compile(r"\]\s*\[")  # numpy prints [[1. 2.]\n [3. 4.]]
_TRANSPOSED = re.compile(r"(?<=[)\]])\s*(?:\^\s*\(?\s*T\s*\)?|T)\s*$")  # (1, 2)^T, [..]ᵀ


def _transpose(array: list[Any]) -> list[Any]:
    """``[1, 2]^T`` is the same vector; a transposed matrix is read as the matrix it is."""
    if array_shape(array) == (len(array),):
        return array
    return [list(column) for column in zip(*array, strict=True)]


def _array(text: str, symbols: tuple[str, ...], shape: tuple[int, ...] | None) -> list[Any]:
    try:
        reading: list[Any] | None = _rows(text, symbols)
        error: MathTextError | None = None
    except MathTextError as problem:
        reading, error = None, problem
    if shape is not None and (reading is None or array_shape(reading) != shape):
        decimal = _decimal_comma_reading(text, symbols, shape)
        if decimal is not None:
            return decimal
    if reading is None:
        assert error is not None
        raise error
    return reading


def _decimal_comma_reading(
    text: str, symbols: tuple[str, ...], shape: tuple[int, ...]
) -> list[Any] | None:
    """The reading with decimal commas that has the expected shape, when the usual one has not:
    ``(1,5; 2,5)`` with ``;`` between entries, or ``[0,5, -1,5]`` with a comma between digits
    inside a number and a comma and space between numbers."""
    readings: list[Callable[[], list[Any]]] = []
    if ";" in text:
        readings.append(lambda: _row(_unwrap(text), symbols, True))
    if _DECIMAL_COMMA.search(text):
        readings.append(lambda: _rows(_DECIMAL_COMMA.sub(".", text), symbols))
    for read in readings:
        try:
            reading = read()
        except MathTextError:
            continue
        if array_shape(reading) == shape:
            return reading
    return None


# -- shapes -----------------------------------------------------------------------------------
_SHAPE_SEPARATOR = re.compile(r"\s*(?:[xX*,;]|\bby\b)\s*|\s+")
_BATCH = re.compile(r"^\s*None\s*,\s*")  # Keras prints (None, 10, 10, 5): the batch
MAX_SHAPE_DIMS = 16


def parse_shape(text: str) -> Shape:
    """Read a tensor shape: ``8x8x5``, ``8×8×5``, ``8 x 8 x 5``, ``8 by 8 by 5``, ``(3,4,5,5)``,
    ``[3, 4]``, and Keras's ``(None, 8, 8, 5)`` (``None`` is the batch, not a dimension)."""
    check_length(text)
    body = normalize(text).strip()
    if body[:1] in "([{" and body[-1:] in ")]}":
        body = _BATCH.sub("", body[1:-1]).strip()
    items = _SHAPE_SEPARATOR.split(body)
    if (
        not body
        or len(items) > MAX_SHAPE_DIMS
        or not all(item.isascii() and item.isdigit() and len(item) <= 12 for item in items)
    ):
        raise MathTextError("expected a shape of whole numbers like 8x8x5 or (3, 4, 5, 5)")
    return Shape(tuple(int(item) for item in items))


# -- intervals and sets -----------------------------------------------------------------------
_UNION = re.compile(r"\s*(?:∪|\bU\b|\bor\b)\s*")
_COMPARISON = re.compile(r"(<=|>=|<|>)")
_VARIABLE = re.compile(r"[A-Za-z_]\w*")
_MEMBER_OF = re.compile(r"^\s*[A-Za-z_]\w*\s*(?:∈|\bin\b)\s*")  # a ∈ (0, 1/3), α \in (0, 4)
_SET_BUILDER = re.compile(r"\{\s*[A-Za-z_]\w*\s*[|:]\s*(.*)\}", re.DOTALL)  # {x | 0 < x < 1}
_EMPTY = ("{}", "∅", "empty", "Ø")
_ALL_REALS = ("R", "all")


def parse_set(text: str) -> sympy.Set:
    """Read intervals and sets: ``(0, 1/3)``, ``[1/6, 1/3)``, ``]0; 1/3[``, ``0 < a < 1/3``,
    ``{2}``, ``(0, 1] U {2}``, ``x >= 1``, ``R``, ``{}``; unions with ``U``, ``∪`` or ``or``.

    The result is a sympy set, so touching pieces merge (``[0, 1] U [1, 2]`` is ``[0, 2]``).
    """
    check_length(text)
    body = normalize(text).strip()
    for old, new in (("≤", "<="), ("≥", ">="), ("=<", "<="), ("=>", ">=")):
        body = body.replace(old, new)
    body = _MEMBER_OF.sub("", body, count=1)
    builder = _SET_BUILDER.fullmatch(body)
    if builder:
        body = builder.group(1)
    if not body:
        raise MathTextError("empty answer")
    pieces = [_set_piece(piece) for piece in _UNION.split(body)]
    return sympy.Union(*pieces) if len(pieces) > 1 else pieces[0]


def _endpoint(text: str) -> sympy.Expr:
    value = parse_scalar(text)
    if not (value.is_extended_real and (value.is_number or value in (sympy.oo, -sympy.oo))):
        raise MathTextError(f"an interval end must be a real number, not {text!r}")
    return value


def _set_piece(piece: str) -> sympy.Set:
    piece = piece.strip()
    if piece in _EMPTY:
        return sympy.S.EmptySet
    if piece in _ALL_REALS:
        return sympy.S.Reals
    if _COMPARISON.search(piece):
        return _inequality(piece)
    if piece[:1] == "{" and piece[-1:] == "}":
        inner = piece[1:-1]
        separator = ";" if ";" in inner else ","
        items = [item for item in split_top(inner, separator) if item]
        return sympy.FiniteSet(*(_endpoint(item) for item in items))
    if len(piece) >= 2 and piece[0] in "([]" and piece[-1] in ")][":
        return _interval(piece)
    return sympy.FiniteSet(_endpoint(piece))


def _interval(piece: str) -> sympy.Set:
    inner = piece[1:-1]
    ends = split_top(inner, ";") if ";" in inner else split_top(inner, ",")
    if len(ends) != 2 and ";" not in inner:
        ends = [part.strip() for part in inner.split(", ")]
    if len(ends) != 2:
        raise MathTextError(f"expected an interval like (0, 1/3], not {piece!r}")
    low, high = (_endpoint(end) for end in ends)
    if bool(low > high):
        raise MathTextError(f"the interval {piece!r} has its lower end above its upper end")
    return sympy.Interval(low, high, left_open=piece[0] != "[", right_open=piece[-1] != "]")


def _inequality(piece: str) -> sympy.Set:
    """``0 < a <= 1/3``, ``a > 2``, ``1 >= x``: one variable compared with one or two bounds."""
    items = [item.strip() for item in _COMPARISON.split(piece)]
    names = [
        i
        for i in range(0, len(items), 2)
        if _VARIABLE.fullmatch(items[i]) and items[i] not in CONSTANTS and items[i] != "pi"
    ]
    if len(items) not in (3, 5) or len(names) != 1:
        raise MathTextError(f"expected an inequality like 0 < a < 1/3, not {piece!r}")
    where = names[0]
    low, high = -sympy.oo, sympy.oo
    low_open = high_open = True
    for i in range(1, len(items), 2):
        op, left, right = items[i], i - 1, i + 1
        if op in ("<", "<="):  # left < right
            bound_index, is_upper = (right, True) if left == where else (left, False)
        else:  # left > right
            bound_index, is_upper = (right, False) if left == where else (left, True)
        if where not in (left, right):
            raise MathTextError(f"expected an inequality like 0 < a < 1/3, not {piece!r}")
        bound = _endpoint(items[bound_index])
        if is_upper:
            high, high_open = bound, op in ("<", ">")
        else:
            low, low_open = bound, op in ("<", ">")
    if bool(low > high):
        raise MathTextError(f"no number satisfies {piece!r}")
    return sympy.Interval(low, high, left_open=low_open, right_open=high_open)
