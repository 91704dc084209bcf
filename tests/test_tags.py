"""Tests for diploblog.tags: merging, counting, weighing and ordering tag clouds.

Expected values are worked out by hand from each engine's own formula; the
arithmetic is written next to each expectation.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diploblog import Blog, DiploblogError, Post, Tag, WeightedTag
from diploblog import _slug as slug_module
from diploblog.tags import (
    METHODS,
    count,
    normalize,
    slugify,
    tag_cloud,
    weigh,
    weights_from_sizes,
    weights_from_steps,
)

# The running example: three tags used 1, 3 and 10 times.
ONE_THREE_TEN = [("one", 1), ("three", 3), ("ten", 10)]


def _by_term(cloud: tuple[WeightedTag, ...]) -> dict[str, WeightedTag]:
    return {w.tag.term: w for w in cloud}


# --- slugify --------------------------------------------------------------------------


def test_slugify_is_the_model_rule() -> None:
    assert slugify is slug_module.slugify


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("Digital Diplomacy", "digital-diplomacy"),
        ("digital-diplomacy", "digital-diplomacy"),
        ("DIGITAL  diplomacy", "digital-diplomacy"),
        (" Digital\tDiplomacy ", "digital-diplomacy"),
        ("London Summit", "london-summit"),
        ("londonsummit", "londonsummit"),
        ("Café", "café"),
        ("CAFÉ", "café"),
        ("Cafe\u0301", "café"),  # decomposed accent: NFKC composes it
        ("C#", "c"),
        ("C++", "c"),
        ("foreign_office", "foreign-office"),
        ("__init__", "init"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("Россия", "россия"),
        ("日本", "日本"),
        ("العربية", "العربية"),
        ("\uff27\uff12\uff10", "g20"),  # full-width "G20" folds to ASCII
        ("don't panic", "dont-panic"),
        ("★", "★"),
    ],
)
def test_slugify_real_spellings(written: str, slug: str) -> None:
    assert slugify(written) == slug


# --- normalize ------------------------------------------------------------------------


def test_normalize_merges_spellings_and_keeps_the_most_used() -> None:
    tags = ["digital-diplomacy", "Digital Diplomacy", "DIGITAL  diplomacy", "Digital Diplomacy"]
    (merged,) = normalize(tags)
    assert merged.term == "Digital Diplomacy"  # used twice, the others once
    assert merged.slug == "digital-diplomacy"


def test_normalize_breaks_ties_by_first_seen() -> None:
    assert [t.term for t in normalize(["CAFÉ", "Café", "Café", "CAFÉ"])] == ["CAFÉ"]
    assert [t.term for t in normalize(["Café", "CAFÉ"])] == ["Café"]


def test_normalize_keeps_first_seen_order_of_merged_tags() -> None:
    tags = ["News", "C#", "news", "Россия", "c++", "NEWS", "россия"]
    assert [t.term for t in normalize(tags)] == ["News", "C#", "Россия"]


def test_normalize_keeps_schemes_apart() -> None:
    tags = [Tag(term="news", scheme="category"), Tag(term="News"), Tag(term="NEWS")]
    merged = normalize(tags)
    assert [(t.term, t.scheme) for t in merged] == [("news", "category"), ("News", None)]


def test_normalize_fills_missing_fields_from_other_spellings() -> None:
    tags = [
        Tag(term="London summit", url="https://blogs.fco.gov.uk/roller/hale/tags/london"),
        Tag(term="London Summit", label="The London Summit"),
        Tag(term="London Summit"),
    ]
    (merged,) = normalize(tags)
    assert merged.term == "London Summit"
    assert merged.label == "The London Summit"
    assert merged.url == "https://blogs.fco.gov.uk/roller/hale/tags/london"


def test_normalize_synonyms_by_slug_or_spelling() -> None:
    tags = ["London Summit", "londonsummit", "LondonSummit", "G20"]
    by_slug = normalize(tags, synonyms={"londonsummit": "London Summit"})
    by_spelling = normalize(tags, synonyms={"LONDONSUMMIT": "London Summit"})
    for merged in (by_slug, by_spelling):
        assert [(t.term, t.slug) for t in merged] == [
            ("London Summit", "london-summit"),
            ("G20", "g20"),
        ]


def test_normalize_canonical_spelling_wins_over_usage() -> None:
    tags = ["londonsummit", "londonsummit", "london summit"]
    (merged,) = normalize(tags, synonyms={"londonsummit": "London Summit"})
    assert merged.term == "London Summit"


def test_normalize_does_not_follow_synonym_chains() -> None:
    merged = normalize(["a", "b", "c"], synonyms={"a": "b", "b": "c"})
    assert [t.term for t in merged] == ["b", "c"]


def test_normalize_refuses_conflicting_or_empty_synonyms() -> None:
    with pytest.raises(DiploblogError, match="two spellings"):
        normalize(["x"], synonyms={"a": "London Summit", "b": "london summit"})
    with pytest.raises(DiploblogError, match="synonym"):
        normalize(["x"], synonyms={"a": "  "})


def test_normalize_refuses_empty_and_non_tags() -> None:
    with pytest.raises(DiploblogError, match="item 1 is an empty tag"):
        normalize(["ok", "  "])
    with pytest.raises(DiploblogError, match="a tag is a Tag or a string"):
        normalize(["ok", 3])  # type: ignore[list-item]


def test_normalize_empty() -> None:
    assert normalize([]) == ()


# --- count ----------------------------------------------------------------------------


def test_count_posts_counts_a_tag_once_per_post() -> None:
    posts = [
        Post(tags=[Tag(term="Diplomacy"), Tag(term="diplomacy"), Tag(term="UK")]),
        Post(tags=[Tag(term="diplomacy")]),
        Post(tags=[Tag(term="DIPLOMACY"), Tag(term="uk")]),
        Post(),
    ]
    counts = count(posts)
    assert {t.slug: n for t, n in counts.items()} == {"diplomacy": 3, "uk": 2}
    # Credit per post goes to the first spelling in the post: Diplomacy 1, diplomacy 1,
    # DIPLOMACY 1 -> a tie, won by the first seen.
    assert [t.term for t in counts] == ["Diplomacy", "UK"]


def test_count_reads_a_blog() -> None:
    blog = Blog(posts=[Post(tags=[Tag(term="a")]), Post(tags=[Tag(term="A")])])
    assert {t.term: n for t, n in count(blog).items()} == {"a": 2}


def test_count_pairs_add_up_and_name_by_most_uses() -> None:
    pairs: list[tuple[Tag | str, int]] = [("C#", 2), (Tag(term="c#"), 3), ("csharp", 1)]
    counts = count(pairs)
    assert {t.term: n for t, n in counts.items()} == {"c#": 5, "csharp": 1}


def test_count_reads_mappings() -> None:
    assert {t.term: n for t, n in count(Counter({"x": 2, "X": 5})).items()} == {"X": 7}
    assert count({Tag(term="a"): 0}) == {Tag(term="a"): 0}


def test_count_mixes_posts_and_pairs() -> None:
    source = [Post(tags=[Tag(term="a")]), ("a", 4)]
    assert {t.term: n for t, n in count(source).items()} == {"a": 5}  # type: ignore[arg-type]


def test_count_with_synonyms() -> None:
    counts = count(
        [("londonsummit", 2), ("London Summit", 1)],
        synonyms={"londonsummit": "LS", "London Summit": "LS"},
    )
    assert {(t.term, t.slug): n for t, n in counts.items()} == {("LS", "ls"): 3}


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (("a", -1), "whole number >= 0, got -1"),
        (("a", 1.5), "whole number >= 0, got 1.5"),
        (("a", True), "whole number >= 0, got True"),
        (("a", 1, 2), "not a Post or a \\(tag, count\\) pair"),
        ("a", "item 1 is str"),
        ((None, 1), "a tag is a Tag or a string"),
    ],
)
def test_count_refuses_bad_items(item: object, message: str) -> None:
    with pytest.raises(DiploblogError, match=message) as info:
        count([("ok", 1), item])  # type: ignore[arg-type]
    assert info.value.where == "diploblog.tags.count"


def test_count_empty() -> None:
    assert count([]) == {}


# --- weigh: linear and log ------------------------------------------------------------


def test_linear_by_hand() -> None:
    cloud = _by_term(weigh(ONE_THREE_TEN))
    # weight = (count - 1) / (10 - 1): 0, 2/9, 1
    assert [cloud[t].weight for t in ("one", "three", "ten")] == [0.0, 2 / 9, 1.0]
    # step = 1 + floor(weight * 4): 1 + 0, 1 + floor(0.89) = 1, 1 + 4
    assert [cloud[t].step for t in ("one", "three", "ten")] == [1, 1, 5]
    # size = 8 + weight * 14: 8, 8 + 28/9 = 11.11, 22
    assert cloud["one"].size == 8
    assert cloud["three"].size == pytest.approx(8 + 28 / 9)
    assert cloud["ten"].size == 22
    assert {w.unit for w in cloud.values()} == {"pt"}
    assert [w.count for w in cloud.values()] == [1, 3, 10]


def test_linear_custom_scale() -> None:
    cloud = weigh([("a", 0), ("b", 5), ("c", 10)], steps=3, smallest=1, largest=2, unit="em")
    # weights 0, 0.5, 1; steps 1 + floor(w * 2): 1, 2, 3; sizes 1 + w: 1, 1.5, 2
    assert [(w.weight, w.step, w.size, w.unit) for w in cloud] == [
        (0.0, 1, 1.0, "em"),
        (0.5, 2, 1.5, "em"),
        (1.0, 3, 2.0, "em"),
    ]


def test_log_by_hand() -> None:
    cloud = _by_term(weigh(ONE_THREE_TEN, method="log"))
    # On ln(1 + count): ln 2, ln 4, ln 11; weight of 3 = (ln 4 - ln 2) / (ln 11 - ln 2)
    # = ln 2 / ln 5.5 = 0.693147 / 1.704748 = 0.406598
    assert cloud["three"].weight == pytest.approx(0.406598, abs=1e-6)
    # step = 1 + floor(0.406598 * 4) = 1 + 1 = 2; size = 8 + 14 * 0.406598 = 13.692
    assert cloud["three"].step == 2
    assert cloud["three"].size == pytest.approx(13.692372, abs=1e-5)
    assert (cloud["one"].weight, cloud["ten"].weight) == (0.0, 1.0)
    assert (cloud["one"].step, cloud["ten"].step) == (1, 5)


@pytest.mark.parametrize("method", ["linear", "log"])
def test_equal_counts_and_single_tag_weigh_one_on_plain_scales(method: str) -> None:
    for counts in ([("a", 4), ("b", 4)], [("a", 4)], [("a", 0)]):
        cloud = weigh(counts, method=method)
        assert {(w.weight, w.step, w.size) for w in cloud} == {(1.0, 5, 22.0)}


@pytest.mark.parametrize("method", METHODS)
def test_empty_input_gives_empty_cloud(method: str) -> None:
    assert weigh([], method=method) == ()
    assert weigh({}, method=method) == ()
    assert tag_cloud([], method=method) == ()


# --- weigh: WordPress -----------------------------------------------------------------


def test_wordpress_by_hand() -> None:
    cloud = _by_term(weigh(ONE_THREE_TEN, method="wordpress"))
    # default_topic_count_scale: round(log10(count + 1) * 100)
    #   1 -> round(30.103) = 30, 3 -> round(60.206) = 60, 10 -> round(104.139) = 104
    # spread = 104 - 30 = 74, font_step = (22 - 8) / 74
    # font_size = 8 + (scaled - 30) * 14 / 74: 8, 8 + 420/74 = 13.675676, 22
    assert cloud["one"].size == 8
    assert cloud["three"].size == pytest.approx(8 + 420 / 74)
    assert cloud["ten"].size == pytest.approx(22)
    assert [cloud[t].weight for t in ("one", "three", "ten")] == pytest.approx([0, 30 / 74, 1])
    assert {w.step for w in cloud.values()} == {None}


def test_wordpress_rounds_halves_away_from_zero() -> None:
    # count 9: log10(10) * 100 = 100 exactly; count 0: 0. Scaled 0 and 100: 8 and 22.
    # A PHP-rounding check needs x.5: round(log10(c + 1) * 100) never lands on one for
    # small counts, so check the helper on the value PHP and Python disagree about.
    from diploblog.tags import _php_round

    assert (_php_round(0.5), _php_round(2.5), _php_round(2.4999)) == (1, 3, 2)
    sizes = [w.size for w in weigh([("a", 0), ("b", 9)], method="wordpress")]
    assert sizes == [8, 22]


def test_wordpress_equal_counts_and_single_tag_get_the_smallest_size() -> None:
    # spread = 0 -> 1, so every size is 8 + 0 * 14 = 8.
    for counts in ([("a", 4), ("b", 4)], [("a", 7)]):
        assert {(w.size, w.weight) for w in weigh(counts, method="wordpress")} == {(8, 0.0)}


def test_wordpress_takes_no_steps() -> None:
    with pytest.raises(DiploblogError, match="sizes, not steps"):
        weigh(ONE_THREE_TEN, method="wordpress", steps=5)


# --- weigh: Pelican -------------------------------------------------------------------


def test_pelican_by_hand() -> None:
    cloud = _by_term(weigh(ONE_THREE_TEN, method="pelican"))
    # steps 4, min 1, max 10, denominator ln(10 - 1 + 1) = ln 10
    #   1:  4 - 3 * ln 1 / ln 10 = 4                      -> 4 (smallest)
    #   3:  4 - 3 * ln 3 / ln 10 = 4 - 1.431364 = 2.5686  -> round 3
    #   10: 4 - 3 * ln 10 / ln 10 = 1                     -> 1 (largest)
    assert [cloud[t].step for t in ("one", "three", "ten")] == [4, 3, 1]
    # weight = (4 - step) / 3: 0, 1/3, 1
    assert [cloud[t].weight for t in ("one", "three", "ten")] == [0.0, 1 / 3, 1.0]
    assert cloud["three"].size == pytest.approx(8 + 14 / 3)


def test_pelican_floor_by_hand() -> None:
    cloud = _by_term(weigh(ONE_THREE_TEN, method="pelican-floor"))
    # The same values floored: 4, floor(2.5686) = 2, 1
    assert [cloud[t].step for t in ("one", "three", "ten")] == [4, 2, 1]
    assert cloud["three"].weight == 2 / 3


def test_pelican_floor_never_falls_below_step_one() -> None:
    # The plugin's own arithmetic: 4 - 3 * ln(264) / ln(264) = 0.9999999999999996, which
    # floors to 0 (a "tag-0" class); the top tag is kept at step 1.
    assert math.floor(4 - 3 * math.log(264) / math.log(264)) == 0
    steps = [w.step for w in weigh([("a", 0), ("b", 263)], method="pelican-floor")]
    assert steps == [4, 1]


def test_pelican_rounds_halves_to_even_as_python_does() -> None:
    # min 1, max 4: 2 -> 4 - 3 * ln 2 / ln 4 = 4 - 1.5 = 2.5 -> Python round 2 (not 3)
    assert 4 - 3 * math.log(2) / math.log(4) == 2.5
    steps = [w.step for w in weigh([("a", 1), ("b", 2), ("c", 4)], method="pelican")]
    assert steps == [4, 2, 1]


def test_pelican_equal_counts_and_single_tag_get_the_smallest_step() -> None:
    # ln(0 + 1) = 0 and the denominator ln 1 = 0 becomes 1: 4 - 0 = 4 for every tag.
    for counts in ([("a", 4), ("b", 4)], [("a", 7)]):
        cloud = weigh(counts, method="pelican")
        assert {(w.step, w.weight, w.size) for w in cloud} == {(4, 0.0, 8.0)}


def test_pelican_custom_steps() -> None:
    # steps 6, counts 1, 3, 10: 6 - 5 * ln 3 / ln 10 = 6 - 2.385606 = 3.6144 -> 4
    steps = [w.step for w in weigh(ONE_THREE_TEN, method="pelican", steps=6)]
    assert steps == [6, 4, 1]


# --- weigh: Roller --------------------------------------------------------------------


def test_roller_by_hand() -> None:
    cloud = _by_term(weigh(ONE_THREE_TEN, method="roller"))
    # min = ln 2 = 0.693147, max = ln 11 = 2.397895
    # range = max(0.01, 1.704748) * 1.0001 = 1.704918
    #   1:  1 + floor(5 * 0 / range) = 1
    #   3:  1 + floor(5 * (ln 4 - ln 2) / range) = 1 + floor(3.465736 / 1.704918)
    #       = 1 + floor(2.0328) = 3
    #   10: 1 + floor(5 * 1.704748 / 1.704918) = 1 + floor(4.9995) = 5
    assert [cloud[t].step for t in ("one", "three", "ten")] == [1, 3, 5]
    # weight = (step - 1) / 4: 0, 0.5, 1; size = 8 + 14 * weight
    assert [cloud[t].weight for t in ("one", "three", "ten")] == [0.0, 0.5, 1.0]
    assert [cloud[t].size for t in ("one", "three", "ten")] == [8.0, 15.0, 22.0]


def test_roller_narrow_range_uses_the_hundredth_floor() -> None:
    # ln 102 - ln 101 = 0.009852 < 0.01, so range = 0.01 * 1.0001 = 0.010001
    #   101: 1 + floor(5 * 0.009852 / 0.010001) = 1 + floor(4.925) = 5
    assert [w.step for w in weigh([("a", 100), ("b", 101)], method="roller")] == [1, 5]
    # ln 1001 - ln 1000 = 0.000999: 1 + floor(5 * 0.000999 / 0.010001) = 1 + 0 = 1
    assert [w.step for w in weigh([("a", 999), ("b", 1000)], method="roller")] == [1, 1]


def test_roller_equal_counts_and_single_tag_get_step_one() -> None:
    for counts in ([("a", 4), ("b", 4)], [("a", 7)], [("a", 0)]):
        assert {(w.step, w.weight) for w in weigh(counts, method="roller")} == {(1, 0.0)}


def test_single_step_scales_weigh_one() -> None:
    for method in ("linear", "pelican", "roller"):
        cloud = weigh(ONE_THREE_TEN, method=method, steps=1)
        assert {w.step for w in cloud} == {1}
    assert {w.weight for w in weigh(ONE_THREE_TEN, method="roller", steps=1)} == {1.0}


# --- weigh: bad input -----------------------------------------------------------------


def test_unknown_method_lists_the_choices() -> None:
    with pytest.raises(DiploblogError) as info:
        weigh(ONE_THREE_TEN, method="zipf")
    assert str(info.value) == (
        "unknown method 'zipf'; choose one of: linear, log, wordpress, pelican, "
        "pelican-floor, roller (at diploblog.tags.weigh)"
    )


@pytest.mark.parametrize("steps", [0, -1, True, 2.0])
def test_bad_steps(steps: object) -> None:
    with pytest.raises(DiploblogError, match="steps must be a whole number >= 1"):
        weigh(ONE_THREE_TEN, steps=steps)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("smallest", "largest", "message"),
    [
        (22, 8, "largest \\(8\\) is smaller than smallest \\(22\\)"),
        (-1, 8, "smallest must be a finite number >= 0"),
        (8, math.inf, "largest must be a finite number >= 0"),
        (8, "22", "largest must be a number"),
    ],
)
def test_bad_sizes(smallest: object, largest: object, message: str) -> None:
    with pytest.raises(DiploblogError, match=message):
        weigh(ONE_THREE_TEN, smallest=smallest, largest=largest)  # type: ignore[arg-type]


def test_negative_count_is_refused() -> None:
    with pytest.raises(DiploblogError, match="got -2"):
        weigh([("a", 1), ("b", -2)])
    with pytest.raises(DiploblogError, match="got -2"):
        weigh({Tag(term="a"): -2})


def test_weigh_merges_duplicate_pairs() -> None:
    (merged,) = weigh([("News", 1), ("news", 2)])
    assert (merged.tag.term, merged.count) == ("news", 3)


# --- tag_cloud ------------------------------------------------------------------------


def test_natural_case_insensitive_name_order() -> None:
    pairs = [("tag10", 1), ("Tag2", 1), ("tag1", 1), ("tag", 1), ("Apple", 1), ("tag2b", 1)]
    assert [w.tag.term for w in tag_cloud(pairs)] == [
        "Apple",
        "tag",
        "tag1",
        "Tag2",
        "tag2b",
        "tag10",
    ]


def test_count_order_breaks_ties_by_name() -> None:
    pairs = [("b", 2), ("tag10", 5), ("a", 2), ("tag9", 5), ("c", 1)]
    cloud = tag_cloud(pairs, order="count")
    assert [w.tag.term for w in cloud] == ["tag9", "tag10", "a", "b", "c"]


def test_seeded_shuffle_is_deterministic_and_touches_no_global_state() -> None:
    pairs = [(f"tag{i}", i + 1) for i in range(30)]
    random.seed(99)
    expected_next = random.random()
    random.seed(99)
    first = tag_cloud(pairs, order="random", seed=7)
    assert random.random() == expected_next  # the global generator was not used
    assert tag_cloud(pairs, order="random", seed=7) == first
    assert sorted(w.tag.term for w in first) == sorted(t for t, _ in pairs)
    orders = {tuple(w.tag.term for w in tag_cloud(pairs, order="random", seed=s)) for s in range(5)}
    assert len(orders) > 1


def test_seeded_shuffle_is_random_random_shuffle_of_the_counted_order() -> None:
    pairs = [(f"t{i}", 1) for i in range(10)]
    expected = [f"t{i}" for i in range(10)]
    random.Random("diplomacy").shuffle(expected)
    assert [w.tag.term for w in tag_cloud(pairs, order="random", seed="diplomacy")] == expected


def test_limit_keeps_the_most_used_before_weighing() -> None:
    pairs = [("a", 1), ("b", 50), ("c", 10), ("d", 2), ("e", 10)]
    cloud = tag_cloud(pairs, limit=3)
    assert [(w.tag.term, w.count) for w in cloud] == [("b", 50), ("c", 10), ("e", 10)]
    # Weighed among the three kept: (10 - 10) / (50 - 10) = 0 for c and e.
    assert [w.weight for w in cloud] == [1.0, 0.0, 0.0]


def test_limit_ties_at_the_cut_go_to_the_name_first() -> None:
    pairs = [("zeta", 3), ("tag10", 1), ("tag9", 1), ("alpha", 1)]
    assert [w.tag.term for w in tag_cloud(pairs, limit=2)] == ["alpha", "zeta"]
    assert [w.tag.term for w in tag_cloud(pairs, limit=3)] == ["alpha", "tag9", "zeta"]


def test_method_default_limits() -> None:
    pairs = [(f"tag{i}", i + 1) for i in range(120)]
    assert len(tag_cloud(pairs, method="wordpress")) == 45  # wp_tag_cloud 'number'
    assert len(tag_cloud(pairs, method="pelican")) == 100  # TAG_CLOUD_MAX_ITEMS
    assert len(tag_cloud(pairs, method="roller")) == 120
    assert len(tag_cloud(pairs, method="wordpress", limit=0)) == 120
    kept = {w.count for w in tag_cloud(pairs, method="wordpress")}
    assert kept == set(range(76, 121))  # the 45 most used


def test_tag_cloud_wordpress_matches_wp_tag_cloud_by_hand() -> None:
    posts = [Post(tags=[Tag(term="London"), Tag(term="G20")])] + [
        Post(tags=[Tag(term="g20")]) for _ in range(9)
    ]
    cloud = tag_cloud(posts, method="wordpress")
    # G20 in 10 posts (scaled 104), London in 1 (scaled 30); ordered by name: G20, London.
    assert [(w.tag.term, w.count, w.size) for w in cloud] == [("g20", 10, 22.0), ("London", 1, 8.0)]


def test_tag_cloud_bad_order_and_limit() -> None:
    with pytest.raises(DiploblogError, match="unknown order 'size'; choose one of: name, count"):
        tag_cloud(ONE_THREE_TEN, order="size")
    with pytest.raises(DiploblogError, match="unknown method 'wp'"):
        tag_cloud(ONE_THREE_TEN, method="wp")
    with pytest.raises(DiploblogError, match="limit must be a whole number >= 0"):
        tag_cloud(ONE_THREE_TEN, limit=-1)


# --- reading clouds back --------------------------------------------------------------


def test_weights_from_roller_steps_match_weigh() -> None:
    computed = weigh(ONE_THREE_TEN, method="roller")
    read = weights_from_steps([(w.tag, w.step or 0) for w in computed], steps=5)
    assert [w.weight for w in read] == [w.weight for w in computed]
    assert [w.step for w in read] == [1, 3, 5]
    assert {w.count for w in read} == {None}


def test_weights_from_pelican_steps_match_weigh() -> None:
    computed = weigh(ONE_THREE_TEN, method="pelican")
    pairs = [(w.tag, w.step or 0, w.count) for w in computed]
    read = weights_from_steps(pairs, steps=4, largest_step="low")
    assert [(w.weight, w.count) for w in read] == [(w.weight, w.count) for w in computed]


def test_weights_from_wordpress_sizes_match_weigh() -> None:
    computed = weigh(ONE_THREE_TEN, method="wordpress")
    read = weights_from_sizes([(w.tag, w.size or 0.0) for w in computed], unit="pt")
    assert [w.weight for w in read] == pytest.approx([w.weight for w in computed])
    assert {w.unit for w in read} == {"pt"}


def test_weights_from_sizes_with_stated_bounds() -> None:
    # (11 - 8) / (22 - 8) = 3 / 14
    (read,) = weights_from_sizes([("a", 11)], smallest=8, largest=22)
    assert read.weight == 3 / 14
    (same,) = weights_from_sizes([("a", 11)])
    assert same.weight == 1.0  # one size seen: no scale, weight 1 as for equal counts


def test_weights_from_steps_and_sizes_refuse_bad_input() -> None:
    with pytest.raises(DiploblogError, match=r"step 6 is outside 1\.\.5"):
        weights_from_steps([("a", 6)], steps=5)
    with pytest.raises(DiploblogError, match="steps must be a whole number >= 1"):
        weights_from_steps([("a", 1)], steps=0)
    with pytest.raises(DiploblogError, match="unknown largest_step 'top'; choose one of: high"):
        weights_from_steps([("a", 1)], steps=5, largest_step="top")  # type: ignore[arg-type]
    with pytest.raises(DiploblogError, match=r"size 30 is outside 8\.\.22"):
        weights_from_sizes([("a", 30)], smallest=8, largest=22)
    with pytest.raises(DiploblogError, match="expected a finite number"):
        weights_from_sizes([("a", math.nan)])
    with pytest.raises(DiploblogError, match="item 0 should be"):
        weights_from_sizes(["a"])  # type: ignore[list-item]
    assert weights_from_sizes([]) == ()
    assert weights_from_steps([], steps=5) == ()


# --- properties -----------------------------------------------------------------------

COUNTS = st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=40)


def _named(counts: list[int]) -> list[tuple[str, int]]:
    return [(f"tag{i}", n) for i, n in enumerate(counts)]


@given(counts=COUNTS, method=st.sampled_from(METHODS))
def test_weights_within_zero_and_one(counts: list[int], method: str) -> None:
    for w in weigh(_named(counts), method=method):
        assert 0.0 <= w.weight <= 1.0
        assert w.size is not None
        assert 8 <= w.size <= 22 + 1e-9


@given(counts=COUNTS, method=st.sampled_from(METHODS))
def test_more_uses_never_smaller(counts: list[int], method: str) -> None:
    cloud = weigh(_named(counts), method=method)
    ranked = sorted(cloud, key=lambda w: w.count or 0)
    for smaller, larger in itertools.pairwise(ranked):
        assert smaller.weight <= larger.weight
        assert (smaller.size or 0) <= (larger.size or 0) + 1e-9


@given(
    pairs=st.lists(
        st.tuples(
            st.sampled_from(["News", "news", "NEWS", "C#", "c++", "Café", "CAFÉ", "日本"]),
            st.integers(min_value=0, max_value=50),
        ),
        max_size=30,
    ),
    seed=st.integers(),
)
def test_count_is_order_independent(pairs: list[tuple[str, int]], seed: int) -> None:
    shuffled = list(pairs)
    random.Random(seed).shuffle(shuffled)
    by_slug = {t.slug: n for t, n in count(pairs).items()}
    assert {t.slug: n for t, n in count(shuffled).items()} == by_slug
    expected: Counter[str] = Counter()
    for term, n in pairs:
        expected[slugify(term)] += n
    assert by_slug == dict(expected)
