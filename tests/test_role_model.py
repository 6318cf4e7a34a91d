"""The learned sentence-role model (transforms/extract/role_model.py): the shipped JSON, its plain-Python
inference against scikit-learn's, the gate in roles.py (French and English, in --explain too) and its
training script (benchmarks/roles/train.py) on a small slice of the corpora."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from importlib import resources

import pytest

from flows.cli import main as cli
from transforms.extract import explain, role_model
from transforms.extract.roles import ROLES

PUB = datetime(2025, 3, 12, 9, 0, tzinfo=timezone.utc)   # a Wednesday
# an incident, its aftermath, an older attack as background, more of that background (the rules read an
# incident), then a second incident told as news
FR = ("Attaque contre un poste de l'armée dans le Soum",
      "Des hommes armés ont attaqué mardi un poste de l'armée à Djibo, tuant cinq soldats.\n"
      "Les blessés ont été évacués vers l'hôpital de Ouahigouya.\n"
      "En 2019, une attaque similaire avait fait vingt morts dans la même localité.\n"
      "Les jihadistes avaient alors attaqué le marché et incendié des dizaines de maisons.\n"
      "Par ailleurs, des hommes armés ont tué mercredi trois civils dans le village de Tin, près de Dori.")
EN = ("Army post attacked in Soum",
      "Gunmen attacked an army post in Djibo on Tuesday, killing five soldiers.\n"
      "The wounded were flown to hospital in Ouahigouya.\n"
      "In 2019, a similar attack killed 20 people in the same town.\n"
      "Such attacks are rarely claimed, and the authorities blame them on jihadist groups.\n"
      "Separately, gunmen killed three civilians in the village of Tin, near Dori, on Wednesday.")


def test_the_shipped_model_loads_and_matches_the_code_version():
    model = role_model.load()
    assert model.version == role_model.VERSION
    assert sorted(model.classes) == sorted(ROLES)
    assert 0.5 <= model.threshold < 1 and model.weights
    assert model.trained_on["sentences"] >= 1300 and model.trained_on["cv_accuracy_model"] > 0.5
    size = len(resources.files("transforms.extract").joinpath("data/role_model.json").read_bytes())
    assert size < 400_000, size


def test_a_model_made_for_another_feature_scheme_is_refused():
    data = json.loads(resources.files("transforms.extract").joinpath("data/role_model.json").read_text("utf-8"))
    with pytest.raises(ValueError, match="version"):
        role_model.parse(dict(data, version="0"))
    with pytest.raises(ValueError, match="one intercept"):
        role_model.parse(dict(data, intercepts=data["intercepts"][:-1]))


def test_a_prediction_is_deterministic_and_names_its_features():
    text = "Depuis 2012, les attaques jihadistes ont fait des milliers de morts dans le pays."
    found = role_model.features(text, False, 5, "background", PUB, "fr")
    assert {"w=depuis", "w=#year", "b=depuis_#year", "prev=background", "pos=4-6", "lang=fr", "bgcue"} <= set(found)
    first, again = (role_model.predict(found, role_model.NOT_AN_INCIDENT) for _ in range(2))
    assert first == again
    assert sum(first.probabilities.values()) == pytest.approx(1.0)
    assert first.p(role_model.NOT_AN_INCIDENT) > 0.5
    assert first.top and set(first.top) <= set(found)


def test_plain_python_inference_gives_scikit_learns_probabilities():
    sklearn = pytest.importorskip("sklearn")
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from benchmarks.roles.train import as_model
    rows = [({"w=a": 1.0, "w=b": 1.0}, "incident"), ({"w=b": 1.0, "w=c": 1.0}, "detail"),
            ({"w=c": 1.0, "w=d": 1.0}, "background"), ({"w=a": 1.0, "w=d": 1.0}, "incident"),
            ({"w=b": 1.0}, "detail"), ({"w=d": 1.0, "w=e": 1.0}, "background")]
    for labels in (None, {"background": "detail"}):     # three classes, then two
        y = [labels.get(label, label) if labels else label for _, label in rows]
        vectorizer = DictVectorizer()
        x = vectorizer.fit_transform([f for f, _ in rows])
        classifier = LogisticRegression(C=5).fit(x, y)
        model = as_model(classifier, vectorizer.get_feature_names_out(), prune=0.0, digits=8)
        for features, _ in rows + [({"w=e": 1.0, "w=unseen": 1.0}, None)]:
            expected = classifier.predict_proba(vectorizer.transform([features]))[0]
            got = role_model.predict(features, model=model).probabilities
            assert [got[str(c)] for c in classifier.classes_] == pytest.approx(list(expected), abs=1e-6)
    assert sklearn.__version__


@pytest.mark.parametrize("title, text", [FR, EN])
def test_the_gate_makes_a_background_like_sentence_background_and_leaves_the_incident(title, text):
    result = explain(title, text, PUB)
    rules = explain(title, text, PUB, model=False).roles
    assert [r.role for r in rules] == ["incident", "incident", "aftermath", "background", "detail", "incident"]
    assert [r.role for r in result.roles] == ["incident", "incident", "aftermath", "background", "background",
                                              "incident"]
    gated = result.roles[4].why
    assert gated.startswith("model P(not an incident)=0.") and "'prev=background'" in gated
    assert "the rules said incident: violence word" in gated          # the rules' reason stays visible
    assert "; model P(not an incident)=0.0" in result.roles[5].why and "under 0." in result.roles[5].why
    assert "model" not in result.roles[1].why                         # the lede: the gate does not look
    assert len([i for i in result.extraction.incidents if i.kind == "incident"]) == 2


def test_with_its_gate_off_the_model_only_gives_its_opinion():
    from dataclasses import replace

    from transforms.extract import rule_roles
    from transforms.extract.roles import gated
    rules = rule_roles(*EN, PUB)
    roles = gated(rules, PUB, "en", replace(role_model.load(), gate=False))
    assert [r.role for r in roles] == [r.role for r in rules]
    assert roles[4].why.endswith("(gate off)") and roles[4].why.startswith(rules[4].why)
    assert roles[1].why == rules[1].why


def test_explain_shows_the_models_decision(tmp_path):
    infile, outfile = tmp_path / "in.jsonl", tmp_path / "out.txt"
    story = {"id": "en-gate", "published": PUB.isoformat(), "title": EN[0], "text": EN[1]}
    infile.write_text(json.dumps(story) + "\n", encoding="utf-8")
    assert cli(["extract", "--explain", str(infile), str(outfile)]) == 0
    lines = outfile.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if "Such attacks are rarely claimed" in line)
    assert " background " in lines[at]
    assert "why: model P(not an incident)=0." in lines[at + 1] and "the rules said incident" in lines[at + 1]


def test_the_training_script_writes_a_loadable_model_from_a_small_slice(tmp_path, capsys):
    pytest.importorskip("sklearn")
    from benchmarks.roles.train import main as train
    out = tmp_path / "model.json"
    train(["--stories", "12", "--folds", "2", "--out", str(out)])
    printed = capsys.readouterr().out
    assert "2-fold story-grouped cross-validation" in printed and "model alone" in printed
    model = role_model.parse(json.loads(out.read_text(encoding="utf-8")))
    assert model.trained_on["stories"] == 12 and model.trained_on["sentences"] > 50
    assert 0.4 <= model.threshold < 1
    found = role_model.features("Gunmen attacked a village on Tuesday.", False, 1, "incident", PUB, "en")
    assert sum(role_model.predict(found, model=model).probabilities.values()) == pytest.approx(1.0)


def test_the_training_script_says_in_one_line_when_a_corpus_is_missing(tmp_path, capsys):
    from benchmarks.roles.train import main as train
    with pytest.raises(SystemExit) as stop:
        train([str(tmp_path / "nowhere.jsonl"), "--out", str(tmp_path / "m.json")])
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err == f"train.py: no such corpus: {tmp_path / 'nowhere.jsonl'}"
    assert not (tmp_path / "m.json").exists()
