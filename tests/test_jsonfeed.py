import datetime as dt
import json
from pathlib import Path

import pytest

from diploblog import (
    Author,
    Blog,
    Enclosure,
    Extension,
    Link,
    ParseError,
    Tag,
    UnsupportedFormatError,
)
from diploblog.jsonfeed import JSON_FEED_NAMESPACE, read_json_feed

DATA = Path(__file__).parent / "data" / "jsonfeed"
V11 = "https://jsonfeed.org/version/1.1"
FEED_URL = "https://blogs.fco.gov.uk/roller/hale/feed.json"


def _feed(**members: object) -> bytes:
    return json.dumps({"version": V11, **members}).encode()


def _item(**members: object) -> bytes:
    return _feed(items=[members])


def _ext(name: str, value: object) -> Extension:
    return Extension(namespace=JSON_FEED_NAMESPACE, name=name, text=json.dumps(value))


@pytest.fixture(scope="module")
def v11() -> Blog:
    return read_json_feed((DATA / "feed-1.1.json").read_bytes())


def test_feed_level_fields(v11: Blog) -> None:
    assert isinstance(v11, Blog)
    assert v11.title == "Global conversations"
    assert v11.url == "https://blogs.fco.gov.uk/roller/hale/"
    assert v11.description == "Stephen Hale's blog on digital diplomacy"
    assert v11.language == "en-GB"
    # favicon is small and square like Atom's icon; icon is the big timeline image.
    assert v11.icon == "https://blogs.fco.gov.uk/favicon.ico"
    assert v11.logo == "https://blogs.fco.gov.uk/images/hale-512.png"
    assert v11.feeds == (Link(url=FEED_URL, rel="self", type="application/feed+json"),)
    assert v11.links == (
        Link(url="https://blogs.fco.gov.uk/roller/hale/feed.json?page=2", rel="next"),
        Link(url="https://pubsubhubbub.appspot.com/", rel="hub", type="WebSub"),
    )
    assert v11.authors == (
        Author(
            name="Stephen Hale",
            url="https://blogs.fco.gov.uk/roller/hale/",
            avatar="https://blogs.fco.gov.uk/images/hale.jpg",
        ),
    )
    assert v11.warnings == ()


def test_feed_level_members_without_a_field_are_kept(v11: Blog) -> None:
    assert v11.extensions == (
        _ext("user_comment", "Subscribe in a feed reader."),
        _ext("expired", True),
        Extension(
            namespace=JSON_FEED_NAMESPACE,
            name="_roller",
            text='{"version": 4.0, "weblog": "hale"}',
        ),
    )


def test_item_fields(v11: Blog) -> None:
    post = v11.posts[0]
    assert post.id == "https://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog"
    assert post.url == "https://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog"
    assert post.title == "The end of this blog"
    assert post.content == "<p>This is my last post on this blog.</p>"
    assert post.summary == "Last post &lt;for now&gt; &amp; thanks"
    assert post.language == "en"
    assert post.links == (
        Link(
            url="https://www.gov.uk/government/organisations/foreign-commonwealth-office",
            rel="related",
        ),
    )
    assert [t.term for t in post.tags] == ["digital diplomacy", "blogging"]
    assert post.authors == (
        Author(name="Stephen Hale"),
        Author(url="https://twitter.com/stephenhale"),
    )


def test_dates_keep_their_written_offset(v11: Blog) -> None:
    post = v11.posts[0]
    assert post.published == dt.datetime(2010, 7, 20, 13, 5, tzinfo=dt.timezone.utc)
    assert post.published.utcoffset() == dt.timedelta(hours=1)
    assert post.updated.utcoffset() == dt.timedelta(hours=-5)
    assert post.updated == dt.datetime(2010, 7, 21, 14, 0, tzinfo=dt.timezone.utc)


def test_attachments_become_enclosures(v11: Blog) -> None:
    assert v11.posts[0].enclosures == (
        Enclosure(
            url="https://blogs.fco.gov.uk/media/farewell.mp3",
            type="audio/mpeg",
            title="Farewell (audio)",
            length=1234567,
            duration=305,
        ),
    )


def test_item_members_without_a_field_are_kept(v11: Blog) -> None:
    names = [e.name for e in v11.posts[0].extensions]
    assert names == ["image", "banner_image", "_roller", "content_text"]
    by_name = {e.name: e for e in v11.posts[0].extensions}
    assert by_name["image"].text == '"https://blogs.fco.gov.uk/images/end.jpg"'
    assert json.loads(by_name["content_text"].text or "") == "This is my last post on this blog."


def test_numeric_id_and_text_only_content(v11: Blog) -> None:
    post = v11.posts[1]
    assert post.id == "2010"
    assert post.content == "Plain text only: 1 &lt; 2 &amp;&amp; 3 &gt; 2"
    assert post.published == dt.datetime(2010, 7, 19, 8, tzinfo=dt.timezone.utc)


def test_posts_keep_feed_order(v11: Blog) -> None:
    assert [p.title for p in v11.posts] == ["The end of this blog", None]


def test_version_1_single_author() -> None:
    blog = read_json_feed((DATA / "feed-1.0.json").read_bytes())
    assert blog.authors == (
        Author(name="Stephen Hale", avatar="https://blogs.fco.gov.uk/images/hale.jpg"),
    )
    assert blog.posts[0].authors == (Author(name="Jo Guest"),)
    assert blog.warnings == ()


def test_authors_wins_over_deprecated_author() -> None:
    blog = read_json_feed(_feed(author={"name": "Old"}, authors=[{"name": "New"}]))
    assert blog.authors == (Author(name="New"),)


def test_relative_urls_resolve_against_the_document_url_first() -> None:
    data = _feed(feed_url="https://a.example/feed.json", home_page_url="/home")
    assert read_json_feed(data).url == "https://a.example/home"
    assert read_json_feed(data, url="https://b.example/x/feed.json").url == "https://b.example/home"


def test_relative_url_without_any_base_stays_relative() -> None:
    assert read_json_feed(_item(url="entry/1")).posts[0].url == "entry/1"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (_item(date_published="soon"), "$.items[0].date_published"),
        (_item(date_modified="2010-99-99T00:00:00Z"), "$.items[0].date_modified"),
    ],
)
def test_bad_date_is_a_warning_and_the_rest_is_read(data: bytes, where: str) -> None:
    blog = read_json_feed(data)
    assert blog.posts[0].published is None
    assert blog.posts[0].updated is None
    assert [w.where for w in blog.warnings] == [where]
    assert "unreadable date" in blog.warnings[0].message


def test_date_without_offset_is_utc_with_a_warning() -> None:
    blog = read_json_feed(_item(date_published="2010-07-20T14:05:00"))
    assert blog.posts[0].published == dt.datetime(2010, 7, 20, 14, 5, tzinfo=dt.timezone.utc)
    assert "no time zone" in blog.warnings[0].message


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (_feed(language="not a language"), "$.language"),
        (_feed(home_page_url="http:nohost"), "$.home_page_url"),
        (_feed(authors=[{"avatar": "https://a.example/a.png"}]), "$.authors[0]"),
        (_item(attachments=[{"mime_type": "audio/mpeg"}]), "$.items[0].attachments[0]"),
        (_item(attachments=[{"url": "a.mp3", "size_in_bytes": -1}]), None),
    ],
)
def test_recoverable_values_are_dropped_with_a_warning(data: bytes, where: str | None) -> None:
    blog = read_json_feed(data)
    assert len(blog.warnings) == 1
    if where is not None:
        assert blog.warnings[0].where == where


def test_fractional_duration_is_rounded_with_a_warning() -> None:
    blog = read_json_feed(_item(attachments=[{"url": "a.mp3", "duration_in_seconds": 90.6}]))
    assert blog.posts[0].enclosures[0].duration == 91
    assert blog.warnings[0].where == "$.items[0].attachments[0].duration_in_seconds"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (_feed(title=3), "$.title"),
        (_feed(items={}), "$.items"),
        (_feed(items=["x"]), "$.items[0]"),
        (_item(tags=["ok", 7]), "$.items[0].tags[1]"),
        (_item(attachments=[{"url": "a.mp3", "size_in_bytes": "big"}]), None),
        (_item(authors={"name": "x"}), "$.items[0].authors"),
        (_feed(author="Stephen"), "$.author"),
        (_feed(hubs=[{"url": 5}]), "$.hubs[0].url"),
    ],
)
def test_wrong_types_name_their_json_path(data: bytes, where: str | None) -> None:
    with pytest.raises(ParseError) as caught:
        read_json_feed(data)
    if where is not None:
        assert caught.value.where == where
    else:
        assert caught.value.where == "$.items[0].attachments[0].size_in_bytes"


def test_bad_json_gives_line_and_column() -> None:
    with pytest.raises(ParseError) as caught:
        read_json_feed(b'{\n  "version": "https://jsonfeed.org/version/1.1",\n  "title": }')
    assert (caught.value.line, caught.value.column) == (3, 12)


def test_not_utf8_gives_position() -> None:
    with pytest.raises(ParseError) as caught:
        read_json_feed(b'{"title":\n "caf\xe9"}')
    assert (caught.value.line, caught.value.column) == (2, 6)


def test_byte_order_mark_is_allowed() -> None:
    assert read_json_feed(b"\xef\xbb\xbf" + _feed(title="x")).title == "x"


@pytest.mark.parametrize("data", [b"", b"  \n "])
def test_empty_input(data: bytes) -> None:
    with pytest.raises(ParseError, match="empty"):
        read_json_feed(data)


@pytest.mark.parametrize(
    "data",
    [
        b"[]",
        b'"https://jsonfeed.org/version/1.1"',
        b'{"title": "no version"}',
        b'{"version": "https://example.org/version/1"}',
        b'{"version": 1.1}',
    ],
)
def test_json_that_is_not_a_json_feed(data: bytes) -> None:
    with pytest.raises(UnsupportedFormatError):
        read_json_feed(data)


def test_unknown_version_is_read_with_a_warning() -> None:
    blog = read_json_feed(b'{"version": "https://jsonfeed.org/version/2", "title": "t"}')
    assert blog.title == "t"
    assert blog.warnings[0].where == "$.version"


def test_old_http_version_url_is_accepted() -> None:
    blog = read_json_feed(b'{"version": "http://jsonfeed.org/version/1", "title": "t"}')
    assert blog.title == "t"


@pytest.mark.parametrize("depth", [150, 100_000])
def test_huge_nesting_is_a_parse_error_not_a_recursion_error(depth: int) -> None:
    nested = b"[" * depth + b"]" * depth
    data = b'{"version": "https://jsonfeed.org/version/1.1", "_x": ' + nested + b"}"
    with pytest.raises(ParseError, match="nested"):
        read_json_feed(data)


def test_moderate_nesting_in_an_extension_is_kept() -> None:
    nested = [[[[{"a": 1}]]]]
    blog = read_json_feed(_feed(_deep=nested))
    assert json.loads(blog.extensions[0].text or "") == nested


def test_blank_tags_are_skipped() -> None:
    assert read_json_feed(_item(tags=["a", "  "])).posts[0].tags == (Tag(term="a"),)
