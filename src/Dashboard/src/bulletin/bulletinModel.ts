// The 通报's words and figures from GET /api/assessments: pure, so the page and its tests read the same.

import type { AssessmentView, KpiSet } from '../shared/wire';
import { kpiWords } from '../shared/kpiWords';

/** The indicators a 通报's ranking shows beside the composite, in this order. */
export const rankedIndicators = ['dispatchedOnTime', 'handledOnTime', 'closure', 'verifiedOnTime', 'satisfaction', 'rework', 'handledLate'] as const;

/** The overview's figures, in this order. */
export const overviewIndicators = ['filed', 'handled', 'handledOnTime', 'closedOnTime', 'closure', 'satisfaction', 'accurateFiling', 'validReports'] as const;

type Figure = { numerator: number; denominator: number; rate: number | null } | { count: number; total: number; mean: number | null } | number | null | undefined;

/** One figure as the 通报 prints it: a rate as a percentage with one decimal, a mean with one decimal, a count as is; — without data. */
export function figureText(set: KpiSet, name: string): string {
  const value = (set as unknown as Record<string, Figure>)[name];
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return String(value);
  if ('rate' in value) return value.rate === null ? '—' : `${(value.rate * 100).toFixed(1)}%`;
  return value.mean === null ? '—' : value.mean.toFixed(1);
}

export function indicatorName(name: string): string {
  return kpiWords[name]?.zh ?? name;
}

/** The composite's change against the period before: ↑ 2.5, ↓ 1.0, or empty when either is missing. */
export function changeText(now: number | null | undefined, before: number | null | undefined): string {
  if (now === null || now === undefined || before === null || before === undefined) return '';
  const change = Math.round((now - before) * 10) / 10;
  return change > 0 ? `↑ ${change.toFixed(1)}` : change < 0 ? `↓ ${(-change).toFixed(1)}` : '→ 0.0';
}

/** The 通报's title: 江阴市网格化管理月通报 (the city) or 江阴市澄江街道网格化管理月通报 (a town). */
export function titleOf(view: AssessmentView): string {
  const where = view.scopeName === view.city ? view.city : `${view.city}${view.scopeName}`;
  return `${where}网格化管理${view.name}`;
}
