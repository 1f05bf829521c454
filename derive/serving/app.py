"""The Starlette application behind `derive serve`: the verify page, the catalog pages and their
downloads. Blocking work (verify, check, latexmk) runs in worker threads, a few at a time."""

from __future__ import annotations

from contextlib import asynccontextmanager
from importlib.resources import files

import anyio
import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

import derive
from derive.core.defaults import STEP_SECONDS, VERIFY_TRIALS
from derive.core.errors import UnknownEntry
from derive.serving import catalog_view
from derive.serving.verify_view import VerifyForm, report_dict, run_verify

WORKERS = 4  # requests that verify or check at once; the others wait their turn
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
VERDICT_WORDS = {"valid": "Valid", "invalid": "Invalid", "unknown": "Unknown", "error": "Not understood"}
EXAMPLES = (
    ("A valid derivation", "normal", VerifyForm(
        r"\nabla_w \tfrac12\|Xw-y\|^2 = X^\top X w - X^\top y = X^\top(Xw - y)",
        "X \\in \\mathbb{R}^{n \\times d}\nw \\in \\mathbb{R}^{d}, y \\in \\mathbb{R}^{n}")),
    ("A dropped transpose", "transpose", VerifyForm(
        r"\nabla_w x^\top A w = A x", "A \\in \\mathbb{R}^{d \\times d}\nx, w \\in \\mathbb{R}^{d}")),
    ("Your answer against a catalog entry", "against", VerifyForm(
        r"X^\top(\sigma(Xw) - y)", "", "logistic-grad")),
)  # fmt: skip


def create_app(timeout: float = STEP_SECONDS, trials: int = VERIFY_TRIALS) -> Starlette:
    """The application; ``timeout`` bounds each symbolic step (seconds), as `derive verify --timeout`."""
    templates = Jinja2Templates(env=_environment())
    limiter = anyio.CapacityLimiter(WORKERS)

    def page(request: Request, name: str, status: int = 200, **context) -> Response:
        response = templates.TemplateResponse(request, name, context, status_code=status)
        response.headers.update(HEADERS)
        return response

    def message(request: Request, status: int, title: str, text: str) -> Response:
        return page(request, "message.html", status, title=title, text=text)

    async def blocking(function, *args):
        return await anyio.to_thread.run_sync(function, *args, limiter=limiter)

    async def home(request: Request) -> Response:
        return RedirectResponse("/verify")

    async def verify_page(request: Request) -> Response:
        form = VerifyForm.from_query(request.query_params)
        context = {"form": form, "ids": derive.ids(), "examples": EXAMPLES, "words": VERDICT_WORDS, "result": None}
        if form.too_large:
            return page(request, "verify.html", 413, too_large=form.too_large, **context)
        if form.latex.strip():
            context["result"] = await blocking(run_verify, form, timeout, trials)
        return page(request, "verify.html", too_large=None, **context)

    async def verify_api(request: Request) -> Response:
        form = VerifyForm.from_query(request.query_params)
        if form.too_large:
            return JSONResponse({"verdict": "error", "message": form.too_large}, 413, HEADERS)
        return JSONResponse(await blocking(report_dict, form, timeout, trials), headers=HEADERS)

    async def catalog(request: Request) -> Response:
        return page(request, "catalog.html", topics=await blocking(catalog_view.by_topic))

    async def entry_page(request: Request) -> Response:
        entry = derive.get(request.path_params["entry_id"])
        solution = await blocking(catalog_view.worked, entry.id)
        report = await blocking(catalog_view.stored_report, entry)
        return page(request, "entry.html", entry=entry, solution=solution, report=report)

    async def check_page(request: Request) -> Response:
        entry = derive.get(request.path_params["entry_id"])
        report = await blocking(catalog_view.checked, entry.id, timeout)
        return page(request, "check.html", entry=entry, report=report)

    async def latex_download(request: Request) -> Response:
        entry = derive.get(request.path_params["entry_id"])
        source = await blocking(derive.standalone_latex, entry)
        return _download(source.encode("utf-8"), f"{entry.id}.tex", "application/x-tex; charset=utf-8")

    async def pdf_download(request: Request) -> Response:
        entry = derive.get(request.path_params["entry_id"])
        try:
            pdf = await blocking(catalog_view.pdf_bytes, entry.id)
        except derive.TexMissing as missing:
            return message(request, 503, "No TeX on this machine", f"The PDF needs TeX: {missing}")
        except derive.CompileFailed as failed:
            return message(request, 500, "TeX failed", f"latexmk could not compile {entry.id}: {failed}")
        return _download(pdf, f"{entry.id}.pdf", "application/pdf")

    async def unknown_entry(request: Request, exc: UnknownEntry) -> Response:
        return message(request, 404, "No such entry", str(exc))

    async def not_found(request: Request, exc: Exception) -> Response:
        return message(request, 404, "Not found", f"There is no page at {request.url.path}.")

    static = str(files("derive.serving") / "static")
    routes = [
        Route("/", home),
        Route("/verify", verify_page),
        Route("/api/verify", verify_api),
        Route("/catalog", catalog),
        Route("/catalog/{entry_id}", entry_page),
        Route("/catalog/{entry_id}/check", check_page),
        Route("/download/{entry_id}.tex", latex_download),
        Route("/download/{entry_id}.pdf", pdf_download),
        Mount("/static", StaticFiles(directory=static), name="static"),
    ]
    handlers = {UnknownEntry: unknown_entry, 404: not_found}
    return Starlette(routes=routes, exception_handlers=handlers, lifespan=_started_jax)


@asynccontextmanager
async def _started_jax(app: Starlette):
    """JAX starts (and switches to float64, a process-wide setting) once, before any request, so
    that no request flips the switch while another one computes, and the first answer is not slow."""
    from derive.checking.numeric import device_for

    await anyio.to_thread.run_sync(device_for, None)
    yield


def _environment() -> jinja2.Environment:
    """Templates from the package, every value escaped unless it is already Markup (MathML)."""
    loader = jinja2.FileSystemLoader(str(files("derive.serving") / "templates"))
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)


def _download(body: bytes, filename: str, media_type: str) -> Response:
    headers = {**HEADERS, "Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(body, media_type=media_type, headers=headers)
