#!/usr/bin/env bash
# Re-render the README pictures from real output: page 1 of variant V001 of the default exam and
# of its solutions, at 60 dpi. Run from anywhere after changing the default spec or the layout.
set -euo pipefail
cd "$(dirname "$0")"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dlexam generate --out "$out" >/dev/null
pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$out/exam/V001.pdf" exam-page1
pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$out/solutions/V001.pdf" solutions-page1
# The HTML pages of `dlexam generate --html` (html-exam.png, html-solutions.png) and a checked
# question of `dlexam serve` (serve-checked.png) as headless Chromium shows them: the browser
# tests that check them save their screenshots here.
DLEXAM_SCREENSHOTS="$PWD" python -m pytest --no-cov -q ../tests/test_html_browser.py \
  ../tests/test_serve_browser.py
