"""What a one-file ``goallint check`` imports: the start-up stays free of what it does not use.

Start-up time is measured by benchmarks, never here; these tests hold the imports that the
measured savings came from. Each check runs in a fresh interpreter, since this test
process has long imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ONE_GOAL = "version: 1\ngoals:\n  - {id: a, title: Reach 400 leads, owner: kari@example.com}\n"

# Modules a plain one-goal check must not import, each with what it would cost or why it
# is not needed. (click itself imports difflib for a short flag such as -q, looking for a
# long option of that name first; the checks below spell the long ones.)
NOT_ON_THE_PATH = {
    "dataclasses": "creating a dataclass costs about half a millisecond; the start-up path has plain classes",
    "difflib": "only for a 'did you mean' suggestion",
    "calendar": "month lengths come from goallint.dates.days_in_month",
    "string": "only to translate a message with numbers (goallint.numbered)",
    "statistics": "only where a median is taken",
    "hashlib": "only for formats that print fingerprints",
    "tempfile": "only to write an output file atomically",
    "subprocess": "only to ask git, when a folder is searched",
    "importlib.metadata": "plugins are looked for in entry_points.txt first",
    "tomllib": "only when a pyproject.toml is found",
    "jinja2": "the report's templates",
    "babel": "the report's number and date formats",
    "markupsafe": "the report's escaping",
    "jsonschema": "configs are checked with goallint.validator",
    "snowballstemmer": "only when a title's word has to be stemmed",
    "regex": "the statement parser's patterns",
    "goallint.report.model": "the report",
    "goallint.report.render": "the report",
    "goallint.numbered": "translated messages",
    "goallint.fixing": "--fix and --diff",
    "goallint.baseline": "--baseline",
    "goallint.atomic": "--output-format FORMAT=PATH",
    "goallint.formats.json": "another format than the one asked for",
    "goallint.formats.sarif": "another format than the one asked for",
    "goallint.history.run": "--history-since",
    "goallint.text.sentence": "the statement parser",
}


def _imported_by_check(folder: Path, *args: str) -> tuple[int, str, list[str]]:
    """Run ``goallint check ARGS`` in a fresh interpreter in ``folder``: exit code, output, modules."""
    program = (
        "import io, json, sys\n"
        "from goallint.cli import main\n"
        "out, sys.stdout = sys.stdout, io.StringIO()\n"
        f"code = main({['check', '--today', '2026-10-15', *args]!r})\n"
        "text, sys.stdout = sys.stdout.getvalue(), out\n"
        "print(json.dumps([code, text, sorted(sys.modules)]))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], cwd=folder, capture_output=True, text=True, check=True)
    code, text, modules = json.loads(done.stdout)
    return code, text, modules


def test_a_one_goal_check_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(ONE_GOAL, encoding="utf-8")
    code, text, modules = _imported_by_check(tmp_path, "--quiet", "one.yaml")
    assert code == 1  # M001 and T001 are errors: the check ran every rule on the goal
    assert [line.split(" ")[1] for line in text.splitlines() if line.startswith("one.yaml:")] == [
        "M001", "R001", "S004", "S005", "S006", "T001", "T006"]
    assert {name: why for name, why in NOT_ON_THE_PATH.items() if name in modules} == {}


def test_concise_output_imports_no_other_format(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(ONE_GOAL, encoding="utf-8")
    code, text, modules = _imported_by_check(tmp_path, "--format", "concise", "--exit-zero", "one.yaml")
    assert code == 0
    assert text.count("one.yaml:3:6: ") == 7
    # concise builds on the text format's helpers; every other format stays out
    assert sorted(m for m in modules if m.startswith("goallint.formats.")) == [
        "goallint.formats.concise", "goallint.formats.text"]
    assert {name for name in NOT_ON_THE_PATH if name in modules} == set()


def test_a_vague_title_is_found_without_the_rest_of_the_list(tmp_path: Path) -> None:
    """S003 reads its phrase patterns, compiled on first use; nothing else joins the start-up."""
    (tmp_path / "one.yaml").write_text(
        "version: 1\ngoals:\n"
        "  - {id: a, title: Significantly more leads as soon as possible, owner: kari@example.com}\n",
        encoding="utf-8")
    code, text, modules = _imported_by_check(tmp_path, "--exit-zero", "--quiet", "one.yaml")
    assert code == 0
    assert "S003 [warning] title uses the vague term 'Significantly'" in text
    assert sorted(name for name in NOT_ON_THE_PATH if name in modules and name != "snowballstemmer") == []


def test_the_plugin_api_values_stay_read_only_equal_by_value_and_picklable() -> None:
    """CheckContext and MetricSettings are plain classes now; plugins see the same behaviour."""
    import copy
    import datetime as dt
    import pickle

    import pytest

    from goallint.model import Project
    from goallint.plugin import CheckContext, MetricSettings

    metrics = MetricSettings(pace_tolerance_percent=5.0)
    assert metrics == MetricSettings(5.0) and metrics != MetricSettings()
    assert hash(metrics) == hash(MetricSettings(5.0))
    assert pickle.loads(pickle.dumps(metrics)) == metrics and copy.deepcopy(metrics) == metrics
    assert repr(metrics) == "MetricSettings(pace_tolerance_percent=5.0)"
    assert metrics.replaced(pace_tolerance_percent=7.5).pace_tolerance_percent == 7.5
    project = Project(dt.date(2026, 10, 15))
    ctx = CheckContext(project=project, today=project.today, options={"max": 3})
    assert ctx.metrics == MetricSettings() and ctx.options == {"max": 3}
    assert ctx == CheckContext(project, project.today, {"max": 3}, MetricSettings())
    with pytest.raises(AttributeError, match="cannot assign to field 'today'"):
        ctx.today = dt.date(2027, 1, 1)
    with pytest.raises(AttributeError):
        metrics.pace_tolerance_percent = 1.0
