import datetime as dt
import math
import typing
from typing import Any

import attrs
import hypothesis.strategies
import pytest
from hypothesis import given

from diploblog import (
    Author,
    Blog,
    Capture,
    Comment,
    DiploblogError,
    Enclosure,
    Extension,
    Link,
    Page,
    Post,
    ReadWarning,
    Tag,
    WeightedTag,
    _validators,
)

UTC = dt.timezone.utc
NAIVE = dt.datetime(2010, 7, 20, 14, 5)

# The least each class needs; tests add the one field they are about.
MINIMAL: dict[type, dict[str, Any]] = {
    Author: {"name": "Stephen Hale"},
    Tag: {"term": "diplomacy"},
    Comment: {},
    Post: {},
    Blog: {},
    Link: {"url": "https://blogs.fco.gov.uk/"},
    Enclosure: {"url": "https://example.org/ep1.mp3"},
    Extension: {"namespace": "", "name": "department"},
    ReadWarning: {"message": "unreadable date"},
    Page: {},
    Capture: {"archive": "UK Government Web Archive"},
    WeightedTag: {"tag": Tag(term="diplomacy")},
}
CLASSES = list(MINIMAL)

DATETIME_FIELDS = [
    (Comment, "published"),
    (Post, "published"),
    (Post, "updated"),
    (Blog, "updated"),
    (Capture, "captured_at"),
]
URL_FIELDS = [
    (Author, "url"),
    (Author, "avatar"),
    (Tag, "url"),
    (Link, "url"),
    (Enclosure, "url"),
    (Comment, "url"),
    (Post, "url"),
    (Post, "comments_url"),
    (Post, "comments_feed_url"),
    (Blog, "url"),
    (Blog, "icon"),
    (Blog, "logo"),
    (Capture, "archive_url"),
    (Capture, "original_url"),
    (Page, "url"),
]
TUPLE_FIELDS = [
    (Extension, "children"),
    (Comment, "extensions"),
    (Post, "authors"),
    (Post, "tags"),
    (Post, "comments"),
    (Post, "enclosures"),
    (Post, "links"),
    (Post, "extensions"),
    (Blog, "authors"),
    (Blog, "feeds"),
    (Blog, "tags"),
    (Blog, "links"),
    (Blog, "posts"),
    (Blog, "extensions"),
    (Blog, "warnings"),
    (Page, "posts"),
    (Page, "tag_cloud"),
    (Page, "recent_comments"),
    (Page, "featured"),
    (Page, "links"),
    (Page, "warnings"),
]
BAD_URLS = ["not a url", "http:no-host", "a b", "", "https://x.org/a b", "https://x.org/<p>"]


def make(cls: type, **fields: Any) -> Any:
    return cls(**{**MINIMAL[cls], **fields})


def assert_refused(cls: type, field: str, value: Any) -> DiploblogError:
    with pytest.raises(DiploblogError) as info:
        make(cls, **{field: value})
    assert isinstance(info.value, ValueError)
    assert field in str(info.value)
    return info.value


def fields_of_type(kind: type) -> list[tuple[type, str]]:
    found = []
    for cls in CLASSES:
        for name, hint in typing.get_type_hints(cls).items():
            if kind in (hint, *typing.get_args(hint)):
                found.append((cls, name))
    return found


def fields_named_like_urls() -> list[tuple[type, str]]:
    url_names = {"url", "avatar", "icon", "logo"}
    return [
        (cls, f.name)
        for cls in CLASSES
        for f in attrs.fields(cls)
        if f.name in url_names or f.name.endswith("_url")
    ]


def test_the_field_lists_cover_the_model() -> None:
    assert sorted(DATETIME_FIELDS, key=repr) == sorted(fields_of_type(dt.datetime), key=repr)
    assert sorted(URL_FIELDS, key=repr) == sorted(fields_named_like_urls(), key=repr)
    tuple_fields = [
        (cls, f.name)
        for cls in CLASSES
        for f in attrs.fields(cls)
        if typing.get_origin(typing.get_type_hints(cls)[f.name]) is tuple and f.name != "attributes"
    ]
    assert sorted(TUPLE_FIELDS, key=repr) == sorted(tuple_fields, key=repr)


@pytest.mark.parametrize(("cls", "field"), DATETIME_FIELDS)
def test_naive_datetimes_are_refused(cls: type, field: str) -> None:
    error = assert_refused(cls, field, NAIVE)
    assert error.where == f"{cls.__name__}.{field}"
    assert "naive" in error.message


@pytest.mark.parametrize(("cls", "field"), DATETIME_FIELDS)
def test_aware_datetimes_are_kept(cls: type, field: str) -> None:
    when = dt.datetime(2010, 7, 20, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert getattr(make(cls, **{field: when}), field) == when


@pytest.mark.parametrize(("cls", "field"), DATETIME_FIELDS)
def test_non_datetimes_are_refused(cls: type, field: str) -> None:
    assert_refused(cls, field, "2010-07-20T14:05:00Z")


@pytest.mark.parametrize("value", BAD_URLS)
@pytest.mark.parametrize(("cls", "field"), URL_FIELDS)
def test_non_urls_are_refused(cls: type, field: str, value: str) -> None:
    error = assert_refused(cls, field, value)
    assert error.where == f"{cls.__name__}.{field}"


@pytest.mark.parametrize(
    "value",
    [
        "https://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog",
        "/roller/hale/tags/diplomacy",
        "mailto:jo@example.org",
        "tag:blogs.fco.gov.uk,2010:hale/1",
        "https://example.org/caf%C3%A9?p=1#comment-1279627380000",
        "https://example.org/café",
    ],
)
@pytest.mark.parametrize(("cls", "field"), URL_FIELDS)
def test_urls_and_relative_references_are_kept(cls: type, field: str, value: str) -> None:
    assert getattr(make(cls, **{field: value}), field) == value


def test_urls_must_be_strings() -> None:
    assert_refused(Link, "url", b"https://example.org/")


def test_a_comment_cannot_reply_to_itself() -> None:
    with pytest.raises(DiploblogError) as info:
        Comment(id="comment-1", in_reply_to="comment-1")
    error = info.value
    assert isinstance(error, ValueError)
    assert error.where == "Comment.in_reply_to"
    assert "comment-1" in error.message
    assert Comment(id="comment-2", in_reply_to="comment-1").in_reply_to == "comment-1"


@pytest.mark.parametrize(
    "fields",
    [{}, {"name": "   "}, {"name": ""}, {"role": "Head of Engagement", "location": "London"}],
)
def test_an_author_needs_a_name_a_url_or_an_email(fields: dict[str, str]) -> None:
    with pytest.raises(DiploblogError) as info:
        Author(**fields)
    assert isinstance(info.value, ValueError)
    assert info.value.where == "Author"
    assert all(word in info.value.message for word in ("name", "URL", "email"))


@pytest.mark.parametrize("fields", [{"name": "Jo"}, {"url": "https://jo.org/"}, {"email": "j@x"}])
def test_any_one_of_name_url_email_makes_an_author(fields: dict[str, str]) -> None:
    assert Author(**fields) == Author(**fields)


@pytest.mark.parametrize("email", ["jo.example.org", "jo", "at example.org"])
def test_an_email_needs_an_at_sign(email: str) -> None:
    error = assert_refused(Author, "email", email)
    assert error.where == "Author.email"


@pytest.mark.parametrize(
    ("cls", "field"),
    [
        (Post, "comment_count"),
        (Enclosure, "length"),
        (Enclosure, "duration"),
        (WeightedTag, "count"),
    ],
)
@pytest.mark.parametrize("value", [-1, -1000, 1.5, "3", True])
def test_counts_are_whole_and_not_negative(cls: type, field: str, value: Any) -> None:
    assert_refused(cls, field, value)


@pytest.mark.parametrize(
    ("cls", "field"),
    [
        (Post, "comment_count"),
        (Enclosure, "length"),
        (Enclosure, "duration"),
        (WeightedTag, "count"),
    ],
)
@pytest.mark.parametrize("value", [0, 7, None])
def test_zero_and_unknown_counts_are_kept(cls: type, field: str, value: int | None) -> None:
    assert getattr(make(cls, **{field: value}), field) == value


@pytest.mark.parametrize(
    "weight", [-0.1, 1.0001, 2, math.nan, math.inf, -math.inf, "0.5", True, None]
)
def test_a_weight_runs_from_zero_to_one(weight: Any) -> None:
    assert_refused(WeightedTag, "weight", weight)


@pytest.mark.parametrize("weight", [0, 0.0, 0.5, 1, 1.0])
def test_weights_from_zero_to_one_are_kept(weight: float) -> None:
    assert make(WeightedTag, weight=weight).weight == weight


@pytest.mark.parametrize("step", [0, -1, 1.5, "2", True])
def test_a_step_is_a_whole_number_from_one(step: Any) -> None:
    assert_refused(WeightedTag, "step", step)


@pytest.mark.parametrize("size", [-1, -0.5, math.inf, math.nan])
def test_a_size_is_finite_and_not_negative(size: float) -> None:
    assert_refused(WeightedTag, "size", size)


def test_a_size_given_as_text_is_a_diploblog_error() -> None:
    assert_refused(WeightedTag, "size", "12pt")


@pytest.mark.parametrize(("step", "size"), [(1, 0.0), (5, 22.5), (None, None)])
def test_good_steps_and_sizes_are_kept(step: int | None, size: float | None) -> None:
    tag = make(WeightedTag, step=step, size=size)
    assert (tag.step, tag.size) == (step, size)


@pytest.mark.parametrize("kind", ["blog", "Post", "", "listing page", None])
def test_a_page_kind_must_be_known(kind: Any) -> None:
    assert_refused(Page, "kind", kind)


@pytest.mark.parametrize("kind", ["post", "listing", "archive", "tag", "other"])
def test_known_page_kinds_are_kept(kind: str) -> None:
    assert Page(kind=kind).kind == kind


@pytest.mark.parametrize(("cls", "field"), [(Post, "kind"), (Comment, "kind")])
@pytest.mark.parametrize("kind", ["Post", "", "two words", "1st", "-page", 3, None])
def test_a_kind_is_a_lower_case_name(cls: type, field: str, kind: Any) -> None:
    assert_refused(cls, field, kind)


@pytest.mark.parametrize("kind", ["post", "page", "attachment", "nav_menu_item", "wp-block"])
def test_post_kinds_from_exports_are_kept(kind: str) -> None:
    assert Post(kind=kind).kind == kind


@pytest.mark.parametrize(("cls", "field"), [(Post, "language"), (Blog, "language")])
@pytest.mark.parametrize("language", ["en_GB", "", "English language", "e1", "toolongxx", "en-", 3])
def test_a_language_is_a_language_tag(cls: type, field: str, language: Any) -> None:
    assert_refused(cls, field, language)


@pytest.mark.parametrize("language", ["en", "en-GB", "zh-Hant-TW", "x-klingon", "EN-us"])
def test_language_tags_are_kept(language: str) -> None:
    assert Post(language=language).language == language


REQUIRED_TEXT = [
    (Tag, "term"),
    (Link, "rel"),
    (ReadWarning, "message"),
    (Capture, "archive"),
    (Extension, "name"),
]


@pytest.mark.parametrize(("cls", "field"), REQUIRED_TEXT)
@pytest.mark.parametrize("value", ["", "  ", "\n\t"])
def test_required_text_cannot_be_blank(cls: type, field: str, value: str) -> None:
    assert_refused(cls, field, value)


@pytest.mark.parametrize(("cls", "field"), [f for f in REQUIRED_TEXT if f[0] is not Tag])
@pytest.mark.parametrize("value", [None, 3])
def test_required_text_must_be_text(cls: type, field: str, value: Any) -> None:
    assert_refused(cls, field, value)


@pytest.mark.parametrize("value", [None, 3])
def test_a_tag_term_must_be_text(value: Any) -> None:
    assert_refused(Tag, "term", value)


@pytest.mark.parametrize(("cls", "field"), TUPLE_FIELDS)
def test_a_string_is_not_a_tuple_of_items(cls: type, field: str) -> None:
    assert_refused(cls, field, "news")


@pytest.mark.parametrize(("cls", "field"), TUPLE_FIELDS)
def test_a_string_is_never_taken_as_a_tuple_of_items(cls: type, field: str) -> None:
    # Whatever the error class, a string must not become a tuple of characters.
    with pytest.raises((TypeError, ValueError), match="string"):
        make(cls, **{field: "news"})


@pytest.mark.parametrize(("cls", "field"), TUPLE_FIELDS)
def test_lists_and_generators_become_tuples(cls: type, field: str) -> None:
    assert getattr(make(cls, **{field: []}), field) == ()
    assert getattr(make(cls), field) == ()
    assert type(getattr(make(cls, **{field: iter([])}), field)) is tuple


def test_lists_of_items_become_tuples_in_order() -> None:
    first, second = Tag(term="news"), Tag(term="diplomacy")
    post = Post(tags=[first, second], authors=(a for a in [Author(name="Jo")]))
    assert post.tags == (first, second)
    assert type(post.tags) is tuple
    assert post.authors == (Author(name="Jo"),)


def test_extension_attributes_become_sorted_pairs() -> None:
    from_dict = Extension(namespace="", name="x", attributes={"b": "2", "a": "1", "{u}c": "3"})
    from_pairs = Extension(
        namespace="", name="x", attributes=[("b", "2"), ("a", "1"), ("{u}c", "3")]
    )
    expected = (("a", "1"), ("b", "2"), ("{u}c", "3"))
    assert from_dict.attributes == expected
    assert from_pairs.attributes == expected
    assert from_dict == from_pairs


def test_extension_children_nest() -> None:
    child = Extension(namespace="", name="child", text="hi")
    parent = Extension(namespace="", name="parent", children=[child])
    assert parent.children == (child,)


@pytest.mark.parametrize("blank", ["", "   ", "\n"])
def test_blank_strings_become_none_where_the_model_says(blank: str) -> None:
    author = Author(name=blank, email=blank, role=blank, location=blank, url="https://jo.org/")
    assert (author.name, author.email, author.role, author.location) == (None, None, None, None)
    assert Link(url="https://x.org/", title=blank).title is None
    assert Tag(term="news", label=blank).label is None


def test_an_empty_scheme_means_no_scheme() -> None:
    assert Tag(term="news", scheme="").scheme is None
    assert Tag(term="news", scheme="") == Tag(term="news")


def test_blank_strings_are_kept_where_they_carry_meaning() -> None:
    assert Post(title="", content="").title == ""
    assert Comment(content="").content == ""


SPELLINGS = ["Digital Diplomacy", "digital-diplomacy", "DIGITAL  diplomacy", "digital_diplomacy"]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_tags_with_the_same_slug_are_the_same_tag(spelling: str) -> None:
    tag = Tag(term=spelling)
    reference = Tag(term="Digital Diplomacy")
    assert tag.slug == "digital-diplomacy"
    assert tag == reference
    assert hash(tag) == hash(reference)


def test_tags_compare_by_scheme_and_slug_only() -> None:
    plain = Tag(term="Digital Diplomacy", label="DD", url="https://x.org/tags/dd")
    other = Tag(term="digital-diplomacy", description="about it", parent="foreign-policy")
    assert plain == other
    assert not plain.same_as(other)
    assert plain.same_as(Tag(term="Digital Diplomacy", label="DD", url="https://x.org/tags/dd"))


def test_tags_in_different_schemes_differ() -> None:
    assert Tag(term="news", scheme="category") != Tag(term="news", scheme="post_tag")
    assert Tag(term="news", scheme="category") != Tag(term="news")
    assert Tag(term="news") != Tag(term="views")


def test_a_set_of_tags_keeps_one_per_scheme_and_slug() -> None:
    tags = {Tag(term=t) for t in SPELLINGS} | {Tag(term="news", scheme="category")}
    assert len(tags) == 2
    assert Tag(term="news", scheme="category") in tags
    assert Tag(term="News") not in tags


def test_a_tag_is_not_equal_to_its_term() -> None:
    assert Tag(term="news") != "news"
    assert Tag(term="news").__eq__("news") is NotImplemented


def test_a_tag_slug_cannot_be_given() -> None:
    with pytest.raises(TypeError):
        Tag(term="news", slug="views")  # type: ignore[call-arg]


def test_evolve_recomputes_the_slug() -> None:
    tag = Tag(term="Digital Diplomacy", scheme="post_tag")
    changed = attrs.evolve(tag, term="Public Diplomacy")
    assert changed.slug == "public-diplomacy"
    assert changed.scheme == "post_tag"
    assert tag.slug == "digital-diplomacy"


@pytest.mark.parametrize("cls", CLASSES)
def test_model_objects_are_immutable(cls: type) -> None:
    obj = make(cls)
    name = attrs.fields(cls)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(obj, name, getattr(obj, name))


def test_evolve_makes_a_changed_copy() -> None:
    post = Post(title="Draft")
    final = attrs.evolve(post, title="The end of this blog")
    assert (post.title, final.title) == ("Draft", "The end of this blog")


def test_evolve_validates_again() -> None:
    with pytest.raises(DiploblogError):
        attrs.evolve(Post(), published=NAIVE)


@pytest.mark.parametrize("cls", CLASSES)
def test_model_objects_are_hashable_and_equal_copies_hash_alike(cls: type) -> None:
    assert hash(make(cls)) == hash(make(cls))
    assert make(cls) == make(cls)


def test_nested_model_objects_are_hashable() -> None:
    when = dt.datetime(2010, 7, 20, 14, 5, tzinfo=UTC)
    comment = Comment(id="comment-1", author=Author(name="Jo"), published=when)
    post = Post(
        title="The end of this blog",
        tags=[Tag(term="blog")],
        comments=[comment],
        extensions=[Extension(namespace="", name="x", attributes={"a": "1"})],
    )
    page = Page(
        kind="post",
        blog=Blog(title="Global conversations", posts=[post]),
        posts=[post],
        tag_cloud=[WeightedTag(tag=Tag(term="blog"), weight=1.0, step=5)],
        capture=Capture(archive="UK Government Web Archive", captured_at=when),
    )
    assert len({page, attrs.evolve(page)}) == 1


@given(
    hypothesis.strategies.text()
    | hypothesis.strategies.from_regex(r"[a-zA-Z][a-zA-Z0-9+.\-]*://\S*", fullmatch=True)
)
def test_the_plain_url_fast_path_accepts_nothing_the_full_check_refuses(value: str) -> None:
    # url() returns early on PLAIN_URL; each refusal of the full check must then be
    # impossible: empty, a forbidden character, or a web scheme without "//".
    if not _validators.PLAIN_URL.fullmatch(value):
        return
    assert value
    assert _validators._NOT_IN_URL.search(value) is None
    scheme = _validators._SCHEME.match(value)
    assert scheme is not None
    assert value[scheme.end() :].startswith("//")
