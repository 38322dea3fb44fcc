"""``dlexam audit``: what it flags, and every family held to its thresholds."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
import sympy
from click.testing import CliRunner

import generator
from generator.audit import (
    DRAWS,
    MIN_DISTINCT,
    Draw,
    measure_part,
    part_flags,
    required_distinct,
    run_audit,
    summarize,
)
from generator.cli import main
from generator.errors import DlexamError
from generator.family import PartSpec, load_family
from generator.registry import BUNDLED, default_registry
from generator.sigmoid import sigmoid

FAMILIES = sorted(default_registry().families)


def part(kind: str, part_id: str = "a") -> PartSpec:
    return PartSpec(id=part_id, prompt="p", points=1, kind=kind, answer=part_id, tolerance={})


def test_flags_all_zero_matrices_infinities_saturation_and_trivial_reals() -> None:
    zero = sympy.Integer(0)
    assert part_flags(part("matrix"), [[zero, zero], [zero, zero]]) == ["all zero"]
    assert part_flags(part("vector"), [sympy.Integer(2), zero]) == ["zero component"]
    assert part_flags(part("number"), sympy.oo) == ["infinite"]
    assert part_flags(part("number"), sympy.Integer(-1)) == ["0 or ±1"]
    assert part_flags(part("number"), sigmoid(sympy.Integer(12))) == ["saturated"]
    assert part_flags(part("vector"), [sympy.tanh(9), sympy.Rational(1, 2)]) == ["saturated"]
    assert part_flags(part("number"), sigmoid(sympy.Integer(2))) == []
    # a count of 1 (padding, one extra kernel) is an ordinary answer
    assert part_flags(part("integer"), sympy.Integer(1)) == []


def test_key_length_counts_the_longest_number_and_allows_decimals_with_a_calculator() -> None:
    adam = [sympy.Rational(2880000002, 1600000001), sympy.Integer(1)]
    measured = measure_part(part("vector"), adam, calculator=True)
    assert (measured.chars, measured.digits, measured.too_long) == (21, 20, True)
    assert not measured.by_hand
    nested = sympy.exp(3 * sympy.sqrt(3) / 2 + sympy.pi / 7) / (1 + sympy.exp(sympy.sqrt(2) / 3))
    assert not measure_part(part("number"), nested, calculator=True).too_long
    assert measure_part(part("number"), nested, calculator=False).too_long
    assert measure_part(part("number"), sympy.Rational(3, 4), calculator=False).by_hand
    sgd = sympy.Rational(-198765432109, 10**11)  # eta = 0.01 on a cubic: a calculator's decimal
    assert not measure_part(part("number"), sgd, calculator=True).too_long
    assert measure_part(part("number"), sgd, calculator=False).too_long


def draw(seed: int, **keys: str) -> Draw:
    parts = {
        pid: dataclasses.replace(
            measure_part(part("integer", pid), sympy.Integer(int(key)), False), key=key
        )
        for pid, key in keys.items()
    }
    return Draw("conv_shape", seed, f"s{seed}", parts)


def test_a_constant_part_fails_unless_the_family_declares_why() -> None:
    family = default_registry().get("conv_shape")
    family = dataclasses.replace(family, parts=(part("integer", "a"),), audit=())
    draws = [draw(seed, a="7") for seed in range(DRAWS)]
    audit = summarize(family, draws)
    assert audit.status == "fails"
    assert audit.failures[0].startswith("constant (a): always 7")
    declared = {"threshold": "constant", "parts": ("a",), "reason": "one fact"}
    both = {"threshold": "distinct", "parts": (), "reason": "one fact"}
    family = dataclasses.replace(family, audit=(declared, both))
    assert summarize(family, draws).status == "declared"


def test_distinct_keys_are_required_in_proportion_to_the_draws() -> None:
    assert required_distinct(DRAWS) == MIN_DISTINCT
    assert required_distinct(200) == 10
    assert required_distinct(5000) == MIN_DISTINCT


def test_meta_yaml_audit_entries_need_a_known_threshold_parts_and_a_reason(
    tmp_path: Path,
) -> None:
    import shutil

    folder = tmp_path / "conv_shape"
    shutil.copytree(BUNDLED / "conv_shape", folder)
    meta = folder / "meta.yaml"
    original = meta.read_text(encoding="utf-8")
    for entry, message in [
        ("[{threshold: variety, reason: x}]", "unknown threshold 'variety'"),
        ("[{threshold: distinct, parts: [z], reason: x}]", "unknown part(s) z"),
        ("[{threshold: distinct}]", "needs a threshold and a reason"),
    ]:
        meta.write_text(original + f"audit: {entry}\n", encoding="utf-8")
        with pytest.raises(DlexamError, match=message.replace("(", r"\(").replace(")", r"\)")):
            load_family(folder)
    meta.write_text(original + "audit: [{threshold: distinct, parts: [a], reason: x}]\n")
    assert load_family(folder).audit[0]["parts"] == ("a",)


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_audit_command_text_json_and_usage_errors() -> None:
    code, out, _ = run_cli("audit", "lr_per_coordinate", "--n", "40", "--jobs", "1")
    assert code == 0
    assert "(b) choice" in out and "(d) interval" in out
    assert "1 families, 40 draws each" in out
    code, out, _ = run_cli("audit", "conv_shape", "--n", "30", "--json", "--jobs", "2")
    document = json.loads(out)
    family = document["families"][0]
    assert family["id"] == "conv_shape" and family["draws"] == 30
    assert {p["id"] for p in family["parts"]} == {"a", "b", "c"}
    assert document["summary"]["meets"] + document["summary"]["fails"] == ["conv_shape"]
    assert run_cli("audit")[0] == 2
    assert run_cli("audit", "conv_shape", "--all")[0] == 2
    assert run_cli("audit", "no_such_family")[0] == 2


# -- every family against the thresholds ------------------------------------------------------
def fingerprint(family_id: str) -> str:
    """Everything an audit depends on: the family folder, the generator, sympy and numpy."""
    digest = hashlib.sha256(f"{sympy.__version__} {DRAWS}".encode())
    folder = default_registry().get(family_id).folder
    generator_dir = Path(generator.__file__).parent
    for path in sorted([*folder.rglob("*"), *generator_dir.glob("*.py")]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="module")
def audits(pytestconfig: pytest.Config) -> dict[str, dict[str, Any]]:
    """The verdict of every family over up to DRAWS draws, cached by the family's fingerprint
    (pytest's cache), so a run audits only the families whose code changed since the last; with
    the cache plugin off (``-p no:cacheprovider``) every family is audited."""
    cache = getattr(pytestconfig, "cache", None)
    verdicts: dict[str, dict[str, Any]] = {}
    stale = []
    for family_id in FAMILIES:
        cached = cache.get(f"dlexam/audit/{family_id}", {}) if cache else {}
        if cached.get("fingerprint") == fingerprint(family_id):
            verdicts[family_id] = cached
        else:
            stale.append(default_registry().get(family_id))
    jobs = min(2, os.cpu_count() or 1)
    for audit in run_audit(stale, draws=DRAWS, first=200, jobs=jobs):
        verdicts[audit.id] = {"fingerprint": fingerprint(audit.id), "failures": audit.failures}
        if cache:
            cache.set(f"dlexam/audit/{audit.id}", verdicts[audit.id])
    return verdicts


@pytest.mark.parametrize(
    "family_id",
    FAMILIES,
)
def test_family_meets_the_audit_thresholds_or_declares_why(
    family_id: str, audits: dict[str, dict[str, Any]]
) -> None:
    assert audits[family_id]["failures"] == [], f"`dlexam audit {family_id}` shows why"
