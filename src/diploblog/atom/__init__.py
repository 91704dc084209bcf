"""Atom 1.0 (RFC 4287) and Atom 0.3: reading and writing Atom documents.

Example:
    >>> from diploblog._xml import parse_xml
    >>> from diploblog.atom import read_atom
    >>> root = parse_xml(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>',
    ...                  where="feed")
    >>> read_atom(root, url=None).title
    'T'
"""

from __future__ import annotations

from diploblog.atom._reader import read_atom
from diploblog.atom._writer import to_atom

__all__ = ["read_atom", "to_atom"]
