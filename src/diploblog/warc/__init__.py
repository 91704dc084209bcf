r"""Web archives: the pages and feeds in WARC and ARC files, as `Page`s and `Blog`s.

`read_warc` reads one stream the caller opened; `read_and_merge` reads many files and
merges them, the unit of work for reading a large archive in parallel (see the docs
page "Web archives (WARC) and scaling out"). Needs the ``warc`` extra
(``pip install 'diploblog[warc]'``, which installs warcio); without it, reading raises
`MissingDependencyError`, which says so.

Example:
    >>> import io
    >>> from diploblog.warc import read_warc
    >>> reader = read_warc(io.BytesIO(b"not an archive\n"))
    >>> list(reader), reader.summary.damaged
    ([], 1)
    >>> reader.summary.warnings[0].where
    'byte 0'
"""

from __future__ import annotations

from diploblog.warc._deps import MissingDependencyError
from diploblog.warc._reader import Readable, WarcReader, read_warc
from diploblog.warc._scale import read_and_merge
from diploblog.warc._summary import WarcSummary

__all__ = [
    "MissingDependencyError",
    "Readable",
    "WarcReader",
    "WarcSummary",
    "read_and_merge",
    "read_warc",
]
