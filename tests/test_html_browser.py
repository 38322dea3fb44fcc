"""``dlexam generate --html`` pages in real headless Chromium: math and figures render."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from generator.outputs.figures import FigureCache
from generator.outputs.page import write_pages
from generator.registry import default_registry
from generator.spec import DEFAULT_SPEC, load_spec
from generator.variants import build_exam

SIZES = (
    "return [...arguments[0]].map(e => e.getBoundingClientRect()).map(r => [r.width, r.height]);"
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("html")
    exam = build_exam(load_spec(DEFAULT_SPEC, default_registry()), 1)
    return write_pages(exam, out, FigureCache(out / "figures"))


@pytest.mark.parametrize("mode", ["exam", "solutions"])
def test_math_and_figures_render_and_no_tex_is_visible(
    browser: webdriver.Chrome,
    pages: list[Path],
    mode: str,
    screenshot: Callable[[webdriver.Chrome, str], Path],
) -> None:
    page = next(path for path in pages if path.parent.name == mode)
    browser.set_window_size(900, 1200)
    browser.get(page.as_uri())
    maths = browser.find_elements(By.TAG_NAME, "math")
    assert len(maths) > 20
    sizes = browser.execute_script(SIZES, maths)
    assert all(w > 0 and h > 0 for w, h in sizes), "a formula takes no room: MathML not rendered"
    figures = browser.find_elements(By.CSS_SELECTOR, "img.dl-figure")
    assert figures
    for figure in figures:
        assert browser.execute_script(
            "return arguments[0].complete && arguments[0].naturalWidth", figure
        )
    assert all(w > 50 and h > 20 for w, h in browser.execute_script(SIZES, figures))
    text = browser.find_element(By.TAG_NAME, "body").text
    assert not re.search(r"\\[a-zA-Z]+|\$", text), "raw TeX is visible on the page"
    assert "Question 1" in text and "(1b)" in text
    if mode == "solutions":
        assert "Key:" in text and "Rubric:" in text
    else:
        assert "Key:" not in text  # the exam page never shows a key
    assert screenshot(browser, f"html-{mode}").stat().st_size > 10_000
