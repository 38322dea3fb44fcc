"""keys.json validation: the fast compiled validator agrees with the jsonschema reference."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest

from generator import keys
from generator.errors import DlexamError
from generator.registry import default_registry
from generator.spec import DEFAULT_SPEC, load_spec
from generator.variants import build_exam


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return keys.exam_keys(build_exam(load_spec(DEFAULT_SPEC, default_registry()), variants=2))


def corrupt(document: dict[str, Any], change: str) -> dict[str, Any]:
    bad = copy.deepcopy(document)
    part = bad["variants"][1]["questions"][2]["parts"][1]
    if change == "kind":
        part["kind"] = "banana"
    elif change == "extra":
        part["colour"] = "red"
    elif change == "value":
        part["value"] = {"a": 1}
    elif change == "missing":
        del part["exact"]
    elif change == "version":
        bad["version"] = 3
    return bad


def test_a_generated_document_is_valid_for_both_validators(document: dict[str, Any]) -> None:
    keys.validate(document)
    jsonschema.Draft202012Validator(keys.schema()).validate(document)


@pytest.mark.parametrize("change", ["kind", "extra", "value", "missing", "version"])
def test_both_validators_reject_the_same_corruptions(document: dict[str, Any], change: str) -> None:
    bad = corrupt(document, change)
    assert not jsonschema.Draft202012Validator(keys.schema()).is_valid(bad)
    with pytest.raises(DlexamError) as error:
        keys.validate(bad, "exam/keys.json")
    if change != "version":
        assert "variants/1/questions/2/parts/1" in str(error.value)
    assert str(error.value).startswith("exam/keys.json: ")
