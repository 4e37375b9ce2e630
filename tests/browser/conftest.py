"""Fixtures of the browser check: the built book served on loopback, and Chromium.

The book is read from ``_build/html`` at the repository root, or from the
folder named by the ``BOOK_HTML`` environment variable. A stdlib HTTP server
serves it on 127.0.0.1 from a background thread. Chromium is Debian's
``/usr/bin/chromium``, driven by Playwright's Python API; Playwright never
downloads a browser of its own here. Every test of this folder skips, with
the reason, when the built book or the browser is missing.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Pages of the built site that are not pages of the book: Sphinx's search and
# index pages, and the theme's HTML templates under _static.
EXCLUDED_PAGES = {"search.html", "genindex.html"}
EXCLUDED_DIRS = {"_static", "_sources", "_images"}


def html_dir() -> Path:
    """Return the folder of the built HTML: ``BOOK_HTML`` or ``_build/html``."""
    configured = os.environ.get("BOOK_HTML")
    return Path(configured).resolve() if configured else ROOT / "_build" / "html"


def list_pages(root: Path) -> list[str]:
    """Return every page of the built site, as paths relative to ``root``."""
    if not root.is_dir():
        return []
    pages = []
    for path in sorted(root.rglob("*.html")):
        relative = path.relative_to(root)
        if relative.parts[0] in EXCLUDED_DIRS or str(relative) in EXCLUDED_PAGES:
            continue
        pages.append(relative.as_posix())
    return pages


def pytest_generate_tests(metafunc):
    # One test per page, so a failure names the page. Without a built book
    # there is one placeholder case, which the book_html fixture skips.
    if "page_path" in metafunc.fixturenames:
        pages = list_pages(html_dir()) or ["index.html"]
        metafunc.parametrize("page_path", pages)


@pytest.fixture(scope="session")
def book_html() -> Path:
    """The built HTML folder; skips the tests when the book is not built."""
    root = html_dir()
    if not (root / "index.html").is_file():
        pytest.skip(
            f"no built book at {root}: run `make build` first, "
            "or point BOOK_HTML at a folder with index.html"
        )
    return root


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (stdlib signature)
        pass


@pytest.fixture(scope="session")
def site_url(book_html):
    """Base URL of the book, served on 127.0.0.1 from a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(book_html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def screenshot_dir(book_html) -> Path:
    """``_build/screenshots`` next to the HTML folder, created if missing."""
    folder = book_html.parent / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium browser; skips when Chromium or Playwright is missing."""
    if not CHROMIUM.is_file():
        pytest.skip(
            f"{CHROMIUM} not found: install Debian's chromium package "
            "(apt-get install chromium) to run the browser check"
        )
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed"
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
