"""The documented Dask recipe: read + merge per partition, then merge the partials.

A generated archive of several WARC files, in which the same posts are captured
more than once (entry pages, front pages listing them, revisits, a feed, spread over
files), is rebuilt on a local Dask cluster and must equal `merge` run in one process
over every record.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("warcio", reason="warcio is not installed: pip install 'diploblog[warc]'")
pytest.importorskip("dask.bag", reason="dask is not installed: pip install 'diploblog[dask]'")
pytest.importorskip(
    "distributed", reason="dask.distributed is not installed: pip install 'diploblog[dask]'"
)

import dask.bag as bag
import distributed
from tests.test_warc import ATOM, Archive, page

from diploblog import Blog, Page
from diploblog.archive import merge
from diploblog.warc import read_and_merge, read_warc

FILES = 5
POSTS = 12
open_binary = functools.partial(open, mode="rb")


def listing(numbers: list[int]) -> bytes:
    entries = "".join(
        f'<article class="h-entry"><h2 class="p-name"><a class="u-url" '
        f'href="http://blog.example/p{n}">Post {n}</a></h2>'
        f'<time class="dt-published" datetime="2010-07-{1 + n:02d}T10:00:00Z">x</time>'
        f'<div class="e-summary"><p>Post {n}, briefly.</p></div></article>'
        for n in numbers
    )
    return f"<!DOCTYPE html><html><head><title>Blog</title></head><body>{entries}</body>".encode()


def entry(number: int, *, edited: bool = False) -> bytes:
    body = page(f"Post {number}", day=1 + number)
    return body.replace(b"</p>", b" Edited later.</p>") if edited else body


def write_archive(folder: Path) -> list[Path]:
    paths = []
    for index in range(FILES):
        archive = Archive(gzip=index % 2 == 0)
        date = f"2010-08-{1 + index:02d}T12:00:00Z"
        archive.response("http://blog.example/", listing(list(range(index, POSTS, 2))),
                         "text/html", date=date)  # fmt: skip
        for number in range(index, POSTS, FILES - 1):
            address = f"http://blog.example/p{number}"
            body = entry(number, edited=index > 2)
            original = archive.response(address, body, "text/html", date=date)
            archive.revisit(
                original, f"http://blog.example/p{number}", f"2010-09-{1 + index:02d}T12:00:00Z"
            )
        if index == 3:
            archive.response("http://blog.example/feed", ATOM, "application/atom+xml", date=date)
        archive.response("http://blog.example/logo.png", b"\x89PNG....", "image/png", date=date)
        path = folder / f"crawl-{index:02d}.warc{'.gz' if index % 2 == 0 else ''}"
        path.write_bytes(archive.data())
        paths.append(path)
    return paths


def every_source(paths: list[Path]) -> Iterator[Page | Blog]:
    for path in paths:
        with open(path, "rb") as file:
            yield from read_warc(file, name=str(path))


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_archive(tmp_path_factory.mktemp("archive"))


@pytest.fixture(scope="module")
def one_process(paths: list[Path]) -> Blog:
    return merge(list(every_source(paths)))


def test_the_generated_archive_has_every_post_more_than_once(one_process: Blog) -> None:
    assert sorted(p.title or "" for p in one_process.posts) == sorted(
        [f"Post {n}" for n in range(POSTS)] + ["The end of this blog"]
    )


@pytest.mark.parametrize("partitions", [1, 2, FILES])
def test_partitions_merged_in_any_grouping_equal_one_process(
    paths: list[Path], one_process: Blog, partitions: int
) -> None:
    per_partition = functools.partial(read_and_merge, open_stream=open_binary)
    files = bag.from_sequence([str(p) for p in paths], npartitions=partitions)
    result = files.reduction(per_partition, merge, split_every=2).compute(scheduler="sync")
    assert result == one_process


def test_the_recipe_on_a_local_cluster_equals_one_process(
    paths: list[Path], one_process: Blog
) -> None:
    per_partition = functools.partial(read_and_merge, open_stream=open_binary)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        files = bag.from_sequence([str(p) for p in paths], npartitions=3)
        result = client.compute(files.reduction(per_partition, merge)).result()
    assert result == one_process
