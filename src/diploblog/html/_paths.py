"""Where each page of a static site goes: safe, stable, unique relative paths.

Every path `diploblog.site` returns is built here from path segments that hold
only lower-case ASCII letters, digits, ``-`` and ``_`` (a name in another script
is written in Punycode, ``xn--...``, as host names are), so a path never holds
``..``, a leading ``/``, a backslash, a drive letter or a character a file
system or a URL would treat specially. Names are lower case so that two pages
never differ only by case, which case-insensitive file systems would merge.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Iterable

__all__ = ["Names", "is_safe_path", "relative", "segment", "url_name"]

_MAX_SEGMENT = 60
_UNSAFE_RUN = re.compile(r"[^\w-]+")
_HYPHENS = re.compile(r"-{2,}")
_SAFE_SEGMENT = re.compile(r"[a-z0-9][a-z0-9_-]*")
_EXTENSION = re.compile(r"\.(?:html?|php\d?|aspx?|jsp|cgi|shtml)$", re.IGNORECASE)
# Names Windows refuses for files and folders, whatever the extension.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)


def segment(text: str | None) -> str:
    """Make a text into one safe path segment, or "" when nothing of it is usable.

    Example:
        >>> segment("The End of This Blog!"), segment("../etc/passwd"), segment("Россия")
        ('the-end-of-this-blog', 'etc-passwd', 'xn--h1alffa9f')
        >>> segment("%%%"), segment("con")
        ('', 'con_')
    """
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", urllib.parse.unquote(text)).casefold()
    name = _HYPHENS.sub("-", _UNSAFE_RUN.sub("-", folded)).strip("-_")
    if name and not name.isascii():
        name = "xn--" + name.encode("punycode").decode("ascii").strip("-_")
    name = name[:_MAX_SEGMENT].rstrip("-_")
    if not _SAFE_SEGMENT.fullmatch(name):
        return ""
    return f"{name}_" if name in _RESERVED else name


def url_name(url: str | None) -> str:
    """The name a permalink gives its page: its last path segment without extension.

    Addresses with a query (``/?p=42``, ``entry.php?id=5``) name no page.

    Example:
        >>> url_name("http://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog")
        'the_end_of_this_blog'
        >>> url_name("https://ex.org/2010/07/tea.html"), url_name("https://ex.org/?p=42")
        ('tea', '')
    """
    if not url:
        return ""
    parts = urllib.parse.urlsplit(url)
    if parts.query:
        return ""
    last = parts.path.rstrip("/").rpartition("/")[2]
    return segment(_EXTENSION.sub("", last))


class Names:
    """The names taken in each folder, handing out a free one for each new page.

    A name already taken gets ``-2``, ``-3``, ... so that pages whose slugs collide
    keep distinct paths; names in `reserved` are never handed out as they are.

    Example:
        >>> names = Names(reserved={"page"})
        >>> [names.take("2010/07", n) for n in ("tea", "tea", "page", "")]
        ['tea', 'tea-2', 'page-2', 'post']
    """

    def __init__(self, *, reserved: Iterable[str] = (), fallback: str = "post") -> None:
        self._reserved = frozenset(reserved)
        self._fallback = fallback
        self._taken: set[tuple[str, str]] = set()

    def take(self, folder: str, wanted: str) -> str:
        """Take the name `wanted` (or the nearest free one) in `folder`."""
        base = wanted or self._fallback
        name, number = base, 1
        while name in self._reserved or (folder, name) in self._taken:
            number += 1
            name = f"{base}-{number}"
        self._taken.add((folder, name))
        return name


def relative(source: str, target: str) -> str:
    """The relative link from the page at path `source` to the page at path `target`.

    The link goes up to the site's root and down again, so that it depends only on
    how deep `source` is: the same markup serves every page at that depth.

    Example:
        >>> relative("2010/07/tea/index.html", "tags/tea/index.html")
        '../../../tags/tea/index.html'
        >>> relative("index.html", "feed.xml"), relative("tags/index.html", "tags/a/index.html")
        ('feed.xml', '../tags/a/index.html')
    """
    return "../" * source.count("/") + target


def is_safe_path(path: str) -> bool:
    r"""Whether a relative path stays inside the folder it is written under.

    Example:
        >>> is_safe_path("2010/07/index.html"), is_safe_path("../x"), is_safe_path("/etc/x")
        (True, False, False)
        >>> is_safe_path("a\\b"), is_safe_path("c:x"), is_safe_path("a//b")
        (False, False, False)
    """
    if not path or path.startswith("/") or "\\" in path or ":" in path or "\x00" in path:
        return False
    return all(part not in {"", ".", ".."} for part in path.split("/"))
