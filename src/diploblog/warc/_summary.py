"""`WarcSummary`: what reading one WARC or ARC stream found, as counts and warnings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from diploblog._model import ReadWarning

__all__ = ["WarcSummary"]


def _counts(value: Mapping[str, int]) -> dict[str, int]:
    return dict(sorted(value.items()))


def _warnings(value: Iterable[ReadWarning]) -> tuple[ReadWarning, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class WarcSummary:
    """What reading a WARC or ARC stream found: records read, kept and skipped.

    Attributes:
        records: Records found in the stream (damaged stretches not included).
        pages: HTML responses read as `Page`s (revisits included).
        feeds: Feed responses read as `Blog`s (revisits included).
        revisits: Revisit records resolved to an earlier record of the stream.
        skipped: Records not read, by reason: the record type for records that
            are not responses (``"request record"``, ``"warcinfo record"``,
            ``"metadata record"``), else the media type (``"image/png"``,
            ``"text/dns"``), ``"HTTP status 404"``, ``"empty payload"``,
            ``"revisit of a record not in this stream"``, ``"unreadable"`` or
            ``"too large to hold in memory"`` (over 64 MiB: a video, not a page).
        damaged: Damaged stretches of the stream stepped over.
        warnings: A `ReadWarning` for each damaged stretch and each unreadable
            record, its `where` giving the byte offset (``"byte 1234"``: of the
            record, or of its gzip member in a compressed stream).

    Example:
        >>> summary = WarcSummary(records=3, pages=1, skipped={"request record": 2})
        >>> summary.skipped_total, summary.skipped
        (2, {'request record': 2})
    """

    records: int = 0
    pages: int = 0
    feeds: int = 0
    revisits: int = 0
    skipped: dict[str, int] = attrs.field(factory=dict, converter=_counts, hash=False)
    damaged: int = 0
    warnings: tuple[ReadWarning, ...] = attrs.field(default=(), converter=_warnings)

    @property
    def skipped_total(self) -> int:
        """How many records were skipped, whatever the reason.

        Example:
            >>> WarcSummary(skipped={"image/png": 2, "dns record": 1}).skipped_total
            3
        """
        return sum(self.skipped.values())
