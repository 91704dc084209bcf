"""Rescue the seed blog from its web-archive captures, as one Atom feed.

examples/seed/ holds pages of "Global conversations", a 2010 Apache Roller 4.0 blog
on the UK Foreign Office blogs, as web archives served them: the UK Government Web
Archive's captures of the entry page "The end of this blog", the front page, a tag
page and the About page, and the same entry page as the Wayback Machine, a pywb
archive and Archive-It keep it (in captures/). The front and tag pages' two other
entries are invented example data.

Each page is read with `parse_html` (which undoes what the archive did), the pages are
merged into one `Blog` with `diploblog.archive.merge`, and the blog is written as Atom.

Run: python examples/rescue_seed.py
"""

from __future__ import annotations

from pathlib import Path

from diploblog import Page, parse_html, to_atom
from diploblog.archive import merge

SEED = Path(__file__).resolve().parent / "seed"
UKGWA = (
    "http://webarchive.nationalarchives.gov.uk/20110107181957/http:/blogs.fco.gov.uk/roller/hale/"
)
ENTRY = "http://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog"

# Each saved page and the address it was saved under (None: the page itself says).
PAGES = {
    "entry.html": UKGWA + "entry/the_end_of_this_blog",
    "front.html": UKGWA,
    "tag.html": UKGWA + "tags/twitter",
    "about.html": UKGWA + "page/about",
    "captures/wayback.html": "https://web.archive.org/web/20100722093512/" + ENTRY,
    "captures/wayback-relative.html": None,
    "captures/pywb.html": "https://archive.example.ac.uk/blogs/20100722093512mp_/" + ENTRY,
    "captures/archive-it.html": "https://wayback.archive-it.org/2135/20100722093512/" + ENTRY,
}


def read_pages() -> list[Page]:
    """Read every saved page of the seed blog."""
    return [parse_html((SEED / name).read_bytes(), url=url) for name, url in PAGES.items()]


def main() -> None:
    """Print what each capture was, then the rescued blog as an Atom feed."""
    pages = read_pages()
    for page in pages:
        capture = page.capture
        if capture is not None and capture.captured_at is not None:
            print(f"{capture.archive}, {capture.captured_at:%Y-%m-%d %H:%M:%S}: {page.url}")
    blog = merge(pages)
    print(f"{blog.title}: {len(blog.posts)} posts")
    print(to_atom(blog, pretty=True).decode("utf-8"))


if __name__ == "__main__":
    main()
