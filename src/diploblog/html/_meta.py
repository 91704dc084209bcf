"""Head evidence: ``<title>``, ``<meta>``, Open Graph, Dublin Core, ``<link>``, ``<time>``.

Sources:

- ``"opengraph"``: ``og:title``, ``og:url``, ``og:description``, ``og:type``,
  ``og:site_name``, ``article:published_time``, ``article:modified_time``,
  ``article:author``, ``article:tag`` and ``article:section``.
- ``"dublincore"``: ``DC.*`` and ``dcterms.*`` meta names (title, creator, date,
  issued, created, modified, description, subject, language).
- ``"time"``: the visible date of a single article: a ``<time pubdate>``, else the
  first ``<time datetime>`` of the page's only ``<article>`` (never one marked
  updated or modified).
- ``"meta"``: ``<title>``, ``<meta name="description|author|date">``,
  ``<link rel="canonical">``, ``<html lang>``, ``<meta name="generator">``, the
  ``rel="home"`` link, feed links (``<link rel="alternate">`` with a feed type) and
  ``rel="next"``/``rel="prev"`` pagination links.

All of these describe the page as a whole (`Evidence.describes_page`). Modified
dates only ever go to ``updated``.
"""

from __future__ import annotations

import datetime as _dt

import lxml.html

from diploblog._model import Author, Blog, Link, Post, ReadWarning
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

__all__ = ["read"]

_FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/json",
        "application/rdf+xml",
    }
)
_PAGINATION = {"next": "next", "prev": "prev", "previous": "prev"}
_DC_TITLE = ("dc.title", "dcterms.title")
_DC_CREATOR = ("dc.creator", "dcterms.creator")
_DC_PUBLISHED = (
    "dcterms.issued",
    "dc.date.issued",
    "dcterms.created",
    "dc.date.created",
    "dcterms.date",
    "dc.date",
)
_DC_MODIFIED = ("dcterms.modified", "dc.date.modified")
_DC_DESCRIPTION = ("dc.description", "dcterms.description", "dcterms.abstract")
_DC_SUBJECT = ("dc.subject", "dcterms.subject")
_DC_LANGUAGE = ("dc.language", "dcterms.language")
_META_PUBLISHED = ("date", "pubdate", "publishdate", "publish-date", "publish_date")
_UPDATED_MARKS = frozenset({"updated", "modified", "dt-updated", "date-modified"})


class _Head:
    """The page's ``<meta>`` values by lower-cased name or property, in order."""

    def __init__(self, doc: lxml.html.HtmlElement) -> None:
        self.values: dict[str, list[str]] = {}
        for meta in doc.iter("meta"):
            content = meta.get("content")
            if content is None or not content.strip():
                continue
            for key in ("property", "name", "itemprop"):
                name = (meta.get(key) or "").strip().lower()
                if name:
                    self.values.setdefault(name, []).append(content.strip())

    def first(self, *names: str) -> str | None:
        for name in names:
            if self.values.get(name):
                return self.values[name][0]
        return None

    def all(self, *names: str) -> list[str]:
        return [value for name in names for value in self.values.get(name, [])]


class _Dates:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.warnings: list[ReadWarning] = []

    def read(self, text: str | None, where: str) -> _dt.datetime | None:
        when, warning = self.ctx.date(text, where)
        if warning is not None:
            self.warnings.append(warning)
        return when


def _opengraph(head: _Head, ctx: Context) -> Evidence | None:
    dates = _Dates(ctx)
    published = head.first("article:published_time", "og:published_time")
    post = Post(
        title=text_of(head.first("og:title")),
        url=ctx.resolve(head.first("og:url")),
        published=dates.read(published, "article:published_time"),
        updated=dates.read(
            head.first("article:modified_time", "og:updated_time"), "article:modified_time"
        ),
        authors=[a for a in (_author_ref(v, ctx) for v in head.all("article:author")) if a],
        summary=paragraphs(head.first("og:description")),
        tags=[t for t in map(make_tag, head.all("article:tag", "article:section")) if t],
    )
    site = text_of(head.first("og:site_name"))
    if post == Post() and site is None:
        return None
    kind = (head.first("og:type") or "").lower()
    return Evidence(
        source="opengraph",
        posts=(post,),
        describes_page=True,
        article=kind == "article" or published is not None,
        coarse_dates=_coarse(published),
        blog=Blog(title=site) if site else None,
        warnings=tuple(dates.warnings),
    )


def _coarse(published: str | None) -> frozenset[tuple[int, str]]:
    """The page post's published date, when it is written only to the month or year."""
    return frozenset({(0, "published")}) if date_precision(published) != "day" else frozenset()


def _author_ref(value: str, ctx: Context) -> Author | None:
    # article:author is a profile URL by the spec, a name on many real pages.
    if "://" in value:
        return make_author(url=ctx.resolve(value))
    return make_author(name=value)


def _dublin_core(head: _Head, ctx: Context) -> Evidence | None:
    dates = _Dates(ctx)
    published = head.first(*_DC_PUBLISHED)
    post = Post(
        title=text_of(head.first(*_DC_TITLE)),
        published=dates.read(published, "DC date"),
        updated=dates.read(head.first(*_DC_MODIFIED), "DC modified"),
        authors=[a for a in (make_author(name=v) for v in head.all(*_DC_CREATOR)) if a],
        summary=paragraphs(head.first(*_DC_DESCRIPTION)),
        tags=[t for t in map(make_tag, head.all(*_DC_SUBJECT)) if t],
        language=language(head.first(*_DC_LANGUAGE)),
    )
    if post == Post():
        return None
    return Evidence(
        source="dublincore",
        posts=(post,),
        describes_page=True,
        article=published is not None,
        warnings=tuple(dates.warnings),
        coarse_dates=_coarse(published),
    )


def _visible_date(doc: lxml.html.HtmlElement) -> str | None:
    for time in doc.iter("time"):
        if time.get("pubdate") is not None and (time.get("datetime") or time.text):
            return str(time.get("datetime") or time.text)
    articles = list(doc.iter("article"))
    if len(articles) != 1:
        return None
    for time in articles[0].iter("time"):
        if time.get("datetime") and not set((time.get("class") or "").split()) & _UPDATED_MARKS:
            return str(time.get("datetime"))
    return None


def _time(doc: lxml.html.HtmlElement, ctx: Context) -> Evidence | None:
    dates = _Dates(ctx)
    shown = _visible_date(doc)
    published = dates.read(shown, "<time>")
    if published is None:
        return None
    return Evidence(
        source="time",
        posts=(Post(published=published),),
        describes_page=True,
        article=True,
        warnings=tuple(dates.warnings),
        coarse_dates=_coarse(shown),
    )


def _links(
    doc: lxml.html.HtmlElement, ctx: Context
) -> tuple[list[Link], list[Link], lxml.html.HtmlElement | None]:
    """The feed links, the pagination links and the first ``<a rel="home">``."""
    feeds: dict[str, Link] = {}
    pages: dict[tuple[str, str], Link] = {}
    home = None
    for element in doc.iter("a", "link", "area"):
        rel = element.get("rel")
        if not rel:
            continue
        rels = rel.lower().split()
        if home is None and element.tag == "a" and "home" in rels:
            home = element
        kind = (element.get("type") or "").split(";")[0].strip().lower()
        feed = element.tag == "link" and "alternate" in rels and kind in _FEED_TYPES
        # Most rel links (nofollow, tag, bookmark, stylesheet) are neither: leave their
        # URLs unresolved.
        if not feed and _PAGINATION.keys().isdisjoint(rels):
            continue
        url = ctx.resolve(element.get("href"))
        if url is None:
            continue
        if feed:
            title = text_of(element.get("title"))
            feeds.setdefault(url, Link(url=url, rel="alternate", title=title, type=kind))
        for rel in rels:
            if rel in _PAGINATION:
                title = text_of(element.get("title") or element.text_content())
                pages.setdefault(
                    (url, _PAGINATION[rel]), Link(url=url, rel=_PAGINATION[rel], title=title)
                )
    return list(feeds.values()), list(pages.values()), home


def _home(link: lxml.html.HtmlElement | None, ctx: Context) -> tuple[str | None, str | None]:
    if link is None:
        return None, None
    return ctx.resolve(link.get("href")), text_of(link.text_content() or link.get("title"))


def _meta(doc: lxml.html.HtmlElement, head: _Head, ctx: Context) -> Evidence:
    dates = _Dates(ctx)
    title_element = doc.find(".//title")
    title = text_of(title_element.text_content()) if title_element is not None else None
    canonical = next(
        (
            ctx.resolve(link.get("href"))
            for link in doc.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split()
        ),
        None,
    )
    published = head.first(*_META_PUBLISHED)
    post = Post(
        title=title,
        url=canonical,
        published=dates.read(published, "<meta name=date>"),
        authors=[a for a in (make_author(name=v) for v in head.all("author")) if a],
        summary=paragraphs(head.first("description")),
    )
    feeds, pages, home = _links(doc, ctx)
    home_url, home_title = _home(home, ctx)
    blog = Blog(
        title=text_of(head.first("application-name")) or home_title,
        url=home_url,
        description=text_of(head.first("description")),
        language=language(doc.get("lang") or doc.get("xml:lang") or head.first("language")),
        generator=text_of(head.first("generator")),
        feeds=feeds,
        authors=post.authors,
    )
    return Evidence(
        source="meta",
        posts=(post,) if post != Post() else (),
        describes_page=True,
        article=published is not None,
        blog=blog,
        links=tuple(pages),
        warnings=tuple(dates.warnings),
    )


def read(doc: lxml.html.HtmlElement, context: Context) -> tuple[Evidence, ...]:
    """Read what a page's head (and its ``<time>``) says, as page-level evidence.

    Args:
        doc: The parsed page.
        context: The page's URLs.

    Returns:
        One `Evidence` per source that found something.

    Example:
        >>> doc = lxml.html.fromstring('<title>Hi | Blog</title>'
        ...     '<meta property="og:site_name" content="Blog">')
        >>> [(e.source, e.blog.title) for e in read(doc, Context())]
        [('opengraph', 'Blog'), ('meta', None)]
    """
    head = _Head(doc)
    found = [_opengraph(head, context), _dublin_core(head, context), _time(doc, context)]
    return (*[e for e in found if e is not None], _meta(doc, head, context))
