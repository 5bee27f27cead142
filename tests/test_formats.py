"""Output formats checked against their specifications: SARIF 2.1.0 output
validated by the `jsonschema` library against the OASIS schema (test data in
tests/fixtures/sarif), and GitHub Actions annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main

SCHEMA = Path(__file__).resolve().parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
REPLY = "Здравствуйте!\nВы указали неверные настройки.\nObviously, you should have read the docs, 100% sure:\nBest"
CUSTOMER = "Добрый день. Скажите, пожалуйста, это нормально? И как это исправить?"


@pytest.fixture
def files(tmp_path):
    reply = tmp_path / "reply, draft: 1.txt"  # a comma and a colon: both escaped in annotations
    reply.write_text(REPLY, encoding="utf-8")
    customer = tmp_path / "customer.txt"
    customer.write_text(CUSTOMER, encoding="utf-8")
    return str(reply), str(customer)


def run(*args):
    result = CliRunner().invoke(main, ["check", "--no-config", *args])
    assert "Traceback" not in result.output and result.exit_code == 1, result.output
    return result.stdout


def test_sarif_output_is_valid_against_the_sarif_2_1_0_schema(files):
    jsonschema = pytest.importorskip("jsonschema")
    reply, customer = files
    log = json.loads(run(reply, "--customer", customer, "--format", "sarif"))
    validator = jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")),
                                           format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    results = log["runs"][0]["results"]
    assert len(results) >= 3
    # a finding on the customer's message points at the customer's file
    assert any(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("customer.txt")
               for r in results)


def test_github_annotations_escape_properties_and_point_at_each_span(files):
    reply, customer = files
    lines = run(reply, "--customer", customer, "--format", "github").splitlines()
    assert lines and all(line.startswith(("::warning ", "::error ", "::notice ")) for line in lines)
    escaped = reply.replace(",", "%2C").replace(":", "%3A")
    blame = next(line for line in lines if "title=ru.blame.you-did-wrong" in line)
    assert blame.startswith(f"::warning file={escaped},line=2,col=1,endLine=2,endColumn=")
    assert any(f"file={customer}" in line and "title=" in line for line in lines)
    # the message goes after the last `::`; only `%` and line breaks are escaped there
    message = blame.split("::", 2)[2]
    assert "%0A" not in message and message.strip()


def test_github_messages_escape_percent_and_line_breaks():
    from replylint.reporters import CheckedMessage, github
    from replylint.finding import Finding

    finding = Finding("en.x.y", "blame", "info", "50% off\nnow", "reply", 0, 0, 5, 1, 1, "hello")
    (line,) = github.render([CheckedMessage("a.txt", (), {("reply", 0): "hello"}, (finding,))]).splitlines()
    assert line == "::notice file=a.txt,line=1,col=1,endLine=1,endColumn=5,title=en.x.y::50%25 off%0Anow"


def test_a_sarif_fix_replaces_the_fix_region(tmp_path):
    reply = tmp_path / "reply.txt"
    text = "Hi Tom, the export works again. It is not rocket science, you know. Have a nice day."
    reply.write_text(text, encoding="utf-8")
    (result,) = [r for r in json.loads(run(str(reply), "--format", "sarif"))["runs"][0]["results"]
                 if r["ruleId"] == "en.blame.minimising"]  # (the tone model flags the sentence too)
    region = result["locations"][0]["physicalLocation"]["region"]
    assert text[region["charOffset"] : region["charOffset"] + region["charLength"]] == "not rocket science"
    (replacement,) = result["fixes"][0]["artifactChanges"][0]["replacements"]
    deleted = replacement["deletedRegion"]
    assert text[deleted["charOffset"] : deleted["charOffset"] + deleted["charLength"]] == \
        "It is not rocket science, you know."
    assert replacement["insertedContent"]["text"] == ""
