"""``dlexam generate``: from a spec to keys.json, LaTeX sources and the answer-CSV template.

Everything is computed before anything is written, and every file is written atomically, so a
failing family or an interrupted run never leaves a half-written key next to good documents.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from generator import keys as keys_module
from generator.atomic import write_text_atomic
from generator.documents import MODES, variant_document
from generator.variants import Exam

ANSWER_EXAMPLES = {
    "integer": "42",
    "number": "3/2",
    "vector": "[1, -2]",
    "matrix": "[[1, 0], [0, 1]]",
    "shape": "8x8x5",
    "interval": "(0, 1/3]",
    "set": "(0, 1) U [2, 3]",
    "expression": "2*w - 1",
    "choice": "B",
    "multi": "A,C",
    "constraint": "see question",
}


@dataclass
class Written:
    """Where ``generate`` put things, for the summary the CLI prints."""

    out_dir: Path
    keys: Path
    answers_template: Path
    tex: list[Path] = field(default_factory=list)
    pdf: list[Path] = field(default_factory=list)


def answers_template(exam: Exam) -> str:
    """CSV header the grader expects, with one example row showing each answer format."""
    first = exam.variants[0]
    parts = [
        (instance.label(part), part.kind)
        for _, instance in sorted(first.ordered(), key=lambda item: item[1].position)
        for part in instance.family.parts
        if part.auto_graded
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student_id", "variant", *(label for label, _ in parts)])
    writer.writerow(["s0001", first.id, *(ANSWER_EXAMPLES[kind] for _, kind in parts)])
    return buffer.getvalue()


def write_exam(exam: Exam, out_dir: Path) -> Written:
    """Write keys.json (schema-validated), one .tex per variant and mode, and the CSV template."""
    document = keys_module.exam_keys(exam)
    keys_module.validate(document)
    texts = {
        out_dir / "tex" / f"{variant.id}-{mode}.tex": variant_document(exam.spec, variant, mode)
        for variant in exam.variants
        for mode in MODES
    }
    written = Written(
        out_dir=out_dir,
        keys=out_dir / "keys.json",
        answers_template=out_dir / "answers-template.csv",
    )
    for path, text in texts.items():
        write_text_atomic(path, text)
        written.tex.append(path)
    write_text_atomic(written.answers_template, answers_template(exam))
    write_text_atomic(written.keys, keys_module.dumps(document))
    return written
