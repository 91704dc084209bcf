"""Time diploblog.site on a generated blog, against writing each post alone with to_html.

The blog is generated deterministically: ``N`` posts, one every 37 hours from 2005,
each with about 1.5 KB of HTML, one author, 3 tags (of 48 in all) and 3 comments.
The baseline, ``to_html(post, blog=blog)`` for every post, writes only the post
pages; `site` also writes the front page, year, month and tag pages (each post
appears on about six listings), the archive index, the tag cloud and the feed.

Usage:
    .venv/bin/python benchmarks/bench_site.py              # 1000 posts, median of 3
    .venv/bin/python benchmarks/bench_site.py -n 300 --repeat 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from diploblog import Author, Blog, Comment, Post, Tag, site, to_html

BASE = "https://archive.example.org/"


def make_blog(n: int) -> Blog:
    """A blog of `n` posts, the same every run."""
    start = dt.datetime(2005, 1, 1, tzinfo=dt.timezone.utc)
    words = "Some words of the post, with <a href='https://x.example/'>a link</a>. " * 20
    posts = [
        Post(
            title=f"Post number {i}",
            url=f"https://old.example/entry/post_{i}",
            published=start + dt.timedelta(hours=37 * i),
            content=f"<p>{words}</p>",
            authors=[Author(name="Stephen Hale")],
            tags=[Tag(term=f"tag{i % 40}"), Tag(term=f"topic{i % 7}"), Tag(term="diplomacy")],
            comments=[
                Comment(id=f"c{i}-{j}", content="<p>Nice.</p>", author=Author(name="Al"))
                for j in range(3)
            ],
        )
        for i in range(n)
    ]
    return Blog(title="Global conversations", url="https://old.example/", posts=posts)


def main() -> None:
    """Print the median time of site() and of the to_html baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="posts (default: 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs (default: 3)")
    args = parser.parse_args()
    blog = make_blog(args.n)
    site_times, page_times = [], []
    pages: dict[str, str] = {}
    for _ in range(args.repeat):  # taking turns, so a busy machine slows both alike
        started = time.perf_counter()
        pages = site(blog, base_url=BASE)
        site_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        for post in blog.posts:
            to_html(post, blog=blog)
        page_times.append(time.perf_counter() - started)
    size = sum(len(text.encode()) for text in pages.values()) / 1e6
    print(f"{args.n} posts, median of {args.repeat} runs")
    print(f"site():             {statistics.median(site_times):6.2f} s  ", end="")
    print(f"{len(pages)} files, {size:.1f} MB")
    print(f"to_html per post:   {statistics.median(page_times):6.2f} s  {args.n} pages")


if __name__ == "__main__":
    main()
