"""parse_html end to end: the fixtures, the precedence of evidence, and bad input."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import time

import pytest

from diploblog import DiploblogError, Page, ParseError, UnsupportedFormatError
from diploblog.html import parse_html

DATA = pathlib.Path(__file__).parent / "data" / "html"
UTC = dt.timezone.utc
BST = dt.timezone(dt.timedelta(hours=1))


def test_wordpress_twenty_twelve_with_yoast() -> None:
    url = "https://blogs.example.org/hale/2010/07/20/the-end-of-this-blog/"
    page = parse_html((DATA / "wordpress_twentytwelve.html").read_bytes(), url=url)
    assert page.kind == "post"
    [post] = page.posts
    assert post.title == "The end of this blog"
    assert post.url == url
    # The visible <time> (13:00 BST) wins over JSON-LD and article:published_time (12:00 UTC,
    # the same instant here) and the modified date is only ever "updated".
    assert post.published == dt.datetime(2010, 7, 20, 13, 0, tzinfo=BST)
    assert post.updated == dt.datetime(2011, 1, 7, 18, 19, 57, tzinfo=UTC)
    [author] = post.authors
    assert author.name == "Stephen Hale"  # not the site-wide <meta name=author> "Site Editor"
    assert author.role == "Head of Engagement, Digital Diplomacy"  # completed from JSON-LD
    assert author.avatar == "https://secure.gravatar.com/avatar/5f1e?s=96"
    assert [t.term for t in post.tags] == ["Digital", "blogs", "digital diplomacy"]
    assert post.comment_count == 2
    assert post.language == "en-GB"
    assert post.content == (
        "<p>I\u2019ll be leaving my role in the Foreign Office at the end of this week.</p>\n"
        '            <p>I\u2019m sad to be leaving. <a href="https://blogs.example.org/hale/about/">'
        "More about me</a>.</p>"
    )
    assert post.summary == (
        "<p>I'll be leaving my role in the Foreign Office at the end of this week.</p>"
    )
    blog = page.blog
    assert blog is not None
    assert blog.title == "Global conversations"
    assert blog.url == "https://blogs.example.org/hale/"
    assert blog.description == "A blog about digital diplomacy"
    assert blog.language == "en-GB"
    assert blog.generator == "WordPress 3.0.1"
    assert blog.feeds[0].url == "https://blogs.example.org/hale/feed/"
    assert [a.name for a in blog.authors] == ["Site Editor"]
    assert [(link.rel, link.title) for link in page.links] == [("prev", "← Digital campaigns")]
    assert page.warnings == ()


def test_known_h_entry_page() -> None:
    page = parse_html((DATA / "known_hentry.html").read_bytes())
    assert page.kind == "post"
    [post] = page.posts
    assert post.title == "Re: a question about webmentions"
    assert post.url == "https://ana.example.com/2014/re-a-question-about-webmentions"
    assert [c.author.name for c in post.comments if c.author] == ["Carl", "Ana Example"]
    assert page.blog is not None
    assert [f.type for f in page.blog.feeds] == ["application/atom+xml", "application/rss+xml"]
    assert page.blog.feeds[0].url == "https://ana.example.com/?_t=atom"


def test_blogger_listing_page() -> None:
    page = parse_html((DATA / "blogger_hatom.html").read_bytes(), url="http://plenty.blogspot.com/")
    assert page.kind == "listing"
    assert [p.title for p in page.posts] == ["Strong & Beautiful", "Summer"]
    assert [p.published for p in page.posts] == [
        dt.datetime(2010, 7, 20, 13, 5, tzinfo=BST),
        dt.datetime(2010, 7, 12, 9, 0, tzinfo=BST),
    ]
    assert page.blog is not None
    assert page.blog.title == "Plenty of Life"
    assert page.blog.generator == "blogger"
    assert [link.rel for link in page.links] == ["next"]
    assert page.url == "http://plenty.blogspot.com/"


def test_open_graph_only_page() -> None:
    page = parse_html((DATA / "og_only.html").read_bytes())
    assert page.kind == "post"
    [post] = page.posts
    assert post.title == "Wie entsteht Erdöl?"
    assert post.url == "https://www.example.ch/erdoel"
    assert post.published == dt.datetime(
        2019, 5, 2, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )
    [author] = post.authors  # DC.creator names the person article:author links to
    assert (author.name, author.url) == ("Anna Muster", "https://www.example.ch/team/anna")
    assert page.url == "https://www.example.ch/erdoel"


# --- precedence ---------------------------------------------------------------------

HEAD = """<head><title>{title}</title>
<meta property="og:site_name" content="Site">
<meta property="og:type" content="article">
<meta property="og:title" content="OG title | Site">
<meta property="article:published_time" content="2003-03-03T00:00:00Z">
<meta property="article:modified_time" content="2009-09-09T09:09:09Z">
<meta name="author" content="Site Owner">
<script type="application/ld+json">{jsonld}</script>
</head>"""
JSONLD = {
    "@type": "BlogPosting",
    "headline": "JSON-LD headline",
    "datePublished": "2002-02-02T00:00:00Z",
    "author": {"@type": "Person", "name": "Ld Author"},
}


def _conflicting(body: str, *, jsonld: dict[str, object] | None = None) -> Page:
    head = HEAD.format(title="Title tag | Site", jsonld=json.dumps(jsonld or JSONLD))
    return parse_html(f"<html>{head}<body>{body}</body></html>", url="https://site.example/p")


def test_h_entry_beats_every_other_layer() -> None:
    page = _conflicting(
        '<div class="h-entry"><h1 class="p-name">Entry title</h1>'
        '<time class="dt-published" datetime="2001-01-01T00:00:00Z">1 Jan</time>'
        '<span class="p-author h-card">Entry Author</span></div>'
    )
    [post] = page.posts
    assert post.title == "Entry title"
    assert post.published == dt.datetime(2001, 1, 1, tzinfo=UTC)
    assert [a.name for a in post.authors] == ["Entry Author"]
    assert post.updated == dt.datetime(2009, 9, 9, 9, 9, 9, tzinfo=UTC)


def test_json_ld_beats_head_tags() -> None:
    [post] = _conflicting("<p>no markup</p>").posts
    assert post.title == "JSON-LD headline"
    assert post.published == dt.datetime(2002, 2, 2, tzinfo=UTC)
    assert [a.name for a in post.authors] == ["Ld Author"]


def test_open_graph_beats_meta_and_title_tag_and_loses_the_site_suffix() -> None:
    [post] = _conflicting("<p>x</p>", jsonld={"@type": "WebSite", "name": "Site"}).posts
    assert post.title == "OG title"
    assert post.published == dt.datetime(2003, 3, 3, tzinfo=UTC)
    assert [a.name for a in post.authors] == ["Site Owner"]


def test_title_tag_with_site_suffix_stripped() -> None:
    page = parse_html(
        '<title>Hello world » My Blog</title><meta property="og:site_name" content="My Blog">'
        '<meta property="article:published_time" content="2010-01-01T00:00:00Z">'
    )
    assert page.posts[0].title == "Hello world"
    page = parse_html(
        "<title>My Blog: Hello world</title><meta name='application-name' content='My Blog'>"
        "<meta name='date' content='2010-01-01T00:00:00Z'>"
    )
    assert page.posts[0].title == "Hello world"


def test_modified_date_alone_leaves_published_empty() -> None:
    page = parse_html(
        '<meta property="og:type" content="article"><meta property="og:title" content="T">'
        '<meta property="article:modified_time" content="2009-09-09T09:09:09Z">'
    )
    [post] = page.posts
    assert post.published is None
    assert post.updated == dt.datetime(2009, 9, 9, 9, 9, 9, tzinfo=UTC)


def test_date_only_visible_date_takes_the_time_from_a_lower_layer() -> None:
    page = parse_html(
        '<div class="hentry"><h2 class="entry-title">T</h2>'
        '<abbr class="published" title="2010-07-20">20 July</abbr></div>'
        '<script type="application/ld+json">'
        '{"@type": "Article", "headline": "T", "datePublished": "2010-07-20T14:05:00+01:00"}'
        "</script>"
    )
    assert page.posts[0].published == dt.datetime(2010, 7, 20, 14, 5, tzinfo=BST)


def test_layers_describing_one_post_are_merged_by_url() -> None:
    page = parse_html(
        '<div class="hentry"><h2 class="entry-title"><a rel="bookmark" href="/a">Visible</a></h2>'
        "</div>"
        '<script type="application/ld+json">[{"@type": "Article", "headline": "Other words",'
        ' "url": "https://x.example/a/"}, {"@type": "Article", "url": "https://x.example/a",'
        ' "commentCount": 4}]</script>',
        url="https://x.example/",
    )
    [post] = page.posts
    assert (post.title, post.url, post.comment_count) == ("Visible", "https://x.example/a", 4)


def test_layers_describing_one_post_are_merged_by_title() -> None:
    page = parse_html(
        '<div class="hentry"><h2 class="entry-title"><a rel="bookmark" href="/a">Same</a></h2>'
        '</div><div class="hentry"><h2 class="entry-title"><a rel="bookmark" href="/b">B</a>'
        "</h2></div>"
        '<script type="application/ld+json">{"@type": "Article", "headline": "same",'
        ' "datePublished": "2010-01-01T00:00:00Z"}</script>',
        url="https://x.example/",
    )
    assert page.kind == "listing"
    assert [p.title for p in page.posts] == ["Same", "B"]
    assert page.posts[0].published == dt.datetime(2010, 1, 1, tzinfo=UTC)
    assert page.posts[1].published is None


def test_head_tags_do_not_join_a_listing() -> None:
    page = _conflicting(
        '<div class="hentry"><h2 class="entry-title">A</h2></div>'
        '<div class="hentry"><h2 class="entry-title">B</h2></div>',
        jsonld={"@type": "WebSite", "name": "Site"},
    )
    assert page.kind == "listing"
    assert [(p.title, p.published, p.authors) for p in page.posts] == [
        ("A", None, ()),
        ("B", None, ()),
    ]


def test_zoneless_dates_get_utc_and_a_warning() -> None:
    page = parse_html(
        '<div class="h-entry"><p class="p-name">T</p>'
        '<time class="dt-published" datetime="2010-07-20T13:05">x</time></div>'
    )
    assert page.posts[0].published == dt.datetime(2010, 7, 20, 13, 5, tzinfo=UTC)
    assert [w.message for w in page.warnings] == [
        "date '2010-07-20T13:05' has no time zone; UTC assumed"
    ]


def test_unreadable_dates_are_warnings() -> None:
    page = parse_html(
        '<div class="h-entry"><p class="p-name">T</p><span class="dt-published">soon</span></div>'
    )
    assert page.posts[0].published is None
    assert "unreadable date 'soon'" in page.warnings[0].message


def test_relative_urls_use_base_href() -> None:
    page = parse_html(
        '<base href="/blog/"><div class="h-entry"><a class="p-name u-url" href="post">P</a></div>',
        url="https://x.example/index.html",
    )
    assert page.posts[0].url == "https://x.example/blog/post"


# --- pages without posts, and bad input -----------------------------------------------


def test_page_without_a_blog_post() -> None:
    page = parse_html(
        b"<html><head><title>Contact</title></head><body><p>Call us.</p></body></html>"
    )
    assert page.kind == "other"
    assert page.posts == ()


@pytest.mark.parametrize(
    ("data", "error", "says"),
    [
        (b"", ParseError, "empty"),
        (b"   \n\t ", ParseError, "empty"),
        (bytes(range(256)) * 20, UnsupportedFormatError, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", UnsupportedFormatError, "PNG"),
        (
            b'{"version": "https://jsonfeed.org/version/1.1", "items": []}',
            UnsupportedFormatError,
            "JSON",
        ),
        (b"[1, 2, 3]", UnsupportedFormatError, "JSON"),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
            UnsupportedFormatError,
            "RSS",
        ),
        (
            b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>',
            UnsupportedFormatError,
            "Atom",
        ),
        (b'<?xml version="1.0"?><urlset><url/></urlset>', UnsupportedFormatError, "urlset"),
        (b"just some words", UnsupportedFormatError, "no markup"),
        (b"<!-- only a comment -->", ParseError, "no HTML"),
    ],
)
def test_input_that_is_not_html(data: bytes, error: type[DiploblogError], says: str) -> None:
    with pytest.raises(error, match=says):
        parse_html(data)


def test_xhtml_with_xml_declaration_is_html() -> None:
    page = parse_html(
        b'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
        b'<body><div class="hentry"><h2 class="entry-title">X</h2></div></body></html>'
    )
    assert page.posts[0].title == "X"


def test_huge_and_deep_input_finishes_quickly() -> None:
    entries = "".join(
        f'<div class="h-entry"><a class="p-name u-url" href="/p{i}">Post {i}</a>'
        f'<time class="dt-published" datetime="2010-01-01T00:00:00Z">x</time></div>'
        for i in range(3000)
    )
    deep = "<div>" * 200000 + "</div>" * 200000
    start = time.perf_counter()
    page = parse_html(
        f"<html><body>{entries}{deep}</body></html>".encode(), url="https://x.example/"
    )
    assert time.perf_counter() - start < 20
    assert len(page.posts) == 3000
    assert page.posts[-1].url == "https://x.example/p2999"
