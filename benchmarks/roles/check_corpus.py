"""Check a roles corpus (JSONL, one sentence a line) and print its figures.

Usage: python3 benchmarks/roles/check_corpus.py benchmarks/roles/corpus-fr.jsonl
Exits 1 with one line per problem on stderr when the file breaks a rule.
"""
import json
import sys
from collections import Counter, defaultdict

ROLES = ("incident", "detail", "revision", "claim", "aftermath",
         "reaction", "tally", "background", "other")
INDEXED = {"incident", "detail", "revision", "claim", "aftermath"}
FIELDS = {"story", "n", "lang", "published", "url", "title", "text", "role", "incident", "note"}


def row_problems(row):
    where = f"{row.get('story')}#{row.get('n')}"
    if set(row) != FIELDS:
        yield f"{where}: fields {sorted(set(row) ^ FIELDS)} wrong"
    if row.get("role") not in ROLES:
        yield f"{where}: role {row.get('role')!r} not allowed"
    if row.get("lang") not in ("fr", "en"):
        yield f"{where}: lang {row.get('lang')!r}"
    if not str(row.get("text", "")).strip():
        yield f"{where}: empty text"
    if not str(row.get("published", ""))[:4] in {str(y) for y in range(2008, 2017)}:
        yield f"{where}: published {row.get('published')!r} outside 2008-2016"
    indexed = row.get("role") in INDEXED
    idx = row.get("incident")
    if indexed and not (isinstance(idx, int) and idx >= 0):
        yield f"{where}: role {row.get('role')} needs an incident index"
    if not indexed and idx is not None:
        yield f"{where}: role {row.get('role')} must have incident null"


def story_problems(sid, rows):
    if [r["n"] for r in rows] != list(range(len(rows))):
        yield f"{sid}: n is not 0..{len(rows) - 1} in order"
    if [r["title"] for r in rows].count(True) != 1 or not rows[0]["title"]:
        yield f"{sid}: needs exactly one title, at n=0"
    for key in ("lang", "published", "url"):
        if len({r[key] for r in rows}) != 1:
            yield f"{sid}: {key} differs between sentences"
    first = {}
    for r in rows:
        if r["role"] in INDEXED and r["incident"] not in first:
            first[r["incident"]] = r
    for idx, r in first.items():
        if r["role"] != "incident":
            yield f"{sid}#{r['n']}: first sentence of incident {idx} is {r['role']}, not incident"
    told = Counter(r["incident"] for r in rows if r["role"] == "incident")
    for idx, count in told.items():
        if count > 1:
            yield f"{sid}: incident {idx} has {count} sentences with role incident (only its first)"
    if sorted(first) != list(range(len(first))):
        yield f"{sid}: incident indexes {sorted(first)} are not 0..{len(first) - 1}"
    order = list(first)
    if order != sorted(order):
        yield f"{sid}: incidents first told in order {order}, not 0, 1, ..."


def check(rows):
    stories = defaultdict(list)
    for row in rows:
        yield from row_problems(row)
        stories[row.get("story")].append(row)
    for sid, srows in stories.items():
        yield from story_problems(sid, srows)


def figures(rows):
    stories = {r["story"]: r for r in rows}
    langs = Counter(r["lang"] for r in stories.values())
    print(f"stories {len(stories)} (fr {langs['fr']}, en {langs['en']}); sentences {len(rows)}")
    by_lang = {lang: Counter(r["role"] for r in rows if r["lang"] == lang) for lang in ("fr", "en")}
    print(f"{'role':<11}{'fr':>6}{'en':>6}{'all':>6}")
    for role in ROLES:
        fr, en = by_lang["fr"][role], by_lang["en"][role]
        print(f"{role:<11}{fr:>6}{en:>6}{fr + en:>6}")
    fr, en = sum(by_lang["fr"].values()), sum(by_lang["en"].values())
    print(f"{'all':<11}{fr:>6}{en:>6}{fr + en:>6}")
    attack = sum(1 for s in stories if any(r["story"] == s and r["role"] == "incident" for r in rows))
    multi = sum(1 for s in stories
                if len({r["incident"] for r in rows if r["story"] == s and r["incident"] is not None}) > 1)
    print(f"stories with an incident {attack}, without {len(stories) - attack}, with several {multi}")


def main(path):
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    problems = list(check(rows))
    for p in problems:
        print(p, file=sys.stderr)
    figures(rows)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: check_corpus.py CORPUS.jsonl", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
