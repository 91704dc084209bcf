"""Cut a WARC or ARC stream into records, and step over damage to the next one.

warcio's ``ArchiveIterator`` stops for good at the first damaged record (a bad gzip
member, a ``Content-Length`` that does not end where the next record starts) and
writes to ``sys.stderr`` on the way. Archives in the wild have such records, so the
framing is done here: each record's bytes are cut out of the stream (each gzip member
decompressed on its own, a plain file cut by ``Content-Length``), a damaged stretch is
reported with its byte offset, and reading resumes at the next gzip member or record
header found after it. The bytes of each record are then parsed by warcio
(`diploblog.warc._records`).

Offsets are those of the stream as given: of the record in a plain file, of its gzip
member in a compressed one (what CDX indexes and ``warcio index`` report).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator

import attrs

from diploblog._errors import UnsupportedFormatError

__all__ = ["MAX_RECORD", "Damage", "Frame", "frames"]

_CHUNK = 1 << 16
# A record header longer than this is not a header: look for the next record instead.
_MAX_HEADER = 1 << 20
# Rewinding after a damaged gzip member needs its compressed bytes: kept up to this size
# (a whole-file gzip is one member); beyond, reading resumes after the damage instead.
_MAX_REWIND = 1 << 26
# A record larger than this (a video, a disk image) is passed over without being held in
# memory: no blog page or feed is anywhere near it.
MAX_RECORD = 1 << 26
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_LINE = re.compile(rb"WARC/\d+\.\d+\r?\n")
# ARC v1 (the form warcio reads): URL IP-address Archive-date Content-type Archive-length.
_ARC_LINE = re.compile(rb"[a-z][a-z0-9+.-]*:\S* \S+ \d{14} \S+ (\d+)\r?\n", re.IGNORECASE)
_RECORD_START = re.compile(
    rb"\n(WARC/\d+\.\d+\r?\n|[a-z][a-z0-9+.-]*:\S* \S+ \d{14} \S+ \d+\r?\n)",
    re.IGNORECASE,
)
_CONTENT_LENGTH = re.compile(rb"\nContent-Length[ \t]*:[ \t]*(\d+)[ \t]*\r?\n", re.IGNORECASE)
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_BLANK = re.compile(rb"[\r\n]*")
_WARC_END = re.compile(rb"\r?\n\r?\n")
_ARC_END = re.compile(rb"\r?\n")


@attrs.frozen
class Frame:
    """The bytes of one record, and where it starts in the stream."""

    offset: int
    data: bytes
    # Where the record starts inside its gzip member's uncompressed data (0 when alone).
    inner: int = 0
    # False for a record over MAX_RECORD bytes: `data` is then only its header.
    whole: bool = True
    # The record's length in its (uncompressed) data.
    size: int = 0


@attrs.frozen
class Damage:
    """A stretch of the stream that holds no readable record."""

    offset: int
    message: str


class _Damaged(Exception):
    """A gzip member that cannot be decompressed, raised through the plain framer."""


class _Buffer:
    """A stream's bytes from an absolute offset, read on demand and kept until released."""

    def __init__(self, read: Callable[[int], bytes]) -> None:
        self._read = read
        self._data = bytearray()
        self._base = 0
        self._eof = False

    def fill(self, end: int) -> None:
        """Read until the bytes before `end` are held, or the stream ends."""
        while not self._eof and self._base + len(self._data) < end:
            chunk = self._read(_CHUNK)
            if not isinstance(chunk, (bytes, bytearray)):
                msg = (
                    f"the stream gives {type(chunk).__name__}, not bytes: "
                    "open the archive in binary mode ('rb')"
                )
                raise UnsupportedFormatError(msg, where="stream")
            if not chunk:
                self._eof = True
            self._data += chunk

    def get(self, start: int, end: int) -> bytes:
        self.fill(end)
        return bytes(self._data[start - self._base : end - self._base])

    def at_end(self, offset: int) -> bool:
        self.fill(offset + 1)
        return offset >= self._base + len(self._data)

    def match(
        self, pattern: re.Pattern[bytes], start: int, size: int
    ) -> tuple[int, bytes | None] | None:
        """Match `pattern` at `start` within `size` bytes: where the match ends, and group 1."""
        self.fill(start + size)
        found = pattern.match(self._data, start - self._base, start - self._base + size)
        if found is None:
            return None
        return self._base + found.end(), found.group(1) if pattern.groups else None

    def search(
        self, pattern: re.Pattern[bytes], start: int, *, group: int = 0, within: int | None = None
    ) -> int | None:
        """The offset of the next match of `pattern` from `start`, reading on as needed.

        With `within`, only that many bytes are looked at and all are kept; without,
        the bytes searched are forgotten (the search is a resync, moving on).
        """
        end = start
        while True:
            end += _CHUNK
            if within is not None:
                end = min(end, start + within)
            self.fill(end)
            found = pattern.search(self._data, start - self._base, end - self._base)
            if found is not None:
                return self._base + found.start(group)
            if self._eof or (within is not None and end >= start + within):
                return None
            if within is None:
                # Keep a little: a match may straddle the next chunk boundary.
                start = max(start, self._base + len(self._data) - 64)
                self.release(start)

    def skip_blank(self, start: int) -> int:
        while True:
            self.fill(start + _CHUNK)
            found = _BLANK.match(self._data, start - self._base)
            assert found is not None  # the pattern matches the empty string
            start = self._base + found.end()
            if found.end() < len(self._data) or self._eof:
                return start

    def discard(self, end: int) -> None:
        """Read on to `end` (or the end of the stream), forgetting what is read."""
        while True:
            held = self._base + len(self._data)
            if held >= end or self._eof:
                break
            self.release(held)
            self.fill(min(end, held + _CHUNK))
        self.release(min(end, self._base + len(self._data)))

    def release(self, offset: int) -> None:
        """Forget the bytes before `offset`."""
        drop = offset - self._base
        if drop > 0:
            del self._data[:drop]
            self._base = offset

    @property
    def base(self) -> int:
        return self._base


def frames(read: Callable[[int], bytes]) -> Iterator[Frame | Damage]:
    r"""Cut a stream into records, reporting damage and reading on after it.

    Args:
        read: The stream's ``read`` method.

    Yields:
        Each record's bytes (a `Frame`), and a `Damage` for each stretch skipped.

    Example:
        >>> import io
        >>> data = b"WARC/1.0\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n"
        >>> [(type(f).__name__, f.offset) for f in frames(io.BytesIO(b"junk\n" + data * 2).read)]
        [('Damage', 0), ('Frame', 5), ('Frame', 42)]
    """
    raw = _Buffer(read)
    if raw.get(0, 2) == _GZIP_MAGIC[:2]:
        yield from _members(raw)
    else:
        for found in _records(raw, 0):
            yield found if isinstance(found, Damage) else attrs.evolve(found, inner=0)


def _records(buffer: _Buffer, start: int) -> Iterator[Frame | Damage]:
    """Records in uncompressed data, from `start` to its end."""
    offset = buffer.skip_blank(start)
    while not buffer.at_end(offset):
        found = _record(buffer, offset)
        if isinstance(found, Frame):
            yield found
            offset = buffer.skip_blank(offset + found.size)
            continue
        yield Damage(offset, found)
        resume = buffer.search(_RECORD_START, max(offset + 1, buffer.base), group=1)
        if resume is None:
            return
        buffer.release(resume)
        offset = resume


def _record(buffer: _Buffer, offset: int) -> Frame | str:
    """The record at `offset`, or why there is no readable record there."""
    warc = buffer.match(_WARC_LINE, offset, 16)
    if warc is not None:
        header_end = buffer.search(_HEADER_END, offset, within=_MAX_HEADER)
        if header_end is None:
            return "a WARC record header with no end"
        header = buffer.get(offset, header_end + 2)
        length = _CONTENT_LENGTH.search(header)
        if length is None:
            return "a WARC record header with no Content-Length"
        body = buffer.match(_HEADER_END, header_end, 4)
        assert body is not None  # search found it there
        head, end = body[0], body[0] + int(length.group(1))
    else:
        arc = buffer.match(_ARC_LINE, offset, 8192)
        if arc is None:
            shown = buffer.get(offset, offset + 20)
            return f"no WARC or ARC record starts here (found {shown!r})"
        head, end = arc[0], arc[0] + int(arc[1] or 0)
    whole = end - offset <= MAX_RECORD
    data = buffer.get(offset, end if whole else head)
    if whole:
        buffer.fill(end)
    else:
        buffer.discard(end)
    if buffer.at_end(end - 1):
        return f"the record is cut short: the stream ends before byte {end}"
    # A record ends with two newlines in a WARC file (WARC 1.1, section 5), one in an
    # ARC file: anything else after the body means its length is wrong.
    if not buffer.at_end(end) and buffer.match(_WARC_END if warc else _ARC_END, end, 4) is None:
        return "the record's length does not end where the record does"
    buffer.release(end)
    return Frame(offset, data, offset, whole=whole, size=end - offset)


def _members(raw: _Buffer) -> Iterator[Frame | Damage]:
    offset = 0
    while not raw.at_end(offset):
        member = _Member(raw, offset)
        if raw.get(offset, offset + 3) != _GZIP_MAGIC:
            problem = "not a gzip member"
        else:
            try:
                for found in _records(_Buffer(member.read), 0):
                    if isinstance(found, Damage):
                        inner = f"{found.message} (at byte {found.offset} of its uncompressed data)"
                        yield Damage(offset, inner)
                    else:
                        yield attrs.evolve(found, offset=offset)
            except _Damaged as error:
                problem = str(error)
            else:
                offset = member.end
                raw.release(offset)
                continue
        yield Damage(offset, f"a damaged gzip member: {problem}")
        resume = raw.search(re.compile(re.escape(_GZIP_MAGIC)), max(offset + 1, raw.base))
        if resume is None:
            return
        raw.release(resume)
        offset = resume


class _Member:
    """The uncompressed data of the gzip member at `start`, read on demand."""

    def __init__(self, raw: _Buffer, start: int) -> None:
        self._raw = raw
        self._start = start
        self._decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
        self.end = start

    def read(self, size: int) -> bytes:
        while not self._decompressor.eof:
            chunk = self._raw.get(self.end, self.end + _CHUNK)
            if not chunk:
                msg = "the stream ends inside it"
                raise _Damaged(msg)
            try:
                out = self._decompressor.decompress(chunk)
            except zlib.error as error:
                raise _Damaged(str(error)) from None
            self.end += len(chunk) - len(self._decompressor.unused_data)
            if self.end - self._start > _MAX_REWIND:
                self._raw.release(self.end)
            if out:
                return out
        return b""
