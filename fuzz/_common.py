"""What every fuzz script shares: seeds, the property readers must keep, findings.

The property: a reader given any bytes returns a result or raises a
`diploblog.DiploblogError`; nothing else escapes, no Python warning is raised while
reading, and every writer's output of what was read is read back without error.

A failure is recorded once per signature (exception type and the innermost frame in
diploblog) under ``fuzz/findings/<target>/`` as the input (``.bin``) and its
traceback (``.txt``), and the run goes on, so one run finds many distinct bugs.
Inputs slower than `SLOW_SECONDS` are recorded the same way (a hang in the making).
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO / "tests")]
CORPUS = Path(os.environ.get("DIPLOBLOG_CORPUS") or REPO.parent / "shared" / "corpus")
FINDINGS = REPO / "fuzz" / "findings"
WORK = REPO / "fuzz" / "work"
SLOW_SECONDS = float(os.environ.get("DIPLOBLOG_FUZZ_SLOW", "5"))
MAX_SEED_BYTES = 65536

_seen: set[str] = set()


def seeds(patterns: list[tuple[Path, str]], extra: list[bytes]) -> Iterator[bytes]:
    """Yield the seed documents: files matching each (folder, glob), then `extra`."""
    for folder, pattern in patterns:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                # Long documents are cut: libFuzzer works on inputs of up to -max_len.
                yield path.read_bytes()[:MAX_SEED_BYTES]
    yield from extra


def written_as(write: Callable[[object], bytes], documents: Iterator[bytes]) -> Iterator[bytes]:
    """Seeds for a format's reader: feeds read with parse_feed and written with `write`."""
    from diploblog import DiploblogError, parse_feed

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for data in documents:
            try:
                yield write(parse_feed(data))
            except DiploblogError:
                continue


def write_seed_dir(target: str, documents: Iterator[bytes]) -> Path:
    """Fill ``fuzz/work/<target>/`` with the seeds (libFuzzer adds what it finds there)."""
    folder = WORK / target
    folder.mkdir(parents=True, exist_ok=True)
    for data in documents:
        (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
    return folder


def _signature(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "diploblog" in f.filename] or frames
    last = ours[-1] if ours else None
    place = f"{Path(last.filename).name}:{last.lineno}" if last else "?"
    return f"{type(error).__name__} at {place}"


def _record(target: str, kind: str, data: bytes, detail: str) -> None:
    key = f"{target}:{kind}"
    if key in _seen:
        return
    _seen.add(key)
    folder = FINDINGS / target
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha1(key.encode()).hexdigest()[:12]
    (folder / f"{name}.bin").write_bytes(data)
    (folder / f"{name}.txt").write_text(f"{kind}\n\n{detail}", encoding="utf-8")
    print(f"\n*** {target}: {kind} -> fuzz/findings/{target}/{name}.bin", file=sys.stderr)


def run_one(target: str, check: Callable[[bytes], None], data: bytes) -> None:
    """Run `check` on one input, recording an escaping exception or a slow input."""
    from diploblog import DiploblogError, ForbiddenCharacterWarning

    start = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            # Writers announce the control characters they drop: documented, not a bug.
            warnings.simplefilter("ignore", ForbiddenCharacterWarning)
            check(data)
    except DiploblogError:
        pass
    except RecursionError as error:
        _record(target, _signature(error), data, traceback.format_exc(limit=8))
    except Exception as error:
        _record(target, _signature(error), data, traceback.format_exc())
    elapsed = time.perf_counter() - start
    if elapsed > SLOW_SECONDS:
        _record(target, f"slow ({len(data)} bytes)", data, f"{elapsed:.1f} s")


def round_trip(result: object) -> None:
    """Write a `Blog` or `Page` in every format and read it back (tests/_roundtrip.py)."""
    from _roundtrip import written_back

    written_back(result)  # type: ignore[arg-type]


def fuzz(target: str, check: Callable[[bytes], None], documents: Iterator[bytes]) -> None:
    """Run atheris on `check`, seeded with `documents`; extra arguments go to libFuzzer."""
    import atheris

    folder = write_seed_dir(target, documents)
    args = [sys.argv[0], *sys.argv[1:], str(folder)]
    if not any(a.startswith("-max_len") for a in args):
        args.insert(1, f"-max_len={MAX_SEED_BYTES}")
    if not any(a.startswith("-timeout") for a in args):
        args.insert(1, "-timeout=60")

    def one_input(data: bytes) -> None:
        run_one(target, check, data)

    # libFuzzer prints the run count and exits; findings are printed as they come.
    atheris.Setup(args, one_input)
    atheris.Fuzz()
