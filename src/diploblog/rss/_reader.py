"""Read RSS 0.90, 0.91, 0.92, 0.93, 0.94, 1.0 (RDF) and 2.0 into the model, directly with lxml.

Each child element is looked up once, by its Clark name, in a table of handlers;
an element with no handler, or one a handler cannot use (a second ``<link>``, an
enclosure without a URL), is kept whole in the post's or blog's ``extensions``.

Content rule: RSS ``description`` is the item's synopsis *or* its full text (RSS
2.0 allows both), so it always goes to `Post.summary`, and ``content:encoded``
(or ``xhtml:body``) to `Post.content`. A feed with only ``description`` thus gives
``content=None``: show ``post.content or post.summary``. The RSS writer maps the
fields back the same way, so RSS -> model -> RSS keeps both.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Final, cast

from lxml import etree

from diploblog._model import Author, Blog, Enclosure, Post, Tag
from diploblog._urls import rebase
from diploblog._xml import XML_BASE, XML_LANG, child_elements, element_to_extension
from diploblog.atom._reader import (
    ATOM_NS,
    THR_NS,
    XHTML_NS,
    BlogFields,
    PostFields,
    ReadContext,
    append_to,
    attach_replies,
    read_atom_link,
    read_date_of,
    read_language,
    read_link,
    read_post_element,
    read_text,
    read_url,
    set_once,
    text_of,
    xhtml_inner_html,
)

__all__ = ["read_rss"]

RSS10_NS: Final = "http://purl.org/rss/1.0/"
RSS090_NS: Final = "http://my.netscape.com/rdf/simple/0.9/"
RDF_NS: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
CONTENT_NS: Final = "http://purl.org/rss/1.0/modules/content/"
DC_NS: Final = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS: Final = "http://purl.org/dc/terms/"
SLASH_NS: Final = "http://purl.org/rss/1.0/modules/slash/"
WFW_NS: Final = "http://wellformedweb.org/CommentAPI/"
MEDIA_NS: Final = "http://search.yahoo.com/mrss/"
# RSS core elements appear without a namespace (0.91-2.0), in RSS 1.0's or 0.90's, and in
# the namespaces a few RSS 2.0 producers declared (Userland, Harvard).
_CORE_NAMESPACES: Final = (
    "",
    RSS10_NS,
    RSS090_NS,
    "http://backend.userland.com/rss2",
    "http://blogs.law.harvard.edu/tech/rss",
)
_RDF_ABOUT: Final = f"{{{RDF_NS}}}about"
_RDF_RESOURCE: Final = f"{{{RDF_NS}}}resource"
_MEDIA_NAMESPACES: Final = (MEDIA_NS, "http://search.yahoo.com/mrss")
# "jo@example.org (Jo Bloggs)" (RSS 2.0 author), "Jo Bloggs <jo@example.org>",
# "Jo Bloggs (jo@example.org)", "jo@example.org".
_EMAIL_NAME: Final = re.compile(r"(?P<email>[^\s()<>]+@[^\s()<>]+)\s*(?:\((?P<name>[^()]*)\))?")
# The name is taken greedily and stripped by the caller: a lazy name followed by \s*
# retried every split of a long run of spaces (quadratic; tests/test_regex_safety.py).
_NAME_EMAIL: Final = re.compile(
    r"(?P<name>[^<>()]*)(?:<(?P<email>[^\s<>]+@[^\s<>]+)>|\((?P<email2>[^\s()]+@[^\s()]+)\))"
)
_IMAGE_FIELDS: Final = frozenset({"url", "title", "link"})
_MEDIA_FIELDS: Final = frozenset({"url", "type", "fileSize", "duration"})

_Handler = Callable[[PostFields, etree._Element, "str | None", ReadContext], bool]


class _Channel(BlogFields):
    """Blog fields plus the channel's publication date, which only counts without lastBuildDate."""

    __slots__ = ("published", "published_el")

    def __init__(self) -> None:
        super().__init__()
        self.published: _dt.datetime | None = None
        self.published_el: etree._Element | None = None


_ChannelHandler = Callable[[_Channel, etree._Element, "str | None", ReadContext], bool]


def _clark(namespaces: Iterable[str], names: Mapping[str, _Handler]) -> dict[str, _Handler]:
    return {
        (f"{{{ns}}}{name}" if ns else name): handler
        for ns in namespaces
        for name, handler in names.items()
    }


def _person(text: str | None, ctx: ReadContext) -> Author | None:
    """Read an RSS person: ``email (Name)``, ``Name <email>``, an email, or a name."""
    if text is None:
        return None
    people = ctx.people
    if text not in people:
        people[text] = _read_person_text(text, ctx)
    return people[text]


def _read_person_text(text: str, ctx: ReadContext) -> Author | None:
    value = " ".join(text.split())
    if not value:
        return None
    match = _EMAIL_NAME.fullmatch(value)
    if match:
        return ctx.author((match["name"] or "").strip() or None, email=match["email"])
    match = _NAME_EMAIL.fullmatch(value)
    if match:
        return ctx.author(match["name"].strip() or None, email=match["email"] or match["email2"])
    return ctx.author(value)


# --- item handlers: each returns False when it could not use the element -------------


def _read_person(el: etree._Element, base: str | None, ctx: ReadContext) -> Author | None:
    return _person(text_of(el), ctx)


def _read_category(el: etree._Element, base: str | None, ctx: ReadContext) -> Tag | None:
    text = "".join(cast("Iterator[str]", el.itertext())) if len(el) else el.text  # text_of
    term = (text.strip() or None) if text is not None else None
    if term is None:
        ctx.warn("an empty category; kept as an extension", el)
        return None
    return ctx.tag(term, el.get("domain") or None)


def _xhtml_body(el: etree._Element, base: str | None, ctx: ReadContext) -> str | None:
    return xhtml_inner_html(el, unwrap_div=False) or None


def _guid(f: PostFields, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    if f.id is not None:
        return False
    f.id = text_of(el)
    # RSS 2.0: isPermaLink defaults to true, making the guid the item's URL too.
    if f.id is not None and (el.get("isPermaLink") or "true").strip().lower() != "false":
        xml_base = el.get(XML_BASE)
        f.permalink = ctx.url_of(f.id, base if xml_base is None else rebase(base, xml_base), el)
    return True


def _comment_count(f: PostFields, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    count = ctx.count(el.text, el)
    if count is None:
        return False
    # RFC 4685 thr:total, when also present, is read after and wins.
    f.comment_count = count
    return True


def _thr_in_reply_to(f: PostFields, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    ref = (el.get("ref") or "").strip()
    if not ref:
        return False
    f.in_reply_to.append((ref, ctx.url_of(el.get("href"), base, el)))
    return True


def _length(value: str | None, el: etree._Element, ctx: ReadContext) -> int | None:
    return None if value is None or not value.strip() else ctx.count(value, el)


def seconds_of(text: str) -> int | None:
    """The whole seconds a duration attribute holds, or None when it holds none.

    Example:
        >>> seconds_of("1800.5"), seconds_of("half an hour"), seconds_of("-3")
        (1800, None, None)
    """
    try:
        seconds = float(text)
    except ValueError:
        return None
    return int(seconds) if 0 <= seconds < 1e12 else None


def _duration(value: str | None, el: etree._Element, ctx: ReadContext) -> int | None:
    if value is None or not value.strip():
        return None
    seconds = seconds_of(value)
    if seconds is None:
        ctx.warn(f"expected a duration in seconds, got {value!r}", el)
    return seconds


def _enclosure(f: PostFields, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    url = ctx.url_of(el.get("url"), rebase(base, el.get(XML_BASE)), el)
    if url is None:
        ctx.warn("an enclosure without a url; kept as an extension", el)
        return False
    kind = (el.get("type") or "").strip() or None
    f.add_enclosure(Enclosure(url=url, type=kind, length=_length(el.get("length"), el, ctx)))
    return True


def _media_content(f: PostFields, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    url = ctx.url_of(el.get("url"), rebase(base, el.get(XML_BASE)), el)
    if url is None:
        return False
    title = None
    extra = not _MEDIA_FIELDS.issuperset(el.attrib.keys())
    for child in child_elements(el):
        if etree.QName(child).localname == "title" and title is None:
            title = text_of(child)
        else:
            extra = True
    f.add_enclosure(
        Enclosure(
            url=url,
            type=(el.get("type") or "").strip() or None,
            length=_length(el.get("fileSize"), el, ctx),
            duration=_duration(el.get("duration"), el, ctx),
            title=title,
        )
    )
    # What an Enclosure cannot hold (medium, width, thumbnails...) keeps the element too.
    return not extra


def _media_group(f: PostFields, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    complete = True
    for child in child_elements(el):
        if etree.QName(child).localname == "content":
            complete = _media_content(f, child, base, ctx) and complete
        else:
            complete = False
    return complete


def _atom_link(f: PostFields, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    return read_atom_link(f, el, base, ctx)


_title = set_once("title", read_text)


def _author(f: PostFields, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    # append_to("authors", _read_person), fused: nearly every item names its author.
    text = "".join(cast("Iterator[str]", el.itertext())) if len(el) else el.text  # text_of
    author = _person((text.strip() or None) if text is not None else None, ctx)
    if author is None:
        return False
    f.authors.append(author)
    return True


_creator = _author  # dc:creator is written like RSS author too: "Name (email)"


def _category(f: PostFields, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    # append_to("tags", _read_category), fused: items carry several categories each.
    tag = _read_category(el, base, ctx)
    if tag is None:
        return False
    f.tags.append(tag)
    return True


_published = set_once("published", read_date_of)
_updated = set_once("updated", read_date_of)
_language = set_once("language", read_language)
_ITEM_CORE: Final[Mapping[str, _Handler]] = {
    "title": _title,
    "link": set_once("url", read_url),
    "description": set_once("summary", read_text),
    "guid": _guid,
    "pubDate": _published,
    "author": _author,
    "category": _category,
    "comments": set_once("comments_url", read_url),
    "enclosure": _enclosure,
}
_ITEM_HANDLERS: Final[Mapping[str, _Handler]] = {
    **_clark(_CORE_NAMESPACES, _ITEM_CORE),
    f"{{{CONTENT_NS}}}encoded": set_once("content", read_text),
    f"{{{XHTML_NS}}}body": set_once("content", _xhtml_body),
    f"{{{DC_NS}}}creator": _creator,
    f"{{{DC_NS}}}author": _author,  # not Dublin Core, but feeds write it
    f"{{{DC_NS}}}title": _title,
    f"{{{DC_NS}}}description": set_once("summary", read_text),
    f"{{{DC_NS}}}date": _published,
    f"{{{DC_NS}}}subject": _category,
    f"{{{DC_NS}}}language": _language,
    f"{{{DCTERMS_NS}}}created": _published,
    f"{{{DCTERMS_NS}}}issued": _published,
    f"{{{DCTERMS_NS}}}modified": _updated,
    f"{{{ATOM_NS}}}updated": _updated,
    f"{{{ATOM_NS}}}link": _atom_link,
    f"{{{WFW_NS}}}commentRss": set_once("comments_feed_url", read_url),
    f"{{{WFW_NS}}}commentRSS": set_once("comments_feed_url", read_url),
    f"{{{SLASH_NS}}}comments": _comment_count,
    f"{{{THR_NS}}}total": _comment_count,
    f"{{{THR_NS}}}in-reply-to": _thr_in_reply_to,
    **_clark(_MEDIA_NAMESPACES, {"content": _media_content, "group": _media_group}),
}


# --- channel handlers ------------------------------------------------------------------


def _ch_published(b: _Channel, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    if b.published_el is not None:
        return False
    b.published = ctx.date(el)
    b.published_el = el
    return True


def _ch_image(b: _Channel, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    if el.get(_RDF_RESOURCE) is not None and len(el) == 0:
        return True  # RSS 1.0 channel/image: a reference to the image element after it.
    if b.logo is not None:
        return False
    complete = True
    for child in child_elements(el):
        local = etree.QName(child).localname
        if local == "url":
            b.logo = ctx.url_of(child.text, rebase(base, el.get(XML_BASE)), child)
        complete = complete and local in _IMAGE_FIELDS
    # Width, height and description have no model field: keep the element for writers.
    return complete and b.logo is not None


def _ch_atom_link(b: _Channel, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    link = read_link(el, base, ctx)
    if link is None:
        return False
    b.add_link(link)
    return True


def _ch_rdf_reference(b: _Channel, el: etree._Element, base: str | None, ctx: ReadContext) -> bool:
    # RSS 1.0 channel/items and channel/textinput only point at elements read elsewhere.
    return True


_ch_title = set_once("title", read_text)
_author = append_to("authors", _read_person)
_creator = _author  # dc:creator is written like RSS author too: "Name (email)"
_category = append_to("tags", _read_category)
_ch_description = set_once("description", read_text)
_ch_language = set_once("language", read_language)
_ch_rights = set_once("rights", read_text)
_ch_updated = set_once("updated", read_date_of)
_CHANNEL_CORE: Final[Mapping[str, _ChannelHandler]] = {
    "title": _ch_title,
    "link": set_once("url", read_url),
    "description": _ch_description,
    "language": _ch_language,
    "copyright": _ch_rights,
    "generator": set_once("generator", read_text),
    "managingEditor": _author,
    "author": _author,  # not RSS 2.0 at channel level, but feeds write it
    "lastBuildDate": _ch_updated,
    "pubDate": _ch_published,
    "image": _ch_image,
    "category": _category,
}
_CHANNEL_HANDLERS: Final[Mapping[str, _ChannelHandler]] = {
    **{
        (f"{{{ns}}}{name}" if ns else name): handler
        for ns in _CORE_NAMESPACES
        for name, handler in _CHANNEL_CORE.items()
    },
    f"{{{RSS10_NS}}}items": _ch_rdf_reference,
    f"{{{DC_NS}}}title": _ch_title,
    f"{{{DC_NS}}}description": _ch_description,
    f"{{{DC_NS}}}language": _ch_language,
    f"{{{DC_NS}}}rights": _ch_rights,
    f"{{{DC_NS}}}creator": _creator,
    f"{{{DC_NS}}}author": _author,
    f"{{{DC_NS}}}subject": _category,
    f"{{{DC_NS}}}date": _ch_published,
    f"{{{DCTERMS_NS}}}issued": _ch_published,
    f"{{{DCTERMS_NS}}}modified": _ch_updated,
    f"{{{ATOM_NS}}}updated": _ch_updated,
    f"{{{ATOM_NS}}}link": _ch_atom_link,
}
_ITEM_TAGS: Final = frozenset(f"{{{ns}}}item" if ns else "item" for ns in _CORE_NAMESPACES)
_CHANNEL_TAGS: Final = frozenset(f"{{{ns}}}channel" if ns else "channel" for ns in _CORE_NAMESPACES)
_IMAGE_TAGS: Final = frozenset({f"{{{RSS10_NS}}}image", f"{{{RSS090_NS}}}image"})


def read_rss(root: etree._Element, *, url: str | None) -> Blog:
    """Read a parsed RSS document (``<rss>`` or RSS 0.90/1.0 ``<rdf:RDF>``) into a `Blog`.

    Args:
        root: The root element, as `diploblog._xml.parse_xml` returns it.
        url: The document's address, the last base for relative URLs.

    Returns:
        The blog with its posts in document order and the warnings met.

    Example:
        >>> from diploblog._xml import parse_xml
        >>> root = parse_xml(b'<rss version="2.0"><channel><title>T</title>'
        ...     b'<item><title>Hello</title><link>/hello</link></item></channel></rss>',
        ...     where="feed")
        >>> blog = read_rss(root, url="https://example.org/feed")
        >>> blog.title, blog.posts[0].url
        ('T', 'https://example.org/hello')
    """
    ctx = ReadContext(url=url)
    channel = _Channel()
    base = rebase(url, root.get(XML_BASE))
    channel.language = ctx.language(root.get(XML_LANG), root)
    items: list[PostFields] = []
    for child in child_elements(root):
        tag = child.tag
        if tag in _CHANNEL_TAGS:
            _read_channel(child, channel, items, base, ctx)
        elif tag in _ITEM_TAGS:  # RSS 0.90 and 1.0 put items beside the channel.
            items.append(_read_item(child, base, ctx))
        elif tag not in _IMAGE_TAGS or not _ch_image(channel, child, base, ctx):
            channel.extensions.append(element_to_extension(child))
    return _finish(channel, items, ctx)


def _read_channel(
    el: etree._Element,
    channel: _Channel,
    items: list[PostFields],
    base: str | None,
    ctx: ReadContext,
) -> None:
    base = rebase(base, el.get(XML_BASE))
    lang = el.get(XML_LANG)
    if lang is not None and channel.language is None:
        channel.language = ctx.language(lang, el)
    about = el.get(_RDF_ABOUT)
    if about is not None:
        channel.id = about.strip() or None
    handlers = _CHANNEL_HANDLERS
    for child in child_elements(el):
        tag = child.tag
        if tag in _ITEM_TAGS:
            items.append(_read_item(child, base, ctx))
            continue
        handler = handlers.get(tag)
        if handler is None or not handler(channel, child, base, ctx):
            channel.extensions.append(element_to_extension(child))


def _read_item(el: etree._Element, base: str | None, ctx: ReadContext) -> PostFields:
    fields = read_post_element(el, base, ctx, _ITEM_HANDLERS)
    if fields.id is None:
        about = el.get(_RDF_ABOUT)  # RSS 1.0 items are named by rdf:about.
        fields.id = about.strip() or None if about is not None else None
    return fields


def _finish(channel: _Channel, items: list[PostFields], ctx: ReadContext) -> Blog:
    if channel.published_el is not None:
        if channel.updated is None and channel.published is not None:
            channel.updated = channel.published
        else:
            # Both lastBuildDate and pubDate: the model has one blog date; keep the other.
            channel.extensions.append(element_to_extension(channel.published_el))
    posts: list[Post] = attach_replies(items, ctx)
    return channel.to_blog(posts, ctx.warnings)
