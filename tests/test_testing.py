import datetime as dt
import re
import urllib.parse
from typing import Any

from hypothesis import HealthCheck, given, settings
from lxml import etree

from diploblog import Blog, Capture, Link, Page, Post
from diploblog import testing as dst
from diploblog._json import to_dict

FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# XML 1.0 Char production, less CR (parsers turn it into LF, so it cannot round-trip).
XML_SAFE = re.compile("[\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")


def strings_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *strings_in(v)]]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


@FAST
@given(dst.posts())
def test_post_comments_form_valid_threads(post: Post) -> None:
    ids = [c.id for c in post.comments]
    assert None not in ids
    assert len(set(ids)) == len(ids)
    for i, comment in enumerate(post.comments):
        assert comment.in_reply_to is None or comment.in_reply_to in ids[:i]
    assert post.comment_count is None or post.comment_count >= len(post.comments)


@FAST
@given(dst.blogs())
def test_blog_text_is_xml_safe(blog: Blog) -> None:
    for text in strings_in(to_dict(blog)):
        assert XML_SAFE.fullmatch(text), repr(text)
        text.encode("utf-8")


@FAST
@given(dst.pages())
def test_page_text_is_xml_safe(page: Page) -> None:
    for text in strings_in(to_dict(page)):
        assert XML_SAFE.fullmatch(text), repr(text)


@FAST
@given(dst.texts())
def test_texts_are_tidy_one_line_text(text: str) -> None:
    assert text
    assert text == text.strip()
    assert "  " not in text
    assert XML_SAFE.fullmatch(text)
    assert "\n" not in text
    assert "\t" not in text


@FAST
@given(dst.html_fragments())
def test_html_fragments_are_well_formed(fragment: str) -> None:
    root = etree.fromstring(f"<div>{fragment}</div>")
    assert len(root) >= 1
    assert {el.tag for el in root} <= {"p", "blockquote", "ul"}
    assert {el.tag for el in root.iter()} <= {
        "div",
        "p",
        "blockquote",
        "ul",
        "li",
        "a",
        "em",
        "strong",
        "code",
    }
    for link in root.iter("a"):
        assert urllib.parse.urlsplit(link.get("href")).scheme in {"http", "https"}


@FAST
@given(dst.aware_datetimes())
def test_aware_datetimes_are_whole_seconds_with_real_offsets(when: dt.datetime) -> None:
    offset = when.utcoffset()
    assert offset is not None
    assert offset % dt.timedelta(minutes=1) == dt.timedelta(0)
    assert dt.timedelta(hours=-12) <= offset <= dt.timedelta(hours=14)
    assert when.microsecond == 0
    assert 1990 <= when.year <= 2039


def test_microseconds_do_occur() -> None:
    seen: list[int] = []

    @settings(max_examples=100, database=None)
    @given(dst.aware_datetimes(microseconds=True))
    def collect(when: dt.datetime) -> None:
        seen.append(when.microsecond)

    collect()
    assert any(seen)


@FAST
@given(dst.urls())
def test_urls_are_absolute_web_urls_the_model_accepts(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    assert parts.scheme in {"http", "https"}
    assert parts.netloc
    assert Link(url=url).url == url


@FAST
@given(dst.captures())
def test_capture_addresses_hold_the_timestamp_and_original(capture: Capture) -> None:
    if capture.archive_url and capture.captured_at:
        stamp = capture.captured_at.strftime("%Y%m%d%H%M%S")
        assert f"/{stamp}/" in capture.archive_url
    if capture.archive_url and capture.original_url:
        assert capture.archive_url.endswith("/" + capture.original_url)
    assert capture.captured_at is None or capture.captured_at.utcoffset() == dt.timedelta(0)
