"""The analyst's commands: report, events, sql. All three read the Parquet lake through
warehouse.lakeview, so none of them waits for (or holds up) an ingest that is loading."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import duckdb

from transforms.actor_names import names_for
from transforms.geojson import feature_collection
from transforms.models import EVENT_TYPES
from warehouse.lakeview import EventFilter, NotReadOnly, lake_connection, read_only_query
from warehouse.layout import Layout
from warehouse.queries import attacks, event_evidence

from flows.commands import UserError
from flows.output import FORMATS, console, emit, table, to_json


DEMO_DATA = "demo-data"


def register(sub) -> dict:
    """Add report, events and sql to `sub`; returns {command name: handler(args) -> int}."""
    rep = sub.add_parser("report", help="attacks per day, week or month, filtered, as a table, CSV, JSON or chart",
                         description="Attacks (distinct events) per day, week or month by country and event type, "
                                     "read from the Parquet lake (never waits for a running ingest).")
    rep.add_argument("--by", choices=("day", "week", "month"), default="day", help="period (default: day)")
    _filters(rep)
    rep.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    rep.add_argument("--chart", type=_png, metavar="FILE.png",
                     help="also draw attacks per period stacked by event type, and killed per period, to a PNG")
    _data(rep)

    ev = sub.add_parser("events", help="one row per real-world event with its sources and evidence",
                        description="One row per real-world event: date, place, type, killed/injured ranges, "
                                    "how many stories and feeds report it, one evidence sentence and the story "
                                    "URLs. geojson gives an RFC 7946 FeatureCollection for QGIS or kepler.gl.")
    _filters(ev)
    ev.add_argument("--format", choices=FORMATS + ("geojson",), default="table", help="output format (default: table)")
    _data(ev)

    sql = sub.add_parser("sql", help="run one read-only SQL query on the lake (never blocks ingest)",
                         description="Run one SELECT on an in-memory DuckDB whose views stories, incidents, "
                                     "events and attacks_daily|weekly|monthly read the Parquet lake. Statements "
                                     "that write are refused.")
    sql.add_argument("query", metavar="SQL", help='one SELECT statement, e.g. "SELECT count(*) FROM events"')
    sql.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    _data(sql)
    return {"report": cmd_report, "events": cmd_events, "sql": cmd_sql}


def _data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", metavar="DIR",
                        help=f"data directory (default: data, or {DEMO_DATA} when only the demo has run)")


def data_dir(args) -> str:
    """--data, else ./data, else the demo's ./demo-data when only it has a lake (said on stderr)."""
    if args.data:
        return args.data
    if not _has_lake(Layout.at("data")) and _has_lake(Layout.at(DEMO_DATA)):
        print(f"wirewatch: reading {DEMO_DATA}/ (the demo's data; ./data has no lake yet)", file=sys.stderr)
        return DEMO_DATA
    return "data"


def _has_lake(layout) -> bool:
    return layout.lake_url is None and Path(layout.lake).is_dir()


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--country", type=_country, metavar="CC", help="ISO 3166-1 alpha-2 code, e.g. ML")
    parser.add_argument("--type", choices=EVENT_TYPES, metavar="EVENT_TYPE",
                        help=f"event type: {', '.join(EVENT_TYPES)}")
    parser.add_argument("--actor", metavar="NAME",
                        help="perpetrator or target (actor1 or actor2), any French or English name of it")
    parser.add_argument("--since", type=_date, metavar="DATE", help="first event day, YYYY-MM-DD")
    parser.add_argument("--until", type=_date, metavar="DATE", help="last event day, YYYY-MM-DD")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _country(value: str) -> str:
    from transforms.extract.gazetteer import countries_by_code   # the countries the extractor ships
    code = value.strip().upper()
    if code not in countries_by_code():
        raise argparse.ArgumentTypeError(f"unknown country code {value!r} (ISO 3166-1 alpha-2, e.g. ML, UA)")
    return code


def _png(value: str) -> Path:
    if not value.lower().endswith(".png"):
        raise argparse.ArgumentTypeError(f"the chart is a PNG file, name it FILE.png: {value!r}")
    return Path(value)


def _event_filter(args) -> EventFilter:
    if args.since and args.until and args.since > args.until:
        raise UserError(f"--since {args.since} is after --until {args.until}")
    return EventFilter(country=args.country, event_type=args.type, since=args.since, until=args.until,
                       actors=names_for(args.actor) if args.actor else ())


def _describe(args) -> str:
    """The filters in words, for titles."""
    parts = [args.country, args.type, args.actor and f"actor {args.actor}",
             (args.since or args.until) and f"{args.since or '…'} to {args.until or '…'}"]
    return ", ".join(p for p in parts if p)


def cmd_report(args) -> int:
    with _lake(args, _event_filter(args)) as con:
        columns, rows = attacks(con, args.by)
    if args.chart:
        _chart(rows, args)
    total, killed = sum(r[3] for r in rows), sum(r[4] or 0 for r in rows)
    emit(columns, rows, args.format, title=f"attacks per {args.by} (distinct events) {_describe(args)}".strip(),
         caption=f"{total} attacks, at least {killed} killed", empty="(no attacks match)")
    return 0


def _chart(rows, args) -> None:
    from flows.chart import attacks_chart
    try:
        attacks_chart(rows, args.by, args.chart, _describe(args))
    except OSError as exc:
        raise UserError(f"{args.chart}: cannot write the chart: {exc.strerror}") from None
    print(f"chart: {args.chart}", file=sys.stderr)


def cmd_events(args) -> int:
    with _lake(args, _event_filter(args)) as con:
        columns, rows = event_evidence(con)
    if args.format == "geojson":
        sys.stdout.write(to_json(feature_collection(columns, rows)) + "\n")
    elif args.format == "table":
        shown, display = _event_display(columns, rows)
        title = f"{len(rows)} events {_describe(args)}".strip()
        console().print(table(shown, display, title) if rows else "(no events match)")
    else:
        emit(columns, rows, args.format)
    return 0


def _event_display(columns, rows) -> tuple[list[str], list[tuple]]:
    """The terminal's view of an event: ranges as '10-12' or '5+', evidence and URLs under one heading."""
    out = []
    for row in rows:
        e = dict(zip(columns, row))
        out.append((e["date"], e["country"], e["location"], e["event_type"],
                    _range(e["killed_min"], e["killed_max"]), _range(e["injured_min"], e["injured_max"]),
                    f"{e['n_stories']} / {e['n_feeds']}", f"{e['evidence'] or ''}\n" + "\n".join(e["urls"])))
    return ["date", "country", "place", "type", "killed", "injured", "stories / feeds", "evidence, sources"], out


def _range(low, high) -> str:
    if low is None:
        return ""
    if high is None:
        return f"{low}+"
    return str(low) if low == high else f"{low}-{high}"


def cmd_sql(args) -> int:
    with _lake(args) as con:
        try:
            columns, rows = read_only_query(con, args.query)
        except NotReadOnly as exc:
            raise UserError(str(exc)) from None
        except duckdb.Error as exc:
            raise UserError(str(exc).strip().splitlines()[0]) from None
    emit(columns, rows, args.format)
    return 0


def _lake(args, only: EventFilter = EventFilter()):
    """The lake connection for this command (a missing lake is one line: commands.dispatch)."""
    return lake_connection(Layout.at(data_dir(args)), only)
