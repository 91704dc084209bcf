"""Read Atom 1.0 (RFC 4287) and Atom 0.3 documents into the model, directly with lxml.

Besides the Atom reader itself, this module holds what every direct XML feed
reader shares: the per-document `ReadContext` (document URL, warnings), the
`PostFields` and `BlogFields` accumulators, and the readers of Atom elements that
RSS feeds embed (``atom:link``). The RSS reader imports them from here.

Mapping (the docs page lists it in full): ``feed/id``, ``title``, ``subtitle``
(0.3 ``tagline``), ``rights`` (0.3 ``copyright``), ``updated`` (0.3 ``modified``),
``generator``, ``icon``, ``logo``, ``author``, ``category`` and ``link`` fill the
`Blog`; entries fill `Post`s in document order. Entries carrying RFC 4685
``thr:in-reply-to`` become `Comment`s attached to the post they answer, with
``in_reply_to`` naming the parent comment when they answer a comment.
"""

from __future__ import annotations

import base64
import binascii
import copy
import datetime as _dt
import html
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final, cast

import attrs
import lxml.html
from lxml import etree

from diploblog._errors import DateError, DiploblogError
from diploblog._model import (
    Author,
    Blog,
    Comment,
    Enclosure,
    Extension,
    Link,
    Post,
    ReadWarning,
    Tag,
)
from diploblog._urls import PLAIN_ABSOLUTE as _PLAIN_ABSOLUTE
from diploblog._urls import is_plain_web_url, rebase, resolve_url
from diploblog._xml import (
    XML_BASE,
    XML_LANG,
    child_elements,
    clean_language,
    element_path,
    element_to_extension,
    read_date,
)
from diploblog.dates import parse_date

__all__ = [
    "ATOM03_NS",
    "ATOM_NS",
    "THR_NS",
    "BlogFields",
    "PostFields",
    "ReadContext",
    "attach_replies",
    "html_to_text",
    "read_atom",
    "read_atom_link",
    "read_category",
    "read_link",
    "read_person",
    "read_date_of",
    "read_language",
    "read_text",
    "read_text_construct",
    "read_url",
    "set_once",
    "append_to",
    "text_of",
    "xhtml_inner_html",
]

ATOM_NS: Final = "http://www.w3.org/2005/Atom"
ATOM03_NS: Final = "http://purl.org/atom/ns#"
THR_NS: Final = "http://purl.org/syndication/thread/1.0"
XHTML_NS: Final = "http://www.w3.org/1999/xhtml"
_GD_NS: Final = "http://schemas.google.com/g/2005"
_IANA_RELATIONS: Final = "http://www.iana.org/assignments/relation/"
_FEED_TYPES: Final = frozenset(
    {
        "application/atom+xml",
        "application/rss+xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/json",
        "application/xml",
        "text/xml",
    }
)
_HTML_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})
_THR_IN_REPLY_TO: Final = f"{{{THR_NS}}}in-reply-to"
_THR_TOTAL: Final = f"{{{THR_NS}}}total"
_THR_COUNT: Final = f"{{{THR_NS}}}count"
_XHTML_PREFIX_LENGTH: Final = len(XHTML_NS) + 2


_UNKNOWN: Final = object()


class ReadContext:
    """What reading one document needs besides the elements: its URL and the warnings met.

    It also shares equal values within the document: the same tag, author or date
    text read twice gives the same immutable object, built once.

    Args:
        url: The document's own address, the last base for relative URLs.

    Example:
        >>> ctx = ReadContext(url="https://example.org/feed/")
        >>> ctx.url_of("../about/", "https://example.org/feed/", None)
        'https://example.org/about/'
        >>> ctx.tag("Blogs", None) is ctx.tag("Blogs", None)
        True
    """

    __slots__ = ("_authors", "_dates", "_tags", "_urls", "people", "url", "warnings")

    def __init__(self, *, url: str | None) -> None:
        self.url = url
        self.warnings: list[ReadWarning] = []
        self._tags: dict[tuple[str, str | None, str | None], Tag] = {}
        self._authors: dict[tuple[str | None, str | None, str | None, str | None], Author] = {}
        self._dates: dict[str, _dt.datetime] = {}
        self._urls: dict[tuple[str, str | None], str | None] = {}
        # People as written (RSS "email (Name)") -> the Author read from them, or None.
        self.people: dict[str, Author | None] = {}

    def warn(self, message: str, el: etree._Element | None) -> None:
        """Record a recoverable problem at `el`."""
        where = element_path(el) if el is not None else None
        self.warnings.append(ReadWarning(message=message, where=where))

    def url_of(self, text: str | None, base: str | None, el: etree._Element | None) -> str | None:
        """Resolve a URL as written against `base`; an unusable one is a warning and None."""
        if text is None:
            return None
        # What resolve_url gives these, without the cache.
        if is_plain_web_url(text) or _PLAIN_ABSOLUTE.fullmatch(text):
            return text
        key = (text, base)
        urls = self._urls
        known = urls.get(key, _UNKNOWN)
        if known is not _UNKNOWN:
            return cast("str | None", known)
        try:
            resolved = urls[key] = resolve_url(text, base)
        except DiploblogError as error:
            # Not remembered: each unusable URL is reported where it is.
            self.warn(error.message, el)
            return None
        return resolved

    def date(self, el: etree._Element) -> _dt.datetime | None:
        """Read a date element (see `diploblog._xml.read_date`)."""
        text = el.text
        if text is not None:
            known = self._dates.get(text)
            if known is not None:
                return known
            # The common case, a date read without trouble, skips the warning machinery.
            try:
                parsed = self._dates[text] = parse_date(text)
            except DateError:
                pass
            else:
                return parsed
        warned = len(self.warnings)
        value = read_date(el, self.warnings)
        # Only dates read without trouble are shared: each trouble is reported where it is.
        if value is not None and text is not None and len(self.warnings) == warned:
            self._dates[text] = value
        return value

    def tag(self, term: str, scheme: str | None, label: str | None = None) -> Tag:
        """The `Tag` for a term as written, with its scheme and label."""
        key = (term, scheme, label)
        found = self._tags.get(key)
        if found is None:
            found = self._tags[key] = Tag(term=term, scheme=scheme, label=label)
        return found

    def author(
        self,
        name: str | None,
        url: str | None = None,
        email: str | None = None,
        avatar: str | None = None,
    ) -> Author:
        """The `Author` with these details (at least one of name, url and email)."""
        key = (name, url, email, avatar)
        found = self._authors.get(key)
        if found is None:
            found = Author(name=name, url=url, email=email, avatar=avatar)
            self._authors[key] = found
        return found

    def count(self, value: str | None, el: etree._Element) -> int | None:
        """Read a whole number >= 0; anything else is a warning and None."""
        text = (value or "").strip()
        if text.isascii() and text.isdigit():
            return int(text)
        self.warn(f"expected a count (a whole number from 0 up), got {value!r}", el)
        return None

    def language(self, value: str | None, el: etree._Element) -> str | None:
        """Normalise a language tag; an invalid one is a warning and None."""
        try:
            return clean_language(value)
        except ValueError as error:
            self.warn(str(error), el)
            return None


class PostFields:
    """The fields of one post as they are read, before the immutable `Post` is built.

    Example:
        >>> fields = PostFields()
        >>> fields.title = "The end of this blog"
        >>> fields.to_post().title
        'The end of this blog'
    """

    __slots__ = (
        "authors",
        "comment_count",
        "comments_feed_url",
        "comments_url",
        "content",
        "enclosures",
        "extensions",
        "id",
        "in_reply_to",
        "language",
        "links",
        "permalink",
        "published",
        "summary",
        "tags",
        "title",
        "updated",
        "url",
    )

    def __init__(self) -> None:
        self.id: str | None = None
        self.url: str | None = None
        self.title: str | None = None
        self.published: _dt.datetime | None = None
        self.updated: _dt.datetime | None = None
        self.authors: list[Author] = []
        self.summary: str | None = None
        self.content: str | None = None
        self.tags: list[Tag] = []
        self.comment_count: int | None = None
        self.comments_url: str | None = None
        self.comments_feed_url: str | None = None
        self.enclosures: list[Enclosure] = []
        self.language: str | None = None
        self.links: list[Link] = []
        self.extensions: list[Extension] = []
        # RFC 4685 thr:in-reply-to: (ref, href) pairs.
        self.in_reply_to: list[tuple[str, str | None]] = []
        # A URL the id doubles as (RSS guid isPermaLink), used when no link is given.
        self.permalink: str | None = None

    def add_enclosure(self, enclosure: Enclosure) -> None:
        """Add an enclosure; one with a URL already present fills that one's missing parts."""
        for i, known in enumerate(self.enclosures):
            if known.url == enclosure.url:
                missing = {
                    name: getattr(enclosure, name)
                    for name in ("type", "length", "title", "duration")
                    if getattr(known, name) is None and getattr(enclosure, name) is not None
                }
                if missing:
                    self.enclosures[i] = attrs.evolve(known, **missing)
                return
        self.enclosures.append(enclosure)

    def to_post(self) -> Post:
        """Build the immutable `Post`."""
        return Post(
            id=self.id,
            url=self.url if self.url is not None else self.permalink,
            title=self.title,
            published=self.published,
            updated=self.updated,
            authors=self.authors,
            summary=self.summary,
            content=self.content,
            tags=self.tags,
            comment_count=self.comment_count,
            comments_url=self.comments_url,
            comments_feed_url=self.comments_feed_url,
            enclosures=self.enclosures,
            language=self.language,
            links=self.links,
            extensions=self.extensions,
        )


class BlogFields:
    """The fields of a blog as they are read, before the immutable `Blog` is built.

    Example:
        >>> fields = BlogFields()
        >>> fields.title = "Global conversations"
        >>> fields.to_blog([], []).title
        'Global conversations'
    """

    __slots__ = (
        "authors",
        "description",
        "extensions",
        "feeds",
        "generator",
        "icon",
        "id",
        "language",
        "links",
        "logo",
        "rights",
        "tags",
        "title",
        "updated",
        "url",
    )

    def __init__(self) -> None:
        self.id: str | None = None
        self.title: str | None = None
        self.url: str | None = None
        self.description: str | None = None
        self.language: str | None = None
        self.authors: list[Author] = []
        self.updated: _dt.datetime | None = None
        self.generator: str | None = None
        self.feeds: list[Link] = []
        self.rights: str | None = None
        self.icon: str | None = None
        self.logo: str | None = None
        self.tags: list[Tag] = []
        self.links: list[Link] = []
        self.extensions: list[Extension] = []

    def add_link(self, link: Link) -> None:
        """File a blog-level link: feeds (self, alternate feeds), the blog's page, or links."""
        if link.rel == "self" or (link.rel == "alternate" and link.type in _FEED_TYPES):
            self.feeds.append(link)
        elif link.rel == "alternate" and self.url is None:
            self.url = link.url
        else:
            self.links.append(link)

    def to_blog(self, posts: list[Post], warnings: list[ReadWarning]) -> Blog:
        """Build the immutable `Blog` from these fields, the posts and the warnings."""
        return Blog(
            id=self.id,
            title=self.title,
            url=self.url,
            description=self.description,
            language=self.language,
            authors=self.authors,
            updated=self.updated,
            generator=self.generator,
            feeds=self.feeds,
            rights=self.rights,
            icon=self.icon,
            logo=self.logo,
            tags=self.tags,
            links=self.links,
            posts=posts,
            extensions=self.extensions,
            warnings=warnings,
        )


def text_of(el: etree._Element) -> str | None:
    """The element's text, stripped; None when blank. Text inside stray children counts.

    Example:
        >>> text_of(etree.fromstring(b"<title>  Hello <b>you</b> </title>"))
        'Hello you'
    """
    text = "".join(cast("Iterator[str]", el.itertext())) if len(el) else el.text
    if text is None:
        return None
    return text.strip() or None


def html_to_text(markup: str) -> str | None:
    """The text an HTML fragment shows, for fields that hold plain text (titles).

    Example:
        >>> html_to_text("Global &lt;em&gt;conversations&lt;/em&gt; &amp; <em>more</em>")
        'Global <em>conversations</em> & more'
    """
    if "<" not in markup and "&" not in markup:
        return markup.strip() or None
    if not markup.strip():
        return None
    try:
        fragment = lxml.html.fragment_fromstring(markup, create_parent="div")
    except etree.ParserError:
        # Markup libxml2 drops whole (such as a lone "<!DOCTYPE"): read it as text.
        return html.unescape(markup).strip() or None
    except ValueError:
        # Leading text with a control character (written "&#1;"), which lxml parses but
        # will not set as the wrapper's text (found by fuzzing): read it as a whole body.
        fragment = lxml.html.document_fromstring(f"<body>{markup}</body>")
    return fragment.text_content().strip() or None


def xhtml_inner_html(el: etree._Element, *, unwrap_div: bool = True) -> str:
    """The children of an element holding XHTML, written as HTML without namespaces.

    With `unwrap_div` (Atom, RFC 4287 section 3.1.1.3) the content is the children of
    the one ``xhtml:div`` inside `el`.

    Example:
        >>> el = etree.fromstring(b'<content><div xmlns="http://www.w3.org/1999/xhtml">'
        ...                       b'Hi <b>you</b><br/></div></content>')
        >>> xhtml_inner_html(el)
        'Hi <b>you</b><br>'
    """
    div = next(child_elements(el), None) if unwrap_div else None
    holder = div if div is not None and div.tag == f"{{{XHTML_NS}}}div" else el
    clone = copy.deepcopy(holder)
    # Instructions to the reading program ("<?php ...?>") are not content.
    etree.strip_elements(clone, etree.ProcessingInstruction, with_tail=False)
    for node in clone.iter(etree.Element):
        if node.tag.startswith("{" + XHTML_NS + "}"):  # not a longer URI that starts alike
            node.tag = node.tag[_XHTML_PREFIX_LENGTH:]
    etree.cleanup_namespaces(clone)
    parts = [html.escape(clone.text or "", quote=False)]
    parts.extend(
        etree.tostring(child, method="html", encoding="unicode", with_tail=True) for child in clone
    )
    return "".join(parts).strip()


def _construct_kind(el: etree._Element) -> str | None:
    """Atom 1.0 and 0.3 text construct types as "text", "html", "xhtml" or None (other)."""
    written = el.get("type")
    if written is None or written == "text":
        return "text"
    if written == "html":
        return "html"
    kind = (written or "text").strip().lower()
    mode = el.get("mode")
    if kind in ("text", "text/plain"):
        return "text"
    if kind in ("html", "text/html"):
        return "html"
    if kind in ("xhtml", "application/xhtml+xml"):
        return "html" if mode == "escaped" else "xhtml"
    return None


def _construct_source(el: etree._Element, ctx: ReadContext) -> str | None:
    # Atom 0.3 section 3.1.2: mode="base64" holds the text base64-encoded.
    if el.get("mode") != "base64":
        return el.text
    try:
        return base64.b64decode(el.text or "").decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        ctx.warn("base64 content that does not decode to UTF-8 text", el)
        return None


def read_text_construct(el: etree._Element, ctx: ReadContext, *, as_html: bool) -> str | None:
    """Read an Atom text construct as HTML (content, summary) or as plain text (titles).

    ``type="text"`` is escaped to HTML; ``type="html"`` is taken as written, or
    reduced to its text; ``type="xhtml"`` is the inner ``div``'s children written
    as HTML. Atom 0.3 MIME types and ``mode`` (xml, escaped, base64) are understood.

    Args:
        el: The text construct element (``title``, ``summary``, ``content``...).
        ctx: The reading context (for warnings).
        as_html: True for HTML, False for plain text.

    Returns:
        The value, or None when empty or of a type that is not text (the caller then
        keeps the element as an extension).

    Example:
        >>> el = etree.fromstring(b'<title type="html">A &lt;b&gt;bold&lt;/b&gt; move</title>')
        >>> read_text_construct(el, ReadContext(url=None), as_html=False)
        'A bold move'
    """
    kind = _construct_kind(el)
    if kind is None:
        return None
    if kind == "xhtml":
        inner = xhtml_inner_html(el)
        return (inner or None) if as_html else html_to_text(inner)
    text = _construct_source(el, ctx) if len(el) == 0 else text_of(el)
    if text is None:
        return None
    stripped = text.strip()
    if not stripped:
        return None
    if kind == "html":
        return stripped if as_html else html_to_text(text)
    return html.escape(stripped, quote=False) if as_html else stripped


def read_person(el: etree._Element, base: str | None, ctx: ReadContext) -> Author | None:
    """Read an Atom person construct (1.0 ``uri``, 0.3 ``url``; Blogger's ``gd:image``).

    Example:
        >>> el = etree.fromstring(b'<author xmlns="http://www.w3.org/2005/Atom"><name>Jo</name>'
        ...                       b'<email>jo@example.org</email></author>')
        >>> read_person(el, None, ReadContext(url=None)).email
        'jo@example.org'
    """
    xml_base = el.get(XML_BASE)
    if xml_base is not None:
        base = rebase(base, xml_base)
    name = email = url = avatar = None
    for child in el:
        tag = child.tag
        if type(tag) is not str:  # a comment or processing instruction
            continue
        local = tag.rpartition("}")[2]
        if local == "name":
            name = text_of(child)
        elif local in ("uri", "url", "homepage"):  # url and homepage: Atom 0.3 drafts
            child_base = child.get(XML_BASE)
            url = ctx.url_of(
                child.text, base if child_base is None else rebase(base, child_base), child
            )
        elif local == "email":
            email = text_of(child)
        elif local == "image" and child.tag == f"{{{_GD_NS}}}image":
            avatar = ctx.url_of(child.get("src"), base, child)
    if email is not None and "@" not in email:
        ctx.warn(f"{email!r} is not an email address; dropped", el)
        email = None
    if name is None and url is None and email is None:
        ctx.warn("a person with no name, URI or email address; dropped", el)
        return None
    return ctx.author(name, url, email, avatar)


# Relations _relation gives back unchanged: the usual ones, as they are written.
_PLAIN_RELATIONS: Final = frozenset(
    {"alternate", "replies", "enclosure", "self", "related", "via", "hub", "edit", "license"}
)


def _relation(value: str | None) -> str:
    rel = (value or "alternate").strip() or "alternate"
    return rel[len(_IANA_RELATIONS) :] if rel.startswith(_IANA_RELATIONS) else rel


def _href(el: etree._Element, base: str | None, ctx: ReadContext) -> str | None:
    href = el.get("href")
    xml_base = el.get(XML_BASE)
    if xml_base is not None:
        base = rebase(base, xml_base)
    # RFC 3986 section 5.2: an empty reference stands for the base itself.
    if href is not None and not href.strip() and base:
        return ctx.url_of(base, None, el)
    return ctx.url_of(href, base, el)


def read_link(el: etree._Element, base: str | None, ctx: ReadContext) -> Link | None:
    """Read an ``atom:link`` as a `Link` (rel defaults to "alternate"); None without href.

    Example:
        >>> el = etree.fromstring(b'<link rel="self" href="feed.xml"/>')
        >>> read_link(el, "https://example.org/", ReadContext(url=None)).url
        'https://example.org/feed.xml'
    """
    href = _href(el, base, ctx)
    if href is None:
        ctx.warn("a link without href; kept as an extension", el)
        return None
    kind = el.get("type")
    return Link(url=href, rel=_relation(el.get("rel")), title=el.get("title"), type=kind)


def read_atom_link(
    fields: PostFields, el: etree._Element, base: str | None, ctx: ReadContext
) -> bool:
    """File an entry-level (or RSS item-level) ``atom:link`` into the post's fields.

    ``alternate`` gives the post URL (the first one; later ones go to links),
    ``enclosure`` an enclosure, ``replies`` the comments feed (or page, for HTML) and,
    with RFC 4685 ``thr:count``, the comment count; other relations go to links.

    Returns:
        False when the link could not be read (the caller keeps it as an extension).

    Example:
        >>> fields = PostFields()
        >>> el = etree.fromstring(b'<link xmlns:thr="http://purl.org/syndication/thread/1.0" '
        ...     b'rel="replies" type="application/atom+xml" href="c.xml" thr:count="4"/>')
        >>> read_atom_link(fields, el, "https://example.org/", ReadContext(url=None))
        True
        >>> fields.comments_feed_url, fields.comment_count
        ('https://example.org/c.xml', 4)
    """
    href = _href(el, base, ctx)
    if href is None:
        ctx.warn("a link without href; kept as an extension", el)
        return False
    rel = el.get("rel")
    if rel not in _PLAIN_RELATIONS:  # None, padded, or an IANA URI: normalise it
        rel = _relation(rel)
    kind = el.get("type")
    if rel == "alternate" and fields.url is None:
        fields.url = href
    elif rel == "enclosure":
        length = el.get("length")
        fields.add_enclosure(
            Enclosure(
                url=href,
                type=kind,
                length=ctx.count(length, el) if length is not None else None,
                title=el.get("title"),
            )
        )
    elif rel == "replies" and kind in _HTML_TYPES and fields.comments_url is None:
        fields.comments_url = href
        _reply_count(fields, el, ctx)
    elif rel == "replies" and kind not in _HTML_TYPES and fields.comments_feed_url is None:
        fields.comments_feed_url = href
        _reply_count(fields, el, ctx)
    else:
        fields.links.append(Link(url=href, rel=rel, title=el.get("title"), type=kind))
        if rel == "replies":
            _reply_count(fields, el, ctx)
    return True


def _reply_count(fields: PostFields, el: etree._Element, ctx: ReadContext) -> None:
    count = el.get(_THR_COUNT)
    if count is not None and fields.comment_count is None:
        fields.comment_count = ctx.count(count, el)


def read_category(el: etree._Element, base: str | None, ctx: ReadContext) -> Tag | None:
    """Read an Atom ``category`` (term, scheme, label) as a `Tag`; None without a term.

    Example:
        >>> el = etree.fromstring(b'<category term="fco" scheme="https://example.org/tags/" '
        ...                       b'label="Foreign Office"/>')
        >>> read_category(el, None, ReadContext(url=None)).display
        'Foreign Office'
    """
    term = (el.get("term") or "").strip() or text_of(el)
    if term is None:
        ctx.warn("a category without a term; dropped", el)
        return None
    return ctx.tag(term, el.get("scheme") or None, el.get("label") or None)


# --- Atom feed and entry readers ------------------------------------------------------

_EntryHandler = Callable[[PostFields, etree._Element, str | None, ReadContext], bool]
_FeedHandler = Callable[[BlogFields, etree._Element, str | None, ReadContext], bool]
FieldReader = Callable[[etree._Element, "str | None", ReadContext], object]
"""Reads one element's value: ``(element, base URL, context) -> value or None``."""


def set_once(name: str, read: FieldReader) -> Callable[..., bool]:
    """Make a handler that fills the single-valued field `name` with what `read` gives.

    The handler returns False, so that the caller keeps the element as an extension,
    when the field is filled already (a second ``<link>``) or `read` gives None
    (an empty element, an unusable URL, an unreadable date).

    Args:
        name: The attribute of `PostFields` or `BlogFields` to fill.
        read: Reads the element's value.

    Returns:
        A handler ``(fields, element, base, context) -> bool``.

    Example:
        >>> handle = set_once("title", read_text)
        >>> fields, ctx = PostFields(), ReadContext(url=None)
        >>> handle(fields, etree.fromstring(b"<title> Hi </title>"), None, ctx), fields.title
        (True, 'Hi')
        >>> handle(fields, etree.fromstring(b"<title>Again</title>"), None, ctx)
        False
    """
    fused = _FUSED_SET_ONCE.get(read)
    if fused is not None:
        return fused(name)

    def handle(fields: Any, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
        if getattr(fields, name) is not None:
            return False
        value = read(el, base, ctx)
        setattr(fields, name, value)
        return value is not None

    return handle


def append_to(name: str, read: FieldReader) -> Callable[..., bool]:
    """Make a handler that adds what `read` gives to the list field `name`.

    The handler returns False (keep the element as an extension) when `read` gives None.

    Example:
        >>> handle = append_to("tags", lambda el, base, ctx: ctx.tag(el.text, None))
        >>> fields = PostFields()
        >>> handle(fields, etree.fromstring(b"<category>fco</category>"), None,
        ...        ReadContext(url=None))
        True
        >>> [t.term for t in fields.tags]
        ['fco']
    """

    def handle(fields: Any, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
        value = read(el, base, ctx)
        if value is None:
            return False
        getattr(fields, name).append(value)
        return True

    return handle


def read_text(el: etree._Element, base: str | None, ctx: ReadContext) -> str | None:
    """A `FieldReader` for plain text (see `text_of`)."""
    return text_of(el)


def read_url(el: etree._Element, base: str | None, ctx: ReadContext) -> str | None:
    """A `FieldReader` for an element whose text is a URL, resolved against the base."""
    return ctx.url_of(el.text, rebase(base, el.get(XML_BASE)), el)


def read_date_of(el: etree._Element, base: str | None, ctx: ReadContext) -> _dt.datetime | None:
    """A `FieldReader` for a date (see `ReadContext.date`)."""
    return ctx.date(el)


def read_language(el: etree._Element, base: str | None, ctx: ReadContext) -> str | None:
    """A `FieldReader` for a language tag (see `ReadContext.language`)."""
    return ctx.language(el.text, el)


def _read_plain_construct(el: etree._Element, base: str | None, ctx: ReadContext) -> str | None:
    return read_text_construct(el, ctx, as_html=False)


def _read_html_construct(el: etree._Element, base: str | None, ctx: ReadContext) -> str | None:
    return read_text_construct(el, ctx, as_html=True)


def _read_inline_content(el: etree._Element, base: str | None, ctx: ReadContext) -> str | None:
    # Out-of-line content (src=) has no model field: None keeps it as an extension.
    return None if el.get("src") is not None else read_text_construct(el, ctx, as_html=True)


# The common readers fused into their set-once handler: the same result with fewer calls
# per element (these handlers run for nearly every element of a feed).


def _set_text_once(name: str) -> Callable[..., bool]:
    def handle(fields: Any, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
        if getattr(fields, name) is not None:
            return False
        text = "".join(cast("Iterator[str]", el.itertext())) if len(el) else el.text
        value = (text.strip() or None) if text is not None else None
        setattr(fields, name, value)
        return value is not None

    return handle


def _set_url_once(name: str) -> Callable[..., bool]:
    def handle(fields: Any, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
        if getattr(fields, name) is not None:
            return False
        xml_base = el.get(XML_BASE)
        value = ctx.url_of(el.text, base if xml_base is None else rebase(base, xml_base), el)
        setattr(fields, name, value)
        return value is not None

    return handle


def _set_date_once(name: str) -> Callable[..., bool]:
    def handle(fields: Any, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
        if getattr(fields, name) is not None:
            return False
        value = ctx.date(el)
        setattr(fields, name, value)
        return value is not None

    return handle


def _set_construct_once(
    read: FieldReader, *, as_html: bool, inline_only: bool
) -> Callable[[str], Callable[..., bool]]:
    """Text constructs: ``type`` absent, "text" or "html" with plain text inside, inline."""

    def fuse(name: str) -> Callable[..., bool]:
        def handle(fields: Any, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
            if getattr(fields, name) is not None:
                return False
            kind = el.get("type")
            if (
                (kind is None or kind == "text" or kind == "html")
                and not len(el)
                and el.get("mode") is None
                and not (inline_only and el.get("src") is not None)
            ):
                # What read_text_construct gives for these, without its general steps.
                text = el.text
                value: object = text.strip() if text is not None else None
                if not value:
                    value = None
                elif kind == "html":
                    value = value if as_html else html_to_text(cast(str, text))
                elif as_html:
                    value = html.escape(cast(str, value), quote=False)
            else:
                value = read(el, base, ctx)
            setattr(fields, name, value)
            return value is not None

        return handle

    return fuse


_FUSED_SET_ONCE: Final[Mapping[FieldReader, Callable[[str], Callable[..., bool]]]] = {
    read_text: _set_text_once,
    read_url: _set_url_once,
    read_date_of: _set_date_once,
    _read_plain_construct: _set_construct_once(
        _read_plain_construct, as_html=False, inline_only=False
    ),
    _read_html_construct: _set_construct_once(
        _read_html_construct, as_html=True, inline_only=False
    ),
    _read_inline_content: _set_construct_once(_read_inline_content, as_html=True, inline_only=True),
}


def _entry_in_reply_to(
    f: PostFields, el: etree._Element, base: str | None, ctx: ReadContext
) -> bool:
    ref = (el.get("ref") or "").strip()
    if not ref:
        ctx.warn("thr:in-reply-to without ref; kept as an extension", el)
        return False
    f.in_reply_to.append((ref, ctx.url_of(el.get("href"), base, el)))
    return True


def _entry_total(f: PostFields, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    # RFC 4685 section 5: thr:total is the entry's own statement; it beats a link's thr:count.
    count = ctx.count(el.text, el)
    if count is not None:
        f.comment_count = count
    return count is not None


def _entry_link(f: PostFields, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    return read_atom_link(f, el, base, ctx)


def _feed_link(b: BlogFields, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    link = read_link(el, base, ctx)
    if link is not None:
        b.add_link(link)
    return link is not None


_ENTRY_1: Final[Mapping[str, _EntryHandler]] = {
    "id": set_once("id", read_text),
    "title": set_once("title", _read_plain_construct),
    "summary": set_once("summary", _read_html_construct),
    "content": set_once("content", _read_inline_content),
    "published": set_once("published", read_date_of),
    "updated": set_once("updated", read_date_of),
    "author": append_to("authors", read_person),
    "category": append_to("tags", read_category),
    "link": _entry_link,
}
_ENTRY_03: Final[Mapping[str, _EntryHandler]] = {
    **{k: _ENTRY_1[k] for k in ("id", "title", "summary", "content", "author", "link")},
    "issued": _ENTRY_1["published"],
    "created": _ENTRY_1["published"],
    "modified": _ENTRY_1["updated"],
}
_FEED_1: Final[Mapping[str, _FeedHandler]] = {
    "id": set_once("id", read_text),
    "title": set_once("title", _read_plain_construct),
    "subtitle": set_once("description", _read_plain_construct),
    "rights": set_once("rights", _read_plain_construct),
    "updated": set_once("updated", read_date_of),
    "generator": set_once("generator", read_text),
    "icon": set_once("icon", read_url),
    "logo": set_once("logo", read_url),
    "author": append_to("authors", read_person),
    "category": append_to("tags", read_category),
    "link": _feed_link,
}
_FEED_03: Final[Mapping[str, _FeedHandler]] = {
    "id": _FEED_1["id"],
    "title": _FEED_1["title"],
    "tagline": _FEED_1["subtitle"],
    "copyright": _FEED_1["rights"],
    "modified": _FEED_1["updated"],
    "generator": _FEED_1["generator"],
    "author": _FEED_1["author"],
    "link": _feed_link,
}
_THREADING: Final[Mapping[str, _EntryHandler]] = {
    _THR_IN_REPLY_TO: _entry_in_reply_to,
    _THR_TOTAL: _entry_total,
}
# Handlers keyed by Clark tag name: one dictionary look-up per child element.
ENTRY_HANDLERS: Final[Mapping[str, _EntryHandler]] = {
    **{f"{{{ATOM_NS}}}{k}": v for k, v in _ENTRY_1.items()},
    **{f"{{{ATOM03_NS}}}{k}": v for k, v in _ENTRY_03.items()},
    **_THREADING,
}
_FEED_HANDLERS: Final[Mapping[str, _FeedHandler]] = {
    **{f"{{{ATOM_NS}}}{k}": v for k, v in _FEED_1.items()},
    **{f"{{{ATOM03_NS}}}{k}": v for k, v in _FEED_03.items()},
}
_ENTRY_TAGS: Final = frozenset({f"{{{ATOM_NS}}}entry", f"{{{ATOM03_NS}}}entry"})


def read_atom(root: etree._Element, *, url: str | None) -> Blog:
    """Read a parsed Atom 1.0 or 0.3 document into a `Blog`.

    Args:
        root: The ``feed`` element, as `diploblog._xml.parse_xml` returns it.
        url: The document's address, the last base for relative URLs.

    Returns:
        The blog with its posts in document order, comments (RFC 4685 replies)
        attached to their posts, and the warnings met.

    Example:
        >>> from diploblog._xml import parse_xml
        >>> root = parse_xml(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        ...     b'<entry><id>1</id><title>Hello</title><link href="/hello"/></entry></feed>',
        ...     where="feed")
        >>> blog = read_atom(root, url="https://example.org/feed")
        >>> blog.title, blog.posts[0].url
        ('T', 'https://example.org/hello')
    """
    ctx = ReadContext(url=url)
    blog = BlogFields()
    base = rebase(url, root.get(XML_BASE))
    blog.language = ctx.language(root.get(XML_LANG), root)
    entries: list[PostFields] = []
    handlers = _FEED_HANDLERS
    for child in child_elements(root):
        tag = child.tag
        if tag in _ENTRY_TAGS:
            entries.append(_read_entry(child, base, ctx))
            continue
        handler = handlers.get(tag)
        if handler is None or not handler(blog, child, base, ctx):
            blog.extensions.append(element_to_extension(child))
    return blog.to_blog(attach_replies(entries, ctx), ctx.warnings)


def _read_entry(el: etree._Element, base: str | None, ctx: ReadContext) -> PostFields:
    return read_post_element(el, base, ctx, ENTRY_HANDLERS)


def read_post_element(
    el: etree._Element, base: str | None, ctx: ReadContext, handlers: Mapping[Any, Any]
) -> PostFields:
    """The fields of an Atom entry or an RSS item: each child by its tag's handler.

    Its ``xml:base`` and ``xml:lang`` apply to its children; a child with no handler,
    or one its handler declines, is kept as an extension.
    """
    fields = PostFields()
    xml_base = el.get(XML_BASE)
    if xml_base is not None:
        base = rebase(base, xml_base)
    lang = el.get(XML_LANG)
    if lang is not None:
        fields.language = ctx.language(lang, el)
    extensions = fields.extensions
    for child in el:  # faster than child_elements; comments and PIs are skipped below
        tag = child.tag
        handler = handlers.get(tag)
        if handler is None:
            if type(tag) is str:
                extensions.append(element_to_extension(child))
        elif not handler(fields, child, base, ctx):
            extensions.append(element_to_extension(child))
    return fields


def attach_replies(entries: list[PostFields], ctx: ReadContext) -> list[Post]:
    """Turn entries that answer others (RFC 4685 ``thr:in-reply-to``) into comments.

    A reply to a post in the document joins that post's comments; a reply to a
    comment joins the same post with ``in_reply_to`` naming the parent comment; a
    reply to a post the document does not hold (a comment feed) joins a post made
    from the reference alone (its ``id`` and, from ``href``, its ``url``), placed
    where its first comment was.

    Args:
        entries: The entries in document order.
        ctx: The reading context (for warnings).

    Returns:
        The posts in document order, with their comments.

    Example:
        >>> post, reply = PostFields(), PostFields()
        >>> post.id, reply.id, reply.in_reply_to = "p1", "c1", [("p1", None)]
        >>> [p.comments[0].id for p in attach_replies([post, reply], ReadContext(url=None))]
        ['c1']
    """
    if not any(e.in_reply_to for e in entries):
        return [e.to_post() for e in entries]
    by_id: dict[str | None, PostFields] = {e.id: e for e in entries if e.id is not None}
    order: list[PostFields | str] = []
    comments: dict[str, list[Comment]] = {}
    stubs: dict[str, str | None] = {}
    for entry in entries:
        if not entry.in_reply_to:
            order.append(entry)
            continue
        post_id, parent = _thread_root(entry, by_id)
        target = by_id.get(post_id)
        # A reply cycle leaves no post at the root: the reference then stands for one.
        if (target is None or target.in_reply_to) and post_id not in stubs:
            stubs[post_id] = _stub_url(entry, post_id)
            order.append(post_id)
        comments.setdefault(post_id, []).append(_comment(entry, parent, ctx))
    return [_with_comments(item, comments, stubs) for item in order]


def _thread_root(
    entry: PostFields, by_id: Mapping[str | None, PostFields]
) -> tuple[str, str | None]:
    """The id of the post a reply belongs to, and the id of the comment it answers."""
    ref = entry.in_reply_to[0][0]
    parent = by_id.get(ref)
    if parent is None or not parent.in_reply_to:
        return ref, None
    seen = {entry.id}
    node = parent
    while node.in_reply_to and node.id not in seen:
        seen.add(node.id)
        up = by_id.get(node.in_reply_to[0][0])
        if up is None:
            return node.in_reply_to[0][0], ref
        node = up
    return node.id or ref, ref


def _stub_url(entry: PostFields, post_id: str) -> str | None:
    for ref, href in entry.in_reply_to:
        if ref == post_id:
            return href
    return None


def _comment(entry: PostFields, parent: str | None, ctx: ReadContext) -> Comment:
    extensions = list(entry.extensions)
    if entry.title is not None:
        extensions.insert(0, Extension(namespace=ATOM_NS, name="title", text=entry.title))
    return Comment(
        id=entry.id,
        url=entry.url,
        author=entry.authors[0] if entry.authors else None,
        published=entry.published or entry.updated,
        content=entry.content or entry.summary or "",
        in_reply_to=parent if parent != entry.id else None,
        extensions=extensions,
    )


def _with_comments(
    item: PostFields | str, comments: Mapping[str, list[Comment]], stubs: Mapping[str, str | None]
) -> Post:
    if isinstance(item, str):
        return Post(id=item, url=stubs[item], comments=comments.get(item, ()))
    post = item.to_post()
    found = comments.get(item.id) if item.id is not None else None
    return attrs.evolve(post, comments=found) if found else post
