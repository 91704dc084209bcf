"""Tests for diploblog.dates: parse_date, format_rfc3339 and format_rfc822."""

from __future__ import annotations

import contextlib
import time
import types
import warnings
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diploblog import dates
from diploblog._errors import DateError
from diploblog.dates import format_rfc822, format_rfc3339, parse_date

UTC = timezone.utc


def tz(hours: int, minutes: int = 0) -> timezone:
    sign = -1 if hours < 0 else 1
    return timezone(sign * timedelta(hours=abs(hours), minutes=minutes))


def same(result: datetime, expected: datetime) -> bool:
    return result == expected and result.utcoffset() == expected.utcoffset()


# Text that writes its own zone: (text, expected).
ZONED = [
    # RFC 822 / 1123 / 2822 / 5322
    ("Tue, 20 Jul 2010 14:05:00 +0100", datetime(2010, 7, 20, 14, 5, tzinfo=tz(1))),
    ("Tue, 20 Jul 2010 14:05:00 GMT", datetime(2010, 7, 20, 14, 5, tzinfo=UTC)),
    ("Tue, 20 Jul 2010 14:05:00 UT", datetime(2010, 7, 20, 14, 5, tzinfo=UTC)),
    ("Tue, 20 Jul 2010 14:05:00 UTC", datetime(2010, 7, 20, 14, 5, tzinfo=UTC)),
    ("Tue, 20 Jul 2010 14:05:00 Z", datetime(2010, 7, 20, 14, 5, tzinfo=UTC)),
    ("Tue, 20 Jul 2010 14:05:00 -0000", datetime(2010, 7, 20, 14, 5, tzinfo=UTC)),
    ("Tue, 20 Jul 2010 14:05:00 -0500", datetime(2010, 7, 20, 14, 5, tzinfo=tz(-5))),
    ("Tue, 20 Jul 2010 14:05:00 +0530", datetime(2010, 7, 20, 14, 5, tzinfo=tz(5, 30))),
    ("Tue, 20 Jul 2010 14:05:00 BST", datetime(2010, 7, 20, 14, 5, tzinfo=tz(1))),
    ("Tue, 20 Jul 2010 14:05:00 CET", datetime(2010, 7, 20, 14, 5, tzinfo=tz(1))),
    ("Tue, 20 Jul 2010 14:05:00 CEST", datetime(2010, 7, 20, 14, 5, tzinfo=tz(2))),
    ("Mon, 15 Feb 2010 09:00:00 EST", datetime(2010, 2, 15, 9, tzinfo=tz(-5))),
    ("Tue, 20 Jul 2010 14:05:00 EDT", datetime(2010, 7, 20, 14, 5, tzinfo=tz(-4))),
    ("Mon, 15 Feb 2010 09:00:00 CST", datetime(2010, 2, 15, 9, tzinfo=tz(-6))),
    ("Tue, 20 Jul 2010 14:05:00 CDT", datetime(2010, 7, 20, 14, 5, tzinfo=tz(-5))),
    ("Mon, 15 Feb 2010 09:00:00 MST", datetime(2010, 2, 15, 9, tzinfo=tz(-7))),
    ("Tue, 20 Jul 2010 14:05:00 MDT", datetime(2010, 7, 20, 14, 5, tzinfo=tz(-6))),
    ("Mon, 15 Feb 2010 09:00:00 PST", datetime(2010, 2, 15, 9, tzinfo=tz(-8))),
    ("Tue, 20 Jul 2010 14:05:00 PDT", datetime(2010, 7, 20, 14, 5, tzinfo=tz(-7))),
    ("20 Jul 2010 14:05:00 +0100", datetime(2010, 7, 20, 14, 5, tzinfo=tz(1))),
    ("Tue, 20 Jul 2010 14:05 +0100", datetime(2010, 7, 20, 14, 5, tzinfo=tz(1))),
    ("Tues, 20 Jul 2010 14:05:00 GMT", datetime(2010, 7, 20, 14, 5, tzinfo=UTC)),
    ("Tue,  20  Jul  2010   14:05:00  +0100 ", datetime(2010, 7, 20, 14, 5, tzinfo=tz(1))),
    ("Tue, 20 jul 2010 14:05:00 gmt", datetime(2010, 7, 20, 14, 5, tzinfo=UTC)),
    ("Tue, 20 Jul 2010 14:05:00 +0000 (UTC)", datetime(2010, 7, 20, 14, 5, tzinfo=UTC)),
    ("Tue,20 Jul 2010 14:05:00 +0200", datetime(2010, 7, 20, 14, 5, tzinfo=tz(2))),
    ("Tue, 20 Jul 10 14:05:00 GMT", datetime(2010, 7, 20, 14, 5, tzinfo=UTC)),
    ("Sun, 06 Nov 94 08:49:37 GMT", datetime(1994, 11, 6, 8, 49, 37, tzinfo=UTC)),
    ("Sunday, 06-Nov-94 08:49:37 GMT", datetime(1994, 11, 6, 8, 49, 37, tzinfo=UTC)),
    ("Sun, 06 Nov 049 08:49:37 GMT", datetime(1949, 11, 6, 8, 49, 37, tzinfo=UTC)),
    ("Tue, 20 July 2010 14:05:00 +0100", datetime(2010, 7, 20, 14, 5, tzinfo=tz(1))),
    # RFC 3339 / W3C-DTF / ISO 8601
    ("2010-07-20T14:05:00+01:00", datetime(2010, 7, 20, 14, 5, tzinfo=tz(1))),
    ("2010-07-20T14:05:00Z", datetime(2010, 7, 20, 14, 5, tzinfo=UTC)),
    ("2010-07-20t14:05:00z", datetime(2010, 7, 20, 14, 5, tzinfo=UTC)),
    ("2010-07-20T14:05:00-00:00", datetime(2010, 7, 20, 14, 5, tzinfo=UTC)),
    ("2010-07-20T14:05+01:00", datetime(2010, 7, 20, 14, 5, tzinfo=tz(1))),
    ("2010-07-20T14:05:00.5-05:30", datetime(2010, 7, 20, 14, 5, 0, 500000, tzinfo=tz(-5, 30))),
    ("2010-07-20T14:05:00.123Z", datetime(2010, 7, 20, 14, 5, 0, 123000, tzinfo=UTC)),
    ("2010-07-20T14:05:00.123456789Z", datetime(2010, 7, 20, 14, 5, 0, 123456, tzinfo=UTC)),
    ("2010-07-20T14:05:00+0100", datetime(2010, 7, 20, 14, 5, tzinfo=tz(1))),
    ("2010-07-20T14:05:00+01", datetime(2010, 7, 20, 14, 5, tzinfo=tz(1))),
    ("2010-07-20 14:05:00+09:00", datetime(2010, 7, 20, 14, 5, tzinfo=tz(9))),
    ("2010-07-20 14:05:00 UTC", datetime(2010, 7, 20, 14, 5, tzinfo=UTC)),
    ("2010-07-20 14:05:00 UTC+05:30", datetime(2010, 7, 20, 14, 5, tzinfo=tz(5, 30))),
    # Human forms and bylines that name a zone
    ("20 Jul 2010 3:45PM GMT", datetime(2010, 7, 20, 15, 45, tzinfo=UTC)),
    (
        "Posted by X on July 20, 2010 at 02:45 PM GMT",
        datetime(2010, 7, 20, 14, 45, tzinfo=UTC),
    ),
    ("July 20, 2010 at 2:45 pm EDT", datetime(2010, 7, 20, 14, 45, tzinfo=tz(-4))),
    (
        "Tue Jul 20 2010 14:05:00 GMT+0100 (British Summer Time)",
        datetime(2010, 7, 20, 14, 5, tzinfo=tz(1)),
    ),
    ("Tue Jul 20 14:05:00 GMT 2010", datetime(2010, 7, 20, 14, 5, tzinfo=UTC)),
    ("Tue Jul 20 14:05:00 PDT 2010", datetime(2010, 7, 20, 14, 5, tzinfo=tz(-7))),
    ("2010/07/20 14:05 -0500", datetime(2010, 7, 20, 14, 5, tzinfo=tz(-5))),
    ("20.07.2010 14:05 CEST", datetime(2010, 7, 20, 14, 5, tzinfo=tz(2))),
    ("14:05, 20 July 2010 GMT", datetime(2010, 7, 20, 14, 5, tzinfo=UTC)),
    ("20 Jul 2010 GMT", datetime(2010, 7, 20, tzinfo=UTC)),
    ("July 20, 2010 3pm PST", datetime(2010, 7, 20, 15, tzinfo=tz(-8))),
]

# Text without a zone, read with default_tz=UTC: (text, expected naive wall time).
ZONELESS = [
    ("2010-07-20", datetime(2010, 7, 20)),
    ("2010-07", datetime(2010, 7, 1)),
    ("2010", datetime(2010, 1, 1)),
    ("2010-07-20 14:05:00", datetime(2010, 7, 20, 14, 5)),
    ("2010-07-20T14:05:00.25", datetime(2010, 7, 20, 14, 5, 0, 250000)),
    ("Tue, 20 Jul 2010 14:05:00", datetime(2010, 7, 20, 14, 5)),
    ("20 Jul 2010", datetime(2010, 7, 20)),
    ("Posted 20 July 2010 by Stephen Hale", datetime(2010, 7, 20)),
    ("July 20th, 2010 at 3:45 pm", datetime(2010, 7, 20, 15, 45)),
    ("25th June 2014", datetime(2014, 6, 25)),
    ("Monday 01 September, 2008", datetime(2008, 9, 1)),
    ("20.07.2010 14:05", datetime(2010, 7, 20, 14, 5)),
    ("20/07/2010", datetime(2010, 7, 20)),
    ("05/07/2010", datetime(2010, 7, 5)),
    ("07/20/2010", datetime(2010, 7, 20)),
    ("20-07-2010", datetime(2010, 7, 20)),
    ("20.07.10", datetime(2010, 7, 20)),
    ("2010/07/20", datetime(2010, 7, 20)),
    ("2010.7.20", datetime(2010, 7, 20)),
    ("Jul 20, 2010", datetime(2010, 7, 20)),
    ("Jul. 20, 2010", datetime(2010, 7, 20)),
    ("Sept 3, 2010", datetime(2010, 9, 3)),
    ("on July 20, 2010", datetime(2010, 7, 20)),
    ("Tuesday, July 20, 2010 2:45:01 PM", datetime(2010, 7, 20, 14, 45, 1)),
    ("the 20th of July, 2010 at 12:30 a.m.", datetime(2010, 7, 20, 0, 30)),
    ("July 20, 2010 at 12:15 PM", datetime(2010, 7, 20, 12, 15)),
    ("July 2010", datetime(2010, 7, 1)),
    ("July, 2010", datetime(2010, 7, 1)),
    ("Published: 3 May 2012, 09:15", datetime(2012, 5, 3, 9, 15)),
    ("Updated on 1st March 2011", datetime(2011, 3, 1)),
    ("20-Jul-2010", datetime(2010, 7, 20)),
    ("JULY 20, 2010", datetime(2010, 7, 20)),
    ("Tue Jul 20 14:05:00 2010", datetime(2010, 7, 20, 14, 5)),
    ("2010 July 20", datetime(2010, 7, 20)),
    ("20\u00a0July\u00a02010", datetime(2010, 7, 20)),
    ("Posted on 2nd Dec 2009 by admin in Uncategorized", datetime(2009, 12, 2)),
]

NO_DATE = [
    "",
    "   ",
    "hello",
    "3:45 pm",
    "14:05",
    "Monday",
    "July",
    "20 July",
    "July 20",
    "Posted by Stephen Hale",
    "12345",
    "20100720123",
    "sometime last spring",
    "x" * 10_000,
    "Posted 20 July 2010 by Stephen Hale " * 300,
]

INVALID = [
    "31 February 2010",
    "February 30, 2010",
    "2010-13-45",
    "2010-02-30",
    "2010-07-20T25:00:00Z",
    "2010-07-20T14:05:00+24:00",
    "Tue, 31 Jun 2010 14:05:00 GMT",
    "31/02/2010",
    "13/13/2010",
    "0000",
    "13:45 pm on July 20, 2010",
    "Tue, 20 Jul 2010 14:61:00 GMT",
]

UNKNOWN_ZONE = [
    "Tue, 20 Jul 2010 14:05:00 XYZ",
    "July 20, 2010 at 14:05 FOO",
    "Tue, 20 Jul 2010 14:05:00 A",
    "Tue Jul 20 14:05:00 GMT+3 2010",
]

STRAY_NUMBERS = [
    "Posted 20 July 2010 | 3 comments",
    "20 July 2010 14",
    "20 July 2010 and 21 July 2010",
]


@pytest.mark.parametrize(("text", "expected"), ZONED)
def test_zoned_text_keeps_its_offset(text: str, expected: datetime) -> None:
    result = parse_date(text)
    assert same(result, expected)
    assert isinstance(result.tzinfo, timezone)


@pytest.mark.parametrize(("text", "expected"), ZONED)
def test_written_zone_wins_over_default_tz(text: str, expected: datetime) -> None:
    assert same(parse_date(text, default_tz=ZoneInfo("Asia/Tokyo")), expected)


@pytest.mark.parametrize(("text", "naive"), ZONELESS)
def test_zoneless_text_gets_default_tz(text: str, naive: datetime) -> None:
    expected = naive.replace(tzinfo=UTC)
    assert same(parse_date(text, default_tz=UTC), expected)


@pytest.mark.parametrize(("text", "naive"), ZONELESS)
def test_zoneless_text_without_default_tz_is_refused(text: str, naive: datetime) -> None:
    with pytest.raises(DateError, match=r"no time zone.*default_tz"):
        parse_date(text)


@pytest.mark.parametrize("text", NO_DATE + INVALID + UNKNOWN_ZONE + STRAY_NUMBERS)
def test_text_without_a_valid_date_is_refused(text: str) -> None:
    with pytest.raises(DateError):
        parse_date(text, default_tz=UTC)


@pytest.mark.parametrize("text", UNKNOWN_ZONE[:3])
def test_unknown_zone_is_named_in_the_error(text: str) -> None:
    with pytest.raises(DateError, match="unknown time zone"):
        parse_date(text, default_tz=UTC)


def test_dst_default_tz_keeps_wall_time() -> None:
    london = ZoneInfo("Europe/London")
    summer = parse_date("20 July 2010 14:05", default_tz=london)
    winter = parse_date("20 January 2010 14:05", default_tz=london)
    assert summer.tzinfo is london
    assert (summer.hour, summer.utcoffset()) == (14, timedelta(hours=1))
    assert (winter.hour, winter.utcoffset()) == (14, timedelta(0))


def test_fixed_default_tz_is_attached() -> None:
    result = parse_date("2010-07-20 14:05", default_tz=tz(-3))
    assert same(result, datetime(2010, 7, 20, 14, 5, tzinfo=tz(-3)))


def test_offset_is_kept_not_converted() -> None:
    result = parse_date("2010-07-20T23:30:00-08:00")
    assert (result.day, result.hour, result.utcoffset()) == (20, 23, timedelta(hours=-8))


def test_local_zone_is_never_used(monkeypatch: pytest.MonkeyPatch) -> None:
    # dateutil reads names in time.tzname as the machine's zone; ours must refuse them.
    monkeypatch.setattr(time, "tzname", ("ABCT", "ABCT"))
    with pytest.raises(DateError):
        parse_date("Tue Jul 20 14:05:00 ABCT 2010", default_tz=UTC)


def test_non_str_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        parse_date(b"2010-07-20")  # type: ignore[arg-type]


def test_date_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="no date"):
        parse_date("hello")


def test_zone_table_is_immutable() -> None:
    assert isinstance(dates._ZONES, types.MappingProxyType)
    with pytest.raises(TypeError):
        dates._ZONES["xyz"] = UTC  # type: ignore[index]


@pytest.mark.parametrize(
    "text",
    ["Tue Jul 20 14:05:00 QQQ 2010", "July 20 2010 14:05 BRT", "2010-07-20 14:05 QQQ"],
)
def test_no_warnings_leak(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with contextlib.suppress(DateError):
            parse_date(text, default_tz=UTC)


def test_long_input_is_fast() -> None:
    texts = ["1" * 499, "1:" * 249, "20 July " * 62, "2010-" * 99, "July 2010 " * 49 + "x"]
    start = time.perf_counter()
    for text in texts:
        with contextlib.suppress(DateError):
            parse_date(text[:500], default_tz=UTC)
    assert time.perf_counter() - start < 1.0


ROUND_TRIP = [
    datetime(2010, 7, 20, 14, 5, tzinfo=tz(1)),
    datetime(2010, 7, 20, 14, 5, tzinfo=UTC),
    datetime(1999, 12, 31, 23, 59, 59, tzinfo=tz(-9, 30)),
    datetime(2024, 2, 29, 0, 0, tzinfo=tz(14)),
    datetime(2010, 7, 20, 14, 5, tzinfo=ZoneInfo("Europe/London")),
]


@pytest.mark.parametrize("dt", ROUND_TRIP)
def test_rfc3339_round_trip(dt: datetime) -> None:
    assert same(parse_date(format_rfc3339(dt)), dt)


@pytest.mark.parametrize("dt", ROUND_TRIP)
def test_rfc822_round_trip(dt: datetime) -> None:
    assert same(parse_date(format_rfc822(dt)), dt)


def test_format_examples() -> None:
    dt = datetime(2010, 7, 20, 14, 5, tzinfo=tz(1))
    assert format_rfc3339(dt) == "2010-07-20T14:05:00+01:00"
    assert format_rfc822(dt) == "Tue, 20 Jul 2010 14:05:00 +0100"
    utc = datetime(2010, 7, 20, 14, 5, 0, 1500, tzinfo=UTC)
    assert format_rfc3339(utc) == "2010-07-20T14:05:00.001500+00:00"
    assert format_rfc822(utc) == "Tue, 20 Jul 2010 14:05:00 +0000"
    assert format_rfc3339(datetime(5, 1, 2, tzinfo=tz(-5))) == "0005-01-02T00:00:00-05:00"


@pytest.mark.parametrize("write", [format_rfc3339, format_rfc822])
@pytest.mark.parametrize(
    "dt",
    [datetime(2010, 7, 20, 14, 5), datetime(2010, 7, 20, tzinfo=timezone(timedelta(seconds=30)))],
)
def test_formatters_refuse_naive_or_odd_offsets(write: object, dt: datetime) -> None:
    assert callable(write)
    with pytest.raises(DateError):
        write(dt)


offsets = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
aware = st.datetimes(timezones=offsets)


@given(aware)
def test_rfc3339_property(dt: datetime) -> None:
    assert same(parse_date(format_rfc3339(dt)), dt)


@given(aware)
def test_rfc822_property(dt: datetime) -> None:
    whole = dt.replace(microsecond=0)
    assert same(parse_date(format_rfc822(whole)), whole)


@given(st.text(max_size=80), st.sampled_from([None, UTC]))
def test_any_text_gives_an_aware_datetime_or_date_error(
    text: str, default_tz: tzinfo | None
) -> None:
    try:
        result = parse_date(text, default_tz=default_tz)
    except DateError:
        return
    assert result.utcoffset() is not None
