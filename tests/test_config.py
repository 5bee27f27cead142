"""Configuration files (.replylint.yaml, [tool.replylint] in pyproject.toml),
`replylint config`, never-flag phrases and inline suppression directives."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from replylint import config
from replylint.cli import main
from replylint.engine import Engine, Exchange
from replylint.errors import ConfigError

EN_BAD = "Obviously, you should have read the docs."


def run(args, input=None):
    result = CliRunner().invoke(main, args, input=input)
    assert "Traceback" not in result.output, result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with a sub-folder to run in: the configuration is found upward."""
    (tmp_path / "macros").mkdir()
    monkeypatch.chdir(tmp_path / "macros")
    return tmp_path


def problems(path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        config.load(path)
    return [str(p) for p in caught.value.problems]


# ---------------------------------------------------------------- finding and reading the file

def test_the_nearest_file_upward_is_used_and_pyproject_needs_its_table(project):
    assert config.find() is None
    (project / "pyproject.toml").write_text("[project]\nname = 'macros'\n", encoding="utf-8")
    assert config.find() is None  # a pyproject.toml without [tool.replylint] is not a configuration
    (project / "pyproject.toml").write_text("[tool.replylint]\nfail-on = 'error'\n", encoding="utf-8")
    assert config.find() == project / "pyproject.toml"
    assert config.load()["fail-on"] == "error"
    (project / ".replylint.yaml").write_text("fail-on: info\n", encoding="utf-8")
    assert config.find() == project / ".replylint.yaml"
    loaded = config.load()
    assert loaded["fail-on"] == "info" and loaded.origins["fail-on"] == f"{project / '.replylint.yaml'}:1"
    assert loaded.origins["lang"] == "default"


def test_unknown_keys_wrong_types_and_bad_values_name_file_and_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("select: [blame]\nfail_on: error\nlang: 5\nformality-policy: casual\n"
                    "severity:\n  blame: fatal\nnever-flag: ['']\n", encoding="utf-8")
    assert problems(path) == [
        f"{path}:2: unknown setting 'fail_on'; did you mean 'fail-on'?",
        f"{path}:3: 'lang' must be a string, got a number (5)",
        f"{path}:4: 'formality-policy' must be one of always-formal, mirror-customer, got 'casual'",
        f"{path}:5: 'severity' maps rule-id prefixes to one of info, warning, error; 'blame' is set to 'fatal'",
        f"{path}:7: 'never-flag' must list non-empty strings, got a string ('')",
    ]


def test_pyproject_errors_name_the_line_of_the_key(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text("[project]\nname = 'x'\n\n[tool.replylint]\nselect = ['blame']\nfail_on = 'error'\n",
                    encoding="utf-8")
    assert problems(path) == [f"{path}:6: unknown setting 'fail_on'; did you mean 'fail-on'?"]
    path.write_text("[tool.replylint]\nselect = [\n", encoding="utf-8")
    (problem,) = problems(path)
    assert problem.startswith(f"{path}:") and "not valid TOML" in problem


def test_malformed_yaml_and_a_non_mapping_are_one_line_errors(tmp_path):
    path = tmp_path / ".replylint.yaml"
    path.write_text("select: [blame\n", encoding="utf-8")
    (problem,) = problems(path)
    assert problem.startswith(f"{path}:")
    path.write_text("- blame\n", encoding="utf-8")
    assert problems(path) == [f"{path}:1: the configuration must be a mapping of settings, got a list"]
    path.write_text("", encoding="utf-8")
    assert config.load(path)["fail-on"] == "warning"  # an empty file: the defaults


# ---------------------------------------------------------------- the command line

def test_the_file_sets_the_defaults_and_options_given_win(project):
    (project / ".replylint.yaml").write_text(
        "select: [en.blame.condescending-adverb]\nfail-on: error\n", encoding="utf-8")
    result = run(["check", "-"], input=EN_BAD)
    assert result.exit_code == 0  # a warning, and the file says only errors fail
    assert "en.blame.condescending-adverb" in result.output and "should-have" not in result.output
    assert run(["check", "--fail-on", "warning", "-"], input=EN_BAD).exit_code == 1
    assert "should-have" in run(["check", "--select", "blame", "-"], input=EN_BAD).output
    assert run(["check", "--no-config", "-"], input=EN_BAD).exit_code == 1


def test_severity_overrides_by_longest_prefix(project):
    (project / ".replylint.yaml").write_text(
        "select: [blame]\nfail-on: error\nseverity:\n  en.blame: info\n  en.blame.should-have: error\n",
        encoding="utf-8")
    result = run(["check", "--format", "json", "-"], input=EN_BAD)
    severities = {f["rule_id"]: f["severity"] for f in json.loads(result.stdout)["findings"]}
    assert severities == {"en.blame.condescending-adverb": "info", "en.blame.should-have": "error",
                          "en.blame.tone": "info"}
    assert result.exit_code == 1


def test_a_prefix_in_the_file_that_names_no_rule_is_an_error_at_its_line(project):
    (project / ".replylint.yaml").write_text("fail-on: error\nignore: [en.blame.obviosly]\n", encoding="utf-8")
    result = run(["check", "-"], input=EN_BAD)
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"replylint: error: {project / '.replylint.yaml'}:2: ignore: 'en.blame.obviosly'"
                                     " matches no rule (prefixes are whole dotted segments: ru, ru.blame, blame, "
                                     "ru.blame.you-did-wrong)")


def test_config_prints_each_value_with_where_it_came_from(project):
    (project / ".replylint.yaml").write_text("lang: en\nnever-flag: [Obviously Backup]\n", encoding="utf-8")
    text = run(["config", "--fail-on", "error"]).output
    assert f"# configuration file: {project / '.replylint.yaml'}" in text
    assert any(line.startswith('lang: "en"') and line.endswith(f"{project / '.replylint.yaml'}:1")
               for line in text.splitlines())
    assert any(line.startswith('fail-on: "error"') and line.endswith("# --fail-on") for line in text.splitlines())
    data = json.loads(run(["config", "--format", "json"]).output)
    assert data["settings"]["never-flag"] == {"value": ["Obviously Backup"],
                                             "from": f"{project / '.replylint.yaml'}:2"}
    assert data["settings"]["builtin"] == {"value": True, "from": "default"}


def test_a_missing_config_file_and_both_config_options_are_errors(project):
    result = run(["check", "--config", "nope.yaml", "-"], input=EN_BAD)
    assert result.exit_code == 2 and "nope.yaml: configuration file not found" in result.stderr
    assert run(["check", "--config", "x.yaml", "--no-config", "-"], input=EN_BAD).exit_code == 2


def test_packs_in_the_file_are_relative_to_it(project):
    pack = project / "team-rules"
    pack.mkdir()
    (pack / "team.yaml").write_text(
        "lang: en\ncategory: blame\nrules:\n  - id: en.blame.team-word\n    message: Team word\n    why: Because.\n"
        "    extends: phrases\n    phrases: [kindly revert]\n    examples:\n      bad:\n        - {text: Kindly revert today., span: Kindly revert}\n"
        "      good: [Please reply today.]\n", encoding="utf-8")
    (project / ".replylint.yaml").write_text("packs: [team-rules]\nselect: [en.blame.team-word]\n",
                                             encoding="utf-8")
    result = run(["check", "-"], input="Kindly revert with the logs.")
    assert result.exit_code == 1 and "en.blame.team-word" in result.output


# ---------------------------------------------------------------- never-flag and directives

def test_a_never_flag_phrase_protects_what_lies_inside_it(ruleset):
    engine = Engine(ruleset.selected(("blame",), ("en.blame.tone",)), never_flag=("Obviously Backup",))
    assert [f.rule_id for f in engine.lint(Exchange("Obviously Backup keeps every file. " + EN_BAD))] == \
        ["en.blame.condescending-adverb", "en.blame.should-have"]  # the second «Obviously» is no product
    assert [f.text for f in engine.lint(Exchange("OBVIOUSLY BACKUP keeps every file."))] == []


def test_directives_turn_rules_off_for_the_exchange_or_the_next_line(ruleset):
    engine = Engine(ruleset.selected(("blame",), ("en.blame.tone",)))  # (the model flags EN_BAD's sentence too)
    whole = "<!-- replylint-disable en.blame.condescending-adverb -->\n" + EN_BAD + "\nObviously it broke."
    assert [f.rule_id for f in engine.lint(Exchange(whole))] == ["en.blame.should-have"]
    next_line = "{# replylint-disable-next-line blame #}\n" + EN_BAD + "\nObviously it broke."
    assert [(f.rule_id, f.line) for f in engine.lint(Exchange(next_line))] == [("en.blame.condescending-adverb", 3)]
    assert engine.lint(Exchange("<!-- replylint-disable -->\n" + EN_BAD)) == []
    # the words of a directive in plain prose do nothing
    assert len(engine.lint(Exchange("replylint-disable blame\n" + EN_BAD))) == 2


def test_team_name_lists_make_names_known_and_agents_never_addressed(ruleset):
    customer = ("Dear support team,\nmy invoice is wrong. Is this normal?\nRegards,\nMarco Santino",)
    reply = "Ignat, here from billing. Yes, this is normal: the invoice is fixed."

    def formality(engine, reply, customer):
        return [(f.rule_id, f.text) for f in engine.lint(Exchange(reply, customer)) if f.category == "formality"]

    assert formality(Engine(ruleset), reply, customer) == [("en.formality.wrong-name", "Ignat")]
    assert formality(Engine(ruleset, names={"agents": ("Ignat",)}), reply, customer) == []
    # a name the dictionary does not know is a name once the team lists it
    # a signature after «С уважением,» names the writer whatever the dictionary knows, but a
    # bare «Мирко» the dictionary does not know signs nothing until the team lists it
    signed = ("Здравствуйте! Скажите, пожалуйста, это нормально?\nС уважением, Мирко Сантино",)
    reply = "Здравствуйте, Иван! Да, это нормально."
    assert formality(Engine(ruleset), reply, signed) == [("ru.formality.wrong-name", "Иван")]
    customer = ("Здравствуйте! Скажите, пожалуйста, это нормально? Мирко",)
    assert formality(Engine(ruleset), reply, customer) == []
    assert formality(Engine(ruleset, names={"customers": ("Мирко",)}), reply, customer) == \
        [("ru.formality.wrong-name", "Иван")]


def test_names_in_the_file_are_checked(tmp_path):
    path = tmp_path / ".replylint.yaml"
    path.write_text("names:\n  agents: [Ignat]\n  customer: [Marco]\n", encoding="utf-8")
    assert problems(path) == [f"{path}:1: 'names' has `agents` and `customers`, each a list of names; got 'customer'"]
    path.write_text("names: {agents: [Ignat], customers: [Marco]}\n", encoding="utf-8")
    assert config.load(path)["names"] == {"agents": ("Ignat",), "customers": ("Marco",)}
