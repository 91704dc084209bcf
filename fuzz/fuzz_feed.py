"""Fuzz parse_feed (every feed dialect and the tolerant path) with atheris.

Run: python fuzz/fuzz_feed.py -max_total_time=600   (see fuzz/README.md)
"""

from __future__ import annotations

import atheris
from _common import CORPUS, REPO, fuzz, round_trip, seeds

with atheris.instrument_imports():
    import feedparser  # noqa: F401  (instrumented: the tolerant path runs through it)

    from diploblog import parse_feed

SEEDS = [
    b'<rss version="2.0"><channel><title>T</title><item><title>P</title>'
    b"<pubDate>Tue, 20 Jul 2010 14:05:00 +0100</pubDate><category>a</category>"
    b"<description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>",
    b'<feed xmlns="http://www.w3.org/2005/Atom"><title type="xhtml"><div '
    b'xmlns="http://www.w3.org/1999/xhtml">T</div></title><entry><id>x</id><title>P</title>'
    b'<updated>2010-07-20T14:05:00Z</updated><content type="xhtml"><div '
    b'xmlns="http://www.w3.org/1999/xhtml"><p>Hi <b>there</b></p></div></content>'
    b'<link rel="replies" href="/c" xmlns:thr="http://purl.org/syndication/thread/1.0" '
    b'thr:count="2"/></entry></feed>',
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    b'xmlns="http://purl.org/rss/1.0/"><channel><title>T</title></channel>'
    b"<item><title>P</title><link>http://x/</link></item></rdf:RDF>",
    b'{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": '
    b'[{"id": 1, "content_html": "<p>x</p>", "date_published": "2010-07-20T14:05:00Z"}]}',
    b"<rss version='2.0'><channel><title>broken &eacute;<item><title>P</title>",
]


def check(data: bytes) -> None:
    round_trip(parse_feed(data))


if __name__ == "__main__":
    fuzz(
        "feed",
        check,
        seeds(
            [
                (CORPUS / "feeds" / "feedparser", "**/*.xml"),
                (REPO / "tests" / "data", "*/*.xml"),
                (REPO / "tests" / "data" / "jsonfeed", "*.json"),
            ],
            SEEDS,
        ),
    )
