"""A JSON form of the content model, with an exact round trip.

`to_dict` turns any model object into plain JSON types; `from_dict` builds the
object back, so ``from_dict(type(x), to_dict(x))`` equals ``x`` field by field
(tags included, though `Tag` equality looks only at scheme and slug).

The form, driven by `attrs.fields` and the classes' type hints:

- an object is a JSON object whose keys are the field names, in field order;
- a tuple is a list; `Extension.attributes` is a list of ``[name, value]`` pairs;
- a datetime is an RFC 3339 string keeping its own offset and its microseconds
  when they are not zero (``"2010-07-20T14:05:00+01:00"``); the zone comes back as
  a fixed offset (a zone's name, such as "Europe/London", is not kept);
- a field holding None or an empty tuple, when that is its default, is left out to
  keep the output small; `from_dict` accepts it either present or absent;
- derived fields (`Tag.slug`) are written for readers' convenience and ignored on
  the way back: they are computed again.

`from_dict` is strict: a missing required key, an unknown key, a value of the
wrong type, an unreadable date or a value the model refuses raises
`diploblog.ParseError` whose ``where`` is the path to the value in the data,
such as ``posts[3].published``. Unknown keys are refused rather than dropped,
because dropping them would break the round trip without anyone noticing.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs

from diploblog._errors import DiploblogError, ParseError
from diploblog._model import (
    Author,
    Blog,
    Capture,
    Comment,
    Enclosure,
    Extension,
    Link,
    Page,
    Post,
    ReadWarning,
    Tag,
    WeightedTag,
)

__all__ = ["from_dict", "to_dict"]

T = TypeVar("T")

_MODEL_TYPES: frozenset[type] = frozenset(
    {
        Author,
        Blog,
        Capture,
        Comment,
        Enclosure,
        Extension,
        Link,
        Page,
        Post,
        ReadWarning,
        Tag,
        WeightedTag,
    }
)

_MODEL_BY_NAME: Mapping[str, type] = types.MappingProxyType(
    {cls.__name__: cls for cls in _MODEL_TYPES}
)

# RFC 3339 section 5.6 date-time; offsets may carry seconds because Python's do
# (historic local mean times such as Amsterdam's +00:19:32 before 1937).
_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?"
    r"(?:([Zz])|([+-])(\d{2}):(\d{2})(?::(\d{2}))?)"
)


@attrs.frozen
class _FieldSpec:
    name: str
    hint: Any
    init: bool
    required: bool
    default: Any


def to_dict(obj: Any) -> dict[str, Any]:
    """Turn a model object into a dict of plain JSON types, ready for `json.dumps`.

    Args:
        obj: any model object (`Blog`, `Post`, `Page`, `Tag`, ...).

    Returns:
        A new dict; see the module documentation for the form.

    Raises:
        DiploblogError: when `obj` is not a model object.

    Example:
        >>> import datetime as dt
        >>> from diploblog import Post, Tag
        >>> to_dict(Post(title="Hello", tags=[Tag(term="Digital Diplomacy")],
        ...     published=dt.datetime(2010, 7, 20, 14, 5,
        ...                           tzinfo=dt.timezone(dt.timedelta(hours=1)))))
        ... # doctest: +NORMALIZE_WHITESPACE
        {'title': 'Hello', 'published': '2010-07-20T14:05:00+01:00',
         'tags': [{'term': 'Digital Diplomacy', 'slug': 'digital-diplomacy'}], 'kind': 'post'}
    """
    if type(obj) not in _MODEL_TYPES:
        msg = f"expected a diploblog model object, got {type(obj).__name__}"
        raise DiploblogError(msg)
    return _object_to_dict(obj)


def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
    """Build a model object from the dict `to_dict` made (or `json.loads` read back).

    Args:
        cls: the model class to build, such as `diploblog.Blog`.
        data: the dict; keys may be left out where the field has a default.

    Returns:
        A new `cls` object.

    Raises:
        ParseError: when the data does not describe a valid `cls`: a missing
            required key, an unknown key, a value of the wrong type, an unreadable
            date or a value the model refuses. ``where`` is the path to the value.

    Example:
        >>> from diploblog import Post
        >>> post = from_dict(Post, {"title": "Hello", "published": "2010-07-20T14:05:00+01:00"})
        >>> post.published.utcoffset()
        datetime.timedelta(seconds=3600)
        >>> from_dict(Post, {"posts": []})
        Traceback (most recent call last):
        ...
        diploblog._errors.ParseError: unknown key 'posts' for a Post (at posts)
    """
    if cls not in _MODEL_TYPES:
        msg = f"expected a diploblog model class, got {cls!r}"
        raise DiploblogError(msg)
    result: T = _decode_object(cls, data, "")
    return result


def _object_to_dict(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for spec in _specs(type(obj)):
        value = getattr(obj, spec.name)
        if (value is None or value == ()) and spec.default == value and not spec.required:
            continue
        out[spec.name] = _encode(value)
    return out


def _encode(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, _dt.datetime):
        # isoformat() of an aware datetime is RFC 3339 (offset kept, microseconds
        # written only when not zero), which is the exact form this module promises.
        return value.isoformat()
    if type(value) in _MODEL_TYPES:
        return _object_to_dict(value)
    return value


def _specs(cls: type) -> tuple[_FieldSpec, ...]:
    return _specs_by_name(cls.__name__)


@functools.cache
def _specs_by_name(name: str) -> tuple[_FieldSpec, ...]:
    # Keyed by name: mypy does not see attrs classes as hashable keys.
    cls = _MODEL_BY_NAME[name]
    hints = typing.get_type_hints(cls)
    return tuple(
        _FieldSpec(
            name=field.name,
            hint=hints[field.name],
            init=field.init,
            required=field.default is attrs.NOTHING,
            default=field.default,
        )
        for field in attrs.fields(cls)
    )


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _fail(message: str, path: str, what: str) -> typing.NoReturn:
    raise ParseError(message, where=path or what)


def _decode_object(cls: type[T], data: Any, path: str) -> T:
    name = cls.__name__
    if not isinstance(data, Mapping):
        _fail(f"expected an object for a {name}, got {_json_type(data)}", path, name)
    specs = {spec.name: spec for spec in _specs(cls)}
    for key in data:
        if key not in specs:
            _fail(f"unknown key {key!r} for a {name}", _join(path, str(key)), name)
    kwargs: dict[str, Any] = {}
    for spec in specs.values():
        if not spec.init:
            continue
        if spec.name in data:
            kwargs[spec.name] = _decode(spec.hint, data[spec.name], _join(path, spec.name))
        elif spec.required:
            _fail(f"missing required key {spec.name!r} for a {name}", _join(path, spec.name), name)
    try:
        return cls(**kwargs)
    except DiploblogError as e:
        raise ParseError(e.message, where=_refusal_path(e.where, name, path)) from e
    except (TypeError, ValueError) as e:
        _fail(f"not a valid {name}: {e}", path, name)


def _refusal_path(where: str | None, name: str, path: str) -> str:
    # The model's validators say "Post.url"; the caller wants "posts[3].url".
    if where and where.startswith(f"{name}."):
        return _join(path, where[len(name) + 1 :])
    return path or name


def _decode(hint: Any, value: Any, path: str) -> Any:
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        return _decode_optional(hint, value, path)
    if origin is tuple:
        return _decode_tuple(typing.get_args(hint), value, path)
    if hint in _MODEL_TYPES:
        return _decode_object(hint, value, path)
    if hint is _dt.datetime:
        return _decode_datetime(value, path)
    if hint is float:
        return _expect(value, (int, float), "a number", path)
    if hint in (str, int, bool):
        return _expect(value, (hint,), _SCALAR_NAMES[hint], path)
    msg = f"the model uses a type diploblog's JSON form does not know: {hint!r}"
    raise TypeError(msg)


_SCALAR_NAMES: Mapping[type, str] = types.MappingProxyType(
    {str: "a string", int: "a whole number", bool: "true or false"}
)


def _decode_optional(hint: Any, value: Any, path: str) -> Any:
    args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    if len(args) != 1:
        msg = f"only `X | None` unions are supported, got {hint!r}"
        raise TypeError(msg)
    return None if value is None else _decode(args[0], value, path)


def _decode_tuple(args: tuple[Any, ...], value: Any, path: str) -> tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        _fail(f"expected a list, got {_json_type(value)}", path, "")
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_decode(args[0], item, f"{path}[{i}]") for i, item in enumerate(value))
    if len(value) != len(args):
        _fail(f"expected a list of {len(args)} items, got {len(value)}", path, "")
    return tuple(
        _decode(arg, item, f"{path}[{i}]")
        for i, (arg, item) in enumerate(zip(args, value, strict=True))
    )


def _expect(value: Any, kinds: tuple[type, ...], what: str, path: str) -> Any:
    # bool is an int in Python, but true is not a count in JSON.
    if isinstance(value, bool) and bool not in kinds:
        _fail(f"expected {what}, got {_json_type(value)}", path, "")
    if not isinstance(value, kinds):
        _fail(f"expected {what}, got {_json_type(value)}", path, "")
    return value


def _decode_datetime(value: Any, path: str) -> _dt.datetime:
    if not isinstance(value, str):
        _fail(f"expected an RFC 3339 date string, got {_json_type(value)}", path, "")
    match = _RFC3339.fullmatch(value)
    if not match:
        _fail(f"{value!r} is not an RFC 3339 date such as '2010-07-20T14:05:00+01:00'", path, "")
    year, month, day, hour, minute, second, fraction, zulu, sign, oh, om, os_ = match.groups()
    try:
        offset = _dt.timedelta(0)
        if not zulu:
            offset = _dt.timedelta(hours=int(oh), minutes=int(om), seconds=int(os_ or 0))
            offset = -offset if sign == "-" else offset
        return _dt.datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            int((fraction or "0").ljust(6, "0")),
            tzinfo=_dt.timezone(offset),
        )
    except ValueError as e:
        _fail(f"{value!r} is not a valid date: {e}", path, "")


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__
