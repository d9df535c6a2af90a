"""The shared vocabulary and the goal-sentence parser (goallint.text)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from goallint.text import detect_language, lexicon, parse
from goallint.text.dates import find_deadlines
from goallint.text.sentence import _PERIODS, _UNIT_NAMES

TODAY = dt.date(2026, 11, 29)
CORPUS = Path(__file__).parent / "corpus" / "statements.yaml"


@pytest.mark.parametrize(("lang", "word", "entry"), [
    ("en", "increase", "increase"), ("en", "increased", "increase"), ("en", "Increasing", "increase"),
    ("en", "grows", "grow"), ("en", "improvements", "improve"), ("en", "faster", "faster"),
    ("nb", "øke", "øke"), ("nb", "økt", "økt"), ("nb", "økning", "økning"), ("nb", "økningen", "økning"),
    ("nb", "flere", "flere"), ("nb", "forbedringer", "forbedring"), ("nb", "bli", "bli"),
    ("en", "lose", "lose"), ("en", "losing", "lose"), ("en", "saving", "save"), ("en", "low", "low"),
    ("nb", "nye", "nye"),
])
def test_vague_directions_match_inflections(lang: str, word: str, entry: str) -> None:
    assert lexicon(lang).words("vague_direction").word(word) == entry


def test_unrelated_words_do_not_match() -> None:
    words = lexicon("en").words("vague_direction")
    assert words.word("leads") is None
    assert words.word("morning") is None
    assert lexicon("en").words("weasel").find("Classic asapness") == []


def test_a_stem_exception_matches_only_as_written() -> None:
    """Snowball stems "improv" (the theatre) like "improve"; the data file lists it as unrelated."""
    words = lexicon("en").words("vague_direction")
    assert (words.word("improved"), words.word("improv"), words.word("Improv")) == ("improve", None, None)


def test_phrases_match_whole_and_report_their_span() -> None:
    found = lexicon("nb").words("weasel").find("Ferdig så fort som mulig, osv.")
    assert [(t.text, t.start, t.end) for t in found] == [("så fort som mulig", 7, 24), ("osv.", 26, 30)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Increase sales significantly next year", "en"),
    ("Øke antall leads med 20 % innen Q4", "nb"),
    ("Flere besøk til nettsider", "nb"),
    ("Reach 400 inbound leads per month", "en"),
    ("Redusere sykefraværet til 5 prosent", "nb"),
])
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(("text", "words", "spec", "date"), [
    ("Increase sales by 20% by Q4 2026", "by Q4 2026", "2026-Q4", "2026-12-31"),
    ("Øke antall leads med 20 % innen Q4", "innen Q4", "Q4", "2026-12-31"),
    ("Ship it before 31 December", "before 31 December", "--12-31", "2026-12-31"),
    ("Do it by end of year", "by end of year", "end of year", "2026-12-31"),
    ("Gjøre det innen utgangen av året", "innen utgangen av året", "end of year", "2026-12-31"),
    ("Grow within six months", "within six months", "P6M", "2027-05-29"),
    ("Sell more next year", "next year", "next year", "2027-12-31"),
    ("Selge mer i løpet av 2027", "i løpet av 2027", "2027", "2027-12-31"),
    ("Launch by March 15th", "by March 15th", "--03-15", "2027-03-15"),
    ("Ferdig innen 31.12.2027", "innen 31.12.2027", "2027-12-31", "2027-12-31"),
    ("Cut waste over the next 90 days", "over the next 90 days", "P90D", "2027-02-27"),
    ("Redusere kostnader det neste kvartalet", "det neste kvartalet", "P3M", "2027-02-28"),
    ("Svare innen fredag", "innen fredag", "friday", "2026-12-04"),
])
def test_deadlines_resolve_against_today(text: str, words: str, spec: str, date: str) -> None:
    found = find_deadlines(text, TODAY)
    assert [(text[f.start:f.end], f.spec, f.date.isoformat()) for f in found] == [(words, spec, date)]


def test_may_the_verb_and_hours_are_not_deadlines() -> None:
    assert find_deadlines("We may grow", TODAY) == []
    assert find_deadlines("Respond within 24 h", TODAY) == []


@pytest.mark.parametrize(("text", "lang", "value", "unit"), [
    ("Reach 1,000 users", "en", 1000, None), ("Nå 1 000 brukere", "nb", 1000, None),
    ("Hold at 1.5 %", "en", 1.5, "%"), ("Minst 20 prosent", "nb", 20, "%"),
    ("Selg for NOK 250 000", "nb", 250000, "NOK"), ("At least 4.5 stars", "en", 4.5, "stars"),
    ("Svar innen 24 t", "nb", 24, "h"), ("Reach NOK 4.0 million", "en", 4_000_000, "NOK"),
    ("Redusere med 6,5 %", "nb", 6.5, "%"), ("Save $40 per paycheck", "en", 40, "USD/paycheck"),
])
def test_numbers_and_units(text: str, lang: str, value: float, unit: str | None) -> None:
    target = parse(text, TODAY, lang).target
    assert target is not None
    assert (target.value, target.unit) == (value, unit)


def test_a_full_statement_with_spans() -> None:
    text = "Grow organic visits from 12,000 to 18,000 per month by Q4 2026 (owner: Kari Nordmann)"
    s = parse(text, TODAY)
    assert s.lang == "en"
    assert s.baseline is not None and s.target is not None and s.deadline is not None
    assert (s.baseline.value, s.target.value, s.direction) == (12000, 18000, "increase")
    assert text[s.target.start:s.target.end] == "18,000 per month"
    assert (s.deadline.spec, s.deadline.text) == ("2026-Q4", "by Q4 2026")
    assert s.owner is not None and text[s.owner.start:s.owner.end] == "Kari Nordmann"
    assert s.metric is not None and s.metric.text == "organic visits"


@pytest.mark.parametrize(("text", "direction"), [
    ("Keep NPS at 40 or above", "at_least"), ("Hold NPS på minst 40", "at_least"),
    ("Keep churn below 2 %", "at_most"), ("Holde sykefraværet under 5 %", "at_most"),
    ("Reduce churn to 2 %", "decrease"), ("Redusere svartiden til 4 timer", "decrease"),
    ("Maintain uptime of 99.9 %", "maintain"), ("Cut injuries from 4 to 0", "decrease"),
    ("Leads from 250 to 400", "increase"),
])
def test_direction(text: str, direction: str) -> None:
    assert parse(text, TODAY).direction == direction


def test_baseline_phrases() -> None:
    s = parse("Øke omsetningen med 20% sammenlignet med fjoråret", TODAY)
    assert s.relative and s.baseline_phrase is not None and s.baseline_phrase.text == "sammenlignet med"
    assert parse("Increase revenue by 10% compared with last year", TODAY).baseline_phrase is not None


def _unit_key(unit: str) -> str:
    key = unit.casefold()
    if " per " in key:
        amount, per = key.split(" per ", 1)
        return f"{_UNIT_NAMES.get(amount, amount)}/{_PERIODS.get(per, per)}"
    return _UNIT_NAMES.get(key, key)


def _stems(text: str) -> set[str]:
    return {w.rstrip("s") for w in text.casefold().split()}


def _field_errors(item: dict[str, object]) -> list[str]:
    expected = item["expected"]
    assert isinstance(expected, dict)
    s = parse(str(item["text"]), TODAY, str(item["lang"]))
    errors = []
    target = s.target
    if "target" in expected and (target is None or abs(target.value - float(expected["target"])) > 1e-9):
        errors.append(f"target {target}")
    if target is not None and "target" in expected:
        unit = expected.get("unit")
        if unit is None and target.unit is not None:
            errors.append(f"unit: none expected, got {target.unit}")
        elif unit is not None and target.unit != _unit_key(unit) and not (
                target.unit is None and target.noun and _stems(unit) <= _stems(target.noun)):
            errors.append(f"unit {unit!r}: got {target.unit!r} / counts {target.noun!r}")
    baseline = expected.get("baseline")
    if isinstance(baseline, str) and s.baseline_phrase is None:
        errors.append("no baseline phrase")
    if isinstance(baseline, (int, float)) and (s.baseline is None or s.baseline.value != baseline):
        errors.append(f"baseline {s.baseline}")
    got = s.deadline.spec if s.deadline else None
    if expected.get("deadline") != got:
        errors.append(f"deadline {expected.get('deadline')!r}: got {got!r}")
    return errors


def test_parser_fields_match_the_hand_written_values_for_every_smart_statement() -> None:
    items = [i for i in yaml.safe_load(CORPUS.read_text(encoding="utf-8")) if i["label"] == "smart"]
    assert len(items) == 67
    failures = {str(i["text"]): errors for i in items if (errors := _field_errors(i))}
    assert failures == {}


def test_stemmer_is_not_imported_when_nothing_needs_stemming() -> None:
    code = ("import sys; from goallint.text import lexicon; "
            "lexicon('en').words('vague_direction').find('Reach 400 leads by Q4'); "
            "print('snowballstemmer' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- S003 (title vague) on the shared vocabulary --------------------------------------------


def test_s003_direction_word_is_vague_even_when_the_metric_has_a_target(lint_result: Any) -> None:
    """The old rule switched direction words off whenever the metric had a numeric target."""
    text = """\
version: 1
goals:
  - id: a
    title: Improve the website
    metric: {target: 400}
  - id: b
    title: Improve organic visits to 18,000 per month
    metric: {target: 18000}
"""
    result = lint_result(text, select="S003")
    assert [(d.code, d.line, d.column, d.message) for d in result.diagnostics] == [
        ("S003", 4, 12, "title says 'Improve' but not how much, although the metric's target is 400")]


@pytest.mark.parametrize("title", [
    "Increase sales", "Increased sales", "Grow the pipeline", "Respond faster", "Launch the beta soon",
    "Flere leads", "Økt omsetning", "Økning i salget", "Bli en foretrukket leverandør", "Snart ferdig",
])
def test_s003_catches_inflections_and_the_words_the_old_lists_missed(lint: Any, title: str) -> None:
    """Each of these titles passed the old rule (its lists had none of these words or forms)."""
    text = f"version: 1\ngoals:\n  - id: a\n    title: {title}\n"
    assert lint(text, select="S003") == [("S003", 4, 12)]


@pytest.mark.parametrize(("title", "word"), [
    ("Lose weight", "Lose"), ("Save money", "Save"), ("Sales will go up", "go up"),
    ("Low injury rates for the year.", "Low"), ("Be polite to our customers", "polite"),
    ("Vi skal få nye kunder basert på markedsføringstiltakene våre", "nye"),
    ("Jeg har som mål å starte å trene", "starte å"), ("Start to exercise", "Start to"),
])
def test_s003_catches_the_vague_titles_the_tuning_data_showed_it_missed(lint_result: Any, title: str,
                                                                       word: str) -> None:
    """Vague by their sources' verdict, in tests/corpus/statements.yaml, and missed before tuning."""
    result = lint_result(f"version: 1\ngoals:\n  - id: a\n    title: {title}\n", select="S003")
    assert [(d.code, d.line, d.column, d.message) for d in result.diagnostics] == [
        ("S003", 4, 12, f"title says '{word}' but the goal has no numeric target to say how much")]


@pytest.mark.parametrize("title", [
    "Reach 400 inbound leads per month", "Øke antall leads fra 250 til 400 innen Q4",
    "Launch the new pricing page", "Lansere ny nettbutikk", "Hire two support engineers",
    "Starte nettbutikk for sykler", "Lansere nye nettsider", "Take the improv class every Monday night",
    "Start the new onboarding programme",
])
def test_s003_leaves_concrete_titles_alone(lint: Any, title: str) -> None:
    text = f"version: 1\ngoals:\n  - id: a\n    title: {title}\n"
    assert lint(text, select="S003") == []


def test_s003_extra_direction_words_option(lint: Any) -> None:
    text = "version: 1\ngoals:\n  - id: a\n    title: Supercharge onboarding\n"
    assert lint(text, select="S003") == []
    assert lint(text, select="S003", options={"extra_direction_words": ["supercharge"]}) == [("S003", 4, 12)]


HOLDOUT2 = Path(__file__).parent / "corpus" / "holdout2.yaml"


def _s003_precision_recall(path: Path, lang: str) -> tuple[float, float]:
    from goallint.text.vague import vagueness

    tp = fp = fn = 0
    for item in yaml.safe_load(path.read_text(encoding="utf-8")):
        if item["lang"] != lang:
            continue
        flagged, vague = vagueness(item["text"]) is not None, item["label"] == "vague"
        tp, fp, fn = tp + (flagged and vague), fp + (flagged and not vague), fn + (vague and not flagged)
    return round(tp / (tp + fp), 3), round(tp / (tp + fn), 3)


def test_s003_precision_and_recall_on_the_tuning_data() -> None:
    """All of statements.yaml (split tune and holdout) is S003's tuning data now.

    The English vague titles S003 still misses carry a number ("I want to lose 20
    pounds.") or name no direction at all ("Get promoted", "Study your competitors'
    advertising materials"), which S003 by its definition does not call vague.
    """
    assert _s003_precision_recall(CORPUS, "en") == (1.0, 0.904)
    assert _s003_precision_recall(CORPUS, "nb") == (1.0, 1.0)


def test_s003_precision_and_recall_on_holdout2() -> None:
    """Measured once, on the fresh held-out set, after the tuning above was committed.

    English 32 of 35 flagged titles are vague and 32 of 40 vague titles are flagged;
    Norwegian 12 of 13 and 12 of 13. The values asserted are the ones measured; a change
    that lowers them is a regression, and one that raises them should say what it did to
    the tuning data too, since holdout2 has now been looked at.
    """
    assert _s003_precision_recall(HOLDOUT2, "en") == (0.914, 0.8)
    assert _s003_precision_recall(HOLDOUT2, "nb") == (0.923, 0.923)


def test_check_of_the_example_file_does_not_import_the_stemmer() -> None:
    root = Path(__file__).parent.parent
    code = ("import sys\nfrom goallint.cli import main\n"
            "main(['check', 'goals.example.yaml', '--today', '2026-10-15', '-q'])\n"
            "print('snowballstemmer' in sys.modules, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stderr.strip() == "False"
