"""`to_html`: write a post, a blog or a page as a complete, semantic HTML5 document.

The page carries its data twice, for the two kinds of machine readers that matter:
microformats2 (``h-entry``, ``h-card``, ``h-cite``, ``h-feed``) in the markup and
schema.org JSON-LD (``BlogPosting``, ``Person``, ``Comment``) in the head. It is what
`diploblog.parse_html` reads back.

The document is built as an lxml tree and serialised by lxml, so every text and
attribute value is escaped. Post, summary and comment HTML comes from strangers and
goes through `diploblog.html._sanitize.sanitize` first. The JSON-LD escapes ``<``,
``>`` and ``&`` so that no content can close its ``<script>``. There is no
JavaScript, and a small inline stylesheet.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import lxml.html
from lxml import etree
from lxml.etree import _Element

from diploblog._errors import UnsupportedFormatError
from diploblog._model import Author, Blog, Comment, Enclosure, Link, Page, Post, Tag
from diploblog.dates import format_rfc3339
from diploblog.html._sanitize import is_safe_url, sanitize

__all__ = ["to_html"]

_STYLE = """
body{font:1.05rem/1.6 system-ui,sans-serif;max-width:42rem;margin:0 auto;padding:1rem;
color:#222;background:#fff}
a{color:#0645ad}header.site{border-bottom:1px solid #ddd;margin-bottom:1rem}
.meta,.tags,footer{color:#555;font-size:.9rem}img{max-width:100%;height:auto}
.h-card img{width:2rem;height:2rem;border-radius:50%;vertical-align:middle}
pre{overflow:auto;background:#f6f6f6;padding:.5rem}blockquote{border-left:3px solid #ccc;
margin-left:0;padding-left:1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;
padding:.25rem}ol.comments,ol.replies{list-style:none;padding-left:1rem}
article.h-entry+article.h-entry{border-top:1px solid #eee;margin-top:2rem}
""".strip()
# Characters lxml (and HTML) cannot hold in text: C0 controls but tab, LF, CR; lone surrogates.
_UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_URL_CLASSES = re.compile(r"(?<!\s)\s*\bu-(?:url|uid|photo|in-reply-to|enclosure)\b")
_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
# Comment kinds a page shows as such, by the class WordPress themes give them.
_SHOWN_KINDS = {"pingback": "Pingback", "trackback": "Trackback"}
_MEDIA_OBJECTS = {"audio": "AudioObject", "video": "VideoObject", "image": "ImageObject"}


def _add(parent: _Element, tag: str, text: str | None = None, **attributes: str | None) -> Any:
    # Attribute names with a trailing underscore (class_) avoid Python keywords.
    element = etree.SubElement(parent, tag)
    url = attributes.get("href") or attributes.get("src")
    if url is not None and not is_safe_url(url, image=tag == "img"):
        # The model's URLs come from strangers too: one that could run script (javascript:)
        # is not written, and the element no longer claims to hold a URL (u-url).
        kept = _URL_CLASSES.sub("", attributes.get("class_") or "").strip()
        attributes = {**attributes, "href": None, "src": None, "class_": kept or None}
    for name, value in attributes.items():
        if value is not None:
            key = name.rstrip("_").replace("_", "-")
            element.set(key, _UNSAFE_CHARACTERS.sub("\ufffd", value))
    element.text = _UNSAFE_CHARACTERS.sub("\ufffd", text) if text else text
    return element


def _add_html(parent: _Element, tag: str, markup: str, class_: str) -> None:
    # Replaced before: nh3 cannot take lone surrogates. And after: lxml takes no control
    # characters, which nh3 writes for character references such as "&#1;".
    clean = _UNSAFE_CHARACTERS.sub("\ufffd", sanitize(_UNSAFE_CHARACTERS.sub("\ufffd", markup)))
    fragment = lxml.html.fragment_fromstring(clean, create_parent=tag)
    fragment.set("class", class_)
    parent.append(fragment)


def _mailto(address: str) -> str:
    # RFC 6068: "?", "%" and the like in an address are percent-encoded; "@" stays.
    return urllib.parse.quote(address, safe="@!$'*+,;=")


def _json_ld(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1).translate(_JSON_ESCAPES)


def _time(parent: _Element, when: _dt.datetime, class_: str) -> None:
    stamp = _add(
        parent, "time", f"{when:%Y-%m-%d %H:%M}", class_=class_, datetime=format_rfc3339(when)
    )
    stamp.tail = " "


# --- Markup --------------------------------------------------------------------


def _author(parent: _Element, author: Author, class_: str = "p-author h-card") -> None:
    card = _add(parent, "span", class_=class_)
    if author.avatar:
        _add(card, "img", class_="u-photo", src=author.avatar, alt="")
    name = author.name or author.url or author.email or ""
    if author.url:
        _add(card, "a", name, class_="p-name u-url", href=author.url)
    else:
        _add(card, "span", name, class_="p-name")
    if author.role:
        _add(card, "span", author.role, class_="p-job-title")
    if author.location:
        _add(card, "span", author.location, class_="p-locality")
    if author.email:
        _add(card, "a", author.email, class_="u-email", href=f"mailto:{_mailto(author.email)}")
    for part in card:
        part.tail = " "
    card.tail = " "


def _tags(parent: _Element, tags: Sequence[Tag], pages: Mapping[Tag, str] | None = None) -> None:
    # `pages`: a static site's own page for each tag, linked instead of the tag's URL.
    if not tags:
        return
    line = _add(parent, "p", "Tags: ", class_="tags")
    for tag in tags:
        page = pages.get(tag) if pages else None
        # p-category for microformats2 parsers, rel=tag for the link's URL: the reader
        # merges the two into one tag. A static site links its own tag page. A label
        # is what the page shows; the term is the category's value by the value-class
        # pattern (<span class="value-title" title="term">), which mf2 parsers read.
        href = page or tag.url
        labelled = tag.label is not None and tag.label != tag.term
        link = _add(
            line,
            "a" if href else "span",
            None if labelled else tag.term,
            class_="p-category",
            rel="tag" if href else None,
            href=href,
            data_scheme=tag.scheme,
        )
        if labelled:
            marker = _add(link, "span", class_="value-title", title=tag.term)
            marker.tail = _UNSAFE_CHARACTERS.sub("\ufffd", tag.label or "")
        link.tail = " "


def _size(length: int) -> str:
    if length < 1000:
        return f"{length} bytes"
    size = float(length)
    for unit in ("kB", "MB", "GB"):
        size /= 1000
        if size < 1000 or unit == "GB":
            break
    return f"{size:.1f} {unit}"


def _clock(seconds: int) -> str:
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def _enclosures(parent: _Element, enclosures: Sequence[Enclosure]) -> None:
    # rel=enclosure (HTML's registered link relation, Atom's) with the media type in
    # the link's type; length (bytes) and duration (seconds) as data- attributes for
    # machines and in the text for people. The link text is the title, else the URL.
    if not enclosures:
        return
    listed = _add(parent, "ul", class_="enclosures")
    for enclosure in enclosures:
        number = {"data_length": enclosure.length, "data_duration": enclosure.duration}
        numbers = {key: str(value) for key, value in number.items() if value is not None}
        link = _add(
            _add(listed, "li"),
            "a",
            enclosure.title or enclosure.url,
            class_="u-enclosure",
            rel="enclosure",
            href=enclosure.url,
            type=enclosure.type,
            **numbers,
        )
        details = [
            enclosure.type,
            _size(enclosure.length) if enclosure.length is not None else None,
            _clock(enclosure.duration) if enclosure.duration is not None else None,
        ]
        shown = ", ".join(d for d in details if d)
        if shown:
            link.tail = _UNSAFE_CHARACTERS.sub("\ufffd", f" ({shown})")


def _comment(parent: _Element, comment: Comment, replies: dict[str | None, list[Comment]]) -> None:
    item = _add(parent, "li")
    shown_kind = _SHOWN_KINDS.get(comment.kind)
    # A pingback or trackback is marked as WordPress themes mark it, with its kind's class.
    classes = f"p-comment h-cite {comment.kind}" if shown_kind else "p-comment h-cite"
    cite = _add(item, "article", class_=classes, id=comment.id)
    meta = _add(cite, "p", class_="meta")
    if shown_kind:
        _add(meta, "span", f"{shown_kind}:", class_="comment-kind").tail = " "
    if comment.author is not None:
        _author(meta, comment.author)
    if comment.published is not None:
        _time(meta, comment.published, "dt-published")
    if comment.url:
        _add(meta, "a", "#", class_="u-url", href=comment.url).tail = " "
    if comment.in_reply_to:
        _add(meta, "a", "in reply to", class_="u-in-reply-to", href=f"#{comment.in_reply_to}")
    if comment.approved is False:
        # WordPress's note (and class) for a comment shown before moderation.
        _add(meta, "em", "Awaiting moderation", class_="comment-awaiting-moderation")
    _add_html(cite, "div", comment.content, "e-content")
    children = replies.get(comment.id, []) if comment.id else []
    if children:
        nested = _add(cite, "ol", class_="replies")
        for reply in children:
            _comment(nested, reply, replies)


def _comments(parent: _Element, comments: Sequence[Comment]) -> None:
    if not comments:
        return
    known = {c.id for c in comments if c.id}
    replies: dict[str | None, list[Comment]] = {}
    for comment in comments:
        parent_id = comment.in_reply_to if comment.in_reply_to in known else None
        replies.setdefault(parent_id, []).append(comment)
    section = _add(parent, "section", class_="comments")
    _add(section, "h2", "Comments")
    top = _add(section, "ol", class_="comments")
    for comment in replies.get(None, []):
        _comment(top, comment, replies)


def _entry(
    parent: _Element,
    post: Post,
    *,
    heading: str,
    comments: bool,
    link: str | None = None,
    tag_pages: Mapping[Tag, str] | None = None,
) -> None:
    # `link` and `tag_pages`: where a static site shows the post and its tags.
    article = _add(parent, "article", class_="h-entry", lang=post.language)
    if post.title:
        title = _add(article, heading, class_="p-name")
        if (link or post.url) and heading != "h1":
            _add(title, "a", post.title, href=link or post.url)
        else:
            title.text = _UNSAFE_CHARACTERS.sub("\ufffd", post.title)
    meta = _add(article, "p", class_="meta")
    for author in post.authors:
        _author(meta, author)
    if post.published is not None:
        _time(meta, post.published, "dt-published")
    if post.updated is not None:
        _time(meta, post.updated, "dt-updated")
    if post.url:
        same = post.id == post.url
        _add(meta, "a", " permalink", class_="u-url u-uid" if same else "u-url", href=post.url)
    if post.id and post.id != post.url:
        _add(meta, "data", class_="u-uid", value=post.id)
    if post.summary:
        _add_html(article, "div", post.summary, "p-summary")
    _add_html(article, "div", post.content or "", "e-content")
    _enclosures(article, post.enclosures)
    _tags(article, post.tags, tag_pages)
    if comments:
        _comments(article, post.comments)


# --- JSON-LD -------------------------------------------------------------------


def _person(author: Author) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": author.name, "url": author.url}
    person |= {"jobTitle": author.role, "email": author.email, "image": author.avatar}
    if author.location:
        person["homeLocation"] = {"@type": "Place", "name": author.location}
    return {key: value for key, value in person.items() if value is not None}


def _comment_ld(comment: Comment) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Comment"}
    if comment.id:
        node["@id"] = f"#{comment.id}"
    if comment.url:
        node["url"] = comment.url
    if comment.author is not None:
        node["author"] = _person(comment.author)
    if comment.published is not None:
        node["datePublished"] = format_rfc3339(comment.published)
    node["text"] = lxml.html.fragment_fromstring(
        sanitize(comment.content), create_parent="div"
    ).text_content()
    if comment.in_reply_to:
        node["parentItem"] = {"@id": f"#{comment.in_reply_to}"}
    return node


def _keyword(tag: Tag) -> str | dict[str, Any]:
    # A bare term is a keyword as text; with a label, scheme or page, a DefinedTerm.
    if tag.label is None and tag.scheme is None and tag.url is None:
        return tag.term
    term: dict[str, str | None] = {"@type": "DefinedTerm", "name": tag.display}
    term |= {"termCode": tag.term}
    term |= {"inDefinedTermSet": tag.scheme, "url": tag.url}
    return {key: value for key, value in term.items() if value is not None}


def _media(enclosure: Enclosure) -> dict[str, Any]:
    kind = (enclosure.type or "").partition("/")[0]
    node: dict[str, Any] = {"@type": _MEDIA_OBJECTS.get(kind, "MediaObject")}
    node |= {"contentUrl": enclosure.url, "encodingFormat": enclosure.type}
    node |= {"name": enclosure.title}
    if enclosure.length is not None:
        node["contentSize"] = f"{enclosure.length} B"
    if enclosure.duration is not None:
        node["duration"] = f"PT{enclosure.duration}S"
    return {key: value for key, value in node.items() if value is not None}


def _posting(post: Post) -> dict[str, Any]:
    node: dict[str, Any] = {"@context": "https://schema.org", "@type": "BlogPosting"}
    if post.id:
        node["@id"] = post.id
    node |= {"headline": post.title, "url": post.url, "inLanguage": post.language}
    for key, when in (("datePublished", post.published), ("dateModified", post.updated)):
        if when is not None:
            node[key] = format_rfc3339(when)
    if post.authors:
        node["author"] = [_person(author) for author in post.authors]
    if post.tags:
        node["keywords"] = [_keyword(tag) for tag in post.tags]
    if post.enclosures:
        node["associatedMedia"] = [_media(enclosure) for enclosure in post.enclosures]
    node["commentCount"] = post.comment_count
    if post.comments:
        node["comment"] = [_comment_ld(comment) for comment in post.comments]
    return {key: value for key, value in node.items() if value is not None}


# --- Documents -----------------------------------------------------------------


def _document(
    title: str | None,
    language: str | None,
    canonical: str | None,
    feeds: Iterable[Link],
) -> tuple[_Element, _Element]:
    root = lxml.html.Element("html")
    if language:
        root.set("lang", language)
    head = _add(root, "head")
    _add(head, "meta", charset="utf-8")
    _add(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    _add(head, "title", title or "Untitled")
    if canonical:
        _add(head, "link", rel="canonical", href=canonical)
    for feed in feeds:
        _add(head, "link", rel="alternate", type=feed.type, title=feed.title, href=feed.url)
    _add(head, "style", _STYLE)
    return root, _add(root, "body")


def _site_header(body: _Element, blog: Blog | None) -> None:
    if blog is None or not (blog.title or blog.url):
        return
    header = _add(body, "header", class_="site")
    _add(header, "a", blog.title or blog.url, rel="home", href=blog.url)


def _serialise(root: _Element) -> str:
    text = str(lxml.html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode"))
    return text if text.endswith("\n") else text + "\n"


def _post_page(post: Post, blog: Blog | None) -> str:
    language = post.language or (blog.language if blog else None)
    feeds = blog.feeds if blog else ()
    # "Post | Blog": the reader strips the blog's name from the <title> again.
    title = " | ".join(t for t in (post.title, blog.title if blog else None) if t)
    root, body = _document(title, language, post.url, feeds)
    _add(root[0], "script", _json_ld(_posting(post)), type="application/ld+json")
    _site_header(body, blog)
    main = _add(body, "main")
    _entry(main, post, heading="h1", comments=True)
    return _serialise(root)


def _listing_page(blog: Blog, posts: Sequence[Post]) -> str:
    root, body = _document(blog.title, blog.language, blog.url, blog.feeds)
    feed = _add(body, "main", class_="h-feed")
    header = _add(feed, "header", class_="site")
    if blog.title:
        _add(header, "h1", class_="p-name").append(
            _add(header, "a", blog.title, class_="u-url", href=blog.url)
        )
    elif blog.url:
        _add(header, "a", blog.url, class_="u-url", href=blog.url)
    if blog.description:
        _add(header, "p", blog.description, class_="p-summary")
    for author in blog.authors:
        _author(header, author)
    for post in posts:
        _entry(feed, post, heading="h2", comments=False)
    return _serialise(root)


def to_html(item: Post | Blog | Page, *, blog: Blog | None = None) -> str:
    """Write a post page, a blog's listing page or a `Page` as an HTML5 document.

    A `Post` becomes a post page (``h-entry`` with its comments, JSON-LD
    ``BlogPosting``); a `Blog` becomes a listing page (``h-feed`` of its posts); a
    `Page` becomes a post page when it holds one post of kind ``"post"``, else a
    listing of its posts under its blog.

    Args:
        item: What to write.
        blog: For a post page, the blog it belongs to (site link, feed links, language).

    Returns:
        The document, starting with ``<!DOCTYPE html>``.

    Raises:
        UnsupportedFormatError: When `item` is not a `Post`, `Blog` or `Page`.

    Example:
        >>> page = to_html(Post(title="Tea & <cake>", content="<p>Hi<script>x()</script></p>"))
        >>> page.startswith("<!DOCTYPE html>")
        True
        >>> "Tea &amp; &lt;cake&gt;" in page, "x()" in page
        (True, False)
    """
    if isinstance(item, Post):
        return _post_page(item, blog)
    if isinstance(item, Blog):
        return _listing_page(item, item.posts)
    if isinstance(item, Page):
        if item.kind == "post" and len(item.posts) == 1:
            return _post_page(item.posts[0], item.blog)
        return _listing_page(item.blog or Blog(), item.posts)
    raise UnsupportedFormatError(
        f"to_html writes a Post, Blog or Page, not {type(item).__name__}", where="to_html"
    )
