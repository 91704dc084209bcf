"""The speed work's fast paths give what the general paths give, value for value.

Each fast path (fused reader handlers, the exact RFC 822 date form, the validators'
early accepts) is compared with the general code it stands in for, on inputs chosen
to sit on both sides of the fast path's conditions.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from diploblog import Blog, _validators, dates, parse_feed, testing
from diploblog._errors import DiploblogError
from diploblog._urls import PLAIN_ABSOLUTE, is_plain_web_url, resolve_url
from diploblog.atom import _reader as atom
from diploblog.jsonfeed import _reader as jsonfeed_reader
from diploblog.jsonfeed import _writer as jsonfeed_writer
from diploblog.rss import _reader as rss

ATOM = "http://www.w3.org/2005/Atom"

CONSTRUCTS = [
    b"<title>Plain &amp; simple</title>",
    b"<title>  spaced  </title>",
    b"<title>   </title>",
    b"<title/>",
    b'<title type="text">a &lt;b&gt; c</title>',
    b'<title type="html">A &lt;b&gt;bold&lt;/b&gt; move</title>',
    b'<title type="html">  </title>',
    b'<title type="TEXT">upper</title>',
    b'<title type="text/html">&lt;i&gt;x&lt;/i&gt;</title>',
    b'<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Hi <b>you</b></div></title>',
    b'<title type="html" mode="escaped">&lt;i&gt;x&lt;/i&gt;</title>',
    b'<title mode="base64">SGVsbG8=</title>',
    b"<title>Hello <b>stray</b> child</title>",
    b'<title type="image/png">not text</title>',
    b'<title src="https://example.org/c">out of line</title>',
    b'<title type="html" src="https://example.org/c">out of line</title>',
]


def _general(read: Any, name: str) -> Any:
    """The generic set_once handler, without fusion, for comparison."""

    def handle(fields: Any, el: etree._Element, base: str | None, ctx: Any) -> bool:
        if getattr(fields, name) is not None:
            return False
        value = read(el, base, ctx)
        setattr(fields, name, value)
        return value is not None

    return handle


@pytest.mark.parametrize("xml", CONSTRUCTS)
@pytest.mark.parametrize(
    "read",
    [
        atom._read_plain_construct,
        atom._read_html_construct,
        atom._read_inline_content,
        atom.read_text,
        atom.read_url,
        atom.read_date_of,
    ],
)
def test_fused_set_once_matches_the_general_handler(xml: bytes, read: Any) -> None:
    fused = atom.set_once("title", read)
    general = _general(read, "title")
    assert fused is not general
    el = etree.fromstring(xml)
    results = []
    for handle in (fused, general):
        fields, ctx = atom.PostFields(), atom.ReadContext(url="https://example.org/feed/")
        kept = handle(fields, el, "https://example.org/", ctx)
        again = handle(fields, el, "https://example.org/", ctx)  # set once: refused
        results.append((kept, again, fields.title, [w.message for w in ctx.warnings]))
    assert results[0] == results[1]


@pytest.mark.parametrize(
    "xml",
    [
        b"<link>https://example.org/a</link>",
        b"<link> /relative/path </link>",
        b'<link xml:base="https://other.example/dir/">page</link>',
        b"<link>http:nohost</link>",
        b"<link></link>",
        b"<pubDate>Tue, 20 Jul 2010 14:05:00 +0100</pubDate>",
        b"<pubDate>soon</pubDate>",
    ],
)
def test_fused_url_and_date_handlers_warn_like_the_general_ones(xml: bytes) -> None:
    el = etree.fromstring(xml)
    for read in (atom.read_url, atom.read_date_of):
        outcomes = []
        for handle in (atom.set_once("url", read), _general(read, "url")):
            fields, ctx = atom.PostFields(), atom.ReadContext(url=None)
            outcomes.append((handle(fields, el, "https://example.org/x/", ctx), fields.url))
            outcomes.append([(w.message, w.where) for w in ctx.warnings])
        assert outcomes[:2] == outcomes[2:]


@pytest.mark.parametrize(
    "xml",
    [
        b"<category>News</category>",
        b'<category domain="https://example.org/tags/"> Blogs </category>',
        b"<category>  </category>",
        b"<category>Stray <b>child</b></category>",
    ],
)
def test_rss_category_handler_matches_append_to(xml: bytes) -> None:
    el = etree.fromstring(xml)
    outcomes = []
    for handle in (rss._category, atom.append_to("tags", rss._read_category)):
        fields, ctx = atom.PostFields(), atom.ReadContext(url=None)
        kept = handle(fields, el, None, ctx)
        outcomes.append((kept, [(t.term, t.scheme) for t in fields.tags], len(ctx.warnings)))
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize(
    "xml",
    [
        b"<author>jo@example.org (Jo Bloggs)</author>",
        b"<author> Jo Bloggs </author>",
        b"<author>   </author>",
        b"<author>Jo <b>Bloggs</b></author>",
        b"<author>not@an (email</author>",
    ],
)
def test_rss_author_handler_matches_append_to(xml: bytes) -> None:
    el = etree.fromstring(xml)
    outcomes = []
    for handle in (rss._author, atom.append_to("authors", rss._read_person)):
        fields, ctx = atom.PostFields(), atom.ReadContext(url=None)
        kept = handle(fields, el, None, ctx)
        outcomes.append((kept, fields.authors, [w.message for w in ctx.warnings]))
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize(
    "text",
    ["https://example.org/a", " https://example.org/a ", "https://example.org/a b", "/rel", "x"],
)
def test_plain_absolute_urls_skip_the_cache_with_the_same_result(text: str) -> None:
    ctx = atom.ReadContext(url=None)
    assert ctx.url_of(text, "https://example.org/base/", None) == resolve_url(
        text, "https://example.org/base/"
    )


OFFSETS = ["+0000", "-0000", "+0100", "-0500", "+0530", "-0930", "+1400", "+0001"]


@given(
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 12, 31)),
    st.sampled_from(OFFSETS),
    st.booleans(),
)
def test_exact_rfc822_dates_read_as_the_general_path_reads_them(
    when: dt.datetime, offset: str, weekday: bool
) -> None:
    text = when.strftime("%d %b %Y %H:%M:%S ") + offset
    if weekday:
        text = when.strftime("%a, ") + text
    fast = dates._parse_rfc822_exact(text)
    general = dates.parse_date(" " + text + " ")  # the spaces take it off the fast path
    assert fast is not None
    assert fast == general
    assert fast.utcoffset() == general.utcoffset()
    assert repr(fast) == repr(general)


def test_impossible_exact_dates_leave_the_fast_path() -> None:
    assert dates._parse_rfc822_exact("31 Feb 2010 14:05:00 +0100") is None
    assert dates._parse_rfc822_exact("20 Jly 2010 14:05:00 +0100") is None


class _Field:
    name = "field"


@pytest.mark.parametrize(
    "value",
    [
        None,
        "https://example.org/",
        "/relative",
        "",
        "http:nohost",
        "https://example.org/a b",
        42,
        b"https://example.org/",
    ],
)
def test_optional_url_fast_path_accepts_and_refuses_as_url_does(value: Any) -> None:
    def outcome(check: Any) -> str:
        try:
            check(None, _Field(), value)
        except DiploblogError as error:
            return error.message
        return "ok"

    expected = "ok" if value is None else outcome(_validators.url)
    assert outcome(_validators.optional_url) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        dt.datetime(2010, 7, 20, tzinfo=dt.timezone.utc),
        dt.datetime(2010, 7, 20),
        "2010-07-20",
    ],
)
def test_optional_aware_datetime_fast_path(value: Any) -> None:
    refused = value is not None and (
        not isinstance(value, dt.datetime) or value.utcoffset() is None
    )
    if refused:
        with pytest.raises(DiploblogError):
            _validators.optional_aware_datetime(None, _Field(), value)
    else:
        _validators.optional_aware_datetime(None, _Field(), value)


@pytest.mark.parametrize(
    "value", ["post", "page", "attachment", "comment", "nav_menu_item", "Post", "", 3, ["post"]]
)
def test_identifier_fast_path(value: Any) -> None:
    valid = isinstance(value, str) and _validators._IDENTIFIER.fullmatch(value) is not None
    if valid:
        _validators.identifier(None, _Field(), value)
    else:
        with pytest.raises(DiploblogError):
            _validators.identifier(None, _Field(), value)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(testing.blogs(max_posts=3))
def test_json_feed_writer_reads_its_document_as_the_reader_reads_its_text(blog: Blog) -> None:
    # to_json_feed reads its own document without writing and parsing the JSON text.
    document = jsonfeed_writer._feed(blog)
    text = json.dumps(document, ensure_ascii=False, allow_nan=False).encode()
    direct = jsonfeed_reader._read_document(document, None)
    assert direct == jsonfeed_reader.read_json_feed(text)
    assert repr(direct) == repr(jsonfeed_reader.read_json_feed(text))


def test_comments_instructions_and_entity_references_in_items_are_not_kept() -> None:
    rss_doc = (
        b'<!DOCTYPE rss SYSTEM "http://my.netscape.com/publish/formats/rss-0.91.dtd">'
        b'<rss version="0.91"><channel><title>T</title><item><!-- a note -->'
        b"<title>Hi</title><?pi data?>&nbsp;<custom>kept</custom></item></channel></rss>"
    )
    atom_doc = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><!-- note -->'
        b'<id>1</id><?pi data?><title>Hi</title><custom xmlns="urn:x">kept</custom>'
        b"</entry></feed>"
    )
    for data in (rss_doc, atom_doc):
        blog = parse_feed(data)
        post = blog.posts[0]
        assert post.title == "Hi"
        assert [e.name for e in post.extensions] == ["custom"]
        assert not blog.warnings


@given(
    st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "https:/", "", "é://"]),
    st.text(st.characters(max_codepoint=0x2FF), max_size=30),
)
def test_plain_web_urls_are_what_the_regular_expressions_accept(prefix: str, rest: str) -> None:
    text = prefix + rest
    if is_plain_web_url(text):
        assert PLAIN_ABSOLUTE.fullmatch(text)
        assert _validators.PLAIN_URL.fullmatch(text)
    elif prefix in ("http://", "https://") and PLAIN_ABSOLUTE.fullmatch(text) and text.isascii():
        raise AssertionError(f"{text!r} should take the fast path")


def test_plain_web_url_examples() -> None:
    assert is_plain_web_url("https://example.org/a?b=c#d")
    assert is_plain_web_url("http://x")
    refused = ["https://", "http://", "https://a b", "https://a\tb", "https://a<b", "/a"]
    refused += ["mailto:x@example.org", "https://exämple.org/", "HTTPS://example.org/"]
    for text in refused:
        assert not is_plain_web_url(text), text
