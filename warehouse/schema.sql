-- wirewatch warehouse: tables this module owns. events and the dedup history
-- tables are created by warehouse/history.py; the views by views.sql.

CREATE TABLE IF NOT EXISTS fetches (
    fetch_id      VARCHAR PRIMARY KEY,
    run_id        VARCHAR,
    feed          VARCHAR NOT NULL,
    url           VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,      -- ok | not_modified | error | skipped
    http_status   INTEGER,
    error         VARCHAR,
    entries       INTEGER,
    new_stories   INTEGER,
    bozo          VARCHAR,
    bytes         BIGINT,
    raw_path      VARCHAR,
    started_at    TIMESTAMPTZ NOT NULL,
    elapsed_s     DOUBLE
);

CREATE TABLE IF NOT EXISTS feeds (
    feed                 VARCHAR PRIMARY KEY,
    config_url           VARCHAR NOT NULL,
    url                  VARCHAR NOT NULL,   -- after permanent redirects
    etag                 VARCHAR,
    last_modified        VARCHAR,
    last_success         TIMESTAMPTZ,
    last_error           VARCHAR,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_fetch_after     TIMESTAMPTZ,
    updated_at           TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS stories (
    story_id          VARCHAR PRIMARY KEY,
    feed              VARCHAR NOT NULL,
    guid              VARCHAR NOT NULL,
    url               VARCHAR,
    title             VARCHAR,
    text              VARCHAR,
    lang              VARCHAR,
    published_at      TIMESTAMPTZ,
    content_hash      VARCHAR,
    dup_of            VARCHAR,
    cluster_id        VARCHAR,
    dup_reason        VARCHAR,
    flags             VARCHAR[],
    fetch_id          VARCHAR,
    attack            BOOLEAN,
    extractor_version VARCHAR,
    ingested_at       TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS incidents (
    incident_id       VARCHAR PRIMARY KEY,
    story_id          VARCHAR NOT NULL,
    idx               INTEGER NOT NULL,
    kind              VARCHAR NOT NULL,
    event_type        VARCHAR,
    date              DATE,
    country           VARCHAR,
    location          VARCHAR,
    lat               DOUBLE,
    lon               DOUBLE,
    actor1            VARCHAR,
    actor2            VARCHAR,
    weapon            VARCHAR,
    killed_min        INTEGER,
    killed_max        INTEGER,
    injured_min       INTEGER,
    injured_max       INTEGER,
    count_min         INTEGER,
    count_max         INTEGER,
    period_start      DATE,
    period_end        DATE,
    date_precision    VARCHAR,
    geo_precision     VARCHAR,
    evidence          VARCHAR,
    evidence_start    INTEGER,
    evidence_end      INTEGER,
    casualty_phrases  VARCHAR[],
    claimed_by        VARCHAR,
    confidence        DOUBLE,
    event_id          VARCHAR,
    extractor_version VARCHAR
);
