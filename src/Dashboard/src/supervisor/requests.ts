// The page's requests as addresses: the report of a scope and window (in total or by grid or member), the cases
// behind one figure, and the replay of one case around its instant. What counts is the server's; these only ask.

export interface Window {
  scope: string;
  from: number;
  to: number;
}

const iso = (at: number) => new Date(at).toISOString();

/** GET /api/kpis for the window, its rows by grid, member or platform. */
export function kpisPath(w: Window, by?: string): string {
  const query = new URLSearchParams({ scope: w.scope, from: iso(w.from), to: iso(w.to) });
  if (by) query.set('by', by);
  return `/api/kpis?${query}`;
}

/** Which figure was clicked: an indicator of the total (no key) or of one row of a grouping; met narrows to its numerator's cases or the rest. */
export interface FigureChoice {
  kpi: string;
  by?: string | null;
  key?: string | null;
  met?: boolean | null;
}

/** GET /api/kpis/cases: the cases behind the figure, by the same grouping as the row it came from. */
export function casesPath(w: Window, choice: FigureChoice): string {
  const query = new URLSearchParams({ scope: w.scope, from: iso(w.from), to: iso(w.to) });
  if (choice.key) {
    query.set('by', choice.by ?? 'grid');
    query.set('key', choice.key);
  }
  query.set('kpi', choice.kpi);
  if (choice.met !== undefined && choice.met !== null) query.set('met', String(choice.met));
  return `/api/kpis/cases?${query}`;
}

/**
 * The replay of a case: the hour either side of its instant (widened to whole seconds, as the replay's window inputs
 * hold it, so the instant stays inside), in its scope, the clock at the instant and the case focused.
 */
export function replayPath(incidentId: string, at: string | number, scope: string): string {
  const instant = typeof at === 'number' ? at : Date.parse(at);
  const from = Math.floor((instant - 3_600_000) / 1000) * 1000;
  const to = Math.ceil((instant + 3_600_000) / 1000) * 1000;
  const query = new URLSearchParams({ from: iso(from), to: iso(to), scope, at: iso(instant), focus: incidentId });
  return `/replay?${query}`;
}

/** Runs `work` on every item with at most `limit` at once; the answers keep the items' order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const answers = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      answers[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return answers;
}
