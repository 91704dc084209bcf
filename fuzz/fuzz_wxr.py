"""Fuzz the WordPress export reader (diploblog.wxr.read_wxr) with atheris.

Seeds: the test exports, WordPress's theme unit test export cut into small exports
of three items each, and feeds of the corpus written with to_wxr.

Run: python fuzz/fuzz_wxr.py -max_total_time=600   (see fuzz/README.md)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import atheris
from _common import CORPUS, REPO, fuzz, round_trip, seeds, written_as

with atheris.instrument_imports():
    from diploblog import DiploblogError, parse_feed, to_wxr
    from diploblog.wxr import read_wxr

_ITEM = re.compile(rb"<item>.*?</item>", re.DOTALL)


def export_pieces() -> Iterator[bytes]:
    path = CORPUS / "feeds" / "wordpress" / "themeunittestdata.wordpress.xml"
    if not path.is_file():
        return
    data = path.read_bytes()
    items = _ITEM.findall(data)
    head = data[: data.find(b"<item>")]
    for start in range(0, len(items), 3):
        yield head + b"".join(items[start : start + 3]) + b"</channel></rss>"


def check(data: bytes) -> None:
    try:
        blog = read_wxr(data)
    except DiploblogError:
        # Not an export, or broken: parse_feed may still read it (tolerant path).
        blog = parse_feed(data)
    round_trip(blog)


if __name__ == "__main__":
    feeds = seeds([(CORPUS / "feeds" / "feedparser" / "wellformed" / "rss", "*.xml")], [])
    fuzz(
        "wxr",
        check,
        seeds(
            [(REPO / "tests" / "data" / "wxr", "*.xml"), (REPO / "tests" / "data", "blogger/*")],
            [*export_pieces(), *written_as(to_wxr, feeds)],
        ),
    )
