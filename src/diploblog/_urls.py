"""URL cleaning and resolution: the one place readers turn written links into model URLs.

Relative references are resolved against the ``xml:base`` chain and the document's
own address (RFC 3986 section 5, via `urllib.parse.urljoin`); ``xml:base`` values
are themselves resolved against their parent's base (XML Base, section 4.2).
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import urljoin, urlsplit

from diploblog._errors import DiploblogError

__all__ = ["PLAIN_ABSOLUTE", "clean_url", "is_plain_web_url", "is_usable", "rebase", "resolve_url"]

# Tabs and newlines are dropped inside URLs (WHATWG URL standard, "basic URL parser");
# the rest are characters RFC 3986 never allows unescaped, percent-encoded below.
_DROPPED: Final = re.compile(r"[\t\n\r]")
_ESCAPED: Final = re.compile(r'[\x00-\x20\x7f<>"{}|\\^`]')
_SCHEME: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# The bytes _ESCAPED matches, and brackets (IPv6 hosts take the slow path, where
# urllib checks they are balanced), for the fast check below.
_ESCAPED_BYTES: Final = bytes([*range(0x21), 0x7F, *b'<>"{}|\\^`[]'])


def is_plain_web_url(text: str) -> bool:
    """Whether `text` is an ``http``/``https`` URL with a host part and nothing to clean.

    What `PLAIN_ABSOLUTE` matches for the common web URLs, several times faster
    (str and bytes methods instead of a regular expression over every character);
    False for anything else, which then takes the general path.

    Example:
        >>> is_plain_web_url("https://example.org/a"), is_plain_web_url("https://example.org/a b")
        (True, False)
    """
    if not text.isascii():
        return False
    if text.startswith("https://"):
        start = 8
    elif text.startswith("http://"):
        start = 7
    else:
        return False
    return len(text) > start and len(text.encode().translate(None, _ESCAPED_BYTES)) == len(text)


PLAIN_ABSOLUTE: Final = re.compile(r'[A-Za-z][A-Za-z0-9+.\-]*://[^\x00-\x20\x7f<>"{}|\\^`\[\]]+')
"""An absolute URL with a host and nothing to clean: `resolve_url` gives it back as it is."""
_NEEDS_HOST: Final = frozenset({"http", "https", "ftp", "ftps", "ws", "wss"})


def _escape(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


def is_usable(url: str) -> bool:
    """Whether Python's URL functions can take `url` apart.

    They refuse a host with an unbalanced bracket (``http://[x/``), so every other
    step that splits or joins URLs would fail on it.

    Example:
        >>> is_usable("https://[::1]/feed"), is_usable("http://[x/feed")
        (True, False)
    """
    try:
        urlsplit(url)
    except ValueError:
        return False
    return True


def clean_url(text: str | None) -> str | None:
    r"""Tidy a URL as written: strip white space, drop line breaks, percent-encode spaces.

    Args:
        text: The URL as written, or None.

    Returns:
        The cleaned URL, or None when nothing is left.

    Example:
        >>> clean_url("  https://example.org/a b\n/c  ")
        'https://example.org/a%20b/c'
    """
    if text is None:
        return None
    url = text.strip()
    if _ESCAPED.search(url) is None:
        return url or None
    url = _ESCAPED.sub(_escape, _DROPPED.sub("", url))
    return url or None


def resolve_url(text: str | None, base: str | None) -> str | None:
    """Clean a URL as written and resolve it against `base` when it is relative.

    Args:
        text: The URL as written (absolute or relative), or None.
        base: The base URL in effect (from ``xml:base`` or the document address), or None.

    Returns:
        The absolute URL (or the cleaned relative one when there is no base), or None
        when `text` is None or blank.

    Raises:
        DiploblogError: The result is not a usable URL (such as ``http:foo``, a web URL
            with no host, or ``http://[x/``, a host with an unbalanced bracket);
            readers record this as a warning.

    Example:
        >>> resolve_url("../2010/07/end.html", "https://blogs.example.org/hale/feed/")
        'https://blogs.example.org/hale/2010/07/end.html'
        >>> resolve_url("mailto:hale@example.org", "https://blogs.example.org/")
        'mailto:hale@example.org'
    """
    if text is None:
        return None
    written = text.strip()
    if is_plain_web_url(written) or PLAIN_ABSOLUTE.fullmatch(written):
        return written
    url = clean_url(written)
    if url is None:
        return None
    scheme = _SCHEME.match(url)
    if base and not (scheme and url.startswith("//", scheme.end())):
        if not is_usable(base):
            msg = f"{url!r} cannot be resolved against {base!r}, which is not a usable URL"
            raise DiploblogError(msg)
        # urljoin returns URLs with a scheme and host unchanged: skip it for them.
        url = urljoin(base, url)
        scheme = _SCHEME.match(url)
    if not is_usable(url):
        # An unbalanced "[" or "]" in the host: no URL library reads it (found by fuzzing).
        raise DiploblogError(f"{url!r} is not a usable URL (a bracket in its host is unbalanced)")
    if (
        scheme
        and scheme.group(1).lower() in _NEEDS_HOST
        and not url[scheme.end() :].startswith("//")
    ):
        msg = f"{url!r} is not a usable URL (no host after '{scheme.group(1)}:')"
        raise DiploblogError(msg)
    return url


def rebase(base: str | None, xml_base: str | None) -> str | None:
    """The base URL inside an element: its ``xml:base`` resolved against the outer base.

    Args:
        base: The base URL in effect outside the element.
        xml_base: The element's ``xml:base`` attribute, or None.

    Returns:
        The base URL in effect inside the element (the outer base when `xml_base`
        cannot be read as a URL).

    Example:
        >>> rebase("https://example.org/blog/", "posts/")
        'https://example.org/blog/posts/'
        >>> rebase("https://example.org/blog/", None)
        'https://example.org/blog/'
    """
    if xml_base is None:
        return base
    cleaned = clean_url(xml_base)
    if cleaned is None:
        return base
    if not is_usable(cleaned) or (base and not is_usable(base)):
        return base  # a host with an unbalanced bracket: this base cannot be used
    return urljoin(base, cleaned) if base else cleaned
