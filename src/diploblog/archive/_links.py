"""Links between posts: neighbours in time, and permalinks in WordPress and Roller form."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import NoReturn

from diploblog._errors import DiploblogError
from diploblog._model import Post
from diploblog._slug import slugify
from diploblog.archive._order import post_date, tie_key

__all__ = ["neighbours", "permalink", "roller_anchor", "roller_permalink"]

_TOKEN = re.compile(r"%([a-z_]+)%")
# Characters that would end or break a path segment if a value carried them.
_UNSAFE_IN_SEGMENT = re.compile(r'[\x00-\x20\x7f%/?#<>"{}|\\^`]')


def neighbours(posts: Iterable[Post], post: Post) -> tuple[Post | None, Post | None]:
    """The posts just before and just after `post` in time, for "previous / next" links.

    Posts are ordered by `published` (else `updated`), and posts at the same
    moment by id, then URL, then title, so no post sharing a date is skipped.
    Undated posts have no place in the sequence and are left out.

    Args:
        posts: All posts of the blog, in any order.
        post: The post whose neighbours are wanted; it must be among `posts`.

    Returns:
        ``(previous, next)``: the older and the newer neighbour, None at either end.

    Raises:
        DiploblogError: `post` is not among `posts`, or has no date.

    Example:
        >>> import datetime as dt
        >>> day = dt.datetime(2010, 7, 20, tzinfo=dt.timezone.utc)
        >>> a, b, c = (Post(id=i, published=day) for i in ("a", "b", "c"))
        >>> [p.id if p else None for p in neighbours([c, a, b], b)]
        ['a', 'c']
    """
    if post_date(post) is None:
        msg = f"post {_describe(post)} has no date, so it has no neighbours in time"
        raise DiploblogError(msg, where="neighbours(post=...)")
    pairs = [(when, p) for p in posts if (when := post_date(p)) is not None]
    pairs.sort(key=lambda pair: tie_key(pair[1]))
    pairs.sort(key=lambda pair: pair[0])
    dated = [p for _, p in pairs]
    index = _find(dated, post)
    before = dated[index - 1] if index > 0 else None
    after = dated[index + 1] if index + 1 < len(dated) else None
    return before, after


def _find(posts: Sequence[Post], post: Post) -> int:
    for index, candidate in enumerate(posts):
        if candidate is post:
            return index
    for index, candidate in enumerate(posts):
        if candidate == post:
            return index
    msg = f"post {_describe(post)} is not among the posts given"
    raise DiploblogError(msg, where="neighbours(post=...)")


def _describe(post: Post) -> str:
    return repr(post.id or post.url or post.title or "(untitled)")


def roller_anchor(
    title: str | None,
    *,
    text: str | None = None,
    published: _dt.datetime | None = None,
    taken: Iterable[str] = (),
    separator: str = "_",
) -> str:
    """The anchor Apache Roller gives an entry: the last path segment of its permalink.

    Roller's rule (``WeblogEntry.createAnchorBase`` and
    ``JPAWeblogEntryManagerImpl.createAnchor`` in apache/roller,
    ``app/src/main/java/org/apache/roller/weblogger/``): every character of the
    title that is not a letter or a digit becomes a space; the first five
    white-space separated words, lower-cased, are joined by the separator (``_``
    in Roller 4, as on the 2010 FCO blogs; later Roller uses ``-`` unless
    ``weblogentry.title.useUnderscoreSeparator`` is set). With no such words in the
    title Roller uses the entry's text (its stored HTML, tags and all), and with
    none there either the publication day as ``yyyyMMdd``. An anchor already used
    in the weblog gets 1, 2, ... appended with no separator.

    Args:
        title: The entry's title.
        text: The entry's stored text, used when the title has no words.
        published: The publication time, used when neither has words.
        taken: Anchors already used in the weblog.
        separator: What joins the words.

    Returns:
        The anchor.

    Raises:
        DiploblogError: There is no title, text or publication time to build it from.

    Example:
        >>> roller_anchor("The end of this blog")
        'the_end_of_this_blog'
        >>> roller_anchor("Twitter, Facebook & the FCO: what's next?")
        'twitter_facebook_the_fco_what'
        >>> roller_anchor("The end of this blog", taken={"the_end_of_this_blog"})
        'the_end_of_this_blog1'
    """
    words = _roller_words(title) or _roller_words(text)
    if words:
        base = separator.join(word.lower() for word in words[:5])
    elif published is not None:
        base = published.strftime("%Y%m%d")
    else:
        msg = "a Roller anchor needs a title, a text or a publication time"
        raise DiploblogError(msg, where="roller_anchor")
    used = set(taken)
    anchor, suffix = base, 0
    while anchor in used:
        suffix += 1
        anchor = f"{base}{suffix}"
    return anchor


def _roller_words(text: str | None) -> list[str]:
    # Java's Character.isLetterOrDigit: letters (L*) and decimal digits (Nd).
    if not text:
        return []
    return "".join(c if c.isalpha() or c.isdecimal() else " " for c in text).split()


def roller_permalink(post: Post, weblog: str, base_url: str | None = None) -> str:
    """A post's permalink in Roller's form, ``/roller/<weblog>/entry/<anchor>``.

    The anchor is `roller_anchor` of the post's title (then content, then
    `published`); anchors Roller de-duplicated with a number cannot be known from
    one post.

    Args:
        post: The post.
        weblog: The weblog's handle, such as "hale".
        base_url: The site's address; without it the path alone is returned.

    Returns:
        The permalink.

    Raises:
        DiploblogError: `weblog` is empty, or the post has nothing to build an anchor from.

    Example:
        >>> roller_permalink(Post(title="The end of this blog"), "hale", "http://blogs.fco.gov.uk/")
        'http://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog'
    """
    if not weblog.strip() or _UNSAFE_IN_SEGMENT.search(weblog):
        msg = f"{weblog!r} is not a weblog handle"
        raise DiploblogError(msg, where="roller_permalink(weblog=...)")
    anchor = roller_anchor(post.title, text=post.content, published=post.published)
    return _join(base_url, f"/roller/{weblog}/entry/{_escape(anchor)}")


def _date_part(pattern: str, token: str) -> Callable[[Post, _dt.tzinfo | None], str]:
    def value(post: Post, tz: _dt.tzinfo | None) -> str:
        when = post_date(post)
        if when is None:
            _missing(token, "the post has no published or updated date")
        return (when if tz is None else when.astimezone(tz)).strftime(pattern)

    return value


def _missing(token: str, why: str) -> NoReturn:
    msg = f"cannot fill %{token}%: {why}"
    raise DiploblogError(msg, where=f"permalink %{token}%")


def _postname(post: Post, tz: _dt.tzinfo | None) -> str:
    name = post.slug or (slugify(post.title) if post.title else "")
    if not name:
        _missing("postname", "the post has no slug and no title")
    return name


def _post_id(post: Post, tz: _dt.tzinfo | None) -> str:
    if not post.id:
        _missing("post_id", "the post has no id")
    return post.id


def _author(post: Post, tz: _dt.tzinfo | None) -> str:
    name = post.authors[0].name if post.authors else None
    if not name:
        _missing("author", "the post's first author has no name")
    return slugify(name)


def _category(post: Post, tz: _dt.tzinfo | None) -> str:
    categories = [tag for tag in post.tags if (tag.scheme or "").lower() == "category"]
    chosen = categories or list(post.tags)
    if not chosen:
        _missing("category", "the post has no tags or categories")
    return chosen[0].slug


def _anchor(post: Post, tz: _dt.tzinfo | None) -> str:
    return roller_anchor(post.title, text=post.content, published=post.published)


_TOKENS: dict[str, Callable[[Post, _dt.tzinfo | None], str]] = {
    "year": _date_part("%Y", "year"),
    "monthnum": _date_part("%m", "monthnum"),
    "day": _date_part("%d", "day"),
    "hour": _date_part("%H", "hour"),
    "minute": _date_part("%M", "minute"),
    "second": _date_part("%S", "second"),
    "postname": _postname,
    "post_id": _post_id,
    "author": _author,
    "category": _category,
    "roller_anchor": _anchor,
}


def _escape(value: str) -> str:
    return _UNSAFE_IN_SEGMENT.sub(
        lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), value
    )


def _join(base_url: str | None, path: str) -> str:
    if base_url is None:
        return path
    return base_url.rstrip("/") + "/" + path.lstrip("/")


def permalink(
    post: Post, pattern: str, *, base_url: str | None = None, tz: _dt.tzinfo | None = None
) -> str:
    """Fill a WordPress permalink structure (plus ``%roller_anchor%``) for a post.

    Tokens: ``%year%``, ``%monthnum%``, ``%day%``, ``%hour%``, ``%minute%``,
    ``%second%`` (zero-padded, from `published`, else `updated`, in `tz` or the
    offset the date was written with), ``%postname%`` (the post's `slug`, else its
    slugified title), ``%post_id%`` (its `id`), ``%author%`` (the first author's
    slugified name), ``%category%`` (the slug of the first tag whose scheme is
    "category", else of the first tag) and ``%roller_anchor%`` (see
    `roller_anchor`). Values are percent-encoded where they hold characters that
    would break a path segment (``/``, ``?``, ``#``, ``%``, spaces).

    Args:
        post: The post.
        pattern: The structure, such as ``/%year%/%monthnum%/%postname%/``.
        base_url: The blog's address, joined in front of the path when given.
        tz: The zone for the date tokens, or None for the date's own offset.

    Returns:
        The permalink.

    Raises:
        DiploblogError: The pattern has an unknown token, or the post lacks what a
            token needs; the message names the token.

    Example:
        >>> import datetime as dt
        >>> post = Post(title="The end of this blog", id="42",
        ...             published=dt.datetime(2010, 7, 20, 9, 5, tzinfo=dt.timezone.utc))
        >>> permalink(post, "/%year%/%monthnum%/%day%/%postname%/",
        ...           base_url="https://example.org/")
        'https://example.org/2010/07/20/the-end-of-this-blog/'
        >>> permalink(post, "/?p=%post_id%")
        '/?p=42'
    """
    for token in _TOKEN.findall(pattern):
        if token not in _TOKENS:
            msg = f"unknown permalink token %{token}%; known: " + ", ".join(
                f"%{name}%" for name in _TOKENS
            )
            raise DiploblogError(msg, where=f"permalink %{token}%")
    path = _TOKEN.sub(lambda m: _escape(_TOKENS[m.group(1)](post, tz)), pattern)
    return _join(base_url, path)
