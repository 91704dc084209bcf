"""Generic evidence for pages of engines no other layer knows: source ``"fallback"``.

A reader finds a post without knowing its engine: a heading, a byline under it, a
block of paragraphs, tag links in its footer, comments repeated after it. This layer
finds them by structure, in one pass over the page's paragraphs:

- the content: the block with the most paragraph text (each ``<p>``, and each element
  whose text is broken by ``<br>``, credits its parent fully and its grandparent by
  half), passing over blocks whose text is mostly links and blocks inside comments,
  sidebars, footers or navigation;
- the title: an ``<h1>``-``<h3>`` (or an element whose class says ``title``) at the
  top of the content or nearest before it, preferring one the page's ``<title>``
  repeats; else the page's only ``<h1>``;
- the byline: the text just around the title ("Posted 20 July 2010 by Stephen Hale",
  "By Jane Doe on March 3, 2009", "-- 3 March 2009", "24. März 2004, 19:49 | Genesis"),
  its date read with `diploblog.dates.parse_date`;
- tags: links of the post (outside its text) whose URL path has a ``tag``, ``tags``,
  ``label``, ``labels``, ``category``, ``categories`` or ``topics`` segment;
- comments: the first run after the post of two or more sibling blocks of one tag and
  class that each show a name and a date; the comment count where a line states it
  ("12 Comments", "Kommentare insgesamt: 0");
- the page kind, from the body classes (WordPress ``tag``, ``category``, ``date``,
  ``archive``, ``home blog``, Drupal ``page-taxonomy-term``) or the address
  (``/tag/<t>``, ``/category/<c>``, Blogger ``/search/label/<l>``, Drupal
  ``/taxonomy/term/<n>``, ``/2010/07/``, ``/page/2/``).

Everything is page-level evidence (`Evidence.describes_page`) of the lowest rank: it
fills only what no better source shows, and it makes a post only where it saw a sign of
an article (a date by the title, or an ``<article>`` around the post), so home pages of
non-blogs and error pages get none.
"""

from __future__ import annotations

import copy
import datetime as _dt
import functools
import heapq
import re
import urllib.parse
from collections.abc import Iterator
from typing import TypeAlias, cast

import lxml.etree
import lxml.html

from diploblog._model import Author, Comment, Post, ReadWarning, Tag
from diploblog.html._clean import cleaned
from diploblog.html._engines import date_text
from diploblog.html._evidence import Context, Evidence, make_author, make_tag, text_of
from diploblog.html._mf2 import inner_html

__all__ = ["page_kind", "read"]

Element: TypeAlias = lxml.html.HtmlElement

_PARAGRAPHS = lxml.etree.XPath("//p | //br/parent::*[not(self::p)]")
# Candidates for the title, searched in the content and in the blocks before it.
# A title in a block whose class says so ("eTitle", "post-title"); not a person's
# "p-job-title" span.
_TITLED = lxml.etree.XPath(
    "descendant-or-self::*[self::div or self::p or self::td or self::h4 or self::h5]"
    "[contains(@class, 'title') or contains(@class, 'Title')]"
)
_TEXTS = lxml.etree.XPath(
    ".//text()[not(parent::script or parent::style or parent::noscript or parent::form)]"
)
# A byline's text without the "updated" stamp some themes print beside the date.
# (A byline is short: the first 60 texts of a block hold it.)
_BYLINE_TEXTS = lxml.etree.XPath(
    ".//text()[position() <= 60]"
    "[not(parent::script or parent::style or parent::noscript or parent::form)]"
    "[not(parent::*[contains(@class, 'updated') or contains(@class, 'modified')])]"
)
# Links that may be tags: their address or rel names one (checked in full later).
_TAG_LINKS = lxml.etree.XPath(
    ".//a[@href][contains(@href, 'tag') or contains(@href, 'label')"
    " or contains(@href, 'categor') or contains(@href, 'topics') or contains(@rel, 'tag')]"
)
# The page's <title>: the first in document order. (``next(doc.iter("title"))`` walks
# the whole page, as lxml's iterator looks one match ahead; libxml2 stops at the first.)
_FIRST_TITLE = lxml.etree.XPath("descendant-or-self::title[1]")
_LINKED_HEADING = lxml.etree.XPath(
    ".//*[self::h1 or self::h2 or self::h3]//a[@href and not(starts-with(@href, '#'))]"
)
# Parents after the post with two adjacent children of one tag and first class.
_FIRST_CLASS = "substring-before(concat(normalize-space(@class), ' '), ' ')"
_NEXT_CLASS = "substring-before(concat(normalize-space(following-sibling::*[1]/@class), ' '), ' ')"
_RUN_PARENTS = lxml.etree.XPath(
    f"descendant-or-self::*[*[@class][name() = name(following-sibling::*[1])]"
    f"[{_FIRST_CLASS} = {_NEXT_CLASS}]]"
)
_COUNT_BOXES = lxml.etree.XPath(
    "descendant-or-self::*[self::h2 or self::h3 or self::h4 or self::h5"
    " or contains(@id, 'omment') or contains(@class, 'omment')]"
)
# A comment's author: the first element whose class says so ("comment-author", "fn
# n", "username"), in the comment's head.
_NAMED = lxml.etree.XPath(
    "descendant::*[@class][contains(@class, 'author') or contains(@class, 'name')"
    " or contains(@class, 'user')][position() <= 3]"
)
_AFTER_LIMIT = 30
_AFTER_LEVELS = 3
_MIN_PARAGRAPH = 25
_MIN_CONTENT = 120  # characters of paragraph text: a short news post has 150
_MAX_LINK_DENSITY = 0.5
# Words of class names and ids that mark page furniture, as whole parts of a name
# ("post_teaser", "comment-list", "widget_text"; not "elementor-widget-container").
_NOISE = re.compile(
    r"(?:^|[\s_-])comment|(?:^|[\s_-])(?:sidebar|footer|related|nav|navbar|navigation|menu|"
    r"teaser|respond|breadcrumbs?)(?:[\s_-]|$)|(?:^|\s)widget(?:[\s_-]|$)",
    re.IGNORECASE,
)
_NOISE_TAGS = frozenset({"nav", "aside", "footer", "form", "header"})
# Inside a post's own block a <header> is the post's (title, byline): not furniture.
_NESTED_NOISE_TAGS = _NOISE_TAGS - {"header"}
# The site's own name and logo at the top of every page: never a post's title. (A
# <header> may hold the title, as an article's "entry-header" does.)
_MASTHEAD = re.compile(
    r"(?:^|\s)(?:header|site-header|masthead|branding|site-branding|site-title|"
    r"site-name|blog-title|logo)(?:\s|$)",
    re.IGNORECASE,
)
_TITLE_NOISE_TAGS = frozenset({"nav", "aside", "footer", "form"})
_TITLE_NOISE = re.compile(f"{_NOISE.pattern}|{_MASTHEAD.pattern}", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    {"p", "div", "ul", "ol", "table", "blockquote", "pre", "figure", "img", "section"}
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "form", "button"})
_TAG_SEGMENTS = frozenset({"tag", "tags", "label", "labels", "category", "categories", "topics"})
# Put between the texts of two elements of a byline: a name never runs across it.
_BOUNDARY = "\u2063"
_NAME = r"(?P<name>[^\W\d_][\w.'\u2019-]*(?:\s+[^\W\d_&][\w.'\u2019&-]*){0,4})"
_BY = re.compile(
    r"(?:^|[\s|(:\u2063])(?:posted\s+by|written\s+by|published\s+by|by|von|par|door)"
    rf"[\s\u2063]*:?[\s\u2063]+{_NAME}",
    re.IGNORECASE,
)
# After the post's text "von"/"par" are mostly prepositions ("vor Millionen von
# Jahren"): there a byline must say what the name did.
_BY_AFTER = re.compile(
    r"(?:^|[\s|(:\u2063])(?:(?:posted|written|published)\s+by|by|(?:geschrieben|verfasst|"
    r"hinzugef\u00fcgt|gespeichert|eingetragen|ver\u00f6ffentlicht)\s+von|"
    r"(?:publi\u00e9|\u00e9crit)\s+par)"
    rf"[\s\u2063]*:?[\s\u2063]+{_NAME}",
    re.IGNORECASE,
)
# Blocks after the post that are never its comments, whatever they repeat.
_NOT_COMMENTS = re.compile(
    r"(?:^|[\s_-])(?:related|teaser|promo|sidebar|widget|footer|nav|menu|share|sharing)"
    r"(?:[\s_-]|$)",
    re.IGNORECASE,
)
# Words that end a name in a byline: "by Jane Doe on March 3", "Ned Deily at 5:11".
_AFTER_NAME = frozenset(
    {
        *("on", "at", "in", "am", "um", "le", "\u00e0", "im", "and", "und", "et", "&"),
        *("posted", "published", "says", "said", "sagt", "schreibt", "writes", "dit"),
        *("the", "via", "from", "with", "of", "for", "is", "was", "has", "hat", "ist"),
        *("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct"),
        *("nov", "dec", "january", "february", "march", "april", "june", "july"),
        *("august", "september", "october", "november", "december", "januar", "februar"),
        *("m\u00e4rz", "mai", "juni", "juli", "oktober", "dezember", "janvier"),
        *("f\u00e9vrier", "mars", "avril", "juin", "juillet", "ao\u00fbt", "septembre"),
        *("octobre", "novembre", "d\u00e9cembre"),
    }
)
# (?<!\s): each run of white space is tried once, from its start (linear, not quadratic).
_SAYS = re.compile(r"(?<!\s)\s+(?:says|said|sagt|schreibt|writes|a dit|dit)\s*(?::\s*)?$", re.I)
_SEPARATOR = re.compile(r"(?<!\s)\s*[|\u2022\u00b7\u2013\u2014]\s*|(?<!\s)\s+-\s+")
_BARE_NAME = re.compile(r"[^\W\d_][\w.'\u2019-]*(?:\s[^\W\d_][\w.'\u2019-]*){0,2}")
_NOT_NAMES = frozenset(
    {"comments", "comment", "kommentare", "share", "tags", "posted", "permalink", "edit"}
)
_COUNT = re.compile(
    r"(?:^|[^\w#])(?P<n>\d+)\s+(?:comments?|kommentare?|responses?|replies|reactions|"
    r"commentaires?|comentarios?|antworten|ergänzungen)\b"
    r"|\b(?:comments?|kommentare|responses|commentaires)(?:\s+insgesamt)?\s*[:(]\s*(?P<m>\d+)",
    re.IGNORECASE,
)
_NO_COMMENTS = re.compile(
    r"^\s*(?:no|keine|noch keine|aucun)\s+(?:comments?|kommentare|responses|commentaire)",
    re.I,
)
# A time shown apart from its date: "Freitag | 14. Juni 2019 | 15:49".
_TIME_AFTER = re.compile(
    r"^\W{0,4}(?:um|at|à|@)?\s*(\d{1,2})[:.h](\d{2})\s*(?:uhr)?\s*([ap]\.?m\.?)?", re.I
)
_NOT_ALNUM = re.compile(r"[\W_]+")
_BYLINE_LIMIT = 300
_SINGLE = frozenset({"single", "single-post", "singular", "node-type-article", "item-view"})
_YEAR_PATH = re.compile(r"/\d{4}(?:/\d{1,2}){0,2}/?$")
_PAGED_PATH = re.compile(r"^(?:/[^/]+)?/page/\d+/?$")


def _classes(element: Element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


@functools.lru_cache(maxsize=4096)
def _names_match(pattern: re.Pattern[str], names: str) -> bool:
    """Whether `pattern` finds a word in `names`: remembered, as pages repeat class names."""
    return pattern.search(names) is not None


def _own_text(element: Element) -> str:
    parts = [element.text or ""]
    parts += [child.tail or "" for child in element]
    return "".join(parts)


class _Furniture:
    """Which elements sit in page furniture, remembered for the page.

    By default: comments, sidebars, footers, navigation, related posts (`_NOISE`,
    `_NOISE_TAGS`). Paragraphs and links share their ancestors, so each ancestor's
    class is looked at once per page.
    """

    def __init__(self, tags: frozenset[str] = _NOISE_TAGS, names: re.Pattern[str] = _NOISE) -> None:
        self.tags = tags
        self.names = names
        self.known: dict[Element, bool] = {}

    def __call__(self, element: Element) -> bool:
        chain: list[Element] = []
        node: Element | None = element
        found = False
        while node is not None:
            if node in self.known:
                found = self.known[node]
                break
            names = _classes(node)
            if node.tag in self.tags or (len(names) > 1 and _names_match(self.names, names)):
                found = True
                break
            chain.append(node)
            node = node.getparent()
        for link in chain:
            self.known[link] = found
        return found


def _content_block(doc: Element, furniture: _Furniture) -> tuple[Element, int] | None:
    """The block with the most paragraph text (outside page furniture), and its text size.

    Each paragraph credits its parent with its length and its grandparent with half;
    a block that wins on links rather than text is passed over.
    """
    scores: dict[Element, float] = {}
    for block in cast("list[Element]", _PARAGRAPHS(doc)):
        text = (block.text_content() if block.tag == "p" else _own_text(block)).strip()
        # Spaces are squeezed out only where they could matter: near the threshold.
        length = len(text) if len(text) > 100 else len(" ".join(text.split()))
        if length < _MIN_PARAGRAPH:
            continue
        parent = block.getparent() if block.tag == "p" else block
        if parent is None or furniture(parent):
            continue
        scores[parent] = scores.get(parent, 0.0) + length
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + length / 2
    for block, score in heapq.nlargest(8, scores.items(), key=lambda item: item[1]):
        if block.tag in ("body", "html"):
            continue
        if score < _MIN_CONTENT:
            return None
        text = " ".join(block.text_content().split())
        linked = sum(len(" ".join(a.text_content().split())) for a in block.iter("a"))
        if linked / max(len(text), 1) <= _MAX_LINK_DENSITY:
            return block, len(text)
    return None


def _letters(text: str) -> str:
    # [\W_] is exactly what str.isalnum refuses.
    return _NOT_ALNUM.sub("", text.casefold())


def _heading_text(heading: Element) -> str | None:
    text = text_of(heading.text_content())
    if text is None or len(text) > 300 or len(_letters(text)) < 2:
        return None
    return text


def _headings_before(content: Element, *, by_class: bool = False) -> list[Element]:
    """Headings at the top of the content, then before it, nearest first.

    ``<h1>``-``<h3>`` are looked for first (by tag, which is fast); elements whose
    class says ``title`` only when no such heading is near (`by_class`).
    """

    def within(root: Element) -> list[Element]:
        if by_class:
            return cast("list[Element]", _TITLED(root))
        return list(root.iter("h1", "h2", "h3"))

    found = within(content)[:1]
    node: Element | None = content
    for _ in range(30):  # page builders nest a post's text 20 levels deep
        if node is None or node.tag == "body":
            break
        for count, sibling in enumerate(node.itersiblings(preceding=True)):
            if count >= 10 or len(found) >= 9:
                return found
            if isinstance(sibling.tag, str):
                found += reversed(within(sibling))
        node = node.getparent()
    return found


def _title(doc: Element, content: Element) -> tuple[Element, str] | None:
    """The title heading and its text.

    The first of the headings nearest the content that the page's ``<title>``
    repeats; else the first with a byline date after it; else the nearest.
    """
    page_title = next(iter(cast("list[Element]", _FIRST_TITLE(doc))), None)
    title_letters = _letters(page_title.text_content()) if page_title is not None else ""
    furniture = _Furniture(_TITLE_NOISE_TAGS, _TITLE_NOISE)
    texts: dict[Element, str | None] = {}  # each heading's text, read once

    def heading_text(heading: Element) -> str | None:
        if heading not in texts:
            texts[heading] = _heading_text(heading)
        return texts[heading]

    candidates = [h for h in _headings_before(content) if heading_text(h) and not furniture(h)] or [
        h for h in _headings_before(content, by_class=True) if heading_text(h) and not furniture(h)
    ]
    for heading in candidates:
        # A heading's own text, without a time floated into it ("3:59 PM Briefe").
        for text in (heading_text(heading), text_of(_own_text(heading))):
            letters = _letters(text or "")
            if text and len(letters) >= 3 and letters in title_letters:
                return heading, text
    for heading in candidates[:3]:
        if date_text(_near_title(heading, content)):
            return heading, heading_text(heading) or ""
    if candidates:
        return candidates[0], heading_text(candidates[0]) or ""
    ones = list(doc.iter("h1"))
    if len(ones) == 1 and (text := _heading_text(ones[0])):
        return ones[0], text
    return None


def _text(element: Element, boundary: str = " ") -> str:
    """The element's visible text (scripts and styles left out), spaces collapsed.

    `boundary` goes between the texts of different elements: `_BOUNDARY` keeps a
    byline's "von <a>Jane Doe</a><a>Share</a>" from reading as "Jane Doe Share".
    """
    if not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
        return ""
    texts = _BYLINE_TEXTS if boundary == _BOUNDARY else _TEXTS
    return " ".join(boundary.join(cast("list[str]", texts(element))).split())


def _near_title(heading: Element, content: Element) -> str:
    """The text between the title and the post's text (and just above the title).

    It ends at the content block, at a block of paragraphs or a long one (where the
    text begins), and at page furniture such as the comments.
    """
    parts: list[str] = []
    above = heading.getprevious()
    if above is not None and isinstance(above.tag, str):
        text = _text(above, _BOUNDARY)
        if len(text) < 120:
            parts.append(text)
    parts.append(heading.tail or "")
    node: Element | None = heading
    size = 0
    while node is not None and size < _BYLINE_LIMIT:
        sibling = node.getnext()
        while sibling is not None and size < _BYLINE_LIMIT:
            if sibling is content or _contains(sibling, content) or _ends_byline(sibling):
                return f" {_BOUNDARY} ".join(parts)
            if isinstance(sibling.tag, str):
                text = _text(sibling, _BOUNDARY)
                parts.append(text)
                size += len(text)
            parts.append(sibling.tail or "")
            sibling = sibling.getnext()
        node = node.getparent()
        if node is None or node is content or _contains(node, content):
            break
    return f" {_BOUNDARY} ".join(parts)


def _ends_byline(element: Element) -> bool:
    if not isinstance(element.tag, str):
        return False
    if _names_match(_NOISE, _classes(element)):
        return True
    if element.tag not in _BLOCK_TAGS:
        return False
    return _is_paragraph(element) or len(element.findall(".//p")) > 1


def _footer(content: Element, container: Element) -> str:
    """The text after the content inside the post ("Posted by Stadler at 12:53")."""
    parts: list[str] = []
    node: Element | None = content
    while node is not None and node is not container:
        for sibling in node.itersiblings():
            parts.append(_text(sibling, _BOUNDARY))
            if sum(map(len, parts)) > _BYLINE_LIMIT:
                return f" {_BOUNDARY} ".join(parts)
        node = node.getparent()
    return f" {_BOUNDARY} ".join(parts)


def _is_paragraph(element: Element) -> bool:
    # Bylines are short: a longer block is where the text begins.
    return len(" ".join(element.text_content().split())) > 150


def _contains(root: Element, element: Element) -> bool:
    return any(ancestor is root for ancestor in element.iterancestors())


def _name(words: str) -> str | None:
    """The name at the start of `words`: up to the first word that cannot be part of it.

    A lone user name may be lower-case ("jovelstefan"); the later words of a full name
    are capitalised. A name the sentence runs on after is no byline's: "nach Millionen
    von Jahren aus toten ..." names nobody.
    """
    kept: list[str] = []
    for word in words.split():
        bare = word.strip(".,:;").casefold()
        if bare in _AFTER_NAME:
            break
        if kept and not word[0].isupper():
            return None
        kept.append(word)
        if word.endswith((",", ":", ";")):
            break
    name = " ".join(kept).strip(".,:; ")
    return name if name and name.casefold() not in _NOT_NAMES else None


def _byline_author(text: str, *, trailing: bool = False) -> str | None:
    """The author a byline names; in a `trailing` one, only a name in capitals after a verb."""
    for match in (_BY_AFTER if trailing else _BY).finditer(text):
        name = _name(match.group("name"))
        if name and (name[0].isupper() or not trailing):
            return name
    # "24. März 2004, 19:49 | Genesis", "Malte Welding | 29.07.2006": a name beside the
    # date, across a separator, alone in its element.
    segments = _SEPARATOR.split(text)
    dated = next((i for i, s in enumerate(segments) if date_text(s) is not None), None)
    if dated is None:
        return None
    # After the date the name stands alone; before it, it ends the segment.
    after = segments[dated + 1].split(_BOUNDARY) if dated + 1 < len(segments) else []
    after = [p.strip() for p in after if p.strip(" ,")]
    before = segments[dated - 1].split(_BOUNDARY) if dated > 0 else []
    before = [p.strip() for p in before if p.strip(" ,")]
    beside = [*after[:1]] if len(after) == 1 else []
    beside += before[-1:]
    return next((name for name in beside if _is_bare_name(name)), None)


def _is_bare_name(text: str) -> bool:
    """Whether a text alone is a name: "Genesis", "Malte Welding"; not "Categories:"."""
    return (
        bool(_BARE_NAME.fullmatch(text))
        and text.casefold() not in _NOT_NAMES
        and all(word[0].isupper() for word in text.split())
        and not (text.isupper() and len(text) > 3)  # "ANZEIGE", a category in capitals
    )


def _container(heading: Element, content: Element) -> Element:
    if _contains(content, heading):
        return content
    ancestors = set(heading.iterancestors())
    for node in content.iterancestors():
        if node in ancestors:
            return node
    return content


def _is_tag_link(link: Element) -> bool:
    href = link.get("href") or ""
    if "tag" in (link.get("rel") or "").split():
        return True
    path = urllib.parse.urlsplit(href.strip()).path.lower()
    segments = [s for s in path.split("/") if s]
    return any(s in _TAG_SEGMENTS for s in segments[:-1])


def _tags(
    container: Element, content: Element, ctx: Context, furniture: _Furniture
) -> tuple[Tag, ...]:
    found: dict[str, Tag] = {}
    for link in cast("list[Element]", _TAG_LINKS(container)):
        if not _is_tag_link(link) or furniture(link):
            continue
        if _contains(content, link) and "tag" not in (link.get("rel") or "").split():
            continue  # a link in the post's text is a reference, not a tag
        tag = make_tag(link.text_content(), url=ctx.resolve(link.get("href")))
        if tag is not None:
            found.setdefault(tag.term.casefold(), tag)
    return tuple(found.values())[:30]


def _run(parent: Element) -> list[Element]:
    """The longest run of adjacent children of one tag and first class."""
    best: list[Element] = []
    current: list[Element] = []
    key: tuple[str, str] | None = None
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        classes = (child.get("class") or "").split()
        this = (child.tag, classes[0]) if classes else None
        if this is not None and this == key:
            current.append(child)
        else:
            current, key = [child], this
        if len(current) > len(best):
            best = list(current)
    return best if len(best) >= 2 else []


def _commenter(text: str) -> str:
    """A comment's author as its head shows it: "Jane says:", "#1 Kommentar von Jane"."""
    return _byline_author(text) or _SAYS.sub("", text)


def _comment_author(block: Element, ctx: Context) -> Author | None:
    for element in cast("list[Element]", _NAMED(block)):
        text = text_of(element.text_content())
        if text and len(text) <= 60:
            link = element if element.tag == "a" else next(iter(element.iter("a")), None)
            url = ctx.resolve(link.get("href")) if link is not None else None
            return make_author(name=_commenter(text), url=url)
    for element in block.iter("cite", "strong", "b", "h3", "h4", "h5"):
        text = text_of(element.text_content())
        if text and len(text) <= 80:
            return make_author(name=_commenter(text))
    return None


def _comment_head(
    block: Element, ctx: Context
) -> tuple[Author, _dt.datetime, ReadWarning | None] | None:
    """A comment's author and date, or None when the block shows no name and date."""
    if _LINKED_HEADING(block):
        return None  # a teaser of another post: its title links to it
    text = _text(block)
    # Name and date sit in a comment's head or foot, never deep in its text.
    ends = f"{text[:300]} | {text[-200:]}" if len(text) > 500 else text
    when, warning = ctx.date(date_text(ends), "fallback comment date")
    if when is None:
        return None
    author = _comment_author(block, ctx)
    if author is None or not author.name:
        return None
    return author, when, warning


def _comment(
    block: Element,
    ctx: Context,
    warnings: list[ReadWarning],
    head: tuple[Author, _dt.datetime, ReadWarning | None] | None,
) -> Comment | None:
    """The comment in `block`, given its `head` (`_comment_head`, read once per block)."""
    if head is None:
        return None
    author, when, warning = head
    if warning is not None:
        warnings.append(warning)
    paragraphs = list(block.iter("p"))
    if paragraphs:
        content = "\n".join(f"<p>{inner_html(p, ctx, clean=True)}</p>" for p in paragraphs)
    else:
        content = _text(block)
    ident = block.get("id")
    return Comment(
        id=ident,
        url=ctx.resolve(f"#{ident}") if ident and ctx.base else None,
        author=author,
        published=when,
        content=content,
    )


def _after(container: Element) -> Iterator[Element]:
    """The blocks after the post: its following siblings, then its parents' ones.

    Three levels up and a few dozen blocks cover a post's comments and its comment
    count; the page's sidebars and footer further out are not searched.
    """
    count = 0
    node: Element | None = container
    for _ in range(_AFTER_LEVELS):
        if node is None or node.tag in ("html", "body"):
            return
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str):
                yield sibling
                count += 1
                if count >= _AFTER_LIMIT:
                    return
        node = node.getparent()


def _comments(container: Element, ctx: Context, warnings: list[ReadWarning]) -> tuple[Comment, ...]:
    tried = 0
    furniture = _Furniture(_TITLE_NOISE_TAGS, _NOT_COMMENTS)
    for block in _after(container):
        for parent in cast("list[Element]", _RUN_PARENTS(block)):
            tried += 1
            if tried > _AFTER_LIMIT:
                return ()
            run = _run(parent)
            if len(run) < 2 or furniture(run[0]):
                continue
            heads = [_comment_head(b, ctx) for b in run[:2]]
            if heads[0] is None or heads[1] is None:
                continue
            heads += (_comment_head(b, ctx) for b in run[2:])
            comments = (_comment(b, ctx, warnings, h) for b, h in zip(run, heads, strict=True))
            return tuple(c for c in comments if c is not None)
    return ()


def _stated(container: Element) -> int | None:
    tried = 0
    for block in _after(container):
        for box in cast("list[Element]", _COUNT_BOXES(block)):
            tried += 1
            if tried > 12:
                return None
            for text in (_own_text(box), box.text_content()):
                text = " ".join(text.split())
                if 0 < len(text) < 80 and (count := _stated_count(text)) is not None:
                    return count
    return None


def _stated_count(text: str) -> int | None:
    if found := _COUNT.search(text):
        return int(found.group("n") or found.group("m"))
    return 0 if _NO_COMMENTS.match(text) else None


def _body(content: Element, container: Element, length: int) -> Element:
    """The element holding the post's text: the content block, or more.

    The container's child around the block is taken when it adds little: a page
    builder splits one post into sections.
    """
    branch = content
    while (parent := branch.getparent()) is not None and parent is not container:
        branch = parent
    if branch is content or parent is None:
        return content
    text = lxml.etree.tostring(branch, method="text", encoding="unicode", with_tail=False)
    return branch if len(" ".join(text.split())) <= 3 * length + 500 else content


def _without_furniture(copy_: Element) -> Element:
    """`copy_` (a private copy) without the comments, navigation and asides nested in it."""
    for element in list(copy_.iterdescendants()):
        names = _classes(element)
        if element.tag in _NESTED_NOISE_TAGS or (len(names) > 1 and _names_match(_NOISE, names)):
            element.drop_tree()  # keeps the tail text, which belongs to the content
    return copy_


def _content_html(content: Element, heading: Element, ctx: Context) -> str | None:
    if not _contains(content, heading):
        # One private copy, cleaned in place: `cleaned` and inner_html need not copy it.
        copy_ = _without_furniture(copy.deepcopy(content))
        return inner_html(cleaned(copy_, copy=False), ctx, clean=True, copy=False) or None
    # The title sits at the top of the content block: keep only what follows its byline.
    path = []
    node = heading
    while node is not content:
        parent = node.getparent()
        path.append(parent.index(node))
        node = parent
    copy_ = copy.deepcopy(content)
    top = copy_
    for position in reversed(path):
        top = top[position]
    sibling = top.getnext()
    while sibling is not None and not (sibling.tag in _BLOCK_TAGS and _is_paragraph(sibling)):
        following = sibling.getnext()
        sibling.getparent().remove(sibling)
        sibling = following
    top.tail = None
    previous = top.getprevious()
    if previous is not None:
        previous.tail = None
    top.getparent().remove(top)
    copy_ = cleaned(_without_furniture(copy_), copy=False)
    return inner_html(copy_, ctx, clean=True, copy=False) or None


def _with_time(when: _dt.datetime | None, byline: str) -> _dt.datetime | None:
    """The byline's date with the time written a separator after its year, if any."""
    if when is None or when.timetz() != _dt.time(0, tzinfo=when.tzinfo):
        return when
    year = byline.find(str(when.year))
    found = _TIME_AFTER.match(byline[year + 4 :].replace(_BOUNDARY, " ")) if year >= 0 else None
    if found is None:
        return when
    hour, minute = int(found.group(1)), int(found.group(2))
    if found.group(3) and found.group(3).lower().startswith("p") and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return when
    return when.replace(hour=hour, minute=minute)


def _post(doc: Element, ctx: Context, warnings: list[ReadWarning]) -> tuple[Post, bool] | None:
    furniture = _Furniture()
    found = _content_block(doc, furniture)
    if found is None:
        return None
    content, length = found
    titled = _title(doc, content)
    if titled is None:
        return None
    heading, title = titled
    byline = _near_title(heading, content)
    published, warning = ctx.date(date_text(byline), "fallback byline date")
    if warning is not None:
        warnings.append(warning)
    published = _with_time(published, byline)
    container = _container(heading, content)
    author_name = _byline_author(byline)
    if author_name is None:
        author_name = _byline_author(_footer(content, container), trailing=True)
    author = make_author(name=author_name)
    tags = _tags(container, content, ctx, furniture)
    if published is None:
        # A date by the title is the sign of an article: a page of a shop, an office or
        # an encyclopedia has headings and paragraphs too, but no byline date. Without
        # one, only what sits by the heading is offered, to fill a better source's gaps.
        return Post(title=title, authors=(author,) if author else (), tags=tags), False
    count = next((c for c in map(_stated_count, _SEPARATOR.split(byline)) if c is not None), None)
    post = Post(
        title=title,
        published=published,
        authors=(author,) if author is not None else (),
        content=_content_html(_body(content, container, length), heading, ctx),
        tags=tags,
        comments=_comments(container, ctx, warnings),
        comment_count=count if count is not None else _stated(container),
    )
    return post, True


def page_kind(doc: Element, url: str | None) -> str | None:
    """The kind of listing a page is, from its body classes or its address.

    Args:
        doc: The parsed page.
        url: The page's address, if known.

    Returns:
        ``"tag"`` (a tag or category page), ``"archive"`` (a date archive),
        ``"listing"`` (a home page, a page of a blog's index, an author archive), or
        None when neither shows one (a single post says nothing here).

    Example:
        >>> page = '<html><body class="archive category"><p>x</p></body></html>'
        >>> page_kind(lxml.html.fromstring(page), None)
        'tag'
        >>> page_kind(lxml.html.fromstring('<p>x</p>'), "http://b.example/search/label/tea")
        'tag'
        >>> page_kind(lxml.html.fromstring('<p>x</p>'), "http://b.example/2010/07/")
        'archive'
    """
    body = doc if doc.tag == "body" else doc.find("body")
    body = body if body is not None else doc.find(".//body")
    tokens = set((body.get("class") or "").split()) if body is not None else set()
    if tokens & _SINGLE or any(t.startswith("postid-") for t in tokens):
        return None
    if tokens & {"tag", "category", "tax-post_tag", "page-taxonomy-term"}:
        return "tag"
    if "date" in tokens:
        return "archive"
    if tokens & {"archive", "blog", "home"} and not tokens & {"page", "page-template-default"}:
        return "listing"
    return _url_kind(url)


def _url_kind(url: str | None) -> str | None:
    if not url:
        return None
    parts = urllib.parse.urlsplit(url)
    path = parts.path.lower()
    segments = [s for s in path.split("/") if s]
    if any(s in _TAG_SEGMENTS for s in segments[:-1]) or "/taxonomy/term/" in path:
        return "tag"
    if _YEAR_PATH.search(path) and not path.endswith((".html", ".htm", ".php")):
        return "archive"
    if _PAGED_PATH.match(path) or (path.rstrip("/") == "/search" and parts.query):
        return "listing"
    return None


def read(doc: Element, context: Context) -> tuple[Evidence, ...]:
    """Read a post by its page's structure alone, as the lowest-ranked evidence.

    Args:
        doc: The parsed page.
        context: Its URL and base.

    Returns:
        One ``"fallback"`` evidence when a post or a page kind was found, else nothing.

    Example:
        >>> doc = lxml.html.fromstring('<html><body><div><h2>Tea at five</h2>'
        ...     '<p class="meta">Posted 20 July 2010 by Stephen Hale</p>'
        ...     '<div><p>' + 'We drank tea in the garden, as every day. ' * 6 + '</p>'
        ...     '</div></div></body></html>')
        >>> post = read(doc, Context())[0].posts[0]
        >>> post.title, post.authors[0].name, post.published.date().isoformat()
        ('Tea at five', 'Stephen Hale', '2010-07-20')
    """
    warnings: list[ReadWarning] = []
    found = _post(doc, context, warnings)
    kind = page_kind(doc, context.url)
    if found is None and kind is None:
        return ()
    post, article = found if found is not None else (None, False)
    return (
        Evidence(
            source="fallback",
            posts=(post,) if post is not None else (),
            describes_page=True,
            article=article,
            kind=kind,
            warnings=tuple(warnings),
        ),
    )
