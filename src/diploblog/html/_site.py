"""`site`: a whole blog as the pages of a static site (relative path -> document).

The site holds, for a blog with posts in 2010 tagged "tea"::

    index.html, page/2/index.html, ...     the posts, newest first, paginated
    2010/07/<name>/index.html              one page per post (``posts/<name>/`` if undated)
    2010/index.html, 2010/07/index.html    year and month archives, paginated
    archives/index.html                    every year and month, with counts
    tags/index.html                        the tag cloud
    tags/tea/index.html                    one page per tag, paginated
    pages/<name>/index.html                WordPress's pages and attachments
    feed.xml                               the Atom feed of all the blog's posts

Links between pages are relative (to ``index.html`` files, so the folder reads
the same from a web server and from the disk); canonical links are absolute
under `base_url`. `diploblog.html._plan` decides which pages there are, their
order and their paths (made safe by `diploblog.html._paths`);
`diploblog.html._pages` writes each page's content with the `to_html` markup
(``h-entry``, ``h-feed``, sanitised content); the layout
(`diploblog.html._layout`) puts the document around it.
"""

from __future__ import annotations

import datetime as _dt
import urllib.parse

import attrs

from diploblog._errors import DiploblogError
from diploblog._model import Blog, Link
from diploblog.atom import to_atom
from diploblog.html._layout import Layout, PageContext, default_layout
from diploblog.html._pages import FEED, Pages
from diploblog.html._plan import Plan

__all__ = ["SiteError", "site"]


class SiteError(DiploblogError):
    """The arguments given to `site` cannot make a site.

    Example:
        >>> try:
        ...     site(Blog(), base_url="example.org")
        ... except SiteError as e:
        ...     print(e.where)
        site(base_url=...)
    """


def _base(base_url: object) -> str:
    parts = urllib.parse.urlsplit(base_url) if isinstance(base_url, str) else None
    if parts is None or parts.scheme not in {"http", "https"} or not parts.hostname:
        msg = f"base_url must be an absolute http(s) address, got {base_url!r}"
        raise SiteError(msg, where="site(base_url=...)")
    if parts.query or parts.fragment or any(c.isspace() for c in str(base_url)):
        msg = f"base_url must be a plain folder address, without query or fragment: {base_url!r}"
        raise SiteError(msg, where="site(base_url=...)")
    return str(base_url) if str(base_url).endswith("/") else f"{base_url}/"


def _checked(layout: Layout) -> Layout:
    if not callable(layout):
        msg = f"layout must be a callable taking a PageContext, got {layout!r}"
        raise SiteError(msg, where="site(layout=...)")

    def write(context: PageContext) -> str:
        document = layout(context)
        if not isinstance(document, str):
            msg = f"a layout must return the document as str, got {type(document).__name__}"
            raise SiteError(msg, where=f"layout({context.path})")
        return document

    return write


def site(
    blog: Blog,
    *,
    base_url: str,
    per_page: int = 10,
    tz: _dt.tzinfo | None = None,
    layout: Layout = default_layout,
) -> dict[str, str]:
    """Lay out a whole blog as the pages of a static site, with no file I/O.

    The site has a paginated front page, a page per post (with its comments and
    links to the previous and next post), a paginated page per tag, year and
    month archives with their counts, an archive index, a tag cloud page and an
    Atom feed (``feed.xml``). Every page links to the feed and to the front page,
    archives and tags. Post pages are filed under their month (``2010/07/<name>/``,
    the name from the post's slug, else its permalink, else its title, made unique
    with ``-2``, ``-3``...), undated ones under ``posts/``; every path is safe to
    join to a folder (see `diploblog.html._paths`). WordPress's pages and
    attachments (`Post.kind` ``"page"``, ``"attachment"``) get a page under
    ``pages/``, listed on the archive index, but no place on listings, in
    archives or in the feed, as in WordPress.

    Content is sanitised as by `diploblog.to_html`, and every page reads back
    with `diploblog.parse_html`: the posts, their tags, comments and pagination
    links, the page kind, and on the tag cloud page the tags' weights.

    Args:
        blog: The blog.
        base_url: The absolute http(s) address the site will be served from; it
            makes the canonical links.
        per_page: Posts per listing page (1 or more).
        tz: The blog's time zone, which files posts under years and months;
            None files each post by the offset its date was written with.
        layout: Writes each page's document from its `PageContext`; see
            `default_layout`. What a custom layout returns is its own
            responsibility: the content it is given is sanitised.

    Returns:
        Each page's relative path (``/``-separated) and its text, in path order.

    Raises:
        SiteError: `base_url` is not an absolute http(s) address, `per_page` is
            not a whole number from 1, or a layout returned something other
            than text.

    Example:
        >>> import datetime as dt
        >>> from diploblog import Post, Tag
        >>> post = Post(title="The end of this blog", content="<p>Goodbye.</p>",
        ...             published=dt.datetime(2010, 7, 20, 9, 5, tzinfo=dt.timezone.utc),
        ...             tags=[Tag(term="Digital diplomacy")])
        >>> pages = site(Blog(title="Global conversations", posts=[post]),
        ...              base_url="https://example.org/archive/")
        >>> list(pages)  # doctest: +NORMALIZE_WHITESPACE
        ['2010/07/index.html', '2010/07/the-end-of-this-blog/index.html', '2010/index.html',
         'archives/index.html', 'feed.xml', 'index.html', 'tags/digital-diplomacy/index.html',
         'tags/index.html']
        >>> from diploblog import parse_html
        >>> page = parse_html(pages["2010/07/the-end-of-this-blog/index.html"])
        >>> page.kind, page.posts[0].title, page.posts[0].tags[0].term
        ('post', 'The end of this blog', 'Digital diplomacy')
    """
    base = _base(base_url)
    if isinstance(per_page, bool) or not isinstance(per_page, int) or per_page < 1:
        msg = f"per_page must be a whole number from 1, got {per_page!r}"
        raise SiteError(msg, where="site(per_page=...)")
    run = Pages(blog, base, per_page, Plan(blog, tz=tz), _checked(layout))
    for post in [*run.plan.newest_first, *run.plan.standalone]:
        if run.plan.post_path(post) not in run.pages:
            run.post_page(post)
    run.listings()
    run.archives()
    run.tags()
    feed_link = Link(url=base + FEED, rel="self", type="application/atom+xml")
    stream = attrs.evolve(blog, feeds=(feed_link,), posts=run.plan.stream)
    run.pages[FEED] = to_atom(stream).decode("utf-8")
    return dict(sorted(run.pages.items()))
