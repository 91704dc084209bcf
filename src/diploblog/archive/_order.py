"""The one chronological order the archive functions share."""

from __future__ import annotations

import datetime as _dt

from diploblog._model import Post

__all__ = ["post_date", "tie_key"]


def post_date(post: Post) -> _dt.datetime | None:
    """When a post is filed: `published`, else `updated`, else None."""
    return post.published if post.published is not None else post.updated


def tie_key(post: Post) -> tuple[str, str, str]:
    """What orders posts that share a date: id, then URL, then title (None as "")."""
    return (post.id or "", post.url or "", post.title or "")
