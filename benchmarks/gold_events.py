"""Gold events of an annotated set: which gold incidents tell the same real-world event.

Incidents are joined by `same_incident_as`. A republication (`duplicate_of`) is the same text, so an
incident of it left unlinked by the annotator is the same event as its canonical story's incident of the
same type and date (the one at the same index first); without this, every republication would count its
events a second time in the gold.
"""
from __future__ import annotations


def _twin(inc: dict, index: int, canonical: list[dict]) -> int | None:
    same = [j for j, c in enumerate(canonical) if c["kind"] == "incident"
            and (c.get("event_type"), c.get("date")) == (inc.get("event_type"), inc.get("date"))]
    return index if index in same else (same[0] if same else None)


def gold_clusters(rows: list[dict]) -> dict[str, str]:
    """'story#index' of every gold incident -> its event's root key (union-find)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        for i, inc in enumerate(r["incidents"]):
            if inc["kind"] != "incident":
                continue
            key = find(f"{r['id']}#{i}")
            link = inc.get("same_incident_as")
            if not link and r.get("duplicate_of") in by_id:
                j = _twin(inc, i, by_id[r["duplicate_of"]]["incidents"])
                link = None if j is None else f"{r['duplicate_of']}#{j}"
            if link:
                parent[key] = find(link)
    return {k: find(k) for k in parent}
