"""The Atom 1.0 writer: schema-valid output, derived ids and dates, round trips, threads."""

from __future__ import annotations

import datetime as dt
import functools
import warnings
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from lxml import etree

from diploblog import Author, Blog, Comment, Enclosure, Extension, Link, Post, Tag, parse_feed
from diploblog._xmlwrite import EPOCH, ForbiddenCharacterWarning, derived_blog_id, derived_post_id
from diploblog.atom._writer import to_atom
from diploblog.testing import blogs

FEEDS = Path(__file__).parent / "data" / "feeds"
SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "atom.rng"
ATOM = "http://www.w3.org/2005/Atom"
FEED_TYPES = {
    "application/atom+xml",
    "application/rss+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "application/xml",
    "text/xml",
}
UTC = dt.timezone.utc
WHEN = dt.datetime(2010, 7, 20, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def load_schema() -> etree.RelaxNG:
    return etree.RelaxNG(file=str(SCHEMA))


@pytest.fixture(scope="module")
def schema() -> etree.RelaxNG:
    if not SCHEMA.is_file():
        pytest.skip(f"Atom schema not found at {SCHEMA}")
    return load_schema()


def assert_valid(schema: etree.RelaxNG, data: bytes) -> None:
    ok = schema.validate(etree.fromstring(data))
    assert ok, str(schema.error_log)


# --- what reading back must give: the model as Atom carries it ------------------------


def person(author: Author) -> Author:
    # Atom people carry name, uri, email (and Blogger's gd:image); not role or location.
    return attrs.evolve(author, role=None, location=None)


def tag(t: Tag) -> Tag:
    return Tag(term=t.term, scheme=t.scheme, label=t.label)


def file_links(
    url: str | None, links: tuple[Link, ...]
) -> tuple[str | None, list[Link], list[Link]]:
    """The Atom reader's filing of feed-level links (RFC 4287 link relations)."""
    feeds, others = [], []
    for link in links:
        if link.rel == "self" and link.type not in (None, "application/atom+xml"):
            link = attrs.evolve(link, rel="alternate")  # another format's self link
        if link.rel == "self" or (link.rel == "alternate" and link.type in FEED_TYPES):
            feeds.append(link)
        elif link.rel == "alternate" and url is None:
            url = link.url
        else:
            others.append(link)
    return url, feeds, others


def atom_extensions(extensions: tuple[Extension, ...]) -> tuple[Extension, ...]:
    # Atom's own elements the reader could not use are not written back (but contributors).
    return tuple(e for e in extensions if e.namespace != ATOM or e.name == "contributor")


def without_empty_titles(extensions: tuple[Extension, ...]) -> tuple[Extension, ...]:
    # A missing title is written empty (Atom requires one); the reader keeps it aside.
    return tuple(e for e in extensions if not (e.namespace == ATOM and e.name == "title"))


def expected_comment(comment: Comment, ids: set[str], fallback: dt.datetime) -> Comment:
    titles = [e for e in comment.extensions if e.namespace == ATOM and e.name == "title"]
    name = comment.author.name if comment.author else None
    title = (
        titles[0]
        if titles
        else Extension(
            namespace=ATOM, name="title", text=f"Comment by {name}" if name else "Comment"
        )
    )
    rest = tuple(e for e in comment.extensions if e is not title)
    return Comment(
        id=comment.id,
        url=comment.url,
        author=person(comment.author) if comment.author else None,
        published=comment.published or fallback,
        content=comment.content,
        in_reply_to=comment.in_reply_to if comment.in_reply_to in ids else None,
        extensions=(Extension(namespace=ATOM, name="title", text=title.text), *rest),
    )


def expected_post(post: Post, post_id: str, fallback: dt.datetime) -> Post:
    url, links = post.url, list(post.links)
    if url is None:
        first = next((link for link in links if link.rel == "alternate"), None)
        if first is not None:
            url = first.url
            links.remove(first)
    ids = {c.id for c in post.comments if c.id}
    return Post(
        id=post_id,
        url=url,
        title=post.title,
        published=post.published,
        updated=post.updated or post.published or fallback,
        authors=[person(a) for a in post.authors],
        summary=post.summary,
        content=post.content,
        tags=[tag(t) for t in post.tags],
        comments=[expected_comment(c, ids, fallback) for c in post.comments],
        comment_count=post.comment_count,
        comments_url=post.comments_url,
        comments_feed_url=post.comments_feed_url,
        enclosures=[attrs.evolve(e, duration=None) for e in post.enclosures],
        language=post.language,
        links=links,
        extensions=atom_extensions(post.extensions),
    )


def latest(blog: Blog) -> dt.datetime:
    if blog.updated:
        return blog.updated
    dates = []
    for p in blog.posts:
        dates += [d for d in (p.published, p.updated) if d]
        dates += [c.published for c in p.comments if c.published]
    return max(dates) if dates else EPOCH


def expected_atom(blog: Blog) -> Blog:
    fallback = latest(blog)
    url, feeds, links = file_links(blog.url, (*blog.feeds, *blog.links))
    authors = [person(a) for a in blog.authors]
    anonymous = any(not p.authors or any(not c.author for c in p.comments) for p in blog.posts)
    if not authors and anonymous:
        authors = [Author(name=blog.title or blog.url or "Unknown")]
    feed_id = derived_blog_id(blog)
    return Blog(
        id=feed_id,
        title=blog.title,
        url=url,
        description=blog.description,
        language=blog.language,
        authors=authors,
        updated=fallback,
        generator=blog.generator,
        feeds=feeds,
        rights=blog.rights,
        icon=blog.icon,
        logo=blog.logo,
        tags=[tag(t) for t in blog.tags],
        links=links,
        posts=[expected_post(p, derived_post_id(feed_id, p), fallback) for p in blog.posts],
        extensions=atom_extensions(blog.extensions),
    )


def read_back(data: bytes) -> Blog:
    blog = parse_feed(data)
    posts = [attrs.evolve(p, extensions=without_empty_titles(p.extensions)) for p in blog.posts]
    return attrs.evolve(blog, posts=posts, extensions=without_empty_titles(blog.extensions))


def assert_same(found: Blog, expected: Blog) -> None:
    # Field by field, so a failure names the field; tags compare on every field.
    for name in ("id", "title", "url", "description", "language", "authors", "updated"):
        assert getattr(found, name) == getattr(expected, name), name
    for name in ("generator", "feeds", "rights", "icon", "logo", "links", "extensions"):
        assert getattr(found, name) == getattr(expected, name), name
    assert [attrs.astuple(t) for t in found.tags] == [attrs.astuple(t) for t in expected.tags]
    assert found.warnings == ()
    assert len(found.posts) == len(expected.posts)
    for got, want in zip(found.posts, expected.posts, strict=True):
        for field in attrs.fields(Post):
            if field.name == "tags":
                assert [attrs.astuple(t) for t in got.tags] == [attrs.astuple(t) for t in want.tags]
            else:
                assert getattr(got, field.name) == getattr(want, field.name), field.name


def unique_enclosures(blog: Blog) -> bool:
    # Readers merge enclosures that share a URL.
    return all(len({e.url for e in p.enclosures}) == len(p.enclosures) for p in blog.posts)


def unique_ids(blog: Blog) -> bool:
    feed_id = derived_blog_id(blog)
    ids = [derived_post_id(feed_id, p) for p in blog.posts]
    ids += [c.id or "" for p in blog.posts for c in p.comments]
    return len(set(ids)) == len(ids)


# --- tests -------------------------------------------------------------------------


@PROPERTY
@given(blogs())
def test_any_blog_validates_and_reads_back(blog: Blog) -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"Atom schema not found at {SCHEMA}")
    assume(unique_enclosures(blog) and unique_ids(blog))
    data = to_atom(blog)
    assert_valid(load_schema(), data)
    assert_same(read_back(data), expected_atom(blog))


@pytest.mark.parametrize("name", sorted(p.name for p in FEEDS.glob("*.xml")))
def test_fixture_round_trip(name: str, schema: etree.RelaxNG) -> None:
    original = parse_feed((FEEDS / name).read_bytes())
    original = attrs.evolve(original, warnings=())
    data = to_atom(original)
    assert_valid(schema, data)
    assert_same(read_back(data), expected_atom(original))


def test_extensions_read_from_a_feed_are_written_back() -> None:
    original = parse_feed((FEEDS / "wordpress-rss2.xml").read_bytes())
    assert any(p.extensions for p in original.posts) or original.extensions
    again = parse_feed(to_atom(original))
    assert again.extensions == original.extensions
    assert [p.extensions for p in again.posts] == [
        atom_extensions(p.extensions) for p in original.posts
    ]


def test_same_blog_same_bytes() -> None:
    original = parse_feed((FEEDS / "atom10-threading.xml").read_bytes())
    copy = parse_feed((FEEDS / "atom10-threading.xml").read_bytes())
    assert to_atom(original) == to_atom(copy)
    assert to_atom(original, pretty=True) == to_atom(copy, pretty=True)


def test_pretty_output_is_indented_and_the_same_document() -> None:
    blog = Blog(title="T", posts=[Post(title="P", published=WHEN)])
    pretty = to_atom(blog, pretty=True)
    assert b"\n  <entry>\n    <id>" in pretty
    assert parse_feed(pretty) == parse_feed(to_atom(blog))
    assert to_atom(blog).startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<feed ")


class TestDerived:
    def test_ids_from_urls(self) -> None:
        blog = Blog(url="https://example.org/", posts=[Post(url="https://example.org/1")])
        found = parse_feed(to_atom(blog))
        assert found.id == "https://example.org/"
        assert found.posts[0].id == "https://example.org/1"

    def test_ids_without_urls_are_stable_name_based_uuids(self) -> None:
        blog = Blog(title="T", posts=[Post(title="A", published=WHEN), Post(title="B")])
        first, second = parse_feed(to_atom(blog)), parse_feed(to_atom(blog))
        assert first.id == second.id
        assert first.id is not None
        assert first.id.startswith("urn:uuid:")
        ids = [p.id for p in first.posts]
        assert ids == [p.id for p in second.posts]
        assert all(i is not None and i.startswith("urn:uuid:") for i in ids)
        assert ids[0] != ids[1]

    def test_updated_comes_from_published_then_the_latest_date(self) -> None:
        later = WHEN + dt.timedelta(days=3)
        blog = Blog(
            title="T", posts=[Post(title="A", published=WHEN), Post(title="B", updated=later)]
        )
        found = parse_feed(to_atom(blog))
        assert found.updated == later
        assert [p.updated for p in found.posts] == [WHEN, later]

    def test_undated_blog_gets_the_documented_epoch_never_now(self) -> None:
        found = parse_feed(to_atom(Blog(title="T", posts=[Post(title="A")])))
        assert found.updated == dt.datetime(1970, 1, 1, tzinfo=UTC)
        assert found.posts[0].updated == dt.datetime(1970, 1, 1, tzinfo=UTC)

    def test_feed_author_when_an_entry_has_none(self) -> None:
        found = parse_feed(to_atom(Blog(title="Global conversations", posts=[Post(title="A")])))
        assert found.authors == (Author(name="Global conversations"),)

    def test_no_feed_author_when_every_entry_has_one(self) -> None:
        post = Post(title="A", authors=[Author(name="Jo")])
        assert parse_feed(to_atom(Blog(title="T", posts=[post]))).authors == ()


class TestThreads:
    def test_comments_become_rfc4685_replies(self, schema: etree.RelaxNG) -> None:
        first = Comment(id="c1", author=Author(name="Jo"), published=WHEN, content="<p>Hi</p>")
        reply = Comment(id="c2", content="Hello", in_reply_to="c1", url="https://example.org/1#c2")
        post = Post(
            id="p1",
            url="https://example.org/1",
            title="P",
            published=WHEN,
            comments=[first, reply],
            comment_count=5,
        )
        data = to_atom(Blog(title="T", authors=[Author(name="Ann")], posts=[post]))
        assert_valid(schema, data)
        root = etree.fromstring(data)
        ns = {"a": ATOM, "thr": "http://purl.org/syndication/thread/1.0"}
        refs = [(e.get("ref"), e.get("href")) for e in root.iterfind("a:entry/thr:in-reply-to", ns)]
        assert refs == [("p1", "https://example.org/1"), ("c1", None)]
        assert root.findtext("a:entry/thr:total", namespaces=ns) == "5"
        found = parse_feed(data).posts[0]
        assert [(c.id, c.in_reply_to, c.content) for c in found.comments] == [
            ("c1", None, "<p>Hi</p>"),
            ("c2", "c1", "Hello"),
        ]
        assert found.comments[1].published == WHEN  # undated: the feed's date
        assert found.comment_count == 5

    def test_comment_without_id_gets_one_from_its_post(self) -> None:
        post = Post(id="p1", title="P", published=WHEN, comments=[Comment(content="x")])
        found = parse_feed(to_atom(Blog(title="T", posts=[post]))).posts[0]
        assert found.comments[0].id == "p1#comment-1"


class TestForbiddenCharacters:
    def test_removed_with_a_warning(self, schema: etree.RelaxNG) -> None:
        post = Post(title="Bell\x07 and \x1b escape", content="<p>a\x00b\ufffe</p>", published=WHEN)
        with pytest.warns(ForbiddenCharacterWarning) as seen:
            data = to_atom(Blog(title="T\x0c", posts=[post]))
        messages = " ".join(str(w.message) for w in seen)
        for code in ("U+000C", "U+0007", "U+001B", "U+0000", "U+FFFE"):
            assert code in messages
        assert_valid(schema, data)
        found = parse_feed(data)
        assert found.title == "T"
        assert found.posts[0].title == "Bell and  escape"
        assert found.posts[0].content == "<p>ab</p>"

    def test_tab_newline_and_return_are_kept_silently(self) -> None:
        post = Post(title="P", content="<p>a\tb\nc\rd</p>", published=WHEN)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            data = to_atom(Blog(title="T", posts=[post]))
        assert b"a\tb\nc&#13;d" in data


def test_enclosures_links_and_people(schema: etree.RelaxNG) -> None:
    post = Post(
        id="p1",
        title="Podcast",
        published=WHEN,
        authors=[
            Author(
                name="Jo",
                url="https://example.org/jo",
                email="jo@example.org",
                avatar="https://example.org/jo.png",
                role="Editor",
            )
        ],
        enclosures=[
            Enclosure(
                url="https://example.org/1.mp3",
                type="audio/mpeg",
                length=9,
                title="One",
                duration=60,
            )
        ],
        comments_url="https://example.org/1#comments",
        comments_feed_url="https://example.org/1/feed",
        links=[Link(url="https://example.org/2", rel="next")],
        tags=[Tag(term="fco", scheme="https://example.org/tags/", label="FCO")],
    )
    data = to_atom(Blog(title="T", posts=[post]))
    assert_valid(schema, data)
    found = parse_feed(data).posts[0]
    assert found.authors == (attrs.evolve(post.authors[0], role=None),)
    assert found.enclosures == (attrs.evolve(post.enclosures[0], duration=None),)
    assert (found.comments_url, found.comments_feed_url) == (
        post.comments_url,
        post.comments_feed_url,
    )
    assert found.links == post.links
    assert found.tags[0].same_as(post.tags[0])


@pytest.mark.corpus
def test_corpus_feeds_convert_to_valid_atom(corpus_dir: Path, schema: etree.RelaxNG) -> None:
    from diploblog._errors import DiploblogError

    converted = 0
    for path in sorted((corpus_dir / "feeds").rglob("*.xml")):
        try:
            blog = parse_feed(path.read_bytes())
        except DiploblogError:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ForbiddenCharacterWarning)
            data = to_atom(blog)
        assert_valid(schema, data)
        again = parse_feed(data)
        assert len(again.posts) == len(blog.posts), path
        converted += 1
    assert converted > 100
