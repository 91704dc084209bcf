"""`site`: a whole blog as the pages of a static site (relative path -> document).

The site holds, for a blog with posts in 2010 tagged "tea"::

    index.html, page/2/index.html, ...     the posts, newest first, paginated
    2010/07/<name>/index.html              one page per post (``posts/<name>/`` if undated)
    2010/index.html, 2010/07/index.html    year and month archives, paginated
    archives/index.html                    every year and month, with counts
    tags/index.html                        the tag cloud
    tags/tea/index.html                    one page per tag, paginated
    feed.xml                               the Atom feed of the whole blog

Links between pages are relative (to ``index.html`` files, so the folder reads
the same from a web server and from the disk); canonical links are absolute
under `base_url`. Paths come from `diploblog.html._paths`, page content from the
`to_html` markup (``h-entry``, ``h-feed``, sanitised content), and the document
around it from the layout (`diploblog.html._layout`).
"""

from __future__ import annotations

import datetime as _dt
import urllib.parse
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import lxml.etree
import lxml.html

from diploblog._errors import DiploblogError
from diploblog._model import Blog, Link, Post, Tag, WeightedTag
from diploblog.archive import Group, Paged, by_month, by_year, paginate
from diploblog.archive._order import post_date, tie_key
from diploblog.atom import to_atom
from diploblog.html._layout import Layout, NavLink, PageContext, default_layout
from diploblog.html._paths import Names, relative, segment, url_name
from diploblog.html._writer import _add, _author, _entry, _json_ld, _posting
from diploblog.tags import tag_cloud

__all__ = ["SiteError", "site"]

_MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July"),
    *("August", "September", "October", "November", "December"),
)
_FEED = "feed.xml"
# Where a listing's entries go: the last thing in its h-feed, so the last such mark (a
# title can hold the same text, in an attribute lxml does not escape, but only before).
_ENTRIES = "<!--diploblog:entries-->"


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


def _count(number: int) -> str:
    return f"{number} post" if number == 1 else f"{number} posts"


def _chronological(posts: Iterable[Post]) -> list[Post]:
    # The order of archive.neighbours: by date, ties by id, URL, title; undated left out.
    dated = sorted((p for p in posts if post_date(p) is not None), key=tie_key)
    return sorted(dated, key=lambda p: post_date(p) or _dt.datetime.min)


def _children(wrapper: lxml.html.HtmlElement) -> str:
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in wrapper)


def _collection(name: str, url: str, **more: Any) -> str:
    return _json_ld(
        {"@context": "https://schema.org", "@type": "CollectionPage", "name": name, "url": url}
        | more
    )


@attrs.frozen
class _Listing:
    """A paginated list of posts: where it lives and what it says about itself."""

    view: str
    folder: str  # "", "tags/tea/", "2010/07/"
    heading: str
    posts: tuple[Post, ...]
    json_ld: dict[str, Any] = attrs.Factory(dict)
    tag: Tag | None = None
    period: Group | None = None
    intro: tuple[tuple[str, str, int], ...] = ()  # (target path, text, count) links


class _Site:
    """One run of `site`: the paths of every page, and the pages written so far."""

    def __init__(
        self, blog: Blog, base: str, per_page: int, tz: _dt.tzinfo | None, layout: Layout
    ) -> None:
        self.blog, self.base, self.per_page, self.tz, self.layout = blog, base, per_page, tz, layout
        self.pages: dict[str, str] = {}
        self.entry_markup: dict[tuple[int, str], str] = {}
        self.years = by_year(blog.posts, tz=tz)
        self.months = by_month(blog.posts, tz=tz)
        chronology = _chronological(blog.posts)
        self.newest_first = [*_newest_first(chronology), *self.years.undated]
        self.place = {id(p): n for n, p in enumerate(chronology)}
        self.chronology = chronology
        self.post_paths = self._post_paths()
        self.cloud = tag_cloud(blog.posts, limit=0)
        self.tagged: dict[Tag, list[Post]] = {w.tag: [] for w in self.cloud}
        for post in self.newest_first:
            for tag in dict.fromkeys(post.tags):
                self.tagged[tag].append(post)
        names = Names(fallback="tag")
        self.tag_paths = {
            w.tag: f"tags/{names.take('tags', segment(w.tag.slug))}/index.html" for w in self.cloud
        }

    def _post_paths(self) -> dict[int, str]:
        names = Names(reserved={"page"})
        paths: dict[int, str] = {}
        filed = [
            (f"{group.key[0]:04d}/{group.key[1]:02d}", post)
            for group in by_month(self.blog.posts, tz=self.tz, newest_first=False)
            for post in group.posts
        ]
        for folder, post in [*filed, *(("posts", post) for post in self.years.undated)]:
            if id(post) not in paths:
                name = names.take(folder, _post_name(post))
                paths[id(post)] = f"{folder}/{name}/index.html"
        return paths

    # --- Page furniture -----------------------------------------------------------

    def canonical(self, path: str) -> str:
        return self.base + path.removesuffix("index.html")

    def context(self, path: str, **fields: Any) -> PageContext:
        current = {"index.html": "home", "archives/index.html": "archives"}
        current["tags/index.html"] = "tags"
        navigation = tuple(
            NavLink(href=relative(path, target), text=text, current=path == target)
            for target, text in (
                ("index.html", "Home"),
                ("archives/index.html", "Archives"),
                ("tags/index.html", "Tags"),
            )
        )
        fields.setdefault("language", self.blog.language)
        return PageContext(
            path=path,
            blog=self.blog,
            canonical=self.canonical(path),
            root=relative(path, "index.html").removesuffix("index.html"),
            feed=relative(path, _FEED),
            navigation=navigation,
            **fields,
        )

    def write(self, context: PageContext) -> None:
        document = self.layout(context)
        if not isinstance(document, str):
            msg = f"a layout must return the document as str, got {type(document).__name__}"
            raise SiteError(msg, where=f"layout({context.path})")
        self.pages[context.path] = document

    def title(self, heading: str) -> str:
        return " | ".join(t for t in (heading, self.blog.title) if t) or "Untitled"

    def entry(self, path: str, post: Post) -> str:
        # A post's entry is the same on every listing page at one depth: made once.
        prefix = relative(path, "")
        key = (id(post), prefix)
        if key not in self.entry_markup:
            wrapper = lxml.html.Element("div")
            tags = {t: prefix + self.tag_paths[t] for t in post.tags if t in self.tag_paths}
            link = prefix + self.post_paths[id(post)]
            _entry(wrapper, post, heading="h2", comments=False, link=link, tag_pages=tags)
            self.entry_markup[key] = _children(wrapper)
        return self.entry_markup[key]

    # --- Pages --------------------------------------------------------------------

    def post_page(self, post: Post) -> None:
        path = self.post_paths[id(post)]
        wrapper = lxml.html.Element("div")
        tags = {t: relative(path, self.tag_paths[t]) for t in post.tags if t in self.tag_paths}
        _entry(wrapper, post, heading="h1", comments=True, tag_pages=tags)
        pager: list[NavLink] = []
        place = self.place.get(id(post))
        if place is not None:
            older = self.chronology[place - 1] if place > 0 else None
            newer = self.chronology[place + 1] if place + 1 < len(self.chronology) else None
            for other, rel, text in ((older, "prev", "\u00ab {}"), (newer, "next", "{} \u00bb")):
                if other is not None:
                    label = text.format(other.title or "Untitled post")
                    href = relative(path, self.post_paths[id(other)])
                    pager.append(NavLink(href=href, text=label, rel=rel))
        self.write(
            self.context(
                path,
                view="post",
                kind="post",
                title=self.title(post.title or ""),
                posts=(post,),
                main=_children(wrapper),
                pager=tuple(pager),
                json_ld=_json_ld(_posting(post)),
                language=post.language or self.blog.language,
            )
        )

    def listing(self, listing: _Listing) -> None:
        kind = "tag" if listing.view == "tag" else "archive" if listing.period else "listing"
        for paged in paginate(listing.posts, self.per_page):
            path = _page_path(listing.folder, paged.number)
            wrapper = lxml.html.Element("div")
            feed = _add(wrapper, "section", class_="h-feed")
            _add(feed, "data", class_="p-name", value=self.blog.title or "")
            if self.blog.url:
                _add(feed, "data", class_="u-url", value=self.blog.url)
            header = _add(feed, "header")
            _add(header, "h1", listing.heading)
            if listing.view == "home":
                if self.blog.description:
                    _add(header, "p", self.blog.description, class_="p-summary")
                for author in self.blog.authors:
                    _author(header, author)
            else:
                _add(header, "p", _count(len(listing.posts)), class_="count")
            if listing.intro:
                items = _add(header, "ul", class_="periods")
                for target, text, number in listing.intro:
                    item = _add(items, "li")
                    _add(item, "a", text, href=relative(path, target)).tail = f" ({number})"
            if not listing.posts:
                _add(feed, "p", "No posts.")
            feed.append(lxml.etree.Comment(_ENTRIES[4:-3]))
            title = (
                listing.heading if paged.number == 1 else f"{listing.heading}, page {paged.number}"
            )
            self.write(
                self.context(
                    path,
                    view=listing.view,
                    kind=kind,
                    title=self.title(title) if listing.view != "home" else title,
                    posts=paged.items,
                    main=_fill(
                        _children(wrapper), "".join(self.entry(path, p) for p in paged.items)
                    ),
                    pager=_pager(path, listing.folder, paged),
                    json_ld=_collection(title, self.canonical(path), **listing.json_ld),
                    pagination=paged,
                    tag=listing.tag,
                    period=listing.period,
                )
            )

    def archives(self) -> None:
        path = "archives/index.html"
        wrapper = lxml.html.Element("div")
        _add(wrapper, "h1", "Archives")
        years = _add(wrapper, "ul", class_="archives")
        for year in self.years:
            item = _add(years, "li")
            label = f"{year.key[0]:04d}"
            _add(
                item, "a", label, href=relative(path, f"{label}/index.html")
            ).tail = f" ({year.count})"
            months = _add(item, "ul")
            for month in self.months:
                if month.key[0] == year.key[0]:
                    target = f"{label}/{month.key[1]:02d}/index.html"
                    text = _month_name(month)
                    _add(
                        _add(months, "li"), "a", text, href=relative(path, target)
                    ).tail = f" ({month.count})"
        if self.years.undated:
            _add(wrapper, "h2", "Undated posts")
            undated = _add(wrapper, "ul", class_="undated")
            for post in self.years.undated:
                href = relative(path, self.post_paths[id(post)])
                _add(_add(undated, "li"), "a", post.title or "Untitled post", href=href)
        if not self.years.groups and not self.years.undated:
            _add(wrapper, "p", "No posts.")
        coverage = (
            {"temporalCoverage": f"{self.years[-1].label}/{self.years[0].label}"}
            if self.years.groups
            else {}
        )
        self.write(
            self.context(
                path,
                view="archives",
                kind="archive" if coverage else "other",
                title=self.title("Archives"),
                main=_children(wrapper),
                json_ld=_collection("Archives", self.canonical(path), **coverage)
                if coverage
                else None,
            )
        )

    def tags(self) -> None:
        path = "tags/index.html"
        wrapper = lxml.html.Element("div")
        _add(wrapper, "h1", "Tags")
        cloud = _add(wrapper, "p", class_="tag-cloud")
        for weighted in self.cloud:
            _cloud_link(cloud, weighted, relative(path, self.tag_paths[weighted.tag]))
        if not self.cloud:
            cloud.text = "No tags."
        self.write(
            self.context(
                path, view="tags", kind="other", title=self.title("Tags"), main=_children(wrapper)
            )
        )


def _fill(markup: str, entries: str) -> str:
    before, _, after = markup.rpartition(_ENTRIES)
    return before + entries + after


def _newest_first(chronology: Sequence[Post]) -> list[Post]:
    # Newest first, and posts at the same moment by id, URL, title, as archive.by_year.
    dated = sorted(chronology, key=tie_key)
    return sorted(dated, key=lambda p: post_date(p) or _dt.datetime.min, reverse=True)


def _post_name(post: Post) -> str:
    candidates = (segment(post.slug), url_name(post.url), segment(post.title), url_name(post.id))
    return next((name for name in candidates if name), "")


def _page_path(folder: str, number: int) -> str:
    return f"{folder}index.html" if number == 1 else f"{folder}page/{number}/index.html"


def _month_name(group: Group) -> str:
    return f"{_MONTHS[group.key[1] - 1]} {group.key[0]:04d}"


def _pager(path: str, folder: str, paged: Paged[Post]) -> tuple[NavLink, ...]:
    if paged.num_pages == 1:
        return ()
    links = []
    if paged.previous_number is not None:
        href = relative(path, _page_path(folder, paged.previous_number))
        links.append(NavLink(href=href, text="\u00ab Newer posts", rel="prev"))
    for number in paged.page_range:
        href = relative(path, _page_path(folder, number))
        links.append(NavLink(href=href, text=str(number), current=number == paged.number))
    if paged.next_number is not None:
        href = relative(path, _page_path(folder, paged.next_number))
        links.append(NavLink(href=href, text="Older posts \u00bb", rel="next"))
    return tuple(links)


def _cloud_link(parent: lxml.html.HtmlElement, weighted: WeightedTag, href: str) -> None:
    # The size is written as an inline font size, which the sidebar reader turns back
    # into the same weight (diploblog.tags.weights_from_sizes); the count as a title.
    size = f"font-size: {round(weighted.size or 0.0, 3):g}{weighted.unit or 'pt'}"
    title = _count(weighted.count) if weighted.count is not None else None
    _add(parent, "a", weighted.tag.display, href=href, style=size, title=title).tail = " "


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
    join to a folder (see `diploblog.html._paths`).

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
    if not callable(layout):
        msg = f"layout must be a callable taking a PageContext, got {layout!r}"
        raise SiteError(msg, where="site(layout=...)")
    run = _Site(blog, base, per_page, tz, layout)
    for post in run.newest_first:
        if run.post_paths[id(post)] not in run.pages:
            run.post_page(post)
    home = blog.title or "Posts"
    run.listing(_Listing("home", "", home, tuple(run.newest_first)))
    for year in run.years:
        months = tuple(
            (f"{m.key[0]:04d}/{m.key[1]:02d}/index.html", _month_name(m), m.count)
            for m in run.months
            if m.key[0] == year.key[0]
        )
        coverage = {"temporalCoverage": year.label}
        run.listing(
            _Listing("year", f"{year.label}/", year.label, year.posts, coverage, None, year, months)
        )
    for month in run.months:
        folder = f"{month.key[0]:04d}/{month.key[1]:02d}/"
        coverage = {"temporalCoverage": month.label}
        run.listing(
            _Listing("month", folder, _month_name(month), month.posts, coverage, None, month)
        )
    for weighted in run.cloud:
        tag = weighted.tag
        tagged = tuple(run.tagged[tag])
        term = {"about": {"@type": "DefinedTerm", "name": tag.display}}
        folder = run.tag_paths[tag].removesuffix("index.html")
        run.listing(_Listing("tag", folder, f"Tag: {tag.display}", tagged, term, tag))
    run.archives()
    run.tags()
    feed_link = Link(url=base + _FEED, rel="self", type="application/atom+xml")
    run.pages[_FEED] = to_atom(attrs.evolve(blog, feeds=(feed_link,))).decode("utf-8")
    return dict(sorted(run.pages.items()))
