// How urgent an open incident is now: its SLA light and its place in a list.

import type { IncidentDelta } from './wire';

export type Light = 'green' | 'yellow' | 'red' | 'none';

/**
 * An incident's light now, read off the course the server's one light rule sent (SlaLightRule: frozen while
 * suspended, red stays red, none once closed): the page decides nothing, it only compares instants.
 */
export function lightOf(incident: IncidentDelta, now: number): Light {
  const from = (instant: string | null) => instant !== null && Date.parse(instant) <= now;
  if (from(incident.noneFrom)) return 'none';
  if (from(incident.redFrom)) return 'red';
  if (from(incident.yellowFrom)) return 'yellow';
  return 'green';
}

/** Open incidents in order of urgency: the most overdue first, then the least time left; no deadline last. */
export function byUrgency(a: IncidentDelta, b: IncidentDelta): number {
  const dueA = a.dueAt ? Date.parse(a.dueAt) : Number.POSITIVE_INFINITY;
  const dueB = b.dueAt ? Date.parse(b.dueAt) : Number.POSITIVE_INFINITY;
  if (dueA !== dueB) return dueA - dueB;
  return priorityRank(a.priority) - priorityRank(b.priority) || a.id.localeCompare(b.id);
}

export function priorityRank(priority: string): number {
  return { urgent: 0, high: 1, normal: 2, low: 3 }[priority] ?? 4;
}
