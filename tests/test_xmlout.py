"""The direct byte writer (BytesOut) writes exactly what the lxml tree backend writes.

Every XML feed writer goes through `diploblog._xmlout`; these tests run the Atom and
RSS writers with each backend and require the same bytes and the same warnings.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from diploblog import Author, Blog, Comment, Enclosure, Extension, Link, Post, Tag, _xmlout
from diploblog.atom import _writer as atom_writer
from diploblog.rss import _writer as rss_writer
from diploblog.testing import blogs

ATOM = "http://www.w3.org/2005/Atom"
XML = "http://www.w3.org/XML/1998/namespace"
WRITERS = {"atom": atom_writer, "rss": rss_writer}


def _tree_only(*args: Any, pretty: bool, extensions: Any) -> _xmlout.XmlOut:
    return _xmlout.TreeOut(*args, pretty=pretty)


def write_both(
    module: Any, blog: Blog, monkeypatch: pytest.MonkeyPatch
) -> tuple[tuple[bytes, list[str]], tuple[bytes, list[str]]]:
    """The document and warnings from the default backend, then from lxml's."""
    write: Callable[[Blog], bytes] = module.to_atom if module is atom_writer else module.to_rss
    results = []
    for forced in (False, True):
        with monkeypatch.context() as patch:
            if forced:
                patch.setattr(module, "open_document", _tree_only)
            with warnings.catch_warnings(record=True) as seen:
                warnings.simplefilter("always")
                data = write(blog)
        results.append((data, [f"{w.category.__name__}: {w.message}" for w in seen]))
    return results[0], results[1]


@pytest.fixture(params=sorted(WRITERS))
def module(request: pytest.FixtureRequest) -> Any:
    return WRITERS[request.param]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blogs(max_posts=3))
def test_generated_blogs_give_the_same_bytes(
    module: Any, monkeypatch: pytest.MonkeyPatch, blog: Blog
) -> None:
    direct, tree = write_both(module, blog, monkeypatch)
    assert direct == tree


AWKWARD = [
    "plain",
    "",
    " ",
    "A & B < C > D ]]> E",
    "quotes \" and ' apostrophes",
    "tab\there, line\nfeed, carriage\rreturn, both\r\n",
    "bell\x07 null\x00 escape\x1b vertical\x0b form\x0c",
    "non-characters \ufffe and \uffff",
    "lone \ud800 surrogate",
    "accents é ü ß, CJK 中文, emoji \U0001f600, U+0085 \x85, U+2028 \u2028",
    "&amp; already escaped &#13;",
]


def _blog(text: str, *, extensions: tuple[Extension, ...] = ()) -> Blog:
    when = dt.datetime(2010, 7, 20, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    word = text if text.strip() else "n"  # names and terms cannot be blank
    post = Post(
        id=f"urn:x:{len(text)}",
        url="https://example.org/post?a=1&b=2",
        title=text,
        summary=text,
        content=text or None,
        published=when,
        authors=[Author(name=word, email="jo@example.org", avatar="https://e.org/a")],
        tags=[Tag(term=word, scheme="https://example.org/tags?x=1&y=2", label=text)],
        links=[Link(url="https://example.org/r", rel="related", title=text, type="text/html")],
        enclosures=[Enclosure(url="https://example.org/a.mp3", title=text, duration=3)],
        comment_count=2,
        comments=[Comment(id="c1", content=text, author=Author(name="Jo"))],
        extensions=extensions,
        language="en-GB",
    )
    return Blog(
        title=text,
        description=text,
        url="https://example.org/",
        language="en",
        generator=text or None,
        rights=text or None,
        feeds=[Link(url="https://example.org/feed", rel="self", type="application/rss+xml")],
        posts=[post, Post(title="second", extensions=extensions)],
        extensions=extensions,
    )


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_gives_the_same_bytes_and_warnings(
    module: Any, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    ext = Extension(
        namespace="urn:x",
        name="note",
        attributes=[("kind", text), (f"{{{XML}}}lang", "en")],
        text=text,
    )
    direct, tree = write_both(module, _blog(text, extensions=(ext,)), monkeypatch)
    assert direct == tree
    etree.fromstring(direct[0])  # and it is XML


def _extension_cases() -> Iterator[tuple[str, tuple[Extension, ...]]]:
    yield (
        "undeclared namespaces get ns0, ns1...",
        (
            Extension(namespace="urn:a", name="x", text="1"),
            Extension(namespace="urn:b", name="y", attributes=[("{urn:b}z", "2")]),
            Extension(namespace="urn:a", name="x", text="again"),
        ),
    )
    yield (
        "lxml's own prefixes",
        (
            Extension(namespace="http://purl.org/dc/elements/1.1/", name="rights", text="r"),
            Extension(namespace="http://www.w3.org/1999/xhtml", name="div", text="d"),
            Extension(
                namespace="http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                name="Description",
                attributes=[("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about", "x")],
            ),
        ),
    )
    yield (
        "nested, inheriting and redeclaring",
        (
            Extension(
                namespace="urn:outer",
                name="group",
                attributes=[("{urn:attr}a", "1"), ("plain", "2")],
                children=(
                    Extension(namespace="urn:outer", name="item", text="in scope"),
                    Extension(
                        namespace="urn:inner",
                        name="deep",
                        attributes=[("{urn:outer}ref", "3")],
                        children=(Extension(namespace="", name="bare", text="no namespace"),),
                    ),
                    Extension(namespace="urn:attr", name="same", text="prefix from an attribute"),
                ),
            ),
        ),
    )
    yield (
        "Atom's and the writers' own namespaces",
        (
            Extension(
                namespace=ATOM,
                name="contributor",
                children=(Extension(namespace=ATOM, name="name", text="Jo"),),
            ),
            Extension(namespace=ATOM, name="foo", attributes=[(f"{{{ATOM}}}bar", "b")]),
            Extension(namespace="http://purl.org/rss/1.0/modules/slash/", name="department"),
            Extension(namespace="http://search.yahoo.com/mrss/", name="rating", text="adult"),
            Extension(namespace="http://purl.org/syndication/thread/1.0", name="x", text="t"),
        ),
    )
    yield (
        "xml: attributes and empty text",
        (
            Extension(namespace="urn:a", name="t", attributes=[(f"{{{XML}}}lang", "fr")], text=""),
            Extension(namespace="urn:a", name="u", attributes=[(f"{{{XML}}}space", "preserve")]),
        ),
    )
    yield (
        "names only lxml writes (fallback)",
        (
            Extension(namespace="urn:a", name="caf\u00e9", text="non-ASCII name"),
            Extension(namespace="urn:a&b", name="x", text="an ampersand in a namespace"),
        ),
    )
    yield (
        "plain names (Atom prefixes its own elements)",
        (
            Extension(namespace="", name="ttl", text="60"),
            Extension(namespace="", name="cloud", attributes=[("domain", "rpc.example.org")]),
        ),
    )


@pytest.mark.parametrize(("extensions"), [c[1] for c in _extension_cases()],
                         ids=[c[0] for c in _extension_cases()])  # fmt: skip
def test_extensions_give_the_same_bytes(
    module: Any, monkeypatch: pytest.MonkeyPatch, extensions: tuple[Extension, ...]
) -> None:
    direct, tree = write_both(module, _blog("t", extensions=extensions), monkeypatch)
    assert direct == tree


@pytest.mark.parametrize("name", ["1bad", "a:b", "a b", "x\x07"])
def test_invalid_extension_names_fail_as_lxml_does(module: Any, name: str) -> None:
    blog = _blog("t", extensions=(Extension(namespace="urn:a", name=name),))
    write = module.to_atom if module is atom_writer else module.to_rss
    with pytest.raises(ValueError, match=r"Invalid tag name|must be XML compatible"):
        write(blog)


def test_the_direct_backend_is_the_default() -> None:
    out = _xmlout.open_document("rss", {}, (), pretty=False, extensions=())
    assert isinstance(out, _xmlout.BytesOut)
    pretty = _xmlout.open_document("rss", {}, (), pretty=True, extensions=())
    assert isinstance(pretty, _xmlout.TreeOut)
    odd = Extension(namespace="urn:a", name="caf\u00e9")
    assert isinstance(
        _xmlout.open_document("rss", {}, (), pretty=False, extensions=[odd]), _xmlout.TreeOut
    )


def test_a_dirty_value_before_a_new_attribute_name_warns_once(
    module: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first link with a title: its rel (dirty) is written before "title" is known.
    blog = Blog(
        title="T",
        url="https://example.org/",
        feeds=[Link(url="https://example.org/f", rel="al\x07ternate", title="with a title")],
    )
    direct, tree = write_both(module, blog, monkeypatch)
    assert direct == tree
    assert len(direct[1]) == 1
