-- Patrol tracks (PostgresPatrolTracks): one row per kept fix, keyed by member and instant (microseconds and the 100-ns
-- ticks past them, so a fix reads back at the instant it was given).
CREATE TABLE cc_patrol_fixes (
    member_id text COLLATE "C" NOT NULL,
    at        timestamptz NOT NULL,
    at_tick   smallint NOT NULL CHECK (at_tick BETWEEN 0 AND 9),
    lat       double precision NOT NULL,
    lon       double precision NOT NULL,
    CONSTRAINT cc_patrol_fixes_pkey PRIMARY KEY (member_id, at, at_tick)
);
