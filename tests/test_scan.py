"""Bubble sheets printed, filled by a simulated pen, distorted like copiers and phones do, and
read back by ``dlexam scan``: exactly the filled answers, every doubt in review, no invented
answer, every page accounted for, and ``dlexam grade`` grading the CSV.
"""

from __future__ import annotations

import copy
import csv
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator import bubbles
from generator.bubble_sheet import EXAM_INSTRUCTIONS, write_bubble_sheets
from generator.bubbles import PartPlan, parse_qr, sheet_layout
from generator.cli import main
from generator.pdf import find_engine
from generator.spec import SPEC_DIR
from generator.spreadsheet import csv_text
from grader.answers import read_answers
from grader.exam import ExamKeys
from grader.scan.blank import is_blank
from grader.scan.marks import EntryRead, compose
from tests.scan_pen import (
    Distortion,
    Pen,
    distort,
    encode,
    fill,
    key_answer,
    marks_for,
    stray,
)

pytestmark = pytest.mark.skipif(find_engine() is None, reason="needs pdflatex")

SPEC = """title: Scan test
course: DL
date: 2026-01-01
seed: 7
variants: 2
questions:
  - family: mc_cnn
  - family: conv_shape
    parts: [a, b]
  - family: batchnorm_forward
    parts: [b]
  - family: lr_per_coordinate
  - family: sgd_scalar_steps
"""

# One distortion per scanned page: small rotations, upside down, scaling, skew, shadow, noise,
# JPEG, and two resolutions (the 300 dpi pages are rendered separately).
DISTORTIONS = [
    Distortion(angle=1.5, scale=0.97, noise=5, jpeg=75),
    Distortion(angle=-2.5, upside_down=True, shadow=0.45),
    Distortion(angle=0.7, skew=0.02, scale=1.02, noise=8, jpeg=60),
    Distortion(angle=-1.0, upside_down=True, noise=3, shadow=0.3, jpeg=85),
]
PENS = [Pen(0.95), Pen(0.55, 1.1), Pen(0.8, 0.8), Pen(0.9, 1.0, 0.7), Pen(0.6, 0.9, 0.8)]
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def normal(text: str) -> str:
    """An answer with every number as a float, so 6.00 and 6 compare equal."""
    return NUMBER.sub(lambda m: repr(float(m[0])), text.replace(" ", ""))


@pytest.fixture(scope="module")
def exam(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Keys and bubble sheets of a 2-variant exam with every bubbled kind and a handwritten one."""
    root = tmp_path_factory.mktemp("scan")
    (root / "spec.yaml").write_text(SPEC, encoding="utf-8")
    out = root / "exam"
    result = CliRunner().invoke(
        main, ["generate", str(root / "spec.yaml"), "--out", str(out), "--no-pdf", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads((out / "keys.json").read_text(encoding="utf-8"))
    write_bubble_sheets(document, out, {}, str(find_engine()))
    return {"root": root, "keys": out / "keys.json", "document": document, "out": out}


def render(pdf: Path, dpi: int, target: Path) -> list[np.ndarray]:
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-png", str(pdf), str(target)], check=True)
    pages = sorted(target.parent.glob(f"{target.name}-*.png"))
    return [_image(p) for p in pages]


def _decoded(data: bytes) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert image is not None
    return image


def _image(path: Path) -> np.ndarray:
    image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    assert image is not None, path
    return image


def parts_of(document: dict[str, Any], variant: str) -> dict[str, dict[str, Any]]:
    v = next(v for v in document["variants"] if v["id"] == variant)
    return {p["id"]: p for q in v["questions"] for p in q["parts"]}


def wrong_answers(parts: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Valid answers a student might give that are not all right, and some blanks."""
    answers = {}
    for label, part in parts.items():
        if part["kind"] == "choice":
            answers[label] = "A" if part["exact"] != "A" else "B"
        elif part["kind"] == "multi":
            answers[label] = "A,B,D"
        elif part["kind"] == "integer":
            answers[label] = "37"
        elif part["kind"] == "shape":
            answers[label] = "x".join(["12"] * len(part["value"]))
    # 4d, 4e and 3b are left blank
    return answers


def scan_pages(
    exam: dict[str, Any], folder: Path, filled: dict[str, dict[str, str]], dpi: int = 150
) -> list[Path]:
    """Render, fill and distort every page of every variant; returns the image files."""
    folder.mkdir(exist_ok=True)
    rng = np.random.default_rng(3)
    files = []
    for number, (variant, answers) in enumerate(filled.items()):
        layout = sheet_layout(exam["document"], variant)
        pages = render(exam["out"] / "bubble-sheets" / f"{variant}.pdf", dpi, folder / variant)
        to_fill = marks_for(layout, answers)
        for index, page in enumerate(pages, start=1):
            for k, centre in enumerate(to_fill.get(index, [])):
                fill(page, dpi, [centre], PENS[k % len(PENS)], rng)
            stray(page, dpi, rng)
            d = DISTORTIONS[(2 * number + index - 1) % len(DISTORTIONS)]
            data, suffix = encode(distort(page, d, rng), d)
            path = folder / f"scan-{variant}-{index}{suffix}"
            path.write_bytes(data)
            files.append(path)
        for leftover in folder.glob(f"{variant}-*.png"):
            leftover.unlink()
    return files


def run_scan(keys: Path, files: list[Path], out: Path, *options: str) -> str:
    args = ["scan", str(keys), *map(str, files), "--out", str(out), "--jobs", "1", *options]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.output


def run_grade(keys: Path, answers: Path, out: Path) -> list[dict[str, str]]:
    """``dlexam grade`` of a scanned answers.csv; the rows of its scores.csv."""
    graded = CliRunner().invoke(main, ["grade", str(keys), str(answers), "--out", str(out)])
    assert graded.exit_code == 0, graded.output
    return read_csv(out / "scores.csv")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_scan_reads_exactly_the_filled_answers_and_grades(
    exam: dict[str, Any], tmp_path: Path
) -> None:
    document = exam["document"]
    v1, v2 = parts_of(document, "V001"), parts_of(document, "V002")
    right = {label: key_answer(p) for label, p in v1.items() if p["kind"] in bubbles.BUBBLED_KINDS}
    filled = {
        "V001": {"student_id": "20260001", **right},
        "V002": {"student_id": "777", **wrong_answers(v2)},
    }
    files = scan_pages(exam, tmp_path / "scans", filled)
    output = run_scan(exam["keys"], files[::-1], tmp_path / "out", "--annotate")  # any order
    assert f"{len(files)} page(s) in: {len(files)} read, 0 in review" in output
    rows = {row["variant"]: row for row in read_csv(tmp_path / "out" / "answers.csv")}
    review = read_csv(tmp_path / "out" / "review.csv")
    for variant, answers in filled.items():
        row = rows[variant]
        assert row["student_id"] == answers["student_id"]
        for label in bubbles.part_labels(document):
            expected = answers.get(label, "")
            assert normal(row[label]) == normal(expected), (variant, label, row[label])
    # the handwritten expression of neither student was written in: nothing to review
    assert review == []
    graded = run_grade(exam["keys"], tmp_path / "out" / "answers.csv", tmp_path / "graded")
    scores = {r["variant"]: r for r in graded}
    for label in right:
        assert scores["V001"][f"{label}_status"] in ("correct", "within-tolerance"), label
    assert scores["V002"]["4d_status"] == "blank"
    annotated = sorted((tmp_path / "out" / "annotated").glob("*.pdf"))
    assert [p.name for p in annotated] == ["20260001.pdf", "777.pdf"]


def test_doubtful_marks_go_to_review_and_never_into_the_csv(
    exam: dict[str, Any], tmp_path: Path
) -> None:
    """Two marks in one column, a faint (erased) mark: review, blank cell. A handwritten
    expression is no doubt: its cell stays blank and manual.csv asks for its points, which
    `grade --manual` then gives the part."""
    document = exam["document"]
    layout = sheet_layout(document, "V001")
    entries = {e.label: e for e in layout.entries()}
    pages = render(exam["out"] / "bubble-sheets" / "V001.pdf", 150, tmp_path / "V001")
    rng = np.random.default_rng(5)
    by_page: dict[int, list[tuple[tuple[float, float], Pen]]] = {}

    def mark(label: str, column: int, symbol: str, pen: Pen = PENS[0]) -> None:
        entry = entries[label]
        col = entry.columns[column]
        page = next(p.number for p in layout.pages if entry in p.entries)
        by_page.setdefault(page, []).append((col.centers[col.symbols.index(symbol)], pen))

    mark("student id", 0, "4")
    mark("2b", 0, "3")
    mark("2b", 0, "5")  # two digits in one column
    mark("4a", 0, "B", Pen(0.22))  # an erased mark
    mark("4b", 0, "A")  # a clean answer next to them
    for number, page in enumerate(pages, start=1):
        for centre, pen in by_page.get(number, []):
            fill(page, 150, [centre], pen, rng)
    x, y = entries["5a"].box[:2]  # a handwritten expression
    scale = 150 / 25.4
    where = next(i for i, p in enumerate(layout.pages) if entries["5a"] in p.entries)
    origin = (round((x + 5) * scale), round((y + 14) * scale))
    cv2.putText(pages[where], "2p-6", origin, cv2.FONT_HERSHEY_SIMPLEX, 1.2, 20, 3)
    files = []
    for number, page in enumerate(pages, start=1):
        path = tmp_path / f"p{number}.png"
        cv2.imwrite(str(path), page)
        files.append(path)
    run_scan(exam["keys"], files, tmp_path / "out")
    row = read_csv(tmp_path / "out" / "answers.csv")[0]
    assert row["student_id"] == "4"
    assert row["2b"] == "" and row["4a"] == "" and row["5a"] == ""
    assert row["4b"] == "A"
    review = {r["part"]: r for r in read_csv(tmp_path / "out" / "review.csv")}
    assert "2 bubbles marked in one column" in review["2b"]["reason"]
    assert "faint or erased" in review["4a"]["reason"]
    for item in review.values():
        assert (tmp_path / "out" / item["image"]).is_file()
    # blank parts are not doubts, nor is handwriting
    assert set(review) == {"2b", "4a"}
    template = read_csv(tmp_path / "out" / "manual.csv")
    boxes = {r["part"]: r for r in template}
    handwriting = [e.part for e in layout.entries() if e.kind == "handwriting"]
    assert sorted(boxes) == sorted(handwriting) and len(template) == len(handwriting)
    assert boxes["5a"]["box"] == "written" and boxes["5a"]["points"] == ""
    assert {r["box"] for r in template if r["part"] != "5a"} <= {"blank"}
    assert {r["student_id"] for r in template} == {"4"}
    assert all((tmp_path / "out" / r["image"]).is_file() for r in template)
    with (tmp_path / "out" / "manual.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(template[0]))
        writer.writeheader()
        writer.writerows({**r, "points": "1" if r["part"] == "5a" else ""} for r in template)
    graded = tmp_path / "graded"
    args = ["grade", str(exam["keys"]), str(tmp_path / "out" / "answers.csv"), "--out"]
    args += [str(graded), "--manual", str(tmp_path / "out" / "manual.csv")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    scores = read_csv(graded / "scores.csv")[0]
    assert (scores["5a_status"], scores["5a_points"]) == ("manual", "1")


def test_every_page_is_accounted_for(exam: dict[str, Any], tmp_path: Path) -> None:
    """An unreadable QR, a page scanned twice, a page missing, a blank page, and a 300 dpi
    page: pages read + pages in review + blank pages = pages in, the missing page is named and
    pages.csv lists every page with what became of it."""
    files = scan_pages(exam, tmp_path / "s", {"V001": {"student_id": "5"}, "V002": {}}, dpi=150)
    v1p1, v1p2, v2p1, v2p2 = files
    smudged = _image(v2p2)
    x0, y0 = bubbles.QR_BOX
    scale = 150 / 25.4
    # the page is upside down in the scan (DISTORTIONS[1+2]), so its QR code is bottom left
    h, w = smudged.shape
    qr = (w - round((x0 + bubbles.QR_SIZE) * scale), h - round((y0 + bubbles.QR_SIZE) * scale))
    cv2.rectangle(smudged, qr, (qr[0] + round(24 * scale), qr[1] + round(24 * scale)), 0, -1)
    cv2.imwrite(str(tmp_path / "smudged.png"), smudged)
    blank = np.full((1754, 1240), 250, np.uint8)
    cv2.imwrite(str(tmp_path / "blank.png"), blank)
    hi = render(exam["out"] / "bubble-sheets" / "V001.pdf", 300, tmp_path / "hi")[0]
    cv2.imwrite(str(tmp_path / "hi.png"), hi)
    inputs = [
        v1p1,
        v1p2,
        v2p1,
        tmp_path / "smudged.png",
        tmp_path / "blank.png",
        tmp_path / "hi.png",
    ]
    output = run_scan(exam["keys"], inputs, tmp_path / "out")
    assert "6 page(s) in: 3 read, 2 in review, 1 blank" in output
    review = read_csv(tmp_path / "out" / "review.csv")
    reasons = [r["reason"] for r in review]
    assert any("unreadable QR code" in r for r in reasons)
    assert not any("corner marks were not found" in r for r in reasons)
    assert any("also scanned as" in r for r in reasons)
    pages = read_csv(tmp_path / "out" / "pages.csv")
    assert [(r["file"], r["outcome"]) for r in pages] == [
        (v1p1.name, "read"),
        (v1p2.name, "read"),
        (v2p1.name, "read"),
        ("smudged.png", "review"),
        ("blank.png", "blank"),
        ("hi.png", "review"),
    ]
    assert (pages[0]["student_id"], pages[0]["variant"], pages[0]["sheet_page"]) == (
        "5",
        "V001",
        "1",
    )
    assert (tmp_path / "out" / pages[4]["image"]).is_file()
    assert any(r["variant"] == "V002" and "page 2 of 2" in r["reason"] for r in review)
    page_rows = [r for r in review if r["reason"].startswith(("page not read", "page 1 of this"))]
    assert all((tmp_path / "out" / r["image"]).is_file() for r in page_rows)
    rows = {r["variant"]: r for r in read_csv(tmp_path / "out" / "answers.csv")}
    assert rows["V001"]["student_id"] == "5"
    assert rows["V002"]["student_id"] == "unknown-V002"  # nothing bubbled: typed from review


def test_roster_disagreement_goes_to_review(exam: dict[str, Any], tmp_path: Path) -> None:
    root = tmp_path
    (root / "spec.yaml").write_text(SPEC.replace("variants: 2", "variants: 1"), encoding="utf-8")
    (root / "roster.csv").write_text("student_id,name\n1234,Ada Lovelace\n", encoding="utf-8")
    out = root / "exam"
    result = CliRunner().invoke(
        main,
        [
            "generate",
            str(root / "spec.yaml"),
            "--out",
            str(out),
            "--no-pdf",
            "--quiet",
            "--roster",
            str(root / "roster.csv"),
            "--sheet",
            "bubbles",
        ],
    )
    assert result.exit_code == 0, result.output
    tex = next((out / "tex").glob("*.tex")).read_text(encoding="utf-8")
    assert "Worked example: {-}0.235" in tex and "bubble answer sheet" in tex
    assert "Worked example" in EXAM_INSTRUCTIONS
    document = json.loads((out / "keys.json").read_text(encoding="utf-8"))
    write_bubble_sheets(document, out, {}, str(find_engine()))
    layout = sheet_layout(document, "V001")
    assert parse_qr(layout.qr_text(1)).student_id == "1234"  # type: ignore[union-attr]
    # The name on the sheet is LuaLaTeX's picture, as on the exam: tests/test_names.py.
    pages = render(out / "bubble-sheets" / "V001.pdf", 150, root / "V001")
    rng = np.random.default_rng(9)
    for number, centres in marks_for(layout, {"student_id": "1235"}).items():
        fill(pages[number - 1], 150, centres, Pen(), rng)
    files = []
    for number, page in enumerate(pages, start=1):
        cv2.imwrite(str(root / f"r{number}.png"), page)
        files.append(root / f"r{number}.png")
    run_scan(out / "keys.json", files, root / "scanned")
    row = read_csv(root / "scanned" / "answers.csv")[0]
    assert row["student_id"] == "1234"
    review = read_csv(root / "scanned" / "review.csv")
    assert [r["part"] for r in review] == ["student_id"]
    assert "bubbled student id 1235 disagrees with the roster's 1234" in review[0]["reason"]


def test_compose_matrix_interval_and_partial_vectors() -> None:
    def reads(*texts: str | None) -> list[EntryRead]:
        return [EntryRead(t) for t in texts]

    assert compose(PartPlan("3d", "matrix", (2, 2)), reads("1", "2", "3", "4")).text == (
        "[[1, 2], [3, 4]]"
    )
    assert compose(PartPlan("4d", "interval"), reads("(0", "]2.5")).text == "(0, 2.5]"
    assert compose(PartPlan("2a", "shape", (3,)), reads("8", "8", "5")).text == "8x8x5"
    partial = compose(PartPlan("3b", "vector", (3,)), reads("1", None, "2"))
    assert partial.text is None and partial.doubt == "1 of 3 entries blank"
    assert compose(PartPlan("3b", "vector", (2,)), reads(None, None)) == EntryRead(None)


def test_qr_of_another_program_is_not_a_sheet() -> None:
    assert parse_qr("https://example.org") is None
    assert parse_qr("DLXS1|abc|V001||x/2") is None


def test_multipage_pdf_from_a_copier_read_in_parallel(exam: dict[str, Any], tmp_path: Path) -> None:
    from PIL import Image

    files = scan_pages(exam, tmp_path / "s", {"V002": {"student_id": "31", "4a": "C"}})
    pictures = [Image.open(f).convert("L") for f in files]
    pdf = tmp_path / "copier.pdf"
    pictures[0].save(pdf, "PDF", save_all=True, append_images=pictures[1:], resolution=150)
    args = ["scan", str(exam["keys"]), str(pdf), "--out", str(tmp_path / "out"), "--jobs", "2"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "2 page(s) in: 2 read, 0 in review" in result.output
    row = read_csv(tmp_path / "out" / "answers.csv")[0]
    assert (row["student_id"], row["4a"]) == ("31", "C")


def test_unusable_inputs_are_named(exam: dict[str, Any], tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    for name, message in [("notes.txt", "unknown file type .txt"), ("gone.png", "no such file")]:
        args = ["scan", str(exam["keys"]), str(tmp_path / name), "--out", str(tmp_path / "o")]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and message in result.output, result.output


def test_print_file_starts_every_sheet_on_an_odd_page(exam: dict[str, Any], tmp_path: Path) -> None:
    """bubble-sheets-all.pdf pads a sheet of an odd page count with a blank page, so printed
    double-sided no two students share a leaf; the per-variant files have no padding."""
    document = copy.deepcopy(exam["document"])
    document["variants"][0]["questions"] = document["variants"][0]["questions"][:1]
    counts = [len(sheet_layout(document, v["id"]).pages) for v in document["variants"]]
    assert counts[0] % 2 == 1 and counts[1] % 2 == 0  # one sheet of each parity
    write_bubble_sheets(document, tmp_path, {}, str(find_engine()))
    combined = PdfReader(tmp_path / "bubble-sheets-all.pdf").pages
    start = 0
    for variant, count in zip(document["variants"], counts, strict=True):
        own = PdfReader(tmp_path / "bubble-sheets" / f"{variant['id']}.pdf").pages
        assert len(own) == count
        assert start % 2 == 0  # 0-based: the sheet starts on an odd page
        for offset, page in enumerate(own):
            assert combined[start + offset].extract_text() == page.extract_text()
        start += count
        if count % 2:
            assert combined[start].extract_text().strip() == ""
            start += 1
    assert start == len(combined)


def blank_page(level: int = 250) -> np.ndarray:
    return np.full((1754, 1240), level, np.uint8)  # A4 at 150 dpi


def strokes(page: np.ndarray, darkness: int = 60) -> np.ndarray:
    """A few handwritten strokes: a short word and a tick, as on a back side used for notes."""
    out = page.copy()
    cv2.putText(out, "x = 3", (300, 900), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 1.4, darkness, 2)
    cv2.line(out, (700, 1200), (740, 1230), darkness, 2)
    return out


def faint_sheet(exam: dict[str, Any], tmp_path: Path) -> np.ndarray:
    """A sheet printed with almost no toner and its top-left corner mark torn off: no page can
    be read from it, but it is no blank page either."""
    page = render(exam["out"] / "bubble-sheets" / "V001.pdf", 150, tmp_path / "faint")[0]
    page[: round(20 * 150 / 25.4), : round(20 * 150 / 25.4)] = 255
    return (255 - (255 - page.astype(np.float32)) * 0.3).astype(np.uint8)


def test_blank_pages_are_told_from_pages_with_ink(exam: dict[str, Any], tmp_path: Path) -> None:
    """What a copier or phone makes of an empty back side is blank; a few strokes, dust on the
    glass excepted, or a faint sheet whose corner marks were missed are not."""
    rng = np.random.default_rng(11)
    grey = Distortion(angle=1.0, shadow=0.45, noise=8, jpeg=60)
    dusty = blank_page(235)
    for x, y in rng.integers(100, 1100, (25, 2)):
        cv2.circle(dusty, (int(x), int(y)), 2, 40, -1)  # specks of 0.7 mm
    blank = [
        blank_page(255),
        _decoded(encode(distort(blank_page(225), grey, rng), grey)[0]),
        distort(blank_page(200), Distortion(upside_down=True, shadow=0.3, noise=5), rng),
        dusty,
    ]
    inked = [
        strokes(blank_page()),
        distort(strokes(blank_page(230), 140), grey, rng),  # light pencil, shadow, noise
        faint_sheet(exam, tmp_path),
    ]
    assert [is_blank(page) for page in blank] == [True] * len(blank)
    assert [is_blank(page) for page in inked] == [False] * len(inked)


def test_blank_back_sides_are_skipped_and_listed(exam: dict[str, Any], tmp_path: Path) -> None:
    """A duplex scan of a one-student sheet: each page followed by its empty back side, plus a
    back side with notes and a faint sheet. The empty backs are blank (counted, listed in
    pages.csv with a picture, not review items); the others go to review; every page is
    accounted for."""
    rng = np.random.default_rng(12)
    files = scan_pages(exam, tmp_path / "s", {"V001": {"student_id": "42", "4a": "C"}})
    grey = Distortion(angle=-1.5, shadow=0.4, noise=6, jpeg=70)
    backs = {
        "back1.jpg": encode(distort(blank_page(240), grey, rng), grey)[0],
        "back2.png": cv2.imencode(".png", blank_page(255))[1].tobytes(),
        "notes.png": cv2.imencode(".png", strokes(blank_page()))[1].tobytes(),
        "faint.png": cv2.imencode(".png", faint_sheet(exam, tmp_path))[1].tobytes(),
    }
    for name, data in backs.items():
        (tmp_path / name).write_bytes(data)
    inputs = [files[0], tmp_path / "back1.jpg", files[1], tmp_path / "back2.png"]
    inputs += [tmp_path / "notes.png", tmp_path / "faint.png"]
    output = run_scan(exam["keys"], inputs, tmp_path / "out")
    assert "6 page(s) in: 2 read, 2 in review, 2 blank" in output
    row = read_csv(tmp_path / "out" / "answers.csv")[0]
    assert (row["student_id"], row["4a"]) == ("42", "C")
    review = read_csv(tmp_path / "out" / "review.csv")
    assert [(r["file"], r["reason"]) for r in review] == [
        ("notes.png", "page not read: the four corner marks were not found"),
        ("faint.png", "page not read: the four corner marks were not found"),
    ]
    pages = read_csv(tmp_path / "out" / "pages.csv")
    assert [r["file"] for r in pages] == [p.name for p in inputs]
    outcomes = [r["outcome"] for r in pages]
    assert outcomes == ["read", "blank", "read", "blank", "review", "review"]
    assert len(pages) == sum(outcomes.count(o) for o in ("read", "review", "blank"))
    for page in pages:
        if page["outcome"] == "blank":
            assert "no corner marks and no ink" in page["reason"]
            assert (tmp_path / "out" / page["image"]).is_file()


def write_points(path: Path, points: dict[str, str]) -> None:
    """Type points into manual.csv as a person does in a spreadsheet (part -> points)."""
    rows = read_csv(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**r, "points": points.get(r["part"], r["points"])} for r in rows)


def test_a_rerun_keeps_the_points_typed_into_manual_csv(
    exam: dict[str, Any], tmp_path: Path
) -> None:
    """Scanning again into the same folder rewrites manual.csv with the points already typed:
    in the box's row while its page is scanned, in a row of its own when it is not; a --manual
    file that disagrees with them is refused before anything is written."""
    files = scan_pages(exam, tmp_path / "s", {"V001": {"student_id": "61"}})
    out = tmp_path / "out"
    run_scan(exam["keys"], files, out)
    write_points(out / "manual.csv", {"5a": "0.5"})
    output = run_scan(exam["keys"], files, out)
    assert "points typed in before kept for 1 part(s)" in output
    rows = read_csv(out / "manual.csv")
    assert [(r["student_id"], r["part"], r["points"], r["box"]) for r in rows] == [
        ("61", "5a", "0.5", "blank")
    ]
    run_scan(exam["keys"], files[:1], out)  # the page with the box is not in this batch
    rows = read_csv(out / "manual.csv")
    assert [(r["student_id"], r["part"], r["points"]) for r in rows] == [("61", "5a", "0.5")]
    assert "not on a page read this time" in rows[0]["box"]
    before = (out / "manual.csv").read_bytes()
    (tmp_path / "other.csv").write_text("student_id,part,points\n61,5a,1\n", encoding="utf-8")
    args = ["scan", str(exam["keys"]), *map(str, files), "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--manual", str(tmp_path / "other.csv")])
    assert result.exit_code == 2 and "already has 0.5" in result.output, result.output
    assert (out / "manual.csv").read_bytes() == before


def drawn_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every text the annotated copies draw."""
    texts: list[str] = []
    real = cv2.putText

    def record(image: np.ndarray, text: str, *args: Any) -> Any:
        texts.append(text)
        return real(image, text, *args)

    monkeypatch.setattr(cv2, "putText", record)
    return texts


def test_annotated_copies_show_hand_graded_points_from_manual(
    exam: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --manual the handwriting box says it is graded by hand and the total covers the
    bubbled parts only (no misleading 0 points); with --manual its points are shown and counted."""
    v1 = parts_of(exam["document"], "V001")
    right = {label: key_answer(p) for label, p in v1.items() if p["kind"] in bubbles.BUBBLED_KINDS}
    files = scan_pages(exam, tmp_path / "s", {"V001": {"student_id": "62", **right}})
    texts = drawn_texts(monkeypatch)
    run_scan(exam["keys"], files, tmp_path / "a", "--annotate")
    full = sum(p["points"] for p in v1.values())
    hand = v1["5a"]["points"]
    assert f"graded by hand, {hand:g} pt" in texts
    assert not any(t.endswith(("blank", "manual")) for t in texts)
    assert (
        f"62  V001  page 1/2   {full - hand:g}/{full - hand:g} points on the bubbled parts" in texts
    )
    assert "not counted, graded by hand: 5a" in texts
    texts.clear()
    (tmp_path / "points.csv").write_text("student_id,part,points\n62,5a,0.5\n", encoding="utf-8")
    out = tmp_path / "b"
    run_scan(exam["keys"], files, out, "--annotate", "--manual", str(tmp_path / "points.csv"))
    assert f"0.5/{hand:g} by hand" in texts
    assert f"62  V001  page 1/2   {full - hand + 0.5:g}/{full:g} points" in texts
    assert not any("graded by hand" in t for t in texts)
    assert read_csv(out / "manual.csv")[0]["points"] == "0.5"


def test_scan_csvs_are_spreadsheet_safe_and_answers_round_trip(
    exam: dict[str, Any], tmp_path: Path
) -> None:
    """review.csv, manual.csv, pages.csv and answers.csv are written like every human-facing
    CSV (CRLF, formula-like cells quoted with '); `dlexam grade` reads answers.csv back to the
    exact answers scanned, the quote taken off again (an answer "-oo" or an id "@x" included)."""
    files = scan_pages(exam, tmp_path / "s", {"V002": {"student_id": "63", "4a": "B"}})
    out = tmp_path / "out"
    run_scan(exam["keys"], files, out)
    for name in ("answers.csv", "review.csv", "manual.csv", "pages.csv"):
        data = (out / name).read_bytes()
        assert data.endswith(b"\r\n") and data.count(b"\r\n") == data.count(b"\n"), name
    keys = ExamKeys.load(exam["keys"])
    sheet = read_answers(out / "answers.csv", keys)
    assert [(s.student_id, s.answers["4a"]) for s in sheet.submissions] == [("63", "B")]
    hostile = csv_text([["student_id", "variant", "4e", "4a"], ["@x", "V002", "-oo", "=B"]])
    assert "'@x" in hostile and "'-oo" in hostile
    (tmp_path / "hostile.csv").write_text(hostile, encoding="utf-8", newline="")
    again = read_answers(tmp_path / "hostile.csv", keys).submissions[0]
    assert (again.student_id, again.answers["4e"], again.answers["4a"]) == ("@x", "-oo", "=B")
    (tmp_path / "kept.csv").write_text("student_id,variant,4e\n'-2,V002,'x\n", encoding="utf-8")
    typed = read_answers(tmp_path / "kept.csv", keys).submissions[0]
    assert (typed.student_id, typed.answers["4e"]) == ("'-2", "'x")  # not a quote csv_text adds


def test_a_blocks_note_stays_within_the_block_width() -> None:
    """A long 'read ... key ...' note is shrunk, then cut: it never runs into the next block."""
    from grader.scan.annotate import _put_fitted

    image = np.full((60, 600, 3), 255, np.uint8)
    note = "read 123456789  key 987654321 bytes (or 0.9 GB, or 942 MiB, or the like)"
    _put_fitted(image, note, (10, 40), 150, (0.5, (0, 0, 0), 1))
    columns = np.flatnonzero((image < 128).any(axis=(0, 2)))
    assert columns.size and columns.min() >= 10 and columns.max() <= 10 + 150


@pytest.mark.parametrize("spec", sorted(SPEC_DIR.glob("*.yaml")), ids=lambda path: path.stem)
def test_every_bundled_specs_sheet_reads_back_its_key(spec: Path, tmp_path: Path) -> None:
    """One variant of each bundled exam: its bubble sheet filled with the key of every bubbled
    part (pens of varied darkness, stray marks, a distorted 150 dpi scan) reads back as exactly
    those answers, except a light pencil mark the scanner doubts, which goes to review with its
    cell left blank (never another answer); `dlexam grade` gives every answer read full points."""
    out = tmp_path / "exam"
    args = ["generate", str(spec), "--variants", "1", "--out", str(out), "--no-pdf", "--quiet"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    document = json.loads((out / "keys.json").read_text(encoding="utf-8"))
    write_bubble_sheets(document, out, {}, str(find_engine()))
    exam = {"document": document, "out": out, "keys": out / "keys.json"}
    parts = parts_of(document, "V001")
    right = {
        label: key_answer(p) for label, p in parts.items() if p["kind"] in bubbles.BUBBLED_KINDS
    }
    files = scan_pages(exam, tmp_path / "scans", {"V001": {"student_id": "4711", **right}})
    output = run_scan(exam["keys"], files, tmp_path / "scanned")
    assert f"{len(files)} page(s) in: {len(files)} read, 0 in review" in output, output
    (row,) = read_csv(tmp_path / "scanned" / "answers.csv")
    assert row["student_id"] == "4711"
    doubted = {item["part"] for item in read_csv(tmp_path / "scanned" / "review.csv")}
    for label in bubbles.part_labels(document):
        if row[label] == "" and label in doubted:
            continue
        assert normal(row[label]) == normal(right.get(label, "")), (label, row[label])
    assert len(doubted) <= max(1, len(right) // 10), doubted
    (scores,) = run_grade(exam["keys"], tmp_path / "scanned" / "answers.csv", tmp_path / "graded")
    for label, part in right.items():
        if label in doubted:
            continue
        points = float(scores[f"{label}_points"])
        assert points == parts[label]["points"], (label, scores[f"{label}_status"], part)
