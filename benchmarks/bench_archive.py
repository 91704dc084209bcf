"""Time archive.merge + archive.by_month against sorting the same posts by date.

Posts are generated deterministically as 10 feed-like Blogs; each post appears in
two of them (the second copy with a shorter excerpt and a later update), so
``N`` post versions make ``N / 2`` merged posts. The baseline is
``sorted(versions, key=lambda p: p.published)`` on the same versions, in the same run,
both in the order the blogs give them (sorted runs, which Timsort merges cheaply) and
deterministically shuffled.

Usage:
    .venv/bin/python benchmarks/bench_archive.py            # 10k and 100k versions
    .venv/bin/python benchmarks/bench_archive.py --sizes 10000,100000,1000000 --repeats 1
    .venv/bin/python benchmarks/bench_archive.py --profile  # plus a cProfile of 100k
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import itertools
import pstats
import random
import statistics
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

from diploblog import Author, Blog, Comment, Post, Tag
from diploblog.archive import by_month, merge

BLOGS = 10
LONDON = ZoneInfo("Europe/London")
START = dt.datetime(2005, 1, 1, tzinfo=dt.timezone.utc)
TAGS = [Tag(term=f"Topic {n}") for n in range(50)]
AUTHORS = [Author(name=f"Author {n}") for n in range(20)]


def make_post(n: int, copy: int) -> Post:
    published = START + dt.timedelta(minutes=97 * n)
    body = f"<p>Post {n} body text about diplomacy and blogs.</p>" * (3 if copy == 0 else 1)
    comments = (
        [Comment(id=f"c{n}", content="<p>Nice</p>", published=published + dt.timedelta(hours=1))]
        if n % 3 == 0
        else []
    )
    return Post(
        id=f"tag:example.org,2005:post-{n}",
        url=f"https://example.org/{published:%Y/%m}/post-{n}" + ("/" if copy else ""),
        title=f"Post number {n}",
        published=published,
        updated=published + dt.timedelta(days=copy),
        authors=[AUTHORS[n % len(AUTHORS)]],
        content=body,
        tags=[TAGS[n % 50], TAGS[(n * 7) % 50]],
        comments=comments,
        comment_count=len(comments),
    )


def make_blogs(versions: int) -> list[Blog]:
    distinct = versions // 2
    per_blog = versions // BLOGS
    step = distinct // BLOGS
    blogs = []
    for b in range(BLOGS):
        numbers = [(b * step + i) % distinct for i in range(per_blog)]
        copy = [0 if i < per_blog // 2 else 1 for i in range(per_blog)]
        posts = [make_post(n, c) for n, c in zip(numbers, copy, strict=True)]
        blogs.append(Blog(title="Example", url=f"https://example.org/feed{b}", posts=posts))
    return blogs


def median_time(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(versions: int, repeats: int) -> tuple[float, float, float, int]:
    blogs = make_blogs(versions)
    everything = [p for blog in blogs for p in blog.posts]
    assert len(everything) == versions
    shuffled = everything[:]
    random.Random(20100720).shuffle(shuffled)

    def baseline() -> object:
        return sorted(everything, key=lambda p: p.published or START)

    def shuffled_baseline() -> object:
        return sorted(shuffled, key=lambda p: p.published or START)

    def archive() -> object:
        return by_month(merge(blogs).posts, tz=LONDON)

    merged = len(merge(blogs).posts)
    return (
        median_time(baseline, repeats),
        median_time(shuffled_baseline, repeats),
        median_time(archive, repeats),
        merged,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", action="store_true", help="profile merge at the largest size")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", default="10000,100000", help="post versions, comma-separated")
    args = parser.parse_args()
    results = []
    for versions in (int(size) for size in args.sizes.split(",")):
        base, mixed, work, merged = measure(versions, args.repeats)
        results.append((versions, base, mixed, work))
        print(
            f"{versions:>7} versions -> {merged:>6} posts: sort {base * 1000:7.1f} ms "
            f"(shuffled {mixed * 1000:7.1f} ms), merge+by_month {work * 1000:8.1f} ms, "
            f"ratio {work / base:6.1f}x (shuffled {work / mixed:5.1f}x)"
        )
    for (n1, b1, m1, w1), (n2, b2, m2, w2) in itertools.pairwise(results):
        print(
            f"growth {n1:,} -> {n2:,}: sort {b2 / b1:.1f}x, shuffled sort {m2 / m1:.1f}x, "
            f"merge+by_month {w2 / w1:.1f}x"
        )
    if args.profile:
        blogs = make_blogs(100_000)
        profiler = cProfile.Profile()
        profiler.enable()
        by_month(merge(blogs).posts, tz=LONDON)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(18)


if __name__ == "__main__":
    main()
