"""diploblog: turn blogs into data and back.

Read scraped blog pages, feeds and exports into one typed model, and write the
model out as Atom, RSS, JSON Feed, WXR or semantic HTML.

Example:
    >>> import datetime as dt
    >>> from diploblog import Author, Blog, Post
    >>> blog = Blog(title="Global conversations", posts=[
    ...     Post(title="The end of this blog", authors=[Author(name="Stephen Hale")],
    ...          published=dt.datetime(2010, 7, 20, tzinfo=dt.timezone.utc))])
    >>> blog.posts[0].authors[0].name
    'Stephen Hale'
"""

from __future__ import annotations

from diploblog._convert import convert
from diploblog._errors import (
    DateError,
    DiploblogError,
    ParseError,
    UnsafeInputError,
    UnsupportedFormatError,
)
from diploblog._json import from_dict, to_dict
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
from diploblog._parse_feed import parse_feed
from diploblog._xmlwrite import ForbiddenCharacterWarning
from diploblog.atom import to_atom
from diploblog.html import (
    Layout,
    NavLink,
    PageContext,
    SiteError,
    default_layout,
    parse_html,
    site,
    to_html,
)
from diploblog.jsonfeed import to_json_feed
from diploblog.rss import to_rss
from diploblog.wxr import to_wxr

__version__ = "0.1.0.dev0"

__all__ = [
    "Author",
    "Blog",
    "Capture",
    "Comment",
    "DateError",
    "DiploblogError",
    "Enclosure",
    "Extension",
    "ForbiddenCharacterWarning",
    "Layout",
    "Link",
    "NavLink",
    "Page",
    "PageContext",
    "ParseError",
    "Post",
    "ReadWarning",
    "SiteError",
    "Tag",
    "UnsafeInputError",
    "UnsupportedFormatError",
    "WeightedTag",
    "convert",
    "default_layout",
    "from_dict",
    "parse_feed",
    "parse_html",
    "site",
    "to_atom",
    "to_dict",
    "to_html",
    "to_json_feed",
    "to_rss",
    "to_wxr",
    "__version__",
]
