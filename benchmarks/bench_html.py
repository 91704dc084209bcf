"""Time diploblog.parse_html against trafilatura, mf2py and lxml's parse on the same pages.

Run: .venv/bin/python benchmarks/bench_html.py [--pages DIR] [--repeat N]

Pages: every ``*.html`` of ``../shared/corpus/html/pages`` (or ``--pages``), read as
bytes once. Each page is parsed ``--repeat`` times by each tool in one run, in turn
(page by page, tool by tool, so machine noise falls on all of them alike); a page's
time is its best of the repeats, and the table gives the median over pages, the total,
and each tool's median ratio to parse_html (per page, then the median):

- ``parse_html``: ``diploblog.parse_html(data, url=...)``, every layer;
- ``trafilatura``: ``trafilatura.bare_extraction(data, url=..., with_metadata=True)``;
- ``mf2py``: ``mf2py.parse(doc=data, url=...)`` (its default, html5lib-free parser when
  present), timed on the pages with microformats classes only;
- ``lxml parse``: ``lxml.html.fromstring(data)`` alone, the floor.

Targets: parse_html at least 5x faster than trafilatura and within 3x of lxml's parse.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html

from diploblog import parse_html

HERE = Path(__file__).resolve().parent
PAGES = HERE.parent.parent / "shared" / "corpus" / "html" / "pages"
MICROFORMATS = re.compile(rb'class="[^"]*\b(?:h-entry|h-feed|hentry|hfeed|h-card|vcard)\b')


def _best(call: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def _tools() -> dict[str, Callable[[bytes, str | None], Any]]:
    import mf2py  # type: ignore[import-untyped]
    import trafilatura

    return {
        "parse_html": lambda data, url: parse_html(data, url=url),
        "trafilatura": lambda data, url: trafilatura.bare_extraction(
            data, url=url, with_metadata=True
        ),
        "mf2py": lambda data, url: mf2py.parse(doc=data, url=url),
        "lxml parse": lambda data, url: lxml.html.fromstring(data),
    }


def _run(pages: dict[str, bytes], urls: dict[str, str], repeat: int) -> dict[str, dict[str, float]]:
    tools = _tools()
    times: dict[str, dict[str, float]] = {name: {} for name in tools}
    for name, data in pages.items():
        for tool, call in tools.items():
            if tool == "mf2py" and not MICROFORMATS.search(data):
                continue
            gc.collect()
            times[tool][name] = _best(lambda: call(data, urls.get(name)), repeat)  # noqa: B023
    return times


def _report(times: dict[str, dict[str, float]]) -> None:
    ours = times["parse_html"]
    print(f"{'tool':<12} {'pages':>5} {'median ms':>10} {'total ms':>10} {'ratio':>8}")
    for tool, by_page in times.items():
        ratios = [by_page[name] / ours[name] for name in by_page]
        median = statistics.median(by_page.values()) * 1000
        total = sum(by_page.values()) * 1000
        ratio = statistics.median(ratios)
        print(f"{tool:<12} {len(by_page):>5} {median:>10.2f} {total:>10.1f} {ratio:>7.2f}x")
    print("ratio: the tool's time over parse_html's, per page, median over pages")


def main() -> None:
    """Parse the arguments, time every tool on every page, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = sorted(args.pages.glob("*.html"))
    pages = {path.name: path.read_bytes() for path in files}
    urls_file = args.pages / "urls.json"
    urls = json.loads(urls_file.read_text(encoding="utf-8")) if urls_file.exists() else {}
    _report(_run(pages, urls, args.repeat))


if __name__ == "__main__":
    main()
