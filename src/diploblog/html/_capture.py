"""Pages saved by web archives: recognise the capture, undo what the archive did.

A pre-pass run by `parse_html` before the evidence layers. It recognises a capture
from its address or its content, for the Internet Archive's Wayback Machine
(``/web/<14-digit timestamp><modifier>/<original>``, its toolbar, ``__wm`` scripts and
``FILE ARCHIVED ON`` comment), the UK Government Web Archive
(``webarchive.nationalarchives.gov.uk/<ts>/http:/host/path`` with the collapsed double
slash, ``/ukgwa/<ts>mp_/...``, originals with no scheme, the ``[ARCHIVED CONTENT]``
title prefix and the ``webArchiveInfobox`` banner), pywb archives (``<!-- WB Insert -->``
blocks, wombat scripts) and Archive-It (``/<collection>/<ts>/<original>``). It removes
everything the archive inserted and rewrites every URL in the page back to its
original form, so the layers only ever see the blog's own page.
"""

from __future__ import annotations

import datetime as _dt
import re
import urllib.parse

import lxml.etree
import lxml.html

from diploblog._model import Capture
from diploblog.html._xpath import Strings

__all__ = ["original_url", "unwrap"]

# <scheme://host[/prefix]>/<14 digits><modifier>/<original>: every Wayback-style archive.
_ARCHIVED = re.compile(
    r"^(?P<root>https?://(?P<host>[^/]+)(?P<prefix>(?:/[^/]+)*?))/"
    r"(?P<ts>\d{14})(?P<mod>[a-z]{2}_)?/(?P<original>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_SCHEMELESS = re.compile(r"^(?:(?P<scheme>https?):/*)?(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_HOST_START = re.compile(r"^[\w-]+(\.[\w-]+)+(:\d+)?(/|$)")
_WOMBAT = re.compile(r"""__wm\.wombat\(\s*["']([^"']+)["']\s*,\s*["'](\d{14})["']""")
_WBINFO_URL = re.compile(r"""wbinfo\.url\s*=\s*["']([^"']+)["']""")
_WBINFO_TS = re.compile(r"""wbinfo\.timestamp\s*=\s*["'](\d{14})["']""")
_TITLE_PREFIX = re.compile(r"^\s*\[ARCHIVED CONTENT\]\s*", re.IGNORECASE)
_MARKERS = (
    "BEGIN WAYBACK TOOLBAR INSERT",
    "END WAYBACK TOOLBAR INSERT",
    "End Wayback Rewrite JS Include",
    "FILE ARCHIVED ON",
    "playback timings",
    "WB Insert",
    "webArchiveInfobox",
    "webarchive.nationalarchives.gov.uk",
)
_SCRIPT_MARKERS = (
    "__wm.",
    "wombat",
    "wbinfo",
    "/_static/",
    "archive.org/includes",
    "web-static.archive.org",
    "ukgwa",
    "webarchive.nationalarchives",
    "archive-it.org",
    "WB_wombat",
    "_wb_",
    "webArchiveInfobox",
    "/ukgwa/",
)
_INSERTED_IDS = re.compile(r"^(wm-ipp|wm-|donato|webArchiveInfobox|_wb_|wb_)", re.IGNORECASE)
_URL_ATTRIBUTES = ("href", "src", "action", "data", "poster", "cite", "background", "data-src")
_META_URL_NAMES = frozenset({"og:url", "og:image", "twitter:image", "twitter:url"})
# Attribute values straight from libxml2: no element objects for the Python side to build.
_IDS = Strings("descendant-or-self::*/@id")
_RANGES = (
    ("BEGIN WAYBACK TOOLBAR INSERT", "END WAYBACK TOOLBAR INSERT"),
    ("WB Insert", "End WB Insert"),
)


def _archive_name(host: str, prefix: str) -> str:
    host = host.lower()
    if host.endswith("nationalarchives.gov.uk"):
        return "UK Government Web Archive"
    if host.endswith("archive-it.org"):
        return "Archive-It"
    if host.endswith("archive.org"):
        return "Wayback Machine"
    return "pywb" if prefix else "web archive"


def _restore(original: str) -> str:
    # The UKGWA collapses "http://" to "http:/" and sometimes drops the scheme.
    match = _SCHEMELESS.match(original)
    assert match is not None  # the pattern matches any text
    scheme, rest = match.group("scheme"), match.group("rest")
    if scheme is None and not _HOST_START.match(rest):
        return original
    return f"{(scheme or 'http').lower()}://{rest}"


def original_url(url: str | None) -> str | None:
    """The original address behind an archive address, or None when it is not one.

    Args:
        url: An absolute URL.

    Returns:
        The URL the archive saved, with the scheme and double slash the archive
        collapsed restored; None for a URL that is not an archive address.

    Example:
        >>> original_url("http://webarchive.nationalarchives.gov.uk/20110107181957/"
        ...              "http:/blogs.fco.gov.uk/roller/hale/")
        'http://blogs.fco.gov.uk/roller/hale/'
        >>> original_url("https://web.archive.org/web/20100720120000im_/example.org/a.png")
        'http://example.org/a.png'
        >>> original_url("http://example.org/2010/07/20/") is None
        True
    """
    match = _ARCHIVED.match(url or "")
    if match is None:
        return None
    restored = _restore(match.group("original"))
    return restored if restored.lower().startswith(("http://", "https://")) else None


def _timestamp(digits: str) -> _dt.datetime | None:
    try:
        return _dt.datetime.strptime(digits, "%Y%m%d%H%M%S").replace(tzinfo=_dt.timezone.utc)
    except ValueError:
        return None


def _capture_of(archive_url: str) -> Capture | None:
    match = _ARCHIVED.match(archive_url)
    original = original_url(archive_url)
    if match is None or original is None:
        return None
    return Capture(
        archive=_archive_name(match.group("host"), match.group("prefix")),
        archive_url=archive_url,
        original_url=original,
        captured_at=_timestamp(match.group("ts")),
    )


def _scripts(doc: lxml.html.HtmlElement) -> str:
    return "\n".join(s.text or "" for s in doc.iter("script"))


def _from_content(doc: lxml.html.HtmlElement) -> Capture | None:
    scripts = _scripts(doc)
    wombat = _WOMBAT.search(scripts)
    if wombat:
        original, stamp = wombat.groups()
        return Capture(
            archive="Wayback Machine",
            archive_url=f"https://web.archive.org/web/{stamp}/{original}",
            original_url=_restore(original),
            captured_at=_timestamp(stamp),
        )
    info_url, info_ts = _WBINFO_URL.search(scripts), _WBINFO_TS.search(scripts)
    if info_url and info_ts:
        return Capture(
            archive="pywb",
            original_url=_restore(info_url.group(1)),
            captured_at=_timestamp(info_ts.group(1)),
        )
    return _from_links(doc) if _has_markers(doc) else None


def _has_markers(doc: lxml.html.HtmlElement) -> bool:
    comments = " ".join(str(c.text or "") for c in doc.iter(lxml.etree.Comment))
    return any(marker in comments for marker in _MARKERS) or any(
        map(_INSERTED_IDS.match, _IDS(doc))
    )


def _from_links(doc: lxml.html.HtmlElement) -> Capture | None:
    # No address and no script naming the original: the canonical link or the first
    # archived link gives the archive and the time, not the page's own address.
    canonical = [e.get("href") or "" for e in doc.iter("link") if e.get("rel") == "canonical"]
    hrefs = [e.get("href") or "" for e in doc.iter("a", "link")]
    for href in [*canonical, *hrefs]:
        capture = _capture_of(href)
        if capture is not None:
            known = href in canonical
            return Capture(
                archive=capture.archive,
                archive_url=capture.archive_url if known else None,
                original_url=capture.original_url if known else None,
                captured_at=capture.captured_at,
            )
    return None


def detect(doc: lxml.html.HtmlElement, url: str | None) -> Capture | None:
    """Recognise a capture from the address it was saved under, else from its content.

    Args:
        doc: The parsed page.
        url: The address the caller gave, possibly an archive address.

    Returns:
        The `Capture`, or None when the page is not an archived one.

    Example:
        >>> doc = lxml.html.fromstring("<p>Hi</p>")
        >>> detect(doc, "https://wayback.archive-it.org/1234/20110107181957/"
        ...        "http://example.org/").archive
        'Archive-It'
    """
    if url:
        capture = _capture_of(url)
        if capture is not None:
            return capture
    return _from_content(doc)


def _inserted_comment(text: str) -> bool:
    return any(marker in text for marker in _MARKERS)


def _drop(element: lxml.etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if isinstance(element, lxml.html.HtmlElement):
        element.drop_tree()
    else:  # a comment: keep the text that follows it
        previous = element.getprevious()
        if element.tail:
            if previous is not None:
                previous.tail = (previous.tail or "") + element.tail
            else:
                parent.text = (parent.text or "") + element.tail
        parent.remove(element)


def _drop_ranges(doc: lxml.html.HtmlElement) -> None:
    for begin_marker, end_marker in _RANGES:
        for comment in list(doc.iter(lxml.etree.Comment)):
            text = str(comment.text or "").strip()
            if text != begin_marker or comment.getparent() is None:
                continue
            following = list(comment.itersiblings())
            end = next(
                (i for i, e in enumerate(following) if _is_comment(e, end_marker)),
                len(following) - 1,
            )
            for element in following[: end + 1]:
                _drop(element)
            _drop(comment)


def _is_comment(element: lxml.etree._Element, text: str) -> bool:
    return isinstance(element, lxml.etree._Comment) and str(element.text or "").strip() == text


def _drop_rewrite_include(doc: lxml.html.HtmlElement) -> None:
    # The Wayback Machine inserts its scripts right after <head>, up to this comment.
    for comment in list(doc.iter(lxml.etree.Comment)):
        if "End Wayback Rewrite JS Include" in str(comment.text or ""):
            for element in list(comment.itersiblings(preceding=True)):
                if element.tag in {"script", "link", "style"} or isinstance(
                    element, lxml.etree._Comment
                ):
                    _drop(element)


def _inserted_element(element: lxml.html.HtmlElement) -> bool:
    if _INSERTED_IDS.match(element.get("id") or ""):
        return True
    if "webArchiveInfobox" in (element.get("class") or ""):
        return True
    if element.tag in {"script", "link", "style"}:
        address = element.get("src") or element.get("href") or ""
        if original_url(address):  # the page's own script, style sheet or feed, rewritten
            return False
        source = f"{address} {element.text or ''}"
        return any(marker in source for marker in _SCRIPT_MARKERS)
    return False


def _drop_inserted(doc: lxml.html.HtmlElement) -> None:
    _drop_ranges(doc)
    _drop_rewrite_include(doc)
    for element in list(doc.iter()):
        if element.getparent() is None:
            continue
        if isinstance(element, lxml.etree._Comment):
            if _inserted_comment(str(element.text or "")):
                _drop(element)
        elif isinstance(element.tag, str) and _inserted_element(element):
            _drop(element)


def _rewrite(value: str, archive_url: str | None) -> str:
    value = value.strip()
    if not value or value.lower().startswith(("javascript:", "mailto:", "data:", "#")):
        return value
    # With no archive address known, root-relative archive links still name the original.
    try:
        absolute = urllib.parse.urljoin(archive_url or "http://archive.invalid/", value)
    except ValueError:  # an unbalanced "[" in a host ("http://[x/"), found by fuzzing
        return value
    return original_url(absolute) or value


def _rewrite_srcset(value: str, archive_url: str | None) -> str:
    parts = []
    for candidate in value.split(","):
        url, _, size = candidate.strip().partition(" ")
        parts.append(f"{_rewrite(url, archive_url)} {size}".strip())
    return ", ".join(parts)


def _rewrite_urls(doc: lxml.html.HtmlElement, archive_url: str | None) -> None:
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for name in _URL_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                element.set(name, _rewrite(value, archive_url))
        if element.get("srcset"):
            element.set("srcset", _rewrite_srcset(element.get("srcset") or "", archive_url))
        named = element.get("property") or element.get("name") or ""
        if element.tag == "meta" and named.lower() in _META_URL_NAMES and element.get("content"):
            element.set("content", _rewrite(element.get("content") or "", archive_url))


def _strip_title(doc: lxml.html.HtmlElement) -> None:
    for title in doc.iter("title"):
        if title.text:
            title.text = _TITLE_PREFIX.sub("", title.text)


def unwrap(doc: lxml.html.HtmlElement, url: str | None) -> Capture | None:
    """Undo a web archive's changes to a parsed page, in place, and say what it was.

    Removes the archive's banners, toolbars, scripts, style sheets and comments and
    the title prefix it added, and rewrites every link, image, script, style sheet and
    feed URL back to the original address (a relative one too, resolved against the
    archive address first).

    Args:
        doc: The parsed page; changed in place.
        url: The address the caller gave (the archive address for a capture).

    Returns:
        The `Capture`, or None (and the page untouched) when it is not an archived page.

    Example:
        >>> doc = lxml.html.fromstring(
        ...     '<html><head><title>[ARCHIVED CONTENT] Hi</title></head><body>'
        ...     '<div id="webArchiveInfobox">This is an archived page</div>'
        ...     '<a href="/20110107181957/http:/example.org/b">b</a></body></html>')
        >>> unwrap(doc, "http://webarchive.nationalarchives.gov.uk/20110107181957/"
        ...        "http:/example.org/a").original_url
        'http://example.org/a'
        >>> lxml.html.tostring(doc.body)
        b'<body><a href="http://example.org/b">b</a></body>'
        >>> doc.findtext(".//title")
        'Hi'
    """
    capture = detect(doc, url)
    if capture is None:
        return None
    _drop_inserted(doc)
    _rewrite_urls(doc, capture.archive_url or url)
    _strip_title(doc)
    return capture
