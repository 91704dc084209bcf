"""Microformats evidence: microformats2 and the classic (hAtom, hCard) vocabularies.

`parse_items` is a compact parser following the microformats2 parsing specification
(https://microformats.org/wiki/microformats2-parsing): root and property class names,
``p-``/``u-``/``dt-``/``e-`` parsing with the value-class pattern, nested
microformats as property values or children, implied ``name``, ``photo`` and ``url``,
and the backward-compatible parsing of ``hentry``, ``hfeed``, ``hnews`` and ``vcard``
(with ``rel="bookmark"`` as ``url`` and ``rel="tag"`` as ``category``). It returns
its own small item type; `read` turns items into `Evidence` with the sources
``"mf2"`` (microformats2 roots) and ``"hatom"`` (classic roots).

The tree is walked with explicit stacks; only nested microformats recurse, and no
deeper than `_MAX_NESTING`, so no page can exhaust the Python stack.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from copy import deepcopy
from typing import Union

import attrs
import lxml.etree
import lxml.html

from diploblog._errors import DiploblogError
from diploblog._model import Author, Blog, Comment, Enclosure, Link, Post, ReadWarning, Tag
from diploblog.html._clean import cleaned
from diploblog.html._evidence import (
    Context,
    Evidence,
    date_precision,
    make_author,
    make_tag,
    paragraphs,
    text_of,
)
from diploblog.html._walk import marked

__all__ = ["Item", "parse_items", "read"]

_MAX_NESTING = 40
_ROOT = re.compile(r"h-(?:[a-z0-9]+-)?[a-z]+(?:-[a-z]+)*")
_PROPERTY = re.compile(r"(p|u|dt|e)-((?:[a-z0-9]+-)?[a-z]+(?:-[a-z]+)*)")
_SKIP_TEXT = frozenset({"script", "style", "template"})
_BACKCOMPAT_ROOTS = {"hentry": "h-entry", "hfeed": "h-feed", "hnews": "h-news", "vcard": "h-card"}
_VCARD = {
    "fn": "p-name",
    "honorific-prefix": "p-honorific-prefix",
    "given-name": "p-given-name",
    "additional-name": "p-additional-name",
    "family-name": "p-family-name",
    "honorific-suffix": "p-honorific-suffix",
    "nickname": "p-nickname",
    "email": "u-email",
    "logo": "u-logo",
    "photo": "u-photo",
    "url": "u-url",
    "uid": "u-uid",
    "category": "p-category",
    "adr": "p-adr",
    "extended-address": "p-extended-address",
    "street-address": "p-street-address",
    "locality": "p-locality",
    "region": "p-region",
    "postal-code": "p-postal-code",
    "country-name": "p-country-name",
    "label": "p-label",
    "tel": "p-tel",
    "note": "p-note",
    "bday": "dt-bday",
    "key": "u-key",
    "org": "p-org",
    "organization-name": "p-organization-name",
    "organization-unit": "p-organization-unit",
    "title": "p-job-title",
    "role": "p-role",
}
# Classic class -> microformats2 property, per root (microformats2-parsing, "backcompat").
_BACKCOMPAT_PROPERTIES: dict[str, dict[str, str]] = {
    "h-entry": {
        "entry-title": "p-name",
        "entry-summary": "p-summary",
        "entry-content": "e-content",
        "published": "dt-published",
        "updated": "dt-updated",
        "author": "p-author",
        "category": "p-category",
    },
    "h-feed": {"author": "p-author", "photo": "u-photo", "url": "u-url", "category": "p-category"},
    "h-news": {"entry": "p-entry", "source-org": "p-source-org", "dateline": "p-dateline"},
    "h-card": _VCARD,
}
_BACKCOMPAT_RELS: dict[str, dict[str, str]] = {
    "h-entry": {"bookmark": "u-url", "tag": "p-category"},
    "h-feed": {"tag": "p-category"},
    "h-card": {"tag": "p-category"},
}
_DATE = re.compile(r"\d{4}-(?:\d{2}-\d{2}|\d{3})$")
_TIME = re.compile(
    r"(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap])\.?m\.?(?=\s*$|[zZ+-])|T?\d{2}:\d{2}"
)
_ZONE = re.compile(r"(?:[zZ]|[+-]\d{2}:?\d{2}|[+-]\d{2})$")


@attrs.define(eq=False)
class Embedded:
    """The value of an ``e-*`` property: its inner HTML, text, and element.

    The inner HTML is serialised when first asked for: the reader itself takes the
    content from the element, cleaned, and never needs the raw markup.
    """

    value: str
    element: lxml.html.HtmlElement
    context: Context
    _html: str | None = None

    @property
    def html(self) -> str:
        """The element's inner HTML, its relative URLs resolved."""
        if self._html is None:
            self._html = inner_html(self.element, self.context)
        return self._html


@attrs.define(eq=False)
class Image:
    """A ``u-photo``-like value with the image's ``alt`` text."""

    value: str
    alt: str


Value = Union[str, Embedded, Image, "Item"]


@attrs.define(eq=False)
class Item:
    """One microformat as the parsing spec describes it.

    `value` (and `html` for ``e-*``) are set when the item is a property value;
    `backcompat` when it was found from classic class names; `implied` names the
    properties that were implied rather than marked up.

    Example:
        >>> root = lxml.html.fromstring('<a class="h-card" href="/me">Jo</a>')
        >>> item = parse_items(root, Context(base="http://example.org/"))[0]
        >>> item.types, item.properties["name"], item.properties["url"]
        (['h-card'], ['Jo'], ['http://example.org/me'])
    """

    types: list[str]
    element: lxml.html.HtmlElement
    backcompat: bool = False
    properties: dict[str, list[Value]] = attrs.Factory(dict)
    children: list[Item] = attrs.Factory(list)
    implied: set[str] = attrs.Factory(set)
    value: str | None = None
    html: str | None = None

    def first(self, name: str) -> Value | None:
        """The first value of a property, or None.

        Example:
            >>> Item(types=["h-entry"], element=None, properties={"name": ["Hi"]}).first("name")
            'Hi'
        """
        values = self.properties.get(name)
        return values[0] if values else None


def _classes(element: lxml.html.HtmlElement) -> list[str]:
    return (element.get("class") or "").split()


def _roots(element: lxml.html.HtmlElement) -> tuple[list[str], bool]:
    # Called on every element of every item: most have no class, or no root class.
    attribute = element.get("class")
    if not attribute:
        return [], True
    classes = attribute.split()
    if "h-" in attribute:
        roots = sorted({c for c in classes if _ROOT.fullmatch(c)})
        if roots:
            return roots, False
    classic = sorted({_BACKCOMPAT_ROOTS[c] for c in classes if c in _BACKCOMPAT_ROOTS})
    return classic, True


def _property_classes(element: lxml.html.HtmlElement, parent: Item) -> list[tuple[str, str]]:
    if not parent.backcompat:
        attribute = element.get("class")
        if not attribute or "-" not in attribute:
            return []
        found = (_PROPERTY.fullmatch(c) for c in attribute.split())
        return list(dict.fromkeys((m.group(1), m.group(2)) for m in found if m))
    classes = _classes(element)
    names: list[str] = []
    for kind in parent.types:
        table = _BACKCOMPAT_PROPERTIES.get(kind, {})
        names += [table[c] for c in classes if c in table]
        rels = _BACKCOMPAT_RELS.get(kind, {})
        names += [rels[r] for r in (element.get("rel") or "").lower().split() if r in rels]
    return [tuple(n.split("-", 1)) for n in dict.fromkeys(names)]  # type: ignore[misc]


def _tag(element: lxml.html.HtmlElement) -> str:
    return element.tag if isinstance(element.tag, str) else ""


def text_content(element: lxml.html.HtmlElement, context: Context) -> str:
    """The text of an element as the spec reads it: no scripts or styles, images by alt.

    Example:
        >>> root = lxml.html.fromstring('<p>A <img alt="cat"> <script>x()</script>sat</p>')
        >>> text_content(root, Context())
        'A  cat  sat'
    """
    parts: list[str] = []
    skipping: lxml.html.HtmlElement | None = None
    for event, node in lxml.etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            if skipping is not None:
                continue
            tag = _tag(node)
            if tag in _SKIP_TEXT or not tag:
                skipping = node
            elif tag == "img":
                shown = node.get("alt")
                shown = shown if shown is not None else context.resolve(node.get("src"))
                parts.append(f" {shown} " if shown else "")
            elif node.text:
                parts.append(node.text)
            continue
        if node is skipping:
            skipping = None
        elif skipping is not None:
            continue
        if node is not element and node.tail:
            parts.append(node.tail)
    return "".join(parts).strip()


def _value_elements(element: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    found: list[lxml.html.HtmlElement] = []
    stack = list(reversed(element))
    while stack:
        node = stack.pop()
        if not _tag(node):
            continue
        classes = _classes(node)
        if "value" in classes or "value-title" in classes:
            found.append(node)
            continue
        if _roots(node)[0] or any(_PROPERTY.fullmatch(c) for c in classes):
            continue
        stack.extend(reversed(node))
    return found


def _value_class(element: lxml.html.HtmlElement, context: Context, *, dates: bool) -> list[str]:
    values = []
    for node in _value_elements(element):
        tag = _tag(node)
        if "value-title" in _classes(node):
            values.append(node.get("title") or "")
        elif tag in {"img", "area"} and node.get("alt") is not None:
            values.append(node.get("alt") or "")
        elif tag == "data" and node.get("value") is not None:
            values.append(node.get("value") or "")
        elif tag == "abbr" and node.get("title") is not None:
            values.append(node.get("title") or "")
        elif dates and tag in {"del", "ins", "time"} and node.get("datetime") is not None:
            values.append(node.get("datetime") or "")
        else:
            values.append(text_content(node, context))
    return values


def _p_value(element: lxml.html.HtmlElement, context: Context) -> str:
    parts = _value_class(element, context, dates=False)
    if parts:
        return "".join(parts)
    tag = _tag(element)
    for tags, attribute in (
        ({"abbr", "link"}, "title"),
        ({"data", "input"}, "value"),
        ({"img", "area"}, "alt"),
    ):
        if tag in tags and element.get(attribute) is not None:
            return element.get(attribute) or ""
    return text_content(element, context)


def _resolve(reference: str | None, context: Context) -> str:
    # An empty reference is the document's own address (RFC 3986, section 5.2).
    if reference is not None and not reference.strip():
        return context.base or ""
    return context.resolve(reference) or ""


def _u_value(element: lxml.html.HtmlElement, context: Context) -> str | Image:
    tag = _tag(element)
    for tags, attribute in (
        ({"a", "area", "link"}, "href"),
        ({"img", "audio", "video", "source", "iframe"}, "src"),
        ({"video"}, "poster"),
        ({"object"}, "data"),
    ):
        if tag in tags and element.get(attribute) is not None:
            url = _resolve(element.get(attribute), context)
            if tag == "img" and element.get("alt") is not None:
                return Image(value=url, alt=element.get("alt") or "")
            return url
    parts = _value_class(element, context, dates=False)
    if parts:
        return context.resolve("".join(parts)) or ""
    for tags, attribute in (({"abbr"}, "title"), ({"data", "input"}, "value")):
        if tag in tags and element.get(attribute) is not None:
            return _resolve(element.get(attribute), context)
    return _resolve(text_content(element, context), context)


def _combine_datetime(parts: list[str]) -> str:
    # The value-class pattern for dates: the first date, time and zone found, in order.
    date = time = zone = None
    for raw in (p.strip() for p in parts):
        if date is None and _DATE.match(raw):
            date = raw
        elif date is None and re.match(r"\d{4}-\d{2}-\d{2}[T ]", raw):
            return raw
        elif time is None and _TIME.match(raw):
            time, tail = _split_zone(raw)
            zone = zone or tail
        elif zone is None and _ZONE.fullmatch(raw):
            zone = raw
    if date is None:
        return "".join(parts)
    if time is None:
        return date
    return f"{date} {time}{(zone or '').replace(':', '') if zone not in {'z'} else 'Z'}"


def _split_zone(raw: str) -> tuple[str, str | None]:
    zone = _ZONE.search(raw)
    if zone and ":" in raw[: zone.start()]:
        return _clock(raw[: zone.start()].strip()), zone.group()
    return _clock(raw), None


def _clock(raw: str) -> str:
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap])\.?m\.?", raw, re.I)
    if not match:
        return raw.removeprefix("T")
    hour = int(match.group(1)) % 12 + (12 if match.group(4).lower() == "p" else 0)
    seconds = f":{match.group(3)}" if match.group(3) else ""
    return f"{hour:02d}:{match.group(2) or '00'}{seconds}"


def _dt_value(element: lxml.html.HtmlElement, context: Context) -> str:
    parts = _value_class(element, context, dates=True)
    if parts:
        return _combine_datetime(parts)
    tag = _tag(element)
    for tags, attribute in (
        ({"time", "ins", "del"}, "datetime"),
        ({"abbr"}, "title"),
        ({"data", "input"}, "value"),
    ):
        if tag in tags and element.get(attribute) is not None:
            return (element.get(attribute) or "").strip()
    return text_content(element, context)


def inner_html(
    element: lxml.html.HtmlElement, context: Context, *, clean: bool = False, copy: bool = True
) -> str:
    """The HTML inside an element, its relative URLs resolved; without scripts when `clean`.

    The element is copied first, unless `copy` is false: a caller that hands over a
    private copy of its own (a cleaned one) saves a second deep copy; that copy is
    then changed.

    Example:
        >>> root = lxml.html.fromstring('<div>Hi <a href="/x">x</a><script>1</script></div>')
        >>> inner_html(root, Context(base="http://example.org/"), clean=True)
        'Hi <a href="http://example.org/x">x</a>'
    """
    if copy:
        element = deepcopy(element)
    element.tail = None
    if clean:
        for node in list(element.iter("script", "style", lxml.etree.Comment)):
            _drop(node)
    if context.base:
        element.make_links_absolute(
            context.base, resolve_base_href=False, handle_failures="discard"
        )
    text = html.escape(element.text, quote=False) if element.text else ""
    children = "".join(
        lxml.html.tostring(child, encoding="unicode", method="html") for child in element
    )
    return (text + children).strip()


def _drop(node: lxml.html.HtmlElement) -> None:
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def _e_value(element: lxml.html.HtmlElement, context: Context) -> Embedded:
    return Embedded(value=text_content(element, context), element=element, context=context)


def _parse_value(
    prefix: str, element: lxml.html.HtmlElement, context: Context
) -> str | Image | Embedded:
    if prefix == "p":
        return _p_value(element, context)
    if prefix == "u":
        return _u_value(element, context)
    if prefix == "dt":
        return _dt_value(element, context)
    return _e_value(element, context)


def _rel_tag_value(href: str | None) -> str:
    # Classic rel-tag: the tag is the last segment of the link's path.
    try:
        path = urllib.parse.urlsplit(href or "").path.rstrip("/")
    except ValueError:  # an unbalanced "[" in the host ("http://[x/"), found by fuzzing
        path = (href or "").rstrip("/")
    return urllib.parse.unquote(path.rsplit("/", 1)[-1]).replace("+", " ")


def _is_rel_tag(element: lxml.html.HtmlElement) -> bool:
    return "tag" in (element.get("rel") or "").lower().split()


def _nested_value(prefix: str, nested: Item, element: lxml.html.HtmlElement, ctx: Context) -> None:
    if prefix == "e":
        embedded = _e_value(element, ctx)
        nested.html, nested.value = embedded.html, embedded.value
        return
    own = nested.first("name" if prefix == "p" else "url") if prefix in {"p", "u"} else None
    if isinstance(own, str):
        nested.value = own
    elif isinstance(own, Image):
        nested.value = own.value
    else:
        value = _parse_value(prefix, element, ctx)
        nested.value = value if isinstance(value, str) else getattr(value, "value", "")


def _parse_item(
    element: lxml.html.HtmlElement, roots: list[str], backcompat: bool, ctx: Context, depth: int
) -> Item:
    item = Item(types=roots, element=element, backcompat=backcompat)
    saw_nested = False
    prefixes: set[str] = set()
    stack = list(reversed(element))
    while stack:
        child = stack.pop()
        if not isinstance(child.tag, str):
            continue
        if not child.get("class") and not (backcompat and child.get("rel")):
            # Most elements of a post: no property, no nested root; only their children.
            stack.extend(reversed(child))
            continue
        properties = _property_classes(child, item)
        child_roots, child_backcompat = _roots(child)
        if child_roots and depth < _MAX_NESTING:
            nested = _parse_item(child, child_roots, child_backcompat, ctx, depth + 1)
            saw_nested = True
            for prefix, name in properties:
                _nested_value(prefix, nested, child, ctx)
                item.properties.setdefault(name, []).append(nested)
                prefixes.add(prefix)
            if not properties:
                item.children.append(nested)
            continue
        for prefix, name in properties:
            value: Value = _parse_value(prefix, child, ctx)
            if item.backcompat and name == "category" and _is_rel_tag(child):
                value = _rel_tag_value(child.get("href"))
            elif item.backcompat and isinstance(value, Image):
                value = value.value  # classic microformats predate the alt structure
            item.properties.setdefault(name, []).append(value)
            prefixes.add(prefix)
        stack.extend(reversed(child))
    if not backcompat:
        _imply(item, prefixes, saw_nested, ctx)
    return item


def _element_children(element: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return [child for child in element if _tag(child)]


def _only_child(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    children = _element_children(element)
    if len(children) == 1 and not _roots(children[0])[0]:
        return children[0]
    return None


def _only_of_type(element: lxml.html.HtmlElement, tag: str) -> lxml.html.HtmlElement | None:
    same = [child for child in _element_children(element) if child.tag == tag]
    if len(same) == 1 and not _roots(same[0])[0]:
        return same[0]
    return None


def _implied_name(element: lxml.html.HtmlElement, ctx: Context) -> str:
    candidates = [element]
    child = _only_child(element)
    if child is not None:
        candidates.append(child)
        grandchild = _only_child(child)
        if grandchild is not None:
            candidates.append(grandchild)
    for node in candidates:
        tag = _tag(node)
        if tag in {"img", "area"} and node.get("alt") is not None:
            return (node.get("alt") or "").strip()
        if tag == "abbr" and node.get("title") is not None:
            return (node.get("title") or "").strip()
    return text_content(element, ctx)


def _implied_url(
    element: lxml.html.HtmlElement, ctx: Context, pairs: tuple[tuple[str, str], ...]
) -> Value | None:
    if any(_tag(element) == tag and element.get(attr) is not None for tag, attr in pairs):
        return _u_value(element, ctx)
    places = [element]
    child = _only_child(element)
    if child is not None:
        places.append(child)
    for place in places:
        for tag, attribute in pairs:
            found = _only_of_type(place, tag)
            if found is not None and found.get(attribute) is not None:
                return _u_value(found, ctx)
    return None


def _imply(item: Item, prefixes: set[str], saw_nested: bool, ctx: Context) -> None:
    if saw_nested:
        return
    if "name" not in item.properties and not prefixes & {"p", "e"}:
        item.properties["name"] = [_implied_name(item.element, ctx)]
        item.implied.add("name")
    if "u" in prefixes:
        return
    if "photo" not in item.properties:
        photo = _implied_url(item.element, ctx, (("img", "src"), ("object", "data")))
        if photo is not None:
            item.properties["photo"] = [photo]
            item.implied.add("photo")
    if "url" not in item.properties:
        url = _implied_url(item.element, ctx, (("a", "href"), ("area", "href")))
        if url is not None:
            item.properties["url"] = [url]
            item.implied.add("url")


def _candidates(root: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    # The elements whose class may hold a root class name. Testing the class attributes
    # of the shared walk is several times faster than the same test as XPath contains().
    for element, attribute, _ in marked(root):
        if (
            "h-" in attribute
            or "hentry" in attribute
            or "hfeed" in attribute
            or "hnews" in attribute
            or "vcard" in attribute
        ):
            yield element


def parse_items(root: lxml.html.HtmlElement, context: Context) -> list[Item]:
    """Find and parse the top-level microformats of a document, in document order.

    Args:
        root: The document (or any element) to search.
        context: For resolving relative URLs.

    Returns:
        The top-level items; nested ones hang from their properties and children.

    Example:
        >>> doc = lxml.html.fromstring('<div class="hentry"><h2 class="entry-title">Hi</h2></div>')
        >>> [(i.types, i.backcompat, i.properties) for i in parse_items(doc, Context())]
        [(['h-entry'], True, {'name': ['Hi']})]
    """
    items = []
    taken: set[lxml.html.HtmlElement] = set()
    for element in _candidates(root):
        roots, backcompat = _roots(element)
        if not roots or any(a in taken for a in element.iterancestors()):
            continue
        taken.add(element)
        items.append(_parse_item(element, roots, backcompat, context, 0))
    return items


# --- From items to evidence -------------------------------------------------------


def _text(value: Value | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, Item):
        return text_of(value.value or _text(value.first("name")))
    return text_of(value if isinstance(value, str) else value.value)


def _url(value: Value | None) -> str | None:
    if isinstance(value, Item):
        return _url(value.first("url")) or (value.value if "://" in (value.value or "") else None)
    text = _text(value)
    if not text or any(c.isspace() for c in text):
        return None  # "/a b" is a category written with a slash, not a URL
    return text if "://" in text or text.startswith("/") else None


def _author(value: Value) -> Author | None:
    if not isinstance(value, Item):
        text = _text(value)
        is_url = text is not None and "://" in text
        return make_author(name=None if is_url else text, url=text if is_url else None)
    if not value.backcompat and "h-card" not in value.types:
        return make_author(name=_text(value))
    return make_author(
        name=_text(value.first("name")) or _text(value),
        url=_url(value.first("url")),
        email=_text(value.first("email")),
        role=_text(value.first("job-title")) or _text(value.first("role")),
        location=_text(value.first("locality")) or _text(value.first("adr")),
        avatar=_url(value.first("photo")),
    )


def _authors(item: Item) -> tuple[Author, ...]:
    values: list[Value] = list(item.properties.get("author", ()))
    if not values and item.backcompat and "h-entry" in item.types:
        # Blogger writes <span class="post-author vcard">: a card, but not "author vcard".
        values = [c for c in item.children if any("author" in k for k in _classes(c.element))]
    found = (_author(value) for value in values)
    return tuple(a for a in found if a is not None)


def _own_elements(item: Item) -> Iterator[lxml.html.HtmlElement]:
    # The item's elements, leaving out those of microformats nested in it.
    stack = list(reversed(item.element))
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or (node.get("class") and _roots(node)[0]):
            continue
        yield node
        stack.extend(reversed(node))


def _category(element: lxml.html.HtmlElement, ctx: Context, rel_tag: bool) -> Tag | None:
    # A p-category element: its value is the term (the value-class pattern lets a page
    # show a label, <data class="value" value="term">label</data>); its text, when it
    # differs, the label; a rel=tag link's href the tag's page; data-scheme the scheme.
    term = _p_value(element, ctx)
    url = ctx.resolve(element.get("href")) if rel_tag else None
    written = _url(term)  # a category written as an absolute URL names its tag page
    if url is None and written and "://" in written and term == text_content(element, ctx):
        return make_tag(_rel_tag_value(written), url=ctx.resolve(written))
    label = text_content(element, ctx)
    return make_tag(term, url=url, label=label, scheme=element.get("data-scheme"))


def _tags(item: Item, ctx: Context) -> tuple[Tag, ...]:
    # Each tag once, in the page's order; a tag shown twice keeps the URL one gives.
    found: dict[Tag, Tag] = {}
    # A rel=tag link that is also a category (p-category, or any rel=tag in classic
    # microformats) is one tag: read here with its URL, its category value skipped.
    # So is a microformats2 p-category element, read here for its label and scheme.
    also_category: Counter[str | None] = Counter()
    for element in _own_elements(item):
        rel_tag = _tag(element) in {"a", "link"} and _is_rel_tag(element)
        if not item.backcompat and "p-category" in _classes(element):
            tag = _category(element, ctx, rel_tag)
            also_category[text_of(_p_value(element, ctx))] += 1
        elif rel_tag:
            href = element.get("href")
            tag = make_tag(element.text_content() or _rel_tag_value(href), url=ctx.resolve(href))
            if item.backcompat:
                also_category[text_of(_rel_tag_value(href))] += 1
        else:
            continue
        if tag is not None and (tag not in found or (tag.url and not found[tag].url)):
            found[tag] = tag
    for value in item.properties.get("category", ()):
        if isinstance(value, Item) and "h-card" in value.types:
            continue  # a person tag, not a topic
        if not isinstance(value, Item) and also_category[_text(value)] > 0:
            also_category[_text(value)] -= 1
            continue
        text = _text(value)
        url = _url(value)
        tag = make_tag(_rel_tag_value(url), url=url) if url and text == url else make_tag(text)
        if tag is not None:
            found.setdefault(tag, tag)
    return tuple(found.values())


def _number(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _enclosures(item: Item, ctx: Context) -> tuple[Enclosure, ...]:
    # rel=enclosure links (HTML's link relation, as in Atom): the link's type is the
    # media type, data-length and data-duration give bytes and seconds, and the text,
    # when it is not the URL, the title.
    found: dict[str, Enclosure] = {}
    for link in _own_elements(item):
        if _tag(link) not in {"a", "link"}:
            continue
        if "enclosure" not in (link.get("rel") or "").lower().split():
            continue
        url = ctx.resolve(link.get("href"))
        if not url or url in found:
            continue
        title = text_of(text_content(link, ctx)) or text_of(link.get("title"))
        try:
            found[url] = Enclosure(
                url=url,
                type=text_of(link.get("type")),
                length=_number(link.get("data-length")),
                duration=_number(link.get("data-duration")),
                title=None if title in {url, text_of(link.get("href"))} else title,
            )
        except DiploblogError:
            continue  # an address the model refuses costs the enclosure, not the page
    return tuple(found.values())


def _date(item: Item, name: str, ctx: Context, warnings: list[ReadWarning]) -> _dt.datetime | None:
    text = _text(item.first(name))
    when, warning = ctx.date(text, f"{item.types[0]} dt-{name}")
    if warning is not None:
        warnings.append(warning)
    return when


def _fallback_published(item: Item) -> str | None:
    # Themes such as Twenty Twelve mark the entry date with <time> but no class.
    for node in _own_elements(item):
        if _tag(node) == "time" and node.get("datetime"):
            marks = set(_classes(node))
            if not marks & {"updated", "modified", "dt-updated"}:
                return str(node.get("datetime"))
    return None


def _content(item: Item, ctx: Context) -> str | None:
    value = item.first("content")
    if isinstance(value, Embedded):
        return inner_html(cleaned(value.element), ctx, clean=True, copy=False) or None
    if isinstance(value, Item) and value.html is not None:
        return inner_html(cleaned(value.element), ctx, clean=True, copy=False) or None
    return paragraphs(_text(value)) if value is not None else None


def _title(item: Item) -> str | None:
    name = _text(item.first("name"))
    if name is None:
        return None
    content = item.first("content")
    content_text = text_of(
        content.value if isinstance(content, (Embedded, Item)) else _text(content)
    )
    # Post type discovery: a name that only repeats the content is a note's, not a title.
    if content_text and content_text.startswith(name):
        return None
    if "name" in item.implied and "content" not in item.properties and len(name) > 200:
        return None
    return name


def _nameless(item: Item) -> bool:
    # By the microformats2 implied-name rule an h-entry with p-* or e-* properties (or
    # nested microformats) and no p-name has no name; nor has one whose name repeats
    # its content (a note). Classic hAtom entries imply nothing: the page may name them.
    return not item.backcompat and "name" not in item.implied and _title(item) is None


def _comment_id(item: Item) -> str | None:
    return text_of(item.element.get("id")) or _text(item.first("uid")) or _url(item.first("url"))


def _comments(item: Item, ctx: Context, warnings: list[ReadWarning]) -> tuple[Comment, ...]:
    comments: list[Comment] = []
    stack: list[tuple[Item, str | None]] = [
        (value, None)
        for value in reversed(item.properties.get("comment", []))
        if isinstance(value, Item)
    ]
    while stack:
        entry, parent = stack.pop()
        comment_id = _comment_id(entry)
        published, warning = ctx.date(_text(entry.first("published")), "comment dt-published")
        if warning is not None:
            warnings.append(warning)
        authors = _authors(entry)
        body = _content(entry, ctx) or paragraphs(_text(entry.first("summary")))
        if body is None and "name" in entry.properties:
            body = paragraphs(_text(entry.first("name")))
        classes = set(_classes(entry.element))
        # WordPress themes mark pingbacks and trackbacks with their kind's class, and a
        # comment shown before moderation with a note of class comment-awaiting-moderation.
        kind = next((k for k in ("pingback", "trackback") if k in classes), "comment")
        waiting = any(
            "comment-awaiting-moderation" in _classes(node) for node in _own_elements(entry)
        )
        comments.append(
            Comment(
                id=comment_id,
                url=_url(entry.first("url")),
                author=authors[0] if authors else None,
                published=published,
                content=body or "",
                in_reply_to=parent if parent != comment_id else None,
                kind=kind,
                approved=False if waiting else None,
            )
        )
        replies = [v for v in entry.properties.get("comment", []) if isinstance(v, Item)]
        stack.extend((reply, comment_id) for reply in reversed(replies))
    return tuple(comments)


def _post(
    item: Item, ctx: Context, inherited: tuple[Author, ...], warnings: list[ReadWarning]
) -> Post:
    published = _date(item, "published", ctx, warnings)
    if published is None and "published" not in item.properties:
        published, warning = ctx.date(_fallback_published(item), "h-entry <time>")
        if warning is not None:
            warnings.append(warning)
    replies_to = [_url(v) for v in item.properties.get("in-reply-to", ())]
    summary = _text(item.first("summary"))
    return Post(
        id=_text(item.first("uid")),
        url=_url(item.first("url")),
        title=_title(item),
        published=published,
        updated=_date(item, "updated", ctx, warnings),
        authors=_authors(item) or inherited,
        summary=paragraphs(summary) if summary else None,
        content=_content(item, ctx),
        tags=_tags(item, ctx),
        comments=_comments(item, ctx, warnings),
        enclosures=_enclosures(item, ctx),
        links=[Link(url=url, rel="in-reply-to") for url in replies_to if url],
    )


def _blog(feed: Item, ctx: Context) -> Blog:
    name = None if "name" in feed.implied else _text(feed.first("name"))
    summary = _text(feed.first("summary"))
    return Blog(
        title=name,
        url=_url(feed.first("url")),
        description=summary,
        authors=_authors(feed),
        logo=_url(feed.first("photo")),
        tags=_tags(feed, ctx),
    )


@attrs.define
class _Found:
    posts: dict[bool, list[Post]] = attrs.Factory(lambda: {True: [], False: []})
    feeds: dict[bool, list[Item]] = attrs.Factory(lambda: {True: [], False: []})
    nameless: list[int] = attrs.Factory(list)  # indexes of the mf2 posts with no name
    warnings: list[ReadWarning] = attrs.Factory(list)
    # (index in posts, field) of the dates an entry shows only to the month or year.
    coarse: dict[bool, set[tuple[int, str]]] = attrs.Factory(lambda: {True: set(), False: set()})


def _coarse(item: Item) -> list[str]:
    """The date fields of an entry written only to the month or year ("2019-06")."""
    shown = {name: _text(item.first(name)) for name in ("published", "updated")}
    if shown["published"] is None and "published" not in item.properties:
        shown["published"] = _fallback_published(item)
    return [name for name, text in shown.items() if date_precision(text) != "day"]


def _collect(items: list[Item], ctx: Context) -> _Found:
    found = _Found()
    # (item, authors inherited from an enclosing feed); entries are never searched inside.
    stack: list[tuple[Item, tuple[Author, ...]]] = [(item, ()) for item in reversed(items)]
    while stack:
        item, inherited = stack.pop()
        if "h-entry" in item.types:
            posts = found.posts[item.backcompat]
            found.coarse[item.backcompat].update((len(posts), f) for f in _coarse(item))
            if _nameless(item):
                found.nameless.append(len(found.posts[False]))
            posts.append(_post(item, ctx, inherited, found.warnings))
            # An unclosed hentry swallows the next one: keep that one a post too.
            nested = [c for c in item.children if c.backcompat and "h-entry" in c.types]
            stack.extend((child, inherited) for child in reversed(nested))
            continue
        if "h-feed" in item.types:
            found.feeds[item.backcompat].append(item)
            inherited = _authors(item) or inherited
        nested = list(item.children)
        for values in item.properties.values():
            nested += [value for value in values if isinstance(value, Item)]
        stack.extend((child, inherited) for child in reversed(nested))
    return found


def read(doc: lxml.html.HtmlElement, context: Context) -> tuple[Evidence, ...]:
    """Read the microformats of a page as evidence: ``"mf2"`` and ``"hatom"`` sources.

    Args:
        doc: The parsed page.
        context: The page's URLs.

    Returns:
        One `Evidence` per source that found entries or a feed.

    Example:
        >>> doc = lxml.html.fromstring('<div class="hentry"><h2 class="entry-title">Hi</h2></div>')
        >>> [(e.source, e.posts[0].title) for e in read(doc, Context())]
        [('hatom', 'Hi')]
    """
    found = _collect(parse_items(doc, context), context)
    evidence: list[Evidence] = []
    for backcompat, source in ((False, "mf2"), (True, "hatom")):
        posts, feeds = found.posts[backcompat], found.feeds[backcompat]
        if not posts and not feeds:
            continue
        evidence.append(
            Evidence(
                source=source,
                posts=tuple(posts),
                listing=bool(feeds) and len(posts) > 1,
                blog=_blog(feeds[0], context) if feeds else None,
                coarse_dates=frozenset(found.coarse[backcompat]),
                warnings=tuple(found.warnings) if not evidence else (),
                nameless=() if backcompat else tuple(found.nameless),
            )
        )
    return tuple(evidence)
