"""The JSON Feed 1.1 writer: valid output, derived ids, determinism, lossless round trips."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from diploblog import (
    Author,
    Blog,
    Comment,
    DiploblogError,
    Enclosure,
    Extension,
    Link,
    Post,
    Tag,
    parse_feed,
)
from diploblog.jsonfeed._writer import derived_id, to_json_feed
from diploblog.testing import blogs

WHEN = dt.datetime(2010, 7, 20, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
JF = "https://jsonfeed.org/version/1.1"

# Fields JSON Feed cannot carry, even with the `_diploblog` extension: none. The
# warnings are the reader's own record, not blog data.
LOST_BLOG_FIELDS: frozenset[str] = frozenset({"warnings"})
LOST_POST_FIELDS: frozenset[str] = frozenset()

RICH = Blog(
    id="tag:blogs.example,2010:global",
    title="Global conversations",
    url="https://blogs.example/",
    description="Digital diplomacy",
    language="en-GB",
    authors=[Author(name="Stephen Hale", url="https://blogs.example/hale", email="s@x.example")],
    updated=WHEN,
    generator="Apache Roller",
    feeds=[Link(url="https://blogs.example/feed.json", rel="self", type="application/feed+json")],
    icon="https://blogs.example/favicon.ico",
    logo="https://blogs.example/logo.png",
    links=[Link(url="https://blogs.example/page/2", rel="next")],
    posts=[
        Post(
            id="entry-1",
            url="https://blogs.example/entry/1",
            title="The end of this blog",
            published=WHEN,
            updated=WHEN + dt.timedelta(days=1),
            authors=[Author(name="Stephen Hale", role="Head of Engagement")],
            summary="<p>Goodbye</p>",
            content="<p>Goodbye &amp; thanks</p>",
            tags=[Tag(term="Digital Diplomacy", scheme="https://blogs.example/tags/")],
            comments=[
                Comment(id="c1", content="<p>Thanks</p>", published=WHEN),
                Comment(id="c2", content="<p>Agreed</p>", in_reply_to="c1"),
            ],
            comment_count=5,
            comments_url="https://blogs.example/entry/1#comments",
            comments_feed_url="https://blogs.example/entry/1/feed",
            enclosures=[Enclosure(url="https://blogs.example/a.mp3", type="audio/mpeg", length=9)],
            language="en",
            kind="page",
            links=[Link(url="https://elsewhere.example/", rel="related")],
            extensions=[Extension(namespace=JF, name="_ext", text='{"a": 1}')],
        )
    ],
)


def check_json_feed(document: Any) -> None:
    """The JSON Feed 1.1 rules: required members and the type of every member used."""
    assert isinstance(document, dict)
    assert next(iter(document)) == "version"  # where format sniffers look
    assert document["version"] == JF
    assert isinstance(document["title"], str)
    assert isinstance(document["items"], list)
    for key in ("home_page_url", "feed_url", "description", "icon", "favicon", "language"):
        assert isinstance(document.get(key, ""), str), key
    check_authors(document)
    for hub in document.get("hubs", []):
        assert isinstance(hub["type"], str)
        assert isinstance(hub["url"], str)
    for item in document["items"]:
        check_item(item)


def check_item(item: Any) -> None:
    assert isinstance(item, dict)
    assert isinstance(item["id"], str)
    assert item["id"]
    assert "content_html" in item or "content_text" in item
    for key in ("url", "external_url", "title", "content_html", "summary", "language"):
        assert isinstance(item.get(key, ""), str), key
    for key in ("date_published", "date_modified"):
        if key in item:
            # RFC 3339 keeps an explicit offset.
            assert dt.datetime.fromisoformat(item[key]).tzinfo is not None
    assert all(isinstance(tag, str) for tag in item.get("tags", []))
    check_authors(item)
    for attachment in item.get("attachments", []):
        assert isinstance(attachment["url"], str)
        assert isinstance(attachment["mime_type"], str)
        for key in ("size_in_bytes", "duration_in_seconds"):
            assert isinstance(attachment.get(key, 0), int)
    assert all(key.startswith("_") for key in item if key not in STANDARD_ITEM)


STANDARD_ITEM = {
    "id", "url", "external_url", "title", "content_html", "content_text", "summary",
    "image", "banner_image", "date_published", "date_modified", "authors", "tags",
    "language", "attachments",
}  # fmt: skip


def check_authors(obj: dict[str, Any]) -> None:
    for author in obj.get("authors", []):
        assert set(author) <= {"name", "url", "avatar"}
        assert author


def fields(obj: Blog | Post, lost: frozenset[str]) -> dict[str, object]:
    return {f.name: getattr(obj, f.name) for f in attrs.fields(type(obj)) if f.name not in lost}


def test_standard_members_are_written_where_json_feed_readers_expect_them() -> None:
    document = json.loads(to_json_feed(RICH))
    check_json_feed(document)
    assert document["feed_url"] == "https://blogs.example/feed.json"
    assert document["favicon"] == "https://blogs.example/favicon.ico"
    assert document["icon"] == "https://blogs.example/logo.png"
    assert document["next_url"] == "https://blogs.example/page/2"
    item = document["items"][0]
    assert item["id"] == "entry-1"
    assert item["external_url"] == "https://elsewhere.example/"
    assert item["date_published"] == "2010-07-20T14:05:00+01:00"
    assert item["date_modified"] == "2010-07-21T14:05:00+01:00"
    assert item["tags"] == ["Digital Diplomacy"]
    assert item["attachments"] == [
        {"mime_type": "audio/mpeg", "size_in_bytes": 9, "url": "https://blogs.example/a.mp3"}
    ]
    assert item["_ext"] == {"a": 1}


def test_fields_without_a_member_go_to_the_diploblog_extension() -> None:
    item = json.loads(to_json_feed(RICH))["items"][0]
    kept = item["_diploblog"]
    assert kept["comment_count"] == 5
    assert kept["kind"] == "page"
    assert kept["comments_feed_url"] == "https://blogs.example/entry/1/feed"
    assert [c["id"] for c in kept["comments"]] == ["c1", "c2"]
    assert kept["comments"][1]["in_reply_to"] == "c1"
    assert "title" not in kept
    assert "url" not in kept


def test_rich_blog_round_trips_exactly() -> None:
    assert fields(parse_feed(to_json_feed(RICH)), LOST_BLOG_FIELDS) == fields(
        RICH, LOST_BLOG_FIELDS
    )


def test_feed_url_falls_back_to_the_first_json_feed_link() -> None:
    feeds = [
        Link(url="https://b.example/atom", type="application/atom+xml"),
        Link(url="https://b.example/feed.json", type="application/feed+json"),
    ]
    document = json.loads(to_json_feed(Blog(title="B", feeds=feeds)))
    assert document["feed_url"] == "https://b.example/feed.json"


def test_derived_ids_are_stable_and_documented() -> None:
    assert derived_id(Post(id="x", url="https://b.example/1")) == "x"
    assert derived_id(Post(url="https://b.example/1")) == "https://b.example/1"
    expected = hashlib.sha256(b"Hello\n2010-07-20T14:05:00+01:00").hexdigest()
    assert derived_id(Post(title="Hello", published=WHEN)) == f"urn:sha256:{expected}"
    document = json.loads(to_json_feed(Blog(posts=[Post(title="Hello", published=WHEN)])))
    assert document["items"][0]["id"] == f"urn:sha256:{expected}"
    assert parse_feed(to_json_feed(Blog(posts=[Post(title="Hello")]))).posts[0].id is None


def test_output_is_utf8_not_ascii_escaped_and_pretty_by_option() -> None:
    blog = Blog(title="Café \u2013 déjà vu")
    compact = to_json_feed(blog)
    assert "Café \u2013 déjà vu".encode() in compact
    assert b"\n" not in compact
    pretty = to_json_feed(blog, pretty=True)
    assert pretty.startswith(b'{\n  "version": "https://jsonfeed.org/version/1.1",\n  "items"')
    assert json.loads(pretty) == json.loads(compact)


@PROPERTY
@given(blogs())
def test_output_is_valid_and_deterministic(blog: Blog) -> None:
    first = to_json_feed(blog)
    assert first == to_json_feed(blog)
    check_json_feed(json.loads(first.decode("utf-8")))


@PROPERTY
@given(blogs())
def test_round_trip_keeps_every_field(blog: Blog) -> None:
    read = parse_feed(to_json_feed(blog))
    assert fields(read, LOST_BLOG_FIELDS | {"posts"}) == fields(blog, LOST_BLOG_FIELDS | {"posts"})
    assert len(read.posts) == len(blog.posts)
    for got, want in zip(read.posts, blog.posts, strict=True):
        assert fields(got, LOST_POST_FIELDS) == fields(want, LOST_POST_FIELDS)


def test_an_unreadable_diploblog_object_is_kept_with_a_warning() -> None:
    document = {
        "version": JF,
        "title": "B",
        "items": [{"id": "1", "content_html": "", "_diploblog": {"comment_count": "many"}}],
    }
    blog = parse_feed(json.dumps(document).encode())
    post = blog.posts[0]
    assert post.comment_count is None
    assert [ext.name for ext in post.extensions] == ["_diploblog"]
    assert any("_diploblog" in w.message and w.where == "$.items[0]" for w in blog.warnings)


CORPUS = Path(os.environ.get("DIPLOBLOG_CORPUS") or Path(__file__).parents[2] / "shared" / "corpus")
CORPUS_FEEDS = sorted(p for p in (CORPUS / "feeds").rglob("*") if p.is_file())


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_FEEDS, reason=f"no corpus at {CORPUS}")
def test_every_corpus_feed_round_trips_through_json_feed() -> None:
    differing = []
    for path in CORPUS_FEEDS:
        try:
            blog = parse_feed(path.read_bytes())
        except DiploblogError:
            continue  # documents the readers refuse are the reader tests' business
        written = to_json_feed(blog)
        check_json_feed(json.loads(written))
        if attrs.evolve(parse_feed(written), warnings=()) != attrs.evolve(blog, warnings=()):
            differing.append(path.name)
    assert differing == []
