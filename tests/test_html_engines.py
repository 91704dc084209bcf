"""The engine layer (`diploblog.html._engines`) and content cleaning (`_clean`).

Fixtures in ``tests/data/html/engines/`` are small pages with each engine's markup as
its default templates print it (WordPress Twenty Ten, Blogger's classic and threaded
comment layouts, Movable Type 4, Drupal 7). Expected values are read off the fixtures.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import lxml.html
import pytest

from diploblog import parse_html
from diploblog._model import Post
from diploblog.html import _clean, _engines
from diploblog.html._evidence import Context

DATA = Path(__file__).parent / "data" / "html" / "engines"
URL = "http://example.org/post"


def _engine_post(name: str) -> Post:
    doc = lxml.html.fromstring((DATA / name).read_bytes())
    (evidence,) = _engines.read(doc, Context(url=URL, base=URL))
    assert evidence.source == "engine"
    (post,) = evidence.posts
    return post


def _utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.timezone.utc)


def test_wordpress_post_fields() -> None:
    post = _engine_post("wordpress_twentyten.html")
    assert post.title == "Hello tea"
    assert [(a.name, a.url) for a in post.authors] == [
        ("Ann Lee", "http://example.org/author/ann/")
    ]
    assert post.published == _utc(2010, 7, 20)
    assert [t.term for t in post.tags] == ["Drinks", "green"]
    assert post.comment_count == 2  # "2 Responses to Hello tea"


def test_wordpress_content_is_cleaned() -> None:
    post = _engine_post("wordpress_twentyten.html")
    assert post.content == "<p>Green tea is good.</p>"


def test_wordpress_threaded_comments() -> None:
    first, reply = _engine_post("wordpress_twentyten.html").comments
    assert first.id == "11"
    assert first.author is not None
    assert (first.author.name, first.author.url) == ("Bob", "http://bob.example/")
    assert first.published == _utc(2010, 7, 21, 9, 15)
    assert first.content == "<p>I agree.</p>"
    assert first.url == "http://example.org/post#comment-11"
    assert reply.in_reply_to == "11"
    assert reply.author is not None
    assert reply.author.name == "Ann Lee"
    assert reply.content == "<p>Thanks!</p>"


def test_blogger_classic_comments_block() -> None:
    post = _engine_post("blogger_classic.html")
    assert post.title == "Sleeping cats"
    assert post.url is None  # left to hatom: the rel="bookmark" timestamp link
    assert post.published == dt.datetime(
        2010, 3, 1, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=-8))
    )
    assert [a.name for a in post.authors] == ["Carla"]
    assert [t.term for t in post.tags] == ["cats", "sleep"]
    assert post.comment_count == 2
    dan, anonymous = post.comments
    assert dan.author is not None
    assert (dan.author.name, dan.author.url) == ("Dan", "http://www.blogger.com/profile/1")
    assert dan.published == _utc(2010, 3, 2, 10, 5)
    assert dan.content == "<p>So true.</p>"
    assert anonymous.author is not None
    assert anonymous.author.name == "Anonymous"
    assert anonymous.published == _utc(2010, 3, 3, 23, 0)


def test_blogger_threaded_comments() -> None:
    post = _engine_post("blogger_threaded.html")
    assert [a.name for a in post.authors] == ["Eva"]
    assert post.comment_count == 3
    iwona, reply, liz = post.comments
    assert (iwona.id, reply.id, liz.id) == ("1", "2", "3")
    assert iwona.published == _utc(2019, 5, 30, 13, 6)
    assert iwona.content == "Interesting place :)"
    assert reply.in_reply_to == "1"
    assert liz.in_reply_to is None
    assert reply.author is not None
    assert reply.author.name == "Eva"


def test_movable_type_entry_asset() -> None:
    post = _engine_post("movabletype.html")
    assert post.title == "Spring notes"
    assert [(a.name, a.url) for a in post.authors] == [("Mo Tan", "http://example.org/me")]
    assert post.published == dt.datetime(2008, 4, 2, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert post.content is not None
    assert "First part." in post.content
    assert "Second part." in post.content
    assert [t.term for t in post.tags] == ["spring"]
    (comment,) = post.comments
    assert comment.author is not None
    assert (comment.author.name, comment.author.url) == ("Pat", "http://pat.example/")
    assert comment.content == "<p>Nice notes.</p>"
    assert post.comment_count == 1


def test_drupal_node() -> None:
    post = _engine_post("drupal7.html")
    assert post.title == "Open data day"
    assert [a.name for a in post.authors] == ["rasos"]
    assert post.published == _utc(2017, 7, 24, 18, 55)  # "24. Juli 2017 - 18:55"
    assert [t.term for t in post.tags] == ["open data", "civic"]
    assert post.content == "<p>We met.</p>"
    (comment,) = post.comments
    assert comment.author is not None
    assert comment.author.name == "guest"


def test_page_with_no_engine_markup_gives_no_evidence() -> None:
    doc = lxml.html.fromstring("<html><body><p>Just text</p></body></html>")
    assert _engines.read(doc, Context()) == ()


def test_listing_gives_one_post_per_container() -> None:
    html = "".join(
        f'<div class="post"><h2><a href="/p{n}" rel="bookmark">Post {n}</a></h2>'
        f'<div class="entry-content">Body {n}</div></div>'
        for n in range(3)
    )
    page = parse_html(f"<html><body class='home blog'>{html}</body></html>", url=URL)
    assert page.kind == "listing"
    assert [p.title for p in page.posts] == ["Post 0", "Post 1", "Post 2"]
    assert [p.url for p in page.posts] == [f"http://example.org/p{n}" for n in range(3)]


def test_single_post_page_ignores_related_hentries() -> None:
    html = (
        '<body class="single single-post"><article class="post hentry"><h1 class="entry-title">'
        'Main</h1><div class="entry-content">Text</div></article><article class="post hentry">'
        '<h3 class="entry-title">Related</h3></article></body>'
    )
    (evidence,) = _engines.read(lxml.html.fromstring(html), Context())
    assert [p.title for p in evidence.posts] == ["Main"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted on 3 May 2010 by Ann", "3 May 2010"),
        ("Gespeichert von rasos am 24. Juli 2017 - 18:55", "24. July 2017 18:55"),
        ("19. Juni 2019 / 6:16", "19. June 2019 6:16"),
        ("Do 24. Mai 2018, 08:30 | ANZEIGE", "24. May 2018 08:30"),
        ("20 janvier 2020 à 14h30", "20 January 2020 14:30"),
        ("Juni 19th, 2018 | Social Media", "June 19th, 2018"),
        ("no date here", None),
    ],
)
def test_date_text(text: str, expected: str | None) -> None:
    assert _engines.date_text(text) == expected


@pytest.mark.parametrize(
    ("heading", "count"),
    [
        ("13 Comments", 13),
        ("5 thoughts on “JSON parsing”", 5),
        ("One Response to “Hello”", 1),
        ("91 Ergänzungen", 91),
        ("Noch keine Kommentare", 0),
        ("Leave a comment", None),
    ],
)
def test_stated_comment_count(heading: str, count: int | None) -> None:
    html = (
        f'<body class="single"><div class="post hentry"><h1 class="entry-title">T</h1></div>'
        f'<div id="comments"><h3>{heading}</h3></div></body>'
    )
    (evidence,) = _engines.read(lxml.html.fromstring(html), Context())
    assert evidence.posts[0].comment_count == count


@pytest.mark.parametrize(
    "noise",
    [
        '<div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3></div>',
        '<div class="addtoany_share_save_container"><a class="a2a_kit">Share</a></div>',
        '<div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3></div>',
        '<ins class="adsbygoogle"></ins>',
        '<div id="respond" class="comment-respond"><form><textarea></textarea></form></div>',
        '<nav class="post-navigation"><a href="/prev">Previous</a></nav>',
        '<aside class="widget">Recent posts</aside>',
    ],
)
def test_clean_removes_noise(noise: str) -> None:
    body = lxml.html.fromstring(f"<div><p>Kept.</p>{noise}<p>Also kept.</p></div>")
    text = lxml.html.tostring(_clean.cleaned(body), encoding="unicode")
    assert text == "<div><p>Kept.</p><p>Also kept.</p></div>"
    assert len(body) == 3  # the original is not changed


def test_blogger_permalink_comes_from_the_bookmark_link() -> None:
    page = parse_html((DATA / "blogger_classic.html").read_bytes(), url=URL)
    assert page.posts[0].url == "http://cats.blogspot.com/2010/03/sleeping-cats.html"
