// How loaded and how late each grid is, from the open incidents held by the feed (pure, no DOM).

import type { IncidentDelta } from '../shared/wire';
import { lightOf, type Light } from '../shared/urgency';

export interface GridLoad {
  open: number;
  overdue: number;
  warned: number;
  light: Light;
}

/** The grid tree as the map loaded it: each grid's parent. */
export type Parents = ReadonlyMap<string, string | null>;

/**
 * Every grid that holds an open incident (its own grid and each grid above it), with the count and the
 * worst light below it: red if any is overdue (red), yellow if any is yellow, else green.
 */
export function gridLoads(incidents: Iterable<IncidentDelta>, parents: Parents, now: number): Map<string, GridLoad> {
  const loads = new Map<string, GridLoad>();
  for (const incident of incidents) {
    if (!incident.open || !incident.gridId) continue;
    const light = lightOf(incident, now);
    for (let grid: string | null | undefined = incident.gridId, guard = 0; grid && guard < 10; grid = parents.get(grid), guard++) {
      let load = loads.get(grid);
      if (!load) loads.set(grid, load = { open: 0, overdue: 0, warned: 0, light: 'green' });
      load.open++;
      if (light === 'red') load.overdue++;
      if (light === 'yellow') load.warned++;
      load.light = load.overdue > 0 ? 'red' : load.warned > 0 ? 'yellow' : 'green';
    }
  }
  return loads;
}
