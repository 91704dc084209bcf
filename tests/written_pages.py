"""The HTML pages diploblog writes, for the tests that check them from outside.

tests/test_html_browser.py opens them in Chromium, tests/test_html_validity.py runs
an HTML5 parser and a microformats2 parser over them. Both take their pages from
`documents`, so a new kind of page (the static archive's, say) is checked by every
one of them once `documents` writes it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

from diploblog import Author, Blog, Comment, Link, Page, Post, Tag, parse_html, site, to_html
from test_sanitize import VECTORS

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed" / "entry.html"
SEED_URL = "http://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog"
UTC = dt.timezone.utc


def documents(blog: Blog) -> dict[str, str]:
    """Every page written for `blog`: relative path -> HTML document."""
    pages = {"index.html": to_html(blog)}
    for number, post in enumerate(blog.posts):
        pages[f"posts/{number}.html"] = to_html(post, blog=blog)
    pages["listing.html"] = to_html(Page(kind="listing", blog=blog, posts=blog.posts))
    written = site(blog, base_url="https://blog.example/")
    pages.update({f"site/{path}": html for path, html in written.items() if path.endswith(".html")})
    return pages


def sample_blog() -> Blog:
    """A small blog whose first post has every field a post page shows, threads included."""
    post = Post(
        id="https://tea.example/2020/tea",
        url="https://tea.example/2020/tea",
        title="Tea & <cake> at the embassy",
        published=dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        updated=dt.datetime(2020, 2, 3, 4, 5, 6, tzinfo=UTC),
        authors=[
            Author(name="Jo Envoy", url="https://jo.example/", role="Ambassador", location="Paris")
        ],
        summary="<p>About tea, and cake.</p>",
        content=(
            "<h2>Why tea</h2><p>Tea is <em>good</em>, and <strong>cake</strong> is better. "
            '<a href="https://tea.example/more">More about tea</a>.</p>'
            "<blockquote><p>A cup of tea solves everything.</p></blockquote>"
            "<ul><li>Assam</li><li>Darjeeling</li><li>Earl Grey</li></ul>"
            "<table><tr><th>Tea</th><th>Minutes</th></tr><tr><td>Green</td><td>2</td></tr></table>"
            "<pre><code>if tea &lt; cake:\n    bake()</code></pre>"
        ),
        tags=[Tag(term="tea"), Tag(term="cake", url="https://tea.example/tag/cake")],
        comments=[
            Comment(
                id="comment-1",
                author=Author(name="Al", url="https://al.example/"),
                published=dt.datetime(2020, 1, 3, tzinfo=UTC),
                content="<p>Agreed, <em>entirely</em>.</p>",
            ),
            Comment(
                id="comment-2",
                author=Author(name="Bo"),
                content="<p>Not me.</p>",
                in_reply_to="comment-1",
            ),
            Comment(id="comment-3", content="<p>Coffee!</p>", url="https://tea.example/c3"),
        ],
        comment_count=3,
        language="en-GB",
    )
    return Blog(
        title="Diplomats' tea",
        url="https://tea.example/",
        description="Posts about tea.",
        language="en-GB",
        feeds=[Link(url="https://tea.example/feed.atom", type="application/atom+xml")],
        posts=[post, Post(title="Two", url="https://tea.example/2020/two", content="<p>2</p>")],
    )


def seed_blog() -> Blog:
    """The seed's entry page as diploblog reads it: a real Roller post and its blog."""
    page = parse_html(SEED.read_bytes(), url=SEED_URL)
    assert page.blog is not None
    return attrs.evolve(page.blog, posts=page.posts)


def _vector_post(number: int, vector: str) -> Post:
    # The vector in every field a stranger writes: text fields and HTML fields alike.
    return Post(
        url=f"https://blog.example/{number}",
        title=vector,
        summary=vector,
        content=f"<p>{vector}</p>{vector}",
        authors=[Author(name=vector, role=vector, location=vector)],
        tags=[Tag(term=vector), Tag(term=f"t{number}", label=vector)],
        comments=[
            Comment(id="c1", content=vector, author=Author(name=vector)),
            Comment(id="c2", content=f"<p>{vector}</p>", in_reply_to="c1"),
        ],
    )


# Links the model holds as URLs, not HTML: the writer must not make them clickable.
URL_VECTORS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(2)",
    "javascript://%0Aalert(3)",
    "vbscript:msgbox(4)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==",
]


def _url_vector_post() -> Post:
    first, second, third, fourth, fifth = URL_VECTORS
    return Post(
        id=second,
        url=first,
        title="Dangerous links",
        content="<p>x</p>",
        authors=[Author(name="Mallory", url=second, avatar=third, email="m@x.example")],
        tags=[Tag(term="x", url=fourth)],
        comments=[Comment(id="c1", url=fifth, content="<p>x</p>", author=Author(url=first))],
    )


def vector_blog() -> Blog:
    """A blog of one post per cross-site-scripting vector of tests/test_sanitize.py.

    Its last post carries dangerous URLs in the model's URL fields (`URL_VECTORS`).
    """
    posts = [_vector_post(number, vector) for number, vector in enumerate(VECTORS)]
    return Blog(
        title=VECTORS[0],
        description=VECTORS[1],
        url="https://blog.example/",
        feeds=[Link(url=URL_VECTORS[0], type="text/html")],
        posts=[*posts, _url_vector_post()],
    )
