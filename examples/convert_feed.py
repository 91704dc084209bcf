"""Convert the sample RSS feed in this folder to Atom, RSS and JSON Feed.

Run from the repository root: ``python examples/convert_feed.py``.
"""

from __future__ import annotations

from pathlib import Path

from diploblog import convert, parse_feed

FEED = Path(__file__).with_name("feed.xml")


def main() -> None:
    """Print the sample feed's posts, then the feed as JSON Feed."""
    data = FEED.read_bytes()
    blog = parse_feed(data)
    for post in blog.posts:
        print(post.published, post.title, f"({post.comment_count} comments)")
    for target in ("atom", "rss"):
        print(target, len(convert(data, target)), "bytes")
    print(convert(data, "jsonfeed", pretty=True).decode("utf-8"))


if __name__ == "__main__":
    main()
