"""`diploblog rebuild`'s pure part: which files to read, and reading one as a source.

The command line does the file I/O; this module only decides and parses.
"""

from __future__ import annotations

import os.path

from diploblog._errors import UnsupportedFormatError
from diploblog._model import Blog, Page
from diploblog._parse_feed import parse_feed

__all__ = [
    "ARCHIVE_SUFFIXES",
    "SOURCE_SUFFIXES",
    "is_archive_name",
    "is_source_name",
    "read_source",
]

SOURCE_SUFFIXES: frozenset[str] = frozenset(
    {".html", ".htm", ".xhtml", ".xml", ".rss", ".atom", ".json"}
)
"""File name endings read when a directory is given to ``rebuild`` (case-insensitive)."""

ARCHIVE_SUFFIXES: tuple[str, ...] = (".warc", ".warc.gz", ".arc", ".arc.gz")
"""Web archive files ``rebuild`` reads record by record with `diploblog.warc`."""


def is_archive_name(name: str) -> bool:
    """Tell whether a file is a WARC or ARC file, by its name.

    Args:
        name: the file's name (or path).

    Returns:
        Whether it ends with one of `ARCHIVE_SUFFIXES`, ignoring case.

    Example:
        >>> is_archive_name("crawl-00001.WARC.GZ"), is_archive_name("page.html.gz")
        (True, False)
    """
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def is_source_name(name: str) -> bool:
    """Tell whether a file found in a directory is read by ``rebuild``.

    Args:
        name: the file's name (or path).

    Returns:
        Whether its ending is one of `SOURCE_SUFFIXES` or `ARCHIVE_SUFFIXES`,
        ignoring case.

    Example:
        >>> is_source_name("saved/Entry.HTML"), is_source_name("style.css")
        (True, False)
        >>> is_source_name("crawl.warc.gz")
        True
    """
    return os.path.splitext(name)[1].lower() in SOURCE_SUFFIXES or is_archive_name(name)


def read_source(data: bytes | str, *, url: str | None = None) -> Page | Blog:
    """Read a saved page or a feed for merging.

    The format is found as `diploblog.convert` finds it: anything
    `diploblog.parse_feed` reads is a feed or export; what it calls HTML is read
    with `diploblog.parse_html`. Unlike `convert`, a page stays a `Page`, so that
    `diploblog.archive.merge` knows an entry page from a listing.

    Args:
        data: the file's content.
        url: its own address, if known.

    Returns:
        A `Page` for HTML, else the feed's `Blog`.

    Raises:
        UnsupportedFormatError: the input is in no readable format.
        ParseError: the input cannot be read.
        UnsafeInputError: the input declares entities.

    Example:
        >>> read_source(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>").kind
        'other'
        >>> read_source(b'<rss version="2.0"><channel><title>T</title></channel></rss>').title
        'T'
    """
    try:
        return parse_feed(data, url=url)
    except UnsupportedFormatError as error:
        if "parse_html" not in error.message:
            raise
    from diploblog.html import parse_html

    return parse_html(data, url=url)
