"""Archive utilities over model objects: date archives, pages, links, search, merging.

* `by_year`, `by_month`, `by_day`, `by_week`: date archives (`Archive` of `Group`).
* `paginate`: Django-style pagination (`Pagination` of `Paged`).
* `neighbours`, `permalink`, `roller_anchor`, `roller_permalink`: links between posts.
* `recent_comments` (`PostComment`), `related`, `search`: finding things.
* `merge`: many captured pages and feeds of a blog into one `Blog`.

Example:
    >>> import datetime as dt
    >>> from diploblog import Post
    >>> from diploblog.archive import by_month, paginate
    >>> posts = [Post(title=f"Post {n}", published=dt.datetime(2010, n, 1, tzinfo=dt.timezone.utc))
    ...          for n in range(1, 8)]
    >>> [g.label for g in by_month(posts)][:2]
    ['2010-07', '2010-06']
    >>> paginate(posts, 5).num_pages
    2
"""

from __future__ import annotations

from diploblog.archive._find import PostComment, recent_comments, related, search
from diploblog.archive._groups import Archive, Group, by_day, by_month, by_week, by_year
from diploblog.archive._links import neighbours, permalink, roller_anchor, roller_permalink
from diploblog.archive._merge import PROVENANCE, merge
from diploblog.archive._paging import Paged, Pagination, paginate

__all__ = [
    "PROVENANCE",
    "Archive",
    "Group",
    "Paged",
    "Pagination",
    "PostComment",
    "by_day",
    "by_month",
    "by_week",
    "by_year",
    "merge",
    "neighbours",
    "paginate",
    "permalink",
    "recent_comments",
    "related",
    "roller_anchor",
    "roller_permalink",
    "search",
]
