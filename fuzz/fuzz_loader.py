"""Coverage-guided fuzzing of the loader (and the schema check behind it) with atheris.

    pip install atheris
    python fuzz/fuzz_loader.py -max_total_time=300 fuzz/corpus

Any exception, or a position outside the input, is a crash: atheris stops and writes
the input to crash-*; add it to the regression tests in tests/test_loader.py.
The seed corpus is the project's own example goal files (copied into fuzz/corpus on the
first run when that folder is empty).
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import yaml  # noqa: F401  (instrument the parser's Python side too)

    from goallint import loader, schema

_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def check_one(data: bytes) -> None:
    document = loader.load_file_bytes(data)
    lines = _BREAKS.split(document.text)  # what was decoded (before the error, if any)
    widest = max(len(line) for line in lines) + 2
    for problem in document.problems:
        span = problem.span
        if not (1 <= span.line <= len(lines) + 1 and 1 <= span.column <= widest):
            raise AssertionError(f"position outside the input: {problem}")
    if document.data is not None:
        for _path, span, _message in schema.validate(document.data, document.source_map):
            if not 1 <= span.line <= len(lines) + 1:
                raise AssertionError(f"schema position outside the input: {span}")
        for path in _paths(document.data):  # the position tree must stay in step with the data
            for span in (document.source_map.value(path), document.source_map.key(path)):
                if not (1 <= span.line <= span.end_line <= len(lines) + 1 and 1 <= span.column <= widest):
                    raise AssertionError(f"position of {path} outside the input: {span}")


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
        for seed in [root / "goals.example.yaml", *sorted((root / "examples").glob("*.yaml"))]:
            shutil.copy(seed, corpus / seed.name)
    atheris.Setup([sys.argv[0], *args], check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
