"""Hardened XML parsing and the element helpers every XML reader shares.

`parse_xml` is the one way diploblog parses XML: lxml with entity substitution,
DTD loading, DTD validation and network access all off, and a refusal of any
document whose internal DTD subset declares entities (billion laughs, external
entities, parameter entities). A plain DOCTYPE that only names an external DTD,
as RSS 0.91 documents do, is allowed and never fetched.

`element_to_extension` and `extension_to_element` keep elements the model has no
field for, so writers can put them back.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import re
from collections.abc import Iterator
from typing import Final, cast

from lxml import etree

from diploblog._errors import ParseError, UnsafeInputError
from diploblog._feeddate import read_feed_date
from diploblog._model import Extension, ReadWarning

__all__ = [
    "XML_BASE",
    "XML_LANG",
    "clean_language",
    "element_path",
    "element_to_extension",
    "extension_to_element",
    "parse_xml",
    "read_date",
    "refuse_entity_declarations",
    "child_elements",
]

XML_NS: Final = "http://www.w3.org/XML/1998/namespace"
XML_BASE: Final = f"{{{XML_NS}}}base"
"""The ``xml:base`` attribute in Clark notation."""
XML_LANG: Final = f"{{{XML_NS}}}lang"
"""The ``xml:lang`` attribute in Clark notation."""

_UTF32_STARTS: Final = (
    b"\x00\x00\xfe\xff",
    b"\xff\xfe\x00\x00",
    b"\x00\x00\x00<",
    b"<\x00\x00\x00",
)
_DOCTYPE: Final = re.compile(rb"<!DOCTYPE", re.ASCII)
_FIRST_ELEMENT: Final = re.compile(rb"<[A-Za-z_:]", re.ASCII)
_DOCTYPE_TEXT: Final = re.compile(r"<!DOCTYPE")
_FIRST_ELEMENT_TEXT: Final = re.compile(r"<[^\W\d]", re.UNICODE)
# Up to the first "[" or ">" outside quotes: the DOCTYPE's external ID part.
_DOCTYPE_HEAD: Final = re.compile(r"""(?:"[^"]*"|'[^']*'|[^"'\[>])*(?P<end>[\[>])""")
_SUBSET_END: Final = re.compile(r"\]\s*>")
_ENTITY_DECL: Final = re.compile(
    r"<!ENTITY\s+(?P<parameter>%\s+)?(?P<name>[^\s\"']+)\s*(?P<external>SYSTEM|PUBLIC)?"
    r"""(?:\s*(?:"(?P<q1>[^"]*)"|'(?P<q2>[^']*)'))?"""
)
# BCP 47 in the loose form feeds use; the model's validator applies the same rule.
_LANGUAGE: Final = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")


def parse_xml(data: bytes, *, where: str) -> etree._Element:
    """Parse an XML document safely and return its root element.

    Entities are never substituted, no DTD is loaded or validated, nothing is
    fetched from the network, and huge documents are refused by libxml2's limits.
    Documents whose DOCTYPE declares entities are refused before parsing.

    Args:
        data: The document as bytes (its encoding comes from the BOM or XML
            declaration, UTF-8 by default).
        where: What the document is (a URL or a name), for error messages.

    Returns:
        The root element.

    Raises:
        UnsafeInputError: The DOCTYPE declares entities (internal, external or
            parameter entities), or elements nest deeper than libxml2's limit (256).
        ParseError: The document is empty or not well-formed XML; ``line`` and
            ``column`` say where libxml2 stopped.

    Example:
        >>> parse_xml(b"<rss version='2.0'><channel/></rss>", where="feed").tag
        'rss'
        >>> parse_xml(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', where="feed")
        Traceback (most recent call last):
        ...
        diploblog._errors.UnsafeInputError: entity 'a' declared in the DOCTYPE refused: ...
    """
    if _blank(data):
        raise ParseError("empty document: no XML to read", where=where)
    refuse_entity_declarations(_prolog_text(data), where)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error, parser, where) from None
    if root is None:
        raise ParseError("no root element", where=where)
    _check_declared_entities(root, where)
    return root


def _blank(data: bytes) -> bool:
    """Nothing but white space, after a byte-order mark if there is one."""
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE):
        if data.startswith(bom):
            data = data[len(bom) :]
            break
    else:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            data = data[2:]
    # As `not data.strip()`, without copying a whole document.
    return not data or data.isspace()


def _prolog_text(data: bytes) -> str:
    """The document text before its first element, decoded well enough to find markup."""
    head = data[:4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        # UTF-16 or UTF-32 (the XML declaration itself is two or four bytes a character).
        text = data.decode(_wide_encoding(head), errors="replace")
        first = _FIRST_ELEMENT_TEXT.search(text)
        return text[: first.start()] if first else text
    first_element = _FIRST_ELEMENT.search(data)
    doctype = _DOCTYPE.search(data, 0, first_element.start() if first_element else len(data))
    if doctype is None:
        return ""
    # An internal subset may hold "<x" inside entity values: keep the text after it too.
    return data.decode("latin-1")


def _wide_encoding(head: bytes) -> str:
    if head.startswith(_UTF32_STARTS):
        return "utf-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-16-be" if head.startswith(b"\x00") else "utf-16-le"


def refuse_entity_declarations(prolog: str, where: str) -> None:
    """Refuse a document whose DOCTYPE declares an entity (or a parameter entity).

    Args:
        prolog: The document's text up to its first element (or more: text after
            the internal subset is not looked at).
        where: What the document is, for the error.

    Raises:
        UnsafeInputError: The DOCTYPE's internal subset holds an ``<!ENTITY``
            declaration; the message says which kind (external, parameter, internal).

    Example:
        >>> refuse_entity_declarations('<!DOCTYPE rss SYSTEM "rss.dtd">', "feed")
        >>> refuse_entity_declarations('<!DOCTYPE r [<!ENTITY % p "x">]>', "feed")
        Traceback (most recent call last):
        ...
        diploblog._errors.UnsafeInputError: parameter entity '%p' refused: ... (at feed, line 1)
    """
    doctype = _DOCTYPE_TEXT.search(prolog)
    if doctype is None:
        return
    head = _DOCTYPE_HEAD.match(prolog, doctype.end())
    if head is None or head["end"] == ">":
        return
    end = _SUBSET_END.search(prolog, head.end())
    subset = prolog[head.end() : end.start() if end else len(prolog)]
    declaration = _ENTITY_DECL.search(subset)
    if declaration is not None:
        line = prolog.count("\n", 0, head.end() + declaration.start()) + 1
        raise UnsafeInputError(_entity_message(declaration), where=where, line=line)


def _entity_message(declaration: re.Match[str]) -> str:
    name = declaration["name"]
    target = declaration["q1"] if declaration["q1"] is not None else declaration["q2"]
    if declaration["external"]:
        return (
            f"external entity {name!r} ({target!r}) refused: "
            "reading it could disclose local files or reach the network"
        )
    if declaration["parameter"]:
        return f"parameter entity '%{name}' refused: it can pull in or expand DTD text"
    return (
        f"entity {name!r} declared in the DOCTYPE refused: "
        "entity declarations can expand without bound (billion laughs)"
    )


def _check_declared_entities(root: etree._Element, where: str) -> None:
    # Second line of defence, for prologs the byte scan could not decode.
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None:
        return
    for entity in dtd.iterentities():  # type: ignore[attr-defined]  # lxml-stubs 0.5 lacks it
        msg = f"entity {entity.name!r} declared in the DOCTYPE refused"
        raise UnsafeInputError(msg, where=where)


def _syntax_error(
    error: etree.XMLSyntaxError, parser: etree.XMLParser, where: str
) -> ParseError | UnsafeInputError:
    entries = [e for e in parser.error_log if e.level >= etree.ErrorLevels.ERROR]
    first = entries[0] if entries else None
    if first is not None:
        message, line, column = first.message.strip(), first.line, first.column
    else:
        message, (line, column) = str(error), error.position
    if "excessive depth" in message.lower():
        # libxml2's nesting limit (256): no feed nests so deep, and the tolerant path
        # would walk every level in Python (100,000 levels took seconds).
        msg = f"elements nested too deep refused ({message})"
        return UnsafeInputError(msg, where=where, line=line, column=column)
    return ParseError(f"not well-formed XML: {message}", where=where, line=line, column=column)


def child_elements(el: etree._Element) -> Iterator[etree._Element]:
    """The element children of `el`, skipping comments, processing instructions and entities.

    Args:
        el: The parent element.

    Returns:
        An iterator over the child elements, in document order.

    Example:
        >>> root = etree.fromstring(b"<a><!-- note --><b/><?pi x?><c/></a>")
        >>> [c.tag for c in child_elements(root)]
        ['b', 'c']
    """
    return el.iterchildren(tag=etree.Element)


def element_path(el: etree._Element) -> str:
    """An XPath-like address of `el` for messages, such as ``/rss/channel/item[3]/pubDate``.

    Names use the document's prefixes; a position is given when siblings share the name.

    Args:
        el: The element.

    Returns:
        The path from the root.

    Example:
        >>> root = etree.fromstring(b"<rss><channel><item/><item><title/></item></channel></rss>")
        >>> element_path(root[0][1][0])
        '/rss/channel/item[2]/title'
    """
    steps = []
    node: etree._Element | None = el
    while node is not None:
        qname = etree.QName(node)
        name = f"{node.prefix}:{qname.localname}" if node.prefix else qname.localname
        parent = node.getparent()
        if parent is not None:
            same = list(parent.iterchildren(tag=node.tag))
            if len(same) > 1:
                name = f"{name}[{same.index(node) + 1}]"
        steps.append(name)
        node = parent
    return "/" + "/".join(reversed(steps))


def element_to_extension(el: etree._Element) -> Extension:
    """Keep an element the model has no field for: namespace, name, attributes, text, children.

    Attribute names are in Clark notation (``{uri}local``) when namespaced. Text
    of an element without children is kept as written; white space between child
    elements is layout and is dropped. Comments and processing instructions are
    not kept.

    Args:
        el: The element.

    Returns:
        The `Extension` holding it.

    Example:
        >>> el = etree.fromstring(
        ...     b'<sy:updatePeriod xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"'
        ...     b' a="1">hourly</sy:updatePeriod>')
        >>> ext = element_to_extension(el)
        >>> ext.namespace, ext.name, ext.attributes, ext.text
        ('http://purl.org/rss/1.0/modules/syndication/', 'updatePeriod', (('a', '1'),), 'hourly')
    """
    qname = etree.QName(el)
    children = tuple(element_to_extension(c) for c in child_elements(el))
    text = el.text
    if children and text is not None and not text.strip():
        text = None
    return Extension(
        namespace=qname.namespace or "",
        name=qname.localname,
        attributes=cast("list[tuple[str, str]]", el.attrib.items()),
        text=text,
        children=children,
    )


def extension_to_element(ext: Extension) -> etree._Element:
    """Rebuild the XML element an `Extension` holds (the inverse of `element_to_extension`).

    Args:
        ext: The extension, as read from an XML format.

    Returns:
        A new element; lxml chooses prefixes for namespaces the caller has not mapped.

    Example:
        >>> ext = Extension(namespace="http://purl.org/rss/1.0/modules/slash/",
        ...                 name="department", text="news")
        >>> etree.tostring(extension_to_element(ext))
        b'<ns0:department xmlns:ns0="http://purl.org/rss/1.0/modules/slash/">news</ns0:department>'
    """
    tag = f"{{{ext.namespace}}}{ext.name}" if ext.namespace else ext.name
    el = etree.Element(tag, dict(ext.attributes))
    el.text = ext.text
    for child in ext.children:
        el.append(extension_to_element(child))
    return el


def clean_language(value: str | None) -> str | None:
    """Normalise a language from ``xml:lang`` or RSS ``<language>`` into a BCP 47 tag.

    White space is stripped and underscores become hyphens (``en_US`` -> ``en-US``).

    Args:
        value: The language as written, or None.

    Returns:
        The tag, or None when `value` is None or empty.

    Raises:
        ValueError: The value is not a language tag (the caller turns it into a warning).

    Example:
        >>> clean_language(" en_US ")
        'en-US'
    """
    if value is None:
        return None
    tag = value.strip().replace("_", "-")
    if not tag:
        return None
    if not _LANGUAGE.fullmatch(tag):
        msg = f"{value!r} is not a language tag such as 'en' or 'en-GB'"
        raise ValueError(msg)
    return tag


def read_date(el: etree._Element, warnings: list[ReadWarning]) -> _dt.datetime | None:
    """Read the date an element holds, recording trouble as a warning instead of failing.

    A date without a time zone is read as UTC, with a warning saying so; an
    unreadable date gives None and a warning naming the element's path.

    Args:
        el: The element whose text is the date.
        warnings: Where to record problems.

    Returns:
        An aware datetime keeping the written offset, or None.

    Example:
        >>> found = []
        >>> read_date(etree.fromstring(b"<pubDate>Tue, 20 Jul 2010 14:05:00 +0100</pubDate>"),
        ...           found).isoformat()
        '2010-07-20T14:05:00+01:00'
        >>> read_date(etree.fromstring(b"<pubDate>soon</pubDate>"), found), found[0].where
        (None, '/pubDate')
    """
    value, problem = read_feed_date(el.text or "")
    if problem is not None:
        warnings.append(ReadWarning(message=problem, where=element_path(el)))
    return value
