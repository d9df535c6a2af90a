"""The language server: pygls wiring around the engine and the check worker.

Every edit schedules a check of the whole workspace (the open documents' unsaved texts
laid over the files) after a pause of ``DEBOUNCE_SECONDS``; a newer edit restarts the
pause and stops a check still running for an older text. Findings are published for
every open document whose findings changed, so an edit in one file refreshes the
files it affects (a duplicate id, an unknown parent). Hover, completion, definition
and code actions answer from the last finished check and never wait for one.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import time
import traceback
from pathlib import Path
from typing import Any, NamedTuple

from cattrs import Converter
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import default_converter
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..catalog import Catalog
from ..dates import DateError, parse_date
from ..diagnostics import Diagnostic, Severity, Span
from ..fixes import Applicability, Fix
from ..model import Item
from ..ruledocs import documentation
from .engine import Engine, Snapshot
from .positions import Lines, lines_of
from .worker import CheckWorker

DEBOUNCE_SECONDS = 0.1  # long enough to skip the checks of a word being typed, short enough to feel live
SHOW_DOCS_COMMAND = "goallint.showDocumentation"
_SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
               Severity.INFO: types.DiagnosticSeverity.Information}
_SEVERITY_NUMBERS = {severity: int(number) for severity, number in _SEVERITIES.items()}
_VALUE_KEY = re.compile(r"^\s*(?:-\s+)?(?P<key>parent|owner)\s*:\s*")


def _converter() -> Converter:
    """pygls's converter, but a finding already built as JSON data is sent as it is.

    Findings are published as plain data (see ``publish``): building and serialising
    hundreds of protocol objects per keystroke costs more than the check of a small file.
    """
    converter: Converter = default_converter()  # type: ignore[no-untyped-call]
    standard = converter.get_unstructure_hook(types.Diagnostic)

    def unstructure(value: Any) -> Any:
        return value if isinstance(value, dict) else standard(value)

    converter.register_unstructure_hook(types.Diagnostic, unstructure)
    return converter


class _Sent(NamedTuple):
    """What was published for a document: the findings as sent, and the text and findings they came from."""

    built: list[dict[str, Any]]
    text: str | None
    found: list[Diagnostic]


class GoallintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("goallint", __version__, converter_factory=_converter)
        self.engine: Engine | None = None
        self.worker = CheckWorker()
        self.snapshot = Snapshot()
        self.generation = 0
        self._timer: asyncio.TimerHandle | None = None
        self._published: dict[str, _Sent] = {}
        self.checks_done = 0
        self._failed_in_a_row = 0

    # -- scheduling ----------------------------------------------------------------------------
    def request_check(self, delay: float = DEBOUNCE_SECONDS) -> None:
        """Check again after ``delay``; a request made meanwhile replaces this one."""
        self.generation += 1
        self.worker.cancel_older(self.generation)
        if self._timer is not None:
            self._timer.cancel()
        loop = asyncio.get_running_loop()
        generation = self.generation
        self._timer = loop.call_later(delay, lambda: asyncio.ensure_future(self._check(generation)))

    async def _check(self, generation: int) -> None:
        if generation != self.generation or self.engine is None:
            return
        engine, texts, today = self.engine, dict(self.engine.texts), _today()
        began, cpu = time.perf_counter(), [0.0]

        def work() -> Snapshot:
            start = time.thread_time()
            try:
                snapshot = engine.run(today, texts)
                if self.worker.stopped == generation:  # told to stop, yet it ended: something swallowed the stop
                    engine.forget()  # so what it kept for the next check may be partial
                return snapshot
            except Exception:
                engine.forget()  # the next check starts from nothing
                raise
            finally:
                cpu[0] = time.thread_time() - start

        try:
            snapshot = await self.worker.submit(generation, work)
        except Exception as exc:
            where = traceback.extract_tb(exc.__traceback__)[-1:]
            at = f" (at {Path(where[0].filename).name}:{where[0].lineno})" if where else ""
            self.window_log_message(types.LogMessageParams(types.MessageType.Error,
                                                           f"goallint: check failed: {type(exc).__name__}: {exc}{at}"))
            if generation == self.generation and self._failed_in_a_row < 1:
                self._failed_in_a_row += 1
                self.request_check(0)  # once more, on a fresh thread, with nothing kept
            return
        self._failed_in_a_row = 0
        if snapshot is None or generation != self.generation:
            return  # cancelled, or a newer text is already being checked
        self.snapshot = snapshot
        self.checks_done += 1
        start = time.thread_time()
        self.publish(texts)
        sent = time.thread_time() - start
        files, kept = len(snapshot.diagnostics), engine.goals_reused
        self.window_log_message(types.LogMessageParams(types.MessageType.Log, (
            f"goallint: checked {files} file{'s' if files != 1 else ''} ({kept} unchanged "
            f"goal{'s' if kept != 1 else ''} of edited files not checked again) and published in "
            f"{(time.perf_counter() - began) * 1000:.0f} ms ({(cpu[0] + sent) * 1000:.0f} ms of processor time: "
            f"check {cpu[0] * 1000:.0f} ms, publish {sent * 1000:.0f} ms)")))

    # -- publishing ----------------------------------------------------------------------------
    def publish(self, texts: dict[Path, str]) -> None:
        """Send the findings of every open document whose text or findings changed since last sent.

        The notifications are built as plain JSON data: for a file with hundreds of
        findings that is ten times faster than building and serialising protocol objects.
        A document whose text and findings are those of the last check is not built again.
        """
        out: dict[str, _Sent] = {}
        links: dict[str, dict[str, Any]] = {}  # per rule code: what every finding of it shares
        for path, text in texts.items():
            uri = from_fs_path(str(path)) or str(path)
            found = self.snapshot.diagnostics.get(path, [])
            before = self._published.get(uri)
            if before is not None and before.text is text and before.found == found:
                out[uri] = before
                continue
            lines = lines_of(text)
            out[uri] = _Sent([diagnostic_json(d, lines, self.snapshot.rules, links) for d in found], text, found)
        problem = self.snapshot.config_problem
        if problem is not None:
            start, end = lines_of(_read(problem.path, texts)).range_of(problem.span)
            out[from_fs_path(str(problem.path)) or str(problem.path)] = _Sent([{
                "range": _range_json(start, end), "message": problem.message,
                "severity": int(types.DiagnosticSeverity.Error), "source": "goallint", "code": "config"}], None, [])
        for uri in self._published:
            out.setdefault(uri, _Sent([], None, []))  # a config fixed, a file closed: clear what was shown
        for uri, sent in out.items():
            before = self._published.get(uri)
            if before is not None and (before is sent or (before.text == sent.text and before.built == sent.built)):
                continue
            params = types.PublishDiagnosticsParams(uri=uri, diagnostics=sent.built)  # type: ignore[arg-type]
            self.text_document_publish_diagnostics(params)
        self._published = {uri: sent for uri, sent in out.items() if sent.built or sent.text is not None}

    # -- answers from the last check --------------------------------------------------------------
    def diagnostics_at(self, path: Path, line: int, column: int) -> list[Diagnostic]:
        return [d for d in self.snapshot.diagnostics.get(path, [])
                if (d.line, d.column) <= (line, column) <= (d.end_line, d.end_column)]

    def parent_at(self, path: Path, line: int, column: int) -> tuple[Item, Span] | None:
        """The goal whose ``parent:`` value is at this place, and that value's span."""
        for item in self.snapshot.items_in(path):
            if item.parent is None or "parent" not in item.raw:
                continue
            span = item.at("parent")
            if (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column):
                return item, span
        return None


def lsp_diagnostic(diagnostic: Diagnostic, lines: Lines, rules: Catalog) -> types.Diagnostic:
    start, end = lines.range_of(Span(diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column))
    link = rules.documentation_url(diagnostic.code)
    return types.Diagnostic(
        range=_range(start, end), message=_message(diagnostic), severity=_SEVERITIES[diagnostic.severity],
        code=diagnostic.code, source="goallint",
        code_description=types.CodeDescription(href=link) if link is not None else None,
    )


def diagnostic_json(diagnostic: Diagnostic, lines: Lines, rules: Catalog,
                    shared: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The same as ``lsp_diagnostic``, as the JSON data the protocol sends.

    ``shared`` keeps, per rule code, the fields every finding of that rule has in common.
    """
    start, end = lines.range_of(Span(diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column))
    code = diagnostic.code
    common = shared.get(code) if shared is not None else None
    if common is None:
        common = {"code": code, "source": "goallint"}
        link = rules.documentation_url(code)
        if link is not None:
            common["codeDescription"] = {"href": link}
        if shared is not None:
            shared[code] = common
    return {"range": _range_json(start, end), "message": _message(diagnostic),
            "severity": _SEVERITY_NUMBERS[diagnostic.severity], **common}


def _message(diagnostic: Diagnostic) -> str:
    """The finding's message, and its help on a line of its own, as `goallint check` prints them."""
    return f"{diagnostic.message}\nhelp: {diagnostic.help}" if diagnostic.help else diagnostic.message


def _range_json(start: tuple[int, int], end: tuple[int, int]) -> dict[str, Any]:
    return {"start": {"line": start[0], "character": start[1]}, "end": {"line": end[0], "character": end[1]}}


def _range(start: tuple[int, int], end: tuple[int, int]) -> types.Range:
    return types.Range(start=types.Position(*start), end=types.Position(*end))


def _today() -> dt.date:
    given = os.environ.get("GOALLINT_TODAY")
    if given:
        try:
            return parse_date(given)
        except DateError:
            pass
    return dt.date.today()


def _read(path: Path, texts: dict[Path, str]) -> str:
    if path in texts:
        return texts[path]
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _path(uri: str) -> Path:
    return Path(os.path.normpath(Path(to_fs_path(uri) or uri).resolve()))


def build_server() -> GoallintServer:
    server = GoallintServer()
    _text_sync(server)
    _hover(server)
    _completion(server)
    _definition(server)
    _code_actions(server)
    return server


def _text_sync(server: GoallintServer) -> None:
    @server.feature(types.INITIALIZED)
    def initialized(ls: GoallintServer, _params: types.InitializedParams) -> None:
        root = ls.workspace.root_path or os.getcwd()
        ls.engine = Engine(Path(root))
        ls.request_check(0)
        watching = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if not (watching and watching.dynamic_registration):
            return  # config changes are still seen: the config's time stamp is compared before each check
        ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
            id="goallint-watch", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=[
                types.FileSystemWatcher(glob_pattern=pattern) for pattern in
                ("**/*.goals.yaml", "**/*.goals.yml", "**/goals.yaml", "**/goals.yml", "**/.goallint.yaml",
                 "**/.goallint.yml", "**/pyproject.toml")]))]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GoallintServer, params: types.DidOpenTextDocumentParams) -> None:
        if ls.engine is not None:
            ls.engine.opened(_path(params.text_document.uri), params.text_document.text)
            ls.request_check(0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GoallintServer, params: types.DidChangeTextDocumentParams) -> None:
        if ls.engine is not None:
            document = ls.workspace.get_text_document(params.text_document.uri)
            ls.engine.opened(_path(params.text_document.uri), document.source)
            ls.request_check()

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: GoallintServer, _params: types.DidSaveTextDocumentParams) -> None:
        ls.request_check(0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GoallintServer, params: types.DidCloseTextDocumentParams) -> None:
        if ls.engine is not None:
            ls.engine.closed(_path(params.text_document.uri))
            ls.request_check(0)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: GoallintServer, _params: types.DidChangeWatchedFilesParams) -> None:
        if ls.engine is not None:
            ls.engine.files_changed()
            ls.request_check(0)


def _hover(server: GoallintServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: GoallintServer, params: types.HoverParams) -> types.Hover | None:
        path = _path(params.text_document.uri)
        lines = lines_of(ls.workspace.get_text_document(params.text_document.uri).source)
        line, column = lines.from_utf16(params.position.line, params.position.character)
        parts = []
        found = ls.parent_at(path, line, column)
        if found is not None:
            parts.append(_parent_card(ls.snapshot, found[0].parent or ""))
        catalog = ls.snapshot.rules
        for code in dict.fromkeys(d.code for d in ls.diagnostics_at(path, line, column)):
            if code in catalog:
                link = catalog.documentation_url(code)
                parts.append(documentation(catalog[code], catalog.source(code))
                             + (f"\n[Documentation]({link})" if link else ""))
        if not parts:
            return None
        value = "\n\n---\n\n".join(parts)
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=value))


def _completion(server: GoallintServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " "]))
    def completion(ls: GoallintServer, params: types.CompletionParams) -> types.CompletionList:
        lines = lines_of(ls.workspace.get_text_document(params.text_document.uri).source)
        before = lines.line(params.position.line)[: lines.from_utf16(params.position.line,
                                                                     params.position.character)[1] - 1]
        found = _VALUE_KEY.match(before)
        items: list[types.CompletionItem] = []
        if found and found.group("key") == "parent":
            for item in ls.snapshot.items:
                if item.id is not None and item.id not in {c.label for c in items}:
                    title = item.data.get("title")
                    items.append(types.CompletionItem(
                        label=item.id, kind=types.CompletionItemKind.Reference, detail=f"{item.kind}: {title}"
                        if isinstance(title, str) else item.kind, sort_text=f"{item.kind != 'objective'}{item.id}"))
        elif found:
            items = [types.CompletionItem(label=owner, kind=types.CompletionItemKind.Value)
                     for owner in ls.snapshot.owners()]
        return types.CompletionList(is_incomplete=False, items=items)


def _definition(server: GoallintServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: GoallintServer, params: types.DefinitionParams) -> types.Location | None:
        path = _path(params.text_document.uri)
        lines = lines_of(ls.workspace.get_text_document(params.text_document.uri).source)
        found = ls.parent_at(path, *lines.from_utf16(params.position.line, params.position.character))
        target = ls.snapshot.find(found[0].parent or "") if found else None
        where = ls.snapshot.file_of(target) if target is not None else None
        if target is None or where is None:
            return None
        span = target.at("id")
        start, end = lines_of(_read(where, ls.engine.texts if ls.engine else {})).range_of(span)
        return types.Location(uri=from_fs_path(str(where)) or str(where), range=_range(start, end))


def _parent_card(snapshot: Snapshot, parent_id: str) -> str:
    target = snapshot.find(parent_id)
    if target is None:
        return f"**{parent_id}**: not defined in the workspace"
    title = target.data.get("title")
    where = snapshot.file_of(target)
    lines = [f"**{parent_id}** ({target.kind})", "", f"{title}" if isinstance(title, str) else "(no title)", "",
             f"Owner: {target.owner or '(none)'}  ", f"Status: {target.status}"]
    if where is not None:
        lines.append(f"  \nDefined in {where.name}, line {target.at('id').line}")
    return "\n".join(lines)


def _code_actions(server: GoallintServer) -> None:
    kinds = [types.CodeActionKind.QuickFix]

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=kinds))
    def code_action(ls: GoallintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        path = _path(uri)
        lines = lines_of(ls.workspace.get_text_document(uri).source)
        first = lines.from_utf16(params.range.start.line, params.range.start.character)
        last = lines.from_utf16(params.range.end.line, params.range.end.character)
        actions: list[types.CodeAction] = []
        for diagnostic in ls.snapshot.diagnostics.get(path, []):
            if (diagnostic.end_line, diagnostic.end_column) < first or (diagnostic.line, diagnostic.column) > last:
                continue
            actions += _actions_for(uri, diagnostic, lines, ls.snapshot.rules)
        return actions

    @server.command(SHOW_DOCS_COMMAND)
    async def show_docs(ls: GoallintServer, *args: Any) -> str | None:
        code = str(args[0]).upper() if args else ""
        url = ls.snapshot.rules.documentation_url(code)
        if url is None:
            return None
        ls.window_show_document(types.ShowDocumentParams(uri=url, external=True))
        return url


def _actions_for(uri: str, diagnostic: Diagnostic, lines: Lines,
                 rules: Catalog) -> list[types.CodeAction]:
    """The fix (when the finding has one), a suppression with a reason, and the rule's documentation."""
    shown = lsp_diagnostic(diagnostic, lines, rules)
    actions = []
    if diagnostic.fix is not None and diagnostic.fix.applicability is not Applicability.DISPLAY:
        actions.append(_fix_action(uri, diagnostic.fix, shown, lines))
    rule = rules.get(diagnostic.code)
    if rule is not None and not rule.mandatory:
        actions.append(_suppress_action(uri, diagnostic, shown, lines))
    if rule is not None and rules.documentation_url(diagnostic.code) is not None:
        actions.append(types.CodeAction(
            title=f"Show the documentation of {rule.code} ({rule.name})", kind=types.CodeActionKind.QuickFix,
            diagnostics=[shown], command=types.Command(title="Show documentation", command=SHOW_DOCS_COMMAND,
                                                       arguments=[rule.code])))
    return actions


def _fix_action(uri: str, fix: Fix, shown: types.Diagnostic, lines: Lines) -> types.CodeAction:
    edits = [types.TextEdit(range=_range(*lines.range_of(edit.span)), new_text=edit.text) for edit in fix.edits]
    return types.CodeAction(title=fix.title[:1].upper() + fix.title[1:], kind=types.CodeActionKind.QuickFix,
                            diagnostics=[shown], is_preferred=fix.applicability is Applicability.SAFE,
                            edit=types.WorkspaceEdit(changes={uri: edits}))


def _suppress_action(uri: str, diagnostic: Diagnostic, shown: types.Diagnostic, lines: Lines) -> types.CodeAction:
    """A directive at the end of the finding's line, with a reason for the person to write."""
    text = lines.line(diagnostic.line - 1)
    end = lines.to_utf16(diagnostic.line, len(text) + 1)
    comment = f"{'' if text.endswith(' ') else ' '} # goallint: disable={diagnostic.code} -- reason: TODO"
    return types.CodeAction(
        title=f"Suppress {diagnostic.code} on this line, with a reason", kind=types.CodeActionKind.QuickFix,
        diagnostics=[shown], edit=types.WorkspaceEdit(changes={uri: [
            types.TextEdit(range=_range(end, end), new_text=comment)]}))
