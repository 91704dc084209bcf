"""Apache Roller 4.0 pages (source ``roller``).

Roller's themes wrap each entry in ``<div class="entryBox">`` (the ``_day`` template)
with its anchor (``<a name="<anchor>">``), ``entryTitle``, ``entryContent`` and an
``entryInfo`` byline ("Posted 20 July 2010 by Stephen Hale", or "Posted at <time> by
<user>"); tags are ``rel="tag"`` links; ``#showWeblogEntryComments`` writes each comment
after an ``<a name="comment-<epoch millis>">`` anchor, as ``div.comment`` ending in a
``p.comment-details`` "Posted by <name> on <date>"; ``#showNextPrevEntriesControl``
writes ``div.next-previous``; ``#showRecentComments`` a ``ul.rCommentsList``; the tag
cloud ``<a class="tag sN">`` (read by `diploblog.html._sidebar.tag_cloud`).

Addresses give the page kind: ``/roller/<weblog>/entry/<anchor>`` a post,
``/tags/<tag>`` a tag page, ``/date/<yyyyMM[dd]>`` a date archive, ``/page/<name>`` a
custom page ("other"); the weblog's own address a listing.
"""

from __future__ import annotations

import copy
import datetime as _dt
import re
import urllib.parse

import attrs
import lxml.html

from diploblog._model import Comment, Link, Post, ReadWarning, Tag, WeightedTag
from diploblog.html._evidence import Context, Evidence, make_author, make_tag, text_of
from diploblog.html._mf2 import inner_html
from diploblog.html._sidebar import comment_from_link, is_chrome, tag_cloud
from diploblog.html._walk import marked

__all__ = ["read"]

_PATH = re.compile(
    r"^(?P<weblog>(?:/[^/]+)?/[^/]+)/(?P<kind>entry|tags|date|page|category)(?:/|$)(?P<rest>.*)$"
)
_KINDS = {"entry": "post", "tags": "tag", "date": "archive", "page": "other", "category": "tag"}
_BYLINE = re.compile(
    r"Posted\s+(?:at\s+|on\s+)?(?P<date>.+?)\s+by\s+(?P<author>.+?)(?:\s+in\s+.*|\s*\|.*)?$",
    re.IGNORECASE | re.DOTALL,
)
_DETAILS = re.compile(r"Posted by\s+(?P<name>.+?)\s+on\s+(?P<date>.+?)\s*#?\s*$", re.DOTALL)
_COMMENT_ID = re.compile(r"^comment-(\d{10,14})$")
_COUNT = re.compile(r"\[(\d+)\]|\((\d+)\)")
_ENTRY_CLASSES = frozenset({"entryBox", "entry"})


def _classes(element: lxml.html.HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


def _first(element: lxml.html.HtmlElement, name: str) -> lxml.html.HtmlElement | None:
    return next((e for e in element.iter() if name in _classes(e)), None)


def _is_roller(doc: lxml.html.HtmlElement, context: Context) -> bool:
    generator = " ".join(m.get("content") or "" for m in doc.iter("meta"))
    if "Roller" in generator or any(
        "entryBox" in classes and e.tag == "div" and "entryBox" in classes.split()
        for e, classes, _ in marked(doc)
    ):
        return True
    return "/roller/" in urllib.parse.urlsplit(context.url or "").path


def _kind(url: str | None) -> tuple[str | None, str | None]:
    """The page kind the address shows, and the weblog's own address."""
    if not url:
        return None, None
    parts = urllib.parse.urlsplit(url)
    match = _PATH.match(parts.path)
    if match is None:
        return None, None
    home = urllib.parse.urlunsplit(
        (parts.scheme, parts.netloc, match.group("weblog") + "/", "", "")
    )
    return _KINDS[match.group("kind")], home


def _anchor(box: lxml.html.HtmlElement) -> str | None:
    named = next((a for a in box.iter("a") if a.get("name") or a.get("id")), None)
    value = (named.get("name") or named.get("id")) if named is not None else box.get("id")
    return str(value) if value else None


def _content(element: lxml.html.HtmlElement, context: Context) -> str | None:
    element = copy.deepcopy(element)
    for node in [n for n in element.iter() if isinstance(n.tag, str) and is_chrome(n)]:
        if node.getparent() is not None:
            node.drop_tree()
    return inner_html(element, context, clean=True, copy=False) or None


def _permalink(
    box: lxml.html.HtmlElement, anchor: str | None, home: str | None, context: Context
) -> str | None:
    body = _first(box, "entryContent")
    outside = [a for a in box.iter("a") if body is None or body not in a.iterancestors()]
    for link in outside:
        url = context.resolve(link.get("href"))
        if url and "/entry/" in url and "#" not in url:
            return url
    if anchor and home:
        return f"{home}entry/{urllib.parse.quote(anchor)}"
    return None


def _comment_count(info: lxml.html.HtmlElement | None) -> int | None:
    link = _first(info, "commentsLink") if info is not None else None
    match = _COUNT.search(link.text_content()) if link is not None else None
    return int(match.group(1) or match.group(2)) if match else None


def _entry(
    box: lxml.html.HtmlElement, home: str | None, context: Context
) -> tuple[Post, list[ReadWarning]]:
    title_element, body, info = (
        _first(box, n) for n in ("entryTitle", "entryContent", "entryInfo")
    )
    anchor = _anchor(box)
    warnings: list[ReadWarning] = []
    published, author = None, None
    match = _BYLINE.search(text_of(info.text_content()) or "") if info is not None else None
    if match:
        published, warning = context.date(match.group("date"), "roller entryInfo")
        warnings.extend([warning] if warning else [])
        author = make_author(name=match.group("author"))
    rel_tags = [
        make_tag(a.text_content(), url=context.resolve(a.get("href")))
        for a in box.iter("a")
        if "tag" in (a.get("rel") or "").split()
    ]
    post = Post(
        url=_permalink(box, anchor, home, context),
        title=text_of(title_element.text_content()) if title_element is not None else None,
        published=published,
        authors=(author,) if author else (),
        content=_content(body, context) if body is not None else None,
        tags=tuple(dict.fromkeys(t for t in rel_tags if isinstance(t, Tag))),
        comment_count=_comment_count(info),
    )
    return post, warnings


def _comment(
    anchor_name: str, div: lxml.html.HtmlElement, context: Context
) -> tuple[Comment, list[ReadWarning]]:
    details = _first(div, "comment-details")
    warnings: list[ReadWarning] = []
    name, published, url = None, None, None
    if details is not None:
        match = _DETAILS.search(text_of(details.text_content()) or "")
        link = next((a for a in details.iter("a") if "nofollow" in (a.get("rel") or "")), None)
        url = context.resolve(link.get("href")) if link is not None else None
        if match:
            name = match.group("name")
            published, warning = context.date(match.group("date"), "roller comment-details")
            warnings.extend([warning] if warning else [])
        body = copy.deepcopy(div)
        body_details = _first(body, "comment-details")
        if body_details is not None:
            body_details.drop_tree()
        div = body
    millis = _COMMENT_ID.match(anchor_name)
    if millis and len(millis.group(1)) == 13 and published is None:
        published = _dt.datetime.fromtimestamp(int(millis.group(1)) / 1000, tz=_dt.timezone.utc)
    return (
        Comment(
            id=anchor_name,
            url=f"{context.url}#{anchor_name}" if context.url else None,
            author=make_author(name=name, url=url),
            published=published,
            content=inner_html(div, context, clean=True),
        ),
        warnings,
    )


def _comments(
    doc: lxml.html.HtmlElement, context: Context
) -> tuple[tuple[Comment, ...], list[ReadWarning]]:
    found: list[Comment] = []
    warnings: list[ReadWarning] = []
    for anchor in doc.iter("a"):
        name = anchor.get("name") or anchor.get("id") or ""
        if not _COMMENT_ID.match(name):
            continue
        div = anchor.getnext()
        if div is None or "comment" not in _classes(div):
            continue
        comment, trouble = _comment(name, div, context)
        found.append(comment)
        warnings.extend(trouble)
    return tuple(found), warnings


def _neighbours(doc: lxml.html.HtmlElement, context: Context) -> list[Link]:
    links: list[Link] = []
    for box in (e for e in doc.iter("div") if "next-previous" in _classes(e)):
        anchors = [a for a in box.iter("a") if context.resolve(a.get("href"))]
        text = box.text_content()
        for anchor in anchors:
            url = context.resolve(anchor.get("href"))
            label = text_of(anchor.text_content())
            before = text[: text.find(anchor.text_content())]
            if url is None or "/entry/" not in url:
                continue
            rel = "prev" if "\u00ab" in before and not links else "next"
            links.append(Link(url=url, rel=rel, title=label))
    return links


def _recent(doc: lxml.html.HtmlElement, context: Context) -> tuple[Comment, ...]:
    found = []
    for box in (e for e in doc.iter("ul") if "rCommentsList" in _classes(e)):
        for item in box.iter("li"):
            anchor = next(item.iter("a"), None)
            comment = comment_from_link(anchor, context) if anchor is not None else None
            if comment is not None:
                found.append(comment)
    return tuple(found)


def _cloud(doc: lxml.html.HtmlElement, context: Context) -> tuple[WeightedTag, ...]:
    # #showPopularTags writes <a class="tag sN"> links side by side, with no heading.
    for anchor in doc.iter("a"):
        classes = _classes(anchor)
        if "tag" in classes and any(re.fullmatch(r"s\d", c) for c in classes):
            parent = anchor.getparent()
            return tag_cloud(parent, context) if parent is not None else ()
    return ()


def read(doc: lxml.html.HtmlElement, context: Context) -> tuple[Evidence, ...]:
    """Read the entries, comments and navigation of an Apache Roller page.

    Args:
        doc: The parsed page.
        context: The page context; its URL gives the page kind.

    Returns:
        One `Evidence` labelled ``roller``, or () for a page Roller did not write.

    Example:
        >>> doc = lxml.html.fromstring('<div class="entryBox"><a name="hi"></a>'
        ...     '<p class="entryTitle">Hi</p><p class="entryContent">Text</p>'
        ...     '<p class="entryInfo">Posted 20 July 2010 by Stephen Hale</p></div>')
        >>> post = read(doc, Context(url="http://e.org/roller/hale/entry/hi"))[0].posts[0]
        >>> post.title, post.authors[0].name, post.url
        ('Hi', 'Stephen Hale', 'http://e.org/roller/hale/entry/hi')
    """
    if not _is_roller(doc, context):
        return ()
    kind, home = _kind(context.url)
    warnings: list[ReadWarning] = []
    posts = []
    for box in (e for e in doc.iter("div") if _classes(e) & _ENTRY_CLASSES):
        post, trouble = _entry(box, home, context)
        posts.append(post)
        warnings.extend(trouble)
    comments, trouble = _comments(doc, context)
    warnings.extend(trouble)
    if len(posts) == 1 and comments:
        posts[0] = attrs.evolve(posts[0], comments=comments)
    if kind is None and len(posts) > 1:
        kind = "listing"
    return (
        Evidence(
            source="roller",
            posts=tuple(posts),
            listing=len(posts) > 1,
            kind=kind if kind != "post" or len(posts) == 1 else None,
            links=tuple(_neighbours(doc, context)),
            recent_comments=_recent(doc, context),
            tag_cloud=_cloud(doc, context),
            warnings=tuple(warnings),
        ),
    )
