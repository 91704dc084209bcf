"""WordPress eXtended RSS (WXR): reading WordPress exports and writing them for its importer.

Example:
    >>> from diploblog import Blog, Post
    >>> from diploblog.wxr import read_wxr, to_wxr
    >>> blog = read_wxr(to_wxr(Blog(title="B", posts=[Post(title="Hello", kind="page")])))
    >>> blog.posts[0].title, blog.posts[0].kind
    ('Hello', 'page')
"""

from __future__ import annotations

from diploblog.wxr._reader import read_wxr, wp_namespace
from diploblog.wxr._writer import to_wxr

__all__ = ["read_wxr", "to_wxr", "wp_namespace"]
