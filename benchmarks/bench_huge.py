"""Huge input: time and peak memory of parse_feed and parse_html as the input grows.

Run: .venv/bin/python benchmarks/bench_huge.py [--feed-mb 1 10 100] [--html-mb 1 5 20]

Documents (generated in memory, deterministic):
- feed: the WordPress-style RSS 2.0 feed of bench_feeds.py (about 3.5 KB an item:
  title, link, dates, three categories, guid, description, 2 KB of HTML content).
- html: a blog listing page of h-entry articles (title, permalink, date, author,
  3 paragraphs, tags, two comments each) under a WordPress-like head and sidebar.

Each size is generated, saved to a temporary file and read once in a fresh child
process, which loads the bytes and reports the time the read took and its peak
resident memory (``VmHWM`` in /proc/self/status, Linux) above what it held before
the read, so the document's own bytes are not counted. "x size" is that growth over
the input size.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_feeds import WORDS, rss_feed


def feed_of(megabytes: float) -> bytes:
    sample = rss_feed(100)
    items = max(1, int(megabytes * 1_000_000 * 100 / len(sample)))
    return rss_feed(items)


def _article(rng: random.Random, i: int) -> str:
    url = f"https://blogs.example.org/hale/2010/07/{i % 28 + 1:02d}/post-{i}/"
    words = [" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(3)]
    tags = " ".join(f'<a rel="tag" href="/tag/{w}">{w}</a>' for w in rng.sample(WORDS, 3))
    comments = "".join(
        f'<li class="h-entry p-comment" id="comment-{i}-{c}"><span class="p-author h-card">'
        f'Reader {c}</span> <time class="dt-published" datetime="2010-07-21T10:0{c}:00Z">'
        f'21 July</time><div class="e-content"><p>{rng.choice(WORDS)} indeed</p></div></li>'
        for c in range(2)
    )
    return (
        f'<article class="h-entry post" id="post-{i}"><h2 class="p-name"><a class="u-url" '
        f'href="{url}">Post number {i}</a></h2><time class="dt-published" '
        f'datetime="2010-07-{i % 28 + 1:02d}T14:05:00+01:00">July 2010</time> '
        f'<span class="p-author h-card">Stephen Hale</span><div class="e-content">'
        + "".join(f"<p>{w}</p>" for w in words)
        + f'</div><footer>{tags}</footer><ol class="comments">{comments}</ol></article>\n'
    )


def html_of(megabytes: float) -> bytes:
    rng = random.Random(2010)
    head = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        "<title>Global conversations | Blogs</title>"
        '<link rel="alternate" type="application/rss+xml" href="/feed/">'
        '</head><body class="home blog"><div id="page"><header><h1 class="site-title">'
        '<a href="/" rel="home">Global conversations</a></h1></header><main class="h-feed">'
    )
    tail = (
        '</main><aside id="sidebar"><div class="widget tagcloud">'
        + "".join(f'<a class="tag-cloud-link" href="/tag/{w}">{w}</a>' for w in WORDS)
        + "</div></aside></div></body></html>"
    )
    target = int(megabytes * 1_000_000)
    parts, size, i = [head], len(head) + len(tail), 0
    while size < target:
        article = _article(rng, i)
        parts.append(article)
        size += len(article)
        i += 1
    parts.append(tail)
    return "".join(parts).encode("utf-8")


def _status_kb(field: str) -> int:
    # /proc/self/status (Linux): VmRSS is resident now, VmHWM the peak of this program.
    # Not ru_maxrss: Linux carries it over fork and exec from the parent, which held
    # the generated documents.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def _child(kind: str, path: str) -> None:
    from diploblog import parse_feed, parse_html

    data = Path(path).read_bytes()
    read = parse_feed if kind == "feed" else parse_html
    # Growth is the peak above the resident size now, which holds the interpreter
    # and the document's bytes: never an underestimate.
    floor = _status_kb("VmRSS")
    start = time.perf_counter()
    result = read(data)
    seconds = time.perf_counter() - start
    peak = _status_kb("VmHWM")
    print(
        json.dumps(
            {
                "bytes": len(data),
                "seconds": seconds,
                "peak_growth_kb": max(0, peak - floor),
                "posts": len(result.posts),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feed-mb", type=float, nargs="*", default=[1, 10, 100])
    parser.add_argument("--html-mb", type=float, nargs="*", default=[1, 5, 20])
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    print(
        f"{'input':<6} {'size MB':>8} {'posts':>7} {'seconds':>8} {'MB/s':>6} "
        f"{'peak MB':>8} {'x size':>6}"
    )
    for kind, sizes in (("feed", args.feed_mb), ("html", args.html_mb)):
        for megabytes in sizes:
            with tempfile.NamedTemporaryFile(suffix=f".{kind}") as document:
                document.write(feed_of(megabytes) if kind == "feed" else html_of(megabytes))
                document.flush()
                out = subprocess.run(
                    [sys.executable, __file__, "--child", kind, document.name],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            row = json.loads(out.strip().splitlines()[-1])
            size = row["bytes"] / 1e6
            peak = row["peak_growth_kb"] / 1024
            print(
                f"{kind:<6} {size:>8.1f} {row['posts']:>7} {row['seconds']:>8.2f} "
                f"{size / row['seconds']:>6.1f} {peak:>8.0f} {peak / size:>6.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
