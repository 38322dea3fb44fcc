"""Deterministic variants of an exam.

Each question's RNG is ``numpy.random.SeedSequence([exam seed, variant, position, family hash,
attempt])``: editing, adding or removing one question changes no other question's numbers, and the
same seed gives the same exam on any machine (the family hash is SHA-256, not Python's salted
``hash``). ``attempt`` grows only when a draw repeats an earlier variant's parameters, so variants
differ wherever the parameter space allows; when it does not, a warning says so.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

from generator.errors import DlexamError
from generator.instance import Instance
from generator.spec import ExamSpec, QuestionSpec

DISTINCT_ATTEMPTS = 25


def family_hash(family_id: str) -> int:
    return int.from_bytes(hashlib.sha256(family_id.encode()).digest()[:4], "big")


def variant_id(index: int) -> str:
    return f"V{index + 1:03d}"


@dataclass
class Variant:
    id: str
    index: int
    questions: list[Instance]
    order: list[int]
    entropy: dict[int, list[int]]
    student: dict[str, str] | None = None

    def ordered(self) -> list[tuple[int, Instance]]:
        """(display number, instance) in the order the questions are printed."""
        return [(n + 1, self.questions[i]) for n, i in enumerate(self.order)]


@dataclass
class Exam:
    spec: ExamSpec
    seed: int
    variants: list[Variant]
    warnings: list[str] = field(default_factory=list)


def _draw(question: QuestionSpec, entropy: list[int]) -> dict[str, object]:
    family = question.family
    if question.source:
        return family.source_instance()
    rng = np.random.default_rng(np.random.SeedSequence(entropy))
    rules = question.rules

    def accept(params: dict[str, object]) -> bool:
        return all(rule.admits(params[name]) for name, rule in rules.items())

    return family.draw(rng, question.fixed, accept)


def _pinned(question: QuestionSpec) -> bool:
    """Nothing left to draw: the same question in every variant, and redrawing is pointless."""
    names = {p.name for p in question.family.params}
    return question.source or names <= set(question.fixed)


def build_exam(spec: ExamSpec, variants: int | None = None, seed: int | None = None) -> Exam:
    """Draw, solve and cross-check every question of every variant."""
    count = variants if variants is not None else spec.variants
    exam_seed = seed if seed is not None else spec.seed
    seen: dict[int, set[tuple[tuple[str, str], ...]]] = {q.position: set() for q in spec.questions}
    repeats: dict[int, int] = {q.position: 0 for q in spec.questions}
    exam = Exam(spec=spec, seed=exam_seed, variants=[])
    for index in range(count):
        order = list(range(len(spec.questions)))
        if spec.shuffle_questions:
            rng = np.random.default_rng(np.random.SeedSequence([exam_seed, index, 0]))
            order = [int(i) for i in rng.permutation(len(spec.questions))]
        printed = {spec_index + 1: number + 1 for number, spec_index in enumerate(order)}
        instances: list[Instance] = []
        entropies: dict[int, list[int]] = {}
        asked: set[tuple[str, tuple[str, ...]]] = set()  # questions already in this variant
        for question in spec.questions:
            place = f"{spec.path.name if spec.path else 'spec'}: questions[{question.position - 1}]"
            base = [exam_seed, index, question.position, family_hash(question.family.id)]
            fallback = None
            for attempt in range(DISTINCT_ATTEMPTS):
                entropy = [*base, attempt]
                try:
                    params = _draw(question, entropy)
                except DlexamError as error:
                    raise DlexamError(error.message, where=place, hint=error.hint) from None
                signature = tuple(sorted((k, str(v)) for k, v in params.items()))
                same = (question.family.id, question.family.same_question_key(params))
                if _pinned(question) or (
                    same not in asked and signature not in seen[question.position]
                ):
                    break
                if same not in asked and fallback is None:
                    fallback = (entropy, params, signature, same)
            else:
                repeats[question.position] += 1
                if fallback is not None:  # new to this variant beats new across variants
                    entropy, params, signature, same = fallback
                elif same in asked:
                    exam.warnings.append(
                        f"variant {variant_id(index)}: question {question.position} "
                        f"({question.family.id}) repeats an earlier question of the same family"
                    )
            asked.add(same)
            seen[question.position].add(signature)
            entropies[question.position] = entropy
            instances.append(
                Instance(
                    family=question.family,
                    params=dict(params),
                    position=question.position,
                    points=question.part_points(),
                    follow_through=spec.follow_through,
                    number=printed[question.position],
                )
            )
        exam.variants.append(Variant(variant_id(index), index, instances, order, entropies))
    for question in spec.questions:
        if question.source and count > 1:
            exam.warnings.append(
                f"question {question.position} ({question.family.id}) uses the source exam's "
                "numbers, so it is the same in every variant"
            )
        elif _pinned(question) and count > 1:
            exam.warnings.append(
                f"question {question.position} ({question.family.id}) has every parameter fixed "
                "by the spec, so it is the same in every variant"
            )
        elif repeats[question.position]:
            distinct = len(seen[question.position])
            exam.warnings.append(
                f"question {question.position} ({question.family.id}) has only {distinct} "
                f"distinct parameter sets for {count} variants; widen its parameter ranges"
            )
    return exam
