// An indicator's figure as the report carries it, read by its shape alone, so an indicator the server adds later
// shows too: a ratio {numerator, denominator, rate}, a mean {count, total, mean} or a count (a number). The page
// formats what the server worked out; it never computes a rate or a mean itself.

import { kpiWords } from '../shared/kpiWords';

export type Figure =
  | { kind: 'ratio'; numerator: number; denominator: number; rate: number | null }
  | { kind: 'mean'; count: number; total: number; mean: number | null }
  | { kind: 'count'; value: number }
  | { kind: 'other'; raw: unknown };

export type KpiValues = Record<string, unknown>;

export function figureOf(raw: unknown): Figure {
  if (typeof raw === 'number') return { kind: 'count', value: raw };
  if (raw && typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    if ('rate' in o && typeof o.numerator === 'number' && typeof o.denominator === 'number')
      return { kind: 'ratio', numerator: o.numerator, denominator: o.denominator, rate: typeof o.rate === 'number' ? o.rate : null };
    if ('mean' in o && typeof o.count === 'number')
      return { kind: 'mean', count: o.count, total: typeof o.total === 'number' ? o.total : 0, mean: typeof o.mean === 'number' ? o.mean : null };
  }
  return { kind: 'other', raw };
}

/** The one number a figure is drawn and ranked by: the rate, the mean, the count; null when the server gave none. */
export function valueOf(figure: Figure): number | null {
  switch (figure.kind) {
    case 'ratio': return figure.rate;
    case 'mean': return figure.mean;
    case 'count': return figure.value;
    default: return null;
  }
}

/** How many cases stand behind the figure (a click lists them): the denominator, the count of means, the count. */
export function casesOf(figure: Figure): number | null {
  switch (figure.kind) {
    case 'ratio': return figure.denominator;
    case 'mean': return figure.count;
    case 'count': return figure.value;
    default: return null;
  }
}

export interface IndicatorWords {
  zh: string;
  en: string;
  hours: boolean;
  /** Whether a rise is good for the city; null for an indicator the page has no words for (its trend is not toned). */
  higherIsBetter: boolean | null;
}

/** The indicator's words: Chinese and English for the known ones, its raw name for one the page does not know yet. */
export function wordsOf(name: string): IndicatorWords {
  const known = kpiWords[name];
  return known
    ? { zh: known.zh, en: known.en, hours: known.kind === 'hours', higherIsBetter: known.higherIsBetter }
    : { zh: name, en: '', hours: false, higherIsBetter: null };
}

/** The report's indicators in order: the known ones in the words' order, then any others in the report's order. */
export function indicatorsOf(values: KpiValues | null | undefined): string[] {
  const names = Object.keys(values ?? {});
  const known = Object.keys(kpiWords).filter(k => names.includes(k));
  return [...known, ...names.filter(n => !known.includes(n))];
}

/** The figure as a tile shows it: "87.5%", "3.25 h", "12"; "—" when there is nothing to show. */
export function figureText(name: string, figure: Figure): string {
  const value = valueOf(figure);
  if (value === null) return '—';
  if (figure.kind === 'ratio') return percent(value);
  if (figure.kind === 'mean') return `${value.toFixed(2)}${wordsOf(name).hours ? ' h' : ''}`;
  return String(Math.round(value * 100) / 100);
}

/** What stands under the figure: "7 / 8" of a rate, "n = 4" of a mean; nothing for a count. */
export function detailText(figure: Figure): string {
  if (figure.kind === 'ratio') return `${figure.numerator} / ${figure.denominator}`;
  if (figure.kind === 'mean') return `n = ${figure.count}`;
  return '';
}

export function percent(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export type Tone = 'better' | 'worse' | 'same' | 'unknown';

export interface Trend {
  /** The change in the figure's own unit (a rate's in parts of one); null when either side has no figure. */
  change: number | null;
  text: string;
  arrow: '▲' | '▼' | '＝' | '';
  tone: Tone;
}

/** The figure against the previous period's: the change worded (a rate's in percentage points) and toned by whether a rise is good. */
export function trendOf(name: string, current: Figure, previous: Figure): Trend {
  const now = valueOf(current);
  const before = valueOf(previous);
  if (now === null || before === null) return { change: null, text: '—', arrow: '', tone: 'unknown' };
  const change = Math.round((now - before) * 1e6) / 1e6;
  if (change === 0) return { change, text: '±0', arrow: '＝', tone: 'same' };
  const sign = change > 0 ? '+' : '−';
  const size = Math.abs(change);
  const text = current.kind === 'ratio' ? `${sign}${(size * 100).toFixed(1)} 个百分点`
    : current.kind === 'mean' ? `${sign}${size.toFixed(2)}${wordsOf(name).hours ? ' h' : ''}`
      : `${sign}${Math.round(size * 100) / 100}`;
  const good = wordsOf(name).higherIsBetter;
  const tone: Tone = good === null ? 'unknown' : (change > 0) === good ? 'better' : 'worse';
  return { change, text, arrow: change > 0 ? '▲' : '▼', tone };
}
