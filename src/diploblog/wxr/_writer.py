"""Writing a `Blog` as a WordPress eXtended RSS (WXR 1.2) export for WordPress's importer.

The channel lists authors, then categories (parents before children, as the
importer creates them in order), tags and other terms, then the items. Posts and
comments without numeric ids get numbers that do not clash with the ones present;
a comment's non-numeric id is kept in a ``_diploblog_id`` comment meta, which the
reader gives back.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from typing import Final

from lxml import etree

from diploblog._model import Author, Blog, Comment, Extension, Post, Tag
from diploblog._provenance import without_provenance
from diploblog._xmlwrite import append_extension, serialize, sub
from diploblog.dates import format_rfc822
from diploblog.wxr._reader import ORIGINAL_ID_KEY, WP_NS

__all__ = ["to_wxr"]

_NSMAP: Final = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": WP_NS,
}
_WP: Final = "{" + WP_NS + "}"
_DC: Final = "{" + _NSMAP["dc"] + "}"
_CONTENT: Final = "{" + _NSMAP["content"] + "}"
_EXCERPT: Final = "{" + _NSMAP["excerpt"] + "}"
# Item elements the writer always writes, from an extension when one holds the value.
_ITEM_DEFAULTS: Final = (
    ("comment_status", "open"),
    ("ping_status", "open"),
    ("post_parent", "0"),
    ("menu_order", "0"),
    ("post_password", ""),
    ("is_sticky", "0"),
)
_MANAGED: Final = frozenset({"post_id", *(name for name, _ in _ITEM_DEFAULTS)})
_CHANNEL_MANAGED: Final = frozenset({"author", "base_site_url", "base_blog_url"})


def to_wxr(blog: Blog, *, pretty: bool = False) -> bytes:
    """Write a blog as a WXR 1.2 export that WordPress's importer reads.

    Args:
        blog: The blog.
        pretty: Indent the document.

    Returns:
        The export as UTF-8 XML.

    Example:
        >>> from diploblog import Blog, Post
        >>> b'<wp:wxr_version>1.2</wp:wxr_version>' in to_wxr(Blog(posts=[Post(title="Hi")]))
        True
    """
    blog = without_provenance(blog)  # merge's bookkeeping is not published
    rss = etree.Element("rss", {"version": "2.0"}, nsmap=_NSMAP)
    channel = sub(rss, "channel")
    _channel_head(channel, blog)
    logins = _write_authors(channel, blog)
    _write_terms(channel, blog)
    for ext in blog.extensions:
        if not (ext.namespace == WP_NS and ext.name in _CHANNEL_MANAGED):
            append_extension(channel, ext)
    for post, post_id in zip(blog.posts, _post_ids(blog.posts), strict=True):
        _write_item(channel, post, post_id, logins)
    return serialize(rss, pretty=pretty)


def _channel_head(channel: etree._Element, blog: Blog) -> None:
    sub(channel, "title", blog.title or "")
    sub(channel, "link", blog.url or "")
    sub(channel, "description", blog.description or "")
    if blog.updated is not None:
        sub(channel, "pubDate", format_rfc822(blog.updated))
    if blog.language:
        sub(channel, "language", blog.language)
    if blog.generator:
        sub(channel, "generator", blog.generator)
    sub(channel, _WP + "wxr_version", "1.2")
    kept = {e.name: e.text for e in blog.extensions if e.namespace == WP_NS}
    sub(channel, _WP + "base_site_url", kept.get("base_site_url") or blog.url or "")
    sub(channel, _WP + "base_blog_url", kept.get("base_blog_url") or blog.url or "")


def _author_details(blog: Blog) -> dict[str, dict[str, str]]:
    details: dict[str, dict[str, str]] = {}
    for ext in blog.extensions:
        if ext.namespace == WP_NS and ext.name == "author":
            fields = {c.name: c.text or "" for c in ext.children}
            key = fields.get("author_display_name") or fields.get("author_login", "")
            details[key] = fields
    return details


def _write_authors(channel: etree._Element, blog: Blog) -> dict[Author, str]:
    details = _author_details(blog)
    everyone = [*blog.authors, *(a for p in blog.posts for a in p.authors)]
    logins: dict[Author, str] = {}
    for number, author in enumerate(dict.fromkeys(everyone), start=1):
        known = details.get(author.name or "", {})
        login = known.get("author_login") or _login(author)
        while login in logins.values():
            login = f"{login}-{number}"
        logins[author] = login
        el = sub(channel, _WP + "author")
        sub(el, _WP + "author_id", str(number))
        sub(el, _WP + "author_login", login)
        sub(el, _WP + "author_email", author.email or "")
        sub(el, _WP + "author_display_name", author.name or _login(author))
        sub(el, _WP + "author_first_name", known.get("author_first_name", ""))
        sub(el, _WP + "author_last_name", known.get("author_last_name", ""))
    return logins


def _login(author: Author) -> str:
    # WordPress needs a login; an author with only a URL is named by it.
    return author.name or (author.email or "").partition("@")[0] or author.url or "anonymous"


def _all_terms(blog: Blog) -> list[Tag]:
    # Only the blog's own list: the importer creates the terms items use as it meets them.
    return list(dict.fromkeys(_wp_tag(t) for t in blog.tags))


def _wp_tag(tag: Tag) -> Tag:
    # WordPress has no tag without a taxonomy: a feed's plain tag is a post tag.
    if tag.scheme is not None:
        return tag
    return Tag(
        term=tag.term,
        label=tag.label,
        scheme="post_tag",
        url=tag.url,
        description=tag.description,
        parent=tag.parent,
    )


def _parents_first(tags: list[Tag]) -> Iterator[Tag]:
    by_slug = {t.slug: t for t in tags}
    done: set[str] = set()

    def visit(tag: Tag, seen: frozenset[str]) -> Iterator[Tag]:
        if tag.slug in done:
            return
        parent = by_slug.get(tag.parent or "")
        if parent is not None and parent.slug not in seen:
            yield from visit(parent, seen | {tag.slug})
        done.add(tag.slug)
        yield tag

    for tag in tags:
        yield from visit(tag, frozenset())


def _write_terms(channel: etree._Element, blog: Blog) -> None:
    terms = _all_terms(blog)
    categories = list(_parents_first([t for t in terms if t.scheme == "category"]))
    others = [t for t in terms if t.scheme != "category"]
    for term_id, tag in enumerate([*categories, *others], start=1):
        name = tag.label or tag.term
        if tag.scheme == "category":
            el = sub(channel, _WP + "category")
            sub(el, _WP + "term_id", str(term_id))
            sub(el, _WP + "category_nicename", tag.slug)
            sub(el, _WP + "category_parent", tag.parent or "")
            sub(el, _WP + "cat_name", name)
            _optional(el, "category_description", tag.description)
        elif tag.scheme == "post_tag":
            el = sub(channel, _WP + "tag")
            sub(el, _WP + "term_id", str(term_id))
            sub(el, _WP + "tag_slug", tag.slug)
            sub(el, _WP + "tag_name", name)
            _optional(el, "tag_description", tag.description)
        else:
            el = sub(channel, _WP + "term")
            sub(el, _WP + "term_id", str(term_id))
            sub(el, _WP + "term_taxonomy", tag.scheme or "post_tag")
            sub(el, _WP + "term_slug", tag.slug)
            sub(el, _WP + "term_parent", tag.parent or "")
            sub(el, _WP + "term_name", name)
            _optional(el, "term_description", tag.description)


def _optional(parent: etree._Element, name: str, text: str | None) -> None:
    if text is not None:
        sub(parent, _WP + name, text)


def _numeric_ids(values: Iterable[str | None]) -> list[str]:
    """Keep numeric ids, give the others the next numbers nobody uses."""
    values = list(values)
    used = {int(v) for v in values if v is not None and v.isdigit()}
    next_id, out = 1, []
    for value in values:
        if value is not None and value.isdigit():
            out.append(value)
            continue
        while next_id in used:
            next_id += 1
        used.add(next_id)
        out.append(str(next_id))
    return out


def _kept(extensions: Iterable[Extension], name: str) -> str | None:
    return next((e.text for e in extensions if e.namespace == WP_NS and e.name == name), None)


def _post_ids(posts: Iterable[Post]) -> list[str]:
    return _numeric_ids(_kept(p.extensions, "post_id") for p in posts)


def _write_item(
    channel: etree._Element, post: Post, post_id: str, logins: dict[Author, str]
) -> None:
    item = sub(channel, "item")
    sub(item, "title", post.title or "")
    sub(item, "link", post.url or "")
    if post.published is not None:
        sub(item, "pubDate", format_rfc822(post.published))
    for author in post.authors:
        sub(item, _DC + "creator", logins[author])
    if post.id is not None:
        sub(item, "guid", post.id, isPermaLink="false")
    sub(item, "description", "")
    sub(item, _CONTENT + "encoded", post.content or "")
    sub(item, _EXCERPT + "encoded", post.summary or "")
    sub(item, _WP + "post_id", post_id)
    _dates(item, "post_date", post.published)
    _dates(item, "post_modified", post.updated)
    for name, default in _ITEM_DEFAULTS:
        value = _kept(post.extensions, name)
        sub(item, _WP + name, default if value is None else value)
    sub(item, _WP + "post_name", post.slug or "")
    sub(item, _WP + "status", post.status or "publish")
    sub(item, _WP + "post_type", post.kind)
    if post.kind == "attachment" and post.enclosures:
        sub(item, _WP + "attachment_url", post.enclosures[0].url)
    for enclosure in post.enclosures:
        length = None if enclosure.length is None else str(enclosure.length)
        sub(item, "enclosure", url=enclosure.url, length=length, type=enclosure.type)
    for tag in post.tags:
        wp_tag = _wp_tag(tag)
        sub(
            item,
            "category",
            wp_tag.label or wp_tag.term,
            domain=wp_tag.scheme,
            nicename=wp_tag.slug,
        )
    for ext in post.extensions:
        if not (ext.namespace == WP_NS and ext.name in _MANAGED):
            append_extension(item, ext)
    comment_ids = _numeric_ids(c.id for c in post.comments)
    by_id = dict(zip((c.id for c in post.comments), comment_ids, strict=True))
    for comment, number in zip(post.comments, comment_ids, strict=True):
        _write_comment(item, comment, number, by_id)


def _dates(parent: etree._Element, name: str, when: _dt.datetime | None) -> None:
    if when is None:
        sub(parent, _WP + name, "0000-00-00 00:00:00")
        sub(parent, _WP + name + "_gmt", "0000-00-00 00:00:00")
        return
    sub(parent, _WP + name, when.strftime("%Y-%m-%d %H:%M:%S"))
    utc = when.astimezone(_dt.timezone.utc)
    sub(parent, _WP + name + "_gmt", utc.strftime("%Y-%m-%d %H:%M:%S"))


def _write_comment(
    item: etree._Element, comment: Comment, number: str, by_id: dict[str | None, str]
) -> None:
    el = sub(item, _WP + "comment")
    author = comment.author or Author(name="-")
    sub(el, _WP + "comment_id", number)
    sub(el, _WP + "comment_author", "" if comment.author is None else author.name or "")
    sub(el, _WP + "comment_author_email", author.email or "")
    sub(el, _WP + "comment_author_url", author.url or "")
    _dates(el, "comment_date", comment.published)
    sub(el, _WP + "comment_content", comment.content)
    approved = _kept(comment.extensions, "comment_approved")
    if approved is None:
        approved = "0" if comment.approved is False else "1"
    sub(el, _WP + "comment_approved", approved)
    sub(el, _WP + "comment_type", "" if comment.kind == "comment" else comment.kind)
    parent = comment.in_reply_to
    sub(el, _WP + "comment_parent", "0" if parent is None else by_id.get(parent, parent))
    for ext in comment.extensions:
        if not (ext.namespace == WP_NS and ext.name == "comment_approved"):
            append_extension(el, ext)
    if comment.id is not None and comment.id != number:
        meta = sub(el, _WP + "commentmeta")
        sub(meta, _WP + "meta_key", ORIGINAL_ID_KEY)
        sub(meta, _WP + "meta_value", comment.id)
