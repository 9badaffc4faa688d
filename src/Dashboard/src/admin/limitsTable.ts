// The policy's limits as an editable table: step, category, priority, area and limit per row; add and remove rows.
// A refusal naming `limits[i].column` marks that cell and says the server's words under the row.

import { areaWords } from './adminWords';
import { emptyRow, type LimitRow } from './policyDraft';
import { h, priorityWords, slaStepWords } from '../shared/words';

const columns: (keyof LimitRow)[] = ['step', 'category', 'priority', 'area', 'limit'];

export class LimitsTable {
  readonly element: HTMLElement;
  private rows: LimitRow[] = [];
  private errors = new Map<number, { columns: Set<string>; text: string[] }>();
  private readonly body = h('tbody');
  private readonly categories = h('datalist', { id: 'admin-policy-categories' });

  constructor() {
    this.element = h('div.limits', {},
      h('table.limits-table', {},
        h('thead', {}, h('tr', {},
          h('th', {}, '环节 ', h('small', {}, 'Step')), h('th', {}, '分类 ', h('small', {}, 'Category')), h('th', {}, '紧急程度 ', h('small', {}, 'Priority')),
          h('th', {}, '区域 ', h('small', {}, 'Area')), h('th', {}, '时限 ', h('small', {}, 'Limit')), h('th', {}, ''))),
        this.body),
      h('button.add-limit', { type: 'button', onclick: () => { this.rows = [...this.rows, emptyRow()]; this.draw(); } }, '＋ 添加一行 ', h('small', {}, 'Add a limit')),
      h('datalist', { id: 'admin-policy-areas' }, ...Object.entries(areaWords).map(([code, [z, e]]) => h('option', { value: code }, `${z} ${e}`))),
      this.categories);
  }

  get value(): LimitRow[] {
    return this.rows.map(r => ({ ...r }));
  }

  set value(rows: LimitRow[]) {
    this.rows = rows.map(r => ({ ...r }));
    this.errors.clear();
    this.draw();
  }

  /** Category codes to suggest (the catalogue's). */
  set categoryCodes(codes: [string, string][]) {
    this.categories.replaceChildren(...codes.map(([code, name]) => h('option', { value: code }, name)));
  }

  showErrors(errors: Map<number, { columns: Set<string>; text: string[] }>): void {
    this.errors = errors;
    this.draw();
  }

  private draw(): void {
    const select = (row: LimitRow, key: 'step' | 'priority', table: Record<string, [string, string]>, anyWord: string | null) => {
      const known = Object.entries(table);
      const el = h('select', { name: key, ariaLabel: key },
        ...(anyWord !== null ? [h('option', { value: '' }, anyWord)] : [h('option', { value: '' }, '—')]),
        ...known.map(([code, [z, e]]) => h('option', { value: code, selected: row[key] === code }, `${z} ${e}`)),
        ...(row[key] && !(row[key] in table) ? [h('option', { value: row[key], selected: true }, row[key])] : []));
      el.addEventListener('change', () => { row[key] = el.value; });
      return el;
    };
    const text = (row: LimitRow, key: 'category' | 'area' | 'limit', placeholder: string, list?: string) => {
      const el = h('input', { name: key, value: row[key], placeholder, spellcheck: false, autocomplete: 'off', ariaLabel: key, size: key === 'limit' ? 8 : 10 });
      if (list) el.setAttribute('list', list);
      el.addEventListener('input', () => { row[key] = el.value; });
      return el;
    };
    this.body.replaceChildren(...this.rows.flatMap((row, index) => {
      const error = this.errors.get(index);
      const cells: Record<keyof LimitRow, HTMLElement> = {
        step: select(row, 'step', slaStepWords, null),
        category: text(row, 'category', '任意 any', 'admin-policy-categories'),
        priority: select(row, 'priority', priorityWords, '任意 any'),
        area: text(row, 'area', '任意 any', 'admin-policy-areas'),
        limit: text(row, 'limit', '30m · 4h · 8wh', undefined),
      };
      const tr = h('tr', { dataset: { index: String(index), invalid: String(Boolean(error)) } },
        ...columns.map(c => h('td', { dataset: { column: c, invalid: String(Boolean(error && (error.columns.has(c) || error.columns.has('*')))) } }, cells[c])),
        h('td', {}, h('button.icon.remove-limit', { type: 'button', title: '删除此行 Remove', onclick: () => { this.rows = this.rows.filter((_, i) => i !== index); this.errors.clear(); this.draw(); } }, '×')));
      return error ? [tr, h('tr.row-error', { dataset: { index: String(index) } }, h('td', { colSpan: 6 }, h('em.field-error', { role: 'alert' }, error.text.join(' '))))] : [tr];
    }));
  }
}
