"""The exceptions diploblog raises: one hierarchy rooted at `DiploblogError`."""

from __future__ import annotations

__all__ = [
    "DateError",
    "DiploblogError",
    "ParseError",
    "UnsafeInputError",
    "UnsupportedFormatError",
]


class DiploblogError(ValueError):
    """Root of every error diploblog raises on bad input.

    It is a `ValueError`, so callers that already catch `ValueError` keep working.
    Each error carries what was wrong (`message`) and, when known, where
    (`where`: an element path such as ``/rss/channel/item[3]/pubDate``, a field name
    or a source name; `line` and `column`, 1-based, for text input).

    Example:
        >>> try:
        ...     raise DiploblogError("no title", where="/feed/entry[2]")
        ... except DiploblogError as e:
        ...     print(e)
        no title (at /feed/entry[2])
    """

    def __init__(
        self,
        message: str,
        *,
        where: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.where = where
        self.line = line
        self.column = column
        super().__init__(self._render())

    def _render(self) -> str:
        place = []
        if self.where:
            place.append(self.where)
        if self.line is not None:
            place.append(f"line {self.line}")
            if self.column is not None:
                place.append(f"column {self.column}")
        return f"{self.message} (at {', '.join(place)})" if place else self.message

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments do not survive the default pickling of exceptions.
        return (_rebuild, (type(self), self.message, self.where, self.line, self.column))


def _rebuild(
    cls: type[DiploblogError],
    message: str,
    where: str | None,
    line: int | None,
    column: int | None,
) -> DiploblogError:
    return cls(message, where=where, line=line, column=column)


class ParseError(DiploblogError):
    """The input could not be read as the document it claims to be.

    Raised for empty input, truncated or malformed markup that no tolerant path can
    recover, and required parts that are missing.

    Example:
        >>> e = ParseError("unexpected end of document", where="feed.xml", line=12, column=3)
        >>> str(e)
        'unexpected end of document (at feed.xml, line 12, column 3)'
    """


class UnsupportedFormatError(DiploblogError):
    """The input is not in a format diploblog reads, or the output format is unknown.

    Example:
        >>> str(UnsupportedFormatError("unknown target 'pdf'; choose one of: atom, rss"))
        "unknown target 'pdf'; choose one of: atom, rss"
    """


class UnsafeInputError(DiploblogError):
    """The input tries something a reader must never do.

    Entity expansion bombs, external entities and DTDs, and other constructs that
    would make the reader use the network, read local files or exhaust memory.

    Example:
        >>> str(UnsafeInputError("external entity refused", where="<!ENTITY xxe>"))
        'external entity refused (at <!ENTITY xxe>)'
    """


class DateError(DiploblogError):
    """A text holds no date diploblog can read, or lacks the time zone it needs.

    Example:
        >>> from diploblog.dates import parse_date
        >>> try:
        ...     parse_date("sometime last spring")
        ... except DateError:
        ...     print("no date there")
        no date there
    """
