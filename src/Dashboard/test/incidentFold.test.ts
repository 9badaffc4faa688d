// The replay page's fold against the server's. The fixtures are written by the C# suite
// (tests/CommandCenter.Tests/Wire/FoldFixtureTests.cs): each holds an incident's events as /api/replay sends them and
// the state the server folds from them (its IncidentAt, the replay snapshot's shape) at many instants. The page must
// show the same at every one of them, whether it folds from the first event or starts from a snapshot.

import { describe, expect, it } from 'vitest';
import { ReplayHistory } from '../src/replay/history';
import { apply, lightAt, type ReplayIncident } from '../src/replay/incidentFold';
import type { EventLine, SnapshotIncident } from '../src/replay/replayWire';

interface Fixture {
  name: string;
  covers: string[];
  events: EventLine[];
  states: { at: string; incident: SnapshotIncident }[];
}

const fixtures = Object.values(import.meta.glob<Fixture>('./fixtures/fold/*.json', { eager: true, import: 'default' }));

const instants = new Set(['warnAt', 'dueAt', 'createdAt', 'updatedAt']);

/** The server's view with what JSON leaves out made explicit, and instants as numbers (the two sides format them differently). */
function serverSide(incident: SnapshotIncident): Record<string, unknown> {
  const keys = ['id', 'state', 'step', 'category', 'priority', 'channel', 'gridId', 'gridChain', 'assigneeId', 'lat', 'lon', 'light',
    'activeStep', 'warnAt', 'dueAt', 'breached', 'escalation', 'createdAt', 'updatedAt', 'version'] as const;
  const view: Record<string, unknown> = {};
  for (const key of keys) {
    const value = incident[key] ?? null;
    view[key] = instants.has(key) && typeof value === 'string' ? Date.parse(value) : value;
  }
  view.gridChain ??= [];
  return view;
}

/** The page's incident at `at` in the server's IncidentAt terms. */
function pageSide(incident: ReplayIncident, at: number): Record<string, unknown> {
  return {
    id: incident.id,
    state: incident.state,
    step: incident.step,
    category: incident.category,
    priority: incident.priority,
    channel: incident.channel,
    gridId: incident.gridId,
    gridChain: incident.chain,
    assigneeId: incident.assigneeId,
    lat: incident.lat,
    lon: incident.lon,
    light: lightAt(incident, at),
    activeStep: incident.active?.step ?? null,
    warnAt: incident.active?.warnAt ?? null,
    dueAt: incident.active?.dueAt ?? null,
    breached: incident.active?.breached ?? false,
    escalation: incident.escalation,
    createdAt: incident.createdAt,
    updatedAt: incident.updatedAt,
    version: incident.version,
  };
}

function foldUpTo(events: EventLine[], at: number): ReplayIncident | undefined {
  let incident: ReplayIncident | undefined;
  for (const e of events) if (Date.parse(e.at) <= at) incident = apply(incident, e);
  return incident;
}

describe('the committed fold fixtures', () => {
  it('are there, and cover the loop’s side paths', () => {
    const covered = new Set(fixtures.flatMap(f => f.covers));
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
    for (const path of ['split', 'suspend', 'resume', 'extension requested and approved', 'rework', 'return', 'cancel', 'link', 'unlink', 'clock closes the return visit'])
      expect(covered, path).toContain(path);
  });
});

describe.each(fixtures.map(f => [f.name, f] as const))('history %s', (_name, fixture) => {
  it('folded from its first event agrees with the server at every instant', () => {
    for (const state of fixture.states) {
      const at = Date.parse(state.at);
      const incident = foldUpTo(fixture.events, at);
      expect(incident, state.at).toBeDefined();
      expect(pageSide(incident!, at), state.at).toEqual(serverSide(state.incident));
    }
  });

  it('started from the server’s snapshot at any instant agrees with the server at every later instant', () => {
    const end = Date.parse(fixture.states[fixture.states.length - 1].at);
    fixture.states.forEach((start, i) => {
      if (['evaluated', 'assessed', 'filed', 'archived', 'cancelled'].includes(start.incident.state)) return; // a replay holds only open ones
      const from = Date.parse(start.at);
      const history = new ReplayHistory(
        { kind: 'snapshot', at: start.at, scope: 'city', incidents: [start.incident] },
        fixture.events.filter(e => Date.parse(e.at) >= from),
        end);
      for (const later of fixture.states.slice(i)) {
        const at = Date.parse(later.at);
        const incident = history.at(at).incidents.get(start.incident.id);
        expect(incident, `from ${start.at} to ${later.at}`).toBeDefined();
        expect(pageSide(incident!, at), `from ${start.at} to ${later.at}`).toEqual(serverSide(later.incident));
      }
    });
  });
});
