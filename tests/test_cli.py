"""The ``dlexam`` command line: listings, solving, generating, and user errors (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run

SPEC = """
title: CLI exam
course: DL 101
seed: 11
variants: 2
questions:
  - family: conv_shape
"""


def test_templates_json_lists_every_family_with_params_and_parts() -> None:
    code, out, _ = run("templates", "--json")
    assert code == 0
    families = {f["id"]: f for f in json.loads(out)}
    conv = families["conv_shape"]
    assert conv["topics"] == ["cnn"]
    assert conv["source"]["file"] == "004_5b0f837f9b646cfa.txt"
    assert {p["name"] for p in conv["params"]} >= {"size", "kernel", "stride"}
    assert [p["id"] for p in conv["parts"]] == ["a", "b", "c"]


def test_templates_filters_by_topic_and_rejects_unknown_topics() -> None:
    code, out, _ = run("templates", "--topic", "cnn")
    assert code == 0 and "conv_shape" in out
    code, _, err = run("templates", "--topic", "astrology")
    assert code == 2 and "no family has topic 'astrology'" in err


def test_solve_source_json_has_the_documented_shape() -> None:
    code, out, _ = run("solve", "conv_shape", "--source", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["family"] == "conv_shape" and data["seed"] is None
    assert data["params"]["size"] == "26"
    part = data["parts"][0]
    assert {k: part[k] for k in ("id", "kind", "points", "exact", "value")} == {
        "id": "a",
        "kind": "shape",
        "points": 2.0,
        "exact": "8x8x5",
        "value": [8, 8, 5],
    }
    assert part["latex"] == r"8 \times 8 \times 5" and part["tolerance"] == {"mode": "exact"}


def parts_of(*args: str) -> dict[str, dict]:
    code, out, _ = run("solve", *args, "--json")
    assert code == 0
    return {p["id"]: p for p in json.loads(out)["parts"]}


def test_solve_json_keeps_interval_ends_infinities_options_labels_and_rounding() -> None:
    sgd = parts_of("sgd_quadratic", "--source")
    assert sgd["b"]["exact"] == "(1/6, oo)"
    assert sgd["b"]["value"] == [
        {"lower": 1 / 6, "upper": "inf", "lower_closed": False, "upper_closed": False}
    ]
    choice = parts_of("lr_per_coordinate", "--source")["b"]
    assert [o["label"] for o in choice["options"]] == ["A", "B", "C"]
    assert all(o["text"] for o in choice["options"])
    assert parts_of("graph_gradients", "--seed", "1")["c"]["labels"] == ["df/dx", "df/dy"]
    lstm = parts_of("rnn_lstm_forward", "--seed", "1")
    assert lstm["a"]["exact"] == "0.4159" and lstm["a"]["rounded"] == {"decimals": 4}
    assert "rounded" not in lstm["d"]  # y2 = ReLU(negative) = 0 exactly


def test_solve_text_prints_decimals_for_vectors_and_says_when_a_key_is_a_decimal() -> None:
    code, out, _ = run("solve", "backprop_sin", "--source", "--set", "lr=1/3")
    assert code == 0 and "[pi/2 + 8/3, 4/3 + pi]  ≈ [4.237, 4.475]" in out
    code, out, _ = run("solve", "rnn_lstm_forward", "--seed", "1")
    assert "(a) state s1 [1 pt]: 0.4159 (a decimal, 4 decimals)" in out


def test_solve_set_takes_exact_values_and_seeds_are_reproducible() -> None:
    _, first, _ = run("solve", "conv_shape", "--seed", "5", "--set", "kernel=3", "--json")
    _, second, _ = run("solve", "conv_shape", "--seed", "5", "--set", "kernel=3", "--json")
    assert first == second and json.loads(first)["params"]["kernel"] == "3"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("solve", "no_such_family"), "unknown family 'no_such_family'"),
        (("solve", "conv_shape", "--set", "stride"), "expected NAME=VALUE"),
        (("solve", "conv_shape", "--set", "nope=1"), "no parameter 'nope'"),
        (("solve", "conv_shape", "--set", "size=abc"), "cannot read 'abc'"),
        (("solve", "conv_shape", "--source", "--set", "stride=2"), "not divisible by the stride"),
    ],
)
def test_user_errors_exit_2_with_one_line_and_no_traceback(
    args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert message in err and err.startswith("error: ")
    assert "Traceback" not in out + err


def test_generate_is_byte_identical_across_runs(tmp_path: Path) -> None:
    spec = tmp_path / "exam.yaml"
    spec.write_text(SPEC)
    outputs = []
    for name in ("one", "two"):
        code, out, _ = run("generate", str(spec), "--out", str(tmp_path / name), "--no-pdf")
        assert code == 0, out
        assert str(tmp_path / name / "keys.json") in out
        outputs.append(tmp_path / name)
    files = sorted(p.relative_to(outputs[0]) for p in outputs[0].rglob("*") if p.is_file())
    assert Path("keys.json") in files and any(p.suffix == ".tex" for p in files)
    for relative in files:
        assert (outputs[0] / relative).read_bytes() == (outputs[1] / relative).read_bytes()


def test_generate_with_an_invalid_spec_exits_2(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(SPEC.replace("conv_shape", "conv_shapes"))
    code, _, err = run("generate", str(spec), "--out", str(tmp_path / "out"))
    assert code == 2 and "questions[0].family: unknown family 'conv_shapes'" in err
    assert not (tmp_path / "out").exists()
