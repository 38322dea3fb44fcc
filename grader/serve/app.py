"""``dlexam serve``: practice in the browser, one ASGI app (Starlette), pages from Jinja2.

Routes::

    GET  /                          pick topics, difficulty and count; or a family or exam
    GET  /sheet?topic=..&difficulty=..&count=..       a fresh sheet (303 to its seed)
    GET  /sheet?seed=N&...          the sheet: questions and answer fields, never a key
    POST /sheet/check?seed=N&...    the same page with verdicts, keys and worked steps of the
                                    parts checked or revealed
    GET  /sheet.pdf?seed=N&...      the same selection as a practice sheet PDF (dlexam practice)
    GET  /q/FAMILY                  a fresh question of FAMILY (303 to its seed)
    GET  /q/FAMILY/SEED             one question; POST /q/FAMILY/SEED/check checks it;
                                    GET /q/FAMILY/SEED/sheet.pdf is it as a practice sheet PDF
    GET  /exam/NAME[/SEED][/check|/sheet.pdf]  a variant of a bundled exam
                                    (generator/specs/NAME.yaml), the same way
    GET  .../figure/TOKEN.svg       a figure of the page, compiled on first request (the page
                                    links its figures, so it never waits for LaTeX)
    GET  /progress                  score per topic and history, kept in this browser only
    GET  /static/...                style sheet and the one script (progress in localStorage)

The app is stateless: a page is a function of its URL (:mod:`grader.serve.sheets`), and a check
re-derives the keys from the URL and grades the posted answers as ``dlexam check`` does. Answers
go only through the project's parser with its limits; bodies over :data:`MAX_BODY` bytes are
refused; nothing a request sends is written anywhere. Every response carries a strict
Content-Security-Policy (scripts and styles from this server only, images from data URIs).
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import AsyncIterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, parse_qsl

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from generator import pdf, practice
from generator.errors import DlexamError
from generator.family import TOPICS
from generator.outputs.figures import FigureCache
from generator.outputs.html import QuestionHtml, part_steps
from generator.registry import default_registry
from generator.rendering import compile_family_templates, points_text
from grader.check import HEADLINES
from grader.check_cli import FORMATS
from grader.part import PartResult
from grader.serve.sheets import (
    BadRequest,
    Link,
    Page,
    bundled_exams,
    exam_link,
    family_link,
    grade,
    sheet_exam,
    sheet_link,
    solved,
    worked,
)

HERE = Path(__file__).resolve().parent
MAX_BODY = 64 * 1024  # bytes of form data: a sheet's answers fit many times over
MAX_FIELDS = 200
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
RIGHT = ("correct", "within-tolerance")
# SVGs shared by every page and process ($DLEXAM_FIGURE_CACHE). TeX at nice 10: with 20 clients
# that never pause on 2 cores, question p95 254-266 -> 129-132 ms, figures p95 ~900 -> ~1 150 ms.
FIGURES = FigureCache(spare=True, niceness=10)
IMMUTABLE = "public, max-age=31536000, immutable"  # a figure's URL names its content
UNREVEALED = ("invalid", "blank")  # a check that gives nothing away: read it again, or answer

templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "pages")),
        autoescape=True,  # every page prints what a request sent (answers, query values)
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # a stat of every template per page cost 6 % of a busy server
    )
)
templates.env.globals["points"] = points_text
templates.env.globals["FORMATS"] = FORMATS.removesuffix(" Press Enter to skip a part.")


def headline(result: PartResult) -> str:
    if result.status == "correct":
        return "right"
    if result.status == "within-tolerance":
        return "right (within the tolerance)"
    return HEADLINES.get(result.status, result.status)


def _steps(questions: Sequence[QuestionHtml]) -> dict[str, str]:
    """Each shown part's worked steps: the prose that leads up to it, then its own."""
    return {
        question.part(part_id).label: "\n".join(pieces)
        for question in questions
        for part_id, pieces in part_steps(question.solution)
    }


def _render(
    request: Request,
    page: Page,
    answers: Mapping[str, str] | None = None,
    results: Mapping[str, PartResult] | None = None,
    shown: frozenset[str] = frozenset(),
    records: list[dict[str, Any]] | None = None,
) -> Response:
    link = page.link
    questions = worked(page, shown) if shown else [q.html for q in page.questions]
    return templates.TemplateResponse(
        request,
        "question.html.j2",
        {
            "questions": questions,
            "link": link,
            "answers": answers or {},
            "results": results or {},
            "shown": shown,
            "steps": _steps(questions) if shown else {},
            "headline": headline,
            "right": RIGHT,
            "unrevealed": UNREVEALED,
            "records": json.dumps(records or []),
            "title": page.questions[0].html.title if link.family else page.exam.spec.title,
        },
    )


def home(request: Request) -> Response:
    registry = default_registry()
    families = sorted(registry.families.values(), key=lambda f: f.id)
    by_topic = {t: [f for f in families if t in f.topics] for t in TOPICS}
    return templates.TemplateResponse(
        request,
        "home.html.j2",
        {
            "by_topic": {t: fs for t, fs in by_topic.items() if fs},
            "exams": bundled_exams(),
            "count": practice.DEFAULT_COUNT,
            "title": "Practice",
        },
    )


def _query(request: Request) -> dict[str, list[str]]:
    try:
        return parse_qs(request.url.query, keep_blank_values=False, max_num_fields=MAX_FIELDS)
    except ValueError:
        raise BadRequest(f"the address has more than {MAX_FIELDS} fields") from None


def sheet_page(request: Request) -> Response:
    query = _query(request)
    link = sheet_link(query)
    if "seed" not in query:
        return RedirectResponse(link.path, status_code=303)
    return _render(request, solved(link))


def _path_link(request: Request, seed: bool = True) -> Link:
    """The page of a ``/q/FAMILY/SEED`` or ``/exam/NAME/SEED`` path (a fresh seed without one)."""
    number = request.path_params["seed"] if seed else None
    if "family" in request.path_params:
        return family_link(request.path_params["family"], number)
    return exam_link(request.path_params["exam"], number)


def single_new(request: Request) -> Response:
    return RedirectResponse(_path_link(request, seed=False).path, 303)


def single_page(request: Request) -> Response:
    return _render(request, solved(_path_link(request)))


async def _form(request: Request) -> list[tuple[str, str]]:
    """The posted form, refused before parsing when it is too large or not a form."""
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    if kind != "application/x-www-form-urlencoded":
        raise BadRequest("send the answers as a form (application/x-www-form-urlencoded)", 415)
    declared = request.headers.get("content-length", "0")
    if not declared.isdigit() or int(declared) > MAX_BODY:
        raise BadRequest(f"the answers are larger than {MAX_BODY // 1024} KB", 413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise BadRequest(f"the answers are larger than {MAX_BODY // 1024} KB", 413)
    try:
        return parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise BadRequest("the form is not UTF-8 text or has too many fields") from None


def _check(request: Request, page: Page, form: list[tuple[str, str]]) -> Response:
    labels = [label for question in page.questions for label in question.keys.parts]
    answers = {name: value for name, value in form if name in labels}
    fields = {name: value for name, value in form if name not in labels}
    check, reveal = fields.get("check", ""), fields.get("reveal", "")
    shown = {label for label in fields.get("shown", "").split(",") if label in labels}
    for asked in (check, reveal):
        if asked and asked != "all" and asked not in labels:
            raise BadRequest(f"this page has no part {asked!r}")
    results = grade(page, answers)
    checked = labels if check == "all" else [check] if check else []
    checked = [label for label in checked if check != "all" or answers.get(label, "").strip()]
    shown |= {label for label in checked if results[label].status not in UNREVEALED}
    if reveal:
        shown.add(reveal)
    records = [
        {
            "link": page.link.path,
            "family": question.html.family,
            "topics": list(question.topics),
            "label": label,
            "status": results[label].status,
            "points": results[label].points,
            "max": results[label].max_points,
        }
        for question in page.questions
        for label in question.keys.parts
        if label in checked and results[label].status not in (*UNREVEALED, "manual")
    ]
    visible = {label: results[label] for label in [*shown, *checked]}
    return _render(request, page, answers, visible, frozenset(shown), records)


async def sheet_check(request: Request) -> Response:
    form = await _form(request)
    link = sheet_link(_query(request))
    if "seed" not in _query(request):
        raise BadRequest("a check needs the sheet's seed")
    return await run_in_threadpool(lambda: _check(request, solved(link), form))


async def single_check(request: Request) -> Response:
    form = await _form(request)
    link = _path_link(request)
    return await run_in_threadpool(lambda: _check(request, solved(link), form))


@lru_cache(maxsize=32)
def _sheet_pdf(link: Link) -> bytes:
    engine = pdf.find_engine()
    if engine is None:
        raise BadRequest(f"{pdf.ENGINE} is not installed on this server, so no PDF", 503)
    exam = sheet_exam(link)
    files = practice.sheet_sources(exam)
    try:
        practice.typeset_sheet(exam, files, engine, separate=False)
    except DlexamError as error:
        raise BadRequest(str(error), 500) from None
    return files.pdfs[f"{files.name}.pdf"]


def _pdf_response(link: Link) -> Response:
    disposition = f'attachment; filename="{link.pdf_name}"'
    return Response(
        _sheet_pdf(link),
        media_type="application/pdf",
        headers={"content-disposition": disposition},
    )


def sheet_pdf(request: Request) -> Response:
    query = _query(request)
    if "seed" not in query:
        raise BadRequest("a PDF needs the sheet's seed (open the sheet first)")
    return _pdf_response(sheet_link(query))


def single_pdf(request: Request) -> Response:
    return _pdf_response(_path_link(request))


def _figure(page: Page, token: str) -> Response:
    picture = page.pictures.get(token)
    if picture is None:
        raise BadRequest("this page has no such figure", 404)
    svg = FIGURES.svgs([picture])[picture]
    return Response(svg, media_type="image/svg+xml", headers={"cache-control": IMMUTABLE})


def single_figure(request: Request) -> Response:
    return _figure(solved(_path_link(request)), request.path_params["token"])


def sheet_figure(request: Request) -> Response:
    query = _query(request)
    if "seed" not in query:
        raise BadRequest("a figure needs the sheet's seed")
    return _figure(solved(sheet_link(query)), request.path_params["token"])


def progress(request: Request) -> Response:
    return templates.TemplateResponse(request, "progress.html.j2", {"title": "Progress"})


def _error(request: Request, status: int, message: str) -> Response:
    return templates.TemplateResponse(
        request, "error.html.j2", {"title": "Error", "message": message}, status_code=status
    )


async def bad_request(request: Request, error: Exception) -> Response:
    assert isinstance(error, BadRequest)
    return _error(request, error.status, error.message)


async def http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    messages = {404: "there is no such page", 405: "this page cannot be used that way"}
    return _error(request, error.status_code, messages.get(error.status_code, str(error.detail)))


async def server_error(request: Request, error: Exception) -> Response:
    return _error(request, 500, "something went wrong on the server; the page was not changed")


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every response, error pages and static files included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    """Load the question families, compile their templates and make the figures' preloaded
    LaTeX format before the first request, so no student waits for that (1-2 s for all
    families, 0.4 s for a missing format); then keep what was loaded out of garbage collection."""
    for family in default_registry().families.values():
        compile_family_templates(family)
    await run_in_threadpool(FIGURES.prepare)
    # Start-up's 100 000 objects (modules, templates, sympy's caches) live as long as the
    # process, and each full garbage collection went through them again: over 1 500 new pages
    # (gc.callbacks) the full collections took 245-268 ms in all instead of 526-602, the
    # longest 92-120 ms instead of 158-181, every request waiting meanwhile.
    gc.freeze()
    yield


def create_app() -> Starlette:
    routes = [
        Route("/", home),
        Route("/sheet", sheet_page),
        Route("/sheet/check", sheet_check, methods=["POST"]),
        Route("/sheet.pdf", sheet_pdf),
        Route("/sheet/figure/{token}.svg", sheet_figure),
        Route("/q/{family}", single_new),
        Route("/q/{family}/{seed}", single_page),
        Route("/q/{family}/{seed}/check", single_check, methods=["POST"]),
        Route("/q/{family}/{seed}/figure/{token}.svg", single_figure),
        Route("/q/{family}/{seed}/sheet.pdf", single_pdf),
        Route("/exam/{exam}", single_new),
        Route("/exam/{exam}/{seed}", single_page),
        Route("/exam/{exam}/{seed}/check", single_check, methods=["POST"]),
        Route("/exam/{exam}/{seed}/figure/{token}.svg", single_figure),
        Route("/exam/{exam}/{seed}/sheet.pdf", single_pdf),
        Route("/progress", progress),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={
            BadRequest: bad_request,
            HTTPException: http_error,
            Exception: server_error,
        },
    )
    app.add_middleware(SecurityHeaders)
    return app


app = create_app()
