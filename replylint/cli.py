"""Command line: parses arguments, calls the core, maps results to exit codes
(0 clean, 1 findings at or above --fail-on, 2 usage/config/input error)."""

from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import ConfigError, InputError, OutputError, Problem, ReplylintError
from .config import build_engine, build_ruleset
from .inputs import json_exchanges, read_input

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# errors writing to a full, failing or closed output (a broken pipe is handled apart)
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EBADF})


def _use_color() -> bool:
    # https://no-color.org: NO_COLOR set to a non-empty value disables colour
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _fail(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(f"replylint: error: {problem}", err=True)
    sys.exit(EXIT_ERROR)


class _Command(click.Command):
    """Turns structured errors into one line each and exit code 2; never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ReplylintError as exc:
            _fail(exc.problems)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("replylint: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # `replylint check ... | head`: the reader went away
            try:  # keep the interpreter's final flush of stdout quiet (Python docs, "Note on SIGPIPE")
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError, AttributeError):
                pass
            sys.exit(EXIT_ERROR)
        except OSError as exc:
            if exc.errno not in _OUTPUT_ERRNOS:
                _raise_or_report(exc)
            _fail([Problem(f"cannot write the output: {exc.strerror or exc}")])
        except Exception as exc:  # noqa: BLE001 - last resort: one line, not a traceback
            _raise_or_report(exc)


def _raise_or_report(exc: Exception) -> None:
    """An unexpected error: a traceback with REPLYLINT_DEBUG, one line otherwise."""
    if os.environ.get("REPLYLINT_DEBUG"):
        raise exc
    _fail([Problem(f"internal error: {type(exc).__name__}: {exc} (set REPLYLINT_DEBUG=1 for details)")])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="replylint")
def main():
    """Tone and politeness linter for customer-support replies (Russian and English)."""


def _rule_options(f):
    f = click.option("--packs", "packs", multiple=True, type=click.Path(path_type=Path),
                     help="Extra rule pack directory (repeatable; added to the configuration's `packs`).")(f)
    f = click.option("--no-builtin", is_flag=True, help="Do not load the bundled rule packs.")(f)
    f = click.option("--select", multiple=True, help="Only rules whose id starts with these dotted prefixes.")(f)
    f = click.option("--ignore", multiple=True, help="Skip rules whose id starts with these dotted prefixes.")(f)
    return _config_options(f)


def _config_options(f):
    f = click.option("--config", "config_path", type=click.Path(path_type=Path),
                     help="Configuration file (default: the nearest .replylint.yaml, or pyproject.toml with "
                          "[tool.replylint], from the current folder upward).")(f)
    return click.option("--no-config", is_flag=True, help="Ignore configuration files.")(f)


# command-line options that override a configuration setting: parameter -> (setting, option)
_OVERRIDES = {"select": ("select", "--select"), "ignore": ("ignore", "--ignore"), "fail_on": ("fail-on", "--fail-on"),
              "lang": ("lang", "--lang"), "formality_policy": ("formality-policy", "--formality-policy")}


def _settings():
    """The effective configuration: defaults, the configuration file, then the
    options given on this command line."""
    from click.core import ParameterSource

    from .config import default, load

    ctx = click.get_current_context()
    params = ctx.params
    if params.get("no_config") and params.get("config_path"):
        raise click.UsageError("--config and --no-config exclude each other")
    settings = default() if params.get("no_config") else load(params.get("config_path"))
    given = {}
    for name, (key, option) in _OVERRIDES.items():
        if name in params and ctx.get_parameter_source(name) in (ParameterSource.COMMANDLINE,
                                                                  ParameterSource.ENVIRONMENT):
            given[key] = (option, _split(params[name]) if name in ("select", "ignore") else params[name])
    if params.get("no_builtin"):
        given["builtin"] = ("--no-builtin", False)
    if params.get("packs"):
        given["packs"] = ("--packs", tuple(str(p) for p in settings.pack_dirs()) + tuple(map(str, params["packs"])))
    return settings.with_options(given)


@main.command(cls=_Command)
@click.argument("paths", nargs=-1, required=True)
@click.option("--customer", "customers", multiple=True,
              help="The customer's message the reply answers (file or '-'; repeatable).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default="text",
              show_default=True, help="github: annotations for GitHub Actions (::warning file=…,line=…::…).")
@click.option("--lang", type=click.Choice(["auto", "ru", "en"]), default="auto", show_default=True,
              help="Language of the messages; auto detects it line by line.")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error", "never"]), default="warning",
              show_default=True, help="Lowest severity that makes the exit code 1.")
@click.option("--json-input", is_flag=True,
              help='Inputs are JSON: {"reply": ..., "customer": ...} or a list of such objects.')
@click.option("--formality-policy", type=click.Choice(["always-formal", "mirror-customer"]), default=None,
              help="The register a reply owes the customer (default per language: always-formal for Russian, "
                   "mirror-customer for English).")
@click.option("--fix", is_flag=True,
              help="Apply every finding's first suggestion: files are rewritten in place, stdin goes to stdout.")
@click.option("--diff", is_flag=True, help="With --fix: print a unified diff instead of writing.")
@click.option("--insert-stubs", is_flag=True,
              help="With --fix: also insert a placeholder sentence for each unanswered customer question "
                   "(«По поводу Вашего вопроса «…»: …»), for the agent to fill in.")
@_rule_options
def check(paths, customers, fmt, lang, fail_on, json_input, formality_policy, fix, diff, insert_stubs, packs,
          no_builtin, select, ignore, config_path, no_config):
    """Lint reply files (or '-' for stdin)."""
    from .engine import Exchange
    from .finding import fails
    from .reporters import CheckedMessage, get_reporter
    from .rewrite import fix_exchange

    if sum(1 for p in list(paths) + list(customers) if p == "-") > 1:
        raise click.UsageError("standard input ('-') can be read only once")
    if json_input and customers:
        raise click.UsageError("--customer cannot be combined with --json-input (put `customer` in the JSON)")
    if diff and not fix:
        raise click.UsageError("--diff goes with --fix")
    if insert_stubs and not fix:
        raise click.UsageError("--insert-stubs goes with --fix")
    if fix and json_input:
        raise click.UsageError("--fix rewrites reply files or stdin, not --json-input")
    settings = _settings()
    fail_on = settings["fail-on"]
    # read and validate every input before the (slower) pipeline loads; a bad
    # reply input is reported (exit 2) but the others are still linted
    jobs = []
    problems: list[Problem] = []

    def read(path: str):
        try:
            result = read_input(path)
        except InputError as exc:
            problems.extend(exc.problems)
            return None
        if result.note:
            click.echo(f"replylint: note: {result.note}", err=True)
        return result

    customer_inputs = [read(c) for c in customers]
    # every reply answers these messages: without all of them nothing is checked
    customers_ok = not problems
    customer_names = tuple(c.name for c in customer_inputs if c)
    customer_texts = tuple(c.text for c in customer_inputs if c)
    for path in paths:
        source = read(path)
        if source is None:
            continue
        if json_input:
            try:
                exchanges = json_exchanges(source.name, source.text)
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            for label, reply, customer in exchanges:
                jobs.append((label, reply, tuple(f"{label}:customer[{i}]" for i in range(len(customer))), customer))
        elif not source.text.strip():
            problems.append(Problem("the reply is empty", source.name))
        else:
            jobs.append((source.name, source.text, customer_names, customer_texts))
    if not jobs or not customers_ok:
        raise InputError(problems)
    from . import cache

    cache.freeze_after_build = True  # (a one-shot process: see cache.freeze_after_build)
    engine = build_engine(settings, build_ruleset(settings))
    checked = []
    for name, reply, names, texts in jobs:
        if fix:
            fixed, findings = fix_exchange(engine, Exchange(reply, texts), insert_stubs=insert_stubs)
            _write_fixed(name, reply, fixed, findings, diff)
            reply = fixed
        else:
            findings = engine.lint(Exchange(reply, texts))
        sources = {("reply", 0): reply, **{("customer", i): t for i, t in enumerate(texts)}}
        checked.append(CheckedMessage(name, names, sources, tuple(findings)))
    would_change = fix and diff and any(m.texts[("reply", 0)] != reply for m, (_, reply, *_) in zip(checked, jobs))
    if fix and (diff or any(name == "<stdin>" for name, *_ in jobs)):
        pass  # stdout holds the fixed reply or the diff; the findings left are counted on stderr
    else:
        _emit(get_reporter(fmt).render(checked, color=_use_color() and fmt == "text"))
    if problems:  # like ruff: the good inputs are reported, the bad ones make the run fail
        raise InputError(problems)
    if fail_on == "never":
        sys.exit(EXIT_CLEAN)
    failing = fails([f for m in checked for f in m.findings], fail_on)
    sys.exit(EXIT_FINDINGS if failing or would_change else EXIT_CLEAN)


def _write_fixed(name: str, reply: str, fixed: str, findings: list, diff: bool) -> None:
    """Write the fixed reply back (a file in place, stdin to stdout) or print a
    diff, and count on stderr the findings left."""
    import difflib

    unsafe = sum(1 for f in findings if not f.suggestions)
    if diff:
        label = name if name != "<stdin>" else "stdin"
        _emit("".join(difflib.unified_diff(reply.splitlines(True), fixed.splitlines(True),
                                           f"a/{label}", f"b/{label}")))
    elif name == "<stdin>":
        sys.stdout.write(fixed)
    elif fixed != reply:
        try:
            Path(name).write_text(fixed, encoding="utf-8")
        except OSError as exc:
            raise OutputError(Problem(f"cannot write the fixed reply: {exc.strerror or exc}", name)) from None
    if findings:
        click.echo(f"replylint: {name}: {len(findings)} problem(s) left"
                   + (f", {unsafe} without a safe rewrite (fix by hand)" if unsafe else ""), err=True)


def _emit(text: str) -> None:
    """Write a report to standard output; a closed or full output is an error
    of its own (exit 2), not a traceback."""
    if sys.stdout is None:
        raise OutputError(Problem("standard output is closed: nowhere to write the report"))
    try:
        click.echo(text, color=_use_color())
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(Problem(f"cannot write the report to standard output: {exc.strerror or exc}")) from None


@main.command(cls=_Command)
@click.argument("paths", nargs=-1, required=True)
@click.option("--each-line", is_flag=True, help="One profile per input line instead of per file.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="json", show_default=True)
@click.option("--lang", type=click.Choice(["auto", "ru", "en"]), default="auto", show_default=True)
@_rule_options
def profile(paths, each_line, fmt, lang, packs, no_builtin, select, ignore, config_path, no_config):
    """Print the register profile of messages: «ты»/«Вы», register, name, evidence."""
    problems: list[Problem] = []
    sources = []
    for path in paths:
        try:
            source = read_input(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if source.note:
            click.echo(f"replylint: note: {source.note}", err=True)
        sources.append(source)
    if not sources:
        raise InputError(problems)
    settings = _settings()
    engine = build_engine(settings, build_ruleset(settings))
    out = []
    for source in sources:
        units = source.text.removesuffix("\n").split("\n") if each_line else [source.text]
        for number, text in enumerate(units, 1):
            found = engine.profile(text) if text.strip() else None
            data = found.to_dict() if found else {"lang": None, "register": None, "tv": None, "name": None,
                                                   "gender": None, "evidence": []}
            data = {"path": source.name, **({"line": number} if each_line else {}), **data}
            if fmt == "json":
                out.append(json.dumps(data, ensure_ascii=False))
            else:
                where = f"{source.name}:{number}" if each_line else source.name
                features = ", ".join(f"{e['feature']} «{e['text']}»" for e in data["evidence"])
                out.append(f"{where}: {data['register']}, tv={data['tv']}, name={data['name']}, "
                           f"gender={data['gender']}" + (f"; {features}" if features else ""))
    _emit("\n".join(out))
    if problems:
        raise InputError(problems)


@main.command(cls=_Command)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_rule_options
def rules(fmt, packs, no_builtin, select, ignore, config_path, no_config):
    """List every rule: id, category, severity, one line. Also validates the packs."""
    from .engine import Engine

    ruleset = build_ruleset(_settings())
    Engine(ruleset).compile_all()  # strict: report pattern and template errors too, of every language
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "category": r.category, "severity": r.severity, "lang": r.lang,
                                "message": r.message} for r in ruleset.rules], ensure_ascii=False, indent=2))
        return
    width = max((len(r.id) for r in ruleset.rules), default=10)
    for r in ruleset.rules:
        click.echo(f"{r.id:<{width}}  {r.category:<10}  {r.severity:<7}  {r.message.splitlines()[0]}")
    click.echo(f"\n{len(ruleset.rules)} rules")


@main.command(cls=_Command)
@_config_options
@click.option("--no-fix", is_flag=True, help="Leave `fixed_reply` out of the response.")
def hook(config_path, no_config, no_fix):
    """Pre-send hook: one JSON request on stdin, one JSON response on stdout.

    \b
    in:  {"reply": "...", "customer": "..." or ["..."], "lang"?, "agent"?, "config"?: {...}}
    out: {"ok": true|false, "findings": [...], "fixed_reply": "..."}
    Exit 0 ok, 1 findings at or above fail-on, 2 a request that cannot be
    read ({"ok": false, "error": "..."}).
    """
    from .hook import Checker, error_response, parse

    try:
        request = parse(sys.stdin.buffer.read(), "<stdin>")
        response, failing = Checker(_settings()).check(request, fix=not no_fix)
    except ReplylintError as exc:
        _emit(json.dumps(error_response(exc.problems), ensure_ascii=False))
        sys.exit(EXIT_ERROR)
    _emit(json.dumps(response, ensure_ascii=False))
    sys.exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


@main.command(cls=_Command)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (localhost only unless told otherwise).")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", default=None, envvar="REPLYLINT_TOKEN",
              help="Require `Authorization: Bearer TOKEN` on /v1/* (or set REPLYLINT_TOKEN).")
@click.option("--max-body", default=256 * 1024, show_default=True, type=click.IntRange(1),
              help="Largest request body in bytes (larger ones get 413).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1),
              help="Worker processes; each builds its own pipelines.")
@_config_options
def serve(host, port, token, max_body, workers, config_path, no_config):
    """HTTP service: POST /v1/check and /v1/fix (the hook's JSON), GET / (review page)."""
    try:
        from .server import serve as run_server
    except ImportError as exc:
        raise ConfigError(Problem(f"the HTTP service needs the `server` extra ({exc.name} is missing): "
                                  "pip install 'replylint[server]'")) from None
    settings = _settings()
    build_ruleset(settings)  # a configuration error stops here, before the port is taken
    click.echo(f"replylint: serving on http://{host}:{port}/ (review page at /, API at /v1/check)", err=True)
    run_server(settings, host, port, token, max_body, workers)


@main.command(cls=_Command)
@_config_options
def lsp(config_path, no_config):
    """Language server over stdio: diagnostics as you type, quick fixes for the rewrites."""
    try:
        from .lsp import create_server
    except ImportError as exc:
        raise ConfigError(Problem(f"the language server needs the `lsp` extra ({exc.name} is missing): "
                                  "pip install 'replylint[lsp]'")) from None
    settings = _settings()
    build_ruleset(settings)  # a configuration error stops here, on stderr, before the editor connects
    create_server(settings).start_io()


def _date(value: str | None, option: str):
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


@main.command(cls=_Command)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for audit.sqlite, findings.jsonl, summary.csv and report.html.")
@click.option("--jobs", default=None, type=click.IntRange(1), help="Worker processes (default: every core).")
@click.option("--resume", is_flag=True, help="Go on with the run in --out: conversations already done are skipped.")
@click.option("--redact", is_flag=True, help="Mask e-mails, phone, card and account numbers and customer names "
                                              "in every output.")
@click.option("--since", default=None, help="Only agent replies on or after this date (YYYY-MM-DD).")
@click.option("--until", default=None, help="Only agent replies on or before this date (YYYY-MM-DD).")
@click.option("--agent", default=None, help="Only this agent's replies.")
@click.option("--column", "columns", multiple=True, metavar="KEY=NAME",
              help="CSV column for conversation, message, role, author, created_at or text "
                   "(default: conversation_id, message_id, role, author, created_at, text).")
@click.option("--agent-domain", "agent_domains", multiple=True, metavar="DOMAIN",
              help="mbox/.eml inputs: mail from this domain is the agents' (repeatable).")
@click.option("--dask", "dask", default=None, metavar="ADDRESS",
              help="Lint on a Dask cluster: a scheduler address (tcp://host:8786) or `local`.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@_rule_options
def audit(inputs, out, jobs, resume, redact, since, until, agent, columns, agent_domains, dask, quiet, packs,
          no_builtin, select, ignore, config_path, no_config):
    """Lint past conversations (JSONL, CSV, mbox or .eml folders, Zendesk exports; .gz too) into a store
    and a report."""
    import os

    from .audit import CSV_COLUMNS, Filters, run

    mapping = {}
    for item in columns:
        key, sep, name = item.partition("=")
        if not sep or key not in CSV_COLUMNS or not name:
            raise click.BadParameter(f"{item!r}: expected KEY=NAME with KEY one of {', '.join(CSV_COLUMNS)}",
                                     param_hint="--column")
        mapping[key] = name
    filters = Filters(_date(since, "--since"), _date(until, "--until"), agent)
    totals = run(list(inputs), out, _settings(), jobs=jobs or os.cpu_count() or 1, resume=resume, filters=filters,
                 columns=mapping, progress=not quiet, redact=redact, agent_domains=agent_domains, dask=dask)
    click.echo(f"replylint: {totals.read:,} conversations read: {totals.linted:,} linted, {totals.errors:,} could "
               f"not be read" + (f" ({totals.skipped:,} done by an earlier run)" if totals.skipped else "")
               + f"; {totals.replies:,} agent replies, {totals.findings:,} findings; outputs in {out}", err=True)
    for file, location, reason in totals.error_rows[:20]:
        click.echo(f"replylint: error: {file}: {location}: {reason}", err=True)
    if len(totals.error_rows) > 20:
        click.echo(f"replylint: ... and {len(totals.error_rows) - 20} more in {out / 'audit.sqlite'} (table errors)",
                   err=True)
    sys.exit(EXIT_FINDINGS if totals.error_rows else EXIT_CLEAN)


@main.command(name="config", cls=_Command)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["auto", "ru", "en"]), default=None)
@click.option("--fail-on", type=click.Choice(["info", "warning", "error", "never"]), default=None)
@click.option("--formality-policy", type=click.Choice(["always-formal", "mirror-customer"]), default=None)
@_rule_options
def config_command(fmt, lang, fail_on, formality_policy, packs, no_builtin, select, ignore, config_path, no_config):
    """Print the effective configuration and where each value came from."""
    settings = _settings()
    build_ruleset(settings)  # the prefixes must name rules: the same errors as `check`
    if fmt == "json":
        click.echo(json.dumps({"path": settings.path, "settings": {
            key: {"value": list(v) if isinstance(v, tuple) else v, "from": settings.origins[key]}
            for key, v in settings.values.items()}}, ensure_ascii=False, indent=2))
        return
    click.echo(f"# configuration file: {settings.path or 'none (defaults)'}")
    shown = {key: json.dumps(list(v) if isinstance(v, tuple) else v, ensure_ascii=False)
             for key, v in settings.values.items()}
    width = max(len(f"{k}: {v}") for k, v in shown.items())
    for key, value in shown.items():
        click.echo(f"{f'{key}: {value}':<{width}}  # {settings.origins[key]}")


@main.command(cls=_Command)
@click.argument("rule_id")
@_rule_options
def rule(rule_id, packs, no_builtin, select, ignore, config_path, no_config):
    """Show a rule's docs: what, why, examples, what to use instead."""
    ruleset = build_ruleset(_settings())
    spec = ruleset.get(rule_id)
    if spec is None:
        close = [r.id for r in ruleset.rules if rule_id in r.id]
        hint = f" (did you mean: {', '.join(close[:5])})" if close else ""
        raise InputError(Problem(f"no rule {rule_id!r}{hint}; `replylint rules` lists them"))
    click.echo(f"{spec.id}  ({spec.category}, {spec.severity}, {spec.extends})\n")
    click.echo(f"What: {spec.message}\n")
    click.echo(f"Why: {spec.why}\n")
    def customer(ex) -> None:  # an exchange example: the customer's message first
        if ex.customer:
            click.echo(f"    customer: {' '.join(ex.customer.split())}")

    rewrites_only = spec.extends == "rewrite"  # a construction rewrite makes no finding of its own
    if spec.bad:
        click.echo("Rewritten:" if rewrites_only else "Flagged:")
        for ex in spec.bad:
            if rewrites_only:
                click.echo(f"  {ex.text.strip()}\n    {ex.span} → {ex.suggest or '(removed)'}")
                continue
            if ex.customer:
                click.echo(f"  ✗ reply: {ex.text.strip()}")
                customer(ex)
                click.echo(f"    flags: {ex.span}")
            else:
                click.echo(f"  ✗ {ex.text.strip()}")
            if ex.suggest is not None:
                click.echo(f"    → {ex.suggest if ex.suggest else '(removed)'}")
    if spec.good:
        click.echo("Left as written:" if rewrites_only else "Not flagged:")
        for ex in spec.good:
            click.echo(f"  ✓ {'reply: ' if ex.customer else ''}{ex.text.strip()}")
            customer(ex)
    if spec.suggest:
        click.echo("\nTemplates:" if rewrites_only else "\nUse instead (rewrite templates):")
        for s in spec.suggest:
            click.echo(f"  {s if s else '(remove the phrase)'}")
    click.echo(f"\nDefined in {spec.location}")


@main.command(name="eval", cls=_Command)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--verbose", "-v", is_flag=True, help="List misses and false positives with case ids.")
@click.option("--lang", type=click.Choice(["auto", "ru", "en"]), default="auto", show_default=True)
@_rule_options
def eval_command(paths, fmt, verbose, lang, packs, no_builtin, select, ignore, config_path, no_config):
    """Score the rules on labeled cases (format: examples/eval/README.md)."""
    from .evaluation import evaluate, load_cases

    cases = load_cases(list(paths))
    settings = _settings()
    engine = build_engine(settings, build_ruleset(settings))
    report = evaluate(cases, engine)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        return
    data = report.to_dict()
    click.echo(f"cases: {data['cases']}\n")
    header = f"{'':<16}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}{'f1':>7}"

    def rows(table: dict, prefix: str = ""):
        for category, s in table.items():
            click.echo(f"{prefix + category:<16}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}"
                       f"{s['precision']:>11.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}")

    click.echo(header)
    rows(data["by_category"])
    for lang_code, table in data["by_language"].items():
        click.echo("")
        rows(table, f"{lang_code} ")
    from .evaluation import rewrite_report

    rewrites = rewrite_report(report, engine)
    if rewrites.cases:
        cases = f"{rewrites.cases} case{'s' if rewrites.cases != 1 else ''}"
        click.echo(f"\nrewrites: on {cases} with a human neutral rewrite, applying the first "
                   f"suggestion of each finding leaves {rewrites.clean_after} clean of the flagged categories")
    if verbose:
        for case_id, rule_id in rewrites.residual:
            click.echo(f"REWRITE  {case_id}  {rule_id} still fires after the suggestions are applied")
        click.echo("")
        for result in report.results:
            for miss in result.misses:
                click.echo(f"MISS  {result.case.id}  {miss.category}  {miss.source}: {miss.text!r}")
            for fp in result.false_positives:
                click.echo(f"FP    {result.case.id}  {fp.rule_id}  {fp.source}: {fp.text!r}")


def run() -> None:
    """Console entry point: `main`, then exit without the interpreter's teardown.

    Tearing down spaCy's and pymorphy3's thousands of objects at exit is a
    tenth of a cold `replylint check`; everything we write (output, caches)
    is flushed or closed by then, and no atexit work is needed."""
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        _report_early("standard output is closed: nowhere to write the report")
        os._exit(EXIT_ERROR)
    try:
        main()
        code = 0
    except SystemExit as exc:
        if isinstance(exc.code, str):
            click.echo(exc.code, err=True)
            code = 1
        else:
            code = exc.code or 0
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    except (OSError, ValueError) as exc:  # the last of the output did not fit
        _report_early(f"cannot write the output: {getattr(exc, 'strerror', None) or exc}")
        code = EXIT_ERROR
    try:
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    os._exit(code)


def _report_early(message: str) -> None:
    if sys.stderr is not None:
        try:
            sys.stderr.write(f"replylint: error: {message}\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass


if __name__ == "__main__":  # pragma: no cover
    run()
