"""`derive serve`: the routes through Starlette's TestClient (status codes, the size limit,
escaping), a real server on a free port driven by Chromium through Playwright, and 20 concurrent
verify requests that all get the right answer and leave no process behind.

The browser tests use Debian's chromium (/usr/bin/chromium); Playwright downloads nothing. They
skip locally when it is absent; under `.ci/run` (DERIVE_CI set) they run. Each page's screenshot
goes to a temporary folder (DERIVE_SCREENSHOTS names another, e.g. docs/ to refresh docs/serve.md's).
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.parse
import urllib.request
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from derive.rendering.tex import have_tex
from derive.serving.app import create_app
from derive.serving.mathml import math
from derive.serving.server import exposure_warning, uvicorn_config
from derive.serving.verify_view import MAX_INPUT_BYTES

with warnings.catch_warnings():  # Starlette asks for httpx2 where httpx is installed; either works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
skip_without_tex = pytest.mark.skipif(not have_tex() and not os.environ.get("DERIVE_CI"), reason="latexmk not found")
skip_without_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("DERIVE_CI"),
    reason="chromium not found: apt-get install chromium (CI installs it)",
)

LEAST_SQUARES = {
    "latex": r"\nabla_w \tfrac12\|Xw-y\|^2 = X^\top X w - X^\top y = X^\top(Xw - y)",
    "where": "X \\in \\mathbb{R}^{n \\times d}\nw \\in \\mathbb{R}^{d}, y \\in \\mathbb{R}^{n}",
}
DROPPED_TRANSPOSE = {
    "latex": r"\nabla_w x^\top A w = A x",
    "where": "A \\in \\mathbb{R}^{d \\times d}\nx, w \\in \\mathbb{R}^{d}",
}
EXTRA_PAREN = {**LEAST_SQUARES, "latex": r"\nabla_w \tfrac12\|Xw-y\|^2 = X^\top (Xw - y))"}
SCRIPT = "<script>alert('x')</script>"
ATTACK = {"latex": rf"x = \text{{{SCRIPT}}} = {SCRIPT}", "where": SCRIPT}


# -- routes, through Starlette's TestClient -------------------------------------------------------
@pytest.fixture(scope="module")
def client():
    with TestClient(create_app()) as test_client:
        yield test_client


def test_pages_answer_and_unknown_ones_are_404(client):
    assert client.get("/", follow_redirects=False).headers["location"] == "/verify"
    verify = client.get("/verify")
    assert verify.status_code == 200 and 'id="verify-form"' in verify.text
    assert "Content-Security-Policy" in verify.headers
    catalog = client.get("/catalog")
    assert catalog.status_code == 200 and "/catalog/normal-equations" in catalog.text
    entry = client.get("/catalog/normal-equations")
    assert entry.status_code == 200 and "<math" in entry.text and "Least squares" in entry.text
    missing = client.get("/catalog/normal-equation")
    assert missing.status_code == 404 and "did you mean &#39;normal-equations&#39;" in missing.text
    assert client.get("/no/such/page").status_code == 404
    assert client.get("/static/style.css").status_code == 200


def test_catalog_lists_topics_in_teaching_order(client):
    import derive

    text = client.get("/catalog").text
    places = [text.index(f'href="/catalog/{entry.id}"') for entry in derive.entries()]
    topics = list(dict.fromkeys(entry.topic for entry in derive.entries()))
    assert [text.index(f'id="topic-{topic}"') for topic in topics] == sorted(
        text.index(f'id="topic-{t}"') for t in topics
    )
    for topic in topics:  # within a topic, teaching order
        ours = [p for p, e in zip(places, derive.entries()) if e.topic == topic]
        assert ours == sorted(ours)


def test_latex_download_is_the_standalone_document(client):
    import derive

    answer = client.get("/download/logistic-grad.tex")
    assert answer.status_code == 200
    assert 'filename="logistic-grad.tex"' in answer.headers["content-disposition"]
    assert answer.text == derive.standalone_latex(derive.get("logistic-grad"))


@pytest.mark.slow
def test_running_the_checks_then_the_entry_shows_the_stored_report(monkeypatch, tmp_path):
    monkeypatch.setenv("DERIVE_CACHE_DIR", str(tmp_path / "cache"))
    with TestClient(create_app()) as fresh:
        assert 'id="run-checks"' in fresh.get("/catalog/sigmoid-derivative").text
        checked = fresh.get("/catalog/sigmoid-derivative/check").text
        report = checked[checked.index('<div class="report"') :]
        assert "<strong>OK</strong>" in report and "PROVED" in report and "PASS" in report, report
        again = fresh.get("/catalog/sigmoid-derivative").text
    assert 'id="run-checks"' not in again and "stored report of an identical earlier check" in again


@skip_without_tex
def test_pdf_download_is_a_compiled_pdf(client):
    answer = client.get("/download/logistic-grad.pdf")
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")


def test_pdf_without_tex_is_a_clear_503(client, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    answer = client.get("/download/logistic-grad.pdf")
    assert answer.status_code == 503 and "latexmk" in answer.text


def test_input_past_the_limit_is_413_with_a_message(client):
    big = "x = " + "x + " * (MAX_INPUT_BYTES // 4) + "x"
    page = client.get("/verify", params={"latex": big})
    assert page.status_code == 413 and "the limit is 20,000 bytes" in page.text
    api = client.get("/api/verify", params={"latex": big})
    assert api.status_code == 413 and "20,000 bytes" in api.json()["message"]


def test_parse_error_has_its_caret_under_the_character(client):
    text = client.get("/verify", params=EXTRA_PAREN).text
    assert "unexpected &#39;)&#39; at column 46" in text
    before = EXTRA_PAREN["latex"][:45]
    assert '<mark id="caret-char">)</mark>' in text
    assert f'<span>{" " * len(before)}</span><span id="caret">^</span>' in text


def test_api_answers_like_derive_verify_json(client):
    answer = client.get("/api/verify", params=DROPPED_TRANSPOSE).json()
    assert answer["verdict"] == "invalid" and answer["first_invalid_step"] == 1
    assert "transpose of A" in answer["steps"][0]["diagnosis"]
    error = client.get("/api/verify", params=EXTRA_PAREN).json()
    assert error["verdict"] == "error" and "column 46" in error["message"]


def test_an_unknown_entry_to_check_against_is_a_message(client):
    text = client.get("/verify", params={"latex": "x", "against": "logistic-gradient"}).text
    assert "Not understood" in text and "did you mean &#39;logistic-grad&#39;" in text


def test_a_check_past_its_time_bound_is_unknown_with_the_reason():
    slow = {  # SymPy needs well over 30 s for this one
        "latex": r"\nabla_A \operatorname{tr}((A B C D)^{-1}) = -((BCD)(ABCD)^{-1}(ABCD)^{-1})^\top",
        "where": r"A, B, C, D \in \mathbb{R}^{d \times d}",
    }
    with TestClient(create_app(timeout=0.5)) as hurried:
        text = hurried.get("/verify", params=slow).text
    assert 'data-status="unknown"' in text and "timed out after 0.5 s" in text


def test_user_strings_are_escaped_everywhere(client):
    text = client.get("/verify", params=ATTACK).text
    assert "<script>alert" not in text and "&lt;script&gt;alert" in text
    assert client.get("/api/verify", params=ATTACK).json()["verdict"] == "error"
    assert "<script>" not in client.get("/catalog/" + SCRIPT).text


def test_mathml_keeps_only_presentation_markup():
    assert str(math(r"\frac{a}{b}")).startswith("<math")
    for hostile in (r"\text{<script>alert(1)</script>}", r"\href{javascript:alert(1)}{x}", r"\text{<!DOCTYPE x>}"):
        shown = str(math(hostile))
        assert shown.startswith('<code class="latex">') and "<script" not in shown and "href=" not in shown


def test_an_entry_page_shows_its_latex_prose_as_words_and_mathml(client):
    page = client.get("/catalog/pca-lagrangian").text
    assert "$" not in page.split("<main", 1)[-1]  # no raw LaTeX text in the page's content
    assert "the constraint" in page and "<math" in page


def test_the_command_warns_off_loopback():
    assert exposure_warning("127.0.0.1") is None and exposure_warning("localhost") is None
    assert "not only on this machine" in exposure_warning("0.0.0.0")
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "127.0.0.1" in result.output


# -- a real server on a free port -----------------------------------------------------------------
# The tests of the real server run in one xdist worker: one server and one Chromium for all of them.
on_the_server = pytest.mark.xdist_group("server")


@pytest.fixture(scope="module")
def server():
    import uvicorn

    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    running = uvicorn.Server(uvicorn_config(create_app(), "127.0.0.1", port))
    thread = threading.Thread(target=running.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=30)
        listening.close()


def _children() -> set[int]:
    """This process's child processes (zombies included), from /proc."""
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if int(fields.get("PPid", "0")) == os.getpid():
            found.add(int(status.parent.name))
    return found


def _api(base: str, form: dict) -> dict:
    with urllib.request.urlopen(f"{base}/api/verify?{urllib.parse.urlencode(form)}", timeout=300) as answer:
        return json.load(answer)


@pytest.mark.slow
@on_the_server
def test_20_concurrent_verify_requests_all_answer_right_and_leave_no_process(server):
    before = _children()
    forms = [LEAST_SQUARES, DROPPED_TRANSPOSE, EXTRA_PAREN, {"latex": r"(AB)^\top = B^\top A^\top",
             "where": "A \\in \\mathbb{R}^{m \\times n}\nB \\in \\mathbb{R}^{n \\times p}"}] * 5  # fmt: skip
    expected = ["valid", "invalid", "error", "valid"] * 5
    with ThreadPoolExecutor(len(forms)) as pool:
        answers = list(pool.map(lambda form: _api(server, form), forms))
    assert [a["verdict"] for a in answers] == expected, [a["message"] for a in answers]
    assert all("transpose of A" in a["steps"][0]["diagnosis"] for a in answers[1::4])
    deadline = time.monotonic() + 10
    while (_children() - before) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _children() - before == set()


@pytest.fixture(scope="module")
def big_input_answer(server):
    big = "x = " + "x + " * (MAX_INPUT_BYTES // 4) + "x"  # past the limit, ~70 kB once in the URL
    try:
        urllib.request.urlopen(f"{server}/verify?{urllib.parse.urlencode({'latex': big})}", timeout=60)
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode()
    raise AssertionError("an input past the limit was accepted")


@on_the_server
def test_the_real_server_answers_a_long_url_with_the_limit_message(big_input_answer):
    status, text = big_input_answer
    assert status == 413 and "the limit is 20,000 bytes" in text


# -- a real Chromium through Playwright -----------------------------------------------------------
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's browser is Debian's chromium, with no network of its own."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("DERIVE_SCREENSHOTS")
    return Path(folder) if folder else tmp_path_factory.mktemp("screenshots")


def _submit(page, server: str, form: dict) -> None:
    page.goto(f"{server}/verify")
    page.fill("#latex", form["latex"])
    page.fill("#where", form["where"])
    page.focus("#latex")
    with page.expect_navigation(timeout=120_000):
        page.keyboard.press("Control+Enter")  # Ctrl+Enter submits
    page.wait_for_selector("#verdict")


@pytest.mark.slow
@skip_without_chromium
@on_the_server
def test_browser_valid_derivation_every_step_valid(page, server, shots):
    _submit(page, server, LEAST_SQUARES)
    steps = page.locator("article.step")
    assert steps.count() == 2
    assert [steps.nth(i).get_attribute("data-status") for i in range(2)] == ["valid", "valid"]
    assert page.locator("#verdict").inner_text().startswith("Valid")
    assert page.locator("article.step math").count() == 2  # typeset as MathML
    color = page.locator("#step-1 .status").evaluate("e => getComputedStyle(e).color")
    assert color == "rgb(26, 127, 55)"  # green
    assert "latex=" in page.url and "where=" in page.url  # the state is in the URL
    page.goto(page.url)  # ... so the link alone shows the same answer
    assert page.locator("#verdict").inner_text().startswith("Valid")
    page.screenshot(path=shots / "serve-verify.png", full_page=True)


@pytest.mark.slow
@skip_without_chromium
@on_the_server
def test_browser_dropped_transpose_is_invalid_with_its_diagnosis(page, server, shots):
    _submit(page, server, DROPPED_TRANSPOSE)
    step = page.locator("#step-1")
    assert step.get_attribute("data-status") == "invalid"
    assert step.locator(".status").inner_text().lower() == "invalid"  # in words, shown in capitals
    assert "transpose of A" in step.locator(".diagnosis").inner_text()
    assert step.locator("table.counterexample tr").count() == 4  # A, x, lhs, rhs
    assert page.locator("#step-1 .status").evaluate("e => getComputedStyle(e).color") == "rgb(198, 40, 40)"  # red
    page.screenshot(path=shots / "serve-invalid.png", full_page=True)


@pytest.mark.slow
@skip_without_chromium
@on_the_server
def test_browser_parse_error_caret_stands_under_the_character(page, server, shots):
    _submit(page, server, EXTRA_PAREN)
    assert "column 46" in page.locator("#verdict").inner_text()
    marked, caret = page.locator("#caret-char"), page.locator("#caret")
    assert marked.inner_text() == ")"
    assert abs(marked.bounding_box()["x"] - caret.bounding_box()["x"]) < 1
    page.screenshot(path=shots / "serve-parse-error.png", full_page=True)


@pytest.mark.slow
@skip_without_chromium
@on_the_server
def test_browser_shows_a_script_as_text(page, server, shots):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    query = urllib.parse.urlencode(ATTACK)
    page.goto(f"{server}/verify?{query}")
    page.wait_for_selector("#verdict")
    assert page.locator("#where").input_value() == SCRIPT
    assert SCRIPT in page.locator("#verdict").inner_text() or SCRIPT in page.content().replace("&lt;", "<")
    scripts = page.eval_on_selector_all("script", "all => all.map(s => s.getAttribute('src'))")
    assert scripts == ["/static/keys.js"] and dialogs == []


@pytest.mark.slow
@skip_without_chromium
@on_the_server
def test_browser_catalog_and_a_typeset_entry(page, server, shots):
    page.goto(f"{server}/catalog")
    assert page.locator("section.topic").count() >= 5
    page.screenshot(path=shots / "serve-catalog.png")  # the first screenful
    page.click("text=Least squares and the normal equations")
    page.wait_for_selector("#solution")
    assert page.locator("#solution math").count() >= 5
    # MathML laid out by the browser: a fraction is taller than a line of text
    height = page.locator("#solution mfrac").first.bounding_box()["height"]
    assert height > 20
    assert page.locator("#download-tex").get_attribute("href") == "/download/normal-equations.tex"
    page.screenshot(path=shots / "serve-entry.png", full_page=True)
