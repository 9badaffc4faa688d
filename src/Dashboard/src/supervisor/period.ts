// The period a supervisor reads: today, this month, last month or a custom run of days, each a run of whole days of
// the city's calendar (its IANA zone from GET /api/city, whatever the browser's), as the instants [from, to) the
// API takes; the previous period of the same number of days for the trend; and the period's days for the sparklines.

import { cityInput, fromCityInput } from '../shared/cityTime';

export type PeriodKind = 'today' | 'this-month' | 'last-month' | 'custom';

export const periodKinds: PeriodKind[] = ['today', 'this-month', 'last-month', 'custom'];

export interface Period {
  kind: PeriodKind;
  /** The first and the last day of the period in the city, "2026-12-01", both included. */
  first: string;
  last: string;
  /** Its start and end as instants: [from, to). */
  from: number;
  to: number;
}

/** "2026-12-02": the date in the city at the instant. */
export function cityDate(at: number): string {
  return cityInput(at).slice(0, 10);
}

/** The date `days` days after `date` (before, when negative): calendar arithmetic, no zone involved. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** How many days from `first` to `last`, both included. */
export function dayCount(first: string, last: string): number {
  return Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The instant the day begins in the city (midnight there, or the first instant after it on a day that skips it). */
export function dayStart(date: string): number {
  return fromCityInput(`${date}T00:00`);
}

export function isDate(text: string | null | undefined): text is string {
  return !!text && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

/** The days `first` … `last` as a period. */
export function periodOfDays(kind: PeriodKind, first: string, last: string): Period {
  return { kind, first, last, from: dayStart(first), to: dayStart(addDays(last, 1)) };
}

/**
 * The period of that kind at `now`: today; this month from its first day to today (its days to come have nothing yet);
 * last month whole; custom from the given days (kept as given: the server judges a window it will not take).
 */
export function periodOf(kind: PeriodKind, now: number, custom?: { first: string; last: string }): Period {
  const today = cityDate(now);
  const monthStart = `${today.slice(0, 7)}-01`;
  switch (kind) {
    case 'today': return periodOfDays(kind, today, today);
    case 'this-month': return periodOfDays(kind, monthStart, today);
    case 'last-month': {
      const lastDay = addDays(monthStart, -1);
      return periodOfDays(kind, `${lastDay.slice(0, 7)}-01`, lastDay);
    }
    default: return periodOfDays('custom', custom?.first ?? today, custom?.last ?? today);
  }
}

/** The same number of days just before the period: what a figure's trend is read against. */
export function previousPeriod(period: Period): Period {
  const days = dayCount(period.first, period.last);
  return periodOfDays(period.kind, addDays(period.first, -days), addDays(period.first, -1));
}

/** Each day of the period as its own [from, to), for the figures by day. */
export function daysOf(period: Period): { date: string; from: number; to: number }[] {
  const days = Math.max(0, dayCount(period.first, period.last));
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(period.first, i);
    return { date, from: dayStart(date), to: dayStart(addDays(date, 1)) };
  });
}
