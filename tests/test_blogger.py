"""Tests for reading Blogger exports (diploblog._blogger)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from diploblog import Author, Tag, parse_feed
from diploblog._blogger import read_blogger
from diploblog._errors import UnsupportedFormatError
from diploblog.wxr import read_wxr, to_wxr

EXPORT = Path(__file__).parent / "data" / "blogger" / "export.xml"
BST = dt.timezone(dt.timedelta(hours=1))


def test_export_reads_posts_not_settings_or_template() -> None:
    blog = read_blogger(EXPORT.read_bytes())
    assert [p.title for p in blog.posts] == ["The end of this blog", "Unfinished thoughts"]
    assert blog.title == "Global conversations"
    assert blog.description == "Digital diplomacy from London"
    assert blog.url == "http://globalconversations.blogspot.com/"
    assert blog.warnings == ()


def test_post_fields_and_labels() -> None:
    post = read_blogger(EXPORT.read_bytes()).posts[0]
    assert post.id == "tag:blogger.com,1999:blog-7001.post-1001"
    assert post.url == "http://globalconversations.blogspot.com/2010/07/end-of-this-blog.html"
    assert post.published == dt.datetime(2010, 7, 20, 14, 5, tzinfo=BST)
    assert post.content == "<p>Thanks for reading.</p>"
    assert [t.term for t in post.tags] == ["digital diplomacy", "blogs"]
    assert post.tags[0] == Tag(term="Digital Diplomacy", scheme="http://www.blogger.com/atom/ns#")
    assert post.authors == (
        Author(name="Stephen Hale", url="https://www.blogger.com/profile/1234"),
    )
    assert post.comment_count == 3
    assert post.status == "publish"


def test_comments_are_attached_and_threaded() -> None:
    blog = read_blogger(EXPORT.read_bytes())
    comments = blog.posts[0].comments
    assert [c.id for c in comments] == ["2001", "2002", "2003"]
    assert [c.in_reply_to for c in comments] == [None, "2001", None]
    assert comments[0].author == Author(name="Jo", url="http://jo.example.org/")
    assert comments[2].author is None
    assert comments[1].published == dt.datetime(2010, 7, 20, 17, tzinfo=BST)
    assert blog.posts[1].comments == ()


def test_draft_status() -> None:
    assert read_blogger(EXPORT.read_bytes()).posts[1].status == "draft"


def test_to_wordpress() -> None:
    blog = read_wxr(to_wxr(read_blogger(EXPORT.read_bytes())))
    post = blog.posts[0]
    assert post.title == "The end of this blog"
    assert [c.in_reply_to for c in post.comments] == [None, "2001", None]
    assert blog.posts[1].status == "draft"


def test_missing_post_and_parent_warn() -> None:
    text = EXPORT.read_text(encoding="utf-8")
    orphaned = text.replace("comments/default/2001'/><author>", "comments/default/1999'/><author>")
    blog = read_blogger(orphaned)
    assert [c.id for c in blog.posts[0].comments] == ["2001", "2002", "2003"]
    assert any("'1999'" in w.message for w in blog.warnings)
    lost_post = text.replace(
        "<entry><id>tag:blogger.com,1999:blog-7001.post-1001</id>", "<entry><id>x</id>"
    )
    blog = read_blogger(lost_post)
    assert len([w for w in blog.warnings if "not in the export" in w.message]) == 3


def test_bad_date_keeps_post() -> None:
    text = EXPORT.read_text(encoding="utf-8").replace(
        "<published>2010-07-20T14:05:00.000+01:00", "<published>someday"
    )
    blog = read_blogger(text)
    assert blog.posts[0].published is None
    assert any("someday" in w.message for w in blog.warnings)


def test_not_atom() -> None:
    with pytest.raises(UnsupportedFormatError):
        read_blogger(b"<rss/>")


def test_parse_feed_detects_a_blogger_export() -> None:
    assert parse_feed(EXPORT.read_bytes()) == read_blogger(EXPORT.read_bytes())
