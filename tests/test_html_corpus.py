"""The microformats test suite (../shared/corpus/html/microformats/tests) read as blog pages.

For every case whose expected JSON holds an h-entry or h-feed (top level, children,
or property values such as hNews ``entry``), the posts `parse_html` reads must match
the expected entries: name (as a title, after post type discovery: a name that merely
repeats the content text is a note's, not a title), url, published, author names
(the entry's own, else its feed's, per the authorship algorithm) and category terms.
A second test compares the microformats parser itself with the expected JSON for the
suites that matter to blogs.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
from typing import Any

import pytest

from diploblog._model import Blog
from diploblog.dates import parse_date
from diploblog.html import parse_html
from diploblog.html._decode import parse
from diploblog.html._evidence import Context
from diploblog.html._mf2 import Embedded, Image, Item, parse_items
from diploblog.tags import slugify

_REPO = pathlib.Path(__file__).resolve().parents[1]
_CORPUS = pathlib.Path(os.environ.get("DIPLOBLOG_CORPUS", _REPO.parent / "shared" / "corpus"))
_SUITE = _CORPUS / "html" / "microformats" / "tests"
_BLOG_TYPES = {"h-entry", "h-feed"}
# Classic roots that are not blog vocabulary (adr, geo, agent vCards, rel=principles).
_KNOWN_DIFFERENCES = {
    "microformats-v1/hcard/multiple": "nested classic adr and agent roots are not parsed",
    "microformats-v1/hcard/single": "classic geo, tz, rev, class, sort-string are not parsed",
    "microformats-v1/hnews/all": "classic adr and geo roots and rel=principles are not parsed",
    "microformats-mixed/h-card/mixedproperties": "classic adr inside h-card is not parsed",
}
_CONFORMANCE_SUITES = (
    "microformats-v2/h-entry",
    "microformats-v2/h-feed",
    "microformats-v2/h-card",
    "microformats-v1/hentry",
    "microformats-v1/hfeed",
    "microformats-v1/hnews",
    "microformats-v1/hcard",
    "microformats-mixed/h-entry",
    "microformats-mixed/h-card",
)

pytestmark = pytest.mark.corpus


def _cases() -> list[pathlib.Path]:
    return sorted(_SUITE.rglob("*.json")) if _SUITE.is_dir() else []


def _id(path: pathlib.Path) -> str:
    return str(path.relative_to(_SUITE).with_suffix(""))


def _base(path: pathlib.Path) -> str:
    return "http://example.test/" if "v2-unit" in str(path) else "http://example.com/"


def _skip_without_corpus() -> None:
    if not _SUITE.is_dir():
        pytest.skip(f"microformats suite not found at {_SUITE} (set DIPLOBLOG_CORPUS)")


def _normal(text: Any) -> Any:
    return re.sub(r"\s+", " ", text).strip() if isinstance(text, str) else text


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("value") or _first(value.get("properties", {}), "name")
    text = _normal(value)
    return text if isinstance(text, str) and text else None


def _first(properties: dict[str, Any], name: str) -> Any:
    values = properties.get(name) or [None]
    return values[0]


def _expected_entries(items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[Any]]:
    """Entries as the reader collects them, each with its feed's authors; and feeds."""
    entries, feeds = [], []
    stack: list[tuple[dict[str, Any], list[Any]]] = [(item, []) for item in reversed(items)]
    while stack:
        item, inherited = stack.pop()
        if "h-entry" in item["type"]:
            entries.append({**item, "inherited": inherited})
            continue
        if "h-feed" in item["type"]:
            feeds.append(item)
            inherited = item["properties"].get("author") or inherited
        nested = list(item.get("children", []))
        for values in item["properties"].values():
            nested += [v for v in values if isinstance(v, dict) and "type" in v]
        stack.extend((child, inherited) for child in reversed(nested))
    return entries, feeds


def _expected_title(entry: dict[str, Any]) -> str | None:
    name = _text(_first(entry["properties"], "name"))
    content = _first(entry["properties"], "content")
    content_text = _text(content)
    if name and content_text and content_text.startswith(name):
        return None
    return name


def _slugs(values: list[Any]) -> set[str]:
    terms = (_text(value) for value in values if not isinstance(value, dict))
    return {slugify(term) for term in terms if term}


def _blog_cases() -> list[pathlib.Path]:
    found = []
    for path in _cases():
        items = json.loads(path.read_text(encoding="utf-8"))["items"]
        entries, feeds = _expected_entries(items)
        if entries or feeds:
            found.append(path)
    return found


@pytest.mark.parametrize("case", _blog_cases(), ids=_id)
def test_entries_feeds_authors_and_tags(case: pathlib.Path) -> None:
    _skip_without_corpus()
    expected = json.loads(case.read_text(encoding="utf-8"))["items"]
    entries, feeds = _expected_entries(expected)
    page = parse_html(case.with_suffix(".html").read_bytes(), url=_base(case))
    assert len(page.posts) == len(entries)
    assert page.kind == ("post" if len(entries) == 1 else "listing" if entries else "other")
    for post, entry in zip(page.posts, entries, strict=True):
        properties = entry["properties"]
        assert post.title == _expected_title(entry)
        # The reader gives a single post with no URL of its own the page's address.
        single = len(entries) == 1 and _base(case)
        assert post.url == (_text(_first(properties, "url")) or single or None)
        published = _text(_first(properties, "published"))
        if published:
            assert post.published is not None
            assert post.published == parse_date(published, default_tz=post.published.tzinfo)
        else:
            assert post.published is None
        authors = properties.get("author") or entry["inherited"]
        assert [a.name for a in post.authors] == [_text(a) for a in authors]
        assert {t.slug for t in post.tags} == _slugs(properties.get("category", []))
    if feeds:
        feed = feeds[0]["properties"]
        blog = page.blog or Blog()
        assert blog.url == _text(_first(feed, "url"))
        assert blog.title == _text(_first(feed, "name"))
        assert {t.slug for t in blog.tags} == _slugs(feed.get("category", []))
        assert [a.name for a in blog.authors] == [_text(a) for a in feed.get("author", [])]


def _dump(value: Any) -> Any:
    if isinstance(value, Item):
        out: dict[str, Any] = {
            "type": value.types,
            "properties": {k: [_dump(v) for v in vs] for k, vs in value.properties.items()},
        }
        if value.children:
            out["children"] = [_dump(c) for c in value.children]
        if value.value is not None:
            out["value"] = value.value
        if value.html is not None:
            out["html"] = value.html
        return out
    if isinstance(value, Embedded):
        return {"html": value.html, "value": value.value}
    if isinstance(value, Image):
        return {"value": value.value, "alt": value.alt}
    return value


def _canonical(value: Any) -> Any:
    if isinstance(value, str):
        return _normal(value)
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items() if k not in {"id", "lang"}}
    return value


def _conformance_cases() -> list[Any]:
    cases = []
    for path in _cases():
        case_id = _id(path)
        if not case_id.startswith(_CONFORMANCE_SUITES):
            continue
        reason = _KNOWN_DIFFERENCES.get(case_id)
        marks = [pytest.mark.xfail(reason=reason)] if reason else []
        cases.append(pytest.param(path, id=case_id, marks=marks))
    return cases


@pytest.mark.parametrize("case", _conformance_cases())
def test_microformats_parser_matches_expected_json(case: pathlib.Path) -> None:
    _skip_without_corpus()
    doc, _ = parse(case.with_suffix(".html").read_bytes())
    base = _base(case)
    href = next((b.get("href") for b in doc.iter("base") if b.get("href")), None)
    context = Context(url=base, base=Context(base=base).resolve(href) if href else base)
    got = [_dump(item) for item in parse_items(doc, context)]
    expected = json.loads(case.read_text(encoding="utf-8"))["items"]
    assert _canonical(got) == _canonical(expected)


def test_corpus_is_present_or_skipped_with_reason() -> None:
    _skip_without_corpus()
    assert _blog_cases(), f"no h-entry or h-feed cases under {_SUITE}"
