"""How good are a family's random variants? Variety, degenerate draws and key length.

The keys of every variant are right (they are cross-checked against ``numeric.py``); what this
module measures is whether each variant is *worth asking*: a part whose answer never changes can
be learnt by heart, a part with a handful of keys can be copied from a neighbour, an all-zero
matrix or a saturated sigmoid makes a question trivial, and a 40-digit key is one no student can
write. ``dlexam audit`` prints the figures; ``tests/test_audit.py`` holds every family to
:data:`THRESHOLDS` unless its ``meta.yaml`` declares, with a reason, why it cannot meet one.

Draw ``i`` of a family uses the same random stream as ``dlexam solve FAMILY --seed i``, so every
seed the audit names can be looked at directly.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from generator import formatting
from generator.family import UNCOMPUTED_KINDS, Family, PartSpec
from generator.registry import default_registry
from generator.variants import family_hash

DRAWS = 1000
MIN_DISTINCT = 50  # distinct keys a computed part needs in DRAWS draws
MAX_DEGENERATE = 0.01  # share of draws with a degenerate part
MAX_ELEMENT_CHARS = 40  # one number as a student writes it: ``3*sqrt(2)/4 + pi/6``
MAX_ELEMENT_DIGITS = 12  # digits in one number (numerator and denominator together)
SATURATION = 5e-4  # an inexact value this close to 0 or +-1 reads as 0.000 or 1.000
HAND_DIGITS = 6  # a key a student finds by hand: at most this many digits per number
THRESHOLDS = {
    "constant": "no part has the same key in every draw",
    "distinct": (
        f"at least {MIN_DISTINCT} distinct keys per computed part in {DRAWS} draws "
        "(in proportion for fewer draws)"
    ),
    "degenerate": f"at most {MAX_DEGENERATE:.0%} of draws have a degenerate part",
    "length": (
        f"no number in a key longer than {MAX_ELEMENT_CHARS} characters "
        f"or {MAX_ELEMENT_DIGITS} digits"
    ),
}
# Kinds whose keys are numbers, so 0, +-1, infinities and saturation mean something.
SCALAR_KINDS = ("integer", "number")
ARRAY_KINDS = ("vector", "matrix")
NO_KEY_KINDS = ("manual",)
# Two parts with the same real-valued key give one of them away; equal counts, shapes and sets
# of learning rates are often simply the right answer twice.
EQUAL_KINDS = ("number", "vector", "matrix")
# Shown, not counted as degenerate: a zero entry is often the lesson (a ReLU that is off, the
# batch element at the mean, soft-thresholding); the audit lists it so an accidental one shows.
NOTES = ("zero component",)


# -- one draw ---------------------------------------------------------------------------------
@dataclass
class PartDraw:
    """What one draw of one part looks like: its key text and what is wrong with it."""

    key: str
    chars: int  # longest number in the key, in characters
    digits: int  # most digits in one number of the key
    flags: list[str]
    by_hand: bool
    too_long: bool

    @property
    def degenerate(self) -> bool:
        return any(flag not in NOTES for flag in self.flags)


@dataclass
class Draw:
    family: str
    seed: int
    signature: str
    parts: dict[str, PartDraw]


def _elements(value: Any) -> Iterator[Any]:
    """The single numbers of a key: vector and matrix entries, interval ends, shape sizes."""
    if isinstance(value, list | tuple):
        for item in value:
            yield from _elements(item)
    elif isinstance(value, formatting.Shape):
        yield from value.dims
    elif isinstance(value, sympy.Interval):
        yield from (value.start, value.end)
    elif isinstance(value, sympy.Union | sympy.FiniteSet):
        for arg in value.args:
            yield from _elements(arg)
    else:
        yield value


def _inexact(expr: sympy.Expr) -> bool:
    return bool(expr.has(sympy.Float) or not expr.is_Rational)


def _scalar_flags(value: Any, exact_trivial: bool) -> list[str]:
    """Why a number makes a part degenerate: infinite, saturated, or (if asked) 0 or +-1."""
    expr = sympy.sympify(value)
    if not expr.is_number:
        return []
    if expr.has(sympy.oo, -sympy.oo, sympy.zoo, sympy.nan):
        return ["infinite"]
    if expr.is_Rational:
        return ["0 or ±1"] if exact_trivial and abs(expr) in (0, 1) else []
    number = float(sympy.N(expr, 20))
    if any(abs(number - target) < SATURATION for target in (0.0, 1.0, -1.0)):
        return ["saturated"]
    return []


def part_flags(part: PartSpec, value: Any) -> list[str]:
    """Why this key makes the part degenerate (empty when it does not).

    Real-valued answers that are exactly 0 or ±1 give the question away (a unit that is off, a
    gradient that vanishes, cos(π/2)); counts are not judged by that, since padding 1 or one
    extra kernel are ordinary answers.
    """
    if part.kind in SCALAR_KINDS:
        return _scalar_flags(value, exact_trivial=part.kind == "number")
    if part.kind not in ARRAY_KINDS:
        return []
    entries = list(_elements(value))
    flags = sorted({flag for entry in entries for flag in _scalar_flags(entry, False)})
    if all(sympy.sympify(entry) == 0 for entry in entries):
        flags.append("all zero")
    elif part.kind == "vector" and any(sympy.sympify(entry) == 0 for entry in entries):
        flags.append("zero component")
    return flags


def _number_size(entry: Any, calculator: bool) -> tuple[int, int, bool, bool]:
    """(characters, digits, easy by hand, too long to write) of one number of a key.

    With a calculator a long irrational number or terminating fraction is written as a decimal
    to the stated precision (the solutions show six significant figures); anything else longer
    than :data:`MAX_ELEMENT_CHARS` or :data:`MAX_ELEMENT_DIGITS` is a key no student can write.
    """
    text = formatting.exact_string(entry)
    digits = sum(ch.isdigit() for ch in text)
    long = len(text) > MAX_ELEMENT_CHARS or digits > MAX_ELEMENT_DIGITS
    if isinstance(entry, str | int):
        return len(text), digits, True, long
    expr = sympy.sympify(entry)
    if expr.has(sympy.Float):  # written as a decimal to its stated precision (keys.json says so)
        shown = formatting.Significant(expr, formatting.DECIMAL_SIGNIFICANT).text()
        return len(shown), sum(ch.isdigit() for ch in shown), False, False
    easy = digits <= HAND_DIGITS
    return len(text), digits, easy, long and not (calculator and _decimal_is_natural(expr))


def _decimal_is_natural(expr: sympy.Expr) -> bool:
    """Whether a long number is one a calculator user writes as a decimal: an irrational number
    or a terminating fraction (SGD with eta = 0.01 on a cubic); a fraction like
    2880000002/1600000001 (Adam's epsilon kept exact) is an artefact no one should see."""
    if not expr.is_Rational:
        return formatting.is_irrational(expr)
    denominator = int(expr.q)
    for factor in (2, 5):
        while denominator % factor == 0:
            denominator //= factor
    return denominator == 1


def measure_part(part: PartSpec, value: Any, calculator: bool) -> PartDraw:
    key = formatting.exact_string(value)
    if part.kind in ("choice", "multi"):
        return PartDraw(key, len(key), 0, [], True, False)
    # An expression part is a formula, not a number: its length is not a number's length.
    entries = [] if part.kind == "expression" else list(_elements(value))
    sizes = [_number_size(entry, calculator) for entry in entries] or [(0, 0, True, False)]
    return PartDraw(
        key=key,
        chars=max(size[0] for size in sizes),
        digits=max(size[1] for size in sizes),
        flags=part_flags(part, value),
        by_hand=all(size[2] for size in sizes),
        too_long=any(size[3] for size in sizes),
    )


def keyed_parts(family: Family) -> list[PartSpec]:
    return [part for part in family.parts if part.kind not in NO_KEY_KINDS]


def draw_once(family: Family, seed: int) -> Draw:
    """Draw ``seed`` (as ``dlexam solve --seed``), solve it and measure every part."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, family_hash(family.id)]))
    params = family.draw(rng)
    values = family.solve(params)
    parts = {
        part.id: measure_part(part, values[part.answer], family.calculator)
        for part in keyed_parts(family)
    }
    computed = [p for p in keyed_parts(family) if p.kind not in UNCOMPUTED_KINDS]
    for later_index, later in enumerate(computed):
        for earlier in computed[:later_index]:
            same = parts[later.id].key == parts[earlier.id].key
            if later.kind == earlier.kind and later.kind in EQUAL_KINDS and same:
                parts[later.id].flags.append(f"equals ({earlier.id})")
                break
    signature = ";".join(f"{k}={formatting.exact_string(v)}" for k, v in sorted(params.items()))
    return Draw(family.id, seed, signature, parts)


def draw_range(family_id: str, seeds: range) -> list[Draw]:
    """A worker's task: a range of seeds of one family (families come from the registry)."""
    family = default_registry().get(family_id)
    return [draw_once(family, seed) for seed in seeds]


# -- a family over many draws ----------------------------------------------------------------
@dataclass
class PartAudit:
    id: str
    kind: str
    distinct: int
    constant: bool
    degenerate: int
    reasons: dict[str, int]
    equals: dict[str, int]
    max_chars: int
    max_digits: int
    too_long: int  # draws with a number no student can write
    longest: str
    letters: dict[str, int]
    examples: dict[str, list[int]]  # reason -> first seeds showing it

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "distinct_keys": self.distinct,
            "constant": self.constant,
            "degenerate_draws": self.degenerate,
            "degenerate_reasons": self.reasons,
            "equal_to_part": self.equals,
            "max_number_chars": self.max_chars,
            "max_number_digits": self.max_digits,
            "too_long_draws": self.too_long,
            "longest_key": self.longest,
            "letters": self.letters,
            "example_seeds": self.examples,
        }


@dataclass
class Declared:
    """A threshold a family cannot meet, and why (``audit:`` in meta.yaml)."""

    threshold: str
    parts: tuple[str, ...]  # empty: every part
    reason: str

    def covers(self, threshold: str, part_id: str) -> bool:
        return self.threshold == threshold and (not self.parts or part_id in self.parts)


@dataclass
class FamilyAudit:
    id: str
    draws: int
    distinct_variants: int
    calculator: bool
    by_hand: int
    degenerate_draws: int
    parts: list[PartAudit]
    declared: list[Declared]
    failures: list[str] = field(default_factory=list)
    excused: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.failures:
            return "fails"
        return "declared" if self.excused else "meets"

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "draws": self.draws,
            "distinct_variants": self.distinct_variants,
            "calculator": self.calculator,
            "by_hand_draws": None if self.calculator else self.by_hand,
            "degenerate_draws": self.degenerate_draws,
            "status": self.status,
            "failures": self.failures,
            "declared": [
                {"threshold": d.threshold, "parts": list(d.parts), "reason": d.reason}
                for d in self.declared
            ],
            "parts": [part.as_json() for part in self.parts],
        }


def _part_audit(part: PartSpec, draws: list[Draw]) -> PartAudit:
    measured = [(draw.seed, draw.parts[part.id]) for draw in draws]
    keys = Counter(m.key for _, m in measured)
    reasons: Counter[str] = Counter()
    equals: Counter[str] = Counter()
    examples: dict[str, list[int]] = {}
    for seed, m in measured:
        for flag in m.flags:
            target = equals if flag.startswith("equals") else reasons
            target[flag.removeprefix("equals ").strip("()") if target is equals else flag] += 1
            shown = examples.setdefault(flag, [])
            if len(shown) < 3:
                shown.append(seed)
    longest = max(measured, key=lambda sm: (sm[1].digits, sm[1].chars))[1]
    letters = dict(sorted(keys.items())) if part.kind == "choice" else {}
    return PartAudit(
        id=part.id,
        kind=part.kind,
        distinct=len(keys),
        constant=len(keys) == 1 and len(draws) > 1,
        degenerate=sum(1 for _, m in measured if m.degenerate),
        reasons=dict(reasons.most_common()),
        equals=dict(equals.most_common()),
        max_chars=max(m.chars for _, m in measured),
        max_digits=max(m.digits for _, m in measured),
        too_long=sum(1 for _, m in measured if m.too_long),
        longest=longest.key,
        letters=letters,
        examples=examples,
    )


def declared_exceptions(family: Family) -> list[Declared]:
    return [
        Declared(str(entry["threshold"]), tuple(entry.get("parts", ())), str(entry["reason"]))
        for entry in family.audit
    ]


def required_distinct(draws: int) -> int:
    """Distinct keys a computed part needs in ``draws`` draws: :data:`MIN_DISTINCT` in
    :data:`DRAWS`, in proportion for fewer (lenient: a few draws cannot show a few keys)."""
    return min(MIN_DISTINCT, math.ceil(MIN_DISTINCT * draws / DRAWS))


def summarize(family: Family, draws: list[Draw]) -> FamilyAudit:
    """The audit of ``draws`` of ``family``, judged against :data:`THRESHOLDS`."""
    declared = declared_exceptions(family)
    parts = [_part_audit(part, draws) for part in keyed_parts(family)]
    audit = FamilyAudit(
        id=family.id,
        draws=len(draws),
        distinct_variants=len({d.signature for d in draws}),
        calculator=family.calculator,
        by_hand=sum(1 for d in draws if all(m.by_hand for m in d.parts.values())),
        degenerate_draws=0,
        parts=parts,
        declared=declared,
    )

    def judge(threshold: str, part_id: str, problem: str) -> None:
        if any(d.covers(threshold, part_id) for d in declared):
            audit.excused.append(f"{threshold} ({part_id}): {problem}")
        else:
            audit.failures.append(f"{threshold} ({part_id}): {problem}")

    for part in parts:
        if part.constant:
            judge("constant", part.id, f"always {part.longest}")
        needs_variety = part.kind not in UNCOMPUTED_KINDS
        if needs_variety and part.distinct < required_distinct(len(draws)):
            judge("distinct", part.id, f"{part.distinct} distinct keys in {len(draws)} draws")
        if part.too_long:
            judge(
                "length",
                part.id,
                f"{part.too_long} draws with a number no student writes (up to "
                f"{part.max_chars} characters, {part.max_digits} digits: {_clip(part.longest)})",
            )
    counted = [
        p.id for p in keyed_parts(family) if not any(d.covers("degenerate", p.id) for d in declared)
    ]
    audit.degenerate_draws = sum(1 for d in draws if any(d.parts[p].degenerate for p in counted))
    if audit.degenerate_draws > MAX_DEGENERATE * len(draws):
        worst = [p for p in parts if p.id in counted and p.degenerate]
        detail = ", ".join(f"({p.id}) {', '.join(_top_reasons(p))}" for p in worst)
        audit.failures.append(
            f"degenerate: {audit.degenerate_draws / len(draws):.1%} of draws ({detail})"
        )
    if len(counted) < len(parts) and any(p.degenerate for p in parts if p.id not in counted):
        for d in declared:
            if d.threshold == "degenerate":
                audit.excused.append(f"degenerate ({', '.join(d.parts) or 'all'})")
    return audit


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _top_reasons(part: PartAudit) -> list[str]:
    shown = [f"{reason} {count}" for reason, count in part.reasons.items() if reason not in NOTES]
    shown += [f"equals ({other}) {count}" for other, count in part.equals.items()]
    return shown[:3]


def needs_more(audit: FamilyAudit, family: Family) -> bool:
    """Could more draws change the verdict on variety? (Only while a part is short of keys.)"""
    declared = declared_exceptions(family)
    return any(
        part.kind not in UNCOMPUTED_KINDS
        and part.distinct < MIN_DISTINCT
        and not any(d.covers("distinct", part.id) for d in declared)
        for part in audit.parts
    )


# -- running many families --------------------------------------------------------------------
CHUNK = 50
Mapper = Callable[[Callable[[tuple[str, range]], list[Draw]], Iterable[tuple[str, range]]], Any]


def _task(task: tuple[str, range]) -> list[Draw]:
    return draw_range(*task)


def _tasks(family_ids: Iterable[str], start: int, stop: int) -> list[tuple[str, range]]:
    return [
        (fid, range(lo, min(lo + CHUNK, stop)))
        for fid in family_ids
        for lo in range(start, stop, CHUNK)
    ]


def run_audit(
    families: list[Family],
    draws: int = DRAWS,
    first: int | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> list[FamilyAudit]:
    """Audit ``families`` over ``draws`` draws each, on ``jobs`` processes.

    With ``first`` (fewer than ``draws``), every family gets ``first`` draws, and only those whose
    parts are still short of :data:`MIN_DISTINCT` keys get more, doubling up to ``draws``: the
    distinct-key threshold is decided as with ``draws`` draws, at a fraction of the cost (the
    test suite uses this; degenerate shares are then measured on the draws made).
    """
    collected: dict[str, list[Draw]] = {f.id: [] for f in families}
    by_id = {f.id: f for f in families}

    def run(tasks: list[tuple[str, range]], mapper: Mapper) -> None:
        for result in mapper(_task, tasks):
            collected[result[0].family].extend(result)
            if progress:
                progress(len(result))

    size = first if first is not None and first < draws else draws
    pool = _pool(jobs)
    try:
        mapper: Mapper = pool.imap_unordered if pool else map
        run(_tasks(by_id, 0, size), mapper)
        audits = {fid: summarize(by_id[fid], _sorted(collected[fid])) for fid in by_id}
        while size < draws:  # double the draws of the families still short of keys
            more = [fid for fid, audit in audits.items() if needs_more(audit, by_id[fid])]
            start, size = size, min(draws, 2 * size)
            run(_tasks(more, start, size), mapper)
            audits.update({fid: summarize(by_id[fid], _sorted(collected[fid])) for fid in more})
    finally:
        if pool:
            pool.close()
            pool.join()
    return [audits[f.id] for f in families]


def _sorted(draws: list[Draw]) -> list[Draw]:
    return sorted(draws, key=lambda d: d.seed)


def _pool(jobs: int) -> Any:
    if jobs <= 1:
        return None
    import multiprocessing

    default_registry()  # loaded once here, inherited by the forked workers
    return multiprocessing.get_context("fork").Pool(jobs)
