"""Cleaning a post's content: what a theme or plugin puts inside it that is not the post.

Share buttons (Jetpack's ``sharedaddy``, AddToAny, "Share this"), like buttons,
related-posts widgets (Jetpack, YARPP), ads, navigation, comment forms and sidebars
are removed from a copy of the content element; the text and media of the post stay.
"""

from __future__ import annotations

import copy as _copy
import re

import lxml.html

__all__ = ["cleaned"]

_NOISE_CLASSES = frozenset(
    {
        *("sharedaddy", "sd-sharing-enabled", "sd-block", "sharing", "share-buttons"),
        *("addtoany_share_save_container", "a2a_kit", "addtoany_list", "social-share"),
        *("shariff", "jp-relatedposts", "yarpp-related", "related-posts", "relatedposts"),
        *("wp-block-jetpack-likes", "jetpack-likes-widget-wrapper", "post-likes-widget"),
        *("adsbygoogle", "advertisement", "ad-container", "google-auto-placed", "ads"),
        *("comment-respond", "comment-form", "post-navigation", "nav-links", "navigation"),
        *("widget", "sidebar", "screen-reader-text", "blog-pager", "post-share-buttons"),
    }
)
_NOISE_TAGS = ("script", "style", "noscript", "nav", "form", "aside", "button")
_NOISE_ID = re.compile(r"^(?:respond|jp-post-flair|sidebar\w*|share\w*|related\w*)$", re.I)


def _is_noise(element: lxml.html.HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return True  # comments and processing instructions
    if element.tag in _NOISE_TAGS:
        return True
    classes = (element.get("class") or "").split()
    return bool(_NOISE_CLASSES.intersection(classes)) or bool(
        _NOISE_ID.match(element.get("id") or "")
    )


def cleaned(element: lxml.html.HtmlElement, *, copy: bool = True) -> lxml.html.HtmlElement:
    """A copy of a post's content element without share buttons, ads, forms and widgets.

    Args:
        element: The element holding the post's content; it is not changed, unless
            `copy` is false: a caller that hands over a private copy of its own saves
            a second deep copy, and gets that copy back, cleaned.
        copy: Whether to clean a copy of `element` rather than `element` itself.

    Returns:
        The cleaned copy.

    Example:
        >>> body = lxml.html.fromstring('<div><p>Tea.</p><div class="sharedaddy">'
        ...     '<h3>Share this:</h3></div><script>x()</script></div>')
        >>> lxml.html.tostring(cleaned(body), encoding="unicode")
        '<div><p>Tea.</p></div>'
        >>> cleaned(body, copy=False) is body
        True
    """
    if copy:
        element = _copy.deepcopy(element)
    doomed = [node for node in element.iterdescendants() if _is_noise(node)]
    for node in doomed:
        if node.getparent() is not None:
            _drop(node)
    return element


def _drop(node: lxml.html.HtmlElement) -> None:
    if isinstance(node.tag, str):
        node.drop_tree()  # keeps the tail text
        return
    parent = node.getparent()
    previous = node.getprevious()
    if node.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)
