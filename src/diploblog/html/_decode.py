"""From bytes to an lxml tree: byte-order marks, declared and detected encodings.

The rules follow the WHATWG encoding sniffing algorithm in the form saved pages need:
a byte-order mark wins; else the charset the page was served with (the HTTP
``Content-Type`` header, when the caller has it, e.g. from a WARC record); else the
``<meta charset>`` or ``http-equiv`` content type in
the first bytes; else the XML declaration; else UTF-8 if the bytes are valid UTF-8,
else Windows-1252. Labels are read the way browsers read them: ISO-8859-1, Latin-1
and ASCII mean Windows-1252 (so bytes 0x93/0x94 are curly quotes, not controls), and
a page that declares UTF-16 without a BOM is read as UTF-8.
"""

from __future__ import annotations

import codecs
import re

import lxml.etree
import lxml.html

from diploblog._errors import ParseError, UnsupportedFormatError
from diploblog._model import ReadWarning

__all__ = ["decode", "parse"]

_PRESCAN = 4096
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# [^<>]: a <meta without ">" stops at the next tag instead of scanning the whole head.
_META_CHARSET = re.compile(rb"""<meta[^<>]*?\bcharset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([-\w.:]+)["']""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# WHATWG Encoding, "labels": what browsers decode these labels as.
# Keys are Python's canonical codec names (codecs.lookup(label).name).
_BROWSER_LABELS = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
    "utf-32": "utf-8",
}
# The five bytes Windows-1252 leaves undefined decode to the C1 controls in browsers.
_CP1252_HOLES = {0xDC81: 0x81, 0xDC8D: 0x8D, 0xDC8F: 0x8F, 0xDC90: 0x90, 0xDC9D: 0x9D}
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"WARC/", "a WARC file (use diploblog.warc)"),
)
_FIRST_TAG = re.compile(r"<(?!\?|!)([A-Za-z][\w:.-]*)")
_FEED_ROOTS = {"rss": "an RSS feed", "feed": "an Atom feed", "rdf:rdf": "an RSS 1.0 feed"}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
# One parser for every page. lxml.html's own parser picks each element's class with a
# Python callback (1 million calls over the corpus); this C-level lookup gives every
# element an HtmlElement (text_content, drop_tree, ...) without calling back. The form
# classes (FormElement, InputElement, ...) it leaves out are never used by the reader.
_PARSER = lxml.html.HTMLParser(no_network=True, remove_pis=True)
_PARSER.set_element_class_lookup(
    lxml.etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)
# What lxml keeps in a parsed tree but refuses when the tree is edited (found by fuzzing):
# C0 controls but tab, LF and CR, lone surrogates, U+FFFE and U+FFFF.
_UNEDITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _codec(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return _BROWSER_LABELS.get(name, name)


def _declared(head: bytes) -> bytes | None:
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1) if match else None


def _cp1252(data: bytes) -> str:
    text = data.decode("cp1252", "surrogateescape")
    # translate() looks up every character: only run it when a hole byte is there.
    if any(bytes((hole,)) in data for hole in _CP1252_HOLES.values()):
        text = text.translate(_CP1252_HOLES)
    return text


def _decode_as(data: bytes, codec: str) -> str:
    return _cp1252(data) if codec == "cp1252" else data.decode(codec)


def _detect(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _cp1252(data)


def decode(
    data: bytes | str, *, encoding: str | None = None
) -> tuple[str, tuple[ReadWarning, ...]]:
    r"""Turn the bytes of a page into text, the way a browser would.

    Args:
        data: The page as saved (bytes) or already decoded (str).
        encoding: The charset of the transport layer (the HTTP ``Content-Type``
            header), which beats the page's own declaration (WHATWG Encoding,
            "determine the character encoding", step 3); ignored for text.

    Returns:
        The text and any warnings (an unknown or wrong encoding declaration).

    Raises:
        UnsupportedFormatError: The bytes are an image, archive or other binary file.

    Example:
        >>> decode(b'<meta charset="iso-8859-1"><p>\x93Hi\x94')[0][-4:]
        '“Hi”'
        >>> decode(b'<meta charset="utf-8"><p>\xe9t\xe9', encoding="latin-1")[0][-3:]
        'été'
    """
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), ()
    for magic, what in _MAGIC:
        if data.startswith(magic):
            msg = f"this is {what}, not an HTML page"
            raise UnsupportedFormatError(msg, where="input")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, "replace"), ()
    if encoding is not None:
        return _decode_declared(data, encoding, "HTTP Content-Type")
    declared = _declared(data[:_PRESCAN])
    if declared is None:
        return _detect(data), ()
    return _decode_declared(data, declared.decode("ascii", "replace"), "<meta charset>")


def _decode_declared(data: bytes, label: str, where: str) -> tuple[str, tuple[ReadWarning, ...]]:
    known = _codec(label)
    if known is None:
        note = f"unknown encoding {label!r} declared; detected instead"
        return _detect(data), (ReadWarning(message=note, where=where),)
    try:
        return _decode_as(data, known), ()
    except UnicodeDecodeError as e:
        note = f"the page is not valid {known} as declared (byte {e.start}); detected instead"
        return _detect(data), (ReadWarning(message=note, where=where),)


def _refuse_non_html(text: str) -> None:
    head = text[:_PRESCAN]
    if not head.strip():
        raise ParseError("empty input: no HTML to read", where="input")
    if len(_CONTROL.findall(head)) > max(8, len(head) // 100):
        raise UnsupportedFormatError("this is binary data, not an HTML page", where="input")
    start = head.lstrip()
    if start[:1] in "{[":
        msg = "this is a JSON document, not an HTML page (parse_feed reads JSON Feed)"
        raise UnsupportedFormatError(msg, where="input")
    first = _FIRST_TAG.search(head)
    if first is None and "<" not in text:
        raise UnsupportedFormatError("no markup found: this is not an HTML page", where="input")
    root = first.group(1).lower() if first else ""
    if root in _FEED_ROOTS:
        msg = f"this is {_FEED_ROOTS[root]}, not an HTML page (parse_feed reads it)"
        raise UnsupportedFormatError(msg, where=f"<{first.group(1) if first else root}>")
    if start.startswith("<?xml") and root not in {"html", "xhtml:html", "html:html"}:
        msg = f"this is an XML document with root <{root}>, not an HTML page"
        raise UnsupportedFormatError(msg, where=f"<{root}>")


def parse(
    data: bytes | str, *, encoding: str | None = None
) -> tuple[lxml.html.HtmlElement, tuple[ReadWarning, ...]]:
    """Decode and parse a page into an lxml HTML tree, however broken its markup.

    Args:
        data: The page as bytes or text.
        encoding: The charset the page was served with, if known (see `decode`).

    Returns:
        The root ``<html>`` element and the decoding warnings.

    Raises:
        ParseError: The input is empty or holds no markup lxml can build a tree from.
        UnsupportedFormatError: The input is not HTML (binary data, JSON, a feed).

    Example:
        >>> root, _ = parse(b"<title>Hi</title><p>unclosed <b>bold")
        >>> root.findtext(".//title"), root.find(".//b").text
        ('Hi', 'bold')
    """
    text, warnings = decode(data, encoding=encoding)
    _refuse_non_html(text)
    # lxml refuses str input that carries an encoding declaration.
    text = _XML_DECLARATION.sub("", text, count=1)
    if _UNEDITABLE.search(text):
        # A form feed is white space in HTML; the rest show as U+FFFD in browsers.
        text = _UNEDITABLE.sub(lambda m: " " if m.group() == "\x0c" else "\ufffd", text)
    try:
        root = lxml.html.document_fromstring(text, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as e:
        raise ParseError(f"no HTML document could be built: {e}", where="input") from e
    return root, warnings
