"""Pages written by to_html, read by others' parsers: html5lib and mf2py.

An HTML5 parser reports no parse error on any page, and the microformats2
reference parser for Python reads from each post page the post, author, tags and
comments that diploblog's own reader reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import dateutil.parser
import html5lib
import lxml.html
import mf2py
import pytest
from hypothesis import HealthCheck, given, settings

from diploblog import Blog, Post, parse_html
from diploblog.testing import blogs, posts
from written_pages import documents, sample_blog, seed_blog, vector_blog

BASE = "https://pages.example/site/"
FIXED = {"sample": sample_blog, "seed": seed_blog, "vectors": vector_blog}
fixed_blogs = pytest.mark.parametrize("make_blog", FIXED.values(), ids=FIXED.keys())


def _parse_errors(html: str) -> list[str]:
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(html)
    lines = html.splitlines()
    return [
        f"line {line}, column {column}: {code} {data} in {lines[line - 1][: column + 20]!r}"
        for (line, column), code, data in parser.errors
    ]


def _ids(html: str) -> list[str]:
    found = lxml.html.document_fromstring(html).xpath("//@id")
    return [str(value) for value in found]


def check_valid(pages: dict[str, str]) -> None:
    for path, html in pages.items():
        assert html.startswith("<!DOCTYPE html>\n"), path
        assert _parse_errors(html) == [], path
        # Strict parsing agrees (it raises at the first error).
        html5lib.HTMLParser(strict=True).parse(html)
        ids = _ids(html)
        assert len(ids) == len(set(ids)), (path, ids)


@fixed_blogs
def test_fixed_pages_have_no_parse_errors(make_blog: Any) -> None:
    check_valid(documents(make_blog()))


def test_the_validator_sees_errors() -> None:
    # Not vacuous: a stray end tag and a missing doctype are what it reports.
    assert len(_parse_errors("<html><body><p>a</div></body></html>")) == 2
    with pytest.raises(html5lib.html5parser.ParseError):
        html5lib.HTMLParser(strict=True).parse("<!DOCTYPE html><p>a</div>")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(posts())
def test_any_post_page_has_no_parse_errors(post: Post) -> None:
    check_valid(documents(Blog(posts=[post])))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blogs())
def test_any_blog_page_has_no_parse_errors(blog: Blog) -> None:
    check_valid(documents(blog))


# --- mf2py reads what parse_html reads --------------------------------------------------


def _words(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("value")
    return _words(value) if isinstance(value, str) else None


def _html_text(markup: str | None) -> str:
    if not markup:
        return ""
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    return " ".join(root.text_content().split())


def _markup(value: Any) -> str | None:
    # The e-content's HTML: its "value" puts an image's URL where the image is.
    return value.get("html") if isinstance(value, dict) else None


def _first(item: dict[str, Any], name: str) -> Any:
    values = item["properties"].get(name) or [None]
    return values[0]


def _when(text: str | None) -> dt.datetime | None:
    return dateutil.parser.isoparse(text) if text else None


def _card(value: Any) -> tuple[str | None, str | None]:
    if not isinstance(value, dict) or "properties" not in value:
        return (_text(value), None)
    return (_text(_first(value, "name")), _text(_first(value, "url")))


def _merged(cards: list[tuple[str | None, str | None]]) -> list[tuple[str | None, str | None]]:
    # parse_html makes one author of same-named cards, taking the first URL any of them has.
    merged: dict[str, tuple[str | None, str | None]] = {}
    for number, (name, url) in enumerate(cards):
        key = name.casefold() if name else f"#{number}"
        known = merged.get(key, (name, None))
        merged[key] = (known[0], known[1] or url)
    return list(merged.values())


def _mf2_comments(item: dict[str, Any]) -> Iterator[dict[str, Any]]:
    # Replies are nested in the comment they answer, as h-cite comments of their own.
    for comment in item["properties"].get("comment", []):
        if isinstance(comment, dict) and "h-cite" in comment.get("type", []):
            yield comment
            yield from _mf2_comments(comment)


def _fragment(url: str | None) -> str | None:
    return urlsplit(url).fragment or None if url else None


def mf2_view(html: str, url: str) -> dict[str, Any]:
    """The first h-entry of the page as mf2py reads it, in comparable terms."""
    items = mf2py.parse(doc=html, url=url, metaformats=False)["items"]
    entries = [i for i in items if "h-entry" in i["type"]]
    entries += [c for i in items if "h-feed" in i["type"] for c in i.get("children", [])]
    entry = entries[0]
    return {
        "name": _text(_first(entry, "name")),
        "url": _text(_first(entry, "url")),
        "published": _when(_text(_first(entry, "published"))),
        "authors": _merged([_card(a) for a in entry["properties"].get("author", [])]),
        # A set: parse_html merges tags of the same name, mf2 lists each one written.
        "tags": sorted({_text(t) or "" for t in entry["properties"].get("category", [])}),
        "comments": [
            (
                _card(_first(c, "author")) if _first(c, "author") else None,
                _html_text(_markup(_first(c, "content"))),
                _fragment(_text(_first(c, "in-reply-to"))),
            )
            for c in _mf2_comments(entry)
        ],
    }


def diploblog_view(html: str, url: str, written: Post) -> dict[str, Any]:
    """The page's post as diploblog.parse_html reads it, in the same terms as `mf2_view`."""
    [post] = parse_html(html, url=url).posts
    return {
        # Without a p-name, mf2 implies the name from the whole entry's text and
        # parse_html takes the page's <title>: neither is the post's.
        "name": _words(post.title) if written.title else None,
        "url": post.url,
        "published": post.published,
        "authors": [(_words(a.name), a.url) for a in post.authors],
        "tags": sorted(_words(t.term) or "" for t in post.tags),
        "comments": [
            (
                (_words(c.author.name), c.author.url) if c.author else None,
                _html_text(c.content),
                c.in_reply_to,
            )
            for c in post.comments
        ],
    }


def check_mf2(blog: Blog) -> None:
    pages = documents(blog)
    for number, post in enumerate(blog.posts):
        path = f"posts/{number}.html"
        url = urljoin(BASE, path)
        seen = mf2_view(pages[path], url)
        read = diploblog_view(pages[path], url, post)
        if seen["url"] is None:
            # Without a u-url, parse_html takes the page's own address for the post's.
            assert read["url"] == url
            read["url"] = None
        assert seen == read, path


@fixed_blogs
def test_mf2py_reads_what_parse_html_reads(make_blog: Any) -> None:
    check_mf2(make_blog())


def test_mf2py_reads_the_sample_post() -> None:
    # The comparison above is between two readers: here they are held to what was written.
    blog = sample_blog()
    post = blog.posts[0]
    seen = mf2_view(documents(blog)["posts/0.html"], BASE + "posts/0.html")
    assert seen["name"] == post.title
    assert seen["url"] == post.url
    assert seen["published"] == post.published
    assert seen["authors"] == [("Jo Envoy", "https://jo.example/")]
    assert seen["tags"] == ["cake", "tea"]
    assert seen["comments"] == [
        (("Al", "https://al.example/"), "Agreed, entirely.", None),
        (("Bo", None), "Not me.", "comment-1"),
        (None, "Coffee!", None),
    ]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(posts())
def test_mf2py_reads_any_post_as_parse_html_does(post: Post) -> None:
    check_mf2(Blog(posts=[post]))
