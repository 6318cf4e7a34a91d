"""Extraction figures: every gold set side by side against the targets, speed on one core, memory 1x vs 10x.

    .venv/bin/python benchmarks/extract_bench.py                    # all sets, speed, memory
    .venv/bin/python benchmarks/extract_bench.py --scores-only      # all sets only
    .venv/bin/python benchmarks/extract_bench.py --errors real      # ... and every miss on one set

Then the role accuracy of the first stage on the labelled real sentences of benchmarks/roles/ (and
benchmarks/served_bench.py gives the events per day when each real set is served as feeds).

Sets, in this order: `real` (../shared/eval/real: retold real wire reports, the set that counts), the
project's retold real held-out sets (benchmarks/real*/), `dev` (../shared/eval/dev, written for the
project) and the project's written held-out sets (benchmarks/holdout*/). Sets under ../shared are
skipped when it is absent. `--set FILE` adds any other gold file. Speed runs on synthetic ~200-word
stories built from the dev-set texts (the bundled demo stories when ../shared is absent), one process.
Role accuracy: benchmarks/roles/evaluate.py on the labelled real sentences.
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import json
import tempfile
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

from transforms.extract import EXTRACTOR_VERSION, extract, prediction
from transforms.extract.jsonl import run_jsonl

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "eval"
DEV = SHARED / "dev" / "stories.jsonl"
F1_TARGETS = {"attack": 0.95, "incidents": 0.85, "incidents_strict": 0.75, "aggregates": 0.80}
FIELD_TARGETS = {"date": 0.90, "country": 0.95, "killed": 0.90, "injured": 0.90, "location": 0.85,
                 "event_type": 0.80, "weapon": 0.80, "actor1": 0.75, "actor2": None}
COORD_TARGET = 0.95
SPEED_TARGET = 200


def gold_sets(extra: list[Path]) -> dict[str, Path]:
    """name -> gold file, real reports first."""
    sets = {"real": SHARED / "real" / "stories.jsonl"}
    sets.update({p.parent.name: p for p in sorted(HERE.glob("real*/stories.jsonl"))})
    sets["dev"] = DEV
    sets.update({p.parent.name: p for p in sorted(HERE.glob("holdout*/stories.jsonl"))})
    sets.update({p.parent.name: p for p in extra})
    return {name: path for name, path in sets.items() if path.exists()}


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    return score


def _published(story: dict) -> datetime:
    return datetime.fromisoformat(story["published"].replace("Z", "+00:00"))


def score_set(score, path: Path) -> tuple[dict, list[str]]:
    """The scorer's result for one gold file, plus coordinate coverage."""
    gold = score.load(path)
    extractions = {sid: extract(s["title"], s["text"], _published(s), s.get("lang")) for sid, s in gold.items()}
    pred = {sid: prediction(sid, ex) for sid, ex in extractions.items()}
    result, errors = score.score(gold, pred)
    result["coordinates"] = _coordinates(score, gold, pred, extractions)
    return result, errors


def _coordinates(score, gold: dict, pred: dict, extractions: dict) -> float | None:
    """Share of paired gold incidents that name a place whose predicted incident has coordinates."""
    placed = located = 0
    for sid, g in gold.items():
        incidents = [i for i in extractions[sid].incidents if i.kind == "incident"] if pred[sid]["attack"] else []
        p = [dict(d, _point=i.lat is not None) for d, i in
             zip([d for d in pred[sid]["incidents"] if d["kind"] == "incident"], incidents)]
        gi = [x for x in g.get("incidents", []) if x.get("kind") == "incident" and x.get("location")]
        for _, q in score.pair(gi, p, score.compatible):
            placed += 1
            located += q["_point"]
    return located / placed if placed else None


def table(results: dict[str, dict]) -> None:
    names = list(results)
    print(f"extractor {EXTRACTOR_VERSION}; stories: "
          + ", ".join(f"{n} {results[n]['stories']}" for n in names))
    print(f"{'':22}" + "".join(f"{n:>9}" for n in names) + "   target")
    for key, target in F1_TARGETS.items():
        _row(f"{key} F1", [results[n][key]["f1"] for n in names], target)
    for key, target in FIELD_TARGETS.items():
        _row(f"{key} accuracy", [results[n]["fields"][key] for n in names], target)
    _row("coordinates", [results[n]["coordinates"] for n in names], COORD_TARGET)
    _row("language accuracy", [results[n]["lang_accuracy"] for n in names], 0.99)


def _row(label: str, values: list[float | None], target: float | None) -> None:
    cells = "".join(f"{v:9.3f}" if v is not None else f"{'-':>9}" for v in values)
    print(f"{label:22}{cells}   {'>= ' + str(target) if target else ''}")


def _base_stories() -> list[dict]:
    if DEV.exists():
        with DEV.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    from flows.demo_site import load_demo_stories
    return load_demo_stories()


def synthetic(n: int, base: list[dict]) -> str:
    """n stories of about 200 words: each dev text, repeated or cut to ~200 words, no lang given."""
    lines = []
    for i in range(n):
        s = base[i % len(base)]
        words = s["text"].split(" ")
        text = " ".join((words * (1 + 200 // max(1, len(words))))[:200])
        lines.append(json.dumps({"id": f"s{i}", "published": s["published"], "title": s["title"], "text": text},
                                ensure_ascii=False))
    return "\n".join(lines) + "\n"


class _Discard(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)


def _run(path: Path, traced: bool) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds of this process, peak traced MB)."""
    if traced:
        tracemalloc.start()
    start, cpu = time.perf_counter(), time.process_time()
    with path.open(encoding="utf-8") as infile:
        run_jsonl(infile, _Discard())
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if traced else 0.0
    if traced:
        tracemalloc.stop()
    return elapsed, cpu, peak


def speed() -> None:
    """Speed untraced; memory in a second, traced pass (tracing slows Python down several times)."""
    base = _base_stories()
    warm = base[0]   # lexicons and gazetteer load once, outside the timing
    extract(warm["title"], warm["text"], _published(warm))
    peaks = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, n in (("1x", 400), ("10x", 4000)):
            path = Path(tmp) / f"{n}.jsonl"
            path.write_text(synthetic(n, base), encoding="utf-8")
            elapsed, cpu, _ = _run(path, traced=False)
            _, _, peaks[label] = _run(path, traced=True)
            rate = n / cpu   # per CPU second: one core, whatever else the machine is doing
            print(f"speed {label}: {n} stories (~200 words) in {cpu:.2f} s CPU = {rate:.0f} stories/s "
                  f"(target >= {SPEED_TARGET}: {'ok' if rate >= SPEED_TARGET else 'BELOW'}; wall {n / elapsed:.0f}/s); "
                  f"peak traced memory {peaks[label]:.2f} MB, input {path.stat().st_size / 2**20:.1f} MB")
    print(f"memory 10x / 1x: {peaks['10x'] / max(peaks['1x'], 1e-9):.2f} (flat when close to 1)")


DENSE_STORY = (
    ("Des hommes armés ont attaqué le village de Kaïga-Kindjiria, près de Bol, au Tchad, tuant douze soldats "
     "tchadiens, selon l'armée. Les Shebab ont revendiqué un attentat à Mogadiscio. ") * 5
    + ("Gunmen killed 12 villagers near Menaka in northern Mali, the Malian army said; Iran-backed militants "
       "fired rockets at Ain al-Asad Air Base in western Iraq. ") * 5)


def name_matching() -> None:
    """Places and actors on a ~200-word story dense with names (a scan of every gazetteer name would be ~100x)."""
    from transforms.extract.actors import find_actors
    from transforms.extract.places import find_places
    find_places(DENSE_STORY, "fr"), find_actors(DENSE_STORY, "fr")     # data loaded once
    runs = 200
    started = time.process_time()
    for n in range(runs):
        variant = DENSE_STORY + " " * n          # a new text each time: no tokenisation cache hit
        find_places(variant, "fr")
        find_actors(variant, "fr")
    per_story = (time.process_time() - started) / runs
    print(f"places + actors on a dense {len(DENSE_STORY.split())}-word story: {per_story * 1000:.2f} ms CPU")


def role_accuracy() -> None:
    """Stage 1 on the labelled real sentences of benchmarks/roles/ (with the role model's gate: in-sample)."""
    spec = importlib.util.spec_from_file_location("evaluate", HERE / "roles" / "evaluate.py")
    evaluate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(evaluate)
    gated, rules = (evaluate.evaluate(evaluate.CORPORA, model=m) for m in (True, False))
    print(f"role accuracy on {gated['sentences']} labelled real sentences: {gated['accuracy']:.3f} with the role "
          f"model's gate (in-sample), {rules['accuracy']:.3f} for the rules alone")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, action="append", default=[], help="another gold JSONL to score")
    parser.add_argument("--errors", metavar="SET", help="list every miss of this set (its name, e.g. real)")
    parser.add_argument("--scores-only", action="store_true", help="skip speed and memory")
    args = parser.parse_args()
    sets = gold_sets(args.set)
    if not (SHARED / "score.py").exists():
        print("../shared/eval/score.py absent: scores skipped")
    else:
        score = _scorer()
        scored = {name: score_set(score, path) for name, path in sets.items()}
        table({name: result for name, (result, _) in scored.items()})
        if args.errors:
            print(f"\nmisses on {args.errors}:")
            print("\n".join(f"    {line}" for line in scored[args.errors][1]))
    role_accuracy()
    if not args.scores_only:
        speed()
        name_matching()


if __name__ == "__main__":
    main()
