"""The command line: exit codes, standard input and output, files, one-line errors."""

from __future__ import annotations

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
