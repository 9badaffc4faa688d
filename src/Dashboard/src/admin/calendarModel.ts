// The city calendar being edited: office hours, working days, holidays and make-up workdays. Pure: every change
// gives a new calendar; the editor draws it. Whether a calendar is valid (hours in order, dates real) is the
// server's to say when it is saved.

import type { CityCalendar, OfficeHours } from './adminWire';
import { weekDays } from './adminWords';

export type DateList = 'holidays' | 'makeUpWorkdays';

/** A copy the editor may change, with the working days in week order. */
export function calendarOf(calendar: Partial<CityCalendar> | null | undefined): CityCalendar {
  return {
    officeHours: (calendar?.officeHours ?? []).map(o => ({ from: o.from, to: o.to })),
    workingDays: inWeekOrder(calendar?.workingDays ?? []),
    holidays: sortedDates(calendar?.holidays ?? []),
    makeUpWorkdays: sortedDates(calendar?.makeUpWorkdays ?? []),
  };
}

export function inWeekOrder(days: string[]): string[] {
  const order = weekDays.map(([day]) => day);
  const known = order.filter(d => days.includes(d));
  return [...known, ...days.filter(d => !order.includes(d))];
}

function sortedDates(dates: string[]): string[] {
  return [...new Set(dates.map(d => d.trim()).filter(Boolean))].sort();
}

export function setWorkingDay(calendar: CityCalendar, day: string, working: boolean): CityCalendar {
  const others = calendar.workingDays.filter(d => d !== day);
  return { ...calendar, workingDays: inWeekOrder(working ? [...others, day] : others) };
}

export function addOfficeHours(calendar: CityCalendar, hours: OfficeHours = { from: '', to: '' }): CityCalendar {
  return { ...calendar, officeHours: [...calendar.officeHours, { ...hours }] };
}

export function setOfficeHours(calendar: CityCalendar, index: number, hours: Partial<OfficeHours>): CityCalendar {
  return { ...calendar, officeHours: calendar.officeHours.map((o, i) => (i === index ? { ...o, ...hours } : o)) };
}

export function removeOfficeHours(calendar: CityCalendar, index: number): CityCalendar {
  return { ...calendar, officeHours: calendar.officeHours.filter((_, i) => i !== index) };
}

/** Adds a date ("2026-10-01") to a list once, kept in order; an empty value changes nothing. */
export function addDate(calendar: CityCalendar, list: DateList, date: string): CityCalendar {
  if (!date.trim()) return calendar;
  return { ...calendar, [list]: sortedDates([...calendar[list], date]) };
}

export function removeDate(calendar: CityCalendar, list: DateList, date: string): CityCalendar {
  return { ...calendar, [list]: calendar[list].filter(d => d !== date) };
}

/** The dates of a list by year, years in order: "2026" → its dates. A date without a year goes under its text. */
export function byYear(dates: string[]): [string, string[]][] {
  const years = new Map<string, string[]>();
  for (const date of [...dates].sort()) {
    const year = /^\d{4}/.exec(date)?.[0] ?? date;
    years.set(year, [...(years.get(year) ?? []), date]);
  }
  return [...years];
}

/** "10-01" for a date of the year it is listed under. */
export function dayOfYear(date: string): string {
  return /^\d{4}-(.+)$/.exec(date)?.[1] ?? date;
}
