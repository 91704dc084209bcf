"""No catastrophic regular expressions: every pattern diploblog applies, on adversarial text.

The patterns are found, not listed: every compiled `re.Pattern` a diploblog module
holds (directly or in a tuple, list, set or dict), and every string literal passed
to an ``re`` function in the source (found with `ast`). For each, the characters it
repeats on are read from its parsed form (``re._parser``), and it is run over long
runs of those characters (`RUN` of them), alone, in alternating pairs, after the
pattern's own literal text and followed by a character that makes it fail: the
inputs that make backtracking engines take exponential or quadratic time. Only the
methods code calls on a pattern are run (a pattern only ever matched at the start
of a text is not searched). Each text gets `LIMIT_SECONDS`, in a forked child the
test kills when time is up (the regex engine cannot be interrupted from Python).
"""

from __future__ import annotations

import ast
import importlib
import itertools
import multiprocessing
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import diploblog

if "fork" not in multiprocessing.get_all_start_methods():
    pytest.skip("needs fork() to stop a runaway pattern", allow_module_level=True)

try:
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_parse  # type: ignore[no-redef]

RUN = 50_000
LIMIT_SECONDS = 1.5  # for one text; linear patterns take milliseconds
SRC = Path(diploblog.__file__).parent
# How code applies a pattern: anchored at the start, or tried at every position.
ANCHORED = frozenset({"match", "fullmatch"})
SEARCHING = frozenset({"search", "findall", "finditer", "sub", "subn", "split"})
SOURCES = {path: path.read_text(encoding="utf-8") for path in sorted(SRC.rglob("*.py"))}


def _held(value: Any, depth: int = 0) -> Iterator[re.Pattern[Any]]:
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 2 and isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _held(item, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _held(item, depth + 1)


def _methods(name: str, held_alone: bool) -> frozenset[str]:
    """The methods code calls on the pattern named `name` (``match``, ``sub``...)."""
    if not held_alone:
        return ANCHORED | SEARCHING  # in a collection: assume every use
    # pattern.search(text), or a helper named for the method it calls: buffer.match(pattern, ...)
    call = re.compile(rf"\b{re.escape(name)}\.(\w+)\(|\.(\w+)\(\s*{re.escape(name)}\b")
    used = {m.group(1) or m.group(2) for text in SOURCES.values() for m in call.finditer(text)}
    return frozenset(used & (ANCHORED | SEARCHING)) or ANCHORED | SEARCHING


def module_patterns() -> dict[str, tuple[re.Pattern[Any], frozenset[str]]]:
    """Every compiled pattern a diploblog module holds, by ``module.name[index]``.

    Each comes with the methods code calls on it: a pattern only ever matched at the
    start of a text is not searched here either.
    """
    found: dict[str, tuple[re.Pattern[Any], frozenset[str]]] = {}
    seen: set[tuple[Any, int]] = set()
    for info in pkgutil.walk_packages(diploblog.__path__, "diploblog."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            for index, pattern in enumerate(_held(value)):
                key = (pattern.pattern, pattern.flags)
                if key not in seen:
                    seen.add(key)
                    methods = _methods(name, isinstance(value, re.Pattern))
                    found[f"{info.name}.{name}[{index}]"] = (pattern, methods)
    return found


def inline_patterns() -> dict[str, tuple[re.Pattern[Any], frozenset[str]]]:
    """Patterns written as literals in calls such as ``re.match(r"...", text)``."""
    found: dict[str, tuple[re.Pattern[Any], frozenset[str]]] = {}
    for path, text in SOURCES.items():
        for node in ast.walk(ast.parse(text)):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in ANCHORED | SEARCHING
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, (str, bytes))
            ):
                continue  # re.compile is found through the modules' names
            flags = 0
            for arg in [*node.args[1:], *(k.value for k in node.keywords)]:
                if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name):
                    flags |= getattr(re, arg.attr, 0) if arg.value.id == "re" else 0
            name = f"{path.relative_to(SRC)}:{node.lineno}"
            pattern = re.compile(node.args[0].value, flags)
            found[name] = (pattern, frozenset({node.func.attr}))
    return found


PATTERNS = {**module_patterns(), **inline_patterns()}

# Characters standing for a category (and its complement) in adversarial text.
_CATEGORY_CHARS = {
    "CATEGORY_DIGIT": "7",
    "CATEGORY_NOT_DIGIT": "a",
    "CATEGORY_SPACE": " \n",
    "CATEGORY_NOT_SPACE": "a<",
    "CATEGORY_WORD": "a_",
    "CATEGORY_NOT_WORD": " -",
}


def _chars_of(items: Any, into: set[str], *, repeated: bool, collect: set[str]) -> None:
    """Walk a parsed pattern; add to `collect` the characters under a repeat."""
    for op, value in items:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _chars_of(value[2], into, repeated=True, collect=collect)
        elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
            _chars_of(value[-1], into, repeated=repeated, collect=collect)
        elif name == "BRANCH":
            for branch in value[1]:
                _chars_of(branch, into, repeated=repeated, collect=collect)
        elif name in ("ASSERT", "ASSERT_NOT"):
            _chars_of(value[1], into, repeated=repeated, collect=collect)
        else:
            chars = _atom_chars(name, value)
            into.update(chars)
            if repeated:
                collect.update(chars)


def _atom_chars(name: str, value: Any) -> set[str]:
    if name == "LITERAL":
        return {chr(value)}
    if name == "NOT_LITERAL":
        return {"a" if chr(value) != "a" else "b", "\n"}
    if name == "ANY":
        return {"a", "\n"}
    if name != "IN":
        return set()
    chars: set[str] = set()
    for op, item in value:
        kind = str(op)
        if kind == "LITERAL":
            chars.add(chr(item))
        elif kind == "RANGE":
            low, high = item
            chars.update({chr(low), chr((low + high) // 2), chr(high)})
        elif kind == "CATEGORY":
            chars.update(_CATEGORY_CHARS.get(str(item), ""))
        elif kind == "NEGATE":
            chars.update({"a", " ", "<", "\n"})
    return {c for c in chars if not 0xD800 <= ord(c) <= 0xDFFF}


def _literal_text(items: Any) -> str:
    """The pattern's literal characters in order (the text it looks for)."""
    parts = []
    for op, value in items:
        if str(op) == "LITERAL":
            parts.append(chr(value))
        elif str(op) == "SUBPATTERN":
            parts.append(_literal_text(value[-1]))
        elif str(op) == "BRANCH":
            parts.append(_literal_text(value[1][0]))
    return "".join(parts)


def adversarial_texts(pattern: re.Pattern[Any]) -> Iterator[str]:
    """Long runs of what `pattern` repeats on, alone, paired, after its literal text."""
    source = (
        pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    )
    parsed = sre_parse.parse(source, pattern.flags)
    every: set[str] = set()
    repeated: set[str] = set()
    _chars_of(parsed, every, repeated=False, collect=repeated)
    chars = sorted(repeated or every)[:10]
    literal = _literal_text(parsed)
    for char in chars:
        yield char * RUN
        yield char * RUN + "\x00"
        yield literal + char * RUN + "\x00"
        yield literal[: len(literal) // 2] + char * RUN
    for first, second in itertools.combinations(chars[:5], 2):
        yield (first + second) * (RUN // 2) + "\x00"
    if literal:
        yield literal * (RUN // max(1, len(literal)))


def _exercise(pattern: re.Pattern[Any], methods: frozenset[str], text: str) -> None:
    subject: Any = text
    if isinstance(pattern.pattern, bytes):
        subject = text.encode("latin-1", "replace")
    if "match" in methods:
        pattern.match(subject)
    if "fullmatch" in methods:
        pattern.fullmatch(subject)
    if methods & SEARCHING:
        for _ in itertools.islice(pattern.finditer(subject), 1000):
            pass


def _child(conn: Any, pattern: re.Pattern[Any], methods: frozenset[str]) -> None:
    for text in adversarial_texts(pattern):
        _exercise(pattern, methods, text)
        conn.send(True)
    conn.send(None)
    conn.close()


def _too_slow(pattern: re.Pattern[Any], methods: frozenset[str]) -> str | None:
    """The first adversarial text not done within `LIMIT_SECONDS`, shortened, or None."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sending, pattern, methods))
    process.start()
    sending.close()
    try:
        for text in adversarial_texts(pattern):
            if not receiving.poll(LIMIT_SECONDS):
                return f"{text[:20]!r}...{text[-5:]!r} ({len(text)} characters)"
            receiving.recv()
        return None
    finally:
        process.kill()
        process.join()


def test_patterns_were_found() -> None:
    # A guard on the discovery itself: modules hold about a hundred patterns.
    assert len(PATTERNS) > 80
    assert any(name.startswith("diploblog._xml.") for name in PATTERNS)
    assert any(":" in name for name in PATTERNS)  # inline ones too
    assert any(methods == {"match"} for _, methods in PATTERNS.values())
    assert any("sub" in methods for _, methods in PATTERNS.values())


def test_adversarial_texts_repeat_what_the_pattern_repeats() -> None:
    texts = list(adversarial_texts(re.compile(r"<!--.*?-->|\s+x")))
    assert " " * RUN in texts
    assert "<!---->" + "a" * RUN + "\x00" in texts


def test_a_catastrophic_pattern_would_be_caught() -> None:
    # The classic exponential case: nested repeats on the same character.
    assert _too_slow(re.compile(r"(a+)+$"), frozenset({"match"})) is not None


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_fast_on_adversarial_text(name: str) -> None:
    pattern, methods = PATTERNS[name]
    slow = _too_slow(pattern, methods)
    use = ", ".join(sorted(methods))
    assert slow is None, f"{pattern.pattern!r} ({use}) ran over {LIMIT_SECONDS} s on {slow}"
