"""Schema.org evidence: JSON-LD scripts (source ``"jsonld"``) and microdata (``"microdata"``).

Both are read into the same plain node form (a dict of property -> value(s), with
``@type`` and ``@id``) and turned into posts by the same code. Posts are the
``BlogPosting``, ``Article``, ``NewsArticle``, ``SocialMediaPosting`` (and related)
nodes found at the top level or in a ``@graph``, as a ``WebPage``'s ``mainEntity``,
in a ``Blog``'s ``blogPost`` or in an ``ItemList``. ``{"@id": ...}`` references (as
Yoast writes authors) are followed. ``Comment`` nodes with ``parentItem`` give
threaded comments; ``WebSite`` and ``Blog`` nodes tell about the blog. A
``CollectionPage`` gives the page kind: ``"tag"`` when it is ``about`` a
``DefinedTerm``, ``"archive"`` with a ``temporalCoverage``, else ``"listing"``.

``articleBody`` in JSON-LD is plain text and becomes escaped ``<p>`` paragraphs; in
microdata it is an element, whose HTML is kept.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

import attrs
import lxml.html

from diploblog._errors import DiploblogError
from diploblog._model import Author, Blog, Comment, Enclosure, Post, ReadWarning, Tag
from diploblog.html._evidence import (
    Context,
    Evidence,
    date_precision,
    language,
    make_author,
    make_tag,
    paragraphs,
    text_of,
)
from diploblog.html._mf2 import inner_html, text_content
from diploblog.html._xpath import Elements, Strings

__all__ = ["jsonld_nodes", "microdata_nodes", "read"]

Node = dict[str, Any]

_MAX_DEPTH = 64
_ARTICLES = frozenset(
    {
        "Article",
        "BlogPosting",
        "NewsArticle",
        "SocialMediaPosting",
        "LiveBlogPosting",
        "DiscussionForumPosting",
        "TechArticle",
        "ScholarlyArticle",
        "Report",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "ReportageNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
    }
)
_PAGES = frozenset({"WebPage", "ItemPage", "AboutPage", "CollectionPage", "ProfilePage"})
_SCOPES = Strings("descendant-or-self::*/@itemscope")
_TOP_ITEMS = Elements("descendant-or-self::*[@itemscope][not(@itemprop)]")
_DURATION = re.compile(
    r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,]\d+)?S)?)?", re.IGNORECASE
)
_BYTES = re.compile(r"(\d+)\s*(?:B|bytes?)?", re.IGNORECASE)
_WRAPPER = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")


@attrs.frozen
class _Markup:
    """A microdata value that is an element whose HTML is the value (articleBody)."""

    element: lxml.html.HtmlElement


def _types(node: Node) -> set[str]:
    raw = node.get("@type", ())
    names = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    return {re.split(r"[/:#]", name)[-1] for name in names if isinstance(name, str)}


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _walk(value: Any) -> Iterator[Node]:
    """Every dict inside a JSON value, iteratively and to a bounded depth."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > _MAX_DEPTH:
            continue
        if isinstance(current, dict):
            yield current
            stack.extend((v, depth + 1) for v in reversed(list(current.values())))
        elif isinstance(current, list):
            stack.extend((v, depth + 1) for v in reversed(current))


@attrs.define
class _Graph:
    """The nodes of a page's JSON-LD or microdata, with an index to follow references."""

    top: list[Node]
    by_id: dict[str, Node]

    def deref(self, value: Any) -> Any:
        # Yoast writes {"@id": ..., "name": ...} references: the full node fills them in.
        if isinstance(value, dict) and isinstance(value.get("@id"), str):
            full = self.by_id.get(value["@id"])
            if full is not None and full is not value:
                return {**full, **value}
        return value

    def values(self, node: Node, *names: str) -> list[Any]:
        found = []
        for name in names:
            found += [self.deref(v) for v in _values(node.get(name))]
        return found

    def text(self, node: Node, *names: str) -> str | None:
        for value in self.values(node, *names):
            if isinstance(value, str) and text_of(value):
                return text_of(html.unescape(value))
            if isinstance(value, dict):
                inner = self.text(value, "@value", "name")
                if inner:
                    return inner
        return None

    def url(self, node: Node, ctx: Context, *names: str) -> str | None:
        for value in self.values(node, *names):
            if isinstance(value, str) and value.strip():
                return ctx.resolve(value)
            if isinstance(value, dict):
                inner = self.url(value, ctx, "url", "contentUrl", "@id")
                if inner:
                    return inner
        return None


def _loads(text: str) -> Any:
    text = _WRAPPER.sub("", text.strip()).strip().rstrip(";")
    return json.loads(text, strict=False)


def jsonld_nodes(doc: lxml.html.HtmlElement) -> tuple[list[Node], list[ReadWarning]]:
    """The top-level nodes of every JSON-LD script in a page, ``@graph``s flattened.

    Args:
        doc: The parsed page.

    Returns:
        The nodes and a warning for each script that is not valid JSON.

    Example:
        >>> doc = lxml.html.fromstring('<script type="application/ld+json">'
        ...     '{"@graph": [{"@type": "WebSite", "name": "Blog"}]}</script>')
        >>> jsonld_nodes(doc)[0]
        [{'@type': 'WebSite', 'name': 'Blog'}]
    """
    nodes: list[Node] = []
    warnings = []
    for number, script in enumerate(doc.iter("script"), 1):
        kind = (script.get("type") or "").split(";")[0].strip().lower()
        if kind != "application/ld+json" or not (script.text or "").strip():
            continue
        try:
            data = _loads(script.text or "")
        except (ValueError, RecursionError) as e:
            note = f"JSON-LD script is not valid JSON: {str(e)[:80]}"
            warnings.append(ReadWarning(message=note, where=f"<script> #{number}"))
            continue
        for node in _values(data):
            if isinstance(node, dict):
                graph = node.get("@graph")
                nodes += [n for n in _values(graph) if isinstance(n, dict)] if graph else [node]
    return nodes, warnings


def _microdata_value(element: lxml.html.HtmlElement, ctx: Context) -> Any:
    tag = element.tag
    if element.get("itemprop", "").strip() == "articleBody":
        return _Markup(element)
    if tag == "meta":
        return element.get("content", "")
    if tag in {"audio", "embed", "iframe", "img", "source", "track", "video"}:
        return ctx.resolve(element.get("src")) or ""
    if tag in {"a", "area", "link"}:
        return ctx.resolve(element.get("href")) or ""
    if tag == "object":
        return ctx.resolve(element.get("data")) or ""
    if tag in {"data", "meter"}:
        return element.get("value", "")
    if tag == "time" and element.get("datetime"):
        return element.get("datetime", "")
    return text_content(element, ctx)


def _microdata_item(element: lxml.html.HtmlElement, ctx: Context, depth: int) -> Node:
    node: Node = {"@type": (element.get("itemtype") or "").split()}
    if element.get("itemid"):
        node["@id"] = element.get("itemid")
    stack = list(reversed(element))
    while stack:
        child = stack.pop()
        if not isinstance(child.tag, str):
            continue
        names = (child.get("itemprop") or "").split()
        nested = child.get("itemscope") is not None
        if names:
            if nested and depth < _MAX_DEPTH:
                value = _microdata_item(child, ctx, depth + 1)
            else:
                value = _microdata_value(child, ctx)
            for name in names:
                node.setdefault(name, []).append(value)
        if not nested:
            stack.extend(reversed(child))
    return node


def microdata_nodes(doc: lxml.html.HtmlElement, ctx: Context) -> list[Node]:
    """The top-level microdata items of a page as nodes like JSON-LD's.

    Args:
        doc: The parsed page.
        ctx: For resolving URLs.

    Returns:
        One node per ``itemscope`` that is not a property of another item.

    Example:
        >>> doc = lxml.html.fromstring('<div itemscope itemtype="https://schema.org/Person">'
        ...     '<span itemprop="name">Jo</span></div>')
        >>> microdata_nodes(doc, Context())
        [{'@type': ['https://schema.org/Person'], 'name': ['Jo']}]
    """
    if not _SCOPES(doc):  # two pages in three: attribute strings alone say so, cheaply
        return []
    return [_microdata_item(element, ctx, 0) for element in _TOP_ITEMS(doc)]


def _author(graph: _Graph, value: Any, ctx: Context) -> Author | None:
    if isinstance(value, str):
        is_url = "://" in value
        return make_author(
            name=None if is_url else html.unescape(value),
            url=ctx.resolve(value) if is_url else None,
        )
    if not isinstance(value, dict):
        return None
    name = graph.text(value, "name")
    if name is None and (value.get("givenName") or value.get("familyName")):
        name = text_of(
            f"{graph.text(value, 'givenName') or ''} {graph.text(value, 'familyName') or ''}"
        )
    place = None
    for where in graph.values(value, "workLocation", "homeLocation", "address"):
        if isinstance(where, dict):
            place = graph.text(where, "addressLocality", "name") or place
    return make_author(
        name=name,
        url=graph.url(value, ctx, "url"),
        email=graph.text(value, "email"),
        role=graph.text(value, "jobTitle"),
        location=place,
        avatar=graph.url(value, ctx, "image"),
    )


def _authors(graph: _Graph, node: Node, ctx: Context) -> tuple[Author, ...]:
    found = (_author(graph, v, ctx) for v in graph.values(node, "author", "creator"))
    return tuple(dict.fromkeys(a for a in found if a is not None))


def _defined_term(graph: _Graph, value: Node, ctx: Context) -> Tag | None:
    # A DefinedTerm keyword: termCode the term, name its label, inDefinedTermSet the
    # scheme (a URL, or a DefinedTermSet node), url its page.
    name = graph.text(value, "name")
    code = graph.text(value, "termCode")
    scheme = graph.text(value, "inDefinedTermSet")
    for found in graph.values(value, "inDefinedTermSet"):
        if isinstance(found, dict):
            scheme = graph.url(found, ctx, "url", "@id") or graph.text(found, "name")
    return make_tag(code or name, label=name, scheme=scheme, url=graph.url(value, ctx, "url"))


def _tags(graph: _Graph, node: Node, ctx: Context) -> tuple[Tag, ...]:
    found: list[Tag | None] = []
    for value in graph.values(node, "keywords", "articleSection"):
        if isinstance(value, str):
            terms = value.split(",") if "," in value else [value]
            found += [make_tag(html.unescape(term)) for term in terms]
        elif isinstance(value, dict):
            found.append(_defined_term(graph, value, ctx))
    return tuple(dict.fromkeys(tag for tag in found if tag is not None))


def _duration(text: str | None) -> int | None:
    # An ISO 8601 duration (schema.org's Duration): "PT1H2M5S" -> 3725 seconds.
    match = _DURATION.fullmatch(text or "")
    if not match or not any(match.groups()):
        return None
    days, hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


def _enclosures(graph: _Graph, node: Node, ctx: Context) -> tuple[Enclosure, ...]:
    # MediaObjects (AudioObject, VideoObject, ...) in associatedMedia, encoding, audio
    # and video: contentUrl, encodingFormat, contentSize in bytes, duration, name.
    found: dict[str, Enclosure] = {}
    for value in graph.values(node, "associatedMedia", "encoding", "audio", "video"):
        if not isinstance(value, dict):
            continue
        url = graph.url(value, ctx, "contentUrl", "url")
        if url is None or url in found:
            continue
        size = _BYTES.fullmatch((graph.text(value, "contentSize") or "").strip())
        if size is None and isinstance(value.get("contentSize"), int):
            size = _BYTES.fullmatch(str(value["contentSize"]))
        try:
            found[url] = Enclosure(
                url=url,
                type=graph.text(value, "encodingFormat"),
                length=int(size.group(1)) if size else None,
                duration=_duration(graph.text(value, "duration")),
                title=graph.text(value, "name"),
            )
        except DiploblogError:
            continue  # an address the model refuses costs the enclosure, not the page
    return tuple(found.values())


def _count(graph: _Graph, node: Node) -> int | None:
    for value in graph.values(node, "commentCount"):
        if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
            return int(value)
    for stat in graph.values(node, "interactionStatistic"):
        if isinstance(stat, dict) and "Comment" in str(stat.get("interactionType", "")):
            count = _count(graph, {"commentCount": stat.get("userInteractionCount")})
            if count is not None:
                return count
    return None


def _local_id(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.rsplit("#", 1)[-1] if "#" in value else value.strip()


def _body(graph: _Graph, node: Node, name: str, ctx: Context) -> str | None:
    for value in graph.values(node, name):
        if isinstance(value, _Markup):
            return inner_html(value.element, ctx, clean=True) or None
        if isinstance(value, str) and value.strip():
            return paragraphs(html.unescape(value))
    return None


@attrs.define
class _Reading:
    graph: _Graph
    ctx: Context
    where: str
    warnings: list[ReadWarning] = attrs.Factory(list)

    def date(self, node: Node, *names: str) -> Any:
        when, warning = self.ctx.date(self.graph.text(node, *names), f"{self.where} {names[0]}")
        if warning is not None:
            self.warnings.append(warning)
        return when

    def comments(self, article: Node) -> tuple[Comment, ...]:
        graph = self.graph
        article_ids = {_local_id(article.get("@id")), _local_id(article.get("url"))} - {None}
        comments = []
        nodes = [v for v in graph.values(article, "comment") if isinstance(v, dict)]
        while nodes:
            node = nodes.pop(0)
            own = _local_id(node.get("@id")) or _local_id(node.get("url"))
            parents = [
                _local_id(p.get("@id")) if isinstance(p, dict) else _local_id(p)
                for p in _values(node.get("parentItem"))
            ]
            parent = next((p for p in parents if p and p not in article_ids and p != own), None)
            author = next(iter(_authors(graph, node, self.ctx)), None)
            comments.append(
                Comment(
                    id=own,
                    url=graph.url(node, self.ctx, "url"),
                    author=author,
                    published=self.date(node, "dateCreated", "datePublished"),
                    content=_body(graph, node, "text", self.ctx) or "",
                    in_reply_to=parent,
                )
            )
            nodes += [v for v in graph.values(node, "comment") if isinstance(v, dict)]
        return tuple(comments)

    def post(self, node: Node, page: Node | None) -> Post:
        graph, ctx = self.graph, self.ctx
        url = graph.url(node, ctx, "url", "mainEntityOfPage")
        if url is None and page is not None:
            url = graph.url(page, ctx, "url", "@id")
        summary = graph.text(node, "description")
        return Post(
            url=url,
            title=graph.text(node, "headline", "name"),
            published=self.date(node, "datePublished", "dateCreated"),
            updated=self.date(node, "dateModified"),
            authors=_authors(graph, node, ctx),
            summary=paragraphs(summary) if summary else None,
            content=_body(graph, node, "articleBody", ctx),
            tags=_tags(graph, node, ctx),
            enclosures=_enclosures(graph, node, ctx),
            comments=self.comments(node),
            comment_count=_count(graph, node),
            language=language(graph.text(node, "inLanguage")),
        )


def _articles(graph: _Graph) -> tuple[list[tuple[Node, Node | None]], bool]:
    """The article nodes, each with the page node that holds it, and whether a list held them."""
    found: list[tuple[Node, Node | None]] = []
    listed = 0
    for node in graph.top:
        types = _types(node)
        if types & _ARTICLES:
            found.append((node, None))
        elif types & _PAGES:
            found += [(n, node) for n in graph.values(node, "mainEntity") if isinstance(n, dict)]
        if types & {"Blog", "ItemList"} or (types & _PAGES and "mainEntity" not in node):
            members = graph.values(node, "blogPost", "blogPosts", "itemListElement", "hasPart")
            members = [graph.deref(m.get("item", m)) if isinstance(m, dict) else m for m in members]
            listed += len(members)
            found += [(m, None) for m in members if isinstance(m, dict)]
    seen: set[int] = set()
    unique = []
    for node, page in found:
        if _types(node) & _ARTICLES and id(node) not in seen:
            seen.add(id(node))
            unique.append((node, page))
    return unique, listed > 1


def _blog(graph: _Graph, ctx: Context) -> Blog | None:
    for node in graph.top:
        if _types(node) & {"WebSite", "Blog"}:
            return Blog(
                title=graph.text(node, "name", "headline"),
                url=graph.url(node, ctx, "url"),
                description=graph.text(node, "description"),
                language=language(graph.text(node, "inLanguage")),
                authors=_authors(graph, node, ctx),
            )
    return None


def _page_kind(graph: _Graph) -> str | None:
    # A CollectionPage (Yoast writes them for front pages and archives) is a listing;
    # one about a DefinedTerm is a tag page, one with a temporalCoverage a date archive.
    for node in graph.top:
        if "CollectionPage" in _types(node):
            if any(
                _types(v) & {"DefinedTerm", "CategoryCode"}
                for v in graph.values(node, "about")
                if isinstance(v, dict)
            ):
                return "tag"
            return "archive" if graph.text(node, "temporalCoverage") else "listing"
    return None


# The date fields of a post and the properties they come from, as `_Reading.post` reads them.
_DATES = (("published", ("datePublished", "dateCreated")), ("updated", ("dateModified",)))


def _evidence(
    source: str, top: list[Node], ctx: Context, warnings: list[ReadWarning]
) -> Evidence | None:
    by_id = {
        str(node["@id"]): node
        for node in _walk(top)
        if isinstance(node.get("@id"), str) and len(node) > 1
    }
    graph = _Graph(top=top, by_id=by_id)
    reading = _Reading(graph=graph, ctx=ctx, where=source, warnings=warnings)
    articles, listed = _articles(graph)
    posts = tuple(reading.post(node, page) for node, page in articles)
    blog = _blog(graph, ctx)
    kind = _page_kind(graph)
    if not posts and blog is None and kind is None and not reading.warnings:
        return None
    return Evidence(
        source=source,
        posts=posts,
        listing=listed,
        blog=blog,
        kind=kind,
        warnings=tuple(reading.warnings),
        coarse_dates=frozenset(
            (index, field)
            for index, (node, _) in enumerate(articles)
            for field, names in _DATES
            if date_precision(graph.text(node, *names)) != "day"
        ),
    )


def read(doc: lxml.html.HtmlElement, context: Context) -> tuple[Evidence, ...]:
    """Read a page's schema.org data as evidence: ``"jsonld"`` and ``"microdata"`` sources.

    Args:
        doc: The parsed page.
        context: The page's URLs.

    Returns:
        One `Evidence` per source that found something.

    Example:
        >>> doc = lxml.html.fromstring('<script type="application/ld+json">'
        ...     '{"@type": "BlogPosting", "headline": "Hi &amp; bye"}</script>')
        >>> [(e.source, e.posts[0].title) for e in read(doc, Context())]
        [('jsonld', 'Hi & bye')]
    """
    nodes, warnings = jsonld_nodes(doc)
    found = [
        _evidence("jsonld", nodes, context, warnings),
        _evidence("microdata", microdata_nodes(doc, context), context, []),
    ]
    return tuple(e for e in found if e is not None)
