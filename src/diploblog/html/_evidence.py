"""The partial-result type every evidence layer returns, and the context layers share.

A layer is a function ``read(doc, context) -> tuple[Evidence, ...]``: it looks at the
parsed document for one kind of evidence (microformats, JSON-LD, ``<meta>`` tags, an
engine's markup, ...) and reports what it found as `Evidence`, one per *source label*.
The reader (`diploblog.html._reader`) merges the evidence of all layers by the
precedence table of its module docstring. Adding a layer is one more module with a
``read`` function and its source labels added to that table.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
import urllib.parse

import attrs

from diploblog._errors import DateError, DiploblogError
from diploblog._model import Author, Blog, Comment, Link, Post, ReadWarning, Tag, WeightedTag
from diploblog._urls import resolve_url

__all__ = [
    "Context",
    "Evidence",
    "date_precision",
    "language",
    "make_author",
    "make_tag",
    "paragraphs",
    "text_of",
]

_SPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n\s*\n")
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_YEAR_ONLY = re.compile(r"\d{4}")
_MONTH_ONLY = re.compile(r"\d{4}-\d{1,2}|\d{4}/\d{1,2}|\d{1,2}/\d{4}|[^\W\d_]{3,}\.?,?\s+\d{4}")


@attrs.frozen(kw_only=True)
class Context:
    """What every layer needs to know about the page besides its tree.

    `url` is the address the caller gave; `base` the one relative URLs resolve
    against (`url` joined with the page's ``<base href>``).

    Example:
        >>> Context(url=None, base="http://example.org/blog/").resolve(" a b.html ")
        'http://example.org/blog/a%20b.html'
    """

    url: str | None = None
    base: str | None = None

    def resolve(self, ref: str | None) -> str | None:
        """Make `ref` absolute against the base and safe to store in the model.

        Args:
            ref: An attribute value as written, possibly relative, padded or empty.

        Returns:
            The resolved URL, or None for an empty reference or a ``javascript:`` one.

        Example:
            >>> Context(base="http://example.org/a/").resolve("../b")
            'http://example.org/b'
        """
        if ref is None or ref.strip().lower().startswith(("javascript:", "data:")):
            return None
        try:
            return resolve_url(ref, self.base)
        except ValueError:  # no host after http:, an invalid IPv6 host, ...
            return None

    def date(self, text: str | None, where: str) -> tuple[_dt.datetime | None, ReadWarning | None]:
        """Read a date as a page writes it, assuming UTC (with a warning) when zoneless.

        Args:
            text: The date text or attribute value.
            where: Where it was found, for the warning.

        Returns:
            The aware datetime (or None) and a warning when one is due.

        Example:
            >>> when, warning = Context().date("2010-07-20T10:00:00+01:00", "x")
            >>> when.isoformat(), warning
            ('2010-07-20T10:00:00+01:00', None)
        """
        from diploblog.dates import parse_date

        if text is None or not text.strip():
            return None, None
        text = text.strip()
        try:
            return parse_date(text), None
        except DateError:
            pass
        try:
            when = parse_date(text, default_tz=_dt.timezone.utc)
        except DateError:
            return None, ReadWarning(message=f"unreadable date {text!r}", where=where)
        note = f"date {text!r} has no time zone; UTC assumed"
        return when, ReadWarning(message=note, where=where)


@attrs.frozen(kw_only=True)
class Evidence:
    """What one layer found on a page from one source, for the reader to merge.

    `source` names the evidence (``"mf2"``, ``"hatom"``, ``"jsonld"``, ``"microdata"``,
    ``"opengraph"``, ``"dublincore"``, ``"time"``, ``"meta"``) and is the key of the
    precedence table. `posts` are partial posts: only the fields this source shows are
    set. When `describes_page` is true the posts describe the page as a whole (tags in
    ``<head>``) rather than an element in it: the reader folds them into the page's
    single post, and makes a post of them only when `article` says the source saw a
    sign that the page is one article. `listing` says a container of entries (an
    h-feed, a schema.org Blog) was seen. `blog` holds what the source says about the
    blog, `links` pagination and archive links, `warnings` recoverable trouble.
    `kind` is the page kind the source recognised (``"tag"``, ``"archive"``, ...), and
    `tag_cloud`, `recent_comments` and `featured` are the page's sidebars.
    `coarse_dates` names the dates the source shows only to the month or the year
    (``<time datetime="2010-07">``, "July 2010"; see `date_precision`) as
    ``(index in posts, field)`` pairs: the reader takes a fuller date of any other
    source before them, since the first of the month they read as is not a date the
    page states.
    `nameless` holds the indexes in `posts` of the posts the source knows to have no
    title (a microformats2 ``h-entry`` the implied-name rule leaves unnamed): the
    page's own title (``<title>``, ``og:title``) does not name them.

    Example:
        >>> Evidence(source="opengraph", posts=(Post(title="Hello"),), describes_page=True,
        ...          article=True).posts[0].title
        'Hello'
    """

    source: str
    posts: tuple[Post, ...] = ()
    describes_page: bool = False
    article: bool = False
    listing: bool = False
    blog: Blog | None = None
    links: tuple[Link, ...] = ()
    warnings: tuple[ReadWarning, ...] = ()
    kind: str | None = None
    tag_cloud: tuple[WeightedTag, ...] = ()
    recent_comments: tuple[Comment, ...] = ()
    featured: tuple[Link, ...] = ()
    coarse_dates: frozenset[tuple[int, str]] = frozenset()
    nameless: tuple[int, ...] = ()

    def coarse(self, index: int) -> frozenset[str]:
        """The date fields of ``posts[index]`` that this source shows only in part.

        Example:
            >>> Evidence(source="hatom", posts=(Post(),),
            ...          coarse_dates=frozenset({(0, "published")})).coarse(0)
            frozenset({'published'})
        """
        return frozenset(field for at, field in self.coarse_dates if at == index)


def date_precision(text: str | None) -> str:
    """How much of a date a text shows: ``"year"``, ``"month"`` or ``"day"`` (or more).

    A ``<time datetime="2010-07">`` or a "July 2010" reads as the first of the month,
    a day the page never stated; layers record such dates in `Evidence.coarse_dates`.

    Example:
        >>> [date_precision(t) for t in ("2010", "2010-07", "July 2010", "20 July 2010")]
        ['year', 'month', 'month', 'day']
    """
    text = (text or "").strip()
    if _YEAR_ONLY.fullmatch(text):
        return "year"
    if _MONTH_ONLY.fullmatch(text):
        return "month"
    return "day"


def text_of(value: str | None) -> str | None:
    r"""Collapse white space in a text; None when nothing is left.

    Example:
        >>> text_of("  The end\n  of this blog ")
        'The end of this blog'
    """
    if value is None:
        return None
    value = _SPACE.sub(" ", value).strip()
    return value or None


def paragraphs(text: str | None) -> str | None:
    r"""Turn plain text into HTML: escaped, one ``<p>`` per blank-line-separated block.

    Example:
        >>> paragraphs("Fish & chips\n\nTea")
        '<p>Fish &amp; chips</p>\n<p>Tea</p>'
    """
    if text is None:
        return None
    blocks = [text_of(block) for block in _BLANK_LINES.split(text)]
    kept = [f"<p>{html.escape(block, quote=False)}</p>" for block in blocks if block]
    return "\n".join(kept) or None


def language(value: str | None) -> str | None:
    """Keep a language tag only when it is one the model accepts.

    Example:
        >>> language("en_GB"), language("English!")
        ('en-GB', None)
    """
    if not value:
        return None
    value = value.strip().replace("_", "-")
    return value if _LANGUAGE.fullmatch(value) else None


def make_author(
    *,
    name: str | None = None,
    url: str | None = None,
    email: str | None = None,
    role: str | None = None,
    location: str | None = None,
    avatar: str | None = None,
) -> Author | None:
    """Build an `Author` from what a page shows, or None when it shows nothing usable.

    Example:
        >>> make_author(name="  Stephen   Hale ", email="mailto:sh@example.org").email
        'sh@example.org'
        >>> make_author(name=" ") is None
        True
    """
    if email is not None:
        email = email.strip()
        email = email[7:] if email.lower().startswith("mailto:") else email
        # RFC 6068: "?" starts the mailto URL's headers; the address is percent-encoded.
        email = urllib.parse.unquote(email.split("?")[0])
        email = email if "@" in email else None  # found by fuzzing: "mailto:o%3C?x@y"
    name = text_of(name)
    if name is None and url is None and email is None:
        return None
    return Author(
        name=name,
        url=url,
        email=email,
        role=text_of(role),
        location=text_of(location),
        avatar=avatar,
    )


def make_tag(
    term: str | None,
    *,
    url: str | None = None,
    label: str | None = None,
    scheme: str | None = None,
) -> Tag | None:
    """Build a `Tag` from a term as written, or None when the term is blank.

    A `label` that only repeats the term is no label.

    Example:
        >>> make_tag(" digital  diplomacy ").slug
        'digital-diplomacy'
        >>> make_tag("dd", label="Digital diplomacy", scheme="category").display
        'Digital diplomacy'
    """
    term = text_of(term)
    if not term:
        return None
    label = text_of(label)
    label = None if label == term else label
    scheme = text_of(scheme)
    try:
        return Tag(term=term, url=url, label=label, scheme=scheme)
    except DiploblogError:
        # A page's unusable tag URL must not cost the tag, or the page.
        return Tag(term=term, label=label, scheme=scheme)
