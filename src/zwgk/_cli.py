"""The ``zwgk`` command line.

Exit codes: 0 success; 1 findings at or above ``--fail-on`` (``validate``, default
``error``); 2 usage error, or output that cannot be written (a full disk); 3 one or more
files could not be read or parsed (the others are still processed and printed); 130
interrupted; 141 output pipe closed early.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from zwgk._analysis.batch import SUFFIXES, cmd_facts, document_files, parse_many
from zwgk._analysis.crosswalk import harmonize
from zwgk._errors import MissingExtraError
from zwgk._model import AnnualReport, AnyDocument, Plan
from zwgk._serialize.json import to_data, to_json
from zwgk._serialize.schema import json_schema
from zwgk._validate import validate
from zwgk._version import __version__

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_FILE_ERRORS = 3


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr (exit 2, no usage dump)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _workers(text: str) -> int:
    """``--workers``: a whole number of processes, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def summary(doc: AnyDocument, name: str) -> str:
    """A few readable lines about a parsed document.

    Examples:
        >>> import zwgk
        >>> from zwgk._cli import summary
        >>> print(summary(zwgk.OtherDocument(title="停电通知"), "x.txt").splitlines()[0])
        x.txt: other — 停电通知
    """
    agency = doc.agency.full_name or doc.agency.name if doc.agency else "agency unknown"
    lines = [f"{name}: {doc.kind.value} — {doc.title or '(no title)'}"]
    dates = f"published {doc.published or '?'}"
    if doc.signed:
        dates += f", signed {doc.signed}"
    lines.append(f"  {agency}; {dates}")
    if isinstance(doc, AnnualReport):
        fmt = doc.format.value if doc.format else "no table"
        cells = sum(len(t.cells) for t in doc.tables)
        inferred = sum(1 for c in doc.cells() if c.inferred)
        unplaced = sum(len(t.unplaced) for t in doc.tables)
        lines.append(
            f"  year {doc.year}, format {fmt}, {len(doc.tables)} table(s), {cells} cells "
            f"({inferred} inferred, {unplaced} unplaced), {len(doc.facts)} narrative facts"
        )
        received = harmonize(doc).get("applications_received")
        if received is not None and (received.parts or received.missing):
            shown = "(blank)" if received.value is None else received.value
            lines.append(f"  applications received: {shown}")
    if isinstance(doc, Plan):
        tasks = list(doc.walk_tasks())
        leads = sorted({u.name for t in tasks for u in t.lead})
        lines.append(
            f"  {len(doc.tasks)} top-level tasks, {len(tasks)} in all; leads: {', '.join(leads[:8]) or 'none named'}"
        )
    if doc.findings:
        codes: dict[str, int] = {}
        for f in doc.findings:
            codes[f.code] = codes.get(f.code, 0) + 1
        lines.append("  findings: " + ", ".join(f"{c} ×{n}" for c, n in sorted(codes.items())))
    return "\n".join(lines)


def _parsed(args: argparse.Namespace, err: TextIO) -> Iterator[tuple[Path, AnyDocument]]:
    """Parse the files of ``args.paths`` on every core (progress bar on a terminal);
    each failure is one line on ``err`` and sets ``args.failed``."""
    paths = [str(p) for p in document_files(args.paths, err, args.suffix)]
    args.failed = False
    for result in parse_many(paths, workers=args.workers, progress=True):
        if result.document is None:
            print(f"zwgk: {result.source}: {result.error}", file=err)
            args.failed = True
        else:
            if any(f.code == "input.empty" for f in result.document.findings):
                print(f"zwgk: {result.source}: empty input, no document read", file=err)
            yield Path(result.source), result.document


def _cmd_parse(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    for path, doc in _parsed(args, err):
        if args.format == "json":
            print(to_json(doc, indent=2), file=out)
        elif args.format == "jsonl":
            print(to_json(doc), file=out)
        else:
            print(summary(doc, str(path)), file=out)
    return EXIT_FILE_ERRORS if args.failed else EXIT_OK


_LEVELS = {"info": 0, "warning": 1, "error": 2}


def _cmd_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    threshold = _LEVELS.get(args.fail_on)
    worst = -1
    for path, doc in _parsed(args, err):
        findings = (*doc.findings, *validate(doc))
        if args.format == "jsonl":
            for finding in findings:
                row = {"file": str(path), **to_data(finding)}
                print(json.dumps(row, ensure_ascii=False), file=out)
        else:
            print(f"{path}: {len(findings)} finding(s)", file=out)
            for finding in findings:
                where = f" [{finding.rule}]" if finding.rule else ""
                print(
                    f"  {finding.severity.value:7} {finding.code}{where}: {finding.message}",
                    file=out,
                )
        for finding in findings:
            worst = max(worst, finding.severity.rank)
    if args.failed:
        return EXIT_FILE_ERRORS
    if threshold is not None and worst >= threshold:
        return EXIT_FINDINGS
    return EXIT_OK


def _cmd_facts(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return cmd_facts(args.paths, args.output, out, err, args.suffix)


def _cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2), file=out)
    return EXIT_OK


_PATHS_HELP = (
    f"files (always read) or folders (searched for {', '.join('*' + x for x in SUFFIXES)}, "
    "any case; other entries are listed on stderr as skipped)"
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``zwgk`` command."""
    parser = _Parser(
        prog="zwgk",
        description="Typed, validated, traceable data from government-disclosure documents.",
    )
    parser.add_argument("--version", action="version", version=f"zwgk {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse documents and print a summary, JSON or JSON lines")
    p.add_argument("paths", nargs="+", help=_PATHS_HELP)
    p.add_argument(
        "--format",
        choices=("summary", "json", "jsonl"),
        default="summary",
        help="a readable summary (default), indented JSON dumps, or one JSON dump per line",
    )
    p.add_argument(
        "--workers", type=_workers, default=1, help="processes to parse with, 1 or more (default 1)"
    )
    p.set_defaults(run=_cmd_parse)
    v = sub.add_parser("validate", help="parse and validate documents; print their findings")
    v.add_argument("paths", nargs="+", help=_PATHS_HELP)
    v.add_argument(
        "--format",
        choices=("text", "jsonl"),
        default="text",
        help="readable lines (default), or one JSON object per finding with its file",
    )
    v.add_argument(
        "--workers", type=_workers, default=1, help="processes to parse with, 1 or more (default 1)"
    )
    v.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default="error",
        help="exit 1 when a finding of this severity or worse is found (default: error)",
    )
    v.set_defaults(run=_cmd_validate)
    f = sub.add_parser("facts", help="write one row per number (cells and prose) to Parquet or CSV")
    f.add_argument("paths", nargs="+", help=_PATHS_HELP)
    f.add_argument("-o", "--output", required=True, help="facts.parquet or facts.csv")
    f.set_defaults(run=_cmd_facts)
    for command in (p, v, f):
        command.add_argument(
            "--suffix",
            action="append",
            default=[],
            metavar=".EXT",
            help="also take files with this suffix from folders (repeatable; e.g. --suffix .md)",
        )
    s = sub.add_parser("schema", help="print the JSON Schema of zwgk's dumps")
    s.set_defaults(run=_cmd_schema)
    return parser


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line with ``argv``; returns the exit code.

    Examples:
        >>> from zwgk._cli import main
        >>> main(["parse", "seeds/003_cfccfa7d233b51e6.txt"])  # doctest: +ELLIPSIS
        seeds/003_cfccfa7d233b51e6.txt: annual_report — 株洲市工商行政管理局2017年度政府信息公开工作年度报告
        ...
        0
    """
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    parser = build_parser()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    try:
        result: int = args.run(args, out, err)
    except MissingExtraError as exc:
        print(f"zwgk: {exc}", file=err)
        return EXIT_USAGE
    return result


def console_main() -> None:
    """Entry point of the installed ``zwgk`` script (and of ``python -m zwgk``).

    A reader that stops early (``zwgk parse --format jsonl big/ | head``) ends the run
    quietly with the shell's code for a closed pipe, 141; Ctrl-C with 130; output that
    cannot be written (``> /dev/full``) with one line on standard error and 2.
    """
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again while flushing stdout at exit: point it at devnull.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 128 + 13  # SIGPIPE
    except OSError as exc:  # standard output cannot be written (a full disk, /dev/full)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print(f"zwgk: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        code = EXIT_USAGE
    except KeyboardInterrupt:
        code = 128 + 2  # SIGINT
    raise SystemExit(code)
