"""`diploblog rebuild` with WARC and ARC files among its inputs."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest

pytest.importorskip("warcio", reason="warcio is not installed: pip install 'diploblog[warc]'")

from collections.abc import Iterable

from tests.test_warc import Archive, page

from diploblog import Blog, Page, archive, parse_feed
from diploblog._cli import main

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def crawl(count: int, *, start: int = 0) -> bytes:
    archive = Archive()
    for number in range(start, start + count):
        archive.response(f"http://blog.example/p{number}", page(f"Post {number}"), "text/html")
        archive.response(f"http://blog.example/p{number}.png", b"\x89PNG....", "image/png")
    return archive.data()


def titles(path: Path) -> list[str]:
    return sorted(post.title or "" for post in parse_feed(path.read_bytes()).posts)


def test_rebuild_reads_warc_and_arc_files_beside_saved_pages(tmp_path: Path) -> None:
    (tmp_path / "a.warc.gz").write_bytes(crawl(2))
    (tmp_path / "b.warc").write_bytes(gzip.decompress(crawl(1, start=2)))
    arc_page = page("From an ARC file")
    (tmp_path / "c.ARC").write_bytes(
        f"http://blog.example/arc 192.0.2.1 20100722093512 text/html {len(arc_page) + 19}\n"
        .encode() + b"HTTP/1.0 200 OK\r\n\r\n" + arc_page + b"\n"
    )  # fmt: skip
    (tmp_path / "saved.html").write_bytes(page("Saved by hand"))
    out = tmp_path / "out.atom"
    assert main(["rebuild", str(tmp_path), "-o", str(out), "-q"]) == 0
    assert titles(out) == ["From an ARC file", "Post 0", "Post 1", "Post 2", "Saved by hand"]


def test_rebuild_warns_of_damage_and_of_archives_with_nothing_to_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = tmp_path / "damaged.warc.gz"
    data = crawl(1)
    damaged.write_bytes(data + b"junk after the last record")
    empty = tmp_path / "images.warc.gz"
    archive = Archive()
    archive.response("http://blog.example/a.png", b"\x89PNG....", "image/png")
    empty.write_bytes(archive.data())
    out = tmp_path / "out.atom"
    assert main(["rebuild", str(damaged), str(empty), "-o", str(out)]) == 0
    assert titles(out) == ["Post 0"]
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        f"diploblog: warning: damaged data skipped: a damaged gzip member: not a gzip member;"
        f" no record could be read after it (at {damaged}, byte {len(data)})",
        f"diploblog: warning: skipped {empty}: no page or feed among its 1 records",
    ]


def test_rebuild_names_the_archive_in_the_capture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.warc.gz").write_bytes(crawl(1))
    merged: list[Page | Blog] = []
    original = archive.merge

    def merge(sources: Iterable[Page | Blog]) -> Blog:
        merged.extend(sources)
        return original(merged)

    monkeypatch.setattr(archive, "merge", merge)
    out = tmp_path / "out.atom"
    assert main(["rebuild", str(tmp_path), "--archive", "Test Archive", "-o", str(out)]) == 0
    assert titles(out) == ["Post 0"]
    (entry,) = merged
    assert isinstance(entry, Page)
    assert entry.capture is not None
    assert (entry.capture.archive, entry.capture.original_url) == (
        "Test Archive",
        "http://blog.example/p0",
    )


def test_rebuild_progress_counts_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.warc.gz").write_bytes(crawl(30))
    monkeypatch.setenv("COLUMNS", "300")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["rebuild", str(tmp_path / "a.warc.gz"), "-o", str(tmp_path / "out.atom")]) == 0
    shown = terminal.getvalue()
    assert "[1/1] " in shown
    # Two records a page (with an image between): shown at the first page past 25 records.
    assert f"[1/1] {tmp_path / 'a.warc.gz'}: 25 records" in shown
    assert f"[1/1] {tmp_path / 'a.warc.gz'}: 51 records" in shown
    assert shown.endswith("\r\x1b[K")
