import datetime as dt
import itertools
import json
import pickle
import random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diploblog import (
    Author,
    Blog,
    Capture,
    Comment,
    DiploblogError,
    Enclosure,
    Link,
    Page,
    Post,
    ReadWarning,
    Tag,
    WeightedTag,
    testing,
)
from diploblog.archive import PROVENANCE, merge
from diploblog.archive._merge import _completeness

UTC = dt.timezone.utc
BST = dt.timezone(dt.timedelta(hours=1))
BLOG_URL = "http://blogs.fco.gov.uk/roller/hale/"
ENTRY_URL = BLOG_URL + "entry/the_end_of_this_blog"
ARCHIVE = "UK Government Web Archive"

FULL = (
    "<p>I'll be leaving my role in the Foreign Office at the end of this week.</p>"
    "<p>I'm sad to be leaving. This has been by far the most enjoyable and satisfying "
    "job of my career.</p>"
)
EXCERPT = "<p>I'll be leaving my role in the Foreign Office at the end of this week.</p>"
OLD_TITLE = "The end of this blog"
NEW_TITLE = "The end of this blog \u2014 thank you"

JO = Comment(
    id="comment-1279630980000",
    author=Author(name="Jo"),
    published=dt.datetime(2010, 7, 20, 13, 3, tzinfo=UTC),
    content="<p>Good luck!</p>",
)
SAM = Comment(
    id="comment-1279634580000",
    author=Author(name="Sam"),
    published=dt.datetime(2010, 7, 20, 14, 3, tzinfo=UTC),
    content="<p>Thanks for everything.</p>",
)
REPLY = Comment(
    id="comment-1279704000000",
    author=Author(name="Stephen Hale"),
    published=dt.datetime(2010, 7, 21, 9, 20, tzinfo=UTC),
    content="<p>Thank you, Jo.</p>",
    in_reply_to=JO.id,
)


def capture(url: str, when: dt.datetime) -> Capture:
    stamp = when.strftime("%Y%m%d%H%M%S")
    return Capture(
        archive=ARCHIVE,
        archive_url=f"http://webarchive.nationalarchives.gov.uk/{stamp}/{url}",
        original_url=url,
        captured_at=when,
    )


PUBLISHED = dt.datetime(2010, 7, 20, 10, 0, tzinfo=BST)
HALE = Author(name="Stephen Hale", role="Head of Engagement, Digital Diplomacy")
SITE = Blog(title="Global conversations", url=BLOG_URL, authors=[HALE])

FIRST_CAPTURE = Page(
    kind="post",
    url=ENTRY_URL,
    capture=capture(ENTRY_URL, dt.datetime(2010, 7, 22, 8, 0, tzinfo=UTC)),
    blog=SITE,
    posts=[
        Post(
            title=OLD_TITLE,
            published=PUBLISHED,
            authors=[HALE],
            content=FULL,
            comments=[JO, SAM],
            comment_count=2,
            tags=[Tag(term="Blog"), Tag(term="Digital Diplomacy"), Tag(term="Roller")],
        )
    ],
)
LATER_CAPTURE = Page(
    kind="post",
    url=ENTRY_URL + "#comments",
    capture=capture(ENTRY_URL, dt.datetime(2011, 1, 7, 18, 19, 57, tzinfo=UTC)),
    blog=SITE,
    posts=[
        Post(
            url=ENTRY_URL,
            title=NEW_TITLE,
            published=PUBLISHED,
            authors=[HALE],
            content=FULL,
            comments=[SAM, REPLY],
            tags=[Tag(term="blog"), Tag(term="Digital diplomacy")],
        )
    ],
)
OTHER = Post(
    url=BLOG_URL + "entry/digital_diplomacy_in_2010",
    title="Digital diplomacy in 2010",
    published=dt.datetime(2010, 6, 1, 9, 0, tzinfo=BST),
    content="<p>Short.</p>",
)
FRONT_PAGE = Page(
    kind="listing",
    url=BLOG_URL,
    capture=capture(BLOG_URL, dt.datetime(2011, 1, 7, 18, 19, 57, tzinfo=UTC)),
    blog=Blog(title="Global conversations", description="Stephen Hale's blog", url=BLOG_URL),
    posts=[
        Post(
            url="https://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog/",
            title=NEW_TITLE,
            published=dt.datetime(2010, 7, 20, tzinfo=BST),  # the listing shows the day only
            content=EXCERPT,
            comment_count=3,
        ),
        OTHER,
    ],
)
TAG_PAGE = Page(
    kind="tag",
    url=BLOG_URL + "tags/blog",
    capture=capture(BLOG_URL + "tags/blog", dt.datetime(2010, 12, 1, tzinfo=UTC)),
    posts=[
        Post(
            url="http://webarchive.nationalarchives.gov.uk/20101201000000/" + ENTRY_URL,
            title=OLD_TITLE,
            published=PUBLISHED,
            content=EXCERPT,
            tags=[Tag(term="BLOG"), Tag(term="FCO")],
        )
    ],
    tag_cloud=[
        WeightedTag(tag=Tag(term="blog"), count=3, weight=1.0, step=5),
        WeightedTag(tag=Tag(term="fco"), count=1, weight=0.0, step=1),
    ],
    warnings=[ReadWarning(message="no date on sidebar item", where="#sidebar li[2]")],
)
PAGES = [FIRST_CAPTURE, LATER_CAPTURE, FRONT_PAGE, TAG_PAGE]


def the_end(blog: Blog) -> Post:
    (found,) = [p for p in blog.posts if p.url == ENTRY_URL]
    return found


def test_one_post_from_entry_listing_and_tag_pages() -> None:
    blog = merge(PAGES)
    assert [p.title for p in blog.posts] == [NEW_TITLE, OTHER.title]
    end = the_end(blog)
    assert end.content == FULL
    assert end.published == PUBLISHED
    assert end.authors == (HALE,)
    assert end.comment_count == 3


def test_comments_united_and_threaded() -> None:
    comments = the_end(merge(PAGES)).comments
    assert comments == (JO, REPLY, SAM)
    assert comments[1].in_reply_to == comments[0].id


def test_tags_united_by_identity_spelled_by_best_source() -> None:
    tags = the_end(merge(PAGES)).tags
    # The later entry capture ranks highest, then the first capture, then the tag page.
    assert [t.term for t in tags] == ["blog", "Digital diplomacy", "Roller", "FCO"]


def test_title_change_is_reported_and_excerpts_are_not() -> None:
    blog = merge(PAGES)
    merge_warnings = [w for w in blog.warnings if (w.where or "").startswith("archive.merge")]
    assert len(merge_warnings) == 1
    (warning,) = merge_warnings
    assert warning.where == f"archive.merge: post {ENTRY_URL}"
    assert warning.message == (
        f"title differs between sources: kept {NEW_TITLE!r} from {ENTRY_URL}#comments "
        f"captured 2011-01-07T18:19:57Z (entry page); not {OLD_TITLE!r} from {ENTRY_URL} "
        "captured 2010-07-22T08:00:00Z (entry page)"
    )
    assert ReadWarning(message="no date on sidebar item", where="#sidebar li[2]") in blog.warnings


def test_blog_metadata_and_tag_cloud() -> None:
    blog = merge(PAGES)
    assert blog.title == "Global conversations"
    assert blog.description == "Stephen Hale's blog"
    assert blog.url == BLOG_URL
    assert blog.authors == (HALE,)
    assert [t.slug for t in blog.tags] == ["blog", "fco"]


def test_input_order_does_not_matter() -> None:
    expected = repr(merge(PAGES))
    for order in itertools.permutations(PAGES):
        assert repr(merge(order)) == expected


def test_merging_the_result_again_changes_nothing() -> None:
    blog = merge(PAGES)
    assert repr(merge([blog])) == repr(blog)
    assert repr(merge([blog, FRONT_PAGE, blog])) == repr(blog)
    assert repr(merge([merge(PAGES[:2]), merge(PAGES[2:])])) == repr(blog)


def test_provenance_is_recorded_on_each_post() -> None:
    end = the_end(merge(PAGES))
    (record,) = [e for e in end.extensions if e.namespace == PROVENANCE]
    data = json.loads(record.text or "")
    later = [1, len(FULL), "2011-01-07T18:19:57.000000Z", ENTRY_URL + "#comments"]
    first = [1, len(FULL), "2010-07-22T08:00:00.000000Z", ENTRY_URL]
    front = [0, len(EXCERPT), "2011-01-07T18:19:57.000000Z", BLOG_URL]
    tag_page = [0, len(EXCERPT), "2010-12-01T00:00:00.000000Z", BLOG_URL + "tags/blog"]
    # Every rank the record uses, best first.
    assert data["r"] == [later, first, front, tag_page]
    # Per distinct value that lost, its best source; the front page's copy of the
    # kept title is implied by the winner and not stored.
    assert data["f"]["title"] == [0, [["=" + OLD_TITLE, 1, repr(OLD_TITLE)]]]
    # The listing's date-only date lost to the entry page's (no warning: see below).
    assert data["f"]["published"] == [
        0,
        [["2010-07-19T23:00:00.000000Z", 2, "2010-07-20T00:00:00+01:00"]],
    ]
    # Only keys the post's own id, URL and title do not give are stored: the old title.
    assert data["k"] == [["title", "the end of this blog", "2010-07-20"]]
    assert "x" not in data
    # Tags: rank and position in their source (blog, Digital diplomacy, Roller, FCO).
    assert data["t"] == [[0, 0], [0, 1], [1, 2], [3, 1]]


def test_a_post_seen_once_records_only_its_source() -> None:
    (post,) = merge([Page(kind="listing", url=BLOG_URL, posts=[OTHER])]).posts
    (record,) = [e for e in post.extensions if e.namespace == PROVENANCE]
    assert json.loads(record.text or "") == {"r": [[0, len(OTHER.content or ""), "", BLOG_URL]]}


def test_feed_post_matched_by_title_and_day() -> None:
    feed = Blog(
        title="Global conversations",
        url=BLOG_URL,
        feeds=[Link(url=BLOG_URL + "feed/entries/atom", type="application/atom+xml")],
        posts=[
            Post(
                id="tag:blogs.fco.gov.uk,2010:hale/the_end",
                url="http://feeds.example.org/~r/hale/~3/xyz",
                title="the END of this blog",
                published=dt.datetime(2010, 7, 20, 9, 1, tzinfo=UTC),
                content=FULL + "<p>feed</p>",
            )
        ],
    )
    blog = merge([FIRST_CAPTURE, feed])
    (post,) = blog.posts
    assert post.id == "tag:blogs.fco.gov.uk,2010:hale/the_end"
    # The entry page outranks the feed for every field it has...
    assert (post.content, post.url, post.title) == (FULL, ENTRY_URL, OLD_TITLE)
    # ...and the feed adds what the page lacks.
    assert blog.feeds == feed.feeds


@pytest.mark.parametrize(
    "url",
    [
        "https://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog",
        "http://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog/#comment-1",
        "http://BLOGS.fco.gov.uk:80/roller/hale/entry/the_end_of_this_blog",
        "http://webarchive.nationalarchives.gov.uk/20110107181957/"
        "http://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog",
        "http://another.example/mirror/the_end_of_this_blog",
    ],
)
def test_url_forms_match(url: str) -> None:
    listed = Page(kind="listing", posts=[Post(url=url, title="Other title")])
    assert len(merge([FIRST_CAPTURE, listed]).posts) == 1


def test_different_posts_stay_apart() -> None:
    a = Post(
        url="http://e.org/entry/a", title="Same", published=dt.datetime(2010, 1, 1, tzinfo=UTC)
    )
    b = Post(
        url="http://e.org/entry/b", title="Same", published=dt.datetime(2010, 1, 2, tzinfo=UTC)
    )
    assert len(merge([Blog(posts=[a, b])]).posts) == 2


def test_empty_merge_and_bad_input() -> None:
    assert merge([]) == Blog()
    assert merge([Blog(), Page()]) == Blog()
    with pytest.raises(DiploblogError, match="Page and Blog"):
        merge([Post(title="x")])  # type: ignore[list-item]


def test_edited_content_between_entry_captures_is_reported() -> None:
    edited = Page(
        kind="post",
        url=ENTRY_URL,
        capture=capture(ENTRY_URL, dt.datetime(2012, 1, 1, tzinfo=UTC)),
        posts=[Post(title=OLD_TITLE, published=PUBLISHED, content=FULL + "<p>P.S.</p>")],
    )
    blog = merge([FIRST_CAPTURE, edited])
    assert blog.posts[0].content == FULL + "<p>P.S.</p>"
    assert [w.message.split(":")[0] for w in blog.warnings] == ["content differs between sources"]


# ---------------------------------------------------------------- properties

_WHEN = [
    dt.datetime(2010, 7, 20, 10, 0, tzinfo=BST),
    dt.datetime(2010, 7, 20, 9, 0, tzinfo=UTC),
    dt.datetime(2010, 7, 20, tzinfo=BST),
    dt.datetime(2010, 7, 21, 23, 30, tzinfo=UTC),
]
_URLS = [
    "http://e.org/entry/a",
    "https://e.org/entry/a/",
    "http://e.org/entry/b#c",
    "http://web.archive.org/web/20100101000000/http://e.org/entry/b",
    "http://e.org/other/a",
]
_COMMENTS = [
    Comment(id="c1", content="hi", published=_WHEN[0]),
    Comment(id="c1", content="hi", published=_WHEN[0], author=Author(name="Jo")),
    Comment(id="c2", content="re", in_reply_to="c1"),
    Comment(url="http://e.org/entry/a#c3", content="x"),
    Comment(content="anonymous", author=Author(name="Al")),
]
_TAGS = [
    Tag(term="Blog"),
    Tag(term="blog", label="Blogs"),
    Tag(term="FCO"),
    Tag(term="news", scheme="category"),
]

posts = st.builds(
    Post,
    id=st.sampled_from([None, "1", "2"]),
    url=st.sampled_from([None, *_URLS]),
    title=st.sampled_from([None, "A", "a  ", "B"]),
    published=st.sampled_from([None, *_WHEN]),
    updated=st.sampled_from([None, _WHEN[3]]),
    content=st.sampled_from([None, "", "<p>x</p>", "<p>y</p>", "<p>longer text</p>"]),
    summary=st.sampled_from([None, "s"]),
    tags=st.lists(st.sampled_from(_TAGS), max_size=3),
    comments=st.lists(st.sampled_from(_COMMENTS), max_size=3),
    comment_count=st.sampled_from([None, 0, 4]),
    authors=st.sampled_from([(), (Author(name="Stephen Hale"),), (Author(name="Jo"),)]),
)
blog_parts = st.builds(
    Blog,
    title=st.sampled_from([None, "T", "U"]),
    url=st.sampled_from([None, "http://e.org/"]),
    tags=st.lists(st.sampled_from(_TAGS), max_size=2),
    authors=st.lists(st.sampled_from([HALE, Author(name="stephen hale")]), max_size=2),
)
captures = st.builds(
    Capture,
    archive=st.just(ARCHIVE),
    captured_at=st.sampled_from([None, _WHEN[1], _WHEN[3]]),
)
pages = st.builds(
    Page,
    kind=st.sampled_from(["post", "listing", "tag", "archive"]),
    url=st.sampled_from([None, *_URLS]),
    capture=st.none() | captures,
    blog=st.none() | blog_parts,
    posts=st.lists(posts, max_size=3),
    tag_cloud=st.lists(st.builds(WeightedTag, tag=st.sampled_from(_TAGS)), max_size=2),
    warnings=st.lists(st.builds(ReadWarning, message=st.sampled_from(["w1", "w2"])), max_size=1),
)
blogs = st.builds(
    Blog,
    title=st.sampled_from([None, "T", "V"]),
    url=st.sampled_from([None, "http://e.org/", "https://e.org/"]),
    description=st.sampled_from([None, "d"]),
    posts=st.lists(posts, max_size=3),
    tags=st.lists(st.sampled_from(_TAGS), max_size=2),
)
sources = st.one_of(pages, blogs)


def same(a: Blog, b: Blog) -> bool:
    # repr compares every field, including tag spellings that Tag equality ignores.
    return repr(a) == repr(b)


@settings(max_examples=150, deadline=None)
@given(sources, sources, sources)
def test_merge_is_commutative_and_associative(
    a: Page | Blog, b: Page | Blog, c: Page | Blog
) -> None:
    flat = merge([a, b, c])
    assert same(merge([c, a, b]), flat)
    assert same(merge([b, c, a]), flat)
    assert same(merge([a, merge([b, c])]), flat)
    assert same(merge([merge([a, b]), c]), flat)
    assert same(merge([merge([c, a]), merge([b])]), flat)


@settings(max_examples=150, deadline=None)
@given(sources, sources)
def test_empty_blog_is_identity_and_merge_is_idempotent(a: Page | Blog, b: Page | Blog) -> None:
    once = merge([a, b])
    assert same(merge([a, b, Blog()]), once)
    assert same(merge([once]), once)
    assert same(merge([once, a]), once)
    assert same(merge([once, once, b]), once)
    assert same(merge([Blog()]), Blog())


broad_sources = st.one_of(testing.pages(), testing.blogs(max_posts=2))


@settings(max_examples=60, deadline=None)
@given(broad_sources, broad_sources, broad_sources)
def test_laws_hold_on_arbitrary_model_objects(
    a: Page | Blog, b: Page | Blog, c: Page | Blog
) -> None:
    flat = merge([a, b, c])
    assert same(merge([c, b, a]), flat)
    assert same(merge([a, merge([b, c])]), flat)
    assert same(merge([merge([a, b]), c, Blog()]), flat)
    assert same(merge([flat, b]), flat)


@settings(max_examples=60, deadline=None)
@given(testing.posts())
def test_a_post_alone_keeps_every_field(post: Post) -> None:
    (merged,) = merge([Blog(posts=[post])]).posts
    unordered = {"tags", "comments", "enclosures", "links", "extensions"}
    for field in attrs.fields(Post):
        if field.name not in unordered:
            assert getattr(merged, field.name) == getattr(post, field.name), field.name
    # Tags are united by identity (scheme and slug): of two tags one post holds with
    # the same identity, the first written is kept (Hypothesis found such a post).
    first: dict[Tag, Tag] = {}
    for tag in post.tags:
        first.setdefault(tag, tag)
    assert {repr(t) for t in merged.tags} == {repr(t) for t in first.values()}
    assert {repr(c) for c in merged.comments} == {repr(c) for c in post.comments}
    assert set(merged.links) == set(post.links)
    # Enclosures are united by URL, keeping the most complete (the first on ties).
    best: dict[str, Enclosure] = {}
    for enclosure in post.enclosures:
        held = best.get(enclosure.url)
        if held is None or _completeness(enclosure) > _completeness(held):
            best[enclosure.url] = enclosure
    assert set(merged.enclosures) == set(best.values())
    assert set(merged.extensions) - set(post.extensions) == {
        e for e in merged.extensions if e.namespace == PROVENANCE
    }


def test_a_merged_blog_read_back_from_atom_merges_again() -> None:
    # Regression: the Atom writer fills id and updated, which the merged post's
    # provenance did not record; re-merging failed with "unreadable merge provenance".
    from pathlib import Path

    from diploblog import parse_feed, parse_html, to_atom

    entry = Path(__file__).parents[1] / "examples" / "seed" / "entry.html"
    merged = merge([parse_html(entry.read_bytes())])
    again = merge([parse_feed(to_atom(merged))])
    assert [p.title for p in again.posts] == [p.title for p in merged.posts]
    assert again.posts[0].content == merged.posts[0].content


# ---------------------------------------------------------------- a reduction over pages
# Equality here is model equality of the whole Blog (`==`, provenance records and
# warnings included) and, stronger, equal repr (tag spellings, which Tag equality
# ignores, and datetimes' written offsets).


def equal(a: Blog, b: Blog) -> bool:
    return a == b and repr(a) == repr(b)


def _excerpt(content: str) -> str:
    return content[: max(1, len(content) // 2)] + "..."


@st.composite
def sightings(draw: st.DrawFn, index: int) -> list[Page | Blog]:
    """One post as a scraped blog shows it: entry page captures, listing, tag page, feed."""
    url = f"http://blogs.example.org/roller/hale/entry/post_{index}"
    published = draw(testing.aware_datetimes())
    thread = draw(st.lists(testing.comments(), max_size=3, unique_by=lambda c: c.id or c.url))
    post = Post(
        id=draw(st.sampled_from([None, f"tag:blogs.example.org,2010:{index}"])),
        url=url,
        title=draw(testing.texts(max_words=5)),
        published=published,
        authors=draw(st.lists(testing.authors(), max_size=1)),
        content=draw(testing.html_fragments()),
        tags=draw(st.lists(testing.tags(), max_size=3)),
        comments=thread,
        comment_count=len(thread),
    )
    found: list[Page | Blog] = []
    # The entry page, captured once or twice, each capture with some of the comments
    # (and, perhaps, an edited title).
    for _ in range(draw(st.integers(1, 2))):
        shown = tuple(c for c in thread if draw(st.booleans()))
        title = draw(st.sampled_from([post.title, f"{post.title} (updated)"]))
        when = draw(testing.aware_datetimes())
        found.append(
            Page(
                kind="post",
                url=url,
                capture=Capture(archive=ARCHIVE, original_url=url, captured_at=when),
                posts=[attrs.evolve(post, title=title, comments=shown)],
            )
        )
    if draw(st.booleans()):  # A listing: an excerpt, the day only, an https address.
        day = published.replace(hour=0, minute=0, second=0, microsecond=0)
        listed = Post(
            url=url.replace("http:", "https:") + "/",
            title=post.title,
            published=day,
            content=_excerpt(post.content or ""),
            comment_count=draw(st.sampled_from([None, len(thread) + 1])),
        )
        found.append(
            Page(kind="listing", url="http://blogs.example.org/roller/hale/", posts=[listed])
        )
    if post.tags and draw(st.booleans()):  # A tag page: an excerpt and one tag.
        tagged = attrs.evolve(
            post, content=_excerpt(post.content or ""), comments=(), tags=post.tags[:1]
        )
        found.append(Page(kind="tag", url=post.tags[0].url, posts=[tagged]))
    if draw(st.booleans()):  # A feed with the full text.
        found.append(
            Blog(title="Global conversations", url="http://blogs.example.org/", posts=[post])
        )
    return found


@st.composite
def scraped(draw: st.DrawFn) -> list[Page | Blog]:
    """Every source of a few posts, in any order."""
    sources: list[Page | Blog] = []
    for index in range(draw(st.integers(1, 3))):
        sources.extend(draw(sightings(index)))
    return draw(st.permutations(sources))


def _reduce_in_tree(sources: list[Page | Blog], cuts: list[int]) -> Blog:
    """Merge as a distributed engine would: partitions merged, then results pairwise."""
    bounds = sorted({0, len(sources), *(c % (len(sources) + 1) for c in cuts)})
    partials = [merge(sources[a:b]) for a, b in itertools.pairwise(bounds)]
    while len(partials) > 1:
        partials = [merge(partials[i : i + 2]) for i in range(0, len(partials), 2)]
    return partials[0]


@settings(max_examples=80, deadline=None)
@given(scraped(), st.lists(st.integers(0, 20), max_size=4), st.randoms(use_true_random=False))
def test_merge_of_pages_is_a_reduction(
    sources: list[Page | Blog], cuts: list[int], rng: random.Random
) -> None:
    flat = merge(sources)
    # Order independence (commutativity).
    shuffled = sources[:]
    rng.shuffle(shuffled)
    assert equal(merge(shuffled), flat)
    # Associativity: any partitioning, merged in any tree shape.
    assert equal(_reduce_in_tree(sources, cuts), flat)
    assert equal(_reduce_in_tree(shuffled, cuts[::-1]), flat)
    # Identity: the empty blog changes nothing, alone or beside a partial result.
    assert equal(merge([Blog(), *sources]), flat)
    assert equal(merge([Blog(), flat]), merge([flat]))
    assert equal(merge([flat]), flat)
    # A post seen on several pages is one post, with every comment any capture had.
    assert len(flat.posts) == len({p.url for p in flat.posts})
    for post in flat.posts:
        ids = [c.id for c in post.comments if c.id]
        assert len(ids) == len(set(ids))


def test_a_partial_result_keeps_the_keys_its_post_does_not_show() -> None:
    # The feed links through a redirector and joins the entry by title and day; the
    # merged post shows the entry's URL, yet an aggregator that knows only the
    # redirector address must still join the partial result.
    proxied = "http://feeds.example.org/~r/hale/~3/xyz"
    feed = Blog(
        url="http://feeds.example.org/hale",
        posts=[Post(url=proxied, title=OLD_TITLE, published=PUBLISHED, content=EXCERPT)],
    )
    aggregator = Page(kind="listing", posts=[Post(url=proxied, content="<p>...</p>")])
    flat = merge([FIRST_CAPTURE, feed, aggregator])
    assert len(flat.posts) == 1
    assert equal(merge([merge([FIRST_CAPTURE, feed]), aggregator]), flat)


def test_equal_sources_writing_one_date_two_ways_merge_alike() -> None:
    # Two feeds of equal rank give the same instant in two offsets: the repr decides
    # the kept value, and the other spelling must survive a partial merge so that
    # when an entry page later wins, the warning names the same losing value.
    feed_url = "http://blogs.fco.gov.uk/feed"
    london = Post(url=ENTRY_URL, published=dt.datetime(2010, 7, 20, 10, 0, tzinfo=BST))
    utc = Post(url=ENTRY_URL, published=dt.datetime(2010, 7, 20, 9, 0, tzinfo=UTC))
    a, b = Blog(url=feed_url, posts=[london]), Blog(url=feed_url, posts=[utc])
    entry = Page(
        kind="post", url=ENTRY_URL, posts=[Post(published=dt.datetime(2010, 7, 21, tzinfo=UTC))]
    )
    flat = merge([a, b, entry])
    assert equal(merge([merge([a, b]), entry]), flat)
    assert equal(merge([merge([b, entry]), a]), flat)
    (warning,) = flat.warnings
    assert "not 2010-07-20T10:00:00+01:00" in warning.message


@settings(max_examples=60, deadline=None)
@given(scraped())
def test_identity_and_laws_on_single_sources(sources: list[Page | Blog]) -> None:
    a, *rest = sources
    assert equal(merge([Blog(), a]), merge([a]))
    assert equal(merge([a, Blog()]), merge([a]))
    if rest:
        b = rest[0]
        assert equal(merge([a, b]), merge([b, a]))
        assert equal(merge([merge([a, b]), *rest[1:]]), merge([a, merge(rest)]))


# ---------------------------------------------------------------- where the record goes


@pytest.mark.parametrize("write", ["to_atom", "to_rss", "to_json_feed", "to_wxr"])
def test_feeds_do_not_publish_the_merge_record(write: str) -> None:
    import diploblog
    from diploblog._provenance import without_provenance

    blog = merge(PAGES)
    assert any(e.namespace == PROVENANCE for e in blog.extensions)
    written = getattr(diploblog, write)(blog)
    assert PROVENANCE.encode() not in written
    assert written == getattr(diploblog, write)(without_provenance(blog))
    assert PROVENANCE not in diploblog.to_html(blog)


def test_the_model_json_keeps_the_record_so_partial_results_travel() -> None:
    from diploblog import from_dict, to_dict

    partial = merge(PAGES[:2])
    text = json.dumps(to_dict(partial))
    assert PROVENANCE in text
    restored = from_dict(Blog, json.loads(text))
    assert restored == partial
    assert equal(merge([restored, *PAGES[2:]]), merge(PAGES))
    # Engines that ship partial results between processes pickle them.
    shipped = pickle.loads(pickle.dumps(partial))
    assert equal(merge([shipped, *PAGES[2:]]), merge(PAGES))
