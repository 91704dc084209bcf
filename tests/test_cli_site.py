"""The command line writing a static site: `--to html` into a folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import diploblog.html
from diploblog import parse_html
from diploblog._cli import main
from test_cli import FEED, assert_one_line_error, run

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed"
BASE = "https://archive.example/hale/"


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_convert_to_a_site_folder(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert (
        main(["convert", str(FEED), "--to", "html", "--site", "-o", str(out), "--base-url", BASE])
        == 0
    )
    files = _files(out)
    assert {"index.html", "feed.xml", "tags/index.html", "archives/index.html"} <= files
    post = out / "2010" / "07" / "the_end_of_this_blog" / "index.html"
    page = parse_html(post.read_bytes(), url=BASE + "2010/07/the_end_of_this_blog/index.html")
    assert page.posts[0].title == "The end of this blog"
    pages = diploblog.html.site(diploblog.parse_feed(FEED.read_bytes()), base_url=BASE)
    assert files == set(pages)
    assert all((out / path).read_text(encoding="utf-8") == text for path, text in pages.items())


def test_an_existing_folder_or_a_trailing_slash_means_a_site(tmp_path: Path) -> None:
    assert (
        main(["convert", str(FEED), "--to", "html", "-o", f"{tmp_path}/", "--base-url", BASE]) == 0
    )
    assert "index.html" in _files(tmp_path)
    existing = tmp_path / "again"
    existing.mkdir()
    assert (
        main(["convert", str(FEED), "--to", "html", "-o", str(existing), "--base-url", BASE]) == 0
    )
    assert "feed.xml" in _files(existing)


def test_a_single_page_still_goes_to_stdout_or_a_file(tmp_path: Path) -> None:
    result = run("convert", str(FEED), "--to", "html")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"<!DOCTYPE html>")
    out = tmp_path / "page.html"
    assert main(["convert", str(FEED), "--to", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_rebuild_to_a_site(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(
        "rebuild",
        str(SEED),
        "--to",
        "html",
        "--site",
        "-o",
        str(out),
        "--base-url",
        BASE,
        "-q",
        "--per-page",
        "1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    files = _files(out)
    assert {"index.html", "page/2/index.html", "feed.xml"} <= files
    front = parse_html((out / "index.html").read_bytes(), url=BASE)
    assert front.kind == "listing"
    assert [link.rel for link in front.links] == ["next"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--site", "--base-url", BASE], "-o DIR"),
        (["--site", "-o", "out"], "--base-url"),
    ],
)
def test_site_usage_errors_exit_2(arguments: list[str], message: str) -> None:
    result = run("convert", str(FEED), "--to", "html", *arguments)
    assert message in assert_one_line_error(result, 2)


def test_site_needs_html(tmp_path: Path) -> None:
    result = run(
        "convert", str(FEED), "--to", "atom", "--site", "-o", str(tmp_path), "--base-url", BASE
    )
    assert "--to html" in assert_one_line_error(result, 2)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--base-url", "example.org"], "base_url"),
        (["--base-url", BASE, "--per-page", "0"], "per_page"),
    ],
)
def test_bad_site_arguments_are_one_line_exit_1(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    result = run("convert", str(FEED), "--to", "html", "--site", "-o", str(tmp_path), *arguments)
    assert message in assert_one_line_error(result, 1)


def test_refuses_a_path_that_would_leave_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    monkeypatch.setattr(diploblog.html, "site", lambda blog, **kw: {"../evil.html": "x"})
    assert (
        main(["convert", str(FEED), "--to", "html", "--site", "-o", str(out), "--base-url", BASE])
        == 1
    )
    assert not (tmp_path / "evil.html").exists()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_refuses_to_write_through_a_link_out_of_the_folder(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "tags").symlink_to(elsewhere, target_is_directory=True)
    result = run("convert", str(FEED), "--to", "html", "--site", "-o", str(out), "--base-url", BASE)
    assert "outside" in assert_one_line_error(result, 1)
    assert list(elsewhere.iterdir()) == []
    assert list(out.iterdir()) == [out / "tags"]  # nothing written before the refusal


def test_unwritable_folder_is_one_line_exit_1(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run(
        "convert", str(FEED), "--to", "html", "--site", "-o", str(blocker / "x"), "--base-url", BASE
    )
    assert "cannot write" in assert_one_line_error(result, 1)


def test_time_zone_files_posts_by_the_blogs_calendar(tmp_path: Path) -> None:
    feed = tmp_path / "late.xml"
    feed.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>T</title>'
        "<updated>2010-07-31T23:30:00Z</updated><entry><id>urn:late</id><title>Late</title>"
        "<updated>2010-07-31T23:30:00Z</updated><published>2010-07-31T23:30:00Z</published>"
        "</entry></feed>",
        encoding="utf-8",
    )
    common = ["convert", str(feed), "--to", "html", "--base-url", BASE, "-o"]
    assert main([*common, f"{tmp_path}/utc/"]) == 0
    assert (tmp_path / "utc" / "2010" / "07" / "late" / "index.html").exists()
    assert main([*common, f"{tmp_path}/london/", "--tz", "Europe/London"]) == 0
    assert (tmp_path / "london" / "2010" / "08" / "late" / "index.html").exists()
    result = run(*common, f"{tmp_path}/x/", "--tz", "Mars/Olympus")
    assert "--tz" in assert_one_line_error(result, 2)
