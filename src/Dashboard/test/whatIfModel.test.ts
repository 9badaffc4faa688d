// The what-if's difference view: each KPI actual beside the draft's, the difference in its unit, and whether the
// change is better or worse for the city (a rise in on-time is better, a rise in rework is worse).

import { describe, expect, it } from 'vitest';
import { whatIfView } from '../src/admin/whatIfModel';

describe('the what-if difference view', () => {
  const view = whatIfView({
    differences: [
      { kpi: 'handledOnTime', actual: 0.8, alternative: 0.725, change: -0.075 },
      { kpi: 'rework', actual: 0.1, alternative: 0.05, change: -0.05 },
      { kpi: 'handlingHours', actual: 3.5, alternative: 3.5, change: 0 },
      { kpi: 'satisfaction', actual: null, alternative: null, change: null },
      { kpi: 'supervision', actual: 4, alternative: 6, change: 2 },
    ],
    lightChanges: [
      { incidentId: 'JY-1', gridId: 'G01', actual: 'green', alternative: 'red', change: 'worse' },
      { incidentId: 'JY-2', gridId: null, actual: 'red', alternative: 'yellow', change: 'better' },
      { incidentId: 'JY-3', gridId: 'G02', actual: 'yellow', alternative: 'red', change: 'worse' },
    ],
  });

  it('shows rates as percentages and their difference in points, toned by what is good', () => {
    expect(view.lines[0]).toMatchObject({ zh: '按期处置率', actual: '80.0%', alternative: '72.5%', change: '−7.5 个百分点', tone: 'worse' });
    expect(view.lines[1]).toMatchObject({ kpi: 'rework', change: '−5.0 个百分点', tone: 'better' });
  });

  it('says no change and no figure plainly', () => {
    expect(view.lines[2]).toMatchObject({ actual: '3.50 h', change: '±0', tone: 'same' });
    expect(view.lines[3]).toMatchObject({ actual: '—', alternative: '—', change: '—', tone: 'unknown' });
    expect(view.lines[4]).toMatchObject({ actual: '4', alternative: '6', change: '+2', tone: 'worse' });
  });

  it('splits the cases whose light changes into worse and better', () => {
    expect(view.worse.map(c => c.incidentId)).toEqual(['JY-1', 'JY-3']);
    expect(view.better.map(c => c.incidentId)).toEqual(['JY-2']);
  });
});
