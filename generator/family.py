"""A question family: one folder under ``templates/``.

The folder holds, in files whose names say what they are (PrairieLearn's layout, R/exams' single
metadata block):

``meta.yaml``
    id, title, topics, source question, difficulty, calculator, and the parts: id, prompt,
    points, answer kind, the quantity that answers it, tolerance, alternatives, rubric.
``params.py``
    ``PARAMS`` (typed declarations), ``SOURCE`` (the original question's values), optionally
    ``sample(rng)`` and ``constraints(params)``.
``solution.py``
    ``@quantity`` functions computing every answer exactly with sympy; ``check_*`` functions for
    constraint-checked parts.
``numeric.py``
    ``numeric(params)``: an independent numpy computation of the answers, used to cross-check
    every key (not needed when every part is manual or multiple choice).
``question.tex.j2`` / ``solution.tex.j2``
    Jinja2 LaTeX with ``<< >>``/``<% %>`` delimiters.
``test_family.py``
    pins the source question to hand-checked values.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import yaml

from generator import formatting
from generator.dag import Graph, collect
from generator.errors import DlexamError
from generator.itembank import ITEMS_FILE, adapted_from, credit_problem
from generator.params import Param
from generator.points import AMOUNT, RubricItem, exact, rubric_total
from generator.shuffle import PARAM as OPTION_ORDER
from generator.shuffle import OptionOrder

KINDS = (
    "integer",
    "number",
    "vector",
    "matrix",
    "shape",
    "interval",
    "set",
    "expression",
    "choice",
    "multi",
    "constraint",
    "manual",
)
UNCOMPUTED_KINDS = ("choice", "multi", "manual")
SCORING_RULES = ("all-or-nothing", "partial", "negative")
# One vocabulary, so `--topic` finds every family on a subject (no "loss" next to "losses").
TOPICS = (
    "activations",
    "backprop",
    "batchnorm",
    "cnn",
    "data",
    "evaluation",
    "initialization",
    "layers",
    "losses",
    "mle",
    "mlp",
    "optimization",
    "perceptron",
    "probability",
    "regularization",
    "rl",
    "rnn",
    "training",
)
DEFAULT_TOLERANCE: dict[str, dict[str, Any]] = {
    "integer": {"mode": "exact"},
    "shape": {"mode": "exact"},
    "choice": {"mode": "exact"},
    "multi": {"mode": "exact"},
    "manual": {"mode": "exact"},
    "expression": {"mode": "equivalent"},
    "constraint": {"mode": "constraint"},
}
SYMBOL_DOMAINS = ("real", "positive", "nonnegative", "integer", "positive-integer")
SIGFIG_DEFAULT = {"mode": "sigfig", "digits": 3, "abs": 1e-9}
REQUIRED_FILES = ("meta.yaml", "params.py", "solution.py", "question.tex.j2", "solution.tex.j2")
SAMPLE_ATTEMPTS = 500


@dataclass(frozen=True)
class Alternative:
    """Another accepted answer (a quantity of the solution) worth ``points``, with the reason."""

    quantity: str
    points: float
    reason: str


@dataclass(frozen=True)
class PartSpec:
    """One answer part as declared in ``meta.yaml``."""

    id: str
    prompt: str
    points: float
    kind: str
    answer: str
    tolerance: dict[str, Any]
    alternatives: tuple[Alternative, ...] = ()
    rubric: tuple[RubricItem, ...] = ()
    symbols: tuple[str, ...] = ()
    domains: dict[str, str] | str = field(default_factory=dict)
    follow_through: float = 1.0
    scoring: str = "all-or-nothing"
    options: str | None = None
    check: str | None = None
    unit: str = ""
    unit_multiples: bool = False
    decimals: int | None = None
    labels: str | None = None
    room: float | None = None  # answer-box height in cm on the exam; None: from the kind

    @property
    def auto_graded(self) -> bool:
        return self.kind != "manual"

    def domains_in(self, values: Mapping[str, Any]) -> dict[str, str]:
        """The symbols' domains in one variant (``domains:`` may name a quantity)."""
        if isinstance(self.domains, str):
            return check_domains(values[self.domains], self.symbols, f"part {self.id}")
        return self.domains


@dataclass
class Family:
    """A loaded family: metadata, parameter space, solution graph and templates."""

    id: str
    folder: Path
    title: str
    topics: tuple[str, ...]
    source: dict[str, str]
    difficulty: int
    calculator: bool
    parts: tuple[PartSpec, ...]
    params: tuple[Param, ...]
    source_params: dict[str, Any]
    graph: Graph
    sampler: Callable[[np.random.Generator], dict[str, Any]] | None
    constraint_fn: Callable[[dict[str, Any]], Any] | None
    numeric_fn: Callable[[dict[str, Any]], dict[str, Any]] | None
    checks: dict[str, Callable[..., list[str]]] = field(default_factory=dict)
    identity: tuple[str, ...] = ()
    audit: tuple[dict[str, Any], ...] = ()
    option_order: OptionOrder | None = None
    credit: str = ""  # the solutions' credit line ("Adapted from ..."); empty for dlexam originals

    def same_question_key(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        """What makes two draws the same question (``IDENTITY`` in params.py, default: all
        parameters): a multiple-choice item is the same question whatever its option order."""
        names = self.identity or tuple(p.name for p in self.params)
        return tuple(str(params.get(name)) for name in names)

    # -- parameters -------------------------------------------------------------------------
    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        known = ", ".join(p.name for p in self.params)
        raise DlexamError(f"family {self.id} has no parameter {name!r} (it has: {known})")

    def coerce(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Read every value through its parameter type; unknown names are an error."""
        return {name: self.param(name).coerce(value) for name, value in values.items()}

    def violations(self, params: Mapping[str, Any]) -> list[str]:
        """Why these parameters do not make a good question (empty when they do)."""
        missing = [p.name for p in self.params if p.name not in params]
        if missing:
            return [f"missing parameter(s): {', '.join(missing)}"]
        if self.constraint_fn is None:
            return []
        return list(self.constraint_fn(dict(params)) or [])

    def source_instance(self) -> dict[str, Any]:
        """The source question's values; its options in the order the family writes them."""
        values = dict(self.source_params)
        if self.option_order:
            values.setdefault(OPTION_ORDER, 0)
        return self.coerce(values)

    def draw(
        self,
        rng: np.random.Generator,
        fixed: Mapping[str, Any] | None = None,
        accept: Callable[[dict[str, Any]], bool] | None = None,
    ) -> dict[str, Any]:
        """Sample until the constraints (and the caller's ``accept``) hold; ``fixed`` wins."""
        fixed = self.coerce(fixed or {})
        last: list[str] = []
        for _ in range(SAMPLE_ATTEMPTS):
            drawn = dict(self.sampler(rng)) if self.sampler else {}
            for param in self.params:  # what a sampler leaves out (the option order) is drawn
                if param.name not in drawn:
                    drawn[param.name] = param.sample(rng)
            params = {**self.coerce(drawn), **fixed}
            last = self.violations(params)
            if not last and (accept is None or accept(params)):
                return params
        reason = "; ".join(last) or "no sample satisfied the requested parameter ranges"
        raise DlexamError(
            f"family {self.id}: no valid parameters in {SAMPLE_ATTEMPTS} draws: {reason}",
            hint="loosen the fixed values or ranges",
        )

    # -- solution ---------------------------------------------------------------------------
    def solve(
        self,
        params: Mapping[str, Any],
        given: Mapping[str, Any] | None = None,
        wanted: list[str] | None = None,
    ) -> dict[str, Any]:
        """The ``wanted`` quantities (default all) for ``params``; ``given`` replaces quantities
        (follow-through recomputes one later key from a student's earlier answers)."""
        values = self.graph.evaluate(params, given, wanted)
        if self.option_order and OPTION_ORDER in params:
            self.option_order.apply(values, int(params[OPTION_ORDER]), given or {})
        return values

    def part(self, part_id: str) -> PartSpec:
        for part in self.parts:
            if part.id == part_id:
                return part
        raise DlexamError(f"family {self.id} has no part {part_id!r}")

    def dependencies(self, part: PartSpec) -> list[str]:
        """Ids of the earlier parts whose answers this part's key is computed from."""
        answers = {p.answer: p.id for p in self.parts if p.id != part.id}
        if part.answer not in self.graph.quantities:
            return []
        upstream = self.graph.upstream(part.answer, set(answers))
        return sorted(answers[name] for name in upstream)

    def check(self, part_id: str, answer: Any, params: Mapping[str, Any]) -> list[str]:
        """Problems with a design answer to a constraint part (empty when it satisfies it)."""
        part = self.part(part_id)
        if part.check is None:
            raise DlexamError(f"part {part_id} of {self.id} is not constraint-checked")
        return list(self.checks[part.check](answer, dict(params)))

    def numeric(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """The independent numeric path, fed plain floats and lists, never sympy objects."""
        if self.numeric_fn is None:
            return {}
        plain = {k: v if isinstance(v, str) else formatting.number(v) for k, v in params.items()}
        return self.numeric_fn(plain)

    def describe(self) -> dict[str, Any]:
        """The listing used by ``dlexam templates --json``."""
        return {
            "id": self.id,
            "title": self.title,
            "topics": list(self.topics),
            "source": dict(self.source),
            "difficulty": self.difficulty,
            "calculator": self.calculator,
            "params": [p.describe() for p in self.params],
            "parts": [
                {"id": p.id, "prompt": p.prompt, "kind": p.kind, "points": p.points}
                for p in self.parts
            ],
        }


# -- loading ---------------------------------------------------------------------------------
PACKAGE = "dlexam_templates"


def _package(folder: Path) -> str:
    """Register ``folder`` as the package ``dlexam_templates.<folder>``, so a family's modules can
    import their own helpers relatively (``from .forward import run``) wherever the folder lives."""
    if PACKAGE not in sys.modules:
        root = ModuleType(PACKAGE)
        root.__path__ = []
        sys.modules[PACKAGE] = root
    name = f"{PACKAGE}.{folder.name}"
    known = sys.modules.get(name)
    if known is None or list(getattr(known, "__path__", ())) != [str(folder)]:
        for stale in [m for m in sys.modules if m.startswith(f"{name}.")]:
            del sys.modules[stale]  # another folder of the same name was loaded before
        package = ModuleType(name)
        package.__path__ = [str(folder)]
        package.__package__ = name
        sys.modules[name] = package
    return name


def _load_module(folder: Path, name: str) -> ModuleType:
    path = folder / f"{name}.py"
    module_name = f"{_package(folder)}.{name}"
    if module_name in sys.modules:  # already imported by a sibling (``from . import solution``)
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise DlexamError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def _credit(meta: Mapping[str, Any], folder: Path) -> str:
    """The family's credit line from ``credit:`` in meta.yaml, the one source reference written
    for students (``source:`` is for authors). Without it (a family of one's own) or with
    ``credit: new`` the solutions print none; an item bank credits each item instead."""
    where = str(folder / "meta.yaml")
    banked = (folder / ITEMS_FILE).is_file()
    if banked:
        if "credit" in meta:
            raise DlexamError(
                f"'credit' is not used here: each item in {ITEMS_FILE} credits its own source",
                where=where,
                hint="remove 'credit' from meta.yaml",
            )
        return ""
    reference = meta.get("credit", "new")
    problem = "must be text" if not isinstance(reference, str) else credit_problem(reference)
    if not reference or problem:
        raise DlexamError(
            f"credit {reference!r}: {problem or 'is empty'}",
            where=where,
            hint='write e.g. credit: "TUM I2DL WS21 endterm, Problem 7", or credit: new',
        )
    return adapted_from(" ".join(reference.split()))


def _require(meta: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in meta:
        raise DlexamError(f"missing required field {key!r}", where=where)
    return meta[key]


def _rubric_item(raw: Any, where: str) -> RubricItem:
    if isinstance(raw, str):
        return RubricItem(" ".join(raw.split()))
    if not isinstance(raw, dict) or not isinstance(raw.get("text", ""), str):
        raise DlexamError(
            "a rubric item is a text or a mapping {pt, text, each, partial}", where=where
        )
    unknown = set(raw) - {"pt", "text", "each", "partial"}
    if unknown:
        raise DlexamError(f"unknown rubric field(s) {', '.join(sorted(unknown))}", where=where)
    points = raw.get("pt")
    if points is not None and (not isinstance(points, int | float) or points <= 0):
        raise DlexamError("'pt' must be a positive number", where=where)
    each = raw.get("each", 1)
    if not isinstance(each, int) or each < 1:
        raise DlexamError("'each' must be a positive whole number", where=where)
    return RubricItem(
        " ".join(str(raw.get("text", "")).split()),
        None if points is None else exact(points),
        each,
        bool(raw.get("partial", False)),
    )


def _rubric(raw: Any, points: float, where: str) -> tuple[RubricItem, ...]:
    """The rubric as items whose amounts are data, so a spec that rescales the part rescales
    them; amounts written into the text would keep the old numbers, so they are refused."""
    place = f"{where}.rubric"
    if raw is None or raw == "":
        return ()
    items = tuple(
        _rubric_item(item, f"{place}[{i}]")
        for i, item in enumerate(raw if isinstance(raw, list) else [raw])
    )
    for item in items:
        if AMOUNT.search(item.text):
            raise DlexamError(
                f"the rubric text {AMOUNT.search(item.text)[0]!r} names points",  # type: ignore[index]
                where=place,
                hint="write each amount as an item: - {pt: 1, text: for the forward pass}",
            )
    amounts = [item for item in items if item.points is not None]
    if amounts and rubric_total(items) != exact(points):
        raise DlexamError(
            f"the rubric's amounts add up to {float(rubric_total(items)):g} pt, "
            f"the part has {points:g}",
            where=place,
            hint="mark credit for a partly right answer with 'partial: true'",
        )
    if any(
        item.partial and item.points is not None and item.points >= exact(points)
        for item in amounts
    ):
        raise DlexamError("a partial credit must be less than the part's points", where=place)
    return items


def _part_spec(raw: Mapping[str, Any], index: int, where: str) -> PartSpec:
    place = f"{where}: parts[{index}]"
    kind = _require(raw, "kind", place)
    if kind not in KINDS:
        raise DlexamError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})", where=place)
    default = DEFAULT_TOLERANCE.get(kind, SIGFIG_DEFAULT)
    scoring = raw.get("scoring", "all-or-nothing")
    if scoring not in SCORING_RULES:
        raise DlexamError(f"unknown scoring {scoring!r}", where=place)
    if scoring == "partial" and kind not in ("multi", "vector", "matrix"):
        raise DlexamError("scoring: partial is for multi, vector and matrix parts", where=place)
    if scoring == "negative" and kind not in ("choice", "multi"):
        raise DlexamError("scoring: negative is for choice and multi parts", where=place)
    part_id = str(_require(raw, "id", place))
    return PartSpec(
        id=part_id,
        prompt=str(_require(raw, "prompt", place)),
        points=float(_require(raw, "points", place)),
        kind=kind,
        answer=str(raw.get("answer", part_id)),
        tolerance={**default, **raw.get("tolerance", {})},
        alternatives=tuple(
            Alternative(str(a["quantity"]), float(a["points"]), str(a["reason"]))
            for a in raw.get("alternatives", [])
        ),
        rubric=_rubric(raw.get("rubric"), float(raw["points"]), place),
        symbols=tuple(raw.get("symbols", ())),
        domains=_domains(raw, place),
        follow_through=float(raw.get("follow_through", 1.0)),
        scoring=scoring,
        options=raw.get("options"),
        check=raw.get("check"),
        unit=str(raw.get("unit", "")),
        unit_multiples=bool(raw.get("unit_multiples", False)),
        decimals=raw.get("decimals"),
        labels=raw.get("labels"),
        room=_room(raw.get("room"), place),
    )


# What ``room:`` in meta.yaml may name (cm of answer box on the exam), besides a number of cm.
ROOMS = {"line": 1.2, "short": 2.5, "derivation": 5.5, "drawing": 7.0}
MAX_ROOM = 20.0  # cm: a box must fit on a page with its prompt


def _room(value: Any, place: str) -> float | None:
    """The answer-box height a part declares: a name from ``ROOMS`` or centimetres."""
    if value is None:
        return None
    if isinstance(value, str) and value in ROOMS:
        return ROOMS[value]
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value <= MAX_ROOM:
        return float(value)
    raise DlexamError(
        f"room {value!r}: one of {', '.join(ROOMS)} or a height in cm from 1 to {MAX_ROOM:g}",
        where=place,
    )


AUDIT_THRESHOLDS = ("constant", "distinct", "degenerate", "length")


def _audit_exceptions(raw: Any, part_ids: set[str], where: str) -> tuple[dict[str, Any], ...]:
    """The audit thresholds a family declares it cannot meet (``audit:`` in meta.yaml), each
    with the parts it concerns (default: all) and a reason an instructor would accept."""
    place = f"{where}/meta.yaml: audit"
    if not isinstance(raw, list):
        raise DlexamError("must be a list of {threshold, parts, reason}", where=place)
    entries = []
    for index, entry in enumerate(raw):
        at = f"{place}[{index}]"
        if not isinstance(entry, dict) or not str(entry.get("reason", "")).strip():
            raise DlexamError("each entry needs a threshold and a reason", where=at)
        if entry.get("threshold") not in AUDIT_THRESHOLDS:
            raise DlexamError(
                f"unknown threshold {entry.get('threshold')!r} "
                f"(one of {', '.join(AUDIT_THRESHOLDS)})",
                where=at,
            )
        unknown = [p for p in entry.get("parts", ()) if str(p) not in part_ids]
        if unknown:
            raise DlexamError(f"unknown part(s) {', '.join(map(str, unknown))}", where=at)
        entries.append(
            {
                "threshold": entry["threshold"],
                "parts": tuple(str(p) for p in entry.get("parts", ())),
                "reason": " ".join(str(entry["reason"]).split()),
            }
        )
    return tuple(entries)


def _domains(raw: Mapping[str, Any], where: str) -> dict[str, str] | str:
    """``domains: {H: positive}``, or the name of a quantity giving that mapping per variant:
    where the question says what a symbol's values are, the grader checks expressions there
    only (elsewhere every symbol is any real number)."""
    domains = raw.get("domains") or {}
    if isinstance(domains, str):
        return domains
    return check_domains(
        {str(k): str(v) for k, v in domains.items()}, raw.get("symbols", ()), where
    )


def check_domains(domains: Mapping[str, str], symbols: Sequence[str], where: str) -> dict[str, str]:
    for name, domain in domains.items():
        if name not in symbols:
            raise DlexamError(f"domains: {name!r} is not one of the part's symbols", where=where)
        if domain not in SYMBOL_DOMAINS:
            raise DlexamError(
                f"domains: unknown domain {domain!r} (one of {', '.join(SYMBOL_DOMAINS)})",
                where=where,
            )
    return dict(domains)


def load_family(folder: Path) -> Family:
    """Load and validate one family folder; every problem is a :class:`DlexamError` naming it."""
    where = f"templates/{folder.name}"
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        raise DlexamError(f"missing {', '.join(missing)}", where=where)
    try:
        meta = yaml.safe_load((folder / "meta.yaml").read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise DlexamError(f"meta.yaml is not valid YAML: {error}", where=where) from None
    if not isinstance(meta, dict):
        raise DlexamError("meta.yaml must be a mapping", where=where)
    family_id = str(_require(meta, "id", f"{where}/meta.yaml"))
    if family_id != folder.name:
        raise DlexamError(f"meta.yaml id {family_id!r} differs from the folder name", where=where)
    topics = tuple(str(t) for t in meta.get("topics", ()))
    unknown = [t for t in topics if t not in TOPICS]
    if unknown or not topics:
        raise DlexamError(
            f"meta.yaml topics {list(topics)}: each must be one of {', '.join(TOPICS)}",
            where=where,
        )
    parts = tuple(
        _part_spec(raw, i, f"{where}/meta.yaml") for i, raw in enumerate(meta.get("parts", []))
    )
    if not parts:
        raise DlexamError("meta.yaml declares no parts", where=where)
    if len({p.id for p in parts}) != len(parts):
        raise DlexamError("meta.yaml repeats a part id", where=where)

    params_module = _load_module(folder, "params")
    solution_module = _load_module(folder, "solution")
    params = tuple(getattr(params_module, "PARAMS", ()))
    option_order = OptionOrder.of(parts, {p.name for p in params})
    if option_order:
        params = (*params, OptionOrder.param())
    graph = Graph(collect(vars(solution_module)), [p.name for p in params])
    for part in parts:
        answer = None if part.kind == "manual" else part.answer  # manual parts have no key
        domains = part.domains if isinstance(part.domains, str) else None
        named = (answer, *(a.quantity for a in part.alternatives), part.options, part.labels)
        for name in (*named, domains):
            if name is not None and name not in graph.quantities:
                raise DlexamError(
                    f"part {part.id} names quantity {name!r}, not defined in solution.py",
                    where=where,
                )
        if part.kind == "constraint" and not callable(
            getattr(solution_module, part.check or "", None)
        ):
            raise DlexamError(f"constraint part {part.id} needs a check function", where=where)

    computed = any(p.kind not in UNCOMPUTED_KINDS for p in parts)
    numeric_fn = None
    if (folder / "numeric.py").is_file():
        numeric_fn = _load_module(folder, "numeric").numeric
    elif computed:
        raise DlexamError("missing numeric.py (needed to cross-check computed parts)", where=where)

    source = meta.get("source") or {}
    return Family(
        option_order=option_order,
        audit=_audit_exceptions(meta.get("audit") or [], {p.id for p in parts}, where),
        credit=_credit(meta, folder),
        id=family_id,
        folder=folder,
        title=str(_require(meta, "title", where)),
        topics=topics,
        source={k: str(v) for k, v in source.items()},
        difficulty=int(meta.get("difficulty", 2)),
        calculator=bool(meta.get("calculator", False)),
        parts=parts,
        params=params,
        source_params=dict(getattr(params_module, "SOURCE", {})),
        graph=graph,
        sampler=getattr(params_module, "sample", None),
        identity=tuple(getattr(params_module, "IDENTITY", ())),
        constraint_fn=getattr(params_module, "constraints", None),
        numeric_fn=numeric_fn,
        checks={p.check: getattr(solution_module, p.check) for p in parts if p.check is not None},
    )
