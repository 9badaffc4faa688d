// The SLA board: open incidents in order of urgency with a countdown to the active step's deadline,
// ticking every second in the browser (the server only sends changes).

import type { IncidentDelta } from '../shared/wire';
import { en, h, priorityWords, slaStepWords, span, stateWords, zh } from '../shared/words';
import { byUrgency, lightOf } from '../shared/urgency';
import type { Lookup } from './lookup';

const maxRows = 80;

interface Row {
  element: HTMLElement;
  incident: IncidentDelta;
  time: HTMLElement;
  caption: HTMLElement;
}

export class SlaBoard {
  private readonly rows = new Map<string, Row>();
  private readonly list: HTMLElement;
  private readonly total: HTMLElement;
  private selected: string | null = null;

  constructor(host: HTMLElement, private readonly lookup: Lookup, private readonly select: (id: string) => void) {
    this.total = h('span.panel-count', {}, '0');
    this.list = h('div.board-list', { role: 'list' });
    host.replaceChildren(
      h('header.panel-head', {}, h('h2', {}, 'SLA 时限看板 ', h('small', {}, 'Deadlines by urgency')), this.total),
      h('div.board-columns', {},
        h('span', {}, '级别'), h('span', {}, '事件 · 案号'), h('span', {}, '网格'), h('span', {}, '状态 · 处置人'), h('span', {}, '剩余时间')),
      this.list);
  }

  render(incidents: Iterable<IncidentDelta>, now: number): void {
    const sorted = [...incidents].sort(byUrgency);
    this.total.textContent = String(sorted.length);
    const shown = sorted.slice(0, maxRows);
    const keep = new Set(shown.map(i => i.id));
    for (const [id, row] of this.rows) if (!keep.has(id)) { row.element.remove(); this.rows.delete(id); }
    shown.forEach((incident, index) => {
      let row = this.rows.get(incident.id);
      if (!row || row.incident.version !== incident.version) {
        const fresh = this.row(incident);
        if (row) row.element.replaceWith(fresh.element);
        this.rows.set(incident.id, row = fresh);
      }
      if (this.list.children[index] !== row.element) this.list.insertBefore(row.element, this.list.children[index] ?? null);
    });
    this.tick(now);
  }

  tick(now: number): void {
    for (const row of this.rows.values()) {
      const { incident } = row;
      const light = lightOf(incident, now);
      row.element.dataset.light = light;
      // A suspended clock is stopped: no countdown runs, and its light stays as it was when it stopped.
      if (!incident.dueAt || incident.state === 'suspended') {
        row.time.textContent = incident.state === 'suspended' ? '挂账' : '—';
        continue;
      }
      const left = Date.parse(incident.dueAt) - now;
      row.time.textContent = left < 0 ? `+${span(left)}` : span(left);
      row.caption.textContent = light === 'red' ? `超时 overdue · ${zh(slaStepWords, incident.activeStep)}` : `${zh(slaStepWords, incident.activeStep)} ${en(slaStepWords, incident.activeStep)}`;
    }
  }

  setSelected(id: string | null): void {
    if (this.selected) this.rows.get(this.selected)?.element.classList.remove('selected');
    this.selected = id;
    if (id) this.rows.get(id)?.element.classList.add('selected');
  }

  /** Rebuilds every row (after names arrive). */
  redraw(incidents: Iterable<IncidentDelta>, now: number): void {
    this.rows.clear();
    this.list.replaceChildren();
    this.render(incidents, now);
  }

  /** The displayed row ids, in order (for tests). */
  ids(): string[] {
    return [...this.list.children].map(e => (e as HTMLElement).dataset.id!);
  }

  private row(incident: IncidentDelta): Row {
    const place = this.lookup.placeOf(incident.gridId);
    const time = h('strong.countdown-time', {});
    const caption = h('small.countdown-step', {});
    const element = h('div.board-row', {
      role: 'listitem',
      dataset: { id: incident.id, state: incident.state, priority: incident.priority },
      onclick: () => this.select(incident.id),
    },
      h('span.prio', { dataset: { priority: incident.priority } }, zh(priorityWords, incident.priority)),
      h('div.cell.case', {}, h('strong', {}, this.lookup.categoryName(incident.category)), h('small', {}, incident.id)),
      h('div.cell.place', {}, h('strong', {}, place.town), h('small', {}, place.village)),
      h('div.cell.state', {}, h('strong', { className: `state-${incident.state}` }, zh(stateWords, incident.state)),
        h('small', {}, incident.assigneeId ? this.lookup.memberName(incident.assigneeId) : en(stateWords, incident.state))),
      h('div.cell.countdown', {}, time, caption));
    if (incident.id === this.selected) element.classList.add('selected');
    return { element, incident, time, caption };
  }
}
