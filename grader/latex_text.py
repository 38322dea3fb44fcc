"""Rendered solution LaTeX as terminal text, for ``dlexam check``.

The worked steps shown after a wrong answer are the very LaTeX the solutions PDF is made from,
so the terminal and the PDF can never disagree. This turns that LaTeX into readable text: figures
become a pointer to the PDF, layout commands disappear, and the common math commands print the
way answers are typed (``\\frac{3}{2}`` as ``3/2``, ``\\sqrt{2}`` as ``sqrt(2)``). Anything it
does not know stays as LaTeX, which a student of the course reads anyway.
"""

from __future__ import annotations

import re

from generator.mathtext import brace_group

FIGURE = "[figure: see the PDF]"
_FIGURES = re.compile(r"\\begin\{tikzpicture\}.*?\\end\{tikzpicture\}", re.DOTALL)
_LISTS = re.compile(r"\\begin\{(enumerate|itemize)\}(\[[^\]]*\])?(.*?)\\end\{\1\}", re.DOTALL)
_GRIDS = re.compile(
    r"\\begin\{(bmatrix|pmatrix|matrix|tabular|array|cases)\}(?:\{[^{}]*\})?(.*?)\\end\{\1\}",
    re.DOTALL,
)
_DROPPED_ENVIRONMENTS = re.compile(
    r"\\(?:begin|end)\{(?:center|aligned|align\*?|equation\*?|dlsolpart|dlpart)\}"
    r"(?:\[[^\]]*\])?(?:\{[^{}]*\}){0,2}"
)
# One-argument commands whose argument is printed as it is.
_UNWRAPPED = (
    "textbf",
    "textit",
    "emph",
    "mathrm",
    "mathbf",
    "mathit",
    "operatorname",
    "text",
    "boldsymbol",
    "underline",
    "texttt",
    "mathbb",
    "mathcal",
    "textsf",
    "mathsf",
)
_DROPPED_WITH_ARGUMENT = ("dlkey", "dlrubric", "label", "vspace", "hspace", "rule")
# Accents, printed as the combining character after their argument.
_ACCENTS = {"hat": "\u0302", "tilde": "\u0303", "bar": "\u0304", "vec": "\u20d7", "dot": "\u0307"}
# Text that is not a command name: printed as the character it stands for.
_LITERALS = {
    r"\mathbb{R}": "ℝ",
    "{-}": "-",
    ",{}": ",",
    r"\{": "\0lbrace",
    r"\}": "\0rbrace",
    r"\%": "%",
    r"\&": "&",
    r"\_": "_",
    r"\#": "#",
    r"\$": "\0dollar",
    r"\^{}": "^",
    r"\|": "‖",
    r"\\": "\n",
    r"\[": "\n    ",
    r"\]": "\n",
    "``": '"',
    "''": '"',
}
# Commands without an argument, by name.
_SYMBOLS = {
    "textquotesingle": "'",
    "textasciigrave": "`",
    "textless": "<",
    "textgreater": ">",
    "left": "",
    "right": "",
    "cdot": "·",
    "times": "×",
    "top": "T",
    "infty": "∞",
    "in": "∈",
    "leq": "≤",
    "geq": "≥",
    "le": "≤",
    "ge": "≥",
    "neq": "≠",
    "approx": "≈",
    "to": "→",
    "iff": "⇔",
    "partial": "∂",
    "sum": "Σ",
    "ldots": "...",
    "dots": "...",
    "quad": " ",
    "qquad": " ",
    "medskip": " ",
    "smallskip": " ",
    "bigskip": " ",
    "noindent": "",
    "dlkeepbegin": "",  # the PDF's keep-together marks
    "dlkeepend": "",
    "par": "\n",
    "footnotesize": "",
    "small": "",
    "normalsize": "",
    "displaystyle": "",
    "hline": "",
    "bigl": "",
    "bigr": "",
    "big": "",
    "Big": "",
    "mid": "|",
    "vdots": "⋮",
    "ddots": "⋱",
    "cdots": "⋯",
    "circ": "∘",
    "odot": "⊙",
    "lfloor": "⌊",
    "rfloor": "⌋",
    "lceil": "⌈",
    "rceil": "⌉",
    "leftarrow": "←",
    "rightarrow": "→",
    "sim": "~",
    "prod": "Π",
    "ell": "ℓ",
    "lVert": "‖",
    "rVert": "‖",
    "pm": "±",
    "wedge": "∧",
    "vee": "∨",
    **{name: name for name in ("tanh", "log", "ln", "exp", "max", "min", "arg", "sin", "cos")},
    **{name: name for name in ("sign", "det", "lim", "sup", "inf")},
    **dict(
        zip(
            (
                *("alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "eta", "theta"),
                *("lambda", "mu", "pi", "rho", "sigma", "tau", "phi", "psi", "omega", "Delta"),
                *("Sigma", "Theta", "Lambda", "Phi", "Omega", "nabla"),
            ),
            "αβγδεεηθλμπρστφψωΔΣΘΛΦΩ∇",
            strict=True,
        )
    ),
}
_SPACES = re.compile(r"\\[,;:! ]")
_COMMAND = re.compile(r"\\([A-Za-z]+)(?![A-Za-z])")


def _grouped(text: str) -> str:
    """``a`` stays ``a``; ``a + b`` becomes ``(a + b)`` so ``x/(a + b)`` reads right."""
    text = text.strip()
    simple = re.fullmatch(r"[\w.']+(?:\([^()]*\))?|\\?[A-Za-z]+", text)
    return text if simple else f"({text})"


def _commands(text: str) -> str:
    """Replace argument-taking commands from the innermost outwards, one pass per match."""
    out: list[str] = []
    index = 0
    while True:
        match = _COMMAND.search(text, index)
        if match is None:
            out.append(text[index:])
            return "".join(out)
        name = match.group(1)
        first = brace_group(text, match.end())
        out.append(text[index : match.start()])
        short = re.match(r"(\d)(\d)", text[match.end() :])
        if name in ("frac", "tfrac", "dfrac") and first is None and short:  # \frac12
            out.append(f"{short.group(1)}/{short.group(2)}")
            index = match.end() + 2
            continue
        if name == "renewcommand" and first is not None:
            second = brace_group(text, first[1])
            index = second[1] if second is not None else first[1]
            continue
        letter = re.match(r"\s*([A-Za-z0-9])", text[match.end() :])
        if name in _ACCENTS and (first is not None or letter):
            if first is not None:
                out.append(_commands(first[0]) + _ACCENTS[name])
                index = first[1]
            elif letter:
                out.append(letter.group(1) + _ACCENTS[name])
                index = match.end() + letter.end()
            continue
        if name == "multicolumn" and first is not None:
            second = brace_group(text, first[1])
            third = brace_group(text, second[1]) if second is not None else None
            if third is not None:
                out.append(_commands(third[0]))
                index = third[1]
                continue
        if name in ("frac", "tfrac", "dfrac") and first is not None:
            second = brace_group(text, first[1])
            if second is not None:
                numerator, denominator = _commands(first[0]), _commands(second[0])
                out.append(f"{_grouped(numerator)}/{_grouped(denominator)}")
                index = second[1]
                continue
        if name == "sqrt" and first is not None:
            out.append(f"sqrt({_commands(first[0])})")
            index = first[1]
            continue
        if name in _UNWRAPPED and first is not None:
            out.append(_commands(first[0]))
            index = first[1]
            continue
        if name in _DROPPED_WITH_ARGUMENT and first is not None:
            index = first[1]
            continue
        out.append(_SYMBOLS.get(name, match.group(0)))
        index = match.end()


def _scripts(text: str) -> str:
    """``x_{t-1}`` as ``x_(t-1)``, ``w^{k}`` as ``w^k``."""

    def script(match: re.Match[str]) -> str:
        body = match.group(2)
        return f"{match.group(1)}{_grouped(body)}"

    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"([_^])\{([^{}]*)\}", script, text)
    return text


def _list(match: re.Match[str]) -> str:
    """Items on their own lines, lettered ``A)`` as on the sheet when the list is lettered."""
    options = match.group(2) or ""
    items = re.split(r"\\item(?![A-Za-z])", match.group(3))[1:]
    marks: list[str]
    if "\\Alph" in options:
        marks = [f"{chr(ord('A') + i)})" for i in range(len(items))]
    elif match.group(1) == "enumerate":
        marks = [f"{i + 1}." for i in range(len(items))]
    else:
        marks = ["-"] * len(items)
    return (
        "".join(f"\n  {mark} {item.strip()}" for mark, item in zip(marks, items, strict=True))
        + "\n"
    )


def _grid(match: re.Match[str]) -> str:
    """Matrices as ``[[1, 0], [0, 1]]`` (the way answers are typed), tables as rows of cells."""
    rows = [row for row in re.split(r"\\\\(?:\[[^\]]*\])?", match.group(2)) if row.strip()]
    cells = [[cell.strip() for cell in row.split("&")] for row in rows]
    if match.group(1).endswith("matrix"):
        return "[" + ", ".join("[" + ", ".join(row) + "]" for row in cells) + "]"
    return "\n" + "\n".join("  " + " | ".join(row) for row in cells) + "\n"


def latex_to_text(tex: str) -> str:
    """Readable text of rendered question or solution LaTeX (see the module docstring)."""
    text = _FIGURES.sub(FIGURE, tex)
    text = _LISTS.sub(_list, text)
    text = _GRIDS.sub(_grid, text)
    text = re.sub(r"(?<!\\)&", " ", text)
    text = _DROPPED_ENVIRONMENTS.sub("", text)
    for literal in sorted(_LITERALS, key=len, reverse=True):
        text = text.replace(literal, _LITERALS[literal])
    text = _SPACES.sub(" ", text)
    text = _commands(text)
    text = _scripts(text)
    text = text.replace("$", "").replace("{", "").replace("}", "").replace("~", " ")
    text = text.replace("\0lbrace", "{").replace("\0rbrace", "}").replace("\0dollar", "$")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs: list[str] = []
    for line in lines:
        if line or (paragraphs and paragraphs[-1]):
            paragraphs.append(line)
    return "\n".join(paragraphs).strip()
