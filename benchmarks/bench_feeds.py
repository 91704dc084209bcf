"""Time diploblog.parse_feed against feedparser.parse and fastfeedparser.parse.

Run: .venv/bin/python benchmarks/bench_feeds.py [--repeat N] [--items 50] [--cpu] [--no-collect]

Feeds (generated in memory, deterministic, seed 2010):
- rss: a WordPress-style RSS 2.0 blog feed, N items, each with title, link, comments,
  pubDate, dc:creator, 3 categories, guid, description, content:encoded (about 2 KB of
  HTML), wfw:commentRss and slash:comments; atom:link self and hub on the channel.
- atom: an Atom 1.0 feed, N entries, each with id, title, alternate and replies links
  (thr:count), published, updated, author (name, uri), 3 categories, summary, HTML
  content of the same size and thr:total.

Each parser reads the same bytes, taking turns; the table shows the median of --repeat
runs (after a warm-up) and how many times slower than parse_feed each is (ratio = its
median / ours). Garbage is collected, untimed, before each run, so that no parser is
timed collecting another's reference cycles (--no-collect: the earlier method).
--cpu times with the thread's CPU clock instead of the wall clock: on a machine
busy with other work, waiting for the CPU then does not count.

feedparser is timed twice: as called plainly (it sanitises HTML and rewrites relative
URLs in content), and "as written", as diploblog's tolerant path calls it
(sanitize_html=False, resolve_relative_uris=False), its fastest setting.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from diploblog._parse_feed import parse_feed

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
    "engagement",
    "people",
    "online",
    "world",
    "public",
    "strategy",
    "london",
    "global",
    "change",
    "team",
]
ZONES = ("+0000", "+0100", "-0500", "+0530")


def _paragraphs(rng: random.Random, count: int) -> str:
    parts = []
    for _ in range(count):
        words = " ".join(rng.choice(WORDS) for _ in range(50))
        parts.append(f'<p>{words} <a href="https://example.org/{rng.randrange(999)}">link</a></p>')
    return "\n".join(parts)


def rss_feed(items: int) -> bytes:
    rng = random.Random(2010)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:slash="http://purl.org/rss/1.0/modules/slash/">\n<channel>\n'
        "<title>Global conversations</title>\n"
        '<atom:link href="https://blogs.example.org/hale/feed/" rel="self" '
        'type="application/rss+xml"/>\n'
        '<atom:link href="https://pubsubhubbub.appspot.com/" rel="hub"/>\n'
        "<link>https://blogs.example.org/hale</link>\n"
        "<description>Digital diplomacy</description>\n"
        "<lastBuildDate>Tue, 20 Jul 2010 14:05:00 +0100</lastBuildDate>\n"
        "<language>en-GB</language>\n<generator>https://wordpress.org/?v=3.0</generator>\n"
    ]
    for i in range(items):
        url = f"https://blogs.example.org/hale/2010/07/{i % 28 + 1:02d}/post-{i}/"
        tags = "".join(
            f"<category><![CDATA[{rng.choice(WORDS).title()}]]></category>" for _ in range(3)
        )
        out.append(
            f"<item>\n<title>Post number {i}: {rng.choice(WORDS)}</title>\n"
            f"<link>{url}</link>\n<comments>{url}#comments</comments>\n"
            f"<pubDate>{['Mon', 'Tue', 'Wed'][i % 3]}, {i % 28 + 1:02d} Jul 2010 "
            f"{i % 24:02d}:{i % 60:02d}:00 {ZONES[i % 4]}</pubDate>\n"
            f"<dc:creator><![CDATA[Stephen Hale]]></dc:creator>\n{tags}\n"
            f'<guid isPermaLink="false">https://blogs.example.org/hale/?p={i}</guid>\n'
            f"<description><![CDATA[{' '.join(rng.choice(WORDS) for _ in range(40))}]]>"
            f"</description>\n"
            f"<content:encoded><![CDATA[{_paragraphs(rng, 6)}]]></content:encoded>\n"
            f"<wfw:commentRss>{url}feed/</wfw:commentRss>\n"
            f"<slash:comments>{rng.randrange(20)}</slash:comments>\n</item>\n"
        )
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode("utf-8")


def atom_feed(entries: int) -> bytes:
    rng = random.Random(2010)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:thr="http://purl.org/syndication/thread/1.0" xml:lang="en-GB">\n'
        "<id>tag:blogs.example.org,2010:/roller/hale</id>\n"
        "<title>Global conversations</title>\n<updated>2010-07-20T14:05:00+01:00</updated>\n"
        '<link rel="alternate" type="text/html" href="https://blogs.example.org/roller/hale/"/>\n'
        '<link rel="self" href="https://blogs.example.org/roller/hale/feed/entries/atom"/>\n'
        "<author><name>Stephen Hale</name></author>\n"
    ]
    for i in range(entries):
        url = f"https://blogs.example.org/roller/hale/entry/post_{i}"
        zone = ("Z", "+01:00", "-05:00", "+05:30")[i % 4]
        stamp = f"2010-07-{i % 28 + 1:02d}T{i % 24:02d}:{i % 60:02d}:00{zone}"
        tags = "".join(
            f'<category term="{rng.choice(WORDS)}" '
            f'scheme="https://blogs.example.org/roller/hale/tags/"/>'
            for _ in range(3)
        )
        content = _paragraphs(rng, 6).replace("&", "&amp;").replace("<", "&lt;")
        out.append(
            f"<entry>\n<id>{url}</id>\n<title>Post number {i}</title>\n"
            f'<link rel="alternate" type="text/html" href="{url}"/>\n'
            f'<link rel="replies" type="application/atom+xml" href="{url}/comments.atom" '
            f'thr:count="{i % 9}"/>\n'
            f"<published>{stamp}</published>\n<updated>{stamp}</updated>\n"
            f"<author><name>Stephen Hale</name>"
            f"<uri>https://blogs.example.org/roller/hale/</uri></author>\n{tags}\n"
            f"<summary>{' '.join(rng.choice(WORDS) for _ in range(40))}</summary>\n"
            f'<content type="html">{content}</content>\n'
            f"<thr:total>{i % 9}</thr:total>\n</entry>\n"
        )
    out.append("</feed>\n")
    return "".join(out).encode("utf-8")


def _parsers() -> dict[str, Callable[[bytes], Any]]:
    parsers: dict[str, Callable[[bytes], Any]] = {"diploblog.parse_feed": parse_feed}
    try:
        import feedparser

        def as_written(data: bytes) -> Any:
            return feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)

        parsers["feedparser.parse"] = feedparser.parse
        parsers["feedparser, as written"] = as_written
    except ImportError:
        print("feedparser is not installed: skipped")
    try:
        import fastfeedparser

        parsers["fastfeedparser.parse"] = fastfeedparser.parse
    except ImportError:
        print("fastfeedparser is not installed (pip install fastfeedparser): skipped")
    return parsers


def _medians(
    parsers: dict[str, Callable[[bytes], Any]],
    data: bytes,
    repeat: int,
    *,
    collect: bool,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, float]:
    # Parsers take turns, so a busy machine slows them alike and the ratios hold.
    times: dict[str, list[float]] = {label: [] for label in parsers}
    for parse in parsers.values():
        parse(data)  # warm-up
    gc.collect()
    for _ in range(repeat):
        for label, parse in parsers.items():
            if collect:
                # Untimed: otherwise the garbage one parser leaves (feedparser leaves
                # reference cycles) is collected, and timed, during the next one's run.
                gc.collect()
            start = clock()
            parse(data)
            times[label].append(clock() - start)
    return {label: statistics.median(values) for label, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument(
        "--no-collect",
        action="store_true",
        help="do not collect garbage between runs (the method of tables before 2026-11-24 14:20)",
    )
    parser.add_argument("--cpu", action="store_true", help="time CPU use, not wall time")
    args = parser.parse_args()
    clock = time.thread_time if args.cpu else time.perf_counter
    feeds = {"rss": rss_feed(args.items), "atom": atom_feed(args.items)}
    parsers = _parsers()
    ours = parsers["diploblog.parse_feed"]
    for name, data in feeds.items():
        blog = ours(data)
        assert len(blog.posts) == args.items, name
        assert not blog.warnings, blog.warnings
    method = "" if args.no_collect else ", garbage collected between runs"
    method += ", CPU time" if args.cpu else ""
    print(f"{args.items} items per feed, median of {args.repeat} runs{method}")
    print(f"{'feed':<6} {'KB':>5} {'parser':<22} {'median ms':>10} {'x slower than ours':>19}")
    for name, data in feeds.items():
        medians = _medians(parsers, data, args.repeat, collect=not args.no_collect, clock=clock)
        base = medians["diploblog.parse_feed"]
        for label, median in medians.items():
            ratio = median / base
            print(
                f"{name:<6} {len(data) // 1024:>5} {label:<22} {median * 1000:>10.3f} "
                f"{ratio:>19.1f}"
            )


if __name__ == "__main__":
    main()
