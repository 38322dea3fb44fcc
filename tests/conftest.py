"""The real browser the page tests use: Debian's chromium and chromedriver through selenium.

Set ``DLEXAM_SCREENSHOTS=DIR`` to keep the screenshots the browser tests take (``docs/pictures.sh``
does, for the README). Figures compiled during a run go to a temporary ``DLEXAM_FIGURE_CACHE``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from grader.part import PartResult, QuestionInfo
from grader.scoring import grade_question

FIGURE_FOLDER = pytest.StashKey[str]()
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


GradeOne = Callable[[QuestionInfo, Mapping[str, str]], dict[str, PartResult]]


@pytest.fixture(scope="session")
def grade_one() -> GradeOne:
    """One student's answers to one question through the grader's own column path
    (:func:`grader.scoring.grade_question`): ``{label: result}``, every part graded in order."""

    def grade(question: QuestionInfo, answers: Mapping[str, str]) -> dict[str, PartResult]:
        graded: list[dict[str, PartResult]] = [{}]
        grade_question(question, [answers], graded)
        return graded[0]

    return grade


def pytest_configure(config: pytest.Config) -> None:
    """Figures compiled by tests go to a folder of this run, not the user's cache."""
    folder = tempfile.mkdtemp(prefix="dlexam-test-figures-")
    config.stash[FIGURE_FOLDER] = folder
    os.environ["DLEXAM_FIGURE_CACHE"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(FIGURE_FOLDER, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[webdriver.Chrome]:
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver is None:
        pytest.fail(
            "chromium and chromedriver are needed (Debian: chromium chromium-driver; setup.sh)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    with tempfile.TemporaryDirectory(prefix="dlexam-chromium-") as profile:
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument("--window-size=900,1200")
        chrome = webdriver.Chrome(options=options, service=Service(driver))
        try:
            yield chrome
        finally:
            chrome.quit()


@pytest.fixture
def screenshot(tmp_path: Path) -> Callable[[webdriver.Chrome, str], Path]:
    """Save a PNG of the page (into ``$DLEXAM_SCREENSHOTS`` when set) and return its path."""

    def save(chrome: webdriver.Chrome, name: str) -> Path:
        folder = Path(os.environ.get("DLEXAM_SCREENSHOTS") or tmp_path)
        path = folder / f"{name}.png"
        assert chrome.save_screenshot(str(path)), f"no screenshot of {name}"
        return path

    return save
