// The operator's desk beside the wall: find any case (by number, caller's phone, address or words, with filters),
// and the return-visit desk (回访): the verified cases waiting for a call, oldest deadline first, and the visits the
// clock closed unanswered. A case opens in the incident panel; a visit is recorded with the forms the server
// offers on that case (evaluate, no answer), never with buttons the page decides on its own.

import { api, ApiError } from '../shared/api';
import { fromCityInput } from '../shared/cityTime';
import { download } from '../shared/download';
import { actionForm, offerLabel } from '../shared/actionForm';

import { channelWords, en, h, lightWords, nineSteps, stamp, stateWords, zh } from '../shared/words';
import type { IncidentList, IncidentSummaryView, IncidentView, ReturnVisitQueue, ReturnVisitView } from '../shared/wire';
import type { Lookup } from './lookup';

type Tab = 'search' | 'visits' | 'unanswered' | 'jobs';

/** The scheduled jobs an admin may run by hand, in the server's words (POST /api/jobs/{name}/run). */
const jobs: [string, string, string][] = [
  ['archive', '归档', 'Archive every filed case'],
  ['daily-report', '日报', 'Daily report, today so far'],
  ['assessment', '月度考核', 'Monthly assessment, this month so far'],
  ['random-inspection', '双随机抽查', 'Draw a random inspection'],
];

const pageSize = 20;

export class CaseDesk {
  readonly element: HTMLElement;
  private tab: Tab = 'search';
  private readonly tabs: Record<Tab, HTMLButtonElement>;
  private readonly panes: Record<Tab, HTMLElement>;
  private readonly search: HTMLFormElement;
  private readonly results = h('div.desk-results', {});
  private readonly visits = h('div.desk-visits', {});
  private readonly unanswered = h('div.desk-visits', {});
  private readonly jobList = h('div.desk-jobs', {});
  private page = 1;

  constructor(host: HTMLElement, private readonly lookup: Lookup, private readonly scope: string, private readonly open: (id: string) => void,
              powers: readonly string[]) {
    this.search = this.searchForm();
    this.tabs = {
      search: h('button', { type: 'button', role: 'tab', dataset: { tab: 'search' } }, '案件查询 ', h('small', {}, 'Find (F3)')),
      visits: h('button', { type: 'button', role: 'tab', dataset: { tab: 'visits' } }, '回访 ', h('small', {}, 'Return visits (F4)')),
      unanswered: h('button', { type: 'button', role: 'tab', dataset: { tab: 'unanswered' } }, '未接通结案 ', h('small', {}, 'Closed unanswered')),
      // Only an account whose token carries the power gets the tab: the server runs jobs for admins alone.
      jobs: h('button', { type: 'button', role: 'tab', dataset: { tab: 'jobs' }, hidden: !powers.includes('run-jobs') }, '系统任务 ', h('small', {}, 'Jobs')),
    };
    this.panes = {
      search: h('div.desk-pane', { dataset: { pane: 'search' } }, this.search, this.results),
      visits: h('div.desk-pane', { dataset: { pane: 'visits' } }, this.visits),
      unanswered: h('div.desk-pane', { dataset: { pane: 'unanswered' } }, this.unanswered),
      jobs: h('div.desk-pane', { dataset: { pane: 'jobs' } }, this.jobList),
    };
    this.drawJobs();
    for (const [tab, button] of Object.entries(this.tabs)) button.addEventListener('click', () => void this.show(tab as Tab));
    this.element = h('aside.desk', { id: 'desk', hidden: true },
      h('button.detail-close', { type: 'button', title: '关闭 Close (Esc)', onclick: () => this.close() }, '×'),
      h('nav.desk-tabs', { role: 'tablist' }, ...Object.values(this.tabs)),
      ...Object.values(this.panes));
    this.element.setAttribute('aria-label', '案件台 Case desk');
    this.element.addEventListener('keydown', e => { if (e.key === 'Escape') this.close(); });
    host.append(this.element);
  }

  get isOpen(): boolean { return !this.element.hidden; }

  async show(tab: Tab): Promise<void> {
    this.tab = tab;
    this.element.hidden = false;
    for (const [name, button] of Object.entries(this.tabs)) button.setAttribute('aria-selected', String(name === tab));
    for (const [name, pane] of Object.entries(this.panes)) pane.hidden = name !== tab;
    if (tab === 'search') (this.search.elements.namedItem('q') as HTMLInputElement).focus();
    if (tab === 'visits') await this.loadVisits();
    if (tab === 'unanswered') await this.loadUnanswered();
  }

  close(): void {
    this.element.hidden = true;
  }

  /** A case changed on the wall: the visit queue follows when it is the one shown. */
  changed(): void {
    if (this.isOpen && this.tab === 'visits') void this.loadVisits();
  }

  // ---- 系统任务 Jobs ---------------------------------------------------------------------------

  private drawJobs(): void {
    const result = h('pre.desk-job-result', { role: 'status' });
    this.jobList.replaceChildren(
      h('p.detail-hint', {}, '定时任务也可立即运行 · Scheduled jobs, run now'),
      h('div.desk-job-buttons', {}, ...jobs.map(([name, zhText, enText]) => {
        const button = h('button', { type: 'button', dataset: { job: name } }, `${zhText} `, h('small', {}, enText));
        button.addEventListener('click', async () => {
          button.disabled = true;
          result.textContent = `${zhText} 运行中 Running…`;
          try {
            const answer = await api<{ job: string; result: unknown }>(`/api/jobs/${name}/run`, { method: 'POST' });
            result.textContent = `${zhText} 完成 done: ${JSON.stringify(answer.result)}`;
          } catch (e) {
            result.textContent = e instanceof Error ? e.message : String(e);
          } finally {
            button.disabled = false;
          }
        });
        return button;
      })),
      result);
  }

  // ---- 案件查询 Find any case ------------------------------------------------------------------

  private searchForm(): HTMLFormElement {
    const select = (name: string, label: string, options: [string, string][]) =>
      h('label.desk-filter', {}, h('span', {}, label), h('select', { name }, h('option', { value: '' }, '全部 All'), ...options.map(([value, text]) => h('option', { value }, text))));
    const categories = [...this.lookup.categories.values()];
    const platforms = new Map(categories.map(c => [c.platform, c.platformName]));
    const form = h('form.desk-search', { noValidate: true },
      h('div.desk-query', {},
        h('input', { name: 'q', type: 'search', autocomplete: 'off', placeholder: '案件编号、来电号码、地址或关键词 Case number, phone, address or words' }),
        h('button', { type: 'submit' }, '查询 ', h('small', {}, 'Find'))),
      h('div.desk-filters', {},
        select('state', '状态 State', Object.entries(stateWords).map(([code, [zhText, enText]]) => [code, `${zhText} ${enText}`])),
        select('step', '环节 Step', nineSteps.map((word, i) => [String(i + 1), `${i + 1} ${word}`])),
        select('light', '灯 Light', Object.entries(lightWords).map(([code, [zhText, enText]]) => [code, `${zhText} ${enText}`])),
        select('platform', '平台 Platform', [...platforms].map(([code, name]) => [code, name])),
        select('category', '类别 Category', categories.map(c => [c.code, `${c.code} ${c.name}`])),
        select('channel', '渠道 Channel', Object.entries(channelWords)),
        select('grid', '网格 Grid', this.towns()),
        h('label.desk-filter', {}, h('span', {}, '自 From'), h('input', { name: 'from', type: 'date' })),
        h('label.desk-filter', {}, h('span', {}, '至 To'), h('input', { name: 'to', type: 'date' }))),
      h('div.desk-exports', {},
        h('span', {}, '导出当前筛选 ', h('small', {}, 'Export what the filters show')),
        ...(['xlsx', 'csv', 'geojson'] as const).map(format =>
          h('button.desk-export', { type: 'button', dataset: { format }, onclick: () => void this.export(format) }, format === 'xlsx' ? 'Excel' : format.toUpperCase()))),
      h('p.desk-message', { role: 'status' }));
    form.addEventListener('submit', e => { e.preventDefault(); this.page = 1; void this.find(); });
    for (const control of form.querySelectorAll('select')) control.addEventListener('change', () => { this.page = 1; void this.find(); });
    return form;
  }

  /** The scope and the towns under it, for the grid filter. */
  private towns(): [string, string][] {
    return this.lookup.childrenOf(this.scope).map(id => [id, this.lookup.gridName(id)]);
  }

  private query(): URLSearchParams {
    const params = new URLSearchParams();
    const data = new FormData(this.search);
    for (const [name, value] of data) {
      const text = String(value).trim();
      if (!text) continue;
      // Dates are the city's days: from its midnight to the next.
      if (name === 'from' || name === 'to') params.set(name, dayStart(text, name === 'to'));
      else params.set(name, text);
    }
    if (!params.has('grid') && this.scope) params.set('grid', this.scope);
    params.set('page', String(this.page));
    params.set('pageSize', String(pageSize));
    return params;
  }

  /**
   * The cases the filters show, as a file (GET /api/exports/incidents.{format}, the list's own filters): the whole match,
   * not one page. An export needs a window; with no dates given it is the year up to now.
   */
  private async export(format: 'xlsx' | 'csv' | 'geojson'): Promise<void> {
    const message = this.search.querySelector('.desk-message')!;
    const params = this.query();
    params.delete('page');
    params.delete('pageSize');
    if (!params.has('to')) params.set('to', new Date(Date.now() + 60_000).toISOString());
    if (!params.has('from')) params.set('from', new Date(Date.parse(params.get('to')!) - 365 * 86_400_000).toISOString());
    message.textContent = '导出中 Exporting…';
    try {
      const name = await download(`/api/exports/incidents.${format}?${params}`, `incidents.${format}`);
      message.textContent = `已导出 ${name} · Exported`;
    } catch (e) {
      message.textContent = e instanceof ApiError ? e.message : String(e);
    }
  }

  private async find(): Promise<void> {
    const message = this.search.querySelector('.desk-message')!;
    message.textContent = '查询中 Searching…';
    try {
      const list = await api<IncidentList>(`/api/incidents?${this.query()}`);
      message.textContent = `共 ${list.total} 件 · ${list.total} found`;
      this.results.replaceChildren(this.resultTable(list));
    } catch (e) {
      message.textContent = e instanceof ApiError ? e.message : String(e);
      this.results.replaceChildren();
    }
  }

  private resultTable(list: IncidentList): Node {
    if (!list.items.length) return h('p.detail-hint', {}, '没有符合条件的案件 · No case matches.');
    const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
    const pager = h('div.desk-pager', {},
      h('button', { type: 'button', disabled: list.page <= 1, onclick: () => { this.page--; void this.find(); } }, '‹ 上一页'),
      h('span', {}, `${list.page} / ${pages}`),
      h('button', { type: 'button', disabled: list.page >= pages, onclick: () => { this.page++; void this.find(); } }, '下一页 ›'));
    return h('div', {},
      h('table.desk-table', {},
        h('thead', {}, h('tr', {}, ...['', '案件编号 Case', '类别 Category', '状态 State', '网格 Grid', '上报 Reported', '地址 · 描述'].map(t => h('th', {}, t)))),
        h('tbody', {}, ...list.items.map(item => this.resultRow(item)))),
      pager);
  }

  private resultRow(item: IncidentSummaryView): HTMLElement {
    const row = h('tr', { tabIndex: 0, dataset: { id: item.id } },
      h('td', {}, h('span.light-dot', { dataset: { light: item.light }, title: item.light })),
      h('td.desk-case', {}, item.id),
      h('td', {}, item.categoryName ?? this.lookup.categoryName(item.category)),
      h('td', {}, `${zh(stateWords, item.state)} `, h('small', {}, en(stateWords, item.state))),
      h('td', {}, placeWords(this.lookup, item.gridId)),
      h('td', {}, stamp(item.createdAt)),
      h('td.desk-summary', {}, [item.address, item.summary].filter(Boolean).join(' · ')));
    row.addEventListener('click', () => this.open(item.id));
    row.addEventListener('keydown', e => { if (e.key === 'Enter') this.open(item.id); });
    return row;
  }

  // ---- 回访 Return visits ----------------------------------------------------------------------

  /** What the operator last recorded on a visit: it stays above the queue when the queue is read again (a push, a tab change). */
  private visitNotice: { action: string; text: string } | null = null;

  private async loadVisits(notice?: { action: string; text: string }): Promise<void> {
    if (notice) this.visitNotice = notice;
    try {
      const queue = await api<ReturnVisitQueue>(`/api/return-visits?scope=${encodeURIComponent(this.scope)}`);
      const last = this.visitNotice;
      this.visits.replaceChildren(
        last ? h('p.desk-notice', { role: 'status', dataset: { action: last.action } }, last.text) : '',
        h('p.detail-hint', {}, `待回访 ${queue.items.length} 件，截止最早的在前 · Waiting for a call, oldest deadline first`),
        queue.items.length ? h('ol.visit-list', {}, ...queue.items.map(v => this.visitRow(v, true))) : h('p.detail-hint', {}, '暂无待回访案件 · Nothing waiting.'));
    } catch (e) {
      this.visits.replaceChildren(h('p.detail-error', {}, e instanceof Error ? e.message : String(e)));
    }
  }

  private async loadUnanswered(): Promise<void> {
    try {
      const queue = await api<ReturnVisitQueue>(`/api/return-visits/unanswered?scope=${encodeURIComponent(this.scope)}`);
      this.unanswered.replaceChildren(
        h('p.detail-hint', {}, `近 30 天回访未接通、到期自动结案 ${queue.items.length} 件 · Closed by the clock unanswered, last 30 days`),
        queue.items.length ? h('ol.visit-list', {}, ...queue.items.map(v => this.visitRow(v, false))) : h('p.detail-hint', {}, '无 · None.'));
    } catch (e) {
      this.unanswered.replaceChildren(h('p.detail-error', {}, e instanceof Error ? e.message : String(e)));
    }
  }

  private visitRow(visit: ReturnVisitView, waiting: boolean): HTMLElement {
    const forms = h('div.visit-forms', {});
    const head = h('button.visit-head', { type: 'button' },
      h('span.light-dot', { dataset: { light: visit.light }, title: visit.light }),
      h('span.visit-case', {}, visit.id),
      h('strong.visit-phone', {}, visit.callerPhone ?? '无来电号码 no phone'),
      h('span', {}, visit.callerName ?? ''),
      h('span', {}, visit.categoryName ?? this.lookup.categoryName(visit.category)),
      h('small', {}, waiting
        ? `截止 ${visit.dueAt ? stamp(visit.dueAt) : '—'}${visit.attempts ? ` · 未接通 ${visit.attempts} 次` : ''}`
        : `结案 ${visit.closedAt ? stamp(visit.closedAt) : '—'} · 未接通 ${visit.attempts} 次`));
    const row = h('li.visit', { dataset: { id: visit.id } }, head,
      h('p.visit-summary', {}, [placeWords(this.lookup, visit.gridId), visit.address, visit.summary].filter(Boolean).join(' · ')),
      forms);
    head.addEventListener('click', () => void this.expand(visit.id, forms));
    return row;
  }

  /** The visit's forms, as the server offers them on the case now (evaluate with satisfaction, no answer). */
  private async expand(id: string, forms: HTMLElement): Promise<void> {
    if (forms.childElementCount) { forms.replaceChildren(); return; }
    const incident = await api<IncidentView>(`/api/incidents/${encodeURIComponent(id)}`);
    const offers = incident.allowedActions.filter(o => o.action === 'evaluate' || o.action === 'no-answer');
    forms.replaceChildren(
      ...offers.map(offer => h('div.visit-form', { dataset: { action: offer.action } }, h('h4', {}, ...offerLabel(offer)),
        actionForm(offer, async body => {
          await api(`/api/incidents/${encodeURIComponent(id)}/actions/${offer.action}`, { body });
          await this.loadVisits({ action: offer.action, text: `${id} · ${offer.chinese} ${offer.english}: 已记录 recorded.` });
        }))),
      h('button.visit-open', { type: 'button', onclick: () => this.open(id) }, '在面板中查看 ', h('small', {}, 'Open in the panel')),
      offers.length ? '' : h('p.detail-hint', {}, '此案件现在无可回访操作 · Nothing to record on this case now.'));
  }
}

/** "Town village" for a case's grid: what an operator reads to place it. */
function placeWords(lookup: Lookup, gridId: string | null): string {
  const place = lookup.placeOf(gridId);
  return [place.town, place.village].filter(Boolean).join(' ');
}

/** A date typed as the city's day: its start (or, for "to", the next day's start) as an instant in the city's zone. */
function dayStart(date: string, next: boolean): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d + (next ? 1 : 0))).toISOString().slice(0, 10);
  const at = fromCityInput(`${day}T00:00`);
  return new Date(Number.isNaN(at) ? Date.parse(day) : at).toISOString();
}
