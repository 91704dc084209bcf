"""The direct Atom reader: Atom 1.0 and 0.3 into the model, RFC 4685 threads as comments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from diploblog import Author, Blog, Comment, Enclosure, Extension, Link, Tag
from diploblog._xml import parse_xml
from diploblog.atom import read_atom

FEEDS = Path(__file__).parent / "data" / "feeds"
UTC = dt.timezone.utc
BST = dt.timezone(dt.timedelta(hours=1))
ATOM = "http://www.w3.org/2005/Atom"
BASE = "https://blogs.example.org/roller/hale/"


def read(name: str, url: str | None = None) -> Blog:
    return read_atom(parse_xml((FEEDS / name).read_bytes(), where=name), url=url)


def atom(entries: str, feed: str = "", url: str | None = None) -> Blog:
    data = (
        f'<feed xmlns="{ATOM}" xmlns:thr="http://purl.org/syndication/thread/1.0">'
        f"<title>T</title>{feed}{entries}</feed>"
    ).encode()
    return read_atom(parse_xml(data, where="test"), url=url)


@pytest.fixture(scope="module")
def roller() -> Blog:
    return read("atom10-threading.xml")


class TestAtom10Feed:
    def test_feed_metadata(self, roller: Blog) -> None:
        assert roller.id == "tag:blogs.example.org,2010:/roller/hale"
        assert roller.title == "Global conversations"  # type="html" reduced to text
        assert roller.description == "Stephen Hale on digital diplomacy"
        assert roller.language == "en-GB"
        assert roller.rights == "Crown copyright"
        assert roller.generator == "Apache Roller"
        assert roller.updated == dt.datetime(2010, 7, 20, 14, 5, tzinfo=BST)
        assert roller.warnings == ()

    def test_xml_base_resolves_feed_urls(self, roller: Blog) -> None:
        assert roller.url == BASE
        assert roller.icon == BASE + "favicon.ico"
        assert roller.logo == "https://blogs.example.org/images/logo.png"
        assert roller.feeds == (
            Link(url=BASE + "feed/entries/atom", rel="self", type="application/atom+xml"),
            Link(url=BASE + "feed/entries/rss", rel="alternate", type="application/rss+xml"),
        )
        assert roller.links == (Link(url="https://hub.example.org/", rel="hub"),)

    def test_author_with_uri_and_email(self, roller: Blog) -> None:
        assert roller.authors == (
            Author(name="Stephen Hale", url=BASE + "about/", email="hale@example.org"),
        )

    def test_categories_with_scheme_and_label(self, roller: Blog) -> None:
        (tag,) = roller.tags
        assert tag.same_as(Tag(term="diplomacy", scheme=BASE + "tags/", label="Diplomacy"))


class TestAtom10Entry:
    def test_urls_resolve_against_nested_xml_base(self, roller: Blog) -> None:
        post = roller.posts[0]
        assert post.url == BASE + "entry/the_end_of_this_blog"
        assert post.comments_feed_url == BASE + "feed/comments/atom?entry=the_end_of_this_blog"
        assert post.enclosures == (
            Enclosure(
                url="https://blogs.example.org/files/farewell.mp3",
                type="audio/mpeg",
                length=123456,
                title="Farewell",
            ),
        )
        assert post.links == (
            Link(url="https://blogs.example.org/roller-services/app/hale/entry/1", rel="edit"),
        )

    def test_dates_keep_offset(self, roller: Blog) -> None:
        post = roller.posts[0]
        assert post.published == dt.datetime(2010, 7, 20, 14, 5, tzinfo=BST)
        assert post.updated == dt.datetime(2010, 7, 20, 15, 0, tzinfo=BST)
        assert post.published is not None
        assert post.published.utcoffset() == dt.timedelta(hours=1)

    def test_thr_total_beats_link_count(self, roller: Blog) -> None:
        assert roller.posts[0].comment_count == 3

    def test_text_constructs(self, roller: Blog) -> None:
        first, second = roller.posts
        assert first.title == "The end of this blog & what comes next"
        assert first.summary == "Last post: 5 &lt; 6 &amp; goodbye"  # text escaped to HTML
        assert first.content == (
            '<p>This is my <a href="/roller/hale/">last</a> post.</p>'
            "<p>Thank you<br>for reading.</p>"
        )
        assert second.content == "<p>Some <b>thoughts</b>.</p>"

    def test_entry_without_rel_link(self, roller: Blog) -> None:
        assert roller.posts[1].url == BASE + "entry/digital_diplomacy"

    def test_categories(self, roller: Blog) -> None:
        tags = roller.posts[0].tags
        assert [(t.term, t.label, t.scheme) for t in tags] == [
            ("blogging", "Blogging", BASE + "tags/"),
            ("fco", None, None),
        ]

    def test_entry_author(self, roller: Blog) -> None:
        assert roller.posts[0].authors == (Author(name="Stephen Hale", url=BASE + "about/"),)


class TestAtom03:
    @pytest.fixture(scope="class")
    @staticmethod
    def blog() -> Blog:
        return read("atom03.xml")

    def test_feed(self, blog: Blog) -> None:
        assert blog.title == "Global conversations"
        assert blog.description == "Stephen Hale on digital diplomacy"
        assert blog.rights == "Crown copyright"
        assert blog.updated == dt.datetime(2005, 7, 20, 14, 5, tzinfo=UTC)
        assert blog.language == "en"
        assert blog.authors == (
            Author(
                name="Stephen Hale",
                url="https://blogs.example.org/hale/about",
                email="hale@example.org",
            ),
        )
        assert [e.name for e in blog.extensions] == ["info"]

    def test_issued_and_modified(self, blog: Blog) -> None:
        post = blog.posts[0]
        assert post.published == dt.datetime(2005, 7, 20, 15, 5, tzinfo=BST)
        assert post.updated == dt.datetime(2005, 7, 20, 14, 10, tzinfo=UTC)
        # created is a second published date: kept, not lost.
        assert post.extensions == (
            Extension(
                namespace="http://purl.org/atom/ns#", name="created", text="2005-07-20T14:00:00Z"
            ),
        )

    def test_content_modes(self, blog: Blog) -> None:
        assert blog.posts[0].summary == "Hello &amp; welcome"
        assert blog.posts[0].content == "Hello <em>world</em>."
        assert blog.posts[1].content == "<p>Escaped <i>HTML</i></p>"
        assert blog.posts[2].content == "<p>Base64 body</p>"


class TestThreading:
    @pytest.fixture(scope="class")
    @staticmethod
    def blog() -> Blog:
        return read("atom10-comments.xml")

    def test_comments_attach_to_their_post(self, blog: Blog) -> None:
        post = blog.posts[0]
        assert post.title == "The end of this blog"
        assert [c.id for c in post.comments] == [
            "tag:blogs.example.org,2010:/roller/hale/comment-1279627380000",
            "tag:blogs.example.org,2010:/roller/hale/comment-1279630000000",
        ]

    def test_threads_are_kept(self, blog: Blog) -> None:
        first, reply = blog.posts[0].comments
        assert first.in_reply_to is None
        assert reply.in_reply_to == first.id
        assert reply.author == Author(name="Stephen Hale", email="hale@example.org")
        assert reply.content == "Thanks, Jo."
        assert reply.published == dt.datetime(2010, 7, 20, 13, 46, 40, tzinfo=UTC)

    def test_comment_fields(self, blog: Blog) -> None:
        first = blog.posts[0].comments[0]
        assert first == Comment(
            id="tag:blogs.example.org,2010:/roller/hale/comment-1279627380000",
            url="https://blogs.example.org/roller/hale/entry/the_end_of_this_blog"
            "#comment-1279627380000",
            author=Author(name="Jo"),
            published=dt.datetime(2010, 7, 20, 13, 3, tzinfo=UTC),
            content="<p>Good luck!</p>",
            extensions=[Extension(namespace=ATOM, name="title", text="Comment by Jo")],
        )

    def test_reply_to_post_not_in_feed_makes_a_post_from_the_reference(self, blog: Blog) -> None:
        assert len(blog.posts) == 2
        stub = blog.posts[1]
        assert stub.id == "tag:blogs.example.org,2010:/roller/hale/entry/digital_diplomacy"
        assert stub.url == "https://blogs.example.org/roller/hale/entry/digital_diplomacy"
        assert [c.content for c in stub.comments] == ["Interesting."]

    def test_reply_chain_of_three(self) -> None:
        blog = atom(
            "<entry><id>p</id><title>Post</title></entry>"
            '<entry><id>c3</id><thr:in-reply-to ref="c2"/></entry>'
            '<entry><id>c2</id><thr:in-reply-to ref="c1"/></entry>'
            '<entry><id>c1</id><thr:in-reply-to ref="p"/></entry>'
        )
        (post,) = blog.posts
        assert [(c.id, c.in_reply_to) for c in post.comments] == [
            ("c3", "c2"),
            ("c2", "c1"),
            ("c1", None),
        ]

    def test_reply_cycle_does_not_hang(self) -> None:
        blog = atom(
            '<entry><id>a</id><thr:in-reply-to ref="b"/></entry>'
            '<entry><id>b</id><thr:in-reply-to ref="a"/></entry>'
        )
        assert sum(len(p.comments) for p in blog.posts) == 2


class TestEntryDetails:
    def test_relative_urls_against_document_url(self) -> None:
        blog = atom(
            '<entry><id>1</id><link href="2010/07/end"/></entry>',
            feed='<link href="/"/>',
            url="https://example.org/blog/atom.xml",
        )
        assert blog.url == "https://example.org/"
        assert blog.posts[0].url == "https://example.org/blog/2010/07/end"

    def test_xml_base_itself_relative(self) -> None:
        blog = atom(
            '<entry xml:base="posts/"><id>1</id><link href="one"/></entry>',
            url="https://example.org/blog/atom.xml",
        )
        assert blog.posts[0].url == "https://example.org/blog/posts/one"

    def test_html_title_to_text(self) -> None:
        blog = atom(
            '<entry><title type="html">A &lt;b&gt;bold&lt;/b&gt; &amp;amp; move</title></entry>'
        )
        assert blog.posts[0].title == "A bold & move"

    def test_html_title_that_html_parsing_drops(self) -> None:
        blog = atom('<entry><title type="html">&lt;!DOCTYPE ~</title></entry>')
        assert blog.posts[0].title == "<!DOCTYPE ~"

    def test_xhtml_title_to_text(self) -> None:
        blog = atom(
            '<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
            "A <b>bold</b> move</div></title></entry>"
        )
        assert blog.posts[0].title == "A bold move"

    def test_out_of_line_content_is_kept_as_extension(self) -> None:
        blog = atom('<entry><content src="https://e.example/post.html" type="text/html"/></entry>')
        assert blog.posts[0].content is None
        assert blog.posts[0].extensions[0].name == "content"

    def test_invalid_email_dropped_with_warning(self) -> None:
        blog = atom("<entry><author><name>Jo</name><email>not-an-email</email></author></entry>")
        assert blog.posts[0].authors == (Author(name="Jo"),)
        assert "not an email" in blog.warnings[0].message

    def test_empty_author_dropped_with_warning(self) -> None:
        blog = atom("<entry><author/></entry>")
        assert blog.posts[0].authors == ()
        assert blog.warnings[0].where == "/feed/entry/author"

    def test_bad_date_on_one_entry(self) -> None:
        blog = atom(
            "<entry><id>1</id><updated>2010-07-20T14:05:00Z</updated></entry>"
            "<entry><id>2</id><updated>yesterday</updated></entry>"
        )
        assert blog.posts[0].updated == dt.datetime(2010, 7, 20, 14, 5, tzinfo=UTC)
        assert blog.posts[1].updated is None
        assert blog.warnings[0].where == "/feed/entry[2]/updated"

    def test_replies_link_to_html_page(self) -> None:
        blog = atom(
            '<entry><link rel="replies" type="text/html" href="https://e.example/p#comments" '
            'thr:count="5"/></entry>'
        )
        assert blog.posts[0].comments_url == "https://e.example/p#comments"
        assert blog.posts[0].comment_count == 5

    def test_iana_relation_uri(self) -> None:
        blog = atom(
            '<entry><link rel="http://www.iana.org/assignments/relation/alternate" '
            'href="https://e.example/p"/></entry>'
        )
        assert blog.posts[0].url == "https://e.example/p"

    def test_entry_language(self) -> None:
        blog = atom('<entry xml:lang="de"><id>1</id></entry>')
        assert blog.posts[0].language == "de"

    def test_unknown_namespaced_elements_kept(self) -> None:
        blog = atom(
            '<entry><id>1</id><x:rating xmlns:x="urn:example" stars="4">good</x:rating></entry>'
        )
        assert blog.posts[0].extensions == (
            Extension(
                namespace="urn:example", name="rating", attributes={"stars": "4"}, text="good"
            ),
        )

    def test_blogger_author_image_is_avatar(self) -> None:
        blog = atom(
            '<entry><author><name>Jo</name><gd:image xmlns:gd="http://schemas.google.com/g/2005" '
            'rel="http://schemas.google.com/g/2005#thumbnail" src="https://e.example/jo.png"/>'
            "</author></entry>"
        )
        assert blog.posts[0].authors[0].avatar == "https://e.example/jo.png"


def test_a_namespace_that_only_starts_like_xhtml_is_not_xhtml() -> None:
    # Found by fuzzing: "http://www.w3.org/1999/xhtmlx" was cut as if it were XHTML's.
    from lxml import etree

    from diploblog.atom._reader import xhtml_inner_html

    el = etree.fromstring(
        b'<content><div xmlns="http://www.w3.org/1999/xhtml">'
        b'<p xmlns="http://www.w3.org/1999/xhtmlx">a</p></div></content>'
    )
    assert "a" in xhtml_inner_html(el)
