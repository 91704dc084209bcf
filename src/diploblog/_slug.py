"""The one slug rule diploblog uses for tags (re-exported as `diploblog.tags.slugify`)."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["slugify"]

_NOT_WORD = re.compile(r"[^\w]+")
_UNDERSCORES = re.compile(r"_+")


def slugify(text: str) -> str:
    """Turn a tag as written into its slug, the key that decides tag identity.

    Rules, in order: Unicode NFKC normalisation (so full-width and compatibility
    forms fold together); case folding (``str.casefold``, so "Straße" and
    "STRASSE" agree); apostrophes dropped ("don't" -> "dont"); every run of
    characters that are not letters, digits or marks becomes one hyphen;
    underscores count as separators; leading and trailing hyphens removed.
    Letters of every script are kept as they are: no transliteration, so
    "Россия" stays "россия" and "日本" stays "日本". Accents are kept
    ("café" stays "café") because dropping them merges different words.

    Like WordPress's and Pelican's slugs, punctuation is not kept, so "C++" and
    "C#" both give "c"; a tag made only of punctuation or symbols ("++", "★")
    keeps those characters, with white space turned into hyphens, rather than
    falling to an empty slug that would merge every such tag.

    Args:
        text: the tag as written.

    Returns:
        The slug; empty only when the text is empty or white space.

    Example:
        >>> [slugify(t) for t in ("Digital Diplomacy", "digital-diplomacy", "DIGITAL  diplomacy")]
        ['digital-diplomacy', 'digital-diplomacy', 'digital-diplomacy']
        >>> slugify("C'est la vie!")
        'cest-la-vie'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = folded.replace("'", "").replace("\u2019", "")
    folded = _UNDERSCORES.sub("-", folded)
    slug = _NOT_WORD.sub("-", folded).strip("-")
    return slug or "-".join(folded.split())
