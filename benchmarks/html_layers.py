"""What each evidence layer of parse_html costs per page, beside lxml's parse.

Run: .venv/bin/python benchmarks/html_layers.py [--pages DIR] [--repeat N]

Every page of ``../shared/corpus/html/pages`` is decoded and parsed afresh on each
repeat, then each layer of ``diploblog.html._reader._LAYERS`` runs on it alone; a
page's time is its best over the repeats, in CPU time (``time.process_time``) so that
other processes on a shared machine weigh less. The table gives the median and mean
over pages for the parse, each layer, and the whole of ``parse_html``.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from pathlib import Path

from diploblog import parse_html
from diploblog.html import _decode, _reader

HERE = Path(__file__).resolve().parent
PAGES = HERE.parent.parent / "shared" / "corpus" / "html" / "pages"


def _keep(times: dict[str, dict[str, float]], what: str, page: str, spent: float) -> None:
    best = times.setdefault(what, {})
    best[page] = min(best.get(page, spent), spent)


def main() -> None:
    """Time the parse, every layer and parse_html on every page; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    urls_file = args.pages / "urls.json"
    urls = json.loads(urls_file.read_text(encoding="utf-8")) if urls_file.exists() else {}
    pages = {path.name: path.read_bytes() for path in sorted(args.pages.glob("*.html"))}
    times: dict[str, dict[str, float]] = {}
    for _ in range(args.repeat):
        for name, data in pages.items():
            gc.collect()
            start = time.process_time()
            doc, _warnings = _decode.parse(data)
            _keep(times, "lxml parse", name, time.process_time() - start)
            context = _reader._context(doc, urls.get(name))
            for layer in _reader._LAYERS:
                start = time.process_time()
                layer(doc, context)
                _keep(times, layer.__module__.rsplit(".", 1)[1], name, time.process_time() - start)
            start = time.process_time()
            parse_html(data, url=urls.get(name))
            _keep(times, "parse_html", name, time.process_time() - start)
    print(f"{'':<12} {'median ms':>10} {'mean ms':>9}")
    for what, by_page in times.items():
        values = list(by_page.values())
        median, mean = statistics.median(values) * 1000, statistics.mean(values) * 1000
        print(f"{what:<12} {median:>10.3f} {mean:>9.3f}")


if __name__ == "__main__":
    main()
