"""Geography figures: gazetteer load time and memory, then per gold set the country and location
accuracy and the coordinate coverage of the extractor's incidents.

    .venv/bin/python benchmarks/geo_bench.py                 # every set found
    .venv/bin/python benchmarks/geo_bench.py --set real --errors
    .venv/bin/python benchmarks/geo_bench.py --shared /work/shared/eval

Pairing: within a story, gold and predicted incidents are paired as ../shared/eval/score.py pairs them
(event type family, dates within a day) but with the country left out, so a wrong country is counted
as a wrong country rather than as two unpaired incidents. Over those pairs:

- country: predicted country == gold country;
- location: score.py's fuzzy match (a null against a null is right);
- coordinates: share of pairs whose gold names a place and whose predicted incident has lat/lon.

The load is timed in a fresh interpreter (the first call that needs the gazetteer, imports excluded).
"""
from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
SETS = {"dev": "dev/stories.jsonl", "real": "real/stories.jsonl"}
LOAD_PROBE = """
import resource, sys, time, tracemalloc
from transforms.extract import places
traced = sys.argv[1] == "traced"
if traced:
    tracemalloc.start()
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
places._matcher()   # the gazetteer index and its matcher
t1 = time.perf_counter()
peak = tracemalloc.get_traced_memory()[1] / 2**20 if traced else 0.0
rss = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024
places.find_places("Shelling hit Kharkiv and the village of Tiloa on Monday.", "en")
t2 = time.perf_counter()
print(f"{t1 - t0:.3f} {peak:.1f} {rss:.0f} {t2 - t0:.3f}")
"""
LOAD_TARGET = 1.0


def _shared(given: Path | None) -> Path | None:
    for cand in [given, ROOT.parent / "shared" / "eval", ROOT.parents[1] / "shared" / "eval"]:
        if cand and (cand / "score.py").exists():
            return cand
    return None


def _score_module(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_figures() -> None:
    """Load time and memory, in a fresh interpreter so no earlier import hides the cost."""
    def probe(mode: str) -> list[str]:
        out = subprocess.run([sys.executable, "-c", LOAD_PROBE, mode], capture_output=True, text=True, cwd=ROOT,
                             check=True)
        return out.stdout.split()
    seconds, _, rss, first = probe("plain")
    traced = probe("traced")[1]   # tracing slows Python down: a second run for memory only
    ok = "ok" if float(seconds) < LOAD_TARGET else "ABOVE"
    print(f"gazetteer load (index + matcher): {float(seconds):.3f} s (target < {LOAD_TARGET} s: {ok}); "
          f"peak traced memory {traced} MB; resident memory added {rss} MB; first find_places with the actor "
          f"lexicon it consults: {float(first):.3f} s")


def _published(story: dict) -> datetime:
    return datetime.fromisoformat(story["published"].replace("Z", "+00:00"))


def set_figures(name: str, path: Path, score, show_errors: bool) -> None:
    from transforms.extract import extract, prediction
    gold = score.load(path)
    geo_ok = lambda g, p: score.compatible(g, {**p, "country": None})   # noqa: E731 (the country left out)
    pairs = country = location = named = with_point = unpaired_named = 0
    errors = []
    for sid, story in gold.items():
        found = extract(story["title"], story["text"], _published(story), story.get("lang"))
        gi = [x for x in story.get("incidents", []) if x.get("kind") == "incident"]
        pi = [{**d, "lat": i.lat, "geo_precision": i.geo_precision}
              for d, i in zip(prediction(sid, found)["incidents"], found.incidents) if i.kind == "incident"]
        matched = score.pair(gi, pi, geo_ok)
        unpaired_named += sum(1 for g in gi if g.get("location")) - sum(1 for g, _ in matched if g.get("location"))
        for g, p in matched:
            pairs += 1
            country += g.get("country") == p.get("country")
            location += score.field_ok("location", g.get("location"), p.get("location"))
            if g.get("location"):
                named += 1
                with_point += p.get("lat") is not None
            if g.get("country") != p.get("country") or not score.field_ok("location", g.get("location"), p.get("location")):
                errors.append(f"{sid}: gold {g.get('country')} {g.get('location')!r} / predicted {p.get('country')} "
                              f"{p.get('location')!r} ({p.get('geo_precision')}, "
                              f"{'point' if p.get('lat') is not None else 'no point'})")
    print(f"{name:9} pairs {pairs:3}  country {country / max(pairs, 1):.3f}  location {location / max(pairs, 1):.3f}  "
          f"coordinates {with_point}/{named} = {with_point / max(named, 1):.3f}  "
          f"(gold places in unpaired incidents: {unpaired_named})")
    if show_errors:
        print("\n".join(f"    {line}" for line in errors))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", help="dev, real, real2..real5, holdout, holdout2, holdout3 (default: all found)")
    parser.add_argument("--shared", type=Path, help="folder holding score.py, dev/ and real/ (default: ../shared/eval)")
    parser.add_argument("--errors", action="store_true", help="list every wrong country or location")
    parser.add_argument("--no-load", action="store_true", help="skip the load timing")
    args = parser.parse_args()
    shared = _shared(args.shared)
    if not args.no_load:
        load_figures()
    if shared is None:
        print("../shared/eval absent: no gold sets scored")
        return
    score = _score_module(shared)
    paths = {**{k: shared / v for k, v in SETS.items()},   # the project's retold real sets, then its written ones
             **{p.parent.name: p for p in sorted(HERE.glob("real*/stories.jsonl"))},
             **{p.parent.name: p for p in sorted(HERE.glob("holdout*/stories.jsonl"))}}
    for name in args.set or paths:
        if paths[name].exists():
            set_figures(name, paths[name], score, args.errors)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
