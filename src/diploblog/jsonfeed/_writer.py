"""Write the model as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).

The standard members are the exact inverse of `diploblog.jsonfeed.read_json_feed`
(``favicon`` is `Blog.icon`, ``icon`` is `Blog.logo`, ``external_url`` the first
``rel="related"`` link...). Extensions read from JSON Feed are written back as the
members they were. Whatever the standard members do not carry back exactly goes,
in the `diploblog.to_dict` form, into a ``_diploblog`` object on the feed or the
item (see `diploblog.jsonfeed._extension`), so writing and reading loses nothing.

JSON Feed requires an item ``id``; a post without one gets the post URL, or else
``urn:sha256:`` followed by the SHA-256 of the title and the RFC 3339
publication date joined by a newline: stable, never random.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from diploblog._json import _encode
from diploblog._model import Author, Blog, Enclosure, Extension, Link, Post
from diploblog._provenance import without_provenance
from diploblog.dates import format_rfc3339
from diploblog.jsonfeed._extension import DIPLOBLOG_MEMBER
from diploblog.jsonfeed._reader import JSON_FEED_NAMESPACE, _check_depth, _read_document

__all__ = ["to_json_feed"]

_VERSION = "https://jsonfeed.org/version/1.1"
_FEED_MEDIA_TYPES = ("application/feed+json", "application/json")
_BLOG_FIELDS = (
    "id", "title", "url", "description", "language", "authors", "updated", "generator",
    "feeds", "rights", "icon", "logo", "tags", "links", "extensions",
)  # fmt: skip
_POST_FIELDS = (
    "id", "url", "title", "published", "updated", "authors", "summary", "content", "tags",
    "comments", "comment_count", "comments_url", "comments_feed_url", "enclosures",
    "language", "kind", "slug", "status", "links", "extensions",
)  # fmt: skip
_STANDARD = frozenset(
    {
        "version", "title", "home_page_url", "feed_url", "description", "next_url", "icon",
        "favicon", "author", "authors", "language", "hubs", "items", "id", "url",
        "external_url", "content_html", "summary", "date_published", "date_modified", "tags",
        "attachments", DIPLOBLOG_MEMBER,
    }
)  # fmt: skip


def to_json_feed(blog: Blog, *, pretty: bool = False) -> bytes:
    """Write a blog as a JSON Feed 1.1 document.

    Args:
        blog: the blog to write; its posts are written in their order.
        pretty: indent the JSON by two spaces (the default is compact).

    Returns:
        The document, UTF-8 encoded; the same blog always gives the same bytes.

    Example:
        >>> from diploblog import Blog, Post
        >>> to_json_feed(Blog(title="Global conversations",
        ...                   posts=[Post(url="https://blogs.example/entry/1")]))
        ... # doctest: +NORMALIZE_WHITESPACE
        b'{"version":"https://jsonfeed.org/version/1.1","items":[{"content_html":"",\
"id":"https://blogs.example/entry/1",\
"url":"https://blogs.example/entry/1","_diploblog":{"content":null,"id":null}}],\
"title":"Global conversations"}'
    """
    blog = without_provenance(blog)  # merge's bookkeeping is not published
    document = _feed(blog)
    _add_diploblog(document, blog)
    if pretty:
        text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    else:
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8") if pretty else text.encode("utf-8")


def _sorted(members: dict[str, Any]) -> dict[str, Any]:
    # Sorted for determinism, but `version` first: format sniffers read only the start.
    # `_diploblog` last, so a reader meets the standard members first.
    ordered = {k: members[k] for k in sorted(members, key=_member_order) if members[k] is not None}
    if DIPLOBLOG_MEMBER in ordered:
        ordered[DIPLOBLOG_MEMBER] = ordered.pop(DIPLOBLOG_MEMBER)
    return ordered


def _member_order(name: str) -> tuple[bool, str]:
    return (name != "version", name)


def _feed(blog: Blog) -> dict[str, Any]:
    next_link = _first(blog.links, "next")
    members: dict[str, Any] = {
        **_extension_members(blog.extensions),
        "version": _VERSION,
        "title": blog.title or "",
        "home_page_url": blog.url,
        "feed_url": _feed_url(blog.feeds),
        "description": blog.description,
        "favicon": blog.icon,
        "icon": blog.logo,
        "authors": _authors(blog.authors),
        "language": blog.language,
        "next_url": None if next_link is None else next_link.url,
        "hubs": [_hub(link) for link in blog.links if link.rel == "hub"] or None,
        "items": [_item(post) for post in blog.posts],
    }
    return _sorted(members)


def _item(post: Post) -> dict[str, Any]:
    related = _first(post.links, "related")
    extensions = _extension_members(post.extensions)
    if post.content is None:
        extensions.pop("content_text", None)
    members: dict[str, Any] = {
        **extensions,
        "id": derived_id(post),
        "url": post.url,
        "external_url": None if related is None else related.url,
        "title": post.title,
        "content_html": post.content if post.content is not None else "",
        "summary": post.summary,
        "date_published": None if post.published is None else format_rfc3339(post.published),
        "date_modified": None if post.updated is None else format_rfc3339(post.updated),
        "authors": _authors(post.authors),
        "tags": [tag.term for tag in post.tags] or None,
        "language": post.language,
        "attachments": [_attachment(e) for e in post.enclosures] or None,
    }
    return _sorted(members)


def derived_id(post: Post) -> str:
    r"""The JSON Feed item ``id`` of a post: its id, else its URL, else a stable hash.

    Args:
        post: the post.

    Returns:
        `Post.id`; without one `Post.url`; without either ``urn:sha256:`` and the
        hex SHA-256 of ``title + "\n" + RFC 3339 published`` (empty strings when absent).

    Example:
        >>> derived_id(Post(url="https://blogs.example/entry/1"))
        'https://blogs.example/entry/1'
        >>> derived_id(Post(title="Hello"))[:20]
        'urn:sha256:66a045b45'
    """
    if post.id is not None:
        return post.id
    if post.url is not None:
        return post.url
    published = "" if post.published is None else format_rfc3339(post.published)
    digest = hashlib.sha256(f"{post.title or ''}\n{published}".encode()).hexdigest()
    return f"urn:sha256:{digest}"


def _first(links: tuple[Link, ...], rel: str) -> Link | None:
    return next((link for link in links if link.rel == rel), None)


def _feed_url(feeds: tuple[Link, ...]) -> str | None:
    # A self link typed as another format's feed (the RSS a blog was read from) is not
    # this document's address: see diploblog._xmlwrite.as_written_here.
    chosen = next(
        (
            f
            for f in feeds
            if f.rel == "self"
            and (f.type is None or f.type.partition(";")[0].strip().lower() in _FEED_MEDIA_TYPES)
        ),
        None,
    )
    if chosen is None:
        chosen = next((f for f in feeds if (f.type or "") in _FEED_MEDIA_TYPES), None)
    return None if chosen is None else chosen.url


def _authors(authors: tuple[Author, ...]) -> list[dict[str, Any]] | None:
    # The spec: an author object has at least one of name, url and avatar.
    written = [_author(a) for a in authors]
    return [a for a in written if a] or None


def _author(author: Author) -> dict[str, Any]:
    return _sorted({"name": author.name, "url": author.url, "avatar": author.avatar})


def _hub(link: Link) -> dict[str, Any]:
    return _sorted({"type": link.type or "", "url": link.url})


def _attachment(enclosure: Enclosure) -> dict[str, Any]:
    return _sorted(
        {
            "url": enclosure.url,
            "mime_type": enclosure.type or "application/octet-stream",
            "title": enclosure.title,
            "size_in_bytes": enclosure.length,
            "duration_in_seconds": enclosure.duration,
        }
    )


def _extension_members(extensions: tuple[Extension, ...]) -> dict[str, Any]:
    members: dict[str, Any] = {}
    for ext in extensions:
        if ext.namespace != JSON_FEED_NAMESPACE or ext.attributes or ext.children:
            continue
        if ext.name in _STANDARD or ext.name in members:
            continue
        try:
            members[ext.name] = json.loads(ext.text or "")
        except ValueError:
            continue  # not JSON: kept whole in `_diploblog` instead
    return members


def _add_diploblog(document: dict[str, Any], blog: Blog) -> None:
    # What the standard members give back is learnt by reading them: any field that
    # differs from the model goes, whole, into `_diploblog`. The document is read as it
    # is, not as JSON text: it holds only what json.loads gives (dicts, lists, strings,
    # numbers), so the reader sees the same values. Only extension members can be
    # nested deeply; the reader refuses more than its depth limit, and so does this.
    if any(e.namespace == JSON_FEED_NAMESPACE for e in _extensions_of(blog)):
        _check_depth(document)
    read_back = _read_document(document, None)
    _keep_differences(document, blog, read_back, _BLOG_FIELDS)
    for item, post, read_post in zip(document["items"], blog.posts, read_back.posts, strict=True):
        _keep_differences(item, post, read_post, _POST_FIELDS)


def _extensions_of(blog: Blog) -> list[Extension]:
    found = list(blog.extensions)
    for post in blog.posts:
        found += post.extensions
    return found


def _keep_differences(
    members: dict[str, Any], original: Blog | Post, read_back: Blog | Post, fields: tuple[str, ...]
) -> None:
    # Each differing field as `diploblog.to_dict` writes it (None as None, () as []).
    kept = {
        name: _encode(getattr(original, name))
        for name in fields
        if getattr(original, name) != getattr(read_back, name)
    }
    if kept:
        members[DIPLOBLOG_MEMBER] = {k: kept[k] for k in sorted(kept)}
