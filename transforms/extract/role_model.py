"""The learned side of stage 1: a multinomial logistic regression over a sentence's words and what the
extractor's own readers say of it, trained on the labelled real sentences of benchmarks/roles/ by
benchmarks/roles/train.py and shipped as weights in data/role_model.json; run here in plain Python.

    features(text, is_title, position, previous_role, published, lang) -> dict[str, float]
    load() -> Model                      # the shipped model, read once
    predict(features) -> Prediction      # probability of each role, and the features that weighed most

roles.py asks it for a second opinion on the rules' incident and detail sentences (the gate).
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources

from .casualties import figures, is_toll_update
from .textutil import WORD, fold
from .triggers import claims_it, event_type, violence

# the feature scheme: a model trained on another scheme is refused
VERSION = "1"
# the roles a sentence the rules call an incident or a detail may really have
NOT_AN_INCIDENT = ("background", "other", "reaction", "tally")
# the gate looks from the fourth body sentence on: a wire's first sentences tell the news (in the corpora, 2 of
# the 252 incident or detail sentences of the rules among the first three are background), and it costs less
GATED_FROM = 4
YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class Model:
    version: str
    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]   # feature -> one weight per class
    threshold: float                        # P(not an incident) from which the gate makes a sentence background
    gate: bool                              # False: the model only gives its opinion (--explain), roles stay the rules'
    trained_on: dict


@dataclass(frozen=True)
class Prediction:
    probabilities: dict[str, float]         # role -> probability
    top: tuple[str, ...]                    # the features that pushed most towards the roles asked about

    def p(self, roles: tuple[str, ...]) -> float:
        return sum(self.probabilities.get(r, 0.0) for r in roles)


def features(text: str, is_title: bool, position: int, previous_role: str | None, published: datetime,
             lang: str) -> dict[str, float]:
    """Binary features of one sentence: folded words and word pairs, the readers' verdicts, where it stands
    (position counts the title as 0, even when the story has none) and the rules' role of the sentence before."""
    words = [("#year" if YEAR.fullmatch(w) else "#num") if w.isdigit() else w for w in WORD.findall(fold(text))]
    names = [f"lang={lang}", f"prev={previous_role or 'none'}", f"pos={_position(is_title, position)}"]
    names += ["w=" + w for w in words]
    names += [f"b={a}_{b}" for a, b in zip(words, words[1:])]
    return dict.fromkeys(names + _readers(text, published), 1.0)


def _position(is_title: bool, position: int) -> str:
    if is_title:
        return "title"
    return str(position) if position <= 3 else "4-6" if position <= 6 else "7+"


def _readers(text: str, published: datetime) -> list[str]:
    """What the extractor's readers say of the sentence: only those the rules already asked (memoised per
    story), so the gate adds no pattern search of its own."""
    verdict = violence(text, published)
    out = [_verdict(verdict)]
    if verdict.date and verdict.date.value:
        ago = (published.date() - verdict.date.value).days
        out.append(f"ago={ago}" if 0 <= ago <= 2 else "ago=3-7" if 3 <= ago <= 7 else "ago=other")
    kind = event_type(text)
    if kind:
        out.append(f"type={kind}")
    found = figures(text)
    out += [name for name, said in (("killed", found.killed), ("injured", found.injured)) if said]
    if found.own:
        out.append("own_losses")
    return out + [name for name, reader in (("toll_update", is_toll_update), ("claims", claims_it)) if reader(text)]


def _verdict(verdict) -> str:
    if verdict.news:
        return "violence"
    if verdict.context:
        return f"ctx={verdict.context}"
    starts = {"no word": "no_violence", "background": "bgcue", "dated": "old_date"}
    return next((name for cue, name in starts.items() if verdict.why.startswith(cue)), "vetoed")


@lru_cache(maxsize=1)
def load() -> Model:
    """The shipped model (data/role_model.json)."""
    text = resources.files("transforms.extract").joinpath("data/role_model.json").read_text(encoding="utf-8")
    return parse(json.loads(text))


def parse(data: dict) -> Model:
    """A model from its JSON; refused when made for another feature scheme or malformed."""
    if data.get("version") != VERSION:
        raise ValueError(f"role model version {data.get('version')!r}, this code reads version {VERSION}")
    classes = tuple(data["classes"])
    weights = {f: tuple(w) for f, w in data["weights"].items()}
    if len(data["intercepts"]) != len(classes) or any(len(w) != len(classes) for w in weights.values()):
        raise ValueError("role model: one intercept and one weight per class expected")
    return Model(data["version"], classes, tuple(data["intercepts"]), weights, float(data["threshold"]),
                 bool(data["gate"]), data.get("trained_on", {}))


def predict(found: dict[str, float], toward: tuple[str, ...] | None = None, model: Model | None = None,
            top: int = 3) -> Prediction:
    """Each role's probability, and the `top` features pushing most towards the roles `toward` (by default
    the most probable role) against the others: each feature's share of the log-odds of `toward` (top 0: none,
    a faster answer)."""
    model = model or load()
    rows = [w if x == 1.0 else [x * v for v in w]
            for w, x in zip(map(model.weights.get, found), found.values()) if w is not None]
    scores = [sum(column) for column in zip(model.intercepts, *rows)]
    high = max(scores)
    exp = [math.exp(s - high) for s in scores]
    total = sum(exp)
    probabilities = {c: e / total for c, e in zip(model.classes, exp)}
    if not top:
        return Prediction(probabilities, ())
    toward = toward or (max(probabilities, key=probabilities.get),)
    inside = [k for k, c in enumerate(model.classes) if c in toward]
    outside = [k for k in range(len(model.classes)) if k not in inside]
    p_in, p_out = (sum(exp[k] for k in ks) / total for ks in (inside, outside))

    def pull(x: float, w: tuple[float, ...]) -> float:
        mean_in = sum(exp[k] * w[k] for k in inside) / total / p_in if p_in else 0.0
        mean_out = sum(exp[k] * w[k] for k in outside) / total / p_out if p_out else 0.0
        return x * (mean_in - mean_out)

    known = [(f, x, model.weights[f]) for f, x in found.items() if f in model.weights]
    pulls = sorted(((pull(x, w), f) for f, x, w in known), key=lambda t: (-t[0], t[1]))
    return Prediction(probabilities, tuple(f for v, f in pulls[:top] if v > 0))
