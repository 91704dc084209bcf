"""The schema.org layer on its own: JSON-LD and microdata."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
from typing import Any

import lxml.html
import pytest

from diploblog.html._evidence import Context, Evidence
from diploblog.html._jsonld import read

DATA = pathlib.Path(__file__).parent / "data" / "html"
UTC = dt.timezone.utc


def _read_markup(markup: str | bytes, base: str | None = None) -> dict[str, Evidence]:
    doc = lxml.html.document_fromstring(markup)
    return {e.source: e for e in read(doc, Context(url=base, base=base))}


def _script(data: Any) -> str:
    return (
        f'<html><head><script type="application/ld+json">{json.dumps(data)}</script></head></html>'
    )


def test_yoast_graph_with_author_reference() -> None:
    found = _read_markup((DATA / "wordpress_twentytwelve.html").read_bytes())
    evidence = found["jsonld"]
    [post] = evidence.posts
    assert post.title == "The end of this blog"
    assert post.url == "https://blogs.example.org/hale/2010/07/20/the-end-of-this-blog/"
    assert post.published == dt.datetime(2010, 7, 20, 12, 0, tzinfo=UTC)
    assert post.updated == dt.datetime(2011, 1, 7, 18, 19, 57, tzinfo=UTC)
    [author] = post.authors
    assert author.name == "Stephen Hale"
    assert author.role == "Head of Engagement, Digital Diplomacy"
    assert author.url == "https://blogs.example.org/hale/author/stephen/"
    assert author.avatar == "https://secure.gravatar.com/avatar/5f1e?s=96"
    assert post.comment_count == 2
    assert [t.term for t in post.tags] == ["blogs", "digital diplomacy", "Digital"]
    assert post.language == "en-GB"
    assert evidence.blog is not None
    assert (evidence.blog.title, evidence.blog.url, evidence.blog.description) == (
        "Global conversations",
        "https://blogs.example.org/hale/",
        "A blog about digital diplomacy",
    )
    assert not evidence.listing


def test_webpage_main_entity_takes_the_page_url() -> None:
    found = _read_markup(
        _script(
            {
                "@context": "https://schema.org",
                "@type": "WebPage",
                "url": "https://example.org/p/1",
                "mainEntity": {
                    "@type": "SocialMediaPosting",
                    "headline": "A post",
                    "articleBody": "Line one & two.\n\nSecond <paragraph>.",
                    "author": "Jo Bloggs",
                    "datePublished": "2020-01-02",
                },
            }
        )
    )
    evidence = found["jsonld"]
    [post] = evidence.posts
    assert post.url == "https://example.org/p/1"
    assert post.content == "<p>Line one &amp; two.</p>\n<p>Second &lt;paragraph&gt;.</p>"
    assert post.authors[0].name == "Jo Bloggs"
    assert post.published == dt.datetime(2020, 1, 2, tzinfo=UTC)
    assert any("no time zone" in w.message for w in evidence.warnings)


def test_comments_with_parent_items() -> None:
    article = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "@id": "https://example.org/p#article",
        "headline": "Threads",
        "comment": [
            {
                "@type": "Comment",
                "@id": "https://example.org/p#comment-1",
                "author": {"@type": "Person", "name": "Ann", "url": "https://ann.example/"},
                "dateCreated": "2020-01-02T10:00:00Z",
                "text": "First!",
                "parentItem": {"@id": "https://example.org/p#article"},
            },
            {
                "@type": "Comment",
                "@id": "https://example.org/p#comment-2",
                "author": {"@type": "Person", "name": "Bob"},
                "dateCreated": "2020-01-02T11:00:00Z",
                "text": "Reply to Ann",
                "parentItem": {"@id": "https://example.org/p#comment-1"},
            },
        ],
    }
    [post] = _read_markup(_script(article))["jsonld"].posts
    first, second = post.comments
    assert (first.id, first.in_reply_to, first.content) == ("comment-1", None, "<p>First!</p>")
    assert first.author is not None
    assert first.author.url == "https://ann.example/"
    assert (second.id, second.in_reply_to) == ("comment-2", "comment-1")
    assert second.published == dt.datetime(2020, 1, 2, 11, 0, tzinfo=UTC)


def test_top_level_array_and_type_lists() -> None:
    data = [
        {"@type": ["NewsArticle"], "headline": "One", "url": "/one"},
        {"@type": "schema:Organization", "name": "Org"},
    ]
    [post] = _read_markup(_script(data), base="https://example.org/")["jsonld"].posts
    assert (post.title, post.url) == ("One", "https://example.org/one")


def test_blog_with_posts_is_a_listing() -> None:
    data = {
        "@type": "Blog",
        "name": "Blog",
        "blogPost": [
            {"@type": "BlogPosting", "headline": "A", "url": "https://example.org/a"},
            {"@type": "BlogPosting", "headline": "B", "url": "https://example.org/b"},
        ],
    }
    evidence = _read_markup(_script(data))["jsonld"]
    assert evidence.listing
    assert [p.title for p in evidence.posts] == ["A", "B"]
    assert evidence.blog is not None
    assert evidence.blog.title == "Blog"


def test_invalid_json_is_a_warning_not_an_error() -> None:
    markup = (
        '<script type="application/ld+json">{"@type": "Article", "headline": "x",}</script>'
        '<script type="application/ld+json"><!--\n{"@type": "Article", "headline": "ok"}\n-->'
        "</script>"
    )
    evidence = _read_markup(markup)["jsonld"]
    assert [p.title for p in evidence.posts] == ["ok"]
    assert len(evidence.warnings) == 1
    assert "not valid JSON" in evidence.warnings[0].message


def test_deeply_nested_json_is_refused_quietly() -> None:
    markup = '<script type="application/ld+json">' + "[" * 100000 + "]" * 100000 + "</script>"
    evidence = _read_markup(markup)["jsonld"]
    assert evidence.posts == ()
    assert len(evidence.warnings) == 1


def test_microdata_blog_posting() -> None:
    markup = """
    <article itemscope itemtype="https://schema.org/BlogPosting">
      <h1 itemprop="headline">Micro post</h1>
      <a itemprop="url" href="/micro">link</a>
      <time itemprop="datePublished" datetime="2012-03-04T05:06:07+02:00">4 March</time>
      <span itemprop="author" itemscope itemtype="https://schema.org/Person">
        <span itemprop="name">Kim</span><a itemprop="url" href="/kim">Kim's page</a>
      </span>
      <meta itemprop="keywords" content="one, two">
      <div itemprop="articleBody"><p>Body <em>here</em>.</p><script>x()</script></div>
      <div itemprop="comment" itemscope itemtype="https://schema.org/Comment">
        <span itemprop="author">Lee</span><p itemprop="text">Nice</p>
      </div>
    </article>"""
    evidence = _read_markup(markup, base="https://example.org/")["microdata"]
    [post] = evidence.posts
    assert post.title == "Micro post"
    assert post.url == "https://example.org/micro"
    assert post.published == dt.datetime(
        2012, 3, 4, 5, 6, 7, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )
    assert [(a.name, a.url) for a in post.authors] == [("Kim", "https://example.org/kim")]
    assert [t.term for t in post.tags] == ["one", "two"]
    assert post.content == "<p>Body <em>here</em>.</p>"
    [comment] = post.comments
    assert comment.author is not None
    assert (comment.author.name, comment.content) == ("Lee", "<p>Nice</p>")


@pytest.mark.parametrize(
    ("node", "kind"),
    [
        ({"@type": "CollectionPage", "name": "Blog"}, "listing"),
        (
            {"@type": "CollectionPage", "about": {"@type": "DefinedTerm", "name": "tea"}},
            "tag",
        ),
        ({"@type": "CollectionPage", "temporalCoverage": "2010-07"}, "archive"),
        ({"@type": "WebPage", "name": "About"}, "other"),
    ],
)
def test_a_collection_page_gives_the_page_kind(node: dict[str, Any], kind: str) -> None:
    from diploblog import parse_html

    page = parse_html(
        '<script type="application/ld+json">'
        + json.dumps({"@context": "https://schema.org", **node})
        + '</script><article class="h-entry"><h1 class="p-name">One post</h1></article>'
    )
    assert page.kind == ("post" if kind == "other" else kind)
    assert [post.title for post in page.posts] == ["One post"]


def test_defined_term_keywords_and_media_objects() -> None:
    # Written by other tools as much as by to_html: a term set as a node, a duration in
    # hours and minutes, a size with its unit, media under "audio" and "encoding".
    markup = _script(
        {
            "@type": "BlogPosting",
            "headline": "Episode",
            "keywords": [
                "tea",
                {
                    "@type": "DefinedTerm",
                    "name": "Digital diplomacy",
                    "termCode": "dd",
                    "inDefinedTermSet": {"@type": "DefinedTermSet", "@id": "https://ex.org/tags"},
                },
                {"@type": "DefinedTerm", "name": "Cake"},
            ],
            "audio": {
                "@type": "AudioObject",
                "contentUrl": "/ep1.mp3",
                "encodingFormat": "audio/mpeg",
                "contentSize": "12345 bytes",
                "duration": "PT1H2M5S",
            },
            "encoding": [
                {
                    "@type": "MediaObject",
                    "contentUrl": "https://ex.org/ep1.ogg",
                    "contentSize": "3 MB",
                },
                {"@type": "MediaObject", "contentUrl": "javascript:alert(1)"},
            ],
        }
    )
    [post] = _read_markup(markup, base="https://ex.org/post")["jsonld"].posts
    assert [(t.term, t.label, t.scheme) for t in post.tags] == [
        ("tea", None, None),
        ("dd", "Digital diplomacy", "https://ex.org/tags"),
        ("Cake", None, None),
    ]
    # In property order: associatedMedia, encoding, audio, video.
    assert [(e.url, e.type, e.length, e.duration) for e in post.enclosures] == [
        ("https://ex.org/ep1.ogg", None, None, None),  # a size in MB is no byte count
        ("https://ex.org/ep1.mp3", "audio/mpeg", 12345, 3725),
    ]
