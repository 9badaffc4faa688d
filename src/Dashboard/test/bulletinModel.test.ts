import { describe, expect, it } from 'vitest';
import { changeText, figureText, indicatorName, titleOf } from '../src/bulletin/bulletinModel';
import type { AssessmentView, KpiSet } from '../src/shared/wire';

const set = {
  handledOnTime: { numerator: 2, denominator: 3, rate: 0.6667 },
  closure: { numerator: 0, denominator: 0, rate: null },
  handlingHours: { count: 2, total: 5, mean: 2.5 },
  handledLate: 1,
} as unknown as KpiSet;

describe('a bulletin\'s figures', () => {
  it('prints a rate as a percentage, a mean with one decimal, a count as is, and no data as a dash', () => {
    expect(figureText(set, 'handledOnTime')).toBe('66.7%');
    expect(figureText(set, 'closure')).toBe('—');
    expect(figureText(set, 'handlingHours')).toBe('2.5');
    expect(figureText(set, 'handledLate')).toBe('1');
    expect(figureText(set, 'validReports')).toBe('—');
  });

  it('names the indicators in Chinese, and an unknown one as the server writes it', () => {
    expect(indicatorName('handledOnTime')).toBe('按期处置率');
    expect(indicatorName('somethingNew')).toBe('somethingNew');
  });

  it('shows the change against the period before, or nothing without both', () => {
    expect(changeText(82.34, 80)).toBe('↑ 2.3');
    expect(changeText(70, 71)).toBe('↓ 1.0');
    expect(changeText(70, 70)).toBe('→ 0.0');
    expect(changeText(70, null)).toBe('');
  });

  it('titles the city\'s bulletin by the city, and a town\'s by both', () => {
    const view = { city: '江阴市', scopeName: '江阴市', name: '月通报' } as AssessmentView;
    expect(titleOf(view)).toBe('江阴市网格化管理月通报');
    expect(titleOf({ ...view, scopeName: '澄江街道', name: '季考评' })).toBe('江阴市澄江街道网格化管理季考评');
  });
});
