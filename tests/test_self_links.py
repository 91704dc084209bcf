"""A converted document never claims the original feed's address as its own ``self``."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from diploblog import Blog, Link, convert, parse_feed
from diploblog.atom._writer import to_atom
from diploblog.jsonfeed._writer import to_json_feed
from diploblog.rss._writer import to_rss

ATOM = "http://www.w3.org/2005/Atom"
RSS_URL = "https://blogs.example.org/hale/feed/"
RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>Global conversations</title><link>https://blogs.example.org/hale</link>
<description>Digital diplomacy</description>
<atom:link href="{RSS_URL}" rel="self" type="application/rss+xml"/>
<atom:link href="https://pubsubhubbub.appspot.com/" rel="hub"/>
<item><title>The end</title><link>https://blogs.example.org/hale/end</link></item>
</channel></rss>""".encode()


def atom_links(data: bytes) -> list[tuple[str | None, str | None, str | None]]:
    root = etree.fromstring(data)
    return [(el.get("rel"), el.get("type"), el.get("href")) for el in root.iterchildren()
            if el.tag == f"{{{ATOM}}}link"]  # fmt: skip


def rss_links(data: bytes) -> list[tuple[str | None, str | None, str | None]]:
    channel = etree.fromstring(data).find("channel")
    assert channel is not None
    return [(el.get("rel"), el.get("type"), el.get("href")) for el in channel
            if el.tag == f"{{{ATOM}}}link"]  # fmt: skip


def test_rss_self_link_is_an_alternate_in_atom_output() -> None:
    links = atom_links(convert(RSS, "atom"))
    assert ("self", "application/rss+xml", RSS_URL) not in links
    assert [rel for rel, _, href in links if href == RSS_URL] == ["alternate"]
    assert ("alternate", "application/rss+xml", RSS_URL) in links
    assert ("hub", None, "https://pubsubhubbub.appspot.com/") in links


def test_the_atom_output_reads_back_with_the_rss_feed_as_an_alternate_feed() -> None:
    blog = parse_feed(convert(RSS, "atom"))
    assert [(f.rel, f.type, f.url) for f in blog.feeds] == [
        ("alternate", "application/rss+xml", RSS_URL)
    ]


def test_rss_to_rss_keeps_its_self_link() -> None:
    assert ("self", "application/rss+xml", RSS_URL) in rss_links(convert(RSS, "rss"))


def test_atom_self_link_is_an_alternate_in_rss_output() -> None:
    blog = Blog(
        title="T",
        feeds=[Link(url="https://example.org/atom", rel="self", type="application/atom+xml")],
    )
    assert rss_links(to_rss(blog)) == [
        ("alternate", "application/atom+xml", "https://example.org/atom")
    ]
    assert ("self", "application/atom+xml", "https://example.org/atom") in atom_links(to_atom(blog))


@pytest.mark.parametrize(
    "kind", [None, "application/atom+xml", "application/atom+xml; charset=utf-8", "application/xml"]
)
def test_self_links_of_this_format_or_without_a_type_stay_self(kind: str | None) -> None:
    blog = Blog(title="T", feeds=[Link(url="https://example.org/f", rel="self", type=kind)])
    assert atom_links(to_atom(blog))[0][0] == "self"


def test_json_feed_url_is_not_the_rss_address() -> None:
    document = json.loads(convert(RSS, "jsonfeed"))
    assert "feed_url" not in document
    # Nothing is lost: the feed link comes back from diploblog's own member.
    assert parse_feed(convert(RSS, "jsonfeed")).feeds == parse_feed(RSS).feeds


def test_json_feed_url_is_its_own_self_link() -> None:
    blog = Blog(
        title="T",
        feeds=[
            Link(url=RSS_URL, rel="self", type="application/rss+xml"),
            Link(url="https://example.org/feed.json", rel="self", type="application/feed+json"),
        ],
    )
    assert json.loads(to_json_feed(blog))["feed_url"] == "https://example.org/feed.json"
