-- The incident ledger (PostgresIncidentLedger): every event of every incident, append-only, and one summary row per
-- incident for lists, both written in the transaction of each append.
--
-- Instants are timestamptz (microseconds) with the 100-ns ticks past the microsecond beside them in a *_tick column
-- (0-9): the center's clock counts 100-ns ticks, and filters, windows and orders compare (instant, tick) so they answer
-- exactly as the embedded and Redis ledgers do. Ids compare byte by byte (COLLATE "C"), as the other ledgers order them.

CREATE TABLE cc_incident_events (
    incident_id text COLLATE "C" NOT NULL,
    seq         integer NOT NULL CHECK (seq >= 1),
    at          timestamptz NOT NULL,
    at_tick     smallint NOT NULL CHECK (at_tick BETWEEN 0 AND 9),
    action      text NOT NULL,
    data        json NOT NULL,
    -- One row per (incident, sequence): of two writers appending the same next sequence, one wins.
    CONSTRAINT cc_incident_events_pkey PRIMARY KEY (incident_id, seq)
);

-- Replay windows: time order, then incident, then sequence.
CREATE INDEX cc_incident_events_by_time ON cc_incident_events (at, at_tick, incident_id, seq);

CREATE TABLE cc_incident_summaries (
    id                 text COLLATE "C" PRIMARY KEY,
    status             text NOT NULL,
    is_open            boolean NOT NULL,
    step               integer NOT NULL,
    category           text NOT NULL,
    channel            text NOT NULL,
    grid_id            text,
    -- The grid and every grid above it (the placement's chain): subtree lists ask grid_chain @> ARRAY[grid].
    grid_chain         text[] NOT NULL,
    assignee_id        text,
    lat                double precision,
    lon                double precision,
    created_at         timestamptz NOT NULL,
    created_tick       smallint NOT NULL,
    next_wake_at       timestamptz,
    next_wake_tick     smallint,
    -- The light's course as the light rule stored it (SlaLightCourse): the light and overdue filters read these.
    yellow_from        timestamptz,
    yellow_from_tick   smallint,
    red_from           timestamptz,
    red_from_tick      smallint,
    none_from          timestamptz,
    none_from_tick     smallint,
    -- When the clock closed the return visit unanswered (the return-visit desk's list).
    visit_closed_at    timestamptz,
    visit_closed_tick  smallint,
    -- Case search (CaseSearch): the opening report's text and the caller's phone digits, written once.
    search_text        text,
    phone_digits       text,
    version            integer NOT NULL,
    data               json NOT NULL
);

-- Lists, newest first, and the export's keyset pages.
CREATE INDEX cc_incident_summaries_by_created ON cc_incident_summaries (created_at, created_tick, id);
CREATE INDEX cc_incident_summaries_by_status ON cc_incident_summaries (status, created_at, created_tick, id);
CREATE INDEX cc_incident_summaries_by_chain ON cc_incident_summaries USING gin (grid_chain);
-- Open work: a grid's, a subtree's, a member's, duplicates near a place, clocks to re-arm.
CREATE INDEX cc_incident_summaries_open_in ON cc_incident_summaries (grid_id) WHERE is_open;
CREATE INDEX cc_incident_summaries_open_under ON cc_incident_summaries USING gin (grid_chain) WHERE is_open;
CREATE INDEX cc_incident_summaries_open_assigned ON cc_incident_summaries (assignee_id) WHERE is_open;
CREATE INDEX cc_incident_summaries_open_near ON cc_incident_summaries (category, lat) WHERE is_open;
CREATE INDEX cc_incident_summaries_by_wake ON cc_incident_summaries (next_wake_at, next_wake_tick, id) WHERE next_wake_at IS NOT NULL;
CREATE INDEX cc_incident_summaries_by_phone ON cc_incident_summaries (phone_digits) WHERE phone_digits IS NOT NULL;
CREATE INDEX cc_incident_summaries_by_visit_closed ON cc_incident_summaries (visit_closed_at, visit_closed_tick) WHERE visit_closed_at IS NOT NULL;
