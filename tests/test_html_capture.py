"""Web-archive captures: recognised by address or content, undone before the layers run."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.provisional import urls

from diploblog import parse_html
from diploblog.html._capture import original_url, unwrap

ORIGINAL = "http://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog"
UTC = dt.timezone.utc


@pytest.mark.parametrize(
    ("archived", "original"),
    [
        # the UKGWA collapses the double slash, and sometimes drops the scheme
        ("http://webarchive.nationalarchives.gov.uk/20110107181957/http:/blogs.fco.gov.uk/a",
         "http://blogs.fco.gov.uk/a"),
        ("https://webarchive.nationalarchives.gov.uk/ukgwa/20110107181957mp_/"
         "http://blogs.fco.gov.uk/a", "http://blogs.fco.gov.uk/a"),
        ("http://webarchive.nationalarchives.gov.uk/20110107181957/blogs.fco.gov.uk/a?b=1", "http://blogs.fco.gov.uk/a?b=1"),
        ("https://web.archive.org/web/20100722093512/http://blogs.fco.gov.uk/", "http://blogs.fco.gov.uk/"),
        ("https://web.archive.org/web/20100722093512id_/https://example.org/x", "https://example.org/x"),
        ("https://web.archive.org/web/20100722093512im_/http://example.org/a.png", "http://example.org/a.png"),
        ("https://web.archive.org/web/20100722093512js_/http://example.org/a.js", "http://example.org/a.js"),
        ("https://web.archive.org/web/20100722093512cs_/http://example.org/a.css", "http://example.org/a.css"),
        ("https://web.archive.org/web/20100722093512if_/http://example.org/f", "http://example.org/f"),
        ("https://web.archive.org/web/20100722093512oe_/http://example.org/o", "http://example.org/o"),
        ("https://web.archive.org/web/20100722093512fw_/http://example.org/w", "http://example.org/w"),
        ("https://wayback.archive-it.org/2135/20100722093512/http://example.org/", "http://example.org/"),
        ("https://archive.example.ac.uk/blogs/20100722093512mp_/http://example.org/", "http://example.org/"),
    ],
)  # fmt: skip
def test_original_url_undoes_each_archive_form(archived: str, original: str) -> None:
    assert original_url(archived) == original


@pytest.mark.parametrize(
    "url",
    [
        "http://blogs.fco.gov.uk/roller/hale/date/201007",
        "http://example.org/20110107181957/notahost",
        "https://web.archive.org/web/2010/http://example.org/",  # not a 14-digit stamp
        "",
    ],
)
def test_original_url_leaves_other_addresses_alone(url: str) -> None:
    assert original_url(url) is None


@given(
    original=urls().filter(lambda u: u.startswith(("http://", "https://"))),
    modifier=st.sampled_from(["", "id_", "im_", "js_", "cs_", "if_", "oe_", "fw_", "mp_"]),
)
def test_any_wayback_address_gives_back_its_original(original: str, modifier: str) -> None:
    assert original_url(f"https://web.archive.org/web/20100722093512{modifier}/{original}") == (
        original
    )


WAYBACK_PAGE = """<html><head><script src="//archive.org/includes/athena.js"></script>
<script type="text/javascript">
  __wm.init("https://web.archive.org/web");
  __wm.wombat("http://example.org/post","20100722093512","https://web.archive.org/","web","/_static/",
      "1279791312");
</script>
<link rel="stylesheet" type="text/css" href="/_static/css/banner-styles.css?v=S1zqJCYt" />
<!-- End Wayback Rewrite JS Include -->
<title>A post</title>
<link rel="alternate" type="application/rss+xml"
 href="/web/20100722093512/http://example.org/feed" />
</head><body>
<!-- BEGIN WAYBACK TOOLBAR INSERT -->
<div id="wm-ipp-base"><div id="wm-ipp">Wayback Machine toolbar: 3 captures</div></div>
<div id="wm-ipp-print">The Wayback Machine - https://web.archive.org/web/20100722093512/http://example.org/post</div>
<!-- END WAYBACK TOOLBAR INSERT -->
<article class="h-entry"><h1 class="p-name">A post</h1>
<div class="e-content"><p>See <a href="/web/20100722093512/http://example.org/other">this</a>
<img src="/web/20100722093512im_/http://example.org/a.png" alt="" /></p></div></article>
</body></html>
<!--
     FILE ARCHIVED ON 09:35:12 Jul 22, 2010 AND RETRIEVED FROM THE
     INTERNET ARCHIVE ON 14:02:11 Mar 03, 2024.
-->"""


def test_a_wayback_capture_is_recognised_from_its_content_alone() -> None:
    page = parse_html(WAYBACK_PAGE)
    assert page.capture is not None
    assert page.capture.archive == "Wayback Machine"
    assert page.capture.original_url == "http://example.org/post"
    assert page.capture.captured_at == dt.datetime(2010, 7, 22, 9, 35, 12, tzinfo=UTC)
    assert page.url == "http://example.org/post"
    content = page.posts[0].content or ""
    assert 'href="http://example.org/other"' in content
    assert 'src="http://example.org/a.png"' in content
    assert page.blog is not None
    assert [f.url for f in page.blog.feeds] == ["http://example.org/feed"]


def test_unwrap_removes_everything_the_wayback_machine_inserted() -> None:
    doc = lxml.html.document_fromstring(WAYBACK_PAGE)
    unwrap(doc, None)
    markup = lxml.html.tostring(doc, encoding="unicode")
    for marker in ("wm-ipp", "__wm", "_static", "TOOLBAR", "FILE ARCHIVED", "athena", "Wayback"):
        assert marker not in markup
    assert "A post" in markup


def test_a_pywb_capture_is_recognised_from_its_wb_insert() -> None:
    page = parse_html(
        "<html><head><!-- WB Insert --><script>wbinfo = {}; "
        'wbinfo.url = "http://example.org/post"; wbinfo.timestamp = "20100722093512";'
        '</script><script src="/static/wombat.js"></script><!-- End WB Insert -->'
        '<title>Hi</title></head><body><p><a href="/coll/20100722093512mp_/http://example.org/b">'
        "b</a></p></body></html>"
    )
    assert page.capture is not None
    assert (page.capture.archive, page.capture.original_url) == ("pywb", "http://example.org/post")
    assert page.capture.captured_at == dt.datetime(2010, 7, 22, 9, 35, 12, tzinfo=UTC)


def test_ukgwa_banner_title_prefix_and_schemeless_links_are_undone() -> None:
    archived = "http://webarchive.nationalarchives.gov.uk/20110107181957/" + ORIGINAL
    page = parse_html(
        "<html><head><title>[ARCHIVED CONTENT] The end of this blog</title></head><body>"
        '<div id="webArchiveInfobox">This is a snapshot taken on 07/01/2011.</div>'
        '<article class="h-entry"><h1 class="p-name">The end of this blog</h1>'
        '<div class="e-content"><p><a href="/20110107181957/blogs.fco.gov.uk/roller/hale/">'
        "home</a></p></div></article></body></html>",
        url=archived,
    )
    assert page.capture is not None
    assert page.capture.archive == "UK Government Web Archive"
    assert page.capture.archive_url == archived
    assert page.posts[0].title == "The end of this blog"
    assert page.posts[0].url == ORIGINAL
    assert 'href="http://blogs.fco.gov.uk/roller/hale/"' in (page.posts[0].content or "")


def test_ukgwa_capture_found_by_its_banner_and_canonical_link() -> None:
    page = parse_html(
        "<html><head><title>[ARCHIVED CONTENT] Hello</title><link rel=canonical "
        'href="http://webarchive.nationalarchives.gov.uk/20110107181957/http:/example.org/h">'
        '</head><body><div id="webArchiveInfobox">Archived</div><p>Hi</p></body></html>'
    )
    assert page.capture is not None
    assert page.capture.original_url == "http://example.org/h"
    assert page.url == "http://example.org/h"


def test_relative_links_in_a_capture_resolve_against_the_original() -> None:
    page = parse_html(
        '<article class="h-entry"><h1 class="p-name">T</h1><div class="e-content">'
        '<a href="../tags/blog">blog</a></div></article>',
        url="https://web.archive.org/web/20100722093512/http://example.org/entry/t",
    )
    assert 'href="http://example.org/tags/blog"' in (page.posts[0].content or "")


def test_a_live_page_is_not_a_capture() -> None:
    html = '<html><head><title>Live</title></head><body><p id="wm-x">Hi</p></body></html>'
    assert parse_html(html, url="http://example.org/20100722093512").capture is None
    doc = lxml.html.document_fromstring("<p><a href='/a'>a</a></p>")
    assert unwrap(doc, "http://example.org/") is None
    assert [a.get("href") for a in doc.iter("a")] == ["/a"]
