"""Compiled XPath queries with typed results, for the layers' hot paths.

A layer that walks every element of a page in Python pays for an element object per
node; a query compiled once at import lets libxml2 do the walking and hands Python only
the few nodes (or attribute values) it asked for.
"""

from __future__ import annotations

from typing import cast

import lxml.etree
import lxml.html

__all__ = ["Elements", "Strings"]


class Elements:
    """A compiled XPath expression that selects elements.

    Example:
        >>> links = Elements("descendant::a[@href]")
        >>> [a.text for a in links(lxml.html.fromstring('<p><a href="/x">x</a><a>y</a></p>'))]
        ['x']
    """

    def __init__(self, path: str) -> None:
        self._xpath = lxml.etree.XPath(path)

    def __call__(self, node: lxml.etree._Element) -> list[lxml.html.HtmlElement]:
        """The elements the expression selects from `node`, in document order."""
        return cast("list[lxml.html.HtmlElement]", self._xpath(node))


class Strings:
    """A compiled XPath expression that selects attribute values or text nodes.

    Example:
        >>> ids = Strings("descendant-or-self::*/@id")
        >>> ids(lxml.html.fromstring('<div id="a"><p id="b">x</p></div>'))
        ['a', 'b']
    """

    def __init__(self, path: str) -> None:
        self._xpath = lxml.etree.XPath(path, smart_strings=False)

    def __call__(self, node: lxml.etree._Element) -> list[str]:
        """The strings the expression selects from `node`, in document order."""
        return cast("list[str]", self._xpath(node))
