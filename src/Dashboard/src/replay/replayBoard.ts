// The board beside the replay map: every incident of the scope as it stood at the replay clock, open ones first
// (most urgent on top) with their step, state, SLA light and time left, then those closed within the window, greyed.

import { en, h, priorityWords, slaStepWords, span, stateWords, zh } from '../shared/words';
import type { Lookup } from '../wall/lookup';
import { isOpen, isShown, lightAt, type ReplayIncident } from './incidentFold';

const maxRows = 150;

interface Row {
  element: HTMLElement;
  version: number;
  time: HTMLElement;
  caption: HTMLElement;
}

export class ReplayBoard {
  private readonly rows = new Map<string, Row>();
  private readonly list: HTMLElement;
  private readonly total: HTMLElement;

  constructor(host: HTMLElement, private readonly lookup: Lookup, private readonly select: (id: string) => void) {
    this.total = h('span.panel-count', {}, '0');
    this.list = h('div.board-list', { role: 'list' });
    host.replaceChildren(
      h('header.panel-head', {}, h('h2', {}, '事件态势 ', h('small', {}, 'Incidents at the replay clock')), this.total),
      h('div.board-columns.replay-columns', {},
        h('span', {}, '灯'), h('span', {}, '事件 · 案号'), h('span', {}, '网格'), h('span', {}, '环节 · 处置人'), h('span', {}, '时限')),
      this.list);
  }

  render(incidents: Iterable<ReplayIncident>, at: number): void {
    const all = [...incidents].filter(isShown);
    const open = all.filter(i => isOpen(i.state)).sort((a, b) => (a.active?.dueAt ?? Infinity) - (b.active?.dueAt ?? Infinity) || a.id.localeCompare(b.id));
    const closed = all.filter(i => !isOpen(i.state)).sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0));
    const shown = [...open, ...closed].slice(0, maxRows);
    this.total.textContent = `${open.length} / ${all.length}`;
    const keep = new Set(shown.map(i => i.id));
    for (const [id, row] of this.rows) if (!keep.has(id)) { row.element.remove(); this.rows.delete(id); }
    shown.forEach((incident, index) => {
      let row = this.rows.get(incident.id);
      if (!row || row.version !== incident.version) {
        const fresh = this.row(incident);
        if (row) row.element.replaceWith(fresh.element);
        this.rows.set(incident.id, row = fresh);
      }
      if (this.list.children[index] !== row.element) this.list.insertBefore(row.element, this.list.children[index] ?? null);
      this.tick(row, incident, at);
    });
  }

  /** The displayed rows' ids, in order (for tests). */
  ids(): string[] {
    return [...this.list.children].map(e => (e as HTMLElement).dataset.id!);
  }

  private tick(row: Row, incident: ReplayIncident, at: number): void {
    const light = lightAt(incident, at);
    row.element.dataset.light = light;
    const dot = row.element.querySelector<HTMLElement>('.light-dot');
    if (dot) dot.dataset.light = light;
    if (!isOpen(incident.state)) {
      row.time.textContent = '已办结';
      row.caption.textContent = incident.late ? '曾超时 late' : 'closed';
      return;
    }
    if (!incident.active) {
      row.time.textContent = incident.state === 'suspended' ? '挂账' : '—';
      row.caption.textContent = '';
      return;
    }
    const left = incident.active.dueAt - (incident.state === 'suspended' && incident.suspendedAt !== null ? incident.suspendedAt : at);
    row.time.textContent = left >= 0 ? span(left) : `超时 ${span(left)}`;
    row.caption.textContent = `${zh(slaStepWords, incident.active.step)} ${en(slaStepWords, incident.active.step)}`;
  }

  private row(incident: ReplayIncident): Row {
    const place = this.lookup.placeOf(incident.gridId);
    const time = h('strong.countdown-time', {});
    const caption = h('small.countdown-step', {});
    const element = h('div.board-row.replay-row', {
      role: 'listitem',
      dataset: { id: incident.id, state: incident.state, step: String(incident.step), priority: incident.priority, open: String(isOpen(incident.state)) },
      onclick: () => this.select(incident.id),
    },
      h('span.light-dot', { dataset: { light: 'none' } }),
      h('div.cell.case', {}, h('strong', {}, this.lookup.categoryName(incident.category)),
        h('small', {}, h('span.prio', { dataset: { priority: incident.priority } }, zh(priorityWords, incident.priority)), ' ', incident.id)),
      h('div.cell.place', {}, h('strong', {}, place.town || '未定位'), h('small', {}, place.village)),
      h('div.cell.state', {},
        h('strong', { className: `state-${incident.state}` }, `${incident.step || '—'} · ${zh(stateWords, incident.state)}`),
        h('small', {}, incident.assigneeId ? this.lookup.memberName(incident.assigneeId) : en(stateWords, incident.state))),
      h('div.cell.countdown', {}, time, caption));
    return { element, version: incident.version, time, caption };
  }
}
