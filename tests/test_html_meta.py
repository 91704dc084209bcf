"""The head layer on its own: <title>, <meta>, Open Graph, Dublin Core, links, <time>."""

from __future__ import annotations

import datetime as dt
import pathlib

import lxml.html

from diploblog._model import Link
from diploblog.html._evidence import Context, Evidence
from diploblog.html._meta import read

DATA = pathlib.Path(__file__).parent / "data" / "html"
UTC = dt.timezone.utc


def _read(markup: str | bytes, base: str | None = None) -> dict[str, Evidence]:
    doc = lxml.html.document_fromstring(markup)
    return {e.source: e for e in read(doc, Context(url=base, base=base))}


def test_open_graph_and_article_properties() -> None:
    found = _read((DATA / "og_only.html").read_bytes(), base="https://www.example.ch/erdoel")
    og = found["opengraph"]
    assert og.describes_page
    assert og.article
    [post] = og.posts
    assert post.title == "Wie entsteht Erdöl?"
    assert post.url == "https://www.example.ch/erdoel"
    assert post.published == dt.datetime(2019, 5, 2, 6, 0, tzinfo=UTC)
    assert [a.url for a in post.authors] == ["https://www.example.ch/team/anna"]
    assert [t.term for t in post.tags] == ["Erdöl", "Geologie"]
    assert og.blog is not None
    assert og.blog.title == "SimplyScience"
    assert found["dublincore"].posts[0].authors[0].name == "Anna Muster"
    meta = found["meta"]
    assert meta.posts[0].title == "Wie entsteht Erdöl? \u2013 SimplyScience"
    assert meta.posts[0].authors[0].name == "Redaktion SimplyScience"
    assert meta.links == (Link(url="https://www.example.ch/erdoel?page=2", rel="next"),)
    assert meta.blog is not None
    assert meta.blog.language == "de"


def test_modified_time_never_becomes_published() -> None:
    found = _read(
        '<meta property="og:type" content="article">'
        '<meta property="article:modified_time" content="2020-02-02T10:00:00Z">'
        '<meta name="dcterms.modified" content="2020-02-03T10:00:00Z">'
    )
    assert found["opengraph"].posts[0].published is None
    assert found["opengraph"].posts[0].updated == dt.datetime(2020, 2, 2, 10, 0, tzinfo=UTC)
    assert found["dublincore"].posts[0].published is None
    assert found["dublincore"].posts[0].updated == dt.datetime(2020, 2, 3, 10, 0, tzinfo=UTC)


def test_dublin_core() -> None:
    found = _read(
        '<meta name="DC.title" content="Report">'
        '<meta name="DC.creator" content="A. Author">'
        '<meta name="DC.date.issued" content="2009-05-06T07:08:09+00:00">'
        '<meta name="DC.subject" content="policy">'
        '<meta name="DC.language" content="en_GB">'
    )
    dc = found["dublincore"]
    [post] = dc.posts
    assert (post.title, post.authors[0].name, post.language) == ("Report", "A. Author", "en-GB")
    assert post.published == dt.datetime(2009, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert [t.term for t in post.tags] == ["policy"]
    assert dc.article


def test_feed_links_pagination_home_and_generator() -> None:
    found = _read(
        (DATA / "wordpress_twentytwelve.html").read_bytes(), base="https://blogs.example.org/hale/"
    )
    meta = found["meta"]
    assert meta.blog is not None
    assert [(f.url, f.type, f.title) for f in meta.blog.feeds] == [
        (
            "https://blogs.example.org/hale/feed/",
            "application/rss+xml",
            "Global conversations » Feed",
        ),
        (
            "https://blogs.example.org/hale/comments/feed/",
            "application/rss+xml",
            "Global conversations » Comments Feed",
        ),
    ]
    assert meta.blog.url == "https://blogs.example.org/hale/"
    assert meta.blog.generator == "WordPress 3.0.1"
    assert [(link.rel, link.url) for link in meta.links] == [
        ("prev", "https://blogs.example.org/hale/2010/07/12/digital-campaigns/")
    ]
    assert meta.posts[0].url == "https://blogs.example.org/hale/2010/07/20/the-end-of-this-blog/"


def test_visible_time_of_the_only_article() -> None:
    found = _read(
        "<article><time class='updated' datetime='2011-01-01T00:00:00Z'>x</time>"
        "<time datetime='2010-07-20T13:00:00+01:00'>20 July 2010</time></article>"
    )
    assert found["time"].posts[0].published == dt.datetime(
        2010, 7, 20, 13, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert "time" not in _read("<article><time datetime='2010-07-20'>a</time></article><article/>")


def test_a_page_without_head_tags_gives_only_empty_meta() -> None:
    found = _read("<p>hello</p>")
    assert set(found) == {"meta"}
    assert found["meta"].posts == ()
