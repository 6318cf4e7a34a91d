"""Role accuracy of the extractor's first stage on the labelled corpora of this folder.

    .venv/bin/python benchmarks/roles/evaluate.py [--confusion] [--rules-only] [CORPUS.jsonl ...]

Each corpus story is rebuilt (title, then one paragraph per sentence), run through
transforms.extract.explain, and each labelled sentence gets the role of the first extractor sentence
that starts inside it (roles after grouping: an incident sentence that joined an incident told before
is a detail). Prints accuracy, per-role precision/recall and, with --confusion, the confusion table, with
the role model's gate (transforms/extract/role_model.py; in-sample: it was trained on these corpora) and
for the rules alone.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

from transforms.extract import explain
from transforms.extract.roles import ROLES

HERE = Path(__file__).resolve().parent
CORPORA = sorted(HERE.glob("corpus-*.jsonl"))


def load(paths: list[Path]) -> dict[str, list[dict]]:
    stories: dict[str, list[dict]] = defaultdict(list)
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    stories[row["story"]].append(row)
    return {k: sorted(v, key=lambda r: r["n"]) for k, v in stories.items()}


def rebuilt(rows: list[dict]) -> tuple[str, str, datetime, str, list[tuple[int, int]]]:
    """One story as explain reads it: (title, text, published, lang, each labelled sentence's (start, end) in
    f"{title}\n{text}")."""
    title = rows[0]["text"] if rows[0]["title"] else ""
    body = [r for r in rows if not r["title"]]
    text = "\n".join(r["text"] for r in body)
    published = datetime.fromisoformat(rows[0]["published"].replace("Z", "+00:00"))
    spans, offset = [(0, len(title))] if title else [], len(title) + 1
    for r in body:
        spans.append((offset, offset + len(r["text"])))
        offset += len(r["text"]) + 1
    return title, text, published, rows[0]["lang"], spans


def predicted(rows: list[dict], model: bool = True) -> list[str]:
    """The extractor's role for each labelled sentence of one story (`model` False: the rules alone)."""
    title, text, published, lang, spans = rebuilt(rows)
    result = explain(title, text, published, lang, model=model)
    return [_role_at(result.roles, start, end) for start, end in spans]


def first_inside(roles, start: int, end: int) -> int | None:
    """The index of the first extractor sentence starting inside a labelled one."""
    return next((n for n, r in enumerate(roles) if start <= r.sentence.start < max(end, start + 1)), None)


def _role_at(roles, start: int, end: int) -> str:
    n = first_inside(roles, start, end)
    return "other" if n is None else roles[n].role


def evaluate(paths: list[Path] = CORPORA, model: bool = True) -> dict:
    """Role accuracy with the role model's gate (`model` False: the rules alone)."""
    gold, pred = [], []
    for rows in load(paths).values():
        gold += [r["role"] for r in rows]
        pred += predicted(rows, model)
    confusion = Counter(zip(gold, pred))
    per_role = {}
    for role in ROLES:
        tp = confusion[(role, role)]
        n_gold, n_pred = gold.count(role), pred.count(role)
        per_role[role] = {"gold": n_gold, "precision": tp / n_pred if n_pred else 0.0,
                          "recall": tp / n_gold if n_gold else 0.0}
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    return {"sentences": len(gold), "accuracy": accuracy, "per_role": per_role, "confusion": confusion}


def report(result: dict, confusion: bool = False, label: str = "") -> str:
    lines = [f"role accuracy{label} on {result['sentences']} labelled real sentences: {result['accuracy']:.3f}",
             f"  {'role':<11}{'gold':>6}{'precision':>11}{'recall':>8}"]
    for role, m in result["per_role"].items():
        lines.append(f"  {role:<11}{m['gold']:>6}{m['precision']:>11.3f}{m['recall']:>8.3f}")
    if confusion:
        lines.append("  confusion (rows gold, columns predicted): " + " ".join(r[:5] for r in ROLES))
        for g in ROLES:
            lines.append(f"  {g:<11}" + "".join(f"{result['confusion'][(g, p)]:>6}" for p in ROLES))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=CORPORA)
    parser.add_argument("--confusion", action="store_true", help="print the confusion table")
    parser.add_argument("--rules-only", action="store_true", help="the rules alone, without the role model's gate")
    args = parser.parse_args()
    missing = [str(p) for p in args.corpora if not p.exists()]
    if missing:
        parser.exit(2, f"evaluate.py: no such corpus: {', '.join(missing)}\n")
    if not args.rules_only:
        print(report(evaluate(args.corpora, model=True), args.confusion, " with the role model's gate"))
    print(report(evaluate(args.corpora, model=False), args.confusion, " of the rules alone"))


if __name__ == "__main__":
    main()
