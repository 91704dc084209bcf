"""Pagination with Django's Paginator semantics (orphans, empty first page, 1-based indexes)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar, overload

import attrs

from diploblog._errors import DiploblogError

__all__ = ["Paged", "Pagination", "paginate"]

T = TypeVar("T")


def _whole(value: object, what: str, smallest: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{what} must be a whole number, got {value!r}"
        raise DiploblogError(msg, where=f"paginate({what}=...)")
    if value < smallest:
        msg = f"{what} must be at least {smallest}, got {value}"
        raise DiploblogError(msg, where=f"paginate({what}=...)")
    return value


@attrs.frozen(kw_only=True)
class Paged(Generic[T]):
    """One page of a `Pagination`: its number, its items and where it sits.

    Mirrors Django's ``Page``: `number` is 1-based; `start_index` and `end_index`
    are the 1-based positions of the first and last item in the whole list (both 0
    for the single empty page of an empty list). `next_number` and
    `previous_number` are None where Django would raise.

    Example:
        >>> page = paginate(list("abcde"), 2, page=2)
        >>> page.items, page.start_index, page.end_index, page.next_number
        (('c', 'd'), 3, 4, 3)
    """

    number: int
    items: tuple[T, ...]
    per_page: int
    count: int
    num_pages: int

    @property
    def has_next(self) -> bool:
        """Whether a later page exists.

        Example:
            >>> paginate([1, 2, 3], 2, page=1).has_next
            True
        """
        return self.number < self.num_pages

    @property
    def has_previous(self) -> bool:
        """Whether an earlier page exists.

        Example:
            >>> paginate([1, 2, 3], 2, page=1).has_previous
            False
        """
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        """Whether there is any other page.

        Example:
            >>> paginate([1, 2, 3], 5, page=1).has_other_pages
            False
        """
        return self.has_next or self.has_previous

    @property
    def next_number(self) -> int | None:
        """The next page's number, or None on the last page.

        Example:
            >>> paginate([1, 2, 3], 2, page=2).next_number is None
            True
        """
        return self.number + 1 if self.has_next else None

    @property
    def previous_number(self) -> int | None:
        """The previous page's number, or None on the first page.

        Example:
            >>> paginate([1, 2, 3], 2, page=2).previous_number
            1
        """
        return self.number - 1 if self.has_previous else None

    @property
    def start_index(self) -> int:
        """The 1-based position of this page's first item in the whole list (0 if empty).

        Example:
            >>> paginate(list(range(23)), 10, page=3).start_index
            21
        """
        if self.count == 0:
            return 0
        return self.per_page * (self.number - 1) + 1

    @property
    def end_index(self) -> int:
        """The 1-based position of this page's last item in the whole list (0 if empty).

        Example:
            >>> paginate(list(range(23)), 10, orphans=3, page=2).end_index
            23
        """
        if self.number == self.num_pages:
            return self.count
        return self.number * self.per_page

    @property
    def page_range(self) -> range:
        """All page numbers, 1 to `num_pages`.

        Example:
            >>> list(paginate(list(range(23)), 10, page=1).page_range)
            [1, 2, 3]
        """
        return range(1, self.num_pages + 1)


@attrs.frozen(kw_only=True)
class Pagination(Generic[T]):
    """A list cut into pages, as Django's ``Paginator`` does.

    `per_page` items a page; when the last page would hold `orphans` items or fewer
    they join the page before it. An empty list still has one (empty) page, as with
    Django's default ``allow_empty_first_page=True``. Iterating gives every `Paged`.

    Example:
        >>> pages = paginate(list(range(23)), 10, orphans=3)
        >>> pages.num_pages, [len(p.items) for p in pages]
        (2, [10, 13])
    """

    items: tuple[T, ...]
    per_page: int
    orphans: int = 0

    @property
    def count(self) -> int:
        """How many items there are in all.

        Example:
            >>> paginate("abc", 2).count
            3
        """
        return len(self.items)

    @property
    def num_pages(self) -> int:
        """How many pages there are (at least 1).

        Example:
            >>> paginate([], 10).num_pages
            1
        """
        hits = max(1, self.count - self.orphans)
        return -(-hits // self.per_page)

    @property
    def page_range(self) -> range:
        """All page numbers, 1 to `num_pages`.

        Example:
            >>> list(paginate("abcde", 2).page_range)
            [1, 2, 3]
        """
        return range(1, self.num_pages + 1)

    def page(self, number: int) -> Paged[T]:
        """The page with the given 1-based number.

        Args:
            number: The page number, from 1 to `num_pages`.

        Returns:
            The `Paged`.

        Raises:
            DiploblogError: `number` is not a whole number from 1 to `num_pages`.

        Example:
            >>> paginate("abcde", 2).page(3).items
            ('e',)
        """
        if isinstance(number, bool) or not isinstance(number, int):
            msg = f"a page number is a whole number, got {number!r}"
            raise DiploblogError(msg, where="page")
        if not 1 <= number <= self.num_pages:
            msg = f"there is no page {number}: pages run from 1 to {self.num_pages}"
            raise DiploblogError(msg, where="page")
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return Paged(
            number=number,
            items=self.items[bottom:top],
            per_page=self.per_page,
            count=self.count,
            num_pages=self.num_pages,
        )

    def __iter__(self) -> Iterator[Paged[T]]:
        return (self.page(number) for number in self.page_range)

    def __len__(self) -> int:
        return self.num_pages


@overload
def paginate(items: Iterable[T], per_page: int, *, orphans: int = 0) -> Pagination[T]: ...


@overload
def paginate(items: Iterable[T], per_page: int, *, orphans: int = 0, page: int) -> Paged[T]: ...


def paginate(
    items: Iterable[T], per_page: int, *, orphans: int = 0, page: int | None = None
) -> Pagination[T] | Paged[T]:
    """Cut items into pages the way Django's ``Paginator`` does.

    Args:
        items: The items, already in display order (e.g. newest post first).
        per_page: The most items a page holds, not counting orphans (1 or more).
        orphans: When the last page would hold this many items or fewer, they are
            added to the page before it (0 or more).
        page: When given, return only this page (1-based).

    Returns:
        The `Pagination` over all pages, or, with `page`, that one `Paged`.

    Raises:
        DiploblogError: `per_page` is below 1, `orphans` is negative, or `page` is
            out of range.

    Example:
        >>> paginate(list(range(1, 24)), 10, orphans=3, page=2).items[-1]
        23
        >>> paginate([], 10, page=1).items
        ()
    """
    pagination = Pagination(
        items=tuple(items),
        per_page=_whole(per_page, "per_page", 1),
        orphans=_whole(orphans, "orphans", 0),
    )
    return pagination if page is None else pagination.page(page)
