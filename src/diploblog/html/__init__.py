"""Reading blog pages: `parse_html` turns a saved HTML page into a `Page`.

The reader merges evidence from independent layers (microformats, schema.org,
the page head); `diploblog.html._reader` documents the precedence.

Example:
    >>> from diploblog.html import parse_html
    >>> parse_html("<title>Nothing here</title><p>No blog post.</p>").posts
    ()
"""

from __future__ import annotations

from diploblog.html._layout import Layout, NavLink, PageContext, default_layout
from diploblog.html._reader import parse_html
from diploblog.html._site import SiteError, site
from diploblog.html._writer import to_html

__all__ = [
    "Layout",
    "NavLink",
    "PageContext",
    "SiteError",
    "default_layout",
    "parse_html",
    "site",
    "to_html",
]
