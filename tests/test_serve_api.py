"""``dlexam serve`` through Starlette's test client: every route, verdicts, and bad input."""

from __future__ import annotations

import gc
import io
import os
import re
import threading
from collections.abc import Iterator
from html import escape

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from starlette.testclient import TestClient

from generator import pdf
from generator.registry import default_registry
from grader.serve.app import FIGURES, MAX_BODY, SECURITY_HEADERS, app
from grader.serve.sheets import Link, exam_link, family_link, page_keys, solved, worked

SEED = "5"  # backprop_sin: l2 loss, y = -3/2, so 1b has a decimal answer


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def verdicts(html: str) -> dict[str, str]:
    """``{label: headline}`` of every verdict on a page."""
    found = {}
    for chunk in html.split('<div class="part" id="part-')[1:]:
        verdict = re.search(r'class="verdict[^"]*">\s*<p><strong>([^<]+)', chunk)
        if verdict:
            found[chunk.split('"')[0]] = verdict[1]
    return found


def w_new_from(gradient: list[int]) -> list[float]:
    """The SGD step from a student's own (wrong) gradient, by the family's solution DAG."""
    instance = solved(family_link("backprop_sin", SEED)).exam.variants[0].questions[0]
    given = {"grad_w": [sympy.Integer(g) for g in gradient]}
    return [float(v) for v in instance.family.solve(instance.params, given=given)["w_new"]]


def test_home_lists_topics_and_sets_security_headers(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert 'name="topic" value="cnn"' in response.text and 'href="/q/conv_shape"' in response.text
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    assert "<script>" not in response.text  # the only script is /static/app.js


def test_question_page_never_sends_a_key(client: TestClient) -> None:
    response = client.get(f"/q/backprop_sin/{SEED}")
    assert response.status_code == 200
    assert 'id="answer-1b"' in response.text and 'for="answer-1b"' in response.text
    assert "<math" in response.text and "dl-figure" in response.text
    assert 'class="key"' not in response.text and "Worked steps" not in response.text
    page = solved(family_link("backprop_sin", SEED))
    (full,) = worked(page, [part.label for part in page.questions[0].html.parts])
    assert all(part.solution and part.key for part in full.parts if part.kind != "manual")
    shown = [html for part in full.parts for html in (part.solution, part.key) if html]
    assert shown and not any(html in response.text for html in shown)


def test_check_right_with_decimal_comma_wrong_and_follow_through(client: TestClient) -> None:
    e = "[" + "; ".join(f"{v:.4g}".replace(".", ",") for v in w_new_from([1, 2])) + "]"
    form = {"1b": "-1,5", "1c": "", "1d": "[1, 2]", "1e": e, "check": "all"}
    response = client.post(f"/q/backprop_sin/{SEED}/check", data=form)
    assert response.status_code == 200
    assert verdicts(response.text) == {
        "1b": "right",
        "1d": "wrong",
        "1e": "right from your earlier answers",
    }
    assert "Worked steps" in response.text and 'class="key"' in response.text
    assert 'data-records="[{&#34;link&#34;: &#34;/q/backprop_sin/5&#34;' in response.text
    assert 'id="solution' not in response.text
    # 1c was left blank: its key stays hidden
    part_c = re.search(r'id="part-1c".*?id="part-1d"', response.text, re.S)
    assert part_c and 'class="key"' not in part_c[0]


def test_one_part_checked_reveals_only_that_part(client: TestClient) -> None:
    response = client.post(
        f"/q/backprop_sin/{SEED}/check", data={"1b": "7", "1c": "1", "check": "1b"}
    )
    assert verdicts(response.text) == {"1b": "wrong"}
    assert response.text.count('class="key"') == 1
    assert 'name="shown" value="1b"' in response.text  # kept open on the next check
    page = solved(family_link("backprop_sin", SEED))
    (full,) = worked(page, [part.label for part in page.questions[0].html.parts])
    assert full.part("b").key in response.text and full.part("b").solution in response.text
    others = [p.key for p in full.parts if p.label != "1b" and p.key]
    assert others and not any(key in response.text for key in others)


def test_show_solution_without_answering(client: TestClient) -> None:
    response = client.post(f"/q/backprop_sin/{SEED}/check", data={"reveal": "1a"})
    assert response.status_code == 200
    assert "Worked steps" in response.text and "Rubric:" in response.text
    assert 'name="shown" value="1a"' in response.text


def test_unreadable_answer_is_flagged_with_the_format_hint_not_marked_wrong(
    client: TestClient,
) -> None:
    for text in ("44O", "9**9**9**9", "<script>alert(1)</script>", "x" * 5000, "[[[[[[[[[[1"):
        response = client.post(f"/q/backprop_sin/{SEED}/check", data={"1b": text, "check": "1b"})
        assert response.status_code == 200, text
        assert verdicts(response.text) == {"1b": "not readable"}, text
        assert "Answer formats:" in response.text and 'class="key"' not in response.text
        assert "<script>alert" not in response.text


def test_sheet_redirects_to_a_seed_and_is_stable(client: TestClient) -> None:
    response = client.get("/sheet?topic=rnn&difficulty=2&count=2", follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    assert re.fullmatch(r"/sheet\?seed=\d+&topic=rnn&difficulty=2&count=2", location)
    first, again = client.get(location), client.get(location)
    assert first.status_code == 200 and first.text == again.text
    assert first.text.count('class="question"') == 2


def test_sheet_check_grades_every_question(client: TestClient) -> None:
    link = Link(22, None, ("optimization",), (), 2)
    labels = [label for q in page_keys(link) for label in q.parts]
    response = client.post(link.check_path, data={labels[0]: "0", "check": labels[0]})
    assert response.status_code == 200
    assert list(verdicts(response.text)) == [labels[0]]


def test_new_variant_redirects_to_a_fresh_seed(client: TestClient) -> None:
    response = client.get("/q/conv_shape", follow_redirects=False)
    assert response.status_code == 303
    assert re.fullmatch(r"/q/conv_shape/\d+", response.headers["location"])


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/q/no_such_family/1", 404, "there is no question family"),
        ("/q/conv_shape/abc", 400, "the seed must be a whole number"),
        ("/q/conv_shape/-1", 400, "the seed must be a whole number"),
        ("/q/conv_shape/99999999999999999999", 400, "the seed must be a whole number"),
        ("/sheet?topic=astrology", 400, "unknown topic"),
        ("/sheet?difficulty=7", 400, "difficulty runs from 1"),
        ("/sheet?count=500", 400, "count must be a whole number"),
        ("/sheet.pdf?topic=cnn", 400, "a PDF needs the sheet"),
        ("/nowhere", 404, "there is no such page"),
        ("/sheet?" + "&".join(["topic=cnn"] * 300), 400, "more than 200 fields"),
    ],
)
def test_bad_urls_get_a_clear_error_page(
    client: TestClient, path: str, status: int, message: str
) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == status
    assert message in response.text and "Traceback" not in response.text
    assert (
        response.headers["content-security-policy"] == SECURITY_HEADERS["content-security-policy"]
    )


def test_bad_posts_are_refused(client: TestClient) -> None:
    check = f"/q/backprop_sin/{SEED}/check"
    too_big = client.post(check, data={"1b": "1" * (MAX_BODY + 10)})
    assert too_big.status_code == 413 and "larger than" in too_big.text
    not_a_form = client.post(check, content=b"{}", headers={"content-type": "application/json"})
    assert not_a_form.status_code == 415
    unknown_part = client.post(check, data={"check": "9z"})
    assert unknown_part.status_code == 400 and "no part &#39;9z&#39;" in unknown_part.text
    not_utf8 = client.post(
        check,
        content=b"1b=%FF%FE&check=1b",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert verdicts(not_utf8.text) == {"1b": "not readable"}  # bytes that are no text
    many = "&".join(f"f{i}=1" for i in range(500))
    too_many = client.post(
        check, content=many.encode(), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert too_many.status_code == 400
    assert client.get(check).status_code == 405
    assert client.post("/sheet/check?topic=cnn", data={"check": "all"}).status_code == 400


def test_progress_page_and_static_files(client: TestClient) -> None:
    response = client.get("/progress")
    assert response.status_code == 200 and 'id="export"' in response.text
    script = client.get("/static/app.js")
    assert script.status_code == 200 and "localStorage" in script.text
    assert client.get("/static/style.css").status_code == 200


@pytest.mark.skipif(pdf.find_engine() is None, reason="needs pdflatex")
def test_sheet_pdf_is_the_practice_sheet(client: TestClient) -> None:
    response = client.get("/sheet.pdf?seed=22&topic=rnn&count=1")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="practice-22.pdf"' in response.headers["content-disposition"]


@pytest.mark.skipif(pdf.find_engine() is None, reason="needs pdflatex")
@pytest.mark.parametrize(
    ("page", "name", "title"),
    [
        (f"/q/backprop_sin/{SEED}", f"backprop_sin-{SEED}.pdf", "backprop_sin"),
        ("/exam/bits_midsem/3", "bits_midsem-3.pdf", "bits_midsem"),
    ],
)
def test_question_and_exam_pages_download_as_practice_sheets(
    client: TestClient, page: str, name: str, title: str
) -> None:
    html = client.get(page).text
    assert f'<a href="{page}/sheet.pdf" download="{name}">' in html
    response = client.get(f"{page}/sheet.pdf")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert f'filename="{name}"' in response.headers["content-disposition"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    exam = solved(
        family_link("backprop_sin", SEED) if "/q/" in page else exam_link(title, "3")
    ).exam
    numbers = " ".join(str(n) for n, _ in exam.variants[0].ordered())
    assert exam.spec.title in text and f"Question {numbers} Total" in text  # the page's questions
    assert "Rubric:" in text  # then their worked solutions
    assert f"Check your answers online: {page}" in " ".join(text.split())
    assert client.get(f"/q/backprop_sin/{SEED}x/sheet.pdf").status_code == 400


def test_what_start_up_loaded_is_left_out_of_garbage_collection(client: TestClient) -> None:
    assert gc.get_freeze_count() > 10_000  # the families, their templates, the modules


def test_the_figure_format_is_made_at_start_up(client: TestClient) -> None:
    assert list(FIGURES.folder.glob("preamble-*.fmt"))  # the first figure does not wait for it
    assert FIGURES.spare is not None  # the next figure's TeX, started, at a lower priority
    spare = FIGURES.spare.process.pid
    assert os.getpriority(os.PRIO_PROCESS, spare) > os.getpriority(os.PRIO_PROCESS, 0)


def test_figures_are_linked_and_drawn_on_request(client: TestClient) -> None:
    page = client.get(f"/q/backprop_sin/{SEED}").text
    figures = re.findall(r'<img class="dl-figure" alt="([^"]+)" src="([^"]+)"', page)
    title = default_registry().get("backprop_sin").title
    assert figures[0][0] == f"Figure 1 of question 1 ({escape(title)})"
    links = [src for _, src in figures]
    assert links and all(
        re.fullmatch(r"/q/backprop_sin/5/figure/[0-9a-f]{24}\.svg", u) for u in links
    )
    figure = client.get(links[0])
    assert figure.status_code == 200 and figure.headers["content-type"] == "image/svg+xml"
    assert "<svg" in figure.text and "immutable" in figure.headers["cache-control"]
    assert client.get(f"/q/backprop_sin/{SEED}/figure/{'0' * 24}.svg").status_code == 404
    sheet = Link(3, None, ("backprop",), (), 3)
    html = client.get(sheet.path).text
    sheet_links = re.findall(r'src="(/sheet/figure/[^"]+)"', html)
    assert sheet_links
    assert client.get(sheet_links[0].replace("&amp;", "&")).status_code == 200
    no_seed = client.get(sheet_links[0].split("?")[0] + "?topic=backprop")
    assert no_seed.status_code == 400


def test_bundled_exam_variant_page_and_check(client: TestClient) -> None:
    home = client.get("/").text
    assert 'href="/exam/vir2019"' in home
    response = client.get("/exam/vir2019", follow_redirects=False)
    assert response.status_code == 303
    assert re.fullmatch(r"/exam/vir2019/\d+", response.headers["location"])
    page = client.get("/exam/vir2019/4")
    assert page.status_code == 200 and page.text.count('class="question"') == 8
    assert 'class="key"' not in page.text
    checked = client.post("/exam/vir2019/4/check", data={"2a": "0", "check": "2a"})
    assert list(verdicts(checked.text)) == ["2a"]
    assert client.get("/exam/no_such_exam/1").status_code == 404


def test_a_hostile_expression_posted_to_the_server_is_graded_not_hung(
    client: TestClient,
) -> None:
    """The server grades in worker threads, where no timer can stop sympy or mpmath: the
    expression check is bounded in work, so exp(exp(exp(exp(exp(H))))) gets a verdict."""
    answers = {}

    def post() -> None:
        for text in ("exp(exp(exp(exp(exp(H)))))", "H*abs(theta)"):
            form = {"1a": text, "check": "1a"}
            answers[text] = verdicts(client.post("/q/l1_threshold/1/check", data=form).text)

    worker = threading.Thread(target=post, daemon=True)
    worker.start()
    worker.join(timeout=120)  # generous: a hung worker fails here instead of blocking the suite
    assert not worker.is_alive(), "the server hung on a hostile expression"
    assert answers == {
        "exp(exp(exp(exp(exp(H)))))": {"1a": "wrong"},
        "H*abs(theta)": {"1a": "right"},
    }


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_any_answer_text_gets_a_page_never_a_server_error(client: TestClient, text: str) -> None:
    response = client.post(f"/q/backprop_sin/{SEED}/check", data={"1d": text, "check": "1d"})
    assert response.status_code == 200
    assert verdicts(response.text)["1d"] in ("right", "wrong", "not readable", "no answer")
