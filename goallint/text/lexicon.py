"""Word lists per language, matched with their inflections.

A list entry matches a word of the text when the two are equal without case, or when
their Snowball stems are equal ("increase" matches "increased" and "increasing"). Entries
of more than one word match as whole phrases, and the abbreviations listed under
``exact_only`` ("asap") match only as written, so "asapness" is not "asap"; and the words of
a text listed under ``stem_exceptions`` ("improv", a kind of theatre) match no entry through
their stem, although Snowball gives them the stem of one ("improve"). Stemming is the slow
part, so a word is stemmed only when it could match: it begins with the first five letters
of an entry of six letters or more, or the first four of a shorter one (a stem keeps at
least that much), or, for a four-letter entry that ends in e, its first three and an i
("losing" for "lose").
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, Protocol

LANGUAGES = ("en", "nb")
DATA = Path(__file__).parent / "data"  # package data; importlib.resources would cost 10 ms of start-up
WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
_PREFIX = 4


class Term(NamedTuple):
    """A list entry found in a text: the words as written, their place, and the entry."""

    text: str
    start: int
    end: int
    entry: str


class _Stemmer(Protocol):
    def stemWord(self, word: str) -> str: ...


@lru_cache(maxsize=4)
def _stemmer(algorithm: str) -> _Stemmer:
    import snowballstemmer  # type: ignore[import-untyped]  # about 30 ms: paid only when a word has to be stemmed

    stemmer: _Stemmer = snowballstemmer.stemmer(algorithm)
    return stemmer


@lru_cache(maxsize=65536)
def stem(word: str, algorithm: str) -> str:
    """The Snowball stem of a lower-case word."""
    return _stemmer(algorithm).stemWord(word)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """The words of a text with their character offsets (end exclusive)."""
    return [(m.group(0), m.start(), m.end()) for m in WORD.finditer(text)]


def _prefixes(word: str) -> tuple[str, ...]:
    """What a word that stems like ``word`` begins with: its first five letters, or four of a short one.

    A four-letter word that ends in e loses the e before -ing ("lose", "losing"), so it
    also lets in its first three letters and an i.
    """
    if len(word) > _PREFIX + 1:
        return (word[:_PREFIX + 1],)
    if len(word) == _PREFIX and word.endswith("e"):
        return word, word[:-1] + "i"
    return (word[:_PREFIX],)


class WordList:
    """A set of words and phrases, matched without case and with inflections."""

    def __init__(self, entries: tuple[str, ...], algorithm: str, exact: frozenset[str] = frozenset(),
                 unstemmed: frozenset[str] = frozenset()) -> None:
        self.algorithm = algorithm
        self.exact = exact
        self.unstemmed = unstemmed  # words of a text that only match an entry spelled the same
        self.words: dict[str, str] = {}
        phrases: list[str] = []
        for entry in entries:
            key = entry.casefold().strip()
            if not key:
                continue
            if WORD.fullmatch(key):
                self.words.setdefault(key, entry)
            else:
                phrases.append(key)
        self.prefixes = frozenset(p for w in self.words if len(w) >= _PREFIX for p in _prefixes(w))
        self._stems: dict[str, str] | None = None
        self._seen: dict[str, str | None] = {}  # word -> entry: a text repeats its words
        self._phrases = phrases
        self._phrase: re.Pattern[str] | None = None

    @property
    def phrase(self) -> re.Pattern[str] | None:
        """The phrases as one case-blind pattern; None without phrases.

        Compiled on first use: a list is often built only for its prefixes (``vague.py``
        screens titles with them), and six such patterns cost a start-up about a millisecond.
        """
        if self._phrase is None and self._phrases:
            alternatives = "|".join(re.escape(p) for p in sorted(set(self._phrases), key=len, reverse=True))
            self._phrase = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        return self._phrase

    def _stem_map(self) -> dict[str, str]:
        if self._stems is None:
            self._stems = {}
            for word, entry in self.words.items():
                if len(word) >= _PREFIX and word not in self.exact:
                    self._stems.setdefault(stem(word, self.algorithm), entry)
        return self._stems

    def word(self, word: str) -> str | None:
        """The entry a single word matches, or None."""
        if word in self._seen:
            return self._seen[word]
        key = word.casefold()
        entry = self.words.get(key)
        if entry is None and len(key) >= _PREFIX and key not in self.unstemmed \
                and (key[:_PREFIX] in self.prefixes or key[:_PREFIX + 1] in self.prefixes):
            entry = self._stem_map().get(stem(key, self.algorithm))
        if len(self._seen) > 100_000:
            self._seen.clear()
        self._seen[word] = entry
        return entry

    def find(self, text: str, words: list[tuple[str, int, int]] | None = None, *,
             stem: bool = True) -> list[Term]:
        """Every match in the text, phrases first, in order of position, never overlapping.

        ``stem=False`` matches only the forms the list spells out.
        """
        found: list[Term] = []
        taken: list[tuple[int, int]] = []
        if self.phrase is not None:
            for m in self.phrase.finditer(text):
                found.append(Term(m.group(0), m.start(), m.end(), m.group(0).casefold()))
                taken.append((m.start(), m.end()))
        seen, exact = self._seen, self.words
        for word, start, end in tokens(text) if words is None else words:
            if stem:
                entry = seen[word] if word in seen else self.word(word)
            else:
                entry = exact.get(word.casefold())
            if entry is None or (taken and any(a < end and start < b for a, b in taken)):
                continue
            found.append(Term(word, start, end, entry))
        if taken:
            found.sort(key=lambda t: t.start)
        return found

    def first(self, text: str) -> Term | None:
        found = self.find(text)
        return found[0] if found else None


class Lexicon:
    """The vocabulary of one language, as read from its data file."""

    __slots__ = ("algorithm", "lang", "raw")

    def __init__(self, lang: str, algorithm: str, raw: dict[str, Any]) -> None:
        self.lang = lang
        self.algorithm = algorithm
        self.raw = raw

    def words(self, name: str, extra: tuple[str, ...] = ()) -> WordList:
        return _word_list(self.lang, name, extra)

    def direction(self, kind: str) -> WordList:
        return _word_list(self.lang, f"direction.{kind}", ())

    @property
    def stop_words(self) -> frozenset[str]:
        return _stop_words(self.lang)

    def mapping(self, name: str) -> dict[str, Any]:
        value: dict[str, Any] = self.raw[name]
        return value


@lru_cache(maxsize=len(LANGUAGES))
def lexicon(lang: str) -> Lexicon:
    """The vocabulary of ``lang`` (en or nb)."""
    if lang not in LANGUAGES:
        raise ValueError(f"no vocabulary for language '{lang}' (have {', '.join(LANGUAGES)})")
    data = json.loads((DATA / f"{lang}.json").read_text(encoding="utf-8"))
    return Lexicon(lang, data["stemmer"], data)


@lru_cache(maxsize=256)
def _word_list(lang: str, name: str, extra: tuple[str, ...]) -> WordList:
    vocabulary = lexicon(lang)
    node: Any = vocabulary.raw
    for part in name.split("."):
        node = node[part]
    return WordList(tuple(node) + extra, vocabulary.algorithm, frozenset(vocabulary.raw["exact_only"]),
                    frozenset(vocabulary.raw["stem_exceptions"]))


@lru_cache(maxsize=len(LANGUAGES))
def _stop_words(lang: str) -> frozenset[str]:
    return frozenset(lexicon(lang).raw["stop_words"])


def detect_language(text: str, words: list[tuple[str, int, int]] | None = None) -> str:
    """en or nb, from the share of each language's stop words and the letters æ, ø and å."""
    folded = [w.casefold() for w, _s, _e in (tokens(text) if words is None else words)]
    scores = {}
    for lang in LANGUAGES:
        stops = _stop_words(lang)
        scores[lang] = sum(1 for w in folded if w in stops)
    scores["nb"] += 2 * sum(1 for ch in text.casefold() if ch in "æøå")
    return "nb" if scores["nb"] > scores["en"] else "en"
