"""Fuzzing in the suite: mutated documents through every public reader.

Seeds are small built-in documents of each format (so something runs without the
corpus) and real documents from the shared corpus. Hypothesis mutates them (flipped,
inserted, deleted and duplicated bytes, markup and JSON tokens, splices of two seeds)
and each reader must return a result or raise a `DiploblogError`: nothing else may
escape, no Python warning may be raised (pytest turns warnings into errors here), and
whatever was read must be written by every writer and read back (`_roundtrip`).

The long runs (atheris) are the scripts under ``fuzz/``; the inputs they found that
broke a reader are kept in ``tests/data/fuzz/`` and replayed here.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _roundtrip import written_back
from diploblog import (
    Author,
    Blog,
    Comment,
    DiploblogError,
    ForbiddenCharacterWarning,
    Page,
    Post,
    Tag,
    convert,
    from_dict,
    parse_feed,
    parse_html,
    to_dict,
)
from diploblog.jsonfeed import read_json_feed
from diploblog.wxr import read_wxr

FUZZ_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)
REGRESSIONS = Path(__file__).parent / "data" / "fuzz"
DATA = Path(__file__).parent / "data"

SEEDS: dict[str, list[bytes]] = {
    "feed": [
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Global conversations'
        b"</title><link>https://blogs.example/</link><item><title>The end of this blog</title>"
        b"<link>/entry/the_end</link><dc:creator>Stephen Hale</dc:creator><category>digital"
        b"</category><pubDate>Tue, 20 Jul 2010 14:05:00 +0100</pubDate><description>"
        b"&lt;p&gt;Thanks &amp;amp; goodbye&lt;/p&gt;</description></item></channel></rss>",
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blogs.example/">'
        b"<title>Blog</title><id>urn:b</id><updated>2010-07-20T14:05:00Z</updated><entry>"
        b'<id>urn:p</id><title type="html">A &amp;lt;b&amp;gt;post</title><link href="p"/>'
        b"<published>2010-07-20T14:05:00+01:00</published><author><name>S</name></author>"
        b'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <b>you'
        b'</b></p></div></content><category term="x" scheme="https://blogs.example/tags/"/>'
        b"</entry></feed>",
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        b'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://blogs.example/">'
        b'<title>T</title></channel><item rdf:about="https://blogs.example/1"><title>P'
        b"</title><link>https://blogs.example/1</link></item></rdf:RDF>",
        b"<rss version='2.0'><channel><title>Caf&eacute;<item><title>broken</title>"
        b"<pubDate>Tue, 20 Jul 2010 14:05:00 +0100</pubDate>",
    ],
    "json": [
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "Blog", "home_page_url": '
        b'"https://blogs.example/", "authors": [{"name": "S", "url": "/s"}], "items": [{"id": 1,'
        b' "url": "/p", "title": "P", "content_html": "<p>Hi</p>", "date_published": '
        b'"2010-07-20T14:05:00+01:00", "tags": ["a", "b"], "attachments": [{"url": "/a.mp3", '
        b'"mime_type": "audio/mpeg", "size_in_bytes": 10}], "_ext": {"k": [1, 2.5, null]}}]}',
    ],
    "wxr": [
        b'<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" '
        b'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>B</title>'
        b"<wp:wxr_version>1.2</wp:wxr_version><wp:author><wp:author_login>s</wp:author_login>"
        b"<wp:author_display_name>S</wp:author_display_name></wp:author><item><title>Hi"
        b"</title><dc:creator>s</dc:creator><content:encoded><![CDATA[<p>Hello</p>]]>"
        b"</content:encoded><wp:post_id>7</wp:post_id><wp:post_date_gmt>2010-07-20 13:05:00"
        b"</wp:post_date_gmt><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>"
        b'<category domain="post_tag" nicename="a"><![CDATA[A]]></category><wp:comment>'
        b"<wp:comment_id>1</wp:comment_id><wp:comment_author>R</wp:comment_author>"
        b"<wp:comment_content>Nice</wp:comment_content><wp:comment_parent>0"
        b"</wp:comment_parent></wp:comment></item></channel></rss>",
    ],
    "html": [
        b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>P | Blog</title>'
        b'<meta property="og:type" content="article"><link rel="canonical" href="/p">'
        b'<script type="application/ld+json">{"@type": "BlogPosting", "headline": "P", '
        b'"datePublished": "2010-07-20T14:05:00Z"}</script></head><body>'
        b'<article class="h-entry"><h1 class="p-name">P</h1><a class="u-url" href="/p">#</a>'
        b'<time class="dt-published" datetime="2010-07-20T14:05:00+01:00">20 July</time>'
        b'<div class="e-content"><p>Hi <a href="/x">there</a></p></div><a rel="tag" '
        b'href="/tags/x">x</a><div class="h-entry p-comment"><span class="p-author h-card">'
        b'R</span><p class="e-content">Nice</p></div></article></body></html>',
        b'<div class="hentry"><h2 class="entry-title">T</h2><abbr class="published" '
        b'title="2010-07-20T14:05:00+01:00">x</abbr><div class="entry-content">c</div></div>',
    ],
}

TOKENS = [
    *(b"<", b">", b"&", b";", b'"', b"'", b"/", b"=", b"]]>", b"<![CDATA[", b"<!--", b"-->"),
    *(b"</", b"/>", b"<a>", b"<p>", b"<div>", b"&amp;", b"&#0;", b"&#1;", b"&#x110000;"),
    *(b"&nbsp;", b"\x00", b"\x01", b"\x0b", b"\x0c", b"\x7f", b"\x80", b"\xff", b"\xc3"),
    *(b"\xef\xbb\xbf", b"\xff\xfe", b"\xed\xa0\x80", b"http://[x/", b"javascript:", b"//"),
    *(b"{", b"}", b"[", b"]", b",", b":", b"null", b"1e999", b'"\\ud800"', b"-0", b"true"),
    *(b"<!DOCTYPE x>", b"<?xml version='1.0' encoding='latin-1'?>", b"xmlns=''", b"xml:base"),
    *(b"9999-99-99T99:99:99Z", b"Tue, 31 Feb 2010 25:61:00 +9999", b"\r", b"\r\n", b"\t"),
]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed with a few random mutations, the kinds a coverage-guided fuzzer makes."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "insert", "token", "delete", "repeat", "splice"]))
        if op == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "repeat":
            piece = bytes(data[at : at + draw(st.integers(1, 32))])
            data[at:at] = piece * draw(st.integers(1, 50))
        elif op == "splice":
            other = draw(st.sampled_from(seeds))
            start = draw(st.integers(0, len(other)))
            data[at:] = other[start:]
    return bytes(data)


def _holds(read: Callable[[bytes], Blog | Page], data: bytes) -> None:
    """The fuzzing property: a result written back by every writer, or a DiploblogError."""
    try:
        result = read(data)
    except DiploblogError:
        return
    written_back(result)


def _read_wxr_or_feed(data: bytes) -> Blog:
    try:
        return read_wxr(data)
    except DiploblogError:
        return parse_feed(data)


READERS: dict[str, tuple[str, Callable[[bytes], Blog | Page]]] = {
    "parse_feed": ("feed", parse_feed),
    "parse_feed(json)": ("json", parse_feed),
    "read_json_feed": ("json", read_json_feed),
    "read_wxr": ("wxr", _read_wxr_or_feed),
    "parse_html": ("html", parse_html),
}


@pytest.mark.parametrize("reader", READERS)
@FUZZ_SETTINGS
@given(data=st.data())
def test_builtin_seeds(reader: str, data: st.DataObject) -> None:
    kind, read = READERS[reader]
    _holds(read, data.draw(mutated(SEEDS[kind]), label="document"))


@FUZZ_SETTINGS
@given(document=mutated([*SEEDS["feed"], *SEEDS["json"], *SEEDS["html"]]))
def test_convert(document: bytes) -> None:
    for target in ("atom", "rss", "jsonfeed", "wxr", "html"):
        try:
            with warnings.catch_warnings():
                # Writers announce what XML cannot hold: documented, not a failure.
                warnings.simplefilter("ignore", ForbiddenCharacterWarning)
                convert(document, target)
        except DiploblogError:
            return


def _sample_blog() -> Blog:
    author = Author(name="Stephen Hale", url="https://blogs.example/hale")
    comment = Comment(id="c1", author=Author(name="R"), content="<p>Nice</p>")
    post = Post(
        id="p1",
        title="The end",
        url="https://blogs.example/p1",
        authors=(author,),
        content="<p>Hi</p>",
        tags=(Tag(term="digital"),),
        comments=(comment,),
    )
    return Blog(title="Global conversations", posts=(post,))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*path, index)))
    return found


@FUZZ_SETTINGS
@given(data=st.data())
def test_from_dict(data: st.DataObject) -> None:
    document = json.loads(json.dumps(to_dict(_sample_blog())))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(document)[1:]))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = data.draw(JSON_VALUES)
    try:
        blog = from_dict(Blog, document)
    except DiploblogError:
        return
    written_back(blog)


def _corpus_files(corpus: Path, pattern: str, limit: int, max_size: int = 200_000) -> list[bytes]:
    files = sorted(p for p in corpus.glob(pattern) if p.is_file() and p.stat().st_size < max_size)
    if not files:
        pytest.skip(f"no {pattern} in {corpus}")
    step = max(1, len(files) // limit)
    return [p.read_bytes() for p in files[::step][:limit]]


def _export_pieces(corpus: Path, pattern: str, limit: int) -> list[bytes]:
    # WordPress's 600 KB test export, cut into small exports of three items each.
    whole = b"".join(_corpus_files(corpus, pattern, 1, max_size=10_000_000))
    items = re.findall(rb"<item>.*?</item>", whole, re.DOTALL)
    head = whole[: whole.find(b"<item>")]
    pieces = [b"".join(items[i : i + 3]) for i in range(0, len(items), 3)]
    return [head + piece + b"</channel></rss>" for piece in pieces[:limit]]


CORPUS_SEEDS = {
    "parse_feed": (_corpus_files, "feeds/feedparser/**/*.xml", 200, parse_feed),
    "read_wxr": (_export_pieces, "feeds/wordpress/*.xml", 40, _read_wxr_or_feed),
    "parse_html": (_corpus_files, "html/microformats/tests/**/*.html", 100, parse_html),
}


@pytest.mark.corpus
@pytest.mark.parametrize("reader", CORPUS_SEEDS)
def test_corpus_seeds(reader: str, corpus_dir: Path) -> None:
    load, pattern, limit, read = CORPUS_SEEDS[reader]
    seeds = load(corpus_dir, pattern, limit)

    @FUZZ_SETTINGS
    @given(document=mutated(seeds))
    def check(document: bytes) -> None:
        _holds(read, document)

    check()


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*.bin")), ids=lambda p: p.stem)
def test_found_by_fuzzing(path: Path) -> None:
    # Each file broke a reader or writer once (see fuzz/README.md for the list).
    read = parse_html if path.name.startswith("html-") else parse_feed
    _holds(read, path.read_bytes())
