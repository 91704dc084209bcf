"""The microformats layer on its own: the mf2 parser and the evidence it gives."""

from __future__ import annotations

import datetime as dt
import pathlib
import time

import lxml.html
import pytest

import diploblog
from diploblog.html._evidence import Context, Evidence
from diploblog.html._mf2 import Embedded, Image, Item, parse_items, read, text_content

DATA = pathlib.Path(__file__).parent / "data" / "html"
UTC = dt.timezone.utc


def _items(markup: str, base: str | None = "http://example.com/") -> list[Item]:
    return parse_items(lxml.html.document_fromstring(markup), Context(url=base, base=base))


def _read(name: str, base: str) -> dict[str, Evidence]:
    doc = lxml.html.document_fromstring((DATA / name).read_bytes())
    return {e.source: e for e in read(doc, Context(url=base, base=base))}


def test_implied_name_url_and_photo() -> None:
    [card] = _items('<a class="h-card" href="/jo"><img src="jo.png" alt="Jo Bloggs"></a>')
    assert card.properties["name"] == ["Jo Bloggs"]
    assert card.properties["url"] == ["http://example.com/jo"]
    photo = card.properties["photo"][0]
    assert isinstance(photo, Image)
    assert (photo.value, photo.alt) == ("http://example.com/jo.png", "Jo Bloggs")
    assert card.implied == {"name", "url", "photo"}


def test_no_implied_name_with_explicit_p_properties_or_nested_items() -> None:
    [entry] = _items('<div class="h-entry"><p class="p-summary">S</p></div>')
    assert "name" not in entry.properties
    [entry] = _items('<div class="h-entry"><div class="h-card">Jo</div></div>')
    assert "name" not in entry.properties
    assert entry.children[0].properties["name"] == ["Jo"]


def test_value_class_pattern_for_dates() -> None:
    [entry] = _items(
        '<div class="h-entry"><p class="p-name">x</p><span class="dt-published">'
        '<span class="value">2010-07-20</span> at <span class="value">1:05pm</span>'
        '<span class="value">+01:00</span></span></div>'
    )
    assert entry.properties["published"] == ["2010-07-20 13:05+0100"]


def test_dt_from_time_and_abbr() -> None:
    [entry] = _items(
        '<div class="h-entry"><p class="p-name">x</p>'
        '<time class="dt-published" datetime="2010-07-20T13:05:00Z">20 July</time>'
        '<abbr class="dt-updated" title="2010-07-21">21 July</abbr></div>'
    )
    assert entry.properties["published"] == ["2010-07-20T13:05:00Z"]
    assert entry.properties["updated"] == ["2010-07-21"]


def test_e_content_is_inner_html_with_urls_resolved() -> None:
    [entry] = _items(
        '<div class="h-entry"><div class="e-content">Hi <a href="/x">x</a></div></div>'
    )
    content = entry.properties["content"][0]
    assert isinstance(content, Embedded)
    assert content.html == 'Hi <a href="http://example.com/x">x</a>'
    assert content.value == "Hi x"


def test_nested_h_card_as_property_value() -> None:
    [entry] = _items(
        '<div class="h-entry"><p class="p-name">T</p>'
        '<a class="p-author h-card" href="https://jo.example/">Jo</a></div>'
    )
    author = entry.properties["author"][0]
    assert isinstance(author, Item)
    assert author.value == "Jo"
    assert author.properties["url"] == ["https://jo.example/"]


def test_classic_hentry_with_bookmark_tag_and_abbr_published() -> None:
    [entry] = _items(
        '<div class="hentry"><h2 class="entry-title">Title</h2>'
        '<a rel="bookmark" href="/2010/07/post">#</a>'
        '<abbr class="published" title="2010-07-20T13:05:00+01:00">1:05 PM</abbr>'
        '<a rel="tag" href="/tag/digital%20diplomacy">Digital Diplomacy</a></div>'
    )
    assert entry.types == ["h-entry"]
    assert entry.backcompat
    assert entry.properties["url"] == ["http://example.com/2010/07/post"]
    assert entry.properties["published"] == ["2010-07-20T13:05:00+01:00"]
    assert entry.properties["category"] == ["digital diplomacy"]
    assert entry.implied == set()


def test_mf2_root_ignores_classic_properties() -> None:
    [entry] = _items(
        '<div class="h-entry hentry"><span class="entry-title p-name">A</span>'
        '<span class="entry-summary">S</span></div>'
    )
    assert not entry.backcompat
    assert set(entry.properties) == {"name"}


def test_text_content_skips_scripts_and_replaces_images() -> None:
    element = lxml.html.fragment_fromstring(
        '<p>A<script>x()</script><style>p{}</style> <img src="/c.png"> end</p>'
    )
    assert text_content(element, Context(base="http://example.com/")) == (
        "A  http://example.com/c.png  end"
    )


def test_deep_nesting_does_not_exhaust_the_stack() -> None:
    markup = '<div class="h-card p-author">' * 5000 + "x" + "</div>" * 5000
    start = time.perf_counter()
    items = _items(f'<div class="h-entry">{markup}</div>')
    assert time.perf_counter() - start < 5
    assert items[0].types == ["h-entry"]


def test_known_style_h_entry_evidence() -> None:
    found = _read("known_hentry.html", "https://ana.example.com/2014/")
    assert set(found) == {"mf2"}
    [post] = found["mf2"].posts
    assert post.title == "Re: a question about webmentions"
    assert post.url == "https://ana.example.com/2014/re-a-question-about-webmentions"
    assert post.id == "https://ana.example.com/2014/re-a-question-about-webmentions"
    assert post.published == dt.datetime(2014, 3, 2, 10, 15, tzinfo=UTC)
    assert post.updated == dt.datetime(2014, 3, 5, 8, 0, tzinfo=UTC)
    [author] = post.authors
    assert author.name == "Ana Example"
    assert author.url == "https://ana.example.com/profile/ana"
    assert author.avatar == "https://ana.example.com/file/avatar.jpg"
    assert [t.term for t in post.tags] == ["indieweb", "webmention"]
    assert [(link.rel, link.url) for link in post.links] == [
        ("in-reply-to", "https://bob.example.net/2014/webmentions")
    ]
    assert post.content is not None
    assert '<a href="https://ana.example.com/2014/webmentions-work">they work</a>' in post.content
    assert 'src="https://ana.example.com/2014/img/diagram.png"' in post.content
    first, reply = post.comments
    assert (first.id, first.in_reply_to, first.author and first.author.name) == (
        "annotation-1",
        None,
        "Carl",
    )
    assert first.url == "https://carl.example.org/notes/88"
    assert first.published == dt.datetime(2014, 3, 2, 11, 0, tzinfo=UTC)
    assert first.content == "Thanks, that helps!"
    assert (reply.id, reply.in_reply_to) == ("annotation-2", "annotation-1")
    assert reply.content == "<p>You're welcome.</p>"
    # The reply's date has no zone: UTC is assumed, and said.
    assert reply.published == dt.datetime(2014, 3, 2, 12, 30, tzinfo=UTC)
    assert any("2014-03-02T12:30" in w.message for w in found["mf2"].warnings)


def test_blogger_style_hatom_listing() -> None:
    found = _read("blogger_hatom.html", "http://plenty.blogspot.com/")
    evidence = found["hatom"]
    assert evidence.listing
    first, second = evidence.posts
    assert first.title == "Strong & Beautiful"
    assert first.url == "http://plenty.blogspot.com/2010/07/strong-and-beautiful.html"
    assert first.published == dt.datetime(
        2010, 7, 20, 13, 5, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert [a.name for a in first.authors] == ["Pam"]
    assert [(t.term, t.url) for t in first.tags] == [
        ("books", "http://plenty.blogspot.com/search/label/books"),
        ("fitness", "http://plenty.blogspot.com/search/label/fitness"),
    ]
    assert (
        first.content
        == '<p>A review of the book.<br>Five stars.</p>\n<div style="clear: both;"></div>'
    )
    assert second.title == "Summer"
    assert second.published == dt.datetime(
        2010, 7, 12, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )


def test_hentry_without_published_class_uses_its_time_element() -> None:
    # Twenty Twelve marks the entry date with <time class="entry-date"> only.
    found = _read("wordpress_twentytwelve.html", "https://blogs.example.org/hale/")
    [post] = found["hatom"].posts
    assert post.published == dt.datetime(
        2010, 7, 20, 13, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert post.title == "The end of this blog"
    assert [t.term for t in post.tags] == ["Digital", "blogs", "digital diplomacy"]
    assert post.content is not None
    assert "<script>" not in post.content
    assert 'href="https://blogs.example.org/hale/about/"' in post.content


def test_h_feed_gives_blog_and_inherited_author() -> None:
    doc = lxml.html.document_fromstring(
        '<div class="h-feed"><h1 class="p-name">My blog</h1>'
        '<a class="p-author h-card" href="https://me.example/">Me</a>'
        '<div class="h-entry"><a class="p-name u-url" href="/a">A</a></div>'
        '<div class="h-entry"><a class="p-name u-url" href="/b">B</a></div></div>'
    )
    [evidence] = read(doc, Context(base="https://me.example/"))
    assert evidence.listing
    assert evidence.blog is not None
    assert evidence.blog.title == "My blog"
    assert [p.url for p in evidence.posts] == ["https://me.example/a", "https://me.example/b"]
    assert [p.authors[0].name for p in evidence.posts] == ["Me", "Me"]


def test_note_without_title() -> None:
    # Post type discovery: a name that merely repeats the content is no title.
    doc = lxml.html.document_fromstring(
        '<div class="h-entry"><div class="e-content p-name">Just a note.</div></div>'
    )
    [evidence] = read(doc, Context())
    assert evidence.posts[0].title is None
    assert evidence.posts[0].content == "Just a note."


def test_entry_content_is_cleaned_of_share_blocks_and_keeps_paragraphs() -> None:
    page = diploblog.parse_html((DATA / "engines" / "wordpress_twentyten.html").read_bytes())
    content = page.posts[0].content or ""
    assert "sharedaddy" not in content
    assert "Share this" not in content
    assert content == "<p>Green tea is good.</p>"


def test_e_content_drops_related_posts_ads_and_comment_form() -> None:
    markup = (
        '<div class="h-entry"><h1 class="p-name">T</h1><div class="e-content">'
        "<p>One.</p><p>Two.</p><div class='jp-relatedposts'><a href='/x'>Other</a></div>"
        "<ins class='adsbygoogle'></ins><div id='respond'><form><textarea></textarea></form>"
        "</div><nav><a href='/next'>Next</a></nav></div></div>"
    )
    doc = lxml.html.document_fromstring(markup)
    (evidence,) = [e for e in read(doc, Context()) if e.posts]
    assert evidence.posts[0].content == "<p>One.</p><p>Two.</p>"


def test_a_category_written_with_a_slash_and_a_space_is_a_tag_not_a_crash() -> None:
    # Regression (found by the HTML writer's round trip): "/a b" was taken for a URL
    # and Tag refused it, so parse_html raised on the whole page.
    from diploblog import parse_html

    page = parse_html(
        b'<article class="h-entry"><h1 class="p-name">T</h1>'
        b'<span class="p-category">/a b</span></article>'
    )
    assert [tag.term for tag in page.posts[0].tags] == ["/a b"]


@pytest.mark.parametrize("root", ["h-entry", "hentry"])
@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("Digital diplomacy", "https://e.org/tags/dd"),
        ("https://e.org/tags/dd", "https://e.org/tags/dd"),
        ("/tags/dd", "/tags/dd"),
    ],
)
def test_a_rel_tag_category_link_is_one_tag(root: str, text: str, href: str) -> None:
    # Regression: the link was read once as rel=tag and again as a category (its text,
    # or in classic microformats the last segment of its URL), giving two tags.
    page = diploblog.parse_html(
        f'<article class="{root}"><h1 class="p-name entry-title">T</h1>'
        f'<a class="p-category" rel="tag" href="{href}">{text}</a></article>',
        url="https://e.org/post",
    )
    assert [(t.term, t.url) for t in page.posts[0].tags] == [(text, "https://e.org/tags/dd")]


def test_a_separate_category_with_the_same_text_as_a_rel_tag_stays_one_tag() -> None:
    page = diploblog.parse_html(
        '<article class="h-entry"><h1 class="p-name">T</h1><span class="p-category">tea</span>'
        '<a class="p-category" rel="tag" href="/t/tea">tea</a><span class="p-category">cake'
        "</span></article>",
        url="https://e.org/post",
    )
    assert [(t.term, t.url) for t in page.posts[0].tags] == [
        ("tea", "https://e.org/t/tea"),
        ("cake", None),
    ]
