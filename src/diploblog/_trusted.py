"""Building model objects from values that are already valid, without checking them again.

The public constructors validate and convert every field, which is right for values
from outside. Code that only recombines fields of model objects it was given (merge
picks each field of a post from one of several valid posts) would pay for checking
the same values again on every object it builds. `trusted` skips that, and only that:
the object it returns is the one the constructor would build from the same values.

Callers must pass values that the constructor would accept unchanged: tuples (not
lists) for collections, aware datetimes, URLs that passed validation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final, TypeVar

import attrs

from diploblog._model import Blog, Extension, Post, ReadWarning, Tag, WeightedTag

__all__ = ["trusted"]

T = TypeVar("T")


_Setter = Callable[[Any, object], None]


def _slots(cls: type[Any]) -> tuple[tuple[str, object, _Setter], ...]:
    """Each field's name, default and slot setter (which a frozen class's __setattr__ bars)."""
    found = []
    for field in attrs.fields(cls):
        # A required field (no default), or one whose default is computed (a Tag's
        # slug), must be among the values given.
        default = attrs.NOTHING if isinstance(field.default, attrs.Factory) else field.default  # type: ignore[arg-type]
        found.append((field.name, default, getattr(cls, field.name).__set__))
    return tuple(found)


# Classes with no post-init checks across fields.
_SLOTS: Final[Mapping[type[Any], tuple[tuple[str, object, _Setter], ...]]] = MappingProxyType(
    {cls: _slots(cls) for cls in (Blog, Extension, Post, ReadWarning, Tag, WeightedTag)}
)


def trusted(cls: type[T], values: Mapping[str, object]) -> T:
    """Build `cls` from `values` (the rest from defaults) without validators or converters.

    Args:
        cls: `Post`, `Blog`, `Extension`, `ReadWarning`, `Tag` or `WeightedTag`.
        values: field values, each as the constructor would store it; a `Tag`
            needs its `slug` (``slugify(term)``) among them.

    Returns:
        The object, equal to ``cls(**values)`` for valid values.

    Raises:
        TypeError: a required field is missing (a programming error, not bad input).

    Example:
        >>> trusted(Post, {"title": "The end"}) == Post(title="The end")
        True
        >>> trusted(Tag, {"term": "Blogs", "slug": "blogs"}).same_as(Tag(term="Blogs"))
        True
    """
    obj = object.__new__(cls)
    get = values.get
    for name, default, set_slot in _SLOTS[cls]:
        value = get(name, default)
        if value is attrs.NOTHING:
            msg = f"{cls.__name__}.{name} is required"
            raise TypeError(msg)
        set_slot(obj, value)
    return obj
