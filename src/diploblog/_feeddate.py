"""The one rule every reader applies to the dates it meets: never fail, say what was wrong."""

from __future__ import annotations

import datetime as _dt

from diploblog._errors import DateError
from diploblog.dates import parse_date

__all__ = ["read_feed_date"]


def read_feed_date(text: str) -> tuple[_dt.datetime | None, str | None]:
    """Read a date from a feed or export, with the problem to record as a warning.

    RFC 3339 requires an offset and RFC 822 a zone, but real feeds leave them out;
    such a date is read as UTC and the problem says so. An unreadable date gives
    None and the reason.

    Args:
        text: The date as written.

    Returns:
        ``(date, problem)``: the aware date or None, and a message or None.

    Example:
        >>> read_feed_date("2010-07-20 14:05")
        (datetime.datetime(2010, 7, 20, 14, 5, tzinfo=datetime.timezone.utc), "date '2010-07-20 14:05' has no time zone; read as UTC")
    """  # noqa: E501
    if not text.strip():
        return None, "empty date"
    try:
        return parse_date(text), None
    except DateError as error:
        problem = error.message
    try:
        value = parse_date(text, default_tz=_dt.timezone.utc)
    except DateError:
        return None, f"unreadable date: {problem}"
    return value, f"date {text.strip()!r} has no time zone; read as UTC"
