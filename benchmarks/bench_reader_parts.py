"""Where parse_feed's time goes, part by part, on the feeds of bench_feeds.py.

Run: .venv/bin/python benchmarks/bench_reader_parts.py [--repeat N]

Measured alone (no other parser between calls), with the mean of the fastest tenth of
--repeat runs, which a busy shared machine disturbs least:

- parse_feed, lxml's parse (``parse_xml``) and the reader (``read_rss``/``read_atom``
  on the parsed tree) separately;
- for each element of an item or entry, what the reader saves when that element's
  handler does nothing (its reading, and the model fields it fills, which the
  ``Post`` constructor then need not validate);
- the reader with every handler doing nothing, and also without building the
  ``Post`` objects: the cost of walking the tree and of model construction.

The handler tables are patched in this process only, to measure; nothing is changed.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, MutableMapping
from typing import Any

from bench_feeds import atom_feed, rss_feed

from diploblog._parse_feed import parse_feed
from diploblog._xml import parse_xml
from diploblog.atom import _reader as atom
from diploblog.rss import _reader as rss

ATOM = "{http://www.w3.org/2005/Atom}"
ELEMENTS = {
    "rss": [
        *("title", "link", "comments", "pubDate", "{http://purl.org/dc/elements/1.1/}creator"),
        *("category", "guid", "description", "{http://purl.org/rss/1.0/modules/content/}encoded"),
        "{http://wellformedweb.org/CommentAPI/}commentRss",
        "{http://purl.org/rss/1.0/modules/slash/}comments",
    ],
    "atom": [
        *(ATOM + name for name in ("id", "title", "link", "published", "updated", "author")),
        *(ATOM + name for name in ("category", "summary", "content")),
        "{http://purl.org/syndication/thread/1.0}total",
    ],
}


def fastest(run: Callable[[], object], repeat: int) -> float:
    """Milliseconds: the mean of the fastest tenth of `repeat` runs, after a warm-up."""
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.mean(times[: max(1, repeat // 10)]) * 1000


def _nothing(fields: Any, el: Any, base: Any, ctx: Any) -> bool:
    return True


def report(name: str, data: bytes, read: Callable[..., Any], table: Any, repeat: int) -> None:
    """Print the parts of parse_feed's time on one feed (`table`: its handler table)."""
    handlers: MutableMapping[str, Any] = table
    root = parse_xml(data, where=name)

    def reading() -> object:
        return read(root, url=None)

    total = fastest(lambda: parse_feed(data), repeat)
    parse = fastest(lambda: parse_xml(data, where=name), repeat)
    reader = fastest(reading, repeat)
    print(f"{name}: parse_feed {total:.3f} ms = parse_xml {parse:.3f} + reader {reader:.3f}")
    print(f"  {'element handler':<52} {'saves ms':>8}")
    for tag in ELEMENTS[name]:
        kept = handlers[tag]
        handlers[tag] = _nothing
        try:
            saved = reader - fastest(reading, repeat)
        finally:
            handlers[tag] = kept
        print(f"  {tag:<52} {saved:8.3f}")
    saved_handlers = dict(handlers)
    to_post = atom.PostFields.to_post
    try:
        for tag in handlers:
            handlers[tag] = _nothing
        idle = fastest(reading, repeat)
        atom.PostFields.to_post = lambda self: None  # type: ignore[assignment,method-assign,return-value]
        walk = fastest(reading, repeat)
    finally:
        handlers.update(saved_handlers)
        atom.PostFields.to_post = to_post  # type: ignore[method-assign]
    print(f"  every handler doing nothing: {idle:.3f} ms, of which building the Posts "
          f"{idle - walk:.3f} ms and walking the tree {walk:.3f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    report("rss", rss_feed(50), rss.read_rss, rss._ITEM_HANDLERS, args.repeat)
    report("atom", atom_feed(50), atom.read_atom, atom.ENTRY_HANDLERS, args.repeat)


if __name__ == "__main__":
    main()
