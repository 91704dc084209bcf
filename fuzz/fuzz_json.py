"""Fuzz the JSON Feed reader (through parse_feed) with atheris.

Seeds: the test JSON Feeds and feeds of the corpus written with to_json_feed.

Run: python fuzz/fuzz_json.py -max_total_time=600   (see fuzz/README.md)
"""

from __future__ import annotations

import atheris
from _common import CORPUS, REPO, fuzz, round_trip, seeds, written_as

with atheris.instrument_imports():
    from diploblog import parse_feed, to_json_feed
    from diploblog.jsonfeed import read_json_feed


def check(data: bytes) -> None:
    blog = read_json_feed(data)
    round_trip(blog)
    parse_feed(data)  # the same document through format detection


if __name__ == "__main__":
    feedparser = CORPUS / "feeds" / "feedparser" / "wellformed"
    feeds = seeds([(feedparser / "atom10", "*.xml"), (feedparser / "rss", "item_*.xml")], [])
    fuzz(
        "json",
        check,
        seeds(
            [(REPO / "tests" / "data" / "jsonfeed", "*.json")],
            list(written_as(to_json_feed, feeds)),
        ),
    )
