"""The loader: YAML 1.2 typing, true positions, and bounded, plain-data-only parsing."""

from __future__ import annotations

import time

import pytest

from goallint import loader
from goallint.diagnostics import Span


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("NO", "NO"), ("yes", "yes"), ("off", "off"), ("On", "On"), ("y", "y"),
        ("true", True), ("False", False), ("TRUE", True),
        ("~", None), ("null", None), ("", None),
        ("0", 0), ("42", 42), ("-7", -7), ("0123", "0123"), ("0o17", 15), ("0x1F", 31),
        ("1:30", "1:30"), ("1_000", "1_000"),
        ("1e3", 1000.0), ("2.5", 2.5), (".5", 0.5), ("-1.5e-2", -0.015), ("00.5", "00.5"),
        (".nan", ".nan"), (".inf", ".inf"), ("-.inf", "-.inf"), ("1e999", "1e999"),
        ("2026-03-31", "2026-03-31"), ("2026-02-30", "2026-02-30"), ("2001-12-14t21:59:43.10-05:00",
                                                                     "2001-12-14t21:59:43.10-05:00"),
        ("'42'", "42"), ('"true"', "true"), ("!!str 42", "42"), ("!!int 42", 42), ("!!float 1", 1.0),
        ("!!bool true", True), ("!!null ~", None), ("! 42", "42"),
    ],
)
def test_scalars_follow_yaml_1_2(source, expected):
    document = loader.parse(f"key: {source}\n")
    assert document.problems == []
    value = document.data["key"]
    assert value == expected and type(value) is type(expected)


def test_long_digit_strings_stay_strings():
    digits = "9" * 5000
    assert loader.parse(f"a: {digits}\n").data["a"] == digits


def test_keys_keep_their_source_text():
    document = loader.parse("1: a\ntrue: b\n~: c\n")
    assert document.data == {"1": "a", "true": "b", "~": "c"}


def test_positions_of_keys_and_values():
    text = "version: 1\ngoals:\n  - id: leads\n    title: 'Reach 400'\n    metric: {target: 400}\n"
    document = loader.parse(text)
    smap = document.source_map
    assert smap.value(("goals", 0, "id")) == Span(3, 9, 3, 14)
    assert smap.key(("goals", 0, "title")) == Span(4, 5, 4, 10)
    assert smap.value(("goals", 0, "title")) == Span(4, 12, 4, 23)
    assert smap.value(("goals", 0, "metric", "target")) == Span(5, 22, 5, 25)
    assert smap.value(("goals", 0)) == Span(3, 5, 5, 26)
    assert smap.value(("goals", 0, "metric", "missing", 3)) == Span(5, 13, 5, 26)


def test_columns_count_characters_not_bytes():
    document = loader.parse("a: æøå\nb: [ø, x]\n")
    assert document.source_map.value(("b", 1)) == Span(2, 8, 2, 9)


def test_duplicate_keys_reported_later_value_kept():
    document = loader.parse("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert document.data == {"a": 3, "b": {"c": 2}}
    assert [(p.code, p.span.line, p.span.column, p.message) for p in document.problems] == [
        ("E003", 4, 3, "duplicate key 'c' (first defined at line 3); the later value is used"),
        ("E003", 5, 1, "duplicate key 'a' (first defined at line 1); the later value is used"),
    ]


def test_positions_follow_the_value_kept_for_a_duplicate_key():
    document = loader.parse("a: 1\nb: 2\na: [x, y]\nc: 4\n")
    smap = document.source_map
    assert list(document.data) == ["a", "b", "c"]
    assert smap.value(("a", 1)) == Span(3, 8, 3, 9)
    assert smap.key(("a",)) == Span(3, 1, 3, 2)
    assert smap.value(("b",)) == Span(2, 4, 2, 5)
    assert smap.value(("c",)) == Span(4, 4, 4, 5)


def test_equal_short_scalars_share_one_object_and_keep_their_type():
    document = loader.parse("- [2026-12-31, '42', 42, kari@example.com]\n- [2026-12-31, 42, '42', kari@example.com]\n")
    first, second = document.data
    assert first == ["2026-12-31", "42", 42, "kari@example.com"]
    assert second == ["2026-12-31", 42, "42", "kari@example.com"]
    assert first[0] is second[0] and first[3] is second[3]
    assert first[1] is second[2] and first[2] is second[1]


def test_large_mappings_are_looked_up_by_index():
    count = 50_000  # a scan per lookup would make one finding per key quadratic
    document = loader.parse("".join(f"k{n}: {n}\n" for n in range(count)))
    smap = document.source_map
    spans = [smap.value((f"k{n}",)) for n in range(count)]
    assert spans[0] == Span(1, 5, 1, 6) and spans[-1] == Span(count, 9, count, 14)
    assert list(smap._indexes) == [id(document.data)]  # one index, built once, for the one large mapping
    assert smap.key(("k17",)) == Span(18, 1, 18, 4)
    assert smap.key_span(("absent",)) is None


def test_many_repeated_keys_keep_positions_in_step_with_the_data():
    lines = [f"k{n}: {n}" for n in range(30)] + ["k3: again", "k40: new", "k3: third", "k40: twice"]
    document = loader.parse("\n".join(lines) + "\n")
    assert list(document.data)[-1] == "k40" and document.data["k3"] == "third" and document.data["k40"] == "twice"
    assert [(p.span.line, p.message) for p in document.problems] == [
        (31, "duplicate key 'k3' (first defined at line 4); the later value is used"),
        (33, "duplicate key 'k3' (first defined at line 4); the later value is used"),
        (34, "duplicate key 'k40' (first defined at line 32); the later value is used"),
    ]
    smap = document.source_map
    assert smap.value(("k3",)) == Span(33, 5, 33, 10)
    assert smap.value(("k40",)) == Span(34, 6, 34, 11)
    assert smap.value(("k29",)) == Span(30, 6, 30, 8)


def test_aliases_reuse_data_and_are_positioned_at_the_alias():
    document = loader.parse("base: &b {team: x}\ncopy: *b\n")
    assert document.problems == []
    assert document.data["copy"] == {"team": "x"}
    assert document.source_map.value(("copy", "team")) == Span(2, 7, 2, 9)


def test_alias_bomb_fails_fast():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    document = loader.parse("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1.0
    assert document.data is None
    [problem] = document.problems
    assert problem.code == "E006" and "alias" in problem.message


@pytest.mark.parametrize(
    ("text", "code", "position", "fragment"),
    [
        ("a: &x [*x]\n", "E006", (1, 8), "recursive alias"),
        ("a: *nowhere\n", "E001", (1, 4), "not defined"),
        ("a: !!python/object/apply:os.system [ls]\n", "E006", (1, 4),
         "unsupported tag !!python/object/apply:os.system"),
        ("a: !!python/name:os.system ''\n", "E006", (1, 4), "unsupported tag !!python/name:os.system"),
        ("a: !!binary aGk=\n", "E006", (1, 4), "unsupported tag !!binary"),
        ("a: !!set {x}\n", "E006", (1, 4), "unsupported tag !!set"),
        ("a: !!omap [x: 1]\n", "E006", (1, 4), "unsupported tag !!omap"),
        ("a: !!timestamp nope\n", "E006", (1, 4), "unsupported tag !!timestamp"),
        ("a: !!float ''\n", "E001", (1, 4), "not a valid !!float"),
        ("a: !!int abc\n", "E001", (1, 4), "not a valid !!int"),
        ("a: !!bool maybe\n", "E001", (1, 4), "not a valid !!bool"),
        ("a: !custom x\n", "E006", (1, 4), "unsupported tag !custom"),
        ("? [a, b]\n: c\n", "E006", (1, 3), "mapping keys must be plain scalars"),
        ("a: 1\n---\nb: 2\n", "E006", (2, 1), "one YAML document"),
        ("a: \x07\n", "E001", (1, 4), "U+0007"),
        ("a: \x00\n", "E001", (1, 4), "U+0000"),
        ("a: 1\n<<: *x\n", "E001", (2, 5), "not defined"),
        ("%YAML 2.0\n---\na: 1\n", "E001", (1, 1), "incompatible YAML document"),
        ('a: "\\ud800"\n', "E001", (1, 7), "invalid Unicode character escape"),
    ],
)
def test_unusable_input_is_one_positioned_problem(text, code, position, fragment):
    document = loader.parse(text)
    assert document.data is None
    [problem] = document.problems
    assert (problem.code, problem.span.line, problem.span.column) == (code, *position)
    assert fragment in problem.message


def test_nesting_depth_is_bounded_without_recursion():
    [problem] = loader.parse("a: " + "[" * 5000 + "]" * 5000 + "\n").problems
    assert problem.code in ("E001", "E006") and "nesting" in problem.message
    deep_blocks = "".join("  " * level + "a:\n" for level in range(100)) + "  " * 100 + "x\n"
    [problem] = loader.parse(deep_blocks).problems
    assert (problem.code, problem.span.line, problem.message) == ("E006", 65, "nesting deeper than 64 levels")
    assert loader.parse("a: " + "[" * 60 + "]" * 60 + "\n").problems == []


def test_encodings():
    assert loader.load_file_bytes("\ufeffa: ø\n".encode()).data == {"a": "ø"}
    assert loader.load_file_bytes("a: ø\n".encode("utf-16")).data == {"a": "ø"}
    document = loader.load_file_bytes(b"a: 1\nb: caf\xe9\n")
    [problem] = document.problems
    assert (problem.span.line, problem.span.column) == (2, 7)
    assert problem.message == "the file is not valid UTF-8: byte 0xe9 cannot be decoded"


def test_size_cap_reports_without_parsing():
    document = loader.load_file_bytes(b"a: [" * 100, max_bytes=100)
    [problem] = document.problems
    assert problem.code == "E006"
    assert problem.message == "the file is 400 bytes, over the 100-byte limit; it was not parsed"


def test_empty_and_comment_only_give_no_data():
    assert loader.parse("").data is None and loader.parse("").problems == []
    assert loader.parse("# just a comment\n").data is None


def test_reader_errors_count_characters_after_wide_ones():
    """libyaml reports reader errors in bytes; goallint turns them into characters."""
    [problem] = loader.parse("a: \U00010000\x1f\n").problems
    assert (problem.code, problem.span.line, problem.span.column) == ("E001", 1, 5)
    assert problem.message == "character U+001F is not allowed in YAML (control characters are not allowed)"


def test_decode_errors_count_lines_as_yaml_does():
    """Found by fuzzing: a carriage return alone ends a line, as it does in libyaml's marks."""
    [problem] = loader.load_file_bytes(b"\x00" * 7 + b"\rHpl\x90`").problems
    assert (problem.span.line, problem.span.column) == (2, 4)
    [problem] = loader.load_file_bytes(b"a: 1\r\nb: \x90\n").problems
    assert (problem.span.line, problem.span.column) == (2, 4)


def test_decode_errors_in_a_declared_encoding_point_inside_what_was_decoded():
    """Found by fuzzing: a UTF-16 byte-order mark over bytes that are not UTF-16."""
    document = loader.load_file_bytes(b"\xfe\xff" + b"# yaml\n" * 3)
    [problem] = document.problems
    assert problem.message == "the file is not valid UTF-16-BE: byte 0x0a cannot be decoded"
    assert (problem.span.line, problem.span.column, len(document.text)) == (1, 11, 10)
