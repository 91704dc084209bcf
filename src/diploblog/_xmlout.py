"""Write an XML document element by element, in document order, to one of two backends.

The feed writers describe their document as calls (`XmlOut.start`, `XmlOut.leaf`,
`XmlOut.end`, `XmlOut.extension`) and do not care how it is stored:

- `TreeOut` builds an lxml tree and serialises it: the reference behaviour, used
  for pretty-printed output and for extensions with unusual names.
- `BytesOut` writes the UTF-8 bytes directly, several times faster. It writes
  exactly what lxml writes for the same calls (the same escaping, the same prefixes,
  the same namespace declarations, lxml's ``ns0``-style prefixes for namespaces the
  root does not declare); tests compare the two over the corpus and generated blogs.

`open_document` picks the backend. Text and attribute values go through the same
rule in both: characters XML 1.0 forbids are removed with a warning (see
`diploblog._xmlwrite.clean`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final, Protocol

from lxml import etree

from diploblog._model import Extension
from diploblog._xmlwrite import append_extension, clean, serialize, sub

__all__ = ["Attributes", "BytesOut", "TreeOut", "XmlOut", "open_document"]

Attributes = tuple[tuple[str, "str | None"], ...]
"""Attributes in the order written, as ``(name, value)`` pairs; None leaves one out.

Example: ``(("rel", "alternate"), ("type", None), ("href", "https://example.org/"))``.
"""

XML_NS: Final = "http://www.w3.org/XML/1998/namespace"
# lxml's own choices for namespaces a document does not declare (lxml/etree.pyx).
_LXML_PREFIXES: Final[Mapping[str, str]] = {
    XML_NS: "xml",
    "http://www.w3.org/1999/xhtml": "html",
    "http://www.w3.org/1999/XSL/Transform": "xsl",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://schemas.xmlsoap.org/wsdl/": "wsdl",
    "http://www.w3.org/2001/XMLSchema": "xs",
    "http://www.w3.org/2001/XMLSchema-instance": "xsi",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://codespeak.net/lxml/objectify/pytype": "py",
}
# What BytesOut writes itself; anything else in an extension goes to TreeOut.
_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_NAMESPACE: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[A-Za-z0-9\-._~:/?#\[\]@!$()*+,;=%]*")
_CONTROLS: Final = bytes(c for c in range(32) if c not in (9, 10, 13))
_DECLARATION: Final = b"<?xml version='1.0' encoding='UTF-8'?>\n"


class XmlOut(Protocol):
    """Where a writer sends its document, element by element, in document order.

    Example:
        >>> def write(out: XmlOut) -> bytes:
        ...     out.start("item")
        ...     out.leaf("title", "Hello")
        ...     out.end()
        ...     return out.result()
        >>> write(BytesOut("rss", {}, ())) == write(TreeOut("rss", {}, (), pretty=False))
        True
    """

    def start(self, tag: str, attributes: Attributes = ()) -> None:
        """Open an element (Clark notation tag) that will have children."""

    def end(self) -> None:
        """Close the element opened last."""

    def leaf(self, tag: str, text: str | None = None, attributes: Attributes = ()) -> None:
        """Write an element without children: its text (None: none) and attributes."""

    def extension(self, ext: Extension) -> None:
        """Write an `Extension` back as an element, in the open element."""

    def result(self) -> bytes:
        """The document as UTF-8 bytes with an XML declaration."""


def open_document(
    tag: str,
    nsmap: Mapping[str | None, str],
    attributes: Attributes,
    *,
    pretty: bool,
    extensions: Iterable[Extension],
) -> XmlOut:
    """Start a document with its root element, choosing the backend.

    Args:
        tag: The root's tag, in Clark notation.
        nsmap: The namespaces declared on the root (None: the default namespace).
        attributes: The root's attributes.
        pretty: Indent the output (always through lxml).
        extensions: Every extension the document will hold (children included),
            to check that `BytesOut` writes them exactly as lxml would.

    Returns:
        The backend, with the root element open.

    Example:
        >>> out = open_document("rss", {}, (("version", "2.0"),), pretty=False, extensions=())
        >>> out.leaf("channel", "x & y")
        >>> out.result().decode().splitlines()[1]
        '<rss version="2.0"><channel>x &amp; y</channel></rss>'
    """
    if pretty or not all(_writes_directly(e) for e in extensions):
        return TreeOut(tag, nsmap, attributes, pretty=pretty)
    return BytesOut(tag, nsmap, attributes)


def _writes_directly(ext: Extension) -> bool:
    if not _NAME.fullmatch(ext.name):
        return False
    if ext.namespace and not _NAMESPACE.fullmatch(ext.namespace):
        return False
    names = [name for name, _ in ext.attributes]
    if len(set(names)) != len(names):
        return False
    for name in names:
        namespace, brace, local = name[1:].partition("}") if name[:1] == "{" else ("", "", name)
        if not _NAME.fullmatch(local) or (brace and not _NAMESPACE.fullmatch(namespace)):
            return False
    return all(_writes_directly(child) for child in ext.children)


class TreeOut:
    """Build the document as an lxml tree, then serialise it (the reference backend).

    Example:
        >>> out = TreeOut("feed", {}, (), pretty=False)
        >>> out.start("entry")
        >>> out.leaf("title", "Hello", (("type", "text"), ("xml:lang", None)))
        >>> out.end()
        >>> out.result()[-60:]
        b'<feed><entry><title type="text">Hello</title></entry></feed>'
    """

    __slots__ = ("_pretty", "_root", "_stack")

    def __init__(
        self, tag: str, nsmap: Mapping[str | None, str], attributes: Attributes, *, pretty: bool
    ) -> None:
        self._root = etree.Element(tag, nsmap=dict(nsmap))  # type: ignore[arg-type]
        for name, value in attributes:
            if value is not None:
                self._root.set(name, value)
        self._stack = [self._root]
        self._pretty = pretty

    def start(self, tag: str, attributes: Attributes = ()) -> None:
        """Open an element (see `XmlOut.start`)."""
        self._stack.append(sub(self._stack[-1], tag, None, **dict(attributes)))

    def end(self) -> None:
        """Close the element opened last."""
        self._stack.pop()

    def leaf(self, tag: str, text: str | None = None, attributes: Attributes = ()) -> None:
        """Write an element without children (see `XmlOut.leaf`)."""
        sub(self._stack[-1], tag, text, **dict(attributes))

    def extension(self, ext: Extension) -> None:
        """Write an `Extension` in the open element."""
        append_extension(self._stack[-1], ext)

    def result(self) -> bytes:
        """The document as UTF-8 bytes."""
        return serialize(self._root, pretty=self._pretty)


# Bytes that need a second look: markup to escape, and controls XML forbids.
_SPECIAL_TEXT: Final = re.compile(rb"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f]")
_SPECIAL_ATTRIBUTE: Final = re.compile(rb'[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f]')
_NONCHARACTERS: Final = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")  # U+FFFE, U+FFFF in UTF-8


def _allowed(value: str, data: bytes) -> bytes:
    """`data` (`value` in UTF-8), without the characters XML forbids (with a warning)."""
    if len(data.translate(None, _CONTROLS)) != len(data) or (
        not value.isascii() and any(n in data for n in _NONCHARACTERS)
    ):
        return clean(value).encode()
    return data


def _text(value: str) -> bytes:
    """Element text as lxml writes it: forbidden characters removed, ``& < > CR`` escaped."""
    try:
        data = value.encode()
    except UnicodeEncodeError:  # lone surrogates
        data = clean(value).encode()
    if _SPECIAL_TEXT.search(data) is None:
        if not value.isascii() and b"\xef\xbf" in data:
            return _allowed(value, data)
        return data
    data = _allowed(value, data)
    if b"&" in data:
        data = data.replace(b"&", b"&amp;")
    if b"<" in data:
        data = data.replace(b"<", b"&lt;")
    if b">" in data:
        data = data.replace(b">", b"&gt;")
    if b"\r" in data:
        data = data.replace(b"\r", b"&#13;")
    return data


def _attribute(value: str) -> bytes:
    """An attribute value as lxml writes it, quotes and white space escaped too."""
    try:
        data = value.encode()
    except UnicodeEncodeError:
        data = clean(value).encode()
    if _SPECIAL_ATTRIBUTE.search(data) is None and (value.isascii() or b"\xef\xbf" not in data):
        return data
    data = _text(value)
    if b'"' in data:
        data = data.replace(b'"', b"&quot;")
    if b"\n" in data:
        data = data.replace(b"\n", b"&#10;")
    if b"\t" in data:
        data = data.replace(b"\t", b"&#9;")
    return data


class BytesOut:
    """Write the document's bytes directly, exactly as lxml would serialise it.

    Prefixes follow lxml's rules: a namespace declared on the root or on an enclosing
    extension element uses that prefix (the default namespace for elements only); an
    undeclared one is declared on the element itself with lxml's prefix for it, or the
    next ``ns0``, ``ns1``... of the document.

    Example:
        >>> out = BytesOut("feed", {None: "u:a"}, ())
        >>> out.leaf("{u:a}title", "A < B", (("type", None),))
        >>> out.leaf("{u:b}x", None, (("{u:b}y", "1"),))
        >>> print(out.result().decode().splitlines()[1])
        <feed xmlns="u:a"><title>A &lt; B</title><ns0:x xmlns:ns0="u:b" ns0:y="1"/></feed>
    """

    __slots__ = (
        "_attributes",
        "_close",
        "_counter",
        "_names",
        "_open",
        "_parts",
        "_scope",
        "_texts",
        "_values",
    )

    def __init__(self, tag: str, nsmap: Mapping[str | None, str], attributes: Attributes) -> None:
        # lxml writes the root's start tag: its declarations come in lxml's order.
        root = TreeOut(tag, nsmap, attributes, pretty=False)._root
        start = etree.tostring(root, encoding="UTF-8")
        self._parts = [_DECLARATION, start[:-2], b">"]
        self._scope: list[dict[str | None, str]] = [dict(nsmap)]
        self._names: dict[str, tuple[bytes, bytes]] = {}
        # Tag -> (b"<name", b"<name>", b"</name>"), for the common leaves without attributes.
        self._texts: dict[str, tuple[bytes, bytes, bytes]] = {}
        self._attributes: dict[str, bytes] = {}
        # Attribute values as written, by value: rel, type, scheme... repeat in a feed.
        self._values: dict[str, bytes] = {}
        self._counter = 0
        self._open: list[tuple[bytes, int]] = []
        self._close = b"</" + start[1 : start.index(b" ") if b" " in start else -2] + b">"

    # --- names -------------------------------------------------------------------------

    def _prefix_for(
        self, namespace: str, scope: list[dict[str | None, str]], *, attribute: bool
    ) -> str | None:
        """The in-scope prefix for `namespace` (None: default), or "" when none is usable."""
        if namespace == XML_NS:
            return "xml"
        for level in reversed(range(len(scope))):
            for prefix, uri in scope[level].items():
                if uri != namespace or (prefix is None and attribute):
                    continue
                # The prefix must not be redeclared closer to the element.
                if all(prefix not in scope[inner] for inner in range(level + 1, len(scope))):
                    return prefix
        return ""

    def _declare(self, namespace: str, scope: list[dict[str | None, str]]) -> str:
        """Declare `namespace` on the innermost element of `scope`, as lxml would."""
        prefix = _LXML_PREFIXES.get(namespace)
        if prefix is None:
            prefix = self._new_prefix()
        while prefix == "xml" or any(prefix in level for level in scope):
            prefix = self._new_prefix()
        scope[-1][prefix] = namespace
        return prefix

    def _new_prefix(self) -> str:
        prefix = f"ns{self._counter}"
        self._counter += 1
        return prefix

    def _qualified(
        self, name: str, scope: list[dict[str | None, str]], *, attribute: bool
    ) -> tuple[str, list[str]]:
        """The prefixed name of a Clark name, and the declarations it makes on the element."""
        if name[:1] != "{":
            return name, []
        namespace, _, local = name[1:].partition("}")
        prefix = self._prefix_for(namespace, scope, attribute=attribute)
        if prefix is None:
            return local, []
        if prefix:
            return f"{prefix}:{local}", []
        prefix = self._declare(namespace, scope)
        return f"{prefix}:{local}", [prefix]

    def _start_tag(
        self,
        tag: str,
        attributes: Iterable[tuple[str, str | None]],
        scope: list[dict[str | None, str]],
    ) -> tuple[list[bytes], bytes]:
        """The start tag's parts (without its closing ``>``) and the end tag."""
        qname, declared = self._qualified(tag, scope, attribute=False)
        parts = [b"<" + qname.encode()]
        written = []
        for name, value in attributes:
            if value is None:
                continue
            attribute, more = self._qualified(name, scope, attribute=True)
            declared += more
            written.append(b" " + attribute.encode() + b'="' + _attribute(value) + b'"')
        for prefix in declared:
            parts.append(b" xmlns:" + prefix.encode() + b'="' + scope[-1][prefix].encode() + b'"')
        parts += written
        return parts, b"</" + qname.encode() + b">"

    def _element(self, tag: str, attributes: Attributes) -> tuple[bytes, bytes]:
        """Start-tag head (without ``>``) and end tag of a writer element."""
        known = self._names.get(tag)
        if known is not None:
            if not attributes:
                return known
            parts = self._parts
            mark = len(parts)
            if self._known_attributes(known[0], attributes):
                head = b"".join(parts[mark:])
                del parts[mark:]
                return head, known[1]
        return self._declaring_element(tag, attributes)

    def _declaring_element(self, tag: str, attributes: Attributes) -> tuple[bytes, bytes]:
        """The general case: names not met yet, perhaps declaring namespaces."""
        scope = [*self._scope, {}]
        parts, close = self._start_tag(tag, attributes, scope)
        if not scope[-1]:  # nothing declared here: the names hold for the whole document
            qname = close[2:-1]
            self._names[tag] = (b"<" + qname, close)
            self._texts[tag] = (b"<" + qname, b"<" + qname + b">", close)
            for name, value in attributes:
                if value is not None:  # qualified above, without declaring anything
                    attribute, _ = self._qualified(name, scope, attribute=True)
                    self._attributes[name] = b" " + attribute.encode() + b'="'
        return b"".join(parts), close

    # --- the XmlOut calls ----------------------------------------------------------------

    def start(self, tag: str, attributes: Attributes = ()) -> None:
        """Open an element (see `XmlOut.start`)."""
        head, close = self._element(tag, attributes)
        parts = self._parts
        parts += (head, b">")
        self._open.append((close, len(parts)))

    def end(self) -> None:
        """Close the element opened last (``<x/>`` when nothing was written in it)."""
        close, length = self._open.pop()
        parts = self._parts
        if len(parts) == length:
            parts[-1] = b"/>"
        else:
            parts.append(close)

    def leaf(self, tag: str, text: str | None = None, attributes: Attributes = ()) -> None:
        """Write an element without children (see `XmlOut.leaf`)."""
        known = self._texts.get(tag)
        if known is not None:
            parts = self._parts
            if not attributes:  # the most common case, first
                if text is None:
                    parts += (known[0], b"/>")
                else:
                    parts += (known[1], _text(text), known[2])
                return
            if self._known_attributes(known[0], attributes):
                if text is None:
                    parts.append(b"/>")
                else:
                    parts += (b">", _text(text), known[2])
                return
        head, close = self._element(tag, attributes)
        if text is None:
            self._parts += (head, b"/>")
        else:
            self._parts += (head, b">", _text(text), close)

    def _attribute_name(self, name: str) -> bytes | None:
        """Learn how a writer element's attribute name is written; None if it declares one."""
        qualified = name
        if name[:1] == "{":
            namespace, _, local = name[1:].partition("}")
            prefix = self._prefix_for(namespace, self._scope, attribute=True)
            if not prefix:  # the element would declare it: the general path does that
                return None
            qualified = f"{prefix}:{local}"
        written = self._attributes[name] = b" " + qualified.encode() + b'="'
        return written

    def _known_attributes(self, head: bytes, attributes: Attributes) -> bool:
        """Append the start tag's head and attributes when every name is known already."""
        names = self._attributes
        for name, value in attributes:  # names first: values may warn, and only once
            if value is not None and name not in names and not self._attribute_name(name):
                return False
        parts = self._parts
        parts.append(head)
        values = self._values
        for name, value in attributes:
            if value is not None:
                written = names[name]
                data = values.get(value)
                if data is None:
                    data = _attribute(value)
                    if value.isprintable() and len(value) < 200:  # warned of nothing
                        values[value] = data
                parts += (written, data, b'"')
        return True

    def extension(self, ext: Extension) -> None:
        """Write an `Extension` in the open element (see `diploblog._xmlwrite.append_extension`)."""
        self._extension(ext, self._scope)

    def _extension(self, ext: Extension, outer: list[dict[str | None, str]]) -> None:
        scope = [*outer, {}]
        tag = f"{{{ext.namespace}}}{ext.name}" if ext.namespace else ext.name
        values = tuple((name, clean(value)) for name, value in ext.attributes)
        parts, close = self._start_tag(tag, values, scope)
        self._parts += parts
        text = None if ext.text is None else clean(ext.text)
        if text is None and not ext.children:
            self._parts.append(b"/>")
            return
        self._parts.append(b">")
        if text is not None:
            self._parts.append(_text(text))
        for child in ext.children:
            self._extension(child, scope)
        self._parts.append(close)

    def result(self) -> bytes:
        """The document as UTF-8 bytes."""
        self._parts.append(self._close)
        return b"".join(self._parts)
