import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from diploblog import Author, Comment, DiploblogError, Post, Tag
from diploblog.archive import (
    Archive,
    Pagination,
    by_day,
    by_month,
    by_week,
    by_year,
    neighbours,
    paginate,
    permalink,
    recent_comments,
    related,
    roller_anchor,
    roller_permalink,
    search,
)

UTC = dt.timezone.utc
LONDON = ZoneInfo("Europe/London")
AUCKLAND = ZoneInfo("Pacific/Auckland")


def at(*args: int, tz: dt.tzinfo = UTC) -> dt.datetime:
    return dt.datetime(*args).replace(tzinfo=tz)  # type: ignore[arg-type]


def post(name: str, when: dt.datetime | None = None, **fields: object) -> Post:
    return Post(id=name, title=name, published=when, **fields)  # type: ignore[arg-type]


# ---------------------------------------------------------------- grouping


def test_london_late_evening_on_31_july_is_july() -> None:
    late = post("late", at(2010, 7, 31, 23, 30, tz=LONDON))
    assert late.published is not None
    assert late.published.astimezone(UTC) == at(2010, 7, 31, 22, 30)
    for tz in (None, LONDON, UTC):
        assert [g.key for g in by_month([late], tz=tz)] == [(2010, 7)]


def test_utc_written_post_is_filed_in_the_blogs_zone_when_given() -> None:
    # 23:30 UTC on 31 July is 00:30 on 1 August in London (BST, UTC+1).
    written_utc = post("utc", at(2010, 7, 31, 23, 30))
    assert [g.key for g in by_month([written_utc])] == [(2010, 7)]
    assert [g.key for g in by_month([written_utc], tz=LONDON)] == [(2010, 8)]
    assert [g.key for g in by_day([written_utc], tz=LONDON)] == [(2010, 8, 1)]


def test_new_year_in_auckland_versus_utc() -> None:
    # 11:30 UTC on 31 December 2010 is 00:30 on 1 January 2011 in Auckland (NZDT, UTC+13).
    party = post("party", at(2010, 12, 31, 11, 30))
    assert [g.key for g in by_year([party], tz=AUCKLAND)] == [(2011,)]
    assert [g.key for g in by_year([party], tz=UTC)] == [(2010,)]
    assert [g.key for g in by_year([party])] == [(2010,)]
    written_there = post("there", at(2011, 1, 1, 0, 30, tz=AUCKLAND))
    assert [g.key for g in by_year([written_there])] == [(2011,)]
    assert [g.key for g in by_month([written_there], tz=UTC)] == [(2010, 12)]


def test_iso_weeks_across_years() -> None:
    posts = [
        post("a", at(2009, 12, 31)),  # Thursday: 2009-W53
        post("b", at(2010, 1, 3)),  # Sunday: still 2009-W53
        post("c", at(2010, 1, 4)),  # Monday: 2010-W01
        post("d", at(2008, 12, 29)),  # Monday: 2009-W01
    ]
    archive = by_week(posts)
    assert [(g.label, g.count) for g in archive] == [
        ("2010-W01", 1),
        ("2009-W53", 2),
        ("2009-W01", 1),
    ]
    assert [p.id for p in archive[1].posts] == ["b", "a"]
    assert (archive[1].start, archive[1].end) == (dt.date(2009, 12, 28), dt.date(2010, 1, 3))
    assert archive[2].start == dt.date(2008, 12, 29)


def test_groups_order_counts_and_oldest_first() -> None:
    posts = [
        post("jan", at(2010, 1, 5)),
        post("jul1", at(2010, 7, 20, 9)),
        post("jul2", at(2010, 7, 20, 9)),
        post("dec", at(2009, 12, 31)),
    ]
    archive = by_month(posts)
    assert [(g.key, g.count) for g in archive] == [((2010, 7), 2), ((2010, 1), 1), ((2009, 12), 1)]
    # Posts at the same moment go by id in either direction.
    assert [p.id for p in archive[0].posts] == ["jul1", "jul2"]
    assert archive[0].label == "2010-07"
    assert (archive[0].start, archive[0].end) == (dt.date(2010, 7, 1), dt.date(2010, 7, 31))
    assert by_month(posts)[2].end == dt.date(2009, 12, 31)
    oldest = by_month(posts, newest_first=False)
    assert [g.key for g in oldest] == [(2009, 12), (2010, 1), (2010, 7)]
    assert [p.id for p in oldest[2].posts] == ["jul1", "jul2"]
    assert [g.label for g in by_day(posts)] == ["2010-07-20", "2010-01-05", "2009-12-31"]


def test_updated_stands_in_and_undated_posts_are_kept_apart() -> None:
    revised = Post(title="revised", updated=at(2010, 3, 1))
    lost = Post(title="lost")
    archive = by_year([lost, revised])
    assert isinstance(archive, Archive)
    assert [(g.key, [p.title for p in g.posts]) for g in archive] == [((2010,), ["revised"])]
    assert archive.undated == (lost,)
    assert sum(g.count for g in archive) + len(archive.undated) == 2


def test_empty_archive() -> None:
    archive = by_month([])
    assert len(archive) == 0
    assert archive.undated == ()


# ---------------------------------------------------------------- pagination


def test_empty_list_has_one_empty_page() -> None:
    pages: Pagination[int] = paginate([], 10)
    assert isinstance(pages, Pagination)
    assert (pages.count, pages.num_pages, list(pages.page_range)) == (0, 1, [1])
    first = pages.page(1)
    assert first.items == ()
    assert (first.start_index, first.end_index) == (0, 0)
    assert not first.has_next
    assert not first.has_previous
    with pytest.raises(DiploblogError, match="no page 2"):
        pages.page(2)


def test_orphans_join_the_last_page() -> None:
    items = list(range(1, 24))
    pages = paginate(items, 10, orphans=3)
    assert pages.num_pages == 2
    last = pages.page(2)
    assert last.items == tuple(range(11, 24))
    assert (last.start_index, last.end_index) == (11, 23)
    four = paginate(list(range(1, 25)), 10, orphans=3)
    assert [len(p.items) for p in four] == [10, 10, 4]


def test_orphans_on_a_single_page() -> None:
    pages = paginate([1, 2, 3], 2, orphans=1)
    assert pages.num_pages == 1
    assert pages.page(1).items == (1, 2, 3)


def test_middle_and_last_page() -> None:
    pages = paginate(list("abcdefg"), 3)
    middle, last = pages.page(2), pages.page(3)
    assert middle.items == ("d", "e", "f")
    assert (middle.has_previous, middle.has_next) == (True, True)
    assert (middle.previous_number, middle.next_number) == (1, 3)
    assert (middle.start_index, middle.end_index) == (4, 6)
    assert last.items == ("g",)
    assert (last.next_number, last.previous_number) == (None, 2)
    assert (last.start_index, last.end_index) == (7, 7)
    assert list(last.page_range) == [1, 2, 3]
    assert (last.count, last.num_pages) == (7, 3)
    assert paginate(list("abcdefg"), 3, page=3) == last


@pytest.mark.parametrize("number", [0, -1, 4, True, "2"])
def test_out_of_range_page(number: object) -> None:
    with pytest.raises(DiploblogError):
        paginate(list("abcdefg"), 3, page=number)  # type: ignore[call-overload]


@pytest.mark.parametrize(("per_page", "orphans"), [(0, 0), (-1, 0), (2, -1), (1.5, 0)])
def test_bad_sizes(per_page: object, orphans: object) -> None:
    with pytest.raises(DiploblogError):
        paginate([1], per_page, orphans=orphans)  # type: ignore[call-overload]


# ---------------------------------------------------------------- neighbours


def test_neighbours_with_equal_dates_skip_nothing() -> None:
    noon = at(2010, 7, 20, 12)
    b, a, c = post("b", noon), post("a", noon), post("c", noon)
    early, late = post("early", at(2010, 7, 19)), post("late", at(2010, 7, 21))
    everything = [late, c, undated := Post(title="undated"), a, early, b]
    order = [early, a, b, c, late]
    for index, current in enumerate(order):
        before = order[index - 1] if index else None
        after = order[index + 1] if index + 1 < len(order) else None
        assert neighbours(everything, current) == (before, after)
    with pytest.raises(DiploblogError, match="no date"):
        neighbours(everything, undated)
    with pytest.raises(DiploblogError, match="not among"):
        neighbours([a, b], c)


def test_neighbour_ties_fall_to_url_then_title() -> None:
    noon = at(2010, 7, 20, 12)
    x = Post(url="https://e.org/x", title="z", published=noon)
    y1 = Post(url="https://e.org/y", title="a", published=noon)
    y2 = Post(url="https://e.org/y", title="b", published=noon)
    assert neighbours([y2, x, y1], y1) == (x, y2)


def test_neighbours_of_identical_posts_use_identity() -> None:
    noon = at(2010, 7, 20, 12)
    first, second = Post(title="same", published=noon), Post(title="same", published=noon)
    prev, nxt = neighbours([first, second], second)
    assert prev is first
    assert nxt is None


# ---------------------------------------------------------------- permalinks

ENTRY = Post(
    id="42",
    title="The end of this blog",
    published=at(2010, 7, 20, 9, 5, 7, tz=LONDON),
    authors=[Author(name="Stephen Hale")],
    tags=[Tag(term="Blogs", scheme="post_tag"), Tag(term="Digital Diplomacy", scheme="category")],
)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("/%year%/%monthnum%/%day%/%postname%/", "/2010/07/20/the-end-of-this-blog/"),
        ("/%year%/%monthnum%/%day%/%hour%%minute%%second%/", "/2010/07/20/090507/"),
        ("/archives/%post_id%", "/archives/42"),
        ("/%category%/%postname%.html", "/digital-diplomacy/the-end-of-this-blog.html"),
        ("/%author%/%year%/", "/stephen-hale/2010/"),
        ("/roller/hale/entry/%roller_anchor%", "/roller/hale/entry/the_end_of_this_blog"),
    ],
)
def test_wordpress_patterns(pattern: str, expected: str) -> None:
    assert permalink(ENTRY, pattern) == expected


def test_permalink_base_url_zone_and_slug() -> None:
    assert (
        permalink(ENTRY, "/%year%/%postname%/", base_url="https://blogs.fco.gov.uk/")
        == "https://blogs.fco.gov.uk/2010/the-end-of-this-blog/"
    )
    assert permalink(ENTRY, "%hour%", tz=UTC) == "08"  # 09:05 BST is 08:05 UTC
    slugged = Post(title="Ignored title", slug="my-slug", published=at(2010, 7, 20))
    assert permalink(slugged, "/%postname%/") == "/my-slug/"
    uncategorised = Post(title="x", tags=[Tag(term="first"), Tag(term="second")])
    assert permalink(uncategorised, "/%category%/") == "/first/"


def test_permalink_values_cannot_break_the_path() -> None:
    odd = Post(id="tag:example.org,2010:/entry/1?x#y", title="t")
    assert permalink(odd, "/p/%post_id%") == "/p/tag:example.org,2010:%2Fentry%2F1%3Fx%23y"


@pytest.mark.parametrize(
    ("post_", "token"),
    [
        (Post(title="no date"), "%year%"),
        (Post(published=at(2010, 1, 1)), "%postname%"),
        (Post(title="no id"), "%post_id%"),
        (Post(title="nobody"), "%author%"),
        (Post(title="untagged"), "%category%"),
    ],
)
def test_missing_data_names_the_token(post_: Post, token: str) -> None:
    pattern = {"%year%": "/%year%/", "%postname%": "/%postname%/"}.get(token, f"/{token}/")
    with pytest.raises(DiploblogError, match=token):
        permalink(post_, pattern)


def test_unknown_token_is_named() -> None:
    with pytest.raises(DiploblogError, match="%postslug%"):
        permalink(ENTRY, "/%postslug%/")


@pytest.mark.parametrize(
    ("title", "anchor"),
    [
        ("The end of this blog", "the_end_of_this_blog"),
        ("Twitter, Facebook & the FCO: what's next for us?", "twitter_facebook_the_fco_what"),
        ("  G8/G20 summit -- Muskoka, Toronto!  ", "g8_g20_summit_muskoka_toronto"),
        ("Ça va? Größe", "ça_va_größe"),
        ("Россия и Британия", "россия_и_британия"),
        ("2010: year one", "2010_year_one"),
    ],
)
def test_roller_anchor_rule(title: str, anchor: str) -> None:
    assert roller_anchor(title) == anchor


def test_roller_anchor_fallbacks_and_duplicates() -> None:
    assert roller_anchor("?!", text="<p>Hello world</p>") == "p_hello_world_p"
    assert roller_anchor(None, published=at(2010, 7, 20)) == "20100720"
    taken = {"the_end", "the_end1"}
    assert roller_anchor("The end", taken=taken) == "the_end2"
    assert roller_anchor("The end", separator="-") == "the-end"
    with pytest.raises(DiploblogError):
        roller_anchor("...")


def test_roller_permalink() -> None:
    assert (
        roller_permalink(ENTRY, "hale", "http://blogs.fco.gov.uk")
        == "http://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog"
    )
    assert roller_permalink(ENTRY, "hale") == "/roller/hale/entry/the_end_of_this_blog"
    with pytest.raises(DiploblogError):
        roller_permalink(ENTRY, "a/b")


# ---------------------------------------------------------------- recent comments


def test_recent_comments_newest_first_across_posts() -> None:
    one = Post(
        id="p1",
        comments=[
            Comment(id="c1", published=at(2010, 7, 20, 10)),
            Comment(id="c3", published=at(2010, 7, 20, 12)),
            Comment(id="undated"),
        ],
    )
    two = Post(
        id="p2",
        comments=[
            Comment(id="c2", published=at(2010, 7, 20, 11)),
            Comment(id="c0", published=at(2010, 7, 20, 12)),
        ],
    )
    got = recent_comments([one, two], n=10)
    assert [(pc.comment.id, pc.post.id) for pc in got] == [
        ("c0", "p2"),
        ("c3", "p1"),
        ("c2", "p2"),
        ("c1", "p1"),
        ("undated", "p1"),
    ]
    assert [pc.comment.id for pc in recent_comments([two, one], n=2)] == ["c0", "c3"]
    assert recent_comments([one], n=0) == ()
    with pytest.raises(DiploblogError):
        recent_comments([one], n=-1)


# ---------------------------------------------------------------- related


def test_related_by_shared_tags() -> None:
    fco, digital, blogs = Tag(term="FCO"), Tag(term="Digital Diplomacy"), Tag(term="blogs")
    me = Post(id="me", tags=[fco, digital, blogs])
    two_old = Post(id="two-old", tags=[fco, digital], published=at(2009, 1, 1))
    two_new = Post(
        id="two-new", tags=[Tag(term="digital-diplomacy"), fco], published=at(2010, 1, 1)
    )
    one_a = Post(id="one-a", tags=[blogs])
    one_b = Post(id="one-b", tags=[blogs])
    other_scheme = Post(id="scheme", tags=[Tag(term="FCO", scheme="category")])
    copy_of_me = Post(id="me", title="same id", tags=[fco])
    candidates = [one_b, me, other_scheme, two_old, one_a, copy_of_me, two_new]
    assert [p.id for p in related(me, candidates)] == ["two-new", "two-old", "one-a", "one-b"]
    assert [p.id for p in related(me, candidates, k=1)] == ["two-new"]
    with pytest.raises(DiploblogError):
        related(me, candidates, k=-2)


# ---------------------------------------------------------------- search


def test_search_ranks_title_over_tag_over_body() -> None:
    posts = [
        Post(id="body", content="<p>The <em>Foreign</em> Office blogs</p>"),
        Post(id="tag", tags=[Tag(term="Foreign Office")], content="<p>blogs</p>"),
        Post(id="title", title="Foreign office blogs"),
        Post(id="missing", title="Foreign affairs"),
        Post(id="script", content="<script>office foreign blogs</script>"),
    ]
    assert [p.id for p in search(posts, "foreign OFFICE blogs")] == ["title", "tag", "body"]


def test_search_ties_newest_first_and_unicode_words() -> None:
    old = Post(id="old", title="Straße in Moskau", published=at(2009, 1, 1))
    new = Post(id="new", title="STRASSE", content="<p>Москва</p>", published=at(2010, 1, 1))
    assert [p.id for p in search([old, new], "strasse")] == ["new", "old"]
    assert [p.id for p in search([old, new], "москва")] == ["new"]
    assert [p.id for p in search([old, new], "don't")] == []
    assert search([Post(title="Don\u2019t panic")], "dont")[0].title == "Don\u2019t panic"


def test_search_needs_words() -> None:
    with pytest.raises(DiploblogError):
        search([], " ?! ")
