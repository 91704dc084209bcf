"""Read JSON Feed 1.0 and 1.1 documents into the model.

The mapping (https://www.jsonfeed.org/version/1.1/):

=================================  ==========================================
JSON Feed                          model
=================================  ==========================================
``title``                          `Blog.title`
``home_page_url``                  `Blog.url`
``feed_url``                       `Blog.feeds` (``rel="self"``)
``description``                    `Blog.description`
``next_url``                       `Blog.links` (``rel="next"``)
``favicon``                        `Blog.icon` (small and square, like Atom's icon)
``icon``                           `Blog.logo` (the large timeline image)
``authors`` (1.1) / ``author``     `Blog.authors` (``avatar`` -> `Author.avatar`)
``language``                       `Blog.language`
``hubs``                           `Blog.links` (``rel="hub"``, hub type in `Link.type`)
``items[].id``                     `Post.id` (numbers coerced to text, as the spec asks)
``items[].url``                    `Post.url`
``items[].external_url``           `Post.links` (``rel="related"``)
``items[].title``                  `Post.title`
``items[].content_html``           `Post.content`
``items[].content_text``           `Post.content`, escaped, when there is no HTML
``items[].summary``                `Post.summary`, escaped (it is plain text)
``items[].date_published``         `Post.published`
``items[].date_modified``          `Post.updated`
``items[].tags``                   `Post.tags`
``items[].attachments``            `Post.enclosures`
=================================  ==========================================

Everything else (``user_comment``, ``expired``, ``image``, ``banner_image``,
``content_text`` beside ``content_html``, ``_``-prefixed extension objects and
unknown members) is kept as an `Extension` in the ``https://jsonfeed.org/version/1.1``
namespace whose text is the member's value as JSON with sorted keys. The one
exception is ``_diploblog``, written by `diploblog.jsonfeed.to_json_feed`: its fields
go back into the model (see `diploblog.jsonfeed._extension.apply_diploblog`).
"""

from __future__ import annotations

import datetime as _dt
import html
import json
from collections.abc import Callable, Mapping
from typing import TypeVar

import attrs

from diploblog._errors import DiploblogError, ParseError, UnsupportedFormatError
from diploblog._feeddate import read_feed_date
from diploblog._model import Author, Blog, Enclosure, Extension, Link, Post, ReadWarning, Tag
from diploblog._urls import resolve_url
from diploblog.jsonfeed._extension import apply_diploblog

__all__ = ["JSON_FEED_NAMESPACE", "read_json_feed"]

JSON_FEED_NAMESPACE = "https://jsonfeed.org/version/1.1"
"""The `Extension.namespace` of JSON Feed members the model has no field for."""

_VERSIONS = frozenset({"https://jsonfeed.org/version/1", "https://jsonfeed.org/version/1.1"})
_VERSION_PREFIXES = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")
_FEED_MEDIA_TYPE = "application/feed+json"
# Real feeds nest a handful of levels; far deeper input is an attack on the stack.
_MAX_DEPTH = 100

_FEED_FIELDS = frozenset(
    {
        "version",
        "title",
        "home_page_url",
        "feed_url",
        "description",
        "next_url",
        "icon",
        "favicon",
        "author",
        "authors",
        "language",
        "hubs",
        "items",
    }
)
_ITEM_FIELDS = frozenset(
    {
        "id",
        "url",
        "external_url",
        "title",
        "content_html",
        "content_text",
        "summary",
        "date_published",
        "date_modified",
        "author",
        "authors",
        "tags",
        "language",
        "attachments",
    }
)

T = TypeVar("T")


def read_json_feed(data: bytes, *, url: str | None = None) -> Blog:
    """Read a JSON Feed (version 1 or 1.1) into a `Blog`.

    Relative URLs are resolved against `url`, the address the feed was read from
    (or, without it, the feed's own ``feed_url``). Recoverable problems (an
    unreadable date, an author without name or URL, an invalid language tag or URL)
    are recorded in `Blog.warnings` and the rest is read.

    Args:
        data: the document, UTF-8 encoded (a byte order mark is allowed).
        url: where the feed was read from, for resolving relative URLs.

    Returns:
        The blog with its posts in the feed's order.

    Raises:
        ParseError: the input is empty, not JSON (with line and column), nested
            absurdly deep, or a member has the wrong type (with its JSON path).
        UnsupportedFormatError: the input is JSON but not a JSON Feed.

    Example:
        >>> blog = read_json_feed(b'''{"version": "https://jsonfeed.org/version/1.1",
        ...   "title": "Global conversations", "home_page_url": "https://blogs.example/",
        ...   "items": [{"id": "1", "url": "/entry/1", "content_text": "Hi & bye"}]}''',
        ...   url="https://blogs.example/feed.json")
        >>> blog.title, blog.posts[0].url, blog.posts[0].content
        ('Global conversations', 'https://blogs.example/entry/1', 'Hi &amp; bye')
    """
    document = _load(data)
    if not isinstance(document, dict) or not _is_json_feed(document.get("version")):
        msg = "not a JSON Feed: expected an object with a 'version' of https://jsonfeed.org/version/1.1"
        raise UnsupportedFormatError(msg, where="$.version")
    return _read_document(document, url)


def _read_document(document: dict[str, object], url: str | None) -> Blog:
    """The blog a loaded JSON Feed document describes (the writer reads its own with it)."""
    blog = _Reader.for_document(document, url).blog(document)
    return apply_diploblog(blog)  # the fields diploblog's writer kept in `_diploblog`


def _load(data: bytes) -> object:
    if not data.strip():
        msg = "empty input: no JSON Feed to read"
        raise ParseError(msg)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _position(data[: error.start])
        msg = f"JSON Feed must be UTF-8; byte {data[error.start]:#04x} is not"
        raise ParseError(msg, line=line, column=column) from None
    if not text.strip():  # a byte-order mark and nothing else
        raise ParseError("empty input: no JSON Feed to read")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        msg = f"not JSON: {error.msg}"
        raise ParseError(msg, line=error.lineno, column=error.colno) from None
    except RecursionError:
        msg = "JSON nested too deeply to read"
        raise ParseError(msg) from None
    _check_depth(document)
    return document


def _position(prefix: bytes) -> tuple[int, int]:
    text = prefix.decode("utf-8", "replace")
    return text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1


def _check_depth(document: object) -> None:
    # Iterative, so the check itself cannot overflow the stack it protects.
    stack: list[tuple[object, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > _MAX_DEPTH:
            msg = f"JSON nested more than {_MAX_DEPTH} levels deep"
            raise ParseError(msg)
        if isinstance(value, dict):
            stack.extend((child, depth + 1) for child in value.values())
        elif isinstance(value, list):
            stack.extend((child, depth + 1) for child in value)


def _is_json_feed(version: object) -> bool:
    return isinstance(version, str) and version.startswith(_VERSION_PREFIXES)


def _extension(name: str, value: object) -> Extension:
    return Extension(
        namespace=JSON_FEED_NAMESPACE,
        name=name,
        text=json.dumps(value, sort_keys=True, ensure_ascii=False),
    )


def _extensions(obj: Mapping[str, object], known: frozenset[str]) -> list[Extension]:
    return [_extension(key, value) for key, value in obj.items() if key not in known and key]


def _checked_url(raw: str | None, base: str | None) -> Link | None:
    resolved = resolve_url(raw, base)
    return None if resolved is None else Link(url=resolved)


def _text_as_html(text: str) -> str:
    return html.escape(text, quote=False)


@attrs.define
class _Reader:
    """One reading: the base URL and the warnings met so far."""

    base: str | None
    warnings: list[ReadWarning] = attrs.Factory(list)

    @classmethod
    def for_document(cls, document: dict[str, object], url: str | None) -> _Reader:
        feed_url = document.get("feed_url")
        if url is None and isinstance(feed_url, str):
            url = feed_url
        return cls(base=url)

    # -- typed access: wrong types are errors that name their JSON path ----------

    def _get(self, obj: Mapping[str, object], key: str, path: str, kind: type[T]) -> T | None:
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, kind):
            msg = f"expected {_KIND_NAMES.get(kind, kind.__name__)}, got {_json_type(value)}"
            raise ParseError(msg, where=f"{path}.{key}")
        return value

    def _text(self, obj: Mapping[str, object], key: str, path: str) -> str | None:
        return self._get(obj, key, path, str)

    def _objects(self, obj: Mapping[str, object], key: str, path: str) -> list[dict[str, object]]:
        values = self._get(obj, key, path, list) or []
        for index, value in enumerate(values):
            if not isinstance(value, dict):
                msg = f"expected an object, got {_json_type(value)}"
                raise ParseError(msg, where=f"{path}.{key}[{index}]")
        return values

    def _texts(self, obj: Mapping[str, object], key: str, path: str) -> list[str]:
        values = self._get(obj, key, path, list) or []
        for index, value in enumerate(values):
            if not isinstance(value, str):
                msg = f"expected a string, got {_json_type(value)}"
                raise ParseError(msg, where=f"{path}.{key}[{index}]")
        return values

    # -- recoverable values: problems become warnings --------------------------

    def _warn(self, message: str, where: str) -> None:
        self.warnings.append(ReadWarning(message=message, where=where))

    def _build(self, make: Callable[[], T], where: str) -> T | None:
        try:
            return make()
        except DiploblogError as error:
            self._warn(f"dropped: {error.message}", where)
            return None

    def _url(self, obj: Mapping[str, object], key: str, path: str) -> str | None:
        raw = self._text(obj, key, path)
        link = self._build(lambda: _checked_url(raw, self.base), f"{path}.{key}")
        return None if link is None else link.url

    def _date(self, obj: Mapping[str, object], key: str, path: str) -> _dt.datetime | None:
        raw = self._text(obj, key, path)
        if raw is None:
            return None
        value, problem = read_feed_date(raw)
        if problem is not None:
            self._warn(problem, f"{path}.{key}")
        return value

    def _language(self, obj: Mapping[str, object], path: str) -> str | None:
        raw = self._text(obj, "language", path)
        if raw is None:
            return None
        checked = self._build(lambda: Blog(language=raw), f"{path}.language")
        return None if checked is None else checked.language

    # -- the feed ---------------------------------------------------------------

    def blog(self, document: dict[str, object]) -> Blog:
        path = "$"
        version = document["version"]
        if version not in _VERSIONS:
            self._warn(f"unknown JSON Feed version {version!r}, read as 1.1", "$.version")
        feeds = self._links(document, path, ("feed_url", "self", _FEED_MEDIA_TYPE))
        links = self._links(document, path, ("next_url", "next", None)) + self._hubs(document)
        posts = [
            self._post(item, f"$.items[{index}]")
            for index, item in enumerate(self._objects(document, "items", path))
        ]
        return Blog(
            title=self._text(document, "title", path),
            url=self._url(document, "home_page_url", path),
            description=self._text(document, "description", path),
            language=self._language(document, path),
            authors=self._authors(document, path),
            feeds=feeds,
            icon=self._url(document, "favicon", path),
            logo=self._url(document, "icon", path),
            links=links,
            posts=posts,
            extensions=_extensions(document, _FEED_FIELDS),
            warnings=self.warnings,
        )

    def _links(
        self, obj: Mapping[str, object], path: str, spec: tuple[str, str, str | None]
    ) -> list[Link]:
        key, rel, media_type = spec
        target = self._url(obj, key, path)
        return [] if target is None else [Link(url=target, rel=rel, type=media_type)]

    def _hubs(self, document: Mapping[str, object]) -> list[Link]:
        links = []
        for index, hub in enumerate(self._objects(document, "hubs", "$")):
            where = f"$.hubs[{index}]"
            target = self._url(hub, "url", where)
            if target is not None:
                links.append(Link(url=target, rel="hub", type=self._text(hub, "type", where)))
        return links

    def _authors(self, obj: Mapping[str, object], path: str) -> list[Author]:
        # 1.1 replaced `author` with `authors`; when both are present, `authors` wins.
        if obj.get("authors") is not None:
            listed = self._objects(obj, "authors", path)
            found = [(a, f"{path}.authors[{i}]") for i, a in enumerate(listed)]
        else:
            single = self._get(obj, "author", path, dict)
            found = [] if single is None else [(single, f"{path}.author")]
        authors = []
        for entry, where in found:
            author = self._author(entry, where)
            if author is not None:
                authors.append(author)
        return authors

    def _author(self, obj: Mapping[str, object], where: str) -> Author | None:
        name = self._text(obj, "name", where)
        url = self._url(obj, "url", where)
        avatar = self._url(obj, "avatar", where)
        return self._build(lambda: Author(name=name, url=url, avatar=avatar), where)

    # -- items ------------------------------------------------------------------

    def _post(self, item: dict[str, object], path: str) -> Post:
        content_html = self._text(item, "content_html", path)
        content_text = self._text(item, "content_text", path)
        summary = self._text(item, "summary", path)
        extensions = _extensions(item, _ITEM_FIELDS)
        if content_html is not None and content_text is not None:
            extensions.append(_extension("content_text", content_text))
        content = content_html
        if content is None and content_text is not None:
            content = _text_as_html(content_text)
        return Post(
            id=self._id(item, path),
            url=self._url(item, "url", path),
            title=self._text(item, "title", path),
            published=self._date(item, "date_published", path),
            updated=self._date(item, "date_modified", path),
            authors=self._authors(item, path),
            summary=None if summary is None else _text_as_html(summary),
            content=content,
            tags=[Tag(term=t) for t in self._texts(item, "tags", path) if t.strip()],
            enclosures=self._enclosures(item, path),
            language=self._language(item, path),
            links=self._links(item, path, ("external_url", "related", None)),
            extensions=extensions,
        )

    def _id(self, item: Mapping[str, object], path: str) -> str | None:
        value = item.get("id")
        # The spec: an id given as a number must be coerced to a string.
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        return self._text(item, "id", path)

    def _enclosures(self, item: Mapping[str, object], path: str) -> list[Enclosure]:
        enclosures = []
        for index, attachment in enumerate(self._objects(item, "attachments", path)):
            enclosure = self._enclosure(attachment, f"{path}.attachments[{index}]")
            if enclosure is not None:
                enclosures.append(enclosure)
        return enclosures

    def _enclosure(self, obj: Mapping[str, object], where: str) -> Enclosure | None:
        target = self._url(obj, "url", where)
        if target is None:
            self._warn("attachment without a URL dropped", where)
            return None
        return Enclosure(
            url=target,
            type=self._text(obj, "mime_type", where),
            title=self._text(obj, "title", where),
            length=self._whole(obj, "size_in_bytes", where),
            duration=self._whole(obj, "duration_in_seconds", where),
        )

    def _whole(self, obj: Mapping[str, object], key: str, where: str) -> int | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            msg = f"expected a number, got {_json_type(value)}"
            raise ParseError(msg, where=f"{where}.{key}")
        if value < 0 or value != value or value in (float("inf"), float("-inf")):
            self._warn(f"{value!r} is not a size or duration; dropped", f"{where}.{key}")
            return None
        if value != int(value):
            self._warn(f"{value!r} rounded to a whole number", f"{where}.{key}")
        return round(value)


_KIND_NAMES: dict[type, str] = {
    str: "a string",
    list: "an array",
    dict: "an object",
    bool: "true or false",
}


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    return _KIND_NAMES.get(type(value), type(value).__name__)
