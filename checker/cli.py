"""The `treaty-check` command line (also `python -m checker`).

Exit codes: 0 clean / permitted; 1 findings of severity error, or a verdict of prohibited or
no_legal_effect; 2 bad input or usage, or output that cannot be written (one line per problem on
stderr); 3 internal error (a bug); 130 interrupted (Ctrl-C); 141 the reader of the output went away
(`| head`), silently, as for any program a closed pipe stops.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
from typing import Any, NoReturn
from collections.abc import Sequence
from datetime import date
def _date(text: str) -> date:
    from checker.calendar import parse_date
    from checker.models import FIRST_DAY, LAST_DAY

    day = parse_date(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}")
    if not FIRST_DAY <= day <= LAST_DAY:  # the days a record may carry: counts from them stay in range
        raise argparse.ArgumentTypeError(f"expected a day from {FIRST_DAY} to {LAST_DAY}, got {text!r}")
    return day


def _parser() -> argparse.ArgumentParser:
    from checker import __version__

    parser = argparse.ArgumentParser(
        prog="treaty-check",
        description="Rule-based treaty compliance checker: status over time, proposed actions, dataset audits.",
    )
    parser.add_argument("--version", action="version", version=f"treaty-check {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", action="append", metavar="PATH",
                        help="dataset file or folder (repeatable; default: the bundled facts/)")
    common.add_argument("--format", choices=("text", "json", "csv"), default="text",
                        help="output format (default: text; csv: status, audit and timeline only)")
    common.add_argument("--reading", action="append", metavar="NAME=VALUE",
                        help="apply another value of a reading (repeatable; see `treaty-check readings`)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("status", parents=[common], help="each state's status under a treaty on a day")
    p.add_argument("states", nargs="*", metavar="STATE", help="ISO 3166-1 alpha-3 codes (default: all in the dataset)")
    p.add_argument("--treaty", help="treaty id, e.g. apmbc (optional if the dataset holds one treaty)")
    p.add_argument("--on", type=_date, default=None, metavar="DATE", help="the day asked (default: today, the local date)")

    p = sub.add_parser("check", parents=[common], help="evaluate a proposed action without changing the dataset")
    p.add_argument("--state", required=True)
    p.add_argument("--action", required=True, metavar="ACTION",
                   help="signature, ratification, accession, withdrawal, suspension, use, production, transfer, ...")
    p.add_argument("--on", type=_date, required=True, metavar="DATE")
    p.add_argument("--treaty")
    p.add_argument("--counterparty", metavar="STATE", help="receiving or assisted state (transfer, acquisition, assistance)")
    p.add_argument("--purpose", choices=("training", "destruction", "military_cooperation"),
                   help="purpose of a retention, transfer or acquisition (APMBC/CCM Art. 3); of assistance (CCM Art. 21(3))")
    p.add_argument("--quantity", type=int)
    p.add_argument("--circumstance", action="append", default=[], dest="circumstances",
                   choices=("arms_embargo", "treaty_obligation", "atrocity_crimes"),
                   help="a circumstance of the conduct that a conditional prohibition names (ATT Art. 6); repeatable")
    p.add_argument("--specified-date", type=_date, metavar="DATE",
                   help="a withdrawal: the later or intended date the notice gives (Rome Art. 127(1), Open Skies Art. XV(2))")
    p.add_argument("--ground", choices=("material_breach", "fundamental_change", "treaty_clause"),
                   help="a suspension: the ground claimed (VCLT Arts. 60, 62)")
    p.add_argument("--against", action="append", default=[], metavar="STATE",
                   help="a suspension: a state it is invoked against (repeatable; none: every other party)")
    p.add_argument("--urgency", action="store_true", help="a suspension: claimed in special urgency (VCLT Art. 65(2))")
    p.add_argument("--statement", choices=("yes", "no"),
                   help="a withdrawal: whether the notice carries the statement the treaty requires (NPT Art. X(1))")

    p.add_argument("--explain", action="store_true", help="attach each finding's derivation")

    p = sub.add_parser("audit", parents=[common], help="every finding in the dataset")
    p.add_argument("--treaty", help="only this treaty")
    p.add_argument("--as-of", type=_date, metavar="DATE", help="audit as the world stood that day (default: today, the local date)")
    p.add_argument("--explain", action="store_true", help="attach each finding's derivation")
    p.add_argument("--no-cache", action="store_true", help="do not reuse or keep a cached audit of unchanged files")
    p.add_argument("--severity", choices=("error", "warning", "info"), default="info",
                   help="show only findings of this severity or worse (default: info, everything)")
    p.add_argument("--code", action="append", default=[], metavar="CODE",
                   help="show only findings with this code (repeatable; see `treaty-check codes`)")

    p = sub.add_parser("explain", parents=[common], help="why a state has its status on a day; or what a finding code means")
    p.add_argument("code", nargs="?", metavar="CODE", help="a finding code (see `treaty-check codes`)")
    p.add_argument("--state")
    p.add_argument("--treaty")
    p.add_argument("--on", type=_date, metavar="DATE")

    sub.add_parser("codes", parents=[common], help="list every finding code")
    sub.add_parser("readings", parents=[common],
                   help="list the readings: choices where a treaty's text admits more than one answer")

    p = sub.add_parser("timeline", parents=[common], help="each status interval, with the records that opened and closed it (open deadlines measured to today, the local date)")
    p.add_argument("states", nargs="*", metavar="STATE", help="default: all in the dataset")
    p.add_argument("--treaty")
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML page with the timeline")

    sub.add_parser("treaties", parents=[common],
                   help="list the treaties known: entry into force as the rules derive it, and records")

    p = sub.add_parser("coverage", parents=[common],
                       help="how complete and how well sourced a treaty's records are, against the sources' count")
    p.add_argument("--treaty")

    p = sub.add_parser("validate", help="check data only (schema, references, duplicates) and list every problem")
    p.add_argument("paths", nargs="+", metavar="PATH", help="dataset files or folders")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help='output format; json: {"ok", "records", "files"} or {"ok": false, "problems"} (exit 2)')

    p = sub.add_parser("import", help="turn a depositary's status table into a dataset file")
    p.add_argument("source", choices=("untc",), help="untc: a status table copied from the UN Treaty Collection")
    p.add_argument("file", metavar="FILE", help="the table: tab-separated (as copied from the page) or CSV")
    p.add_argument("--treaty", required=True, help="the treaty id the table is for, e.g. apmbc")
    p.add_argument("-o", "--output", metavar="OUT", help="write the dataset here (default: print it)")
    p.add_argument("--succession-date", action="append", default=[], metavar="STATE=DATE",
                   help="the date of the succession of States for a succession (d), which the table does not give (repeatable)")

    p = sub.add_parser("schema", help="print the JSON Schema of a command's JSON output, or of a treaty definition file")
    p.add_argument("kind", choices=("status", "check", "audit", "explain", "timeline", "treaties", "coverage", "treaty"))
    return parser


# Arguments that name states: codes are upper case (ISO 3166-1), so `status fin` means FIN.
STATE_ARGUMENTS = ("states", "state", "against", "counterparty")


class _OutputLost(Exception):
    """Standard output cannot be written: a full disk, a closed pipe."""

    def __init__(self, cause: OSError) -> None:
        self.cause = cause
        super().__init__(cause.strerror or str(cause))


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    try:
        try:
            code = _main(argv)
        finally:  # also after --help: a short output fails only when flushed
            _flush()
        return code
    except KeyboardInterrupt:
        _say("treaty-check: interrupted")
        return 130
    except (_OutputLost, BrokenPipeError) as exc:
        _detach_stdout()
        cause = exc.cause if isinstance(exc, _OutputLost) else exc
        if isinstance(cause, BrokenPipeError):
            return 141  # the reader went away (`| head`): nothing to say, and no one to say it to
        _say(f"error: cannot write the output: {cause.strerror or cause}")
        return 2


def script() -> NoReturn:
    """The `treaty-check` program: `main()`, then exit."""
    code = main()
    # At exit the interpreter's collector scans every object still held (records, models, answers)
    # for cycles: ~20 ms of a 0.3 s `check`, to free memory the process returns anyway. Frozen
    # objects are not scanned; standard streams are still flushed and atexit handlers still run.
    gc.freeze()
    sys.exit(code)


def _main(argv: Sequence[str] | None) -> int:
    try:
        args = _parser().parse_args(argv)
    except OSError as exc:  # argparse writing --help or --version
        raise _OutputLost(exc) from None
    for name in STATE_ARGUMENTS:
        value = getattr(args, name, None)
        if isinstance(value, str):
            setattr(args, name, value.upper())
        elif isinstance(value, list):
            setattr(args, name, [v.upper() for v in value])
    from checker.errors import InputError, more_words, shown

    try:
        return _run(args)
    except InputError as exc:
        first, more = shown(exc.problems)
        for problem in first:
            _say(f"error: {problem}")
        if more:
            _say(more_words(more))
        return 2
    except (_OutputLost, BrokenPipeError):
        raise
    except Exception as exc:  # never a traceback: report and exit 3
        from checker.errors import printable

        _say(printable(f"internal error: {type(exc).__name__}: {exc}"))
        return 3


def _tolerant_output() -> None:
    """A terminal or pipe that cannot encode a character (PYTHONIOENCODING=ascii) shows it escaped."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _say(line: str) -> None:
    """One line on stderr; a stderr that cannot be written leaves nothing else to try."""
    with contextlib.suppress(OSError):
        print(line, file=sys.stderr, flush=True)


def _flush() -> None:
    try:
        sys.stdout.flush()
    except OSError as exc:
        raise _OutputLost(exc) from None


def _detach_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's own flush at exit fails no more."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _run(args: argparse.Namespace) -> int:
    from checker import progress, render

    progress.enable()
    try:
        return _dispatch(args, render)
    finally:
        progress.done()


def _dispatch(args: argparse.Namespace, render: Any) -> int:
    if args.command == "schema":
        from checker.schema import schema_json

        _write(schema_json(args.kind))
        return 0
    if args.command == "codes":
        _write(render.codes_text() if args.format == "text" else render.codes_json())
        return 0
    if args.command == "readings":
        _write(render.readings_text() if args.format == "text" else render.readings_json())
        return 0
    if args.command == "explain" and args.code is not None:
        return _explain_code(args.code, args.format)
    if args.command == "import":
        return _import(args)
    if args.command == "validate":
        from checker.errors import InputError, shown
        from checker.loader import load_dataset

        try:
            dataset = load_dataset(args.paths)  # raises InputError listing every problem
        except InputError as exc:
            if args.format == "text":
                raise
            first, more = shown(exc.problems)
            problems = [{"file": p.file, "record": p.record, "field": p.field, "message": p.message} for p in first]
            _write(json.dumps({"ok": False, "problems": problems, "more_problems": more}, indent=2, ensure_ascii=False) + "\n")
            return 2
        records = sum(map(len, (dataset.events, dataset.conflicts, dataset.states, dataset.membership, dataset.source_kinds)))
        files = len(dataset.data_files)
        if args.format == "json":
            _write(json.dumps({"ok": True, "records": records, "files": files}, indent=2) + "\n")
        else:
            _write(f"ok: {records} records in {files} files, no problems\n")
        return 0

    from checker.api import Checker, filtered
    from checker.readings import parse, resolve

    as_json = args.format == "json"
    if args.format == "csv" and args.command not in ("status", "audit", "timeline"):
        from checker.errors import usage_error

        raise usage_error(f"--format csv is for status, audit and timeline, not {args.command}")
    readings = resolve(parse(args.reading))
    if args.command == "audit":
        from checker.codes import CODES
        from checker.errors import usage_error

        unknown = sorted(set(args.code) - set(CODES))
        if unknown:
            raise usage_error(f"unknown finding code {', '.join(unknown)} (see `treaty-check codes`)")
    if args.command == "audit" and not args.no_cache:
        return _cached_audit_out(args, readings)

    checker = Checker.load(args.data, readings)
    if args.command == "treaties":
        report = checker.treaties()
        _write(render.to_json(report) if as_json else render.treaties_text(report))
        return 0
    if args.command == "coverage":
        covered = checker.coverage(args.treaty)
        _write(render.to_json(covered) if as_json else render.coverage_text(covered))
        return 0
    if args.command == "explain":
        if args.state is None or args.on is None:
            from checker.errors import usage_error

            raise usage_error("explain needs a CODE, or --state and --on (and --treaty if the dataset has several)")
        explanation = checker.explain(args.state, on=args.on, treaty=args.treaty)
        _write(render.to_json(explanation) if as_json else render.explanation_text(explanation))
        return 0
    if args.command == "timeline":
        timeline = checker.timeline(args.states, treaty=args.treaty)
        if args.html:
            from checker.html import timeline_html

            from checker.errors import InputError, Problem

            try:
                with open(args.html, "w", encoding="utf-8") as page:
                    page.write(timeline_html(timeline))
            except OSError as exc:
                raise InputError([Problem(args.html, None, None, f"cannot write the HTML page: {exc.strerror or exc}")]) from None
        _write(_shaped(args.format, timeline, render.timeline_text, render.timeline_csv))
        return 0
    if args.command == "status":
        report = checker.status(args.states, on=args.on or date.today(), treaty=args.treaty)
        _write(_shaped(args.format, report, render.status_text, render.status_csv))
        return 0
    if args.command == "check":
        result = checker.check(
            args.state, args.action, on=args.on, treaty=args.treaty,
            counterparty=args.counterparty, purpose=args.purpose, quantity=args.quantity,
            circumstances=args.circumstances, specified_date=args.specified_date,
            statement=None if args.statement is None else args.statement == "yes",
            ground=args.ground, against=args.against, urgency=args.urgency, explain=args.explain,
        )
        _write(render.to_json(result) if as_json else render.check_text(result))
        return 0 if result.verdict == "permitted" and result.counterparty_verdict in (None, "permitted") else 1
    audit = checker.audit(args.treaty, as_of=args.as_of, explain=args.explain)
    return _audit_out(filtered(audit, args.severity, args.code), args.format, render, group=not args.code)


def _import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from checker.errors import InputError, Problem, usage_error
    from checker.untc import read_table, to_yaml

    successions: dict[str, date] = {}
    for text in args.succession_date:
        state, _, day = text.partition("=")
        try:
            parsed = date.fromisoformat(day)
        except ValueError:
            raise usage_error(f"--succession-date expects STATE=YYYY-MM-DD, got {text!r}") from None
        if state in successions:
            raise usage_error(f"--succession-date gives {state} twice")
        successions[state] = parsed
    records = read_table(args.file, args.treaty, successions)  # raises InputError listing every problem
    text = to_yaml(records, Path(args.file).name)
    if args.output is None:
        _write(text)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        raise InputError([Problem(args.output, None, None, f"cannot write: {exc.strerror}")]) from None
    states = len({r["state"] for r in records})
    _write(f"ok: {len(records)} records of {states} states written to {args.output}\n")
    return 0


def _audit_out(audit: Any, fmt: str, render: Any, group: bool) -> int:
    text, code = _audit_output(audit, fmt, render, group)
    _write(text)
    return code


def _audit_output(audit: Any, fmt: str, render: Any, group: bool) -> tuple[str, int]:
    """An audit as printed (text: repeated notes grouped, unless codes were asked for), and the
    exit code: 1 if it shows an error (a filter that hides every error exits 0, as ruff does for
    the rules it was not asked about)."""
    text = _shaped(fmt, audit, lambda a: render.audit_text(a, group), render.audit_csv)
    return text, 1 if any(f.severity == "error" for f in audit.findings) else 0


def _cached_audit_out(args: argparse.Namespace, readings: dict[str, str]) -> int:
    """An audit as `_audit_out` prints it, kept in the cache beside the report: a repeated audit
    writes the kept bytes as they are (their digest checked), without reading the report back."""
    from checker import cache, render
    from checker.api import audit_entry, filtered

    entry = audit_entry(args.data, treaty=args.treaty, as_of=args.as_of, explain=args.explain, readings=readings)
    output = cache.derived(entry.key, f"output {args.format} {args.severity} {sorted(set(args.code))}")
    kept = cache.read(output)
    if kept is not None and kept[0] in ("0", "1"):
        code, text = int(kept[0]), kept[1]
    else:
        text, code = _audit_output(filtered(entry.report(), args.severity, args.code), args.format, render,
                                   group=not args.code)
        cache.store(output, text, str(code))
    _write(text)
    return code


def _shaped(fmt: str, report: Any, text: Any, as_csv: Any) -> str:
    """A report as JSON, CSV or text."""
    from checker import render

    return render.to_json(report) if fmt == "json" else as_csv(report) if fmt == "csv" else text(report)


def _explain_code(code: str, output: str) -> int:
    """Like `ruff rule`: what the code checks, why, its articles, and its example run for real."""
    from checker import render
    from checker.codes import CODES
    from checker.errors import usage_error

    entry = CODES.get(code)
    if entry is None:
        raise usage_error(f"unknown finding code {code!r}; `treaty-check codes` lists them")
    finding = None
    if entry.example is not None:
        import yaml

        from checker.api import Checker
        from checker.loader import Document, load_dataset

        # The shipped treaties only (no dataset path), plus the example's records.
        example = load_dataset([], documents=[Document(f"example of {code}", yaml.safe_load(entry.example))])
        finding = next(f for f in Checker(example).audit().findings if f.code == code)
    _write(render.code_text(entry, finding) if output == "text" else render.code_json(entry, finding))
    return 0


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        raise _OutputLost(exc) from None


if __name__ == "__main__":
    sys.exit(main())
