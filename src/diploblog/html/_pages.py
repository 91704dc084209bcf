"""The pages of a static site: what each kind of page shows, handed to the layout.

A post page is the post's ``h-entry`` with its comments and links to its
neighbours in time; a listing (front page, year, month, tag) is an ``h-feed``
of entries, paginated, with a JSON-LD ``CollectionPage`` that tells
`diploblog.parse_html` its kind; the archive index lists years and months with
their counts; the tag cloud page writes each tag's size. The markup is
`diploblog.html._writer`'s, so content is sanitised the same way.
"""

from __future__ import annotations

from typing import Any

import attrs
import lxml.etree
import lxml.html

from diploblog._model import Blog, Post, Tag, WeightedTag
from diploblog.archive import Group, Paged, paginate
from diploblog.html._layout import Layout, NavLink, PageContext
from diploblog.html._paths import relative
from diploblog.html._plan import Plan, month_name, page_path
from diploblog.html._writer import _add, _author, _entry, _json_ld, _posting

__all__ = ["FEED", "Pages"]

FEED = "feed.xml"
"""The path of the site's Atom feed."""
_NAVIGATION = (
    ("index.html", "Home"),
    ("archives/index.html", "Archives"),
    ("tags/index.html", "Tags"),
)
# Where a listing's entries go: the last thing in its h-feed, so the last such mark (a
# title can hold the same text, in an attribute lxml does not escape, but only before).
_ENTRIES = "<!--diploblog:entries-->"


def _count(number: int) -> str:
    return f"{number} post" if number == 1 else f"{number} posts"


def _children(wrapper: lxml.html.HtmlElement) -> str:
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in wrapper)


def _fill(markup: str, entries: str) -> str:
    before, _, after = markup.rpartition(_ENTRIES)
    return before + entries + after


def _collection(name: str, url: str, **more: Any) -> str:
    return _json_ld(
        {"@context": "https://schema.org", "@type": "CollectionPage", "name": name, "url": url}
        | more
    )


def _pager(path: str, folder: str, paged: Paged[Post]) -> tuple[NavLink, ...]:
    if paged.num_pages == 1:
        return ()
    links = []
    if paged.previous_number is not None:
        href = relative(path, page_path(folder, paged.previous_number))
        links.append(NavLink(href=href, text="\u00ab Newer posts", rel="prev"))
    for number in paged.page_range:
        href = relative(path, page_path(folder, number))
        links.append(NavLink(href=href, text=str(number), current=number == paged.number))
    if paged.next_number is not None:
        href = relative(path, page_path(folder, paged.next_number))
        links.append(NavLink(href=href, text="Older posts \u00bb", rel="next"))
    return tuple(links)


def _cloud_link(parent: lxml.html.HtmlElement, weighted: WeightedTag, href: str) -> None:
    # The size is written as an inline font size, which the sidebar reader turns back
    # into the same weight (diploblog.tags.weights_from_sizes); the count as a title.
    size = f"font-size: {round(weighted.size or 0.0, 3):g}{weighted.unit or 'pt'}"
    title = _count(weighted.count) if weighted.count is not None else None
    _add(parent, "a", weighted.tag.display, href=href, style=size, title=title).tail = " "


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


class Pages:
    """The pages of one site as they are written: `pages` maps each path to its document.

    Example:
        >>> from diploblog.html._layout import default_layout
        >>> pages = Pages(Blog(title="Blog"), "https://e.org/", 10, Plan(Blog(), tz=None),
        ...               default_layout)
        >>> pages.tags()
        >>> list(pages.pages)
        ['tags/index.html']
    """

    def __init__(self, blog: Blog, base: str, per_page: int, plan: Plan, layout: Layout) -> None:
        self.blog, self.base, self.per_page, self.plan, self.layout = (
            *(blog, base, per_page),
            *(plan, layout),
        )
        self.pages: dict[str, str] = {}
        self.entry_markup: dict[tuple[int, str], str] = {}

    # --- Page furniture -----------------------------------------------------------

    def context(self, path: str, **fields: Any) -> PageContext:
        navigation = tuple(
            NavLink(href=relative(path, target), text=text, current=path == target)
            for target, text in _NAVIGATION
        )
        fields.setdefault("language", self.blog.language)
        return PageContext(
            path=path,
            blog=self.blog,
            canonical=self.base + path.removesuffix("index.html"),
            root=relative(path, ""),
            feed=relative(path, FEED),
            navigation=navigation,
            **fields,
        )

    def write(self, context: PageContext) -> None:
        self.pages[context.path] = self.layout(context)

    def title(self, heading: str) -> str:
        return " | ".join(t for t in (heading, self.blog.title) if t) or "Untitled"

    def entry(self, path: str, post: Post) -> str:
        # A post's entry is the same on every listing page at one depth: made once.
        prefix = relative(path, "")
        key = (id(post), prefix)
        if key not in self.entry_markup:
            wrapper = lxml.html.Element("div")
            link = prefix + self.plan.post_path(post)
            tags = self.plan.tag_paths(path, post.tags)
            _entry(wrapper, post, heading="h2", comments=False, link=link, tag_pages=tags)
            self.entry_markup[key] = _children(wrapper)
        return self.entry_markup[key]

    # --- Pages --------------------------------------------------------------------

    def post_page(self, post: Post) -> None:
        path = self.plan.post_path(post)
        wrapper = lxml.html.Element("div")
        tags = self.plan.tag_paths(path, post.tags)
        _entry(wrapper, post, heading="h1", comments=True, tag_pages=tags)
        pager = []
        older, newer = self.plan.neighbours(post)
        for other, rel, text in ((older, "prev", "\u00ab {}"), (newer, "next", "{} \u00bb")):
            if other is not None:
                href = relative(path, self.plan.post_path(other))
                label = text.format(other.title or "Untitled post")
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

    def listings(self) -> None:
        plan = self.plan
        self.listing(_Listing("home", "", self.blog.title or "Posts", tuple(plan.newest_first)))
        for year in plan.years:
            months = tuple(
                (f"{m.key[0]:04d}/{m.key[1]:02d}/index.html", month_name(m), m.count)
                for m in plan.months
                if m.key[0] == year.key[0]
            )
            coverage = {"temporalCoverage": year.label}
            folder = f"{year.label}/"
            self.listing(
                _Listing("year", folder, year.label, year.posts, coverage, None, year, months)
            )
        for month in plan.months:
            folder = f"{month.key[0]:04d}/{month.key[1]:02d}/"
            coverage = {"temporalCoverage": month.label}
            self.listing(
                _Listing("month", folder, month_name(month), month.posts, coverage, None, month)
            )
        for weighted in plan.cloud:
            tag = weighted.tag
            term = {"about": {"@type": "DefinedTerm", "name": tag.display}}
            folder = plan.tag_path(tag).removesuffix("index.html")
            tagged = tuple(plan.tagged[tag])
            self.listing(_Listing("tag", folder, f"Tag: {tag.display}", tagged, term, tag))

    def listing(self, listing: _Listing) -> None:
        kind = "tag" if listing.view == "tag" else "archive" if listing.period else "listing"
        for paged in paginate(listing.posts, self.per_page):
            path = page_path(listing.folder, paged.number)
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
            entries = "".join(self.entry(path, post) for post in paged.items)
            heading = listing.heading
            title = heading if paged.number == 1 else f"{heading}, page {paged.number}"
            self.write(
                self.context(
                    path,
                    view=listing.view,
                    kind=kind,
                    title=self.title(title) if listing.view != "home" else title,
                    posts=paged.items,
                    main=_fill(_children(wrapper), entries),
                    pager=_pager(path, listing.folder, paged),
                    json_ld=_collection(
                        title, self.base + path.removesuffix("index.html"), **listing.json_ld
                    ),
                    pagination=paged,
                    tag=listing.tag,
                    period=listing.period,
                )
            )

    def archives(self) -> None:
        path, years = "archives/index.html", self.plan.years
        wrapper = lxml.html.Element("div")
        _add(wrapper, "h1", "Archives")
        listed = _add(wrapper, "ul", class_="archives")
        for year in years:
            item = _add(listed, "li")
            href = relative(path, f"{year.label}/index.html")
            _add(item, "a", year.label, href=href).tail = f" ({year.count})"
            months = _add(item, "ul")
            for month in (m for m in self.plan.months if m.key[0] == year.key[0]):
                href = relative(path, f"{year.label}/{month.key[1]:02d}/index.html")
                link = _add(_add(months, "li"), "a", month_name(month), href=href)
                link.tail = f" ({month.count})"
        standalone = self.plan.standalone
        for heading, posts, class_ in (
            ("Undated posts", years.undated, "undated"),
            ("Pages", standalone, "pages"),
        ):
            if posts:
                _add(wrapper, "h2", heading)
                items = _add(wrapper, "ul", class_=class_)
                for post in posts:
                    href = relative(path, self.plan.post_path(post))
                    _add(_add(items, "li"), "a", post.title or "Untitled", href=href)
        if not years.groups and not years.undated and not standalone:
            _add(wrapper, "p", "No posts.")
        # The index covers the years from the first to the last: an ISO 8601 interval.
        coverage = f"{years[-1].label}/{years[0].label}" if years.groups else None
        self.write(
            self.context(
                path,
                view="archives",
                kind="archive" if coverage else "other",
                title=self.title("Archives"),
                main=_children(wrapper),
                json_ld=_collection("Archives", self.base + "archives/", temporalCoverage=coverage)
                if coverage
                else None,
            )
        )

    def tags(self) -> None:
        path = "tags/index.html"
        wrapper = lxml.html.Element("div")
        _add(wrapper, "h1", "Tags")
        cloud = _add(wrapper, "p", class_="tag-cloud")
        for weighted in self.plan.cloud:
            _cloud_link(cloud, weighted, relative(path, self.plan.tag_path(weighted.tag)))
        if not self.plan.cloud:
            cloud.text = "No tags."
        main = _children(wrapper)
        self.write(
            self.context(path, view="tags", kind="other", title=self.title("Tags"), main=main)
        )
