"""The content model: what a blog holds, independent of any format.

Every class is a frozen, slotted, keyword-only attrs class. Collections are tuples
(lists given to the constructor are converted), datetimes are timezone-aware, and
`attrs.evolve` makes a changed copy.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from diploblog._errors import DiploblogError
from diploblog._slug import slugify
from diploblog._validators import (
    collection,
    identifier,
    language_tag,
    non_empty,
    non_negative,
    one_of,
    optional_aware_datetime,
    optional_url,
    to_tuple,
    url,
)

__all__ = [
    "PAGE_KINDS",
    "Author",
    "Blog",
    "Capture",
    "Comment",
    "Enclosure",
    "Extension",
    "Link",
    "Page",
    "Post",
    "ReadWarning",
    "Tag",
    "WeightedTag",
]

PAGE_KINDS = frozenset({"post", "listing", "archive", "tag", "other"})
"""What a parsed HTML page can be: see `Page.kind`."""


def _none_if_blank(value: str | None) -> str | None:
    return value if value is None or value.strip() else None


def _attribute_pairs(
    value: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    # Attribute order carries no meaning in XML; sorting makes equal elements equal.
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), str(v)) for k, v in pairs))


@attrs.frozen(kw_only=True)
class Extension:
    """Something a format carries that the model has no field for, kept for round trips.

    An XML element keeps its `namespace` URI, local `name`, `attributes` (as sorted
    ``(name, value)`` pairs; namespaced attribute names in Clark notation
    ``{uri}local``), `text` and `children`. JSON Feed extension members use the
    namespace ``https://jsonfeed.org/version/1.1`` and hold their value as JSON text.

    Example:
        >>> Extension(
        ...     namespace="http://purl.org/rss/1.0/modules/slash/", name="department", text="news"
        ... ).text
        'news'
    """

    namespace: str = attrs.field(validator=attrs.validators.instance_of(str))
    name: str = attrs.field(validator=non_empty)
    attributes: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_attribute_pairs)
    text: str | None = None
    children: tuple[Extension, ...] = attrs.field(
        default=(), converter=to_tuple, validator=collection
    )


@attrs.frozen(kw_only=True)
class ReadWarning:
    """A recoverable problem met while reading: the result is still usable.

    Example:
        >>> ReadWarning(message="unreadable date 'soon'", where="/rss/channel/item[2]/pubDate")
        ReadWarning(message="unreadable date 'soon'", where='/rss/channel/item[2]/pubDate')
    """

    message: str = attrs.field(validator=non_empty)
    where: str | None = None


@attrs.frozen(kw_only=True)
class Link:
    """A typed link: a feed, a featured post, a pagination or an archive link.

    `rel` follows Atom and HTML link relations ("alternate", "self", "next",
    "prev", "archives", "related", ...); `type` is a media type.

    Example:
        >>> Link(url="https://example.org/feed/", rel="alternate", type="application/rss+xml").rel
        'alternate'
    """

    url: str = attrs.field(validator=url)
    rel: str = attrs.field(default="alternate", validator=non_empty)
    title: str | None = attrs.field(default=None, converter=_none_if_blank)
    type: str | None = None


@attrs.frozen(kw_only=True)
class Enclosure:
    """A file attached to a post: a podcast episode, an image, a document.

    `length` is in bytes and `duration` in seconds, when known.

    Example:
        >>> Enclosure(url="https://example.org/ep1.mp3", type="audio/mpeg", length=123456).length
        123456
    """

    url: str = attrs.field(validator=url)
    type: str | None = None
    length: int | None = attrs.field(default=None, validator=non_negative)
    title: str | None = None
    duration: int | None = attrs.field(default=None, validator=non_negative)


@attrs.frozen(kw_only=True)
class Author:
    """A person (or organisation) who wrote a post or a comment.

    At least one of `name`, `url` and `email` must be given. `role` and `location`
    hold what blog profile boxes show ("Head of Engagement, Digital Diplomacy",
    "London"); `avatar` is the URL of a picture.

    Example:
        >>> a = Author(name="Stephen Hale", role="Head of Engagement, Digital Diplomacy",
        ...            location="London")
        >>> a.location
        'London'
    """

    name: str | None = attrs.field(default=None, converter=_none_if_blank)
    url: str | None = attrs.field(default=None, validator=optional_url)
    email: str | None = attrs.field(default=None, converter=_none_if_blank)
    role: str | None = attrs.field(default=None, converter=_none_if_blank)
    location: str | None = attrs.field(default=None, converter=_none_if_blank)
    avatar: str | None = attrs.field(default=None, validator=optional_url)

    def __attrs_post_init__(self) -> None:
        if self.name is None and self.url is None and self.email is None:
            msg = "an author needs at least a name, a URL or an email address"
            raise DiploblogError(msg, where="Author")
        if self.email is not None and "@" not in self.email:
            msg = f"{self.email!r} is not an email address"
            raise DiploblogError(msg, where="Author.email")


def _scheme(value: str | None) -> str | None:
    return value or None


def _slug_of_term(tag: Tag) -> str:
    # Defaults are computed before validators run: leave a non-string term to the
    # term's validator, which says what is wrong, rather than failing in slugify.
    return slugify(tag.term) if isinstance(tag.term, str) else ""


@attrs.frozen(kw_only=True, eq=False)
class Tag:
    """A tag or category as a post or page shows it.

    `term` is the tag as written, `label` a display form when the source gives
    one, `scheme` the vocabulary (an Atom category scheme, an RSS category domain,
    "category" or "post_tag" in WordPress exports), `url` the tag's page.
    `slug` is derived from `term` by `diploblog.tags.slugify`. Two tags are the same
    tag, equal and hashing alike, when their scheme and slug agree.
    `description` and `parent` (the parent's slug) hold what category lists in
    exports say.

    Example:
        >>> Tag(term="Digital Diplomacy") == Tag(term="digital-diplomacy")
        True
        >>> Tag(term="Digital Diplomacy").slug
        'digital-diplomacy'
        >>> Tag(term="news", scheme="category") == Tag(term="news")
        False
    """

    term: str = attrs.field(validator=non_empty)
    label: str | None = attrs.field(default=None, converter=_none_if_blank)
    scheme: str | None = attrs.field(default=None, converter=_scheme)
    url: str | None = attrs.field(default=None, validator=optional_url)
    description: str | None = None
    parent: str | None = None
    slug: str = attrs.field(init=False, default=attrs.Factory(_slug_of_term, takes_self=True))

    @property
    def display(self) -> str:
        """The form to show people: the label when there is one, else the term.

        Example:
            >>> Tag(term="dd", label="Digital diplomacy").display
            'Digital diplomacy'
        """
        return self.label or self.term

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tag):
            return NotImplemented
        return (self.scheme, self.slug) == (other.scheme, other.slug)

    def __hash__(self) -> int:
        return hash((Tag, self.scheme, self.slug))

    def same_as(self, other: Tag) -> bool:
        """Whether every field agrees, not only the identity (scheme and slug).

        Example:
            >>> Tag(term="Blogs").same_as(Tag(term="blogs"))
            False
        """
        return attrs.astuple(self, recurse=False) == attrs.astuple(other, recurse=False)


def _not_own_parent(instance: Comment, attribute: Any, value: str | None) -> None:
    if value is not None and value == instance.id:
        msg = f"comment {value!r} cannot reply to itself"
        raise DiploblogError(msg, where="Comment.in_reply_to")


@attrs.frozen(kw_only=True)
class Comment:
    """A reader's comment (or a pingback or trackback) on a post.

    `content` is HTML. `in_reply_to` is the `id` of the parent comment for
    threaded replies (None for a reply to the post itself). `kind` is "comment",
    "pingback" or "trackback"; `approved` is the moderation state exports record.

    Example:
        >>> import datetime as dt
        >>> c = Comment(id="comment-1279627380000", author=Author(name="Jo"),
        ...             published=dt.datetime(2010, 7, 20, 13, 3, tzinfo=dt.timezone.utc),
        ...             content="<p>Good luck!</p>")
        >>> c.author.name
        'Jo'
    """

    id: str | None = None
    url: str | None = attrs.field(default=None, validator=optional_url)
    author: Author | None = None
    published: _dt.datetime | None = attrs.field(default=None, validator=optional_aware_datetime)
    content: str = ""
    in_reply_to: str | None = attrs.field(default=None, validator=_not_own_parent)
    kind: str = attrs.field(default="comment", validator=identifier)
    approved: bool | None = None
    extensions: tuple[Extension, ...] = attrs.field(
        default=(), converter=to_tuple, validator=collection
    )


@attrs.frozen(kw_only=True)
class Post:
    """One blog post (or page, or attachment, in exports).

    `content` and `summary` are HTML. `comment_count` is the count the source
    states, which may exceed the `comments` present. `kind` is "post" by default,
    "page" or "attachment" (or another post type) for exports. `extensions` keeps
    what a format carries that has no field here, so round trips lose nothing.

    Example:
        >>> import datetime as dt
        >>> p = Post(title="The end of this blog",
        ...          url="https://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog",
        ...          published=dt.datetime(2010, 7, 20, tzinfo=dt.timezone.utc),
        ...          authors=[Author(name="Stephen Hale")], tags=[Tag(term="blog")])
        >>> p.authors[0].name, p.kind
        ('Stephen Hale', 'post')
    """

    id: str | None = None
    url: str | None = attrs.field(default=None, validator=optional_url)
    title: str | None = None
    published: _dt.datetime | None = attrs.field(default=None, validator=optional_aware_datetime)
    updated: _dt.datetime | None = attrs.field(default=None, validator=optional_aware_datetime)
    authors: tuple[Author, ...] = attrs.field(default=(), converter=to_tuple, validator=collection)
    summary: str | None = None
    content: str | None = None
    tags: tuple[Tag, ...] = attrs.field(default=(), converter=to_tuple, validator=collection)
    comments: tuple[Comment, ...] = attrs.field(
        default=(), converter=to_tuple, validator=collection
    )
    comment_count: int | None = attrs.field(default=None, validator=non_negative)
    comments_url: str | None = attrs.field(default=None, validator=optional_url)
    comments_feed_url: str | None = attrs.field(default=None, validator=optional_url)
    enclosures: tuple[Enclosure, ...] = attrs.field(
        default=(), converter=to_tuple, validator=collection
    )
    language: str | None = attrs.field(default=None, validator=language_tag)
    kind: str = attrs.field(default="post", validator=identifier)
    slug: str | None = None
    status: str | None = None
    links: tuple[Link, ...] = attrs.field(default=(), converter=to_tuple, validator=collection)
    extensions: tuple[Extension, ...] = attrs.field(
        default=(), converter=to_tuple, validator=collection
    )


@attrs.frozen(kw_only=True)
class Blog:
    """A blog: its own metadata and its posts, in the order the source gives them.

    `feeds` links to the blog's feeds; `tags` lists the categories and tags the
    blog declares (exports list them even when unused); `warnings` records
    recoverable problems met while reading it.

    Example:
        >>> b = Blog(title="Global conversations", posts=[Post(title="The end of this blog")])
        >>> len(b.posts)
        1
    """

    id: str | None = None
    title: str | None = None
    url: str | None = attrs.field(default=None, validator=optional_url)
    description: str | None = None
    language: str | None = attrs.field(default=None, validator=language_tag)
    authors: tuple[Author, ...] = attrs.field(default=(), converter=to_tuple, validator=collection)
    updated: _dt.datetime | None = attrs.field(default=None, validator=optional_aware_datetime)
    generator: str | None = None
    feeds: tuple[Link, ...] = attrs.field(default=(), converter=to_tuple, validator=collection)
    rights: str | None = None
    icon: str | None = attrs.field(default=None, validator=optional_url)
    logo: str | None = attrs.field(default=None, validator=optional_url)
    tags: tuple[Tag, ...] = attrs.field(default=(), converter=to_tuple, validator=collection)
    links: tuple[Link, ...] = attrs.field(default=(), converter=to_tuple, validator=collection)
    posts: tuple[Post, ...] = attrs.field(default=(), converter=to_tuple, validator=collection)
    extensions: tuple[Extension, ...] = attrs.field(
        default=(), converter=to_tuple, validator=collection
    )
    warnings: tuple[ReadWarning, ...] = attrs.field(
        default=(), converter=to_tuple, validator=collection
    )


@attrs.frozen(kw_only=True)
class Capture:
    """Where and when a web archive saved a page.

    Example:
        >>> import datetime as dt
        >>> c = Capture(archive="UK Government Web Archive",
        ...     archive_url="http://webarchive.nationalarchives.gov.uk/20110107181957/"
        ...                 "http://blogs.fco.gov.uk/roller/hale/",
        ...     original_url="http://blogs.fco.gov.uk/roller/hale/",
        ...     captured_at=dt.datetime(2011, 1, 7, 18, 19, 57, tzinfo=dt.timezone.utc))
        >>> c.captured_at.year
        2011
    """

    archive: str = attrs.field(validator=non_empty)
    archive_url: str | None = attrs.field(default=None, validator=optional_url)
    original_url: str | None = attrs.field(default=None, validator=optional_url)
    captured_at: _dt.datetime | None = attrs.field(default=None, validator=optional_aware_datetime)


def _unit_interval(instance: WeightedTag, attribute: Any, value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        msg = f"expected a number from 0 to 1, got {value!r}"
        raise DiploblogError(msg, where="WeightedTag.weight")
    if math.isnan(value) or not 0.0 <= value <= 1.0:
        msg = f"must be from 0 to 1, got {value!r}"
        raise DiploblogError(msg, where="WeightedTag.weight")


def _positive_step(instance: WeightedTag, attribute: Any, value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        msg = f"a step is a whole number from 1 up, got {value!r}"
        raise DiploblogError(msg, where="WeightedTag.step")


def _finite_size(instance: WeightedTag, attribute: Any, value: float | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        msg = f"expected a number, got {value!r}"
        raise DiploblogError(msg, where="WeightedTag.size")
    if not math.isfinite(value) or value < 0:
        msg = f"a size is a finite number >= 0, got {value!r}"
        raise DiploblogError(msg, where="WeightedTag.size")


@attrs.frozen(kw_only=True)
class WeightedTag:
    """A tag as a tag cloud shows it: how often it is used and how big it is drawn.

    `weight` runs from 0 to 1, larger is bigger; `step` is the method's bucket
    (its meaning, and which end is biggest, depends on the method: see
    `diploblog.tags.weigh`); `size` is in the method's unit (pt, em, %).

    Example:
        >>> WeightedTag(tag=Tag(term="diplomacy"), count=12, weight=1.0, step=5).step
        5
    """

    tag: Tag
    count: int | None = attrs.field(default=None, validator=non_negative)
    weight: float = attrs.field(default=0.0, validator=_unit_interval)
    step: int | None = attrs.field(default=None, validator=_positive_step)
    size: float | None = attrs.field(default=None, validator=_finite_size)
    unit: str | None = None


@attrs.frozen(kw_only=True)
class Page:
    """One parsed HTML page: what it shows of its blog, its posts and its sidebars.

    `kind` is "post" (a single entry), "listing" (front page, paginated index),
    "archive" (a date archive), "tag" (a tag or category page) or "other".
    `capture` is set when the page was saved by a web archive; `url` is then the
    page's original address. `featured` holds lists such as "Best bits"; `links`
    holds pagination and archive links.

    Example:
        >>> page = Page(kind="post", posts=[Post(title="The end of this blog")])
        >>> page.posts[0].title
        'The end of this blog'
    """

    url: str | None = attrs.field(default=None, validator=optional_url)
    kind: str = attrs.field(default="other", validator=one_of(PAGE_KINDS))
    capture: Capture | None = None
    blog: Blog | None = None
    posts: tuple[Post, ...] = attrs.field(default=(), converter=to_tuple, validator=collection)
    tag_cloud: tuple[WeightedTag, ...] = attrs.field(
        default=(), converter=to_tuple, validator=collection
    )
    recent_comments: tuple[Comment, ...] = attrs.field(
        default=(), converter=to_tuple, validator=collection
    )
    featured: tuple[Link, ...] = attrs.field(default=(), converter=to_tuple, validator=collection)
    links: tuple[Link, ...] = attrs.field(default=(), converter=to_tuple, validator=collection)
    warnings: tuple[ReadWarning, ...] = attrs.field(
        default=(), converter=to_tuple, validator=collection
    )
