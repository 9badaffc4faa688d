// Instants as the city reads them, in the city's IANA zone from GET /api/city, whatever the browser's zone:
// the window's inputs and the replay clock show city time. The zone's offset is looked up for each instant,
// so a city with daylight saving reads right on both sides of the change.

import { cityZone } from './city';

let fieldsFormat: { zone: string | undefined; format: Intl.DateTimeFormat } | null = null;

/** Milliseconds since the epoch of the wall-clock reading in the city at `at` (whole seconds), as if it were UTC. */
function wallClock(at: number): number {
  const zone = cityZone();
  if (!fieldsFormat || fieldsFormat.zone !== zone) {
    fieldsFormat = {
      zone,
      format: new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      }),
    };
  }
  const part: Record<string, number> = {};
  for (const p of fieldsFormat.format.formatToParts(new Date(at))) if (p.type !== 'literal') part[p.type] = Number(p.value);
  return Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
}

/** "2026-05-01T09:30:15": the value of a datetime-local input showing the instant in city time. */
export function cityInput(at: number): string {
  return new Date(wallClock(Math.floor(at / 1000) * 1000)).toISOString().slice(0, 19);
}

/** The instant a datetime-local value ("2026-05-01T09:30" or with seconds) means in city time; NaN when empty or bad. */
export function fromCityInput(value: string): number {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/.exec(value.trim());
  if (!match) return Number.NaN;
  const reading = Date.parse(`${match[1]}${match[2] ?? ':00'}Z`);
  if (Number.isNaN(reading)) return Number.NaN;
  // The offset at the reading taken as UTC is at most a day off; correct once with the offset at the first guess.
  const guess = reading - (wallClock(reading) - Math.floor(reading / 1000) * 1000);
  return reading - (wallClock(guess) - Math.floor(guess / 1000) * 1000);
}

/** "2026-05-01 09:30:15" in city time. */
export function cityStamp(at: number): string {
  return cityInput(at).replace('T', ' ');
}
