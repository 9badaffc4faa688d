// The lines of GET /api/replay (NDJSON, src/CommandCenter/Replay/ReplayStream.cs): one snapshot line, one line per
// ledger event in time order, one end line. The incident and event shapes are generated from the C# records
// (IncidentAt, IncidentEvent) into ../shared/generated/wire.generated.ts: camel case, enums as their C# names (e.g.
// "Dispatched", "Urgent"), null fields left out. The three line envelopes are anonymous objects in ReplayStream.cs.

import type { IncidentAt, IncidentEvent } from '../shared/generated/wire.generated';

/** An incident as it stood at the window's start (IncidentAt.cs): state words in lower case. */
export type SnapshotIncident = IncidentAt;

export interface SnapshotLine {
  kind: 'snapshot';
  at: string;
  scope: string;
  incidents: SnapshotIncident[];
}

/** One ledger entry (IncidentEvent.cs). */
export type EventLine = { kind: 'event' } & IncidentEvent;

export interface EndLine {
  kind: 'end';
  at: string;
  events: number;
}

export type ReplayLine = SnapshotLine | EventLine | EndLine;

/** A member's patrol track (GET /api/members/{id}/track). */
export type { TrackView as Track } from '../shared/generated/wire.generated';
