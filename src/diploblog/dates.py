"""Read the dates blogs and feeds show, and write dates for feeds.

`parse_date` reads one date (and optionally one time and zone) from a text and
returns an aware `datetime.datetime`. It keeps the offset the text wrote, as a
fixed `datetime.timezone`, and never converts to UTC. Text without a zone gets
the caller's ``default_tz``; the machine's local zone is never used. Text that
holds no complete date raises `DateError` instead of being guessed at.

The forms are tried in this order:

1. RFC 3339, W3C-DTF and ISO 8601 extended format: ``2010-07-20T14:05:00.25+01:00``,
   ``2010-07-20 14:05Z``, ``2010-07-20``, ``2010-07`` and ``2010`` (missing parts are
   the first day or month, at midnight).
2. RFC 822, 850, 1123, 2822 and 5322 dates: ``Tue, 20 Jul 2010 14:05:00 +0100``, with
   or without weekday or seconds, with two-digit years, named zones and a trailing
   comment such as ``(UTC)``.
3. Human forms and bylines: one date (``20 July 2010``, ``25th June 2014``,
   ``July 20th, 2010``, ``July 2010``, ``20.07.2010``, ``2010/07/20``), at most one
   time (``14:05``, ``3:45 pm``, ``3pm``) and a zone after the time (``GMT``,
   ``-0500``, ``GMT+1``). Other words (``Posted``, ``by Stephen Hale``, weekdays)
   are ignored, but stray numbers are refused.
4. Other text with a month name and a four-digit year goes to `dateutil.parser`
   and is kept only if the year, month and day all came from the text.

Rules worth knowing:

- Numeric dates with dots, slashes or dashes are read day first: ``05/07/2010``
  is 5 July. They are read month first only when the second number cannot be a
  month: ``07/20/2010`` is 20 July.
- Two-digit years follow RFC 5322 section 4.3: ``00``-``49`` are 2000-2049,
  ``50``-``99`` are 1950-1999, and three-digit years add 1900. Other forms need
  a four-digit year.
- ``GMT``, ``UT``, ``UTC``, ``Z``, ``+0000`` and ``-0000`` all give
  `datetime.timezone.utc`. Other zone names come from a fixed table; ambiguous
  abbreviations (``IST``, ``AST``) and military letters other than ``Z`` (whose
  sign RFC 822 got wrong, RFC 1123 section 5.2.14) are refused. ``GMT+1`` means
  one hour ahead of GMT, as pages and JavaScript write it, not the POSIX reading.
- Text longer than 500 characters is refused rather than searched.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone, tzinfo
from types import MappingProxyType
from typing import Final, TypeAlias

import dateutil.parser
import dateutil.tz

from diploblog._errors import DateError

__all__ = ["format_rfc3339", "format_rfc822", "parse_date"]

_MAX_LENGTH: Final = 500
_FLAGS: Final = re.ASCII | re.IGNORECASE


def _hours(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


# Zone names and the one fixed offset each means. RFC 822 section 5.1 defines UT, GMT, Z
# and the North American names; the rest are abbreviations with one meaning in practice.
_ZONES: Final[Mapping[str, timezone]] = MappingProxyType(
    {
        "z": timezone.utc,
        "ut": timezone.utc,
        "utc": timezone.utc,
        "gmt": timezone.utc,
        "wet": timezone.utc,
        "west": _hours(1),
        "bst": _hours(1),
        "cet": _hours(1),
        "met": _hours(1),
        "cest": _hours(2),
        "mest": _hours(2),
        "eet": _hours(2),
        "eest": _hours(3),
        "msk": _hours(3),
        "est": _hours(-5),
        "edt": _hours(-4),
        "cst": _hours(-6),
        "cdt": _hours(-5),
        "mst": _hours(-7),
        "mdt": _hours(-6),
        "pst": _hours(-8),
        "pdt": _hours(-7),
        "akst": _hours(-9),
        "akdt": _hours(-8),
        "hst": _hours(-10),
        "awst": _hours(8),
        "jst": _hours(9),
        "acst": _hours(9.5),
        "aest": _hours(10),
        "aedt": _hours(11),
        "nzst": _hours(12),
        "nzdt": _hours(13),
    }
)
_DATEUTIL_ZONES: Final[dict[str, tzinfo | int]] = {k.upper(): v for k, v in _ZONES.items()}

# Words that may follow a time in upper case without being a zone name.
_NOT_ZONES: Final = frozenset({"am", "and", "at", "by", "in", "of", "on", "the", "to"})
_MONTH_NAMES: Final = (
    *("jan", "feb", "mar", "apr", "may", "jun"),
    *("jul", "aug", "sep", "oct", "nov", "dec"),
)
_MONTH_NUMBERS: Final[Mapping[str, int]] = MappingProxyType(
    {name.title(): number for number, name in enumerate(_MONTH_NAMES, start=1)}
)

_MONTH: Final = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])"
)
_WEEKDAY: Final = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?(?![a-z])"
)
_ZONE_NAMES: Final = "|".join(sorted(_ZONES, key=len, reverse=True))
_NOT_AFTER_NUMBER: Final = r"(?<!\d)(?<!\d[./:-])"
_NOT_BEFORE_NUMBER: Final = r"(?!\d)(?![./:-]\d)"
_ORDINAL: Final = r"(?:st|nd|rd|th)?"

_ISO: Final = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[t ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?"
    r" ?(?P<zone>z|[+-]\d{2}(?::?\d{2})?)?)?)?)?",
    _FLAGS,
)
_RFC822: Final = re.compile(
    rf"(?:{_WEEKDAY},? ?)?(?P<day>\d{{1,2}})[ -]{_MONTH}[ -](?P<year>\d{{2,4}})"
    r"(?:,? (?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
    rf"(?: ?(?P<zone>[+-]\d{{4}}|{_ZONE_NAMES})(?![a-z]))?(?: \([^()]*\))?",
    _FLAGS,
)
_NUMERIC_DMY: Final = re.compile(
    _NOT_AFTER_NUMBER
    + r"(?P<day>\d{1,2})(?P<sep>[./-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})"
    + _NOT_BEFORE_NUMBER,
    _FLAGS,
)
_DATE_FORMS: Final = (
    re.compile(
        _NOT_AFTER_NUMBER
        + r"(?P<year>\d{4})(?P<sep>[./-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
        + _NOT_BEFORE_NUMBER,
        _FLAGS,
    ),
    _NUMERIC_DMY,
    re.compile(
        rf"{_NOT_AFTER_NUMBER}(?P<day>\d{{1,2}}){_ORDINAL}\.?[ /-]?(?:of )?{_MONTH}"
        rf",?[ /-]?(?P<year>\d{{4}}|\d{{2}}){_NOT_BEFORE_NUMBER}",
        _FLAGS,
    ),
    re.compile(
        rf"(?<![a-z]){_MONTH}[ /-]?(?P<day>\d{{1,2}}){_ORDINAL}(?:, ?| |[/-])"
        rf"(?P<year>\d{{4}}){_NOT_BEFORE_NUMBER}",
        _FLAGS,
    ),
    re.compile(rf"(?<![a-z]){_MONTH},? ?(?P<year>\d{{4}}){_NOT_BEFORE_NUMBER}", _FLAGS),
)
_TIME: Final = re.compile(
    r"(?<![\d:.])(?P<hour>\d{1,2})"
    r"(?::(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.(?P<fraction>\d+))?)?)?"
    r"(?: ?(?P<ampm>[ap])\.?m(?:\.|(?![a-z])))?(?![\d:])",
    _FLAGS,
)
_ZONE_AFTER: Final = re.compile(
    r"[ ]?(?:(?:gmt|utc|ut) ?(?P<rel_sign>[+-])(?P<rel_hours>\d{1,2})(?::?(?P<rel_minutes>\d{2}))?"
    r"|(?P<sign>[+-])(?P<hours>\d{2}):?(?P<minutes>\d{2})"
    r"|(?P<name>[a-z]{1,5}))(?![a-z\d])",
    _FLAGS,
)
_ZONE_WORD: Final = re.compile(
    rf"(?<![a-z])({'|'.join(n for n in _ZONES if len(n) > 2)})(?![a-z])", _FLAGS
)
_FOUR_DIGITS: Final = re.compile(r"(?<!\d)\d{4}(?!\d)", _FLAGS)
_ANY_MONTH: Final = re.compile(rf"(?<![a-z]){_MONTH}", _FLAGS)
# dateutil reads "GMT+3" the POSIX way (three hours behind GMT); refuse rather than guess.
_POSIX_STYLE: Final = re.compile(rf"(?<![a-z])(?:{_ZONE_NAMES}) ?[+-] ?\d", _FLAGS)
_DATEUTIL_DEFAULTS: Final = (datetime(2001, 1, 1), datetime(2002, 2, 2))

# A date as read: the wall time, and the zone the text wrote (None when it wrote none).
_Reading: TypeAlias = tuple[datetime, tzinfo | None]


def parse_date(text: str, *, default_tz: tzinfo | None = None) -> datetime:
    """Read the date in a feed field, page byline or HTML ``time`` element.

    See the module documentation for the forms read and the rules applied.

    Args:
        text: The text holding one date, such as ``Tue, 20 Jul 2010 14:05:00 +0100``
            or ``Posted 20 July 2010 by Stephen Hale``.
        default_tz: The zone to attach when the text names none. A zone with
            daylight saving time (a `zoneinfo.ZoneInfo`) keeps the wall time written.

    Returns:
        An aware datetime. When the text wrote an offset or zone name its tzinfo is
        the fixed `datetime.timezone` for it (`datetime.timezone.utc` for zero);
        otherwise it is ``default_tz``.

    Raises:
        DateError: The text holds no complete date (a year, month and day; ISO forms
            and ``July 2010`` may leave out the day or month), an impossible date,
            an unknown zone name, stray numbers besides the date and time, more than
            500 characters, or no zone while ``default_tz`` is None.
        TypeError: ``text`` is not a str.

    Example:
        >>> from datetime import timezone
        >>> parse_date("Tue, 20 Jul 2010 14:05:00 +0100").isoformat()
        '2010-07-20T14:05:00+01:00'
        >>> parse_date("July 20th, 2010 at 3:45 pm", default_tz=timezone.utc).isoformat()
        '2010-07-20T15:45:00+00:00'
        >>> parse_date("Posted 20 July 2010 by Stephen Hale", default_tz=timezone.utc)
        datetime.datetime(2010, 7, 20, 0, 0, tzinfo=datetime.timezone.utc)
        >>> try:
        ...     parse_date("3:45 pm", default_tz=timezone.utc)
        ... except DateError as error:
        ...     print(error)
        no date found in '3:45 pm'
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_date() needs a str, not {type(text).__name__}")
    fast = _parse_rfc3339_exact(text) or _parse_rfc822_exact(text)
    if fast is not None:
        return fast
    s = " ".join(text.split())
    if not s:
        raise DateError("empty text holds no date")
    if len(s) > _MAX_LENGTH:
        raise DateError(f"text of {len(s)} characters is too long to be a date")
    reading = _parse_iso(s) or _parse_rfc822(s) or _parse_human(s) or _parse_dateutil(s)
    if reading is None:
        raise DateError(f"no date found in {_show(s)}")
    naive, zone = reading
    if zone is None:
        if default_tz is None:
            raise DateError(
                f"{_show(s)} has no time zone; pass default_tz to say which zone applies"
            )
        zone = default_tz
    return naive.replace(tzinfo=zone)


def format_rfc3339(dt: datetime) -> str:
    """Write an aware datetime as RFC 3339, keeping its own offset.

    Zero offsets are written ``+00:00`` (never ``Z``); microseconds are written
    only when they are not zero.

    Args:
        dt: An aware datetime whose offset is a whole number of minutes.

    Returns:
        The RFC 3339 text, such as ``2010-07-20T14:05:00+01:00``.

    Raises:
        DateError: ``dt`` is naive or its offset has seconds.

    Example:
        >>> from datetime import datetime, timedelta, timezone
        >>> format_rfc3339(datetime(2010, 7, 20, 14, 5, tzinfo=timezone(timedelta(hours=1))))
        '2010-07-20T14:05:00+01:00'
        >>> format_rfc3339(datetime(2010, 7, 20, 14, 5, 0, 250000, tzinfo=timezone.utc))
        '2010-07-20T14:05:00.250000+00:00'
    """
    _check_offset(dt, "RFC 3339")
    return dt.isoformat()  # microseconds only when not zero, as documented above


def format_rfc822(dt: datetime) -> str:
    """Write an aware datetime as RFC 822 / RFC 5322, keeping its own offset.

    Microseconds are dropped, since the format has no fractions of a second.

    Args:
        dt: An aware datetime whose offset is a whole number of minutes.

    Returns:
        The RFC 822 text, such as ``Tue, 20 Jul 2010 14:05:00 +0100``.

    Raises:
        DateError: ``dt`` is naive or its offset has seconds.

    Example:
        >>> from datetime import datetime, timedelta, timezone
        >>> format_rfc822(datetime(2010, 7, 20, 14, 5, tzinfo=timezone(timedelta(hours=1))))
        'Tue, 20 Jul 2010 14:05:00 +0100'
    """
    offset = _check_offset(dt, "RFC 822")
    # What email.utils.format_datetime writes, without its time tuple and strftime.
    minutes = offset.days * 1440 + offset.seconds // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return (
        f"{_RFC822_DAYS[dt.weekday()]}, {dt.day:02d} {_RFC822_MONTHS[dt.month - 1]} "
        f"{dt.year:04d} {dt.hour:02d}:{dt.minute:02d}:{dt.second:02d} "
        f"{sign}{hours:02d}{minutes:02d}"
    )


_RFC822_DAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_RFC822_MONTHS: Final = tuple(name.title() for name in _MONTH_NAMES)


def _check_offset(dt: datetime, form: str) -> timedelta:
    if not isinstance(dt, datetime):
        raise TypeError(f"{form} needs a datetime, not {type(dt).__name__}")
    offset = dt.utcoffset()
    if offset is None:
        raise DateError(f"{form} needs an aware datetime; {dt!r} has no time zone")
    if offset.microseconds or offset.seconds % 60:  # days * 86400 is whole minutes
        raise DateError(f"{form} offsets are whole minutes; {dt!r} has {offset}")
    return offset


# Most feed dates are strict RFC 3339 with an offset; fromisoformat reads those
# about forty times faster than the general path. Fractions of 3 or 6 digits only:
# Python 3.10's fromisoformat takes no other lengths.
_RFC3339_EXACT = re.compile(
    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3}(?:\d{3})?)?(?:Z|[+-]\d\d:\d\d)", re.ASCII
)


def _parse_rfc3339_exact(text: str) -> datetime | None:
    if not _RFC3339_EXACT.fullmatch(text):
        return None
    try:
        dt = datetime.fromisoformat(text[:-1] + "+00:00" if text[-1] == "Z" else text)
    except ValueError:
        return None  # an impossible date: the general path says why
    return dt.replace(tzinfo=timezone.utc) if not dt.utcoffset() else dt


# The form RSS writers emit, "Tue, 20 Jul 2010 14:05:00 +0100" (RFC 5322 section 3.3),
# read without the general path's normalising and searching.
_RFC822_EXACT = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d\d?) ([A-Z][a-z]{2}) (\d{4}) "
    r"(\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)",
    re.ASCII,
)


# The fixed zones of the offsets met so far ("+0100" -> UTC+01:00): feeds repeat a few.
_EXACT_ZONES: dict[str, timezone] = {}
_EXACT_MONTHS: Final[dict[str, int]] = dict(_MONTH_NUMBERS)


def _exact_zone(sign: str, hours: str, minutes: str) -> timezone:
    total = int(hours) * 60 + int(minutes)
    zone = timezone(timedelta(minutes=-total if sign == "-" else total)) if total else timezone.utc
    if len(_EXACT_ZONES) < 2000:  # 4 x 24 x 60 spellings at most; bounded all the same
        _EXACT_ZONES[sign + hours + minutes] = zone
    return zone


def _parse_rfc822_exact(text: str) -> datetime | None:
    match = _RFC822_EXACT.fullmatch(text)
    if match is None:
        return None
    day, name, year, hour, minute, second, sign, off_h, off_m = match.groups()
    month = _EXACT_MONTHS.get(name)
    if month is None:
        return None
    zone = _EXACT_ZONES.get(sign + off_h + off_m) or _exact_zone(sign, off_h, off_m)
    try:
        return datetime(
            int(year), month, int(day), int(hour), int(minute), int(second), tzinfo=zone
        )
    except ValueError:
        return None  # an impossible date: the general path says why


def _show(s: str) -> str:
    return repr(s if len(s) <= 60 else s[:57] + "...")


def _parse_iso(s: str) -> _Reading | None:
    m = _ISO.fullmatch(s)
    if m is None:
        return None
    g = m.groupdict()
    naive = _build(s, (int(g["year"]), int(g["month"] or 1), int(g["day"] or 1)), m)
    # RFC 3339 section 4.3: "-00:00" is UTC with the local offset unknown.
    return naive, None if g["zone"] is None else _offset(s, g["zone"])


def _parse_rfc822(s: str) -> _Reading | None:
    m = _RFC822.fullmatch(s)
    if m is None:
        return None
    naive = _build(s, (_full_year(m["year"]), _month(m["month"]), int(m["day"])), m)
    zone = m["zone"]
    if zone is None:
        return naive, None
    # RFC 5322 section 3.3: "-0000" is UTC with the local offset unknown.
    return naive, _ZONES[zone.lower()] if zone[0].isalpha() else _offset(s, zone)


def _parse_human(s: str) -> _Reading | None:
    found = [m for m in (form.search(s) for form in _DATE_FORMS) if m is not None]
    if not found:
        return None
    date = min(found, key=lambda m: (m.start(), -m.end()))
    # The date becomes one NUL so that a time or zone right after it stays adjacent.
    rest = f"{s[: date.start()]}\0{s[date.end() :]}"
    clock = next((t for t in _TIME.finditer(rest) if t["minute"] or t["ampm"]), None)
    zone_at = clock.end() if clock else date.start() + 1
    zone, zone_end = _zone_after(s, rest, zone_at)
    cuts = [(date.start(), date.start() + 1), (zone_at, zone_end)]
    if clock:
        cuts.append(clock.span())
    leftover = _cut(rest, cuts)
    if any(c.isdigit() for c in leftover):
        raise DateError(f"{_show(s)} holds numbers besides one date and one time")
    if zone is None and (word := _ZONE_WORD.search(leftover)):
        zone = _ZONES[word[1].lower()]
    year, month, day = _date_fields(date)
    return _build(s, (year, month, day), clock), zone


def _date_fields(date: re.Match[str]) -> tuple[int, int, int]:
    groups = date.groupdict()
    month = _month(date["month"])
    day = int(groups.get("day") or 1)
    if date.re is _NUMERIC_DMY and month > 12 >= day:
        day, month = month, day
    return _full_year(date["year"]), month, day


def _zone_after(s: str, rest: str, pos: int) -> tuple[tzinfo | None, int]:
    m = _ZONE_AFTER.match(rest, pos)
    if m is None:
        return None, pos
    if m["rel_sign"]:
        zone = _offset(s, m["rel_sign"] + m["rel_hours"].zfill(2) + (m["rel_minutes"] or "00"))
        return zone, m.end()
    if m["sign"]:
        return _offset(s, m["sign"] + m["hours"] + m["minutes"]), m.end()
    name = m["name"]
    if name.lower() in _ZONES:
        return _ZONES[name.lower()], m.end()
    if name.isupper() and name.lower() not in _NOT_ZONES:
        raise DateError(f"unknown time zone {name!r} in {_show(s)}")
    return None, pos


def _cut(text: str, spans: Iterable[tuple[int, int]]) -> str:
    keep = [True] * len(text)
    for start, end in spans:
        keep[start:end] = [False] * (end - start)
    return "".join(c if k else " " for c, k in zip(text, keep, strict=True))


def _parse_dateutil(s: str) -> _Reading | None:
    years = {int(y) for y in _FOUR_DIGITS.findall(s)}
    if not years or _ANY_MONTH.search(s) is None or _POSIX_STYLE.search(s):
        return None
    # Missing parts come from `default`; two different defaults expose them.
    first, second = (_dateutil(s, default) for default in _DATEUTIL_DEFAULTS)
    if first is None or second is None or first.year not in years:
        return None
    if first.replace(tzinfo=None) != second.replace(tzinfo=None):
        return None
    return first.replace(tzinfo=None), _fixed(s, first)


def _dateutil(s: str, default: datetime) -> datetime | None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            return dateutil.parser.parse(
                s.upper(), default=default, dayfirst=True, tzinfos=_DATEUTIL_ZONES
            )
        except dateutil.parser.UnknownTimezoneWarning:
            raise DateError(f"unknown time zone in {_show(s)}") from None
        except (ValueError, OverflowError, Warning):
            return None


def _fixed(s: str, dt: datetime) -> tzinfo | None:
    if dt.tzinfo is None:
        return None
    if not isinstance(dt.tzinfo, (timezone, dateutil.tz.tzutc, dateutil.tz.tzoffset)):
        raise DateError(f"unknown time zone in {_show(s)}")
    offset = dt.utcoffset()
    return timezone(offset) if offset else timezone.utc


def _build(s: str, ymd: tuple[int, int, int], clock: re.Match[str] | None) -> datetime:
    hms = _time_fields(s, clock)
    try:
        return datetime(*ymd, *hms)
    except ValueError as error:
        raise DateError(f"{_show(s)} is not a valid date: {error}") from None


def _time_fields(s: str, clock: re.Match[str] | None) -> tuple[int, int, int, int]:
    if clock is None or clock["hour"] is None:
        return 0, 0, 0, 0
    groups = clock.groupdict()
    hour = int(clock["hour"])
    if ampm := groups.get("ampm"):
        if not 1 <= hour <= 12:
            raise DateError(f"{_show(s)} has hour {hour} with {ampm}m")
        hour = hour % 12 + (12 if ampm.lower() == "p" else 0)
    fraction = groups.get("fraction") or ""
    micro = int(fraction[:6].ljust(6, "0"))
    return hour, int(clock["minute"] or 0), int(groups.get("second") or 0), micro


def _offset(s: str, text: str) -> timezone:
    if text.lower() == "z":
        return timezone.utc
    digits = text[1:].replace(":", "").ljust(4, "0")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        raise DateError(f"{_show(s)} has an impossible offset {text!r}")
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if text[0] == "-" else delta) if delta else timezone.utc


def _month(text: str) -> int:
    return int(text) if text.isdigit() else _MONTH_NAMES.index(text[:3].lower()) + 1


def _full_year(digits: str) -> int:
    # RFC 5322 section 4.3 (obs-year): 00-49 mean 2000-2049; 50-99 and three-digit years
    # add 1900. The digit count decides, so "0050" stays the year 50.
    year = int(digits)
    if len(digits) == 2:
        return year + (2000 if year < 50 else 1900)
    if len(digits) == 3:
        return year + 1900
    return year
