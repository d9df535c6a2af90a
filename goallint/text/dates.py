"""Deadlines and time frames in goal sentences, resolved against a given today.

Each pattern finds one kind of expression ("by Q4 2026", "before 31 December", "innen
utgangen av året", "within six months", "i løpet av 2027") and turns it into the last day
it allows, plus a spec that says what the sentence said without resolving it:

- ``2026-12-31`` a day with its year, ``--12-31`` a day without one, ``2026-12`` / ``--12`` a month;
- ``2026-Q4`` / ``Q4`` a quarter, ``2026-H1`` / ``H1`` a half, ``2026`` a year;
- ``P6M``, ``P90D``, ``P3W``, ``P2Y`` a span counted from today ("within six months");
- ``end of year``, ``end of quarter``, ``end of month``, ``this year``, ``this quarter``,
  ``this month``, ``this fiscal year``, ``this school year``, ``next year``, ``next quarter``,
  ``next month``, or a weekday (``friday``).

Expressions without a year mean the next such day on or after today.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from .lexicon import lexicon


class Found(NamedTuple):
    start: int
    end: int
    date: dt.date
    spec: str
    rank: int  # how precisely the words name a day: 3 a full date ... 0 a span from today


Resolved = tuple[dt.date, str]
Resolver = Callable[[re.Match[str], dt.date], Resolved]


def _vocabulary() -> tuple[dict[str, int], dict[str, float]]:
    months: dict[str, int] = {}
    numbers: dict[str, float] = {}
    for lang in ("en", "nb"):
        months.update(lexicon(lang).mapping("months"))
        numbers.update(lexicon(lang).mapping("number_words"))
    return months, numbers


MONTHS, _NUMBER_WORDS = _vocabulary()
_WEEKDAYS = {"monday": 0, "mandag": 0, "tuesday": 1, "tirsdag": 1, "wednesday": 2, "onsdag": 2, "thursday": 3,
             "torsdag": 3, "friday": 4, "fredag": 4, "saturday": 5, "lørdag": 5, "sunday": 6, "søndag": 6}
_WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "last": 4, "første": 1, "andre": 2, "tredje": 3, "fjerde": 4, "siste": 4}


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


_MONTH = _alt(MONTHS)
_COUNT = r"\d{1,3}|" + _alt([w for w in _NUMBER_WORDS if len(w) > 2 and " " not in w]) + r"|an?|one|et|ett|en|ei"
_YEAR = r"(?:19|20)\d{2}"


def _end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


def _next(candidate: Callable[[int], dt.date], year: int | None, today: dt.date) -> dt.date:
    if year is not None:
        return candidate(year)
    day = candidate(today.year)
    return day if day >= today else candidate(today.year + 1)


def _count(text: str) -> int:
    key = text.casefold()
    if key.isdigit():
        return int(key)
    return int(_NUMBER_WORDS.get(key, 1))


def _unit_letter(unit: str) -> str:
    unit = unit.casefold()
    if unit.startswith(("dag", "day", "døgn")):
        return "D"
    if unit.startswith(("week", "uke")):
        return "W"
    if unit.startswith(("quarter", "kvartal")):
        return "Q"
    if unit.startswith(("year", "år")):
        return "Y"
    return "M"


def _add(today: dt.date, amount: int, letter: str) -> dt.date:
    if letter == "D":
        return today + dt.timedelta(days=amount)
    if letter == "W":
        return today + dt.timedelta(weeks=amount)
    months = amount * {"Q": 3, "Y": 12}.get(letter, 1)
    total = today.month - 1 + months
    year, month = today.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _iso(m: re.Match[str], _today: dt.date) -> Resolved:
    day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    return day, day.isoformat()


def _dotted(m: re.Match[str], today: dt.date) -> Resolved:
    day = dt.date(_year(m["y"]) or today.year, int(m["m"]), int(m["d"]))
    return day, day.isoformat()


def _day_month(m: re.Match[str], today: dt.date) -> Resolved:
    month, day = MONTHS[m["mon"].casefold().rstrip(".")], int(m["d"])
    if not 1 <= day <= calendar.monthrange(2024, month)[1]:  # a leap year: 29 February is a day
        raise ValueError(f"{day} {m['mon']} is not a day")
    year = _year(m["y"])
    date = _next(lambda y: dt.date(y, month, min(day, calendar.monthrange(y, month)[1])), year, today)
    return date, date.isoformat() if year else f"--{month:02d}-{day:02d}"


def _month(m: re.Match[str], today: dt.date) -> Resolved:
    month, year = MONTHS[m["mon"].casefold().rstrip(".")], _year(m["y"])
    date = _next(lambda y: _end_of_month(y, month), year, today)
    if m["endof"]:
        return date, date.isoformat() if year else f"--{month:02d}-{date.day:02d}"
    return date, f"{year}-{month:02d}" if year else f"--{month:02d}"


def _quarter(m: re.Match[str], today: dt.date) -> Resolved:
    q = int(m["q"]) if m["q"] else _ORDINAL[m["qw"].casefold()]
    year = _year(m["y"])
    return _next(lambda y: _end_of_month(y, 3 * q), year, today), f"{year}-Q{q}" if year else f"Q{q}"


def _half(m: re.Match[str], today: dt.date) -> Resolved:
    h = int(m["h"]) if m["h"] else _ORDINAL[m["hw"].casefold()]
    year = _year(m["y"])
    return _next(lambda y: _end_of_month(y, 6 * h), year, today), f"{year}-H{h}" if year else f"H{h}"


def _fiscal(m: re.Match[str], today: dt.date) -> Resolved:
    year = _year(m["y"]) or today.year
    return dt.date(year, 12, 31), str(year)


def _bare_year(m: re.Match[str], _today: dt.date) -> Resolved:
    return dt.date(int(m["y"]), 12, 31), m["y"]


def _end_of_year(m: re.Match[str], today: dt.date) -> Resolved:
    year = _year(m["y"] or _group(m, "y2"))
    if year:
        return dt.date(year, 12, 31), f"{year}-12-31"
    return dt.date(today.year, 12, 31), "end of year"


def _period(unit: str | None) -> str:
    key = (unit or "year").casefold()
    if key.startswith(("month", "måned")):
        return "month"
    if key.startswith(("quarter", "kvartal")):
        return "quarter"
    return "year"


def _period_last_day(period: str, today: dt.date, ahead: int = 0) -> dt.date:
    if period == "month":
        first = _add(today.replace(day=1), ahead, "M")
        return _end_of_month(first.year, first.month)
    if period == "quarter":
        first = _add(today.replace(day=1), 3 * ahead, "M")
        return _end_of_month(first.year, 3 * ((first.month - 1) // 3 + 1))
    return dt.date(today.year + ahead, 12, 31)


def _group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _end_of_period(m: re.Match[str], today: dt.date) -> Resolved:
    period = _period(_group(m, "unit") or _group(m, "unit2"))
    return _period_last_day(period, today), f"end of {period}"


def _this_period(m: re.Match[str], today: dt.date) -> Resolved:
    if _group(m, "kind"):
        kind = "fiscal" if m["kind"].casefold() in ("fiscal", "financial", "regnskaps") else "school"
        return dt.date(today.year, 12, 31), f"this {kind} year"
    period = _period(m["unit"])
    return _period_last_day(period, today), f"this {period}"


def _next_period(m: re.Match[str], today: dt.date) -> Resolved:
    period = _period(m["unit"])
    return _period_last_day(period, today, 1), f"next {period}"


def _relative(m: re.Match[str], today: dt.date) -> Resolved:
    amount, letter = _count(_group(m, "n") or "1"), _unit_letter(m["unit"])
    if letter == "Q":
        amount, letter = 3 * amount, "M"
    return _add(today, amount, letter), f"P{amount}{letter}"


def _weekday(m: re.Match[str], today: dt.date) -> Resolved:
    index = _WEEKDAYS[m["wd"].casefold()]
    return today + dt.timedelta(days=(index - today.weekday()) % 7), _WEEKDAY_NAMES[index]


def _new_year_eve(m: re.Match[str], today: dt.date) -> Resolved:
    year = _year(m["y"] or m["y2"])
    if year:
        return dt.date(year, 12, 31), f"{year}-12-31"
    return dt.date(today.year, 12, 31), "end of year"


_LEAD = (r"(?:(?:no later than|by the end of|by end of|at the end of|by the close of|before the end of|"
         r"innen utgangen av|innen slutten av|ved utgangen av|ved slutten av|i løpet av|til og med|"
         r"by|before|until|till|through|in|during|within|for|at|on|innen|før|til|senest|i|på|om|ved)\s+)?"
         r"(?:the\s+)?")
_UNITS = (r"(?P<unit>days?|dager|dagene|døgn|weeks?|uker|uka|uken|ukene|uke|months?|måneder|månedene|måneden|"
          r"måned|mnd|quarters?|kvartaler|kvartalene|kvartalet|kvartal|years?|årene|året|år)")
_SPAN_LEAD = (r"(?:(?:within|in|over|during|for|after|i løpet av|innen|om|på|etter|over the next|in the next|"
              r"within the next|over de neste|i de neste|de neste|det neste|den neste|the next|the coming)\s+)"
              r"(?:the\s+)?")
_BARE_LEAD = (r"(?:(?:by|before|until|in|during|for|through|innen|før|til|i løpet av|i|ved utgangen av|"
              r"by the end of|innen utgangen av)\s+)")
_SCHOOL = r"(?P<kind>fiscal|financial|school|skole|regnskaps)"
# (pattern, resolver, rank, lead): the lead is the words that may (or must) come first.
_PATTERNS: list[tuple[str, Resolver, int, str]] = [
    (r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", _iso, 3, _LEAD),
    (r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})", _dotted, 3, _LEAD),
    (rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?\s*(?:of\s+)?(?P<mon>{_MONTH})\.?(?:,?\s+(?P<y>{_YEAR}))?", _day_month,
     2, _LEAD),
    (rf"(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?![.,]\d)(?:,?\s+(?P<y>{_YEAR}))?",
     _day_month, 2, _LEAD),
    (rf"(?P<endof>(?:the\s+)?(?:end|close) of\s+|(?:utgangen|slutten) av\s+)?(?P<mon>{_MONTH})(?:\s+(?P<y>{_YEAR}))?",
     _month, 1, _BARE_LEAD),
    (rf"(?:(?:q|k)(?P<q>[1-4])|(?P<qw>first|second|third|fourth|last|1st|2nd|3rd|4th|første|andre|tredje|"
     rf"fjerde|siste)\s+(?:quarter|kvartal)(?:et)?)(?:\s*(?:[-/']|of|i)?\s*(?:fy)?(?P<y>{_YEAR}|'\d{{2}}(?!\d)))?",
     _quarter, 1, _LEAD),
    (rf"(?:h(?P<h>[12])|(?P<hw>first|second|første|andre)\s+(?:half|halvår|halvdel)(?:\s+(?:of|av))?)"
     rf"(?:\s*[-/ ]\s*(?P<y>{_YEAR}))?", _half, 1, _LEAD),
    (rf"fy\s?'?(?P<y>{_YEAR}|\d{{2}})", _fiscal, 1, _LEAD),
    (rf"nyttårsaften(?:\s+(?P<y>{_YEAR}))?|new year'?s eve(?:\s+(?P<y2>{_YEAR}))?", _new_year_eve, 2, _LEAD),
    (rf"(?:(?:end|close) of(?: the)?|utgangen av|slutten av)\s+(?:(?P<y>{_YEAR})|year|året|the year)"
     rf"|year[- ]end(?:\s+(?P<y2>{_YEAR}))?|end of year|eoy|årsskiftet|nyttår|årets slutt|the new year",
     _end_of_year, 1, _LEAD),
    (r"(?:(?:end|close) of|utgangen av|slutten av)\s+(?:this\s+|the\s+)?(?P<unit>quarter|month|kvartalet|måneden)"
     r"|(?P<unit2>måneds|kvartals)slutt", _end_of_period, 1, _LEAD),
    (rf"(?:this|current|dette|denne|inneværende)\s+(?:{_SCHOOL}[- ]?(?:year|året)|"
     r"(?P<unit>year|quarter|month|året|kvartalet|måneden|kvartal|år))|i år", _this_period, 1, _LEAD),
    (r"(?:next|neste|kommende)\s+(?P<unit>year|quarter|month|år|kvartal|måned)", _next_period, 1, _LEAD),
    (rf"(?:(?:next|neste|coming|kommende)\s+)?(?P<n>{_COUNT})[- ]?{_UNITS}", _relative, 0, _SPAN_LEAD),
    (rf"{_UNITS}", _relative, 0, r"(?:det neste|den neste|de neste)\s+"),
    (rf"(?P<wd>{_alt(_WEEKDAYS)})", _weekday, 1, r"(?:by|before|until|innen|før|til)\s+"),
    (rf"(?P<y>{_YEAR})(?![\d%,.]\d)(?!\s*(?:%|prosent|percent))", _bare_year, 1, _BARE_LEAD + "?"),
]


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[re.Pattern[str], Resolver, int, re.Pattern[str] | None]]:
    """Each pattern, compiled, with a cheap test a text must pass before the pattern can match.

    Trying every pattern with its optional lead words at every position is most of the
    parser's time; the tests skip a pattern when none of the words it needs is there.
    """
    out = []
    for body, resolver, rank, lead in _PATTERNS:
        prefix = lead if lead is _LEAD or lead.endswith("?") else f"(?:{lead})"
        trigger = _TRIGGERS.get(resolver)
        out.append((re.compile(rf"(?<!\w){prefix}(?:{body})(?!\w)", re.IGNORECASE), resolver, rank,
                    re.compile(trigger, re.IGNORECASE) if trigger else None))
    return out


_MONTHS_TRIGGER = r"\b(?:" + _MONTH + ")"
_TRIGGERS: dict[Resolver, str] = {
    _iso: r"\d-\d", _dotted: r"\d\.\d", _day_month: _MONTHS_TRIGGER, _month: _MONTHS_TRIGGER,
    _quarter: r"\b[qk][1-4]|quarter|kvartal", _half: r"\bh[12]|half|halv", _fiscal: r"\bfy",
    _new_year_eve: r"nyttår|new year", _end_of_year: r"end|close|utgang|slutt|eoy|årsskift|nyttår|new year",
    _end_of_period: r"end|close|utgang|slutt", _this_period: r"this|current|dette|denne|innev|\bi år",
    _next_period: r"next|neste|kommende",
    _relative: r"da[gy]|døgn|week|uke|uka|month|måned|mnd|quarter|kvartal|year|år",
    _weekday: r"dag\b|day\b", _bare_year: r"\b(?:19|20)\d\d",
}


def find_deadlines(text: str, today: dt.date) -> list[Found]:
    """Every time expression in the text, longest first where two overlap, in order of position."""
    candidates: list[Found] = []
    for pattern, resolver, rank, trigger in _compiled():
        if trigger is not None and trigger.search(text) is None:
            continue
        for m in pattern.finditer(text):
            try:
                day, spec = resolver(m, today)
            except (ValueError, KeyError, OverflowError):
                continue
            candidates.append(Found(m.start(), m.end(), day, spec, rank))
    chosen: list[Found] = []
    for found in sorted(candidates, key=lambda f: (-(f.end - f.start), f.start)):
        if all(found.end <= c.start or c.end <= found.start for c in chosen):
            chosen.append(found)
    return sorted(chosen, key=lambda f: f.start)
