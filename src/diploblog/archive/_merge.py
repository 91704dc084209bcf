"""Merging many captured pages and feeds of one blog into one `Blog`.

The merge is a join in a semilattice, so that it is deterministic whatever the
input order, associative, commutative and idempotent, with the empty `Blog` as
identity:

* every scalar field of a post (title, content, dates, ...) is chosen by a total
  order: the rank of the source that supplied it, then the value itself;
* collections (tags, comments, enclosures, links) are unions, each element chosen
  by a total order too, and put in an order computed from the united set;
* the facts later merges need (the rank behind every chosen value, the keys the
  post was matched by, the values that lost) travel with the result in one
  `Extension` per post and one on the blog (namespace `PROVENANCE`), so a merged
  `Blog` merges again exactly like the pages it came from. A record holds only
  what the post's own fields cannot give back (see `_record`), so a post seen
  once records just its source.

Speed: versions are indexed by key once (a union-find); fresh versions whose
sources rank differently are folded best first without per-field comparisons;
losing values are digested only when they differ from the winner; and merged
posts are built with `diploblog._trusted.trusted`, since every value comes from a
model object that was validated when it was built.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import itertools
import json
import operator
import re
from collections.abc import Collection, Iterable
from json.encoder import encode_basestring as _json_text
from typing import Any, Final, NamedTuple
from urllib.parse import unquote

import attrs

from diploblog._errors import DiploblogError
from diploblog._model import (
    Author,
    Blog,
    Comment,
    Enclosure,
    Extension,
    Link,
    Page,
    Post,
    ReadWarning,
    Tag,
)
from diploblog._provenance import PROVENANCE
from diploblog._trusted import trusted
from diploblog.archive._order import post_date

__all__ = ["PROVENANCE", "merge"]

_WHERE: Final = "archive.merge"
# (entry page?, content length, captured at as fixed-width UTC text, source URL)
_Rank = tuple[int, int, str, str]
_Key = tuple[str, ...]
_EPOCH: Final = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)

_POST_FIELDS: Final = (
    "id",
    "url",
    "title",
    "published",
    "updated",
    "authors",
    "summary",
    "content",
    "comments_url",
    "comments_feed_url",
    "language",
    "kind",
    "slug",
    "status",
)
_post_values: Final = operator.attrgetter(*_POST_FIELDS)
_WATCHED: Final = frozenset({"title", "published", "updated", "content"})
_BLOG_FIELDS: Final = (
    "id",
    "title",
    "url",
    "description",
    "language",
    "updated",
    "generator",
    "rights",
    "icon",
    "logo",
)
_INDEX_PAGES: Final = frozenset({"index.html", "index.htm", "index.php", "default.aspx"})
# /<14-digit timestamp><modifier>/<original URL>, as Wayback-style archives address pages.
_WAYBACK: Final = re.compile(r"/\d{14}[a-z_]*/(https?:/.*)")
# scheme (dropped: http and https agree), //authority, path, ?query; the #fragment is dropped.
_URL_PARTS: Final = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.\-]*:)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?"
)


# ---------------------------------------------------------------- values and ranks


def _present(value: object) -> bool:
    return value is not None and value != "" and value != ()


def _utc_text(when: _dt.datetime) -> str:
    utc = when.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds") + "Z"


def _value_key(value: object) -> tuple[str, str]:
    if isinstance(value, _dt.datetime):
        return (_utc_text(value), repr(value))
    return (repr(value), "")


def _digest(value: object) -> str:
    """What decides whether two candidate values differ (for warnings)."""
    if isinstance(value, _dt.datetime):
        return _utc_text(value)
    if isinstance(value, str):
        folded = " ".join(value.split())
        if len(folded) <= 64:
            return "=" + folded
        return "#" + hashlib.blake2b(folded.encode(), digest_size=16).hexdigest()
    return repr(value)


def _display(field: str, value: object) -> str:
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    if field == "content" and isinstance(value, str):
        return f"{len(value)} characters"
    text = " ".join(str(value).split())
    return repr(text if len(text) <= 80 else text[:77] + "...")


def _describe(rank: _Rank) -> str:
    entry, _, captured, url = rank
    text = url or "a source with no address"
    if captured:
        text += f" captured {captured[:19]}Z"
    return text + (" (entry page)" if entry == 1 else "")


def _completeness(value: Any) -> tuple[int, str]:
    # Intrinsic order for elements of unions: more fields filled, then the text itself.
    filled = sum(_present(v) for v in attrs.astuple(value, recurse=False))
    return (filled, repr(value))


# ---------------------------------------------------------------- matching keys


def _normal_url(url: str) -> str | None:
    """A URL as a matching key: scheme-less, fragment dropped, no trailing slash.

    Wayback-style archive addresses (``/<14 digits><modifier>/<original>``) are
    unwrapped to the original address first.
    """
    parts = _URL_PARTS.match(url)
    if parts is None:
        return None
    host, path, query = parts.group(1, 2, 3)
    wayback = _WAYBACK.search(path)
    if wayback:
        original = wayback.group(1) + (f"?{query}" if query else "")
        return _normal_url(original if "://" in original else original.replace(":/", "://", 1))
    host = (host or "").rpartition("@")[2].lower().removesuffix(":80").removesuffix(":443")
    path = path.rstrip("/")
    if not host and not path:
        return None
    return (f"//{host}" if host else "") + path + (f"?{query}" if query else "")


def _anchor(normal: str) -> str | None:
    path = normal.split("?", 1)[0]
    if path.startswith("//"):
        path = path[2:].partition("/")[2]
    segment = unquote(path.rsplit("/", 1)[-1]).casefold()
    return segment if segment and segment not in _INDEX_PAGES else None


def _real_keys(
    id: str | None, url: str | None, title: str | None, published: _dt.datetime | None
) -> set[_Key]:
    """The keys a post's own id, URL and title with day give it."""
    keys: set[_Key] = set()
    if id:
        keys.add(("id", id))
    normal = _normal_url(url) if url else None
    if normal:
        keys.add(("url", normal))
        anchor = _anchor(normal)
        if anchor:
            keys.add(("anchor", anchor))
    if title and published is not None:
        folded = " ".join(title.casefold().split())
        if folded:
            keys.add(("title", folded, published.date().isoformat()))
    return keys


def _keys(post: Post) -> set[_Key]:
    """The keys a fresh post is matched by; a post with none is matched by its whole text."""
    keys = _real_keys(post.id, post.url, post.title, post.published)
    if not keys:
        keys.add(("post", hashlib.blake2b(repr(post).encode(), digest_size=16).hexdigest()))
    return keys


# ---------------------------------------------------------------- choices


class _Choice:
    """The best value offered for one field: highest rank, then the value itself."""

    __slots__ = ("rank", "value")

    def __init__(self, rank: _Rank, value: object) -> None:
        self.rank = rank
        self.value = value

    def offer(self, rank: _Rank, value: object) -> None:
        if rank != self.rank:
            if rank > self.rank:
                self.rank, self.value = rank, value
        elif _value_key(value) > _value_key(self.value):
            # Ranks tie (rare): the value itself decides, so the choice is still total.
            self.rank, self.value = rank, value


class _Watched(_Choice):
    """A choice that also keeps what lost, for warnings and for later merges.

    What is kept is a summary that merges exactly: for each distinct value (by
    `_digest`), the best ``(rank, display)`` any source gave it. The winner's own
    entry is implied by the winner, so it is stored only when another source of the
    same value and rank displays it differently.
    """

    __slots__ = ("lost", "recorded")

    def __init__(self, rank: _Rank, value: object) -> None:
        self.rank = rank
        self.value = value
        self.lost: list[tuple[_Rank, object]] = []
        self.recorded: list[tuple[str, _Rank, str]] = []

    def offer(self, rank: _Rank, value: object) -> None:
        if rank == self.rank:
            mine, theirs = _value_key(self.value), _value_key(value)
            if theirs == mine:
                return  # The same value from an equal source: nothing lost.
            beats = theirs > mine
        else:
            beats = rank > self.rank
        if beats:
            self.lost.append((self.rank, self.value))
            self.rank, self.value = rank, value
        else:
            self.lost.append((rank, value))

    def table(self, field: str) -> tuple[str, dict[str, tuple[_Rank, str]]] | None:
        """The winner's digest and the best (rank, display) of every other value.

        None when nothing but copies of the winner from lesser sources lost.
        """
        winner, rank = self.value, self.rank
        # Equal values share the digest, and the winner outranks them: nothing to keep.
        lost = [(r, v) for r, v in self.lost if not (r < rank and v == winner)]
        if not lost and not self.recorded:
            return None
        winner_digest = _digest(winner)
        table: dict[str, tuple[_Rank, str]] = {}
        for lost_rank, value in lost:
            digest = _digest(value)
            if digest == winner_digest and lost_rank < rank:
                continue
            entry = (lost_rank, _display(field, value))
            held = table.get(digest)
            if held is None or entry > held:
                table[digest] = entry
        for digest, lost_rank, display in self.recorded:
            held = table.get(digest)
            if held is None or (lost_rank, display) > held:
                table[digest] = (lost_rank, display)
        implied = table.get(winner_digest)
        if implied is not None and implied <= (rank, _display(field, winner)):
            del table[winner_digest]
        return (winner_digest, table) if table else None


class _Cluster:
    """Everything known about one post, gathered from all its versions."""

    __slots__ = ("comment_count", "comments", "enclosures", "fields", "keys", "links", "tags")

    def __init__(self) -> None:
        self.keys: set[_Key] = set()
        self.fields: dict[str, _Choice] = {}
        self.tags: dict[Tag, tuple[_Rank, int, Tag]] = {}
        self.comments: dict[_Key, Comment] = {}
        self.enclosures: dict[str, Enclosure] = {}
        self.links: set[Link | Extension] = set()
        self.comment_count: int | None = None


class _Version(NamedTuple):
    """One post as one source showed it.

    A fresh post ranks every field (and its tags, by position) as its source does;
    a post from an earlier merge carries its ranks, losers and keys in its
    provenance record, read into `ranks`, `losers` and `tag_ranks`.
    """

    post: Post
    keys: set[_Key]
    rank: _Rank
    ranks: dict[str, _Rank] | None = None
    losers: dict[str, list[tuple[str, _Rank, str]]] | None = None
    tag_ranks: tuple[tuple[_Rank, int], ...] | None = None


# ---------------------------------------------------------------- provenance


def _rank_of(data: Any) -> _Rank:
    entry, length, captured, url = data
    return (int(entry), int(length), str(captured), str(url))


def _key_set(data: Any) -> set[_Key]:
    return {tuple(str(part) for part in key) for key in data}


def _provenance(extensions: Iterable[Extension]) -> dict[str, Any] | None:
    for extension in extensions:
        if extension.namespace == PROVENANCE and extension.text:
            try:
                data = json.loads(extension.text)
            except ValueError as error:
                msg = f"unreadable merge provenance: {error}"
                raise DiploblogError(msg, where=_WHERE) from error
            return data if isinstance(data, dict) else None
    return None


def _foreign(extensions: Iterable[Extension]) -> list[Extension]:
    return [e for e in extensions if e.namespace != PROVENANCE]


def _version(post: Post, rank: _Rank) -> _Version:
    data = _provenance(post.extensions) if post.extensions else None
    if data is None:
        return _Version(post, _keys(post), rank)
    try:
        return _stored_version(post, data)
    except (KeyError, IndexError, TypeError, ValueError) as error:
        msg = f"unreadable merge provenance on post {post.url or post.id or post.title!r}"
        raise DiploblogError(msg, where=_WHERE) from error


def _stored_version(post: Post, data: dict[str, Any]) -> _Version:
    ranks = [_rank_of(r) for r in data["r"]]
    best = ranks[0]
    fields: dict[str, Any] = data.get("f", {})
    chosen: dict[str, _Rank] = {}
    losers: dict[str, list[tuple[str, _Rank, str]]] = {}
    for field, value in zip(_POST_FIELDS, _post_values(post), strict=True):
        if value is None or value == "" or value == ():
            continue
        entry = fields.get(field)
        if entry is None:
            # The best source gave it (or it was filled after the merge, as an Atom
            # writer fills id and updated: it then came with the merged post).
            chosen[field] = best
        elif isinstance(entry, int):
            chosen[field] = ranks[entry]
        else:
            chosen[field] = ranks[entry[0]]
            losers[field] = [(str(d), ranks[r], str(s)) for d, r, s in entry[1]]
    stored_tags = data.get("t")
    if stored_tags is None:
        tag_ranks = tuple((best, i) for i in range(len(post.tags)))
    else:
        tag_ranks = tuple((ranks[r], int(i)) for r, i in stored_tags)
    if len(tag_ranks) != len(post.tags):
        msg = "tags and their recorded ranks disagree"
        raise ValueError(msg)
    keys = _real_keys(post.id, post.url, post.title, post.published)
    keys -= _key_set(data.get("x", ()))
    keys |= _key_set(data.get("k", ()))
    if not keys:
        msg = "no keys recorded"
        raise ValueError(msg)
    return _Version(post, keys, best, chosen, losers, tag_ranks)


# ---------------------------------------------------------------- reading sources


@attrs.define
class _Gathered:
    versions: list[_Version] = attrs.Factory(list)
    blog_fields: dict[str, _Choice] = attrs.Factory(dict)
    blog_authors: dict[str, Author] = attrs.Factory(dict)
    blog_tags: dict[Tag, Tag] = attrs.Factory(dict)
    blog_links: dict[str, set[Link | Extension]] = attrs.Factory(
        lambda: {"feeds": set(), "links": set(), "extensions": set()}
    )
    warnings: set[ReadWarning] = attrs.Factory(set)


def _captured(page: Page) -> str:
    if page.capture is not None and page.capture.captured_at is not None:
        return _utc_text(page.capture.captured_at)
    return ""


def _page_url(page: Page) -> str:
    if page.url:
        return page.url
    return (page.capture.original_url or "") if page.capture is not None else ""


def _gather_page(page: Page, into: _Gathered) -> None:
    entry = 1 if page.kind == "post" else 0
    captured, url = _captured(page), _page_url(page)
    for post in page.posts:
        if entry and post.url is None and url and len(page.posts) == 1:
            # An entry page is the post's own address even when the markup omits it.
            post = attrs.evolve(post, url=url)
        rank = (entry, len(post.content or ""), captured, url)
        into.versions.append(_version(post, rank))
    if page.blog is not None:
        _gather_blog_fields(page.blog, (0, 0, captured, url), into)
    for weighted in page.tag_cloud:
        _add_tag(into.blog_tags, weighted.tag)
    into.warnings.update(page.warnings)


def _gather_blog(blog: Blog, into: _Gathered) -> None:
    url = blog.url or ""
    versions = into.versions
    for post in blog.posts:
        versions.append(_version(post, (0, len(post.content or ""), "", url)))
    _gather_blog_fields(blog, (1, 0, "", url), into)
    into.warnings.update(w for w in blog.warnings if not (w.where or "").startswith(_WHERE))


def _gather_blog_fields(blog: Blog, rank: _Rank, into: _Gathered) -> None:
    stored = (_provenance(blog.extensions) or {}).get("f", {})
    for field in _BLOG_FIELDS:
        value = getattr(blog, field)
        if _present(value):
            field_rank = _rank_of(stored[field]) if field in stored else rank
            choice = into.blog_fields.get(field)
            if choice is None:
                into.blog_fields[field] = _Choice(field_rank, value)
            else:
                choice.offer(field_rank, value)
    for author in blog.authors:
        name = (author.name or "").casefold() or author.url or author.email or ""
        held = into.blog_authors.get(name)
        if held is None or _completeness(author) > _completeness(held):
            into.blog_authors[name] = author
    for tag in blog.tags:
        _add_tag(into.blog_tags, tag)
    into.blog_links["feeds"].update(blog.feeds)
    into.blog_links["links"].update(blog.links)
    into.blog_links["extensions"].update(_foreign(blog.extensions))


def _add_tag(tags: dict[Tag, Tag], tag: Tag) -> None:
    held = tags.get(tag)
    if held is None or _completeness(tag) > _completeness(held):
        tags.pop(tag, None)
        tags[tag] = tag


# ---------------------------------------------------------------- clustering


def _clusters(versions: list[_Version]) -> list[list[_Version]]:
    """Versions grouped by shared keys (transitively), each version indexed once."""
    parent = list(range(len(versions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[_Key, int] = {}
    for index, version in enumerate(versions):
        for key in version.keys:
            other = owner.setdefault(key, index)
            if other != index:
                parent[root(index)] = root(other)
    groups: dict[int, list[_Version]] = {}
    for index, version in enumerate(versions):
        groups.setdefault(root(index), []).append(version)
    return list(groups.values())


def _comment_key(comment: Comment) -> _Key:
    if comment.id:
        return ("id", comment.id)
    if comment.url:
        return ("url", _normal_url(comment.url) or comment.url)
    author = (comment.author.name or "") if comment.author is not None else ""
    when = _utc_text(comment.published) if comment.published is not None else ""
    return ("text", author, when, " ".join(comment.content.split()))


def _twins(a: Comment, b: Comment) -> bool:
    """Whether two comments are equal down to their repr (so neither is more complete).

    Model equality compares datetimes as instants; the same instant written in two
    zones is equal but not the same text, so the zones must be the same object too.
    """
    return a == b and (a.published is None or a.published.tzinfo is b.published.tzinfo)  # type: ignore[union-attr]


def _better_tag(new: tuple[_Rank, int, Tag], held: tuple[_Rank, int, Tag]) -> bool:
    if new[:2] != held[:2]:
        return new[:2] > held[:2]
    # Same source rank and position: the spelling itself decides, so order never matters.
    return repr(attrs.astuple(new[2], recurse=False)) > repr(attrs.astuple(held[2], recurse=False))


def _offer(fields: dict[str, _Choice], field: str, rank: _Rank, value: object) -> None:
    choice = fields.get(field)
    if choice is None:
        fields[field] = _Watched(rank, value) if field in _WATCHED else _Choice(rank, value)
    else:
        choice.offer(rank, value)


def _fold_fresh(fields: dict[str, _Choice], versions: list[_Version]) -> None:
    """Choose the fields of fresh versions whose sources all rank differently.

    Best source first, each field is the first value present; later values lose.
    """
    for version in versions:
        rank = version.rank
        for field, value in zip(_POST_FIELDS, _post_values(version.post), strict=True):
            if value is None or value == "" or value == ():
                continue
            choice = fields.get(field)
            if choice is None:
                fields[field] = _Watched(rank, value) if field in _WATCHED else _Choice(rank, value)
            elif isinstance(choice, _Watched):
                choice.lost.append((rank, value))


def _fold_fields(fields: dict[str, _Choice], versions: list[_Version]) -> None:
    """Choose each field among versions in any state (fresh or merged), in any order."""
    for version in versions:
        post, rank, ranks = version.post, version.rank, version.ranks
        if ranks is None:
            for field, value in zip(_POST_FIELDS, _post_values(post), strict=True):
                if value is not None and value != "" and value != ():
                    _offer(fields, field, rank, value)
        else:
            for field, field_rank in ranks.items():
                _offer(fields, field, field_rank, getattr(post, field))
            for field, lost in (version.losers or {}).items():
                choice = fields.get(field)
                if isinstance(choice, _Watched):
                    choice.recorded.extend(lost)


def _by_rank(versions: list[_Version]) -> list[_Version] | None:
    """Fresh versions best first, or None when a merged one or a tie needs the general fold."""
    if len(versions) == 1:
        return versions if versions[0].ranks is None else None
    if any(version.ranks is not None for version in versions):
        return None
    ordered = sorted(versions, key=lambda version: version.rank, reverse=True)
    if any(better.rank == worse.rank for better, worse in itertools.pairwise(ordered)):
        return None
    return ordered


def _fold(versions: list[_Version]) -> _Cluster:
    cluster = _Cluster()
    tags, comments = cluster.tags, cluster.comments
    ordered = _by_rank(versions)
    if ordered is not None:
        _fold_fresh(cluster.fields, ordered)
    else:
        _fold_fields(cluster.fields, versions)
    for version in versions:
        post, rank = version.post, version.rank
        cluster.keys |= version.keys
        tag_ranks = version.tag_ranks
        for index, tag in enumerate(post.tags):
            tag_rank, position = (rank, index) if tag_ranks is None else tag_ranks[index]
            entry = (tag_rank, -position, tag)
            held = tags.get(tag)
            if held is None or _better_tag(entry, held):
                tags[tag] = entry
        for comment in post.comments:
            key = _comment_key(comment)
            held_comment = comments.get(key)
            if held_comment is None or (
                held_comment is not comment
                and not _twins(held_comment, comment)
                and _completeness(comment) > _completeness(held_comment)
            ):
                comments[key] = comment
        for enclosure in post.enclosures:
            held_enclosure = cluster.enclosures.get(enclosure.url)
            if held_enclosure is None or _completeness(enclosure) > _completeness(held_enclosure):
                cluster.enclosures[enclosure.url] = enclosure
        if post.links:
            cluster.links.update(post.links)
        if post.extensions:
            cluster.links.update(_foreign(post.extensions))
        if post.comment_count is not None:
            cluster.comment_count = max(cluster.comment_count or 0, post.comment_count)
    return cluster


# ---------------------------------------------------------------- building the result


def _when_key(when: _dt.datetime | None) -> tuple[int, str]:
    return (0, "") if when is None else (1, _utc_text(when))


def _threaded(comments: Collection[Comment]) -> tuple[Comment, ...]:
    """Comments in thread order: each followed by its replies, siblings oldest first."""
    if len(comments) < 2:
        return tuple(comments)
    ordered = sorted(comments, key=lambda c: (_when_key(c.published), _comment_key(c)))
    ids = {c.id for c in ordered if c.id}
    children: dict[str | None, list[Comment]] = {}
    for comment in ordered:
        parent = comment.in_reply_to if comment.in_reply_to in ids else None
        children.setdefault(parent, []).append(comment)
    result: list[Comment] = []
    seen: set[int] = set()
    stack = list(reversed(children.get(None, [])))
    while stack:
        comment = stack.pop()
        if id(comment) in seen:
            continue
        seen.add(id(comment))
        result.append(comment)
        if comment.id:
            stack.extend(reversed(children.get(comment.id, [])))
    # Replies caught in a reply-to cycle have no root; they are kept, in date order.
    result.extend(c for c in ordered if id(c) not in seen)
    return tuple(result)


def _sorted_union(items: Collection[Any]) -> tuple[Any, ...]:
    if len(items) < 2:
        return tuple(items)  # Usually empty: no need to pay for repr.
    return tuple(sorted(items, key=repr))


def _json_rank(rank: _Rank) -> str:
    return f"[{rank[0]},{rank[1]},{_json_text(rank[2])},{_json_text(rank[3])}]"


def _json_keys(keys: Iterable[_Key]) -> str:
    return ",".join("[" + ",".join(map(_json_text, key)) + "]" for key in sorted(keys))


_Tables = dict[str, tuple[str, dict[str, tuple[_Rank, str]]]]


def _record(
    cluster: _Cluster,
    tables: _Tables,
    ranked_tags: list[tuple[_Rank, int, Tag]],
    own_keys: set[_Key],
) -> str:
    """The provenance of a merged post as compact, canonical JSON.

    ``{"f": fields, "k": keys, "r": ranks, "t": tags, "x": keys}`` with members
    sorted and empty ones left out; the text is what ``json.dumps(...,
    ensure_ascii=False, separators=(",", ":"))`` gives, written directly because
    this runs once per merged post. ``r`` lists every rank the record uses, best
    first; ``f`` names the rank (an index into ``r``) of each field not from
    ``r[0]``, with ``[digest, rank, display]`` for the values that lost; ``t`` the
    rank and position of each tag, left out when every tag is from ``r[0]`` in
    order; ``k`` and ``x`` the keys the post was matched by beyond, and short of,
    those its own id, URL and title give.
    """
    fields = cluster.fields
    used = {choice.rank for choice in fields.values()}
    for _, beaten in tables.values():
        used.update(rank for rank, _ in beaten.values())
    used.update(rank for rank, _, _ in ranked_tags)
    ranks = sorted(used, reverse=True)
    number = {rank: i for i, rank in enumerate(ranks)}
    members = []
    parts = []
    for field in sorted(fields):
        index = number[fields[field].rank]
        if field in tables:
            lost = ",".join(
                f"[{_json_text(d)},{number[r]},{_json_text(s)}]"
                for d, (r, s) in sorted(tables[field][1].items())
            )
            parts.append(f'"{field}":[{index},[{lost}]]')
        elif index:
            parts.append(f'"{field}":{index}')
    if parts:
        members.append(f'"f":{{{",".join(parts)}}}')
    extra = cluster.keys - own_keys
    if extra:
        members.append(f'"k":[{_json_keys(extra)}]')
    members.append(f'"r":[{",".join(map(_json_rank, ranks))}]')
    if any(
        number[rank] or -negative != position
        for position, (rank, negative, _) in enumerate(ranked_tags)
    ):
        tags = ",".join(f"[{number[rank]},{-negative}]" for rank, negative, _ in ranked_tags)
        members.append(f'"t":[{tags}]')
    missing = own_keys - cluster.keys
    if missing:
        members.append(f'"x":[{_json_keys(missing)}]')
    return "{" + ",".join(members) + "}"


def _trivial(field: str, kept: object, lost: str) -> bool:
    """Whether a date that lost only lacks the time the winner has (a date-only page)."""
    if field not in ("published", "updated") or not isinstance(kept, _dt.datetime):
        return False
    other = _dt.datetime.fromisoformat(lost)
    if kept.date() != other.date():
        return False
    return _dt.time() in (kept.timetz().replace(tzinfo=None), other.timetz().replace(tzinfo=None))


def _warnings(post: Post, cluster: _Cluster, tables: _Tables) -> list[ReadWarning]:
    label = post.url or post.id or repr(post.title or "(untitled)")
    found = []
    for field in sorted(tables):
        choice = cluster.fields[field]
        winner_digest, table = tables[field]
        beaten = sorted(entry for digest, entry in table.items() if digest != winner_digest)
        for rank, display in beaten:
            if field == "content" and not (rank[0] == 1 and choice.rank[0] == 1):
                continue  # Excerpts on listings differ from full text by design.
            if _trivial(field, choice.value, display):
                continue
            kept = _display(field, choice.value)
            message = (
                f"{field} differs between sources: kept {kept} from {_describe(choice.rank)}; "
                f"not {display} from {_describe(rank)}"
            )
            where = f"{_WHERE}: post {label}"
            found.append(trusted(ReadWarning, {"message": message, "where": where}))
    return found


_KEY_FIELDS: Final = ("id", "url", "title", "published")


def _own_keys(versions: list[_Version], fields: dict[str, _Choice]) -> set[_Key]:
    """The keys the merged post's own id, URL, title and day give it."""
    first = versions[0] if len(versions) == 1 else max(versions, key=lambda v: v.rank)
    # When the version that ranks best gave every key field kept, its keys are the
    # merged post's: no need to work them out again.
    if (
        first.ranks is None
        and min(first.keys)[0] != "post"
        and all(
            fields[f].rank == first.rank and fields[f].value is getattr(first.post, f)
            for f in _KEY_FIELDS
            if f in fields
        )
    ):
        return first.keys
    values = [fields[f].value if f in fields else None for f in _KEY_FIELDS]
    return _real_keys(*values)  # type: ignore[arg-type]


class _Merged(NamedTuple):
    """A merged post with what the blog needs of its cluster once the cluster is gone."""

    post: Post
    first_key: _Key
    warnings: list[ReadWarning]


def _merged(versions: list[_Version]) -> _Merged:
    cluster = _fold(versions)
    fields = cluster.fields
    values: dict[str, Any] = {field: choice.value for field, choice in fields.items()}
    tables: _Tables = {}
    for field in _WATCHED.intersection(fields):
        choice = fields[field]
        if isinstance(choice, _Watched) and (choice.lost or choice.recorded):
            table = choice.table(field)
            if table is not None:
                tables[field] = table
    # Tag identities are distinct within a post, so scheme and slug settle every tie.
    ranked_tags = list(cluster.tags.values())
    if len(ranked_tags) > 1:
        ranked_tags.sort(key=lambda t: (t[2].scheme or "", t[2].slug))
        ranked_tags.sort(key=lambda t: t[:2], reverse=True)
    own_keys = _own_keys(versions, fields)
    links = [item for item in cluster.links if isinstance(item, Link)]
    extensions = [item for item in cluster.links if isinstance(item, Extension)]
    record = _record(cluster, tables, ranked_tags, own_keys)
    provenance = trusted(Extension, {"namespace": PROVENANCE, "name": "post", "text": record})
    values["tags"] = tuple(t[2] for t in ranked_tags)
    values["comments"] = _threaded(cluster.comments.values())
    values["comment_count"] = cluster.comment_count
    values["enclosures"] = _sorted_union(cluster.enclosures.values())
    values["links"] = _sorted_union(links)
    values["extensions"] = (*_sorted_union(extensions), provenance)
    post = trusted(Post, values)
    warnings = _warnings(post, cluster, tables) if tables else []
    return _Merged(post, min(cluster.keys), warnings)


def _newest_first(posts: list[_Merged]) -> list[_Merged]:
    def tie(item: _Merged) -> tuple[str, str, str, _Key]:
        post = item.post
        return (post.id or "", post.url or "", post.title or "", item.first_key)

    def when(item: _Merged) -> tuple[bool, _dt.datetime]:
        # Aware datetimes compare as instants, as their UTC text would; undated last.
        filed = post_date(item.post)
        return (False, _EPOCH) if filed is None else (True, filed)

    posts.sort(key=tie)
    posts.sort(key=when, reverse=True)
    return posts


def _build_blog(gathered: _Gathered, posts: list[_Merged]) -> Blog:
    fields: dict[str, Any] = {f: c.value for f, c in gathered.blog_fields.items()}
    extensions = list(_sorted_union(gathered.blog_links["extensions"]))
    if fields:
        record = {"f": {f: c.rank for f, c in sorted(gathered.blog_fields.items())}}
        text = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        extensions.append(Extension(namespace=PROVENANCE, name="blog", text=text))
    warnings = set(gathered.warnings)
    for item in posts:
        warnings.update(item.warnings)
    return Blog(
        **fields,
        authors=tuple(a for _, a in sorted(gathered.blog_authors.items())),
        feeds=_sorted_union(gathered.blog_links["feeds"]),
        links=_sorted_union(gathered.blog_links["links"]),
        tags=tuple(sorted(gathered.blog_tags.values(), key=lambda t: (t.scheme or "", t.slug))),
        posts=tuple(item.post for item in posts),
        extensions=tuple(extensions),
        warnings=tuple(sorted(warnings, key=lambda w: (w.where or "", w.message))),
    )


def merge(sources: Iterable[Page | Blog]) -> Blog:
    """Rebuild one blog from many captured pages and feeds of it.

    The same post seen on several sources (an entry page, the front page, tag and
    date archives, a feed, earlier merges) becomes one post. Versions are the same
    post when they share any of: the id; the URL (compared without scheme, so
    http and https agree, without fragment or trailing slash, and with Wayback-style
    archive addresses unwrapped to the original); the URL's last path segment
    (a Roller anchor or WordPress slug); the title (case-folded) with the
    publication day (as written). Matching is transitive.

    Each field of the post comes from its best source. Sources rank by: being the
    post's own entry page (``Page.kind == "post"``) over a listing, tag, archive
    page or feed; then longer content; then later capture
    (``Page.capture.captured_at``); then source URL; equal ranks are settled by the
    value itself, so the choice never depends on input order. When titles, dates,
    or the content of two entry-page captures differ, a `ReadWarning` on the result
    names the value kept, the one not kept, and their sources (excerpts differing
    from full text, and a date-only date agreeing with a full one, are not
    reported).

    Collections are united: comments by id, else URL, else author, time and text
    (the most complete version of each is kept), in thread order, replies after
    their parents with `in_reply_to` kept; tags by identity (scheme and slug),
    spelled and ordered as their best source has them; enclosures by URL; links
    and extensions as sets. `comment_count` is the largest stated. Blog metadata
    (title, description, URL, ...) comes from feeds over pages' ``blog`` parts,
    then later capture; authors, feeds, links and tags (including pages' tag
    clouds) are united. Pages' and blogs' own warnings are kept. Sidebar "recent
    comments" lists are not merged: they do not say which post they belong to.

    Posts are ordered newest first (by `published`, else `updated`; undated last),
    ties by id, then URL, then title.

    Every merged post, and the blog, carries an `Extension` in the `PROVENANCE`
    namespace recording what the post's own fields cannot give back (the rank behind
    each chosen value, the values that lost, keys the post was matched by but does
    not show), so that merging a result again (alone, with more pages, or after
    `diploblog.to_dict` and `diploblog.from_dict`) gives what merging all the
    original sources at once gives: ``merge([a, merge([b, c])]) ==
    merge([merge([a, b]), c])``, ``merge([a, Blog()]) == merge([a])`` and
    ``merge([merge(xs)]) == merge(xs)``. Partial results from partitions of an
    archive therefore combine in any grouping and order. The feed writers leave
    the record out of what they publish. See "Merging as a reduction" in the docs.

    Args:
        sources: Parsed pages (`Page`) and blogs (`Blog`, e.g. from feeds or
            earlier merges), in any order.

    Returns:
        The merged `Blog`.

    Raises:
        DiploblogError: A source is neither a `Page` nor a `Blog`, or carries
            unreadable merge provenance.

    Example:
        >>> entry = Page(kind="post", url="http://blogs.fco.gov.uk/roller/hale/entry/the_end",
        ...              posts=[Post(title="The end", content="<p>I'll be leaving my role.</p>")])
        >>> front = Page(kind="listing", url="http://blogs.fco.gov.uk/roller/hale/",
        ...              posts=[Post(title="The end", content="<p>I'll be...</p>",
        ...                          url="https://blogs.fco.gov.uk/roller/hale/entry/the_end/")])
        >>> blog = merge([front, entry])
        >>> len(blog.posts), blog.posts[0].content
        (1, "<p>I'll be leaving my role.</p>")
        >>> merge([blog, front]) == blog
        True
    """
    gathered = _Gathered()
    for index, source in enumerate(sources):
        if isinstance(source, Page):
            _gather_page(source, gathered)
        elif isinstance(source, Blog):
            _gather_blog(source, gathered)
        else:
            msg = f"can only merge Page and Blog objects, got {type(source).__name__}"
            raise DiploblogError(msg, where=f"{_WHERE}: sources[{index}]")
    groups = _clusters(gathered.versions)
    gathered.versions = []
    # Each cluster is dropped once its post is built, so the collector has less to walk.
    posts = [_merged(groups.pop()) for _ in range(len(groups))]
    return _build_blog(gathered, _newest_first(posts))
