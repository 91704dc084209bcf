"""Date archives: posts grouped by year, month, day or ISO week."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator

import attrs

from diploblog._model import Post
from diploblog.archive._order import post_date, tie_key

__all__ = ["Archive", "Group", "by_day", "by_month", "by_week", "by_year"]

_Key = tuple[int, ...]


@attrs.frozen(kw_only=True)
class Group:
    """One period of a date archive and the posts filed in it.

    `key` is ``(year,)``, ``(year, month)``, ``(year, month, day)`` or, for ISO weeks,
    ``(iso_year, iso_week)``. `label` is the key as text ("2010", "2010-07",
    "2010-07-31", "2010-W29"). `start` and `end` are the first and the last day of
    the period (both included), as dates in the zone the grouping used.

    Example:
        >>> import datetime as dt
        >>> g = Group(key=(2010, 7), label="2010-07", start=dt.date(2010, 7, 1),
        ...           end=dt.date(2010, 7, 31), posts=())
        >>> g.count
        0
    """

    key: _Key
    label: str
    start: _dt.date
    end: _dt.date
    posts: tuple[Post, ...]

    @property
    def count(self) -> int:
        """How many posts the period holds.

        Example:
            >>> import datetime as dt
            >>> day = dt.date(2010, 7, 20)
            >>> Group(key=(2010, 7, 20), label="2010-07-20", start=day, end=day,
            ...       posts=(Post(title="a"), Post(title="b"))).count
            2
        """
        return len(self.posts)


@attrs.frozen(kw_only=True)
class Archive:
    """A date archive: its periods in order, and the posts that have no date.

    Iterating, `len` and indexing go over `groups`. Posts with neither `published`
    nor `updated` cannot be filed under a period; they are kept in `undated` (in the
    order given) so that nothing is lost.

    Example:
        >>> archive = Archive(groups=(), undated=(Post(title="When?"),))
        >>> len(archive), archive.undated[0].title
        (0, 'When?')
    """

    groups: tuple[Group, ...]
    undated: tuple[Post, ...]

    def __iter__(self) -> Iterator[Group]:
        return iter(self.groups)

    def __len__(self) -> int:
        return len(self.groups)

    def __getitem__(self, index: int) -> Group:
        return self.groups[index]


def _local(when: _dt.datetime, tz: _dt.tzinfo | None) -> _dt.datetime:
    return when if tz is None else when.astimezone(tz)


def _year(day: _dt.date) -> tuple[_Key, str, _dt.date, _dt.date]:
    return (day.year,), f"{day.year:04d}", _dt.date(day.year, 1, 1), _dt.date(day.year, 12, 31)


def _month(day: _dt.date) -> tuple[_Key, str, _dt.date, _dt.date]:
    start = _dt.date(day.year, day.month, 1)
    following = _dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    label = f"{day.year:04d}-{day.month:02d}"
    return (day.year, day.month), label, start, following - _dt.timedelta(days=1)


def _day(day: _dt.date) -> tuple[_Key, str, _dt.date, _dt.date]:
    return (day.year, day.month, day.day), day.isoformat(), day, day


def _week(day: _dt.date) -> tuple[_Key, str, _dt.date, _dt.date]:
    year, week, _ = day.isocalendar()
    monday = _dt.date.fromisocalendar(year, week, 1)
    return (year, week), f"{year:04d}-W{week:02d}", monday, monday + _dt.timedelta(days=6)


_Period = Callable[[_dt.date], tuple[_Key, str, _dt.date, _dt.date]]


def _group(
    posts: Iterable[Post], period: _Period, tz: _dt.tzinfo | None, newest_first: bool
) -> Archive:
    dated: list[tuple[_dt.datetime, Post]] = []
    undated: list[Post] = []
    for post in posts:
        when = post_date(post)
        if when is None:
            undated.append(post)
        else:
            dated.append((when, post))
    dated.sort(key=lambda pair: tie_key(pair[1]))
    dated.sort(key=lambda pair: pair[0], reverse=newest_first)
    buckets: dict[_Key, tuple[str, _dt.date, _dt.date, list[Post]]] = {}
    keys: dict[_dt.date, _Key] = {}  # Many posts share a day: work out its period once.
    for when, post in dated:
        day = _local(when, tz).date()
        key = keys.get(day)
        if key is None:
            key, label, start, end = period(day)
            keys[day] = key
            if key not in buckets:
                buckets[key] = (label, start, end, [])
        buckets[key][3].append(post)
    groups = [
        Group(key=key, label=label, start=start, end=end, posts=tuple(members))
        for key, (label, start, end, members) in buckets.items()
    ]
    groups.sort(key=lambda group: group.key, reverse=newest_first)
    return Archive(groups=tuple(groups), undated=tuple(undated))


def by_year(
    posts: Iterable[Post], *, tz: _dt.tzinfo | None = None, newest_first: bool = True
) -> Archive:
    """Group posts by calendar year, as a blog's yearly archive pages do.

    A post is filed by `published`, or `updated` when it has no `published`; posts
    with neither go to `Archive.undated`. The calendar is the one of `tz` (the
    blog's own zone, such as ``zoneinfo.ZoneInfo("Europe/London")``); without `tz`
    each post's date is read in the offset it was written with, so a post written
    ``2010-12-31T23:30:00-05:00`` is filed under 2010 whatever UTC says.

    Args:
        posts: The posts, in any order.
        tz: The zone whose calendar files the posts, or None for each post's own offset.
        newest_first: Periods, and posts within each period, newest first (the
            default) or, when False, oldest first. Posts at the same moment are
            ordered by id, then URL, then title.

    Returns:
        The `Archive`: its groups in order, and the undated posts.

    Example:
        >>> import datetime as dt
        >>> utc = dt.timezone.utc
        >>> posts = [Post(title="a", published=dt.datetime(2009, 5, 1, tzinfo=utc)),
        ...          Post(title="b", published=dt.datetime(2010, 7, 20, tzinfo=utc)),
        ...          Post(title="c", published=dt.datetime(2010, 1, 2, tzinfo=utc))]
        >>> [(g.label, g.count) for g in by_year(posts)]
        [('2010', 2), ('2009', 1)]
    """
    return _group(posts, _year, tz, newest_first)


def by_month(
    posts: Iterable[Post], *, tz: _dt.tzinfo | None = None, newest_first: bool = True
) -> Archive:
    """Group posts by calendar month, as ``/date/201007`` archive pages do.

    Filing, zones and order work as in `by_year`: a post at 23:30 on 31 July in
    London (22:30 UTC) belongs to July with ``tz=ZoneInfo("Europe/London")``, and
    one at 23:30 UTC that day (00:30 on 1 August in London) to August.

    Args:
        posts: The posts, in any order.
        tz: The zone whose calendar files the posts, or None for each post's own offset.
        newest_first: Newest period and post first (default), or oldest first.

    Returns:
        The `Archive`, with keys ``(year, month)``.

    Example:
        >>> import datetime as dt
        >>> from zoneinfo import ZoneInfo
        >>> late = Post(title="late",
        ...             published=dt.datetime(2010, 7, 31, 23, 30, tzinfo=dt.timezone.utc))
        >>> by_month([late])[0].key, by_month([late], tz=ZoneInfo("Europe/London"))[0].key
        ((2010, 7), (2010, 8))
    """
    return _group(posts, _month, tz, newest_first)


def by_day(
    posts: Iterable[Post], *, tz: _dt.tzinfo | None = None, newest_first: bool = True
) -> Archive:
    """Group posts by calendar day, as ``/date/20100720`` archive pages do.

    Filing, zones and order work as in `by_year`.

    Args:
        posts: The posts, in any order.
        tz: The zone whose calendar files the posts, or None for each post's own offset.
        newest_first: Newest period and post first (default), or oldest first.

    Returns:
        The `Archive`, with keys ``(year, month, day)``.

    Example:
        >>> import datetime as dt
        >>> nz = dt.timezone(dt.timedelta(hours=13))
        >>> party = Post(title="New Year", published=dt.datetime(2011, 1, 1, 0, 30, tzinfo=nz))
        >>> by_day([party])[0].label, by_day([party], tz=dt.timezone.utc)[0].label
        ('2011-01-01', '2010-12-31')
    """
    return _group(posts, _day, tz, newest_first)


def by_week(
    posts: Iterable[Post], *, tz: _dt.tzinfo | None = None, newest_first: bool = True
) -> Archive:
    """Group posts by ISO 8601 week (Monday to Sunday, week 1 holds the first Thursday).

    Keys are ``(iso_year, iso_week)``, which near New Year differ from the calendar
    year: 1 January 2010 is in week 53 of 2009. Filing, zones and order work as in
    `by_year`.

    Args:
        posts: The posts, in any order.
        tz: The zone whose calendar files the posts, or None for each post's own offset.
        newest_first: Newest period and post first (default), or oldest first.

    Returns:
        The `Archive`, with keys ``(iso_year, iso_week)``.

    Example:
        >>> import datetime as dt
        >>> post = Post(title="a", published=dt.datetime(2010, 1, 1, tzinfo=dt.timezone.utc))
        >>> g = by_week([post])[0]
        >>> g.label, g.start.isoformat(), g.end.isoformat()
        ('2009-W53', '2009-12-28', '2010-01-03')
    """
    return _group(posts, _week, tz, newest_first)
