-- The archive index (PostgresArchiveIndex): incident id -> archive file and line, with the span of its events (first
-- rounded down, last rounded up to the microsecond, so a window read never misses one). Beside the ledger, so moving
-- an incident out of the hot store (the row appears, its events go) is one transaction.
CREATE TABLE cc_archive_index (
    incident_id text COLLATE "C" PRIMARY KEY,
    file        text NOT NULL,
    line        integer NOT NULL,
    first_at    timestamptz NOT NULL,
    last_at     timestamptz NOT NULL
);

CREATE INDEX cc_archive_index_by_time ON cc_archive_index (first_at, last_at);
