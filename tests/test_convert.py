"""convert(): every target from the sample feed, HTML input, and the unknown-target error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diploblog import Blog, UnsupportedFormatError, parse_feed
from diploblog._convert import TARGETS, convert, read_any, write_as

FEED = Path(__file__).resolve().parent.parent / "examples" / "feed.xml"
TITLES = ["The end of this blog", "Podcast: digital diplomacy in practice", "Ambassadors who blog"]


@pytest.mark.parametrize("target", TARGETS)
def test_every_target_reads_back_with_the_posts(target: str) -> None:
    out = convert(FEED.read_bytes(), target)
    blog = read_any(out, url=None)  # HTML goes through parse_html, the rest parse_feed
    assert blog.title == "Global conversations"
    assert [post.title for post in blog.posts] == TITLES


def test_the_sample_feed_carries_what_it_claims() -> None:
    blog = parse_feed(FEED.read_bytes())
    first, podcast, _ = blog.posts
    assert first.comment_count == 12
    assert first.authors[0].name == "Stephen Hale"
    assert [tag.term for tag in first.tags] == ["Digital Diplomacy", "Social Media"]
    assert first.comments_feed_url is not None
    assert podcast.enclosures[0].length == 19456000


def test_jsonfeed_target_keeps_comment_counts() -> None:
    item = json.loads(convert(FEED.read_bytes(), "jsonfeed"))["items"][0]
    assert item["_diploblog"]["comment_count"] == 12


def test_text_input_and_pretty_option() -> None:
    text = FEED.read_text(encoding="utf-8")
    assert convert(text, "jsonfeed") == convert(FEED.read_bytes(), "jsonfeed")
    assert convert(text, "jsonfeed", pretty=True).count(b"\n") > 10


def test_unknown_target_lists_the_choices() -> None:
    with pytest.raises(UnsupportedFormatError) as raised:
        convert(FEED.read_bytes(), "pdf")
    assert "'pdf'" in str(raised.value)
    for target in ("atom", "rss", "jsonfeed", "wxr"):
        assert target in str(raised.value)
    with pytest.raises(UnsupportedFormatError):
        write_as(Blog(), "html5")


def test_html_pages_become_a_blog_of_their_posts() -> None:
    page = (
        b'<!DOCTYPE html><html><body><article class="h-entry"><h1 class="p-name">Hello</h1>'
        b'<div class="e-content"><p>Hi</p></div></article></body></html>'
    )
    blog = read_any(page, url="https://blogs.example/entry/hello")
    assert [post.title for post in blog.posts] == ["Hello"]
    atom = convert(page, "atom", url="https://blogs.example/entry/hello")
    assert [post.title for post in parse_feed(atom).posts] == ["Hello"]


def test_non_feed_input_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormatError):
        convert(b"\x89PNG\r\n\x1a\n\x00\x00", "atom")
