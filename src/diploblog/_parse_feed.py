"""`parse_feed`: read any feed or export diploblog knows into a `Blog`.

Two paths, one result. Well-formed XML is read directly with lxml (hardened:
no entity expansion, no DTD or network access) by the RSS and Atom readers.
XML that is not well-formed, and feed dialects the direct readers do not handle
(CDF, pre-1.0 Atom drafts), go to the tolerant path (feedparser), with the
reason recorded as a warning. JSON Feeds go to the JSON Feed reader.
Unsafe input (entity declarations) is refused and never handed on.
"""

from __future__ import annotations

import attrs

from diploblog._blogger import read_blogger
from diploblog._detect import detect_format, xml_dialect
from diploblog._errors import DiploblogError, ParseError, UnsupportedFormatError
from diploblog._model import Blog, ReadWarning
from diploblog._xml import parse_xml
from diploblog.atom._reader import read_atom
from diploblog.rss._reader import read_rss
from diploblog.wxr._reader import read_wxr

__all__ = ["parse_feed"]


def parse_feed(data: bytes | str, *, url: str | None = None) -> Blog:
    """Read a feed (RSS 0.90-2.0, RSS 1.0, Atom 0.3 and 1.0, JSON Feed) into a `Blog`.

    The format is detected from the content. WordPress exports (WXR) are read as
    RSS and Blogger exports as Atom until their own readers exist.

    Args:
        data: The document, as bytes (preferred: the encoding is then read from the
            document) or as text.
        url: The document's own address: the base for relative URLs and the name
            used in messages.

    Returns:
        The blog with its posts in the feed's order; `Blog.warnings` lists the
        recoverable problems met (a bad date, a syntax error the tolerant path
        read past...).

    Raises:
        ParseError: Empty input, or input that is not well-formed and that the
            tolerant path cannot read either.
        UnsupportedFormatError: HTML (use ``parse_html``), binary data, or a document
            that is not a feed.
        UnsafeInputError: The document declares entities (entity bombs, external
            entities) or nests elements deeper than 256 levels: refused, never
            handed to another parser.

    Example:
        >>> blog = parse_feed(b'<rss version="2.0"><channel><title>Global conversations'
        ...     b'</title><item><title>The end of this blog</title>'
        ...     b'<pubDate>Tue, 20 Jul 2010 14:05:00 +0100</pubDate></item></channel></rss>')
        >>> blog.title, blog.posts[0].published.isoformat()
        ('Global conversations', '2010-07-20T14:05:00+01:00')
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if isinstance(data, str):
        # The text is decoded already; a declaration naming another encoding would lie.
        raw = _drop_encoding_declaration(raw)
    where = url or "input"
    kind = detect_format(raw, where=where)
    if kind == "jsonfeed":
        return _read_json(raw, url)
    try:
        root = parse_xml(raw, where=where)
    except ParseError as error:
        return _read_tolerantly(raw, url, error)
    dialect = xml_dialect(root, where=where)
    if dialect == "wxr":
        return read_wxr(root, url=url)
    if dialect == "blogger":
        return read_blogger(root, url=url)
    if dialect in ("atom", "atom03"):
        return read_atom(root, url=url)
    if dialect == "loose":
        problem = UnsupportedFormatError(
            f"a feed dialect the direct readers do not handle (root <{root.tag}>)", where=where
        )
        return _read_tolerantly(raw, url, problem)
    return read_rss(root, url=url)


def _drop_encoding_declaration(raw: bytes) -> bytes:
    if not raw.lstrip().startswith(b"<?xml"):
        return raw
    start = raw.index(b"<?xml")
    end = raw.find(b"?>", start)
    if end < 0:
        return raw
    return raw[:start] + b'<?xml version="1.0" encoding="utf-8"?>' + raw[end + 2 :]


def _read_json(raw: bytes, url: str | None) -> Blog:
    try:
        from diploblog.jsonfeed._reader import read_json_feed
    except ImportError:
        msg = "JSON Feed input, but this build of diploblog has no JSON Feed reader"
        raise UnsupportedFormatError(msg, where=url or "input") from None
    return read_json_feed(raw, url=url)


def _read_tolerantly(raw: bytes, url: str | None, error: DiploblogError) -> Blog:
    try:
        from diploblog._tolerant import read_with_feedparser
    except ImportError:
        raise error from None
    blog = read_with_feedparser(raw, url=url)
    where = error.where
    if error.line is not None:
        where = f"{where}, line {error.line}, column {error.column}"
    warning = ReadWarning(message=f"{error.message}; read with the tolerant parser", where=where)
    return attrs.evolve(blog, warnings=(warning, *blog.warnings))
