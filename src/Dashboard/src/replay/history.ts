// A loaded replay window: the snapshot at `from` and the events after it, and the state of every incident of the
// scope at any instant of the window, recomputed in the browser. One pass at load folds every event once, keeping
// a copy of all incidents every few hundred events (checkpoints) and running totals for the KPIs; the state at T is
// then the nearest checkpoint before T plus the few events between. Playing forward folds on from the last answer.

import { apply, fromSnapshot, isOpen, lightAt, type ReplayIncident } from './incidentFold';
import type { EventLine, SnapshotLine } from './replayWire';

/** KPIs from the window's start up to an instant, counted from the events alone. */
export interface ReplayKpis {
  /** Reports made (上报). */
  reported: number;
  /** Dispatches made, re-dispatches included (派遣). */
  dispatched: number;
  /** Incidents closed (reached evaluated or later from an open state; cancellations are not closings). */
  closed: number;
  /** Of the closings, those of incidents with no step late and no breach in the window. */
  closedOnTime: number;
  /** SLA breaches (each escalation of an overdue step). */
  breaches: number;
  /** Open at the instant, and of those red. */
  open: number;
  overdue: number;
}

export interface Moment {
  at: number;
  /** How many events of the window happened at or before `at`. */
  applied: number;
  incidents: ReadonlyMap<string, ReplayIncident>;
}

const enum Tally { Reported, Dispatched, Closed, ClosedOnTime, Breaches, Count }

export class ReplayHistory {
  readonly from: number;
  readonly to: number;
  readonly scope: string;
  /** Incidents open at the window's start. */
  readonly openAtStart: number;
  readonly events: readonly EventLine[];
  /** The instant of each event, in order. */
  readonly times: Float64Array;
  private readonly checkpointEvery: number;
  private readonly checkpoints: Map<string, ReplayIncident>[] = [];
  /** Running KPI counts after the first i events: tallies[i * Tally.Count + k]. */
  private readonly tallies: Int32Array;
  private cursor: { applied: number; incidents: Map<string, ReplayIncident> };

  constructor(snapshot: SnapshotLine, events: EventLine[], to: number) {
    this.from = Date.parse(snapshot.at);
    this.to = to;
    this.scope = snapshot.scope;
    this.events = events;
    this.times = Float64Array.from(events, e => Date.parse(e.at));
    // Incidents already closed at the start are never shown and never counted again: only the open ones are held.
    const incidents = new Map<string, ReplayIncident>();
    for (const s of snapshot.incidents) if (isOpen(s.state)) incidents.set(s.id, fromSnapshot(s));
    this.openAtStart = incidents.size;
    // At most about two hundred checkpoints, and no more incidents held in all of them than a few million;
    // at least a few hundred events apart.
    const checkpoints = Math.max(1, Math.min(200, Math.floor(4_000_000 / Math.max(1, incidents.size + events.length / 4))));
    this.checkpointEvery = Math.max(256, Math.ceil(events.length / checkpoints));
    this.tallies = new Int32Array((events.length + 1) * Tally.Count);

    const counts = new Int32Array(Tally.Count);
    for (let i = 0; i < events.length; i++) {
      if (i % this.checkpointEvery === 0) this.checkpoints.push(new Map(incidents));
      const e = events[i];
      const before = incidents.get(e.incidentId);
      // An event already in the snapshot (at exactly `from`) or repeated is not applied twice.
      if (!(before && e.sequence <= before.version) && (before || e.action === 'Report')) {
        const after = apply(before, e);
        incidents.set(e.incidentId, after);
        if (e.action === 'Report') counts[Tally.Reported]++;
        if (e.action === 'Dispatch') counts[Tally.Dispatched]++;
        if (e.action === 'Escalate') counts[Tally.Breaches]++;
        if (isOpen(e.from.toLowerCase()) && !isOpen(after.state) && after.state !== 'cancelled') {
          counts[Tally.Closed]++;
          if (!after.late) counts[Tally.ClosedOnTime]++;
        }
      }
      this.tallies.set(counts, (i + 1) * Tally.Count);
    }
    if (events.length % this.checkpointEvery === 0) this.checkpoints.push(new Map(incidents));
    this.cursor = { applied: 0, incidents: new Map(this.checkpoints[0]) };
  }

  /** How many events happened at or before `at`. */
  appliedAt(at: number): number {
    let lo = 0, hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid] <= at) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Every incident of the scope as it stood at `at` (those reported later are absent). Valid until the next call. */
  at(at: number): Moment {
    const target = this.appliedAt(at);
    let { applied, incidents } = this.cursor;
    if (target < applied || target - applied > this.checkpointEvery) {
      const c = Math.floor(target / this.checkpointEvery);
      applied = c * this.checkpointEvery;
      incidents = new Map(this.checkpoints[c]);
    }
    for (; applied < target; applied++) {
      const e = this.events[applied];
      const before = incidents.get(e.incidentId);
      if (before && e.sequence <= before.version) continue;
      if (!before && e.action !== 'Report') continue;
      incidents.set(e.incidentId, apply(before, e));
    }
    this.cursor = { applied, incidents };
    return { at, applied, incidents };
  }

  /** The KPIs from the window's start up to the moment. */
  kpis(moment: Moment): ReplayKpis {
    const base = moment.applied * Tally.Count;
    let open = 0, overdue = 0;
    for (const incident of moment.incidents.values()) {
      if (!isOpen(incident.state)) continue;
      open++;
      if (lightAt(incident, moment.at) === 'red') overdue++;
    }
    return {
      reported: this.tallies[base + Tally.Reported],
      dispatched: this.tallies[base + Tally.Dispatched],
      closed: this.tallies[base + Tally.Closed],
      closedOnTime: this.tallies[base + Tally.ClosedOnTime],
      breaches: this.tallies[base + Tally.Breaches],
      open,
      overdue,
    };
  }

  /** Members who handled incidents of the scope in the window: assignees at the start and everyone dispatched to. */
  handlers(): string[] {
    const ids = new Set<string>();
    for (const incident of this.checkpoints[0].values()) if (incident.assigneeId) ids.add(incident.assigneeId);
    for (const e of this.events) if (e.memberId) ids.add(e.memberId);
    return [...ids].sort();
  }
}

/** Reads the NDJSON answer of /api/replay line by line as it streams in. */
export async function readReplay(body: ReadableStream<Uint8Array>, progress: (events: number) => void): Promise<{ snapshot: SnapshotLine; events: EventLine[] }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let snapshot: SnapshotLine | null = null;
  const events: EventLine[] = [];
  let ended = false;
  let rest = '';
  const take = (line: string) => {
    if (!line.trim()) return;
    const parsed = JSON.parse(line) as { kind: string };
    if (parsed.kind === 'snapshot') snapshot = parsed as SnapshotLine;
    else if (parsed.kind === 'event') events.push(parsed as EventLine);
    else if (parsed.kind === 'end') ended = true;
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    rest += decoder.decode(value, { stream: true });
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) take(line);
    progress(events.length);
  }
  take(rest + decoder.decode());
  if (!snapshot) throw new Error('回放数据不完整 · The replay has no snapshot line.');
  if (!ended) throw new Error('回放数据中断 · The replay stream ended early.');
  return { snapshot, events };
}
