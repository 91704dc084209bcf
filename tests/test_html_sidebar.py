"""Sidebars and profile boxes, read from pages of any engine."""

from __future__ import annotations

import lxml.html
import pytest

from diploblog import Page, parse_html
from diploblog.html._sidebar import is_chrome

POST = """<html><head><title>Notes</title></head><body>
<div id="header"><h1 class="site-title">Notes from the field</h1>
<p class="site-description">A diplomat writes.</p></div>
<article class="h-entry"><h2 class="p-name">A day in Kabul</h2>
<time class="dt-published" datetime="2010-07-20T10:00:00Z">20 July 2010</time>
<div class="e-content"><p>Body.</p>
<div class="sharing"><p>Share this with:</p><a href="http://twitter.com/share">Twitter</a></div>
</div></article>
<aside>
<div class="author-box"><img src="/me.jpg" alt=""><strong>Jane Doe</strong><br>
Ambassador</div>
<h3>Popular tags</h3>
<p><a href="/t/a" style="font-size: 8pt" title="1 topic">a</a>
<a href="/t/b" style="font-size: 15pt" title="12 topics">b</a>
<a href="/t/c" style="font-size: 22pt" title="40 topics">c</a></p>
<h3>Featured</h3><ul><li><a href="/best">The best one</a></li></ul>
<h3>Latest comments</h3><ul><li><a href="/post#comment-5">Ann</a> on A day</li></ul>
</aside></body></html>"""


@pytest.fixture(scope="module")
def page() -> Page:
    return parse_html(POST, url="http://notes.example.org/2010/07/kabul")


def test_profile_box_completes_the_author(page: Page) -> None:
    (author,) = page.posts[0].authors
    assert (author.name, author.role, author.location) == ("Jane Doe", "Ambassador", None)
    assert author.avatar == "http://notes.example.org/me.jpg"


def test_blog_title_and_description(page: Page) -> None:
    assert page.blog is not None
    assert page.blog.title == "Notes from the field"
    assert page.blog.description == "A diplomat writes."


def test_font_size_cloud_with_topic_counts(page: Page) -> None:
    cloud = page.tag_cloud
    assert [(w.tag.term, w.count, w.size) for w in cloud] == [
        ("a", 1, 8.0),
        ("b", 12, 15.0),
        ("c", 40, 22.0),
    ]
    # sizes 8..22pt: 15pt sits halfway
    assert [w.weight for w in cloud] == [0.0, 0.5, 1.0]


def test_featured_and_recent_comments(page: Page) -> None:
    assert [(f.title, f.url) for f in page.featured] == [
        ("The best one", "http://notes.example.org/best")
    ]
    (comment,) = page.recent_comments
    assert comment.id == "comment-5"
    assert comment.published is None  # too short to be epoch milliseconds
    assert comment.author is not None
    assert comment.author.name == "Ann"


def test_share_links_are_not_part_of_the_content() -> None:
    assert is_chrome(lxml.html.fromstring('<div class="addthis_toolbox">x</div>'))
    assert is_chrome(lxml.html.fromstring("<form><input></form>"))
    assert not is_chrome(lxml.html.fromstring('<div class="entry">x</div>'))
