"""``keys.json``: the answer keys of every variant of one exam, the grader's only input besides
the answers. Its JSON Schema lives in ``generator/schema/keys.schema.json``; every file written is
validated against it first, and ``KEYS_VERSION`` changes whenever the layout does.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema

from generator import __version__
from generator.errors import DlexamError
from generator.variants import Exam

KEYS_VERSION = 2
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "keys.schema.json"


@cache
def schema() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return result


@cache
def _compiled() -> Callable[[Any], Any]:
    """The schema compiled to Python (fastjsonschema): 20x faster than interpreting it, which
    matters when 100 variants are written; tests check it agrees with the jsonschema reference."""
    return fastjsonschema.compile(schema())


def validate(document: dict[str, Any], where: str = "keys.json") -> None:
    """Raise a :class:`DlexamError` naming the first schema violation and its JSON path."""
    try:
        _compiled()(document)
    except fastjsonschema.JsonSchemaValueException as error:
        path = "/".join(str(p) for p in error.path[1:]) or "(top level)"
        raise DlexamError(f"{path}: {error.message}", where=where) from None


def exam_keys(exam: Exam) -> dict[str, Any]:
    spec = exam.spec
    return {
        "version": KEYS_VERSION,
        "generator": f"dlexam {__version__}",
        "exam": {
            "title": spec.title,
            "course": spec.course,
            "date": spec.date,
            "slug": spec.slug,
            "seed": exam.seed,
            "spec": spec.path.name if spec.path else None,
            "follow_through": spec.follow_through,
            "max_points": sum(q.total_points for q in exam.variants[0].questions),
            "kind": spec.kind,
        },
        "warnings": list(exam.warnings),
        "variants": [
            {
                "id": variant.id,
                "index": variant.index,
                "student": variant.student,
                "questions": [
                    instance.question_key(number, variant.entropy[instance.position])
                    for number, instance in variant.ordered()
                ],
            }
            for variant in exam.variants
        ],
    }


def dumps(document: dict[str, Any]) -> str:
    """Stable text: sorted keys are not used so the order stays readable, but it never varies."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def load_keys(path: Path) -> dict[str, Any]:
    """Read and validate a keys file, with a clear error when it is missing or malformed."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DlexamError(f"cannot read keys: {error.strerror}", where=str(path)) from None
    except json.JSONDecodeError as error:
        raise DlexamError(
            f"not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}",
            where=str(path),
        ) from None
    validate(document, str(path))
    return dict(document)
