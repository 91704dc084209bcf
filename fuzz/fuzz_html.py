"""Fuzz parse_html, and the writers on what it read, with atheris.

Run: python fuzz/fuzz_html.py -max_total_time=600   (see fuzz/README.md)
"""

from __future__ import annotations

import atheris
from _common import CORPUS, REPO, fuzz, round_trip, seeds

with atheris.instrument_imports():
    from diploblog import parse_html
    from diploblog._convert import read_any

SEEDS = [
    b'<!DOCTYPE html><html><head><title>A post | Blog</title><meta property="og:type" '
    b'content="article"><script type="application/ld+json">{"@type": "BlogPosting", '
    b'"headline": "A post", "datePublished": "2010-07-20T14:05:00Z", "author": '
    b'{"@type": "Person", "name": "S"}}</script></head><body><article class="h-entry">'
    b'<h1 class="p-name">A post</h1><a class="u-url" href="/a">#</a><time '
    b'class="dt-published" datetime="2010-07-20">20 July</time><div class="e-content">'
    b'<p>Hi</p></div><a rel="tag" href="/tags/x">x</a></article></body></html>',
    b'<div class="hentry"><h2 class="entry-title">T</h2><abbr class="published" '
    b'title="2010-07-20T14:05:00+01:00">x</abbr><div class="entry-content">c</div>'
    b'<span class="author vcard"><a class="fn url" href="/me">Me</a></span></div>',
    b'<html><body><div class="entryBox"><p class="entryTitle">T</p><div class="entryContent">'
    b'x</div></div><div class="tagcloud"><a class="tag s3" href="/roller/b/tags/x">x</a>'
    b"</div></body></html>",
]


def check(data: bytes) -> None:
    round_trip(parse_html(data))
    # The page's blog, as convert() reads it, through every writer.
    round_trip(read_any(data))


if __name__ == "__main__":
    fuzz(
        "html",
        check,
        seeds(
            [
                (CORPUS / "html" / "microformats" / "tests", "**/*.html"),
                (CORPUS / "html" / "pages", "*.html"),
                (REPO / "tests" / "data" / "html", "**/*.html"),
            ],
            SEEDS,
        ),
    )
