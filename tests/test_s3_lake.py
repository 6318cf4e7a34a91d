"""The lake on an S3-compatible object store: moto's S3 server on 127.0.0.1
(real HTTP), written through warehouse.lake with lake_url s3://bucket/lake,
and read back by DuckDB through an fsspec filesystem registered on the
connection (DuckDB's httpfs extension cannot be downloaded here)."""
from __future__ import annotations

from datetime import date

import duckdb
import pyarrow as pa
import pytest

from warehouse import lake

pytest.importorskip("s3fs")
pytest.importorskip("moto.server")
BUCKET = "wirewatch-test"
LAKE = f"s3://{BUCKET}/lake"
D1, D2 = date(2025, 5, 19), date(2025, 5, 20)


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3(s3_endpoint, monkeypatch):
    """Credentials and endpoint the way a user sets them: AWS_* environment variables."""
    import boto3
    import fsspec
    for name, value in {"AWS_ENDPOINT_URL": s3_endpoint, "AWS_ACCESS_KEY_ID": "testing",
                        "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint)
    client.create_bucket(Bucket=BUCKET)
    fsspec.filesystem("s3").invalidate_cache()
    yield client
    for obj in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=obj["Key"])
    client.delete_bucket(Bucket=BUCKET)


def rows(ids, day, text="v1", lang="fr"):
    return pa.table({"story_id": ids, "text": [text] * len(ids), "lang": [lang] * len(ids), "__day": [day] * len(ids)})


def keys(client) -> list[str]:
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_merge_writes_hive_partitions_to_s3_idempotently(s3):
    lake.merge_partitions(LAKE, "stories", rows(["a", "b"], D1), "story_id", "__day")
    lake.merge_partitions(LAKE, "stories", rows(["a", "b"], D1), "story_id", "__day")
    lake.merge_partitions(LAKE, "stories", rows(["b"], D1, "v2"), "story_id", "__day")
    lake.merge_partitions(LAKE, "stories", rows(["c"], D2, lang="en"), "story_id", "__day")
    assert keys(s3) == ["lake/stories/date=2025-05-19/part-0.parquet", "lake/stories/date=2025-05-20/part-0.parquet"]
    table = lake.read_table(LAKE, "stories").to_pandas().sort_values("story_id")
    assert list(table.story_id) == ["a", "b", "c"] and list(table.text) == ["v1", "v2", "v1"]


def test_duckdb_reads_the_s3_lake_through_a_registered_fsspec_filesystem(s3, s3_endpoint):
    import s3fs
    lake.merge_partitions(LAKE, "stories", rows(["a", "b"], D1), "story_id", "__day")
    lake.merge_partitions(LAKE, "stories", rows(["c"], D2, lang="en"), "story_id", "__day")
    con = duckdb.connect()
    try:
        con.register_filesystem(s3fs.S3FileSystem(client_kwargs={"endpoint_url": s3_endpoint}))
        got = con.execute(
            f"SELECT date, lang, count(*) FROM read_parquet('{LAKE}/stories/*/*.parquet', hive_partitioning = true)"
            " GROUP BY ALL ORDER BY date").fetchall()
    finally:
        con.close()
    assert [(str(d), lang, n) for d, lang, n in got] == [("2025-05-19", "fr", 2), ("2025-05-20", "en", 1)]


def test_replace_table_removes_stale_s3_partitions(s3):
    lake.merge_partitions(LAKE, "events", rows(["a"], D1), "story_id", "__day")
    lake.replace_table(LAKE, "events", rows(["b"], D2), "__day")
    assert keys(s3) == ["lake/events/date=2025-05-20/part-0.parquet"]
    assert list(lake.read_table(LAKE, "events").to_pandas().story_id) == ["b"]


@pytest.mark.slow
def test_ingest_writes_its_lake_to_s3(s3, prefect_server, tmp_path, monkeypatch):
    import json
    from pathlib import Path

    import requests

    from flows.ingest import ingest
    from tests.site_support import news_site
    monkeypatch.setenv("WIREWATCH_LAKE", LAKE)
    fixture = Path(__file__).parent / "fixtures" / "stories" / "basic.jsonl"
    stories = [json.loads(line) for line in fixture.read_text(encoding="utf-8").splitlines() if line.strip()]
    with news_site(stories) as base:
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text(requests.get(f"{base}/feeds.yaml", timeout=10).text, encoding="utf-8")
        ingest(feeds_file=str(feeds), data_dir=str(tmp_path / "data"))
    assert not (tmp_path / "data" / "lake").exists(), "the lake went to S3, not the data directory"
    assert {k.split("/")[1] for k in keys(s3)} >= {"stories", "incidents", "events"}
    assert lake.read_table(LAKE, "stories").num_rows == len(stories)


def test_wirewatch_sql_reads_a_lake_on_s3(s3, monkeypatch, tmp_path):
    from tests import analyst_support
    from warehouse.lakeview import lake_connection, read_only_query
    monkeypatch.setenv("WIREWATCH_LAKE", LAKE)
    layout = analyst_support.build(tmp_path / "data")
    assert not (tmp_path / "data" / "lake").exists()
    with lake_connection(layout) as con:
        _, rows = read_only_query(con, "SELECT count(*), count(date) FROM events")
    assert rows == [(len(analyst_support.EVENTS), len(analyst_support.EVENTS) - 1)]
