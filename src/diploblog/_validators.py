"""Validators and converters shared by the model classes."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import Any, NoReturn

from diploblog._errors import DiploblogError
from diploblog._urls import is_plain_web_url

__all__ = [
    "aware_datetime",
    "collection",
    "identifier",
    "one_of",
    "language_tag",
    "non_empty",
    "non_negative",
    "optional_aware_datetime",
    "optional_url",
    "to_tuple",
    "url",
]

# RFC 3986 section 3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# Characters that can never stand unescaped in a URI reference (RFC 3986, section 2),
# nor in the IRIs of RFC 3987: white space, controls, and the "unwise" set.
_NOT_IN_URL = re.compile(r'[\x00-\x20\x7f<>"{}|\\^`]')
PLAIN_URL = re.compile(r'[A-Za-z][A-Za-z0-9+.\-]*://[^\x00-\x20\x7f<>"{}|\\^`]*')
_NEEDS_HOST = frozenset({"http", "https", "ftp", "ftps", "ws", "wss"})
# BCP 47 in the loose form feeds use: "en", "en-GB", "zh-Hant-TW", "x-klingon".
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")


def to_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """Make any iterable (a list, a generator) into the tuple the model stores.

    Typed with Any, not a TypeVar: the attrs mypy plugin takes a converter's
    parameter type as the field's constructor type, and a TypeVar there makes
    ``Post(tags=[Tag(...)])`` fail type checking in users' code.
    A string, bytes or a non-iterable is passed through unchanged so that the
    `collection` validator can refuse it naming the field (a converter is not told
    which field it converts).
    """
    if type(items) is tuple:  # the common cases first: readers build tuples and lists
        return items
    if type(items) is list:
        return tuple(items)
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        return items  # type: ignore[return-value]
    return tuple(items)


def collection(instance: Any, attribute: Any, value: tuple[Any, ...]) -> None:
    """Refuse what `to_tuple` could not make a tuple: a string is not a list of items."""
    if type(value) is tuple:
        return
    if isinstance(value, (str, bytes)):
        _fail(instance, attribute, f"expected a collection of items, got the string {value!r}")
    if not isinstance(value, tuple):
        _fail(instance, attribute, f"expected a collection of items, got {type(value).__name__}")


def _fail(instance: Any, attribute: Any, problem: str) -> NoReturn:
    raise DiploblogError(problem, where=f"{type(instance).__name__}.{attribute.name}")


def url(instance: Any, attribute: Any, value: str) -> None:
    """Accept a URI or IRI reference: absolute, or relative to a base not yet known.

    Refused: non-strings, the empty string, white space or control characters inside,
    characters RFC 3986 never allows unescaped, and web URLs (http, https, ftp, ws)
    without a host.
    """
    # Most URLs readers meet are plain absolute ones ("scheme://..."): whatever this
    # matches, the full check below accepts too (tests/test_model.py proves it).
    if type(value) is str and (is_plain_web_url(value) or PLAIN_URL.fullmatch(value)):
        return
    if not isinstance(value, str):
        _fail(instance, attribute, f"expected a URL string, got {type(value).__name__}")
    if not value:
        _fail(instance, attribute, "a URL cannot be empty")
    bad = _NOT_IN_URL.search(value)
    if bad:
        _fail(instance, attribute, f"{value!r} is not a URL ({bad.group()!r} cannot appear in one)")
    scheme = _SCHEME.match(value)
    if scheme:
        name = scheme.group()[:-1].lower()
        if name in _NEEDS_HOST and not value[scheme.end() :].startswith("//"):
            _fail(instance, attribute, f"{value!r} is not a URL (no host after '{name}:')")


def optional_url(instance: Any, attribute: Any, value: str | None) -> None:
    """Like `url`, allowing None."""
    # `url`'s fast path, inlined: the model checks several URLs for every post.
    if value is None or (type(value) is str and is_plain_web_url(value)):
        return
    if not (type(value) is str and PLAIN_URL.fullmatch(value)):
        url(instance, attribute, value)


def aware_datetime(instance: Any, attribute: Any, value: _dt.datetime) -> None:
    """Accept only timezone-aware datetimes: naive ones are ambiguous."""
    if not isinstance(value, _dt.datetime):
        _fail(instance, attribute, f"expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        _fail(
            instance,
            attribute,
            f"{value.isoformat()} is naive; give it a time zone "
            "(diploblog.dates.parse_date does, with default_tz)",
        )


def optional_aware_datetime(instance: Any, attribute: Any, value: _dt.datetime | None) -> None:
    """Like `aware_datetime`, allowing None."""
    # The common case first: an aware datetime (what every reader builds) passes at once.
    if value is None or (type(value) is _dt.datetime and value.utcoffset() is not None):
        return
    aware_datetime(instance, attribute, value)


def non_empty(instance: Any, attribute: Any, value: str) -> None:
    """Refuse strings that are empty or only white space."""
    if not isinstance(value, str):
        _fail(instance, attribute, f"expected a string, got {type(value).__name__}")
    if not value.strip():
        _fail(instance, attribute, "cannot be empty")


def non_negative(instance: Any, attribute: Any, value: int | None) -> None:
    """Refuse negative counts (None, unknown, is allowed)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(instance, attribute, f"expected a whole number, got {value!r}")
    if value < 0:
        _fail(instance, attribute, f"cannot be negative, got {value}")


def language_tag(instance: Any, attribute: Any, value: str | None) -> None:
    """Accept a BCP 47 language tag such as "en" or "en-GB" (None allowed)."""
    if value is not None and not (isinstance(value, str) and _LANGUAGE.fullmatch(value)):
        _fail(instance, attribute, f"{value!r} is not a language tag such as 'en' or 'en-GB'")


_IDENTIFIER = re.compile(r"[a-z][a-z0-9_\-]*")
# Defaults and the usual kinds, accepted without the regular expression (all match it).
_COMMON_IDENTIFIERS = frozenset({"post", "page", "attachment", "comment", "pingback", "trackback"})


def identifier(instance: Any, attribute: Any, value: str) -> None:
    """Accept a lower-case word such as "post", "page" or "nav_menu_item"."""
    if type(value) is str and value in _COMMON_IDENTIFIERS:
        return
    if not (isinstance(value, str) and _IDENTIFIER.fullmatch(value)):
        _fail(instance, attribute, f"{value!r} is not a lower-case name such as 'post'")


def one_of(choices: frozenset[str]) -> Any:
    """Build a validator that accepts only the given strings."""

    def validate(instance: Any, attribute: Any, value: str) -> None:
        if value not in choices:
            _fail(instance, attribute, f"{value!r} is not one of {', '.join(sorted(choices))}")

    return validate
