// The city the pages show (GET /api/city): its name, root grid, IANA time zone and calendar. Every time on
// a page is shown in the city's zone, whatever the browser's; the zone comes from the city's data, not the code.

import { api } from './api';

/** As the server sends it (src/CommandCenter/City/CityView.cs); declared by hand, only what the pages read. */
export interface CityView {
  name: string;
  rootGridId: string | null;
  /** IANA id: the pages convert instants with it (it knows daylight saving where the zone has it). */
  timeZone: string;
  /** The zone's offset when the document was read, for labels only. */
  utcOffset: string;
  casePrefix: string;
}

let current: CityView | null = null;

/** Reads the city once after sign-in; until it is read (or if it cannot be), times show in the browser's zone. */
export async function loadCity(): Promise<CityView | null> {
  try {
    current = await api<CityView>('/api/city');
  } catch (e) {
    console.error('The city document could not be read; times show in the browser\'s zone.', e);
  }
  return current;
}

export function city(): CityView | null {
  return current;
}

/** The zone every page shows time in: the city's, or the browser's (undefined) before the city is read. */
export function cityZone(): string | undefined {
  return current?.timeZone;
}
