"""One solved question: a family, its parameters, its quantities and the key of every part.

This is the middle of the one-way flow spec -> parameters -> solution -> rendering: the instance
is built once, cross-checked, and then both the keys and the LaTeX read from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property, partial
from typing import Any

from generator import formatting
from generator.crosscheck import cross_check
from generator.family import Family, PartSpec
from generator.points import exact, rubric_text
from generator.rendering import PartView, render_family_text

CHOICE_LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LONG_KEY = 90  # characters of LaTeX beyond which a numeric key is shown to 6 significant figures


@dataclass
class Instance:
    """A family solved for concrete parameters: question ``position`` of the spec, printed as
    question ``number`` (they differ when the spec shuffles the questions)."""

    family: Family
    params: dict[str, Any]
    position: int
    points: dict[str, float]
    follow_through: float = 1.0
    number: int | None = None

    def __post_init__(self) -> None:
        self.values = self.family.solve(self.params)
        cross_check(self.family, self.params, self.values)

    @property
    def parts(self) -> list[PartSpec]:
        """The parts this exam asks (a spec may select a subset of the family's parts)."""
        return [part for part in self.family.parts if part.id in self.points]

    def label(self, part: PartSpec) -> str:
        """The id a part has in answer CSVs and on answer boxes: ``3b`` is part b of printed
        question 3."""
        return f"{self.number or self.position}{part.id}"

    def factor(self, part: PartSpec) -> Fraction:
        """How much this exam scales the part's points: its alternatives and rubric follow."""
        return exact(self.points[part.id]) / exact(part.points)

    def rubric(self, part: PartSpec) -> str:
        return rubric_text(part.rubric, self.factor(part))

    @property
    def total_points(self) -> float:
        return sum(self.points.values())

    @cached_property
    def views(self) -> dict[str, PartView]:
        """Label, points and key LaTeX per part, computed once: every document mode reuses them
        (the key's LaTeX when first needed)."""
        return {
            part.id: PartView(
                label=self.label(part),
                points=self.points[part.id],
                auto_graded=part.auto_graded,
                write_key=partial(self.key_latex, part),
                rubric=self.rubric(part),
            )
            for part in self.parts
        }

    def key_latex(self, part: PartSpec) -> str:
        if part.kind == "manual":
            return ""
        value = self.values[part.answer]
        if part.decimals is not None:
            text = formatting.latex(formatting.rounded(value, part.decimals))
        else:
            text = formatting.latex(value)
            if len(text) > LONG_KEY and formatting.is_irrational(value):
                text = r"\approx " + formatting.latex(
                    formatting.rounded(value, 6, significant=True)
                )
        return f"{text}\\ \\text{{{part.unit}}}" if part.unit else text

    def render(self, template: str, mode: str) -> str:
        return render_family_text(self.family, template, mode, self.params, self.values, self.views)

    def params_exact(self) -> dict[str, str]:
        return {name: formatting.exact_string(value) for name, value in self.params.items()}

    def part_key(self, part: PartSpec) -> dict[str, Any]:
        """The keys.json entry of one part (see ``generator/schema/keys.schema.json``)."""
        value = None if part.kind == "manual" else self.values[part.answer]
        written, rounded = formatting.decimal_key(value, part.decimals)
        labels = {p.id: self.label(p) for p in self.family.parts}
        key: dict[str, Any] = {
            "id": self.label(part),
            "part": part.id,
            "prompt": part.prompt,
            "kind": part.kind,
            "points": self.points[part.id],
            "quantity": part.answer,
            "exact": None if value is None else formatting.exact_string(written),
            "latex": None if value is None else self.views[part.id].key_latex,
            "value": None if value is None else formatting.json_value(value),
            "unit": part.unit,
            "tolerance": part.tolerance,
            "alternatives": [
                {
                    "exact": formatting.exact_string(
                        formatting.decimal_key(self.values[alt.quantity], part.decimals)[0]
                    ),
                    "value": formatting.json_value(self.values[alt.quantity]),
                    "points": float(exact(alt.points) * self.factor(part)),
                    "reason": alt.reason,
                }
                for alt in part.alternatives
            ],
            "depends": [labels[d] for d in self.family.dependencies(part)],
            "follow_through": part.follow_through * self.follow_through,
            "symbols": list(part.symbols),
            "rubric": self.rubric(part),
        }
        if part.kind in ("choice", "multi") or part.scoring != "all-or-nothing":
            key["scoring"] = part.scoring
        if part.kind in ("choice", "multi"):
            options = self.values[part.options] if part.options else []
            key["options"] = [
                {"label": CHOICE_LABELS[i], "text": formatting.latex(text)}
                for i, text in enumerate(options)
            ]
        if part.check:
            key["check"] = part.check
        if rounded:
            key["rounded"] = rounded
        if part.labels:
            key["labels"] = [str(label) for label in self.values[part.labels]]
        if part.unit_multiples:
            key["unit_multiples"] = True
        domains = part.domains_in(self.values)
        if domains:
            key["domains"] = domains
        return key

    def question_key(self, number: int, rng_entropy: list[int]) -> dict[str, Any]:
        return {
            "position": self.position,
            "number": number,
            "family": self.family.id,
            "title": self.family.title,
            "rng": rng_entropy,
            "params": self.params_exact(),
            "points": self.total_points,
            "parts": [self.part_key(part) for part in self.parts],
        }
