#!/usr/bin/env bash
# One command from a fresh Debian machine with Python 3.11 (as root) to a generated exam:
# installs TeX Live, poppler, pandoc, MuPDF's tools and Chromium (HTML pages and their browser tests)
# from Debian's packages, creates .venv with dlexam and its test and
# lint tools, then runs the main job on the bundled default exam.
set -euo pipefail
cd "$(dirname "$0")"

DEBIAN_PACKAGES=(
  texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-pictures
  lmodern latexmk poppler-utils python3-venv
  pandoc mupdf-tools chromium chromium-driver
  texlive-luatex fonts-noto-core fonts-noto-cjk
)
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "setup: not root or no apt-get; install TeX Live (pdflatex, latexmk) and poppler-utils yourself" >&2
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'

.venv/bin/dlexam generate
