"""The page layout of a static site, and the hook that lets callers replace it.

`diploblog.site` builds each page's content (the ``h-entry`` of a post, the
``h-feed`` of a listing, a tag cloud, an archive list) itself, sanitised, and
hands it with everything else the page needs to a *layout*: any callable that
takes a `PageContext` and returns the whole HTML document. `default_layout` is
the one used when the caller gives none; a custom layout can wrap it (to add a
stylesheet, analytics-free footer, a banner) or replace it entirely.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

import attrs
import lxml.etree
import lxml.html

from diploblog._model import Blog, Link, Post, Tag
from diploblog.archive import Group, Paged
from diploblog.html._writer import _add, _document, _serialise

__all__ = ["Layout", "NavLink", "PageContext", "default_layout"]

_SITE_STYLE = """
nav.site ul,nav.pager{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem}
nav.site{font-size:.95rem}nav.pager{margin:2rem 0;border-top:1px solid #ddd;padding-top:1rem}
[aria-current]{font-weight:bold}.tag-cloud{line-height:2.2}.tag-cloud a{margin-right:.6rem}
ul.archives ul{margin-bottom:.5rem}
""".strip()
# Marks where the content goes. The last one is ours: a title can hold the same text
# in an attribute (lxml does not escape "<" there), but only before <main>; what the
# layout writes after it (pager, footer) has no attribute a blog or post can fill.
_MAIN = "diploblog:main"
_VIEWS = frozenset({"home", "post", "tag", "tags", "year", "month", "archives"})


@attrs.frozen(kw_only=True)
class NavLink:
    """A link a layout shows: site navigation, pagination, previous and next post.

    `href` is relative to the page; `rel` is ``"prev"``, ``"next"`` or ``"home"``
    where one applies (and then written as the link's ``rel``); `current` marks
    the link to the page itself.

    Example:
        >>> NavLink(href="../index.html", text="Home", rel="home").rel
        'home'
    """

    href: str
    text: str
    rel: str | None = None
    current: bool = False


@attrs.frozen(kw_only=True)
class PageContext:
    """Everything a layout needs to write one page of a static site.

    Attributes:
        path: Where the page goes in the site, such as ``"2010/07/tea/index.html"``.
        view: What the page shows: ``"home"`` (the front page and its later
            pages), ``"post"``, ``"tag"``, ``"tags"`` (the tag cloud), ``"year"``,
            ``"month"`` or ``"archives"`` (the archive index).
        kind: The `diploblog.Page.kind` `diploblog.parse_html` reads the page as.
        title: The document title.
        blog: The blog (its title, language, authors, rights, ...).
        posts: The posts the page shows, in order.
        main: The page's content as HTML, already sanitised: put it in the page as
            it is.
        canonical: The page's absolute address under the site's base URL.
        root: The relative link to the site's root folder (``""``, ``"../"``, ...).
        feed: The relative link to the site's Atom feed.
        navigation: The site-wide links: home, archives, tags.
        pager: Pagination links of a listing, or the previous and next post.
        json_ld: Schema.org JSON-LD for the page, safe to put inside a
            ``<script type="application/ld+json">`` element as it is.
        language: The page's language, for ``<html lang>``.
        pagination: The page of a paginated listing, or None.
        tag: The tag of a tag page, or None.
        period: The year or month of an archive page, or None.

    Example:
        >>> ctx = PageContext(path="index.html", view="home", kind="listing", title="Blog",
        ...     blog=Blog(title="Blog"), main="<p>No posts yet.</p>",
        ...     canonical="https://example.org/", feed="feed.xml")
        >>> ctx.root, ctx.posts
        ('', ())
    """

    path: str
    view: str = attrs.field(validator=attrs.validators.in_(_VIEWS))
    kind: str
    title: str
    blog: Blog
    posts: tuple[Post, ...] = ()
    main: str
    canonical: str
    root: str = ""
    feed: str
    navigation: tuple[NavLink, ...] = ()
    pager: tuple[NavLink, ...] = ()
    json_ld: str | None = None
    language: str | None = None
    pagination: Paged[Post] | None = None
    tag: Tag | None = None
    period: Group | None = None


Layout: TypeAlias = Callable[[PageContext], str]
"""A page layout: takes a `PageContext`, returns the complete HTML document."""


def _links(parent: lxml.html.HtmlElement, links: tuple[NavLink, ...]) -> None:
    for link in links:
        if link.current:
            _add(parent, "span", link.text, aria_current="page").tail = " "
        else:
            _add(parent, "a", link.text, href=link.href, rel=link.rel).tail = " "


def default_layout(context: PageContext) -> str:
    """The layout `diploblog.site` uses unless given another.

    A plain, readable page that needs no JavaScript: the blog's name and the
    site navigation in a header, the content, then the pager, and a footer with
    the feed link and the blog's rights statement. The head has the canonical
    link, the Atom feed link, the JSON-LD and a small inline stylesheet.

    Args:
        context: The page to write.

    Returns:
        The HTML5 document.

    Example:
        >>> ctx = PageContext(path="index.html", view="home", kind="listing", title="Blog",
        ...     blog=Blog(title="Blog"), main="<p>No posts yet.</p>",
        ...     canonical="https://example.org/", feed="feed.xml",
        ...     navigation=(NavLink(href="index.html", text="Home", current=True),))
        >>> page = default_layout(ctx)
        >>> '<link rel="canonical" href="https://example.org/">' in page
        True
        >>> '<main><p>No posts yet.</p></main>' in page
        True
    """
    feed = Link(
        url=context.feed,
        rel="alternate",
        type="application/atom+xml",
        title=f"{context.blog.title or 'Posts'} (Atom)",
    )
    root, body = _document(context.title, context.language, context.canonical, [feed])
    head = root[0]
    for style in head.iter("style"):
        style.text = f"{style.text}\n{_SITE_STYLE}"
    if context.json_ld:
        script = _add(head, "script", type="application/ld+json")
        script.text = context.json_ld
    header = _add(body, "header", class_="site")
    name = context.blog.title or context.blog.url or "Home"
    _add(header, "a", name, rel="home", href=f"{context.root}index.html")
    if context.navigation:
        items = _add(_add(header, "nav", class_="site", aria_label="Site"), "ul")
        for link in context.navigation:
            _links(_add(items, "li"), (link,))
    # The content is already sanitised markup: it goes in as it is, not parsed again.
    _add(body, "main").append(lxml.etree.Comment(_MAIN))
    if context.pager:
        _links(_add(body, "nav", class_="pager", aria_label="Pages"), context.pager)
    footer = _add(body, "footer")
    _add(footer, "a", "Atom feed", href=context.feed, type="application/atom+xml").tail = " "
    if context.blog.rights:
        _add(footer, "span", context.blog.rights, class_="rights")
    before, _, after = _serialise(root).rpartition(f"<!--{_MAIN}-->")
    return before + context.main + after
