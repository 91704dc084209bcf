"""Bytes to text: BOMs, declared and detected encodings, and broken markup."""

from __future__ import annotations

import codecs

import pytest

from diploblog.html import parse_html
from diploblog.html._decode import decode, parse

CURLY = "\u201cquoted\u201d \u2013 caf\u00e9"


def test_utf8_bom_is_removed_and_wins_over_a_wrong_declaration() -> None:
    data = codecs.BOM_UTF8 + '<meta charset="iso-8859-1"><p>café</p>'.encode()
    text, warnings = decode(data)
    assert text.startswith("<meta")
    assert "café" in text
    assert warnings == ()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    data = bom + f"<title>{CURLY}</title>".encode(codec)
    page = parse_html(data + b"")
    assert decode(data)[0] == f"<title>{CURLY}</title>"
    assert page.kind == "other"


def test_latin1_declaration_is_read_as_windows_1252() -> None:
    # Bytes 0x93/0x94 are C1 controls in ISO-8859-1 but curly quotes in Windows-1252,
    # which is what browsers (and the pages' authors) meant.
    data = b'<meta charset="iso-8859-1"><h1 class="entry-title">\x93Hello\x94 caf\xe9</h1>'
    text, warnings = decode(data)
    assert "“Hello” café" in text
    assert warnings == ()


def test_http_equiv_content_type() -> None:
    body = "<p>Привет</p>".encode("koi8-r")
    data = b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">' + body
    assert "Привет" in decode(data)[0]


def test_xml_declaration_encoding() -> None:
    data = '<?xml version="1.0" encoding="windows-1252"?><html><p>café</p></html>'.encode("cp1252")
    assert "café" in decode(data)[0]


def test_no_declaration_valid_utf8() -> None:
    assert decode(f"<p>{CURLY}</p>".encode())[0] == f"<p>{CURLY}</p>"


def test_no_declaration_not_utf8_falls_back_to_windows_1252() -> None:
    assert decode(b"<p>\x93Hi\x94 caf\xe9</p>")[0] == "<p>“Hi” café</p>"


def test_wrong_utf8_declaration_is_detected_with_a_warning() -> None:
    text, warnings = decode(b'<meta charset="utf-8"><p>\x93Hi\x94</p>')
    assert "“Hi”" in text
    assert len(warnings) == 1
    assert "not valid utf-8" in warnings[0].message


def test_unknown_label_warns_and_detects() -> None:
    text, warnings = decode('<meta charset="klingon-8"><p>café</p>'.encode())
    assert "café" in text
    assert "klingon-8" in warnings[0].message


def test_undefined_windows_1252_bytes_do_not_fail() -> None:
    assert decode(b"<p>a\x81b</p>")[0] == "<p>a\x81b</p>"


def test_str_input_passes_through() -> None:
    assert decode("\ufeff<p>x</p>") == ("<p>x</p>", ())


def test_unclosed_tags_still_give_a_tree() -> None:
    root, _ = parse(b"<html><body><div class='hentry'><h2 class='entry-title'>A<p>text <b>bold")
    assert root.find(".//h2").text_content().startswith("A")
    page = parse_html(
        b"<div class='hentry'><h2 class='entry-title'>A</h2><div class='entry-content'>"
        b"<p>one<p>two <b>bold</div><div class='hentry'><h2 class='entry-title'>B"
    )
    assert [p.title for p in page.posts] == ["A", "B"]
    assert page.posts[0].content == "<p>one</p><p>two <b>bold</b></p>"


def test_declared_iso_8859_1_page_reads_curly_titles() -> None:
    page = parse_html(
        b'<html><head><meta http-equiv="content-type" content="text/html; charset=ISO-8859-1">'
        b"</head><body><div class='hentry'><h2 class='entry-title'>\x93Yes\x94</h2></div>"
    )
    assert page.posts[0].title == "“Yes”"
