// A ranking: the report's rows (grids under the scope, or members) with every indicator the report carries, sortable
// by any of them (a click on its heading; again for the other direction). A click on a figure lists its cases.

import { h } from '../shared/words';
import { detailText, figureOf, figureText, indicatorsOf, valueOf, wordsOf, type Figure } from './figures';

export interface ReportRow {
  key: string;
  kpis: Record<string, unknown>;
}

export class Ranking {
  readonly element: HTMLElement;
  private readonly table = h('table.ranking', {});
  private rows: ReportRow[] = [];
  private sortBy: string | null = null;
  private descending = true;

  constructor(readonly by: 'grid' | 'member', private readonly label: (key: string) => string,
              private readonly clicked: (row: ReportRow, kpi: string, figure: Figure) => void,
              private readonly named?: (key: string) => void) {
    this.table.dataset.by = by;
    this.element = h('div.ranking-scroll', {}, this.table);
  }

  show(rows: ReportRow[]): void {
    this.rows = rows;
    this.draw();
  }

  private sort(kpi: string): void {
    this.descending = this.sortBy === kpi ? !this.descending : true;
    this.sortBy = kpi;
    this.draw();
  }

  /** The row keys in the order shown (for the browser tests). */
  keys(): string[] {
    return [...this.table.querySelectorAll<HTMLElement>('tbody tr')].map(r => r.dataset.key!);
  }

  private draw(): void {
    const names = indicatorsOf(this.rows[0]?.kpis);
    const sorted = [...this.rows];
    if (this.sortBy) {
      const kpi = this.sortBy, sign = this.descending ? -1 : 1;
      // Rows without a figure go last whichever the direction; ties keep the key order.
      sorted.sort((a, b) => {
        const x = valueOf(figureOf(a.kpis[kpi])), y = valueOf(figureOf(b.kpis[kpi]));
        if (x === null || y === null) return x === y ? a.key.localeCompare(b.key) : x === null ? 1 : -1;
        return (x - y) * sign || a.key.localeCompare(b.key);
      });
    }
    const head = h('tr', {},
      h('th.rank', {}, '#'),
      h('th', {}, this.by === 'grid' ? '网格' : '成员', h('small', {}, this.by === 'grid' ? ' Grid' : ' Member')),
      ...names.map(name => {
        const words = wordsOf(name);
        const mark = this.sortBy === name ? (this.descending ? 'desc' : 'asc') : '';
        return h('th.sortable', { dataset: { kpi: name, sorted: mark }, title: '排序 · Sort', onclick: () => this.sort(name) },
          words.zh, words.en ? h('small', {}, ` ${words.en}`) : '', h('span.sort-mark', {}, mark === 'desc' ? ' ▼' : mark === 'asc' ? ' ▲' : ''));
      }));
    const body = sorted.map((row, i) => h('tr', { dataset: { key: row.key } },
      h('td.rank', {}, String(i + 1)),
      h('td.row-name', this.named ? { title: '考核档案 · Dossier', onclick: () => this.named!(row.key) } : {}, this.label(row.key), h('small', {}, ` ${row.key}`)),
      ...names.map(name => {
        const figure = figureOf(row.kpis[name]);
        return h('td.cell-figure', { dataset: { kpi: name, key: row.key }, title: '查看案件 · Show the cases', onclick: () => this.clicked(row, name, figure) },
          h('strong', {}, figureText(name, figure)), h('small', {}, detailText(figure)));
      })));
    this.table.replaceChildren(h('thead', {}, head),
      h('tbody', {}, ...(body.length ? body : [h('tr', {}, h('td.empty', { colSpan: names.length + 2 }, '本期无数据 · Nothing counted in the period'))])));
  }
}
