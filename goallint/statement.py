"""Lint one-line goal statements: the W rules, on the shared sentence parser.

``lint_statement(text, today)`` parses the sentence (goallint.text) and asks the SMART
method's questions of it: what number, by when, from which baseline, which vague words,
who owns it. Each W rule is a small class whose docstring is its documentation, under the
same headings as the goal rules, so ``goallint rule W001`` can print it.
A SMART statement has no warning-level finding: the warnings are the questions a
sentence must answer (a number, a time frame, no weasel words, a real owner when it names
one); the rest are info.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from functools import lru_cache
from typing import ClassVar, NamedTuple

from .diagnostics import Severity
from .plugin import Rule
from .text import Statement, parse
from .text.lexicon import DATA


class Finding(NamedTuple):
    """One W finding: 0-based character span in the statement, end exclusive."""

    code: str
    name: str
    severity: Severity
    start: int
    end: int
    message: str
    suggestion: str


Hit = tuple[int, int, str, dict[str, str]]  # start, end, message variant, message parameters


class Judging(NamedTuple):
    """What a W rule looks at: the parsed statement, and the day deadlines are judged on."""

    statement: Statement
    today: dt.date


class StatementRule(Rule):
    """A rule on one goal statement. Documented like the goal rules; never run on goal files."""

    letter: ClassVar[str | None] = "S"
    applies_to: ClassVar[frozenset[str]] = frozenset({"statement"})

    def judge(self, j: Judging) -> Iterator[Hit]:
        raise NotImplementedError


class NoNumber(StatementRule):
    """The statement has no number.

    What it checks:
    That the sentence states a number: a target, a percentage, an amount, or "from X to
    Y" ("400 leads", "20 %", "NOK 250 000", "fra 6,5 % til 5 %"). Numbers written as
    words count ("ti faste kunder").

    Why it matters:
    Measurable asks how much, how many, how often. Without a number nobody can tell
    whether the goal was reached.

    Example:
        Increase sales next year

    Fix:
    Add the number.

        Increase sales by 20 % next year
    """

    code = "W001"
    name = "no-number"
    severity = Severity.WARNING
    letter = "M"

    def judge(self, j: Judging) -> Iterator[Hit]:
        s = j.statement
        if s.has_number:
            return
        if s.direction_span is not None:
            word = s.direction_span
            yield word.start, word.end, "direction", {"word": word.text}
        else:
            yield 0, len(s.text), "plain", {}


class NoDeadline(StatementRule):
    """The statement has no deadline or time frame.

    What it checks:
    That the sentence says when: a date ("before 31 December", "innen 31.12.2027"), a
    quarter or year ("by Q4 2026", "i løpet av 2027"), a period end ("by end of year",
    "innen utgangen av året") or a span ("within six months", "de neste 3 ukene").

    Why it matters:
    Time-bound: a deadline brings focus and priorities, and makes the goal measurable.

    Example:
        Increase sales by 20 %

    Fix:
    Add when.

        Increase sales by 20 % by Q4 2026
    """

    code = "W002"
    name = "no-deadline"
    severity = Severity.WARNING
    letter = "T"

    def judge(self, j: Judging) -> Iterator[Hit]:
        s = j.statement
        if s.deadline is None:
            yield 0, len(s.text), "plain", {}


class VagueWord(StatementRule):
    """The statement uses a weasel word or a vague time word.

    What it checks:
    The sentence for words that mean something different to each reader, with their
    inflections: significantly, substantially, ASAP, hopefully, try to, soon; betydelig,
    vesentlig, så fort som mulig, prøve å, snart. The words are the same data files the
    title rule (S003) reads.

    Why it matters:
    Specific means concrete and clearly defined; "significantly" hides the number the
    goal needs, and "soon" hides the deadline.

    Example:
        Significantly increase sign-ups soon

    Fix:
    Replace each word with the number or the date it stands for.

        Increase sign-ups by 20 % by Q4 2026
    """

    code = "W003"
    letter = "S"
    name = "vague-word"
    severity = Severity.WARNING

    def judge(self, j: Judging) -> Iterator[Hit]:
        s = j.statement
        for term in s.vague:
            yield term.start, term.end, "plain", {"word": term.text}


class OwnerPlaceholder(StatementRule):
    """The owner the statement names is a placeholder or a crowd.

    What it checks:
    An owner given in the sentence ("Owner: TBD", "(eier: alle)") against the
    placeholder and crowd words of the shared vocabulary (TBD, unknown, everyone, the team;
    ukjent, alle, teamet) and the shapes of a team named as owner ("marketing team",
    "alle i marked"), as S002 reads them.

    Why it matters:
    A goal everyone owns is a goal nobody chases. Specific asks who is responsible.

    Example:
        Reach 400 leads per month by Q4 (owner: the team)

    Fix:
    Name one person.

        Reach 400 leads per month by Q4 (owner: Kari Nordmann)
    """

    code = "W004"
    letter = "S"
    name = "owner-placeholder"
    severity = Severity.WARNING

    def judge(self, j: Judging) -> Iterator[Hit]:
        from .text.owners import crowd

        s = j.statement
        if s.owner is not None and crowd(s.owner.text) is not None:
            yield s.owner.start, s.owner.end, "plain", {"word": s.owner.text}


class NoBaseline(StatementRule):
    """The statement gives no baseline.

    What it checks:
    That the sentence says where the goal starts: "from 250 to 400", "fra 6,5 % til 5 %",
    "up from NOK 3.2 million", "compared with last year", "sammenlignet med fjoråret", or a
    change ("by 20 %", "med 15 %") that counts from today's level.

    Why it matters:
    Start from where you stand: the baseline is the zero point every goal is measured from,
    and without it a target cannot be judged ambitious or unrealistic.

    Example:
        Reach 400 inbound leads per month by Q4

    Fix:
    Add the starting point.

        Grow from 250 to 400 inbound leads per month by Q4
    """

    code = "W005"
    name = "no-baseline"
    severity = Severity.INFO
    letter = "M"

    def judge(self, j: Judging) -> Iterator[Hit]:
        s = j.statement
        if s.has_number and s.baseline is None and s.baseline_phrase is None and not s.relative:
            target = s.target
            start, end = (target.start, target.end) if target else (0, len(s.text))
            yield start, end, "plain", {}


class NoOwner(StatementRule):
    """The statement names no owner.

    What it checks:
    Whether the sentence names who is responsible ("Owner: Kari", "(eier: Ola)", "owned
    by ..."). Most one-line goals do not, so this is information only.

    Why it matters:
    Specific asks who is responsible; a goal file needs an `owner`, and `--to-yaml`
    leaves a TODO where the sentence did not say.

    Example:
        Reach 400 inbound leads per month by Q4

    Fix:
    Add `(owner: NAME)`, or fill in `owner:` in the goal file.

        Reach 400 inbound leads per month by Q4 (owner: Kari Nordmann)
    """

    code = "W006"
    letter = "S"
    name = "no-owner"
    severity = Severity.INFO

    def judge(self, j: Judging) -> Iterator[Hit]:
        s = j.statement
        if s.owner is None:
            yield 0, len(s.text), "plain", {}


class DeadlinePassed(StatementRule):
    """The statement's deadline is already past.

    What it checks:
    The deadline the sentence names, resolved against `--today` (a date without a year
    means the next such day, so only dated deadlines can be past).

    Why it matters:
    A goal whose time is up is either done, missed, or needs a new date; either way it is
    not a goal to start on.

    Example:
        Increase revenue by 25 % in 2021

    Fix:
    Give the goal a date still ahead, or record how it ended.

        Increase revenue by 25 % in 2027
    """

    code = "W007"
    name = "deadline-passed"
    severity = Severity.INFO
    letter = "T"

    def judge(self, j: Judging) -> Iterator[Hit]:
        s = j.statement
        if s.deadline is not None and s.deadline.date < j.today:
            d = s.deadline
            yield d.start, d.end, "plain", {"word": d.text, "date": d.date.isoformat()}


class NoMetric(StatementRule):
    """The statement does not say what is measured.

    What it checks:
    That the parser finds the measured noun phrase ("organic visits", "antall leads",
    "first response time") next to the number or after the verb.

    Why it matters:
    Measurable asks what the number counts; "reach 400 by Q4" leaves the reader guessing.

    Example:
        Reach 400 by Q4

    Fix:
    Name what is counted.

        Reach 400 inbound leads per month by Q4
    """

    code = "W008"
    name = "no-metric"
    severity = Severity.INFO
    letter = "M"

    def judge(self, j: Judging) -> Iterator[Hit]:
        s = j.statement
        if s.has_number and s.metric is None and (s.target is None or s.target.noun is None):
            yield 0, len(s.text), "plain", {}


STATEMENT_RULES: tuple[type[StatementRule], ...] = (
    NoNumber, NoDeadline, VagueWord, OwnerPlaceholder, NoBaseline, NoOwner, DeadlinePassed, NoMetric)


@lru_cache(maxsize=1)
def _messages() -> dict[str, dict[str, dict[str, list[str]]]]:
    data = (DATA / "statement.json").read_text(encoding="utf-8")
    messages: dict[str, dict[str, dict[str, list[str]]]] = json.loads(data)
    return messages


def lint_statement(text: str, today: dt.date, lang: str | None = None,
                   output_lang: str = "en") -> tuple[Statement, list[Finding]]:
    """The parsed statement and its W findings, in order of position.

    ``lang`` is the statement's language (None: detect it); ``output_lang`` the language
    of the messages.
    """
    statement = parse(text, today, lang)
    findings = []
    for rule in STATEMENT_RULES:
        for start, end, variant, params in rule().judge(Judging(statement, today)):
            message, suggestion = _messages()[rule.code][variant][output_lang]
            findings.append(Finding(rule.code, rule.name, rule.severity, start, end,
                                    message.format(**params), suggestion.format(**params)))
    findings.sort(key=lambda f: (f.start, f.code))
    return statement, findings


def rule_for(code: str) -> type[StatementRule] | None:
    """The W rule with this code, or None; ``ruledocs.documentation(rule, "goallint")`` prints it."""
    return next((rule for rule in STATEMENT_RULES if rule.code == code), None)
