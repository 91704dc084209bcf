"""site: the static archive of a blog, its paths, links, layout hook, and what reads back."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from zoneinfo import ZoneInfo

import attrs
import lxml.html
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import diploblog
from diploblog import (
    Author,
    Blog,
    Comment,
    DiploblogError,
    Link,
    NavLink,
    PageContext,
    Post,
    SiteError,
    Tag,
    default_layout,
    parse_feed,
    parse_html,
    site,
)
from diploblog.archive import neighbours
from diploblog.html._paths import is_safe_path
from diploblog.tags import tag_cloud
from diploblog.testing import blogs, posts
from test_html_writer import (
    _expected_authors,
    _shown_moderation,
    _tag_fields,
    _text,
    _thread_order,
)
from test_sanitize import VECTORS, _problems

UTC = dt.timezone.utc
BASE = "https://archive.example/hale/"


def _post(n: int, month: int, day: int, **fields: object) -> Post:
    values: dict[str, object] = {
        "id": f"https://old.example/entry/post_{n}",
        "url": f"https://old.example/entry/post_{n}",
        "title": f"Post {n}",
        "published": dt.datetime(2010, month, day, 12, tzinfo=UTC),
        "content": f"<p>Body of post {n}.</p>",
        "authors": [Author(name="Stephen Hale", role="Head of Engagement", location="London")],
    }
    return Post(**(values | fields))  # type: ignore[arg-type]


POSTS = (
    _post(
        1,
        6,
        1,
        tags=[Tag(term="Digital diplomacy"), Tag(term="twitter")],
        comments=[
            Comment(id="comment-1", author=Author(name="Al"), content="<p>Good.</p>"),
            Comment(id="comment-2", content="<p>Agreed.</p>", in_reply_to="comment-1"),
        ],
        comment_count=2,
    ),
    _post(2, 6, 20, tags=[Tag(term="twitter")]),
    _post(3, 7, 2, tags=[Tag(term="Digital diplomacy"), Tag(term="twitter")]),
    _post(4, 7, 10),
    _post(5, 7, 20, tags=[Tag(term="twitter")], updated=dt.datetime(2010, 7, 21, tzinfo=UTC)),
    Post(title="Undated thoughts", content="<p>When?</p>"),
)
BLOG = Blog(
    title="Global conversations",
    url="https://old.example/",
    description="Stephen Hale's blog",
    language="en-GB",
    posts=POSTS,
)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return site(BLOG, base_url=BASE, per_page=2)


def _doc(text: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(text)


def _read(pages: dict[str, str], path: str) -> diploblog.Page:
    return parse_html(pages[path], url=BASE + path)


def _post_path(pages: dict[str, str], title: str) -> str:
    for path, text in pages.items():
        if path.endswith("/index.html") and f'<h1 class="p-name">{title}</h1>' in text:
            return path
    raise AssertionError(f"no page for {title!r}")


# --- Paths ------------------------------------------------------------------------


def test_paths(pages: dict[str, str]) -> None:
    assert set(pages) == {
        "index.html",
        "page/2/index.html",
        "page/3/index.html",
        "2010/06/post_1/index.html",
        "2010/06/post_2/index.html",
        "2010/07/post_3/index.html",
        "2010/07/post_4/index.html",
        "2010/07/post_5/index.html",
        "posts/undated-thoughts/index.html",
        "2010/index.html",
        "2010/page/2/index.html",
        "2010/page/3/index.html",
        "2010/06/index.html",
        "2010/07/index.html",
        "2010/07/page/2/index.html",
        "archives/index.html",
        "tags/index.html",
        "tags/digital-diplomacy/index.html",
        "tags/twitter/index.html",
        "tags/twitter/page/2/index.html",
        "feed.xml",
    }
    assert list(pages) == sorted(pages)


def test_colliding_and_hostile_names_give_distinct_safe_paths() -> None:
    day = dt.datetime(2010, 7, 20, tzinfo=UTC)
    hostile = [
        "../../etc/passwd",
        "/etc/passwd",
        "..",
        "a\\b",
        "C:\\x",
        "con",
        "page",
        "Tea",
        "tea",
        "Россия",
        "%2e%2e%2f",
        "a/b?c#d",
        "★",
    ]
    posts = [Post(title=name, slug=name, published=day, tags=[Tag(term=name)]) for name in hostile]
    posts += [Post(title="Tea", published=day), Post(url="https://e.org/tea.html", published=day)]
    pages = site(Blog(posts=posts), base_url=BASE)
    assert all(is_safe_path(path) for path in pages)
    assert all(part == part.lower() for path in pages for part in path.split("/"))
    post_pages = [p for p in pages if p.startswith("2010/07/") and p.count("/") == 3]
    assert len(post_pages) == len(posts)
    assert "2010/07/page/index.html" not in pages  # the month's pagination folder stays free
    assert {"2010/07/tea/index.html", "2010/07/tea-2/index.html"} <= set(pages)
    assert "2010/07/xn--h1alffa9f/index.html" in pages
    assert len([p for p in pages if p.startswith("tags/") and p.count("/") == 2]) == len(
        {Tag(term=name) for name in hostile}
    )


def test_paths_are_stable() -> None:
    assert site(BLOG, base_url=BASE) == site(BLOG, base_url=BASE)
    # The order of the posts given does not matter.
    reordered = attrs.evolve(BLOG, posts=tuple(reversed(BLOG.posts)))
    assert set(site(reordered, base_url=BASE)) == set(site(BLOG, base_url=BASE))


def test_posts_are_filed_in_the_blogs_time_zone() -> None:
    late = Post(title="Late", published=dt.datetime(2010, 7, 31, 23, 30, tzinfo=UTC))
    blog = Blog(posts=[late])
    assert "2010/07/late/index.html" in site(blog, base_url=BASE)
    pages = site(blog, base_url=BASE, tz=ZoneInfo("Europe/London"))
    assert {"2010/08/late/index.html", "2010/08/index.html"} <= set(pages)


# --- Links -------------------------------------------------------------------------


def _hrefs(text: str) -> list[tuple[str, str]]:
    doc = _doc(text)
    return [(e.tag, e.get("href") or "") for e in doc.iter("a", "link") if e.get("href")]


def test_internal_links_are_relative_and_lead_to_pages(pages: dict[str, str]) -> None:
    for path, text in pages.items():
        if path == "feed.xml":
            continue
        for _tag, href in _hrefs(text):
            if href.startswith(("https://old.example/", "mailto:", BASE, "#")):
                continue
            assert "://" not in href, (path, href)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
            assert target in pages, (path, href)


def test_canonical_links_are_absolute_under_the_base(pages: dict[str, str]) -> None:
    for path, text in pages.items():
        if path == "feed.xml":
            continue
        [canonical] = _doc(text).xpath('//link[@rel="canonical"]/@href')
        assert canonical == BASE + path.removesuffix("index.html")


def test_every_page_links_the_feed_and_the_navigation(pages: dict[str, str]) -> None:
    for path, text in pages.items():
        if path == "feed.xml":
            continue
        doc = _doc(text)
        [feed] = doc.xpath('//link[@rel="alternate"][@type="application/atom+xml"]/@href')
        assert posixpath.normpath(posixpath.join(posixpath.dirname(path), feed)) == "feed.xml"
        nav = [a.text_content() for a in doc.xpath("//nav[@class='site']//li/*")]
        assert nav == ["Home", "Archives", "Tags"]
        assert doc.xpath("//a[@rel='home']")


def test_feed_holds_every_post(pages: dict[str, str]) -> None:
    feed = parse_feed(pages["feed.xml"].encode())
    assert [p.title for p in feed.posts] == [p.title for p in POSTS]
    assert Link(url=BASE + "feed.xml", rel="self", type="application/atom+xml") in feed.feeds


# --- Post pages ----------------------------------------------------------------------


def test_post_page_reads_back(pages: dict[str, str]) -> None:
    path = "2010/06/post_1/index.html"
    page = _read(pages, path)
    assert page.kind == "post"
    [post] = page.posts
    expected = POSTS[0]
    assert (post.id, post.url, post.title) == (expected.id, expected.url, expected.title)
    assert (post.published, post.updated) == (expected.published, expected.updated)
    assert post.authors == expected.authors
    assert post.content == expected.content
    assert [(t.term, t.url) for t in post.tags] == [
        ("Digital diplomacy", BASE + "tags/digital-diplomacy/index.html"),
        ("twitter", BASE + "tags/twitter/index.html"),
    ]
    assert [(c.id, c.in_reply_to, c.content) for c in post.comments] == [
        ("comment-1", None, "<p>Good.</p>"),
        ("comment-2", "comment-1", "<p>Agreed.</p>"),
    ]
    assert post.comment_count == 2
    assert page.blog is not None
    assert page.blog.title == BLOG.title


def test_post_pages_link_their_neighbours_in_time(pages: dict[str, str]) -> None:
    for post in POSTS[:5]:
        path = _post_path(pages, post.title or "")
        older, newer = neighbours(BLOG.posts, post)
        expected = set()
        if older is not None:
            expected.add(("prev", BASE + _post_path(pages, older.title or "")))
        if newer is not None:
            expected.add(("next", BASE + _post_path(pages, newer.title or "")))
        assert {(link.rel, link.url) for link in _read(pages, path).links} == expected
    assert _read(pages, "posts/undated-thoughts/index.html").links == ()


@settings(max_examples=60, deadline=None)
@given(st.lists(posts(max_comments=0), max_size=8), st.data())
def test_previous_and_next_are_those_of_archive_neighbours(
    some: list[Post], data: st.DataObject
) -> None:
    # Posts sharing a moment are where orders differ: give some the same date.
    shared = dt.datetime(2010, 7, 20, tzinfo=UTC)
    some = [attrs.evolve(p, published=shared) if data.draw(st.booleans()) else p for p in some]
    blog = Blog(posts=some)
    contexts: dict[str, PageContext] = {}

    def layout(context: PageContext) -> str:
        contexts[context.path] = context
        return default_layout(context)

    site(blog, base_url=BASE, layout=layout)
    by_post = {id(c.posts[0]): c for c in contexts.values() if c.view == "post"}
    # WordPress's pages and attachments are not in the blog's stream of posts.
    stream = [p for p in some if p.kind not in {"page", "attachment"}]
    for post in some:
        context = by_post[id(post)]
        shown = {link.rel: link.href for link in context.pager}
        if (post.published is None and post.updated is None) or post not in stream:
            assert shown == {}
            continue
        expected = {}
        for rel, other in zip(("prev", "next"), neighbours(stream, post), strict=True):
            if other is not None:
                expected[rel] = "../../../" + by_post[id(other)].path
        assert shown == expected


def test_a_post_without_an_address_reads_back_with_its_page_address() -> None:
    post = Post(title="Nowhere", published=dt.datetime(2010, 1, 1, tzinfo=UTC))
    pages = site(Blog(posts=[post]), base_url=BASE)
    [back] = _read(pages, "2010/01/nowhere/index.html").posts
    assert back.url == BASE + "2010/01/nowhere/"


# --- Listings, archives, tags ---------------------------------------------------------


def _links(page: diploblog.Page) -> set[tuple[str, str]]:
    return {(link.rel, link.url) for link in page.links}


def test_front_page_and_its_pagination(pages: dict[str, str]) -> None:
    newest_first = ["Post 5", "Post 4", "Post 3", "Post 2", "Post 1", "Undated thoughts"]
    seen = []
    for number, path in enumerate(["index.html", "page/2/index.html", "page/3/index.html"], 1):
        page = _read(pages, path)
        assert page.kind == "listing"
        seen += [p.title for p in page.posts]
        expected = set()
        if number > 1:
            expected.add(("prev", BASE + ("index.html" if number == 2 else "page/2/index.html")))
        if number < 3:
            expected.add(("next", BASE + f"page/{number + 1}/index.html"))
        assert _links(page) == expected
        numbers = _doc(pages[path]).xpath("//nav[@class='pager']/*[not(@rel)]")
        assert [e.text for e in numbers] == ["1", "2", "3"]
        assert [e.tag for e in numbers].count("span") == 1  # the page itself
    assert seen == newest_first
    front = _read(pages, "index.html")
    assert front.blog is not None
    assert (front.blog.title, front.blog.description) == (BLOG.title, BLOG.description)
    assert [p.url for p in front.posts] == [POSTS[4].url, POSTS[3].url]


def test_a_listing_of_one_post_is_still_a_listing() -> None:
    pages = site(Blog(posts=[POSTS[0]]), base_url=BASE)
    assert _read(pages, "index.html").kind == "listing"
    assert _read(pages, "tags/twitter/index.html").kind == "tag"


def test_year_and_month_archives_with_counts(pages: dict[str, str]) -> None:
    year = _read(pages, "2010/index.html")
    assert year.kind == "archive"
    assert [p.title for p in year.posts] == ["Post 5", "Post 4"]
    doc = _doc(pages["2010/index.html"])
    assert doc.find_class("count")[0].text == "5 posts"
    assert [a.text + a.tail for a in doc.xpath("//ul[@class='periods']/li/a")] == [
        "July 2010 (3)",
        "June 2010 (2)",
    ]
    june = _read(pages, "2010/06/index.html")
    assert (june.kind, [p.title for p in june.posts]) == ("archive", ["Post 2", "Post 1"])
    assert _links(june) == set()
    july2 = _read(pages, "2010/07/page/2/index.html")
    assert [p.title for p in july2.posts] == ["Post 3"]
    assert _links(july2) == {("prev", BASE + "2010/07/index.html")}
    assert _doc(pages["2010/07/index.html"]).find_class("count")[0].text == "3 posts"


def test_archive_index(pages: dict[str, str]) -> None:
    page = _read(pages, "archives/index.html")
    assert (page.kind, page.posts) == ("archive", ())
    doc = _doc(pages["archives/index.html"])
    entries = [" ".join(li.text_content().split()) for li in doc.xpath("//ul//ul/li")]
    assert entries == ["July 2010 (3)", "June 2010 (2)"]
    assert doc.xpath("//ul[@class='archives']/li/a")[0].tail == " (5)"
    assert [a.text for a in doc.xpath("//ul[@class='undated']//a")] == ["Undated thoughts"]


def test_tag_pages(pages: dict[str, str]) -> None:
    page = _read(pages, "tags/twitter/index.html")
    assert page.kind == "tag"
    assert [p.title for p in page.posts] == ["Post 5", "Post 3"]
    assert _links(page) == {("next", BASE + "tags/twitter/page/2/index.html")}
    assert [p.title for p in _read(pages, "tags/twitter/page/2/index.html").posts] == [
        "Post 2",
        "Post 1",
    ]
    assert _doc(pages["tags/twitter/index.html"]).find_class("count")[0].text == "4 posts"
    # Tags on listing pages link the site's tag pages too.
    [entry] = [p for p in page.posts if p.title == "Post 3"]
    assert {t.url for t in entry.tags} == {
        BASE + "tags/digital-diplomacy/index.html",
        BASE + "tags/twitter/index.html",
    }


def test_tag_cloud_page_reads_back_as_the_cloud_written(pages: dict[str, str]) -> None:
    page = _read(pages, "tags/index.html")
    written = tag_cloud(BLOG, limit=0)
    assert len(page.tag_cloud) == len(written) == 2
    for back, weighted in zip(page.tag_cloud, written, strict=True):
        assert back.tag == weighted.tag
        assert back.tag.url == BASE + f"tags/{weighted.tag.slug}/index.html"
        assert back.count == weighted.count
        assert back.weight == pytest.approx(weighted.weight, abs=1e-3)
        assert back.size == pytest.approx(weighted.size, abs=1e-3)
        assert back.unit == weighted.unit


def test_pages_and_attachments_stand_alone() -> None:
    about = Post(title="About", kind="page", url="https://old.example/about/")
    photo = Post(title="A photo", kind="attachment", published=dt.datetime(2010, 6, 2, tzinfo=UTC))
    pages = site(attrs.evolve(BLOG, posts=[*POSTS, about, photo]), base_url=BASE, per_page=2)
    assert set(pages) - set(site(BLOG, base_url=BASE, per_page=2)) == {
        "pages/about/index.html",
        "pages/a-photo/index.html",
    }
    [back] = _read(pages, "pages/about/index.html").posts
    assert (back.title, back.url) == ("About", about.url)
    assert _read(pages, "pages/a-photo/index.html").links == ()  # no neighbours in time
    index = _doc(pages["archives/index.html"])
    assert [a.text for a in index.xpath("//ul[@class='pages']//a")] == ["About", "A photo"]
    assert [p.title for p in parse_feed(pages["feed.xml"].encode()).posts] == [
        p.title for p in POSTS
    ]


def test_an_empty_blog_is_a_small_site() -> None:
    pages = site(Blog(title="Nothing yet"), base_url=BASE)
    assert set(pages) == {"index.html", "archives/index.html", "tags/index.html", "feed.xml"}
    assert "No posts." in pages["index.html"]
    assert _read(pages, "archives/index.html").kind == "other"


# --- Safety ------------------------------------------------------------------------


@pytest.mark.parametrize("vector", VECTORS)
def test_vectors_do_not_survive_the_site(vector: str) -> None:
    post = Post(
        title=vector,
        summary=vector,
        content=f"<p>{vector}</p>",
        published=dt.datetime(2010, 7, 20, tzinfo=UTC),
        authors=[Author(name=vector, role=vector)],
        tags=[Tag(term=vector)],
        comments=[Comment(id="c1", content=vector, author=Author(name=vector))],
    )
    blog = Blog(title=vector, description=vector, rights=vector, posts=[post])
    for path, text in site(blog, base_url=BASE).items():
        if path == "feed.xml":
            continue
        doc = _doc(text)
        body = doc.find("body")
        assert body is not None
        # The tag cloud's sizes are the only style attributes: written by the site, as a number.
        for link in body.xpath("//p[@class='tag-cloud']/a"):
            assert re.fullmatch(r"font-size: [0-9.]+pt", link.attrib.pop("style"))
        assert _problems(lxml.html.tostring(body, encoding="unicode")) == [], path
        scripts = doc.xpath("//script")
        assert all(s.get("type") == "application/ld+json" for s in scripts), path


def test_text_that_looks_like_the_layouts_marks_stays_text() -> None:
    # The layout and the listings put content in at a comment mark: text that spells
    # the mark, in any field, must not move the content or leave a comment behind.
    mark = "<!--diploblog:main--><!--diploblog:entries-->"
    author = Author(name=mark, role=mark)
    post = Post(
        title=mark,
        summary=mark,
        content=f"{mark}<p>{mark}</p>",
        published=dt.datetime(2010, 1, 1, tzinfo=UTC),
        tags=[Tag(term=mark)],
        authors=[author],
        comments=[Comment(id="c1", content=mark, author=author)],
    )
    blog = Blog(title=mark, description=mark, rights=mark, authors=[author], posts=[post])
    for path, text in site(blog, base_url=BASE).items():
        if path == "feed.xml":
            continue
        doc = _doc(text)
        assert doc.xpath("//comment()") == [], path
        [main] = doc.xpath("/html/body/main")
        assert len(main) > 0, path
        assert [e.tag for e in doc.find("body") if e.tag != "nav"] == ["header", "main", "footer"]
    page = parse_html(site(blog, base_url=BASE)["index.html"])
    assert [p.title for p in page.posts] == [mark]


def test_pages_are_valid_html5_and_mf2py_reads_the_post(pages: dict[str, str]) -> None:
    html5lib = pytest.importorskip("html5lib")
    mf2py = pytest.importorskip("mf2py")
    for path, text in pages.items():
        if path != "feed.xml":
            parser = html5lib.HTMLParser(strict=False)
            parser.parse(text)
            assert parser.errors == [], path
    path = "2010/06/post_1/index.html"
    [entry] = mf2py.parse(doc=pages[path], url=BASE + path)["items"]
    properties = entry["properties"]
    assert entry["type"] == ["h-entry"]
    assert (properties["name"], properties["url"]) == (["Post 1"], [POSTS[0].url])
    assert properties["author"][0]["properties"]["name"] == ["Stephen Hale"]
    assert properties["category"] == ["Digital diplomacy", "twitter"]
    assert [c["id"] for c in properties["comment"]] == ["comment-1"]
    assert [c["id"] for c in properties["comment"][0]["properties"]["comment"]] == ["comment-2"]
    [feed] = mf2py.parse(doc=pages["index.html"], url=BASE)["items"]
    assert feed["type"] == ["h-feed"]
    assert [e["properties"]["name"] for e in feed["children"]] == [["Post 5"], ["Post 4"]]


# --- Arguments and the layout hook ------------------------------------------------------


@pytest.mark.parametrize(
    "base_url",
    ["example.org", "/archive/", "ftp://example.org/", "https://", "https://e.org/?x=1", 42],
)
def test_refuses_a_base_url_that_is_not_an_http_address(base_url: object) -> None:
    with pytest.raises(SiteError, match="base_url"):
        site(BLOG, base_url=base_url)  # type: ignore[arg-type]


@pytest.mark.parametrize("per_page", [0, -1, 2.5, True, "10"])
def test_refuses_a_bad_page_size(per_page: object) -> None:
    with pytest.raises(SiteError, match="per_page"):
        site(BLOG, base_url=BASE, per_page=per_page)  # type: ignore[arg-type]
    assert issubclass(SiteError, DiploblogError)


def test_base_url_without_a_slash_is_a_folder() -> None:
    pages = site(BLOG, base_url=BASE.rstrip("/"))
    assert pages == site(BLOG, base_url=BASE)


def test_a_layout_receives_every_page_and_can_wrap_the_default() -> None:
    seen: list[PageContext] = []

    def layout(context: PageContext) -> str:
        seen.append(context)
        return default_layout(context).replace(
            "</head>", '<link rel="stylesheet" href="x.css"></head>'
        )

    pages = site(BLOG, base_url=BASE, per_page=2, layout=layout)
    assert {c.path for c in seen} == set(pages) - {"feed.xml"}
    assert all('href="x.css"' in text for path, text in pages.items() if path != "feed.xml")
    views = {c.path: (c.view, c.kind) for c in seen}
    assert views["index.html"] == ("home", "listing")
    assert views["2010/06/post_1/index.html"] == ("post", "post")
    assert views["2010/index.html"] == ("year", "archive")
    assert views["2010/07/index.html"] == ("month", "archive")
    assert views["tags/twitter/index.html"] == ("tag", "tag")
    assert views["tags/index.html"] == ("tags", "other")
    assert views["archives/index.html"] == ("archives", "archive")
    twitter = next(c for c in seen if c.path == "tags/twitter/page/2/index.html")
    assert twitter.tag == Tag(term="twitter")
    assert twitter.pagination is not None
    assert (twitter.pagination.number, twitter.root) == (2, "../../../../")
    previous = NavLink(href="../../../../tags/twitter/index.html", text="« Newer posts", rel="prev")
    assert twitter.pager[0] == previous
    month = next(c for c in seen if c.path == "2010/07/index.html")
    assert month.period is not None
    assert month.period.label == "2010-07"


def test_a_custom_layout_replaces_the_document() -> None:
    def bare(context: PageContext) -> str:
        return f"<!DOCTYPE html><title>{context.title}</title><main>{context.main}</main>"

    pages = site(BLOG, base_url=BASE, layout=bare)
    assert pages["2010/06/post_1/index.html"].startswith("<!DOCTYPE html><title>Post 1 |")
    [post] = _read(pages, "2010/06/post_1/index.html").posts
    assert post.title == "Post 1"


def test_a_layout_must_return_text() -> None:
    with pytest.raises(SiteError, match="str"):
        site(BLOG, base_url=BASE, layout=lambda context: b"bytes")  # type: ignore[arg-type,return-value]
    with pytest.raises(SiteError, match="layout"):
        site(BLOG, base_url=BASE, layout="page.html")  # type: ignore[arg-type]


# --- Every page reads back -------------------------------------------------------------


def _distinct(blog: Blog) -> bool:
    # The reader groups posts by URL or title and merges tags by term and authors by
    # name: the blogs checked here keep those distinct, as the writer's round trip does.
    keys = [p.url or p.title for p in blog.posts]
    if not all(keys) or len(set(keys)) != len(keys):
        return False
    for post in blog.posts:
        names = [a.name or a.url or a.email for a in post.authors]
        terms = [" ".join(t.display.split()).casefold() for t in post.tags]
        if len(set(names)) != len(names) or len(set(terms)) != len(terms):
            return False
        if len({(t.scheme, t.slug) for t in post.tags}) != len(post.tags):
            return False
    return True


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blogs(max_posts=4))
def test_every_page_parses_and_every_post_comes_back(blog: Blog) -> None:
    assume(_distinct(blog))
    pages = site(blog, base_url=BASE, per_page=2)
    read = {
        path: parse_html(text, url=BASE + path)
        for path, text in pages.items()
        if path != "feed.xml"
    }
    assert all(is_safe_path(path) for path in pages)
    for post in blog.posts:
        [path] = [
            p for p, page in read.items() if page.kind == "post" and _is(page.posts[0], post, p)
        ]
        [back] = read[path].posts
        assert back.url == (post.url or BASE + path.removesuffix("index.html"))
        assert back.id == post.id
        # An untitled post stays untitled: the page's <title> does not name it.
        assert back.title == (" ".join(post.title.split()) if post.title else None)
        assert (back.published, back.updated) == (post.published, post.updated)
        assert back.authors == tuple(_expected_authors(post.authors))
        assert _text(back.content) == _text(post.content)
        # A tag links the site's own tag page, in place of its URL; the rest comes back.
        assert [t[:3] for t in _tag_fields(back.tags)] == [
            t[:3] for t in _tag_fields(post.tags, written=True)
        ]
        if len({e.url for e in post.enclosures}) == len(post.enclosures):
            assert back.enclosures == post.enclosures
        assert [(c.id, c.in_reply_to, c.published, _text(c.content)) for c in back.comments] == [
            (c.id, c.in_reply_to, c.published, _text(c.content))
            for c in _thread_order(post.comments)
        ]
        assert [(c.kind, c.approved) for c in back.comments] == [
            _shown_moderation(c) for c in _thread_order(post.comments)
        ]
    # The front page and its later pages show every post once (not pages, attachments).
    stream = [p for p in blog.posts if p.kind not in {"page", "attachment"}]
    front = [p for path, page in read.items() if _front_number(path) for p in page.posts]
    assert len(front) == len(stream)
    assert {p.url for p in stream if p.url} <= {p.url for p in front}


def _front_number(path: str) -> int:
    if path == "index.html":
        return 1
    parts = path.split("/")
    return int(parts[1]) if len(parts) == 3 and parts[0] == "page" else 0


def _is(back: Post, post: Post, path: str) -> bool:
    if post.url:
        return back.url == post.url
    return back.url == BASE + path.removesuffix("index.html") and back.title == (
        " ".join(post.title.split()) if post.title else back.title
    )
