"""From one record's bytes to a `Page`, a `Blog` or the reason it is skipped.

warcio parses the record (WARC or ARC headers, the HTTP status and headers, chunked
transfer and ``Content-Encoding``); this module decides what the payload is and
reads it. Revisit records (deduplicated captures, WARC 1.1 section 6.7) carry no
payload: the payload of the record they refer to, seen earlier in the same stream,
is read instead, under the revisit's own address and date.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import io
import re
import zlib
from typing import Any

import attrs

from diploblog._detect import detect_format
from diploblog._errors import DiploblogError, ParseError, UnsupportedFormatError
from diploblog._model import Blog, Capture, Page, ReadWarning
from diploblog._parse_feed import parse_feed
from diploblog.dates import parse_date
from diploblog.html import parse_html
from diploblog.warc._deps import require

__all__ = ["Read", "RecordReader", "Skipped"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/vnd.wap.xhtml+xml"})
_FEED_TYPES = frozenset(
    {
        *("application/rss+xml", "application/atom+xml", "application/rdf+xml"),
        *("application/feed+json", "application/json", "text/json"),
        *("application/xml", "text/xml", "application/x-rss+xml", "text/rss+xml"),
    }
)
# Types servers send when they do not know: the content decides.
_UNKNOWN_TYPES = frozenset(
    {"", "text/plain", "application/octet-stream", "unk", "no-type", "application/x-unknown"}
)
_CHARSET = re.compile(r""";\s*charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=""")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@attrs.frozen
class Skipped:
    """A record that gives no page or feed: why (the summary's key), and any warning."""

    reason: str
    warning: ReadWarning | None = None


@attrs.frozen
class Read:
    """A page or feed read from a record; `revisit` when it came through a revisit."""

    source: Page | Blog
    revisit: bool = False


@attrs.frozen
class _Stored:
    media_type: str
    charset: str | None
    payload: bytes  # zlib-compressed: revisits are rare, memory is not


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    value = content_type or ""
    charset = _CHARSET.search(value)
    return value.partition(";")[0].strip().lower(), charset.group(1) if charset else None


class RecordReader:
    """Reads the records of one stream, remembering payloads that revisits may name."""

    def __init__(self, archive: str) -> None:
        self._archive = archive
        recordloader = require("warcio.recordloader", extra="warc")
        self._loader: Any = recordloader.ArcWarcRecordLoader(verify_http=False, arc2warc=True)
        self._stored: dict[str, _Stored] = {}

    def read(self, data: bytes, where: str) -> Read | Skipped:
        """Read one record's bytes; `where` names it in warnings."""
        try:
            record = self._loader.parse_record_stream(io.BytesIO(data))
            return self._read(record, where)
        except DiploblogError as error:
            return Skipped("unreadable", ReadWarning(message=f"skipped: {error}", where=where))
        except Exception as error:  # warcio raises many kinds of errors on bad records
            message = f"skipped an unreadable record: {type(error).__name__}: {error}"
            return Skipped("unreadable", ReadWarning(message=message, where=where))

    def _read(self, record: Any, where: str) -> Read | Skipped:
        kind: str = record.rec_type or "untyped"
        if kind not in ("response", "resource", "revisit"):
            return Skipped(f"{kind} record")
        headers = record.rec_headers
        uri: str | None = headers.get_header("WARC-Target-URI")
        captured_at = _date(headers.get_header("WARC-Date"))
        if kind == "revisit":
            stored = self._stored.get(headers.get_header("WARC-Refers-To") or "") or (
                self._stored.get(headers.get_header("WARC-Payload-Digest") or "")
            )
            if stored is None:
                return Skipped("revisit of a record not in this stream")
            payload = zlib.decompress(stored.payload)
            media_type, charset = stored.media_type, stored.charset
        else:
            http = record.http_headers
            if http is not None:
                status = str(http.get_statuscode() or "")
                if not status.startswith("2"):
                    return Skipped(f"HTTP status {status or 'missing'}")
                content_type = http.get_header("Content-Type")
            else:
                content_type = record.content_type
            media_type, charset = _media_type(content_type)
            payload = record.content_stream().read()
        sort = _sort(media_type, payload)
        if sort is None:
            return Skipped(media_type or "no content type")
        if sort == "empty":
            return Skipped("empty payload")
        if kind != "revisit":
            self._remember(headers, _Stored(media_type, charset, zlib.compress(payload, 1)))
        if sort == "feed":
            return Read(parse_feed(_feed_input(payload, charset), url=uri), kind == "revisit")
        page = parse_html(payload, url=uri, encoding=charset)
        return Read(self._captured(page, uri, captured_at), kind == "revisit")

    def _remember(self, headers: Any, stored: _Stored) -> None:
        for name in ("WARC-Record-ID", "WARC-Payload-Digest"):
            key = headers.get_header(name)
            if key:
                self._stored[key] = stored

    def _captured(self, page: Page, uri: str | None, captured_at: _dt.datetime | None) -> Page:
        capture = page.capture
        if capture is None:
            # A page saved from a replay (the target is an archive address) keeps the
            # capture the HTML reader found; any other names the caller's archive.
            try:
                capture = Capture(archive=self._archive, original_url=uri, captured_at=captured_at)
            except DiploblogError:
                capture = Capture(archive=self._archive, captured_at=captured_at)
        elif capture.captured_at is None:
            capture = attrs.evolve(capture, captured_at=captured_at)
        return attrs.evolve(page, capture=capture)


def _date(text: str | None) -> _dt.datetime | None:
    if not text:
        return None
    try:
        return parse_date(text, default_tz=_dt.timezone.utc)
    except DiploblogError:
        return None


def _sort(media_type: str, payload: bytes) -> str | None:
    """``"html"``, ``"feed"``, ``"empty"``, or None for a payload that is neither."""
    if not payload.strip():
        return "empty"
    if media_type in _HTML_TYPES:
        return "html"
    if media_type not in _FEED_TYPES and media_type not in _UNKNOWN_TYPES:
        return None
    try:
        detect_format(payload)
    except UnsupportedFormatError as error:
        # XML that is XHTML, or an unlabelled page: the detector says to read it as HTML.
        return "html" if "parse_html" in error.message else None
    except ParseError:
        return None
    return "feed"


def _feed_input(payload: bytes, charset: str | None) -> bytes | str:
    # The HTTP charset is used only when the document names none itself: servers sent
    # text/xml with wrong defaults for years (RFC 3023's us-ascii), and JSON is UTF-8.
    if (
        charset is None
        or payload.startswith(_BOMS)
        or _XML_ENCODING.match(payload)
        or payload.lstrip()[:1] in (b"{", b"[")
    ):
        return payload
    try:
        return payload.decode(codecs.lookup(charset).name)
    except (LookupError, UnicodeDecodeError):
        return payload
