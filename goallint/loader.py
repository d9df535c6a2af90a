"""The only module that knows YAML.

It turns the bytes of a goal file (or a config file) into plain data (dict, list, str,
int, float, bool, None) plus a ``SourceMap`` that answers "where is this key, where is
this value?" for any path into that data.

Why not ``yaml.safe_load``:

* it types scalars by YAML 1.1 (``NO`` becomes False, ``0123`` becomes 83, ``1:30``
  becomes 90, dates become ``datetime.date``) and forgets every position;
* it silently keeps the last of two equal keys;
* it expands aliases when the data is walked, so a few hundred bytes can expand into
  billions of nodes, and it recurses once per nesting level.

Here data is built from libyaml's event stream with an explicit stack (no recursion),
scalars are typed by the YAML 1.2 core schema with goallint's stricter reading (leading
zeros, ``.inf`` and ``.nan`` stay strings), keys are kept as their source text,
repeated keys are reported, aliases are counted against a budget, and nesting depth and
file size are bounded before anything is built.
"""

from __future__ import annotations

import re
from array import array
from sys import intern
from typing import TYPE_CHECKING, Any

import yaml

from .diagnostics import Span
from .messages import msg

if TYPE_CHECKING:
    from .fixes import Fix

try:  # libyaml when present; the pure-Python parser gives the same events, slower.
    from yaml import CSafeLoader as _Parser

    _LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

    _LIBYAML = False

KeyPath = tuple[str | int, ...]  # a key path into the data, e.g. ("goals", 3, "title")

MAX_DEPTH = 64
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
# Aliases may re-use data, but the data as walked may not grow past this many nodes
# beyond twice what the file spells out: enough for any honest re-use, and a hard stop
# for "billion laughs" style alias bombs.
ALIAS_BUDGET_SLACK = 10_000

_CORE = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_MAX_INT_DIGITS = 4000  # below Python's int/str conversion limit
# Characters that change how text is displayed without being seen: bidirectional
# embeddings, overrides and isolates, and zero-width spaces. Zero-width joiners are
# left alone: emoji sequences need them.
_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]")
_HIDDEN_NAMES = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202b": "RIGHT-TO-LEFT EMBEDDING", "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE", "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u200b": "ZERO WIDTH SPACE", "\u2060": "WORD JOINER", "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
}


def _hidden(text: str, span: Span, problems: list[LoadProblem]) -> None:
    found = _HIDDEN.search(text)
    if found:
        char = found.group(0)
        problems.append(LoadProblem(
            "E007", span, msg("text contains U+{code:04X} {name}, which changes what a reader sees without being "
                              "visible", code=ord(char), name=_HIDDEN_NAMES[char]),
            _hidden_help(text, char), _hidden_fix(text, span)))


def _hidden_fix(text: str, span: Span) -> Fix | None:
    """The scalar written again without its hidden characters, when it stands on one line.

    Unsafe: what goallint reads changes (it is what the reviewer saw), so a person applies it.
    """
    if span.line != span.end_line:
        return None
    import json

    from .fixes import Applicability, Edit, Fix

    cleaned = json.dumps(_HIDDEN.sub("", text), ensure_ascii=False)
    return Fix("delete the hidden characters", (Edit(span, cleaned),), Applicability.UNSAFE)


def _hidden_help(text: str, char: str) -> str:
    cleaned = _HIDDEN.sub("", text)
    if len(cleaned) <= 60:
        return f"delete the U+{ord(char):04X} character, so that the text reads '{cleaned}'"
    return f"delete the U+{ord(char):04X} character; retype the text if you cannot see where it is"


class LoadProblem:
    """A problem found while reading the file: E001, E003, E006 or E007."""

    __slots__ = ("code", "fix", "help", "message", "span")

    def __init__(self, code: str, span: Span, message: str, help: str | None = None,
                 fix: Fix | None = None) -> None:
        self.code = code
        self.span = span
        self.message = message
        self.help = help
        self.fix = fix

    def __repr__(self) -> str:
        return f"LoadProblem({self.code!r}, {self.span!r}, {self.message!r})"


# Positions are kept as plain unsigned ints in arrays, four a span (line, column, end
# line, end column, all 1-based): 16 bytes a span, where an int object per span took 40
# and a tuple per collection more. Lines and columns of a file under 256 MiB fit; larger
# files are refused before parsing (see ``load_file_bytes``).
MAX_POSITIONED_BYTES = 1 << 28
_SPANS = "I"  # the arrays' type code: unsigned int, at least 32 bits

# A node of the position tree holds one collection's positions: its ``spans``, or
# ``(spans, kids)`` when some of its values are collections. ``spans`` starts with the
# collection's own span; a mapping's goes on with each key's span and its value's, a
# sequence's with each item's, in the order of the data. ``kids`` holds the node of each
# value that is a collection (None for a scalar or an alias, whose span is in ``spans``).
# The tree mirrors the data, so it stores no keys and no paths, and the data is needed to
# read it.
Node = Any
_Position = tuple[int, int, int, int]


def _parts(node: Node) -> tuple[array[int], tuple[Node, ...] | None]:
    """A node's spans and its kids (None when no value is a collection)."""
    return (node, None) if type(node) is array else node


def _kids(nodes: list[Node]) -> tuple[Node, ...] | None:
    return tuple(nodes) if any(node is not None for node in nodes) else None


def _at(spans: array[int], offset: int) -> Span:
    return Span(spans[offset], spans[offset + 1], spans[offset + 2], spans[offset + 3])


_SHARED_LENGTH = 40  # scalars up to this long are shared between equal occurrences
_MISSING = object()
_SCAN = 16  # mappings up to this many keys are searched in place; larger ones get an index


class SourceMap:
    """Positions of every value and every mapping key, as a tree parallel to the data."""

    __slots__ = ("_indexes", "data", "root")

    def __init__(self, root: Node = None, data: Any = None) -> None:
        self.root = root
        self.data = data
        self._indexes: dict[int, dict[str, int]] = {}

    def _slot(self, mapping: dict[str, Any], key: str) -> int:
        """Where ``key`` stands among the mapping's keys, or -1."""
        if len(mapping) <= _SCAN:
            for index, name in enumerate(mapping):
                if name == key:
                    return index
            return -1
        index_of = self._indexes.get(id(mapping))
        if index_of is None:  # a large (perhaps hostile) mapping: never scan it once per lookup
            index_of = self._indexes[id(mapping)] = {name: index for index, name in enumerate(mapping)}
        return index_of.get(key, -1)

    def _walk(self, path: KeyPath) -> tuple[array[int], int, array[int] | None, int, Node, int]:
        """Where the deepest value along ``path`` stands: its spans and offset in them, the
        key's (None when it was not reached through a key), its node (None for a scalar)
        and how far along the path it is."""
        node, data, depth = self.root, self.data, 0
        spans, kids = _parts(node)
        at, key_spans, key_at = 0, None, 0
        for part in path:
            if node is None:
                break
            if isinstance(data, dict):
                slot = self._slot(data, part) if isinstance(part, str) else -1
                if slot < 0:
                    break
                key_spans, key_at, at, data = spans, 4 + 8 * slot, 8 + 8 * slot, data[part]
            elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
                slot, key_spans, at, data = part, None, 4 + 4 * part, data[part]
            else:
                break
            depth += 1
            node = kids[slot] if kids is not None else None
            if node is not None:
                spans, kids = _parts(node)
                at = 0
        return spans, at, key_spans, key_at, node, depth

    def value(self, path: KeyPath) -> Span:
        """Span of the value at ``path``, or of its nearest ancestor that has one.

        Values reached through an alias have no positions of their own below the alias;
        they are reported at the alias.
        """
        if self.root is None:
            return Span(1, 1, 1, 1)
        spans, at = self._walk(path)[:2]
        return _at(spans, at)

    def key_span(self, path: KeyPath) -> Span | None:
        """Span of the key that names ``path``, when the path leads to a mapping key."""
        if self.root is None:
            return None
        _spans, _at_value, key_spans, key_at, _node, depth = self._walk(path)
        return _at(key_spans, key_at) if key_spans is not None and depth == len(path) else None

    def first_key_span(self, path: KeyPath) -> Span | None:
        """Span of the first key of the mapping at ``path`` (where a goal starts), when it has positions."""
        if self.root is None:
            return None
        spans, _at_value, _key_spans, _key_at, node, depth = self._walk(path)
        if depth == len(path) and node is not None and len(spans) > 4:
            return _at(spans, 4)
        return None

    def key(self, path: KeyPath) -> Span:
        """Span of the key that names ``path`` (falls back to the value)."""
        span = self.key_span(path)
        return span if span is not None else self.value(path)

    def pruned(self, data: Any) -> SourceMap:
        """The map of a cut-down copy of this map's data.

        ``data`` may drop keys from mappings and replace sequence items by None; any
        value it shares with the original (the same object) keeps its positions whole.
        """
        return SourceMap(_prune(data, self.data, self.root), data)


def _prune(new: Any, old: Any, node: Node) -> Node:
    if new is old or node is None:
        return node
    spans, kids = _parts(node)
    if isinstance(new, dict) and isinstance(old, dict):
        slots = {key: index for index, key in enumerate(old)}
        kept = spans[:4]
        kept_kids = []
        for key, value in new.items():
            slot = slots[key]
            kept += spans[4 + 8 * slot:12 + 8 * slot]
            kept_kids.append(_prune(value, old[key], kids[slot]) if kids is not None else None)
        kept_kids_or_none = _kids(kept_kids)
        return kept if kept_kids_or_none is None else (kept, kept_kids_or_none)
    if isinstance(new, list) and isinstance(old, list) and len(new) == len(old):
        if kids is None:
            return node
        pruned = _kids([_prune(item, was, child) for item, was, child in zip(new, old, kids, strict=True)])
        return spans if pruned is None else (spans, pruned)
    return node


class Document:
    """What the loader gives back: data is None when the file is not usable."""

    __slots__ = ("data", "problems", "source_map", "text")

    def __init__(self, data: Any, source_map: SourceMap, problems: list[LoadProblem], text: str) -> None:
        self.data = data
        self.source_map = source_map
        self.problems = problems
        self.text = text


class _Stop(Exception):
    """Stop building: E001 for input that is not valid YAML, E006 for valid YAML goal files refuse."""

    def __init__(self, span: Span, message: str, code: str = "E006", help: str | None = None) -> None:
        self.span = span
        self.message = message
        self.code = code
        self.help = help


def _span(start: Any, end: Any) -> Span:  # marks are typed loosely by the stubs
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


# Line breaks as libyaml counts them in its marks: CR LF, LF, CR, NEL, LS and PS.
_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _position_of_index(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, counting lines as libyaml does."""
    line, line_start = 1, 0
    for found in _BREAKS.finditer(text, 0, index):
        line, line_start = line + 1, found.end()
    return line, index - line_start + 1


def decode(raw: bytes) -> tuple[str, LoadProblem | None]:
    """Decode a file's bytes: UTF-8 (BOM allowed), or UTF-16/32 when a BOM says so.

    On a decoding error the text is what could be decoded before it, and the problem
    points just after that text.
    """
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if raw.startswith(bom):
            raw, encoding = raw[len(bom):], codec
            break
    else:
        encoding = "utf-8"
    try:
        return raw.decode(encoding), None
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode(encoding, errors="replace")  # the part before is valid
        line, column = _position_of_index(good, len(good))
        byte = raw[exc.start : exc.start + 1].hex()
        message = msg("the file is not valid {encoding}: byte 0x{byte} cannot be decoded", encoding=encoding.upper(),
                      byte=byte)
        return good, LoadProblem("E001", Span.point(line, column), message,
                                 "save the file as UTF-8 (the editor's encoding setting)")


def _plain_scalar(value: str) -> Any:
    """Type an untagged plain scalar by the YAML 1.2 core schema, read strictly."""
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if len(value) > _MAX_INT_DIGITS or not value or value[-1] not in "0123456789.abcdefABCDEF":
        return value
    if _INT.match(value):
        return int(value)
    if _INT_OCT.match(value):
        return int(value[2:], 8)
    if _INT_HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        number = float(value)
        return number if number not in (float("inf"), float("-inf")) else value
    return value


def _tagged_scalar(tag: str, value: str, span: Span) -> Any:
    """Honour the core schema's explicit scalar tags; anything else is refused."""
    kind = tag[len(_CORE):] if tag.startswith(_CORE) else None
    if tag == "!" or kind == "str":
        return value
    if kind == "null":
        if value in _NULLS:
            return None
    elif kind == "bool":
        if value in _TRUE or value in _FALSE:
            return value in _TRUE
    elif kind == "int":
        typed = _plain_scalar(value)
        if isinstance(typed, int) and not isinstance(typed, bool):
            return typed
    elif kind == "float":
        typed = _plain_scalar(value)
        if isinstance(typed, (int, float)) and not isinstance(typed, bool):
            return float(typed)
    else:
        raise _Stop(span, msg("unsupported tag {tag}: goal files hold plain data only", tag=_short_tag(tag)),
                    help=f"remove {_short_tag(tag)} and write the value as plain text")
    raise _Stop(span, msg("{value} is not a valid {tag} value", value=repr(value), tag=_short_tag(tag)), "E001",
                f"remove {_short_tag(tag)}, or write a value of that type")


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


_NO_SPAN = (0, 0, 0, 0)


class _Frame:
    __slots__ = (
        "anchor",
        "container",
        "end_column",
        "end_line",
        "flow",
        "is_map",
        "key",
        "key_span",
        "kids",
        "slots",
        "spans",
        "start",
        "weight",
    )

    def __init__(self, container: Any, start: Any, anchor: str | None, flow: bool) -> None:  # noqa: FBT001 - hot path, positional
        self.container = container
        self.is_map = isinstance(container, dict)
        self.spans = array(_SPANS, _NO_SPAN)  # the node being built: its own span goes first, when known
        self.kids: list[Node] | None = None  # made at the first value that is a collection
        self.key: str | None = None
        self.key_span: _Position = _NO_SPAN
        self.start = start
        self.end_line = 0  # where the last child ended; 0 while there is none
        self.end_column = 0
        self.anchor = anchor
        self.weight = 1  # nodes in this collection as walked, aliases expanded
        self.flow = flow
        self.slots: dict[str, tuple[int, int]] | None = None  # each key's place and first line, once a key repeats


def parse(text: str, max_depth: int = MAX_DEPTH, utf8: bytes | None = None) -> Document:
    """Parse YAML text into plain data and positions. Never raises for bad input.

    ``utf8``, when given, is the same text as UTF-8 bytes: libyaml then reads them in
    place instead of making its own encoded copy of the text.
    """
    smap = SourceMap()
    problems: list[LoadProblem] = []
    try:
        data = _build(text if utf8 is None else utf8, smap, problems, max_depth)
    except _Stop as stop:
        problems.append(LoadProblem(stop.code, stop.span, stop.message, stop.help))
        data = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = " ".join(part for part in (exc.context, exc.problem) if part) or str(exc)
        problems.append(LoadProblem("E001", Span.point(line, column), _parser_says(message), _syntax_help(message)))
        data = None
    except yaml.reader.ReaderError as exc:
        index = exc.position
        if _LIBYAML:  # libyaml counts bytes of the UTF-8 text, not characters
            index = len(text.encode("utf-8")[:index].decode("utf-8", errors="ignore"))
        line, column = _position_of_index(text, index)
        problems.append(LoadProblem("E001", Span.point(line, column), _reader_message(exc),
                                    "delete the character, or write it as an escape in a double-quoted string"))
        data = None
    except yaml.YAMLError as exc:  # any other parser complaint, without a mark
        problems.append(LoadProblem("E001", Span.point(1, 1), _parser_says(str(exc)), _syntax_help(str(exc))))
        data = None
    return Document(data, smap, problems, text)


def _reader_message(exc: yaml.reader.ReaderError) -> str:
    char = exc.character
    code = f"U+{char:04X}" if isinstance(char, int) else f"U+{ord(char):04X}" if isinstance(char, str) and char else "?"
    return msg("character {code} is not allowed in YAML ({reason})", code=code, reason=exc.reason)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _parser_says(text: str) -> str:
    """The YAML parser's own words, on one line: quoted as they are, under a template a catalog can frame."""
    # TRANSLATORS: the YAML parser's English description of a syntax error, quoted as it is.
    return msg("{parser}", parser=_one_line(text))


def _repeat_help(key: str, first: int, old: Any, new: Any) -> str:
    """Which of two repeated keys to keep, naming both values when they are short scalars."""
    def shown(value: Any) -> str | None:
        text = value if isinstance(value, str) else None if isinstance(value, (dict, list)) else str(value)
        return text if text is not None and len(text) <= 40 else None

    if shown(old) is None or shown(new) is None:
        return f"keep one '{key}': delete this one or the one on line {first}"
    return f"keep one '{key}': delete this one ({shown(new)}) or the one on line {first} ({shown(old)})"


def _syntax_help(message: str) -> str:
    """How to mend the commonest YAML mistakes the parser names; a pointer to the place otherwise."""
    if "quoted scalar" in message:
        return "close the quote, or write the value without quotes"
    if "mapping values are not allowed" in message:
        return ("quote the value if it holds ': ' (YAML reads a new key there), or line the key up with the keys "
                "above it")
    if "block collection" in message:
        return "line the key up with the keys above it, or start a new list item with '- '"
    if "indent" in message or "block end" in message or "block mapping" in message:
        return "line the key up with the other keys of its mapping"
    if "flow" in message:
        return "close the bracket or brace, or quote the item that holds a comma, '[' or '{'"
    return "correct the YAML at this line and column"


def _build(text: str | bytes, smap: SourceMap, problems: list[LoadProblem], max_depth: int) -> Any:
    parser = _Parser(text)
    try:
        return _build_events(parser, smap, problems, max_depth)
    finally:
        parser.dispose()


def _build_events(parser: Any, smap: SourceMap, problems: list[LoadProblem], max_depth: int) -> Any:
    """One pass over the events with an explicit stack: each kind of event has its handler."""
    builder = _Builder(smap, problems, max_depth)
    get_event = parser.get_event
    scalar_event = yaml.ScalarEvent
    handlers = builder.handlers()
    scalar = builder.scalar  # bound once: most events are scalars
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event:  # no handler lookup for them
            scalar(event)
        elif event is None or kind is yaml.StreamEndEvent:
            break
        else:
            handler = handlers.get(kind)
            if handler is not None:
                handler(event)
    return builder.root if builder.documents else None


class _Builder:
    """The data and the position tree, built from parser events."""

    # Slots: the handlers read and write these for every event (a measured 5 % of parsing).
    __slots__ = ("anchors", "documents", "expanded", "max_depth", "nodes", "open_anchors", "plain", "problems",
                 "quoted", "root", "smap", "stack", "top")

    def __init__(self, smap: SourceMap, problems: list[LoadProblem], max_depth: int) -> None:
        self.smap = smap
        self.problems = problems
        self.max_depth = max_depth
        self.stack: list[_Frame] = []
        self.top: _Frame | None = None
        self.anchors: dict[str, tuple[Any, Node, int]] = {}
        self.open_anchors: set[str] = set()
        self.root: Any = None
        self.documents = 0
        self.nodes = 0  # nodes the file spells out
        self.expanded = 0  # nodes added by aliases
        self.plain: dict[str, Any] = {}  # short untagged scalars already typed, shared between equal ones
        self.quoted: dict[str, str] = {}

    def handlers(self) -> dict[type, Any]:
        return {
            yaml.MappingStartEvent: self.start, yaml.SequenceStartEvent: self.start,
            yaml.MappingEndEvent: self.end, yaml.SequenceEndEvent: self.end,
            yaml.AliasEvent: self.alias, yaml.DocumentStartEvent: self.document,
        }

    def document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _Stop(_span(event.start_mark, event.end_mark),
                        msg("a goal file holds one YAML document; found a second one"),
                        help="move the second document to a file of its own")

    def scalar(self, event: Any) -> None:
        mark, end_mark = event.start_mark, event.end_mark
        span = (mark.line + 1, mark.column + 1, end_mark.line + 1, end_mark.column + 1)
        text = event.value
        self.nodes += 1
        if not text.isascii():
            _hidden(text, Span(*span), self.problems)
        top = self.top
        if top is not None and top.is_map and top.key is None:
            top.key, top.key_span = intern(text), span  # one object per distinct key: less memory, faster lookups
            top.end_line, top.end_column = span[2], span[3]
            if event.anchor is not None:
                self.anchors[event.anchor] = (text, None, 1)
            return
        if event.tag is None and len(text) <= _SHARED_LENGTH:  # the common case, without a call
            shared = self.quoted if event.style else self.plain  # dates, owners, teams, units recur
            value = shared.get(text, _MISSING)
            if value is _MISSING:
                value = shared[text] = text if event.style else _plain_scalar(text)
        else:
            value = self._typed(event, text, span)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, None, 1)
        self.place(value, None, span, 1)

    def _typed(self, event: Any, text: str, span: _Position) -> Any:
        tag = event.tag
        if tag == "!":
            return text
        if tag is not None:
            return _tagged_scalar(tag, text, Span(*span))
        if len(text) > _SHARED_LENGTH:
            return text if event.style else _plain_scalar(text)
        shared = self.quoted if event.style else self.plain  # dates, owners, teams, units recur
        value = shared.get(text, _MISSING)
        if value is _MISSING:
            value = shared[text] = text if event.style else _plain_scalar(text)
        return value

    def start(self, event: Any) -> None:
        span = _span(event.start_mark, event.end_mark)
        self.nodes += 1
        if len(self.stack) >= self.max_depth:
            raise _Stop(span, msg("nesting deeper than {depth} levels", depth=self.max_depth),
                        help="flatten the data: goal files need a few levels only")
        if self.top is not None and self.top.is_map and self.top.key is None:
            raise _Stop(span, msg("mapping keys must be plain scalars, not collections"),
                        help="write the key as plain text")
        is_map = type(event) is yaml.MappingStartEvent
        tag = event.tag
        if tag is not None and tag != "!" and tag != _CORE + ("map" if is_map else "seq"):
            raise _Stop(span, msg("unsupported tag {tag}: goal files hold plain data only", tag=_short_tag(tag)),
                        help=f"remove {_short_tag(tag)} and write plain data")
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        self.top = _Frame({} if is_map else [], event.start_mark, event.anchor, bool(event.flow_style))
        self.stack.append(self.top)

    def end(self, event: Any) -> None:
        frame = self.stack.pop()
        self.top = self.stack[-1] if self.stack else None
        start = frame.start
        if frame.flow or not frame.end_line:
            span = (start.line + 1, start.column + 1, event.end_mark.line + 1, event.end_mark.column + 1)
        else:
            span = (start.line + 1, start.column + 1, frame.end_line, frame.end_column)
        spans = frame.spans
        spans[0], spans[1], spans[2], spans[3] = span
        node = spans if frame.kids is None else (spans, tuple(frame.kids))
        if frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.container, node, frame.weight)
        self.place(frame.container, node, span, frame.weight)

    def alias(self, event: Any) -> None:
        span = _span(event.start_mark, event.end_mark)
        name = event.anchor
        if name in self.open_anchors:
            raise _Stop(span, msg("alias *{name} refers to a node that contains it (a recursive alias)", name=name),
                        help=f"replace *{name} with the values it should hold")
        if name not in self.anchors:
            raise _Stop(span, msg("alias *{name} refers to an anchor that is not defined", name=name), "E001",
                        f"define &{name} before this line, or write the value instead of *{name}")
        value, _node, weight = self.anchors[name]
        position = (span.line, span.column, span.end_line, span.end_column)
        top = self.top
        if top is not None and top.is_map and top.key is None:
            if not isinstance(value, str):
                raise _Stop(span, msg("mapping keys must be plain scalars, not collections"),
                        help="write the key as plain text")
            top.key, top.key_span = value, position
            top.end_line, top.end_column = span.end_line, span.end_column
            return
        self.nodes += 1
        self.expanded += weight
        if self.expanded > self.nodes + ALIAS_BUDGET_SLACK:
            raise _Stop(span, msg("aliases expand to too much data (an alias bomb?); "
                                  "goal files may re-use data only modestly"),
                        help="write the values out, or share them with `defaults:`")
        self.place(value, None, position, weight)  # positions below an alias are the alias's own

    def place(self, value: Any, node: Node, span: _Position, weight: int) -> None:
        """Put a finished value into the collection on top of the stack (or make it the root).

        ``node`` is the value's own position tree when it is a collection, else None.
        """
        top = self.top
        if top is None:
            self.root = value
            self.smap.root, self.smap.data = node if node is not None else array(_SPANS, span), value
            return
        top.weight += weight
        top.end_line, top.end_column = span[2], span[3]
        index = len(top.container)
        if not top.is_map:
            top.container.append(value)
            top.spans.extend(span)
            if node is not None or top.kids is not None:
                _kid(top, index, node, index + 1)
            return
        key: str = top.key  # type: ignore[assignment]  # a mapping's value always follows its key
        top.key = None
        if key in top.container:
            self._repeat(top, key, node, value, span)
        else:
            if top.slots is not None:
                top.slots[key] = (index, top.key_span[0])
            top.spans.extend(top.key_span)
            top.spans.extend(span)
            if node is not None or top.kids is not None:
                _kid(top, index, node, index + 1)
        top.container[key] = value

    def _repeat(self, top: _Frame, key: str, node: Node, value: Any, span: _Position) -> None:
        """A repeated key: E003, and the later value in the first one's place."""
        if top.slots is None:  # built at the first repeat, kept up to date after it
            top.slots = {name: (index, top.spans[4 + 8 * index]) for index, name in enumerate(top.container)}
        index, first = top.slots[key]
        self.problems.append(LoadProblem(
            "E003", Span(*top.key_span),
            msg("duplicate key '{key}' (first defined at line {first}); the later value is used", key=key,
                first=first),
            _repeat_help(key, first, top.container[key], value)))
        top.spans[4 + 8 * index:12 + 8 * index] = array(_SPANS, (*top.key_span, *span))
        _kid(top, index, node, len(top.container))


def _kid(top: _Frame, index: int, node: Node, size: int) -> None:
    """Record the node of the value at ``index`` (None for a scalar) among the collection's ``size`` values."""
    kids = top.kids
    if kids is None:
        if node is None:
            return
        kids = top.kids = [None] * size  # the first value that is a collection
    while len(kids) < size:
        kids.append(None)
    kids[index] = node


def load_file_bytes(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Decode and parse a file's bytes; an over-size file is reported unparsed."""
    if len(raw) > min(max_bytes, MAX_POSITIONED_BYTES - 1):
        limit = min(max_bytes, MAX_POSITIONED_BYTES - 1)
        message = msg("the file is {size:,} bytes, over the {limit:,}-byte limit; it was not parsed", size=len(raw),
                      limit=limit)
        too_big = LoadProblem("E006", Span.point(1, 1), message,
                              "split the goals into smaller files, or raise max_file_bytes")
        return Document(None, SourceMap(), [too_big], "")
    text, problem = decode(raw)
    if problem is not None:
        return Document(None, SourceMap(), [problem], text)
    plain_utf8 = not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))
    return parse(text, utf8=raw if plain_utf8 else None)
