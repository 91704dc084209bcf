"""Records per second reading a WARC of blog pages, and the speed-up from 1 to 2 workers.

The archive is generated in memory (deterministic): ``--pages`` blog entry pages
(default 5,000) as gzip-per-record WARC ``response`` records, each with its request
record, as a crawler writes them, so the file holds twice as many records as pages.
Each page is a WordPress-style h-entry (title, date, author, three tags, about 3 KB
of content, two comments), about 6 KB of HTML.

1. One process: `diploblog.warc.read_warc` over the whole file (records/s, pages/s),
   and `diploblog.archive.merge` of the pages read; beside it `parse_html` on the same
   pages without the WARC layer, and the WARC layer without `parse_html` (stubbed).
2. Scale-out: the same pages split into ``--files`` WARC files written to a temporary
   folder, rebuilt with the documented Dask recipe (``bag.reduction(read_and_merge,
   merge)``) on a local cluster of 1, then 2 worker processes (one thread each).

Usage:
    .venv/bin/python benchmarks/bench_warc.py                 # 5,000 pages
    .venv/bin/python benchmarks/bench_warc.py --pages 1000    # quicker
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from diploblog import Blog, Page, parse_html
from diploblog.archive import merge
from diploblog.warc import read_and_merge, read_warc

TAGS = ["diplomacy", "digital", "engagement", "foreign policy", "london", "summit", "twitter"]
PARAGRAPH = (
    "<p>We have been working with colleagues across the network to make our digital "
    "engagement more useful to the people we serve, and to learn from the conversations "
    "this blog has started. Post {n} looks at what changed this month.</p>"
)


def page(n: int) -> bytes:
    day = 1 + n % 28
    tags = "".join(
        f'<a rel="tag" class="p-category" href="/tag/{t}">{t}</a>'
        for t in (TAGS[n % 7], TAGS[(n + 2) % 7], TAGS[(n + 4) % 7])
    )
    comments = "".join(
        f'<li class="p-comment h-cite" id="comment-{n}-{c}"><span class="p-author h-card">'
        f'Reader {c}</span> <time class="dt-published" datetime="2010-07-{day:02d}T1{c}:00Z">'
        f'</time><p class="e-content">Thanks for post {n}.</p></li>'
        for c in range(2)
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Post {n} | Global conversations</title></head><body>"
        '<header><h1><a href="/">Global conversations</a></h1></header>'
        f'<article class="h-entry"><h2 class="p-name">Post number {n}</h2>'
        f'<time class="dt-published" datetime="2010-{1 + n % 12:02d}-{day:02d}T10:00:00Z">'
        '</time><a class="p-author h-card" href="/about">Stephen Hale</a>'
        f'<div class="e-content">{PARAGRAPH.format(n=n) * 12}</div>{tags}'
        f"<ol>{comments}</ol></article></body></html>"
    ).encode()


def warc(numbers: range) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for n in numbers:
        uri = f"http://blogs.example/roller/hale/entry/post_{n}"
        request = f"GET /roller/hale/entry/post_{n} HTTP/1.1\r\nHost: blogs.example\r\n\r\n"
        body = page(n)
        http = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        date = {"WARC-Date": f"2011-01-07T18:{n // 60 % 60:02d}:{n % 60:02d}Z"}
        for record in (
            writer.create_warc_record(uri, "request", payload=io.BytesIO(request.encode()),
                                      length=len(request), warc_headers_dict=date),
            writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                      length=len(body), http_headers=http, warc_headers_dict=date),
        ):  # fmt: skip
            writer.write_record(record)
    return out.getvalue()


def parse_alone(numbers: range) -> float:
    """The HTML reader on the same pages, without the WARC layer: the baseline."""
    bodies = [page(n) for n in numbers]
    start = time.perf_counter()
    for n, body in zip(numbers, bodies, strict=True):
        parse_html(body, url=f"http://blogs.example/roller/hale/entry/post_{n}")
    return time.perf_counter() - start


def warc_layer_alone(data: bytes) -> float:
    """read_warc with the HTML reader stubbed out: framing, gzip and warcio parsing."""
    from diploblog.warc import _records

    real = _records.parse_html
    _records.parse_html = lambda payload, url=None, encoding=None: Page(url=url)
    try:
        start = time.perf_counter()
        for _ in read_warc(io.BytesIO(data)):
            pass
        return time.perf_counter() - start
    finally:
        _records.parse_html = real


def one_process(data: bytes) -> tuple[float, float, int, list[Page | Blog]]:
    start = time.perf_counter()
    reader = read_warc(io.BytesIO(data))
    pages = list(reader)
    read_seconds = time.perf_counter() - start
    start = time.perf_counter()
    blog = merge(pages)
    merge_seconds = time.perf_counter() - start
    assert len(blog.posts) == len(pages) == reader.summary.pages
    return read_seconds, merge_seconds, reader.summary.records, pages


def final_merge(pages: list[Page | Blog], files: int) -> float:
    """The serial part of the Dask run: merging the per-file partial blogs."""
    step = -(-len(pages) // files)
    partials = [merge(pages[i * step : (i + 1) * step]) for i in range(files)]
    start = time.perf_counter()
    merge(partials)
    return time.perf_counter() - start


def on_cluster(paths: list[str], workers: int) -> float:
    import dask.bag as bag
    from distributed import Client, LocalCluster

    per_partition = functools.partial(
        read_and_merge, open_stream=functools.partial(open, mode="rb")
    )
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                     dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):  # fmt: skip
        client.run(lambda: None)  # the workers are up before the clock starts
        start = time.perf_counter()
        files = bag.from_sequence(paths, npartitions=len(paths))
        blog = client.compute(files.reduction(per_partition, merge)).result()
        seconds = time.perf_counter() - start
    assert blog.posts
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--files", type=int, default=10)
    args = parser.parse_args()

    data = warc(range(args.pages))
    read_s, merge_s, records, sources = one_process(data)
    pages = len(sources)
    print(f"{args.pages} pages, {records} records, {len(data) / 1e6:.1f} MB gzip WARC")
    print(f"cores: {os.cpu_count()}")
    print()
    alone_s = parse_alone(range(args.pages))
    layer_s = warc_layer_alone(data)
    rows = [
        ("parse_html alone (baseline)", alone_s, None),
        ("WARC layer alone (no parsing)", layer_s, records),
        ("read_warc", read_s, records),
        ("merge of the pages", merge_s, None),
        ("read_warc + merge", read_s + merge_s, records),
    ]
    print(f"{'one process':30} {'seconds':>8} {'records/s':>10} {'pages/s':>8}")
    for label, seconds, count in rows:
        rate = f"{count / seconds:10.0f}" if count else " " * 10
        print(f"{label:30} {seconds:8.2f} {rate} {pages / seconds:8.0f}")
    print(f"the WARC layer's share of read_warc: {layer_s / read_s:.0%}")

    with tempfile.TemporaryDirectory() as folder:
        step = -(-args.pages // args.files)
        paths = []
        for index in range(args.files):
            path = Path(folder) / f"crawl-{index:03d}.warc.gz"
            path.write_bytes(warc(range(index * step, min(args.pages, (index + 1) * step))))
            paths.append(str(path))
        times = {workers: on_cluster(paths, workers) for workers in (1, 2)}
    print()
    print(f"{f'Dask, {args.files} files':30} {'seconds':>8} {'records/s':>10} {'speed-up':>8}")
    for workers, seconds in times.items():
        label = f"{workers} worker process{'es' if workers > 1 else ''}"
        print(f"{label:30} {seconds:8.2f} {records / seconds:10.0f} {times[1] / seconds:7.2f}x")
    # Amdahl: only the final merge of the partial blogs runs on one process.
    serial = final_merge(sources, args.files) / times[1]
    print()
    print(f"final merge of {args.files} partial blogs: {serial:.1%} of the 1-worker time")
    ideal = ", ".join(f"{w}: {1 / (serial + (1 - serial) / w):.1f}x" for w in (2, 4, 8, 16, 32))
    print(f"speed-up bound with that serial part (idle cores): {ideal}")
    print(f"load average during the run: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
