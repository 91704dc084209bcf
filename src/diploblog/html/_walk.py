"""One walk of a page's elements, shared by the evidence layers.

Several layers look for elements by their class or id (microformats roots, engine
containers, sidebar boxes). Walking the tree costs an lxml element object per node,
so the walk is done once per document: `marked` lists the elements that carry a class
or id, in document order, and remembers the list for as long as the document's root
element lives. Layers read the tree and never change it (they clean copies), which is
what makes sharing the list safe; `_capture`, which does change the tree, runs before
any layer and does not use it.
"""

from __future__ import annotations

import weakref

import lxml.etree
import lxml.html

__all__ = ["Marked", "marked"]

Marked = list[tuple[lxml.html.HtmlElement, str, str]]
"""``(element, class attribute, id attribute)``, ``""`` for an absent attribute."""

_WALKS: weakref.WeakKeyDictionary[lxml.etree._Element, Marked] = weakref.WeakKeyDictionary()


def marked(root: lxml.html.HtmlElement) -> Marked:
    """The elements of `root` (itself included) with a class or id, in document order.

    Args:
        root: The parsed page, or any element; it must not change while in use.

    Returns:
        ``(element, class, id)`` triples, ``""`` standing for an absent attribute.
        The same list is returned for the same root: do not change it.

    Example:
        >>> doc = lxml.html.fromstring('<div id="a"><p>x</p><p class="b c">y</p></div>')
        >>> [(e.tag, c, i) for e, c, i in marked(doc)]
        [('div', '', 'a'), ('p', 'b c', '')]
    """
    found = _WALKS.get(root)
    if found is None:
        found = []
        for element in root.iter(lxml.etree.Element):
            classes, ident = element.get("class"), element.get("id")
            if classes is not None or ident is not None:
                found.append((element, classes or "", ident or ""))
        _WALKS[root] = found
    return found
