"""diploblog.warc: WARC and ARC files written here with warcio (or by hand for ARC)."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import random
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

pytest.importorskip("warcio", reason="warcio is not installed: pip install 'diploblog[warc]'")

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from diploblog import Blog, Page, ReadWarning, UnsupportedFormatError
from diploblog.warc import (
    MissingDependencyError,
    WarcSummary,
    read_and_merge,
    read_warc,
)

UTC = dt.timezone.utc
WHEN = "2010-07-22T09:35:12Z"
CAPTURED = dt.datetime(2010, 7, 22, 9, 35, 12, tzinfo=UTC)
ATOM = (
    b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    b"<title>Global conversations</title><id>urn:x:blog</id><updated>2010-07-20T10:00:00Z"
    b"</updated><entry><title>The end of this blog</title><id>urn:x:end</id>"
    b"<updated>2010-07-20T10:00:00Z</updated></entry></feed>"
)


def page(title: str, *, charset: str = "utf-8", day: int = 20) -> bytes:
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head>'
        f'<body><article class="h-entry"><h1 class="p-name">{title}</h1>'
        f'<time class="dt-published" datetime="2010-07-{day:02d}T10:00:00Z">July</time>'
        f'<div class="e-content"><p>About {title}.</p></div></article></body></html>'
    ).encode(charset)


class Archive:
    """A WARC file being written, remembering where each record starts."""

    def __init__(self, *, gzip: bool = True) -> None:
        self.out = io.BytesIO()
        self.writer = WARCWriter(self.out, gzip=gzip)
        self.offsets: list[int] = []
        self.records: list[object] = []

    def write(self, record: object) -> object:
        self.offsets.append(self.out.tell())
        self.writer.write_record(record)
        self.records.append(record)
        return record

    def response(
        self,
        uri: str,
        body: bytes,
        content_type: str,
        *,
        status: str = "200 OK",
        date: str = WHEN,
        extra: Iterable[tuple[str, str]] = (),
    ) -> object:
        http = StatusAndHeaders(
            status, [("Content-Type", content_type), *extra], protocol="HTTP/1.1"
        )
        return self.write(
            self.writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": date},
            )
        )

    def record(self, uri: str, kind: str, body: bytes, content_type: str) -> object:
        return self.write(
            self.writer.create_warc_record(
                uri,
                kind,
                payload=io.BytesIO(body),
                length=len(body),
                warc_content_type=content_type,
                warc_headers_dict={"WARC-Date": WHEN},
            )
        )

    def revisit(self, original: object, uri: str, date: str, *, by_id: bool = True) -> object:
        headers = original.rec_headers  # type: ignore[attr-defined]
        extra = {"WARC-Date": date}
        if by_id:
            extra["WARC-Refers-To"] = headers.get_header("WARC-Record-ID")
        return self.write(
            self.writer.create_revisit_record(
                uri,
                headers.get_header("WARC-Payload-Digest"),
                headers.get_header("WARC-Target-URI"),
                headers.get_header("WARC-Date"),
                warc_headers_dict=extra,
            )
        )

    def data(self) -> bytes:
        return self.out.getvalue()


def read_all(data: bytes, **kwargs: str) -> tuple[list[Page | Blog], WarcSummary]:
    reader = read_warc(io.BytesIO(data), **kwargs)
    return list(reader), reader.summary


def crawl(*, gzip: bool) -> Archive:
    """A small crawl: every kind of record the reader meets."""
    archive = Archive(gzip=gzip)
    archive.write(archive.writer.create_warcinfo_record("crawl.warc", {"software": "tests"}))
    archive.record(
        "dns:blog.example", "response", b"20100722093512\nblog.example. A 192.0.2.1\n", "text/dns"
    )
    archive.record(
        "http://blog.example/the-end",
        "request",
        b"GET /the-end HTTP/1.1\r\nHost: blog.example\r\n\r\n",
        "application/http; msgtype=request",
    )
    archive.response("http://blog.example/the-end", page("The end"), "text/html; charset=utf-8")
    archive.response("http://blog.example/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png")
    archive.response("http://blog.example/site.js", b"var x = 1;", "application/javascript")
    archive.response("http://blog.example/feed", ATOM, "application/atom+xml")
    archive.response(
        "http://blog.example/gone", b"<p>Not found</p>", "text/html", status="404 Not Found"
    )
    archive.record(
        "http://blog.example/the-end", "metadata", b"outlinks: 3\r\n", "application/warc-fields"
    )
    return archive


@pytest.mark.parametrize("compressed", [True, False], ids=["warc.gz", "warc"])
def test_a_crawl_gives_its_page_and_feed_and_counts_the_rest(compressed: bool) -> None:
    sources, summary = read_all(crawl(gzip=compressed).data(), archive="Test Archive")
    assert [type(s).__name__ for s in sources] == ["Page", "Blog"]
    entry, feed = sources
    assert isinstance(entry, Page)
    assert isinstance(feed, Blog)
    assert entry.url == "http://blog.example/the-end"
    assert entry.kind == "post"
    assert entry.posts[0].title == "The end"
    assert entry.capture is not None
    assert entry.capture.archive == "Test Archive"
    assert entry.capture.original_url == "http://blog.example/the-end"
    assert entry.capture.captured_at == CAPTURED
    assert entry.capture.archive_url is None
    assert feed.title == "Global conversations"
    assert feed.posts[0].title == "The end of this blog"
    assert summary == WarcSummary(
        records=9,
        pages=1,
        feeds=1,
        skipped={
            "warcinfo record": 1,
            "text/dns": 1,
            "request record": 1,
            "image/png": 1,
            "application/javascript": 1,
            "HTTP status 404": 1,
            "metadata record": 1,
        },
    )
    assert summary.skipped_total == 7


def test_the_archive_defaults_to_a_generic_name() -> None:
    archive = Archive()
    archive.response("http://blog.example/a", page("A"), "text/html")
    (entry,), _ = read_all(archive.data())
    assert isinstance(entry, Page)
    assert entry.capture is not None
    assert entry.capture.archive == "web archive"


def test_the_http_charset_beats_the_meta_charset() -> None:
    archive = Archive()
    # The page says UTF-8 but the server sent Latin-1 and said so: browsers trust the header.
    body = page("Caf\u00e9", charset="latin-1").replace(b'charset="latin-1"', b'charset="utf-8"')
    archive.response("http://blog.example/cafe", body, "text/html; charset=ISO-8859-1")
    (entry,), summary = read_all(archive.data())
    assert isinstance(entry, Page)
    assert entry.posts[0].title == "Caf\u00e9"
    assert entry.warnings == ()
    assert summary.warnings == ()


def test_a_wrong_http_charset_is_a_warning_and_the_encoding_is_detected() -> None:
    archive = Archive()
    archive.response(
        "http://blog.example/cafe", page("Caf\u00e9"), "text/html; charset=us-ascii-ish"
    )
    (entry,), _ = read_all(archive.data())
    assert isinstance(entry, Page)
    assert entry.posts[0].title == "Caf\u00e9"
    assert entry.warnings == (
        ReadWarning(
            message="unknown encoding 'us-ascii-ish' declared; detected instead",
            where="HTTP Content-Type",
        ),
    )


def test_a_feed_without_its_own_encoding_uses_the_http_charset() -> None:
    archive = Archive()
    rss = '<rss version="2.0"><channel><title>Caf\u00e9 diplomacy</title></channel></rss>'
    archive.response("http://blog.example/rss", rss.encode("latin-1"), "text/xml; charset=latin-1")
    declared = ATOM.replace(b"Global conversations", "Caf\u00e9".encode())
    # Its own declaration (UTF-8) wins over a wrong header.
    archive.response("http://blog.example/atom", declared, "application/atom+xml; charset=latin-1")
    (rss_blog, atom_blog), _ = read_all(archive.data())
    assert isinstance(rss_blog, Blog)
    assert isinstance(atom_blog, Blog)
    assert rss_blog.title == "Caf\u00e9 diplomacy"
    assert atom_blog.title == "Caf\u00e9"


def test_an_unlabelled_payload_is_sniffed() -> None:
    archive = Archive()
    archive.response("http://blog.example/feed", ATOM, "application/octet-stream")
    archive.response("http://blog.example/p", page("Sniffed"), "text/plain")
    archive.response("http://blog.example/x", b"\x00\x01binary", "application/octet-stream")
    sources, summary = read_all(archive.data())
    assert [type(s).__name__ for s in sources] == ["Blog", "Page"]
    assert summary.skipped == {"application/octet-stream": 1}


def test_a_gzip_content_encoding_is_undone() -> None:
    archive = Archive()
    archive.response(
        "http://blog.example/z",
        gzip.compress(page("Compressed")),
        "text/html",
        extra=[("Content-Encoding", "gzip")],
    )
    (entry,), _ = read_all(archive.data())
    assert isinstance(entry, Page)
    assert entry.posts[0].title == "Compressed"


@pytest.mark.parametrize("by_id", [True, False], ids=["WARC-Refers-To", "payload digest"])
def test_a_revisit_is_read_as_its_original_under_its_own_address_and_date(by_id: bool) -> None:
    archive = Archive()
    original = archive.response("http://blog.example/the-end", page("The end"), "text/html")
    archive.response("http://blog.example/other", page("Other"), "text/html")
    archive.revisit(
        original, "http://blog.example/the-end?again", "2011-01-07T18:19:57Z", by_id=by_id
    )
    sources, summary = read_all(archive.data(), archive="UKGWA")
    first, _, revisit = sources
    assert isinstance(revisit, Page)
    assert isinstance(first, Page)
    assert revisit.posts[0].title == first.posts[0].title == "The end"
    assert revisit.url == "http://blog.example/the-end?again"
    assert revisit.capture is not None
    assert revisit.capture.original_url == "http://blog.example/the-end?again"
    assert revisit.capture.captured_at == dt.datetime(2011, 1, 7, 18, 19, 57, tzinfo=UTC)
    assert (summary.records, summary.pages, summary.revisits) == (3, 3, 1)


def test_a_revisit_of_a_record_elsewhere_is_skipped_and_counted() -> None:
    elsewhere = Archive()
    original = elsewhere.response("http://blog.example/a", page("A"), "text/html")
    archive = Archive()
    archive.revisit(original, "http://blog.example/a", "2011-01-07T18:19:57Z")
    sources, summary = read_all(archive.data())
    assert sources == []
    assert summary.skipped == {"revisit of a record not in this stream": 1}
    assert summary.revisits == 0


def three_pages(*, gzip: bool) -> Archive:
    archive = Archive(gzip=gzip)
    for title in ("First", "Second", "Third"):
        archive.response(f"http://blog.example/{title.lower()}", page(title), "text/html")
    return archive


def titles(sources: list[Page | Blog]) -> list[str | None]:
    return [s.posts[0].title for s in sources]


def test_a_damaged_gzip_member_is_reported_with_its_offset_and_the_rest_is_read() -> None:
    archive = three_pages(gzip=True)
    data = bytearray(archive.data())
    second, third = archive.offsets[1], archive.offsets[2]
    middle = (second + third) // 2
    data[middle : middle + 8] = b"\xff" * 8
    sources, summary = read_all(bytes(data), name="crawl.warc.gz")
    assert titles(sources) == ["First", "Third"]
    assert summary.records == 2
    assert summary.damaged == 1
    (warning,) = summary.warnings
    assert warning.where == f"crawl.warc.gz, byte {second}"
    assert "damaged gzip member" in warning.message
    assert f"reading resumed at byte {third}" in warning.message


def test_garbage_between_gzip_members_is_stepped_over() -> None:
    archive = three_pages(gzip=True)
    data = archive.data()
    cut = archive.offsets[2]
    sources, summary = read_all(data[:cut] + b"garbage, not gzip" + data[cut:])
    assert titles(sources) == ["First", "Second", "Third"]
    assert [w.where for w in summary.warnings] == [f"byte {cut}"]
    assert "not a gzip member" in summary.warnings[0].message


def test_a_gzip_stream_cut_short_is_reported() -> None:
    archive = three_pages(gzip=True)
    data = archive.data()
    sources, summary = read_all(data[: archive.offsets[2] + 30])
    assert titles(sources) == ["First", "Second"]
    assert summary.damaged == 1
    assert summary.warnings[0].where == f"byte {archive.offsets[2]}"
    assert "no record could be read after it" in summary.warnings[0].message


def test_a_plain_record_with_a_wrong_length_is_reported_and_the_next_is_read() -> None:
    archive = three_pages(gzip=False)
    data = archive.data()
    second, third = archive.offsets[1], archive.offsets[2]
    record = data[second:third]
    length = record.split(b"Content-Length: ")[1].split(b"\r\n")[0]
    wrong = record.replace(b"Content-Length: " + length, b"Content-Length: " + b"9" + length, 1)
    sources, summary = read_all(data[:second] + wrong + data[third:])
    assert titles(sources) == ["First", "Third"]
    (warning,) = summary.warnings
    assert warning.where == f"byte {second}"
    assert "cut short" in warning.message or "length" in warning.message
    assert f"reading resumed at byte {third + 1}" in warning.message


def test_garbage_inside_a_plain_file_is_stepped_over() -> None:
    archive = three_pages(gzip=False)
    data = archive.data()
    cut = archive.offsets[1]
    sources, summary = read_all(data[:cut] + b"\x00\x01 lost bytes\r\n" + data[cut:])
    assert titles(sources) == ["First", "Second", "Third"]
    (warning,) = summary.warnings
    assert warning.where == f"byte {cut}"
    assert "no WARC or ARC record starts here" in warning.message


def test_a_whole_file_gzip_is_read_too() -> None:
    data = gzip.compress(three_pages(gzip=False).data())
    sources, summary = read_all(data)
    assert titles(sources) == ["First", "Second", "Third"]
    assert summary.warnings == ()


def test_an_unseekable_stream_is_read() -> None:
    class Pipe:
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def read(self, size: int = -1, /) -> bytes:
            return self._data.read(min(size, 1000))

    reader = read_warc(Pipe(crawl(gzip=True).data()))
    assert len(list(reader)) == 2
    assert reader.summary.records == 9


def test_an_unreadable_page_is_a_warning_not_an_error() -> None:
    archive = Archive()
    archive.response("http://blog.example/a", b"   \r\n", "text/html")
    archive.response("http://blog.example/b", b"{not json", "application/json")
    archive.response("http://blog.example/c", page("C"), "text/html")
    sources, summary = read_all(archive.data())
    assert titles(sources) == ["C"]
    assert summary.skipped == {"application/json": 1, "empty payload": 1}


def arc_record(uri: str, date: str, payload: bytes, content_type: str = "text/html") -> bytes:
    return f"{uri} 192.0.2.1 {date} {content_type} {len(payload)}\n".encode() + payload + b"\n"


def arc_file() -> list[bytes]:
    version = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n"
    return [
        arc_record("filedesc://test.arc", "20100722093512", version, "text/plain"),
        arc_record(
            "http://blog.example/arc",
            "20100722093512",
            http + page("Caf\u00e9 ARC", charset="latin-1"),
        ),
        arc_record(
            "http://blog.example/img.gif",
            "20100722093513",
            b"HTTP/1.0 200 OK\r\nContent-Type: image/gif\r\n\r\nGIF89a",
        ),
    ]


@pytest.mark.parametrize("compressed", [False, True], ids=["arc", "arc.gz"])
def test_an_arc_file_is_read_like_a_warc(compressed: bool) -> None:
    records = arc_file()
    data = b"".join(gzip.compress(r) for r in records) if compressed else b"".join(records)
    sources, summary = read_all(data, archive="Old Archive")
    (entry,) = sources
    assert isinstance(entry, Page)
    assert entry.posts[0].title == "Caf\u00e9 ARC"
    assert entry.capture is not None
    assert entry.capture.original_url == "http://blog.example/arc"
    assert entry.capture.captured_at == CAPTURED
    assert entry.capture.archive == "Old Archive"
    assert summary.skipped == {"image/gif": 1, "warcinfo record": 1}


def test_read_and_merge_reads_every_file_and_keeps_the_damage_warnings() -> None:
    good = three_pages(gzip=True).data()
    other = Archive()
    other.response("http://blog.example/fourth", page("Fourth", day=21), "text/html")
    files = {"a.warc.gz": good, "b.warc.gz": other.data() + b"trailing junk"}
    blog = read_and_merge(sorted(files), lambda name: io.BytesIO(files[name]))
    assert sorted(p.title or "" for p in blog.posts) == ["First", "Fourth", "Second", "Third"]
    assert [w.where for w in blog.warnings if w.where and "warc" in w.where] == [
        f"b.warc.gz, byte {len(other.data())}"
    ]


def test_without_warcio_the_error_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "warcio.recordloader", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'diploblog\[warc\]'"):
        read_warc(io.BytesIO(b""))
    with pytest.raises(ImportError):
        read_warc(io.BytesIO(b""))


def test_a_text_stream_or_no_stream_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(three_pages(gzip=False).data())
    with (
        open(path, encoding="utf-8") as text,
        pytest.raises(UnsupportedFormatError, match=r"not bytes: open the archive in binary mode"),
    ):
        list(read_warc(text))  # type: ignore[arg-type]
    with pytest.raises(UnsupportedFormatError, match="expected a binary stream"):
        read_warc(b"WARC/1.0")  # type: ignore[arg-type]


def test_in_a_whole_file_gzip_offsets_count_inside_the_member() -> None:
    archive = three_pages(gzip=False)
    archive.response("http://blog.example/png", b"\x89PNG\r\n\x1a\n....", "text/html")
    plain = archive.data()
    cut = archive.offsets[1]
    damaged = plain[:cut] + b"lost\r\n" + plain[cut:]
    sources, summary = read_all(gzip.compress(damaged))
    assert titles(sources) == ["First", "Second", "Third"]
    assert summary.skipped == {"unreadable": 1}
    garbage, png = summary.warnings
    assert garbage.where == "byte 0"
    assert f"(at byte {cut} of its uncompressed data)" in garbage.message
    png_at = archive.offsets[3] + len(b"lost\r\n")
    assert png.where == f"byte 0, +{png_at} in its gzip member"
    assert "an image" in png.message or "PNG" in png.message


@pytest.mark.parametrize("compressed", [True, False], ids=["warc.gz", "warc"])
def test_records_are_cut_where_warcio_cuts_them(compressed: bool) -> None:
    from warcio.archiveiterator import ArchiveIterator

    from diploblog.warc._frames import Frame, frames

    data = crawl(gzip=compressed).data()
    iterator = ArchiveIterator(io.BytesIO(data))
    theirs = []
    for record in iterator:
        theirs.append((iterator.get_record_offset(), record.rec_headers.get_header("WARC-Type")))
    ours = [
        (frame.offset, frame.data.split(b"WARC-Type: ")[1].split(b"\r\n")[0].decode())
        for frame in frames(io.BytesIO(data).read)
        if isinstance(frame, Frame)
    ]
    assert ours == theirs
    assert len(ours) == 9


@pytest.mark.parametrize("compressed", [True, False], ids=["warc.gz", "warc"])
def test_a_record_too_large_is_passed_over_without_holding_it(
    compressed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diploblog.warc import _frames

    monkeypatch.setattr(_frames, "MAX_RECORD", 5000)
    archive = Archive(gzip=compressed)
    archive.response("http://blog.example/first", page("First"), "text/html")
    film = random.Random(2010).randbytes(300_000)  # incompressible, like a real video
    archive.response("http://blog.example/film.mp4", film, "video/mp4")
    archive.response("http://blog.example/second", page("Second"), "text/html")
    sources, summary = read_all(archive.data())
    assert titles(sources) == ["First", "Second"]
    assert summary.records == 3
    assert summary.skipped == {"too large to hold in memory": 1}
    # Cut short inside the large record: reported at its offset.
    sources, summary = read_all(archive.data()[: archive.offsets[1] + 4000])
    assert titles(sources) == ["First"]
    assert [w.where for w in summary.warnings] == [f"byte {archive.offsets[1]}"]
