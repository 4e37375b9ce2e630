"""Open every page of the built book in headless Chromium and check what a reader sees.

Each page is loaded once from the local server (see ``conftest.py``), with
every request to another host aborted, so a page can only use the book's own
assets. A full-page screenshot goes to ``_build/screenshots/<page>.png`` before
any check runs. The checks, one test each, fail on:

- images of the book that do not load (``naturalWidth`` 0) and local files
  that answer with an HTTP error;
- references Sphinx could not resolve. An unresolved ``{ref}``, ``{numref}``,
  ``{eq}``, ``{doc}`` or ``{prf:ref}`` is rendered as an element of class
  ``xref`` outside any link; an unresolved ``{cite}`` as a
  ``span.bibtex-citation`` without a link; role syntax or ``??`` left in the
  prose means a role was not parsed at all;
- glued values that did not render. An unknown ``{glue:text}`` key leaves no
  trace in the HTML, so the page's copy of its source (``_sources``) is read:
  every ``{glue:text}`` role must have become a ``span.pasted-text`` and every
  named ``{glue:figure}`` must show an image;
- figures that were drawn but not rendered. Each code cell that calls
  ``plt.show()`` must leave an image, and a figure named in a cell's
  ``mystnb.figure`` metadata must contain one. A Matplotlib text repr
  (``<Figure size ...>``) in the page means the kernel ran with a non-inline
  backend, for example with ``MPLBACKEND=Agg`` set while the book was built;
- requests to other hosts made while loading the page: the book must render
  with its own assets, offline (MathJax ships with it);
- JavaScript errors: uncaught exceptions in the page and console errors from
  the book's own URLs. Console errors about blocked requests to other hosts
  are expected and ignored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

LOCAL_HOST = "127.0.0.1"
VIEWPORT = {"width": 1280, "height": 900}
LOAD_TIMEOUT_MS = 30_000
IDLE_TIMEOUT_MS = 10_000

# Role syntax a reader should never see. `??` is what LaTeX-style numbering
# prints for a missing number.
LEFTOVER_MARKUP = re.compile(
    r"\{(?:ref|numref|eq|doc|cite(?::[a-z]+)?|prf:ref|glue(?::[a-z]+)?)\}|\?\?"
)
FIGURE_REPR = re.compile(r"<Figure size \d+(?:\.\d+)?x\d+(?:\.\d+)? with \d+ Axes>")

GLUE_TEXT_ROLE = re.compile(r"\{glue:text\}`[^`]+`")
GLUE_FIGURE_DIRECTIVE = re.compile(
    r"^[`:]{3,}\{glue:figure\}[^\n]*\n((?::[\w-]+:[^\n]*\n)*)", re.MULTILINE
)
FIGURE_NAME_OPTION = re.compile(r"^:name:\s*(\S+)", re.MULTILINE)
PLAIN_CODE_FENCE = re.compile(
    r"^(`{3,}|~{3,})(?!\{)[^\n]*\n.*?^\1\s*$", re.DOTALL | re.MULTILINE
)
# A role ({name}`content`) or an inline code span, scanned left to right so that
# the backticks of a role are never taken for the start of a code span.
ROLE_OR_CODE = re.compile(
    r"(?P<role>\{[\w:.-]+\}(?P<tick>`+).+?(?P=tick))"
    r"|(?P<code>(?P<fence>`+).+?(?P=fence))"
)
REMOVED_OUTPUT_TAGS = {"remove-cell", "remove-output", "remove_cell", "remove_output"}

# Run in the page after it has loaded; returns what the checks need.
INSPECT_PAGE = """
() => {
  const local = (url) => {
    try { return new URL(url, document.baseURI).hostname === '127.0.0.1'; }
    catch (error) { return false; }
  };
  const brokenImages = [...document.images]
    .filter((img) => local(img.currentSrc || img.src))
    .filter((img) => !(img.complete && img.naturalWidth > 0))
    .map((img) => img.currentSrc || img.src);
  const unresolved = [...document.querySelectorAll('.xref')]
    .filter((el) => !el.closest('a'))
    .map((el) => el.outerHTML.slice(0, 200));
  const citations = [...document.querySelectorAll('span.bibtex-citation')]
    .filter((el) => !el.querySelector('a'))
    .map((el) => el.outerHTML.slice(0, 200));
  const article = document.querySelector('article') || document.body;
  const prose = article.cloneNode(true);
  prose.querySelectorAll('pre, code, script, style, .math, mjx-container')
    .forEach((el) => el.remove());
  const outputImages = document.querySelectorAll(
    '.cell_output img, .output img').length;
  const pastedText = document.querySelectorAll('span.pasted-text').length;
  return {
    brokenImages, unresolved, citations, outputImages, pastedText,
    proseText: prose.textContent,
    fullText: article.textContent,
    ids: [...document.querySelectorAll('[id]')]
      .filter((el) => el.querySelector('img'))
      .map((el) => el.id),
  };
}
"""


@dataclass(repr=False)
class PageReport:
    """What one page showed in the browser."""

    page_path: str
    screenshot: Path
    inspection: dict
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        # Keeps pytest's failure output to the page, not its full text.
        return f"PageReport({self.page_path!r}, screenshot={str(self.screenshot)!r})"


def _is_local(url: str) -> bool:
    return urlparse(url).hostname == LOCAL_HOST


def _visit(chromium, site_url: str, page_path: str, screenshot: Path) -> PageReport:
    context = chromium.new_context(viewport=VIEWPORT)

    # Only the book's own server may respond. Every other request is aborted
    # and recorded, so that a page needing a CDN is caught.
    external_requests = []

    def route(request_route):
        request = request_route.request
        if _is_local(request.url):
            request_route.continue_()
        else:
            external_requests.append(f"{request.resource_type} {request.url}")
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page_errors, console_errors, failed_requests = [], [], []

    def on_console(message):
        if message.type != "error":
            return
        source = (message.location or {}).get("url", "")
        if source and not _is_local(source):
            return
        if "net::ERR_FAILED" in message.text and not source:
            # Chromium reports each aborted external request as a console
            # error without a source URL; the route above caused it.
            return
        console_errors.append(f"{message.text} ({source or 'no source'})")

    def on_response(response):
        if _is_local(response.url) and response.status >= 400:
            failed_requests.append(f"{response.status} {response.url}")

    def on_request_failed(request):
        if _is_local(request.url):
            failed_requests.append(f"{request.failure} {request.url}")

    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.on("console", on_console)
    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)

    try:
        page.goto(site_url + page_path, wait_until="load", timeout=LOAD_TIMEOUT_MS)
        try:
            page.wait_for_load_state("networkidle", timeout=IDLE_TIMEOUT_MS)
        except Exception:  # noqa: BLE001 (a busy page is still inspected)
            pass

        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
        inspection = page.evaluate(INSPECT_PAGE)
    finally:
        context.close()

    return PageReport(
        page_path,
        screenshot,
        inspection,
        page_errors,
        console_errors,
        failed_requests,
        external_requests,
    )


_REPORTS: dict[str, PageReport] = {}


@pytest.fixture
def report(page_path, book_html, chromium, site_url, screenshot_dir) -> PageReport:
    """The page's report, from one visit shared by all checks of that page."""
    if page_path not in _REPORTS:
        screenshot = screenshot_dir / Path(page_path).with_suffix(".png")
        _REPORTS[page_path] = _visit(chromium, site_url, page_path, screenshot)
    return _REPORTS[page_path]


def _source_text(book_html: Path, page_path: str) -> tuple[str, list[dict]] | None:
    """Return the page's Markdown prose and its code cells, or None without a source.

    Sphinx copies each source to ``_sources/<page>.<suffix>``. For a notebook
    the prose is the text of its Markdown cells. A Markdown page is all prose
    and has no code cells.
    """
    stem = Path(page_path).with_suffix("")
    notebook = book_html / "_sources" / stem.with_suffix(".ipynb")
    markdown = book_html / "_sources" / stem.with_suffix(".md")
    if notebook.is_file():
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        prose = "\n\n".join(
            "".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"
        )
        code = [cell for cell in cells if cell["cell_type"] == "code"]
        return prose, code
    if markdown.is_file():
        return markdown.read_text(encoding="utf-8"), []
    return None


def _without_code(markdown: str) -> str:
    """Drop plain code blocks and inline code, where role syntax is only shown."""
    without_blocks = PLAIN_CODE_FENCE.sub("", markdown)
    return ROLE_OR_CODE.sub(
        lambda match: match["role"] or "", without_blocks
    )


def test_screenshot_saved(report):
    assert report.screenshot.is_file()
    assert report.screenshot.stat().st_size > 0


def test_images_load(report):
    assert report.inspection["brokenImages"] == []
    assert report.failed_requests == []


def test_references_resolve(report):
    assert report.inspection["unresolved"] == []
    assert report.inspection["citations"] == []
    leftovers = sorted(set(LEFTOVER_MARKUP.findall(report.inspection["proseText"])))
    assert leftovers == []


def test_no_requests_to_other_hosts(report):
    assert report.external_requests == []


def test_no_javascript_errors(report):
    # Jupyter Book 1.0.4 wrote sphinx-thebe's `const THEBE_JS_URL` script
    # twice into every page, a SyntaxError; _ext/unique_scripts.py removes
    # the copy, and this check keeps it removed.
    assert report.page_errors == []
    assert report.console_errors == []


def test_glued_values_render(report, book_html, page_path):
    source = _source_text(book_html, page_path)
    if source is None:
        pytest.skip(f"no source of {page_path} under _sources")
    prose = _without_code(source[0])

    expected = len(GLUE_TEXT_ROLE.findall(prose))
    assert report.inspection["pastedText"] == expected
    names = [
        match
        for options in GLUE_FIGURE_DIRECTIVE.findall(prose)
        for match in FIGURE_NAME_OPTION.findall(options)
    ]
    missing_figures = [name for name in names if name not in report.inspection["ids"]]
    assert missing_figures == []


def test_plotted_figures_render(report, book_html, page_path):
    assert FIGURE_REPR.findall(report.inspection["fullText"]) == []

    source = _source_text(book_html, page_path)
    if source is None:
        pytest.skip(f"no source of {page_path} under _sources")
    plotting_cells = [
        cell
        for cell in source[1]
        if "plt.show()" in "".join(cell["source"])
        and not REMOVED_OUTPUT_TAGS & set(cell.get("metadata", {}).get("tags", []))
    ]
    assert report.inspection["outputImages"] >= len(plotting_cells)

    names = [
        cell["metadata"]["mystnb"]["figure"]["name"]
        for cell in source[1]
        if "name" in cell.get("metadata", {}).get("mystnb", {}).get("figure", {})
    ]
    missing_figures = [name for name in names if name not in report.inspection["ids"]]
    assert missing_figures == []
