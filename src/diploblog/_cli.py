"""The ``diploblog`` command line: a thin shell over the public API, and the only file I/O."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import BinaryIO

from diploblog._convert import TARGETS, read_any, write_as
from diploblog._errors import DiploblogError
from diploblog._json import to_dict
from diploblog._model import ReadWarning

__all__ = ["main"]

_PROG = "diploblog"
_EPILOG = """\
examples:
  diploblog convert examples/feed.xml --to atom
  diploblog convert feed.json --to rss -o feed.xml --pretty
  curl -s https://blogs.example/feed | diploblog convert - --to jsonfeed
  diploblog parse examples/feed.xml
"""


class _InputError(Exception):
    """A file that cannot be read or written: exit status 1, one line."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: the arguments, without the program name (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0 on success, 1 for unreadable input, 2 for a usage error.

    Example:
        >>> main(["convert", "no-such-file.xml", "--to", "atom"])
        1
    """
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "convert":
            _convert(args)
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
        description="Turn blogs into data and back: convert feeds and pages between formats.",
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
    parse_cmd = commands.add_parser(
        "parse", help="print the model read from a feed or page as JSON"
    )
    _input_arguments(parse_cmd)
    return parser


def _input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="INPUT", help="a file, or - for standard input")
    parser.add_argument("--url", help="the input's own address, for relative links")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")


def _convert(args: argparse.Namespace) -> None:
    data = _read(args.input)
    blog = read_any(data, url=args.url)
    _warn(blog.warnings, quiet=args.quiet)
    output = write_as(blog, args.to, pretty=args.pretty)
    if args.output is None:
        _write_stdout(output)
        return
    try:
        with open(args.output, "wb") as file:
            file.write(output)
    except OSError as error:
        msg = f"cannot write {args.output}: {error.strerror}"
        raise _InputError(msg) from None


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
