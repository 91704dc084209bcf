"""feedparser's own well-formed test feeds, read with `diploblog.parse_feed`.

Each file under ``feeds/feedparser/wellformed/`` opens with a comment whose
``Expect:`` line is a Python expression over ``feedparser.parse``'s result. The
expression is parsed (never evaluated) and split at its top-level ``and``s; each
part that asserts a value the model holds is translated to a model accessor and
checked against what `parse_feed` returns. The translator knows feedparser's key
aliases (``description``, ``tagline``, ``copyright``, ``modified``, ``issued``,
``guid``, ``url``...). Values are compared as the model holds them: dates as aware
datetimes (the expected raw string is read with `diploblog.dates.parse_date`;
``*_parsed`` tuples are compared with the UTC time tuple), lengths and counts as
the strings feedparser gives. An entry's ``summary`` is feedparser's summary, which
falls back to the content when there is no summary: the translation does the same
(``post.summary``, else ``post.content``).

Out of scope (counted, with the reason, by `OUT_OF_SCOPE`): parts that assert

- ``bozo`` and ``version``: diploblog raises or warns instead of flagging, and
  does not record the format version;
- sanitisation (``sanitize/``): diploblog keeps content as written; sanitising is
  the HTML writer's job;
- URLs inside HTML content resolved against a base (``base/`` cases whose value is
  markup): feedparser rewrites content, diploblog keeps it as written;
- ``*_detail`` metadata other than ``value``/``name``/``email``/``href`` (content
  type, ``base``, ``language`` of a text construct): the model holds none;
- links by position (``links[i]['rel']``, ``['type']``, ``['title']``): the model
  files links by relation (URL, feeds, links, enclosures, comments); an ``href``
  is checked by membership instead;
- elements the model keeps as extensions (iTunes, Media RSS, Podlove chapters,
  GeoRSS, CDF, ``cloud``, ``textinput``, ``docs``, ``ttl``, ``publisher``,
  ``contributors``, ``license``, ``source``...);
- feedparser internals (``namespaces``, ``guidislink``, ``headers``, ``encoding``,
  ``has_key``, formatted ``author`` strings, ``enclosures`` of ``media:content``);
- HTTP response headers other than ``Content-Location`` (``Content-Language``,
  ``Content-Type``): `parse_feed` takes bytes and a URL, no headers;
- expression shapes the translator does not read (``len()``, ``in``, ``!=``...).

Titles, subtitles and rights are plain text in the model, where feedparser keeps
their markup: an expected ``'<b>&amp;</b>'`` is compared as its text, ``'&'``.
Content and summaries compare as markup (element names, attributes, text), so
``<br/>`` and ``<br />`` agree.
"""

from __future__ import annotations

import ast
import datetime as dt
import fnmatch
import html
import os
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import lxml.html
import pytest

from diploblog._model import Blog, Post
from diploblog._parse_feed import parse_feed
from diploblog.dates import parse_date

REPO = Path(__file__).resolve().parent.parent


def _corpus_root() -> Path:
    # Collection needs the path before fixtures run; same rule as conftest's corpus_dir.
    shared = Path(os.environ.get("DIPLOBLOG_SHARED") or REPO.parent / "shared")
    return Path(os.environ.get("DIPLOBLOG_CORPUS") or shared / "corpus")


WELLFORMED = _corpus_root() / "feeds" / "feedparser" / "wellformed"
# feedparser's test server: the document URL its http_* cases are resolved against.
TEST_SERVER = "http://127.0.0.1:8097/tests/wellformed/"

_HEADER = re.compile(r"<!--(?P<body>.*?)-->", re.S)
_FIELD = re.compile(r"^\s*(?P<name>Description|Expect|Header):\s*(?P<value>.*)$", re.M)
_ALIASES = {
    "description": "summary",
    "tagline": "subtitle",
    "copyright": "rights",
    "modified": "updated",
    "issued": "published",
    "date": "updated",
    "guid": "id",
    "url": "href",
    "modified_parsed": "updated_parsed",
    "issued_parsed": "published_parsed",
    "date_parsed": "updated_parsed",
    "description_detail": "summary_detail",
    "tagline_detail": "subtitle_detail",
    "copyright_detail": "rights_detail",
}
_EXTENSION_KEYS = re.compile(
    r"(itunes|media|psc|geo|georss|where|gml|cc|creativecommons|admin|dcterms|sy|"
    r"feedburner|thr|madeup|foo)_.*|cloud|textinput|docs|ttl|publisher|publisher_detail|"
    r"contributors|license|source|image|rating|expired|info|info_detail|errorreportsto|"
    r"validity.*|psc_chapters|newlocation|point|where|geometry|href|tags_.*"
)
_INTERNALS = frozenset(
    {"namespaces", "guidislink", "headers", "encoding", "author", "version", "status"}
)
_DETAIL_VALUES = frozenset({"value", "name", "email", "href"})


class Check(NamedTuple):
    """One translated part of an Expect expression."""

    text: str
    actual: Callable[[Blog], Any]
    expected: Any
    compare: Callable[[Any, Any], bool]


class Case(NamedTuple):
    path: Path
    description: str
    url: str | None
    checks: list[Check]
    out_of_scope: list[str]


class OutOfScope(Exception):
    """A part of an Expect expression about something the model does not hold."""

    def __init__(self, category: str) -> None:
        super().__init__(category)
        self.category = category


# -- reading the header ----------------------------------------------------------------


def _header(text: str) -> dict[str, str]:
    found = _HEADER.search(text)
    if found is None:
        return {}
    return {m["name"]: m["value"].strip() for m in _FIELD.finditer(found["body"])}


def _case_url(path: Path, header: dict[str, str]) -> str | None:
    located = header.get("Header", "")
    if located.lower().startswith("content-location:"):
        return located.split(":", 1)[1].strip()
    if path.name.startswith("http_"):
        return TEST_SERVER + path.relative_to(WELLFORMED).as_posix()
    return None


# -- the expression ----------------------------------------------------------------------


def _conjuncts(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        return [part for value in node.values for part in _conjuncts(value)]
    return [node]


def _literal(node: ast.expr) -> Any:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal(node.left) + _literal(node.right)
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise OutOfScope("expression shapes the translator does not read") from None


def _key_path(node: ast.expr) -> list[str | int] | None:
    """``entries[0]['tags'][1].term`` -> ``['entries', 0, 'tags', 1, 'term']``."""
    keys: list[str | int] = []
    while True:
        if isinstance(node, ast.Subscript):
            keys.append(_literal(node.slice))
            node = node.value
        elif isinstance(node, ast.Attribute):
            keys.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            keys.append(node.id)
            return list(reversed(keys))
        else:
            return None


def _checks(expression: str) -> tuple[list[Check], list[str]]:
    checks: list[Check] = []
    out: list[str] = []
    for part in _conjuncts(ast.parse(expression, mode="eval").body):
        try:
            checks.extend(_translate_part(part))
        except OutOfScope as reason:
            out.append(reason.category)
    return checks, out


def _translate_part(part: ast.expr) -> list[Check]:
    text = ast.unparse(part)
    if isinstance(part, ast.Name) and part.id == "bozo":
        raise OutOfScope("bozo and version")
    if isinstance(part, ast.UnaryOp) and isinstance(part.op, ast.Not):
        inner = _key_path(part.operand)
        if inner == ["bozo"]:
            raise OutOfScope("bozo and version")
        if inner is None:
            raise OutOfScope("expression shapes the translator does not read")
        actual, compare = _accessor(inner)
        return [Check(text, actual, None, lambda a, e: not a)]
    if not isinstance(part, ast.Compare) or not all(
        isinstance(op, (ast.Eq, ast.Is)) for op in part.ops
    ):
        raise OutOfScope("expression shapes the translator does not read")
    operands = [part.left, *part.comparators]
    paths = [p for p in (_key_path(o) for o in operands) if p is not None and p[0] != "None"]
    literals = [o for o in operands if _key_path(o) is None or _key_path(o) == ["None"]]
    if not paths or len(literals) != 1:
        raise OutOfScope("expression shapes the translator does not read")
    expected = _literal(literals[0]) if _key_path(literals[0]) is None else None
    checks = []
    for keys in paths:
        actual, compare = _accessor(keys)
        checks.append(Check(text, actual, expected, compare))
    return checks


# -- feedparser keys -> model ------------------------------------------------------------

Accessor = Callable[[Blog], Any]
Compare = Callable[[Any, Any], bool]


def _equal(actual: Any, expected: Any) -> bool:
    return bool(actual == expected)


def _text_of_html(markup: str) -> str | None:
    if not markup.strip():
        return None
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    return root.text_content().strip() or None


def _same_text(actual: Any, expected: Any) -> bool:
    """Titles, subtitles and rights: feedparser keeps their markup, the model holds text."""
    if actual == expected:
        return True
    return isinstance(expected, str) and actual == _text_of_html(expected)


def _same_html(actual: Any, expected: Any) -> bool:
    """Content and summaries: the same markup, however it is serialised."""
    if actual == expected:
        return True
    if not (isinstance(actual, str) and isinstance(expected, str)):
        return False
    if actual == html.escape(expected, quote=False):
        return True  # a text/plain value feedparser keeps as text, the model as escaped HTML
    return _markup_key(actual) == _markup_key(expected)


def _markup_key(markup: str) -> tuple[str, ...]:
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    return tuple(
        "|".join((_local(el.tag), str(_attributes(el)), _strip(el.text), _strip(el.tail)))
        for el in root.iter()
        if isinstance(el.tag, str)
    )


def _strip(text: str | None) -> str:
    return (text or "").strip()


def _local(name: Any) -> str:
    return str(name).rpartition("}")[2].rpartition(":")[2].lower()


def _attributes(el: Any) -> list[tuple[str, str]]:
    return sorted((_local(k), v) for k, v in el.attrib.items() if not k.startswith("xmlns"))


def _same_date(actual: Any, expected: Any) -> bool:
    if expected is None or actual is None:
        return actual is expected
    return bool(actual == parse_date(expected, default_tz=dt.timezone.utc))


def _same_utc_tuple(actual: Any, expected: Any) -> bool:
    if actual is None:
        return expected is None
    return tuple(actual.utctimetuple()) == tuple(expected)


def _as_text(actual: Any, expected: Any) -> bool:
    return (None if actual is None else str(actual)) == expected


def _member(actual: Any, expected: Any) -> bool:
    return expected in actual


def _get(obj: Any, *steps: str | int) -> Any:
    """Walk attributes and indexes; a missing index gives None (feedparser's KeyError)."""
    for step in steps:
        if obj is None:
            return None
        if isinstance(step, int):
            obj = obj[step] if -len(obj) <= step < len(obj) else None
        else:
            obj = getattr(obj, step)
    return obj


def _accessor(keys: list[str | int]) -> tuple[Accessor, Compare]:
    keys = [_ALIASES.get(k, k) if isinstance(k, str) else k for k in keys]
    root = keys[0]
    if root in ("feed", "channel"):
        return _blog_accessor(keys[1:])
    if root in ("entries", "items") and len(keys) > 2 and isinstance(keys[1], int):
        index = keys[1]
        inner, compare = _post_accessor(keys[2:])
        return (lambda blog: inner(_get(blog, "posts", index))), compare
    if root in _INTERNALS or root in ("bozo", "bozo_exception"):
        raise OutOfScope("bozo and version" if root in ("bozo", "version") else "internals")
    raise OutOfScope("expression shapes the translator does not read")


_BLOG_TEXT = {
    "title": "title",
    "subtitle": "description",
    "rights": "rights",
    "language": "language",
    "id": "id",
    "generator": "generator",
    "icon": "icon",
    "logo": "logo",
    "link": "url",
}
_POST_TEXT = {"title": "title", "id": "id", "link": "url", "language": "language"}
_PERSON = {"name": "name", "email": "email", "href": "url"}


def _common(keys: list[str | int]) -> None:
    first = keys[0]
    if not isinstance(first, str):
        raise OutOfScope("expression shapes the translator does not read")
    if first in _INTERNALS:
        raise OutOfScope("internals")
    if first.endswith("_detail") and len(keys) > 1 and keys[1] not in _DETAIL_VALUES:
        raise OutOfScope("detail metadata")
    if _EXTENSION_KEYS.fullmatch(first):
        raise OutOfScope("elements the model keeps as extensions")


def _detail_value(keys: list[str | int], fields: dict[str, str]) -> str | None:
    """``title`` or ``title_detail.value`` -> the field name."""
    first = str(keys[0])
    name = first.removesuffix("_detail")
    if name not in fields:
        return None
    if first.endswith("_detail") and keys[1:] != ["value"]:
        return None
    if not first.endswith("_detail") and len(keys) > 1:
        return None
    return fields[name]


def _blog_accessor(keys: list[str | int]) -> tuple[Accessor, Compare]:
    if not keys:
        raise OutOfScope("expression shapes the translator does not read")
    _common(keys)
    first = keys[0]
    field = _detail_value(keys, _BLOG_TEXT)
    if field is not None:
        compare = _same_text if field in ("title", "description", "rights") else _equal
        return (lambda blog: getattr(blog, field)), compare
    if first in ("updated", "published") and len(keys) == 1:
        return (lambda blog: blog.updated), _same_date
    if first in ("updated_parsed", "published_parsed") and len(keys) == 1:
        return (lambda blog: blog.updated), _same_utc_tuple
    if first == "generator_detail" and keys[1:] == ["name"]:
        return (lambda blog: blog.generator), _equal
    if first in ("author_detail", "authors"):
        return _person(keys, lambda blog: blog.authors)
    if first == "tags" or first == "category":
        return _tag(keys, lambda blog: blog.tags)
    if first == "links":
        return _link(keys, lambda blog: [blog.url, *(x.url for x in (*blog.feeds, *blog.links))])
    raise OutOfScope("elements the model keeps as extensions")


def _post_updated(post: Post | None) -> dt.datetime | None:
    if post is None:
        return None
    return post.updated if post.updated is not None else post.published


def _post_summary(post: Post | None) -> str | None:
    if post is None:
        return None
    return post.summary if post.summary is not None else post.content


def _post_accessor(keys: list[str | int]) -> tuple[Callable[[Post | None], Any], Compare]:
    _common(keys)
    first = keys[0]
    field = _detail_value(keys, _POST_TEXT)
    if field is not None:
        return (lambda post: _get(post, field)), _same_text if field == "title" else _equal
    if _detail_value(keys, {"summary": "summary"}) is not None:
        return _post_summary, _same_html
    if first == "content" and keys[1:] in ([0, "value"], [0]):
        return (lambda post: _get(post, "content")), _same_html
    if first in ("published", "created") and len(keys) == 1:
        return (lambda post: _get(post, "published")), _same_date
    if first in ("published_parsed", "created_parsed") and len(keys) == 1:
        return (lambda post: _get(post, "published")), _same_utc_tuple
    if first in ("updated", "updated_parsed") and len(keys) == 1:
        # feedparser files RSS dc:date under "updated"; the model holds it as published.
        compare = _same_date if first == "updated" else _same_utc_tuple
        return _post_updated, compare
    if first in ("author_detail", "authors"):
        return _person(keys, lambda post: _get(post, "authors"))
    if first in ("tags", "category"):
        return _tag(keys, lambda post: _get(post, "tags"))
    if first == "enclosures" and len(keys) == 3 and isinstance(keys[1], int):
        return _enclosure(keys[1], str(keys[2]))
    if first == "comments" and len(keys) == 1:
        return (lambda post: _get(post, "comments_url")), _equal
    if first == "wfw_commentrss" and len(keys) == 1:
        return (lambda post: _get(post, "comments_feed_url")), _equal
    if first == "slash_comments" and len(keys) == 1:
        return (lambda post: _get(post, "comment_count")), _as_text
    if first == "links":
        return _link(keys, _post_urls)
    raise OutOfScope("elements the model keeps as extensions")


def _post_urls(post: Post | None) -> list[str | None]:
    if post is None:
        return []
    return [
        post.url,
        post.comments_url,
        post.comments_feed_url,
        *(link.url for link in post.links),
        *(enclosure.url for enclosure in post.enclosures),
    ]


def _person(keys: list[str | int], people: Callable[[Any], Any]) -> tuple[Any, Compare]:
    if keys[0] == "author_detail" and len(keys) == 2 and keys[1] in _PERSON:
        index, part = 0, str(keys[1])
    elif keys[0] == "authors" and len(keys) == 3 and isinstance(keys[1], int):
        index, part = keys[1], str(keys[2])
    else:
        raise OutOfScope("expression shapes the translator does not read")
    if part not in _PERSON:
        raise OutOfScope("detail metadata")
    attribute = _PERSON[part]
    return (lambda obj: _get(people(obj), index, attribute)), _equal


def _tag(keys: list[str | int], tags: Callable[[Any], Any]) -> tuple[Any, Compare]:
    if keys == ["category"]:
        return (lambda obj: _get(tags(obj), 0, "term")), _equal
    if len(keys) == 3 and isinstance(keys[1], int) and keys[2] in ("term", "scheme", "label"):
        index, part = keys[1], str(keys[2])
        return (lambda obj: _get(tags(obj), index, part)), _equal
    raise OutOfScope("expression shapes the translator does not read")


def _link(keys: list[str | int], urls: Callable[[Any], Any]) -> tuple[Any, Compare]:
    if len(keys) == 3 and isinstance(keys[1], int) and keys[2] == "href":
        return urls, _member
    raise OutOfScope("links by position")


def _enclosure(index: int, part: str) -> tuple[Callable[[Post | None], Any], Compare]:
    if part == "href":
        return (lambda post: _get(post, "enclosures", index, "url")), _equal
    if part == "type":
        return (lambda post: _get(post, "enclosures", index, "type")), _equal
    if part == "length":
        return (lambda post: _get(post, "enclosures", index, "length")), _as_text
    raise OutOfScope("expression shapes the translator does not read")


# -- the cases ---------------------------------------------------------------------------


def _case(path: Path) -> Case:
    text = path.read_text(encoding="utf-8", errors="replace")
    header = _header(text)
    folder = path.relative_to(WELLFORMED).parts[0]
    expression = header.get("Expect", "")
    if folder == "sanitize":
        checks, out = [], ["sanitisation"]
    elif header.get("Header") and not header["Header"].lower().startswith("content-location"):
        checks, out = [], ["HTTP response headers"]
    else:
        try:
            checks, out = _checks(expression)
        except SyntaxError:
            checks, out = [], ["expression shapes the translator does not read"]
    if folder == "base":
        markup = [c for c in checks if isinstance(c.expected, str) and "<" in c.expected]
        checks = [c for c in checks if c not in markup]
        out += ["URLs inside HTML content"] * bool(markup)
    return Case(path, header.get("Description", ""), _case_url(path, header), checks, out)


def _cases() -> list[Case]:
    if not WELLFORMED.is_dir():
        return []
    return [_case(path) for path in sorted(WELLFORMED.rglob("*.xml"))]


CASES = _cases()
IN_SCOPE = [case for case in CASES if case.checks]
OUT_OF_SCOPE = Counter(
    category for case in CASES if not case.checks for category in dict.fromkeys(case.out_of_scope)
)


def _case_id(case: Case) -> str:
    return case.path.relative_to(WELLFORMED).as_posix()


def failures(case: Case) -> list[str]:
    """The checks of `case` that `parse_feed` does not satisfy, as readable lines."""
    data = case.path.read_bytes()
    blog = parse_feed(data, url=case.url)
    found = []
    for check in case.checks:
        actual = check.actual(blog)
        if not check.compare(actual, check.expected):
            found.append(f"{check.text}: model has {actual!r}")
    return found


# -- tests of the translator itself -------------------------------------------------------


def test_translator_reads_common_shapes() -> None:
    blog = Blog(title="Example Atom", posts=[Post(title="t", url="http://x.example/")])
    checks, out = _checks(
        "not bozo and feed['title'] == u'Example Atom' and entries[0]['link'] == "
        "'http://x.example/' and entries[0].title == 't'"
    )
    assert out == ["bozo and version"]
    assert [c.compare(c.actual(blog), c.expected) for c in checks] == [True, True, True]


@pytest.mark.parametrize(
    ("expression", "category"),
    [
        ("feed['title_detail']['type'] == 'text/plain'", "detail metadata"),
        ("entries[0]['itunes_block'] == 1", "elements the model keeps as extensions"),
        ("feed['links'][0]['rel'] == 'alternate'", "links by position"),
        ("version == 'rss20'", "bozo and version"),
        ("len(entries[0]['tags']) == 2", "expression shapes the translator does not read"),
    ],
)
def test_translator_names_out_of_scope_parts(expression: str, category: str) -> None:
    checks, out = _checks(expression)
    assert (checks, out) == ([], [category])


def test_dates_compare_as_datetimes() -> None:
    published = dt.datetime(2004, 1, 1, 19, 48, 21, tzinfo=dt.timezone.utc)
    blog = Blog(posts=[Post(published=published)])
    (check,) = _checks("entries[0]['published'] == 'Thu, 01 Jan 2004 19:48:21 GMT'")[0]
    assert check.compare(check.actual(blog), check.expected)
    (parsed,) = _checks("entries[0]['published_parsed'] == (2004, 1, 1, 19, 48, 21, 3, 1, 0)")[0]
    assert parsed.compare(parsed.actual(blog), parsed.expected)


# -- the corpus -----------------------------------------------------------------------------

# In-scope cases parse_feed does not (yet) satisfy, as (case glob, category, reason):
# strict xfails, so a fix shows up as XPASS and the entry must go.
_DIALECT = "dialects parse_feed refuses"
_DESIGN = "differs by design"
_GAP = "direct-path gaps"
_EXTENSION = "kept as extensions"
KNOWN_FAILURES: tuple[tuple[str, str, str], ...] = (
    ("cdf/channel_lastmod*", _GAP, "tolerant path: a CDF channel with only LASTMOD reads empty"),
    ("rss/entity_in_doctype.xml", _DESIGN, "entity declarations are refused as unsafe"),
    ("atom/*_multiple_values.xml", _DESIGN, "a repeated element: the model keeps the first"),
    ("atom/entry_published_parsed_date_overwriting.xml", _DESIGN, "issued and created: first"),
    ("base/http_*_id_base_*", _DESIGN, "ids are kept as written, never resolved as URLs"),
    ("atom/entry_summary_inline_markup*", _DESIGN, "Atom 0.3 inline XHTML: the div is unwrapped"),
    ("atom/entry_summary_naked_markup.xml", _DESIGN, "undeclared markup in a text construct"),
    ("rss/item_description_naked_markup.xml", _DESIGN, "undeclared markup: its text is read"),
    ("rss/item_description_not_a_doctype.xml", _DESIGN, "text kept as written (not escaped)"),
    ("atom*/entry_link_no_href*", _DESIGN, "a link without href is not read from its text"),
    ("atom10/*_base64*", _GAP, "Atom 1.0 base64 content of a non-text type is not decoded"),
    ("rss/item_summary_and_description.xml", _EXTENSION, "RSS <summary> is not an RSS element"),
    ("rss/item_description_and_summary.xml", _EXTENSION, "RSS <summary> is not an RSS element"),
    ("rss/item_fullitem.xml", _EXTENSION, "<fullitem> is not an RSS element"),
    ("rss/item_madeup_tags_element.xml", _EXTENSION, "a made-up <tags> element"),
    ("itunes/*", _EXTENSION, "iTunes elements are kept as extensions"),
    ("media-rss/item_media_category_*", _EXTENSION, "media:category is kept as an extension"),
    ("media-rss/item_media_title1.xml", _EXTENSION, "media:title is kept as an extension"),
    ("media-rss/media_group.xml", _EXTENSION, "media:description is kept as an extension"),
)


def _known_failure(case_id: str) -> tuple[str, str, str] | None:
    return next((k for k in KNOWN_FAILURES if fnmatch.fnmatch(case_id, k[0])), None)


def _params() -> list[Any]:
    params = []
    for case in IN_SCOPE:
        known = _known_failure(_case_id(case))
        marks = []
        if known is not None:
            marks.append(pytest.mark.xfail(reason=f"{known[1]}: {known[2]}", strict=True))
        params.append(pytest.param(case, id=_case_id(case), marks=marks))
    return params


@pytest.mark.corpus
@pytest.mark.skipif(not CASES, reason=f"feedparser corpus not found at {WELLFORMED}")
@pytest.mark.parametrize("case", _params())
def test_parse_feed_gives_what_feedparser_expects(case: Case) -> None:
    assert failures(case) == []


@pytest.mark.corpus
@pytest.mark.skipif(not CASES, reason=f"feedparser corpus not found at {WELLFORMED}")
def test_out_of_scope_cases_are_counted() -> None:
    assert sum(OUT_OF_SCOPE.values()) + len(IN_SCOPE) >= len(CASES)
    assert set(OUT_OF_SCOPE) <= {
        "bozo and version",
        "sanitisation",
        "URLs inside HTML content",
        "detail metadata",
        "links by position",
        "elements the model keeps as extensions",
        "internals",
        "HTTP response headers",
        "expression shapes the translator does not read",
    }
