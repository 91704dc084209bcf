import datetime as dt
from pathlib import Path

import feedparser
import pytest

from diploblog import (
    Author,
    Enclosure,
    Link,
    ParseError,
    Tag,
    UnsafeInputError,
)
from diploblog._parse_feed import parse_feed
from diploblog._tolerant import read_with_feedparser

DATA = Path(__file__).parent / "data" / "tolerant"
FEED_URL = "https://blogs.fco.gov.uk/roller/hale/feed/entries/rss"
PLUS_ONE = dt.timezone(dt.timedelta(hours=1))


def _read(name: str, url: str | None = FEED_URL) -> object:
    return read_with_feedparser((DATA / name).read_bytes(), url=url)


@pytest.fixture(scope="module")
def rss() -> object:
    return _read("broken-rss.xml")


def test_not_well_formed_rss_is_read(rss: object) -> None:
    # &nbsp; and &ndash; are HTML entities XML does not define: lxml refuses the document.
    assert rss.title == "Global conversations\xa0\u2013 Stephen Hale"
    assert rss.url == "https://blogs.fco.gov.uk/roller/hale/"
    assert rss.description == "Digital diplomacy at the FCO"
    assert rss.language == "en-gb"
    assert rss.feeds == (Link(url=FEED_URL, rel="self", type="application/rss+xml"),)
    assert [p.title for p in rss.posts] == [
        "The end of this blog",
        "Twitter and diplomacy \u00a9 FCO",
    ]


def test_item_fields_and_extensions_map_like_the_direct_path(rss: object) -> None:
    post = rss.posts[0]
    entry = "https://blogs.fco.gov.uk/roller/hale/feed/entries/entry/the_end_of_this_blog"
    assert post.id == "tag:blogs.fco.gov.uk,2010:hale/the_end_of_this_blog"
    assert post.url == entry
    assert post.summary == "My last post & thanks"
    assert post.authors == (Author(name="Stephen Hale"),)
    assert post.tags[0].same_as(
        Tag(term="digital diplomacy", scheme="https://blogs.fco.gov.uk/roller/hale/tags/")
    )
    assert post.comments_url == entry + "#comments"
    assert post.comments_feed_url == entry + "/comments/rss"
    assert post.comment_count == 12
    assert post.enclosures == (
        Enclosure(
            url="https://blogs.fco.gov.uk/media/farewell.mp3", type="audio/mpeg", length=1234567
        ),
    )


def test_content_is_kept_as_written_not_sanitised_nor_rewritten(rss: object) -> None:
    assert rss.posts[0].content == (
        '<p>Thanks for reading.<script>alert(1)</script> <a href="../about">About</a></p>'
    )


def test_dates_keep_the_written_offset(rss: object) -> None:
    published = rss.posts[0].published
    assert published == dt.datetime(2010, 7, 20, 14, 5, tzinfo=PLUS_ONE)
    assert published.utcoffset() == dt.timedelta(hours=1)
    assert rss.updated.utcoffset() == dt.timedelta(hours=1)


def test_why_it_was_not_well_formed_is_the_first_warning(rss: object) -> None:
    first = rss.warnings[0]
    assert first.message.startswith("not well-formed XML, read by the tolerant parser")
    assert "undefined entity" in first.message
    assert first.where == "line 4, column 30"


def test_a_bad_date_is_a_warning_and_the_rest_is_read(rss: object) -> None:
    assert rss.posts[1].published is None
    assert (
        rss.posts[1].url
        == "https://blogs.fco.gov.uk/roller/hale/feed/entries/entry/twitter_and_diplomacy"
    )
    bad = [w for w in rss.warnings if w.where == "entries[1].published"]
    assert len(bad) == 1
    assert "sometime in June" in bad[0].message


def test_relative_urls_stay_relative_without_a_document_url() -> None:
    blog = _read("broken-rss.xml", url=None)
    assert blog.url == "/roller/hale/"
    assert blog.posts[0].url == "entry/the_end_of_this_blog"


def test_threading_survives_the_tolerant_path() -> None:
    blog = _read("broken-atom-thread.xml")
    post_id = "tag:blogs.fco.gov.uk,2010:hale/the_end_of_this_blog"
    first = "tag:blogs.fco.gov.uk,2010:hale/comment-1279627380000"
    assert [p.id for p in blog.posts] == [post_id]
    post = blog.posts[0]
    assert post.url == "https://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog"
    assert [(c.id, c.in_reply_to) for c in post.comments] == [
        (first, None),
        ("tag:blogs.fco.gov.uk,2010:hale/comment-1279630000000", first),
    ]
    assert post.comments[0].author == Author(name="Jo")
    assert post.comments[1].content == "<p>Seconded\xa0!</p>"
    assert post.comments[0].published == dt.datetime(2010, 7, 20, 13, 3, tzinfo=PLUS_ONE)


def test_atom_text_constructs_follow_their_type() -> None:
    blog = read_with_feedparser(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">A &lt;b&gt;bold'
        b"&lt;/b&gt; title&nbsp;</title><entry><title>1 &lt; 2</title>"
        b'<summary type="text">a &lt; b</summary>'
        b'<content type="html">&lt;p&gt;x&lt;/p&gt;</content></entry></feed>'
    )
    assert blog.title == "A bold title"
    post = blog.posts[0]
    assert post.title == "1 < 2"
    assert post.summary == "a &lt; b"
    assert post.content == "<p>x</p>"


def test_parse_feed_sends_ill_formed_xml_down_the_tolerant_path() -> None:
    data = (DATA / "broken-rss.xml").read_bytes()
    blog = parse_feed(data, url=FEED_URL)
    assert blog.posts[0].published == dt.datetime(2010, 7, 20, 14, 5, tzinfo=PLUS_ONE)
    assert "tolerant" in blog.warnings[0].message


# -- unsafe and unusable input -------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b'<!DOCTYPE rss [<!ENTITY lol "lol">]><rss><channel><title>&lol;</title>',
        b'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss>&xxe;',
        b'<rss><channel><!entity x "y"><title>t</title>',
        '<!DOCTYPE rss [<!ENTITY a "b">]><rss>'.encode("utf-16"),
        '<!DOCTYPE rss [<!ENTITY a "b">]><rss>'.encode("utf-16-be"),
        '<!DOCTYPE rss [<!ENTITY a "b">]><rss>'.encode("utf-32"),
    ],
)
def test_entity_declarations_are_refused(data: bytes) -> None:
    with pytest.raises(UnsafeInputError, match="entity declaration refused"):
        read_with_feedparser(data)


@pytest.mark.parametrize(
    "data",
    [
        b"http://example.com/feed.xml",
        b"https://example.com/feed.xml",
        b"file:///etc/passwd",
        b"/etc/passwd",
        b"feed://example.com/",
        b"\xef\xbb\xbfhttp://example.com/",
    ],
)
def test_urls_and_paths_are_refused_never_opened(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object, **kwargs: object) -> bytes:
        pytest.fail("feedparser tried to fetch")

    monkeypatch.setattr(feedparser.http, "get", no_network)
    with pytest.raises(ParseError, match="not XML"):
        read_with_feedparser(data)


def test_markup_is_handed_over_as_a_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []
    real = feedparser.parse

    def spy(source: object, **kwargs: object) -> object:
        seen.append(source)
        return real(source, **kwargs)

    monkeypatch.setattr(feedparser, "parse", spy)
    read_with_feedparser(b"<rss><channel><title>t</title>")
    assert len(seen) == 1
    assert hasattr(seen[0], "read")


def test_a_path_to_a_real_file_is_not_read(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(b"<rss><channel><title>secret</title></channel></rss>")
    with pytest.raises(ParseError):
        read_with_feedparser(str(feed).encode())


def test_utf16_markup_is_accepted() -> None:
    data = "<rss version='2.0'><channel><title>caf\u00e9&nbsp;</title>".encode("utf-16")
    assert read_with_feedparser(data).title == "caf\u00e9"


@pytest.mark.parametrize("data", [b"", b"  \n\t"])
def test_empty_input(data: bytes) -> None:
    with pytest.raises(ParseError, match="empty"):
        read_with_feedparser(data)


@pytest.mark.parametrize(
    "data",
    [b"<html><body><p>Hello</p></body></html>", b"<p>not a <b>feed", b"<<<>>>"],
)
def test_markup_that_is_no_feed_at_all(data: bytes) -> None:
    with pytest.raises(ParseError, match="no feed found"):
        read_with_feedparser(data)


def test_truncated_feed_keeps_what_was_read() -> None:
    blog = read_with_feedparser(
        b"<rss version='2.0'><channel><title>T</title><item><title>One</title></item>"
        b"<item><title>Tw"
    )
    assert blog.title == "T"
    assert blog.posts[0].title == "One"


def test_text_input_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        read_with_feedparser("<rss/>")  # type: ignore[arg-type]


def test_html_title_with_no_document_in_it_is_kept_as_written() -> None:
    blog = read_with_feedparser(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">&lt;!DOCTYPE ~</title>'
        b"<entry><title>&nbsp;x</title></entry></feed>"
    )
    assert blog.title == "<!DOCTYPE ~"
