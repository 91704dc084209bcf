"""A Griffe extension: read ``Example:`` in docstrings as the Google examples section.

diploblog docstrings head their doctests ``Example:``, as the Google style guide and
Napoleon allow; Griffe knows only ``Examples:`` as the examples section and renders
any other title as an admonition, where ``>>>`` lines become nested block quotes.
Renaming the header before parsing makes the doctests render as code.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_EXAMPLE_HEADER = re.compile(r"^(\s*)Example:[ \t]*$", re.MULTILINE)


class ExampleSections(griffe.Extension):
    """Rename each docstring's ``Example:`` header to ``Examples:``."""

    def on_object(self, *, obj: griffe.Object, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        """Rewrite the header once the object tree is complete, before any parsing."""
        if obj.docstring is not None:
            obj.docstring.value = _EXAMPLE_HEADER.sub(r"\1Examples:", obj.docstring.value)
