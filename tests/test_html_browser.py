"""Pages written by to_html, opened in a real browser: nothing a stranger wrote runs.

Debian's Chromium (``/usr/bin/chromium``, or ``$DIPLOBLOG_CHROMIUM``) is driven
headless through Playwright, which is given that executable: Playwright's own
browser download is never used. Pages load from files; every request to anything
else is recorded and aborted. The tests are skipped, saying why, only when the
browser is missing or does not start.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import lxml.html
import pytest

from diploblog import Blog
from test_sanitize import VECTORS
from written_pages import URL_VECTORS, documents, sample_blog, seed_blog, vector_blog

_WHERE = "DIPLOBLOG_CHROMIUM"
CHROMIUM = Path(os.environ.get(_WHERE) or "/usr/bin/chromium")
ARGS = [
    *("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"),
    *("--disable-background-networking", "--disable-component-update", "--disable-sync"),
]

# Run in the page after it loads: everything on it that could run script, as the
# browser itself parses it (entities, tabs and case in URLs already undone).
_RUNNABLE = """() => {
  const found = [];
  const safeImage = /^data:image\\/(png|jpeg|gif|webp)[;,]/i;
  for (const el of document.querySelectorAll("*")) {
    const name = el.localName;
    if (name === "script" && el.type !== "application/ld+json") found.push("<script>");
    if (["iframe", "frame", "object", "embed", "applet", "form", "base", "svg", "math",
         "input", "button", "textarea", "select", "template"].includes(name)) {
      found.push("<" + name + ">");
    }
    if (name === "meta" && el.hasAttribute("http-equiv")) found.push("<meta http-equiv>");
    if (name === "style" && el.parentElement !== document.head) found.push("<style> in body");
    for (const attr of el.attributes) {
      const key = attr.name.toLowerCase();
      if (key.startsWith("on")) found.push(name + " " + key);
      if (["srcdoc", "formaction", "action"].includes(key)) found.push(name + " " + key);
      // The only style the writer makes: a tag cloud's font size, a number and a unit.
      if (key === "style" && !/^font-size: [0-9.]+(pt|px|em|rem|%)$/.test(attr.value)) {
        found.push(name + " style");
      }
      if (!["href", "src", "cite", "data", "background", "poster", "xlink:href"].includes(key)) {
        continue;
      }
      let url;
      try { url = new URL(attr.value, document.baseURI); } catch (e) { continue; }
      if (["http:", "https:", "mailto:", "file:"].includes(url.protocol)) continue;
      if (name === "img" && key === "src" && safeImage.test(url.href)) continue;
      found.push(name + " " + key + "=" + attr.value);
    }
  }
  return found;
}"""

# Fire the events inline handlers wait for (hover, focus, load errors...) on every
# element, so a handler that survived would run even though nobody is there to click.
_POKE = """() => {
  const kinds = ["mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "pointerover",
                 "focus", "focusin", "blur", "error", "load", "toggle", "animationstart",
                 "transitionend", "input", "change", "scroll", "wheel", "keydown"];
  for (const el of document.querySelectorAll("*")) {
    for (const kind of kinds) el.dispatchEvent(new Event(kind, {bubbles: false}));
  }
}"""


@attrs.frozen
class Visit:
    """What a page did in the browser, besides showing itself."""

    dialogs: list[str]
    console: list[str]
    errors: list[str]
    outside_requests: list[str]
    runnable: list[str]

    @property
    def ran(self) -> list[str]:
        """Evidence that script ran or was set up to run; empty for a safe page."""
        return [*self.dialogs, *self.console, *self.errors, *self.outside_requests, *self.runnable]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium, or set {_WHERE}")
    with sync_api.sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=ARGS, timeout=60_000
            )
        except sync_api.Error as error:
            pytest.skip(f"Chromium at {CHROMIUM} did not start: {str(error).splitlines()[0]}")
        yield chromium
        chromium.close()


def _is_local(url: str, folder: Path) -> bool:
    return url.startswith((folder.as_uri() + "/", "data:image/"))


def _guard(context: Any, folder: Path) -> None:
    """Let the context load what is in `folder` and nothing else."""

    def route(route: Any) -> None:
        if _is_local(route.request.url, folder):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)


def _image_urls(html: str) -> set[str]:
    return {str(url) for url in lxml.html.document_fromstring(html).xpath("//img/@src")}


class Inspector:
    """One browser tab that opens pages of a folder and reports what each one did.

    Requests for anything outside the folder are aborted and reported, except the
    `expected` ones (a real post's images), which are aborted only.
    """

    def __init__(self, browser: Any, folder: Path, expected: set[str] | None = None) -> None:
        self.folder = folder
        self.expected = expected or set()
        self.context = browser.new_context(service_workers="block")
        _guard(self.context, folder)
        self.page = self.context.new_page()
        self.found: dict[str, list[str]] = {}
        self.page.on("dialog", self._on_dialog)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self._note("errors", f"page error: {error}"))
        self.page.on("request", self._on_request)

    def _note(self, kind: str, what: str) -> None:
        self.found.setdefault(kind, []).append(what)

    def _on_dialog(self, dialog: Any) -> None:
        self._note("dialogs", f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _on_console(self, message: Any) -> None:
        # The browser's own note on a file or request it could not load is not a script's.
        if not message.text.startswith("Failed to load resource: net::"):
            self._note("console", f"console {message.type}: {message.text}")

    def _on_request(self, request: Any) -> None:
        if not _is_local(request.url, self.folder) and request.url not in self.expected:
            self._note("outside", f"request {request.url}")

    def visit(self, path: str) -> Visit:
        """Open ``folder/path``, poke every element, report what happened."""
        self.found = {}
        self.page.goto((self.folder / path).as_uri(), wait_until="load")
        self.page.evaluate(_POKE)
        runnable = self.page.evaluate(_RUNNABLE)
        self.page.wait_for_timeout(20)  # let timers and handlers the poke queued run
        found = self.found
        return Visit(
            *(found.get(kind, []) for kind in ("dialogs", "console", "errors", "outside")),
            runnable=runnable,
        )

    def close(self) -> None:
        """Close the tab and its context."""
        self.context.close()


@pytest.fixture
def inspector(browser: Any, tmp_path: Path) -> Iterator[Inspector]:
    opened = Inspector(browser, tmp_path)
    yield opened
    opened.close()


def _write(folder: Path, pages: dict[str, str]) -> None:
    for path, html in pages.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


# --- Nothing runs ------------------------------------------------------------------


def test_every_vector_page_is_inert(inspector: Inspector) -> None:
    blog = vector_blog()
    assert len(blog.posts) == len(VECTORS) + 1  # each vector, then the URL vectors
    pages = documents(blog)
    _write(inspector.folder, pages)
    ran = {path: inspector.visit(path).ran for path in pages}
    assert {path: found for path, found in ran.items() if found} == {}


@pytest.mark.parametrize("make_blog", [sample_blog, seed_blog])
def test_fixed_examples_are_inert(
    browser: Any, tmp_path: Path, make_blog: Callable[[], Blog]
) -> None:
    pages = documents(make_blog())
    _write(tmp_path, pages)
    # A real post's images (the seed's author photo) are expected, and refused all the same.
    opened = Inspector(browser, tmp_path, set().union(*map(_image_urls, pages.values())))
    try:
        assert {path: opened.visit(path).ran for path in pages} == {path: [] for path in pages}
    finally:
        opened.close()


def _raw_page(markup: str) -> str:
    return f"<!DOCTYPE html><html><head><title>raw</title></head><body>{markup}</body></html>"


@pytest.mark.parametrize(
    ("markup", "evidence"),
    [
        ("<script>alert(1)</script>", "dialog alert: 1"),
        ("<script>console.log('ran')</script>", "console log: ran"),
        ("<img src=x onerror=alert(1)>", "dialog alert: 1"),
        ("<svg onload=alert(1)>", "dialog alert: 1"),
        ('<p title="x" onmouseover="alert(1)">a</p>', "dialog alert: 1"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', "a href=jav\tascript:alert(1)"),
        ("<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>", "request https://xss.example/xss.js"),
        ('<iframe srcdoc="&lt;b&gt;x&lt;/b&gt;"></iframe>', "iframe srcdoc"),
    ],
)
def test_the_harness_sees_what_runs(inspector: Inspector, markup: str, evidence: str) -> None:
    # The checks above must not pass for want of looking: unsanitised, these are caught.
    (inspector.folder / "raw.html").write_text(_raw_page(markup), encoding="utf-8")
    assert evidence in inspector.visit("raw.html").ran


def test_most_raw_vectors_are_caught(inspector: Inspector) -> None:
    # Without the writer, the same harness flags the vectors a browser would act on.
    caught = []
    for number, vector in enumerate(VECTORS):
        (inspector.folder / f"{number}.html").write_text(_raw_page(vector), encoding="utf-8")
        if inspector.visit(f"{number}.html").ran:
            caught.append(vector)
    assert len(caught) >= len(VECTORS) * 3 // 4, set(VECTORS) - set(caught)


def test_url_vectors_are_dangerous_unwritten(inspector: Inspector) -> None:
    links = "".join(f'<a href="{url}">x</a>' for url in URL_VECTORS)
    (inspector.folder / "links.html").write_text(_raw_page(links), encoding="utf-8")
    assert len(inspector.visit("links.html").runnable) == len(URL_VECTORS)


# --- It shows -----------------------------------------------------------------------


def _png_pixels(png: bytes) -> tuple[int, list[bytes]]:
    """Width and rows of pixels (RGB or RGBA bytes) of an 8-bit, non-interlaced PNG."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], b""
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        body = png[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, interlace) == (8, 0)
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    data = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows: list[bytes] = []
    above = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = data[start], bytearray(data[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = above[i]
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                corner = above[i - channels] if i >= channels else 0
                guess = left + up - corner
                near = min((abs(guess - left), 0), (abs(guess - up), 1), (abs(guess - corner), 2))
                line[i] = (line[i] + (left, up, corner)[near[1]]) & 0xFF
        rows.append(bytes(line))
        above = line
    return width, rows


def _ink(png: bytes) -> tuple[float, float]:
    """The share of pixels unlike the background, and the variance of their brightness."""
    width, rows = _png_pixels(png)
    channels = len(rows[0]) // width
    pixels = [row[x : x + 3] for row in rows for x in range(0, len(row), channels)]
    background, _ = Counter(pixels).most_common(1)[0]
    brightness = [sum(pixel) / 3 for pixel in pixels]
    mean = sum(brightness) / len(brightness)
    variance = sum((b - mean) ** 2 for b in brightness) / len(brightness)
    return sum(pixel != background for pixel in pixels) / len(pixels), variance


def _screenshot(browser: Any, folder: Path, path: str) -> bytes:
    context = browser.new_context(viewport={"width": 640, "height": 480})
    _guard(context, folder)
    try:
        page = context.new_page()
        page.goto((folder / path).as_uri(), wait_until="load")
        shot: bytes = page.screenshot(type="png")
    finally:
        context.close()
    return shot


def test_a_post_page_is_not_blank(browser: Any, tmp_path: Path) -> None:
    blog: Blog = sample_blog()
    post_page = documents(blog)["posts/0.html"]
    _write(tmp_path, {"post.html": post_page, "blank.html": "<!DOCTYPE html>"})
    inked, variance = _ink(_screenshot(browser, tmp_path, "post.html"))
    assert inked > 0.02, inked
    assert variance > 100, variance
    # The measure itself tells a blank page from a written one.
    assert _ink(_screenshot(browser, tmp_path, "blank.html")) == (0.0, 0.0)
