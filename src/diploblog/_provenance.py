"""The record `diploblog.archive.merge` leaves on what it builds, and keeping it out of feeds.

Merge records, on every merged post and on the blog, an `Extension` in the
`PROVENANCE` namespace: which source each value came from, the values that lost
and the keys the post was matched by. It belongs to the model, so a merged blog
merges again exactly (also after `diploblog.to_dict` and `diploblog.from_dict`),
but it is bookkeeping, not content: the feed writers leave it out of what they
publish.
"""

from __future__ import annotations

from typing import Final

import attrs

from diploblog._model import Blog, Extension

__all__ = ["PROVENANCE", "without_provenance"]

PROVENANCE: Final = "https://diploblog.readthedocs.io/ns/archive-merge/1"
"""Namespace of the `Extension` a merged post or blog carries to record its sources."""


def _kept(extensions: tuple[Extension, ...]) -> tuple[Extension, ...] | None:
    """The extensions without merge records, or None when there were none to drop."""
    if not any(e.namespace == PROVENANCE for e in extensions):
        return None
    return tuple(e for e in extensions if e.namespace != PROVENANCE)


def without_provenance(blog: Blog) -> Blog:
    """The blog without merge's records, as feeds publish it.

    Args:
        blog: Any blog; one that holds no records is returned as it is.

    Returns:
        The blog, its posts' and its own `PROVENANCE` extensions removed.

    Example:
        >>> record = Extension(namespace=PROVENANCE, name="blog", text="{}")
        >>> without_provenance(Blog(title="T", extensions=[record])).extensions
        ()
    """
    posts = list(blog.posts)
    changed = False
    for index, post in enumerate(posts):
        kept = _kept(post.extensions) if post.extensions else None
        if kept is not None:
            posts[index] = attrs.evolve(post, extensions=kept)
            changed = True
    own = _kept(blog.extensions)
    if own is None and not changed:
        return blog
    return attrs.evolve(
        blog, posts=tuple(posts), extensions=blog.extensions if own is None else own
    )
