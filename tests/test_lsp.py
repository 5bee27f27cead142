"""`replylint lsp`: a pygls client starts the server over stdio, opens a reply,
changes it, and receives diagnostics and a quick fix; the customer's message
comes from front matter or a sibling file."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402

from replylint.lsp import split_front_matter  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


class Client(LanguageClient):
    def __init__(self):
        super().__init__("replylint-test", "1")
        self.diagnostics: dict[str, asyncio.Queue] = {}

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams):
            self.queue(params.uri).put_nowait(params.diagnostics)

    def queue(self, uri: str) -> asyncio.Queue:
        return self.diagnostics.setdefault(uri, asyncio.Queue())

    async def next_diagnostics(self, uri: str) -> list[types.Diagnostic]:
        return await asyncio.wait_for(self.queue(uri).get(), timeout=120)


async def _session(tmp_path: Path):
    client = Client()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    await client.start_io(sys.executable, "-m", "replylint", "lsp", "--no-config", env=env, cwd=str(tmp_path))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=from_fs_path(str(tmp_path))))
    client.initialized(types.InitializedParams())
    return client


def test_diagnostics_follow_the_draft_and_a_quick_fix_rewrites_it(tmp_path):
    reply = tmp_path / "reply.txt"
    (tmp_path / "reply.customer.txt").write_text("Добрый день. Скажите, пожалуйста, это нормально?", encoding="utf-8")
    text = "Здравствуйте!\nВы указали неверные настройки."
    reply.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(reply))

    async def scenario():
        client = await _session(tmp_path)
        try:
            client.text_document_did_open(types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
            first = await client.next_diagnostics(uri)
            blame = next(d for d in first if d.code == "ru.blame.you-did-wrong")
            assert (blame.range.start.line, blame.range.start.character) == (1, 0)
            assert (blame.range.end.line, blame.range.end.character) == (1, 29)
            # the customer's question (from the sibling file) is not answered: shown at the top
            assert any(d.code == "ru.unanswered.question" and "нормально" in d.message for d in first)
            # the agent types: a greeting that fits no formal customer, at the start
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(0, 0), types.Position(0, 13)), text="Привет")]))
            second = await client.next_diagnostics(uri)
            assert {"ru.formality.familiar-greeting", "ru.blame.you-did-wrong"} <= {d.code for d in second}
            actions = await client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri), range=blame.range,
                context=types.CodeActionContext(diagnostics=[blame])))
            fix = next(a for a in actions if a.is_preferred and "ru.blame.you-did-wrong" in a.title)
            (edit,) = fix.edit.changes[uri]
            assert edit.new_text == "Указаны неверные настройки" and edit.range == blame.range
            assert fix.kind == types.CodeActionKind.QuickFix
        finally:
            await client.shutdown_async(None)
            client.exit(None)
            await client.stop()

    asyncio.run(scenario())


def test_front_matter_names_the_customer_and_keeps_offsets():
    text = "---\ncustomer: |\n  Скажите, это нормально?\n---\nВы указали неверные настройки."
    reply, customer, problem = split_front_matter(text)
    assert customer == ("Скажите, это нормально?",) and problem is None
    assert len(reply) == len(text) and reply.endswith("Вы указали неверные настройки.") and not reply[:20].strip()
    assert split_front_matter("---\ncustomer: [1]\n---\nТекст")[2] == \
        "front matter `customer` must be a string or a list of strings"
    assert split_front_matter("Просто текст")[1:] == ((), None)
