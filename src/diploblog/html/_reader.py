"""`parse_html`: read a blog page by merging the evidence of independent layers.

Each layer (`_mf2`, `_jsonld`, `_meta`; see `diploblog.html._evidence.Evidence` for
the type they return) reports partial posts labelled with a *source*. The reader
groups the partial posts that describe the same post, then fills each field of the
post from the best source that has a value for it.

Sources, best first (the default order for every field):

=============  ================================================================
source         what it is
=============  ================================================================
``mf2``        microformats2 ``h-entry`` (``p-name``, ``dt-published``, ``p-author h-card``)
``hatom``      classic hAtom ``hentry`` (``entry-title``, ``published``, ``author vcard``)
``roller``     Apache Roller ``entryBox`` entries, comments, pager (`_roller`)
``engine``     WordPress, Blogger, Movable Type/TypePad, Drupal markup and comments
               (`_engines`; content cleaned by `_clean`)
``time``       the page's visible ``<time pubdate>`` / only ``<article>``'s ``<time>``
``microdata``  schema.org ``itemscope`` items
``jsonld``     schema.org JSON-LD (``@graph``, ``mainEntity``, ``@id`` references)
``opengraph``  ``og:*`` and ``article:*`` meta properties
``dublincore`` ``DC.*`` / ``dcterms.*`` meta names
``fallback``   any engine, by structure (`_fallback`): the block with the most
               paragraph text, the heading above it, the byline by the heading, tag
               links, repeated comment blocks after it; also the page kind
``meta``       ``<title>``, ``<meta name=description|author|date>``, canonical link
``sidebar``    profile box, blog title/description, tag cloud, featured, recent
               comments, from any engine (`_sidebar`; its profile completes authors)
=============  ================================================================

The ``fallback`` source ranks below every source that names its fields in markup
(microformats, engines, schema.org, head tags); it outranks only the page's
``<title>`` and ``<meta name>`` guesses and the sidebar's profile, so a visible
heading beats a ``<title>`` carrying the site's name, and a byline beats a site-wide
``<meta name=author>``. It describes the page (`Evidence.describes_page`), so it fills
what the page's single post lacks and makes a post only where it saw a byline date.

Before the layers run, `_capture` undoes a web archive's changes (banners, scripts,
rewritten URLs) and sets `Page.capture`; the layers see the page as the blog served it.
Page kind, tag cloud, recent comments and featured lists come from the first layer
that reports them (a Roller ``/tags/`` address makes a ``"tag"`` page).

Field by field:

================  ==============================================================
field             precedence and rules
================  ==============================================================
published         mf2 > hatom > time > microdata > jsonld > opengraph
                  (``article:published_time``) > dublincore > fallback > meta. A
                  modified date never fills ``published``: layers put them in
                  ``updated`` only. A date a source shows only to the month or year
                  (`Evidence.coarse_dates`: ``<time datetime="2010-07">``, "July
                  2010") yields to a fuller date of any source, whatever its rank.
updated           the default order (``time`` carries no updated date)
title             mf2 ``p-name`` > hatom ``entry-title`` > microdata > JSON-LD
                  ``headline`` > ``og:title`` > ``DC.title`` > fallback heading >
                  ``<title>``; ``og:title``, ``DC.title`` and ``<title>`` have the
                  site name (and its separator) stripped; a post a source knows to
                  have no name (`Evidence.nameless`: an mf2 ``h-entry`` with
                  properties but no ``p-name``) takes none of those three
authors           the default order: an author named in the post (h-card in the
                  entry, JSON-LD ``author``) beats the site-wide ``<meta name=author>``;
                  the winner's authors are completed (URL, avatar, ...) from the
                  same-named authors of other sources
url               mf2 > hatom > microdata > jsonld > canonical link (meta) >
                  ``og:url`` > dublincore; a single post with none gets the page URL
everything else   the default order; lists (tags, comments) come whole from the
                  best source that has any, never concatenated across sources
================  ==============================================================

Grouping: partial posts from *different* sources are the same post when their URLs
agree (ignoring scheme, ``www.``, fragment and trailing slash) or their titles do
(ignoring case and spacing). When the page has a single post and another source
reports a single post with no conflicting URL, they are the same post. Page-level
sources (head tags, `Evidence.describes_page`) are folded into the page's single
post; with no post found, they make one only when a source saw a sign of an article
(``og:type=article``, a published date); on a page with several posts they join
only the post whose URL they name.

Page kind: the first kind a source recognised (Roller addresses; the fallback's
body classes and address shapes: ``"tag"``, ``"archive"``, ``"listing"``), else
``"post"`` for one post, ``"listing"`` for several, ``"other"`` for none.
The blog comes from the same sources: h-feed, JSON-LD ``WebSite``/``Blog``,
``og:site_name``, ``application-name`` and the ``rel="home"`` link, feed links.

A new layer is a module with ``read(doc, context) -> tuple[Evidence, ...]`` added to
`_LAYERS`, and its source labels placed in `_ORDER` (and `_FIELD_ORDER` where a
field needs another order).
"""

from __future__ import annotations

import datetime as _dt
import re
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs
import lxml.html

from diploblog._model import Author, Blog, Page, Post, ReadWarning
from diploblog._urls import is_usable
from diploblog.html import (
    _capture,
    _decode,
    _engines,
    _fallback,
    _jsonld,
    _meta,
    _mf2,
    _roller,
    _sidebar,
)
from diploblog.html._evidence import Context, Evidence

__all__ = ["parse_html"]

Layer = Callable[[lxml.html.HtmlElement, Context], tuple[Evidence, ...]]

_LAYERS: tuple[Layer, ...] = (
    *(_mf2.read, _jsonld.read, _meta.read, _roller.read, _sidebar.read),
    _engines.read,
    _fallback.read,
)
_ORDER = (
    *("mf2", "hatom", "roller", "engine", "time", "microdata", "jsonld"),
    *("opengraph", "dublincore", "fallback", "meta", "sidebar"),
)
_FIELD_ORDER: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"url": ("mf2", "hatom", "microdata", "jsonld", "meta", "opengraph", "dublincore")}
)
_BLOG_ORDER = (
    *("mf2", "hatom", "roller", "sidebar", "jsonld", "microdata"),
    *("opengraph", "dublincore", "meta"),
)
_HEAD_SOURCES = frozenset({"opengraph", "dublincore", "meta"})
_SEPARATORS = (
    *(
        f" {s} "
        for s in ["|", "-", "\u2013", "\u2014", "::", "\u00bb", "\u00ab", "\u203a", "\u00b7"]
    ),
    " / ",
    ": ",
)
_SPACE = re.compile(r"\s+")


def _rank(source: str, order: Sequence[str]) -> int:
    return order.index(source) if source in order else len(order)


def _url_key(url: str | None) -> str | None:
    if not url:
        return None
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return f"{host}{path}?{parts.query}" if parts.query else f"{host}{path}"


def _title_key(title: str | None) -> str | None:
    return _SPACE.sub(" ", title).strip().casefold() if title else None


@attrs.define
class _Group:
    """The partial posts that describe one post, with the source of each."""

    members: list[tuple[str, Post]] = attrs.Factory(list)
    sources: set[str] = attrs.Factory(set)
    urls: set[str] = attrs.Factory(set)
    titles: set[str] = attrs.Factory(set)
    # For each member, its date fields shown only to the month or year.
    coarse: list[frozenset[str]] = attrs.Factory(list)
    nameless: bool = False

    def add(
        self,
        source: str,
        post: Post,
        coarse: frozenset[str] = frozenset(),
        *,
        nameless: bool = False,
    ) -> None:
        self.members.append((source, post))
        self.coarse.append(coarse)
        self.nameless = self.nameless or nameless
        self.sources.add(source)
        if url := _url_key(post.url):
            self.urls.add(url)
        if title := _title_key(post.title):
            self.titles.add(title)

    def conflicts(self, post: Post) -> bool:
        key = _url_key(post.url)
        return key is not None and bool(self.urls) and key not in self.urls


@attrs.define
class _Groups:
    """The groups found so far, indexed by URL and title so grouping stays linear."""

    groups: list[_Group] = attrs.Factory(list)
    by_url: dict[str, _Group] = attrs.Factory(dict)
    by_title: dict[str, list[_Group]] = attrs.Factory(dict)

    def matching(self, source: str, post: Post) -> _Group | None:
        url, title = _url_key(post.url), _title_key(post.title)
        if url is not None and url in self.by_url:
            return self.by_url[url]
        # Two posts of one source with one title are two posts (a listing may repeat one).
        for group in self.by_title.get(title or "", ()):
            if source not in group.sources and not group.conflicts(post):
                return group
        return None

    def add(
        self,
        group: _Group | None,
        source: str,
        post: Post,
        coarse: frozenset[str] = frozenset(),
        *,
        nameless: bool = False,
    ) -> None:
        if group is None:
            group = _Group()
            self.groups.append(group)
        group.add(source, post, coarse, nameless=nameless)
        for url in group.urls:
            self.by_url.setdefault(url, group)
        for title in group.titles:
            if group not in self.by_title.setdefault(title, []):
                self.by_title[title].append(group)


def _distinct(posts: Sequence[Post]) -> int:
    return len({_url_key(post.url) or str(index) for index, post in enumerate(posts)})


def _group(evidence: Sequence[Evidence]) -> list[_Group]:
    found = _Groups()
    located = sorted(
        (e for e in evidence if not e.describes_page), key=lambda e: _rank(e.source, _ORDER)
    )
    for layer in located:
        single = _distinct(layer.posts) == 1
        nameless = set(layer.nameless)
        for index, post in enumerate(layer.posts):
            group = found.matching(layer.source, post)
            if group is None and single and len(found.groups) == 1:
                only = found.groups[0]
                if layer.source not in only.sources and not only.conflicts(post):
                    group = only
            found.add(group, layer.source, post, layer.coarse(index), nameless=index in nameless)
    _fold_page_level([e for e in evidence if e.describes_page], found)
    return found.groups


def _fold_page_level(evidence: Sequence[Evidence], found: _Groups) -> None:
    page = [(e.source, post, e.coarse(i)) for e in evidence for i, post in enumerate(e.posts)]
    groups = found.groups
    if len(groups) == 1:
        for source, post, coarse in page:
            if not groups[0].conflicts(post):
                groups[0].add(source, post, coarse)
    elif not groups and any(e.article for e in evidence):
        for source, post, coarse in page:
            found.add(groups[0] if groups else None, source, post, coarse)
    else:
        for source, post, coarse in page:
            target = found.by_url.get(_url_key(post.url) or "")
            if target is not None:
                target.add(source, post, coarse)


def _letters(text: str) -> str:
    return "".join(filter(str.isalnum, text.casefold()))


def _is_site(part: str, sites: Sequence[str]) -> bool:
    # "MODEPILOT.de" names the site "Modepilot"; names of 3 letters or fewer never match.
    letters = _letters(part)
    return bool(letters) and any(
        len(name) > 3 and (letters == name or letters.startswith(name) or name.startswith(letters))
        for name in map(_letters, sites)
    )


def _strip_site(title: str | None, sites: Sequence[str]) -> str | None:
    if title is None or not sites:
        return title
    if _letters(title) in {_letters(site) for site in sites}:
        return None
    for separator in _SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and _is_site(tail, sites):
            return head.strip()
        head, found, tail = title.partition(separator)
        if found and tail.strip() and _is_site(head, sites):
            return tail.strip()
    return title


def _filled(value: Any) -> bool:
    return value is not None and value != () and value != ""


def _ranked(members: Sequence[tuple[str, Any]], order: Sequence[str]) -> list[tuple[str, Any]]:
    return sorted(members, key=lambda m: _rank(m[0], order))


def _first_filled(ranked: Sequence[tuple[str, Any]], field: str) -> Any:
    for _, partial in ranked:
        value = getattr(partial, field)
        if _filled(value):
            return value
    return None


def _pick(members: Sequence[tuple[str, Any]], field: str, order: Sequence[str]) -> Any:
    return _first_filled(_ranked(members, order), field)


def _named_authors(members: Sequence[tuple[str, Post]]) -> tuple[Author, ...]:
    # A profile URL alone (article:author) yields to a source that names the author;
    # a single URL is kept on a single named author.
    ranked = sorted(members, key=lambda m: _rank(m[0], _ORDER))
    lists = [post.authors for _, post in ranked if post.authors]
    named = next((a for a in lists if any(author.name for author in a)), None)
    if named is None:
        return lists[0] if lists else ()
    unnamed = next((a for a in lists if not any(author.name for author in a)), ())
    if len(named) == 1 and len(unnamed) == 1 and named[0].url is None:
        return (attrs.evolve(named[0], url=unnamed[0].url),)
    return named


def _same_name(one: Author, other: Author) -> bool:
    return bool(one.name and other.name and one.name.casefold() == other.name.casefold())


def _complete_authors(
    chosen: tuple[Author, ...], members: Sequence[tuple[str, Post]]
) -> tuple[Author, ...]:
    others = [a for _, post in members for a in post.authors if a.name]
    completed: list[Author] = []
    for author in chosen:
        if any(_same_name(author, done) for done in completed):
            continue
        same = [a for a in others if _same_name(author, a)]
        changes = {
            f: next((getattr(a, f) for a in same if getattr(a, f)), None)
            for f in ("url", "email", "role", "location", "avatar")
            if getattr(author, f) is None
        }
        completed.append(attrs.evolve(author, **{k: v for k, v in changes.items() if v}))
    return tuple(completed)


def _precise(chosen: _dt.datetime | None, found: Sequence[_dt.datetime | None]) -> Any:
    # A visible "20 July 2010" wins over a head's 2010-07-20T14:05+01:00, but only its day.
    if chosen is None or chosen.timetz() != _dt.time(0, tzinfo=chosen.tzinfo):
        return chosen
    same_day = (d for d in found if d is not None and d != chosen and d.date() == chosen.date())
    return next(same_day, chosen)


def _full_dates(
    members: Sequence[tuple[str, Post]], coarse: Sequence[frozenset[str]], field: str
) -> list[tuple[str, Post]]:
    """The members to pick a date from: those showing it in full, when any does."""
    full = [m for m, partial in zip(members, coarse, strict=True) if field not in partial]
    return full if any(getattr(post, field) is not None for _, post in full) else list(members)


def _merge(group: _Group, sites: Sequence[str]) -> Post:
    # The page's own title names its post only when no source knows the post has none.
    members = [
        (s, attrs.evolve(p, title=None if group.nameless else _strip_site(p.title, sites)))
        if s in _HEAD_SOURCES
        else (s, p)
        for s, p in group.members
    ]
    values: dict[str, Any] = {}
    # Sorted once per order, not once per field (the sort is stable: same winners).
    ranked = {order: _ranked(members, order) for order in {_ORDER, *_FIELD_ORDER.values()}}
    for field in attrs.fields(Post):
        order = _FIELD_ORDER.get(field.name, _ORDER)
        if field.name in ("published", "updated"):
            usable = _full_dates(members, group.coarse, field.name)
            value = _pick(usable, field.name, order)
        else:
            value = _first_filled(ranked[order], field.name)
        if value is not None:
            values[field.name] = value
    values["authors"] = _complete_authors(_named_authors(members), members)
    for name in ("published", "updated"):
        values[name] = _precise(values.get(name), [getattr(p, name) for _, p in members])
    return Post(**values)


def _merge_blog(evidence: Sequence[Evidence], kind: str) -> Blog | None:
    members = [(e.source, e.blog) for e in evidence if e.blog is not None]
    values: dict[str, Any] = {}
    for field in attrs.fields(Blog):
        usable = members
        if field.name == "description" and kind == "post":
            # On a post page the meta description describes the post, not the blog.
            usable = [(s, b) for s, b in members if s not in _HEAD_SOURCES]
        value = _pick(usable, field.name, _BLOG_ORDER)
        if value is not None:
            values[field.name] = value
    if "title" not in values and kind == "listing":
        # A front page's <title> is the blog's.
        titles = (p.title for e in evidence if e.source == "meta" for p in e.posts)
        values["title"] = next(titles, None)
    blog = Blog(**values)
    return None if blog == Blog() else blog


def _site_names(evidence: Sequence[Evidence]) -> list[str]:
    names = [e.blog.title for e in evidence if e.blog is not None and e.blog.title]
    return sorted(set(names), key=len, reverse=True)


def _context(doc: lxml.html.HtmlElement, url: str | None) -> Context:
    page = Context(url=url, base=url)
    base = next((b.get("href") for b in doc.iter("base") if b.get("href")), None)
    return Context(url=url, base=page.resolve(base) or url) if base else page


def _unique(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))


def parse_html(data: bytes | str, *, url: str | None = None, encoding: str | None = None) -> Page:
    """Read a saved blog page: its posts, their authors, dates, tags and comments.

    Evidence from microformats (h-entry, hAtom), schema.org (JSON-LD, microdata) and
    the page head (Open Graph, Dublin Core, ``<title>``, ``<meta>``) is merged by the
    precedence documented in this module. Zoneless dates are read as UTC, with a
    warning on the page.

    Args:
        data: The page as bytes (its encoding is found from a BOM, a declaration or
            the bytes themselves) or as text.
        url: The address the page was saved from; relative links resolve against it
            (and the page's ``<base href>``).
        encoding: The charset the page was served with (the ``charset`` of its HTTP
            ``Content-Type`` header, e.g. from a WARC record): as in browsers it beats
            the page's ``<meta charset>``, but not a byte-order mark. An unknown or
            wrong one is reported as a warning and the encoding detected instead.

    Returns:
        The `Page`: kind ``"post"``, ``"listing"`` or ``"other"`` (a page with no blog
        post on it has no posts).

    Raises:
        ParseError: The input is empty or no HTML document can be built from it.
        UnsupportedFormatError: The input is not HTML (binary data, JSON, a feed).

    Example:
        >>> page = parse_html(b'<article class="h-entry"><h1 class="p-name">Hi</h1>'
        ...     b'<time class="dt-published" datetime="2010-07-20T10:00Z">20 July</time>'
        ...     b'</article>', url="https://example.org/hi")
        >>> page.kind, page.posts[0].title, page.posts[0].published.year, page.posts[0].url
        ('post', 'Hi', 2010, 'https://example.org/hi')
    """
    doc, decoding = _decode.parse(data, encoding=encoding)
    capture = _capture.unwrap(doc, url)
    if capture is not None:
        url = capture.original_url
    if url is not None and not is_usable(url):  # "http://[x/": no URL function takes it
        note = f"the page address {url!r} is not a usable URL; links are not resolved"
        decoding = (*decoding, ReadWarning(message=note, where="url"))
        url = None
    context = _context(doc, url)
    evidence = [found for layer in _LAYERS for found in layer(doc, context)]
    sites = _site_names(evidence)
    posts = [_merge(group, sites) for group in _group(evidence)]
    kind = "post" if len(posts) == 1 else "listing" if posts else "other"
    if kind == "post" and posts[0].url is None and url is not None:
        posts[0] = attrs.evolve(posts[0], url=url)
    page_url = url or next(
        (p.url for e in evidence if e.source in {"meta", "opengraph"} for p in e.posts if p.url),
        None,
    )
    warnings: list[ReadWarning] = [*decoding, *(w for e in evidence for w in e.warnings)]
    return Page(
        url=page_url,
        kind=next((e.kind for e in evidence if e.kind), kind),
        capture=capture,
        tag_cloud=next((e.tag_cloud for e in evidence if e.tag_cloud), ()),
        recent_comments=next((e.recent_comments for e in evidence if e.recent_comments), ()),
        featured=next((e.featured for e in evidence if e.featured), ()),
        blog=_merge_blog(evidence, kind),
        posts=posts,
        links=_unique(link for e in evidence for link in e.links),
        warnings=_unique(warnings),
    )
