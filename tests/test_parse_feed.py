"""parse_feed: format detection, the two paths, bad input, and URL resolution helpers."""

from __future__ import annotations

import codecs
import datetime as dt
import sys
from pathlib import Path

import pytest

from diploblog import (
    Blog,
    DiploblogError,
    ParseError,
    UnsafeInputError,
    UnsupportedFormatError,
)
from diploblog._detect import detect_format
from diploblog._parse_feed import parse_feed
from diploblog._urls import clean_url, rebase, resolve_url

FEEDS = Path(__file__).parent / "data" / "feeds"
RSS_HEAD = b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">'


class TestDetectFormat:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("wordpress-rss2.xml", "rss"),
            ("rss1-rdf.xml", "rdf"),
            ("rss091-netscape.xml", "rss"),
            ("atom10-threading.xml", "atom"),
            ("atom10-comments.xml", "atom"),
            ("atom03.xml", "atom03"),
        ],
    )
    def test_fixtures(self, name: str, expected: str) -> None:
        assert detect_format((FEEDS / name).read_bytes()) == expected

    def test_wxr(self) -> None:
        data = b'<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel/></rss>'
        assert detect_format(data) == "wxr"

    def test_blogger_export(self) -> None:
        data = (
            b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><category "
            b"scheme='http://schemas.google.com/g/2005#kind' "
            b"term='http://schemas.google.com/blogger/2008/kind#post'/></entry></feed>"
        )
        assert detect_format(data) == "blogger"

    def test_prefixed_atom_root(self) -> None:
        assert detect_format(b'<a:feed xmlns:a="http://www.w3.org/2005/Atom"/>') == "atom"

    def test_json_feed(self) -> None:
        assert detect_format(b' {"version":"https://jsonfeed.org/version/1","items":[]}') == (
            "jsonfeed"
        )

    @pytest.mark.parametrize(
        "bom_encoding", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")]
    )
    def test_byte_order_marks(self, bom_encoding: tuple[bytes, str]) -> None:
        bom, encoding = bom_encoding
        data = bom + '<rss version="2.0"><channel/></rss>'.encode(encoding)
        assert detect_format(data) == "rss"

    def test_utf16_without_bom(self) -> None:
        data = '<?xml version="1.0" encoding="utf-16be"?><rss/>'.encode("utf-16-be")
        assert detect_format(data) == "rss"

    @pytest.mark.parametrize("encoding", ["utf-32-be", "utf-32-le"])
    def test_utf32_without_bom(self, encoding: str) -> None:
        data = f'<?xml version="1.0" encoding="{encoding}"?><rss/>'.encode(encoding)
        assert detect_format(data) == "rss"

    @pytest.mark.parametrize(
        "root",
        [
            b"<feed><title>No namespace</title></feed>",
            b'<feed xmlns="http://purl.org/echo/"/>',
            b"<CHANNEL HREF='http://example.org/'/>",
        ],
    )
    def test_dialects_for_the_tolerant_path(self, root: bytes) -> None:
        assert detect_format(root) == "loose"

    def test_prolog_with_comments_and_doctype(self) -> None:
        data = (
            b'<?xml version="1.0"?>\n<!-- <html> in a comment -->\n'
            b'<!DOCTYPE rss SYSTEM "x.dtd">\n<?xml-stylesheet href="s.xsl"?>\n<rss/>'
        )
        assert detect_format(data) == "rss"

    def test_json_that_is_not_a_feed(self) -> None:
        with pytest.raises(UnsupportedFormatError, match="not a JSON Feed"):
            detect_format(b'{"name": "not a feed"}')

    def test_xml_that_is_not_a_feed(self) -> None:
        with pytest.raises(UnsupportedFormatError, match="<svg") as info:
            detect_format(b'<svg xmlns="http://www.w3.org/2000/svg"/>', where="pic.svg")
        assert info.value.where == "pic.svg"


class TestBadInput:
    @pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "", "  "])
    def test_empty(self, data: bytes | str) -> None:
        with pytest.raises(ParseError, match="empty") as info:
            parse_feed(data, url="https://example.org/feed")
        assert info.value.where == "https://example.org/feed"

    @pytest.mark.parametrize(
        "data",
        [
            b"<!DOCTYPE html><html><head><title>Blog</title></head><body></body></html>",
            b"<html><body><p>Hello</p></body></html>",
            b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
            b"\n\n<!doctype HTML>\n<p>hi",
        ],
    )
    def test_html(self, data: bytes) -> None:
        with pytest.raises(UnsupportedFormatError, match=r"HTML.*parse_html"):
            parse_feed(data)

    @pytest.mark.parametrize(
        "data",
        [
            bytes(range(256)) * 4,
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        ],
    )
    def test_binary_junk(self, data: bytes) -> None:
        with pytest.raises(UnsupportedFormatError, match=r"binary|not a feed"):
            parse_feed(data)

    def test_plain_text(self) -> None:
        with pytest.raises(UnsupportedFormatError, match="XML or JSON expected"):
            parse_feed(b"Just some words about a blog.")

    def test_truncated_xml_goes_to_tolerant_path(self) -> None:
        data = RSS_HEAD + b"<channel><title>T</title><item><title>One</title></item><item><ti"
        blog = parse_feed(data)
        assert blog.title == "T"
        assert blog.posts[0].title == "One"
        assert any("not well-formed" in w.message for w in blog.warnings)

    def test_truncated_to_nothing_but_a_start_tag(self) -> None:
        with pytest.raises(DiploblogError):
            parse_feed(b"<rss")

    def test_billion_laughs(self) -> None:
        data = (
            b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
            b' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n'
            b'<rss version="2.0"><channel><title>&lol2;</title></channel></rss>'
        )
        with pytest.raises(UnsafeInputError, match="'lol'") as info:
            parse_feed(data, url="https://evil.example/feed")
        assert info.value.where == "https://evil.example/feed"
        assert info.value.line == 3

    def test_external_entity(self) -> None:
        data = (
            b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
            b'<rss version="2.0"><channel><title>&xxe;</title></channel></rss>'
        )
        with pytest.raises(UnsafeInputError, match="external entity 'xxe'"):
            parse_feed(data)

    def test_parameter_entity(self) -> None:
        data = (
            b'<!DOCTYPE rss [<!ENTITY % dtd SYSTEM "http://evil.example/x.dtd"> %dtd;]>'
            b'<rss version="2.0"><channel/></rss>'
        )
        with pytest.raises(UnsafeInputError, match="dtd"):
            parse_feed(data)

    def test_external_dtd_is_read_without_loading(self, tmp_path: Path) -> None:
        dtd = tmp_path / "x.dtd"
        dtd.write_text('<!ENTITY title "from the DTD">', encoding="utf-8")
        data = (
            f'<!DOCTYPE rss SYSTEM "{dtd.as_uri()}"><rss version="2.0"><channel>'
            "<title>Plain</title></channel></rss>"
        ).encode()
        assert parse_feed(data).title == "Plain"

    def test_unsafe_input_is_never_handed_to_the_tolerant_path(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import diploblog._tolerant as tolerant

        def refuse(data: bytes, *, url: str | None = None) -> Blog:
            raise AssertionError("unsafe input reached feedparser")

        monkeypatch.setattr(tolerant, "read_with_feedparser", refuse)
        # Not well-formed as well as unsafe: still refused, not passed on.
        data = b'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel>&xxe;'
        with pytest.raises(UnsafeInputError):
            parse_feed(data)

    def test_bad_date_on_one_item_is_a_warning(self) -> None:
        data = RSS_HEAD + (
            b"<channel><title>T</title>"
            b"<item><title>a</title><pubDate>Tue, 20 Jul 2010 14:05:00 +0100</pubDate></item>"
            b"<item><title>b</title><pubDate>32 Jul 2010</pubDate></item>"
            b"<item><title>c</title></item></channel></rss>"
        )
        blog = parse_feed(data)
        assert [p.title for p in blog.posts] == ["a", "b", "c"]
        assert blog.posts[1].published is None
        assert len(blog.warnings) == 1
        assert blog.warnings[0].where == "/rss/channel/item[2]/pubDate"


class TestPaths:
    def test_direct_path_for_each_fixture(self) -> None:
        for path in sorted(FEEDS.glob("*.xml")):
            blog = parse_feed(path.read_bytes())
            assert blog.posts, path.name
            assert not any("tolerant" in w.message for w in blog.warnings), path.name

    def test_not_well_formed_goes_to_tolerant_path(self) -> None:
        data = RSS_HEAD + (
            b"<channel><title>Caf&eacute; diplomacy</title>"
            b"<item><title>One&nbsp;two</title><link>https://example.org/1</link></item>"
            b"</channel></rss>"
        )
        blog = parse_feed(data, url="https://example.org/feed")
        assert blog.posts[0].url == "https://example.org/1"
        first = blog.warnings[0]
        assert "eacute" in first.message
        assert "tolerant" in first.message
        # "&eacute;" starts at column 38 of line 2; libxml2 reports where it stopped, after it.
        place, _, column = (first.where or "").rpartition(", column ")
        assert place == "https://example.org/feed, line 2"
        assert int(column) >= 38

    def test_without_tolerant_reader_the_syntax_error_is_raised(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "diploblog._tolerant", None)
        with pytest.raises(ParseError, match="nbsp") as info:
            parse_feed(RSS_HEAD + b"<channel><title>a&nbsp;b</title></channel></rss>")
        assert info.value.line == 2

    def test_userland_namespaced_rss_is_read_directly(self) -> None:
        data = (
            b'<rss xmlns="http://backend.userland.com/rss2" version="2.0"><channel>'
            b"<title>NS</title><item><title>One</title></item></channel></rss>"
        )
        blog = parse_feed(data)
        assert blog.title == "NS"
        assert [p.title for p in blog.posts] == ["One"]
        assert blog.warnings == ()

    def test_dialect_without_direct_reader_goes_to_tolerant_path(self) -> None:
        data = (
            b'<feed version="0.3"><title>Example Atom</title>'
            b"<entry><id>right</id><title>One</title></entry></feed>"
        )
        blog = parse_feed(data)
        assert blog.title == "Example Atom"
        assert blog.warnings[0].message.startswith("a feed dialect the direct readers do not")

    def test_json_feed(self) -> None:
        data = (
            b'{"version": "https://jsonfeed.org/version/1.1", "title": "J", '
            b'"items": [{"id": "1", "url": "https://example.org/1", "content_html": "<p>x</p>"}]}'
        )
        blog = parse_feed(data)
        assert blog.title == "J"
        assert blog.posts[0].url == "https://example.org/1"

    def test_without_json_reader_json_feed_is_unsupported(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "diploblog.jsonfeed._reader", None)
        with pytest.raises(UnsupportedFormatError, match="JSON Feed"):
            parse_feed(b'{"version": "https://jsonfeed.org/version/1.1", "items": []}')

    def test_str_input_ignores_declared_encoding(self) -> None:
        text = (
            '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel>'
            "<title>Ελληνικά café</title></channel></rss>"
        )
        assert parse_feed(text).title == "Ελληνικά café"

    def test_wxr_is_read_as_rss_for_now(self) -> None:
        data = (
            b'<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
            b"<title>Export</title><wp:wxr_version>1.2</wp:wxr_version>"
            b"<item><title>P</title><wp:post_id>7</wp:post_id></item></channel></rss>"
        )
        blog = parse_feed(data)
        assert blog.title == "Export"
        assert blog.posts[0].extensions[0].name == "post_id"

    def test_utf16_feed(self) -> None:
        text = (
            '<?xml version="1.0" encoding="UTF-16"?>'
            '<rss version="2.0"><channel><title>Ü</title></channel></rss>'
        )
        assert parse_feed(text.encode("utf-16")).title == "Ü"

    def test_dates_are_aware_and_keep_offset(self) -> None:
        blog = parse_feed((FEEDS / "rss1-rdf.xml").read_bytes())
        offsets = [p.published.utcoffset() for p in blog.posts if p.published]
        assert offsets == [dt.timedelta(hours=1), dt.timedelta(hours=-4)]


class TestUrls:
    def test_clean(self) -> None:
        assert clean_url("  https://example.org/a b  ") == "https://example.org/a%20b"
        assert clean_url("https://example.org/\n  path") == "https://example.org/%20%20path"
        assert clean_url('https://example.org/"q"') == "https://example.org/%22q%22"
        assert clean_url("https://example.org/caf\u00e9") == "https://example.org/caf\u00e9"
        assert clean_url("   ") is None
        assert clean_url(None) is None

    @pytest.mark.parametrize(
        ("ref", "base", "expected"),
        [
            ("post.html", "https://e.example/blog/", "https://e.example/blog/post.html"),
            ("/about", "https://e.example/blog/", "https://e.example/about"),
            ("../x", "https://e.example/a/b/", "https://e.example/a/x"),
            ("//cdn.example/a.png", "https://e.example/", "https://cdn.example/a.png"),
            ("#c1", "https://e.example/p", "https://e.example/p#c1"),
            ("?page=2", "https://e.example/p?page=1", "https://e.example/p?page=2"),
            ("https://other.example/", "https://e.example/", "https://other.example/"),
            ("relative/only", None, "relative/only"),
            ("tag:e.example,2010:1", "https://e.example/", "tag:e.example,2010:1"),
        ],
    )
    def test_resolve(self, ref: str, base: str | None, expected: str) -> None:
        assert resolve_url(ref, base) == expected

    def test_resolve_refuses_web_url_without_host(self) -> None:
        with pytest.raises(DiploblogError, match="no host"):
            resolve_url("http:/nohost", None)

    def test_rebase_chain(self) -> None:
        outer = rebase("https://e.example/feed.xml", "https://e.example/blog/")
        inner = rebase(outer, "entries/")
        assert inner == "https://e.example/blog/entries/"
        assert resolve_url("1.html", inner) == "https://e.example/blog/entries/1.html"
        assert rebase(inner, None) == inner
        assert rebase(None, " posts/ ") == "posts/"


def test_a_replacement_character_in_the_text_is_not_binary_data() -> None:
    # Regression (found by the JSON Feed round-trip property): U+FFFD written in a
    # document was taken for the mark of undecodable bytes, and the feed refused.
    data = '{"version": "https://jsonfeed.org/version/1.1", "title": "a \ufffd b", "items": []}'
    assert parse_feed(data.encode("utf-8")).title == "a \ufffd b"
