"""wirewatch command line. Every failure is one line on stderr and a non-zero exit."""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from flows import analyst_commands, commands, ops_commands

DEFAULT_DATA = "data"


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a bad argument is one line on stderr (no usage block), exit status 2."""

    def error(self, message: str):
        command = self.prog.removeprefix("wirewatch").strip()
        self.exit(2, f"wirewatch: error: {command + ': ' if command else ''}{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="wirewatch",
        description="French and English news wires in, counts of attacks over time out.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="poll every feed once now (a Prefect flow run) and load the warehouse",
                         description="Poll every configured feed once, as a Prefect flow run on Prefect's "
                                     "local embedded server, and load what is new.")
    run.add_argument("--feeds", default="feeds.yaml", help="feed configuration file (default: feeds.yaml)")
    _data(run)

    demo = sub.add_parser("demo", help="serve the bundled sample site on 127.0.0.1, ingest it, print attacks per day",
                          description="Serve the bundled French and English sample news site on 127.0.0.1, run "
                                      "the ingest flow against it, then print attacks per day. Offline.")
    _data(demo, default="demo-data")

    ext = sub.add_parser("extract", help="stories JSONL in, incident predictions JSONL out (no Prefect)",
                         description="Read stories (JSONL, incident-schema.md format) and write one prediction "
                                     "per story. Streams with constant memory; '-' means stdin/stdout.")
    ext.add_argument("infile", metavar="IN.jsonl")
    ext.add_argument("outfile", metavar="OUT.jsonl")
    ext.add_argument("--explain", action="store_true",
                     help="write, instead of predictions, each sentence's role, the incident it went into "
                          "and what decided, then each incident with the sentences behind it")

    commands.OPS.update(analyst_commands.register(sub))
    rep2 = sub.add_parser("reprocess", help="rebuild stories, incidents and events from the raw archive",
                          description="Re-parse archived payloads fetched between --since and --until "
                                      "(inclusive; default: all) with the current extractor and rebuild the "
                                      "stories, incidents and events they produce. Idempotent.")
    rep2.add_argument("--since", metavar="DATE", type=_date, help="first fetch day, YYYY-MM-DD")
    rep2.add_argument("--until", metavar="DATE", type=_date, help="last fetch day, YYYY-MM-DD")
    _data(rep2)
    commands.OPS.update(ops_commands.register(sub))
    return parser


def _data(parser: argparse.ArgumentParser, default: str = DEFAULT_DATA) -> None:
    parser.add_argument("--data", default=default, metavar="DIR",
                        help=f"data directory: raw archive, Parquet lake, warehouse.duckdb (default: {default})")


def _date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def main(argv: list[str] | None = None) -> int:
    # offline by default: the embedded Prefect server would otherwise try to send telemetry
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # the embedded server imports every installed collection (prefect-dask pulls in distributed) before it
    # answers; Prefect's 20 s default is too tight on a loaded machine
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    args = build_parser().parse_args(argv)
    try:
        return commands.dispatch(args)
    except commands.UserError as exc:
        print(f"wirewatch: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("wirewatch: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
