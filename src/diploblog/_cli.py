"""The ``diploblog`` command line: a thin shell over the public API, and the only file I/O."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import zoneinfo
from collections.abc import Iterator, Sequence
from typing import BinaryIO, TextIO

from diploblog._convert import TARGETS, read_any, write_as
from diploblog._errors import DiploblogError
from diploblog._json import to_dict
from diploblog._model import Blog, Page, ReadWarning
from diploblog._rebuild import (
    ARCHIVE_SUFFIXES,
    SOURCE_SUFFIXES,
    is_archive_name,
    is_source_name,
    read_source,
)

__all__ = ["main"]

_PROG = "diploblog"
_EPILOG = """\
examples:
  diploblog convert examples/feed.xml --to atom
  diploblog convert feed.json --to rss -o feed.xml --pretty
  curl -s https://blogs.example/feed | diploblog convert - --to jsonfeed
  diploblog parse examples/feed.xml
  diploblog rebuild examples/seed/ -o blog.atom
  diploblog rebuild front.html entry.html feed.xml --to wxr -o blog.wxr
  diploblog rebuild captures/ --to html --site -o site/ --base-url https://example.org/
"""

# Above this many inputs a one-line counter shows progress on a terminal. It is
# written here rather than with tqdm or rich: no dependency for a one-line counter.
_PROGRESS_FROM = 20
# A web archive file shows its records read every this many records.
_RECORDS_STEP = 25


class _InputError(Exception):
    """A file that cannot be read or written: exit status 1, one line."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: the arguments, without the program name (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0 on success, 1 for unreadable input (for ``rebuild``: when
        no input at all is readable; others are skipped with a warning), 2 for a
        usage error.

    Example:
        >>> main(["convert", "no-such-file.xml", "--to", "atom"])
        1
    """
    parser = _parser()
    args = parser.parse_args(argv)
    _check_site_arguments(parser, args)
    try:
        if args.command == "convert":
            _convert(args)
        elif args.command == "rebuild":
            _rebuild(args)
        else:
            _parse(args)
    except (DiploblogError, _InputError) as error:
        _say("error", str(error))
        return 1
    except BrokenPipeError:
        # The reader of our output went away (`| head`): not an error of ours.
        _silence_stdout()
        return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    from diploblog import __version__

    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="Turn blogs into data and back: convert feeds and pages between formats,\n"
        "or rebuild one blog from many saved pages.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    convert_cmd = commands.add_parser(
        "convert",
        help="convert a feed or page to another format",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _input_arguments(convert_cmd)
    convert_cmd.add_argument("--to", required=True, choices=TARGETS, help="the output format")
    convert_cmd.add_argument("-o", "--output", help="write here instead of standard output")
    convert_cmd.add_argument("--pretty", action="store_true", help="indent the output")
    _site_arguments(convert_cmd)
    parse_cmd = commands.add_parser(
        "parse", help="print the model read from a feed or page as JSON"
    )
    _input_arguments(parse_cmd)
    _rebuild_parser(commands)
    return parser


def _rebuild_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rebuild_cmd = commands.add_parser(
        "rebuild",
        help="merge many saved pages and feeds of one blog into one blog",
        description="Merge many saved pages and feeds of one blog into one blog.\n\n"
        "A directory is read recursively, keeping files ending\n"
        + " ".join(sorted(SOURCE_SUFFIXES))
        + "\nand web archive files ("
        + " ".join(ARCHIVE_SUFFIXES)
        + "), read record by\n"
        "record: their HTML pages and feeds are merged, other records skipped.\n"
        "Files that cannot be read are skipped with a warning; the output is\n"
        "still written, and the exit status is 1 only when no input can be read.",
        epilog="examples:\n  diploblog rebuild examples/seed/ -o blog.atom\n"
        "  diploblog rebuild front.html entry.html feed.xml --to wxr -o blog.wxr\n"
        "  diploblog rebuild crawl-*.warc.gz --archive 'UK Government Web Archive'\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rebuild_cmd.add_argument(
        "inputs",
        metavar="PAGE",
        nargs="+",
        help="a saved page, feed or export, a WARC or ARC file, or a directory",
    )
    rebuild_cmd.add_argument(
        "--archive",
        metavar="NAME",
        help="the web archive that made the WARC/ARC files, for the pages' capture",
    )
    rebuild_cmd.add_argument(
        "--to", default="atom", choices=TARGETS, help="the output format (default: atom)"
    )
    rebuild_cmd.add_argument("-o", "--output", help="write here instead of standard output")
    rebuild_cmd.add_argument("--pretty", action="store_true", help="indent the output")
    rebuild_cmd.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    _site_arguments(rebuild_cmd)


def _input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="INPUT", help="a file, or - for standard input")
    parser.add_argument("--url", help="the input's own address, for relative links")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")


def _convert(args: argparse.Namespace) -> None:
    data = _read(args.input)
    blog = read_any(data, url=args.url)
    _warn(blog.warnings, quiet=args.quiet)
    _emit(blog, args)


def _site_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "static site (--to html)",
        "With --site, or when -o names an existing folder or ends with '/', --to html\n"
        "writes the whole blog as a static site (see diploblog.site) into that folder.",
    )
    group.add_argument("--site", action="store_true", help="write a static site into -o DIR")
    group.add_argument("--base-url", help="the address the site will be served from (required)")
    group.add_argument(
        "--per-page", type=int, default=10, help="posts per listing page (default: 10)"
    )
    group.add_argument(
        "--tz",
        metavar="ZONE",
        help="the blog's time zone (such as Europe/London), whose calendar files the\n"
        "posts under years and months (default: each date's own offset)",
    )


def _wants_site(args: argparse.Namespace) -> bool:
    output = args.output
    folder = output is not None and (output.endswith(("/", os.sep)) or os.path.isdir(output))
    return bool(args.site or (args.to == "html" and folder))


def _check_site_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.command not in {"convert", "rebuild"} or not _wants_site(args):
        return
    if args.to != "html":
        parser.error("--site writes HTML pages: use it with --to html")
    if args.output is None:
        parser.error("a static site is written into a folder: give it with -o DIR")
    if not args.base_url:
        parser.error("a static site needs --base-url, the address it will be served from")
    if args.tz is not None:
        try:
            args.tz = zoneinfo.ZoneInfo(args.tz)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            parser.error(f"--tz: unknown time zone {args.tz!r} (try a name like Europe/London)")


def _emit(blog: Blog, args: argparse.Namespace) -> None:
    if _wants_site(args):
        _write_site(blog, args.output, base_url=args.base_url, per_page=args.per_page, tz=args.tz)
    else:
        _write_output(write_as(blog, args.to, pretty=args.pretty), args.output)


def _write_site(
    blog: Blog, folder: str, *, base_url: str, per_page: int, tz: zoneinfo.ZoneInfo | None
) -> None:
    from diploblog.html import site
    from diploblog.html._paths import is_safe_path

    pages = site(blog, base_url=base_url, per_page=per_page, tz=tz)
    root = os.path.realpath(folder)
    targets = []
    for path, text in pages.items():
        # site() only makes safe paths; checked again here, with symbolic links
        # resolved, because this is where a bad one would overwrite a file elsewhere.
        # Every path is checked before the first file is written.
        real = os.path.realpath(os.path.join(root, *path.split("/")))
        if not is_safe_path(path) or os.path.commonpath([root, real]) != root:
            msg = f"refusing to write {path!r}: it would land outside {folder}"
            raise _InputError(msg)
        targets.append((real, path, text))
    for real, path, text in targets:
        try:
            os.makedirs(os.path.dirname(real), exist_ok=True)
            with open(real, "wb") as file:
                file.write(text.encode("utf-8"))
        except OSError as error:
            msg = f"cannot write {os.path.join(folder, path)}: {error.strerror}"
            raise _InputError(msg) from None


def _write_output(output: bytes, path: str | None) -> None:
    if path is None:
        _write_stdout(output)
        return
    try:
        with open(path, "wb") as file:
            file.write(output)
    except OSError as error:
        msg = f"cannot write {path}: {error.strerror}"
        raise _InputError(msg) from None


def _rebuild(args: argparse.Namespace) -> None:
    # Failed inputs are warned about and skipped: one bad capture among hundreds should
    # not lose the rest. Only when nothing at all could be read is it an error.
    names = list(_expand(args.inputs))
    archives = any(is_archive_name(name) for name in names)
    progress = _Progress(len(names), sys.stderr, quiet=args.quiet, always=archives)
    sources: list[Page | Blog] = []
    for number, name in enumerate(names, start=1):
        progress.show(number, name)
        try:
            if name != "-" and is_archive_name(name):
                sources.extend(_read_archive(name, args.archive, number, progress, args.quiet))
            else:
                sources.append(read_source(_read(name)))
        except _InputError as error:
            _skip(f"{error}, skipped", progress, quiet=args.quiet)
        except DiploblogError as error:
            _skip(f"skipped {name}: {error}", progress, quiet=args.quiet)
    progress.clear()
    if not sources:
        msg = f"no input could be read ({len(names)} tried)" if names else "no inputs found"
        raise _InputError(msg)
    from diploblog.archive import merge

    blog = merge(sources)
    _warn(blog.warnings, quiet=args.quiet)
    _emit(blog, args)


def _read_archive(
    name: str, archive: str | None, number: int, progress: _Progress, quiet: bool
) -> list[Page | Blog]:
    """Every page and feed in a WARC or ARC file, counting records on the progress line."""
    from diploblog.warc import read_warc

    sources: list[Page | Blog] = []
    shown = 0
    try:
        with open(name, "rb") as file:
            reader = read_warc(file, archive=archive, name=name)
            for source in reader:
                sources.append(source)
                records = reader.summary.records
                if records - shown >= _RECORDS_STEP:
                    progress.show(number, f"{name}: {records} records")
                    shown = records
            summary = reader.summary
    except OSError as error:
        msg = f"cannot read {name}: {error.strerror}"
        raise _InputError(msg) from None
    progress.clear()
    _warn(summary.warnings, quiet=quiet)
    if not sources:
        msg = f"no page or feed among its {summary.records} records"
        raise DiploblogError(msg)
    return sources


def _skip(message: str, progress: _Progress, *, quiet: bool) -> None:
    progress.clear()
    if not quiet:
        _say("warning", message)


def _expand(inputs: Sequence[str]) -> Iterator[str]:
    """Named files as given; directories walked in sorted order, keeping source files."""
    for name in inputs:
        if name == "-" or not os.path.isdir(name):
            yield name
            continue
        for root, dirs, files in os.walk(name):
            dirs.sort()
            for file in sorted(files):
                if is_source_name(file):
                    yield os.path.join(root, file)


class _Progress:
    """A one-line ``[n/total] name`` counter on a terminal, for many inputs or records."""

    def __init__(self, total: int, stream: TextIO, *, quiet: bool, always: bool = False) -> None:
        self._total = total
        self._stream = stream
        self._on = not quiet and (always or total > _PROGRESS_FROM) and stream.isatty()

    def show(self, number: int, name: str) -> None:
        if self._on:
            width = shutil.get_terminal_size().columns - 1
            self._stream.write(f"\r\x1b[K[{number}/{self._total}] {name}"[: width + 4])
            self._stream.flush()

    def clear(self) -> None:
        if self._on:
            self._stream.write("\r\x1b[K")
            self._stream.flush()


def _parse(args: argparse.Namespace) -> None:
    blog = read_any(_read(args.input), url=args.url)
    _warn(blog.warnings, quiet=args.quiet)
    text = json.dumps(to_dict(blog), indent=2, ensure_ascii=False)
    _write_stdout((text + "\n").encode("utf-8"))


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        with open(name, "rb") as file:
            return file.read()
    except OSError as error:
        msg = f"cannot read {name}: {error.strerror}"
        raise _InputError(msg) from None


def _write_stdout(data: bytes) -> None:
    stream: BinaryIO = sys.stdout.buffer
    stream.write(data)
    stream.flush()


def _warn(warnings: Sequence[ReadWarning], *, quiet: bool) -> None:
    if quiet:
        return
    for warning in warnings:
        where = f" (at {warning.where})" if warning.where else ""
        _say("warning", f"{warning.message}{where}")


def _say(kind: str, message: str) -> None:
    first_line = " ".join(message.split())
    print(f"{_PROG}: {kind}: {first_line}", file=sys.stderr)


def _silence_stdout() -> None:
    # Python flushes stdout at exit; pointing it at devnull avoids a second BrokenPipeError.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
