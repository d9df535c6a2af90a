"""The SMART questions `goallint new` asks, as data: the command line builds its options from them.

Kept apart from ``newgoal`` so that reading them costs the command line's start-up nothing.
"""

from __future__ import annotations

from typing import NamedTuple


class Question(NamedTuple):
    key: str
    prompt: str


QUESTIONS = (
    Question("title", "What will be done? One line, e.g. 'Increase inbound leads from 250 to 400 by Q4 2026'"),
    Question("owner", "Who is responsible? (one person)"),
    Question("team", "Where in the business does it happen? (team)"),
    Question("start", "When does the work start? (YYYY-MM-DD or a period such as 2026-Q3)"),
    Question("deadline", "When must it be reached? (YYYY-MM-DD or a period such as 2026-Q4)"),
    Question("resources", "Which resources will be used? (budget, people, tools; separate with ';')"),
    Question("why", "Why: what does the business gain when it is reached?"),
    Question("parent", "Which objective does it serve?"),  # asked only when the file has objectives
    Question("metric", "What is measured? (the number that shows it is reached)"),
    Question("unit", "In what unit?"),
    Question("baseline", "Where does it stand today? (the baseline, a number)"),
    Question("target", "What number marks success? (the target)"),
    Question("source", "Where is it measured? (the report, tool or query)"),
    Question("cadence", "How often is it measured? (daily, weekly, monthly, quarterly... or a number of days)"),
)
