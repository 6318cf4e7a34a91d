"""Check a sentence-role corpus (JSONL, one sentence a line) and print its figures.

Usage: python benchmarks/roles/check_corpus.py benchmarks/roles/corpus-en.jsonl [more.jsonl ...]

Exits 1 with one line per problem on stderr when the file breaks the format
described in benchmarks/roles/README.md; otherwise prints counts per role,
per language and per story kind.
"""
import json
import sys
from collections import Counter
from datetime import datetime

ROLES = {"incident", "detail", "revision", "claim", "aftermath",
         "reaction", "tally", "background", "other"}
INCIDENT_ROLES = {"incident", "detail", "revision", "claim", "aftermath"}
FIELDS = {"story", "n", "lang", "published", "url", "title", "text", "role",
          "incident", "note"}
STORY_CONSTANTS = ("lang", "published", "url")


def read_rows(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if line.strip():
                rows.append((lineno, json.loads(line)))
    return rows


def row_problems(lineno, row):
    where = f"line {lineno} ({row.get('story')}#{row.get('n')})"
    if set(row) != FIELDS:
        return [f"{where}: fields {sorted(set(row) ^ FIELDS)} missing or extra"]
    problems = []
    if row["role"] not in ROLES:
        problems.append(f"{where}: unknown role {row['role']!r}")
    if row["lang"] not in ("en", "fr"):
        problems.append(f"{where}: lang must be en or fr")
    if not row["text"].strip():
        problems.append(f"{where}: empty text")
    wants_index = row["role"] in INCIDENT_ROLES
    has_index = isinstance(row["incident"], int) and not isinstance(row["incident"], bool)
    if wants_index and not has_index:
        problems.append(f"{where}: role {row['role']} needs an incident index")
    if not wants_index and row["incident"] is not None:
        problems.append(f"{where}: role {row['role']} takes incident null")
    year = datetime.fromisoformat(row["published"].replace("Z", "+00:00")).year
    if not 2008 <= year <= 2016:
        problems.append(f"{where}: published {row['published']} outside 2008-2016")
    return problems


def story_problems(story, rows):
    problems = []
    if [r["n"] for r in rows] != list(range(len(rows))):
        problems.append(f"{story}: n is not 0, 1, 2... in file order")
    titles = [r["n"] for r in rows if r["title"]]
    if titles != [0]:
        problems.append(f"{story}: needs exactly one title, at n=0 (has {titles})")
    for field in STORY_CONSTANTS:
        if len({r[field] for r in rows}) != 1:
            problems.append(f"{story}: {field} differs between sentences")
    introduced = []
    for r in rows:
        k = r["incident"]
        if k is None or k in introduced:
            continue
        if r["role"] != "incident":
            problems.append(f"{story}#{r['n']}: incident {k} first appears as {r['role']}")
        if k != len(introduced):
            problems.append(f"{story}#{r['n']}: incident {k} introduced before {len(introduced)}")
        introduced.append(k)
    return problems


def check(paths):
    problems, stories, order = [], {}, []
    for path in paths:
        for lineno, row in read_rows(path):
            problems += row_problems(lineno, row)
            if row.get("story") not in stories:
                order.append(row.get("story"))
            elif order[-1] != row.get("story"):
                problems.append(f"line {lineno}: story {row.get('story')} is split")
            stories.setdefault(row.get("story"), []).append(row)
    for story in order:
        problems += story_problems(story, stories[story])
    return problems, stories


def print_figures(stories):
    rows = [r for rs in stories.values() for r in rs]
    langs = Counter(rs[0]["lang"] for rs in stories.values())
    print(f"{len(stories)} stories, {len(rows)} sentences")
    print("stories per language: " + ", ".join(f"{k} {v}" for k, v in sorted(langs.items())))
    print("sentences per language: " + ", ".join(
        f"{k} {v}" for k, v in sorted(Counter(r["lang"] for r in rows).items())))
    no_incident = sum(1 for rs in stories.values() if all(r["incident"] is None for r in rs))
    several = sum(1 for rs in stories.values() if len({r["incident"] for r in rs} - {None}) > 1)
    print(f"stories without any incident: {no_incident}; with several incidents: {several}")
    print("role        all    en    fr")
    for role in sorted(ROLES, key=lambda x: -sum(r["role"] == x for r in rows)):
        counts = [sum(r["role"] == role and lang in (None, r["lang"]) for r in rows)
                  for lang in (None, "en", "fr")]
        print(f"{role:<10}" + "".join(f"{c:>6}" for c in counts))


def main(argv):
    if len(argv) < 2:
        print("usage: check_corpus.py CORPUS.jsonl [...]", file=sys.stderr)
        return 2
    try:
        problems, stories = check(argv[1:])
    except (OSError, ValueError) as exc:
        print(f"check_corpus: cannot read corpus: {exc}", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print_figures(stories)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
