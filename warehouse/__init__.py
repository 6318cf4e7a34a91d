"""The disk: raw archive, Parquet lake (atomic writes), DuckDB schema, merges and views, per-feed state."""
