import contextlib
import datetime as dt
import json
import math
import re
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diploblog import (
    Author,
    Blog,
    Capture,
    Comment,
    DiploblogError,
    Extension,
    Link,
    Page,
    ParseError,
    Post,
    Tag,
    WeightedTag,
)
from diploblog import testing as dst
from diploblog._json import from_dict, to_dict

PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def offset(hours: int = 0, minutes: int = 0) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours, minutes=minutes))


def same(a: Any, b: Any) -> bool:
    """Every field equal, recursively; datetimes also keep their offset."""
    if type(a) is not type(b):
        return False
    if attrs.has(type(a)):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in attrs.fields(type(a)))
    if isinstance(a, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dt.datetime):
        return bool(a == b and a.utcoffset() == b.utcoffset() and a.isoformat() == b.isoformat())
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def is_pure_json(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and is_pure_json(v) for k, v in value.items())
    if isinstance(value, list):
        return all(is_pure_json(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


STRATEGIES = {
    "authors": dst.authors(),
    "tags": dst.tags(),
    "links": dst.links(),
    "enclosures": dst.enclosures(),
    "extensions": dst.extensions(),
    "comments": dst.comments(),
    "posts": dst.posts(),
    "blogs": dst.blogs(),
    "captures": dst.captures(),
    "weighted_tags": dst.weighted_tags(),
    "pages": dst.pages(),
    "read_warnings": dst.read_warnings(),
}


def test_every_public_model_strategy_is_covered() -> None:
    model_strategies = set(dst.__all__) - {"aware_datetimes", "urls", "html_fragments", "texts"}
    assert model_strategies == set(STRATEGIES)


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_round_trip_is_exact_also_through_json_text(name: str) -> None:
    @PROPERTY
    @given(STRATEGIES[name])
    def check(obj: Any) -> None:
        data = to_dict(obj)
        assert is_pure_json(data)
        back = from_dict(type(obj), data)
        assert same(back, obj)
        assert back == obj
        assert to_dict(back) == data
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        assert same(from_dict(type(obj), json.loads(text)), obj)

    check()


@PROPERTY
@given(dst.aware_datetimes(microseconds=True))
def test_datetimes_keep_their_offset_and_microseconds(when: dt.datetime) -> None:
    data = to_dict(Post(published=when))
    text = data["published"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?[+-]\d\d:\d\d", text)
    assert (f".{when.microsecond:06d}" in text) == (when.microsecond != 0)
    back = from_dict(Post, json.loads(json.dumps(data))).published
    assert back is not None
    assert back == when
    assert back.utcoffset() == when.utcoffset()
    assert back.microsecond == when.microsecond


@pytest.mark.parametrize(
    ("when", "text"),
    [
        (dt.datetime(2010, 7, 20, 14, 5, tzinfo=offset(1)), "2010-07-20T14:05:00+01:00"),
        (dt.datetime(2010, 7, 20, 13, 5, tzinfo=dt.timezone.utc), "2010-07-20T13:05:00+00:00"),
        (dt.datetime(2010, 7, 20, 8, 35, tzinfo=offset(-4, -30)), "2010-07-20T08:35:00-04:30"),
        (
            dt.datetime(2011, 1, 7, 18, 19, 57, 250, tzinfo=offset(14)),
            "2011-01-07T18:19:57.000250+14:00",
        ),
    ],
)
def test_datetimes_are_written_as_rfc3339_with_their_offset(when: dt.datetime, text: str) -> None:
    assert to_dict(Blog(updated=when)) == {"updated": text}
    back = from_dict(Blog, {"updated": text}).updated
    assert back is not None
    assert back.utcoffset() == when.utcoffset()
    assert back == when


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2010-07-20T13:05:00Z", dt.datetime(2010, 7, 20, 13, 5, tzinfo=dt.timezone.utc)),
        ("2010-07-20t13:05:00z", dt.datetime(2010, 7, 20, 13, 5, tzinfo=dt.timezone.utc)),
        ("2010-07-20T13:05:00.5-01:00", dt.datetime(2010, 7, 20, 13, 5, 0, 500000, offset(-1))),
    ],
)
def test_other_rfc3339_forms_are_read(text: str, expected: dt.datetime) -> None:
    back = from_dict(Post, {"published": text}).published
    assert back == expected
    assert back is not None
    assert back.utcoffset() == expected.utcoffset()


def test_a_whole_post_has_the_documented_form() -> None:
    post = Post(
        id="tag:blogs.fco.gov.uk,2010:hale/1",
        title="The end of this blog",
        published=dt.datetime(2010, 7, 20, 14, 5, tzinfo=offset(1)),
        authors=[Author(name="Stephen Hale", location="London")],
        tags=[Tag(term="Digital Diplomacy", scheme="post_tag")],
        comments=[Comment(id="comment-1", content="<p>Good luck!</p>")],
        comment_count=3,
        extensions=[Extension(namespace="urn:x", name="e", attributes={"b": "2", "a": "1"})],
    )
    assert to_dict(post) == {
        "id": "tag:blogs.fco.gov.uk,2010:hale/1",
        "title": "The end of this blog",
        "published": "2010-07-20T14:05:00+01:00",
        "authors": [{"name": "Stephen Hale", "location": "London"}],
        "tags": [{"term": "Digital Diplomacy", "scheme": "post_tag", "slug": "digital-diplomacy"}],
        "comments": [
            {"id": "comment-1", "content": "<p>Good luck!</p>", "kind": "comment"},
        ],
        "comment_count": 3,
        "kind": "post",
        "extensions": [{"namespace": "urn:x", "name": "e", "attributes": [["a", "1"], ["b", "2"]]}],
    }


def test_values_that_are_not_the_default_are_written_even_when_empty() -> None:
    assert to_dict(Comment(content="")) == {"content": "", "kind": "comment"}
    assert to_dict(Comment(approved=False)) == {"content": "", "kind": "comment", "approved": False}
    assert to_dict(WeightedTag(tag=Tag(term="x"))) == {
        "tag": {"term": "x", "slug": "x"},
        "weight": 0.0,
    }


def test_absent_and_null_or_empty_values_read_the_same() -> None:
    explicit: dict[str, Any] = {
        "title": None,
        "tags": [],
        "comments": [],
        "published": None,
        "kind": "post",
    }
    assert same(from_dict(Post, explicit), Post())
    assert same(from_dict(Post, {}), Post())
    assert same(from_dict(Page, {"blog": None, "tag_cloud": []}), Page())


def test_the_tag_slug_is_written_and_computed_again_on_reading() -> None:
    data = to_dict(Tag(term="Digital Diplomacy"))
    assert data == {"term": "Digital Diplomacy", "slug": "digital-diplomacy"}
    stale = from_dict(Tag, {"term": "Public Diplomacy", "slug": "digital-diplomacy"})
    assert stale.slug == "public-diplomacy"
    assert from_dict(Tag, {"term": "News"}).slug == "news"


def test_round_trip_keeps_tag_fields_that_equality_ignores() -> None:
    tag = Tag(term="DD", label="Digital diplomacy", url="https://x.org/t/dd", parent="diplomacy")
    back = from_dict(Tag, to_dict(tag))
    assert back.same_as(tag)
    assert not back.same_as(Tag(term="dd"))


def test_numbers_keep_their_json_type() -> None:
    tag = WeightedTag(tag=Tag(term="x"), weight=1, size=12)
    back = from_dict(WeightedTag, json.loads(json.dumps(to_dict(tag))))
    assert (back.weight, back.size) == (1, 12)
    assert from_dict(WeightedTag, {"tag": {"term": "x"}, "weight": 0.25}).weight == 0.25


def test_to_dict_refuses_what_is_not_a_model_object() -> None:
    with pytest.raises(DiploblogError):
        to_dict({"title": "x"})
    with pytest.raises(DiploblogError):
        to_dict(dt.datetime(2010, 7, 20, tzinfo=dt.timezone.utc))


def test_from_dict_refuses_a_class_that_is_not_a_model_class() -> None:
    with pytest.raises(DiploblogError):
        from_dict(dict, {})


BAD_DATA = [
    # (class, data, where, words in the message)
    (Post, [], "Post", "expected an object"),
    (Post, "{}", "Post", "expected an object"),
    (Blog, {"posts": [{}, {"titel": "x"}]}, "posts[1].titel", "unknown key 'titel'"),
    (
        Blog,
        {"posts": [{"tags": [{"label": "x"}]}]},
        "posts[0].tags[0].term",
        "missing required key",
    ),
    (Page, {"tag_cloud": [{"weight": 0.5}]}, "tag_cloud[0].tag", "missing required key 'tag'"),
    (Post, {"title": 3}, "title", "expected a string"),
    (Post, {"kind": None}, "kind", "expected a string, got null"),
    (Post, {"comment_count": "3"}, "comment_count", "expected a whole number"),
    (Post, {"comment_count": True}, "comment_count", "expected a whole number"),
    (Post, {"comment_count": 2.0}, "comment_count", "expected a whole number"),
    (Comment, {"approved": "yes"}, "approved", "true or false"),
    (WeightedTag, {"tag": {"term": "x"}, "weight": "1"}, "weight", "expected a number"),
    (Post, {"tags": "news"}, "tags", "expected a list"),
    (Post, {"tags": {"term": "news"}}, "tags", "expected a list"),
    (Post, {"authors": [["Jo"]]}, "authors[0]", "expected an object"),
    (Post, {"published": 1279631100}, "published", "RFC 3339"),
    (Post, {"published": "2010-07-20 14:05"}, "published", "RFC 3339"),
    (Post, {"published": "2010-07-20T14:05:00"}, "published", "RFC 3339"),
    (Post, {"published": "Tue, 20 Jul 2010 14:05:00 +0100"}, "published", "RFC 3339"),
    (Post, {"published": "2010-02-30T14:05:00Z"}, "published", "not a valid date"),
    (Post, {"published": "2010-07-20T24:05:00Z"}, "published", "not a valid date"),
    (Post, {"published": "2010-07-20T14:05:00+25:00"}, "published", "not a valid date"),
    (
        Blog,
        {"posts": [{}, {}, {}, {"published": "yesterday"}]},
        "posts[3].published",
        "RFC 3339",
    ),
    (Blog, {"posts": [{"url": "not a url"}]}, "posts[0].url", "not a URL"),
    (Blog, {"posts": [{"authors": [{"role": "x"}]}]}, "posts[0].authors[0]", "needs at least"),
    (Post, {"authors": [{"email": "jo"}]}, "authors[0].email", "not an email"),
    (
        Post,
        {"comments": [{"id": "c1", "in_reply_to": "c1"}]},
        "comments[0].in_reply_to",
        "reply to itself",
    ),
    (Page, {"kind": "blog"}, "kind", "not one of"),
    (Page, {"tag_cloud": [{"tag": {"term": "x"}, "weight": 2}]}, "tag_cloud[0].weight", "0 to 1"),
    (Page, {"capture": {"archive": " "}}, "capture.archive", "cannot be empty"),
    (Post, {"language": "en_GB"}, "language", "language tag"),
    (
        Post,
        {"extensions": [{"namespace": "", "name": "x", "attributes": [["a"]]}]},
        "extensions[0].attributes[0]",
        "2 items",
    ),
    (
        Post,
        {"extensions": [{"namespace": "", "name": "x", "attributes": {"a": "1"}}]},
        "extensions[0].attributes",
        "expected a list",
    ),
    (
        Post,
        {"extensions": [{"namespace": "", "name": "x", "children": [{"name": "y"}]}]},
        "extensions[0].children[0].namespace",
        "missing required key",
    ),
    (Link, {"url": "https://x.org/", "slug": "x"}, "slug", "unknown key"),
]


@pytest.mark.parametrize(("cls", "data", "where", "words"), BAD_DATA)
def test_bad_data_is_refused_with_its_path(cls: type, data: Any, where: str, words: str) -> None:
    with pytest.raises(ParseError) as info:
        from_dict(cls, data)
    error = info.value
    assert isinstance(error, DiploblogError)
    assert isinstance(error, ValueError)
    assert error.where == where
    assert words in error.message
    assert f"(at {where})" in str(error)


def test_a_refusal_keeps_the_model_error_as_its_cause() -> None:
    with pytest.raises(ParseError) as info:
        from_dict(Link, {"url": "a b"})
    assert isinstance(info.value.__cause__, DiploblogError)
    assert info.value.__cause__.where == "Link.url"


@given(
    st.sampled_from([Capture, Link, Page, Post]), st.dictionaries(st.text(max_size=5), st.none())
)
@settings(max_examples=50)
def test_from_dict_only_raises_parse_errors(cls: type, data: dict[str, None]) -> None:
    with contextlib.suppress(ParseError):
        from_dict(cls, data)
