"""Differential test: the direct lxml path and the tolerant feedparser path agree.

Every well-formed feed in the corpus (``feeds/**``: lxml parses it and its root is a
feed) is read by both `diploblog.parse_feed` (which takes the direct path for
well-formed XML) and `diploblog._tolerant.read_with_feedparser`, and the two models
must be equal field for field. Not compared: `warnings` (they name element paths
on one side and feedparser's keys on the other) and `extensions` (feedparser
flattens unknown elements and keeps no text structure, so the tolerant path keeps
none: the direct path's are the ones kept).

`KNOWN_DIFFERENCES` names the cases where feedparser is known to lose or rewrite
data: for those fields the direct path's value is the one diploblog keeps, and
the test accepts the difference. Each entry is a case pattern (a glob over the
corpus path), a field pattern (a regular expression over the model path, such as
``posts[0].content``) and the reason.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import attrs
import pytest

from diploblog._detect import xml_dialect
from diploblog._errors import DiploblogError, UnsupportedFormatError
from diploblog._model import Blog
from diploblog._parse_feed import parse_feed
from diploblog._tolerant import read_with_feedparser
from diploblog._xml import parse_xml

REPO = Path(__file__).resolve().parent.parent


def _corpus_root() -> Path:
    # Collection needs the path before fixtures run; same rule as conftest's corpus_dir.
    shared = Path(os.environ.get("DIPLOBLOG_SHARED") or REPO.parent / "shared")
    return Path(os.environ.get("DIPLOBLOG_CORPUS") or shared / "corpus")


FEEDS = _corpus_root() / "feeds"


def _unwrapped_div(direct: Any, tolerant: Any) -> bool:
    """feedparser kept the wrapping <div> of Atom 0.3 inline XHTML the direct path unwraps."""
    found = isinstance(tolerant, str) and re.fullmatch(r"<div[^>]*>(.*)</div>", tolerant, re.S)
    return bool(found) and found.group(1).strip() == (direct or "").strip()  # type: ignore[union-attr]


def _same_markup(direct: Any, tolerant: Any) -> bool:
    """The same HTML serialised differently (void elements, attribute order, namespaces)."""
    if not (isinstance(direct, str) and isinstance(tolerant, str)):
        return False
    return _normal_html(direct) == _normal_html(tolerant)


def _normal_html(markup: str) -> tuple[str, ...]:
    import lxml.html

    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    return tuple(
        "|".join(
            (_local(el.tag), str(_attributes(el.attrib)), _stripped(el.text), _stripped(el.tail))
        )
        for el in root.iter()
        if isinstance(el.tag, str)
    )


def _stripped(text: str | None) -> str:
    return (text or "").strip()


def _local(name: Any) -> str:
    # Prefixes and namespace declarations differ between the two serialisers.
    return str(name).rpartition("}")[2].rpartition(":")[2].lower()


def _attributes(attributes: Any) -> list[tuple[str, str]]:
    return sorted((_local(k), v) for k, v in attributes.items() if not k.startswith("xmlns"))


def _invented_type(direct: Any, tolerant: Any) -> bool:
    """feedparser gave a link a type the feed did not state."""
    return direct is None and tolerant in ("text/html", "application/atom+xml")


def _demoronized(direct: Any, tolerant: Any) -> bool:
    """feedparser read C1 controls of text declared ISO-8859-1 as windows-1252, or undid
    a double UTF-8 encoding."""
    if not (isinstance(direct, str) and isinstance(tolerant, str)):
        return False
    for repair in ("cp1252", "utf-8"):
        try:
            if direct.encode("latin-1").decode(repair) == tolerant:
                return True
        except UnicodeError:
            continue
    return False


class Known(NamedTuple):
    case: str  # glob over the path relative to feeds/
    field: str  # regular expression matched against the whole model path
    reason: str
    # When given, the difference is accepted only if this holds of (direct, tolerant).
    values: Callable[[Any, Any], bool] | None = None


_POST = r"posts\[\d+\]"
KNOWN_DIFFERENCES: tuple[Known, ...] = (
    # -- feedparser reads elements the formats do not define as core fields -------------
    Known(
        "feedparser/wellformed/namespace/rss2.0NS*",
        "updated",
        "lastBuildDate and dcterms:modified both on the channel: the direct path takes "
        "lastBuildDate (and keeps the other as an extension), feedparser the last one read",
    ),
    Known(
        "feedparser/wellformed/itunes/*",
        r"description|title|logo|authors.*|tags.*|posts\[\d+\]\.(summary|authors|tags).*",
        "feedparser maps iTunes elements (subtitle, summary, owner, author, category, "
        "image) onto core fields; the direct path keeps them as extensions",
    ),
    Known(
        "feedparser/wellformed/media-rss/*",
        rf"{_POST}\.(title|summary)",
        "feedparser maps media:title and media:description onto the item's title and summary",
    ),
    Known(
        "feedparser/wellformed/psc/*",
        r".*",
        "Atom elements without a namespace inside RSS (link href, updated, id, summary, "
        "author): feedparser reads them, the direct path keeps them as extensions",
    ),
    Known(
        "feedparser/wellformed/rss/item_*license.xml",
        rf"{_POST}\.links.*",
        "cc:license / creativeCommons:license: feedparser turns it into a license link",
    ),
    Known(
        "feedparser/wellformed/*",
        rf"{_POST}\.content",
        "non-standard RSS content aliases (body, fullitem, summary): feedparser reads them "
        "as content, the direct path keeps them as extensions",
        lambda direct, tolerant: direct is None,
    ),
    Known(
        "feedparser/wellformed/rss/item_summary_and_description.xml",
        rf"{_POST}\.summary",
        "RSS <summary> beside <description>: feedparser takes it as the summary",
    ),
    Known(
        "feedparser/wellformed/base/http_entry_contributor_url_base_*",
        r"posts.*",
        "<item> inside an Atom feed: feedparser reads it as an entry",
    ),
    Known(
        "feedparser/wellformed/namespace/unknown-namespace.xml",
        r"posts.*",
        "<item> inside an Atom feed: feedparser reads it as an entry",
    ),
    Known(
        "feedparser/wellformed/sanitize/feed_subtitle_*",
        r"description",
        "<subtitle> in an Atom 0.3 feed (0.3 says tagline): feedparser accepts either "
        "version's names, the direct path reads the 0.3 vocabulary",
    ),
    # -- feedparser rewrites or loses what the document says -----------------------------
    Known(
        "feedparser/*",
        rf"{_POST}\.(summary|content)",
        "Atom 0.3 inline XHTML: feedparser keeps its wrapping <div> (0.3 has no div rule), "
        "the direct path unwraps it as for Atom 1.0",
        _unwrapped_div,
    ),
    Known(
        "feedparser/*",
        rf"{_POST}\.(summary|content)",
        "inline XHTML, SVG and MathML: feedparser serialises the same markup its own way",
        _same_markup,
    ),
    Known(
        "feedparser/encoding/*",
        r".*",
        "feedparser 'demoronizes' windows-1252 characters in text declared ISO-8859-1 and "
        "repairs double-encoded UTF-8; the direct path keeps the text as declared",
        _demoronized,
    ),
    Known(
        "feedparser/wellformed/atom/entry_summary_naked_markup.xml",
        rf"{_POST}\.summary",
        "undeclared markup inside an Atom text construct: feedparser serialises it, the "
        "direct path reads its text",
    ),
    Known(
        "feedparser/wellformed/rss/*description_naked_markup.xml",
        rf"description|{_POST}\.summary",
        "undeclared markup inside an RSS text element: feedparser serialises it, the "
        "direct path reads its text",
    ),
    Known(
        "feedparser/wellformed/atom*/*link_no_href*",
        rf"{_POST}\.(url|enclosures.*)",
        "an Atom link without href: feedparser takes its text as the URL",
    ),
    Known(
        "feedparser/wellformed/atom*/*link_rel_enclosure_no_href.xml",
        rf"{_POST}\.enclosures.*",
        "an Atom link without href: feedparser takes its text as the URL",
    ),
    Known(
        "feedparser/*",
        r"(feeds|links|posts\[\d+\]\.links)\[\d+\]\.type",
        "feedparser invents link types (text/html, application/atom+xml) the feed did not state",
        _invented_type,
    ),
    Known(
        "feedparser/wellformed/atom/*_multiple_values.xml",
        rf"{_POST}\.(published|updated)",
        "a repeated date element: feedparser keeps the last, the direct path the first",
    ),
    Known(
        "feedparser/wellformed/atom/entry_published_parsed_date_overwriting.xml",
        rf"{_POST}\.published",
        "issued and created both present: feedparser keeps the last, the direct path the first",
    ),
    Known(
        "feedparser/wellformed/namespace/rss2.0noNSwithModules*",
        r"updated",
        "dc:date and lastBuildDate both present: feedparser files both under updated and "
        "keeps the last",
    ),
    Known(
        "feedparser/wellformed/rss/item_dcterms_modified*",
        rf"{_POST}\.(published|updated)",
        "item dcterms:modified: feedparser files it under updated, indistinguishable from "
        "dc:date, which the tolerant path reads as the published date",
    ),
    Known(
        "feedparser/wellformed/*",
        r"id",
        "RSS 1.0 channel rdf:about: feedparser does not keep it",
        lambda direct, tolerant: direct is not None and tolerant is None,
    ),
    Known(
        "feedparser/wellformed/media-rss/*",
        rf"{_POST}\.tags",
        "media:category: feedparser reads it as a tag, the direct path keeps it as an extension",
    ),
    Known(
        "feedparser/wellformed/rss/item_madeup_tags_element.xml",
        rf"{_POST}\.tags",
        "a made-up <tags> element: feedparser reads it as tags",
    ),
    Known(
        "feedparser/wellformed/rss/item_category_image.xml",
        rf"{_POST}\.tags.*",
        "a category with child elements: feedparser reads only its first text node",
    ),
    Known(
        "feedparser/wellformed/sanitize/large_atom_feed_that_needs_css_sanitisation.xml",
        rf"{_POST}\.tags",
        "a category repeated word for word: feedparser keeps it once",
    ),
    Known(
        "feedparser/wellformed/rss/item_category_image.xml",
        rf"{_POST}\.title",
        "an <image><title> inside an item: feedparser takes it as the item's title",
    ),
    Known(
        "feedparser/wellformed/rss/item_guid_isPermaLink_ValueError.xml",
        rf"{_POST}\.(id|url)",
        "a guid urljoin cannot parse: feedparser empties it",
    ),
)


# Cases where the direct path itself fails: strict xfails, so a fix shows up as XPASS.
DIRECT_PATH_BUGS: dict[str, str] = {}


def _is_known(case: str, field: str, direct: Any = None, tolerant: Any = None) -> Known | None:
    for known in KNOWN_DIFFERENCES:
        if not (fnmatch.fnmatch(case, known.case) and re.fullmatch(known.field, field)):
            continue
        if known.values is None or known.values(direct, tolerant):
            return known
    return None


def _comparable(blog: Blog) -> dict[str, Any]:
    data = attrs.asdict(blog)
    del data["warnings"], data["extensions"]
    for post in data["posts"]:
        del post["extensions"]
        for comment in post["comments"]:
            del comment["extensions"]
    return data


def differences(direct: object, tolerant: object, path: str = "") -> Iterator[tuple[str, Any, Any]]:
    """Every (model path, direct value, tolerant value) where the two models differ."""
    if isinstance(direct, dict) and isinstance(tolerant, dict):
        for key in direct:
            yield from differences(direct[key], tolerant[key], f"{path}.{key}" if path else key)
    elif isinstance(direct, (list, tuple)) and isinstance(tolerant, (list, tuple)):
        if len(direct) != len(tolerant):
            yield path, direct, tolerant
            return
        for index, (a, b) in enumerate(zip(direct, tolerant, strict=True)):
            yield from differences(a, b, f"{path}[{index}]")
    elif direct != tolerant:
        yield path, direct, tolerant


def _feed_files() -> list[Path]:
    if not FEEDS.is_dir():
        return []
    return sorted(
        p for p in FEEDS.rglob("*") if p.is_file() and p.suffix in (".xml", ".rdf", ".rss", ".atom")
    )


def _case_id(path: Path) -> str:
    return path.relative_to(FEEDS).as_posix()


FILES = _feed_files()
CASES = [
    pytest.param(
        path,
        marks=[pytest.mark.xfail(reason=DIRECT_PATH_BUGS[_case_id(path)], strict=True)]
        if _case_id(path) in DIRECT_PATH_BUGS
        else [],
        id=_case_id(path),
    )
    for path in FILES
]


def test_differences_are_reported_with_their_path() -> None:
    direct = {"title": "a", "posts": [{"content": "x"}, {"content": "y"}]}
    tolerant = {"title": "a", "posts": [{"content": "x"}, {"content": "z"}]}
    assert list(differences(direct, tolerant)) == [("posts[1].content", "y", "z")]


def test_known_differences_match_case_and_field() -> None:
    assert _is_known("feedparser/wellformed/psc/x.xml", "posts[0].url") is not None
    assert _is_known("feedparser/wellformed/media-rss/x.xml", "posts[0].title") is not None
    assert _is_known("feedparser/wellformed/media-rss/x.xml", "posts[0].url") is None


def _compare(path: Path) -> list[tuple[str, Any, Any]] | str:
    """The differences between the two paths on one file, or why it is not a case."""
    data = path.read_bytes()
    try:
        root = parse_xml(data, where=path.name)
    except DiploblogError:
        return "not well-formed for lxml (or unsafe): not a differential case"
    dialect = xml_dialect(root)
    if dialect == "loose":
        return "a dialect only the tolerant path reads (CDF, Atom drafts): not a case"
    if dialect in ("wxr", "blogger"):
        return "a blog export, which feedparser reads only as a plain feed: not a case"
    try:
        direct = parse_feed(data)
    except UnsupportedFormatError:
        return "well-formed, but its root is not a feed: not a differential case"
    tolerant = read_with_feedparser(data)
    return list(differences(_comparable(direct), _comparable(tolerant)))


@pytest.mark.corpus
@pytest.mark.skipif(not FILES, reason=f"feed corpus not found at {FEEDS}; set DIPLOBLOG_CORPUS")
@pytest.mark.parametrize("path", CASES)
def test_direct_and_tolerant_paths_agree(path: Path) -> None:
    found = _compare(path)
    if isinstance(found, str):
        pytest.skip(found)
    case = _case_id(path)
    unexplained = [(field, a, b) for field, a, b in found if _is_known(case, field, a, b) is None]
    assert unexplained == []


@pytest.mark.corpus
@pytest.mark.skipif(not FILES, reason=f"feed corpus not found at {FEEDS}; set DIPLOBLOG_CORPUS")
def test_every_known_difference_still_explains_a_case() -> None:
    # An entry that no longer matches any difference would hide a future regression.
    used: set[Known] = set()
    for path in FILES:
        found = _compare(path)
        if isinstance(found, str):
            continue
        case = _case_id(path)
        used.update(k for f, a, b in found if (k := _is_known(case, f, a, b)) is not None)
    assert [k.case for k in KNOWN_DIFFERENCES if k not in used] == []
