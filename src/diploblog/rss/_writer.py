"""Write a `Blog` as an RSS 2.0 document, following the RSS Advisory Board's profile.

The mapping is the inverse of the RSS reader's: `Post.summary` goes to
``description`` (escaped HTML) and `Post.content` to ``content:encoded``; authors
to ``dc:creator`` as ``email (Name)`` (RSS ``author`` takes an email only);
`comment_count` to ``slash:comments``, `comments_url` to ``comments`` and
`comments_feed_url` to ``wfw:commentRss``; `updated` to ``dcterms:modified``.

Documented choices:

- required channel elements: ``title`` falls back to the blog's URL, else
  "Untitled"; ``description`` to the title; ``link`` is left out without a URL;
- ``guid`` is the post's id (``isPermaLink="true"`` only when it equals the post's
  URL), else its URL as a permalink, else left out;
- RSS 2.0 allows one ``enclosure`` per item: the first enclosure is written there
  (``length="0"`` and ``type="application/octet-stream"`` when unknown, as the
  specification requires both), the others, and the first one's title and
  duration, as ``media:content``;
- comments themselves, the blog's id and icon, tag labels and author URLs have
  no place in RSS 2.0 and are not written.
"""

from __future__ import annotations

from typing import Final

from diploblog._model import Author, Blog, Enclosure, Extension, Link, Post, Tag
from diploblog._xmlout import XmlOut, open_document
from diploblog._xmlwrite import as_written_here
from diploblog.dates import format_rfc822, format_rfc3339

__all__ = ["to_rss"]

_CONTENT: Final = "http://purl.org/rss/1.0/modules/content/"
_DC: Final = "http://purl.org/dc/elements/1.1/"
_DCTERMS: Final = "http://purl.org/dc/terms/"
_SLASH: Final = "http://purl.org/rss/1.0/modules/slash/"
_WFW: Final = "http://wellformedweb.org/CommentAPI/"
_MEDIA: Final = "http://search.yahoo.com/mrss/"
_ATOM: Final = "http://www.w3.org/2005/Atom"
_NSMAP: Final[dict[str | None, str]] = {
    "atom": _ATOM,
    "content": _CONTENT,
    "dc": _DC,
    "dcterms": _DCTERMS,
    "media": _MEDIA,
    "slash": _SLASH,
    "wfw": _WFW,
}
_UNKNOWN_TYPE: Final = "application/octet-stream"
_DC_CREATOR: Final = f"{{{_DC}}}creator"
_CONTENT_ENCODED: Final = f"{{{_CONTENT}}}encoded"
_DCTERMS_MODIFIED: Final = f"{{{_DCTERMS}}}modified"
_WFW_COMMENT_RSS: Final = f"{{{_WFW}}}commentRss"
_SLASH_COMMENTS: Final = f"{{{_SLASH}}}comments"
_OWN_TYPES: Final = frozenset({"application/rss+xml", "application/xml", "text/xml"})


def to_rss(blog: Blog, *, pretty: bool = False) -> bytes:
    """Write a blog as an RSS 2.0 document.

    Args:
        blog: The blog to write.
        pretty: Indent the output for people to read.

    Returns:
        The document as UTF-8 bytes with an XML declaration; the same blog always
        gives the same bytes.

    Warns:
        ForbiddenCharacterWarning: Text held characters XML 1.0 forbids; they were removed.

    Example:
        >>> blog = Blog(title="Global conversations", url="https://example.org/",
        ...             posts=[Post(title="The end", url="https://example.org/end")])
        >>> print(to_rss(blog, pretty=True).decode())  # doctest: +ELLIPSIS
        <?xml version='1.0' encoding='UTF-8'?>
        <rss xmlns:atom=... version="2.0">
          <channel>
            <title>Global conversations</title>
            <link>https://example.org/</link>
            <description>Global conversations</description>
            <item>
              <title>The end</title>
              <link>https://example.org/end</link>
              <guid isPermaLink="true">https://example.org/end</guid>
            </item>
          </channel>
        </rss>
        <BLANKLINE>
    """
    out = open_document(
        "rss", _NSMAP, (("version", "2.0"),), pretty=pretty, extensions=_all_extensions(blog)
    )
    out.start("channel")
    _write_channel(out, blog)
    for post in blog.posts:
        out.start("item")
        _write_item(out, post)
        out.end()
    out.end()
    return out.result()


def _all_extensions(blog: Blog) -> list[Extension]:
    found = list(blog.extensions)
    for post in blog.posts:
        found += post.extensions
    return found


def _write_channel(out: XmlOut, blog: Blog) -> None:
    title = blog.title or blog.url or "Untitled"
    out.leaf("title", title)
    if blog.url:
        out.leaf("link", blog.url)
    out.leaf("description", blog.description or title)
    if blog.language:
        out.leaf("language", blog.language)
    if blog.rights:
        out.leaf("copyright", blog.rights)
    if blog.generator:
        out.leaf("generator", blog.generator)
    if blog.updated:
        out.leaf("lastBuildDate", format_rfc822(blog.updated))
    for author in blog.authors:
        out.leaf(_DC_CREATOR, _person(author))
    if blog.logo:
        out.start("image")
        out.leaf("url", blog.logo)
        out.leaf("title", title)
        if blog.url:
            out.leaf("link", blog.url)
        out.end()
    for link in (*blog.feeds, *blog.links):
        _write_link(out, as_written_here(link, _OWN_TYPES))
    for tag in blog.tags:
        _write_category(out, tag)
    for ext in blog.extensions:
        out.extension(ext)


def _write_item(out: XmlOut, post: Post) -> None:
    if post.title:
        out.leaf("title", post.title)
    if post.url:
        out.leaf("link", post.url)
    if post.summary:
        out.leaf("description", post.summary)
    if post.content:
        out.leaf(_CONTENT_ENCODED, post.content)
    for author in post.authors:
        out.leaf(_DC_CREATOR, _person(author))
    if post.published:
        out.leaf("pubDate", format_rfc822(post.published))
    if post.updated:
        out.leaf(_DCTERMS_MODIFIED, format_rfc3339(post.updated))
    guid = post.id or post.url
    if guid:
        permalink = "true" if guid == post.url else "false"
        out.leaf("guid", guid, (("isPermaLink", permalink),))
    if post.language:
        out.leaf(f"{{{_DC}}}language", post.language)
    for tag in post.tags:
        _write_category(out, tag)
    if post.comments_url:
        out.leaf("comments", post.comments_url)
    if post.comments_feed_url:
        out.leaf(_WFW_COMMENT_RSS, post.comments_feed_url)
    if post.comment_count is not None:
        out.leaf(_SLASH_COMMENTS, str(post.comment_count))
    _write_enclosures(out, post.enclosures)
    for link in post.links:
        _write_link(out, link)
    for ext in post.extensions:
        out.extension(ext)


def _person(author: Author) -> str:
    """RSS people as ``email (Name)``, the form RSS 2.0 ``author`` uses and readers expect."""
    if author.email and author.name:
        return f"{author.email} ({author.name})"
    return author.email or author.name or author.url or ""


def _write_category(out: XmlOut, tag: Tag) -> None:
    out.leaf("category", tag.term, (("domain", tag.scheme),))


def _write_link(out: XmlOut, link: Link) -> None:
    out.leaf(
        f"{{{_ATOM}}}link",
        None,
        (("rel", link.rel), ("type", link.type), ("href", link.url), ("title", link.title)),
    )


def _write_enclosures(out: XmlOut, enclosures: tuple[Enclosure, ...]) -> None:
    if not enclosures:
        return
    first = enclosures[0]
    length = str(first.length) if first.length is not None else "0"
    out.leaf(
        "enclosure",
        None,
        (("url", first.url), ("length", length), ("type", first.type or _UNKNOWN_TYPE)),
    )
    if first.title is not None or first.duration is not None:
        _write_media(out, first)
    for enclosure in enclosures[1:]:
        _write_media(out, enclosure)


def _write_media(out: XmlOut, enclosure: Enclosure) -> None:
    attributes = (
        ("url", enclosure.url),
        ("type", enclosure.type),
        ("fileSize", str(enclosure.length) if enclosure.length is not None else None),
        ("duration", str(enclosure.duration) if enclosure.duration is not None else None),
    )
    if enclosure.title is None:
        out.leaf(f"{{{_MEDIA}}}content", None, attributes)
        return
    out.start(f"{{{_MEDIA}}}content", attributes)
    out.leaf(f"{{{_MEDIA}}}title", enclosure.title)
    out.end()
