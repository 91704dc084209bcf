"""The shared walk and the fast paths the speed work added: same answers as before."""

from __future__ import annotations

import gc

import lxml.html
import pytest

from diploblog.html import _decode, _sidebar, _walk, parse_html


def test_marked_lists_class_and_id_elements_in_document_order() -> None:
    doc = lxml.html.fromstring(
        '<div class="a" id="r"><p>x</p><p id="b">y<!-- c --></p><span class="">z</span></div>'
    )
    assert [(e.tag, c, i) for e, c, i in _walk.marked(doc)] == [
        ("div", "a", "r"),
        ("p", "", "b"),
        ("span", "", ""),
    ]


def test_marked_is_walked_once_per_root() -> None:
    doc = lxml.html.fromstring('<div><p class="x">a</p></div>')
    first = _walk.marked(doc)
    doc[0].set("class", "changed")  # not seen: the walk is shared, not repeated
    assert _walk.marked(doc) is first
    assert _walk.marked(doc)[0][1] == "x"


def test_marked_does_not_keep_documents_alive() -> None:
    # A root with a class is in its own list; the cache must still let it go.
    before = len(_walk._WALKS)
    for _ in range(3):
        parse_html(b'<html class="no-js" id="top"><body><div class="hentry">x</div></body></html>')
    gc.collect()
    assert len(_walk._WALKS) <= before


@pytest.mark.parametrize(
    "names",
    [
        "site-title None",
        "Blog-Description main",
        "TAGLINE x",
        "sidebar widget",
        "None None",
        "tagl\u0131ne x",  # dotless i: re.IGNORECASE folds it onto "i"
        "\u017fite-title x",  # long s
        "B\u0130O box",  # dotted capital I
        "prof\u0131le",
        "author\u212a",
        "",
    ],
)
def test_may_name_agrees_with_the_pattern(names: str) -> None:
    expected = _sidebar._NAME_WORDS.search(names) is not None
    assert _sidebar._may_name(names) is expected


def test_sidebar_reads_a_blog_title_spelt_with_a_long_s() -> None:
    page = parse_html('<html><body><h1 class="\u017fite-title">Tea Blog</h1><p>x</p></body></html>')
    assert page.blog is not None
    assert page.blog.title == "Tea Blog"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b'<meta charset="windows-1252"><p>\x93Hi\x94</p>', "<p>\u201cHi\u201d</p>"),
        (
            b'<meta charset="windows-1252"><p>\x93a\x9db\x81\x8d\x8f\x90</p>',
            "<p>\u201ca\x9db\x81\x8d\x8f\x90</p>",
        ),
        (b'<meta charset="iso-8859-1"><p>caf\xe9 \x80</p>', "<p>caf\u00e9 \u20ac</p>"),
    ],
)
def test_windows_1252_holes_decode_to_c1_controls_only_when_present(data: bytes, text: str) -> None:
    decoded, warnings = _decode.decode(data)
    assert decoded.endswith(text)
    assert warnings == ()
