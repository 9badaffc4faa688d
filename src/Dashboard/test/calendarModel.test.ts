// The calendar editor's model: what the admin clicks becomes the calendar the city form sends, dates kept once and
// in order, working days in week order, office hours edited in place.

import { describe, expect, it } from 'vitest';
import {
  addDate, addOfficeHours, byYear, calendarOf, dayOfYear, removeDate, removeOfficeHours, setOfficeHours, setWorkingDay,
} from '../src/admin/calendarModel';

const sample = calendarOf({
  officeHours: [{ from: '08:30', to: '12:00' }, { from: '13:30', to: '17:30' }],
  workingDays: ['Friday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday'],
  holidays: ['2026-10-02', '2026-10-01', '2027-01-01'],
  makeUpWorkdays: ['2026-10-10'],
});

describe('the calendar editor', () => {
  it('keeps working days in week order whatever the order they were ticked', () => {
    expect(sample.workingDays).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']);
    const withSaturday = setWorkingDay(sample, 'Saturday', true);
    expect(withSaturday.workingDays).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']);
    expect(setWorkingDay(withSaturday, 'Monday', false).workingDays).toEqual(['Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']);
  });

  it('adds a holiday once, in date order, and removes it again', () => {
    const added = addDate(sample, 'holidays', '2026-05-01');
    expect(added.holidays).toEqual(['2026-05-01', '2026-10-01', '2026-10-02', '2027-01-01']);
    expect(addDate(added, 'holidays', '2026-05-01').holidays).toHaveLength(4);
    expect(addDate(added, 'holidays', '  ')).toBe(added);
    expect(removeDate(added, 'holidays', '2026-10-01').holidays).toEqual(['2026-05-01', '2026-10-02', '2027-01-01']);
    expect(sample.holidays).toEqual(['2026-10-01', '2026-10-02', '2027-01-01']);
  });

  it('lists dates by year, each shown as month and day', () => {
    expect(byYear(sample.holidays)).toEqual([['2026', ['2026-10-01', '2026-10-02']], ['2027', ['2027-01-01']]]);
    expect(dayOfYear('2026-10-01')).toBe('10-01');
  });

  it('edits, adds and removes office-hours rows without touching the others', () => {
    const edited = setOfficeHours(sample, 1, { to: '18:00' });
    expect(edited.officeHours).toEqual([{ from: '08:30', to: '12:00' }, { from: '13:30', to: '18:00' }]);
    expect(sample.officeHours[1].to).toBe('17:30');
    const added = addOfficeHours(edited, { from: '19:00', to: '21:00' });
    expect(added.officeHours).toHaveLength(3);
    expect(removeOfficeHours(added, 0).officeHours.map(o => o.from)).toEqual(['13:30', '19:00']);
  });

  it('starts empty when the city has no calendar yet', () => {
    expect(calendarOf(null)).toEqual({ officeHours: [], workingDays: [], holidays: [], makeUpWorkdays: [] });
  });
});
