"""Is an owner a person? Placeholders, crowds and team names, in English and Norwegian.

The words are the ``placeholders``, ``crowd``, ``crowd_patterns`` and ``team_roles`` lists
of the language data files, which `goallint statement` reads too. A pattern such as
``"everyone in {team}"`` or ``"{team}-teamet"`` matches any name in place of ``{team}``;
``"team {team}"`` only a one-word name that is not a role ("team lead" is a person).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .lexicon import LANGUAGES, lexicon

_SPACES = re.compile(r"\s+")
_EDGE = ".,;:!"


class Crowd(NamedTuple):
    """Why an owner is not one person: ``kind`` is placeholder, crowd or team; ``team`` the team it names."""

    kind: str
    team: str | None = None


def tidy(owner: str) -> str:
    """The owner with single spaces and no sentence punctuation at the ends."""
    spaced = _SPACES.sub(" ", owner).strip()
    return spaced.strip(_EDGE).strip() or spaced


@lru_cache(maxsize=8192)  # every goal's team and owner pass through here; a project has a few hundred
def normal(owner: str) -> str:
    """The owner folded for comparison: ``tidy`` and without case."""
    return tidy(owner.casefold())


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    placeholders: set[str] = set()
    crowd: set[str] = set()
    roles: set[str] = set()
    for lang in LANGUAGES:
        raw = lexicon(lang).raw
        placeholders.update(normal(w) for w in raw["placeholders"])
        crowd.update(normal(w) for w in raw["crowd"])
        roles.update(normal(w) for w in raw["team_roles"])
    return frozenset(placeholders), frozenset(crowd), frozenset(roles)


class _Pattern(NamedTuple):
    source: str  # the case-blind regular expression; compiled (and cached by re) only for an owner it may fit
    named_after: bool  # "team {team}": the name follows the word team
    compound: bool  # "{team}teamet": the name is glued to the word
    before: str  # the words around the name, folded: an owner that does not start and end with them is
    after: str  # no match, and most owners are told so by two string tests instead of a regex


@lru_cache(maxsize=1)
def _patterns() -> tuple[_Pattern, ...]:
    out = []
    for lang in LANGUAGES:
        for pattern in lexicon(lang).raw["crowd_patterns"]:
            before, _, after = normal(pattern).partition("{team}")
            source = f"{re.escape(before)}(?P<team>.+?){re.escape(after)}"
            out.append(_Pattern(source, before.startswith("team"), not before and after[:1].isalpha(), before, after))
    return tuple(sorted(out, key=lambda p: len(p.source), reverse=True))  # the most specific first


@lru_cache(maxsize=4096)  # a project has a few hundred owners, each on many goals
def crowd(owner: str, teams: frozenset[str] = frozenset(), extra: frozenset[str] = frozenset()) -> Crowd | None:
    """Why ``owner`` is not one person, or None when it may be one.

    ``teams`` are the team names the project uses (folded with ``normal``); an owner that
    is one of them is a team. ``extra`` are more placeholder words (folded).
    """
    name = normal(owner)
    placeholders, crowds, roles = _words()
    if name in placeholders or name in extra or not any(ch.isalnum() for ch in name):
        return Crowd("placeholder")
    if name in crowds:
        return Crowd("crowd")
    if name in teams:
        return Crowd("team", tidy(owner))
    written = tidy(owner)
    folded = written.casefold()
    plain = folded.isascii()
    for pattern in _patterns():
        if plain and not (folded.startswith(pattern.before) and folded.endswith(pattern.after)):
            continue  # (beyond ASCII, case-folding and the pattern's case-blind match may disagree: "İ")
        found = re.compile(pattern.source, re.IGNORECASE).fullmatch(written)
        if found is None:
            continue
        team = found.group("team").strip()
        if pattern.named_after and (" " in team or team.casefold() in roles):
            continue  # "team lead" and "team lead kari" name a person by role
        if pattern.compound and len(team) > 3 and team[-1] in "sS":
            team = team[:-1]  # the linking s of a Norwegian compound: "salgsteamet" is the team "salg"
        if team:
            return Crowd("team", team)
    return None
