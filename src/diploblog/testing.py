"""Hypothesis strategies that build valid diploblog model objects, for property tests.

Every strategy here builds objects the model accepts, kept small so that property
tests run fast. Text values are XML-safe: no control characters other than tab and
line feed (none at all in one-line text), no lone surrogates, no U+FFFE or U+FFFF,
so format writers can round-trip them. One-line text (titles, names, terms) has no
leading, trailing or doubled spaces, which readers commonly tidy away. HTML values
(`html_fragments`) are small, well-formed fragments with ``&``, ``<`` and ``>``
escaped. Datetimes are timezone-aware with whole-minute offsets.

This module needs Hypothesis: install ``diploblog[testing]``.

Example:
    >>> from hypothesis.strategies import SearchStrategy
    >>> isinstance(blogs(), SearchStrategy)
    True

    In a test module::

        from hypothesis import given
        from diploblog import from_dict, to_dict
        from diploblog.testing import posts

        @given(posts())
        def test_json_round_trip(post):
            assert to_dict(from_dict(type(post), to_dict(post))) == to_dict(post)
"""

from __future__ import annotations

import datetime as _dt
import html
from typing import Any

import attrs
from hypothesis import strategies as st

from diploblog._model import (
    PAGE_KINDS,
    Author,
    Blog,
    Capture,
    Comment,
    Enclosure,
    Extension,
    Link,
    Page,
    Post,
    ReadWarning,
    Tag,
    WeightedTag,
)
from diploblog._slug import slugify

__all__ = [
    "authors",
    "aware_datetimes",
    "blogs",
    "captures",
    "comments",
    "enclosures",
    "extensions",
    "html_fragments",
    "links",
    "pages",
    "posts",
    "read_warnings",
    "tags",
    "texts",
    "urls",
    "weighted_tags",
]

# Letters (any script), digits, punctuation and symbols: XML-safe by construction,
# since control, format, surrogate and unassigned categories are all left out.
_WORD_CHARS = st.characters(categories=["L", "Nd", "P", "S"])
_ASCII_LOWER = "abcdefghijklmnopqrstuvwxyz"
_DNS_CHARS = _ASCII_LOWER + "0123456789"
_PATH_CHARS = _DNS_CHARS + "-_."
_NAMESPACES = (
    "http://purl.org/rss/1.0/modules/slash/",
    "http://purl.org/dc/elements/1.1/",
    "http://wordpress.org/export/1.2/",
    "http://search.yahoo.com/mrss/",
    "",
)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def texts(*, max_words: int = 4) -> st.SearchStrategy[str]:
    """One-line text: a few words of letters, digits, punctuation and symbols.

    Words come from any script ("café", "Россия", "日本") and include ``&``,
    ``<``, ``>`` and quotes; they are joined by single spaces, so the text is
    never blank and has no leading or trailing space.

    Args:
        max_words: the largest number of words.

    Returns:
        A strategy for str.

    Example:
        >>> isinstance(texts(max_words=2), st.SearchStrategy)
        True
    """
    words = st.text(_WORD_CHARS, min_size=1, max_size=6)
    return st.lists(words, min_size=1, max_size=max_words).map(" ".join)


def aware_datetimes(*, microseconds: bool = False) -> st.SearchStrategy[_dt.datetime]:
    """Timezone-aware datetimes from 1990 to 2039 with whole-minute fixed offsets.

    Offsets run from -12:00 to +14:00, the range real zones use.

    Args:
        microseconds: allow a non-zero microsecond; by default the seconds are whole,
            which every feed format can write.

    Returns:
        A strategy for aware `datetime.datetime` values.

    Example:
        >>> isinstance(aware_datetimes(microseconds=True), st.SearchStrategy)
        True
    """
    offsets = st.integers(-12 * 60, 14 * 60).map(
        lambda minutes: _dt.timezone(_dt.timedelta(minutes=minutes))
    )
    values = st.datetimes(
        min_value=_dt.datetime(1990, 1, 1), max_value=_dt.datetime(2039, 12, 31), timezones=offsets
    )
    # fold only matters for zones with repeated hours, which fixed offsets never have.
    if microseconds:
        return values.map(lambda d: d.replace(fold=0))
    return values.map(lambda d: d.replace(microsecond=0, fold=0))


def _url(
    scheme: str, labels: list[str], tld: str, segments: list[str], slash: bool, tail: str
) -> str:
    path = "/" + "/".join(segments) + ("/" if segments and slash else "")
    return f"{scheme}://{'.'.join([*labels, tld])}{path}{tail}"


def urls() -> st.SearchStrategy[str]:
    """Absolute http and https URLs such as ``https://blogs.example.org/roller/hale/?p=3``.

    Returns:
        A strategy for str: ASCII host, up to three path segments, an optional
        ``?p=N`` query and ``#comment-N`` fragment.

    Example:
        >>> isinstance(urls(), st.SearchStrategy)
        True
    """
    tails = st.sampled_from(["", "?p=", "#comment-"]).flatmap(
        lambda kind: st.just("") if not kind else st.integers(1, 9999).map(f"{kind}{{}}".format)
    )
    return st.builds(
        _url,
        st.sampled_from(["http", "https"]),
        st.lists(st.text(_DNS_CHARS, min_size=1, max_size=8), min_size=1, max_size=2),
        st.sampled_from(["org", "com", "net", "gov.uk"]),
        st.lists(st.text(_PATH_CHARS, min_size=1, max_size=10), max_size=3),
        st.booleans(),
        tails,
    )


def _escaped_text() -> st.SearchStrategy[str]:
    return texts(max_words=3).map(lambda text: html.escape(text, quote=False))


def _inline(kind: str, text: str, href: str) -> str:
    if kind == "text":
        return text
    if kind == "a":
        return f'<a href="{html.escape(href)}">{text}</a>'
    return f"<{kind}>{text}</{kind}>"


def _block(kind: str, inlines: list[str], more_items: list[str]) -> str:
    content = " ".join(inlines)
    if kind == "p":
        return f"<p>{content}</p>"
    if kind == "blockquote":
        return f"<blockquote><p>{content}</p></blockquote>"
    return "<ul>" + "".join(f"<li>{item}</li>" for item in [content, *more_items]) + "</ul>"


def html_fragments() -> st.SearchStrategy[str]:
    """Small, well-formed HTML fragments: paragraphs, quotes and lists of inline text.

    For example ``<p>text <a href="https://x.org/">link</a></p>``: one or two
    blocks (``p``, ``blockquote``, ``ul``) holding text, links, ``em``, ``strong``
    and ``code``. Text is XML-safe with ``&``, ``<`` and ``>`` escaped; there are
    no void elements, so the fragment is also well-formed XML.

    Returns:
        A strategy for str.

    Example:
        >>> isinstance(html_fragments(), st.SearchStrategy)
        True
    """
    text = texts(max_words=3).map(lambda words: html.escape(words, quote=False))
    inline = st.builds(
        _inline, st.sampled_from(["text", "a", "em", "strong", "code"]), text, urls()
    )
    block = st.builds(
        _block,
        st.sampled_from(["p", "blockquote", "ul"]),
        st.lists(inline, min_size=1, max_size=3),
        st.lists(text, max_size=2),
    )
    return st.lists(block, min_size=1, max_size=2).map("".join)


def _emails() -> st.SearchStrategy[str]:
    local = st.text(_DNS_CHARS + "._", min_size=1, max_size=8)
    host = st.text(_DNS_CHARS, min_size=1, max_size=8)
    return st.builds(lambda user, domain: f"{user}@{domain}.org", local, host)


def _slugs() -> st.SearchStrategy[str]:
    return texts(max_words=2).map(slugify)


def _author(fallback_name: str, **fields: Any) -> Author:
    if all(fields[key] is None for key in ("name", "url", "email")):
        fields["name"] = fallback_name
    return Author(**fields)


def authors() -> st.SearchStrategy[Author]:
    """Valid `Author` objects, each with at least a name, a URL or an email address.

    Returns:
        A strategy for `Author`.

    Example:
        >>> isinstance(authors(), st.SearchStrategy)
        True
    """
    return st.builds(
        _author,
        fallback_name=texts(),
        name=_maybe(texts()),
        url=_maybe(urls()),
        email=_maybe(_emails()),
        role=_maybe(texts()),
        location=_maybe(texts(max_words=2)),
        avatar=_maybe(urls()),
    )


def tags() -> st.SearchStrategy[Tag]:
    """Valid `Tag` objects, with or without label, scheme, URL, description and parent.

    Returns:
        A strategy for `Tag`.

    Example:
        >>> isinstance(tags(), st.SearchStrategy)
        True

        Tags compare by scheme and slug only; compare every field with `Tag.same_as`::

            @given(tags())
            def test_copy(tag):
                assert attrs.evolve(tag).same_as(tag)
    """
    schemes = st.sampled_from(["category", "post_tag", "http://www.sixapart.com/ns/types#tag"])
    return st.builds(
        Tag,
        term=texts(max_words=3),
        label=_maybe(texts(max_words=3)),
        scheme=_maybe(schemes),
        url=_maybe(urls()),
        description=_maybe(texts()),
        parent=_maybe(_slugs()),
    )


def links() -> st.SearchStrategy[Link]:
    """Valid `Link` objects with a common relation and, sometimes, a title and media type.

    Returns:
        A strategy for `Link`.

    Example:
        >>> isinstance(links(), st.SearchStrategy)
        True
    """
    rels = st.sampled_from(["alternate", "self", "next", "prev", "archives", "related"])
    media = st.sampled_from(["text/html", "application/atom+xml", "application/rss+xml"])
    return st.builds(Link, url=urls(), rel=rels, title=_maybe(texts()), type=_maybe(media))


def enclosures() -> st.SearchStrategy[Enclosure]:
    """Valid `Enclosure` objects: a file URL, perhaps with type, length, title and duration.

    Returns:
        A strategy for `Enclosure`.

    Example:
        >>> isinstance(enclosures(), st.SearchStrategy)
        True
    """
    media = st.sampled_from(["audio/mpeg", "image/jpeg", "application/pdf", "video/mp4"])
    return st.builds(
        Enclosure,
        url=urls(),
        type=_maybe(media),
        length=_maybe(st.integers(0, 10**9)),
        title=_maybe(texts()),
        duration=_maybe(st.integers(0, 10**5)),
    )


def _extension_names() -> st.SearchStrategy[str]:
    # XML names (NCName), in ASCII: a letter or underscore, then name characters.
    first = st.sampled_from(_ASCII_LOWER + _ASCII_LOWER.upper() + "_")
    rest = st.text(_PATH_CHARS + _ASCII_LOWER.upper(), max_size=8)
    return st.builds(str.__add__, first, rest)


def _leaf_extensions() -> st.SearchStrategy[Extension]:
    attribute_names = _extension_names() | st.builds(
        lambda ns, local: f"{{{ns}}}{local}", st.sampled_from(_NAMESPACES[:-1]), _extension_names()
    )
    return st.builds(
        Extension,
        namespace=st.sampled_from(_NAMESPACES),
        name=_extension_names(),
        attributes=st.dictionaries(attribute_names, texts(), max_size=2),
        text=_maybe(texts()),
    )


def extensions() -> st.SearchStrategy[Extension]:
    """Valid `Extension` objects: XML-like elements, nested at most a few levels.

    Names are XML names, attribute names plain or in Clark notation
    (``{uri}local``), values and text XML-safe one-line text.

    Returns:
        A strategy for `Extension`.

    Example:
        >>> isinstance(extensions(), st.SearchStrategy)
        True
    """
    return st.recursive(
        _leaf_extensions(),
        lambda children: st.builds(
            attrs.evolve,
            _leaf_extensions(),
            children=st.lists(children, min_size=1, max_size=2).map(tuple),
        ),
        max_leaves=4,
    )


def _comment_ids() -> st.SearchStrategy[str]:
    # Roller's comment anchors: "comment-" and the epoch milliseconds.
    return st.integers(10**12, 2 * 10**12).map(lambda millis: f"comment-{millis}")


def _comment(**fields: Any) -> Comment:
    if fields["in_reply_to"] == fields["id"]:
        fields["in_reply_to"] = None
    return Comment(**fields)


def comments() -> st.SearchStrategy[Comment]:
    """Valid `Comment` objects on their own; `posts` builds whole threads.

    A comment may reply to another comment's id, never to its own.

    Returns:
        A strategy for `Comment`.

    Example:
        >>> isinstance(comments(), st.SearchStrategy)
        True
    """
    return st.builds(
        _comment,
        id=_maybe(_comment_ids()),
        url=_maybe(urls()),
        author=_maybe(authors()),
        published=_maybe(aware_datetimes()),
        content=html_fragments(),
        in_reply_to=_maybe(_comment_ids()),
        kind=st.sampled_from(["comment", "comment", "pingback", "trackback"]),
        approved=_maybe(st.booleans()),
        extensions=st.lists(extensions(), max_size=1),
    )


def _thread(found: list[Comment], ids: list[str], parents: list[int | None]) -> tuple[Comment, ...]:
    # parents[i] picks, modulo i, an earlier comment to reply to; None replies to the post.
    thread = []
    for i, (comment, comment_id, parent) in enumerate(zip(found, ids, parents, strict=False)):
        in_reply_to = None if parent is None or i == 0 else ids[parent % i]
        thread.append(attrs.evolve(comment, id=comment_id, in_reply_to=in_reply_to))
    return tuple(thread)


def _threads(max_size: int) -> st.SearchStrategy[tuple[Comment, ...]]:
    return st.builds(
        _thread,
        st.lists(comments(), max_size=max_size),
        st.lists(_comment_ids(), min_size=max_size, max_size=max_size, unique=True),
        st.lists(_maybe(st.integers(0, max_size)), min_size=max_size, max_size=max_size),
    )


def _post(extra_count: int | None, **fields: Any) -> Post:
    if extra_count is not None:
        fields["comment_count"] = len(fields["comments"]) + extra_count
    return Post(**fields)


def _languages() -> st.SearchStrategy[str]:
    return st.sampled_from(["en", "en-GB", "fr", "cy", "zh-Hant-TW", "pt-BR"])


def posts(*, max_comments: int = 3) -> st.SearchStrategy[Post]:
    """Valid `Post` objects, with comments forming valid threads.

    Comment ids are unique within a post and each `in_reply_to` names an earlier
    comment of the same post (or is None). `comment_count`, when set, is at least
    the number of comments present.

    Args:
        max_comments: the most comments a post gets.

    Returns:
        A strategy for `Post`.

    Example:
        >>> isinstance(posts(max_comments=0), st.SearchStrategy)
        True
    """
    return st.builds(
        _post,
        extra_count=_maybe(st.integers(0, 50)),
        id=_maybe(urls()),
        url=_maybe(urls()),
        title=_maybe(texts(max_words=6)),
        published=_maybe(aware_datetimes()),
        updated=_maybe(aware_datetimes()),
        authors=st.lists(authors(), max_size=2),
        summary=_maybe(html_fragments()),
        content=_maybe(html_fragments()),
        tags=st.lists(tags(), max_size=3),
        comments=_threads(max_comments),
        comments_url=_maybe(urls()),
        comments_feed_url=_maybe(urls()),
        enclosures=st.lists(enclosures(), max_size=2),
        language=_maybe(_languages()),
        kind=st.sampled_from(["post", "post", "page", "attachment"]),
        slug=_maybe(_slugs()),
        status=_maybe(st.sampled_from(["publish", "draft", "private"])),
        links=st.lists(links(), max_size=2),
        extensions=st.lists(extensions(), max_size=2),
    )


def read_warnings() -> st.SearchStrategy[ReadWarning]:
    """Valid `ReadWarning` objects.

    Returns:
        A strategy for `ReadWarning`.

    Example:
        >>> isinstance(read_warnings(), st.SearchStrategy)
        True
    """
    places = st.sampled_from(["/rss/channel/item[2]/pubDate", "/feed/entry[1]", "line 3"])
    return st.builds(ReadWarning, message=texts(max_words=6), where=_maybe(places))


def blogs(*, max_posts: int = 2) -> st.SearchStrategy[Blog]:
    """Valid `Blog` objects with their metadata and a few posts.

    Args:
        max_posts: the most posts a blog gets.

    Returns:
        A strategy for `Blog`.

    Example:
        >>> isinstance(blogs(max_posts=1), st.SearchStrategy)
        True
    """
    return st.builds(
        Blog,
        id=_maybe(urls()),
        title=_maybe(texts(max_words=6)),
        url=_maybe(urls()),
        description=_maybe(texts(max_words=8)),
        language=_maybe(_languages()),
        authors=st.lists(authors(), max_size=2),
        updated=_maybe(aware_datetimes()),
        generator=_maybe(st.sampled_from(["Apache Roller 4.0", "WordPress 6.4"])),
        feeds=st.lists(links(), max_size=2),
        rights=_maybe(texts()),
        icon=_maybe(urls()),
        logo=_maybe(urls()),
        tags=st.lists(tags(), max_size=3),
        links=st.lists(links(), max_size=2),
        posts=st.lists(posts(max_comments=2), max_size=max_posts),
        extensions=st.lists(extensions(), max_size=1),
        warnings=st.lists(read_warnings(), max_size=2),
    )


_ARCHIVES = (
    ("Internet Archive", "https://web.archive.org/web/"),
    ("UK Government Web Archive", "http://webarchive.nationalarchives.gov.uk/"),
)


def _capture(
    archive: tuple[str, str], original: str, captured_at: _dt.datetime, keep: tuple[bool, ...]
) -> Capture:
    name, prefix = archive
    utc = captured_at.astimezone(_dt.timezone.utc)
    archive_url = f"{prefix}{utc:%Y%m%d%H%M%S}/{original}"
    return Capture(
        archive=name,
        archive_url=archive_url if keep[0] else None,
        original_url=original if keep[1] else None,
        captured_at=utc if keep[2] else None,
    )


def captures() -> st.SearchStrategy[Capture]:
    """Valid `Capture` objects with Wayback-style archive addresses.

    The archive address holds the 14-digit UTC timestamp of `captured_at` and the
    original URL, as ``/<timestamp>/<original url>``; each of the three may be
    left out (None).

    Returns:
        A strategy for `Capture`.

    Example:
        >>> isinstance(captures(), st.SearchStrategy)
        True
    """
    keep = st.tuples(st.booleans(), st.booleans(), st.booleans())
    return st.builds(_capture, st.sampled_from(_ARCHIVES), urls(), aware_datetimes(), keep)


def weighted_tags() -> st.SearchStrategy[WeightedTag]:
    """Valid `WeightedTag` objects: weight from 0 to 1, step from 1, finite size.

    Returns:
        A strategy for `WeightedTag`.

    Example:
        >>> isinstance(weighted_tags(), st.SearchStrategy)
        True
    """
    return st.builds(
        WeightedTag,
        tag=tags(),
        count=_maybe(st.integers(0, 10_000)),
        weight=st.floats(0.0, 1.0),
        step=_maybe(st.integers(1, 10)),
        size=_maybe(st.floats(0.0, 300.0)),
        unit=_maybe(st.sampled_from(["pt", "em", "%", "px"])),
    )


def pages() -> st.SearchStrategy[Page]:
    """Valid `Page` objects: a parsed page with its posts, sidebars and capture.

    The page's `blog` (what it says about its blog) has no posts of its own; the
    page's posts are in `Page.posts`.

    Returns:
        A strategy for `Page`.

    Example:
        >>> isinstance(pages(), st.SearchStrategy)
        True
    """
    return st.builds(
        Page,
        url=_maybe(urls()),
        kind=st.sampled_from(sorted(PAGE_KINDS)),
        capture=_maybe(captures()),
        blog=_maybe(blogs(max_posts=0)),
        posts=st.lists(posts(max_comments=2), max_size=2),
        tag_cloud=st.lists(weighted_tags(), max_size=4),
        recent_comments=st.lists(comments(), max_size=3),
        featured=st.lists(links(), max_size=2),
        links=st.lists(links(), max_size=3),
        warnings=st.lists(read_warnings(), max_size=2),
    )
