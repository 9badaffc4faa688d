// The lines of GET /api/replay (NDJSON, src/CommandCenter/Replay/ReplayStream.cs): one snapshot line, one line per
// ledger event in time order, one end line. Camel case; enums as their C# names (e.g. "Dispatched", "Urgent");
// null fields are left out, so every optional field may be missing.

/** An incident as it stood at the window's start (IncidentAt.cs): state words in lower case. */
export interface SnapshotIncident {
  id: string;
  state: string;
  step: number;
  category: string;
  priority: string;
  channel: string;
  gridId?: string;
  gridChain?: string[];
  assigneeId?: string;
  lat?: number;
  lon?: number;
  light: 'green' | 'yellow' | 'red' | 'none' | string;
  activeStep?: string;
  warnAt?: string;
  dueAt?: string;
  breached: boolean;
  escalation: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SnapshotLine {
  kind: 'snapshot';
  at: string;
  scope: string;
  incidents: SnapshotIncident[];
}

export interface WireDeadline {
  step: string;
  startedAt: string;
  warnAt: string;
  dueAt: string;
  originalDueAt: string;
}

/** One ledger entry (IncidentEvent.cs). */
export interface EventLine {
  kind: 'event';
  incidentId: string;
  sequence: number;
  at: string;
  action: string;
  actor: string;
  actorRole: string;
  from: string;
  to: string;
  report?: { category: string; priority: string; description: string; channel: string; lat?: number; lon?: number; address?: string };
  placement?: { gridId: string; chain: string[]; area: string };
  memberId?: string;
  note?: string;
  passed?: boolean;
  satisfaction?: number;
  deadline?: WireDeadline;
  clearsDeadline?: boolean;
  step?: string;
  rung?: string;
  taskId?: string;
  taskDeadline?: boolean;
}

export interface EndLine {
  kind: 'end';
  at: string;
  events: number;
}

export type ReplayLine = SnapshotLine | EventLine | EndLine;

/** A member's patrol track (GET /api/members/{id}/track). */
export interface Track {
  memberId: string;
  from: string;
  to: string;
  points: { lat: number; lon: number; at: string }[];
}
