"""Apache Roller 4.0 pages, as its basic theme macros write them."""

from __future__ import annotations

import datetime as dt

import pytest

from diploblog import Page, parse_html

UTC = dt.timezone.utc
BLOG = "http://blogs.example.org/roller/hale/"

ENTRY = f"""<html><head><title>Hale : Hello</title>
<meta name="generator" content="Apache Roller 4.0" /></head><body>
<div class="dayBox"><div class="dayTitle">Tuesday Jul 20, 2010</div>
<div class="entryBox">
  <a name="hello_world" id="hello_world"></a>
  <p class="entryTitle">Hello world</p>
  <p class="entryContent"><b>First</b> words.</p>
  <p class="entryInfo">
    Posted at <a href="{BLOG}entry/hello_world">09:30AM Jul 20, 2010</a>
    by hale in <span class="category">General</span> |&nbsp;
    <a href="{BLOG}entry/hello_world#comments" class="commentsLink">Comments [2]</a>
  </p>
  Tags: <a href="{BLOG}tags/diplomacy" rel="tag">diplomacy</a>
  <a href="{BLOG}tags/digital" rel="tag">digital</a>
</div></div>
<div class="comments" id="comments">
<div class="comments-head">Comments:</div>
<a name="comment-1279640400000" id="comment-1279640400000"></a>
<div class="comment odd" id="comment1">
  <p>Good luck!</p>
  <p class="comment-details">Posted by <a rel="nofollow" href="http://jo.example.org/">Jo</a>
  on July 20, 2010 at 04:40 PM BST
  <a href="{BLOG}entry/hello_world#comment-1279640400000" class="entrypermalink">#</a></p>
</div>
<a name="comment-1279726800000" id="comment-1279726800000"></a>
<div class="comment even" id="comment2"><p>Thanks.</p></div>
</div>
<div class="next-previous">&laquo; <a href="{BLOG}entry/older_one">Older one</a> |
<a href="{BLOG}">Main</a> | <a href="{BLOG}entry/newer_one">Newer one</a> &raquo;</div>
<ul class="rCommentsList"><li class="recentcomments">
<a href="{BLOG}entry/hello_world#comment-1279640400000"><b>Jo</b>:</a> Good luck!</li></ul>
<div class="tags"><a class="tag s1" href="{BLOG}tags/a" title="1">a</a>
<a class="tag s5" href="{BLOG}tags/b" title="40">b</a></div>
</body></html>"""


@pytest.fixture(scope="module")
def entry_page() -> Page:
    return parse_html(ENTRY, url=BLOG + "entry/hello_world")


def test_entry_fields(entry_page: Page) -> None:
    assert entry_page.kind == "post"
    (post,) = entry_page.posts
    assert post.title == "Hello world"
    assert post.url == BLOG + "entry/hello_world"
    assert post.content == "<b>First</b> words."
    assert post.authors[0].name == "hale"
    assert post.published is not None
    assert (post.published.date(), post.published.hour, post.published.minute) == (
        dt.date(2010, 7, 20),
        9,
        30,
    )
    assert [t.term for t in post.tags] == ["diplomacy", "digital"]
    assert post.comment_count == 2


def test_comments_with_and_without_visible_dates(entry_page: Page) -> None:
    first, second = entry_page.posts[0].comments
    assert first.id == "comment-1279640400000"
    assert first.author is not None
    assert (first.author.name, first.author.url) == ("Jo", "http://jo.example.org/")
    # "04:40 PM BST" is 15:40 UTC.
    assert first.published == dt.datetime(2010, 7, 20, 15, 40, tzinfo=UTC)
    assert "Good luck!" in first.content
    assert "Posted by" not in first.content
    # No details shown: the anchor's epoch milliseconds give the time (2010-07-21 15:40 UTC).
    assert second.published == dt.datetime(2010, 7, 21, 15, 40, tzinfo=UTC)
    assert second.author is None
    assert second.url == BLOG + "entry/hello_world#comment-1279726800000"


def test_previous_and_next_entries(entry_page: Page) -> None:
    links = {(link.rel, link.url) for link in entry_page.links}
    assert ("prev", BLOG + "entry/older_one") in links
    assert ("next", BLOG + "entry/newer_one") in links


def test_recent_comments_and_tag_cloud(entry_page: Page) -> None:
    (recent,) = entry_page.recent_comments
    assert recent.id == "comment-1279640400000"
    assert recent.author is not None
    assert recent.author.name == "Jo"
    assert recent.content == "Good luck!"
    assert [(w.tag.term, w.step, w.count, w.weight) for w in entry_page.tag_cloud] == [
        ("a", 1, 1, 0.0),
        ("b", 5, 40, 1.0),
    ]


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("date/201007", "archive"),
        ("date/20100720", "archive"),
        ("tags/digital", "tag"),
        ("page/about", "other"),
    ],
)
def test_page_kinds_come_from_roller_addresses(path: str, kind: str) -> None:
    boxes = "".join(
        f'<div class="entryBox"><a name="e{i}"></a><p class="entryTitle">E{i}</p>'
        f'<p class="entryContent">Text {i}</p>'
        f'<p class="entryInfo">Posted 2{i} July 2010 by Stephen Hale</p></div>'
        for i in range(2)
    )
    page = parse_html(
        f"<html><body>{boxes if kind != 'other' else ''}</body></html>", url=BLOG + path
    )
    assert page.kind == kind
    if kind != "other":
        assert [p.url for p in page.posts] == [BLOG + "entry/e0", BLOG + "entry/e1"]


def test_a_front_page_is_a_listing() -> None:
    boxes = "".join(
        f'<div class="entryBox"><p class="entryTitle"><a href="{BLOG}entry/e{i}">E{i}</a></p>'
        f'<p class="entryContent">T</p></div>'
        for i in range(3)
    )
    page = parse_html(f"<html><body>{boxes}</body></html>", url=BLOG)
    assert page.kind == "listing"
    assert [p.title for p in page.posts] == ["E0", "E1", "E2"]


def test_pages_roller_did_not_write_are_left_to_other_layers() -> None:
    page = parse_html("<html><body><p class='entryTitle'>x</p></body></html>", url="http://e.org/")
    assert page.posts == ()
