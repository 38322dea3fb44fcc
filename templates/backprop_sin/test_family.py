"""The three source questions, pinned to values worked out by hand.

VIR 2019 Q1: x = [2, 1], w = [π/2, π], b = 0, l = 2, L2 loss, α = 1/2.
    wᵀx = π + π = 2π, y = sin 2π − 0 = 0, L = (0 − 2)² = 4, ∂L/∂y = 2(0 − 2) = −4,
    ∂y/∂w = cos(2π)·x = [2, 1], ∂L/∂w = [−8, −4], w − α∂L/∂w = [π/2 + 4, π + 2].
VIR 2021 Q2 / VIR 2022 midterm Q3: y = sin(w)ᵀx = 1·2 + 0·1 = 2, ∂y/∂w = cos(w) ⊙ x = [0, −1].
    Logistic loss (l = 1): L = log(1 + e⁻²) ≈ 0.126928, ∂L/∂y = −1/(1 + e²),
    ∂L/∂w = [0, 1/(1 + e²)] ≈ [0, 0.119203], w_new = [π/2, π − 1/(2(1 + e²))].
    −log(y·l): L = −log 2, ∂L/∂y = −1/y = −1/2, ∂L/∂w = [0, 1/2], w_new = [π/2, π − 1/4].
No printed solution accompanies these questions in the seeds.
"""

import math

import sympy
from sympy import E, log, pi

from generator.instance import Instance
from generator.registry import default_registry
from templates.backprop_sin.params import SOURCE_2021, SOURCE_2022

FAMILY = default_registry().get("backprop_sin")


def _solve(source: dict) -> dict:
    params = FAMILY.coerce(source)
    assert FAMILY.violations(params) == []
    return FAMILY.solve(params)


def test_vir2019_l2_loss() -> None:
    values = _solve(FAMILY.source_params)
    assert values["y"] == 0
    assert values["loss_value"] == 4
    assert values["grad_w"] == [-8, -4]
    assert values["w_new"] == [pi / 2 + 4, pi + 2]


def test_vir2021_logistic_loss() -> None:
    values = _solve(SOURCE_2021)
    assert values["y"] == 2
    assert sympy.simplify(values["loss_value"] - log(1 + E**-2)) == 0
    assert math.isclose(float(values["loss_value"]), 0.126928011, rel_tol=1e-8)
    grad = values["grad_w"]
    assert grad[0] == 0
    assert math.isclose(float(grad[1]), 1 / (1 + math.e**2), rel_tol=1e-12)
    assert values["w_new"][0] == pi / 2
    assert math.isclose(float(values["w_new"][1]), math.pi - 0.5 / (1 + math.e**2))


def test_vir2022_negative_log_loss() -> None:
    values = _solve(SOURCE_2022)
    assert values["loss_value"] == -log(2)
    assert values["grad_w"] == [0, sympy.Rational(1, 2)]
    assert values["w_new"] == [pi / 2, pi - sympy.Rational(1, 4)]


def test_later_parts_follow_a_students_wrong_forward_value() -> None:
    # A student who got y = 1 in the 2019 question: ∂L/∂y = 2(1 − 2) = −2, gradient −2·[2, 1].
    values = FAMILY.solve(FAMILY.source_instance(), given={"y": sympy.Integer(1)})
    assert values["loss_value"] == 1
    assert values["grad_w"] == [-4, -2]
    assert values["w_new"] == [pi / 2 + 2, pi + 1]
    assert [FAMILY.dependencies(FAMILY.part(p)) for p in "cde"] == [["b"], ["b"], ["d"]]


def test_undefined_or_degenerate_losses_are_rejected() -> None:
    source = FAMILY.source_instance()
    logistic = FAMILY.violations({**FAMILY.coerce(SOURCE_2021), "label": sympy.Integer(2)})
    assert any("needs l = ±1" in p for p in logistic)
    negative = FAMILY.violations({**FAMILY.coerce(SOURCE_2022), "label": sympy.Integer(-1)})
    assert any("undefined" in p for p in negative)
    # l = y = 0 makes the L2 gradient vanish.
    assert any("zero" in p for p in FAMILY.violations({**source, "label": sympy.Integer(0)}))


def test_question_graph_leaves_the_loss_node_to_the_student() -> None:
    instance = Instance(FAMILY, FAMILY.source_instance(), 1, {p.id: p.points for p in FAMILY.parts})
    question = instance.render("question.tex.j2", "exam")
    solution = instance.render("solution.tex.j2", "solutions")
    assert question.count("tikzpicture") == 2 and "mathcal{L}$}" not in question
    assert "(loss)" in solution and r"\frac{\pi}{2}" in solution
