"""Operations commands (scheduling, serving); registered by cli.py."""
from __future__ import annotations

from pathlib import Path


def register(sub) -> dict:
    """Add the operations subcommands to `sub`; returns {command name: handler(args) -> int}."""
    serve = sub.add_parser(
        "serve", help="schedule ingest (every 15 min) and report-daily on this machine until Ctrl-C",
        description="Serve the ingest and report-daily deployments with Prefect on this machine. Uses the "
                    "server named by PREFECT_API_URL, or starts a local Prefect server (127.0.0.1, SQLite) "
                    "and stops it on exit.")
    serve.add_argument("--feeds", default="feeds.yaml", help="feed configuration file (default: feeds.yaml)")
    serve.add_argument("--data", default="data", metavar="DIR", help="data directory (default: data)")
    serve.add_argument("--interval", type=_minutes, default=15.0, metavar="MINUTES",
                       help="minutes between ingest runs (default: 15)")
    return {"serve": cmd_serve}


def _minutes(value: str) -> float:
    import argparse
    try:
        minutes = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of minutes: {value!r}") from None
    if minutes <= 0:
        raise argparse.ArgumentTypeError(f"the interval must be positive, got {value!r}")
    return minutes


def cmd_serve(args) -> int:
    from flows.commands import UserError
    from flows.config import load_feeds
    from flows.serve import ServeError, ServeOptions, serve_forever
    load_feeds(args.feeds)      # a bad feed file fails now, not at the first scheduled run
    options = ServeOptions(Path(args.feeds).resolve(), Path(args.data).resolve(), args.interval)
    try:
        serve_forever(options)
    except ServeError as exc:
        raise UserError(str(exc)) from None
    return 0
