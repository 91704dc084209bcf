"""The RSS 2.0 writer: the RSS reader's inverse, with the RSS Advisory Board's profile."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from lxml import etree

from diploblog import Author, Blog, Enclosure, Link, Post, Tag, parse_feed
from diploblog._xmlwrite import ForbiddenCharacterWarning
from diploblog.rss._writer import to_rss
from diploblog.testing import blogs

FEEDS = Path(__file__).parent / "data" / "feeds"
FEED_TYPES = {
    "application/atom+xml",
    "application/rss+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "application/xml",
    "text/xml",
}
WHEN = dt.datetime(2010, 7, 20, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SPECIAL = set("()<>@")


# --- what reading back must give: the model as RSS 2.0 carries it --------------------


def person(author: Author) -> Author:
    # dc:creator holds "email (Name)": no URL, role, location or avatar.
    if author.name is None and author.email is None:
        return Author(name=author.url)
    return Author(name=author.name, email=author.email)


def file_links(
    url: str | None, links: tuple[Link, ...]
) -> tuple[str | None, list[Link], list[Link]]:
    feeds, others = [], []
    for link in links:
        if link.rel == "self" and link.type not in (None, "application/rss+xml"):
            link = attrs.evolve(link, rel="alternate")  # another format's self link
        if link.rel == "self" or (link.rel == "alternate" and link.type in FEED_TYPES):
            feeds.append(link)
        elif link.rel == "alternate" and url is None:
            url = link.url
        else:
            others.append(link)
    return url, feeds, others


def enclosures(post: Post) -> list[Enclosure]:
    if not post.enclosures:
        return []
    first = post.enclosures[0]
    first = attrs.evolve(
        first, length=first.length or 0, type=first.type or "application/octet-stream"
    )
    return [first, *post.enclosures[1:]]


def expected_post(post: Post) -> Post:
    url, links = post.url, list(post.links)
    if url is None:
        first = next((link for link in links if link.rel == "alternate"), None)
        if first is not None:
            url = first.url
            links.remove(first)
    if url is None and post.id is not None and post.id == post.url:
        url = post.id
    return Post(
        id=post.id or post.url,
        url=url,
        title=post.title,
        published=post.published,
        updated=post.updated,
        authors=[person(a) for a in post.authors],
        summary=post.summary,
        content=post.content,
        tags=[Tag(term=t.term, scheme=t.scheme) for t in post.tags],
        comment_count=post.comment_count,
        comments_url=post.comments_url,
        comments_feed_url=post.comments_feed_url,
        enclosures=enclosures(post),
        language=post.language,
        links=links,
        extensions=post.extensions,
    )


def expected_rss(blog: Blog) -> Blog:
    url, feeds, links = file_links(blog.url, (*blog.feeds, *blog.links))
    title = blog.title or blog.url or "Untitled"
    return Blog(
        title=title,
        url=url,
        description=blog.description or title,
        language=blog.language,
        authors=[person(a) for a in blog.authors],
        updated=blog.updated,
        generator=blog.generator,
        feeds=feeds,
        rights=blog.rights,
        logo=blog.logo,
        tags=[Tag(term=t.term, scheme=t.scheme) for t in blog.tags],
        links=links,
        posts=[expected_post(p) for p in blog.posts],
        extensions=blog.extensions,
    )


def assert_same(found: Blog, expected: Blog) -> None:
    for field in attrs.fields(Blog):
        if field.name == "posts":
            continue
        got, want = getattr(found, field.name), getattr(expected, field.name)
        if field.name == "tags":
            got, want = [attrs.astuple(t) for t in got], [attrs.astuple(t) for t in want]
        assert got == want, field.name
    assert len(found.posts) == len(expected.posts)
    for got_post, want_post in zip(found.posts, expected.posts, strict=True):
        for field in attrs.fields(Post):
            got, want = getattr(got_post, field.name), getattr(want_post, field.name)
            if field.name == "tags":
                got, want = [attrs.astuple(t) for t in got], [attrs.astuple(t) for t in want]
            assert got == want, field.name


def plain_people(blog: Blog) -> bool:
    # "email (Name)" cannot be read back when the name itself holds ( ) < > or @.
    people = [*blog.authors, *(a for p in blog.posts for a in p.authors)]
    return all(not (SPECIAL & set(a.name or "")) for a in people)


def unique_enclosures(blog: Blog) -> bool:
    return all(len({e.url for e in p.enclosures}) == len(p.enclosures) for p in blog.posts)


# --- tests -------------------------------------------------------------------------


@PROPERTY
@given(blogs())
def test_any_blog_reads_back(blog: Blog) -> None:
    assume(plain_people(blog) and unique_enclosures(blog))
    assert_same(parse_feed(to_rss(blog)), expected_rss(blog))


@pytest.mark.parametrize("name", ["wordpress-rss2.xml", "rss091-netscape.xml", "rss1-rdf.xml"])
def test_fixture_round_trip(name: str) -> None:
    original = attrs.evolve(parse_feed((FEEDS / name).read_bytes()), warnings=())
    original = attrs.evolve(original, posts=[attrs.evolve(p, comments=()) for p in original.posts])
    assert_same(parse_feed(to_rss(original)), expected_rss(original))


def test_extensions_read_from_a_feed_are_written_back() -> None:
    original = parse_feed((FEEDS / "wordpress-rss2.xml").read_bytes())
    again = parse_feed(to_rss(original))
    assert again.extensions == original.extensions
    assert [p.extensions for p in again.posts] == [p.extensions for p in original.posts]
    assert any(p.extensions for p in original.posts) or original.extensions


def test_same_blog_same_bytes() -> None:
    first = parse_feed((FEEDS / "wordpress-rss2.xml").read_bytes())
    second = parse_feed((FEEDS / "wordpress-rss2.xml").read_bytes())
    assert to_rss(first) == to_rss(second)
    assert to_rss(first, pretty=True) == to_rss(second, pretty=True)
    assert to_rss(first).startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<rss ")


def item(post: Post, **blog: object) -> etree._Element:
    root = etree.fromstring(to_rss(Blog(title="T", posts=[post], **blog)))  # type: ignore[arg-type]
    found = root.find("channel/item")
    assert found is not None
    return found


class TestProfile:
    def test_required_channel_elements_have_documented_fallbacks(self) -> None:
        channel = etree.fromstring(to_rss(Blog()))[0]
        assert [c.tag for c in channel] == ["title", "description"]
        assert channel.findtext("title") == "Untitled"
        assert channel.findtext("description") == "Untitled"

    def test_guid_is_a_permalink_only_when_it_is_the_url(self) -> None:
        url = "https://example.org/1"
        assert item(Post(id=url, url=url)).find("guid").get("isPermaLink") == "true"  # type: ignore[union-attr]
        el = item(Post(id="tag:example.org,2010:1", url=url)).find("guid")
        assert el is not None
        assert el.get("isPermaLink") == "false"
        el = item(Post(url=url)).find("guid")
        assert el is not None
        assert (el.text, el.get("isPermaLink")) == (url, "true")

    def test_one_link_rfc822_dates_and_escaped_html(self) -> None:
        post = Post(
            url="https://example.org/1",
            published=WHEN,
            summary="<p>5 &lt; 6</p>",
            links=[Link(url="https://example.org/2", rel="alternate")],
        )
        el = item(post)
        assert len(el.findall("link")) == 1
        assert el.findtext("pubDate") == "Tue, 20 Jul 2010 14:05:00 +0100"
        assert b"<description>&lt;p&gt;5 &amp;lt; 6&lt;/p&gt;</description>" in etree.tostring(el)

    def test_comment_elements(self) -> None:
        post = Post(
            title="P",
            comment_count=4,
            comments_url="https://example.org/1#comments",
            comments_feed_url="https://example.org/1/feed",
        )
        el = item(post)
        ns = {
            "slash": "http://purl.org/rss/1.0/modules/slash/",
            "wfw": "http://wellformedweb.org/CommentAPI/",
        }
        assert el.findtext("slash:comments", namespaces=ns) == "4"
        assert el.findtext("wfw:commentRss", namespaces=ns) == "https://example.org/1/feed"
        assert el.findtext("comments") == "https://example.org/1#comments"

    def test_one_enclosure_then_media_content(self) -> None:
        first = Enclosure(
            url="https://example.org/1.mp3", type="audio/mpeg", length=5, title="One", duration=61
        )
        second = Enclosure(url="https://example.org/2.jpg")
        el = item(Post(title="P", enclosures=[first, second]))
        assert len(el.findall("enclosure")) == 1
        found = parse_feed(
            to_rss(Blog(title="T", posts=[Post(title="P", enclosures=[first, second])]))
        )
        assert found.posts[0].enclosures == (first, second)

    def test_unknown_enclosure_length_and_type(self) -> None:
        el = item(Post(title="P", enclosures=[Enclosure(url="https://example.org/f")])).find(
            "enclosure"
        )
        assert el is not None
        assert (el.get("length"), el.get("type")) == ("0", "application/octet-stream")

    def test_people_as_dc_creator(self) -> None:
        post = Post(title="P", authors=[Author(name="Jo", email="jo@example.org")])
        el = item(post)
        dc = "{http://purl.org/dc/elements/1.1/}creator"
        assert el.findtext(dc) == "jo@example.org (Jo)"
        assert el.find("author") is None


class TestForbiddenCharacters:
    def test_removed_with_a_warning(self) -> None:
        with pytest.warns(ForbiddenCharacterWarning):
            data = to_rss(Blog(title="T", posts=[Post(title="Bell\x07", summary="a\x1fb")]))
        found = parse_feed(data).posts[0]
        assert (found.title, found.summary) == ("Bell", "ab")

    def test_clean_text_warns_nothing(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            to_rss(Blog(title="Tab\there"))


@pytest.mark.corpus
def test_corpus_feeds_convert_to_rss(corpus_dir: Path) -> None:
    from diploblog._errors import DiploblogError

    converted = 0
    for path in sorted((corpus_dir / "feeds").rglob("*.xml")):
        try:
            blog = parse_feed(path.read_bytes())
        except DiploblogError:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ForbiddenCharacterWarning)
            data = to_rss(blog)
        assert len(parse_feed(data).posts) == len(list(blog.posts)), path
        converted += 1
    assert converted > 100
