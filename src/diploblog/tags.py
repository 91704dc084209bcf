"""Tag clouds: merge the spellings of a tag, count its uses, and weigh it as blog engines do.

The steps are `count` (uses per tag, from posts or from ``(tag, count)`` pairs),
then `weigh` (a weight from 0 to 1, a step and a size for each tag, by the formula
of one blog engine or a plain scale), then ordering; `tag_cloud` runs all three.
`normalize` merges the spellings in a list of tags, and `weights_from_steps` and
`weights_from_sizes` turn a cloud read from a page back into comparable weights.

Tag identity is the model's: two tags are the same when their scheme and slug
agree (see `slugify`).

Example:
    >>> cloud = tag_cloud([("Diplomacy", 10), ("tag2", 1), ("tag10", 3)])
    >>> [(w.tag.term, w.count, w.weight, w.step) for w in cloud]
    [('Diplomacy', 10, 1.0, 5), ('tag2', 1, 0.0, 1), ('tag10', 3, 0.2222222222222222, 1)]
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Literal, TypeAlias

import attrs

from diploblog._errors import DiploblogError
from diploblog._model import Blog, Post, Tag, WeightedTag
from diploblog._slug import slugify
from diploblog._trusted import trusted

__all__ = [
    "METHODS",
    "ORDERS",
    "TagCounts",
    "count",
    "normalize",
    "slugify",
    "tag_cloud",
    "weigh",
    "weights_from_sizes",
    "weights_from_steps",
]

METHODS = ("linear", "log", "wordpress", "pelican", "pelican-floor", "roller")
"""The weighting methods `weigh` and `tag_cloud` know, in the order the docs describe them."""

ORDERS = ("name", "count", "random")
"""The orders `tag_cloud` can put a cloud in."""

TagCounts: TypeAlias = (
    "Mapping[Tag, int] | Mapping[str, int] | Mapping[Tag | str, int]"
    " | Iterable[tuple[Tag | str, int]]"
)
"""Uses per tag: a mapping, or ``(tag, count)`` pairs; a tag is a `Tag` or its term."""

_DEFAULT_STEPS: Mapping[str, int | None] = {
    "linear": 5,
    "log": 5,
    "wordpress": None,
    "pelican": 4,  # TAG_CLOUD_STEPS
    "pelican-floor": 4,
    "roller": 5,  # the 5 in Roller's formula
}
# wp_tag_cloud asks get_terms for 'number' => 45; Pelican's TAG_CLOUD_MAX_ITEMS is 100.
_DEFAULT_LIMIT: Mapping[str, int] = {"wordpress": 45, "pelican": 100, "pelican-floor": 100}

_DIGITS = re.compile(r"(\d+)")

# (scheme, slug): what makes two tags the same tag.
_Key: TypeAlias = "tuple[str | None, str]"
# (identity, term as written): one spelling of a tag.
_Spelling: TypeAlias = "tuple[_Key, str]"


def _fail(message: str, where: str) -> DiploblogError:
    return DiploblogError(message, where=f"diploblog.tags.{where}")


def _choose(value: str, choices: Sequence[str], what: str, where: str) -> str:
    if value not in choices:
        msg = f"unknown {what} {value!r}; choose one of: {', '.join(choices)}"
        raise _fail(msg, where)
    return value


# --- Counting and merging -------------------------------------------------------------


class _Tally:
    """Uses per spelling of each tag, in first-seen order, for one call.

    Spellings are kept apart so the most used one can name the merged tag; the
    first `Tag` seen for each spelling supplies the other fields.
    """

    __slots__ = ("_canonical", "_first", "_targets", "_terms", "uses")

    def __init__(self, synonyms: Mapping[str, str] | None, where: str) -> None:
        self._canonical, self._targets = _synonym_slugs(synonyms, where)
        # A term given as a string -> its spelling and Tag, so each is slugified once.
        self._terms: dict[str, tuple[_Spelling, Tag]] = {}
        self._first: dict[_Spelling, Tag] = {}
        self.uses: dict[_Spelling, int] = {}

    def add(self, items: Iterable[object], where: str) -> None:
        """Count ``(tag, count)`` pairs and posts, in any mix."""
        # Pairs with a term string, the usual input, are summed per string first, as
        # a Counter would, and turned into spellings once per distinct string.
        pending: dict[str, int] = {}
        first_index: dict[str, int] = {}
        for index, item in enumerate(items):
            if type(item) is tuple and len(item) == 2:
                term, n = item
                if type(term) is str and type(n) is int and n >= 0:
                    old = pending.get(term)
                    if old is None:
                        pending[term] = n
                        first_index.setdefault(term, index)
                    else:
                        pending[term] = old + n
                    continue
            # Anything else goes in order, after the terms seen before it.
            self._flush(pending, first_index, where)
            if isinstance(item, Post):
                self.add_post(item)
                continue
            tag, n = _pair(item, index, where)
            if isinstance(tag, str):
                pending[tag] = n
                first_index.setdefault(tag, index)
                continue
            key = (tag.scheme, self._canonical.get(tag.slug, tag.slug))
            self._count((key, tag.term), tag, n)
        self._flush(pending, first_index, where)

    def _flush(self, pending: dict[str, int], first_index: dict[str, int], where: str) -> None:
        terms = self._terms
        for term, n in pending.items():
            known = terms.get(term)
            if known is None:
                known = terms[term] = self._spelling_of_term(term, first_index[term], where)
            self._count(known[0], known[1], n)
        pending.clear()

    def _count(self, spelling: _Spelling, tag: Tag, n: int) -> None:
        old = self.uses.get(spelling)
        if old is None:
            self.uses[spelling] = n
            self._first[spelling] = tag
        else:
            self.uses[spelling] = old + n

    def add_post(self, post: Post) -> None:
        """Count each of a post's tags once, whatever spellings the post repeats."""
        uses, first, canonical = self.uses, self._first, self._canonical
        seen: set[_Key] = set()
        for tag in post.tags:
            slug = tag.slug
            key = (tag.scheme, canonical.get(slug, slug))
            if key in seen:
                continue
            seen.add(key)
            spelling = (key, tag.term)
            old = uses.get(spelling)
            if old is None:
                uses[spelling] = 1
                first[spelling] = tag
            else:
                uses[spelling] = old + 1

    def _spelling_of_term(self, term: str, index: int, where: str) -> tuple[_Spelling, Tag]:
        if not term.strip():
            msg = f"item {index} is an empty tag"
            raise _fail(msg, where)
        slug = slugify(term)
        # The term is a non-empty string and its slug is computed: nothing to check.
        tag = trusted(Tag, {"term": term, "slug": slug})
        return ((None, self._canonical.get(slug, slug)), term), tag

    def merged(self) -> dict[Tag, int]:
        """One tag per identity, named by its most used spelling, with its total uses."""
        groups: dict[_Key, list[_Spelling]] = {}
        for spelling in self.uses:
            groups.setdefault(spelling[0], []).append(spelling)
        return {
            self._tag_for(key, spellings): self._total(spellings)
            for key, spellings in groups.items()
        }

    def _total(self, spellings: list[_Spelling]) -> int:
        return sum(self.uses[s] for s in spellings)

    def _tag_for(self, key: _Key, spellings: list[_Spelling]) -> Tag:
        uses = self.uses
        # max() keeps the first of equal maxima: ties go to the spelling seen first.
        best = max(spellings, key=lambda s: uses[s])
        tag = self._first[best]
        canonical = self._targets.get(key[1])
        if canonical is not None and canonical != tag.term:
            tag = attrs.evolve(tag, term=canonical)
        if len(spellings) > 1:
            tag = _fill_missing(tag, [self._first[s] for s in spellings])
        return tag


def _synonym_slugs(
    synonyms: Mapping[str, str] | None, where: str
) -> tuple[dict[str, str], dict[str, str]]:
    """Slug of each synonym -> slug of its canonical spelling; canonical slug -> spelling."""
    canonical: dict[str, str] = {}
    targets: dict[str, str] = {}
    for variant, spelling in (synonyms or {}).items():
        if not (isinstance(variant, str) and isinstance(spelling, str) and spelling.strip()):
            msg = f"a synonym maps a tag to a spelling, got {variant!r}: {spelling!r}"
            raise _fail(msg, where)
        target = slugify(spelling)
        known = targets.setdefault(target, spelling)
        if known != spelling:
            msg = f"synonyms give two spellings for one tag: {known!r} and {spelling!r}"
            raise _fail(msg, where)
        canonical[slugify(variant)] = target
    return canonical, targets


def _pair(item: object, index: int, where: str) -> tuple[Tag | str, int]:
    if not (isinstance(item, tuple) and len(item) == 2):
        msg = f"item {index} is {type(item).__name__}, not a Post or a (tag, count) pair"
        raise _fail(msg, where)
    tag, n = item
    if not isinstance(tag, (Tag, str)):
        msg = f"item {index}: a tag is a Tag or a string, got {type(tag).__name__}"
        raise _fail(msg, where)
    if type(n) is not int or n < 0:
        msg = f"item {index}: the count for {tag!r} must be a whole number >= 0, got {n!r}"
        raise _fail(msg, where)
    return tag, n


def _fill_missing(tag: Tag, others: list[Tag]) -> Tag:
    """Fill the chosen spelling's empty fields from the other spellings, first seen first."""
    changes: dict[str, str] = {}
    for field in ("label", "url", "description", "parent"):
        if getattr(tag, field) is not None:
            continue
        for other in others:
            value = getattr(other, field)
            if value is not None:
                changes[field] = value
                break
    return attrs.evolve(tag, **changes) if changes else tag


def normalize(
    tags: Iterable[Tag | str], *, synonyms: Mapping[str, str] | None = None
) -> tuple[Tag, ...]:
    """Merge the spellings of the same tag, keeping the spelling used most.

    Tags with the same scheme and slug ("Digital Diplomacy", "digital-diplomacy",
    "DIGITAL  diplomacy") become one tag, placed where the first of them stood.
    Its term is the spelling that occurs most often; on a tie, the spelling seen
    first. Fields that spelling lacks (label, url, description, parent) are taken
    from the other spellings, first seen first.

    Args:
        tags: tags as `Tag`s or as the terms written.
        synonyms: other names of a tag, mapped to its canonical spelling, as
            ``{"londonsummit": "London Summit"}``. Keys and values are compared by
            slug, so a key may be a slug or any spelling. The canonical spelling
            names the merged tag even when another spelling is used more. Values
            are not looked up again: a synonym of a synonym is not followed.

    Returns:
        One tag per distinct tag, in first-seen order.

    Raises:
        DiploblogError: a tag that is not a `Tag` or a non-empty string, or
            synonyms that give two spellings for one tag.

    Example:
        >>> [t.term for t in normalize(["digital-diplomacy", "Digital Diplomacy", "Café",
        ...                             "Digital Diplomacy", "londonsummit"],
        ...                            synonyms={"londonsummit": "London Summit"})]
        ['Digital Diplomacy', 'Café', 'London Summit']
    """
    tally = _Tally(synonyms, "normalize")
    tally.add(((tag, 1) for tag in tags), "normalize")
    return tuple(tally.merged())


def count(
    source: Blog | Iterable[Post] | TagCounts,
    *,
    synonyms: Mapping[str, str] | None = None,
) -> dict[Tag, int]:
    """Count the uses of each tag, merging spellings as `normalize` does.

    Two forms of input are read (and may be mixed):

    - posts (or a `Blog`, meaning its posts): each post counts once for each tag
      it carries, however many spellings of that tag it repeats;
    - ``(tag, count)`` pairs, or a mapping of tag to count (a `collections.Counter`,
      or what `count` returned): counts of the same tag are added up. A tag is a
      `Tag` or the term as written.

    Args:
        source: posts, a blog, ``(tag, count)`` pairs or a mapping.
        synonyms: other names of a tag, as for `normalize`.

    Returns:
        Uses per tag, in first-seen order; each tag is named by its most used
        spelling (uses counted as above).

    Raises:
        DiploblogError: an item that is neither a post nor a pair, a tag that is
            not a `Tag` or a non-empty string, or a count that is not a whole
            number >= 0.

    Example:
        >>> posts = [Post(tags=[Tag(term="Diplomacy"), Tag(term="diplomacy")]),
        ...          Post(tags=[Tag(term="diplomacy"), Tag(term="London")])]
        >>> {tag.term: n for tag, n in count(posts).items()}
        {'Diplomacy': 2, 'London': 1}
        >>> {tag.term: n for tag, n in count([("C#", 2), ("c#", 3)]).items()}
        {'c#': 5}
    """
    tally = _Tally(synonyms, "count")
    if isinstance(source, Blog):
        source = source.posts
    items: Iterable[object] = source.items() if isinstance(source, Mapping) else source
    tally.add(items, "count")
    return tally.merged()


# --- Weighing -------------------------------------------------------------------------


def _counted(counts: TagCounts, where: str) -> list[tuple[Tag, int]]:
    if isinstance(counts, Mapping) and all(isinstance(tag, Tag) for tag in counts):
        items = list(counts.items())
        for index, pair in enumerate(items):
            _pair(pair, index, where)
        return items
    tally = _Tally(None, where)
    tally.add(counts.items() if isinstance(counts, Mapping) else counts, where)
    return list(tally.merged().items())


def _check_scale(smallest: float, largest: float, where: str) -> None:
    for name, value in (("smallest", smallest), ("largest", largest)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            msg = f"{name} must be a number, got {value!r}"
            raise _fail(msg, where)
        if not math.isfinite(value) or value < 0:
            msg = f"{name} must be a finite number >= 0, got {value!r}"
            raise _fail(msg, where)
    if largest < smallest:
        msg = f"largest ({largest!r}) is smaller than smallest ({smallest!r})"
        raise _fail(msg, where)


def _steps_for(method: str, steps: int | None, where: str) -> int:
    default = _DEFAULT_STEPS[method]
    if default is None:
        if steps is not None:
            msg = f"method {method!r} draws sizes, not steps: leave steps out"
            raise _fail(msg, where)
        return 1
    return _check_steps(default if steps is None else steps, where)


def _check_steps(steps: int, where: str) -> int:
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        msg = f"steps must be a whole number >= 1, got {steps!r}"
        raise _fail(msg, where)
    return steps


@attrs.frozen
class _Scale:
    """What every method needs besides the counts."""

    steps: int
    smallest: float
    largest: float
    unit: str | None

    def size(self, weight: float) -> float:
        return self.smallest + weight * (self.largest - self.smallest)

    def weighted(
        self, tag: Tag, n: int, weight: float, step: int | None, size: float | None = None
    ) -> WeightedTag:
        weight = min(1.0, max(0.0, weight))
        size = self.size(weight) if size is None else size
        # Counts were checked when read, sizes by _check_scale, steps are from 1 by
        # each formula, and the weight is clamped: nothing for the validators to do.
        values = {"tag": tag, "count": n, "weight": weight, "step": step, "size": size}
        return trusted(WeightedTag, {**values, "unit": self.unit})

    def step_weight(self, step: int, *, largest_step: Literal["high", "low"]) -> float:
        """Where a step sits on the scale: 0 for the smallest, 1 for the largest."""
        if self.steps == 1:
            return 1.0
        rank = step - 1 if largest_step == "high" else self.steps - step
        return rank / (self.steps - 1)


_Rule: TypeAlias = "Callable[[list[tuple[Tag, int]], _Scale], list[WeightedTag]]"


def _proportional(transform: Callable[[int], float]) -> _Rule:
    def rule(items: list[tuple[Tag, int]], scale: _Scale) -> list[WeightedTag]:
        values = [transform(n) for _, n in items]
        low, high = min(values), max(values)
        spread = high - low
        out = []
        for (tag, n), value in zip(items, values, strict=True):
            weight = (value - low) / spread if spread > 0 else 1.0
            step = 1 + math.floor(weight * (scale.steps - 1))
            out.append(scale.weighted(tag, n, weight, step))
        return out

    return rule


def _php_round(value: float) -> float:
    # PHP's round() takes halves away from zero (Python's round() takes them to even).
    return math.floor(value + 0.5)


def _wordpress(items: list[tuple[Tag, int]], scale: _Scale) -> list[WeightedTag]:
    # WordPress wp-includes/category-template.php, wp_generate_tag_cloud() (5.x, 6.x):
    #   $counts[$key] = default_topic_count_scale($tag->count)
    #                 = round(log10($count + 1) * 100);
    #   $spread = max($counts) - $min_count; if ($spread <= 0) $spread = 1;
    #   $font_step = ($largest - $smallest) / $spread;
    #   'font_size' => $smallest + ($count - $min_count) * $font_step
    # (WordPress also sets a negative font spread to 1; _check_scale refuses one instead.)
    scaled = [_php_round(math.log10(n + 1) * 100) for _, n in items]
    low = min(scaled)
    spread = max(scaled) - low
    if spread <= 0:
        spread = 1
    font_step = (scale.largest - scale.smallest) / spread
    out = []
    for (tag, n), value in zip(items, scaled, strict=True):
        weight = (value - low) / spread
        size = scale.smallest + (value - low) * font_step
        out.append(scale.weighted(tag, n, weight, None, size))
    return out


def _pelican(rounding: Callable[[float], float]) -> _Rule:
    # pelican-plugins tag_cloud (pelican/plugins/tag_cloud/tag_cloud.py, generate_tag):
    #   int(round(steps - (steps - 1) * math.log(count - min_count + 1)
    #                    / (math.log(max_count - min_count + 1) or 1)))
    # pelican-tag-cloud 1.0.1 (2021-10-02) moved from math.floor to round; the plugin in
    # the older getpelican/pelican-plugins repository still floors ("pelican-floor").
    def rule(items: list[tuple[Tag, int]], scale: _Scale) -> list[WeightedTag]:
        counts = [n for _, n in items]
        low, high = min(counts), max(counts)
        steps = scale.steps
        denominator = math.log(high - low + 1) or 1
        out = []
        for tag, n in items:
            step = int(rounding(steps - (steps - 1) * math.log(n - low + 1) / denominator))
            # Flooring 4 - 3 * ln(x) / ln(x) can give 0.9999999999999996 -> step 0 for the
            # most used tag (max - min + 1 = 264, for one): the plugin then emits "tag-0".
            step = max(1, step)
            weight = scale.step_weight(step, largest_step="low")
            out.append(scale.weighted(tag, n, weight, step))
        return out

    return rule


def _roller(items: list[tuple[Tag, int]], scale: _Scale) -> list[WeightedTag]:
    # Apache Roller, JPAWeblogEntryManagerImpl.getPopularTags():
    #   min = Math.log(1+min); max = Math.log(1+max);
    #   double range = Math.max(.01, max - min) * 1.0001;
    #   t.setIntensity((int) (1 + Math.floor(5 * (Math.log(1+t.getCount()) - min) / range)));
    # with 5 generalised to `steps`; the 1.0001 keeps the largest count below steps + 1.
    logs = [math.log(1 + n) for _, n in items]
    low = min(logs)
    span = max(0.01, max(logs) - low) * 1.0001
    out = []
    for (tag, n), value in zip(items, logs, strict=True):
        step = int(1 + math.floor(scale.steps * (value - low) / span))
        out.append(scale.weighted(tag, n, scale.step_weight(step, largest_step="high"), step))
    return out


_RULES: Mapping[str, _Rule] = {
    "linear": _proportional(float),
    "log": _proportional(math.log1p),
    "wordpress": _wordpress,
    "pelican": _pelican(round),
    "pelican-floor": _pelican(math.floor),
    "roller": _roller,
}


def weigh(
    counts: TagCounts,
    *,
    method: str = "linear",
    steps: int | None = None,
    smallest: float = 8,
    largest: float = 22,
    unit: str | None = "pt",
) -> tuple[WeightedTag, ...]:
    """Weigh tags by their uses, with the formula of a blog engine or a plain scale.

    Every method gives each tag a `weight` from 0 to 1, larger meaning drawn
    bigger, and a `size` from `smallest` to `largest` in `unit`. Min and max are
    taken over the tags given, so weigh the tags you will show (`tag_cloud`
    limits first, as the engines do).

    ``linear``
        weight = (count - min) / (max - min); when every count is equal, every
        weight is 1.0. step = 1 + floor(weight * (steps - 1)): 1 (smallest) to
        `steps` (largest, reached only by the top count); default 5 steps.
        size = smallest + weight * (largest - smallest).
    ``log``
        The same on ln(1 + count), so zero counts are allowed and a few very
        used tags do not flatten the rest.
    ``wordpress``
        Exactly ``wp_generate_tag_cloud``: each count becomes
        round(log10(count + 1) * 100) (PHP rounding, halves away from zero);
        size = smallest + (scaled - min_scaled) * (largest - smallest) / spread,
        spread = max_scaled - min_scaled, or 1 when that is 0, so equal counts
        all get the smallest size (weight 0). No steps: `step` is None.
        WordPress's defaults are the defaults here: 8 to 22 pt.
    ``pelican``
        The Pelican tag_cloud plugin (pelican-tag-cloud >= 1.0.1): step =
        int(round(steps - (steps - 1) * ln(count - min + 1) / (ln(max - min + 1)
        or 1))), Python's round (halves to even). Step 1 is the LARGEST and
        `steps` the smallest (its CSS classes ``tag-1`` .. ``tag-4``); default 4.
        Equal counts all get step `steps`, the smallest.
    ``pelican-floor``
        The same with math.floor, as the plugin did before 1.0.1 (and still does
        in the old getpelican/pelican-plugins repository). Floating-point error
        there can floor the most used tag to step 0 (with max - min + 1 = 264,
        for one); it is kept at step 1 here.
    ``roller``
        Apache Roller's intensity: step = 1 + floor(steps * (ln(1 + count) - min)
        / (max(0.01, max - min) * 1.0001)), min and max over ln(1 + count); step 1
        is the smallest and `steps` (default 5, Roller's CSS ``s1`` .. ``s5``) the
        largest. Equal counts all get step 1.

    For the stepped engines (pelican, pelican-floor, roller) the weight is the
    step's place on the scale, (step - 1) / (steps - 1) counted from the smallest
    step, or 1.0 with a single step, so it matches what `weights_from_steps`
    reads back from a page; the size is spread linearly by that weight (the
    engines leave sizes to CSS).

    Args:
        counts: uses per tag (see `count`); pairs of the same tag are added up.
        method: one of `METHODS`.
        steps: number of steps (buckets); None for the method's default. Not
            taken by ``wordpress``.
        smallest: the size of the smallest tag.
        largest: the size of the largest tag.
        unit: the unit of the sizes (a CSS unit: "pt", "em", "%").

    Returns:
        One `WeightedTag` per tag, in the order given; empty for no tags.

    Raises:
        DiploblogError: an unknown method, steps below 1 (or given to
            ``wordpress``), sizes that are negative, not finite, or with largest
            below smallest, and anything `count` refuses.

    Example:
        >>> [(w.count, w.step, round(w.size, 2)) for w in weigh(
        ...     [("a", 1), ("b", 3), ("c", 10)], method="wordpress")]
        [(1, None, 8.0), (3, None, 13.68), (10, None, 22.0)]
        >>> [w.step for w in weigh([("a", 1), ("b", 3), ("c", 10)], method="roller")]
        [1, 3, 5]
    """
    where = "weigh"
    rule = _RULES[_choose(method, METHODS, "method", where)]
    scale = _Scale(_steps_for(method, steps, where), smallest, largest, unit)
    _check_scale(smallest, largest, where)
    items = _counted(counts, where)
    return tuple(rule(items, scale)) if items else ()


# --- Ordering -------------------------------------------------------------------------


def _natural(text: str) -> tuple[str | int, ...]:
    # Text and digit runs alternate (split always starts with text), so keys compare
    # position by position like PHP's strnatcasecmp: "tag2" < "tag10".
    parts = _DIGITS.split(text.casefold())
    return tuple(int(part) if index % 2 else part for index, part in enumerate(parts))


def _name_key(tag: Tag) -> tuple[object, ...]:
    return (_natural(tag.display), tag.display, tag.scheme or "", tag.slug)


def _top(items: list[tuple[Tag, int]], limit: int) -> list[tuple[Tag, int]]:
    """The `limit` most used tags, ties going to the name that sorts first."""
    if limit == 0 or limit >= len(items):
        return items
    ranked = sorted(items, key=lambda pair: -pair[1])
    cutoff = ranked[limit - 1][1]
    # Only tags tied at the cut need their names compared.
    above = [pair for pair in ranked if pair[1] > cutoff]
    tied = sorted((pair for pair in ranked if pair[1] == cutoff), key=lambda p: _name_key(p[0]))
    chosen = {id(pair) for pair in above + tied[: limit - len(above)]}
    return [pair for pair in items if id(pair) in chosen]


def _ordered(
    cloud: Sequence[WeightedTag], order: str, seed: int | str | bytes | None
) -> tuple[WeightedTag, ...]:
    if order == "random":
        shuffled = list(cloud)
        random.Random(seed).shuffle(shuffled)
        return tuple(shuffled)
    keys = {id(w): _name_key(w.tag) for w in cloud}
    if order == "name":
        return tuple(sorted(cloud, key=lambda w: keys[id(w)]))
    return tuple(sorted(cloud, key=lambda w: (-(w.count or 0), keys[id(w)])))


def tag_cloud(
    posts_or_counts: Blog | Iterable[Post] | TagCounts,
    *,
    method: str = "linear",
    order: str = "name",
    seed: int | str | bytes | None = None,
    limit: int | None = None,
    steps: int | None = None,
    smallest: float = 8,
    largest: float = 22,
    unit: str | None = "pt",
    synonyms: Mapping[str, str] | None = None,
) -> tuple[WeightedTag, ...]:
    """Build a tag cloud: count, keep the most used tags, weigh them, and order them.

    The steps follow ``wp_tag_cloud`` and Pelican: the top `limit` tags by count
    are chosen first, then weighed among themselves, then ordered.

    Args:
        posts_or_counts: what `count` reads: posts, a blog, ``(tag, count)``
            pairs or a mapping.
        method: the weighting, one of `METHODS` (see `weigh`).
        order: ``"name"`` (natural and case-insensitive, "tag2" before "tag10",
            like WordPress's strnatcasecmp), ``"count"`` (most used first, ties
            by name) or ``"random"`` (shuffled by ``random.Random(seed)``: the
            same seed gives the same order; no seed, a fresh order each call).
        seed: the seed for ``order="random"``.
        limit: keep only this many tags, the most used (ties go to the name that
            sorts first). None means the method's own default: 45 for
            ``wordpress`` (wp_tag_cloud's 'number'), 100 for the Pelican methods
            (TAG_CLOUD_MAX_ITEMS), every tag for the others; 0 means every tag.
        steps: as for `weigh`.
        smallest: as for `weigh`.
        largest: as for `weigh`.
        unit: as for `weigh`.
        synonyms: other names of a tag, as for `normalize`.

    Returns:
        The cloud, in the order asked for.

    Raises:
        DiploblogError: an unknown method or order, a negative limit, and
            anything `count` or `weigh` refuses.

    Example:
        >>> cloud = tag_cloud([("tag10", 1), ("Tag2", 4), ("tag1", 2)], method="roller")
        >>> [(w.tag.term, w.step) for w in cloud]
        [('tag1', 3), ('Tag2', 5), ('tag10', 1)]
        >>> [w.tag.term for w in tag_cloud([("a", 1), ("b", 5), ("c", 3)], order="count",
        ...                                limit=2)]
        ['b', 'c']
    """
    where = "tag_cloud"
    _choose(method, METHODS, "method", where)
    _choose(order, ORDERS, "order", where)
    if limit is None:
        limit = _DEFAULT_LIMIT.get(method, 0)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        msg = f"limit must be a whole number >= 0 (0 for every tag), got {limit!r}"
        raise _fail(msg, where)
    counted = list(count(posts_or_counts, synonyms=synonyms).items())
    chosen = dict(_top(counted, limit))
    cloud = weigh(chosen, method=method, steps=steps, smallest=smallest, largest=largest, unit=unit)
    return _ordered(cloud, order, seed)


# --- Reading clouds back --------------------------------------------------------------


def _entry(item: object, index: int, where: str) -> tuple[Tag, float, int | None]:
    if not (isinstance(item, tuple) and len(item) in (2, 3)):
        msg = f"item {index} should be a (tag, value) or (tag, value, count) tuple, got {item!r}"
        raise _fail(msg, where)
    tag, value = item[0], item[1]
    n = item[2] if len(item) == 3 else None
    if not isinstance(tag, (Tag, str)) or (isinstance(tag, str) and not tag.strip()):
        msg = f"item {index}: a tag is a Tag or a non-empty string, got {tag!r}"
        raise _fail(msg, where)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        msg = f"item {index}: expected a finite number, got {value!r}"
        raise _fail(msg, where)
    if n is not None and (type(n) is not int or n < 0):
        msg = f"item {index}: a count must be a whole number >= 0, got {n!r}"
        raise _fail(msg, where)
    return (Tag(term=tag) if isinstance(tag, str) else tag), value, n


def weights_from_steps(
    items: Iterable[tuple[Tag | str, int] | tuple[Tag | str, int, int | None]],
    *,
    steps: int,
    largest_step: Literal["high", "low"] = "high",
) -> tuple[WeightedTag, ...]:
    """Weights for a cloud read from a page that shows each tag's step (a CSS class).

    Roller's ``class="tag s4"`` is step 4 of 5 with the high end largest
    (``largest_step="high"``); Pelican's ``tag-1`` is step 1 of 4 with the low end
    largest (``"low"``). The weight is the step's place on the scale, as `weigh`
    gives for those methods, so clouds read from pages compare with computed ones.

    Args:
        items: ``(tag, step)`` pairs, or ``(tag, step, count)`` when the page
            shows counts; steps run from 1 to `steps`.
        steps: how many steps the scale has (5 for Roller, 4 for Pelican).
        largest_step: which end of the scale is drawn largest.

    Returns:
        One `WeightedTag` per item, in order, with `step` as read and no size.

    Raises:
        DiploblogError: steps below 1, an unknown `largest_step`, a step outside
            1..steps, or a malformed item.

    Example:
        >>> [w.weight for w in weights_from_steps([("news", 1), ("blog", 5), ("uk", 2)],
        ...                                       steps=5)]
        [0.0, 1.0, 0.25]
        >>> [w.weight for w in weights_from_steps([("a", 1), ("b", 4)], steps=4,
        ...                                       largest_step="low")]
        [1.0, 0.0]
    """
    where = "weights_from_steps"
    _choose(largest_step, ("high", "low"), "largest_step", where)
    scale = _Scale(_check_steps(steps, where), 0, 0, None)
    out = []
    for index, item in enumerate(items):
        tag, step, n = _entry(item, index, where)
        if type(step) is not int or not 1 <= step <= steps:
            msg = f"item {index}: step {step!r} is outside 1..{steps}"
            raise _fail(msg, where)
        weight = scale.step_weight(step, largest_step=largest_step)
        out.append(WeightedTag(tag=tag, count=n, weight=weight, step=step))
    return tuple(out)


def weights_from_sizes(
    items: Iterable[tuple[Tag | str, float] | tuple[Tag | str, float, int | None]],
    *,
    smallest: float | None = None,
    largest: float | None = None,
    unit: str | None = None,
) -> tuple[WeightedTag, ...]:
    """Weights for a cloud read from a page that shows each tag's font size.

    WordPress writes ``style="font-size: 13.6757pt;"``; the weight is where the
    size sits between the smallest and the largest, as `weigh` gives for a
    linear scale of sizes.

    Args:
        items: ``(tag, size)`` pairs, or ``(tag, size, count)`` when the page
            shows counts.
        smallest: the scale's smallest size; None for the smallest size seen.
        largest: the scale's largest size; None for the largest size seen. When
            the two are equal every weight is 1.0, as for equal counts in `weigh`.
        unit: the unit the sizes are in, kept on the result.

    Returns:
        One `WeightedTag` per item, in order, with `size` as read and no step.

    Raises:
        DiploblogError: a negative or non-finite size, a size outside the given
            bounds, bounds the wrong way round, or a malformed item.

    Example:
        >>> [round(w.weight, 3) for w in weights_from_sizes(
        ...     [("a", 8.0), ("b", 13.6757), ("c", 22.0)], unit="pt")]
        [0.0, 0.405, 1.0]
    """
    where = "weights_from_sizes"
    entries = [_entry(item, index, where) for index, item in enumerate(items)]
    if not entries:
        return ()
    sizes = [size for _, size, _ in entries]
    low = min(sizes) if smallest is None else smallest
    high = max(sizes) if largest is None else largest
    _check_scale(low, high, where)
    out = []
    for index, (tag, size, n) in enumerate(entries):
        if not low <= size <= high:
            msg = f"item {index}: size {size!r} is outside {low!r}..{high!r}"
            raise _fail(msg, where)
        weight = (size - low) / (high - low) if high > low else 1.0
        out.append(WeightedTag(tag=tag, count=n, weight=weight, size=size, unit=unit))
    return tuple(out)
