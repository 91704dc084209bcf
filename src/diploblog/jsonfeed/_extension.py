"""The ``_diploblog`` JSON Feed extension: model fields JSON Feed has no member for.

`diploblog.jsonfeed.to_json_feed` writes, on the feed and on each item, a
``_diploblog`` object holding every field that the standard members do not carry
back exactly (comments, comment counts, the post kind, extra author details, tags'
schemes, foreign extensions...), each in the `diploblog.to_dict` form. Reading a
feed, `apply_diploblog` puts those fields back into the model.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

import attrs

from diploblog._errors import DiploblogError
from diploblog._json import from_dict
from diploblog._model import Blog, Extension, Post, ReadWarning

__all__ = ["DIPLOBLOG_MEMBER", "apply_diploblog"]

DIPLOBLOG_MEMBER = "_diploblog"
"""The name of the extension object on the feed and on each item."""

_NAMESPACE = "https://jsonfeed.org/version/1.1"

M = TypeVar("M", Blog, Post)


def apply_diploblog(blog: Blog) -> Blog:
    """Put the fields kept in ``_diploblog`` extension objects back into the model.

    Args:
        blog: a blog as the JSON Feed reader made it, the ``_diploblog`` members
            kept as extensions.

    Returns:
        The blog with those fields restored and the ``_diploblog`` extensions
        removed; an unreadable ``_diploblog`` object is left as it is, with a warning.

    Example:
        >>> from diploblog import Extension
        >>> blog = Blog(extensions=[Extension(namespace=_NAMESPACE, name="_diploblog",
        ...                                   text='{"generator": "Roller"}')])
        >>> restored = apply_diploblog(blog)
        >>> restored.generator, restored.extensions
        ('Roller', ())
    """
    warnings: list[ReadWarning] = []
    posts = [_apply(post, f"$.items[{i}]", warnings) for i, post in enumerate(blog.posts)]
    blog = attrs.evolve(blog, posts=posts)
    blog = _apply(blog, "$", warnings)
    return attrs.evolve(blog, warnings=(*blog.warnings, *warnings))


def _apply(obj: M, where: str, warnings: list[ReadWarning]) -> M:
    kept = [ext for ext in obj.extensions if _is_member(ext)]
    if not kept:
        return obj
    try:
        fields = _fields(type(obj), kept[-1].text)
    except (DiploblogError, ValueError) as error:
        warnings.append(ReadWarning(message=f"unreadable _diploblog object: {error}", where=where))
        return obj
    others = tuple(ext for ext in obj.extensions if not _is_member(ext))
    return attrs.evolve(obj, **{"extensions": others, **fields})


def _is_member(ext: Extension) -> bool:
    return ext.namespace == _NAMESPACE and ext.name == DIPLOBLOG_MEMBER


def _fields(cls: type[M], text: str | None) -> dict[str, Any]:
    data = json.loads(text or "null")
    if not isinstance(data, dict):
        msg = "expected an object"
        raise DiploblogError(msg)
    data.pop("posts", None)
    data.pop("warnings", None)
    decoded = from_dict(cls, data)
    return {name: getattr(decoded, name) for name in data}
