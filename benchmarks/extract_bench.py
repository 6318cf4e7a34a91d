"""Extraction figures: dev-set scores against the targets, and speed on one core.

    .venv/bin/python benchmarks/extract_bench.py

The dev-set part needs ../shared (skipped when absent); speed runs on
synthetic ~200-word stories made from the bundled demo stories.
"""
from __future__ import annotations

import importlib.util
import io
import json
import tempfile
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

from flows.demo_site import load_demo_stories
from transforms.extract import extract, prediction
from transforms.extract.jsonl import run_jsonl

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
TARGETS = {"attack": 0.95, "incidents": 0.85, "incidents_strict": 0.75, "aggregates": 0.80}
FIELD_TARGETS = {"date": 0.90, "country": 0.90, "killed": 0.90, "injured": 0.90,
                 "location": 0.80, "event_type": 0.80, "weapon": 0.80}


def dev_scores() -> None:
    if not (SHARED / "dev" / "stories.jsonl").exists():
        print("dev set: ../shared absent, skipped")
        return
    spec = importlib.util.spec_from_file_location("score", SHARED / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = score.load(SHARED / "dev" / "stories.jsonl")
    pred = {}
    for sid, story in gold.items():
        published = datetime.fromisoformat(story["published"].replace("Z", "+00:00"))
        pred[sid] = prediction(sid, extract(story["title"], story["text"], published, story.get("lang")))
    result, _ = score.score(gold, pred)
    print(f"dev set ({result['stories']} stories)          value   target")
    for key, target in TARGETS.items():
        print(f"  {key + ' F1':24} {result[key]['f1']:.3f}   >= {target}")
    for key, target in FIELD_TARGETS.items():
        print(f"  {key + ' accuracy':24} {result['fields'][key]:.3f}   >= {target}")
    print(f"  {'language accuracy':24} {result['lang_accuracy']:.3f}   >= 0.99")


def synthetic(n: int) -> str:
    base = load_demo_stories()
    lines = []
    for i in range(n):
        s = base[i % len(base)]
        text = (s["text"] + "\n") * max(1, 200 // max(1, len(s["text"].split())))
        lines.append(json.dumps({"id": f"s{i}", "published": s["published"], "title": s["title"], "text": text}))
    return "\n".join(lines) + "\n"


class _Discard(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)


def _run(path: Path, traced: bool) -> tuple[float, float]:
    if traced:
        tracemalloc.start()
    start = time.perf_counter()
    with path.open(encoding="utf-8") as infile:
        run_jsonl(infile, _Discard())
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if traced else 0.0
    if traced:
        tracemalloc.stop()
    return elapsed, peak


def speed() -> None:
    """Speed untraced; memory in a second, traced pass (tracing slows Python down several times)."""
    warm = load_demo_stories()[0]   # loads the gazetteer and lexicons once, outside the timing
    extract(warm["title"], warm["text"], datetime.fromisoformat(warm["published"]))
    with tempfile.TemporaryDirectory() as tmp:
        for n in (500, 5000):
            path = Path(tmp) / f"{n}.jsonl"
            path.write_text(synthetic(n), encoding="utf-8")
            elapsed, _ = _run(path, traced=False)
            _, peak = _run(path, traced=True)
            print(f"speed: {n} stories in {elapsed:.2f} s = {n / elapsed:.0f} stories/s (target >= 200); "
                  f"peak traced memory {peak:.1f} MB (input {path.stat().st_size / 2**20:.1f} MB on disk)")


if __name__ == "__main__":
    dev_scores()
    speed()
