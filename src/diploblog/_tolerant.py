"""The tolerant path: feeds that are not well-formed XML, read by feedparser.

`read_with_feedparser` hands the bytes to feedparser's loose parser and maps its
result into the same model the direct lxml readers produce, through the same field
accumulators and rules (`diploblog.atom._reader`). feedparser is called so that it
keeps content as written (``sanitize_html=False``, ``resolve_relative_uris=False``:
sanitising is the HTML writer's job) and so that it can never fetch anything: it
gets a byte stream, never a string it could take for a URL or a file path, and
input that does not start with markup is refused before it gets there.

What feedparser loses or rewrites, so that this path cannot give it back (the
differential test, ``tests/test_differential.py``, names each case):

- dates: feedparser converts them to UTC; the raw strings it keeps are read again
  with `diploblog.dates.parse_date`, so the written offset survives.
- ``dc:date`` is filed under ``updated``, like ``dcterms:modified``: on an RSS item
  without ``pubDate`` it is read as the published date, as the direct reader does.
- repeated elements: feedparser keeps the last, the direct path the first.
- elements the model has no field for: feedparser flattens them to
  ``prefix_name`` keys without text structure, so no `Extension` is kept.
- RFC 4685 threading: feedparser does not know it; ``thr:total``, the ``replies``
  link and one ``thr:in-reply-to`` per entry survive under the document's prefix
  and are read, so comment feeds still become threaded comments.
- an entry's own ``xml:lang`` (`Post.language` of Atom entries), link types
  (feedparser invents ``text/html`` or ``application/atom+xml``), RSS ``guid``
  values resolved against the base, and the serialisation of inline XHTML.

Any ``<!ENTITY`` in the input is refused, even inside CDATA, because the loose
parser would expand what it finds. EBCDIC documents are refused as not markup.
"""

from __future__ import annotations

import datetime as _dt
import html
import io
import re
from collections.abc import Mapping
from typing import Any, Final

import feedparser
from lxml import etree

from diploblog._errors import DiploblogError, ParseError, UnsafeInputError
from diploblog._feeddate import read_feed_date
from diploblog._model import Author, Blog, Enclosure, Link, ReadWarning, Tag
from diploblog._urls import resolve_url
from diploblog._xml import clean_language
from diploblog.atom._reader import (
    THR_NS,
    BlogFields,
    PostFields,
    ReadContext,
    attach_replies,
    html_to_text,
)
from diploblog.rss._reader import seconds_of

__all__ = ["read_with_feedparser"]

_WIDE_ENCODINGS: Final = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_BOMS: Final = (b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")
_HTML_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})
_IANA_RELATIONS: Final = "http://www.iana.org/assignments/relation/"


def _entity_declaration_patterns() -> tuple[re.Pattern[bytes], ...]:
    # "<!ENTITY" in every encoding feedparser decodes, any letter case (the loose
    # SGML parser is not case-sensitive about declarations).
    def pattern(encoding: str) -> re.Pattern[bytes]:
        parts = []
        for char in "<!ENTITY":
            forms = {
                re.escape(char.upper().encode(encoding)),
                re.escape(char.lower().encode(encoding)),
            }
            parts.append(b"(?:" + b"|".join(sorted(forms)) + b")")
        return re.compile(b"".join(parts))

    return tuple(pattern(encoding) for encoding in ("utf-8", *_WIDE_ENCODINGS))


_ENTITY_DECLARATIONS: Final = _entity_declaration_patterns()


def read_with_feedparser(data: bytes, *, url: str | None = None) -> Blog:
    """Read a feed that is not well-formed XML with feedparser, into the model.

    The caller has already refused unsafe documents; this function refuses them
    again (any entity declaration), and refuses input that is not markup at all, so
    feedparser never sees a URL or a file name it might open.

    Args:
        data: the document as bytes.
        url: where the document was read from, for resolving relative URLs.

    Returns:
        The blog. Its `Blog.warnings` start with the reason feedparser gave for
        the document not being well-formed, followed by unreadable values.

    Raises:
        UnsafeInputError: the document declares entities.
        ParseError: the input is empty, is not markup, or holds nothing feedparser
            could read as a feed.

    Example:
        >>> blog = read_with_feedparser(
        ...     b"<rss version='2.0'><channel><title>Caf&eacute; diplomacy</title>"
        ...     b"<item><title>The end <b>of</b> this blog</title><link>/entry/end</link>"
        ...     b"<pubDate>Tue, 20 Jul 2010 14:05:00 +0100</pubDate></item></channel>",
        ...     url="https://blogs.example/feed")
        >>> blog.title, blog.posts[0].url, blog.posts[0].published.isoformat()
        ('Café diplomacy', 'https://blogs.example/entry/end', '2010-07-20T14:05:00+01:00')
        >>> blog.warnings[0].message.startswith("not well-formed XML")
        True
    """
    _check_input(data)
    headers = {"content-type": "application/xml"}
    if url:
        headers["content-location"] = url
    try:
        # A stream, never bytes or str: feedparser opens strings that look like URLs or paths.
        result = feedparser.parse(
            io.BytesIO(data),
            sanitize_html=False,
            resolve_relative_uris=False,
            response_headers=headers,
        )
    except Exception as error:
        # feedparser's own bugs on broken input (found by fuzzing, such as a TypeError
        # on <psc:chapter> without "start"): the document is unreadable, not our crash.
        msg = f"the tolerant parser failed on this document ({type(error).__name__}: {error})"
        raise ParseError(msg, where=url or "input") from error
    blog = _Mapper(result, url).blog()
    if not _raw(result, "version") and not _has_content(blog):
        raise _nothing_read(result)
    return blog


def _check_input(data: bytes) -> None:
    if not isinstance(data, bytes):
        msg = f"expected the document as bytes, got {type(data).__name__}"
        raise TypeError(msg)
    if not data.strip():
        raise ParseError("empty document: there is no feed to read", where="input")
    for pattern in _ENTITY_DECLARATIONS:
        found = pattern.search(data)
        if found is not None:
            msg = "entity declaration refused: entities can expand without bound or read files"
            raise UnsafeInputError(msg, where="input", line=data.count(b"\n", 0, found.start()) + 1)
    if not _starts_with_markup(data):
        msg = f"not XML: a feed starts with '<', the input starts with {data[:20]!r}"
        raise ParseError(msg, where="input")


def _starts_with_markup(data: bytes) -> bool:
    head = data[:1024]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if head.lstrip().startswith(b"<"):
        return True
    for encoding in _WIDE_ENCODINGS:
        text = head.decode(encoding, errors="ignore")
        if text.lstrip(" \t\r\n\ufeff").startswith("<"):
            return True
    return False


def _has_content(blog: Blog) -> bool:
    return any((blog.id, blog.title, blog.url, blog.description, blog.feeds, blog.posts))


def _nothing_read(result: Mapping[str, Any]) -> ParseError:
    reason = _raw(result, "bozo_exception")
    line, column = _position(reason)
    detail = f": {reason}" if reason is not None else ""
    return ParseError(
        f"no feed found, even by the tolerant parser{detail}",
        where="input",
        line=line,
        column=column,
    )


def _position(error: object) -> tuple[int | None, int | None]:
    line = getattr(error, "getLineNumber", None)
    column = getattr(error, "getColumnNumber", None)
    if callable(line) and callable(column):
        return line(), column() + 1
    return None, None


def _raw(obj: object, key: str) -> Any:
    # dict.get, not FeedParserDict.get: its key aliases and fallbacks (updated ->
    # published, with a DeprecationWarning) would blur what the feed said.
    return dict.get(obj, key) if isinstance(obj, dict) else None


def _text(obj: object, key: str) -> str | None:
    value = _raw(obj, key)
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _construct(obj: Mapping[str, Any], key: str, *, as_html: bool) -> str | None:
    """A text construct as the direct readers give it: plain text, or HTML."""
    value = _raw(obj, key)
    if not isinstance(value, str) or not value.strip():
        return None
    detail = _raw(obj, f"{key}_detail") or {}
    kind = _raw(detail, "type") or "text/plain"
    if kind == "text/plain":
        return html.escape(value.strip(), quote=False) if as_html else value.strip()
    if kind in _HTML_TYPES:
        return value.strip() if as_html else _plain_text(value)
    return None


def _plain_text(markup: str) -> str | None:
    try:
        return html_to_text(markup)
    except etree.LxmlError:
        # Markup lxml finds no document in (such as "<!DOCTYPE ~"): keep it as written.
        return markup.strip() or None


def _relation(value: object) -> str:
    rel = value.strip() if isinstance(value, str) else ""
    rel = rel or "alternate"
    return rel.removeprefix(_IANA_RELATIONS)


class _Mapper:
    """One mapping of a feedparser result into the direct readers' field accumulators."""

    def __init__(self, result: Mapping[str, Any], url: str | None) -> None:
        self.result = result
        self.base = url
        self.ctx = ReadContext(url=url)
        self.version: str = _raw(result, "version") or ""
        namespaces: Mapping[str, str] = _raw(result, "namespaces") or {}
        self.thr = next((p for p, uri in namespaces.items() if uri == THR_NS), None)
        reason = _raw(result, "bozo_exception")
        if reason is not None:
            line, column = _position(reason)
            where = f"line {line}, column {column}" if line is not None else None
            message = f"not well-formed XML, read by the tolerant parser: {reason}"
            self.ctx.warnings.append(ReadWarning(message=message, where=where))

    @property
    def is_rss(self) -> bool:
        return self.version.startswith("rss")

    def _textual(self, obj: Mapping[str, Any], key: str, *, as_html: bool) -> str | None:
        # RSS text is taken as written, as the direct RSS reader does; Atom text
        # constructs follow their type.
        if self.is_rss:
            return _text(obj, key)
        return _construct(obj, key, as_html=as_html)

    # -- recoverable values: problems become warnings --------------------------

    def _warn(self, message: str, where: str) -> None:
        self.ctx.warnings.append(ReadWarning(message=message, where=where))

    def _url(self, raw: object, where: str) -> str | None:
        if not isinstance(raw, str):
            return None
        try:
            return resolve_url(raw, self.base)
        except DiploblogError as error:
            self._warn(error.message, where)
        except ValueError as error:  # urljoin refuses some hosts, such as a bad IPv6 literal
            self._warn(f"{raw!r} is not a usable URL: {error}", where)
        return None

    def _date(self, raw: object, where: str) -> _dt.datetime | None:
        if not isinstance(raw, str) or not raw.strip():
            return None
        value, problem = read_feed_date(raw)
        if problem is not None:
            self._warn(problem, where)
        return value

    def _count(self, raw: object, where: str) -> int | None:
        text = raw.strip() if isinstance(raw, str) else ""
        if text.isdigit():
            return int(text)
        self._warn(f"expected a count (a whole number from 0 up), got {raw!r}", where)
        return None

    def _seconds(self, raw: object, where: str) -> int | None:
        if not isinstance(raw, str) or not raw.strip():
            return None
        seconds = seconds_of(raw)
        if seconds is None:
            self._warn(f"expected a duration in seconds, got {raw!r}", where)
        return seconds

    def _language(self, raw: object, where: str) -> str | None:
        if not isinstance(raw, str):
            return None
        try:
            return clean_language(raw)
        except ValueError as error:
            self._warn(str(error), where)
            return None

    # -- shared shapes -----------------------------------------------------------

    def _authors(self, obj: Mapping[str, Any], where: str) -> list[Author]:
        authors = []
        for index, detail in enumerate(_raw(obj, "authors") or []):
            author = self._author(detail, f"{where}.authors[{index}]")
            if author is not None:
                authors.append(author)
        return authors

    def _author(self, detail: Mapping[str, Any], where: str) -> Author | None:
        name, email = _text(detail, "name"), _text(detail, "email")
        url = self._url(_raw(detail, "href"), where)
        if email is not None and "@" not in email:
            self._warn(f"{email!r} is not an email address; dropped", where)
            email = None
        if name is None and url is None and email is None:
            return None
        return Author(name=name, email=email, url=url)

    def _tags(self, obj: Mapping[str, Any]) -> list[Tag]:
        tags = []
        for detail in _raw(obj, "tags") or []:
            term = _text(detail, "term")
            if term is not None:
                tags.append(
                    Tag(term=term, scheme=_raw(detail, "scheme"), label=_raw(detail, "label"))
                )
        return tags

    def _links(self, obj: Mapping[str, Any], where: str) -> list[tuple[Link, Mapping[str, Any]]]:
        links = []
        for index, detail in enumerate(_raw(obj, "links") or []):
            href = self._url(_raw(detail, "href"), f"{where}.links[{index}]")
            if href is not None:
                link = Link(
                    url=href,
                    rel=_relation(_raw(detail, "rel")),
                    title=_raw(detail, "title"),
                    type=_raw(detail, "type"),
                )
                links.append((link, detail))
        return links

    # -- the feed ----------------------------------------------------------------

    def blog(self) -> Blog:
        feed: Mapping[str, Any] = _raw(self.result, "feed") or {}
        fields = BlogFields()
        fields.id = _text(feed, "id")
        fields.title = self._textual(feed, "title", as_html=False)
        fields.description = self._textual(feed, "subtitle", as_html=False)
        fields.rights = self._textual(feed, "rights", as_html=False)
        fields.language = self._language(_raw(feed, "language"), "feed.language")
        fields.authors = self._authors(feed, "feed")
        # RSS: lastBuildDate, else the channel's pubDate (feedparser's "published").
        updated = _raw(feed, "updated") or (_raw(feed, "published") if self.is_rss else None)
        fields.updated = self._date(updated, "feed.updated")
        fields.generator = _text(feed, "generator")
        fields.icon = self._url(_raw(feed, "icon"), "feed.icon")
        image: Mapping[str, Any] = _raw(feed, "image") or {}
        fields.logo = self._url(_raw(feed, "logo") or _raw(image, "href"), "feed.logo")
        fields.tags = self._tags(feed)
        for link, _ in self._links(feed, "feed"):
            fields.add_link(link)
        entries = [
            self._entry(entry, f"entries[{index}]")
            for index, entry in enumerate(_raw(self.result, "entries") or [])
        ]
        return fields.to_blog(attach_replies(entries, self.ctx), self.ctx.warnings)

    # -- entries -----------------------------------------------------------------

    def _entry(self, entry: Mapping[str, Any], where: str) -> PostFields:
        fields = PostFields()
        fields.id = _text(entry, "id")
        fields.title = self._textual(entry, "title", as_html=False)
        # feedparser copies content into a missing summary, without a summary_detail.
        if _raw(entry, "summary_detail") is not None:
            fields.summary = self._textual(entry, "summary", as_html=True)
        fields.content = self._content(entry)
        if self.is_rss:
            fields.language = self._language(_raw(entry, "language"), f"{where}.language")
            if _raw(entry, "guidislink") and fields.id is not None:
                # RSS 2.0: a guid is a permalink unless isPermaLink="false".
                fields.permalink = self._url(fields.id, f"{where}.id")
        fields.published, fields.updated = self._entry_dates(entry, where)
        fields.authors = self._authors(entry, where)
        fields.tags = self._tags(entry)
        fields.comments_url = self._url(_raw(entry, "comments"), f"{where}.comments")
        fields.comments_feed_url = self._url(
            _raw(entry, "wfw_commentrss"), f"{where}.wfw_commentrss"
        )
        slash = _raw(entry, "slash_comments")
        if slash is not None:
            fields.comment_count = self._count(slash, f"{where}.slash_comments")
        for link, detail in self._links(entry, where):
            self._entry_link(fields, link, detail, where)
        self._media(fields, entry, where)
        self._threading(fields, entry, where)
        return fields

    def _content(self, entry: Mapping[str, Any]) -> str | None:
        for detail in _raw(entry, "content") or []:
            if _raw(detail, "src") is not None:
                continue
            holder = {"content": _raw(detail, "value"), "content_detail": detail}
            value = self._textual(holder, "content", as_html=True)
            if value is not None:
                return value
        return None

    def _entry_dates(
        self, entry: Mapping[str, Any], where: str
    ) -> tuple[_dt.datetime | None, _dt.datetime | None]:
        published_raw = _raw(entry, "published") or _raw(entry, "created")
        published = self._date(published_raw, f"{where}.published")
        updated = self._date(_raw(entry, "updated"), f"{where}.updated")
        if self.is_rss and published_raw is None:
            # feedparser files dc:date under "updated"; on an RSS item it is the post date.
            return updated, None
        return published, updated

    def _entry_link(
        self, fields: PostFields, link: Link, detail: Mapping[str, Any], where: str
    ) -> None:
        if link.rel == "alternate" and fields.url is None:
            fields.url = link.url
        elif link.rel == "enclosure":
            length = _raw(detail, "length")
            fields.add_enclosure(
                Enclosure(
                    url=link.url,
                    type=link.type,
                    length=self._count(length, f"{where}.enclosure") if length else None,
                    title=link.title,
                )
            )
        elif link.rel == "replies":
            self._replies(fields, link, detail, where)
        else:
            fields.links.append(link)

    def _replies(
        self, fields: PostFields, link: Link, detail: Mapping[str, Any], where: str
    ) -> None:
        if link.type in _HTML_TYPES:
            if fields.comments_url is None:
                fields.comments_url = link.url
            else:
                fields.links.append(link)
        elif fields.comments_feed_url is None:
            fields.comments_feed_url = link.url
        else:
            fields.links.append(link)
        count = _raw(detail, "thr:count")
        if count is not None and fields.comment_count is None:
            fields.comment_count = self._count(count, f"{where}.thr:count")

    def _media(self, fields: PostFields, entry: Mapping[str, Any], where: str) -> None:
        for index, media in enumerate(_raw(entry, "media_content") or []):
            url = self._url(_raw(media, "url"), f"{where}.media_content[{index}]")
            if url is None:
                continue
            size, duration = _raw(media, "filesize"), _raw(media, "duration")
            fields.add_enclosure(
                Enclosure(
                    url=url,
                    type=_text(media, "type"),
                    length=self._count(size, f"{where}.media_content") if size else None,
                    duration=self._seconds(duration, f"{where}.media_content"),
                )
            )

    def _threading(self, fields: PostFields, entry: Mapping[str, Any], where: str) -> None:
        # feedparser does not know RFC 4685; it keeps the elements under the document's prefix.
        if self.thr is None:
            return
        total = _raw(entry, f"{self.thr}_total")
        if total is not None:
            count = self._count(total, f"{where}.thr:total")
            if count is not None:
                fields.comment_count = count
        reply = _raw(entry, f"{self.thr}_in-reply-to")
        ref = _text(reply, "ref") if reply else None
        if ref is not None:
            fields.in_reply_to.append((ref, self._url(_raw(reply, "href"), f"{where}.thr")))


def _content(entry: Mapping[str, Any]) -> str | None:
    for detail in _raw(entry, "content") or []:
        if _raw(detail, "src") is not None:
            continue
        value = _construct(
            {"content": _raw(detail, "value"), "content_detail": detail}, "content", as_html=True
        )
        if value is not None:
            return value
    return None
