"""The seed page, rebuilt in examples/seed/ as Roller 4.0 wrote it and the archives kept it.

Every field the seed shows is asserted against the seed's own text (../shared/seed),
and every archive family's capture of the entry page must read to the same post,
with nothing of the archive left anywhere in the model.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from diploblog import Page, parse_html, to_dict

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed"
UKGWA = (
    "http://webarchive.nationalarchives.gov.uk/20110107181957/http:/blogs.fco.gov.uk/roller/hale/"
)
BLOG = "http://blogs.fco.gov.uk/roller/hale/"
ENTRY = BLOG + "entry/the_end_of_this_blog"
CLOUD = [
    "blog",
    "blogs",
    "campaign",
    "campaigns",
    "community",
    "debate",
    "design",
    "digital",
    "diplomacy",
    "duncan",
    "engagement",
    "evaluation",
    "foreign",
    "job",
    "john",
    "kent",
    "londonsummit",
    "policy",
    "summit",
    "twitter",
]
DESCRIPTION = (
    "A blog about digital diplomacy - our efforts to help solve foreign policy problems "
    "through digital engagement."
)
# The same entry page as each archive family serves it: file, address, archive, time.
FAMILIES = [
    ("entry.html", UKGWA + "entry/the_end_of_this_blog", "UK Government Web Archive",
     dt.datetime(2011, 1, 7, 18, 19, 57, tzinfo=dt.timezone.utc)),
    ("captures/wayback.html",
     "https://web.archive.org/web/20100722093512/" + ENTRY, "Wayback Machine",
     dt.datetime(2010, 7, 22, 9, 35, 12, tzinfo=dt.timezone.utc)),
    ("captures/wayback-relative.html", None, "Wayback Machine",
     dt.datetime(2010, 7, 22, 9, 35, 12, tzinfo=dt.timezone.utc)),
    ("captures/pywb.html",
     "https://archive.example.ac.uk/blogs/20100722093512mp_/" + ENTRY, "pywb",
     dt.datetime(2010, 7, 22, 9, 35, 12, tzinfo=dt.timezone.utc)),
    ("captures/archive-it.html",
     "https://wayback.archive-it.org/2135/20100722093512/" + ENTRY, "Archive-It",
     dt.datetime(2010, 7, 22, 9, 35, 12, tzinfo=dt.timezone.utc)),
]  # fmt: skip
LEFTOVERS = (
    "webarchive.nationalarchives",
    "web.archive.org",
    "archive.org/",
    "archive-it.org",
    "archive.example.ac.uk",
    "/20110107181957",
    "/20100722093512",
    "ARCHIVED CONTENT",
    "Wayback",
    "WAYBACK",
    "wombat",
    "__wm",
    "wbinfo",
    "FILE ARCHIVED",
    "wm-ipp",
    "webArchiveInfobox",
    "snapshot",
    "National Archives",
    "captured from",
    "WB Insert",
)


def _read(name: str, url: str | None) -> Page:
    return parse_html((SEED / name).read_bytes(), url=url)


def _seed_paragraphs(seed_text: str) -> list[str]:
    body = seed_text.split("Posted 20 July 2010 by Stephen Hale", 1)[1]
    body = body.split("Stephen Hale\n20 July 2010", 1)[0]
    return [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]


def _content_paragraphs(content: str) -> list[str]:
    root = lxml.html.fragment_fromstring(content, create_parent="div")
    return [" ".join(p.text_content().split()) for p in root.iter("p")]


@pytest.fixture(scope="module")
def entry() -> Page:
    return _read("entry.html", UKGWA + "entry/the_end_of_this_blog")


def test_the_entry_page_shows_the_blog(entry: Page) -> None:
    assert entry.kind == "post"
    assert entry.blog is not None
    assert entry.blog.title == "Global conversations"
    assert entry.blog.description == DESCRIPTION
    feeds = {link.type: link.url for link in entry.blog.feeds}
    assert feeds["application/rss+xml"] == BLOG + "feed/entries/rss"


def test_the_entry_page_shows_the_post_and_its_author(entry: Page) -> None:
    (post,) = entry.posts
    assert post.title == "The end of this blog"
    assert post.url == ENTRY
    assert post.published is not None
    assert post.published.date() == dt.date(2010, 7, 20)
    (author,) = post.authors
    assert (author.name, author.role, author.location) == (
        "Stephen Hale",
        "Head of Engagement, Digital Diplomacy",
        "London",
    )


def test_the_body_holds_every_paragraph_of_the_seed_in_order(entry: Page, seed_text: str) -> None:
    expected = _seed_paragraphs(seed_text)
    assert len(expected) == 17
    content = entry.posts[0].content
    assert content is not None
    found = _content_paragraphs(content)
    assert found[:-1] == expected
    assert found[-1] == "Stephen Hale 20 July 2010"
    assert "Share this" not in content
    assert "<form" not in content


def test_the_tag_cloud_has_the_seeds_20_tags_in_order(entry: Page, seed_text: str) -> None:
    cloud_line = seed_text.split("Tag cloud", 1)[1].strip().splitlines()[0]
    assert [w.tag.term for w in entry.tag_cloud] == cloud_line.split() == CLOUD
    assert all(w.step is not None and 1 <= w.step <= 5 for w in entry.tag_cloud)
    by_term = {w.tag.term: w for w in entry.tag_cloud}
    assert by_term["digital"].weight == 1.0
    assert by_term["debate"].weight == 0.0
    assert by_term["twitter"].tag.url == BLOG + "tags/twitter"


def test_the_capture_is_known(entry: Page) -> None:
    assert entry.capture is not None
    assert entry.capture.archive == "UK Government Web Archive"
    assert entry.capture.original_url == ENTRY
    assert entry.capture.captured_at == dt.datetime(2011, 1, 7, 18, 19, 57, tzinfo=dt.timezone.utc)
    assert entry.url == ENTRY


def test_the_sidebars_are_read(entry: Page) -> None:
    assert [link.title for link in entry.featured] == [
        "How we use Twitter at the Foreign Office",
        "Blogging diplomats: one year on",
        "The London Summit online",
    ]
    assert all(link.url.startswith(BLOG + "entry/") for link in entry.featured)
    assert [c.id for c in entry.recent_comments] == [
        "comment-1279640400000",
        "comment-1278604800000",
    ]
    first = entry.recent_comments[0]
    assert first.author is not None
    assert first.author.name == "Jo Smith"
    # 1279640400000 ms after the epoch is 2010-07-20 15:40 UTC.
    assert first.published == dt.datetime(2010, 7, 20, 15, 40, tzinfo=dt.timezone.utc)


def test_the_front_page_lists_several_entries() -> None:
    page = _read("front.html", UKGWA)
    assert page.kind == "listing"
    assert page.url == BLOG
    assert [p.title for p in page.posts] == [
        "The end of this blog",
        "Evaluating digital engagement: what we count",
        "Twitter at the G20 summit",
    ]
    assert [p.published.date() for p in page.posts if p.published] == [
        dt.date(2010, 7, 20),
        dt.date(2010, 7, 8),
        dt.date(2010, 6, 28),
    ]
    assert page.posts[2].url == BLOG + "entry/twitter_at_the_g20_summit"
    assert [t.term for t in page.posts[2].tags] == ["twitter", "summit", "diplomacy"]


def test_the_tag_page() -> None:
    page = _read("tag.html", UKGWA + "tags/twitter")
    assert page.kind == "tag"
    assert page.url == BLOG + "tags/twitter"
    assert all("twitter" in {t.term for t in post.tags} for post in page.posts)
    assert len(page.posts) == 2


def test_the_about_page_has_the_cloud_and_best_bits() -> None:
    page = _read("about.html", UKGWA + "page/about")
    assert page.kind == "other"
    assert page.posts == ()
    assert [w.tag.term for w in page.tag_cloud] == CLOUD
    assert len(page.featured) == 3
    assert page.blog is not None
    assert page.blog.title == "Global conversations"


@pytest.mark.parametrize(("name", "url", "archive", "when"), FAMILIES, ids=lambda v: str(v))
def test_every_archive_family_reads_to_the_same_post(
    name: str, url: str | None, archive: str, when: dt.datetime, seed_text: str
) -> None:
    page = _read(name, url)
    assert page.capture is not None
    assert (page.capture.archive, page.capture.captured_at) == (archive, when)
    assert page.capture.original_url == ENTRY
    assert page.url == ENTRY
    (post,) = page.posts
    assert (post.title, post.url) == ("The end of this blog", ENTRY)
    assert post.content is not None
    assert _content_paragraphs(post.content)[:-1] == _seed_paragraphs(seed_text)
    assert 'href="' + BLOG + 'entry/our_social_media_presence"' in post.content


def _strings(value: Any, path: str = "") -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in _strings(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [s for index, item in enumerate(value) for s in _strings(item, f"{path}[{index}]")]
    return []


ALL_PAGES = [(name, url) for name, url, _, _ in FAMILIES] + [
    ("front.html", UKGWA),
    ("tag.html", UKGWA + "tags/twitter"),
    ("about.html", UKGWA + "page/about"),
]


@pytest.mark.parametrize(("name", "url"), ALL_PAGES, ids=lambda v: str(v))
def test_nothing_of_the_archive_survives_anywhere_in_the_model(name: str, url: str | None) -> None:
    model = to_dict(_read(name, url))
    assert model.pop("capture")
    strings = _strings(model)
    assert len(strings) > 50
    left = [(path, marker) for path, text in strings for marker in LEFTOVERS if marker in text]
    assert left == []
