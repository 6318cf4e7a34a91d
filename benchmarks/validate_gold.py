#!/usr/bin/env python3
"""Check a retold real set's gold file against docs/incident-schema.md and print its make-up.

    python benchmarks/validate_gold.py benchmarks/real4/stories.jsonl

Story ids carry the set's number: benchmarks/realN/ holds rN-<region>-NNN.

Exits 1 with one line per problem on stderr; standard library only.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

EVENT_TYPES = {"air_drone_strike", "shelling_missile", "suicide_bomb", "remote_explosive",
               "grenade", "armed_clash", "attack"}
WEAPONS = {"aircraft", "drone", "ballistic_missile", "cruise_missile", "missile", "rocket", "mortar",
           "artillery", "ied", "vehicle_bomb", "suicide_vest", "grenade", "firearm", "knife", "fire",
           "other"}
STORY_KEYS = {"id", "published", "title", "text", "url", "source", "gold_lang", "attack", "incidents"}
OPTIONAL_STORY_KEYS = {"duplicate_of", "lang"}
INCIDENT_KEYS = {"kind", "event_type", "date", "country", "location", "actor1", "actor2", "weapon",
                 "killed", "injured", "count", "period_start", "period_end"}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
COUNTRY = re.compile(r"^[A-Z]{2}$")


def id_pattern(path: str) -> re.Pattern:
    """benchmarks/real4/stories.jsonl -> r4-<region>-NNN."""
    folder = re.fullmatch(r"real(\d+)", Path(path).resolve().parent.name)
    if folder is None:
        sys.exit(f"{path}: not in a benchmarks/realN/ folder, so its story ids cannot be checked")
    return re.compile(rf"^r{folder[1]}-(sah|af|me|as|ua|eu|am)-\d{{3}}$")


def range_problems(name, value, allow_none=True):
    if value is None:
        return [] if allow_none else [f"{name} missing"]
    if set(value) != {"min", "max"}:
        return [f"{name} keys {sorted(value)}"]
    lo, hi = value["min"], value["max"]
    if not isinstance(lo, int) or lo < 0:
        return [f"{name}.min {lo!r}"]
    if hi is not None and (not isinstance(hi, int) or hi < lo):
        return [f"{name}.max {hi!r} < min {lo}"]
    return []


def day_problems(name, value):
    if value is None:
        return []
    if not DAY.match(str(value)):
        return [f"{name} {value!r} not YYYY-MM-DD"]
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        return [f"{name} {value!r} not a real day"]
    return []


def incident_problems(inc):
    out = []
    keys = set(inc) - {"same_incident_as"}
    if keys != INCIDENT_KEYS:
        out.append(f"incident keys differ: {sorted(keys ^ INCIDENT_KEYS)}")
    kind = inc.get("kind")
    if kind not in ("incident", "aggregate"):
        return out + [f"kind {kind!r}"]
    et = inc.get("event_type")
    if et is not None and et not in EVENT_TYPES:
        out.append(f"event_type {et!r}")
    if kind == "incident" and et is None:
        out.append("incident without event_type")
    if inc.get("weapon") is not None and inc["weapon"] not in WEAPONS:
        out.append(f"weapon {inc['weapon']!r}")
    if inc.get("country") is not None and not COUNTRY.match(inc["country"]):
        out.append(f"country {inc['country']!r}")
    out += day_problems("date", inc.get("date"))
    out += range_problems("killed", inc.get("killed"))
    out += range_problems("injured", inc.get("injured"))
    if kind == "incident":
        for key in ("count", "period_start", "period_end"):
            if inc.get(key) is not None:
                out.append(f"incident with {key}")
    else:
        out += range_problems("count", inc.get("count"), allow_none=False)
        out += day_problems("period_start", inc.get("period_start"))
        out += day_problems("period_end", inc.get("period_end"))
        if inc.get("date") is not None:
            out.append("aggregate with a date")
        ps, pe = inc.get("period_start"), inc.get("period_end")
        if ps and pe and ps > pe:
            out.append(f"period {ps} > {pe}")
    return out


def story_problems(row, ids: re.Pattern):
    out = []
    keys = set(row)
    if not STORY_KEYS <= keys or keys - STORY_KEYS - OPTIONAL_STORY_KEYS:
        out.append(f"story keys: missing {sorted(STORY_KEYS - keys)}, extra "
                   f"{sorted(keys - STORY_KEYS - OPTIONAL_STORY_KEYS)}")
    if not ids.match(str(row.get("id"))):
        out.append(f"id {row.get('id')!r}")
    try:
        stamp = datetime.fromisoformat(str(row.get("published")).replace("Z", "+00:00"))
        if stamp.tzinfo is None:
            out.append("published has no offset")
    except ValueError:
        out.append(f"published {row.get('published')!r}")
    if row.get("gold_lang") not in ("fr", "en"):
        out.append(f"gold_lang {row.get('gold_lang')!r}")
    if not str(row.get("text", "")).strip():
        out.append("empty text")
    incidents = row.get("incidents", [])
    if bool(row.get("attack")) != bool(incidents):
        out.append("attack flag disagrees with incidents")
    for n, inc in enumerate(incidents):
        out += [f"#{n}: {p}" for p in incident_problems(inc)]
    return out


def link_problems(rows):
    out = []
    for sid, row in rows.items():
        dup = row.get("duplicate_of")
        if dup is not None and (dup not in rows or dup == sid):
            out.append(f"{sid}: duplicate_of {dup!r} not an other story")
        for n, inc in enumerate(row.get("incidents", [])):
            ref = inc.get("same_incident_as")
            if ref is None:
                continue
            target, _, idx = ref.partition("#")
            if target not in rows or target == sid or not idx.isdigit() \
                    or int(idx) >= len(rows[target]["incidents"]):
                out.append(f"{sid}#{n}: same_incident_as {ref!r} points nowhere")
            elif rows[target]["incidents"][int(idx)]["kind"] != "incident":
                out.append(f"{sid}#{n}: same_incident_as {ref!r} is an aggregate")
    return out


def summary(rows):
    incs = [i for r in rows.values() for i in r["incidents"]]
    langs = Counter(r["gold_lang"] for r in rows.values())
    regions = Counter(r["id"].split("-")[1] for r in rows.values())
    multi = sum(sum(i["kind"] == "incident" for i in r["incidents"]) >= 2 for r in rows.values())
    failed = sum(1 for i in incs if i["kind"] == "incident"
                 and (i["killed"] or {}).get("max") == 0)
    years = Counter(r["published"][:4] for r in rows.values())
    print(f"stories {len(rows)} (" + ", ".join(f"{k} {v}" for k, v in sorted(langs.items())) + ")")
    print("regions " + ", ".join(f"{k} {v}" for k, v in sorted(regions.items())))
    print("published years " + ", ".join(f"{k} {v}" for k, v in sorted(years.items())))
    print(f"incidents {sum(i['kind'] == 'incident' for i in incs)}, aggregates "
          f"{sum(i['kind'] == 'aggregate' for i in incs)}")
    print(f"negatives {sum(not r['attack'] for r in rows.values())}, stories with 2+ incidents {multi}, "
          f"incidents with killed 0..0 {failed}")
    print(f"duplicate_of {sum('duplicate_of' in r for r in rows.values())}, same_incident_as "
          f"{sum('same_incident_as' in i for i in incs)}")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: validate_gold.py benchmarks/realN/stories.jsonl")
    ids = id_pattern(sys.argv[1])
    rows, problems = {}, []
    with open(sys.argv[1], encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"line {n}: not JSON: {exc}")
                continue
            if row.get("id") in rows:
                problems.append(f"line {n}: id {row.get('id')!r} repeated")
            problems += [f"{row.get('id')}: {p}" for p in story_problems(row, ids)]
            rows[row.get("id")] = row
    problems += link_problems(rows)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    summary(rows)


if __name__ == "__main__":
    main()
