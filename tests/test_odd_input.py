"""Odd input through every reader: a result or a clear DiploblogError, never a crash.

Empty input, white space, single bytes, NUL bytes, invalid UTF-8, UTF-16 and UTF-32
with and without a byte-order mark, encodings declared wrongly or unknown, and mixed
line endings. Where the answer is known (a UTF-16 feed is still that feed) it is
checked; elsewhere the error must be a `DiploblogError` whose message says what the
input is (empty, binary, not JSON...).
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

import pytest

from diploblog import (
    Blog,
    DiploblogError,
    Page,
    ParseError,
    UnsupportedFormatError,
    convert,
    parse_feed,
    parse_html,
)
from diploblog.jsonfeed import read_json_feed
from diploblog.wxr import read_wxr

TITLE = "Café ☕"
RSS = (
    '<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel>'
    f"<title>{TITLE}</title><item><title>Post</title></item></channel></rss>"
)
ATOM = (
    '<?xml version="1.0" encoding="{encoding}"?><feed xmlns="http://www.w3.org/2005/Atom">'
    f"<title>{TITLE}</title></feed>"
)
JSON = '{"version": "https://jsonfeed.org/version/1.1", "title": "Café", "items": []}'
HTML = (
    '<!DOCTYPE html><html><head><meta charset="{encoding}"><title>x</title></head><body>'
    f'<article class="h-entry"><h1 class="p-name">{TITLE}</h1></article></body></html>'
)
WXR = (
    '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>B</title>'
    "<item><title>Hi</title><wp:post_type>post</wp:post_type></item></channel></rss>"
)

READERS: dict[str, Callable[[bytes], object]] = {
    "parse_feed": parse_feed,
    "parse_html": parse_html,
    "read_wxr": read_wxr,
    "read_json_feed": read_json_feed,
    "convert": lambda data: convert(data, "atom"),
}


def _title(result: object) -> str | None:
    if isinstance(result, Page):
        return result.posts[0].title if result.posts else None
    assert isinstance(result, Blog)
    return result.title


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    "data", [b"", b" ", b"\n", b" \r\n\t ", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"]
)
def test_empty_and_white_space_are_parse_errors(reader: str, data: bytes) -> None:
    with pytest.raises(ParseError, match="empty"):
        READERS[reader](data)


@pytest.mark.parametrize("reader", READERS)
def test_a_utf16_byte_order_mark_alone(reader: str) -> None:
    # Empty, or (JSON Feed) not UTF-8: either way a ParseError saying so.
    with pytest.raises(ParseError, match=r"empty|must be UTF-8"):
        READERS[reader](b"\xff\xfe")


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("byte", [bytes([b]) for b in (0, 0x0A, 0x20, 0x3C, 0x7B, 0x80, 0xFF)])
def test_a_single_byte(reader: str, byte: bytes) -> None:
    if reader == "parse_html" and byte == b"<":
        # An empty page: lxml builds a document from a lone "<", with no post on it.
        assert READERS[reader](byte) == Page()
        return
    with pytest.raises(DiploblogError, match=r"\w"):
        READERS[reader](byte)


@pytest.mark.parametrize("document", [RSS, ATOM, HTML])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_with_a_byte_order_mark(document: str, codec: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(
        codec, codecs.BOM_UTF32_LE if codec == "utf-32-le" else codecs.BOM_UTF32_BE
    )
    data = bom + document.format(encoding=codec[:6].upper()).encode(codec)
    read = parse_html if document is HTML else parse_feed
    assert _title(read(data)) == TITLE


@pytest.mark.parametrize("document", [RSS, ATOM])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_xml_in_wide_encodings_without_a_byte_order_mark(document: str, codec: str) -> None:
    # XML 1.0 appendix F: "<?xml" itself tells the width and byte order.
    data = document.format(encoding=codec[:6].upper()).encode(codec)
    assert _title(parse_feed(data)) == TITLE


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_html_in_wide_encodings_without_a_byte_order_mark_is_refused(codec: str) -> None:
    # Browsers do not sniff UTF-16 without a BOM either (WHATWG Encoding): binary.
    with pytest.raises(UnsupportedFormatError, match="binary"):
        parse_html(HTML.format(encoding="utf-16").encode(codec))


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "latin-1"])
def test_json_feed_must_be_utf8(codec: str) -> None:
    data = JSON.encode(codec)
    with pytest.raises(DiploblogError, match=r"UTF-8|binary"):
        parse_feed(data)
    if codec == "latin-1":  # a clear message, not "binary data"
        with pytest.raises(ParseError, match="must be UTF-8; byte 0xe9"):
            parse_feed(data)


def test_invalid_utf8_in_a_feed_is_read_with_a_warning() -> None:
    data = RSS.format(encoding="utf-8").replace(" ☕", "").encode("latin-1")
    blog = parse_feed(data)
    assert blog.title == "Café"
    assert blog.warnings  # the declaration was wrong: said so


def test_utf8_declared_as_latin1_is_read_as_declared() -> None:
    # The declaration is believed (XML 1.0 section 4.3.3): mojibake, not an error.
    blog = parse_feed(RSS.format(encoding="iso-8859-1").encode("utf-8"))
    assert blog.title == TITLE.encode("utf-8").decode("latin-1")


@pytest.mark.parametrize("read", [parse_feed, parse_html])
def test_unknown_encoding_is_detected_with_a_warning(read: Callable[[bytes], object]) -> None:
    document = RSS if read is parse_feed else HTML
    result = read(document.format(encoding="x-nonsense").encode("utf-8"))
    assert _title(result) == TITLE
    assert isinstance(result, (Blog, Page))
    assert result.warnings


def test_invalid_utf8_in_a_page_is_read_as_windows_1252() -> None:
    page = parse_html(HTML.format(encoding="utf-8").replace(" ☕", "").encode("cp1252"))
    assert _title(page) == "Café"
    assert page.warnings


def test_a_stray_nul_does_not_make_a_feed_binary() -> None:
    blog = parse_feed(RSS.format(encoding="utf-8").encode().replace(b"Post", b"Po\x00st"))
    assert blog.title == TITLE
    assert "read with the tolerant parser" in blog.warnings[0].message


def test_nul_bytes_in_a_page() -> None:
    page = parse_html(HTML.format(encoding="utf-8").encode().replace(b"<body>", b"<body>\x00\x00"))
    assert _title(page) == TITLE


def test_nul_in_json_is_not_json() -> None:
    with pytest.raises(ParseError, match="control character"):
        parse_feed(JSON.encode().replace(b"Caf", b"Ca\x00f"))


def test_mostly_nul_is_binary() -> None:
    with pytest.raises(UnsupportedFormatError, match="binary"):
        parse_feed(b"\x00" * 100 + RSS.format(encoding="utf-8").encode())


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n\r"])
def test_mixed_line_endings(newline: str) -> None:
    document = (
        RSS.format(encoding="utf-8")
        .replace("><channel>", f">{newline}<channel>\n")
        .replace("<title>Post", f"{newline}<title>Post\r\nand\rmore")
    )
    blog = parse_feed(document.encode())
    assert blog.title == TITLE
    # XML 1.0 section 2.11: every line ending is read as one LF.
    assert blog.posts[0].title == "Post\nand\nmore"
    wxr = read_wxr(WXR.replace("<item>", f"{newline}<item>\r").encode())
    assert wxr.posts[0].title == "Hi"
    page = parse_html(HTML.format(encoding="utf-8").replace("<body>", f"<body>{newline}\r\n"))
    assert _title(page) == TITLE


def test_json_feed_version_after_the_sniffed_head() -> None:
    # JSON members come in any order: "version" after 70 KB of items is still found.
    items = ", ".join(f'{{"id": "{i}", "content_text": "{"x" * 100}"}}' for i in range(600))
    data = f'{{"title": "Late", "items": [{items}], "version": "https://jsonfeed.org/version/1.1"}}'
    assert len(data) > 65536
    assert parse_feed(data.encode()).title == "Late"
