"""Reading WordPress eXtended RSS (WXR 1.0, 1.1 and 1.2) exports into the model.

What the model has no field for is kept as `Extension`s in the WXR 1.2 namespace
(``http://wordpress.org/export/1.2/``) whatever version was read, so the writer
finds it again: ``wp:post_id``, ``wp:post_parent``, ``wp:menu_order``,
``wp:is_sticky``, ``wp:postmeta``, ``wp:comment_author_IP``, ...

A category or tag whose nicename is not the slug of its name is read as
``Tag(term=nicename, label=name)``, so that `Tag.slug` is WordPress's nicename.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from typing import Final

import attrs
from lxml import etree

from diploblog._errors import DiploblogError, UnsupportedFormatError
from diploblog._model import Author, Blog, Comment, Enclosure, Extension, Post, ReadWarning, Tag
from diploblog._slug import slugify
from diploblog._xml import child_elements, element_path, element_to_extension, parse_xml
from diploblog.dates import parse_date

__all__ = ["SKIPPED_POST_TYPES", "WP_NS", "read_wxr", "wp_namespace"]

WP_NS: Final = "http://wordpress.org/export/1.2/"
"""The namespace extensions read from any WXR version are kept in."""

SKIPPED_POST_TYPES: Final = frozenset(
    {
        "nav_menu_item",
        "custom_css",
        "customize_changeset",
        "oembed_cache",
        "user_request",
        "wp_global_styles",
        "wp_navigation",
        "wp_template",
        "wp_template_part",
        "wp_font_family",
        "wp_font_face",
    }
)
"""Post types that hold site machinery, not content: not read as posts."""

_WP: Final = re.compile(r"https?://wordpress\.org/export/1\.[0-2]/")
_EXCERPT: Final = re.compile(r"https?://wordpress\.org/export/1\.[0-2]/excerpt/")
_CONTENT_NS: Final = "http://purl.org/rss/1.0/modules/content/"
_DC_NS: Final = "http://purl.org/dc/elements/1.1/"
_WP_DATE: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?")
_NO_DATE: Final = re.compile(r"0000-00-00(?: 00:00:00)?")
_POST_FIELDS: Final = frozenset(
    {
        "post_date",
        "post_date_gmt",
        "post_modified",
        "post_modified_gmt",
        "post_name",
        "status",
        "post_type",
        "attachment_url",
        "comment",
    }
)
_COMMENT_FIELDS: Final = frozenset(
    {
        "comment_id",
        "comment_author",
        "comment_author_email",
        "comment_author_url",
        "comment_date",
        "comment_date_gmt",
        "comment_content",
        "comment_approved",
        "comment_type",
        "comment_parent",
    }
)
# Where the original (non-numeric) id of a comment is kept in a written export.
ORIGINAL_ID_KEY: Final = "_diploblog_id"


def wp_namespace(root: etree._Element) -> str | None:
    """The WXR ``wp`` namespace a document declares, or None when it is not a WXR export.

    Args:
        root: The document's root element.

    Returns:
        The namespace URI (``http://`` or ``https://wordpress.org/export/1.x/``).

    Example:
        >>> wp_namespace(etree.fromstring(
        ...     b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel/></rss>'))
        'http://wordpress.org/export/1.2/'
    """
    for uri in root.nsmap.values():
        if uri and _WP.fullmatch(uri):
            return uri
    for el in root.iter(tag=etree.Element):
        uri = etree.QName(el).namespace
        if uri and _WP.fullmatch(uri):
            return uri
    return None


def read_wxr(data: bytes | str | etree._Element, *, url: str | None = None) -> Blog:
    """Read a WordPress export (WXR 1.0, 1.1 or 1.2) into a `Blog`.

    Posts, pages, attachments and custom post types become `Post`s (their `kind`
    is the post type); menu items and other site machinery (`SKIPPED_POST_TYPES`)
    are left out. Channel authors, categories and tags fill `Blog.authors` and
    `Blog.tags`. Recoverable problems (a bad date, a comment whose parent is
    missing) are `Blog.warnings`.

    Args:
        data: The export as bytes or text, or its parsed root element.
        url: Where it came from, for messages.

    Returns:
        The blog.

    Raises:
        ParseError: The document is not well-formed XML.
        UnsafeInputError: The document declares entities.
        UnsupportedFormatError: The document is not RSS with a WXR namespace.

    Example:
        >>> blog = read_wxr(b'''<rss version="2.0"
        ...   xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>B</title>
        ...   <item><title>Hi</title><wp:post_type>page</wp:post_type>
        ...   <wp:post_name>hi</wp:post_name></item></channel></rss>''')
        >>> blog.posts[0].kind, blog.posts[0].slug
        ('page', 'hi')
    """
    where = url or "input"
    if isinstance(data, str):
        data = data.encode("utf-8")
    root = data if isinstance(data, etree._Element) else parse_xml(data, where=where)
    wp = wp_namespace(root)
    channel = root.find("channel")
    if wp is None or etree.QName(root).localname != "rss" or channel is None:
        msg = "not a WordPress export: expected <rss><channel> with the wp export namespace"
        raise UnsupportedFormatError(msg, where=where)
    return _Reader(wp).blog(channel, url)


def _local(el: etree._Element) -> tuple[str, str]:
    qname = etree.QName(el)
    return qname.namespace or "", qname.localname


def _text(el: etree._Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def _naive(text: str) -> _dt.datetime | None:
    match = _WP_DATE.fullmatch(text.strip())
    if match is None:
        raise ValueError(text)
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
    return _dt.datetime(year, month, day, hour, minute, second)


class _Reader:
    """One reading: the export's namespace, its authors by login, and the warnings met."""

    def __init__(self, wp: str) -> None:
        self.wp = wp
        self.warnings: list[ReadWarning] = []
        self.logins: dict[str, Author] = {}

    def warn(self, message: str, el: etree._Element) -> None:
        self.warnings.append(ReadWarning(message=message, where=element_path(el)))

    def kind(self, el: etree._Element) -> str:
        uri, _ = _local(el)
        if uri == self.wp:
            return "wp"
        if _EXCERPT.fullmatch(uri):
            return "excerpt"
        return {_CONTENT_NS: "content", _DC_NS: "dc", "": "rss"}.get(uri, "other")

    def wp_children(self, el: etree._Element) -> dict[str, etree._Element]:
        return {_local(c)[1]: c for c in child_elements(el) if self.kind(c) == "wp"}

    def extension(self, el: etree._Element) -> Extension:
        return self._renamespace(element_to_extension(el))

    def _renamespace(self, ext: Extension) -> Extension:
        return Extension(
            namespace=WP_NS if ext.namespace == self.wp else ext.namespace,
            name=ext.name,
            attributes=ext.attributes,
            text=ext.text,
            children=tuple(self._renamespace(c) for c in ext.children),
        )

    def blog(self, channel: etree._Element, url: str | None) -> Blog:
        fields: dict[str, object] = {}
        tags: list[Tag] = []
        extensions: list[Extension] = []
        items: list[etree._Element] = []
        for el in child_elements(channel):
            kind, name = self.kind(el), _local(el)[1]
            if kind == "rss" and name == "item":
                items.append(el)
            elif kind == "rss" and name in ("title", "description", "generator"):
                fields[name] = el.text or None
            elif kind == "rss" and name == "link":
                fields["url"] = self.url(el)
            elif kind == "rss" and name == "language":
                fields["language"] = _text(el) or None
            elif kind == "rss" and name == "pubDate":
                fields["updated"] = self.date(el)
            elif kind == "wp" and name == "author":
                extensions.append(self.extension(el))
                self.author(el)
            elif kind == "wp" and name in ("category", "tag", "term"):
                tags.extend(self.term(el, name))
            elif not (kind == "wp" and name == "wxr_version"):
                extensions.append(self.extension(el))
        posts = [post for item in items if (post := self.post(item)) is not None]
        # WXR 1.2 repeats categories as generic <wp:term>s: keep the first of each.
        tags = list(dict.fromkeys(tags))
        authors = list(dict.fromkeys(self.logins.values()))
        return self.build(
            Blog, tags=tags, extensions=extensions, posts=posts, authors=authors, **fields
        )

    def build(self, cls: type[Blog], **fields: object) -> Blog:
        try:
            return cls(warnings=self.warnings, **fields)  # type: ignore[arg-type]
        except DiploblogError as error:
            # A bad language or URL must not lose the posts: drop the field, say so.
            self.warnings.append(ReadWarning(message=str(error), where="/rss/channel"))
            fields.pop("language", None)
            return cls(warnings=self.warnings, **fields)  # type: ignore[arg-type]

    def url(self, el: etree._Element) -> str | None:
        from diploblog._urls import clean_url

        try:
            return clean_url(el.text)
        except DiploblogError:
            self.warn(f"unreadable URL {el.text!r}", el)
            return None

    def date(self, el: etree._Element) -> _dt.datetime | None:
        text = _text(el)
        if not text:
            return None
        try:
            return parse_date(text)
        except DiploblogError:
            self.warn(f"unreadable date {text!r}", el)
            return None

    def author(self, el: etree._Element) -> None:
        wp = self.wp_children(el)
        login = _text(wp.get("author_login"))
        name = _text(wp.get("author_display_name")) or login
        email = _text(wp.get("author_email")) or None
        if email is not None and "@" not in email:
            self.warn(f"not an email address: {email!r}", el)
            email = None
        if name or email:
            self.logins[login or name] = Author(name=name or None, email=email)

    def term(self, el: etree._Element, what: str) -> Iterator[Tag]:
        wp = self.wp_children(el)
        if what == "category":
            scheme, slug, name = "category", "category_nicename", "cat_name"
        elif what == "tag":
            scheme, slug, name = "post_tag", "tag_slug", "tag_name"
        else:
            scheme, slug, name = _text(wp.get("term_taxonomy")), "term_slug", "term_name"
        description = (
            _text(wp.get("category_description" if what == "category" else f"{what}_description"))
            or None
        )
        parent = _text(wp.get("category_parent" if what == "category" else "term_parent"))
        tag = _tag(_text(wp.get(name)), _text(wp.get(slug)), scheme or None)
        if tag is None:
            self.warn(f"a {what} without a name or slug", el)
            return
        yield Tag(
            term=tag.term,
            label=tag.label,
            scheme=tag.scheme,
            description=description,
            parent=parent or None,
        )

    def post(self, item: etree._Element) -> Post | None:
        wp = self.wp_children(item)
        kind = _text(wp.get("post_type")) or "post"
        if kind in SKIPPED_POST_TYPES:
            return None
        fields: dict[str, object] = {"kind": kind}
        authors: list[Author] = []
        tags: list[Tag] = []
        enclosures: list[Enclosure] = []
        numbered: list[tuple[str | None, Comment]] = []
        extensions: list[Extension] = []
        pub_date: etree._Element | None = None
        attachment: list[Enclosure] = []
        for el in child_elements(item):
            kind_of, name = self.kind(el), _local(el)[1]
            if kind_of == "rss" and name == "title":
                fields["title"] = el.text or None
            elif kind_of == "rss" and name == "link":
                fields["url"] = self.url(el)
            elif kind_of == "rss" and name == "guid":
                fields["id"] = _text(el) or None
            elif kind_of == "rss" and name == "pubDate":
                pub_date = el
            elif kind_of == "rss" and name == "description" and not _text(el):
                continue
            elif kind_of == "rss" and name == "category":
                tag = _tag(el.text or "", el.get("nicename", ""), el.get("domain"))
                if tag is not None:
                    tags.append(tag)
            elif kind_of == "rss" and name == "enclosure":
                enclosures.extend(
                    self.enclosure(el, el.get("url"), el.get("type"), el.get("length"))
                )
            elif kind_of == "dc" and name == "creator":
                login = _text(el)
                if login:
                    authors.append(self.logins.get(login) or Author(name=login))
            elif kind_of == "content" and name == "encoded":
                fields["content"] = el.text or None
            elif kind_of == "excerpt" and name == "encoded":
                fields["summary"] = el.text or None
            elif kind_of == "wp" and name in _POST_FIELDS:
                if name == "comment":
                    numbered.append(self.comment(el))
                elif name == "attachment_url":
                    attachment = list(self.enclosure(el, _text(el), None, None))
            elif kind_of == "wp" and _is_default(name, _text(el)):
                continue
            else:
                extensions.append(self.extension(el))
        fields["slug"] = _text(wp.get("post_name")) or None
        fields["status"] = _text(wp.get("status")) or None
        fields["published"] = self.local_and_gmt(
            wp.get("post_date"), wp.get("post_date_gmt"), pub_date
        )
        fields["updated"] = self.local_and_gmt(
            wp.get("post_modified"), wp.get("post_modified_gmt"), None
        )
        # The writer repeats the attachment as an <enclosure>, which keeps its type and size.
        if attachment and attachment[0].url not in {e.url for e in enclosures}:
            enclosures[:0] = attachment
        comments = _restore_ids(numbered)
        self.check_threads(comments, item)
        post_fields = dict(
            fields,
            authors=authors,
            tags=tags,
            enclosures=enclosures,
            comments=comments,
            extensions=extensions,
        )
        try:
            return Post(**post_fields)  # type: ignore[arg-type]
        except DiploblogError as error:
            self.warn(f"{error}; the field was left out", item)
            post_fields.pop("url", None)
            return Post(**post_fields)  # type: ignore[arg-type]

    def enclosure(
        self, el: etree._Element, url: str | None, type_: str | None, length: str | None
    ) -> Iterator[Enclosure]:
        try:
            size = int(length) if length and length.strip().isdigit() else None
            yield Enclosure(url=(url or "").strip(), type=type_ or None, length=size)
        except DiploblogError as error:
            self.warn(f"unusable enclosure: {error}", el)

    def local_and_gmt(
        self,
        local_el: etree._Element | None,
        gmt_el: etree._Element | None,
        fallback: etree._Element | None,
    ) -> _dt.datetime | None:
        local = self.naive(local_el)
        gmt = self.naive(gmt_el)
        if local is not None and gmt is not None:
            minutes = round((local - gmt).total_seconds() / 60)
            if abs(minutes) < 24 * 60:
                return local.replace(tzinfo=_dt.timezone(_dt.timedelta(minutes=minutes)))
        if gmt is not None:
            return gmt.replace(tzinfo=_dt.timezone.utc)
        from_feed = self.date(fallback) if fallback is not None else None
        if from_feed is not None or local is None:
            return from_feed
        assert local_el is not None
        self.warn("a local date without its GMT form: read as UTC", local_el)
        return local.replace(tzinfo=_dt.timezone.utc)

    def naive(self, el: etree._Element | None) -> _dt.datetime | None:
        text = _text(el)
        if el is None or not text or _NO_DATE.fullmatch(text):
            return None
        try:
            return _naive(text)
        except ValueError:
            self.warn(f"unreadable date {text!r}", el)
            return None

    def comment(self, el: etree._Element) -> tuple[str | None, Comment]:
        wp = self.wp_children(el)
        extensions = [
            self.extension(c)
            for c in child_elements(el)
            if not (self.kind(c) == "wp" and _local(c)[1] in _COMMENT_FIELDS)
        ]
        number = comment_id = _text(wp.get("comment_id")) or None
        original = [e for e in extensions if _meta_key(e) == ORIGINAL_ID_KEY]
        if original:
            comment_id = _meta_value(original[0])
            extensions.remove(original[0])
        approved = _text(wp.get("comment_approved"))
        if approved not in ("", "0", "1"):
            extensions.append(self.extension(wp["comment_approved"]))
        kind = _text(wp.get("comment_type")) or "comment"
        parent = _text(wp.get("comment_parent"))
        return number, Comment(
            id=comment_id,
            author=self.comment_author(wp, el),
            published=self.local_and_gmt(wp.get("comment_date"), wp.get("comment_date_gmt"), None),
            content=(wp["comment_content"].text or "") if "comment_content" in wp else "",
            in_reply_to=parent if parent not in ("", "0") and parent != number else None,
            kind=kind if re.fullmatch(r"[a-z][a-z0-9_-]*", kind) else "comment",
            approved=None if approved == "" else approved == "1",
            extensions=extensions,
        )

    def comment_author(self, wp: dict[str, etree._Element], el: etree._Element) -> Author | None:
        name = _text(wp.get("comment_author")) or None
        email = _text(wp.get("comment_author_email")) or None
        url = _text(wp.get("comment_author_url")) or None
        if email is not None and "@" not in email:
            self.warn(f"not an email address: {email!r}", el)
            email = None
        try:
            return Author(name=name, email=email, url=url) if name or email or url else None
        except DiploblogError:
            self.warn(f"unusable comment author URL {url!r}", el)
            return Author(name=name, email=email) if name or email else None

    def check_threads(self, comments: list[Comment], item: etree._Element) -> None:
        ids = {c.id for c in comments}
        for comment in comments:
            if comment.in_reply_to is not None and comment.in_reply_to not in ids:
                message = (
                    f"comment {comment.id!r} replies to comment {comment.in_reply_to!r},"
                    " which is not in the export"
                )
                self.warn(message, item)


_DEFAULTS: Final = {
    "comment_status": "open",
    "ping_status": "open",
    "post_parent": "0",
    "menu_order": "0",
    "post_password": "",
    "is_sticky": "0",
}


def _is_default(name: str, value: str) -> bool:
    # The writer puts these defaults back: keeping them would add noise to every post.
    return _DEFAULTS.get(name) == value


def _restore_ids(numbered: list[tuple[str | None, Comment]]) -> list[Comment]:
    # A written export numbers comments and keeps their own ids in a comment meta.
    renamed = {n: c.id for n, c in numbered if n is not None and n != c.id}
    return [
        attrs.evolve(c, in_reply_to=renamed.get(c.in_reply_to, c.in_reply_to))
        if c.in_reply_to in renamed
        else c
        for _, c in numbered
    ]


def _meta_key(ext: Extension) -> str | None:
    if ext.name != "commentmeta":
        return None
    return next((c.text for c in ext.children if c.name == "meta_key"), None)


def _meta_value(ext: Extension) -> str | None:
    return next((c.text for c in ext.children if c.name == "meta_value"), None)


def _tag(name: str, nicename: str, scheme: str | None) -> Tag | None:
    name, nicename = name.strip(), nicename.strip()
    if not name and not nicename:
        return None
    if not nicename or not name or slugify(name) == nicename:
        return Tag(term=name or nicename, scheme=scheme)
    return Tag(term=nicename, label=name, scheme=scheme)
