"""The plan of a static site: which pages a blog has, where each goes, and in what order.

Everything `diploblog.site` needs to know before writing a page: the posts newest
first and in time (for previous and next links), the year and month archives in
the blog's time zone, the tag cloud and each tag's posts, and every page's path
(`diploblog.html._paths` makes them safe and unique).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from diploblog._model import Blog, Post, Tag
from diploblog.archive import Group, by_month, by_year
from diploblog.archive._order import post_date, tie_key
from diploblog.html._paths import Names, relative, segment, url_name
from diploblog.tags import tag_cloud

__all__ = ["STANDALONE", "Plan", "month_name", "page_path"]

# WordPress's pages and attachments stand alone: not on listings, in archives or feeds.
STANDALONE = frozenset({"page", "attachment"})
"""The post kinds that get a page of their own but no place in the blog's stream."""
_MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July"),
    *("August", "September", "October", "November", "December"),
)


def page_path(folder: str, number: int) -> str:
    """The path of page `number` of the listing in `folder`.

    Example:
        >>> page_path("", 1), page_path("tags/tea/", 3)
        ('index.html', 'tags/tea/page/3/index.html')
    """
    return f"{folder}index.html" if number == 1 else f"{folder}page/{number}/index.html"


def month_name(group: Group) -> str:
    """A month archive's name as people read it.

    Example:
        >>> import datetime as dt
        >>> month_name(Group(key=(2010, 7), label="2010-07", start=dt.date(2010, 7, 1),
        ...                  end=dt.date(2010, 7, 31), posts=()))
        'July 2010'
    """
    return f"{_MONTHS[group.key[1] - 1]} {group.key[0]:04d}"


def _chronological(posts: Iterable[Post]) -> list[Post]:
    # The order of archive.neighbours: by date, ties by id, URL, title; undated left out.
    dated = sorted((p for p in posts if post_date(p) is not None), key=tie_key)
    return sorted(dated, key=lambda p: post_date(p) or _dt.datetime.min)


def _newest_first(chronology: list[Post]) -> list[Post]:
    # Newest first, and posts at the same moment by id, URL, title, as archive.by_year.
    dated = sorted(chronology, key=tie_key)
    return sorted(dated, key=lambda p: post_date(p) or _dt.datetime.min, reverse=True)


def _post_name(post: Post) -> str:
    candidates = (segment(post.slug), url_name(post.url), segment(post.title), url_name(post.id))
    return next((name for name in candidates if name), "")


class Plan:
    """Which pages a blog's site has, where they go, and the orders posts are shown in.

    The blog's stream is its posts of every kind but `STANDALONE` ones (WordPress's
    pages and attachments), which get a page under ``pages/`` and nothing more.
    Posts are known by identity (the same `Post` object given twice is one page).

    Example:
        >>> import datetime as dt
        >>> tea = Post(title="Tea", published=dt.datetime(2010, 7, 20, tzinfo=dt.timezone.utc),
        ...            tags=[Tag(term="Drinks")])
        >>> about = Post(title="About", kind="page")
        >>> plan = Plan(Blog(posts=[tea, Post(title="Tea"), about]), tz=None)
        >>> plan.post_path(tea), plan.tag_path(Tag(term="drinks")), plan.post_path(about)
        ('2010/07/tea/index.html', 'tags/drinks/index.html', 'pages/about/index.html')
        >>> [p.title for p in plan.newest_first], plan.neighbours(tea)
        (['Tea', 'Tea'], (None, None))
    """

    def __init__(self, blog: Blog, *, tz: _dt.tzinfo | None) -> None:
        self.stream = [post for post in blog.posts if post.kind not in STANDALONE]
        self.standalone = [post for post in blog.posts if post.kind in STANDALONE]
        self.years = by_year(self.stream, tz=tz)
        self.months = by_month(self.stream, tz=tz)
        self.chronology = _chronological(self.stream)
        self.newest_first = [*_newest_first(self.chronology), *self.years.undated]
        self.cloud = tag_cloud(self.stream, limit=0)
        self.tagged: dict[Tag, list[Post]] = {w.tag: [] for w in self.cloud}
        for post in self.newest_first:
            for tag in dict.fromkeys(post.tags):
                self.tagged[tag].append(post)
        self._place = {id(post): n for n, post in enumerate(self.chronology)}
        self._post_paths = self._posts(tz)
        names = Names(fallback="tag")
        self._tag_paths = {
            w.tag: f"tags/{names.take('tags', segment(w.tag.slug))}/index.html" for w in self.cloud
        }

    def _posts(self, tz: _dt.tzinfo | None) -> dict[int, str]:
        # Oldest first, so that of two posts of a month with one name the first keeps it.
        names = Names(reserved={"page"})  # page/N/ holds the month's later pages
        filed = [
            (f"{group.key[0]:04d}/{group.key[1]:02d}", post)
            for group in by_month(self.stream, tz=tz, newest_first=False)
            for post in group.posts
        ]
        filed += [("posts", post) for post in self.years.undated]
        filed += [("pages", post) for post in self.standalone]
        paths: dict[int, str] = {}
        for folder, post in filed:
            if id(post) not in paths:
                paths[id(post)] = f"{folder}/{names.take(folder, _post_name(post))}/index.html"
        return paths

    def post_path(self, post: Post) -> str:
        """The path of a post's page."""
        return self._post_paths[id(post)]

    def tag_path(self, tag: Tag) -> str:
        """The path of a tag's (first) page."""
        return self._tag_paths[tag]

    def tag_paths(self, path: str, tags: Iterable[Tag]) -> dict[Tag, str]:
        """Relative links from the page at `path` to the pages of `tags`."""
        prefix = relative(path, "")
        return {tag: prefix + self._tag_paths[tag] for tag in tags if tag in self._tag_paths}

    def neighbours(self, post: Post) -> tuple[Post | None, Post | None]:
        """The older and the newer post, as `diploblog.archive.neighbours` gives them."""
        place = self._place.get(id(post))
        if place is None:
            return None, None
        older = self.chronology[place - 1] if place > 0 else None
        newer = self.chronology[place + 1] if place + 1 < len(self.chronology) else None
        return older, newer
