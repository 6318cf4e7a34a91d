"""`wirewatch extract --explain`: per sentence its role, the incident it went into and why, then each incident
with the sentences behind it (French and English)."""
from __future__ import annotations

import json

import pytest

from flows.cli import main

STORIES = [
    {"id": "fr-1", "published": "2025-03-12T09:00:00Z", "title": "Mali : cinq soldats tués à Boni",
     "text": "Des jihadistes ont attaqué mardi un poste de l'armée à Boni, tuant cinq soldats.\n"
             "L'attaque a été revendiquée par le JNIM.\nEn 2012, des jihadistes avaient déjà attaqué la ville."},
    {"id": "en-1", "published": "2025-03-12T09:00:00Z", "title": "Five soldiers killed in Boni",
     "text": "Jihadists attacked an army post in Boni on Tuesday, killing five soldiers.\n"
             "JNIM claimed responsibility for the attack.\nIn 2012, jihadists had already attacked the town."},
]


@pytest.fixture
def explained(tmp_path, capsys):
    infile, outfile = tmp_path / "in.jsonl", tmp_path / "out.txt"
    infile.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in STORIES), encoding="utf-8")
    assert main(["extract", "--explain", str(infile), str(outfile)]) == 0
    return outfile.read_text(encoding="utf-8")


def test_each_sentence_has_its_role_incident_and_reason(explained):
    for story in ("fr-1", "en-1"):
        block = explained.split(f"story {story} ")[1].split("\nstory ")[0]
        lines = block.splitlines()
        assert any(" incident " in line and "#1" in line and "Boni" in line for line in lines)
        assert any("why: violence word 'attaqué'" in line or "why: violence word 'attacked'" in line for line in lines)
        assert any(" claim " in line and "#1" in line for line in lines)
        assert any(" background " in line for line in lines)
        assert sum(line.strip().startswith("why: ") for line in lines) == 4   # title and three sentences
        assert "#1 armed_clash on 2025-03-11 in Boni (ML" in block
        assert "killed 5" in block


def test_without_explain_the_output_is_predictions(tmp_path):
    infile, outfile = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    infile.write_text(json.dumps(STORIES[0], ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["extract", str(infile), str(outfile)]) == 0
    assert json.loads(outfile.read_text(encoding="utf-8"))["incidents"][0]["killed"] == {"min": 5, "max": 5}
