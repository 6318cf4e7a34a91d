"""Parquet lake: partitions merge by key (re-runs and crash repairs never duplicate) and swap atomically."""
from datetime import date

import pyarrow as pa

from warehouse import lake


def _rows(ids, day, text="v1"):
    return pa.table({"story_id": ids, "text": [text] * len(ids), "__day": [day] * len(ids)})


def test_merge_is_idempotent_and_replaces_by_key(tmp_path):
    root = str(tmp_path / "lake")
    d1, d2 = date(2025, 5, 6), date(2025, 5, 7)
    lake.merge_partitions(root, "stories", _rows(["a", "b"], d1), "story_id", "__day")
    lake.merge_partitions(root, "stories", _rows(["a", "b"], d1), "story_id", "__day")
    lake.merge_partitions(root, "stories", _rows(["b"], d1, "v2"), "story_id", "__day")
    lake.merge_partitions(root, "stories", _rows(["c"], d2), "story_id", "__day")
    table = lake.read_table(root, "stories").to_pandas().sort_values("story_id")
    assert list(table.story_id) == ["a", "b", "c"]
    assert list(table.text) == ["v1", "v2", "v1"]
    assert (tmp_path / "lake/stories/date=2025-05-06/part-0.parquet").exists()
    assert not list(tmp_path.rglob("*.tmp"))


def test_replace_table_drops_stale_partitions(tmp_path):
    root = str(tmp_path / "lake")
    lake.merge_partitions(root, "events", _rows(["a"], date(2025, 5, 1)), "story_id", "__day")
    lake.replace_table(root, "events", _rows(["b"], date(2025, 5, 2)), "__day")
    table = lake.read_table(root, "events").to_pandas()
    assert list(table.story_id) == ["b"]
    assert not (tmp_path / "lake/events/date=2025-05-01").exists()
    assert sorted(p.name for p in (tmp_path / "lake").iterdir()) == ["events"]


def test_an_event_whose_day_changed_leaves_its_old_partition():
    from warehouse.load import moved
    d1, d2, d3 = date(2025, 5, 1), date(2025, 5, 2), date(2025, 5, 3)
    assert moved({"a": d1, "b": d1, "c": d2}, {"a": d2, "b": d1, "c": d3}) == {d1: ["a"], d2: ["c"]}


def test_drop_keys_removes_moved_rows_and_empty_partitions(tmp_path):
    root = str(tmp_path / "lake")
    d1, d2 = date(2025, 5, 1), date(2025, 5, 2)
    lake.merge_partitions(root, "events", _rows(["a", "b"], d1), "story_id", "__day")
    lake.merge_partitions(root, "events", _rows(["c"], d2), "story_id", "__day")
    lake.merge_partitions(root, "events", _rows(["a"], d2, "v2"), "story_id", "__day")   # a's day moved to d2
    lake.drop_keys(root, "events", "story_id", {d1: ["a"]})
    table = lake.read_table(root, "events").to_pandas().sort_values("story_id")
    assert list(zip(table.story_id, table.text, table.date.astype(str))) == [
        ("a", "v2", "2025-05-02"), ("b", "v1", "2025-05-01"), ("c", "v1", "2025-05-02")]
    lake.drop_keys(root, "events", "story_id", {d1: ["b"]})
    assert not (tmp_path / "lake/events/date=2025-05-01").exists()
