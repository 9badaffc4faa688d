// One tile per indicator of the report's total: the figure (a rate with its n / d, a mean with its count, a count),
// its trend against the previous period of the same length, and a sparkline by day. A click lists its cases.

import { h } from '../shared/words';
import { drawSparkline, palette } from './charts';
import { detailText, figureOf, figureText, trendOf, valueOf, wordsOf, type Figure, type KpiValues } from './figures';

export class KpiTile {
  readonly element: HTMLElement;
  private readonly value = h('strong.tile-value', {}, '—');
  private readonly detail = h('small.tile-detail', {});
  private readonly trend = h('span.tile-trend', { dataset: { tone: 'unknown' } }, '');
  private readonly spark = h('div.tile-spark', {});
  private readonly colour: string;
  figure: Figure = { kind: 'other', raw: null };

  constructor(readonly name: string, index: number, clicked: (tile: KpiTile) => void) {
    const words = wordsOf(name);
    this.colour = palette[index % palette.length];
    this.element = h('button.kpi-tile', { type: 'button', dataset: { kpi: name, known: String(words.higherIsBetter !== null) }, title: '查看案件 · Show the cases', onclick: () => clicked(this) },
      h('span.tile-label', {}, words.zh, words.en ? h('small', {}, ` ${words.en}`) : ''),
      h('span.tile-figure', {}, this.value, this.detail),
      h('span.tile-foot', {}, h('small.tile-vs', {}, '较上期 vs previous'), this.trend),
      this.spark);
  }

  show(raw: unknown): void {
    this.figure = figureOf(raw);
    this.element.dataset.kind = this.figure.kind;
    this.value.textContent = figureText(this.name, this.figure);
    this.detail.textContent = detailText(this.figure);
    this.trend.textContent = '…';
    this.trend.dataset.tone = 'unknown';
  }

  showTrend(previous: unknown): void {
    const t = trendOf(this.name, this.figure, figureOf(previous));
    this.trend.textContent = `${t.arrow} ${t.text}`.trim();
    this.trend.dataset.tone = t.tone;
    this.trend.title = `上期 previous: ${figureText(this.name, figureOf(previous))}`;
  }

  showDays(days: (KpiValues | null)[]): void {
    drawSparkline(this.spark, days.map(d => (d ? valueOf(figureOf(d[this.name])) : null)), this.colour);
  }

  text(): string {
    return this.value.textContent ?? '';
  }
}
