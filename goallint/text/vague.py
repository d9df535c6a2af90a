"""Is a title vague? The judgment S003 makes, kept beside the words it reads.

A title is vague when it uses a weasel word ("significantly", "ASAP", "betydelig") or a
vague time word ("soon", "snart"), wherever it stands; or when it has no number, names no
concrete deliverable ("launch", "hire", "lansere") and uses a vague direction word
("improve", "more", "øke", "flere"). Words match with their inflections.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

from .lexicon import LANGUAGES, Term, detect_language, lexicon, tokens

_DIGIT = re.compile(r"\d")
_SIMPLE_WORD = re.compile(r"[^\W_]+")  # hyphenated words in parts: every part starts where a list word could
_SOMEDAY = dt.date(2000, 1, 1)  # deadlines are only masked here, never resolved into a message


class Vagueness(NamedTuple):
    kind: str  # "weasel": always vague; "direction": a direction word and nothing concrete
    term: Term


def has_number(title: str, lang: str) -> bool:
    """A number that says how much: digits outside dates and quarters, or a number word."""
    words = lexicon(lang).mapping("number_words")
    if not _DIGIT.search(title):
        return any(len(w) > 2 and w.casefold() in words for w, _s, _e in tokens(title))
    from .dates import find_deadlines  # digits are rare in vague titles: pay for the patterns only then
    from .sentence import masked, number_pattern

    hidden = masked(title, [(f.start, f.end) for f in find_deadlines(title, _SOMEDAY)])
    return number_pattern(lang).search(hidden) is not None


class _Candidates(NamedTuple):
    words: frozenset[str]  # whole words and the first word of each phrase
    prefixes: frozenset[str]  # the prefixes a word must start with to be worth stemming


@lru_cache(maxsize=64)
def _candidates(languages: tuple[str, ...], extra: tuple[str, ...]) -> _Candidates:
    """Every word any of the vague lists could match, and more, as two sets.

    Most titles contain none of them, and a few set lookups per word then settle it; the
    word lists (and the stemmer) are consulted only for titles where one is found.
    """
    words: set[str] = set()
    prefixes: set[str] = set()
    for lang in languages:
        for name in ("weasel", "vague_time", "vague_direction"):
            entries = lexicon(lang).raw[name] + list(extra)
            for entry in entries:
                first = _SIMPLE_WORD.findall(entry.casefold())
                if first:
                    words.add(first[0])
            prefixes |= lexicon(lang).words(name, extra).prefixes
    return _Candidates(frozenset(words), frozenset(prefixes))


def _may_be_vague(title: str, candidates: _Candidates) -> bool:
    words, prefixes = candidates.words, candidates.prefixes
    for key in _SIMPLE_WORD.findall(title.casefold()):
        if key in words or key[:4] in prefixes or key[:5] in prefixes:
            return True
    return False


def vagueness(title: str, lang: str | None = None, extra_vague: tuple[str, ...] = (),
              extra_directions: tuple[str, ...] = ()) -> Vagueness | None:
    """Why the title is vague, or None when it is not."""
    languages = (lang,) if lang else LANGUAGES
    if not _may_be_vague(title, _candidates(languages, extra_vague + extra_directions)):
        return None
    words = tokens(title)
    for code in languages:
        vocabulary = lexicon(code)
        found = vocabulary.words("weasel", extra_vague).find(title, words)
        found += vocabulary.words("vague_time").find(title, words)
        if found:
            return Vagueness("weasel", min(found, key=lambda t: t.start))
    directions: list[Term] = []
    for code in languages:
        directions += lexicon(code).words("vague_direction", extra_directions).find(title, words)
    if not directions or _names_a_deliverable(title, words, languages, directions) \
            or has_number(title, lang or detect_language(title)):
        return None
    return Vagueness("direction", min(directions, key=lambda t: t.start))


def _names_a_deliverable(title: str, words: list[tuple[str, int, int]], languages: tuple[str, ...],
                         directions: list[Term]) -> bool:
    """A deliverable word outside the direction words: "start to exercise" names none, "start a shop" does."""
    for code in languages:
        for term in lexicon(code).words("deliverables").find(title, words, stem=False):
            if not any(d.start <= term.start and term.end <= d.end for d in directions):
                return True
    return False
