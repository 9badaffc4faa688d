// One incident as it stood at an instant of the replay: the snapshot's picture, then each ledger event applied in
// turn, as IncidentState.Apply does on the server (src/Grains/Incidents/IncidentState.cs). Pure: applying an event
// returns a new object and never changes the one given, so a held state can be kept as a checkpoint.

import type { EventLine, SnapshotIncident } from './replayWire';

export type ReplayLight = 'green' | 'yellow' | 'red' | 'none';

export interface ReplayIncident {
  id: string;
  version: number;
  /** Lower-case state word (reported, gridded, dispatched, …), as the live API writes it. */
  state: string;
  /** The step 1–9 of the closed loop; a suspended or cancelled incident keeps the step it was at. */
  step: number;
  category: string;
  priority: string;
  channel: string;
  gridId: string | null;
  chain: string[];
  assigneeId: string | null;
  lat: number | null;
  lon: number | null;
  /** The deadline of the step in progress, if a clock runs. */
  active: { step: string; warnAt: number; dueAt: number; warned: boolean; breached: boolean } | null;
  escalation: string;
  /** When the clock was stopped (挂账); null while it runs. */
  suspendedAt: number | null;
  /** A suspended incident known only from the snapshot: the light it showed then (its stop instant is not in the stream). */
  heldLight: ReplayLight | null;
  /** Some step of its life ended after its deadline, or a breach escalated it (as far as the window shows). */
  late: boolean;
  /** When it was closed (evaluated or later, or cancelled) within the window; null while open or if closed before the window. */
  closedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

const closedStates = new Set(['evaluated', 'assessed', 'filed', 'archived', 'cancelled']);

export function isOpen(state: string): boolean {
  return !closedStates.has(state);
}

export function stepOf(state: string): number {
  switch (state) {
    case 'reported': return 1;
    case 'gridded': return 2;
    case 'dispatched': return 3;
    case 'handling': case 'handled': return 4;
    case 'verified': return 5;
    case 'evaluated': return 6;
    case 'assessed': return 7;
    case 'filed': return 8;
    case 'archived': return 9;
    default: return 0;
  }
}

const word = (wire: string | undefined) => (wire ?? '').toLowerCase();

export function fromSnapshot(s: SnapshotIncident): ReplayIncident {
  const suspended = s.state === 'suspended';
  return {
    id: s.id,
    version: s.version,
    state: s.state,
    step: s.step,
    category: s.category,
    priority: word(s.priority),
    channel: s.channel,
    gridId: s.gridId ?? null,
    chain: s.gridChain ?? [],
    assigneeId: s.assigneeId ?? null,
    lat: s.lat ?? null,
    lon: s.lon ?? null,
    active: s.activeStep && s.warnAt && s.dueAt
      ? { step: s.activeStep, warnAt: Date.parse(s.warnAt), dueAt: Date.parse(s.dueAt), warned: s.light === 'yellow' || s.light === 'red', breached: s.breached }
      : null,
    escalation: s.escalation,
    suspendedAt: null,
    heldLight: suspended ? (s.light as ReplayLight) : null,
    late: s.breached,
    closedAt: null,
    createdAt: Date.parse(s.createdAt),
    updatedAt: Date.parse(s.updatedAt),
  };
}

/** The incident after one more event of its ledger; `before` is undefined for its Report. */
export function apply(before: ReplayIncident | undefined, e: EventLine): ReplayIncident {
  const at = Date.parse(e.at);
  const to = word(e.to);
  const from = word(e.from);
  const next: ReplayIncident = before
    ? { ...before }
    : {
      id: e.incidentId, version: 0, state: to, step: 1, category: '', priority: 'normal', channel: '', gridId: null, chain: [],
      assigneeId: null, lat: null, lon: null, active: null, escalation: 'None', suspendedAt: null, heldLight: null, late: false,
      closedAt: null, createdAt: at, updatedAt: at,
    };
  next.version = e.sequence;
  next.updatedAt = at;
  next.state = to;
  if (!isOpen(to) && (!before || isOpen(before.state))) next.closedAt = at;
  else if (isOpen(to)) next.closedAt = null;
  // Suspended and cancelled keep the step they were at (the one they came from when they entered).
  if (to === 'suspended' || to === 'cancelled') {
    if (from !== 'suspended' && from !== 'cancelled') next.step = stepOf(from);
  } else next.step = stepOf(to);

  switch (e.action) {
    case 'Report':
      if (e.report) {
        next.category = e.report.category;
        next.priority = word(e.report.priority);
        next.channel = e.report.channel;
        next.lat = e.report.lat ?? null;
        next.lon = e.report.lon ?? null;
      }
      next.createdAt = at;
      break;
    case 'Locate':
      if (e.placement) {
        next.gridId = e.placement.gridId;
        next.chain = e.placement.chain;
      }
      break;
    case 'Dispatch':
      next.assigneeId = e.memberId ?? null;
      break;
    case 'Split':
    case 'Return':
      next.assigneeId = null;
      break;
    case 'Suspend':
      next.suspendedAt = at;
      break;
    case 'Resume':
      next.suspendedAt = null;
      next.heldLight = null;
      break;
    case 'Warn':
      if (!e.taskId && next.active) next.active = { ...next.active, warned: true };
      break;
    case 'Escalate':
      next.escalation = e.rung ?? next.escalation;
      next.late = true;
      if (!e.taskId && next.active) next.active = { ...next.active, warned: true, breached: true };
      break;
  }

  if (e.deadline && !e.taskDeadline) {
    const deadline = { step: e.deadline.step.toLowerCase(), warnAt: Date.parse(e.deadline.warnAt), dueAt: Date.parse(e.deadline.dueAt) };
    const moved = next.active && next.active.step === deadline.step && (e.action === 'Resume' || e.action === 'DecideExtension');
    if (moved) {
      next.active = { ...deadline, warned: next.active!.warned && deadline.warnAt <= at, breached: next.active!.breached && deadline.dueAt <= at };
    } else {
      endDeadline(next, at);
      next.active = { ...deadline, warned: false, breached: false };
    }
  } else if (e.clearsDeadline) {
    // The server's ReturnVisit rule: a visit nobody answered, closed by the clock, ends at its due instant.
    const byClock = e.action === 'Evaluate' && e.satisfaction == null && e.actorRole === 'system';
    endDeadline(next, byClock && next.active?.step === 'evaluate' ? Math.min(at, next.active.dueAt) : at);
    next.active = null;
  }
  return next;
}

function endDeadline(incident: ReplayIncident, at: number): void {
  if (incident.active && at > incident.active.dueAt) incident.late = true;
}

/**
 * The SLA light at `at`, by the server's rule (SlaLightRule): none without a running clock, red once
 * breached, a suspended clock shows the colour it had when it stopped, and an unanswered return visit
 * is none (closed) from its due instant, never red.
 */
/** Shown at the replay clock: open ones, and those closed within the window (greyed) until archived. */
export function isShown(incident: ReplayIncident): boolean {
  return isOpen(incident.state) || (incident.closedAt !== null && incident.state !== 'archived');
}

export function lightAt(incident: ReplayIncident, at: number): ReplayLight {
  const active = incident.active;
  if (!active) return 'none';
  if (active.breached) return 'red';
  if (incident.state === 'suspended' && incident.suspendedAt === null && incident.heldLight) return incident.heldLight;
  const running = isOpen(incident.state) && incident.state !== 'suspended';
  const now = running ? at : incident.suspendedAt ?? at;
  if (active.step === 'evaluate' && now >= active.dueAt) return 'none';
  return now >= active.dueAt ? 'red' : now >= active.warnAt ? 'yellow' : 'green';
}
