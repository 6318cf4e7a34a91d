"""Extraction figures: dev-set scores beside the targets, speed on one core, peak memory 1x vs 10x.

    .venv/bin/python benchmarks/extract_bench.py
    .venv/bin/python benchmarks/extract_bench.py --set benchmarks/holdout/stories.jsonl --errors

--set scores another gold file (default: the dev set); --errors lists every miss; --scores-only
skips speed and memory. The dev-set part needs ../shared (skipped when absent). Speed runs on synthetic ~200-word stories
built from the dev-set texts (the bundled demo stories when ../shared is absent), one process.
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

from transforms.extract import extract, prediction
from transforms.extract.jsonl import run_jsonl

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
DEV = SHARED / "dev" / "stories.jsonl"
TARGETS = {"attack": 0.95, "incidents": 0.85, "incidents_strict": 0.75, "aggregates": 0.80}
FIELD_TARGETS = {"date": 0.90, "country": 0.90, "killed": 0.90, "injured": 0.90,
                 "location": 0.80, "event_type": 0.80, "weapon": 0.80}
SPEED_TARGET = 200


def _published(story: dict) -> datetime:
    return datetime.fromisoformat(story["published"].replace("Z", "+00:00"))


def gold_scores(path: Path, show_errors: bool = False) -> None:
    if not path.exists() or not (SHARED / "score.py").exists():
        print(f"{path}: gold file or ../shared absent, skipped")
        return
    spec = importlib.util.spec_from_file_location("score", SHARED / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = score.load(path)
    pred = {sid: prediction(sid, extract(s["title"], s["text"], _published(s), s.get("lang")))
            for sid, s in gold.items()}
    result, errors = score.score(gold, pred)
    print(f"{path.parent.name} set ({result['stories']} stories)        value   target")
    for key, target in TARGETS.items():
        _row(f"{key} F1", result[key]["f1"], target)
    for key, target in FIELD_TARGETS.items():
        _row(f"{key} accuracy", result["fields"][key], target)
    _row("language accuracy", result["lang_accuracy"], 0.99)
    for key in ("actor1", "actor2"):
        print(f"  {key + ' accuracy':24} {result['fields'][key]:.3f}")
    if show_errors:
        print("\n".join(f"    {line}" for line in errors))


def _row(name: str, value: float, target: float) -> None:
    print(f"  {name:24} {value:.3f}   >= {target:<5} {'ok' if value >= target else 'BELOW'}")


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


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEV, help="gold JSONL to score (default: the dev set)")
    parser.add_argument("--errors", action="store_true", help="list every miss")
    parser.add_argument("--scores-only", action="store_true", help="skip speed and memory")
    args = parser.parse_args()
    gold_scores(args.set, args.errors)
    if not args.scores_only:
        speed()
        name_matching()
