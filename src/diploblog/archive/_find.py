"""Finding posts and comments: recent comments, related posts, search."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable

import attrs
import lxml.etree
import lxml.html

from diploblog._errors import DiploblogError
from diploblog._model import Comment, Post
from diploblog.archive._order import post_date, tie_key

__all__ = ["PostComment", "recent_comments", "related", "search"]

_EARLIEST = _dt.datetime.min.replace(tzinfo=_dt.timezone.utc)
_WORD = re.compile(r"\w+")
_TITLE_WEIGHT, _TAG_WEIGHT, _BODY_WEIGHT = 3, 2, 1


def _count(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        msg = f"{what} must be a whole number, 0 or more, got {value!r}"
        raise DiploblogError(msg, where=f"{what}=...")
    return value


def _newest(when: _dt.datetime | None) -> tuple[bool, _dt.datetime]:
    # Sorted in reverse: dated before undated, and newest first among the dated.
    return (when is not None, when or _EARLIEST)


@attrs.frozen(kw_only=True)
class PostComment:
    """A comment together with the post it was made on.

    Example:
        >>> pc = PostComment(comment=Comment(content="Good luck!"), post=Post(title="The end"))
        >>> pc.post.title
        'The end'
    """

    comment: Comment
    post: Post


def recent_comments(posts: Iterable[Post], n: int = 5) -> tuple[PostComment, ...]:
    """The `n` newest comments across all posts, as a "recent comments" sidebar shows them.

    Comments are ordered by `published`, newest first; comments at the same moment
    by id, then URL, then their post (id, URL, title), then content. Undated
    comments come after every dated one.

    Args:
        posts: The posts whose comments to consider.
        n: How many comments to return at most (0 or more).

    Returns:
        Up to `n` `PostComment` pairs, newest first.

    Raises:
        DiploblogError: `n` is negative or not a whole number.

    Example:
        >>> import datetime as dt
        >>> at = lambda h: dt.datetime(2010, 7, 20, h, tzinfo=dt.timezone.utc)
        >>> post = Post(title="The end", comments=[Comment(id="c1", published=at(9)),
        ...                                         Comment(id="c2", published=at(11))])
        >>> [pc.comment.id for pc in recent_comments([post], n=1)]
        ['c2']
    """
    limit = _count(n, "n")
    pairs = [PostComment(comment=c, post=p) for p in posts for c in p.comments]
    pairs.sort(
        key=lambda pc: (
            pc.comment.id or "",
            pc.comment.url or "",
            tie_key(pc.post),
            pc.comment.content,
        )
    )
    pairs.sort(key=lambda pc: _newest(pc.comment.published), reverse=True)
    return tuple(pairs[:limit])


def _same_post(a: Post, b: Post) -> bool:
    return a is b or a == b or bool(a.id and a.id == b.id) or bool(a.url and a.url == b.url)


def related(post: Post, posts: Iterable[Post], k: int = 5) -> tuple[Post, ...]:
    """The `k` posts sharing the most tags with `post`, for a "related posts" list.

    Tags are compared by identity (scheme and slug), so "Digital Diplomacy" and
    "digital-diplomacy" match. The post itself (the same object, an equal post, or
    one with the same id or URL) is left out, as are posts sharing no tag. Order:
    more shared tags first, then newer first (undated last), then id, URL, title.

    Args:
        post: The post to find relatives of.
        posts: The candidates, typically all posts of the blog.
        k: How many posts to return at most (0 or more).

    Returns:
        Up to `k` posts.

    Raises:
        DiploblogError: `k` is negative or not a whole number.

    Example:
        >>> from diploblog import Tag
        >>> me = Post(id="1", tags=[Tag(term="fco"), Tag(term="digital")])
        >>> others = [me, Post(id="2", tags=[Tag(term="FCO")]),
        ...           Post(id="3", tags=[Tag(term="digital"), Tag(term="fco")]),
        ...           Post(id="4", tags=[Tag(term="cats")])]
        >>> [p.id for p in related(me, others)]
        ['3', '2']
    """
    limit = _count(k, "k")
    wanted = set(post.tags)
    scored: list[tuple[int, Post]] = []
    for candidate in posts:
        shared = len(wanted.intersection(candidate.tags))
        if shared and not _same_post(candidate, post):
            scored.append((shared, candidate))
    scored.sort(key=lambda pair: tie_key(pair[1]))
    scored.sort(key=lambda pair: (pair[0], _newest(post_date(pair[1]))), reverse=True)
    return tuple(candidate for _, candidate in scored[:limit])


def _words(text: str | None) -> set[str]:
    if not text:
        return set()
    folded = unicodedata.normalize("NFKC", text).casefold()
    return set(_WORD.findall(folded.replace("'", "").replace("\u2019", "")))


def _html_text(html: str | None) -> str:
    if not html or not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return html
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    # Joined with spaces so that "</p><p>" still separates words.
    return " ".join(root.itertext())


def _score(post: Post, query: set[str]) -> int:
    title = _words(post.title)
    tags = _words(" ".join(f"{tag.term} {tag.label or ''}" for tag in post.tags))
    body = _words(_html_text(post.content)) | _words(_html_text(post.summary))
    score = 0
    for word in query:
        hit = _TITLE_WEIGHT * (word in title) + _TAG_WEIGHT * (word in tags)
        hit += _BODY_WEIGHT * (word in body)
        if not hit:
            return 0
        score += hit
    return score


def search(posts: Iterable[Post], query: str) -> tuple[Post, ...]:
    """Find the posts that contain every word of `query`, best match first.

    Words are runs of letters, digits and underscores in any script, compared
    case-insensitively after NFKC normalisation (apostrophes dropped, as in tag
    slugs); whole words only, no stemming. A post is found only when every query
    word appears in its title, its tags (term or label) or its text (content and
    summary, HTML stripped). Each query word scores 3 when in the title, plus 2
    when in a tag, plus 1 when in the text; posts are ranked by total score, then
    newest first (undated last), then id, URL, title.

    Args:
        posts: The posts to search.
        query: The words to look for.

    Returns:
        The matching posts, best first.

    Raises:
        DiploblogError: The query holds no words.

    Example:
        >>> from diploblog import Tag
        >>> posts = [Post(id="body", content="<p>Digital <b>diplomacy</b> at the FCO</p>"),
        ...          Post(id="title", title="Digital diplomacy"),
        ...          Post(id="tag", tags=[Tag(term="digital diplomacy")]),
        ...          Post(id="half", title="Digital cameras")]
        >>> [p.id for p in search(posts, "DIGITAL Diplomacy")]
        ['title', 'tag', 'body']
    """
    words = _words(query)
    if not words:
        msg = f"the query {query!r} holds no words to search for"
        raise DiploblogError(msg, where="search(query=...)")
    scored = [(score, post) for post in posts if (score := _score(post, words))]
    scored.sort(key=lambda pair: tie_key(pair[1]))
    scored.sort(key=lambda pair: (pair[0], _newest(post_date(pair[1]))), reverse=True)
    return tuple(post for _, post in scored)
