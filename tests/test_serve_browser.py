"""``dlexam serve`` end to end: a real uvicorn server on loopback and headless Chromium."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sympy
import uvicorn
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.expected_conditions import (
    presence_of_element_located,
    url_changes,
)
from selenium.webdriver.support.wait import WebDriverWait

from grader.serve.app import app
from grader.serve.sheets import family_link, solved

SEED = "5"  # backprop_sin: l2 loss, y = -3/2
SIZES = (
    "return [...arguments[0]].map(e => e.getBoundingClientRect()).map(r => [r.width, r.height]);"
)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


def verdict(browser: webdriver.Chrome, label: str) -> str:
    part = browser.find_element(By.ID, f"part-{label}")
    return str(part.find_element(By.CSS_SELECTOR, ".verdict strong").text)


def sgd_step_from(gradient: list[int]) -> str:
    """1e as a student computes it from their own 1d, typed with decimal commas."""
    instance = solved(family_link("backprop_sin", SEED)).exam.variants[0].questions[0]
    given = {"grad_w": [sympy.Integer(g) for g in gradient]}
    values = instance.family.solve(instance.params, given=given)["w_new"]
    return "[" + "; ".join(f"{float(v):.4g}".replace(".", ",") for v in values) + "]"


def test_practice_in_the_browser(
    browser: webdriver.Chrome, server: str, screenshot: Callable[[webdriver.Chrome, str], Path]
) -> None:
    browser.set_window_size(900, 1400)
    browser.get(f"{server}/q/backprop_sin/{SEED}")
    question = browser.find_element(By.CSS_SELECTOR, ".question .prose").text
    maths = browser.find_elements(By.TAG_NAME, "math")
    assert maths and all(w > 0 and h > 0 for w, h in browser.execute_script(SIZES, maths))
    figure = browser.find_element(By.CSS_SELECTOR, "img.dl-figure")
    assert browser.execute_script("return arguments[0].naturalWidth", figure) > 0
    assert not browser.find_elements(By.CSS_SELECTOR, ".key")  # no key before a check

    # keyboard only: type, then Enter submits the whole question
    browser.find_element(By.ID, "answer-1b").send_keys("-1,5")
    browser.find_element(By.ID, "answer-1d").send_keys("[1, 2]")
    browser.find_element(By.ID, "answer-1e").send_keys(sgd_step_from([1, 2]), Keys.ENTER)
    # the form posts and the checked page loads: wait for it rather than race the navigation
    WebDriverWait(browser, 60).until(presence_of_element_located((By.CSS_SELECTOR, ".summary")))
    assert verdict(browser, "1b") == "right"
    assert verdict(browser, "1d") == "wrong"
    assert verdict(browser, "1e") == "right from your earlier answers"
    steps = browser.find_element(By.CSS_SELECTOR, "#part-1d .solution")
    assert "Worked steps" in steps.text and "Expected:" in steps.text
    assert steps.find_elements(By.TAG_NAME, "math")
    assert browser.find_element(By.ID, "answer-1b").get_attribute("value") == "-1,5"
    browser.execute_script("document.getElementById('part-1d').scrollIntoView()")
    screenshot(browser, "serve-checked")
    stored = browser.execute_script("return JSON.parse(localStorage.getItem('dlexam-progress'))")
    assert [(r["label"], r["status"]) for r in stored] == [
        ("1b", "correct"),
        ("1d", "wrong"),
        ("1e", "follow-through"),
    ]

    # phone width: nothing wider than the screen
    browser.set_window_size(390, 844)
    width = browser.execute_script("return [document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1]
    browser.set_window_size(900, 1400)

    # progress, per topic, from this browser's storage
    browser.get(f"{server}/progress")
    rows = browser.find_elements(By.CSS_SELECTOR, "#by-topic tbody tr")
    assert any(row.text.startswith("backprop 3") for row in rows)
    exported = browser.execute_script("return csv(load())")  # what "Export as CSV" downloads
    lines = exported.strip().split("\r\n")
    assert lines[0] == "when,link,family,topics,label,status,points,max"
    assert len(lines) == 4 and '"follow-through"' in lines[3]

    # a new variant of the same family, then the shared link again
    browser.get(f"{server}/q/backprop_sin/{SEED}")
    shared = browser.current_url
    browser.find_element(By.LINK_TEXT, "New variant").click()
    WebDriverWait(browser, 60).until(url_changes(shared))
    assert "/q/backprop_sin/" in browser.current_url
    assert not browser.current_url.endswith(f"/q/backprop_sin/{SEED}")
    browser.get(f"{server}/q/backprop_sin/{SEED}")
    assert browser.find_element(By.CSS_SELECTOR, ".question .prose").text == question
