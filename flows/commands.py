"""What each CLI command does; cli.py only parses arguments."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from warehouse.db import WarehouseBusy
from warehouse.lakeview import NoLake
from warehouse.layout import Layout

from flows.config import ConfigError, load_feeds
from flows.output import emit, print_summary
from flows.progress import progress


OPS: dict = {}   # operations commands, filled by ops_commands.register


class UserError(Exception):
    """A problem the user can fix; printed as one line."""


def dispatch(args) -> int:
    handlers = {"run": cmd_run, "demo": cmd_demo, "extract": cmd_extract, "reprocess": cmd_reprocess, **OPS}
    handler = handlers[args.command]
    try:
        return handler(args)
    except (ConfigError, WarehouseBusy, NoLake) as exc:
        raise UserError(str(exc)) from None


def cmd_run(args) -> int:
    from flows.ingest import ingest
    from flows.runners import configured
    try:
        load_feeds(args.feeds)      # a bad feed file is one line now, before Prefect starts a server
    except ConfigError as exc:
        raise UserError(f"{exc} (see README, 'Feed configuration')") from None
    summary = configured(ingest)(feeds_file=str(args.feeds), data_dir=str(args.data))
    print_summary(summary)
    return summary.exit_code


def cmd_demo(args) -> int:
    from flows.demo_site import build_site, load_demo_stories, serve_site
    from flows.ingest import ingest
    from warehouse.lakeview import lake_connection
    from warehouse.queries import attacks
    with serve_site(lambda base: build_site(load_demo_stories(), base)) as base, \
            tempfile.TemporaryDirectory() as tmp:
        feeds = Path(tmp) / "feeds.yaml"
        feeds.write_text(_fetch_text(f"{base}/feeds.yaml"), encoding="utf-8")
        print(f"demo site at {base} ({feeds.read_text().count('- name:')} feeds)")
        summary = ingest(feeds_file=str(feeds), data_dir=str(args.data))
    print_summary(summary)
    with lake_connection(Layout.at(args.data)) as con:
        columns, rows = attacks(con, "day")
    emit(columns, rows, "table", title="attacks per day (distinct events)", empty="(no attacks)")
    print(f"warehouse: {Layout.at(args.data).db}  (try: wirewatch sql \"FROM attacks_weekly\" "
          f"--data {args.data}, or wirewatch report --by week --chart weekly.png --data {args.data})")
    return summary.exit_code


def _fetch_text(url: str) -> str:
    import requests
    response = requests.get(url, timeout=10)
    response.raise_for_status()
    return response.text


def cmd_extract(args) -> int:
    from transforms.extract.jsonl import BadStoryError, run_jsonl
    try:
        infile = sys.stdin if args.infile == "-" else open(args.infile, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{args.infile}: cannot read: {exc.strerror}") from None
    try:
        with infile, _open_out(args.outfile) as outfile, progress("extracting", None, "stories") as update:
            count = run_jsonl(infile, outfile, progress=update, explained=args.explain)
    except BadStoryError as exc:
        raise UserError(f"{args.infile}:{exc}") from None
    print(f"{count} stories -> {args.outfile}", file=sys.stderr)
    return 0


def _open_out(path: str):
    if path == "-":
        return _NoClose(sys.stdout)
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{path}: cannot write: {exc.strerror}") from None


class _NoClose:
    def __init__(self, fh):
        self.fh = fh

    def __enter__(self):
        return self.fh

    def __exit__(self, *exc):
        self.fh.flush()


def cmd_reprocess(args) -> int:
    from flows.reprocess import reprocess
    layout = Layout.at(args.data)
    if not layout.raw.exists():
        raise UserError(f"{layout.raw}: no raw archive to reprocess; run 'wirewatch run' first")
    reprocess(data_dir=str(args.data), since=args.since, until=args.until)
    return 0
