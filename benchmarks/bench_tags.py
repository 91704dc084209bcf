"""Time diploblog.tags.tag_cloud against collections.Counter plus sorting on the same data.

Run: .venv/bin/python benchmarks/bench_tags.py [--repeat N] [--sizes 10000,100000,1000000]

Data (deterministic, seed 2010): 10,000 distinct tags whose uses follow a Zipf-like
law (weight 1/rank), one use in ten written in upper case (a variant spelling the
cloud must merge). Two forms of the same uses:
- pairs: one ("term", 1) pair per use;
- posts: posts of 5 tag uses each, sharing Tag objects from a pool (as a reader
  would hand over); a tag repeated inside a post counts once.
Baselines do the same counting with Counter (case-folded terms for pairs, Tag
identity for posts, one count per post) and sort the top tags by count.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from functools import partial

from diploblog import Post, Tag
from diploblog.tags import tag_cloud

DISTINCT = 10_000
PER_POST = 5


def _terms(uses: int) -> list[str]:
    rng = random.Random(2010)
    names = [f"Topic {i}" for i in range(DISTINCT)]
    weights = [1 / rank for rank in range(1, DISTINCT + 1)]
    picked = rng.choices(range(DISTINCT), weights=weights, k=uses)
    return [names[i].upper() if rng.random() < 0.1 else names[i] for i in picked]


def _posts(terms: list[str]) -> list[Post]:
    pool: dict[str, Tag] = {}
    tags = [pool.setdefault(term, Tag(term=term)) for term in terms]
    return [Post(tags=tags[i : i + PER_POST]) for i in range(0, len(tags), PER_POST)]


def _baseline_pairs(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for term, n in pairs:
        counts[term.casefold()] += n
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _baseline_posts(posts: list[Post]) -> list[tuple[Tag, int]]:
    counts: Counter[Tag] = Counter()
    for post in posts:
        counts.update(set(post.tags))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].term))


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    print(f"{'form':6} {'uses':>9} {'tag_cloud s':>12} {'baseline s':>11} {'ratio':>6}")
    previous: dict[str, float] = {}
    for uses in sizes:
        terms = _terms(uses)
        pairs = [(term, 1) for term in terms]
        posts = _posts(terms)
        runs: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
            ("pairs", partial(tag_cloud, pairs, limit=0), partial(_baseline_pairs, pairs)),
            ("posts", partial(tag_cloud, posts, limit=0), partial(_baseline_posts, posts)),
        ]
        for form, run_ours, run_baseline in runs:
            ours = _median(run_ours, args.repeat)
            base = _median(run_baseline, args.repeat)
            growth = f"  x{ours / previous[form]:.1f} vs previous size" if form in previous else ""
            previous[form] = ours
            print(f"{form:6} {uses:>9,} {ours:>12.4f} {base:>11.4f} {ours / base:>6.2f}{growth}")


if __name__ == "__main__":
    main()
