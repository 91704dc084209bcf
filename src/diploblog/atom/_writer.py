"""Write a `Blog` as an Atom 1.0 (RFC 4287) document, with RFC 4685 threading.

What the model lacks but Atom requires is derived, never invented:

- ids: the blog's id, else its URL, else its first feed's URL; a post's id, else its
  URL, else a name-based UUID URN of the blog id, title, date, summary and content;
  a comment's id, else ``<post id>#comment-<n>`` (n counts from 1);
- ``updated``: a post's `updated`, else its `published`; without either, and for
  the feed, the blog's `updated`, else the latest date anywhere in the blog, else
  1970-01-01T00:00:00+00:00 (`EPOCH`, meaning "date unknown"); never the clock;
- an author: when the feed has no author and some entry has none, the feed gets
  one named after the blog's title (else its URL, else "Unknown").

Comments become entries after their post's entry, each with ``thr:in-reply-to``
naming the post, or the comment it answers; the post's `comment_count` is written
as ``thr:total``. The Atom reader turns those entries back into comments.
"""

from __future__ import annotations

import datetime as _dt
from typing import Final

from diploblog._model import Author, Blog, Comment, Enclosure, Extension, Link, Post, Tag
from diploblog._xml import XML_LANG
from diploblog._xmlout import XmlOut, open_document
from diploblog._xmlwrite import (
    EPOCH,
    as_written_here,
    derived_blog_id,
    derived_post_id,
    has_plain_names,
    latest_date,
)
from diploblog.dates import format_rfc3339

__all__ = ["to_atom"]

_NS: Final = "http://www.w3.org/2005/Atom"
_THR: Final = "http://purl.org/syndication/thread/1.0"
_GD: Final = "http://schemas.google.com/g/2005"
_PERSON_PARTS: Final = frozenset({"name", "uri", "email"})
_OWN_TYPES: Final = frozenset({"application/atom+xml", "application/xml", "text/xml"})
_A: Final = {
    name: f"{{{_NS}}}{name}"
    for name in (
        *("feed", "entry", "id", "title", "subtitle", "link", "updated", "published", "author"),
        *("name", "uri", "email", "generator", "rights", "icon", "logo", "category", "summary"),
        "content",
    )
}
_ENTRY, _ID, _TITLE, _LINK = _A["entry"], _A["id"], _A["title"], _A["link"]
_UPDATED, _PUBLISHED, _AUTHOR, _NAME = _A["updated"], _A["published"], _A["author"], _A["name"]
_CATEGORY, _SUMMARY, _CONTENT = _A["category"], _A["summary"], _A["content"]
_THR_TOTAL: Final = f"{{{_THR}}}total"
_HTML: Final = (("type", "html"),)


class _Context:
    __slots__ = ("fallback", "needs_feed_author")

    def __init__(self, fallback: _dt.datetime, needs_feed_author: bool) -> None:
        self.fallback = fallback
        self.needs_feed_author = needs_feed_author


def to_atom(blog: Blog, *, pretty: bool = False) -> bytes:
    """Write a blog as an Atom 1.0 document that validates against RFC 4287's schema.

    Args:
        blog: The blog to write.
        pretty: Indent the output for people to read.

    Returns:
        The document as UTF-8 bytes with an XML declaration; the same blog always
        gives the same bytes.

    Warns:
        ForbiddenCharacterWarning: Text held characters XML 1.0 forbids; they were removed.

    Example:
        >>> import datetime as dt
        >>> blog = Blog(title="Global conversations", url="https://example.org/",
        ...             authors=[Author(name="Stephen Hale")],
        ...             posts=[Post(title="The end", url="https://example.org/end",
        ...                         published=dt.datetime(2010, 7, 20, tzinfo=dt.timezone.utc))])
        >>> lines = to_atom(blog, pretty=True).decode().splitlines()
        >>> lines[2:4]
        ['  <id>https://example.org/</id>', '  <title>Global conversations</title>']
        >>> [line.strip()[9:19] for line in lines if "<updated>" in line]
        ['2010-07-20', '2010-07-20']
    """
    extensions = _all_extensions(blog)
    nsmap: dict[str | None, str] = {"thr": _THR}
    # lxml writes an unnamespaced child of a default-namespace parent without
    # xmlns="", which would move it into Atom's namespace: use a prefix instead.
    nsmap["atom" if has_plain_names(extensions) else None] = _NS
    out = open_document(
        _A["feed"], nsmap, ((XML_LANG, blog.language),), pretty=pretty, extensions=extensions
    )
    feed_id = derived_blog_id(blog)
    ctx = _Context(blog.updated or latest_date(blog) or EPOCH, _needs_feed_author(blog))
    _write_feed_head(out, blog, feed_id, ctx)
    for post in blog.posts:
        _write_post(out, feed_id, post, ctx)
    return out.result()


def _all_extensions(blog: Blog) -> list[Extension]:
    found = list(blog.extensions)
    for post in blog.posts:
        found += post.extensions
        for comment in post.comments:
            found += comment.extensions
    return found


def _needs_feed_author(blog: Blog) -> bool:
    if blog.authors:
        return False
    return any(not p.authors or any(c.author is None for c in p.comments) for p in blog.posts)


def _write_feed_head(out: XmlOut, blog: Blog, feed_id: str, ctx: _Context) -> None:
    out.leaf(_ID, feed_id)
    out.leaf(_TITLE, blog.title or "")
    if blog.description:
        out.leaf(_A["subtitle"], blog.description)
    if blog.url:
        out.leaf(_LINK, None, (("rel", "alternate"), ("type", "text/html"), ("href", blog.url)))
    for link in (*blog.feeds, *blog.links):
        _write_link(out, as_written_here(link, _OWN_TYPES))
    out.leaf(_UPDATED, format_rfc3339(ctx.fallback))
    for author in blog.authors:
        _write_person(out, author)
    if ctx.needs_feed_author:
        out.start(_AUTHOR)
        out.leaf(_NAME, blog.title or blog.url or "Unknown")
        out.end()
    if blog.generator:
        out.leaf(_A["generator"], blog.generator)
    if blog.rights:
        out.leaf(_A["rights"], blog.rights)
    if blog.icon:
        out.leaf(_A["icon"], blog.icon)
    if blog.logo:
        out.leaf(_A["logo"], blog.logo)
    for tag in blog.tags:
        _write_category(out, tag)
    _write_extensions(out, blog.extensions)


def _write_post(out: XmlOut, feed_id: str, post: Post, ctx: _Context) -> None:
    leaf = out.leaf
    out.start(_ENTRY, ((XML_LANG, post.language),) if post.language else ())
    post_id = derived_post_id(feed_id, post)
    leaf(_ID, post_id)
    leaf(_TITLE, post.title or "")
    if post.url:
        leaf(_LINK, None, (("rel", "alternate"), ("type", "text/html"), ("href", post.url)))
    if post.comments_url:
        leaf(_LINK, None, (("rel", "replies"), ("type", "text/html"), ("href", post.comments_url)))
    if post.comments_feed_url:
        leaf(_LINK, None, (("rel", "replies"), ("href", post.comments_feed_url)))
    for link in post.links:
        _write_link(out, link)
    for enclosure in post.enclosures:
        _write_enclosure(out, enclosure)
    if post.published:
        leaf(_PUBLISHED, format_rfc3339(post.published))
    leaf(_UPDATED, format_rfc3339(post.updated or post.published or ctx.fallback))
    for author in post.authors:
        _write_person(out, author)
    if post.summary:
        leaf(_SUMMARY, post.summary, _HTML)
    if post.content:
        leaf(_CONTENT, post.content, _HTML)
    for tag in post.tags:
        leaf(_CATEGORY, None, (("term", tag.term), ("scheme", tag.scheme), ("label", tag.label)))
    if post.comment_count is not None:
        leaf(_THR_TOTAL, str(post.comment_count))
    _write_extensions(out, post.extensions)
    out.end()
    if post.comments:
        urls = {c.id: c.url for c in post.comments if c.id}
        for number, comment in enumerate(post.comments, start=1):
            _write_comment(out, post_id, post.url, urls, number, comment, ctx)


def _write_comment(
    out: XmlOut,
    post_id: str,
    post_url: str | None,
    urls: dict[str, str | None],
    number: int,
    comment: Comment,
    ctx: _Context,
) -> None:
    out.start(_ENTRY)
    out.leaf(_ID, comment.id or f"{post_id}#comment-{number}")
    title, extensions = _comment_title(comment)
    out.leaf(_TITLE, title)
    if comment.url:
        out.leaf(_LINK, None, (("rel", "alternate"), ("type", "text/html"), ("href", comment.url)))
    if comment.published:
        out.leaf(_PUBLISHED, format_rfc3339(comment.published))
    out.leaf(_UPDATED, format_rfc3339(comment.published or ctx.fallback))
    if comment.author:
        _write_person(out, comment.author)
    if comment.content:
        out.leaf(_CONTENT, comment.content, _HTML)
    # RFC 4685 section 3: ref names the entry answered, href where it can be read.
    if comment.in_reply_to and comment.in_reply_to in urls:
        ref, href = comment.in_reply_to, urls[comment.in_reply_to]
    else:
        ref, href = post_id, post_url
    out.leaf(
        f"{{{_THR}}}in-reply-to",
        None,
        (("ref", ref), ("href", href), ("type", "text/html" if href else None)),
    )
    _write_extensions(out, extensions)
    out.end()


def _comment_title(comment: Comment) -> tuple[str, tuple[Extension, ...]]:
    """The title a comment entry gets: the one the reader kept, else a derived one."""
    for i, ext in enumerate(comment.extensions):
        if ext.namespace == _NS and ext.name == "title" and not ext.children:
            return ext.text or "", comment.extensions[:i] + comment.extensions[i + 1 :]
    who = comment.author.name if comment.author and comment.author.name else None
    return (f"Comment by {who}" if who else "Comment"), comment.extensions


def _write_link(out: XmlOut, link: Link) -> None:
    out.leaf(
        _LINK,
        None,
        (("rel", link.rel), ("type", link.type), ("href", link.url), ("title", link.title)),
    )


def _write_enclosure(out: XmlOut, enclosure: Enclosure) -> None:
    length = str(enclosure.length) if enclosure.length is not None else None
    out.leaf(
        _LINK,
        None,
        (
            ("rel", "enclosure"),
            ("type", enclosure.type),
            ("href", enclosure.url),
            ("length", length),
            ("title", enclosure.title),
        ),
    )


def _write_person(out: XmlOut, author: Author) -> None:
    out.start(_AUTHOR)
    # Atom requires a name; an empty one reads back as no name.
    out.leaf(_NAME, author.name or "")
    if author.url:
        out.leaf(_A["uri"], author.url)
    if author.email:
        out.leaf(_A["email"], author.email)
    if author.avatar:
        # Blogger's gd:image, which the Atom reader reads as the avatar.
        out.leaf(
            f"{{{_GD}}}image",
            None,
            (("rel", "http://schemas.google.com/g/2005#thumbnail"), ("src", author.avatar)),
        )
    out.end()


def _write_category(out: XmlOut, tag: Tag) -> None:
    out.leaf(_CATEGORY, None, (("term", tag.term), ("scheme", tag.scheme), ("label", tag.label)))


def _write_extensions(out: XmlOut, extensions: tuple[Extension, ...]) -> None:
    for ext in extensions:
        # The schema allows foreign elements here; of Atom's own, only a well-formed
        # contributor can be kept (the reader keeps Atom elements it could not read).
        if ext.namespace != _NS or _is_contributor(ext):
            out.extension(ext)


def _is_contributor(ext: Extension) -> bool:
    parts = [(c.namespace, c.name) for c in ext.children]
    return (
        ext.name == "contributor"
        and not ext.attributes
        and (_NS, "name") in parts
        and len(set(parts)) == len(parts)
        and all(
            ns == _NS and name in _PERSON_PARTS and not c.children
            for (ns, name), c in zip(parts, ext.children, strict=True)
        )
    )
