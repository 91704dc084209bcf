"""Reading Blogger exports: Atom documents whose entries say what they are with a kind category.

A Blogger export (Settings > Back up content) is one Atom feed holding settings,
the template, posts and comments, each entry marked with
``<category scheme="http://schemas.google.com/g/2005#kind"
term="http://schemas.google.com/blogger/2008/kind#post"/>``. A comment names its
post with ``thr:in-reply-to ref="<post id>"``; a reply to another comment carries
``<link rel="related" href=".../comments/default/<parent comment number>"/>``.
"""

from __future__ import annotations

import datetime as _dt
from typing import Final

import attrs
from lxml import etree

from diploblog._errors import DiploblogError, UnsupportedFormatError
from diploblog._model import Author, Blog, Comment, Post, ReadWarning, Tag
from diploblog._urls import clean_url
from diploblog._xml import element_path, parse_xml
from diploblog.dates import parse_date

__all__ = ["KIND_SCHEME", "read_blogger"]

KIND_SCHEME: Final = "http://schemas.google.com/g/2005#kind"
"""The category scheme Blogger marks each export entry's kind with."""

_ATOM: Final = "{http://www.w3.org/2005/Atom}"
_THR: Final = "{http://purl.org/syndication/thread/1.0}"
_APP: Final = "{http://purl.org/atom/app#}"
_KIND_PREFIX: Final = "http://schemas.google.com/blogger/2008/kind#"
_LABELS: Final = "http://www.blogger.com/atom/ns#"
_NO_AUTHOR: Final = frozenset({"noreply@blogger.com"})


def read_blogger(data: bytes | str | etree._Element, *, url: str | None = None) -> Blog:
    """Read a Blogger export into a `Blog`: posts with their labels and threaded comments.

    Settings and template entries are not posts (``BLOG_DESCRIPTION`` fills
    `Blog.description`); drafts get ``status="draft"``, other posts ``"publish"``.
    A comment whose post or parent comment is missing is kept (on its post, or
    not at all when the post is missing) and reported in `Blog.warnings`.

    Args:
        data: The export as bytes or text, or its parsed root element.
        url: Where it came from, for messages.

    Returns:
        The blog.

    Raises:
        ParseError: The document is not well-formed XML.
        UnsupportedFormatError: The document is not an Atom feed.

    Example:
        >>> blog = read_blogger(b'''<feed xmlns="http://www.w3.org/2005/Atom"><title>B</title>
        ... <entry><id>tag:blogger.com,1999:blog-1.post-2</id><title>Hi</title>
        ... <category scheme="http://schemas.google.com/g/2005#kind"
        ...   term="http://schemas.google.com/blogger/2008/kind#post"/></entry></feed>''')
        >>> blog.title, blog.posts[0].title
        ('B', 'Hi')
    """
    where = url or "input"
    if isinstance(data, str):
        data = data.encode("utf-8")
    root = data if isinstance(data, etree._Element) else parse_xml(data, where=where)
    if root.tag != _ATOM + "feed":
        raise UnsupportedFormatError("not a Blogger export: expected an Atom <feed>", where=where)
    return _read(root)


def _text(el: etree._Element | None) -> str | None:
    if el is None or el.text is None:
        return None
    return el.text.strip() or None


def _kind(entry: etree._Element) -> str | None:
    for category in entry.iterchildren(_ATOM + "category"):
        if category.get("scheme") == KIND_SCHEME:
            return (category.get("term") or "").removeprefix(_KIND_PREFIX)
    return None


def _read(root: etree._Element) -> Blog:
    warnings: list[ReadWarning] = []
    settings: dict[str, str] = {}
    posts: dict[str, Post] = {}
    comments: list[tuple[etree._Element, Comment]] = []
    for entry in root.iterchildren(_ATOM + "entry"):
        kind, entry_id = _kind(entry), _text(entry.find(_ATOM + "id")) or ""
        if kind == "settings":
            settings[entry_id.rpartition(".settings.")[2]] = (
                _text(entry.find(_ATOM + "content")) or ""
            )
        elif kind == "post":
            posts[entry_id] = _post(entry, warnings)
        elif kind == "comment":
            comments.append((entry, _comment(entry, warnings)))
        elif kind is None:
            warnings.append(_warning("an entry without a Blogger kind: left out", entry))
    by_post = _attach(comments, posts, warnings)
    alternate = root.find(_ATOM + "link[@rel='alternate']")
    return Blog(
        id=_text(root.find(_ATOM + "id")),
        title=settings.get("BLOG_NAME") or _text(root.find(_ATOM + "title")),
        url=clean_url(alternate.get("href")) if alternate is not None else None,
        description=settings.get("BLOG_DESCRIPTION") or None,
        updated=_date(root.find(_ATOM + "updated"), warnings),
        generator=_text(root.find(_ATOM + "generator")),
        posts=[_with_comments(post, by_post.get(post_id, [])) for post_id, post in posts.items()],
        warnings=warnings,
    )


def _with_comments(post: Post, comments: list[Comment]) -> Post:
    return attrs.evolve(post, comments=comments)


def _warning(message: str, el: etree._Element) -> ReadWarning:
    return ReadWarning(message=message, where=element_path(el))


def _date(el: etree._Element | None, warnings: list[ReadWarning]) -> _dt.datetime | None:
    text = _text(el)
    if text is None or el is None:
        return None
    try:
        return parse_date(text)
    except DiploblogError:
        warnings.append(_warning(f"unreadable date {text!r}", el))
        return None


def _author(entry: etree._Element) -> Author | None:
    el = entry.find(_ATOM + "author")
    if el is None:
        return None
    name = _text(el.find(_ATOM + "name"))
    email = _text(el.find(_ATOM + "email"))
    uri = _text(el.find(_ATOM + "uri"))
    email = None if email in _NO_AUTHOR or (email and "@" not in email) else email
    try:
        url = clean_url(uri)
    except DiploblogError:
        url = None
    if name in (None, "Anonymous") and email is None and url is None:
        return None
    return Author(name=name, email=email, url=url)


def _href(entry: etree._Element, rel: str, type_: str | None = None) -> str | None:
    for link in entry.iterchildren(_ATOM + "link"):
        if link.get("rel") == rel and (type_ is None or link.get("type") == type_):
            try:
                return clean_url(link.get("href"))
            except DiploblogError:
                return None
    return None


def _post(entry: etree._Element, warnings: list[ReadWarning]) -> Post:
    draft = _text(entry.find(f"{_APP}control/{_APP}draft"))
    labels = [
        Tag(term=term, scheme=_LABELS)
        for c in entry.iterchildren(_ATOM + "category")
        if c.get("scheme") == _LABELS and (term := (c.get("term") or "").strip())
    ]
    author = _author(entry)
    total = _text(entry.find(_THR + "total"))
    return Post(
        id=_text(entry.find(_ATOM + "id")),
        url=_href(entry, "alternate"),
        title=_text(entry.find(_ATOM + "title")),
        published=_date(entry.find(_ATOM + "published"), warnings),
        updated=_date(entry.find(_ATOM + "updated"), warnings),
        authors=[author] if author else [],
        content=entry.findtext(_ATOM + "content") or None,
        tags=labels,
        comment_count=int(total) if total and total.isdigit() else None,
        comments_feed_url=_href(entry, "replies", "application/atom+xml"),
        status="draft" if draft == "yes" else "publish",
    )


def _comment_number(entry_id: str) -> str:
    # tag:blogger.com,1999:blog-<blog>.post-<number>: comments share the post-<n> form.
    return entry_id.rpartition("-")[2]


def _comment(entry: etree._Element, warnings: list[ReadWarning]) -> Comment:
    entry_id = _text(entry.find(_ATOM + "id")) or ""
    related = _href(entry, "related")
    parent = related.rstrip("/").rpartition("/")[2] if related else None
    return Comment(
        id=_comment_number(entry_id) or None,
        url=_href(entry, "alternate"),
        author=_author(entry),
        published=_date(entry.find(_ATOM + "published"), warnings),
        content=entry.findtext(_ATOM + "content") or "",
        in_reply_to=parent if parent and parent != _comment_number(entry_id) else None,
    )


def _attach(
    comments: list[tuple[etree._Element, Comment]],
    posts: dict[str, Post],
    warnings: list[ReadWarning],
) -> dict[str, list[Comment]]:
    by_post: dict[str, list[Comment]] = {}
    for entry, comment in comments:
        target = entry.find(_THR + "in-reply-to")
        ref = target.get("ref") if target is not None else None
        if ref is None or ref not in posts:
            warnings.append(
                _warning(f"comment {comment.id!r} is on a post not in the export", entry)
            )
            continue
        by_post.setdefault(ref, []).append(comment)
    for post_comments in by_post.values():
        ids = {c.id for c in post_comments}
        for comment in post_comments:
            if comment.in_reply_to is not None and comment.in_reply_to not in ids:
                message = f"comment {comment.id!r} replies to {comment.in_reply_to!r}, not found"
                warnings.append(ReadWarning(message=message, where="feed/entry"))
    return by_post
