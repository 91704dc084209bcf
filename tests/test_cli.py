"""The command line: exit codes, standard input and output, files, one-line errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import diploblog
from diploblog import parse_feed
from diploblog._cli import main

FEED = Path(__file__).resolve().parent.parent / "examples" / "feed.xml"


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "diploblog", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=60,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[bytes], code: int) -> str:
    assert result.returncode == code
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if "error" in line]
    assert len(lines) == 1
    return lines[0]


def test_convert_file_to_stdout() -> None:
    result = run("convert", str(FEED), "--to", "atom")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"<?xml")
    assert len(parse_feed(result.stdout).posts) == 3


def test_convert_stdin_to_stdout() -> None:
    result = run("convert", "-", "--to", "jsonfeed", stdin=FEED.read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Global conversations"


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "feed.json"
    assert main(["convert", str(FEED), "--to", "rss", "-o", str(out), "--pretty"]) == 0
    assert parse_feed(out.read_bytes()).posts[0].title == "The end of this blog"


def test_parse_prints_the_model() -> None:
    result = run("parse", str(FEED))
    assert result.returncode == 0, result.stderr
    model = json.loads(result.stdout)
    assert model["title"] == "Global conversations"
    assert model["posts"][0]["comment_count"] == 12
    assert result.stdout.startswith(b'{\n  "')


def test_missing_file_is_one_line_exit_1() -> None:
    line = assert_one_line_error(run("convert", "no/such/file.xml", "--to", "atom"), 1)
    assert line.startswith("diploblog: error: cannot read no/such/file.xml")


def test_unreadable_input_is_one_line_exit_1() -> None:
    result = run("convert", "-", "--to", "atom", stdin=b"")
    assert assert_one_line_error(result, 1).startswith("diploblog: error: ")
    result = run("parse", "-", stdin=b"\x00\x01binary")
    assert_one_line_error(result, 1)


def test_unwritable_output_is_one_line_exit_1(tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "out.xml"
    result = run("convert", str(FEED), "--to", "atom", "-o", str(target))
    assert "cannot write" in assert_one_line_error(result, 1)


def test_usage_errors_exit_2() -> None:
    result = run("convert", str(FEED), "--to", "pdf")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert b"atom" in result.stderr
    assert run().returncode == 2
    assert run("convert", str(FEED)).returncode == 2


def test_warnings_go_to_stderr_unless_quiet() -> None:
    feed = FEED.read_bytes().replace(
        b"Tue, 20 Jul 2010 14:05:00 +0100</pubDate>", b"soon</pubDate>"
    )
    loud = run("convert", "-", "--to", "atom", stdin=feed)
    assert loud.returncode == 0
    assert b"diploblog: warning: " in loud.stderr
    quiet = run("convert", "-", "--to", "atom", "--quiet", stdin=feed)
    assert quiet.stderr == b""
    assert quiet.stdout == loud.stdout


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"diploblog {diploblog.__version__}"
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    assert "examples:" in shown
    assert "diploblog convert examples/feed.xml --to atom" in shown


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    # Far more output than a pipe buffers, so writing fails once the reader has gone.
    head, _, rest = FEED.read_text(encoding="utf-8").partition("<item>")
    item, _, tail = rest.partition("</item>")
    big = tmp_path / "big.xml"
    big.write_text(head + f"<item>{item}</item>" * 400 + tail, encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "diploblog", "parse", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.read(1)
        process.stdout.close()
        stderr = process.stderr.read()
        process.wait(timeout=60)
    assert b"Traceback" not in stderr
    assert stderr == b""


# --- rebuild ---------------------------------------------------------------------------

SEED = FEED.parent / "seed"
END = "The end of this blog"


def rebuild_titles(atom: bytes) -> list[str | None]:
    return [post.title for post in parse_feed(atom).posts]


def test_rebuild_seed_directory_to_atom() -> None:
    result = run("rebuild", str(SEED))
    assert result.returncode == 0, result.stderr
    blog = parse_feed(result.stdout)
    assert blog.title == "Global conversations"
    titles = [post.title for post in blog.posts]
    assert sorted(titles, key=str) == sorted(
        [END, "Evaluating digital engagement: what we count", "Twitter at the G20 summit"]
    )
    assert titles.count(END) == 1
    end = next(post for post in blog.posts if post.title == END)
    # The full entry, not a listing's excerpt: its last paragraphs are there.
    assert end.content is not None
    assert "blogging about digital health" in end.content
    assert "20 July 2010</p>" in end.content


def test_rebuild_files_and_directories_mixed_give_the_same_blog(tmp_path: Path) -> None:
    out = tmp_path / "blog.atom"
    files = [str(SEED / name) for name in ("front.html", "tag.html", "entry.html", "about.html")]
    assert main(["rebuild", *files, str(SEED / "captures"), "-o", str(out), "-q"]) == 0
    whole = run("rebuild", str(SEED), "-q")
    assert whole.returncode == 0
    assert parse_feed(out.read_bytes()) == parse_feed(whole.stdout)


def test_rebuild_directory_skips_other_files_and_recurses(tmp_path: Path) -> None:
    nested = tmp_path / "site" / "2010" / "07"
    nested.mkdir(parents=True)
    (nested / "entry.HTM").write_bytes((SEED / "entry.html").read_bytes())
    (tmp_path / "site" / "style.css").write_text("body { color: red }", encoding="utf-8")
    (tmp_path / "site" / "notes.txt").write_text("not a page", encoding="utf-8")
    result = run("rebuild", str(tmp_path / "site"), "--to", "jsonfeed")
    assert result.returncode == 0, result.stderr
    assert b"skipped" not in result.stderr  # .css and .txt were never read
    assert [item["title"] for item in json.loads(result.stdout)["items"]] == [END]


def test_rebuild_merges_a_feed_with_pages(tmp_path: Path) -> None:
    out = tmp_path / "blog.rss"
    result = run("rebuild", str(SEED / "entry.html"), str(FEED), "--to", "rss", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    titles = rebuild_titles(out.read_bytes())
    assert titles.count(END) == 1
    assert len(titles) == len(parse_feed(FEED.read_bytes()).posts)


def test_rebuild_listing_excerpt_gives_way_to_the_entry_page(tmp_path: Path) -> None:
    full = "<p>First paragraph.</p><p>Second paragraph, only on the entry page.</p>"
    url = "https://blogs.example/entry/hello"
    entry = (
        f'<!DOCTYPE html><html><head><link rel="canonical" href="{url}"></head><body>'
        f'<article class="h-entry"><h1 class="p-name">Hello</h1>'
        f'<a class="u-url" href="{url}">#</a><div class="e-content">{full}</div>'
        "</article></body></html>"
    )
    listing = (
        '<!DOCTYPE html><html><body><div class="h-feed">'
        + "".join(
            f'<article class="h-entry"><h2 class="p-name">{title}</h2>'
            f'<a class="u-url" href="https://blogs.example/entry/{slug}">#</a>'
            '<div class="e-content"><p>First paragraph.</p></div></article>'
            for title, slug in (("Hello", "hello"), ("Other", "other"))
        )
        + "</div></body></html>"
    )
    (tmp_path / "a-listing.html").write_text(listing, encoding="utf-8")
    (tmp_path / "b-entry.html").write_text(entry, encoding="utf-8")
    result = run("rebuild", str(tmp_path), "--to", "jsonfeed")
    assert result.returncode == 0, result.stderr
    items = {item["title"]: item for item in json.loads(result.stdout)["items"]}
    assert sorted(items) == ["Hello", "Other"]
    assert "Second paragraph" in items["Hello"]["content_html"]


def test_rebuild_bad_file_among_good_ones_warns_and_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xml"
    bad.write_bytes(b"\x00\x01 not a feed")
    missing = tmp_path / "missing.html"
    result = run("rebuild", str(SEED / "entry.html"), str(bad), str(missing))
    assert result.returncode == 0
    assert "Traceback" not in result.stderr.decode()
    warnings = [line for line in result.stderr.decode().splitlines() if "skipped" in line]
    assert len(warnings) == 2
    assert all(line.startswith("diploblog: warning: ") for line in warnings)
    assert any(str(bad) in line for line in warnings)
    assert any(str(missing) in line and "cannot read" in line for line in warnings)
    assert rebuild_titles(result.stdout) == [END]
    quiet = run("rebuild", "-q", str(SEED / "entry.html"), str(bad), str(missing))
    assert quiet.stderr == b""
    assert quiet.stdout == result.stdout


def test_rebuild_with_nothing_readable_is_one_line_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_bytes(b"\x00\x01")
    out = tmp_path / "out.atom"
    result = run("rebuild", str(bad), str(tmp_path / "missing.html"), "-o", str(out))
    assert assert_one_line_error(result, 1) == "diploblog: error: no input could be read (2 tried)"
    assert not out.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert assert_one_line_error(run("rebuild", str(empty)), 1).endswith("no inputs found")


def test_rebuild_usage_errors_exit_2() -> None:
    result = run("rebuild", str(SEED), "--to", "pdf")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert b"invalid choice: 'pdf'" in result.stderr
    assert run("rebuild").returncode == 2


def test_help_lists_rebuild_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    assert "rebuild" in shown
    assert "diploblog rebuild examples/seed/ -o blog.atom" in shown
    with pytest.raises(SystemExit):
        main(["rebuild", "--help"])
    shown = capsys.readouterr().out
    assert "PAGE" in shown
    assert "diploblog rebuild examples/seed/ -o blog.atom" in shown


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _many_copies(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for number in range(count):
        (folder / f"page-{number:02}.html").write_bytes((SEED / "entry.html").read_bytes())
    return folder


def test_rebuild_progress_on_a_terminal_for_many_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _many_copies(tmp_path, 21)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["rebuild", str(folder), "-o", str(tmp_path / "out.atom")]) == 0
    shown = terminal.getvalue()
    assert "\r\x1b[K[1/21] " in shown
    assert "[21/21] " in shown
    # The counter line is cleared before anything else is printed.
    assert shown.partition("[21/21] ")[2].count("\r\x1b[K") == 1
    quiet = _Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert main(["rebuild", str(folder), "-o", str(tmp_path / "out.atom"), "-q"]) == 0
    assert quiet.getvalue() == ""


def test_rebuild_no_progress_when_few_inputs_or_not_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _many_copies(tmp_path, 20)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["rebuild", str(folder), "-o", str(tmp_path / "out.atom"), "-q"]) == 0
    assert terminal.getvalue() == ""
    (folder / "page-20.html").write_bytes((SEED / "entry.html").read_bytes())
    piped = run("rebuild", str(folder), "-q")  # 21 inputs, but stderr is a pipe
    assert piped.returncode == 0
    assert piped.stderr == b""
