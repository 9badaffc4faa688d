// Instants as the city reads them (Asia/Shanghai, UTC+8 all year, no daylight saving), whatever the browser's zone:
// the window's inputs and the replay clock show city time.

const cityOffset = 8 * 3_600_000;

/** "2026-05-01T09:30:15": the value of a datetime-local input showing the instant in city time. */
export function cityInput(at: number): string {
  return new Date(Math.floor(at / 1000) * 1000 + cityOffset).toISOString().slice(0, 19);
}

/** The instant a datetime-local value ("2026-05-01T09:30" or with seconds) means in city time; NaN when empty or bad. */
export function fromCityInput(value: string): number {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/.exec(value.trim());
  return match ? Date.parse(`${match[1]}${match[2] ?? ':00'}+08:00`) : Number.NaN;
}

/** "2026-05-01 09:30:15" in city time. */
export function cityStamp(at: number): string {
  return cityInput(at).replace('T', ' ');
}
