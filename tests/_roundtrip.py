"""A helper of the hostile-input tests and the fuzzers: write what was read, read it back."""

from __future__ import annotations

import warnings

from diploblog import (
    Blog,
    DiploblogError,
    ForbiddenCharacterWarning,
    Page,
    parse_feed,
    parse_html,
    to_atom,
    to_html,
    to_json_feed,
    to_rss,
    to_wxr,
)


class RoundTripError(AssertionError):
    """A writer's output its reader refused: a bug in the writer or in the reader."""


def written_back(result: Blog | Page) -> list[str]:
    """Write `result` in every format, read each document back, return the documents.

    A `Page` is written with `to_html` and its posts, as a blog, by every writer.

    Raises:
        RoundTripError: A reader refused what a writer wrote. Anything else a writer
            or reader raises propagates: writers' output must always be readable.
    """
    documents: list[str] = []
    if isinstance(result, Page):
        documents.append(_read_back_html(to_html(result), "to_html(page)"))
        blog = Blog(title=result.blog.title if result.blog else None, posts=result.posts)
    else:
        blog = result
    with warnings.catch_warnings():
        # Writers drop the characters XML forbids with this warning: documented behaviour.
        warnings.simplefilter("ignore", ForbiddenCharacterWarning)
        for write in (to_atom, to_rss, to_json_feed, to_wxr):
            out = write(blog)
            try:
                parse_feed(out)
            except DiploblogError as error:
                msg = f"{write.__name__} wrote what parse_feed refuses: {error}"
                raise RoundTripError(msg) from error
            documents.append(out.decode("utf-8"))
        page = to_html(blog)
    documents.append(_read_back_html(page, "to_html(blog)"))
    return documents


def _read_back_html(page: str, what: str) -> str:
    try:
        parse_html(page)
    except DiploblogError as error:
        raise RoundTripError(f"{what} wrote what parse_html refuses: {error}") from error
    return page
