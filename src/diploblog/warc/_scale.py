"""`read_and_merge`: the unit of work when many WARC files are read in parallel."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import TypeVar

from diploblog._model import Blog, Page, ReadWarning
from diploblog.warc._reader import Readable, read_warc

__all__ = ["read_and_merge"]

_Name = TypeVar("_Name")


def read_and_merge(
    names: Iterable[_Name],
    open_stream: Callable[[_Name], AbstractContextManager[Readable]],
    *,
    archive: str | None = None,
) -> Blog:
    """Read many WARC or ARC files and merge all they hold into one blog.

    The unit of work for a distributed run (see the docs page "Web archives (WARC)
    and scaling out"): each worker reads its share of the files with this function,
    and the partial blogs are combined with `diploblog.archive.merge`. The caller
    says how a name is opened, so the function can run wherever the files are (a
    local disk, a mounted share, object storage). Warnings from damaged records
    are kept on the blog.

    Args:
        names: The files (paths, URLs: whatever `open_stream` takes).
        open_stream: Opens a name as a binary stream, as a context manager
            (``functools.partial(open, mode="rb")`` for local files).
        archive: Which web archive made the files, for `Capture.archive`.

    Returns:
        ``merge`` of every page and feed read, with the reading warnings.

    Raises:
        MissingDependencyError: warcio is not installed.

    Example:
        >>> import io, contextlib
        >>> blog = read_and_merge(["empty.warc"], lambda name: contextlib.nullcontext(
        ...     io.BytesIO(b"")))
        >>> blog.posts
        ()
    """
    from diploblog.archive import merge

    sources: list[Page | Blog] = []
    warnings: list[ReadWarning] = []
    for name in names:
        with open_stream(name) as stream:
            reader = read_warc(stream, archive=archive, name=str(name))
            sources.extend(reader)
            warnings.extend(reader.summary.warnings)
    if warnings:
        sources.append(Blog(warnings=warnings))
    return merge(sources)
