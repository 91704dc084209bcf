"""Evidence from the markup of the engines that hosted most blogs: source ``"engine"``.

WordPress classic themes (Kubrick to Twenty Twelve: ``hentry``/``post``, ``entry-meta``,
``ol.commentlist``/``ol.comment-list`` with ``ul.children`` threads, ``tag-links``,
``cat-links``), Blogger (``post hentry``, ``post-body``, ``post-labels``, the
``#comments-block`` ``dl`` and the threaded ``comment-thread``), Movable Type and TypePad
(``entry-asset``, ``asset-body``, ``comment-content``, ``comment-footer``) and Drupal 6/7
(``node``, ``submitted``, ``field-name-field-tags``, ``comment-wrapper``).

The page is walked once to index elements by class token; each reader then looks only
at the elements its engine names.
"""

from __future__ import annotations

import copy
import datetime as _dt
import re
from collections.abc import Callable, Sequence
from typing import TypeAlias

import lxml.html

from diploblog._model import Author, Comment, Post, ReadWarning, Tag
from diploblog.html._clean import cleaned
from diploblog.html._evidence import Context, Evidence, make_author, make_tag, text_of
from diploblog.html._mf2 import inner_html
from diploblog.html._walk import marked

__all__ = ["read"]

Element: TypeAlias = lxml.html.HtmlElement
Index: TypeAlias = dict[str, list[Element]]

_POST_ROOTS = ("entry-asset", "hentry", "post", "type-post", "node")
_TITLES = ("entry-title", "post-title", "asset-name", "storytitle", "title")
_BODIES = (
    "entry-content",
    "field-name-body",
    "post-body",
    "asset-body",
    "entry-body",
    "storycontent",
    "content",
)
_MORE = ("asset-more", "entry-more")
_TAG_BOXES = (
    "tag-links",
    "cat-links",
    "post-labels",
    "entry-tags",
    "entry-categories",
    "field-name-field-tags",
    "field-name-taxonomy-vocabulary-1",
    "terms",
    "tags",
    "postmetadata",
)
_TAG_SET = frozenset(_TAG_BOXES)
_AUTHOR_NAMES = ("fn", "username", "nickname")
_AUTHOR_BOXES = (
    *("author", "post-author", "meta-author", "entry-author", "byline", "submitted", "vcard"),
    *("asset-meta", "author-details", "author-info", "author-box"),
)
_DATE_BOXES = (
    *("published", "entry-date", "post-timestamp", "timestamp", "submitted", "posted"),
    *("post-date", "meta-date", "date", "entry-meta", "post-meta", "postmeta", "content-meta"),
    *("post-info", "entry-info", "entryfooter", "post-footer", "byline", "meta-info"),
    *("fusion-meta-info", "entry-footer"),
)
_COMMENT_LISTS = (
    *("commentlist", "comment-list", "comments-content", "comments-block", "#commentlist"),
    *("#comments-list", "comments-list", "comment-list-container", "comment-wrapper"),
)
_COMMENT_AUTHORS = (
    *("comment-author", "comment_author", "user", "commentauthor", "username"),
    *("commenter-name", "vcard"),
)
_COMMENT_DATES = (
    *("comment-metadata", "comment-meta", "commentmetadata", "comment_meta", "datetime"),
    *("comment-date", "comment-time", "comment-footer", "comment-timestamp", "published"),
)
_COMMENT_BODIES = (
    *("comment-content", "comment-text", "comment_text", "comment-entry", "contenttext"),
    *("comment-body", "comment_content", "content"),
)
_NOT_TEXT = frozenset(
    {
        *("comment-author", "comment_author", "comment-meta", "commentmetadata", "vcard"),
        *("comment-metadata", "comment_meta", "reply", "comment-reply", "comment-actions"),
        *("children", "comment-likes", "says", "comment-footer", "comment_counter"),
    }
)
_BY = re.compile(r"^(?:posted by|written by|comment by|geschrieben von|by|von|par)\s+", re.I)
# (?<!\s): a match starts only where white space starts, else a long run of spaces is
# tried from each of its characters (quadratic; tests/test_regex_safety.py).
_AFTER_NAME = re.compile(
    r"(?<!\s)\s+[\u2014\u2013|]\s+|(?<!\s)\s+(?:says|said|sagt|schreibt|on|am)\b(?::|\.\.\.)?",
    re.I,
)
_BYLINE = re.compile(r"(?:^|\s)(?:by|von|par)\s+([^\W\d][\w .'-]{0,40}?)\s*(?:$|[|,(])", re.I)
_COMMENT_PARTS = frozenset(
    {"comment", "comments", "commentlist", "comment-list", "comment-wrapper"}
)
_COUNT = re.compile(
    r"^\D{0,20}?(\d+)\s+(?:responses?|comments?|kommentare?|replies|reply|"
    r"antworten|commentaires?|comentarios?|thoughts?|gedanken|ergänzungen|discussions?)\b",
    re.IGNORECASE,
)
_ONE = re.compile(
    r"^\s*(?:one|ein(?:en)?|un)\s+(?:response|comment|kommentar|reply|thought)\b", re.I
)
_NONE = re.compile(r"^\s*(?:no|keine|noch keine)\s+(?:responses|comments|kommentare)\b", re.I)
_COUNT_BOXES = (
    *("comments-title", "commentsheader", "comments__headline", "comments-count"),
    *("comments", "#comments", "comments-area", "comment-wrapper"),
)
_COUNT_LINKS = ("comments-link", "comment-count", "meta__comments", "comments_link")
# parse_date refuses text with stray numbers, so the date-looking part is cut out first.
_MONTHS = (
    r"(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|januar|februar|"
    r"m[aä]rz|juni|juli|oktober|dezember|janvier|f[eé]vrier|mars|avril|mai|juin|juillet|"
    r"ao[uû]t|septembre|octobre|novembre|d[eé]cembre)[a-zä]*\.?"
)
_DATE_TEXT = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}(?:,?\s+(?:um\s+)?\d{1,2}[:.]\d{2})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTHS}\s+\d{{4}}(?:,?\s+(?:at\s+|um\s+|à\s+|[-/@]\s+)?\d{{1,2}}[:.h]\d{{2}}\s*(?:[ap]\.?m\.?)?)?"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?:,?\s+(?:at\s+|@\s+)?\d{{1,2}}:\d{{2}}\s*(?:[ap]\.?m\.?)?)?"
    r"|\d{1,2}/\d{1,2}/\d{4}(?:(?:\s+-)?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?)?",
    re.IGNORECASE,
)


_WORD = re.compile(r"[^\W\d_]+\.?")
_JOINER = re.compile(r"(?<!\s)\s+(?:-|/|um|à|at|@)\s+|,\s+(?=\d{1,2}[:.h]\d{2})")
_FRENCH_HOUR = re.compile(r"\d{1,2}h\d{2}")
_MONTH_NAMES = {
    **dict.fromkeys(("januar", "janvier", "jänner"), "January"),
    **dict.fromkeys(("februar", "février", "fevrier"), "February"),
    **dict.fromkeys(("märz", "maerz", "mars"), "March"),
    **dict.fromkeys(("avril",), "April"),
    **dict.fromkeys(("mai",), "May"),
    **dict.fromkeys(("juni", "juin"), "June"),
    **dict.fromkeys(("juli", "juillet"), "July"),
    **dict.fromkeys(("août", "aout"), "August"),
    **dict.fromkeys(("septembre",), "September"),
    **dict.fromkeys(("oktober", "octobre", "okt."), "October"),
    **dict.fromkeys(("novembre",), "November"),
    **dict.fromkeys(("dezember", "décembre", "dez."), "December"),
}


_WANTED = frozenset(
    {
        *_POST_ROOTS,
        *_TITLES,
        *_BODIES,
        *_MORE,
        *_AUTHOR_NAMES,
        *_AUTHOR_BOXES,
        *_DATE_BOXES,
        *_COMMENT_AUTHORS,
        *_COMMENT_DATES,
        *_COMMENT_BODIES,
        *_COMMENT_LISTS,
        *_COUNT_BOXES,
        *_COUNT_LINKS,
        *("#comments-block", "comments-block", "#page-title"),
    }
)
# Up to this many candidates, each is checked by walking its ancestors (see _inside).
_FEW = 64


def _index(doc: Element) -> Index:
    # From the layers' shared walk: every class token and id ("#id") in _WANTED.
    found: Index = {}
    walk = marked(doc)
    wanted_in: dict[str, frozenset[str]] = {}  # pages repeat their class attributes
    for element, classes, _ in walk:
        if classes:
            wanted = wanted_in.get(classes)
            if wanted is None:
                wanted = wanted_in[classes] = _WANTED.intersection(classes.split())
            for token in wanted:
                found.setdefault(token, []).append(element)
    for element, _, ident in walk:
        if ident and (key := f"#{ident}") in _WANTED:
            found.setdefault(key, []).append(element)
    return found


def _tokens(element: Element) -> set[str]:
    return set((element.get("class") or "").split())


def _inside(root: Element, index: Index, names: Sequence[str]) -> Callable[[Element], bool]:
    """A test for "below `root`", for the indexed elements carrying `names`.

    On a listing page every post asks about every indexed element of the page: when
    there are many, one walk of the post's own subtree is cheaper than an ancestor
    walk for each (20 MB pages took quadratic time; benchmarks/bench_huge.py).
    """
    if sum(len(index.get(name, ())) for name in names) <= _FEW:
        return lambda element: element is not root and _contains(root, element)
    below = set(root.iterdescendants())
    return below.__contains__


def _within(root: Element, index: Index, names: Sequence[str]) -> list[Element]:
    """Elements carrying any of `names` (in that order of preference) inside `root`."""
    found: list[Element] = []
    seen: set[Element] = set()
    inside = _inside(root, index, names)
    for name in names:
        for element in index.get(name, ()):
            if element not in seen and inside(element):
                seen.add(element)
                found.append(element)
    return found


def _contains(root: Element, element: Element) -> bool:
    return any(ancestor is root for ancestor in element.iterancestors())


def _find(root: Element, names: Sequence[str]) -> Element | None:
    """The first element below a small `root` (a comment, a byline) with a wanted class."""
    wanted = frozenset(names)
    firsts: dict[str, Element] = {}
    for element in root.iterdescendants():
        if isinstance(element.tag, str) and (classes := element.get("class")):
            for token in wanted.intersection(classes.split()):
                firsts.setdefault(token, element)
    return next((firsts[name] for name in names if name in firsts), None)


def _first(root: Element, index: Index, names: Sequence[str]) -> Element | None:
    inside = _inside(root, index, names)
    for name in names:
        for element in index.get(name, ()):
            if inside(element):
                return element
    return None


def date_text(text: str | None) -> str | None:
    """Cut the date-looking part out of a byline, in words `parse_date` reads.

    `parse_date` refuses text with stray numbers or words, so the date is cut out
    first; German and French month names become English ones, and joiners such as
    " - ", " um ", " à " or "14h30" become plain spaces and colons.

    Args:
        text: A byline or date line as the page shows it.

    Returns:
        The date part, or None when the text holds none.

    Example:
        >>> date_text("Gespeichert von rasos am 24. Juli 2017 - 18:55")
        '24. July 2017 18:55'
    """
    if not text:
        return None
    found = _DATE_TEXT.search(text)
    if found is None:
        return None
    words = _WORD.sub(lambda m: _MONTH_NAMES.get(m.group(0).casefold(), m.group(0)), found.group(0))
    words = _FRENCH_HOUR.sub(lambda m: m.group(0).replace("h", ":"), words)
    return _JOINER.sub(" ", words).strip()


def _read_date(
    element: Element | None, ctx: Context, warnings: list[ReadWarning]
) -> _dt.datetime | None:
    if element is None:
        return None
    stamped = element if element.tag in ("time", "abbr") else None
    stamped = stamped if stamped is not None else next(iter(element.iter("time", "abbr")), None)
    candidates = []
    if stamped is not None:
        # A datetime="2019-06" is less precise than the "19. Juni 2019" it marks up.
        machine = [stamped.get("datetime"), stamped.get("title")]
        candidates += [m for m in machine if m and len(m.strip()) >= 10]
    candidates += [element.get("title"), date_text(_shown_text(element))]
    for raw in candidates:
        if raw and raw.strip():
            when, warning = ctx.date(raw, "engine date")
            if when is not None:
                if warning is not None:
                    warnings.append(warning)
                return when
    return None


def _shown_text(element: Element) -> str:
    # Leave out a hidden "updated" stamp that precedes the published date in a byline.
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and "updated" not in _tokens(child):
            parts.append(_shown_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _author_in(box: Element | None, index: Index, ctx: Context) -> Author | None:
    if box is None:
        return None
    named = _find(box, _AUTHOR_NAMES)
    link = named if named is not None and named.tag == "a" else None
    if link is None:
        link = next((a for a in box.iter("a") if _is_profile(a)), None)
    if named is None and link is None:
        named = next(iter(box.iter("cite", "strong", "b")), None)
    name_element = named if named is not None else link
    if name_element is None:
        text = text_of(box.text_content())
        if text and len(text) < 60:
            return make_author(name=_strip_by(text))
        return None
    url = ctx.resolve(link.get("href")) if link is not None else None
    name = name_element.text_content()
    return make_author(
        name=_BY.sub("", name.strip()) if link is name_element else _strip_by(name), url=url
    )


def _is_profile(link: Element) -> bool:
    href = (link.get("href") or "").strip()
    reply = "comment-reply-link" in _tokens(link) or "replytocom" in href
    return bool(href) and not reply and not href.startswith(("#", "javascript:"))


def _strip_by(text: str) -> str:
    text = _BY.sub("", text.strip())
    return _AFTER_NAME.split(text, maxsplit=1)[0].strip()


def _byline(root: Element) -> Author | None:
    # Kubrick and its children put "11.09.2011, 16:20 von jovelstefan" in a <small>.
    for small in root.iter("small"):
        if found := _BYLINE.search(small.text_content()):
            return make_author(name=found.group(1))
    return None


def _tags(root: Element, index: Index, ctx: Context) -> tuple[Tag, ...]:
    found: dict[str, Tag] = {}
    boxes = [e for e in root.iter() if isinstance(e.tag, str) and _tokens(e) & _TAG_SET]
    links = [a for box in boxes for a in box.iter("a")]
    if not links:
        links = [a for a in root.iter("a") if set((a.get("rel") or "").split()) & {"tag"}]
    for link in links:
        if _is_comment_part(link, root):
            continue
        tag = make_tag(link.text_content(), url=ctx.resolve(link.get("href")))
        if tag is not None:
            found.setdefault(tag.term.casefold(), tag)
    return tuple(found.values())


def _is_comment_part(element: Element, root: Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is root:
            return False
        if _tokens(ancestor) & _COMMENT_PARTS:
            return True
    return False


def _title(root: Element, index: Index) -> tuple[str | None, str | None]:
    titled = (h for h in _within(root, index, _TITLES) if not _is_comment_part(h, root))
    heading = next(titled, None)
    if heading is None:
        headings = (h for h in root.iter("h1", "h2") if not _is_comment_part(h, root))
        heading = next(headings, None)
    if heading is None:
        # Drupal prints a node's title above it, as the page's title.
        heading = next(iter(index.get("#page-title", ())), None)
    if heading is None:
        return None, None
    link = next((a for a in heading.iter("a") if a.get("href")), None)
    return text_of(heading.text_content()), link.get("href") if link is not None else None


def _content(root: Element, index: Index, ctx: Context) -> str | None:
    body = _first(root, index, _BODIES)
    if body is None:
        return None
    parts = [inner_html(cleaned(body), ctx, copy=False)]
    more = _first(root, index, _MORE)
    if more is not None and not _contains(body, more):
        parts.append(inner_html(cleaned(more), ctx, copy=False))
    return "\n".join(p for p in parts if p) or None


def _post(
    root: Element, scope: Element, index: Index, ctx: Context, warnings: list[ReadWarning]
) -> Post:
    title, href = _title(root, index)
    dated = [b for b in _within(root, index, _DATE_BOXES) if not _is_comment_part(b, root)]
    stamps = [t for t in root.iter("time") if "updated" not in _tokens(t)]
    boxes = [*dated[:4], *stamps[:1], *list(root.iter("small"))[:1]]
    published = next(
        (when for box in boxes if (when := _read_date(box, ctx, warnings)) is not None), None
    )
    boxes = [b for b in _within(root, index, _AUTHOR_BOXES) if not _is_comment_part(b, root)]
    authors = [_author_in(box, index, ctx) for box in boxes[:1]]
    comments = _comments(scope, index, ctx, warnings)
    return Post(
        title=title,
        # On an hentry, hatom's rel="bookmark" rule names the permalink; a bare title
        # link there is not one by the microformats spec.
        url=ctx.resolve(href) if href and "hentry" not in _tokens(root) else None,
        published=published,
        authors=tuple(a for a in authors or [_byline(root)] if a is not None and a.name),
        content=_content(root, index, ctx),
        tags=_tags(root, index, ctx),
        comments=comments,
        comment_count=_count(scope, root, index, len(comments)),
    )


def _count(scope: Element, root: Element, index: Index, listed: int) -> int | None:
    stated = [*_within(scope, index, _COUNT_BOXES), *_within(root, index, _COUNT_LINKS)]
    for box in stated:
        for part in (box, *box.iter("h2", "h3", "h4", "h5", "a")):
            if (count := _stated_count(text_of(part.text_content()) or "")) is not None:
                return count
    return listed or None


def _stated_count(text: str) -> int | None:
    if found := _COUNT.match(text):
        return int(found.group(1))
    if _ONE.match(text):
        return 1
    return 0 if _NONE.match(text) else None


def _comment_id(element: Element) -> str | None:
    ident = element.get("id") or ""
    match = re.search(r"(?:comment|c)-?(\d+)$", ident)
    return match.group(1) if match else (ident or None)


def _comment(
    element: Element,
    parent: str | None,
    index: Index,
    ctx: Context,
    warnings: list[ReadWarning],
) -> Comment:
    author_box = _find(element, _COMMENT_AUTHORS)
    if author_box is None:
        author_box = next(iter(element.iter("cite")), None)
    if author_box is None and _tokens(element) & {"pingback", "trackback"}:
        author_box = element  # a pingback's author is the page that linked
    date_box = _find(element, _COMMENT_DATES)
    if date_box is None:
        date_box = next(iter(element.iter("time", "small")), None)
    body = _find(element, _COMMENT_BODIES)
    if body is None:
        body = element
    ident = _comment_id(element)
    return Comment(
        id=ident,
        url=ctx.resolve(f"#comment-{ident}") if ident and ctx.base else None,
        author=_author_in(author_box, index, ctx),
        published=_read_date(date_box, ctx, warnings) or _read_date(author_box, ctx, warnings),
        content=_comment_text(body, ctx),
        in_reply_to=parent if parent != ident else None,
    )


def _comment_text(body: Element, ctx: Context) -> str:
    body = copy.deepcopy(body)
    for part in [e for e in body.iter() if isinstance(e.tag, str) and _tokens(e) & _NOT_TEXT]:
        if part.getparent() is not None:
            part.drop_tree()
    return inner_html(body, ctx, clean=True, copy=False)


def _thread(
    items: Sequence[Element],
    parent: str | None,
    index: Index,
    ctx: Context,
    warnings: list[ReadWarning],
) -> list[Comment]:
    found: list[Comment] = []
    last: str | None = None
    for item in items:
        if item.tag in ("ul", "ol", "div") and _tokens(item) & {"children", "comment-replies"}:
            found += _thread(_items(item), last or parent, index, ctx, warnings)
            continue
        comment = _comment(item, parent, index, ctx, warnings)
        found.append(comment)
        last = comment.id
        for child in item:
            if _tokens(child) & {"children", "comment-replies"}:
                found += _thread(_items(child), comment.id, index, ctx, warnings)
    return found


def _items(container: Element) -> list[Element]:
    items = []
    for child in container:
        if not isinstance(child.tag, str):
            continue
        tokens = _tokens(child)
        if tokens & {"comment-thread", "inline-thread"}:
            items += _items(child)
        elif child.tag == "li" or tokens & {"comment", "children", "comment-replies"}:
            items.append(child)
        elif child.tag in ("ol", "ul") or (child.tag == "div" and not tokens):
            items += _items(child)
    return items


def _comments(
    scope: Element, index: Index, ctx: Context, warnings: list[ReadWarning]
) -> tuple[Comment, ...]:
    block = _first(scope, index, ("#comments-block", "comments-block"))
    if block is not None and block.tag == "dl":
        return tuple(_blogger_dl(block, index, ctx, warnings))
    holder = _first(scope, index, _COMMENT_LISTS)
    if holder is None:
        return ()
    if holder.tag not in ("ol", "ul"):
        inner = next(iter(holder.iter("ol", "ul")), None)
        holder = inner if inner is not None else holder
    return tuple(_thread(_items(holder), None, index, ctx, warnings))


def _blogger_dl(
    block: Element, index: Index, ctx: Context, warnings: list[ReadWarning]
) -> list[Comment]:
    found = []
    children = [c for c in block if isinstance(c.tag, str)]
    for position, child in enumerate(children):
        if child.tag != "dt":
            continue
        body = children[position + 1] if position + 1 < len(children) else None
        footer = children[position + 2] if position + 2 < len(children) else None
        ident = _comment_id(child) or next((a.get("name") for a in child.iter("a")), None)
        found.append(
            Comment(
                id=ident,
                author=_author_in(child, index, ctx),
                published=_read_date(footer, ctx, warnings),
                content=_comment_text(body, ctx) if body is not None else "",
            )
        )
    return found


def _roots(index: Index) -> list[Element]:
    for name in _POST_ROOTS:
        roots = [e for e in index.get(name, ()) if e.tag not in ("body", "html", "li", "a")]
        nested = set(roots)
        outer = [r for r in roots if not any(a in nested for a in r.iterancestors())]
        if outer:
            return outer
    return []


def _single(doc: Element) -> bool:
    body = doc.find(".//body")
    tokens = _tokens(body if body is not None else doc)
    return bool(tokens & {"single", "single-post", "singular", "node-type-article", "item-view"})


def read(doc: Element, context: Context) -> tuple[Evidence, ...]:
    """Read the posts an engine's markup shows, with their comments.

    Args:
        doc: The parsed page.
        context: Its URL and base.

    Returns:
        One ``"engine"`` evidence, or nothing when no engine markup is found.

    Example:
        >>> doc = lxml.html.fromstring('<div class="post hentry"><h3 class="post-title">'
        ...     'Hi</h3><div class="post-body">Text</div><span class="post-labels">'
        ...     '<a href="/search/label/x">x</a></span></div>')
        >>> post = read(doc, Context())[0].posts[0]
        >>> post.title, [t.term for t in post.tags]
        ('Hi', ['x'])
    """
    index = _index(doc)
    roots = _roots(index)
    if not roots:
        return ()
    if _single(doc):
        # Related posts on a single post's page are hentries too, but without a body.
        roots = [next((r for r in roots if _first(r, index, _BODIES) is not None), roots[0])]
    warnings: list[ReadWarning] = []
    # The comments of a single post sit anywhere after its container (Twenty Ten ...).
    scopes = [doc] if len(roots) == 1 else roots
    posts = tuple(
        _post(root, scope, index, context, warnings)
        for root, scope in zip(roots, scopes, strict=True)
    )
    return (Evidence(source="engine", posts=posts, warnings=tuple(warnings)),)
