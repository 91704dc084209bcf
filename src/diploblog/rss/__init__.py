"""RSS 0.90 to 2.0 and RSS 1.0 (RDF): reading and writing RSS documents.

Example:
    >>> from diploblog._xml import parse_xml
    >>> from diploblog.rss import read_rss
    >>> root = parse_xml(b'<rss version="2.0"><channel><title>T</title></channel></rss>',
    ...                  where="feed")
    >>> read_rss(root, url=None).title
    'T'
"""

from __future__ import annotations

from diploblog.rss._reader import read_rss
from diploblog.rss._writer import to_rss

__all__ = ["read_rss", "to_rss"]
