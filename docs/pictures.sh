#!/usr/bin/env bash
# Re-render the README pictures from real output, at 60 dpi: page 1 of variant V001 of the default
# exam and of its solutions, page 1 of two roster copies with non-Latin names (the exam of
# V010, محمد, and the answer sheet of V001, 李雷, from roster-example.csv), and page 1 of the
# bubble sheet of V001 and of an annotated scanned sheet. Run from anywhere after changing the
# default spec or the layout.
set -euo pipefail
cd "$(dirname "$0")"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dlexam generate --out "$out/plain" >/dev/null
pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$out/plain/exam/V001.pdf" exam-page1
pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$out/plain/solutions/V001.pdf" solutions-page1
dlexam generate --roster roster-example.csv --out "$out/class" >/dev/null
pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$out/class/exam/V010.pdf" roster-exam-page1
pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$out/class/answer-sheets/V001.pdf" roster-answer-sheet-page1
# The paper workflow of the README: the bubble sheet of V001, filled and "scanned" by
# fill_sheets.py (the test suite's pen and copier), and the annotated copy of V002.
dlexam generate --sheet bubbles --out "$out/paper" >/dev/null
pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$out/paper/bubble-sheets/V001.pdf" bubble-sheet
python fill_sheets.py "$out/paper" "$out/scans"
dlexam scan "$out/paper/keys.json" "$out"/scans/*.jpg --out "$out/scanned" --annotate >/dev/null
pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$out/scanned/annotated/20260002.pdf" \
  bubble-sheet-annotated
# The HTML pages of `dlexam generate --html` (html-exam.png, html-solutions.png) and a checked
# question of `dlexam serve` (serve-checked.png) as headless Chromium shows them: the browser
# tests that check them save their screenshots here.
DLEXAM_SCREENSHOTS="$PWD" python -m pytest --no-cov -q ../tests/test_html_browser.py \
  ../tests/test_serve_browser.py
