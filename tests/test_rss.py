"""The direct RSS reader: RSS 0.90-2.0 and RSS 1.0 (RDF) into the model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from diploblog import Author, Blog, Enclosure, Extension, Link, Tag
from diploblog._xml import parse_xml
from diploblog.rss import read_rss

FEEDS = Path(__file__).parent / "data" / "feeds"
UTC = dt.timezone.utc
BST = dt.timezone(dt.timedelta(hours=1))


def read(name: str, url: str | None = None) -> Blog:
    return read_rss(parse_xml((FEEDS / name).read_bytes(), where=name), url=url)


def rss(items: str, channel: str = "", namespaces: str = "") -> Blog:
    data = (
        f'<rss version="2.0" {namespaces}><channel><title>T</title>{channel}{items}</channel></rss>'
    ).encode()
    return read_rss(parse_xml(data, where="test"), url=None)


@pytest.fixture(scope="module")
def wordpress() -> Blog:
    return read("wordpress-rss2.xml")


class TestWordPressRss2:
    def test_channel(self, wordpress: Blog) -> None:
        assert wordpress.title == "Global conversations"
        assert wordpress.url == "https://blogs.example.org/hale"
        assert wordpress.description == "Stephen Hale on digital diplomacy"
        assert wordpress.language == "en-GB"  # written en_GB
        assert wordpress.rights == "Crown copyright"
        assert wordpress.generator == "https://wordpress.org/?v=3.0"
        assert wordpress.logo == "https://blogs.example.org/hale/logo.png"
        assert wordpress.authors == (Author(name="Stephen Hale", email="hale@example.org"),)
        assert wordpress.updated == dt.datetime(2010, 7, 20, 14, 5, tzinfo=BST)
        assert wordpress.updated.utcoffset() == dt.timedelta(hours=1)
        assert wordpress.warnings == ()

    def test_atom_links(self, wordpress: Blog) -> None:
        assert wordpress.feeds == (
            Link(
                url="https://blogs.example.org/hale/feed/",
                rel="self",
                type="application/rss+xml",
            ),
        )
        assert wordpress.links == (Link(url="https://pubsubhubbub.appspot.com/", rel="hub"),)

    def test_unknown_channel_elements_are_kept(self, wordpress: Blog) -> None:
        sy = "http://purl.org/rss/1.0/modules/syndication/"
        assert wordpress.extensions == (
            Extension(namespace=sy, name="updatePeriod", text="hourly"),
            Extension(namespace=sy, name="updateFrequency", text="1"),
            Extension(namespace="", name="ttl", text="60"),
        )

    def test_items_in_order(self, wordpress: Blog) -> None:
        assert [p.title for p in wordpress.posts] == [
            "The end of this blog",
            "Digital diplomacy in Whitehall",
            "Hello",
        ]

    def test_full_item(self, wordpress: Blog) -> None:
        post = wordpress.posts[0]
        base = "https://blogs.example.org/hale/2010/07/20/the-end-of-this-blog/"
        assert post.id == "https://blogs.example.org/hale/?p=412"
        assert post.url == base
        assert post.published == dt.datetime(2010, 7, 20, 13, 5, tzinfo=UTC)
        assert post.published.utcoffset() == dt.timedelta(hours=1)
        assert post.authors == (Author(name="Stephen Hale"),)
        assert post.summary == "This is my last post on this blog. [&#8230;]"
        assert post.content == (
            "<p>This is my last post on this blog.</p>\n<p>Thank you for reading.</p>"
        )
        assert post.comments_url == base + "#comments"
        assert post.comments_feed_url == base + "feed/"
        assert post.comment_count == 7
        assert [t.term for t in post.tags] == ["Digital diplomacy", "fco"]
        assert post.tags[1].scheme == "https://blogs.example.org/hale/tag/"
        assert post.tags[0].scheme is None
        assert post.extensions == ()

    def test_enclosure_and_media_content_merge_by_url(self, wordpress: Blog) -> None:
        assert wordpress.posts[0].enclosures == (
            Enclosure(
                url="https://blogs.example.org/hale/files/farewell.mp3",
                type="audio/mpeg",
                length=123456,
                duration=95,
            ),
        )

    def test_media_content_with_more_than_an_enclosure_holds_is_also_kept(
        self, wordpress: Blog
    ) -> None:
        post = wordpress.posts[1]
        url = "https://blogs.example.org/hale/files/whitehall.jpg"
        assert post.enclosures == (Enclosure(url=url, title="Whitehall"),)
        assert [(e.namespace, e.name) for e in post.extensions] == [
            ("http://search.yahoo.com/mrss/", "content")
        ]
        assert ("medium", "image") in post.extensions[0].attributes

    def test_permalink_guid(self, wordpress: Blog) -> None:
        # isPermaLink defaults to true; a link, when present, still gives the URL.
        second, third = wordpress.posts[1], wordpress.posts[2]
        assert (
            second.id
            == second.url
            == ("https://blogs.example.org/hale/2010/07/12/digital-diplomacy/")
        )
        assert third.url == "https://blogs.example.org/hale/2010/07/01/hello/"

    def test_description_only_is_summary(self, wordpress: Blog) -> None:
        assert wordpress.posts[2].summary == "Hello, world."
        assert wordpress.posts[2].content is None

    def test_rss_author_is_email_and_name(self, wordpress: Blog) -> None:
        assert wordpress.posts[2].authors == (
            Author(name="Stephen Hale", email="hale@example.org"),
        )


@pytest.fixture(scope="module")
def rdf() -> Blog:
    return read("rss1-rdf.xml")


class TestRss1:
    def test_channel(self, rdf: Blog) -> None:
        assert rdf.id == "https://blogs.example.org/hale/index.rdf"
        assert rdf.title == "Global conversations"
        assert rdf.url == "https://blogs.example.org/hale/"
        assert rdf.language == "en-gb"
        assert rdf.rights == "Crown copyright"
        assert rdf.authors == (Author(name="Stephen Hale"),)
        assert rdf.updated == dt.datetime(2010, 7, 20, 14, 5, tzinfo=BST)
        assert rdf.logo == "https://blogs.example.org/hale/logo.png"

    def test_structural_rdf_elements_are_not_extensions(self, rdf: Blog) -> None:
        assert [e.name for e in rdf.extensions] == ["updatePeriod"]

    def test_items(self, rdf: Blog) -> None:
        first, second = rdf.posts
        assert first.id == "https://blogs.example.org/hale/entry/the_end_of_this_blog"
        assert first.url == first.id
        assert first.published == dt.datetime(2010, 7, 20, 14, 5, tzinfo=BST)
        assert first.content == "<p>This is my last post on this blog.</p>"
        assert first.summary == "This is my last post on this blog."
        assert [t.term for t in first.tags] == ["Digital diplomacy", "Blogging"]
        assert second.published is not None
        assert second.published.utcoffset() == dt.timedelta(hours=-4)


@pytest.fixture(scope="module")
def netscape() -> Blog:
    return read("rss091-netscape.xml")


class TestRss091:
    def test_latin1_and_doctype(self, netscape: Blog) -> None:
        assert netscape.title == "Café diplomacy"
        assert netscape.posts[0].summary is not None
        assert netscape.posts[0].summary.endswith("Café au lait à volonté.")
        assert netscape.posts[1].summary == "Crêpes on Fridays."
        assert netscape.warnings == ()

    def test_managing_editor_email_only(self, netscape: Blog) -> None:
        assert netscape.authors == (Author(email="editor@example.org"),)

    def test_image_with_size_gives_logo_and_is_kept(self, netscape: Blog) -> None:
        assert netscape.logo == "http://blogs.example.org/cafe/logo.gif"
        image = next(e for e in netscape.extensions if e.name == "image")
        assert [c.name for c in image.children] == ["title", "url", "link", "width", "height"]

    def test_core_elements_without_field_are_kept(self, netscape: Blog) -> None:
        names = [e.name for e in netscape.extensions]
        assert names == ["webMaster", "rating", "image", "skipDays"]
        skip = netscape.extensions[3]
        assert [(c.name, c.text) for c in skip.children] == [
            ("day", "Saturday"),
            ("day", "Sunday"),
        ]


class TestItemDetails:
    def test_bad_date_is_a_warning_and_the_rest_is_read(self) -> None:
        blog = rss(
            "<item><title>a</title><pubDate>Tue, 20 Jul 2010 14:05:00 GMT</pubDate></item>"
            "<item><title>b</title><pubDate>not a date</pubDate></item>"
            "<item><title>c</title><pubDate>Thu, 22 Jul 2010 14:05:00 GMT</pubDate></item>"
        )
        assert [p.title for p in blog.posts] == ["a", "b", "c"]
        assert blog.posts[1].published is None
        assert blog.posts[2].published == dt.datetime(2010, 7, 22, 14, 5, tzinfo=UTC)
        assert len(blog.warnings) == 1
        assert blog.warnings[0].where == "/rss/channel/item[2]/pubDate"

    def test_date_without_zone_is_utc_with_warning(self) -> None:
        blog = rss("<item><pubDate>20 Jul 2010 14:05:00</pubDate></item>")
        assert blog.posts[0].published == dt.datetime(2010, 7, 20, 14, 5, tzinfo=UTC)
        assert "no time zone" in blog.warnings[0].message

    def test_invalid_language_is_dropped_with_warning(self) -> None:
        blog = rss("", channel="<language>English (UK)</language>")
        assert blog.language is None
        assert blog.warnings[0].where == "/rss/channel/language"

    def test_guid_not_permalink_gives_no_url(self) -> None:
        blog = rss('<item><guid isPermaLink="false">https://example.org/?p=1</guid></item>')
        assert blog.posts[0].id == "https://example.org/?p=1"
        assert blog.posts[0].url is None

    def test_dc_date_and_dcterms_modified(self) -> None:
        blog = rss(
            "<item><dc:date>2010-07-20T14:05:00+01:00</dc:date>"
            "<dcterms:modified>2010-07-21T10:00:00Z</dcterms:modified></item>",
            namespaces='xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/"',
        )
        post = blog.posts[0]
        assert post.published == dt.datetime(2010, 7, 20, 14, 5, tzinfo=BST)
        assert post.updated == dt.datetime(2010, 7, 21, 10, 0, tzinfo=UTC)

    def test_second_single_valued_element_is_kept_as_extension(self) -> None:
        blog = rss("<item><link>https://a.example/1</link><link>https://a.example/2</link></item>")
        assert blog.posts[0].url == "https://a.example/1"
        assert blog.posts[0].extensions == (
            Extension(namespace="", name="link", text="https://a.example/2"),
        )

    def test_bad_comment_count_is_warning(self) -> None:
        blog = rss(
            "<item><slash:comments>many</slash:comments></item>",
            namespaces='xmlns:slash="http://purl.org/rss/1.0/modules/slash/"',
        )
        assert blog.posts[0].comment_count is None
        assert blog.warnings[0].where == "/rss/channel/item/slash:comments"
        assert blog.posts[0].extensions[0].name == "comments"

    def test_thr_total_and_item_language(self) -> None:
        blog = rss(
            '<item xml:lang="fr_FR"><thr:total>12</thr:total></item>',
            namespaces='xmlns:thr="http://purl.org/syndication/thread/1.0"',
        )
        assert blog.posts[0].comment_count == 12
        assert blog.posts[0].language == "fr-FR"

    def test_dc_subject_and_category_domain(self) -> None:
        blog = rss(
            '<item><category domain="http://www.dmoz.org">Top/News</category>'
            "<dc:subject>diplomacy</dc:subject></item>",
            namespaces='xmlns:dc="http://purl.org/dc/elements/1.1/"',
        )
        assert [(t.term, t.scheme) for t in blog.posts[0].tags] == [
            ("Top/News", "http://www.dmoz.org"),
            ("diplomacy", None),
        ]
        assert blog.posts[0].tags[1] == Tag(term="Diplomacy")

    def test_relative_links_resolve_against_document_url(self) -> None:
        data = (
            b"<rss><channel><link>/blog/</link><item><link>2010/07/end</link>"
            b'<enclosure url="../files/a.mp3" type="audio/mpeg" length="12"/></item>'
            b"</channel></rss>"
        )
        blog = read_rss(parse_xml(data, where="t"), url="https://example.org/blog/feed/")
        assert blog.url == "https://example.org/blog/"
        assert blog.posts[0].url == "https://example.org/blog/feed/2010/07/end"
        assert blog.posts[0].enclosures[0].url == "https://example.org/blog/files/a.mp3"

    def test_xml_base_on_item(self) -> None:
        blog = rss('<item xml:base="https://other.example/x/"><link>y</link></item>')
        assert blog.posts[0].url == "https://other.example/x/y"

    def test_unusable_url_is_warning(self) -> None:
        blog = rss("<item><title>a</title><link>http:no-host</link></item>")
        assert blog.posts[0].url is None
        assert "no host" in blog.warnings[0].message

    def test_url_with_spaces_is_cleaned(self) -> None:
        blog = rss("<item><link> https://example.org/a b </link></item>")
        assert blog.posts[0].url == "https://example.org/a%20b"

    def test_enclosure_without_url_is_warning_and_kept(self) -> None:
        blog = rss('<item><enclosure type="audio/mpeg" length="1"/></item>')
        assert blog.posts[0].enclosures == ()
        assert blog.posts[0].extensions[0].name == "enclosure"
        assert blog.warnings[0].where == "/rss/channel/item/enclosure"

    def test_media_group(self) -> None:
        blog = rss(
            '<item><media:group><media:content url="https://e.example/a.mp4" '
            'type="video/mp4" fileSize="99" duration="12.5"/>'
            '<media:content url="https://e.example/a.webm" type="video/webm"/>'
            "</media:group></item>",
            namespaces='xmlns:media="http://search.yahoo.com/mrss/"',
        )
        assert blog.posts[0].enclosures == (
            Enclosure(url="https://e.example/a.mp4", type="video/mp4", length=99, duration=12),
            Enclosure(url="https://e.example/a.webm", type="video/webm"),
        )
        assert blog.posts[0].extensions == ()

    def test_channel_pub_date_without_last_build_date(self) -> None:
        blog = rss("", channel="<pubDate>Tue, 20 Jul 2010 14:05:00 +0100</pubDate>")
        assert blog.updated == dt.datetime(2010, 7, 20, 14, 5, tzinfo=BST)
        assert blog.extensions == ()

    def test_channel_pub_date_with_last_build_date_is_kept(self) -> None:
        blog = rss(
            "",
            channel="<pubDate>Mon, 19 Jul 2010 10:00:00 GMT</pubDate>"
            "<lastBuildDate>Tue, 20 Jul 2010 14:05:00 +0100</lastBuildDate>",
        )
        assert blog.updated == dt.datetime(2010, 7, 20, 14, 5, tzinfo=BST)
        assert blog.extensions == (
            Extension(namespace="", name="pubDate", text="Mon, 19 Jul 2010 10:00:00 GMT"),
        )

    def test_xhtml_body(self) -> None:
        blog = rss(
            '<item><body xmlns="http://www.w3.org/1999/xhtml"><p>Hi <b>there</b></p>'
            "<p>Two</p></body></item>"
        )
        assert blog.posts[0].content == "<p>Hi <b>there</b></p><p>Two</p>"

    def test_rss090(self) -> None:
        data = (
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            b'xmlns="http://my.netscape.com/rdf/simple/0.9/">'
            b"<channel><title>Old</title><link>http://old.example/</link></channel>"
            b"<item><title>One</title><link>http://old.example/1</link></item>"
            b"<textinput><title>Search</title></textinput></rdf:RDF>"
        )
        blog = read_rss(parse_xml(data, where="t"), url=None)
        assert blog.title == "Old"
        assert [(p.title, p.url) for p in blog.posts] == [("One", "http://old.example/1")]
        assert [e.name for e in blog.extensions] == ["textinput"]
