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

from lxml import etree

from diploblog._model import Author, Blog, Enclosure, Link, Post, Tag
from diploblog._provenance import without_provenance
from diploblog._xmlwrite import append_extension, as_written_here, serialize, sub
from diploblog.dates import format_rfc822, format_rfc3339

__all__ = ["to_rss"]

_CONTENT: Final = "http://purl.org/rss/1.0/modules/content/"
_DC: Final = "http://purl.org/dc/elements/1.1/"
_DCTERMS: Final = "http://purl.org/dc/terms/"
_SLASH: Final = "http://purl.org/rss/1.0/modules/slash/"
_WFW: Final = "http://wellformedweb.org/CommentAPI/"
_MEDIA: Final = "http://search.yahoo.com/mrss/"
_ATOM: Final = "http://www.w3.org/2005/Atom"
_NSMAP: Final = {
    "atom": _ATOM,
    "content": _CONTENT,
    "dc": _DC,
    "dcterms": _DCTERMS,
    "media": _MEDIA,
    "slash": _SLASH,
    "wfw": _WFW,
}
_UNKNOWN_TYPE: Final = "application/octet-stream"
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
    blog = without_provenance(blog)  # merge's bookkeeping is not published
    root = etree.Element("rss", nsmap=_NSMAP)
    root.set("version", "2.0")
    channel = sub(root, "channel")
    _write_channel(channel, blog)
    for post in blog.posts:
        _write_item(sub(channel, "item"), post)
    return serialize(root, pretty=pretty)


def _write_channel(channel: etree._Element, blog: Blog) -> None:
    title = blog.title or blog.url or "Untitled"
    sub(channel, "title", title)
    if blog.url:
        sub(channel, "link", blog.url)
    sub(channel, "description", blog.description or title)
    if blog.language:
        sub(channel, "language", blog.language)
    if blog.rights:
        sub(channel, "copyright", blog.rights)
    if blog.generator:
        sub(channel, "generator", blog.generator)
    if blog.updated:
        sub(channel, "lastBuildDate", format_rfc822(blog.updated))
    for author in blog.authors:
        sub(channel, f"{{{_DC}}}creator", _person(author))
    if blog.logo:
        image = sub(channel, "image")
        sub(image, "url", blog.logo)
        sub(image, "title", title)
        if blog.url:
            sub(image, "link", blog.url)
    for link in (*blog.feeds, *blog.links):
        _write_link(channel, as_written_here(link, _OWN_TYPES))
    for tag in blog.tags:
        _write_category(channel, tag)
    for ext in blog.extensions:
        append_extension(channel, ext)


def _write_item(item: etree._Element, post: Post) -> None:
    if post.title:
        sub(item, "title", post.title)
    if post.url:
        sub(item, "link", post.url)
    if post.summary:
        sub(item, "description", post.summary)
    if post.content:
        sub(item, f"{{{_CONTENT}}}encoded", post.content)
    for author in post.authors:
        sub(item, f"{{{_DC}}}creator", _person(author))
    if post.published:
        sub(item, "pubDate", format_rfc822(post.published))
    if post.updated:
        sub(item, f"{{{_DCTERMS}}}modified", format_rfc3339(post.updated))
    guid = post.id or post.url
    if guid:
        sub(item, "guid", guid, isPermaLink="true" if guid == post.url else "false")
    if post.language:
        sub(item, f"{{{_DC}}}language", post.language)
    for tag in post.tags:
        _write_category(item, tag)
    if post.comments_url:
        sub(item, "comments", post.comments_url)
    if post.comments_feed_url:
        sub(item, f"{{{_WFW}}}commentRss", post.comments_feed_url)
    if post.comment_count is not None:
        sub(item, f"{{{_SLASH}}}comments", str(post.comment_count))
    _write_enclosures(item, post.enclosures)
    for link in post.links:
        _write_link(item, link)
    for ext in post.extensions:
        append_extension(item, ext)


def _person(author: Author) -> str:
    """RSS people as ``email (Name)``, the form RSS 2.0 ``author`` uses and readers expect."""
    if author.email and author.name:
        return f"{author.email} ({author.name})"
    return author.email or author.name or author.url or ""


def _write_category(parent: etree._Element, tag: Tag) -> None:
    sub(parent, "category", tag.term, domain=tag.scheme)


def _write_link(parent: etree._Element, link: Link) -> None:
    sub(parent, f"{{{_ATOM}}}link", rel=link.rel, type=link.type, href=link.url, title=link.title)


def _write_enclosures(item: etree._Element, enclosures: tuple[Enclosure, ...]) -> None:
    if not enclosures:
        return
    first = enclosures[0]
    length = str(first.length) if first.length is not None else "0"
    sub(item, "enclosure", url=first.url, length=length, type=first.type or _UNKNOWN_TYPE)
    if first.title is not None or first.duration is not None:
        _write_media(item, first)
    for enclosure in enclosures[1:]:
        _write_media(item, enclosure)


def _write_media(item: etree._Element, enclosure: Enclosure) -> None:
    el = sub(
        item,
        f"{{{_MEDIA}}}content",
        url=enclosure.url,
        type=enclosure.type,
        fileSize=str(enclosure.length) if enclosure.length is not None else None,
        duration=str(enclosure.duration) if enclosure.duration is not None else None,
    )
    if enclosure.title is not None:
        sub(el, f"{{{_MEDIA}}}title", enclosure.title)
