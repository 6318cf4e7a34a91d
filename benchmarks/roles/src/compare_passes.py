"""Compare the first labelling pass (corpus-fr.jsonl) with the second (src/pass2.txt).

Prints every sentence where the two passes differ, then the agreement rate.
"""
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODES = {"I": "incident", "D": "detail", "R": "revision", "C": "claim", "A": "aftermath",
         "X": "reaction", "T": "tally", "B": "background", "O": "other"}


def pass2():
    labels = {}
    for line in (HERE / "pass2.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sid, *codes = line.split()
        labels[sid] = [(CODES[c[0]], int(c[1:]) if c[1:] else None) for c in codes]
    return labels


def main():
    rows = [json.loads(l) for l in (HERE.parent / "corpus-fr.jsonl").open(encoding="utf-8")]
    second = pass2()
    same = total = 0
    for row in rows:
        labels = second.get(row["story"])
        if labels is None or row["n"] >= len(labels):
            print(f"{row['story']}#{row['n']}: missing in pass 2", file=sys.stderr)
            continue
        total += 1
        if (row["role"], row["incident"]) == labels[row["n"]]:
            same += 1
        else:
            print(f"{row['story']}#{row['n']}: pass1 {row['role']} {row['incident']} | "
                  f"pass2 {labels[row['n']][0]} {labels[row['n']][1]} | {row['text'][:90]}")
    for sid, labels in second.items():
        n = sum(1 for r in rows if r["story"] == sid)
        if n != len(labels):
            print(f"{sid}: pass 2 has {len(labels)} labels for {n} sentences", file=sys.stderr)
    print(f"agreement {same}/{total} = {same / total:.3f}")


if __name__ == "__main__":
    main()
