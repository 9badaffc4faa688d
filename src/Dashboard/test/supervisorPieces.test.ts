// The supervisor page's pure parts: periods as whole days of the city's calendar, a figure read by its shape and
// worded, its trend against the period before, and the requests it sends for the cases behind a figure.

import { describe, expect, it, vi } from 'vitest';

const zone = vi.hoisted(() => ({ id: 'Asia/Singapore' }));
vi.mock('../src/shared/city', () => ({ cityZone: () => zone.id }));

import { addDays, dayCount, daysOf, periodOf, previousPeriod } from '../src/supervisor/period';
import { detailText, figureOf, figureText, indicatorsOf, trendOf, valueOf, wordsOf } from '../src/supervisor/figures';
import { casesPath, kpisPath, mapLimited, replayPath } from '../src/supervisor/requests';

const iso = (at: number) => new Date(at).toISOString();

describe('periods in the city\'s calendar', () => {
  // 2026-12-02 01:30 in Shanghai is still 1 December in UTC.
  const now = Date.parse('2026-12-01T17:30:00Z');

  it('takes today and this month from the city\'s date, not the browser\'s or UTC\'s', () => {
    zone.id = 'Asia/Singapore';
    const today = periodOf('today', now);
    expect([today.first, today.last]).toEqual(['2026-12-02', '2026-12-02']);
    expect(iso(today.from)).toBe('2026-12-01T16:00:00.000Z');
    expect(iso(today.to)).toBe('2026-12-02T16:00:00.000Z');
    const month = periodOf('this-month', now);
    expect([month.first, month.last]).toEqual(['2026-12-01', '2026-12-02']);
    expect(iso(month.from)).toBe('2026-11-30T16:00:00.000Z');
  });

  it('takes last month whole, across a year\'s end', () => {
    zone.id = 'Asia/Singapore';
    const last = periodOf('last-month', Date.parse('2027-01-10T04:00:00Z'));
    expect([last.first, last.last]).toEqual(['2026-12-01', '2026-12-31']);
    expect(iso(last.to)).toBe('2026-12-31T16:00:00.000Z');
    expect(daysOf(last)).toHaveLength(31);
  });

  it('compares with the same number of days just before', () => {
    zone.id = 'Asia/Singapore';
    const custom = periodOf('custom', now, { first: '2026-03-01', last: '2026-03-10' });
    const before = previousPeriod(custom);
    expect([before.first, before.last]).toEqual(['2026-02-19', '2026-02-28']);
    expect(before.to).toBe(custom.from);
    expect(dayCount(before.first, before.last)).toBe(10);
  });

  it('cuts the days at the city\'s midnights, a short day where the clocks go forward', () => {
    zone.id = 'America/New_York';
    const days = daysOf(periodOf('custom', now, { first: '2026-03-07', last: '2026-03-09' }));
    expect(days.map(d => d.date)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(iso(days[1].from)).toBe('2026-03-08T05:00:00.000Z');
    expect((days[1].to - days[1].from) / 3_600_000).toBe(23);
    expect(days[2].from).toBe(days[1].to);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('figures as the report carries them', () => {
  it('reads a rate, a mean and a count by their shape, and an indicator it has no words for by its name', () => {
    const rate = figureOf({ numerator: 7, denominator: 8, rate: 0.875 });
    expect([figureText('handledOnTime', rate), detailText(rate)]).toEqual(['87.5%', '7 / 8']);
    const mean = figureOf({ count: 4, total: 13, mean: 3.25 });
    expect([figureText('handlingHours', mean), detailText(mean)]).toEqual(['3.25 h', 'n = 4']);
    expect(figureText('supervision', figureOf(3))).toBe('3');
    expect(wordsOf('handledOnTime').zh).toBe('按期处置率');
    expect(wordsOf('firstContactResolved')).toMatchObject({ zh: 'firstContactResolved', higherIsBetter: null });
  });

  it('shows no figure where the server gave none, never a made-up 0 %', () => {
    const none = figureOf({ numerator: 0, denominator: 0, rate: null });
    expect(valueOf(none)).toBeNull();
    expect(figureText('satisfaction', none)).toBe('—');
    expect(detailText(none)).toBe('0 / 0');
  });

  it('lists the known indicators first and any new ones after, in the report\'s order', () => {
    expect(indicatorsOf({ zNew: 1, supervision: 0, griddedOnTime: {}, aNew: 2 })).toEqual(['griddedOnTime', 'supervision', 'zNew', 'aNew']);
  });
});

describe('trends against the previous period', () => {
  const ratio = (n: number, d: number) => figureOf({ numerator: n, denominator: d, rate: d ? Math.round((n / d) * 1e4) / 1e4 : null });

  it('words a rate\'s change in percentage points and tones it by whether a rise is good', () => {
    expect(trendOf('handledOnTime', ratio(9, 10), ratio(8, 10))).toMatchObject({ text: '+10.0 个百分点', arrow: '▲', tone: 'better' });
    expect(trendOf('rework', ratio(2, 10), ratio(1, 10))).toMatchObject({ text: '+10.0 个百分点', tone: 'worse' });
    expect(trendOf('handlingHours', figureOf({ count: 2, total: 3, mean: 1.5 }), figureOf({ count: 1, total: 2, mean: 2 })))
      .toMatchObject({ text: '−0.50 h', arrow: '▼', tone: 'better' });
  });

  it('says no change, no comparison, and leaves an unknown indicator untoned', () => {
    expect(trendOf('supervision', figureOf(2), figureOf(2))).toMatchObject({ text: '±0', tone: 'same' });
    expect(trendOf('satisfaction', ratio(1, 1), ratio(0, 0))).toMatchObject({ text: '—', change: null, tone: 'unknown' });
    expect(trendOf('somethingNew', figureOf(5), figureOf(3))).toMatchObject({ text: '+2', tone: 'unknown' });
  });
});

describe('the requests behind a figure', () => {
  const w = { scope: 'JY09', from: Date.parse('2026-12-01T16:00:00Z'), to: Date.parse('2026-12-02T16:00:00Z') };

  it('asks for the total\'s cases without a key, a row\'s with its grouping and key, and narrows by met', () => {
    const total = new URL(casesPath(w, { kpi: 'closedOnTime' }), 'http://x');
    expect(total.pathname).toBe('/api/kpis/cases');
    expect(Object.fromEntries(total.searchParams)).toEqual({
      scope: 'JY09', from: '2026-12-01T16:00:00.000Z', to: '2026-12-02T16:00:00.000Z', kpi: 'closedOnTime',
    });
    const row = new URL(casesPath(w, { kpi: 'rework', by: 'member', key: 'M00901', met: false }), 'http://x');
    expect(Object.fromEntries(row.searchParams)).toMatchObject({ by: 'member', key: 'M00901', kpi: 'rework', met: 'false' });
    expect(new URL(kpisPath(w, 'grid'), 'http://x').searchParams.get('by')).toBe('grid');
  });

  it('opens a case in the replay an hour either side of its instant, focused', () => {
    const link = new URL(replayPath('JY-20261202-0007', '2026-12-02T03:00:00Z', 'JY09'), 'http://x');
    expect(link.pathname).toBe('/replay');
    expect(Object.fromEntries(link.searchParams)).toEqual({
      from: '2026-12-02T02:00:00.000Z', to: '2026-12-02T04:00:00.000Z', scope: 'JY09', at: '2026-12-02T03:00:00.000Z', focus: 'JY-20261202-0007',
    });
    // The replay's window holds whole seconds: the link widens to them, so the case's instant stays inside.
    const odd = new URL(replayPath('JY-1', '2026-12-02T03:00:00.250Z', 'JY09'), 'http://x').searchParams;
    expect([odd.get('from'), odd.get('to')]).toEqual(['2026-12-02T02:00:00.000Z', '2026-12-02T04:00:01.000Z']);
  });

  it('runs the days\' requests a few at a time and keeps their order', async () => {
    let running = 0, most = 0;
    const answers = await mapLimited([5, 1, 4, 2, 3], 2, async n => {
      most = Math.max(most, ++running);
      await new Promise(r => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(answers).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });
});
