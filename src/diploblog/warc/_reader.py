"""`read_warc`: the pages and feeds in a WARC or ARC stream the caller opened."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Protocol

from diploblog._errors import UnsupportedFormatError
from diploblog._model import Blog, Page, ReadWarning
from diploblog.warc._frames import Damage, Frame, frames
from diploblog.warc._records import Read, RecordReader
from diploblog.warc._summary import WarcSummary

__all__ = ["Readable", "WarcReader", "read_warc"]


class Readable(Protocol):
    """A binary stream: anything with ``read(size) -> bytes`` (a file opened ``"rb"``)."""

    def read(self, size: int = -1, /) -> bytes:
        """Read up to `size` bytes; ``b""`` at the end."""


class WarcReader(Iterator[Page | Blog]):
    """The pages and feeds of one WARC or ARC stream, read as they are iterated.

    Made by `read_warc`. Iterate it for the `Page`s and `Blog`s; `summary` tells, at
    any time, what has been read so far (all of the stream once iteration ends).
    """

    def __init__(self, stream: Readable, *, archive: str | None, name: str | None) -> None:
        if not callable(getattr(stream, "read", None)):
            msg = f"expected a binary stream (a file opened 'rb'), got {type(stream).__name__}"
            raise UnsupportedFormatError(msg, where="stream")
        self._records = RecordReader(archive or "web archive")
        self._name = name
        self._counts: Counter[str] = Counter()
        self._skipped: Counter[str] = Counter()
        self._warnings: list[ReadWarning] = []
        self._results = self._read(stream)

    def __iter__(self) -> WarcReader:
        return self

    def __next__(self) -> Page | Blog:
        return next(self._results)

    @property
    def summary(self) -> WarcSummary:
        """What has been read so far: counts by kind, skipped records, warnings.

        Example:
            >>> import io
            >>> reader = read_warc(io.BytesIO(b""))
            >>> list(reader), reader.summary.records
            ([], 0)
        """
        return WarcSummary(
            records=self._counts["records"],
            pages=self._counts["pages"],
            feeds=self._counts["feeds"],
            revisits=self._counts["revisits"],
            skipped=self._skipped,
            damaged=self._counts["damaged"],
            warnings=self._warnings,
        )

    def _where(self, frame: Frame | Damage) -> str:
        where = f"byte {frame.offset}"
        if isinstance(frame, Frame) and frame.inner:
            where += f", +{frame.inner} in its gzip member"
        return f"{self._name}, {where}" if self._name else where

    def _read(self, stream: Readable) -> Iterator[Page | Blog]:
        damage: Damage | None = None
        for frame in frames(stream.read):
            if isinstance(frame, Damage):
                # Stretches found damaged one after another (false starts while looking
                # for the next record) are one damaged stretch.
                damage = damage or frame
                continue
            if damage is not None:
                self._damaged(damage, f"reading resumed at byte {frame.offset}")
                damage = None
            self._counts["records"] += 1
            if not frame.whole:
                self._skipped["too large to hold in memory"] += 1
                continue
            result = self._records.read(frame.data, self._where(frame))
            if isinstance(result, Read):
                self._counts["pages" if isinstance(result.source, Page) else "feeds"] += 1
                self._counts["revisits"] += result.revisit
                yield result.source
            else:
                self._skipped[result.reason] += 1
                if result.warning is not None:
                    self._warnings.append(result.warning)
        if damage is not None:
            self._damaged(damage, "no record could be read after it")

    def _damaged(self, damage: Damage, after: str) -> None:
        self._counts["damaged"] += 1
        message = f"damaged data skipped: {damage.message}; {after}"
        self._warnings.append(ReadWarning(message=message, where=self._where(damage)))


def read_warc(
    stream: Readable, *, archive: str | None = None, name: str | None = None
) -> WarcReader:
    r"""Read the pages and feeds captured in a WARC or ARC stream.

    The stream may be a WARC (1.0, 1.1) or ARC (v1) file, plain or compressed one
    gzip member per record (or as one gzip member). Each HTML response becomes a
    `Page` and each feed response (by content type, or by content when the type says
    nothing) a `Blog`, read with `diploblog.parse_html` and `diploblog.parse_feed`.
    A page's `Page.capture` says where it came from: the caller's `archive`, the
    record's ``WARC-Target-URI`` as `Capture.original_url` and its ``WARC-Date``
    as `Capture.captured_at` (a page recorded from an archive's replay keeps the
    capture its HTML names). The charset of the HTTP ``Content-Type`` header is used
    as browsers use it: it beats a page's ``<meta charset>``; for a feed it is used
    when the document names no encoding itself.

    Revisit records are read as the earlier record of the same stream they refer
    to (by ``WARC-Refers-To``, else ``WARC-Payload-Digest``), under their own address
    and date; the payloads of pages and feeds are kept, compressed, for that. Other
    records (requests, metadata, DNS, images, scripts, error responses) are skipped
    and counted in `WarcReader.summary`. A damaged stretch (a bad gzip member, a
    record whose length is wrong, garbage between records) is stepped over to the
    next record and reported as a warning with its byte offset; so is a record whose
    payload cannot be read.

    The library opens nothing: the caller opens the file (or HTTP response) and
    closes it. Needs warcio (``pip install 'diploblog[warc]'``).

    Args:
        stream: The archive file, opened in binary mode (anything with ``read``).
        archive: Which web archive made it, for `Capture.archive`
            (default ``"web archive"``).
        name: What the stream is (a file name), prefixed to warnings' `where`.

    Returns:
        An iterator of `Page`s and `Blog`s, in the stream's order, with a
        `WarcReader.summary`.

    Raises:
        MissingDependencyError: warcio is not installed.
        UnsupportedFormatError: `stream` is not a binary stream (raised when
            reading starts for a stream opened in text mode).

    Example:
        >>> import io
        >>> from warcio.warcwriter import WARCWriter
        >>> from warcio.statusandheaders import StatusAndHeaders
        >>> out = io.BytesIO()
        >>> writer = WARCWriter(out, gzip=True)
        >>> http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
        ...                         protocol="HTTP/1.1")
        >>> html = b"<article class=h-entry><h1 class=p-name>Caf\xc3\xa9</h1></article>"
        >>> writer.write_record(writer.create_warc_record(
        ...     "http://blog.example/cafe", "response", payload=io.BytesIO(html), length=len(html),
        ...     http_headers=http, warc_headers_dict={"WARC-Date": "2010-07-22T09:35:12Z"}))
        >>> reader = read_warc(io.BytesIO(out.getvalue()), archive="Example Archive")
        >>> [(page.posts[0].title, page.capture.captured_at.year) for page in reader]
        [('Café', 2010)]
        >>> reader.summary.pages, reader.summary.records
        (1, 1)
    """
    return WarcReader(stream, archive=archive, name=name)
