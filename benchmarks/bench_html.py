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

Times are wall-clock (``time.perf_counter``) unless ``--cpu`` is given: then they are
the process's CPU time (``time.process_time``), which other processes on a busy
shared machine disturb far less (the code timed is single-threaded and does no I/O).

A second table splits parse_html's time by stage, from a separate pass (so the timers
cost the first table nothing): ``decode+parse`` (bytes to text to lxml tree),
``capture`` (web-archive detection and undoing), one row per evidence layer in
``_reader._LAYERS`` (named after its module), and ``merge`` (the rest: grouping,
precedence, building the Page). A stage's time on a page is its best of the repeats;
the table gives its median and total over pages and its share of the total.
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
_clock = time.perf_counter
PAGES = HERE.parent.parent / "shared" / "corpus" / "html" / "pages"
MICROFORMATS = re.compile(rb'class="[^"]*\b(?:h-entry|h-feed|hentry|hfeed|h-card|vcard)\b')


def _best(call: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = _clock()
        call()
        best = min(best, _clock() - start)
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
    medians = {tool: statistics.median(by_page.values()) for tool, by_page in times.items()}
    print(
        f"median over median: trafilatura / parse_html "
        f"{medians['trafilatura'] / medians['parse_html']:.2f}x (target >= 5), "
        f"parse_html / lxml parse {medians['parse_html'] / medians['lxml parse']:.2f}x "
        f"(target <= 3)"
    )


def _timed(name: str, call: Callable[..., Any], spent: dict[str, float]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = _clock()
        try:
            return call(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + _clock() - start

    return timed


def _stages(
    pages: dict[str, bytes], urls: dict[str, str], repeat: int
) -> dict[str, dict[str, float]]:
    from diploblog.html import _capture, _decode, _reader

    spent: dict[str, float] = {}
    originals = (_decode.parse, _capture.unwrap, _reader._LAYERS)
    names = [layer.__module__.rpartition(".")[2].lstrip("_") for layer in _reader._LAYERS]
    names = [n if names.count(n) == 1 else f"{n}.{i}" for i, n in enumerate(names)]
    _decode.parse = _timed("decode+parse", _decode.parse, spent)
    _capture.unwrap = _timed("capture", _capture.unwrap, spent)
    _reader._LAYERS = tuple(
        _timed(name, layer, spent) for name, layer in zip(names, _reader._LAYERS, strict=True)
    )
    stages: dict[str, dict[str, float]] = {}
    try:
        for name, data in pages.items():
            gc.collect()
            for _ in range(repeat):
                spent.clear()
                start = _clock()
                parse_html(data, url=urls.get(name))
                spent["merge"] = _clock() - start - sum(spent.values())
                for stage, seconds in spent.items():
                    best = stages.setdefault(stage, {}).get(name, float("inf"))
                    stages[stage][name] = min(best, seconds)
    finally:
        _decode.parse, _capture.unwrap, _reader._LAYERS = originals
    return stages


def _report_stages(stages: dict[str, dict[str, float]]) -> None:
    whole = sum(sum(by_page.values()) for by_page in stages.values())
    print(f"\n{'stage':<14} {'median ms':>10} {'total ms':>10} {'share':>6}")
    for stage, by_page in stages.items():
        median = statistics.median(by_page.values()) * 1000
        total = sum(by_page.values())
        print(f"{stage:<14} {median:>10.3f} {total * 1000:>10.1f} {total / whole:>6.1%}")
    print("stage: parse_html's time in it, best of the repeats per page; merge is the rest")


def main() -> None:
    """Parse the arguments, time every tool on every page, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time with the process's CPU clock, not the wall clock (on a busy machine)",
    )
    args = parser.parse_args()
    if args.cpu:
        global _clock
        _clock = time.process_time
    files = sorted(args.pages.glob("*.html"))
    pages = {path.name: path.read_bytes() for path in files}
    urls_file = args.pages / "urls.json"
    urls = json.loads(urls_file.read_text(encoding="utf-8")) if urls_file.exists() else {}
    _report(_run(pages, urls, args.repeat))
    _report_stages(_stages(pages, urls, args.repeat))


if __name__ == "__main__":
    main()
