"""The fallback layer on its own (``diploblog.html._fallback``) and its rank in parse_html."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest

from diploblog import Author, Comment, Post, to_html
from diploblog.html import parse_html
from diploblog.html._evidence import Context, Evidence
from diploblog.html._fallback import page_kind, read

UTC = dt.timezone.utc
TEXT = "We drank tea in the garden, as we did every day that summer. " * 5
NAV = "".join(f'<li><a href="/p/{n}">A link to page number {n}</a></li>' for n in range(12))


def _page(
    post: str, *, title: str = "Tea at five | Garden blog", before: str = "", after: str = ""
) -> str:
    return (
        f"<html><head><title>{title}</title></head><body>"
        f'<div id="header"><h1>Garden blog</h1><ul class="menu">{NAV}</ul></div>'
        f'{before}<div id="main">{post}</div>{after}'
        '<div id="footer"><p>Copyright 2010 by Garden Blog Ltd, all rights reserved here.</p></div>'
        "</body></html>"
    )


def _post(byline: str, *, footer: str = "", heading: str = "<h2>Tea at five</h2>") -> str:
    return f"<div>{heading}{byline}<div><p>{TEXT}</p><p>{TEXT}</p></div>{footer}</div>"


def _evidence(html: str, url: str | None = "http://garden.example/2010/07/tea") -> Evidence:
    found = read(lxml.html.fromstring(html), Context(url=url, base=url))
    assert len(found) == 1
    return found[0]


def _only_post(html: str) -> tuple[Evidence, Post]:
    evidence = _evidence(html)
    [post] = evidence.posts
    return evidence, post


@pytest.mark.parametrize(
    ("byline", "author", "published"),
    [
        ("<p>Posted 20 July 2010 by Stephen Hale</p>", "Stephen Hale", dt.datetime(2010, 7, 20)),
        ("<p>By Jane Doe on March 3, 2009</p>", "Jane Doe", dt.datetime(2009, 3, 3)),
        ("<p>\u2014 3 March 2009</p>", None, dt.datetime(2009, 3, 3)),
        ("24. M\u00e4rz 2004, 19:49 | Genesis", "Genesis", dt.datetime(2004, 3, 24, 19, 49)),
        (
            "<p>Freitag | 14. Juni 2019 | 15:49 VON Sina Giebel IN Fashion</p>",
            "Sina Giebel",
            dt.datetime(2019, 6, 14, 15, 49),
        ),
        (
            '<div>13. Mai 2014, von <a href="/autor">Dr. Sebastian Br\u00fcggemann</a>'
            '<a href="#">Weiterempfehlen</a></div>',
            "Dr. Sebastian Br\u00fcggemann",  # the name ends where its link does
            dt.datetime(2014, 5, 13),
        ),
        ("<small>11.09.2011, 16:20 von jovelstefan</small>", "jovelstefan", None),
        ("<p>January 13, 2020 at 08:45 AM | categories: Python</p>", None, None),
    ],
)
def test_byline_forms(byline: str, author: str | None, published: dt.datetime | None) -> None:
    evidence, post = _only_post(_page(_post(byline)))
    assert [a.name for a in post.authors] == ([author] if author else [])
    when = post.published
    if published is not None:
        assert when == published.replace(tzinfo=UTC)
        assert evidence.article
    assert post.title == "Tea at five"


def test_an_updated_stamp_is_not_the_published_date() -> None:
    byline = '<p><time class="updated">1 May 2012</time> Posted 20 July 2010</p>'
    _, post = _only_post(_page(_post(byline)))
    assert post.published == dt.datetime(2010, 7, 20, tzinfo=UTC)
    byline = '<p>Last updated <time class="dt-updated">1 May 2012</time></p>'
    evidence = _evidence(_page(_post(byline)))
    assert evidence.posts[0].published is None
    assert not evidence.article


def test_the_byline_ends_where_the_text_and_comments_begin() -> None:
    # A short post under a long meta line: the comment's date is no byline date.
    meta = (
        "Notes from the kitchen, the shed and the greenhouse, on tea and on the roses we grow"
        " there, every year. We write it all down here."
    )
    post_html = (
        f'<article><h1>Tea</h1><p class="meta">{meta}</p>'
        '<div class="summary"><p>Tea.</p><p>More tea.</p></div>'
        '<section class="comments"><p class="meta"><time>2032-12-16 13:00</time></p></section>'
        "</article>"
    )
    evidence = _evidence(_page(post_html, title="Tea | Garden blog"))
    assert evidence.posts[0].title == "Tea"
    assert evidence.posts[0].published is None


def test_a_job_title_is_not_a_post_title() -> None:
    post_html = (
        '<div><p class="meta"><span class="p-job-title">0</span> 20 July 2010</p>'
        f"<div><p>{TEXT}</p><p>{TEXT}</p></div></div>"
    )
    html = _page(post_html).replace("<h1>Garden blog</h1>", "")
    assert read(lxml.html.fromstring(html), Context()) == ()


def test_the_time_of_a_byline_date() -> None:
    _, post = _only_post(_page(_post("<p>11.09.2011, 16:20 von jovelstefan</p>")))
    assert post.published == dt.datetime(2011, 9, 11, 16, 20, tzinfo=UTC)
    _, post = _only_post(_page(_post("<p>January 13, 2020 at 08:45 AM | categories</p>")))
    assert post.published == dt.datetime(2020, 1, 13, 8, 45, tzinfo=UTC)


def test_an_author_named_after_the_text() -> None:
    footer = "<p>posted by Stadler at 12:53</p>"
    _, post = _only_post(_page(_post("<p>17 July 2011</p>", footer=footer)))
    assert [a.name for a in post.authors] == ["Stadler"]


@pytest.mark.parametrize(
    ("footer", "author"),
    [
        (
            '<p><a href="/tag/x">Filzball</a> <span>Malte Welding</span> | 29.07.2006</p>',
            "Malte Welding",
        ),
        ("<p>17 July 2011 | Leave a comment</p>", None),
        ('<p>17 July 2011 | <a href="/c/a">ANZEIGE</a>, <a href="/c/u">UNTERWEGS</a></p>', None),
        ("<p>17 July 2011 | <b>Categories:</b> Tea</p>", None),
    ],
)
def test_a_name_beside_a_date(footer: str, author: str | None) -> None:
    _, post = _only_post(_page(_post("<p>17 July 2011</p>", footer=footer)))
    assert [a.name for a in post.authors] == ([author] if author else [])


def test_no_author_from_a_lead_paragraph() -> None:
    lead = "<p>Erdöl bildet sich nach Millionen von Jahren aus toten Kleinstlebewesen.</p>"
    evidence = _evidence(_page(_post(lead)))
    assert evidence.posts[0].authors == ()


def test_no_author_from_words_of_the_text() -> None:
    # "by taking" and "von der Revision" in the post's text are not bylines.
    text = "<p>We began by taking the train. Die Entscheidung von der Revision kam spät.</p>"
    _, post = _only_post(_page(_post("<p>17 July 2011</p>", footer=text)))
    assert post.authors == ()


def test_the_densest_block_wins_over_links_and_teasers() -> None:
    teasers = "".join(
        f'<div class="post_teaser"><h3><a href="/p{n}">Other post {n}</a></h3><p>{TEXT}</p></div>'
        for n in range(3)
    )
    links = (
        "<div>" + "".join(f'<p><a href="/x{n}">{TEXT[:60]}</a></p>' for n in range(9)) + "</div>"
    )
    html = _page(
        _post("<p>20 July 2010</p>"), before=links, after=f'<div id="related_posts">{teasers}</div>'
    )
    _, post = _only_post(html)
    assert post.title == "Tea at five"
    assert post.content.count("We drank tea") == 10
    assert "Other post" not in post.content


def test_a_post_split_into_sections() -> None:
    # Page builders wrap each paragraph of one post in its own nested section.
    sections = "".join(
        f'<section><div class="col"><div class="text"><p>Part {n}. {TEXT}</p></div></div></section>'
        for n in range(3)
    )
    post_html = (
        f'<div><h2>Tea at five</h2><p>20 July 2010</p><div class="entry">{sections}</div></div>'
    )
    _, post = _only_post(_page(post_html))
    assert [f"Part {n}." in (post.content or "") for n in range(3)] == [True, True, True]


@pytest.mark.parametrize(
    ("page_title", "title"),
    [
        ("Tea at five | Garden blog", "Tea at five"),  # the <title> repeats it
        ("The garden | Garden blog", "The garden"),
        ("Garden blog", "Tea at five"),  # the site's name only: the byline date decides
    ],
)
def test_the_title_heading(page_title: str, title: str) -> None:
    # A sub-heading at the top of the text is nearer than the post's heading.
    post_html = (
        "<div><h2>Tea at five</h2><p>20 July 2010</p><div><h3>The garden</h3>"
        f"<p>{TEXT}</p><p>{TEXT}</p></div></div>"
    )
    _, post = _only_post(_page(post_html, title=page_title))
    assert post.title == title


def test_a_time_floated_into_the_title() -> None:
    heading = '<div class="eTitle"><div style="float:right">3:59 PM</div>Briefe</div>'
    _, post = _only_post(
        _page(_post("<p>26 October 2010</p>", heading=heading), title="Briefe - Blog")
    )
    assert post.title == "Briefe"


@pytest.mark.parametrize(
    ("href", "rel", "is_tag"),
    [
        ("/tag/tea/", "", True),
        ("/tags/tea", "", True),
        ("/blog/category/python", "", True),
        ("/categories/x", "", True),
        ("/search/label/Tea", "", True),
        ("/labels/tea.html", "", True),
        ("/topics/tea", "", True),
        ("/tagesschau/tea", "", False),  # a segment must be the word itself
        ("/blog/tag", "", False),  # the listing of all tags, not a tag
        ("/about/", "tag", True),  # rel="tag" is a tag whatever its address
        ("/about/", "", False),
    ],
)
def test_tag_link_rules(href: str, rel: str, is_tag: bool) -> None:
    footer = f'<p class="meta">Filed under <a href="{href}" rel="{rel}">Tea</a></p>'
    _, post = _only_post(_page(_post("<p>20 July 2010</p>", footer=footer)))
    assert [t.term for t in post.tags] == (["Tea"] if is_tag else [])


def test_tag_links_in_the_text_are_references() -> None:
    body = f'<div><p>{TEXT} See <a href="/tag/tea/">all about tea</a>.</p><p>{TEXT}</p></div>'
    post_html = f"<div><h2>Tea at five</h2><p>20 July 2010</p>{body}</div>"
    _, post = _only_post(_page(post_html))
    assert post.tags == ()


def _comment(n: int, name: str, date: str) -> str:
    return (
        f'<div class="comment" id="c{n}"><span class="comment-author">{name} says:</span>'
        f'<span class="when">{date}</span><p>Comment number {n} on the tea.</p></div>'
    )


def test_comments_from_repeated_blocks_after_the_post() -> None:
    comments = _comment(1, "Jane", "21 July 2010, 10:05") + _comment(2, "Joe", "22 July 2010")
    after = f'<div id="talk"><h3>2 Comments</h3>{comments}</div>'
    _, post = _only_post(_page(_post("<p>20 July 2010</p>"), after=after))
    first, second = post.comments
    assert first.author.name == "Jane"
    assert first.published == dt.datetime(2010, 7, 21, 10, 5, tzinfo=UTC)
    assert first.content == "<p>Comment number 1 on the tea.</p>"
    assert first.id == "c1"
    assert first.url == "http://garden.example/2010/07/tea#c1"
    assert second.author.name == "Joe"
    assert post.comment_count == 2


def test_no_comments_from_related_posts() -> None:
    related = "".join(
        f'<div class="related-posts__post"><p><time>2{n} July 2010</time></p>'
        f"<h4>Other post {n}</h4><strong>Jane Doe</strong></div>"
        for n in range(3)
    )
    _, post = _only_post(_page(_post("<p>20 July 2010</p>"), after=f"<div>{related}</div>"))
    assert post.comments == ()


def test_no_comments_from_teasers_or_a_single_block() -> None:
    teasers = "".join(
        f'<div class="teaser"><h3><a href="/p{n}">Other post {n}</a></h3>'
        f"<span>by Jane Doe</span> <span>2{n} July 2010</span></div>"
        for n in range(3)
    )
    _, post = _only_post(_page(_post("<p>20 July 2010</p>"), after=teasers))
    assert post.comments == ()
    single = _comment(1, "Jane", "21 July 2010")
    _, post = _only_post(_page(_post("<p>20 July 2010</p>"), after=single))
    assert post.comments == ()


@pytest.mark.parametrize(
    ("statement", "count"),
    [
        ("<h3>12 Comments</h3>", 12),
        ("<h3>91 Ergänzungen</h3>", 91),
        ('<div class="comments">Kommentare insgesamt: 0</div>', 0),
        ('<div class="comments">Comments (3)</div>', 3),
        ("<h3>No comments yet</h3>", 0),
        ("<h3>#1 Kommentar von Naru-chan</h3>", None),  # a comment's number, not a count
    ],
)
def test_stated_comment_counts(statement: str, count: int | None) -> None:
    _, post = _only_post(_page(_post("<p>20 July 2010</p>"), after=statement))
    assert post.comment_count == count


def test_a_count_in_the_byline() -> None:
    _, post = _only_post(_page(_post("<p>20 July 2010 | 0 COMMENTS</p>")))
    assert post.comment_count == 0


def test_no_sign_of_an_article_without_a_date() -> None:
    # A shop's page: a heading and paragraphs, but no byline date.
    shop = _page(_post("<p>Price: 12 EUR, in stock</p>"), title="Tea at five | Shop")
    evidence = _evidence(shop)
    assert not evidence.article
    assert parse_html(shop).posts == ()


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
        "<p>The requested URL was not found on this server.</p></body></html>",
        _page(""),  # a home page of menus and links only
        "<html><body></body></html>",
    ],
)
def test_pages_without_a_post(html: str) -> None:
    assert read(lxml.html.fromstring(html), Context()) == ()
    assert parse_html(html).posts == ()


@pytest.mark.parametrize(
    ("body_class", "url", "kind"),
    [
        ("archive tag tag-tea", None, "tag"),
        ("archive category category-news", None, "tag"),
        ("archive date", None, "archive"),
        ("archive author author-jane", None, "listing"),
        ("home blog", None, "listing"),
        ("page-taxonomy-term", None, "tag"),
        ("single single-post postid-3", "http://b.example/tag/tea/", None),
        ("page-template-default page home", None, None),  # a static front page
        ("", "http://b.example/search/label/Tea", "tag"),
        ("", "http://b.example/taxonomy/term/12", "tag"),
        ("", "http://b.example/category/news/", "tag"),
        ("", "http://b.example/2010/07/", "archive"),
        ("", "http://b.example/2010/", "archive"),
        ("", "http://b.example/2010/07/tea.html", None),
        ("", "http://b.example/2010/07/20/tea/", None),
        ("", "http://b.example/page/2/", "listing"),
        ("", "http://b.example/search?updated-max=2010-07-20", "listing"),
        ("", "http://b.example/about/", None),
        ("", None, None),
    ],
)
def test_page_kind(body_class: str, url: str | None, kind: str | None) -> None:
    doc = lxml.html.fromstring(f'<html><body class="{body_class}"><p>x</p></body></html>')
    assert page_kind(doc, url) == kind


def test_page_kind_reaches_the_page() -> None:
    html = '<html><body class="archive tag"><h1>Tag: tea</h1></body></html>'
    assert parse_html(html).kind == "tag"
    assert parse_html("<p>Hello</p>", url="http://b.example/2010/07/").kind == "archive"


# Precedence: the fallback is the lowest-ranked source but for <title>/<meta name> guesses.


def test_fallback_title_beats_the_page_title_but_not_og_title() -> None:
    html = _page(_post("<p>20 July 2010</p>"), title="Garden blog: all about tea and more")
    [post] = parse_html(html).posts
    assert post.title == "Tea at five"
    og = '<meta property="og:title" content="Tea, at five">'
    [post] = parse_html(html.replace("<head>", f"<head>{og}")).posts
    assert post.title == "Tea, at five"


def test_fallback_byline_beats_meta_author_but_not_engine_markup() -> None:
    html = _page(_post("<p>Posted 20 July 2010 by Stephen Hale</p>"))
    meta = '<meta name="author" content="Site Editor">'
    [post] = parse_html(html.replace("<head>", f"<head>{meta}")).posts
    assert [a.name for a in post.authors] == ["Stephen Hale"]
    hatom = (
        '<div class="hentry"><h2 class="entry-title">Tea at five</h2>'
        '<span class="author vcard"><span class="fn">Jane Doe</span></span>'
        f'<p>Posted 20 July 2010 by Stephen Hale</p><div class="entry-content"><p>{TEXT}</p>'
        f"<p>{TEXT}</p></div></div>"
    )
    [post] = parse_html(_page(hatom)).posts
    assert [a.name for a in post.authors] == ["Jane Doe"]


def test_fallback_fills_only_what_better_sources_lack() -> None:
    jsonld = (
        '<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Tea at five",'
        ' "datePublished": "2010-07-20T14:05:00+01:00"}</script>'
    )
    html = _page(_post("<p>Posted 20 July 2010 by Stephen Hale</p>")).replace(
        "<head>", f"<head>{jsonld}"
    )
    [post] = parse_html(html).posts
    assert post.published == dt.datetime(
        2010, 7, 20, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert [a.name for a in post.authors] == ["Stephen Hale"]  # JSON-LD names none
    assert "We drank tea" in (post.content or "")


# Date precision: a month-only date yields to a fuller one of a lower-ranked source.


def _hentry(shown: str, engine_date: str) -> str:
    return (
        '<html><body><div class="hentry"><h2 class="entry-title">Tea</h2>'
        f'<time class="published" datetime="{shown}">{shown}</time>'
        f'<div class="post"><span class="post-date">{engine_date}</span>'
        f'<div class="entry-content"><p>{TEXT}</p></div></div></div></body></html>'
    )


def test_a_month_only_date_yields_to_a_full_one() -> None:
    [post] = parse_html(_hentry("2019-06", "19 June 2019")).posts
    assert post.published == dt.datetime(2019, 6, 19, tzinfo=UTC)


def test_a_month_only_date_is_kept_when_nothing_fuller_exists() -> None:
    [post] = parse_html(_hentry("2019-06", "")).posts
    assert post.published == dt.datetime(2019, 6, 1, tzinfo=UTC)


def test_a_full_date_of_a_higher_source_still_wins() -> None:
    [post] = parse_html(_hentry("2019-06-18", "19 June 2019")).posts
    assert post.published == dt.datetime(2019, 6, 18, tzinfo=UTC)


def test_a_month_only_time_element_yields_to_a_byline() -> None:
    html = _page(
        '<article><h2>Tea at five</h2><time datetime="2010-07">July 2010</time>'
        f"<p>Posted 20 July 2010 by Stephen Hale</p><div><p>{TEXT}</p><p>{TEXT}</p></div></article>"
    )
    [post] = parse_html(html).posts
    assert post.published == dt.datetime(2010, 7, 20, tzinfo=UTC)


@pytest.mark.parametrize(
    "head",
    [
        '<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Tea at five",'
        ' "datePublished": "2010-07"}</script>',
        '<meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2010-07">',
        '<meta name="DC.date" content="2010">',
    ],
)
def test_month_only_head_dates_yield_to_the_byline(head: str) -> None:
    html = _page(_post("<p>Posted 20 July 2010 by Stephen Hale</p>")).replace(
        "<head>", f"<head>{head}"
    )
    [post] = parse_html(html).posts
    assert post.published == dt.datetime(2010, 7, 20, tzinfo=UTC)


def test_comments_nested_in_the_post_block_are_not_its_content() -> None:
    # Found by the writer's round trip (Hypothesis): a post with no text, whose
    # comments sit inside its <article>, had the comments section read as its content.
    when = dt.datetime(2000, 1, 1, tzinfo=UTC)
    post = Post(
        title="0 0",
        published=when,
        authors=[
            Author(email="00@0000.org", role="0 0 000 000000", location="0 00000"),
            Author(
                url="http://0.00000.org/0/00/000_000000/", email="00@0000.org", location="0 0000"
            ),
        ],
        comments=[
            Comment(id="comment-1000000000000", published=when, content="<p>0 0 0000 000000</p>"),
            Comment(
                id="comment-1000000000001",
                author=Author(
                    email="00000@00000000.org",
                    role="0000 00000 000000 000000",
                    avatar="http://0.org/",
                ),
                published=when,
                content="<p>0000 0 000 000 00 000000</p><p>000000</p>",
            ),
        ],
    )
    (read_back,) = parse_html(to_html(post)).posts
    assert read_back.content is None
    assert len(read_back.comments) == 2
