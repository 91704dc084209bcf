"""Sidebars and profile boxes, read from a page of any engine (source ``sidebar``).

Blogs show what their feeds never carry in the margins of each page: the blogger's
profile box (name, role, place), the blog's title and description, "Recent comments",
featured lists such as "Best bits" and a tag cloud. This layer finds them by their
headings and the classes themes give them, and reports them as page-level evidence:
the profile completes the page's post author, the cloud's weights come from
`diploblog.tags.weights_from_steps` (``sN``/``tag-N`` classes) or
`diploblog.tags.weights_from_sizes` (inline font sizes). `is_chrome` tells other
layers which elements (share links, comment forms) are never part of a post.
"""

from __future__ import annotations

import datetime as _dt
import html
import re

import attrs
import lxml.etree
import lxml.html

from diploblog._errors import DiploblogError
from diploblog._model import Author, Blog, Comment, Link, Post, WeightedTag
from diploblog.html._evidence import Context, Evidence, make_author, make_tag, text_of
from diploblog.html._walk import marked
from diploblog.tags import weights_from_sizes, weights_from_steps

__all__ = ["comment_from_link", "is_chrome", "read", "tag_cloud"]

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_RECENT_COMMENTS = re.compile(r"^(recent|latest) comments?$", re.IGNORECASE)
_FEATURED = re.compile(
    r"^(best bits|featured( posts)?|editor'?s picks|popular posts|highlights)$", re.IGNORECASE
)
_CLOUD = re.compile(r"^(tag cloud|tags|popular tags|labels)$", re.IGNORECASE)
_STEP_CLASS = re.compile(r"^(?:s|tag-?|size-?|level-?)(\d{1,2})$", re.IGNORECASE)
_FONT_SIZE = re.compile(r"font-size\s*:\s*([\d.]+)\s*(pt|px|em|rem|%)", re.IGNORECASE)
_COUNT = re.compile(r"(\d+)")
_COMMENT_ANCHOR = re.compile(r"#comment-(\d{10,14})$")
_CHROME = re.compile(r"(^|[-_\s])(share|sharing|addthis|sharethis|social)([-_\s]|$)", re.I)
_PROFILE = re.compile(r"(^|[-_\s])(profile|author-?box|about-?author|bio)([-_\s]|$)", re.I)
_TITLE = re.compile(r"^(blog-?title|site-?title|weblog-?title|blogname)$", re.IGNORECASE)
_DESCRIPTION = re.compile(
    r"^(blog-?description|site-?description|weblog-?description|description|tagline)$",
    re.IGNORECASE,
)
_SHARE_HEADING = re.compile(r"^share this", re.IGNORECASE)
# Every word the three name patterns above need: a class or id without one is skipped.
_NAME_WORDS = re.compile(r"profile|author|bio|title|blogname|description|tagline", re.I)


def _names(element: lxml.html.HtmlElement) -> list[str]:
    return [*(element.get("class") or "").split(), *(element.get("id") or "").split()]


def is_chrome(element: lxml.html.HtmlElement) -> bool:
    """Whether an element is page furniture that is never part of a post's content.

    Share links, comment forms and "Share this" blocks are recognised and left out.

    Example:
        >>> is_chrome(lxml.html.fromstring('<div class="share-links">x</div>'))
        True
        >>> is_chrome(lxml.html.fromstring('<p>Text</p>'))
        False
    """
    if element.tag == "form":
        return True
    if any(_CHROME.search(name) for name in _names(element)):
        return True
    return bool(_SHARE_HEADING.match(text_of(element.text) or "")) and element.tag != "p"


def _section(heading: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    # The list a sidebar heading introduces: its next sibling, or its parent's content.
    following = heading.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    if following is not None and following.tag not in _HEADINGS:
        return following
    parent = heading.getparent()
    return parent if parent is not None and parent.tag != "body" else None


_Headings = list[tuple[lxml.html.HtmlElement, str]]


def _headings(doc: lxml.html.HtmlElement) -> _Headings:
    return [(heading, text_of(heading.text_content()) or "") for heading in doc.iter(*_HEADINGS)]


def _sections(headings: _Headings, pattern: re.Pattern[str]) -> list[lxml.html.HtmlElement]:
    found = []
    for heading, text in headings:
        if pattern.match(text):
            section = _section(heading)
            if section is not None:
                found.append(section)
    return found


def _links(
    section: lxml.html.HtmlElement, context: Context
) -> list[tuple[str, str, lxml.html.HtmlElement]]:
    found = []
    for anchor in section.iter("a"):
        url, label = context.resolve(anchor.get("href")), text_of(anchor.text_content())
        if url and label:
            found.append((url, label, anchor))
    return found


def _step(anchor: lxml.html.HtmlElement) -> int | None:
    for name in (anchor.get("class") or "").split():
        match = _STEP_CLASS.match(name)
        if match:
            return int(match.group(1))
    return None


def _count(anchor: lxml.html.HtmlElement) -> int | None:
    match = _COUNT.search(anchor.get("title") or "")
    return int(match.group(1)) if match else None


def tag_cloud(section: lxml.html.HtmlElement, context: Context) -> tuple[WeightedTag, ...]:
    """The weighted tags of a tag cloud, in the order the page shows them.

    Steps come from classes (Roller's ``tag s1``..``s5``, ``tag-N``), sizes from inline
    ``font-size`` styles; counts from ``title="N topics"``. With neither steps nor
    sizes, each tag weighs 1.0.

    Args:
        section: The element holding the cloud's links.
        context: The page context, to resolve the tags' URLs.

    Returns:
        The `WeightedTag` s, or () when the section has no tag links.

    Example:
        >>> cloud = tag_cloud(lxml.html.fromstring(
        ...     '<p><a class="tag s1" href="/t/blog">blog</a> '
        ...     '<a class="tag s5" href="/t/twitter">twitter</a></p>'), Context())
        >>> [(w.tag.term, w.step, w.weight) for w in cloud]
        [('blog', 1, 0.0), ('twitter', 5, 1.0)]
    """
    entries = [
        (make_tag(label, url=url), anchor) for url, label, anchor in _links(section, context)
    ]
    tags = [(tag, anchor) for tag, anchor in entries if tag is not None]
    if not tags:
        return ()
    steps = [_step(anchor) for _, anchor in tags]
    sizes = [_FONT_SIZE.search(anchor.get("style") or "") for _, anchor in tags]
    try:
        if all(step is not None for step in steps):
            top = max(5, *(s for s in steps if s is not None))
            return weights_from_steps(
                [(tag, step or 1, _count(a)) for (tag, a), step in zip(tags, steps, strict=True)],
                steps=top,
            )
        if all(sizes):
            unit = sizes[0].group(2) if sizes[0] else None
            return weights_from_sizes(
                [
                    (tag, float(m.group(1)) if m else 0.0, _count(a))
                    for (tag, a), m in zip(tags, sizes, strict=True)
                ],
                unit=unit,
            )
    except DiploblogError:
        pass  # an odd scale: keep the tags, unweighted
    return tuple(WeightedTag(tag=tag, count=_count(a), weight=1.0) for tag, a in tags)


def comment_from_link(anchor: lxml.html.HtmlElement, context: Context) -> Comment | None:
    """A recent-comments entry: the comment its link points to (``#comment-<millis>``).

    Example:
        >>> comment_from_link(lxml.html.fromstring(
        ...     '<a href="http://e.org/entry/x#comment-1279641600000">Jo</a>'), Context()).id
        'comment-1279641600000'
    """
    url = context.resolve(anchor.get("href"))
    if url is None:
        return None
    match = _COMMENT_ANCHOR.search(url)
    published = (
        _dt.datetime.fromtimestamp(int(match.group(1)) / 1000, tz=_dt.timezone.utc)
        if match and len(match.group(1)) == 13
        else None
    )
    name = text_of(anchor.text_content())
    author = make_author(name=name.rstrip(":").strip() if name else None)
    item = anchor.getparent()
    rest = text_of(item.text_content()) if item is not None else None
    excerpt = rest[len(name) :].lstrip(" :") if rest and name and rest.startswith(name) else rest
    return Comment(
        id=f"comment-{match.group(1)}" if match else url.rpartition("#")[2] or None,
        url=url,
        author=author,
        published=published,
        content=html.escape(text_of(excerpt) or "", quote=False),
    )


def _recent_comments(headings: _Headings, context: Context) -> tuple[Comment, ...]:
    comments = []
    for section in _sections(headings, _RECENT_COMMENTS):
        for item in section.iter("li"):
            anchor = next(item.iter("a"), None)
            comment = comment_from_link(anchor, context) if anchor is not None else None
            if comment is not None:
                comments.append(comment)
    return tuple(comments)


def _featured(headings: _Headings, context: Context) -> tuple[Link, ...]:
    return tuple(
        Link(url=url, rel="bookmark", title=label)
        for section in _sections(headings, _FEATURED)
        for url, label, _ in _links(section, context)
    )


def _cloud(headings: _Headings, context: Context) -> tuple[WeightedTag, ...]:
    for section in _sections(headings, _CLOUD):
        cloud = tag_cloud(section, context)
        if cloud:
            return cloud
    return ()


def _lines(element: lxml.html.HtmlElement) -> list[str]:
    parts = [text_of(t) for t in element.itertext()]
    return [p for p in parts if p]


def _may_name(names: str) -> bool:
    # _NAME_WORDS.search, by substring tests on ASCII text (most class names): a
    # case-insensitive regex search costs a few microseconds on each of hundreds.
    if not names.isascii():
        return _NAME_WORDS.search(names) is not None
    names = names.lower()
    return (
        "title" in names
        or "author" in names
        or "profile" in names
        or "bio" in names
        or "description" in names
        or "tagline" in names
        or "blogname" in names
    )


@attrs.define
class _Named:
    """The elements whose class or id names a profile box, blog title or description."""

    profiles: list[lxml.html.HtmlElement] = attrs.Factory(list)
    titles: list[lxml.html.HtmlElement] = attrs.Factory(list)
    descriptions: list[lxml.html.HtmlElement] = attrs.Factory(list)


def _named(doc: lxml.html.HtmlElement) -> _Named:
    # One walk for all three, in document order; most elements fail the first test.
    found = _Named()
    verdicts: dict[str, bool] = {}  # pages repeat their class names: test each once
    for element, classes, ids in marked(doc):
        both = f"{classes} {ids}"
        verdict = verdicts.get(both)
        if verdict is None:
            verdict = verdicts[both] = _may_name(both)
        if not verdict:
            continue
        names = [*classes.split(), *ids.split()]
        if element.tag not in {"body", "html"} and any(_PROFILE.search(n) for n in names):
            found.profiles.append(element)
        if any(_TITLE.match(n) for n in names):
            found.titles.append(element)
        if any(_DESCRIPTION.match(n) for n in names):
            found.descriptions.append(element)
    return found


def _profile(elements: list[lxml.html.HtmlElement], context: Context) -> Author | None:
    for element in elements:
        lines = _lines(element)
        if not lines:
            continue
        # "Head of Engagement, Digital Diplomacy, London": the place comes last.
        role, comma, place = (lines[1] if len(lines) > 1 else "").rpartition(",")
        image = next(element.iter("img"), None)
        return make_author(
            name=lines[0],
            role=role if comma else place,
            location=place if comma else None,
            avatar=context.resolve(image.get("src")) if image is not None else None,
        )
    return None


def _first_text(elements: list[lxml.html.HtmlElement]) -> str | None:
    for element in elements:
        text = text_of(element.text_content())
        if text:
            return text
    return None


def read(doc: lxml.html.HtmlElement, context: Context) -> tuple[Evidence, ...]:
    """Read a page's sidebars and profile box.

    Args:
        doc: The parsed page.
        context: The page context.

    Returns:
        One `Evidence` labelled ``sidebar``, or () when the page has none of these.

    Example:
        >>> doc = lxml.html.fromstring('<div><div class="profile"><b>Stephen Hale</b><br>'
        ...     'Head of Engagement, Digital Diplomacy, London</div></div>')
        >>> read(doc, Context())[0].posts[0].authors[0].location
        'London'
    """
    named = _named(doc)
    author = _profile(named.profiles, context)
    title, description = _first_text(named.titles), _first_text(named.descriptions)
    headings = _headings(doc)
    blog = Blog(title=title, description=description) if title or description else None
    evidence = Evidence(
        source="sidebar",
        posts=(Post(authors=(author,)),) if author is not None else (),
        describes_page=True,
        blog=blog,
        tag_cloud=_cloud(headings, context),
        recent_comments=_recent_comments(headings, context),
        featured=_featured(headings, context),
    )
    empty = Evidence(source="sidebar", describes_page=True)
    return () if evidence == empty else (evidence,)
