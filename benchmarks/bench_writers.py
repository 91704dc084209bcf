"""Time diploblog.to_atom and to_rss against feedgen, building and writing the same feed.

Run: .venv/bin/python benchmarks/bench_writers.py [--repeat N] [--items 50] [--cpu]

to_json_feed is timed too, on the same blog; feedgen writes no JSON Feed, so its
rows have no ratio.

Both sides start from the same plain data (generated in memory, deterministic, seed
2010): a blog with title, URL, description, language, author, self link, and N posts,
each with id, URL, title, published and updated dates, an author (name, email), 3
categories, a summary, about 2 KB of HTML content and a comments URL. feedgen builds its
FeedGenerator and FeedEntry objects from that data and serialises them; diploblog is
timed twice: writing the `Blog` it is given (what `to_atom` and `to_rss` do), and
building the `Blog` from the data first (the whole path, with the model's
validation). The writers of a format take turns; the table shows the median of
--repeat runs after a warm-up, and feedgen's median divided by each row's (2.0 means
twice as fast as feedgen). --cpu times with the thread's CPU clock instead of the wall
clock, so that waiting for the CPU on a busy machine does not count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

from diploblog import Author, Blog, Link, Post, Tag
from diploblog.atom._writer import to_atom
from diploblog.jsonfeed._writer import to_json_feed
from diploblog.rss._writer import to_rss

WORDS = [
    "digital",
    "diplomacy",
    "embassy",
    "minister",
    "blog",
    "conversation",
    "foreign",
    "office",
    "policy",
    "world",
]
ZONES = (0, 60, -300, 330)


def make_data(items: int) -> dict[str, Any]:
    """The feed as plain data, the same for every writer."""
    rng = random.Random(2010)
    start = dt.datetime(2010, 7, 20, 14, 5, tzinfo=dt.timezone.utc)
    posts = []
    for i in range(items):
        zone = dt.timezone(dt.timedelta(minutes=rng.choice(ZONES)))
        published = (start - dt.timedelta(hours=7 * i)).astimezone(zone)
        words = [" ".join(rng.choice(WORDS) for _ in range(50)) for _ in range(5)]
        posts.append(
            {
                "id": f"https://blogs.example.org/roller/hale/entry/post_{i}",
                "title": f"Post {i}: {rng.choice(WORDS)} & {rng.choice(WORDS)}",
                "published": published,
                "updated": published + dt.timedelta(minutes=30),
                "author": ("Stephen Hale", "hale@example.org"),
                "tags": [rng.choice(WORDS) + str(k) for k in range(3)],
                "summary": words[0][:200],
                "content": "".join(
                    f"<p>{w} <a href='https://example.org/'>link</a></p>" for w in words
                ),
                "comments": f"https://blogs.example.org/roller/hale/entry/post_{i}#comments",
            }
        )
    return {
        "title": "Global conversations",
        "url": "https://blogs.example.org/roller/hale/",
        "self": "https://blogs.example.org/roller/hale/feed/entries/atom",
        "description": "Stephen Hale on digital diplomacy",
        "language": "en-GB",
        "posts": posts,
    }


def build_blog(data: dict[str, Any]) -> Blog:
    return Blog(
        id=data["url"],
        title=data["title"],
        url=data["url"],
        description=data["description"],
        language=data["language"],
        feeds=[Link(url=data["self"], rel="self", type="application/atom+xml")],
        updated=max(p["updated"] for p in data["posts"]),
        posts=[
            Post(
                id=p["id"],
                url=p["id"],
                title=p["title"],
                published=p["published"],
                updated=p["updated"],
                authors=[Author(name=p["author"][0], email=p["author"][1])],
                tags=[Tag(term=t) for t in p["tags"]],
                summary=p["summary"],
                content=p["content"],
                comments_url=p["comments"],
            )
            for p in data["posts"]
        ],
    )


def build_feedgen(data: dict[str, Any]) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(data["url"])
    fg.title(data["title"])
    fg.link(href=data["url"], rel="alternate")
    fg.link(href=data["self"], rel="self")
    fg.description(data["description"])
    fg.subtitle(data["description"])
    fg.language(data["language"])
    fg.updated(max(p["updated"] for p in data["posts"]))
    for p in reversed(data["posts"]):  # feedgen prepends entries
        fe = fg.add_entry()
        fe.id(p["id"])
        fe.guid(p["id"], permalink=True)
        fe.link(href=p["id"])
        fe.title(p["title"])
        fe.published(p["published"])
        fe.updated(p["updated"])
        fe.author(name=p["author"][0], email=p["author"][1])
        for term in p["tags"]:
            fe.category(term=term)
        fe.summary(p["summary"])
        fe.description(p["summary"])
        fe.content(p["content"], type="html")
        fe.comments(p["comments"])
    return fg


def cases(data: dict[str, Any]) -> dict[str, dict[str, Callable[[], bytes]]]:
    """What is timed: our writers given the model, our whole path from data, feedgen's."""
    blog = build_blog(data)
    return {
        "atom": {
            "to_atom(blog)": lambda: to_atom(blog),
            "model + to_atom": lambda: to_atom(build_blog(data)),
            "feedgen atom_str": lambda: build_feedgen(data).atom_str(),
        },
        "rss": {
            "to_rss(blog)": lambda: to_rss(blog),
            "model + to_rss": lambda: to_rss(build_blog(data)),
            "feedgen rss_str": lambda: build_feedgen(data).rss_str(),
        },
        "json": {
            "to_json_feed(blog)": lambda: to_json_feed(blog),
            "model + to_json_feed": lambda: to_json_feed(build_blog(data)),
        },
    }


def _medians(
    writers: dict[str, Callable[[], bytes]],
    repeat: int,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, float]:
    # The writers take turns, as in bench_feeds.py: a busy machine slows them alike.
    for run in writers.values():
        run()  # warm-up
    times: dict[str, list[float]] = {name: [] for name in writers}
    gc.disable()  # as timeit does
    try:
        for _ in range(repeat):
            for name, run in writers.items():
                start = clock()
                run()
                times[name].append(clock() - start)
    finally:
        gc.enable()
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--cpu", action="store_true", help="time CPU use, not wall time")
    args = parser.parse_args()
    clock = time.thread_time if args.cpu else time.perf_counter
    data = make_data(args.items)
    method = ", CPU time" if args.cpu else ""
    print(f"{args.items} entries, median of {args.repeat} runs (build + serialise){method}\n")
    print(f"| {'format':6} | {'writer':20} | {'median ms':>9} | {'feedgen / ours':>14} |")
    print(f"|{'-' * 8}|{'-' * 22}|{'-' * 11}|{'-' * 16}|")
    for fmt, writers in cases(data).items():
        medians = _medians(writers, args.repeat, clock)
        theirs = next((v for k, v in medians.items() if k.startswith("feedgen")), None)
        for name, seconds in medians.items():
            ratio = f"{theirs / seconds:14.2f}" if theirs is not None else f"{'n/a':>14}"
            print(f"| {fmt:6} | {name:20} | {seconds * 1000:9.2f} | {ratio} |")


if __name__ == "__main__":
    main()
