"""JSON Feed (https://www.jsonfeed.org/), versions 1 and 1.1.

`read_json_feed` reads a JSON Feed document into a `diploblog.Blog`; members the
model has no field for are kept as `diploblog.Extension` values in the
`JSON_FEED_NAMESPACE` namespace.
"""

from __future__ import annotations

from diploblog.jsonfeed._reader import JSON_FEED_NAMESPACE, read_json_feed
from diploblog.jsonfeed._writer import to_json_feed

__all__ = ["JSON_FEED_NAMESPACE", "read_json_feed", "to_json_feed"]
