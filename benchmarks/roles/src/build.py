"""Turn the annotated source text (src/stories.txt) into corpus-fr.jsonl.

Source format: a story header line
    === <story id> | <lang> | <published ISO> | <url>
then one line per sentence, title first:
    <role> <incident index or -> | <text> [| <note>]
"""
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
INDEXED = {"incident", "detail", "revision", "claim", "aftermath"}


def parse(text):
    rows, story = [], None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("=== "):
            sid, lang, published, url = (p.strip() for p in line[4:].split("|", 3))
            story = {"story": sid, "lang": lang, "published": published, "url": url, "n": 0}
            continue
        head, _, rest = line.partition(" | ")
        text_, _, note = rest.partition(" | ")
        role, idx = head.split()
        incident = int(idx) if role in INDEXED else None
        rows.append({"story": story["story"], "n": story["n"], "lang": story["lang"],
                     "published": story["published"], "url": story["url"],
                     "title": story["n"] == 0, "text": text_.strip(), "role": role,
                     "incident": incident, "note": note.strip()})
        story["n"] += 1
    return rows


def title_convention(rows):
    """The project's convention (as corpus-en.jsonl): a title tells its incident, and so does the first
    body sentence telling it: that sentence is an `incident` too, not a `detail`."""
    told = set()
    for row in rows:
        key = (row["story"], row["incident"])
        if row["title"] and row["role"] == "incident":
            told.add(key)
        elif key in told and row["role"] == "detail":
            row["role"] = "incident"
            told.discard(key)
        elif key in told:
            told.discard(key)
    return rows


def main():
    rows = title_convention(parse((HERE / "stories.txt").read_text(encoding="utf-8")))
    out = HERE.parent / "corpus-fr.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
