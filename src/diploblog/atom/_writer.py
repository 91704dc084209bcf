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

from lxml import etree

from diploblog._model import Author, Blog, Comment, Enclosure, Extension, Link, Post, Tag
from diploblog._provenance import without_provenance
from diploblog._xml import XML_LANG
from diploblog._xmlwrite import (
    EPOCH,
    append_extension,
    as_written_here,
    derived_blog_id,
    derived_post_id,
    has_plain_names,
    latest_date,
    serialize,
    sub,
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
    blog = without_provenance(blog)  # merge's bookkeeping is not published
    nsmap: dict[str | None, str] = {"thr": _THR}
    nsmap["atom" if _needs_prefix(blog) else None] = _NS
    root = etree.Element(_A["feed"], nsmap=nsmap)  # type: ignore[arg-type]  # None: default
    if blog.language:
        root.set(XML_LANG, blog.language)
    feed_id = derived_blog_id(blog)
    ctx = _Context(blog.updated or latest_date(blog) or EPOCH, _needs_feed_author(blog))
    _write_feed_head(root, blog, feed_id, ctx)
    for post in blog.posts:
        _write_post(root, feed_id, post, ctx)
    return serialize(root, pretty=pretty)


def _needs_prefix(blog: Blog) -> bool:
    # lxml writes an unnamespaced child of a default-namespace parent without
    # xmlns="", which would move it into Atom's namespace: use a prefix instead.
    return has_plain_names(blog.extensions) or any(
        has_plain_names(p.extensions) or any(has_plain_names(c.extensions) for c in p.comments)
        for p in blog.posts
    )


def _needs_feed_author(blog: Blog) -> bool:
    if blog.authors:
        return False
    return any(not p.authors or any(c.author is None for c in p.comments) for p in blog.posts)


def _write_feed_head(root: etree._Element, blog: Blog, feed_id: str, ctx: _Context) -> None:
    sub(root, _A["id"], feed_id)
    sub(root, _A["title"], blog.title or "")
    if blog.description:
        sub(root, _A["subtitle"], blog.description)
    if blog.url:
        sub(root, _A["link"], rel="alternate", type="text/html", href=blog.url)
    for link in (*blog.feeds, *blog.links):
        _write_link(root, as_written_here(link, _OWN_TYPES))
    sub(root, _A["updated"], format_rfc3339(ctx.fallback))
    for author in blog.authors:
        _write_person(root, author)
    if ctx.needs_feed_author:
        sub(sub(root, _A["author"]), _A["name"], blog.title or blog.url or "Unknown")
    if blog.generator:
        sub(root, _A["generator"], blog.generator)
    if blog.rights:
        sub(root, _A["rights"], blog.rights)
    if blog.icon:
        sub(root, _A["icon"], blog.icon)
    if blog.logo:
        sub(root, _A["logo"], blog.logo)
    for tag in blog.tags:
        _write_category(root, tag)
    _write_extensions(root, blog.extensions)


def _write_post(root: etree._Element, feed_id: str, post: Post, ctx: _Context) -> None:
    entry = sub(root, _A["entry"])
    if post.language:
        entry.set(XML_LANG, post.language)
    post_id = derived_post_id(feed_id, post)
    sub(entry, _A["id"], post_id)
    sub(entry, _A["title"], post.title or "")
    if post.url:
        sub(entry, _A["link"], rel="alternate", type="text/html", href=post.url)
    if post.comments_url:
        sub(entry, _A["link"], rel="replies", type="text/html", href=post.comments_url)
    if post.comments_feed_url:
        sub(entry, _A["link"], rel="replies", href=post.comments_feed_url)
    for link in post.links:
        _write_link(entry, link)
    for enclosure in post.enclosures:
        _write_enclosure(entry, enclosure)
    if post.published:
        sub(entry, _A["published"], format_rfc3339(post.published))
    sub(entry, _A["updated"], format_rfc3339(post.updated or post.published or ctx.fallback))
    for author in post.authors:
        _write_person(entry, author)
    if post.summary:
        sub(entry, _A["summary"], post.summary, type="html")
    if post.content:
        sub(entry, _A["content"], post.content, type="html")
    for tag in post.tags:
        _write_category(entry, tag)
    if post.comment_count is not None:
        sub(entry, f"{{{_THR}}}total", str(post.comment_count))
    _write_extensions(entry, post.extensions)
    urls = {c.id: c.url for c in post.comments if c.id}
    for number, comment in enumerate(post.comments, start=1):
        _write_comment(root, post_id, post.url, urls, number, comment, ctx)


def _write_comment(
    root: etree._Element,
    post_id: str,
    post_url: str | None,
    urls: dict[str, str | None],
    number: int,
    comment: Comment,
    ctx: _Context,
) -> None:
    entry = sub(root, _A["entry"])
    sub(entry, _A["id"], comment.id or f"{post_id}#comment-{number}")
    title, extensions = _comment_title(comment)
    sub(entry, _A["title"], title)
    if comment.url:
        sub(entry, _A["link"], rel="alternate", type="text/html", href=comment.url)
    if comment.published:
        sub(entry, _A["published"], format_rfc3339(comment.published))
    sub(entry, _A["updated"], format_rfc3339(comment.published or ctx.fallback))
    if comment.author:
        _write_person(entry, comment.author)
    if comment.content:
        sub(entry, _A["content"], comment.content, type="html")
    # RFC 4685 section 3: ref names the entry answered, href where it can be read.
    if comment.in_reply_to and comment.in_reply_to in urls:
        ref, href = comment.in_reply_to, urls[comment.in_reply_to]
    else:
        ref, href = post_id, post_url
    sub(entry, f"{{{_THR}}}in-reply-to", ref=ref, href=href, type="text/html" if href else None)
    _write_extensions(entry, extensions)


def _comment_title(comment: Comment) -> tuple[str, tuple[Extension, ...]]:
    """The title a comment entry gets: the one the reader kept, else a derived one."""
    for i, ext in enumerate(comment.extensions):
        if ext.namespace == _NS and ext.name == "title" and not ext.children:
            return ext.text or "", comment.extensions[:i] + comment.extensions[i + 1 :]
    who = comment.author.name if comment.author and comment.author.name else None
    return (f"Comment by {who}" if who else "Comment"), comment.extensions


def _write_link(parent: etree._Element, link: Link) -> None:
    sub(parent, _A["link"], rel=link.rel, type=link.type, href=link.url, title=link.title)


def _write_enclosure(parent: etree._Element, enclosure: Enclosure) -> None:
    length = str(enclosure.length) if enclosure.length is not None else None
    sub(
        parent,
        _A["link"],
        rel="enclosure",
        type=enclosure.type,
        href=enclosure.url,
        length=length,
        title=enclosure.title,
    )


def _write_person(parent: etree._Element, author: Author) -> None:
    el = sub(parent, _A["author"])
    # Atom requires a name; an empty one reads back as no name.
    sub(el, _A["name"], author.name or "")
    if author.url:
        sub(el, _A["uri"], author.url)
    if author.email:
        sub(el, _A["email"], author.email)
    if author.avatar:
        # Blogger's gd:image, which the Atom reader reads as the avatar.
        sub(
            el,
            f"{{{_GD}}}image",
            rel="http://schemas.google.com/g/2005#thumbnail",
            src=author.avatar,
        )


def _write_category(parent: etree._Element, tag: Tag) -> None:
    sub(parent, _A["category"], term=tag.term, scheme=tag.scheme, label=tag.label)


def _write_extensions(parent: etree._Element, extensions: tuple[Extension, ...]) -> None:
    for ext in extensions:
        # The schema allows foreign elements here; of Atom's own, only a well-formed
        # contributor can be kept (the reader keeps Atom elements it could not read).
        if ext.namespace != _NS or _is_contributor(ext):
            append_extension(parent, ext)


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
