"""One walk of a page's elements, shared by the evidence layers.

Several layers look for elements by their class or id (microformats roots, engine
containers, sidebar boxes, Roller's entries). Walking the tree costs an lxml element
object per node, so the walk is done once per document: `marked` lists the elements
that carry a class or id, in document order, and remembers the list for as long as the
Python object of the document's root element lives (while `parse_html` runs), no
longer. Layers read the tree and never change it (they clean copies), which is what
makes sharing the list safe; `_capture`, which does change the tree, runs before any
layer and does not use it.
"""

from __future__ import annotations

import weakref

import lxml.etree
import lxml.html

__all__ = ["Marked", "marked"]

Marked = list[tuple[lxml.html.HtmlElement, str, str]]
"""``(element, class attribute, id attribute)``, ``""`` for an absent attribute."""

# Root element -> its marked descendants. The root itself is never stored in its own
# entry (an entry whose value referred to its key would never be dropped): it is
# added on each call.
_WALKS: weakref.WeakKeyDictionary[lxml.etree._Element, Marked] = weakref.WeakKeyDictionary()


def marked(root: lxml.html.HtmlElement) -> Marked:
    """The elements of `root` (itself included) with a class or id, in document order.

    Args:
        root: The parsed page, or any element; it must not change while in use.

    Returns:
        ``(element, class, id)`` triples, ``""`` standing for an absent attribute.
        Do not change the list: it may be the one every later call returns.

    Example:
        >>> doc = lxml.html.fromstring('<div id="a"><p>x</p><p class="b c">y</p></div>')
        >>> [(e.tag, c, i) for e, c, i in marked(doc)]
        [('div', '', 'a'), ('p', 'b c', '')]
    """
    found = _WALKS.get(root)
    if found is None:
        found = []
        for element in root.iterdescendants(lxml.etree.Element):
            classes, ident = element.get("class"), element.get("id")
            if classes is not None or ident is not None:
                found.append((element, classes or "", ident or ""))
        _WALKS[root] = found
    classes, ident = root.get("class"), root.get("id")
    if classes is None and ident is None:
        return found
    return [(root, classes or "", ident or ""), *found]
