// The phone page's views for the members who see more than their own work, as their token's powers say:
// 网格 (a 网格长, 督查员 or 联络员: its home grid's open cases live, who is on duty and where, the day's figures),
// 核查 (a 督查员: the handled cases of its area waiting for verification, verified on site with photos and the
// phone's position), and 我的上报 (every member: what became of its reports). The cases' actions are the ones the
// server offers the signed-in member on each case; the page draws them, it never decides them.

import { api } from '../shared/api';
import { currentPosition } from '../shared/device';
import { Feed, type LinkState } from '../shared/feed';
import { currentAccount } from '../shared/session';
import type { FieldControl, FieldControls } from '../shared/actionForm';
import type { ActionFieldView, IncidentDelta, IncidentSummaryView, MemberView } from '../shared/wire';
import { h, stamp, stateWords, zh } from '../shared/words';
import { TaskList, type CaseSender, type TaskNames } from './taskList';
import { GridMap } from './gridMap';

/** The home grid followed live: its cases for the 网格 and 核查 views, its people and its figures. */
export class HomeGrid {
  readonly feed: Feed;
  private readonly listeners: (() => void)[] = [];

  constructor(gridId: string, state: (state: LinkState) => void) {
    this.feed = new Feed({
      channel: `scope:${gridId}`,
      token: () => currentAccount()?.token ?? '',
      listener: {
        reset: () => this.changed(),
        batch: () => this.changed(),
        state,
      },
    });
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** A member chosen from the team (a 网格长 re-dispatching within its grid): the whole team is listed; the server decides who it may reach. */
function teamControl(team: () => MemberView[]): (field: ActionFieldView) => FieldControl {
  return field => {
    const select = h('select', { name: field.name, title: field.prompt },
      h('option', { value: '' }, `${field.chinese} ${field.english}…`),
      ...team().map(m => h('option', { value: m.id }, `${m.name} ${m.id} · ${m.duty === 'off' ? '离岗' : '在岗'}`)));
    return { element: select, isEmpty: () => !select.value, read: () => (select.value ? { [field.name]: select.value } : {}) };
  };
}

/** The phone's position, read when the form is sent; a verification far from the case asks for a reason (the server says). */
function positionControl(field: ActionFieldView): FieldControl {
  const where = h('small.position-note', {}, '提交时读取当前位置 · Your position is read when you send');
  return {
    element: where,
    isEmpty: () => true,
    async read() {
      const at = await currentPosition();
      where.textContent = at ? `${at.lat.toFixed(5)}, ${at.lon.toFixed(5)}` : `${field.chinese}: 无法定位 · no position`;
      return at ?? {};
    },
  };
}

/** 网格: the home grid's figures of the day, its team on duty, and its open cases with what the member may do on each. */
export class GridView {
  private readonly figures = h('div.grid-figures', {});
  private readonly people = h('ul.grid-team', {});
  private readonly tasks: TaskList;
  private readonly map: GridMap;
  private team: MemberView[] = [];

  constructor(host: HTMLElement, private readonly grid: HomeGrid, gridId: string, names: TaskNames, sender: CaseSender) {
    const list = h('div.grid-cases', {});
    const mapHost = h('div.grid-map', {});
    this.map = new GridMap(mapHost, gridId);
    host.replaceChildren(
      this.figures,
      mapHost,
      h('h3.view-title', {}, '在办案件 ', h('small', {}, 'Open cases')), list,
      h('h3.view-title', {}, '网格成员 ', h('small', {}, 'Team on duty')), this.people);
    const controls: FieldControls = { member: teamControl(() => this.team) };
    this.tasks = new TaskList(list, names, sender, controls, '本网格暂无在办案件 · No open case in the grid.');
    grid.onChange(() => this.draw());
    void api<MemberView[]>(`/api/members?grid=${encodeURIComponent(gridId)}`).then(team => { this.team = team; this.draw(); }).catch(() => undefined);
  }

  /** The cases on the small map (for the browser tests). */
  mapIncidentIds(): string[] {
    return this.map.incidentIds;
  }

  /** The tab was opened: the small map is made (or resized) now that it has a size. */
  async shown(): Promise<void> {
    await this.map.show();
    this.draw();
  }

  draw(): void {
    const incidents = [...this.grid.feed.incidents.values()];
    this.tasks.render(incidents, Date.now());
    this.map.draw(incidents, this.grid.feed.positions.values(), Date.now());
    const c = this.grid.feed.counters;
    const red = incidents.filter(i => i.redFrom && Date.parse(i.redFrom) <= Date.now()).length;
    this.figures.replaceChildren(
      figure('在办', 'Open', c?.open ?? incidents.length, 'open'),
      figure('超时', 'Overdue', c?.overdue ?? red, 'overdue'),
      figure('今日办结', 'Closed today', c?.handledToday ?? 0, 'handled'));
    const positions = this.grid.feed.positions;
    const onDuty = this.team.filter(m => (positions.get(m.id)?.duty ?? m.duty) !== 'off');
    this.people.replaceChildren(...(onDuty.length ? onDuty : this.team.slice(0, 0)).map(m => {
      const at = positions.get(m.id);
      return h('li', { dataset: { member: m.id } }, h('strong', {}, m.name), h('span', {}, ` ${m.id} · ${at?.duty ?? m.duty}`),
        h('small', {}, at ? ` ${at.lat.toFixed(4)}, ${at.lon.toFixed(4)} · ${stamp(at.at)}` : ''));
    }));
    if (!onDuty.length) this.people.append(h('li.empty', {}, '暂无在岗成员 · Nobody on duty.'));
  }

  tick(now: number): void {
    this.tasks.tick(now);
  }

  queueChanged(): void {
    this.tasks.queueChanged();
  }
}

/** 核查: the home grid's handled cases waiting for verification, each with the verify form the server offers. */
export class VerifyView {
  private readonly tasks: TaskList;

  constructor(host: HTMLElement, private readonly grid: HomeGrid, names: TaskNames, sender: CaseSender) {
    const list = h('div.verify-cases', {});
    host.replaceChildren(h('p.view-intro', {}, '已处置、待核查的案件 · Handled cases waiting for your check'), list);
    this.tasks = new TaskList(list, names, sender, { position: positionControl }, '暂无待核查案件 · Nothing to verify.');
    grid.onChange(() => this.draw());
  }

  draw(): void {
    this.tasks.render([...this.grid.feed.incidents.values()].filter((i: IncidentDelta) => i.state === 'handled'), Date.now());
  }

  tick(now: number): void {
    this.tasks.tick(now);
  }

  queueChanged(): void {
    this.tasks.queueChanged();
  }
}

/** 我的上报: the cases this member reported, newest first, with where each stands now. */
export class MyReports {
  constructor(private readonly host: HTMLElement, private readonly memberId: string, private readonly names: TaskNames) {}

  async load(): Promise<void> {
    try {
      const mine = await api<IncidentSummaryView[]>(`/api/members/${encodeURIComponent(this.memberId)}/reports`);
      this.host.replaceChildren(mine.length
        ? h('ol.my-reports', {}, ...[...mine].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).map(i => h('li', { dataset: { id: i.id, state: i.state } },
          h('strong', {}, i.categoryName ?? this.names.categoryName(i.category)),
          h('span', { className: `state-${i.state}` }, ` ${zh(stateWords, i.state)}`),
          h('small', {}, `${i.id} · ${stamp(i.createdAt)} · ${i.summary}`))))
        : h('p.empty', {}, '还没有上报 · No reports yet.'));
    } catch (e) {
      this.host.replaceChildren(h('p.task-error', {}, e instanceof Error ? e.message : String(e)));
    }
  }
}

function figure(zhLabel: string, enLabel: string, value: number, key: string): HTMLElement {
  return h('div.grid-figure', { dataset: { figure: key } }, h('strong', {}, String(value)), h('span', {}, zhLabel, h('small', {}, ` ${enLabel}`)));
}
