"""Trains the sentence-role model (transforms/extract/role_model.py) on the labelled corpora of this folder.

    .venv/bin/python benchmarks/roles/train.py [--out FILE] [--stories N] [--folds K] [--no-gate] [CORPUS.jsonl ...]

One row per labelled sentence: the features role_model.features gives the extractor sentence that starts
inside it (its text as the gate sees it, dateline blanked), with the rules' role of the sentence before
(transforms.extract.rule_roles: before the gate and before grouping, as the gate sees it). A scikit-learn
LogisticRegression (multinomial, L2) is fitted; the script prints K-fold story-grouped cross-validated role
accuracy and per-role precision/recall beside the rules', then chooses the gate's threshold by the same
cross-validation ON THESE CORPORA ONLY: the rules' roles, with an incident or detail sentence (from the
fourth body sentence on, as roles.gated looks) made background when the out-of-fold
P(background|other|reaction|tally) reaches the threshold. The gate is on when that beats
the rules (unless --no-gate). Writes the model fitted on every row (default transforms/extract/data/role_model.json).
scikit-learn is needed here only (the dev extra); the extractor reads the JSON in plain Python.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from benchmarks.roles.evaluate import CORPORA, first_inside, load, predicted, rebuilt  # noqa: E402
from transforms.extract import rule_roles  # noqa: E402
from transforms.extract import role_model  # noqa: E402
from transforms.extract.roles import ROLES  # noqa: E402

OUT = HERE.parents[1] / "transforms" / "extract" / "data" / "role_model.json"
# chosen by the same story-grouped cross-validation (C 0.25-2, MIN_COUNT 2-5, PRUNE 0.02-0.1 all gave 0.63-0.66
# alone): rarer features and smaller weights dropped keep the file under 300 KB at no cost in accuracy
C = 0.5               # L2 strength
MIN_COUNT = 3         # a feature seen in fewer training sentences is dropped (most word pairs)
PRUNE = 0.05          # a feature whose weights all stay under this is dropped
THRESHOLDS = [t / 100 for t in range(40, 100, 5)]
GATED = ("incident", "detail")


@dataclass(frozen=True)
class Row:
    story: str
    label: str
    rules: str             # the extractor's role with the rules alone (after grouping), as evaluate.py reads it
    gated: bool            # the rules' stage-1 role is one the gate looks at
    features: dict


def rows_of(story: list[dict]) -> list[Row]:
    title, text, published, lang, spans = rebuilt(story)
    settled = predicted(story, model=False)
    roles = rule_roles(title, text, published, lang)
    out = []
    for labelled, (start, end), rules in zip(story, spans, settled):
        n = first_inside(roles, start, end)
        role = roles[n] if n is not None else None
        sentence_text = role.sentence.text if role else labelled["text"]
        previous = roles[n - 1].role if n else None
        found = role_model.features(sentence_text, labelled["title"], n if n is not None else labelled["n"],
                                    previous, published, lang)
        gated = bool(role and role.role in GATED and n >= role_model.GATED_FROM and role.tally is None)
        out.append(Row(labelled["story"], labelled["role"], rules, gated, found))
    return out


def fit(rows: list[Row], c: float = C) -> role_model.Model:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for r in rows for f in r.features)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: v for f, v in r.features.items() if counts[f] >= MIN_COUNT} for r in rows])
    classifier = LogisticRegression(C=c, max_iter=5000).fit(x, [r.label for r in rows])
    return as_model(classifier, vectorizer.get_feature_names_out())


def as_model(classifier, names, prune: float = PRUNE, digits: int = 3) -> role_model.Model:
    """scikit-learn's classifier as role_model reads it: features whose weights all stay under `prune` dropped,
    weights rounded (the gate's threshold and the gate itself are set by the caller)."""
    classes = [str(k) for k in classifier.classes_]
    coef, intercepts = classifier.coef_, list(classifier.intercept_)
    if len(classes) == 2:   # one score, for the second class: the first one's is 0
        coef, intercepts = [[0.0] * len(coef[0]), list(coef[0])], [0.0, intercepts[0]]
    weights = {}
    for j, name in enumerate(names):
        w = [float(coef[k][j]) for k in range(len(classes))]
        if max(abs(v) for v in w) >= prune:
            weights[str(name)] = tuple(round(v, digits) for v in w)
    return role_model.Model(role_model.VERSION, tuple(classes), tuple(round(float(b), digits) for b in intercepts),
                            weights, 0.5, True, {})


def out_of_fold(rows: list[Row], folds: int, c: float = C) -> list[role_model.Prediction]:
    """Each row's prediction by a model fitted on the folds without its story."""
    from sklearn.model_selection import GroupKFold

    out: list = [None] * len(rows)
    for train, test in GroupKFold(n_splits=folds).split(rows, groups=[r.story for r in rows]):
        model = fit([rows[i] for i in train], c)
        for i in test:
            out[i] = role_model.predict(rows[i].features, role_model.NOT_AN_INCIDENT, model)
    return out


def with_gate(rows: list[Row], predictions, threshold: float) -> list[str]:
    return ["background" if r.gated and p.p(role_model.NOT_AN_INCIDENT) >= threshold else r.rules
            for r, p in zip(rows, predictions)]


def accuracy(gold: list[str], pred: list[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0


def per_role(gold: list[str], pred: list[str], role: str) -> tuple[float, float]:
    tp = sum(g == p == role for g, p in zip(gold, pred))
    n_pred, n_gold = pred.count(role), gold.count(role)
    return (tp / n_pred if n_pred else 0.0), (tp / n_gold if n_gold else 0.0)


def choose_threshold(rows: list[Row], predictions) -> tuple[float, float, list[str]]:
    """(threshold, cross-validated accuracy with the gate, report lines); the highest threshold among the best."""
    gold = [r.label for r in rows]
    lines, best = [], (-1.0, 0.0)
    for t in THRESHOLDS:
        pred = with_gate(rows, predictions, t)
        flipped = [r for r, p in zip(rows, pred) if p != r.rules]
        score = accuracy(gold, pred)
        lines.append(f"  {t:.2f}  {score:.3f}   {len(flipped):>4} made background: "
                     f"{sum(r.label == 'background' for r in flipped):>3} rightly, "
                     f"{sum(r.label == r.rules for r in flipped):>3} the rules had right")
        best = max(best, (score, t))
    return best[1], best[0], lines


def model_json(model: role_model.Model) -> str:
    """The JSON, one feature per line (a readable diff when the model is retrained)."""
    head = {k: v for k, v in vars(model).items() if k != "weights"}
    head["classes"], head["intercepts"] = list(model.classes), list(model.intercepts)
    lines = ",\n".join(f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in head.items())
    weights = ",\n".join(f"    {json.dumps(f, ensure_ascii=False)}: {json.dumps(list(w))}"
                         for f, w in sorted(model.weights.items()))
    return "{\n" + lines + ',\n  "weights": {\n' + weights + "\n  }\n}\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=CORPORA)
    parser.add_argument("--out", type=Path, default=OUT, help=f"where the model goes (default {OUT})")
    parser.add_argument("--stories", type=int, help="train on the first N stories only (a quick check)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-gate", action="store_true", help="ship the model with its gate off")
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.corpora if not p.exists()]
    if missing:
        parser.exit(2, f"train.py: no such corpus: {', '.join(missing)}\n")
    try:
        import sklearn
    except ImportError:
        parser.exit(2, "train.py: scikit-learn is needed: pip install -e '.[dev]'\n")
    stories = list(load(args.corpora).values())[:args.stories]
    if len(stories) < args.folds:
        parser.exit(2, f"train.py: {len(stories)} stories, fewer than {args.folds} folds\n")
    rows = [row for story in stories for row in rows_of(story)]
    gold, rules = [r.label for r in rows], [r.rules for r in rows]
    predictions = out_of_fold(rows, args.folds)
    alone = [max(p.probabilities, key=p.probabilities.get) for p in predictions]
    print(f"{len(rows)} sentences, {len(stories)} stories; {args.folds}-fold story-grouped cross-validation")
    print(f"role accuracy: rules {accuracy(gold, rules):.3f}, model alone {accuracy(gold, alone):.3f}")
    print(f"  {'role':<11}{'gold':>6}{'rules P':>9}{'R':>7}{'model P':>9}{'R':>7}")
    for role in ROLES:
        (rp, rr), (mp, mr) = per_role(gold, rules, role), per_role(gold, alone, role)
        print(f"  {role:<11}{gold.count(role):>6}{rp:>9.3f}{rr:>7.3f}{mp:>9.3f}{mr:>7.3f}")
    threshold, gated_accuracy, lines = choose_threshold(rows, predictions)
    print("the rules with the gate, by threshold on P(not an incident) (cross-validated):")
    print("\n".join(lines))
    gate = gated_accuracy > accuracy(gold, rules) and not args.no_gate
    print(f"threshold {threshold:.2f}: role accuracy {gated_accuracy:.3f} vs rules {accuracy(gold, rules):.3f}; "
          f"gate {'on' if gate else 'off'}")
    model = fit(rows)
    trained_on = {"corpora": [p.name for p in args.corpora], "stories": len(stories), "sentences": len(rows),
                  "folds": args.folds, "cv_accuracy_model": round(accuracy(gold, alone), 4),
                  "cv_accuracy_rules": round(accuracy(gold, rules), 4),
                  "cv_accuracy_rules_with_gate": round(gated_accuracy, 4), "C": C, "min_count": MIN_COUNT,
                  "prune": PRUNE, "sklearn": sklearn.__version__, "trained": datetime.now().date().isoformat()}
    model = role_model.Model(model.version, model.classes, model.intercepts, model.weights, threshold, gate,
                             trained_on)
    args.out.write_text(model_json(model), encoding="utf-8")
    print(f"wrote {args.out}: {len(model.weights)} features, {args.out.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
