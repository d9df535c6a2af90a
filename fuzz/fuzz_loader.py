"""Coverage-guided fuzzing with atheris: the loader, the schema check, directives and config.

Each input is read three ways: as a goal file (loader and schema check), for its
suppression directives, and as a `.goallint.yaml` config (with any declarative rules it
defines). A config that names plugins or `extends` is skipped: those read other files and
import code, which a trusted config may do.

    pip install atheris
    python fuzz/fuzz_loader.py -max_total_time=300 fuzz/corpus

Any exception (but ConfigError for a config), or a position outside the input, is a
crash: atheris stops and writes the input to crash-*; add it to the regression tests in
tests/test_loader.py, tests/test_suppressions.py or tests/test_reliability.py.
The seed corpus is the project's own example goal files (copied into fuzz/corpus on the
first run when that folder is empty).
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import yaml  # noqa: F401  (instrument the parser's Python side too)

    from goallint import loader, schema
    from goallint.catalog import builtin_catalog
    from goallint.config import ConfigError, load_settings
    from goallint.suppressions import parse_directives

_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


_CONFIG_FOLDER = Path(tempfile.mkdtemp(prefix="goallint-fuzz-"))
_CODES = list(builtin_catalog())


def check_one(data: bytes) -> None:
    document = check_goal_file(data)
    check_directives(document.text)
    check_config(data)


def check_directives(text: str) -> None:
    lines = text.splitlines()
    directives, problems = parse_directives(text, _CODES)
    for problem in problems:
        span = problem.span
        if not (1 <= span.line <= len(lines) and 1 <= span.column <= len(lines[span.line - 1])):
            raise AssertionError(f"directive position outside the input: {problem}")
    for directive in directives:
        if not (1 <= directive.line <= len(lines) and directive.codes):
            raise AssertionError(f"directive outside the input or without codes: {directive}")


def check_config(data: bytes) -> None:
    if b"plugins" in data or b"extends" in data:
        return
    path = _CONFIG_FOLDER / ".goallint.yaml"
    path.write_bytes(data)
    try:
        load_settings(str(path), cwd=_CONFIG_FOLDER)
    except ConfigError as exc:
        if "\n" in str(exc):
            raise AssertionError(f"a config error of more than one line: {exc!r}") from None


def check_goal_file(data: bytes) -> loader.Document:
    document = loader.load_file_bytes(data)
    lines = _BREAKS.split(document.text)  # what was decoded (before the error, if any)
    widest = max(len(line) for line in lines) + 2
    for problem in document.problems:
        span = problem.span
        if not (1 <= span.line <= len(lines) + 1 and 1 <= span.column <= widest):
            raise AssertionError(f"position outside the input: {problem}")
    if document.data is not None:
        for problem in schema.validate(document.data, document.source_map):
            if not 1 <= problem.span.line <= len(lines) + 1:
                raise AssertionError(f"schema position outside the input: {problem.span}")
        for path in _paths(document.data):  # the position tree must stay in step with the data
            for span in (document.source_map.value(path), document.source_map.key(path)):
                if not (1 <= span.line <= span.end_line <= len(lines) + 1 and 1 <= span.column <= widest):
                    raise AssertionError(f"position of {path} outside the input: {span}")
    return document


def _paths(data: object, limit: int = 2000) -> list[tuple[str | int, ...]]:
    """Paths to the first ``limit`` values, breadth first (aliases can make the data large)."""
    found: list[tuple[str | int, ...]] = []
    queue: list[tuple[tuple[str | int, ...], object]] = [((), data)]
    while queue and len(found) < limit:
        path, value = queue.pop(0)
        found.append(path)
        if isinstance(value, dict):
            queue += [((*path, key), item) for key, item in value.items()]
        elif isinstance(value, list):
            queue += [((*path, index), item) for index, item in enumerate(value)]
    return found


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    args = sys.argv[1:]
    corpus = next((Path(a) for a in args if not a.startswith("-")), None)
    if corpus is not None and (not corpus.exists() or not any(corpus.iterdir())):
        corpus.mkdir(parents=True, exist_ok=True)
        seeds = [root / "goals.example.yaml", *sorted((root / "examples").glob("*.yaml")),
                 *sorted((root / "examples").glob(".goallint*.yaml")), *sorted((root / "fuzz" / "seeds").glob("*"))]
        for seed in seeds:
            shutil.copy(seed, corpus / seed.name)
    atheris.Setup([sys.argv[0], *args], check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
