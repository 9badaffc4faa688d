// How urgent an open incident is now: its SLA light and its place in a list.

import type { IncidentDelta } from './wire';

export type Light = 'red' | 'amber' | 'calm';

/** An incident's own light now: red once breached or past due, amber once warned or past its warn instant. */
export function lightOf(incident: IncidentDelta, now: number): Light {
  if (incident.breached || (incident.dueAt !== null && Date.parse(incident.dueAt) <= now)) return 'red';
  if (incident.warned || (incident.warnAt !== null && Date.parse(incident.warnAt) <= now)) return 'amber';
  return 'calm';
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
