"""`convert`: read any readable input and write it in another format."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from diploblog._errors import UnsupportedFormatError
from diploblog._model import Blog, Page
from diploblog._parse_feed import parse_feed

__all__ = ["TARGETS", "convert", "read_any", "write_as"]

TARGETS: tuple[str, ...] = ("atom", "html", "jsonfeed", "rss", "wxr")
"""The formats `convert` writes, in the order error messages list them."""


def convert(data: bytes | str, to: str, *, url: str | None = None, pretty: bool = False) -> bytes:
    """Read a feed, export or HTML page and write it as another format.

    Args:
        data: the input: any feed `diploblog.parse_feed` reads, or an HTML page
            (read with `diploblog.parse_html`; see `read_any`).
        to: the target format, one of `TARGETS`.
        url: the input's own address, for relative URLs and messages.
        pretty: indent the output.

    Returns:
        The converted document, UTF-8 encoded.

    Raises:
        UnsupportedFormatError: `to` is not a target (the message lists them), or
            the input is in no readable format.
        ParseError: the input cannot be read.
        UnsafeInputError: the input declares entities.

    Example:
        >>> out = convert(b'<rss version="2.0"><channel><title>Global conversations</title>'
        ...               b'</channel></rss>', "jsonfeed")
        >>> b'"title":"Global conversations"' in out
        True
        >>> convert(b"", "pdf")
        Traceback (most recent call last):
        ...
        diploblog._errors.UnsupportedFormatError: cannot write 'pdf': choose one of atom, ...
    """
    write = _writer(to)
    return write(read_any(data, url=url), pretty)


def write_as(blog: Blog, to: str, *, pretty: bool = False) -> bytes:
    """Write a blog in one of the `TARGETS` formats.

    Args:
        blog: the blog.
        to: the target format, one of `TARGETS`.
        pretty: indent the output.

    Returns:
        The document, UTF-8 encoded.

    Raises:
        UnsupportedFormatError: `to` is not a target (the message lists them).

    Example:
        >>> b"<title>B</title>" in write_as(Blog(title="B"), "rss")
        True
    """
    return _writer(to)(blog, pretty)


def read_any(data: bytes | str, *, url: str | None = None) -> Blog:
    """Read a feed or an HTML page into a `Blog`.

    An HTML page becomes its `Page.blog` (an empty `Blog` when the page says
    nothing about its blog) holding the page's posts, with the page's warnings.

    Args:
        data: the input.
        url: the input's own address.

    Returns:
        The blog.

    Raises:
        UnsupportedFormatError: the input is in no readable format.
        ParseError: the input cannot be read.
        UnsafeInputError: the input declares entities.

    Example:
        >>> read_any(b'<!DOCTYPE html><html><body><article class="h-entry">'
        ...          b'<h1 class="p-name">Hello</h1><div class="e-content">Hi</div></article>'
        ...          b'</body></html>', url="https://blogs.example/entry/hello").posts[0].title
        'Hello'
    """
    try:
        return parse_feed(data, url=url)
    except UnsupportedFormatError as error:
        if "parse_html" not in error.message:
            raise
    return _page_blog(_parse_html(data, url))


def _parse_html(data: bytes | str, url: str | None) -> Page:
    from diploblog.html import parse_html

    return parse_html(data, url=url)


def _page_blog(page: Page) -> Blog:
    blog = page.blog if page.blog is not None else Blog(url=page.url)
    return attrs.evolve(blog, posts=page.posts, warnings=(*blog.warnings, *page.warnings))


def _writer(to: str) -> Callable[[Blog, bool], bytes]:
    # Imported on use: a conversion loads only the writer it needs.
    if to == "atom":
        from diploblog.atom._writer import to_atom as write
    elif to == "rss":
        from diploblog.rss._writer import to_rss as write
    elif to == "jsonfeed":
        from diploblog.jsonfeed._writer import to_json_feed as write
    elif to == "wxr":
        from diploblog.wxr._writer import to_wxr as write
    elif to == "html":
        from diploblog.html._writer import to_html

        # One page: the blog as a listing (a one-post blog as that post's page).
        return lambda blog, pretty: to_html(blog).encode("utf-8")
    else:
        msg = f"cannot write {to!r}: choose one of {', '.join(TARGETS)}"
        raise UnsupportedFormatError(msg, where="to")
    return lambda blog, pretty: write(blog, pretty=pretty)
