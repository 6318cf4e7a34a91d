#!/usr/bin/env python3
"""Check benchmarks/real5/stories.jsonl against ../../../shared/docs/incident-schema.md.

    python3 benchmarks/real5/validate.py [stories.jsonl]

Prints one line per problem and a summary; exits 1 when anything is wrong.
"""
import json
import re
import sys
from datetime import datetime
from pathlib import Path

EVENT_TYPES = {"air_drone_strike", "shelling_missile", "suicide_bomb", "remote_explosive",
               "grenade", "armed_clash", "attack"}
WEAPONS = {"aircraft", "drone", "ballistic_missile", "cruise_missile", "missile", "rocket",
           "mortar", "artillery", "ied", "vehicle_bomb", "suicide_vest", "grenade", "firearm",
           "knife", "fire", "other"}
STORY_KEYS = {"id", "published", "title", "text", "url", "source", "gold_lang", "attack",
              "incidents", "duplicate_of"}
INCIDENT_KEYS = {"kind", "event_type", "date", "country", "location", "actor1", "actor2", "weapon",
                 "killed", "injured", "count", "period_start", "period_end", "same_incident_as"}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEARS = {"2023", "2026"}


def check_range(value, where, problems, required=False):
    if value is None:
        if required:
            problems.append(f"{where}: missing")
        return
    if not isinstance(value, dict) or set(value) != {"min", "max"}:
        problems.append(f"{where}: not a {{min, max}} object")
        return
    lo, hi = value["min"], value["max"]
    if not isinstance(lo, int) or lo < 0:
        problems.append(f"{where}: min must be a non-negative integer")
    if hi is not None and (not isinstance(hi, int) or (isinstance(lo, int) and hi < lo)):
        problems.append(f"{where}: max must be null or an integer >= min")


def check_day(value, where, problems):
    if value is None:
        return
    if not isinstance(value, str) or not DAY.match(value):
        problems.append(f"{where}: not YYYY-MM-DD")
        return
    datetime.strptime(value, "%Y-%m-%d")


def check_incident(sid, i, inc, problems):
    where = f"{sid}#{i}"
    if not set(inc) <= INCIDENT_KEYS or not (INCIDENT_KEYS - {"same_incident_as"}) <= set(inc):
        problems.append(f"{where}: keys {sorted(set(inc) ^ INCIDENT_KEYS)}")
    kind = inc.get("kind")
    if kind not in ("incident", "aggregate"):
        problems.append(f"{where}: kind {kind!r}")
    et = inc.get("event_type")
    if et not in EVENT_TYPES and not (kind == "aggregate" and et is None):
        problems.append(f"{where}: event_type {et!r}")
    if inc.get("weapon") not in WEAPONS | {None}:
        problems.append(f"{where}: weapon {inc.get('weapon')!r}")
    cc = inc.get("country")
    if cc is not None and not re.match(r"^[A-Z]{2}$", str(cc)):
        problems.append(f"{where}: country {cc!r}")
    for f in ("location", "actor1", "actor2"):
        v = inc.get(f)
        if v is not None and (not isinstance(v, str) or not v.strip() or "||" in v):
            problems.append(f"{where}: {f} {v!r}")
    check_range(inc.get("killed"), f"{where} killed", problems)
    check_range(inc.get("injured"), f"{where} injured", problems)
    check_day(inc.get("date"), f"{where} date", problems)
    if kind == "incident":
        if inc.get("count") is not None or inc.get("period_start") or inc.get("period_end"):
            problems.append(f"{where}: an incident carries count/period")
        if inc.get("date") and inc["date"][:4] not in YEARS:
            problems.append(f"{where}: event year {inc['date'][:4]} outside 2023/2026")
    if kind == "aggregate":
        check_range(inc.get("count"), f"{where} count", problems, required=True)
        if inc.get("date") is not None:
            problems.append(f"{where}: an aggregate carries a date")
        check_day(inc.get("period_start"), f"{where} period_start", problems)
        check_day(inc.get("period_end"), f"{where} period_end", problems)
        ps, pe = inc.get("period_start"), inc.get("period_end")
        if ps and pe and ps > pe:
            problems.append(f"{where}: period_start after period_end")


def main():
    path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("stories.jsonl"))
    rows, problems = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                problems.append(f"line {n}: not JSON: {exc}")
    ids = [r.get("id") for r in rows]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        problems.append(f"duplicate ids: {sorted(dupes)}")
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        sid = r.get("id")
        if not re.match(r"^r5-(sah|af|me|as|ua|eu|am)-\d{3}$", str(sid)):
            problems.append(f"{sid}: id does not follow r5-<region>-NNN")
        if not set(r) <= STORY_KEYS or not (STORY_KEYS - {"duplicate_of"}) <= set(r):
            problems.append(f"{sid}: story keys {sorted(set(r) ^ STORY_KEYS)}")
        try:
            stamp = datetime.fromisoformat(str(r.get("published")).replace("Z", "+00:00"))
            if stamp.tzinfo is None:
                problems.append(f"{sid}: published has no offset")
        except ValueError:
            problems.append(f"{sid}: published {r.get('published')!r} is not ISO 8601")
        if r.get("gold_lang") not in ("fr", "en"):
            problems.append(f"{sid}: gold_lang {r.get('gold_lang')!r}")
        if not isinstance(r.get("text"), str) or not r["text"].strip():
            problems.append(f"{sid}: empty text")
        incidents = r.get("incidents") or []
        if bool(r.get("attack")) != bool(incidents):
            problems.append(f"{sid}: attack={r.get('attack')} but {len(incidents)} incidents")
        for i, inc in enumerate(incidents):
            check_incident(sid, i, inc, problems)
            target = inc.get("same_incident_as")
            if target is not None:
                tid, _, idx = str(target).partition("#")
                other = by_id.get(tid)
                if other is None or not idx.isdigit() or int(idx) >= len(other.get("incidents", [])):
                    problems.append(f"{sid}#{i}: same_incident_as {target!r} points nowhere")
                elif tid == sid:
                    problems.append(f"{sid}#{i}: same_incident_as points into its own story")
                elif other["incidents"][int(idx)].get("kind") != inc.get("kind"):
                    problems.append(f"{sid}#{i}: same_incident_as {target!r} is of another kind")
        dup = r.get("duplicate_of")
        if dup is not None and (dup not in by_id or dup == sid):
            problems.append(f"{sid}: duplicate_of {dup!r} points nowhere")
    for p in problems:
        print(p)
    inc = [x for r in rows for x in r.get("incidents", [])]
    print(f"{len(rows)} stories ({sum(r.get('gold_lang') == 'fr' for r in rows)} fr), "
          f"{sum(x['kind'] == 'incident' for x in inc)} incidents, "
          f"{sum(x['kind'] == 'aggregate' for x in inc)} aggregates, "
          f"{sum(not r.get('attack') for r in rows)} negatives, "
          f"{sum(1 for r in rows if r.get('duplicate_of'))} republications, "
          f"{sum(1 for x in inc if x.get('same_incident_as'))} same_incident_as links; "
          f"{len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
