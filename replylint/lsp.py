"""`replylint lsp`: a language server for live feedback as the agent types.

Any LSP-capable editor (VS Code, Neovim, Helix, Emacs, Sublime) starts it over
stdio for reply files. On open and on every change it publishes the reply's
findings as diagnostics (the rule id as the code, the rule's message); each
suggestion is a code action (quick fix) that rewrites the span.

The customer's message comes from, in this order:
- a front-matter block at the top of the reply (kept out of the lint):

      ---
      customer: |
        Добрый день! Скажите, пожалуйста, это нормально?
      ---

  (`customer` may also be a list of messages);
- a sibling file: `<name>.customer<ext>` beside `<name><ext>`, else
  `customer.txt` in the same folder.

pygls is an optional extra: `pip install 'replylint[lsp]'`.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from . import __version__
from .errors import ReplylintError

SOURCE = "replylint"
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


def split_front_matter(text: str) -> tuple[str, tuple[str, ...], str | None]:
    """(the reply with its front matter blanked, the customer messages it
    names, a problem with the block). The block's characters become spaces
    (its line breaks stay), so every offset still points into the document."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return text, (), None
    blank = re.sub(r"[^\r\n]", " ", match.group())
    reply = blank + text[match.end():]
    try:
        data = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        return reply, (), f"front matter is not valid YAML: {str(exc).splitlines()[0]}"
    customer = data.get("customer") if isinstance(data, dict) else None
    if isinstance(customer, str):
        return reply, (customer,), None
    if isinstance(customer, list) and all(isinstance(c, str) for c in customer):
        return reply, tuple(customer), None
    if customer is not None:
        return reply, (), "front matter `customer` must be a string or a list of strings"
    return reply, (), None


def sibling_customer(path: Path) -> tuple[str, ...]:
    """The customer's message from a file beside the reply, if there is one."""
    for candidate in (path.with_name(f"{path.stem}.customer{path.suffix}"), path.with_name("customer.txt")):
        if candidate != path and candidate.is_file():
            try:
                return (candidate.read_text(encoding="utf-8"),)
            except (OSError, UnicodeDecodeError):
                return ()
    return ()


class ReplyServer(LanguageServer):
    """Diagnostics and quick fixes for reply documents."""

    def __init__(self, settings=None):
        super().__init__("replylint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self._settings = settings
        self._engine = None
        self.findings: dict[str, list] = {}  # uri -> findings of its last lint (for code actions)

    def engine(self):
        if self._engine is None:
            from .config import build_engine, build_ruleset, default

            settings = self._settings or default()
            self._engine = build_engine(settings, build_ruleset(settings))
        return self._engine

    def lint(self, uri: str) -> None:
        from .engine import Exchange

        document = self.workspace.get_text_document(uri)
        reply, customer, problem = split_front_matter(document.source)
        if not customer and problem is None:
            path = to_fs_path(uri)
            customer = sibling_customer(Path(path)) if path else ()
        diagnostics = []
        if problem is not None:
            diagnostics.append(types.Diagnostic(range=types.Range(types.Position(0, 0), types.Position(0, 3)),
                                                message=problem, severity=types.DiagnosticSeverity.Error,
                                                source=SOURCE))
        found = []
        if reply.strip():
            try:
                found = self.engine().lint(Exchange(reply, customer))
            except ReplylintError as exc:  # a message that is not text, a broken pack
                diagnostics.append(types.Diagnostic(
                    range=types.Range(types.Position(0, 0), types.Position(0, 0)), source=SOURCE,
                    message="; ".join(str(p) for p in exc.problems), severity=types.DiagnosticSeverity.Error))
        findings = [f for f in found if f.source == "reply"]
        # an unanswered question sits in the customer's message: shown at the top of the reply
        for f in found:
            if f.source == "customer":
                diagnostics.append(types.Diagnostic(
                    range=types.Range(types.Position(0, 0), types.Position(0, 0)), source=SOURCE,
                    message=f"{f.message} (customer: «{' '.join(f.text.split())}»)", code=f.rule_id,
                    severity=SEVERITY[f.severity]))
        for f in findings:
            diagnostics.append(types.Diagnostic(
                range=types.Range(document.client_position_at_offset(f.start), document.client_position_at_offset(f.end)),
                message=f.message, severity=SEVERITY[f.severity], code=f.rule_id, source=SOURCE))
        self.findings[uri] = findings
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=document.version, diagnostics=diagnostics))

    def actions(self, uri: str, wanted: types.Range) -> list[types.CodeAction]:
        document = self.workspace.get_text_document(uri)
        out = []
        for f in self.findings.get(uri, []):
            span = types.Range(document.client_position_at_offset(f.start), document.client_position_at_offset(f.end))
            if _before(span.end, wanted.start) or _before(wanted.end, span.start):
                continue
            # a suggestion replaces the fix region: the span, or the clause or sentence around it
            region = types.Range(document.client_position_at_offset(f.fix_start),
                                 document.client_position_at_offset(f.fix_end))
            replaced = document.source[f.fix_start : f.fix_end]
            for suggestion in f.suggestions:
                title = f"Rewrite «{replaced}» → «{suggestion}»" if suggestion else f"Remove «{replaced}»"
                edit = types.WorkspaceEdit(changes={uri: [types.TextEdit(range=region, new_text=suggestion)]})
                out.append(types.CodeAction(title=f"{title} ({f.rule_id})", kind=types.CodeActionKind.QuickFix,
                                            edit=edit, is_preferred=suggestion == f.suggestions[0]))
        return out


def _before(a: types.Position, b: types.Position) -> bool:
    return (a.line, a.character) < (b.line, b.character)


def create_server(settings=None) -> ReplyServer:
    server = ReplyServer(settings)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ReplyServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ReplyServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ReplyServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)  # a sibling customer file may have changed

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ReplyServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.findings.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri,
                                                                            diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: ReplyServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.actions(params.text_document.uri, params.range)

    return server
