"""What the XML feed writers share: safe text, derived ids and dates, serialisation.

Every string a writer puts into a document goes through `clean`, which removes the
characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage
return, lone surrogates, U+FFFE and U+FFFF) with a `ForbiddenCharacterWarning`:
lxml would refuse them, and a feed that holds them is not XML.
"""

from __future__ import annotations

import datetime as _dt
import re
import uuid
import warnings
from collections.abc import Iterable
from typing import Final

import attrs
from lxml import etree

from diploblog._model import Blog, Extension, Link, Post

__all__ = [
    "EPOCH",
    "ForbiddenCharacterWarning",
    "append_extension",
    "as_written_here",
    "clean",
    "derived_blog_id",
    "derived_post_id",
    "has_plain_names",
    "latest_date",
    "serialize",
    "sub",
]

EPOCH: Final = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
"""The date written where a format needs one and the model has none anywhere."""

_FORBIDDEN: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# uuid5 namespace for ids derived from a post's fields (fixed: ids must never change).
_ID_NAMESPACE: Final = uuid.UUID("6f1f3a52-8a3c-5b8e-9d55-1f0a6b1e2c44")


class ForbiddenCharacterWarning(UserWarning):
    """A character XML 1.0 forbids (such as a pasted control character) was removed.

    Also raised when an extension or attribute name XML cannot hold was left out.

    Example:
        >>> issubclass(ForbiddenCharacterWarning, UserWarning)
        True
    """


def clean(text: str) -> str:
    r"""Remove the characters XML 1.0 forbids, warning when there were any.

    Args:
        text: Text to write into an XML document.

    Returns:
        The text without forbidden characters.

    Example:
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as seen:
        ...     warnings.simplefilter("always")
        ...     clean("bell\x07 rings")
        'bell rings'
        >>> seen[0].category.__name__
        'ForbiddenCharacterWarning'
    """
    if _FORBIDDEN.search(text) is None:
        return text
    found = sorted({f"U+{ord(c):04X}" for c in _FORBIDDEN.findall(text)})
    msg = f"removed characters XML 1.0 forbids ({', '.join(found)}) from {text[:40]!r}"
    warnings.warn(msg, ForbiddenCharacterWarning, stacklevel=3)
    return _FORBIDDEN.sub("", text)


def sub(
    parent: etree._Element, tag: str, text: str | None = None, **attributes: str | None
) -> etree._Element:
    """Add a child element with text and attributes (None-valued ones left out).

    Text and attribute values holding characters XML 1.0 forbids are cleaned (see
    `clean`). lxml refuses such strings itself, so clean text costs no extra scan.

    Args:
        parent: The parent element.
        tag: The child's name in Clark notation.
        text: Its text, if any.
        **attributes: Attributes; a value of None leaves the attribute out.

    Returns:
        The new child.

    Example:
        >>> root = etree.Element("item")
        >>> etree.tostring(sub(root, "guid", "x", isPermaLink="false", other=None))
        b'<guid isPermaLink="false">x</guid>'
    """
    attrib = {k: v for k, v in attributes.items() if v is not None} if attributes else None
    if not attrib:
        el = etree.SubElement(parent, tag)
    else:
        try:
            el = etree.SubElement(parent, tag, attrib)
        except (ValueError, UnicodeEncodeError):
            el = etree.SubElement(parent, tag, {k: clean(v) for k, v in attrib.items()})
    if text is not None:
        try:
            el.text = text
        except (ValueError, UnicodeEncodeError):
            el.text = clean(text)
    return el


def append_extension(parent: etree._Element, ext: Extension) -> None:
    """Write an `Extension` back as a child of `parent`, using the prefixes in scope.

    An extension or attribute whose name is not an XML name (a JSON Feed member
    such as ``"a+b"``) is left out with a `ForbiddenCharacterWarning`.

    Args:
        parent: Where the element goes.
        ext: The extension, as a reader kept it.

    Example:
        >>> root = etree.Element("channel", nsmap={"sy": "urn:sy"})
        >>> append_extension(root, Extension(namespace="urn:sy", name="updatePeriod",
        ...                                  text="hourly"))
        >>> etree.tostring(root)
        b'<channel xmlns:sy="urn:sy"><sy:updatePeriod>hourly</sy:updatePeriod></channel>'
    """
    tag = f"{{{ext.namespace}}}{ext.name}" if ext.namespace else ext.name
    try:
        el = etree.SubElement(parent, tag)
    except ValueError as error:
        # Kept from a format with freer names (a JSON Feed member "a+b"): XML cannot hold it.
        _warn_dropped(f"extension {tag!r}", error)
        return
    for name, value in ext.attributes:
        try:
            el.set(name, clean(value))
        except ValueError as error:
            _warn_dropped(f"attribute {name!r} of extension {tag!r}", error)
    if ext.text is not None:
        el.text = clean(ext.text)
    for child in ext.children:
        append_extension(el, child)


def as_written_here(link: Link, own_types: frozenset[str]) -> Link:
    """A blog-level link as a converted document may state it: no borrowed ``self``.

    A ``self`` link names the address of the document that holds it. When its media
    type says it is another format's document (the RSS feed a blog was read from, when
    writing Atom), it is written as ``alternate`` instead: the same feed in another
    format, which is what it is for the new document. A ``self`` link without a type,
    or with one of `own_types` (compared without parameters, in lower case), is kept.

    Args:
        link: The link, from `Blog.feeds` or `Blog.links`.
        own_types: The media types of the format being written.

    Returns:
        The link to write.

    Example:
        >>> rss_self = Link(url="https://example.org/feed/", rel="self",
        ...                 type="application/rss+xml")
        >>> as_written_here(rss_self, frozenset({"application/atom+xml"})).rel
        'alternate'
        >>> as_written_here(rss_self, frozenset({"application/rss+xml"})).rel
        'self'
    """
    if link.rel != "self" or link.type is None:
        return link
    if link.type.partition(";")[0].strip().lower() in own_types:
        return link
    return attrs.evolve(link, rel="alternate")


def _warn_dropped(what: str, error: ValueError) -> None:
    msg = f"left out {what}: XML cannot hold it ({error})"
    warnings.warn(msg, ForbiddenCharacterWarning, stacklevel=4)


def has_plain_names(extensions: Iterable[Extension]) -> bool:
    """Whether any extension (or child of one) has no namespace.

    Example:
        >>> has_plain_names([Extension(namespace="", name="ttl")])
        True
    """
    return any(not e.namespace or has_plain_names(e.children) for e in extensions)


def latest_date(blog: Blog) -> _dt.datetime | None:
    """The latest date the blog, its posts or their comments hold, or None.

    Example:
        >>> latest_date(Blog()) is None
        True
    """
    dates = [blog.updated] if blog.updated is not None else []
    for post in blog.posts:
        dates.extend(d for d in (post.updated, post.published) if d is not None)
        dates.extend(c.published for c in post.comments if c.published is not None)
    return max(dates) if dates else None


def derived_blog_id(blog: Blog) -> str:
    """The blog's id: its own, else its URL, else its first feed's, else a name-based UUID.

    The UUID (RFC 4122 version 5) is computed from the title alone, so the same
    blog always gets the same id; it is never random or time-based.

    Example:
        >>> derived_blog_id(Blog(url="https://example.org/"))
        'https://example.org/'
    """
    if blog.id:
        return blog.id
    if blog.url:
        return blog.url
    if blog.feeds:
        return blog.feeds[0].url
    return _uuid_urn("blog", blog.title or "")


def derived_post_id(blog_id: str, post: Post) -> str:
    """A post's id: its own, else its URL, else a name-based UUID of what identifies it.

    The UUID (RFC 4122 version 5) is computed from the blog's id and the post's
    title, publication date, summary and content: the same post always gets the
    same id, and it is never random or time-based.

    Example:
        >>> derived_post_id("https://example.org/", Post(url="https://example.org/1"))
        'https://example.org/1'
        >>> derived_post_id("b", Post(title="Hi")) == derived_post_id("b", Post(title="Hi"))
        True
    """
    if post.id:
        return post.id
    if post.url:
        return post.url
    published = post.published.isoformat() if post.published else ""
    return _uuid_urn(blog_id, post.title or "", published, post.summary or "", post.content or "")


def _uuid_urn(*parts: str) -> str:
    return uuid.uuid5(_ID_NAMESPACE, "\x1f".join(parts)).urn


def serialize(root: etree._Element, *, pretty: bool) -> bytes:
    r"""Write a document as UTF-8 bytes with an XML declaration.

    Example:
        >>> serialize(etree.Element("rss"), pretty=False)
        b"<?xml version='1.0' encoding='UTF-8'?>\n<rss/>"
    """
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=pretty)
