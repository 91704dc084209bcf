"""Build the page the project started from as a diploblog model, and print it.

The page is a 2010 Apache Roller post on the UK Foreign Office blogs, as captured
by the UK Government Web Archive (see ../shared/seed). Until the HTML reader
exists, this writes by hand what that reader must find in the page.

Run: python examples/build_model.py
"""

from __future__ import annotations

import datetime as dt
import json

from diploblog import Author, Blog, Link, Post, Tag, to_dict

BLOG_URL = "http://blogs.fco.gov.uk/roller/hale/"

# The sidebar's tag cloud, in the order the page shows it.
TAG_CLOUD = (
    "blog",
    "blogs",
    "campaign",
    "campaigns",
    "community",
    "debate",
    "design",
    "digital",
    "diplomacy",
    "duncan",
    "engagement",
    "evaluation",
    "foreign",
    "job",
    "john",
    "kent",
    "londonsummit",
    "policy",
    "summit",
    "twitter",
)


def build_blog() -> Blog:
    author = Author(
        name="Stephen Hale",
        role="Head of Engagement, Digital Diplomacy",
        location="London",
    )
    post = Post(
        title="The end of this blog",
        # Roller entry anchors are the first five title words, lower case, joined by "_".
        url=f"{BLOG_URL}entry/the_end_of_this_blog",
        # The page shows only the date ("Posted 20 July 2010"); midnight UTC stands in
        # for the unknown time of day.
        published=dt.datetime(2010, 7, 20, tzinfo=dt.timezone.utc),
        authors=[author],
        content=(
            "<p>I'll be leaving my role in the Foreign Office at the end of this week.</p>\n"
            "<p>I'm sad to be leaving. This has been by far the most enjoyable and satisfying"
            " job of my career. It's a brilliant place to work. And I'm proud of the work"
            " we've done.</p>"
        ),
        tags=[Tag(term=term, url=f"{BLOG_URL}tags/{term}") for term in TAG_CLOUD],
    )
    return Blog(
        title="Global conversations",
        url=BLOG_URL,
        description=(
            "A blog about digital diplomacy - our efforts to help solve foreign policy"
            " problems through digital engagement."
        ),
        authors=[author],
        feeds=[
            Link(url=f"{BLOG_URL}feed/entries/atom", type="application/atom+xml"),
            Link(url=f"{BLOG_URL}feed/entries/rss", type="application/rss+xml"),
        ],
        posts=[post],
    )


def describe(blog: Blog) -> str:
    lines = [f"{blog.title}: {blog.description}"]
    for post in blog.posts:
        byline = ", ".join(
            f"{a.name} ({a.role}, {a.location})" if a.role else str(a.name) for a in post.authors
        )
        published = post.published.date().isoformat() if post.published else "undated"
        lines += [
            f"  {post.title}",
            f"    posted {published} by {byline}",
            f"    {len(post.tags)} tags: {', '.join(tag.slug for tag in post.tags)}",
        ]
    return "\n".join(lines)


def main() -> None:
    blog = build_blog()
    print(describe(blog))
    print()
    print(json.dumps(to_dict(blog), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
