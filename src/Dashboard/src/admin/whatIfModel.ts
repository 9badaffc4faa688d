// The what-if's answer as the console shows it: each KPI actual beside alternative with the difference, worded
// and toned (better, worse, same) by whether a rise is good; and the cases whose worst light would change, the
// worse ones first.

import type { LightChange, WhatIfAnswer } from './adminWire';
import { kpiWords } from '../shared/kpiWords';

export type Tone = 'better' | 'worse' | 'same' | 'unknown';

export interface KpiLine {
  kpi: string;
  zh: string;
  en: string;
  actual: string;
  alternative: string;
  change: string;
  tone: Tone;
}

export interface WhatIfView {
  lines: KpiLine[];
  worse: LightChange[];
  better: LightChange[];
}

function figure(kind: 'rate' | 'hours' | 'count', value: number | null): string {
  if (value === null || value === undefined) return '—';
  if (kind === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (kind === 'hours') return `${value.toFixed(2)} h`;
  return String(Math.round(value * 100) / 100);
}

function difference(kind: 'rate' | 'hours' | 'count', change: number | null): string {
  if (change === null || change === undefined) return '—';
  if (change === 0) return '±0';
  const sign = change > 0 ? '+' : '−';
  const size = Math.abs(change);
  if (kind === 'rate') return `${sign}${(size * 100).toFixed(1)} 个百分点`;
  if (kind === 'hours') return `${sign}${size.toFixed(2)} h`;
  return `${sign}${Math.round(size * 100) / 100}`;
}

export function whatIfView(answer: WhatIfAnswer): WhatIfView {
  const lines = (answer.differences ?? []).map(d => {
    const words = kpiWords[d.kpi] ?? { zh: d.kpi, en: '', kind: 'count' as const, higherIsBetter: true };
    const tone: Tone = d.change === null || d.change === undefined ? 'unknown'
      : d.change === 0 ? 'same'
        : (d.change > 0) === words.higherIsBetter ? 'better' : 'worse';
    return {
      kpi: d.kpi, zh: words.zh, en: words.en,
      actual: figure(words.kind, d.actual), alternative: figure(words.kind, d.alternative), change: difference(words.kind, d.change), tone,
    };
  });
  const changes = answer.lightChanges ?? [];
  return { lines, worse: changes.filter(c => c.change === 'worse'), better: changes.filter(c => c.change !== 'worse') };
}
