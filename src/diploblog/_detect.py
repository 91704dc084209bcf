"""Tell which feed format a document is in, from its content alone.

`detect_format` sniffs the bytes (BOM and encoding aware) without parsing the whole
document, so that input that is not well-formed can still be routed; `xml_dialect`
names the dialect of an already parsed root element, which is authoritative for
well-formed XML.

Format names: ``"rss"`` (RSS 0.91 to 2.0, root ``<rss>``), ``"rdf"`` (RSS 0.90 and
1.0, root ``<rdf:RDF>``), ``"atom"`` (Atom 1.0), ``"atom03"`` (Atom 0.3),
``"jsonfeed"`` (JSON Feed 1.0 and 1.1), ``"wxr"`` (a WordPress export: RSS with the
``wp`` export namespace), ``"blogger"`` (a Blogger export: Atom whose entries
carry the ``http://schemas.google.com/g/2005#kind`` category scheme) and ``"loose"``
(a feed dialect only the tolerant path reads: Microsoft CDF, pre-1.0 Atom drafts and
``<feed>`` without a namespace, ``<rss>`` in an unknown namespace).
"""

from __future__ import annotations

import codecs
import re
from typing import Final

from lxml import etree

from diploblog._errors import ParseError, UnsupportedFormatError
from diploblog._xml import refuse_entity_declarations

__all__ = ["ATOM03_NS", "ATOM_NS", "RDF_NS", "detect_format", "xml_dialect"]

ATOM_NS: Final = "http://www.w3.org/2005/Atom"
ATOM03_NS: Final = "http://purl.org/atom/ns#"
RDF_NS: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
# RSS 2.0 as a few producers namespaced it (the direct RSS reader knows both).
_RSS_NAMESPACES: Final = frozenset(
    {"", "http://backend.userland.com/rss2", "http://blogs.law.harvard.edu/tech/rss"}
)
# Roots of feeds feedparser reads but the direct readers do not (CDF is <CHANNEL>).
_LOOSE_ROOTS: Final = frozenset({"feed", "rss", "channel"})
_WXR_NS: Final = re.compile(r"https?://wordpress\.org/export/\d")
_BLOGGER_KIND: Final = "http://schemas.google.com/g/2005#kind"
_JSONFEED_VERSION: Final = re.compile(r'"version"\s*:\s*"https?://jsonfeed\.org/version/')
_JSONFEED_VERSION_BYTES: Final = re.compile(_JSONFEED_VERSION.pattern.encode("ascii"))
_SNIFF_BYTES: Final = 65536

# The XML prolog: declaration, comments, processing instructions, DOCTYPE, white space.
_PROLOG: Final = re.compile(
    r"""(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE(?:"[^"]*"|'[^']*'|\[.*?\]|[^>\["'])*>)*""",
    re.DOTALL | re.IGNORECASE,
)
_ROOT: Final = re.compile(r"<(?P<name>[^\s/>]+)(?P<attributes>[^>]*)")
_HTML_DOCTYPE: Final = re.compile(r"<!DOCTYPE\s+html", re.IGNORECASE)
_HTML_ROOTS: Final = frozenset({"html", "head", "body", "div", "p", "title", "meta", "a"})
_XMLNS: Final = re.compile(r"""xmlns(?::(?P<prefix>[\w.-]+))?\s*=\s*["'](?P<uri>[^"']*)["']""")


def detect_format(data: bytes, *, where: str = "input") -> str:
    """Name the format of a feed or export from its first bytes.

    Args:
        data: The document.
        where: What the document is (a URL or a name), for error messages.

    Returns:
        One of ``"rss"``, ``"rdf"``, ``"atom"``, ``"atom03"``, ``"jsonfeed"``,
        ``"wxr"``, ``"blogger"`` and ``"loose"``.

    Raises:
        ParseError: The input is empty or only white space.
        UnsupportedFormatError: The input is HTML (read it with ``parse_html``),
            binary data, JSON that is not a JSON Feed, XML whose root is not a feed,
            or text that is neither XML nor JSON.

    Example:
        >>> detect_format(b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>')
        'rss'
        >>> detect_format(b'<feed xmlns="http://www.w3.org/2005/Atom"/>')
        'atom'
        >>> detect_format(b'{"version": "https://jsonfeed.org/version/1.1", "items": []}')
        'jsonfeed'
    """
    text = _decode_head(data[:_SNIFF_BYTES])
    stripped = text.lstrip()
    if not stripped:
        raise ParseError("empty document: there is no feed to read", where=where)
    # A stray NUL (broken CMSs write them) does not make a feed binary: the tolerant
    # path reads past it. Undecodable bytes after "{" are JSON the JSON reader names.
    nuls = stripped.count("\x00")
    undecodable = _UNDECODABLE.search(stripped, 0, 512) and stripped[0] not in "<{["
    if nuls > max(8, len(stripped) // 100) or stripped[0] == "\x00" or undecodable:
        raise UnsupportedFormatError(
            "binary data, not a feed: it is neither XML nor JSON", where=where
        )
    if stripped.startswith(("{", "[")):
        return _json_format(stripped, data, where)
    if not stripped.startswith("<"):
        raise UnsupportedFormatError(
            f"not a feed: XML or JSON expected, the input starts with {stripped[:20]!r}",
            where=where,
        )
    return _xml_format(stripped, where)


_UNDECODABLE: Final = re.compile("[\udc80-\udcff]")


def _errors_for(encoding: str) -> str:
    # surrogateescape only works for byte-oriented codecs; UTF-16/32 keep U+FFFD.
    return "surrogateescape" if encoding == "utf-8" else "replace"


def _decode_head(head: bytes) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors=_errors_for(encoding))
    if head[:4] in (b"\x00\x00\x00<", b"<\x00\x00\x00"):
        return head.decode("utf-32-be" if head[0] == 0 else "utf-32-le", errors="replace")
    if head[:2] == b"\x00<":
        return head.decode("utf-16-be", errors="replace")
    if head[:2] == b"<\x00" and head[2:4] != b"\x00\x00":
        return head.decode("utf-16-le", errors="replace")
    # Markup is ASCII in every other encoding feeds use. Undecodable bytes become lone
    # surrogates (surrogateescape), which no real text holds: a U+FFFD written in a
    # document is a character like any other, not a sign of binary data.
    return head.decode("utf-8", errors="surrogateescape")


def _json_format(text: str, data: bytes, where: str) -> str:
    if _JSONFEED_VERSION.search(text):
        return "jsonfeed"
    # JSON members come in any order: "version" may follow megabytes of "items".
    if len(data) > _SNIFF_BYTES and _JSONFEED_VERSION_BYTES.search(data):
        return "jsonfeed"
    raise UnsupportedFormatError(
        'JSON, but not a JSON Feed: no "version" of https://jsonfeed.org/version/...',
        where=where,
    )


def _xml_format(text: str, where: str) -> str:
    prolog = _PROLOG.match(text)
    end = prolog.end() if prolog else 0
    if _HTML_DOCTYPE.search(text, 0, end):
        raise _html_error(where)
    root = _ROOT.match(text, end)
    if root is not None and root["name"].upper() == "!DOCTYPE":
        # A DOCTYPE longer than the sniffed head: entity declarations (a quadratic
        # blow-up) make one so long, feeds never do.
        refuse_entity_declarations(text, where)
        msg = f"the DOCTYPE runs past the first {_SNIFF_BYTES} bytes; feeds have short ones"
        raise UnsupportedFormatError(msg, where=where)
    if root is None:
        raise UnsupportedFormatError("no root element found: this is not an XML feed", where=where)
    name = root["name"]
    prefix, _, local = name.rpartition(":")
    namespaces = {m["prefix"] or "": m["uri"] for m in _XMLNS.finditer(root["attributes"])}
    namespace = namespaces.get(prefix)
    if local.lower() in _HTML_ROOTS and namespace in (None, "", "http://www.w3.org/1999/xhtml"):
        raise _html_error(where)
    return _dialect(local, namespace, namespaces, text, f"<{name}>", where)


def _dialect(
    local: str, namespace: str | None, namespaces: dict[str, str], text: str, shown: str, where: str
) -> str:
    if local == "rss" and (namespace or "") in _RSS_NAMESPACES:
        return "wxr" if any(_WXR_NS.match(uri) for uri in namespaces.values()) else "rss"
    if local == "RDF" and namespace == RDF_NS:
        return "rdf"
    if local == "feed" and namespace == ATOM_NS:
        return "blogger" if _BLOGGER_KIND in text else "atom"
    if local == "feed" and namespace == ATOM03_NS:
        return "atom03"
    if local.lower() in _LOOSE_ROOTS:
        return "loose"
    msg = f"XML, but not a feed diploblog reads: the root element is {shown}"
    if namespace:
        msg += f" in namespace {namespace!r}"
    elif local == "feed":
        msg += f" without the Atom namespace ({ATOM_NS!r} or {ATOM03_NS!r})"
    raise UnsupportedFormatError(msg, where=where)


def _html_error(where: str) -> UnsupportedFormatError:
    return UnsupportedFormatError(
        "this looks like an HTML page, not a feed: read it with diploblog.parse_html",
        where=where,
    )


def xml_dialect(root: etree._Element, *, where: str = "input") -> str:
    """Name the format of a parsed XML document from its root element.

    Args:
        root: The root element, as `diploblog._xml.parse_xml` returns it.
        where: What the document is (a URL or a name), for error messages.

    Returns:
        One of ``"rss"``, ``"rdf"``, ``"atom"``, ``"atom03"``, ``"wxr"``, ``"blogger"``
        and ``"loose"``.

    Raises:
        UnsupportedFormatError: The root element is not one of a feed.

    Example:
        >>> xml_dialect(etree.fromstring(b'<feed xmlns="http://purl.org/atom/ns#"/>'))
        'atom03'
    """
    qname = etree.QName(root)
    namespaces = {k or "": v for k, v in root.nsmap.items()}
    if qname.localname.lower() in _HTML_ROOTS and qname.namespace in (
        None,
        "http://www.w3.org/1999/xhtml",
    ):
        raise _html_error(where)
    kind_scheme = ""
    if qname.namespace == ATOM_NS:
        category = root.find(f"{{{ATOM_NS}}}entry/{{{ATOM_NS}}}category[@scheme]")
        kind_scheme = category.get("scheme", "") if category is not None else ""
    shown = f"<{root.tag}>"
    return _dialect(qname.localname, qname.namespace, namespaces, kind_scheme, shown, where)
