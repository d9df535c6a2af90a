"""The goal-sentence parser: structured fields, each with its character span.

``parse("Øke antall leads fra 250 til 400 innen Q4", today)`` finds the numbers (with their
units), which is the baseline and which the target, the direction, the deadline (resolved
against ``today``), a baseline phrase, the owner and the measured noun phrase, plus the
vague words S003 and the statement linter judge. Spans are 0-based, end exclusive.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from ..model import in_range
from .dates import find_deadlines
from .lexicon import Lexicon, Term, WordList, detect_language, lexicon, tokens


class Spanned(NamedTuple):
    text: str
    start: int
    end: int


class Quantity(NamedTuple):
    """A number in the sentence: its value, canonical unit (or None), what it counts, and place.

    ``noun`` is what a bare count counts ("400 inbound leads" counts "inbound leads"), with
    a rate when the sentence gives one ("visits per month").
    """

    value: float
    unit: str | None
    text: str
    start: int
    end: int
    noun: str | None = None


class Deadline(NamedTuple):
    date: dt.date
    spec: str  # what the words say, unresolved: 2026-Q4, --12-31, P6M, end of year... (see dates.py)
    text: str
    start: int
    end: int

    @property
    def relative(self) -> bool:
        return self.spec.startswith("P")


@dataclass(frozen=True)
class Statement:
    text: str
    lang: str
    quantities: tuple[Quantity, ...] = ()
    target: Quantity | None = None
    baseline: Quantity | None = None
    relative: bool = False  # the target is a change ("by 20 %", "med 1,5 mill."), not a level
    baseline_phrase: Spanned | None = None
    direction: str | None = None
    direction_span: Spanned | None = None
    deadline: Deadline | None = None
    owner: Spanned | None = None
    metric: Spanned | None = None
    vague: tuple[Term, ...] = ()  # weasel and vague time words: vague wherever they stand
    vague_directions: tuple[Term, ...] = ()  # vague unless a number or a deliverable says what
    deliverables: tuple[Term, ...] = ()
    deadlines: tuple[Deadline, ...] = ()

    @property
    def has_number(self) -> bool:
        return bool(self.quantities)


_UNIT_NAMES: dict[str, str] = {
    "%": "%", "percent": "%", "per cent": "%", "prosent": "%",
    "percentage points": "pp", "percentage point": "pp", "prosentpoeng": "pp", "pp": "pp",
    "points": "points", "point": "points", "poeng": "points",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h", "t": "h", "time": "h", "timer": "h",
    "min": "min", "mins": "min", "minute": "min", "minutes": "min", "minutt": "min", "minutter": "min",
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s", "sek": "s", "sekund": "s", "sekunder": "s",
    "ms": "ms", "day": "days", "days": "days", "dag": "days", "dager": "days", "døgn": "days",
    "week": "weeks", "weeks": "weeks", "uke": "weeks", "uker": "weeks",
    "x": "x", "times": "x", "ganger": "x", "stars": "stars", "star": "stars", "stjerner": "stars",
    "kg": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg", "km": "km", "kilometer": "km",
    "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb", "mile": "mi", "miles": "mi",
    "nok": "NOK", "kr": "NOK", "kr.": "NOK", "kroner": "NOK", "mnok": "NOK", "usd": "USD", "$": "USD",
    "dollars": "USD", "dollar": "USD", "eur": "EUR", "€": "EUR", "euros": "EUR", "euro": "EUR", "gbp": "GBP",
    "£": "GBP",
}
_MULTIPLIERS: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "tusen": 1e3, "m": 1e6, "million": 1e6, "millions": 1e6, "mill": 1e6,
    "mill.": 1e6, "millioner": 1e6, "mnok": 1e6, "bn": 1e9, "billion": 1e9, "mrd": 1e9, "milliard": 1e9,
    "milliarder": 1e9,
}
_PERIODS: dict[str, str] = {
    "month": "month", "måned": "month", "måneden": "month", "mnd": "month", "week": "week", "uke": "week",
    "uken": "week", "day": "day", "dag": "day", "dagen": "day", "year": "year", "år": "year", "året": "year",
    "quarter": "quarter", "kvartal": "quarter", "minute": "minute", "minuttet": "minute", "minutt": "minute",
    "hour": "hour", "time": "hour", "timen": "hour", "paycheck": "paycheck", "person": "person",
    "employee": "employee", "ansatt": "employee",
}
_ADVERB_RATES = {"annually": "year", "yearly": "year", "årlig": "year", "monthly": "month", "månedlig": "month",
                 "weekly": "week", "ukentlig": "week", "daily": "day", "daglig": "day"}


def _alternatives(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


_CURRENCY = r"(?:nok|usd|eur|gbp|kr\.?|\$|€|£)"
_ARTICLES = frozenset({"a", "an", "en", "ei", "et"})
_RATE = (rf"(?:\s+(?:per|a|an|pr\.?|i|om)\s+(?P<per>{_alternatives(_PERIODS)})|"
         rf"\s+(?P<adv>{_alternatives(_ADVERB_RATES)}))?")


@lru_cache(maxsize=2)
def number_pattern(lang: str) -> re.Pattern[str]:
    words = [w for w in lexicon(lang).mapping("number_words") if w not in _ARTICLES and " " not in w]
    units = _alternatives([u for u in _UNIT_NAMES if u != "x"])
    return re.compile(
        rf"(?<![\w.,])(?P<cur>{_CURRENCY})?\s?(?P<sign>[-\u2212+])?"
        r"(?P<num>\d{1,3}(?:(?:[ \u00a0\u202f]\d{3})+|(?:,\d{3})+|(?:\.\d{3})+)(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?"
        rf"|(?<!\w)(?:{_alternatives(words)})(?![\w-]))"
        rf"(?:\s?(?P<mult>{_alternatives([m for m in _MULTIPLIERS if m != 'mnok'])}|mnok)(?!\w))?"
        rf"(?:\s?(?P<unit>{units}|x(?!\w))(?!\w))?{_RATE}(?!\w)",
        re.IGNORECASE)


def _value(digits: str, lang: str) -> float:
    words = lexicon(lang).mapping("number_words")
    if digits.casefold() in words:
        return float(words[digits.casefold()])
    s = re.sub(r"[ \u00a0\u202f]", "", digits)
    if "," in s and "." in s:
        s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
    elif "," in s:
        parts = s.split(",")
        s = s.replace(",", "") if len(parts) > 2 or (lang == "en" and len(parts[1]) == 3) else s.replace(",", ".")
    elif "." in s:
        parts = s.split(".")
        if len(parts) > 2 or (lang == "nb" and len(parts[1]) == 3):
            s = s.replace(".", "")
    return float(s)


def _unit(m: re.Match[str]) -> str | None:
    unit_word = (m["unit"] or "").casefold()
    unit = _UNIT_NAMES.get(unit_word) if unit_word not in _MULTIPLIERS else None
    if unit is None and m["cur"]:
        unit = _UNIT_NAMES.get(m["cur"].casefold())
    if unit is None and (m["mult"] or "").casefold() == "mnok":
        unit = "NOK"
    rate = _PERIODS.get((m["per"] or "").casefold()) or _ADVERB_RATES.get((m["adv"] or "").casefold())
    if rate:
        return f"{unit or ''}/{rate}"
    return unit


def _quantity(m: re.Match[str], lang: str, text: str) -> Quantity:
    value = _value(m["num"], lang)
    if m["sign"] in ("-", "\u2212"):
        value = -value
    mult = (m["mult"] or "").casefold() or ((m["unit"] or "").casefold() if (m["unit"] or "").casefold()
                                            in _MULTIPLIERS else "")
    value *= _MULTIPLIERS.get(mult, 1)
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        value = float(int(value))
    unit = _unit(m)
    noun = _noun_after(text, m.end()) if unit is None or unit.startswith("/") else None
    if unit and unit.startswith("/"):
        noun = f"{noun} per {unit[1:]}" if noun else f"per {unit[1:]}"
    return Quantity(value, unit if unit is None or not unit.startswith("/") else None,
                    m.group(0).strip(), m.start(), m.end(), noun)


_NOUN_STOP = frozenset(
    "by from to at in within before for with med fra til innen før på over under during until and og than "
    "enn mot compared sammenlignet vs versus is are er was will skal per a an each every hver".split())
_NOUN_SKIP = frozenset("new nye nytt ny more flere additional ekstra extra of".split())
_OUT_OF = re.compile(r"\s+(?:av|out of|of)\s+\d+\s+[^\W\d_]+", re.IGNORECASE)


def _noun_after(text: str, end: int) -> str | None:
    """What a bare count counts: the few words after it ("500 new Instagram followers")."""
    out_of = _OUT_OF.match(text, end)
    if out_of:
        return out_of.group(0).strip()
    words: list[str] = []
    for m in re.finditer(r"[\s-]*([^\W\d_]+(?:['\u2019-][^\W\d_]+)*)", text[end:]):
        if m.start() != 0 and not words:
            break
        word = m.group(1)
        key = word.casefold()
        if key in _NOUN_STOP or len(words) == 3:
            break
        if not words and key in _NOUN_SKIP:
            words.append("")
            continue
        words.append(word)
        rest = text[end + m.end():]
        if re.match(r"\s*[,.;:()\x00]|\s*$", rest):
            break
    named = " ".join(w for w in words if w)
    rate = re.match(r"\s+(?:per|a|an|i|pr\.?)\s+(\w+)", text[end:][sum(len(w) + 1 for w in words):])
    if named and rate and rate.group(1).casefold() in _PERIODS:
        named = f"{named} per {_PERIODS[rate.group(1).casefold()]}"
    return named or None


def masked(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            chars[i] = "\x00"
    return "".join(chars)


_FROM = re.compile(r"(?:^|\W)(?:from|fra|up from|down from|opp fra|ned fra|of|på)\s+(?:about\s+|around\s+|ca\.?\s+|"
                   r"rundt\s+|omtrent\s+|dagens\s+|today's\s+|the current\s+)?$", re.IGNORECASE)
_FROM_ALONE = re.compile(r"(?:^|\W)(?:from|fra|up from|down from|opp fra|ned fra)\s+(?:about\s+|around\s+|ca\.?\s+|"
                         r"rundt\s+|omtrent\s+)?$", re.IGNORECASE)
_TO = re.compile(r"^\s*(?:to|til|→|->|-|\u2013|\u2014)\s*(?:about\s+|ca\.?\s+|over\s+|above\s+|at least\s+|minst\s+)?$",
                 re.IGNORECASE)
_BY = re.compile(r"(?:^|\W)(?:by|med)\s+(?:about\s+|around\s+|ca\.?\s+|minst\s+|at least\s+)?$", re.IGNORECASE)
_TOTAL = re.compile(r"(?:^|\W)(?:a total of|in total|totalt|i alt|til sammen)\s+$", re.IGNORECASE)
_WEAK_BASELINE = frozenset({"from", "fra", "mot", "vs", "vs.", "versus", "nå", "i dag", "today's", "up from",
                            "down from", "opp fra", "ned fra", "than in"})


def _pair(text: str, quantities: list[Quantity]) -> tuple[Quantity | None, Quantity | None]:
    """(baseline, target) from "from X to Y" / "fra X til Y", units shared between the two."""
    for a, b in pairwise(quantities):
        if _TO.match(text[a.end:b.start]) and _FROM.search(text[:a.start]):
            unit = a.unit or b.unit
            return a._replace(unit=unit, noun=a.noun or b.noun), b._replace(unit=unit, noun=b.noun or a.noun)
    for q in quantities:
        if _FROM_ALONE.search(text[:q.start]):
            return q, next((o for o in quantities if o is not q), None)
    return None, None


def _target(text: str, quantities: list[Quantity]) -> Quantity | None:
    for q in quantities:
        if _TOTAL.search(text[:q.start]):
            return q
    return quantities[0] if quantities else None


def _direction(text: str, vocabulary: Lexicon,
               words: list[tuple[str, int, int]]) -> tuple[str, Term, Term] | None:
    """The direction, the words that say it, and the first direction word (the verb, usually)."""
    found: list[tuple[int, int, str, Term]] = []
    for rank, kind in enumerate(("at_least", "at_most", "maintain", "increase", "decrease")):
        for term in vocabulary.direction(kind).find(text, words):
            found.append((term.start, rank, kind, term))
    if not found:
        return None
    found.sort(key=lambda f: (f[0], f[1]))
    bounds = [f for f in found if f[2] in ("at_least", "at_most")]
    first = found[0]
    if first[2] == "maintain" and bounds:
        return bounds[0][2], bounds[0][3], first[3]
    return first[2], first[3], first[3]


_OWNER = re.compile(
    r"(?:^|[\s(\[;,\u2013\u2014-])(?:(?:owner|eier|ansvarlig|responsible|accountable|dri)\s*[:=]|owned by|eies av|"
    r"led by|ledet av|ansvar:)\s*(?P<name>[^,;()\[\]\n.]+?)\s*(?=$|[),;\]\n]|\.(?:\s|$))",
    re.IGNORECASE)
_METRIC_STOP = frozenset(
    "by from to at in within before for per with med fra til innen før i på hver over under during "
    "until and og while so that som than enn mot against compared sammenlignet vs versus up down opp ned "
    "is are er will skal should".split())
_DETERMINERS = frozenset(
    "the our a an its their my your this that all den det de vår våre vårt sin sitt sine total totalt "
    "overall samlet".split())


def _metric(text: str, start: int, words: list[tuple[str, int, int]], blocked: list[tuple[int, int]],
            skip: WordList) -> Spanned | None:
    run: list[tuple[str, int, int]] = []
    for word, s, e in words:
        if s < start:
            continue
        between = text[run[-1][2] if run else start:s]
        if any(a < e and s < b for a, b in blocked) or re.search(r"[,;:()\x00]", between):
            break
        key = word.casefold()
        if key in _METRIC_STOP or word[0].isdigit():
            break
        if not run and (key in _DETERMINERS or skip.word(word) is not None):
            continue
        run.append((word, s, e))
        if len(run) == 6:
            break
    while run and run[-1][0].casefold() in ("of", "av", "the", "a", "and", "og"):
        run.pop()
    if not run:
        return None
    return Spanned(text[run[0][1]:run[-1][2]], run[0][1], run[-1][2])


def _measured(text: str, words: list[tuple[str, int, int]], stops: list[tuple[int, int]], verb: Term | None,
              quantities: list[Quantity], vocabulary: Lexicon) -> Spanned | None:
    """The measured noun phrase: after the verb, else after the first number, else after the first word."""
    skip = vocabulary.words("vague_direction")
    anchors = []
    if verb is not None and (not quantities or verb.start < quantities[0].start):
        anchors.append(verb.end)
    if quantities:
        anchors.append(quantities[0].end)
    if words:
        anchors.append(words[0][2])
    for anchor in anchors:
        metric = _metric(text, anchor, words, stops, skip)
        if metric is not None:
            return metric
    return None


_COUNTED = re.compile(r"^(?:the\s+)?(?:number|amount|count|total)\s+of\s+|^antall(?:et)?\s+(?:av\s+)?", re.I)


def _owner(text: str) -> Spanned | None:
    m = _OWNER.search(text)
    if not m or not m["name"].strip():
        return None
    return Spanned(m["name"], m.start("name"), m.end("name"))


def _baseline_phrase(text: str, vocabulary: Lexicon, words: list[tuple[str, int, int]]) -> Spanned | None:
    for term in vocabulary.words("baseline_phrases").find(text, words):
        if term.entry not in _WEAK_BASELINE:
            return Spanned(term.text, term.start, term.end)
    return None


def _deadlines(text: str, today: dt.date) -> tuple[list[Deadline], Deadline | None]:
    found = find_deadlines(text, today)
    deadlines = [Deadline(f.date, f.spec, text[f.start:f.end], f.start, f.end) for f in found]
    if not found:
        return deadlines, None
    best = max(range(len(found)), key=lambda i: (found[i].rank, found[i].date, found[i].end))
    return deadlines, deadlines[best]


def parse(text: str, today: dt.date, lang: str | None = None,
          extra_vague: tuple[str, ...] = (), extra_directions: tuple[str, ...] = ()) -> Statement:
    """The fields of one goal sentence; ``lang`` None detects en or nb."""
    language = lang or detect_language(text, tokens(text))
    vocabulary = lexicon(language)
    owner = _owner(text)
    blocked = [(owner.start, owner.end)] if owner else []
    deadlines, deadline = _deadlines(masked(text, blocked), today)
    blocked += [(d.start, d.end) for d in deadlines]
    hidden = masked(text, blocked)
    quantities = [q for m in number_pattern(language).finditer(hidden)
                  if in_range((q := _quantity(m, language, hidden)).value)]  # a 400-digit "number" is none
    words = tokens(hidden)
    baseline, target = _pair(hidden, quantities)
    if target is None and baseline is None:
        target = _target(hidden, quantities)
    relative = bool(target and baseline is None and _BY.search(hidden[:target.start]))
    direction = _direction(hidden, vocabulary, words)
    kind, direction_term, verb = direction if direction else (None, None, None)
    if kind is None and baseline is not None and target is not None and baseline.value != target.value:
        kind = "increase" if target.value > baseline.value else "decrease"
    vague = vocabulary.words("weasel", extra_vague).find(hidden, words)
    vague += vocabulary.words("vague_time").find(hidden, words)
    stops = blocked + [(q.start, q.end) for q in quantities] + [(t.start, t.end) for t in vague]
    metric = _measured(text, words, stops, verb, quantities, vocabulary)
    if target is not None and target.unit is None and metric is not None and (
            target.noun is None or target.noun.startswith("per ")):
        counted = _COUNTED.sub("", metric.text)
        target = target._replace(noun=f"{counted} {target.noun}" if target.noun else counted)
    return Statement(
        text=text, lang=language, quantities=tuple(quantities), target=target, baseline=baseline,
        relative=relative, baseline_phrase=_baseline_phrase(hidden, vocabulary, words), direction=kind,
        direction_span=Spanned(*direction_term[:3]) if direction_term else None,
        deadline=deadline, owner=owner, metric=metric,
        vague=tuple(sorted(vague, key=lambda t: t.start)),
        vague_directions=tuple(vocabulary.words("vague_direction", extra_directions).find(hidden, words)),
        deliverables=tuple(vocabulary.words("deliverables").find(hidden, words)),
        deadlines=tuple(deadlines))
