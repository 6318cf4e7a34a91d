"""Check benchmarks/real2/stories.jsonl against the incident schema (shared docs/incident-schema.md).

    python benchmarks/real2/validate.py [stories.jsonl]

Field names, allowed event_type/weapon values, date and id forms, min<=max, years 2017/2018/2024,
incident dates within ~7 days before published, duplicate_of/same_incident_as targets. Stdlib only.
"""
import json, re, sys
from pathlib import Path
from datetime import datetime
EV = {"air_drone_strike", "shelling_missile", "suicide_bomb", "remote_explosive", "grenade", "armed_clash", "attack"}
WP = {"aircraft", "drone", "ballistic_missile", "cruise_missile", "missile", "rocket", "mortar", "artillery",
      "ied", "vehicle_bomb", "suicide_vest", "grenade", "firearm", "knife", "fire", "other"}
STORY = {"id", "published", "title", "text", "url", "source", "gold_lang", "attack", "incidents"}
INC = {"kind", "event_type", "date", "country", "location", "actor1", "actor2", "weapon", "killed", "injured",
       "count", "period_start", "period_end"}
YEARS = {"2017", "2018", "2024"}
path = sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("stories.jsonl")
rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
ids = [r["id"] for r in rows]
errs = []
def err(r, m): errs.append(f"{r['id']}: {m}")
def rng(r, name, v):
    if v is None: return
    if set(v) != {"min", "max"}: err(r, f"{name} keys {v}")
    lo, hi = v.get("min"), v.get("max")
    if not isinstance(lo, int) or lo < 0: err(r, f"{name} min {lo}")
    if hi is not None and (not isinstance(hi, int) or hi < lo): err(r, f"{name} max {hi} < min {lo}")
def day(r, name, v):
    if v is None: return
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", v): err(r, f"{name} format {v}"); return
    datetime.strptime(v, "%Y-%m-%d")
if len(set(ids)) != len(ids): errs.append("duplicate ids")
byid = {r["id"]: r for r in rows}
for r in rows:
    extra = set(r) - STORY - {"duplicate_of"}
    if extra or STORY - set(r): err(r, f"story keys extra={extra} missing={STORY - set(r)}")
    if not re.fullmatch(r"r2-(sah|af|me|as|ua|eu|am)-\d{3}", r["id"]): err(r, "id form")
    p = datetime.fromisoformat(r["published"].replace("Z", "+00:00"))
    if p.tzinfo is None: err(r, "published without offset")
    if r["published"][:4] not in YEARS: err(r, "published year")
    if r["gold_lang"] not in ("fr", "en"): err(r, "lang")
    if not r["text"].strip() or not r["url"].startswith("http"): err(r, "text/url")
    if bool(r["incidents"]) != r["attack"]: err(r, "attack flag vs incidents")
    if "duplicate_of" in r and (r["duplicate_of"] not in byid or ids.index(r["duplicate_of"]) >= ids.index(r["id"])):
        err(r, "duplicate_of target")
    for n, i in enumerate(r["incidents"]):
        tag = f"#{n}"
        extra = set(i) - INC - {"same_incident_as"}
        if extra or INC - set(i): err(r, f"{tag} keys extra={extra} missing={INC - set(i)}")
        if i["kind"] not in ("incident", "aggregate"): err(r, f"{tag} kind")
        if i["event_type"] is not None and i["event_type"] not in EV: err(r, f"{tag} event_type {i['event_type']}")
        if i["kind"] == "incident" and i["event_type"] is None: err(r, f"{tag} incident without type")
        if i["weapon"] is not None and i["weapon"] not in WP: err(r, f"{tag} weapon {i['weapon']}")
        if i["country"] is not None and not re.fullmatch(r"[A-Z]{2}", i["country"]): err(r, f"{tag} country")
        for f in ("date", "period_start", "period_end"): day(r, f"{tag} {f}", i[f])
        for f in ("date", "period_start", "period_end"):
            if i[f] and i[f][:4] not in YEARS and not (f == "period_start" and i["kind"] == "aggregate"):
                err(r, f"{tag} {f} year {i[f]}")
        for f in ("killed", "injured", "count"): rng(r, f"{tag} {f}", i[f])
        if i["kind"] == "incident":
            if i["count"] or i["period_start"] or i["period_end"]: err(r, f"{tag} incident with aggregate fields")
            if i["date"] and i["date"] > r["published"][:10]: err(r, f"{tag} date after published")
            if i["date"]:
                gap = (datetime.fromisoformat(r["published"][:10]) - datetime.fromisoformat(i["date"])).days
                if gap > 8: err(r, f"{tag} date {gap} days before published: not news")
        else:
            if i["count"] is None: err(r, f"{tag} aggregate without count")
            if i["date"] is not None: err(r, f"{tag} aggregate with date")
            if i["period_start"] and i["period_end"] and i["period_start"] > i["period_end"]: err(r, f"{tag} period order")
        s = i.get("same_incident_as")
        if s:
            sid, k = s.split("#")
            if sid not in byid or sid == r["id"]: err(r, f"{tag} same_incident_as target {s}")
            elif int(k) >= len(byid[sid]["incidents"]) or byid[sid]["incidents"][int(k)]["kind"] != i["kind"]:
                err(r, f"{tag} same_incident_as index {s}")
print("\n".join(errs) or f"OK: {len(rows)} stories valid")
sys.exit(1 if errs else 0)
