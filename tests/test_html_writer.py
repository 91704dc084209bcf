"""to_html: the documents it writes, their safety, and what parse_html reads back."""

from __future__ import annotations

import datetime as dt
import json
import re

import attrs
import lxml.html
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from diploblog import (
    Author,
    Blog,
    Comment,
    Enclosure,
    Link,
    Page,
    Post,
    Tag,
    UnsupportedFormatError,
)
from diploblog.html import parse_html
from diploblog.html._reader import _url_key
from diploblog.html._writer import to_html
from diploblog.testing import blogs, posts
from test_sanitize import VECTORS, _problems

UTC = dt.timezone.utc
CET = dt.timezone(dt.timedelta(hours=1))

POST = Post(
    id="https://ex.org/2020/tea",
    url="https://ex.org/2020/tea",
    title="Tea & <cake>",
    published=dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=CET),
    updated=dt.datetime(2020, 2, 3, 4, 5, 6, tzinfo=UTC),
    authors=[
        Author(
            name="Jo Envoy",
            url="https://jo.example/",
            role="Ambassador",
            location="Paris",
            avatar="https://jo.example/jo.png",
        )
    ],
    summary="<p>About tea.</p>",
    content='<p>Tea is <em>good</em>. <a href="https://tea.example/">More</a>.</p>',
    tags=[Tag(term="tea"), Tag(term="cake", url="https://ex.org/tag/cake")],
    comments=[
        Comment(
            id="comment-1",
            author=Author(name="Al", url="https://al.example/"),
            published=dt.datetime(2020, 1, 3, tzinfo=UTC),
            content="<p>Agreed.</p>",
        ),
        Comment(id="comment-2", content="<p>Not me.</p>", in_reply_to="comment-1"),
        Comment(id="comment-3", content="<p>Coffee!</p>"),
    ],
    comment_count=7,
    language="en-GB",
)
BLOG = Blog(
    title="Diplomats' tea",
    url="https://ex.org/",
    description="Posts about tea.",
    language="en-GB",
    feeds=[Link(url="https://ex.org/feed.atom", type="application/atom+xml", title="Atom")],
    posts=[POST, Post(title="Second", url="https://ex.org/2020/second", content="<p>Two</p>")],
)


def _doc(page: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page)


def _json_ld(page: str) -> dict[str, object]:
    [script] = _doc(page).xpath('//script[@type="application/ld+json"]')
    data = json.loads(script.text)
    assert isinstance(data, dict)
    return data


# --- The post page ---------------------------------------------------------------


def test_post_page_head() -> None:
    page = to_html(POST, blog=BLOG)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    doc = _doc(page)
    assert doc.xpath("//meta/@charset") == ["utf-8"]
    assert doc.findtext(".//title") == "Tea & <cake> | Diplomats' tea"
    assert doc.xpath('//link[@rel="canonical"]/@href') == ["https://ex.org/2020/tea"]
    [feed] = doc.xpath('//link[@rel="alternate"]')
    assert dict(feed.attrib) == {
        "rel": "alternate",
        "type": "application/atom+xml",
        "title": "Atom",
        "href": "https://ex.org/feed.atom",
    }
    assert not doc.xpath("//script[not(@type='application/ld+json')]")


def test_post_page_microformats() -> None:
    doc = _doc(to_html(POST, blog=BLOG))
    [entry] = doc.find_class("h-entry")
    assert entry.find_class("p-name")[0].text_content() == "Tea & <cake>"
    assert entry.xpath('.//*[contains(@class, "u-uid")]/@href') == ["https://ex.org/2020/tea"]
    assert entry.xpath('./p/time[@class="dt-published"]/@datetime') == ["2020-01-02T03:04:05+01:00"]
    assert entry.xpath('./p/time[@class="dt-updated"]/@datetime') == ["2020-02-03T04:05:06+00:00"]
    card = entry.xpath('./p/span[@class="p-author h-card"]')[0]
    assert card.find_class("p-job-title")[0].text == "Ambassador"
    assert card.find_class("p-locality")[0].text == "Paris"
    assert card.find_class("u-photo")[0].get("src") == "https://jo.example/jo.png"
    assert entry.xpath('.//a[@rel="tag"]/@href') == ["https://ex.org/tag/cake"]
    cites = entry.xpath('.//article[@class="p-comment h-cite"]')
    assert [c.get("id") for c in cites] == ["comment-1", "comment-2", "comment-3"]
    # The reply is nested in the comment it answers, and says so.
    assert cites[1].getparent().getparent().getparent() is cites[0]
    assert cites[1].xpath('.//a[@class="u-in-reply-to"]/@href') == ["#comment-1"]


def test_post_page_json_ld() -> None:
    data = _json_ld(to_html(POST, blog=BLOG))
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Tea & <cake>"
    assert data["datePublished"] == "2020-01-02T03:04:05+01:00"
    assert data["dateModified"] == "2020-02-03T04:05:06+00:00"
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Jo Envoy",
            "url": "https://jo.example/",
            "jobTitle": "Ambassador",
            "image": "https://jo.example/jo.png",
            "homeLocation": {"@type": "Place", "name": "Paris"},
        }
    ]
    # A bare term is text; a tag with a page (or label, or scheme) a DefinedTerm.
    assert data["keywords"] == [
        "tea",
        {
            "@type": "DefinedTerm",
            "name": "cake",
            "termCode": "cake",
            "url": "https://ex.org/tag/cake",
        },
    ]
    assert data["commentCount"] == 7
    comments = data["comment"]
    assert isinstance(comments, list)
    assert comments[1]["parentItem"] == {"@id": "#comment-1"}
    assert comments[1]["text"] == "Not me."


def test_json_ld_cannot_close_its_script() -> None:
    post = Post(title="</script><script>alert(1)</script> & <!--", content="<p>x</p>")
    page = to_html(post)
    [script] = re.findall(r"<script[^>]*>(.*?)</script>", page, flags=re.S)
    assert "<" not in script
    assert ">" not in script
    assert "&" not in script
    assert "\\u003c/script\\u003e" in script
    assert _json_ld(page)["headline"] == post.title


def test_reads_back() -> None:
    page = parse_html(to_html(POST, blog=BLOG))
    assert page.kind == "post"
    [post] = page.posts
    assert (post.id, post.url, post.title) == (POST.id, POST.url, POST.title)
    assert (post.published, post.updated) == (POST.published, POST.updated)
    assert post.authors == POST.authors
    assert post.summary == "<p>About tea.</p>"
    assert post.content == (
        '<p>Tea is <em>good</em>. <a href="https://tea.example/" '
        'rel="nofollow ugc noopener noreferrer">More</a>.</p>'
    )
    assert set(post.tags) == set(POST.tags)
    assert [(c.id, c.in_reply_to, c.content) for c in post.comments] == [
        ("comment-1", None, "<p>Agreed.</p>"),
        ("comment-2", "comment-1", "<p>Not me.</p>"),
        ("comment-3", None, "<p>Coffee!</p>"),
    ]
    assert post.comments[0].author == Author(name="Al", url="https://al.example/")
    assert post.comment_count == 7
    assert post.language == "en-GB"
    assert page.blog is not None
    assert (page.blog.title, page.blog.url) == (BLOG.title, BLOG.url)
    assert page.blog.feeds == BLOG.feeds


# --- Listing pages ----------------------------------------------------------------


def test_blog_listing_page() -> None:
    html = to_html(BLOG)
    doc = _doc(html)
    [feed] = doc.find_class("h-feed")
    assert feed.find_class("p-summary")[0].text == "Posts about tea."
    assert [e.find_class("p-name")[0].text_content() for e in feed.find_class("h-entry")] == [
        "Tea & <cake>",
        "Second",
    ]
    assert not feed.find_class("h-cite")  # comments are on the post pages
    page = parse_html(html)
    assert page.kind == "listing"
    assert [(p.title, p.url) for p in page.posts] == [(p.title, p.url) for p in BLOG.posts]
    assert page.blog is not None
    assert (page.blog.title, page.blog.url, page.blog.description) == (
        BLOG.title,
        BLOG.url,
        BLOG.description,
    )


def test_page_of_one_post_and_of_several() -> None:
    assert to_html(Page(kind="post", blog=BLOG, posts=[POST])) == to_html(POST, blog=BLOG)
    assert to_html(Page(kind="listing", blog=BLOG, posts=BLOG.posts)) == to_html(BLOG)
    assert parse_html(to_html(Page(posts=BLOG.posts))).kind == "listing"


def test_refuses_other_objects() -> None:
    with pytest.raises(UnsupportedFormatError, match="not Tag"):
        to_html(Tag(term="x"))  # type: ignore[arg-type]


# --- Safety ------------------------------------------------------------------------


@pytest.mark.parametrize("vector", VECTORS)
def test_vectors_do_not_survive_the_writer(vector: str) -> None:
    post = Post(
        title=vector,
        summary=vector,
        content=f"<p>{vector}</p>",
        authors=[Author(name=vector, role=vector)],
        tags=[Tag(term=vector), Tag(term="t", label=vector, scheme=vector)],
        comments=[
            Comment(id="c1", content=vector, author=Author(name=vector)),
            Comment(id="c2", content=vector, kind="pingback", approved=False),
        ],
        enclosures=[Enclosure(url="https://ex.org/a.mp3", type=vector, title=vector)],
    )
    for html in (to_html(post), to_html(Blog(title=vector, description=vector, posts=[post]))):
        doc = _doc(html)
        body = doc.find("body")
        assert body is not None
        assert _problems(lxml.html.tostring(body, encoding="unicode")) == []
        assert len(doc.xpath("//script")) == (1 if "h-feed" not in html else 0)
        assert doc.xpath("//style") == [doc.find("head/style")]
        # Text fields are text: the vector is shown, not run.
        if "h-feed" not in html:
            assert doc.find_class("p-name")[0].text_content() == vector


# --- Round trip --------------------------------------------------------------------


def _text(markup: str | None) -> str:
    if not markup:
        return ""
    return " ".join(
        lxml.html.fragment_fromstring(markup, create_parent="div").text_content().split()
    )


def _expected_authors(authors: tuple[Author, ...]) -> list[Author]:
    # A card without a name shows its URL or email, which h-card parsing takes as the name.
    return [attrs.evolve(a, name=a.name or a.url or a.email) for a in authors]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(posts())
def test_post_round_trip(post: Post) -> None:
    # The reader completes same-named authors from each other: names are kept distinct.
    names = [a.name or a.url or a.email for a in post.authors]
    assume(len(set(names)) == len(names))
    # Tags are one tag when their scheme and slug agree, enclosures when their URLs do.
    assume(len({(t.scheme, t.slug) for t in post.tags}) == len(post.tags))
    assume(len({e.url for e in post.enclosures}) == len(post.enclosures))
    page = parse_html(to_html(post))
    [back] = page.posts
    assert (back.id, back.url) == (post.id, post.url)
    # A post without a title has none: the page's <title> ("Untitled") does not name it.
    assert back.title == (" ".join(post.title.split()) if post.title else None)
    assert (back.published, back.updated) == (post.published, post.updated)
    assert back.authors == tuple(_expected_authors(post.authors))
    assert _text(back.content) == _text(post.content)
    assert _text(back.summary) == _text(post.summary)
    assert _tag_fields(back.tags) == _tag_fields(post.tags, written=True)
    assert back.enclosures == post.enclosures
    assert [(c.id, c.in_reply_to, c.published, c.url) for c in back.comments] == [
        (c.id, c.in_reply_to, c.published, c.url) for c in _thread_order(post.comments)
    ]
    assert [(c.kind, c.approved) for c in back.comments] == [
        _shown_moderation(c) for c in _thread_order(post.comments)
    ]
    assert [(c.author, _text(c.content)) for c in back.comments] == [
        (_expected_authors((c.author,))[0] if c.author else None, _text(c.content))
        for c in _thread_order(post.comments)
    ]
    assert back.comment_count == post.comment_count
    assert back.language == post.language


def _tag_fields(
    tags: tuple[Tag, ...], *, written: bool = False
) -> list[tuple[str, str | None, str | None, str | None]]:
    """Term, label, scheme and URL; a written label that repeats the term reads back as none."""
    return [
        (t.term, None if written and t.label == t.term else t.label, t.scheme, t.url) for t in tags
    ]


def _shown_moderation(comment: Comment) -> tuple[str, bool | None]:
    """What a page shows of a comment's kind and approval: pingbacks, trackbacks, and
    a note on one awaiting moderation (a shown comment is not known to be approved)."""
    kind = comment.kind if comment.kind in {"pingback", "trackback"} else "comment"
    return kind, False if comment.approved is False else None


def _thread_order(comments: tuple[Comment, ...]) -> list[Comment]:
    """The comments in the order the page shows them: each reply after its parent."""
    known = {c.id for c in comments}
    out: list[Comment] = []

    def walk(parent: str | None) -> None:
        for comment in comments:
            their_parent = comment.in_reply_to if comment.in_reply_to in known else None
            if their_parent == parent:
                out.append(comment)
                if comment.id:
                    walk(comment.id)

    walk(None)
    return out


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blogs())
def test_blog_round_trip(blog: Blog) -> None:
    page = parse_html(to_html(blog))
    if blog.title or blog.url:
        assert page.blog is not None
        if blog.title:
            assert page.blog.title == " ".join(blog.title.split())
        assert page.blog.url == blog.url
    # The reader groups posts by URL (its scheme aside) or title: only distinct ones come
    # back one for one.
    keys = [_url_key(p.url) or p.title for p in blog.posts]
    if len(blog.posts) > 1 and all(keys) and len(set(keys)) == len(keys):
        assert page.kind == "listing"
        assert [p.url for p in page.posts] == [p.url for p in blog.posts]
        for post, back in zip(blog.posts, page.posts, strict=True):
            if len({(t.scheme, t.slug) for t in post.tags}) == len(post.tags):
                assert _tag_fields(back.tags) == _tag_fields(post.tags, written=True)
            if len({e.url for e in post.enclosures}) == len(post.enclosures):
                assert back.enclosures == post.enclosures


@given(st.text().filter(str.strip))
def test_any_title_is_escaped(title: str) -> None:
    doc = _doc(to_html(Post(title=title, content="<p>x</p>")))
    assert len(doc.xpath("//script")) == 1
    assert len(doc.xpath("//h1")) == 1


# --- Fields beyond the basics: tags, enclosures, comment kinds, untitled posts ----------


def test_a_tag_shows_its_label_and_keeps_its_term_and_scheme() -> None:
    tag = Tag(term="dd", label="Digital diplomacy", scheme="category", url="https://ex.org/t/dd")
    html = to_html(Post(title="T", content="<p>x</p>", tags=[tag, Tag(term="tea")]))
    [link] = _doc(html).xpath('//a[@rel="tag"]')
    assert link.text_content() == "Digital diplomacy"
    assert link.get("data-scheme") == "category"
    assert link.xpath('./span[@class="value-title"]/@title') == ["dd"]
    assert _json_ld(html)["keywords"] == [
        {
            "@type": "DefinedTerm",
            "name": "Digital diplomacy",
            "termCode": "dd",
            "inDefinedTermSet": "category",
            "url": "https://ex.org/t/dd",
        },
        "tea",
    ]
    [back] = parse_html(html).posts
    assert [t.same_as(w) for t, w in zip(back.tags, (tag, Tag(term="tea")), strict=True)] == [
        True,
        True,
    ]


def test_mf2py_reads_the_term_of_a_labelled_tag() -> None:
    mf2py = pytest.importorskip("mf2py")
    tag = Tag(term="dd", label="Digital diplomacy", url="https://ex.org/t/dd")
    html = to_html(Post(title="T", content="<p>x</p>", tags=[tag, Tag(term="tea")]))
    [entry] = mf2py.parse(doc=html)["items"]
    assert entry["properties"]["category"] == ["dd", "tea"]


ENCLOSED = Post(
    title="Episode 1",
    content="<p>Listen.</p>",
    enclosures=[
        Enclosure(
            url="https://ex.org/ep1.mp3",
            type="audio/mpeg",
            length=12_345_678,
            duration=3725,
            title="Episode 1 (MP3)",
        ),
        Enclosure(url="https://ex.org/notes.pdf"),
    ],
)


def test_enclosures_are_links_and_media_objects() -> None:
    html = to_html(ENCLOSED)
    links = _doc(html).xpath('//a[@rel="enclosure"]')
    assert [dict(link.attrib) for link in links] == [
        {
            "class": "u-enclosure",
            "rel": "enclosure",
            "href": "https://ex.org/ep1.mp3",
            "type": "audio/mpeg",
            "data-length": "12345678",
            "data-duration": "3725",
        },
        {"class": "u-enclosure", "rel": "enclosure", "href": "https://ex.org/notes.pdf"},
    ]
    # People see the title, the type, the size and the duration.
    assert links[0].text_content() + links[0].tail == (
        "Episode 1 (MP3) (audio/mpeg, 12.3 MB, 1:02:05)"
    )
    assert _json_ld(html)["associatedMedia"] == [
        {
            "@type": "AudioObject",
            "contentUrl": "https://ex.org/ep1.mp3",
            "encodingFormat": "audio/mpeg",
            "name": "Episode 1 (MP3)",
            "contentSize": "12345678 B",
            "duration": "PT3725S",
        },
        {"@type": "MediaObject", "contentUrl": "https://ex.org/notes.pdf"},
    ]
    [back] = parse_html(html).posts
    assert back.enclosures == ENCLOSED.enclosures


def test_enclosures_read_back_from_json_ld_alone() -> None:
    # The head's JSON-LD carries every field of an enclosure by itself.
    doc = _doc(to_html(ENCLOSED))
    for element in doc.xpath('//*[@rel="enclosure"]'):
        element.getparent().remove(element)
    [back] = parse_html(lxml.html.tostring(doc, encoding="unicode")).posts
    assert back.enclosures == ENCLOSED.enclosures


def test_an_enclosure_that_could_run_script_is_not_linked() -> None:
    post = Post(title="T", enclosures=[Enclosure(url="javascript:alert(1)")])
    doc = _doc(to_html(post))
    assert doc.xpath("//@href") == []
    assert not doc.find_class("u-enclosure")
    assert parse_html(to_html(post)).posts[0].enclosures == ()


def test_pingbacks_trackbacks_and_unmoderated_comments_are_shown_as_such() -> None:
    comments = [
        Comment(id="c1", kind="pingback", content="<p>Linked.</p>"),
        Comment(id="c2", kind="trackback", content="<p>Tracked.</p>", approved=True),
        Comment(id="c3", content="<p>Hm.</p>", approved=False),
    ]
    html = to_html(Post(title="T", content="<p>x</p>", comments=comments))
    doc = _doc(html)
    assert [c.get("class") for c in doc.xpath("//article[@id]")] == [
        "p-comment h-cite pingback",
        "p-comment h-cite trackback",
        "p-comment h-cite",
    ]
    assert [e.text for e in doc.find_class("comment-kind")] == ["Pingback:", "Trackback:"]
    assert len(doc.find_class("comment-awaiting-moderation")) == 1
    [back] = parse_html(html).posts
    # A comment on a public page is not known to be approved: it reads back as unknown.
    assert [(c.kind, c.approved) for c in back.comments] == [
        ("pingback", None),
        ("trackback", None),
        ("comment", False),
    ]


@pytest.mark.parametrize("blog", [None, Blog(title="Diplomats' tea")])
def test_a_post_without_a_title_reads_back_without_one(blog: Blog | None) -> None:
    html = to_html(Post(content="<p>Just a note.</p>"), blog=blog)
    assert _doc(html).findtext(".//title") in {"Untitled", "Diplomats' tea"}
    [back] = parse_html(html).posts
    assert back.title is None


def test_an_entry_with_content_and_no_name_is_nameless_but_a_classic_one_is_not() -> None:
    # The microformats2 implied-name rule: no p-name beside an e-content means no name.
    mf2 = (
        "<html><head><title>Note | Site</title></head><body>"
        '<article class="h-entry"><div class="e-content"><p>Hi.</p></div></article>'
    )
    assert parse_html(mf2).posts[0].title is None
    # Classic hAtom implies nothing: such a page's <title> still names its entry.
    classic = mf2.replace("h-entry", "hentry").replace("e-content", "entry-content")
    assert parse_html(classic).posts[0].title == "Note | Site"


def test_model_urls_that_run_script_are_not_written() -> None:
    # The sanitizer sees HTML fields; URL fields are strangers' too (found in Chromium).
    bad = "JaVaScRiPt:alert(1)"
    post = Post(
        url=bad,
        title="x",
        content="<p>x</p>",
        authors=[Author(name="Al", url=bad, avatar="javascript:alert(2)")],
        tags=[Tag(term="t", url="vbscript:msgbox(3)")],
        comments=[Comment(id="c1", url="data:text/html;base64,PHNjcmlwdD4=", content="x")],
    )
    html = to_html(post, blog=Blog(title="B", url=bad, feeds=[Link(url=bad)]))
    doc = _doc(html)
    assert doc.xpath("//@href | //@src") == []
    # Nor does an element without its URL claim one: mf2 would read its text instead.
    assert not doc.xpath('//*[contains(@class, "u-url") or contains(@class, "u-photo")]')
    [back] = parse_html(html).posts
    assert (back.authors[0].name, back.authors[0].url) == ("Al", None)
    assert [(t.term, t.url) for t in back.tags] == [("t", None)]


def test_safe_model_urls_are_written() -> None:
    post = Post(url="/2020/relative", title="x", tags=[Tag(term="t", url="https://ex.org/t")])
    doc = _doc(to_html(post, blog=Blog(title="B", url="https://ex.org/")))
    assert doc.xpath("//a/@href") == ["https://ex.org/", "/2020/relative", "https://ex.org/t"]


def test_a_character_reference_to_a_control_character_is_replaced() -> None:
    # Found by fuzzing: nh3 writes "&#1;" back as the raw character, which lxml refuses.
    post = Post(title="T", content="<p>a&#1;b&#x7f;c</p>")
    (read_back,) = parse_html(to_html(post)).posts
    assert read_back.content == "<p>a\ufffdb\ufffdc</p>"
