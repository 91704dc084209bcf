"""Sanitising post and comment content before it is written into a page.

Content comes from strangers, so it goes through an allow-list sanitizer, `nh3`
(Python bindings to the Rust `ammonia` library, itself built on html5ever, the
HTML5 parser of Servo). Only the elements and attributes listed here survive;
everything else a browser could run is removed:

- ``script``, ``style``, ``noscript``, ``template``, ``iframe``, ``object``,
  ``embed``, ``form`` (and its fields), ``svg``, ``math``, ``base``, ``meta``,
  ``link`` go with their content;
- every ``on*`` event handler, ``style`` and ``class`` attribute goes (``class``
  because a stranger's ``h-entry`` inside the content would read back as a post);
- URLs (``href``, ``src``, ``cite``) keep only ``http``, ``https``, ``mailto`` and
  relative ones; images also keep
  ``data:image/png|jpeg|gif|webp`` (raster images never run script);
- every link gets ``rel="nofollow ugc noopener noreferrer"``: the content is not
  ours to vouch for, and a content link then never reads back as a ``rel=tag``.
"""

from __future__ import annotations

import re

import nh3

__all__ = ["safe_url", "sanitize"]

_TAGS = frozenset(
    {
        *("p", "br", "hr", "div", "span", "a", "img", "em", "strong", "b", "i", "u", "s"),
        *("small", "sub", "sup", "mark", "del", "ins", "kbd", "samp", "var", "dfn", "bdi"),
        *("ul", "ol", "li", "dl", "dt", "dd", "blockquote", "q", "cite", "pre", "code"),
        *("h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "abbr", "time"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup"),
        *("details", "summary", "ruby", "rt", "rp", "wbr"),
    }
)
_CLEAN_CONTENT_TAGS = frozenset(
    {
        *("script", "style", "noscript", "template", "iframe", "object", "embed", "form"),
        *("svg", "math", "base", "meta", "link", "textarea", "select", "button", "title"),
        *("applet", "frame", "frameset", "noembed", "noframes", "xmp", "plaintext"),
    }
)
_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "abbr": {"title"},
    "time": {"datetime"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "scope", "abbr"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
}
_URL_SCHEMES = frozenset({"http", "https", "mailto", "data"})
_LINK_REL = "nofollow ugc noopener noreferrer"
_SAFE_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp)[;,]", re.IGNORECASE)
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")


def safe_url(url: str, *, tag: str = "a", attribute: str = "href") -> str | None:
    """The URL when a browser can follow it harmlessly, else None.

    For a URL the writer puts in an attribute itself (a post's permalink, an author's
    avatar): the same rule `sanitize` applies inside content. http, https, mailto and
    relative URLs pass; ``javascript:``, ``vbscript:`` and ``data:`` (but images) do not.

    Args:
        url: The URL, as the model holds it.
        tag: The element the URL goes on.
        attribute: The attribute that holds it (``href``, ``src``).

    Returns:
        `url` unchanged, or None.

    Example:
        >>> safe_url("https://example.org/a"), safe_url("/a"), safe_url(" JavaScript:alert(1)")
        ('https://example.org/a', '/a', None)
    """
    return _keep_attribute(tag, attribute, url)


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    # nh3 checks the scheme of href and src but not of cite: check every URL here too,
    # the way a browser reads it (control characters and spaces ignored).
    if attribute not in _URL_ATTRIBUTES:
        return value
    compact = _IGNORED_IN_SCHEME.sub("", value).lower()
    scheme = _SCHEME.match(compact)
    if scheme is None or scheme.group(1) in {"http", "https", "mailto"}:
        return value
    if tag == "img" and attribute == "src" and _SAFE_DATA_IMAGE.match(compact):
        return value
    return None


def sanitize(html: str) -> str:
    """Remove everything a browser could run from an HTML fragment, keeping the formatting.

    Args:
        html: A fragment of HTML from an untrusted source (a post's or comment's content).

    Returns:
        The sanitised fragment: allowed elements and attributes only, safe URLs,
        links marked ``rel="nofollow ugc noopener noreferrer"``, comments removed.

    Example:
        >>> sanitize('<p onclick="x()">Hi <script>alert(1)</script><b>there</b></p>')
        '<p>Hi <b>there</b></p>'
        >>> sanitize('<a href="javascript:alert(1)">x</a>')
        '<a rel="nofollow ugc noopener noreferrer">x</a>'
    """
    return nh3.clean(
        html,
        tags=set(_TAGS),
        clean_content_tags=set(_CLEAN_CONTENT_TAGS),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        attribute_filter=_keep_attribute,
        url_schemes=set(_URL_SCHEMES),
        link_rel=_LINK_REL,
        strip_comments=True,
    )
