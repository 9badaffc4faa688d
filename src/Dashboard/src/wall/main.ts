// The map wall at /: sign in, then the city with its grids coloured by load and SLA light, incidents and
// workers live, the SLA board, the alert feed, the counters and the incident panel.

import '../shared/base.css';
import './wall.css';
import { Feed, type LinkState } from '../shared/feed';
import { currentAccount, signOut, type Account } from '../shared/session';
import { passwordDialog } from '../shared/passwordDialog';
import { pageAccount } from '../shared/signInForm';
import { city, loadCity } from '../shared/city';
import type { FeedBatch, FeedSnapshot, IncidentDelta } from '../shared/wire';
import { clock, dateLine, en, h, priorityWords, zh } from '../shared/words';
import { AlertFeed } from './alertFeed';
import { CallForm } from './callForm';
import { CaseDesk } from './caseDesk';
import { CityMap } from './cityMap';
import { gridLoads } from './gridLoad';
import { IncidentPanel } from './incidentPanel';
import { Lookup } from './lookup';
import { SlaBoard } from './slaBoard';

const app = document.getElementById('app')!;

void main();

async function main(): Promise<void> {
  const { account } = await pageAccount(app, {
    title: '网格化社会治理指挥中心',
    subtitle: 'Grid Governance Command Center · 大屏 Map wall',
    usernameLabel: '用户名 ',
    usernamePlaceholder: 'operator1',
  }, a => a.powers.includes('wall') ? null : '大屏仅供指挥中心人员使用，网格员请打开 /worker · Workers use /worker.');
  await loadCity();
  await startWall(account);
}

async function startWall(account: Account): Promise<void> {
  const link = h('span.link', { dataset: { state: 'connecting' } }, h('span.link-dot', {}), h('span.link-text', {}, '连接中'));
  const time = h('strong.clock-time', {}, clock(Date.now()));
  const date = h('span.clock-date', {}, dateLine(Date.now()));
  const counters = {
    open: counterTile('在办事件', 'Open', 'open'),
    overdue: counterTile('超时', 'Overdue', 'overdue'),
    handled: counterTile('今日办结', 'Handled today', 'handled'),
    onTime: counterTile('按时办结率', 'On-time rate', 'ontime'),
    onDuty: counterTile('在岗网格员', 'Workers on duty', 'duty'),
  };
  const scopePicker = h('select.scope-picker', { 'aria-label': 'Scope', title: '切换范围 · Scope' });
  const mapHost = h('div.map', { id: 'map' });
  const detailHost = h('aside.detail', { id: 'detail' });
  const boardHost = h('section.panel.board', { id: 'board' });
  const alertsHost = h('section.panel.alerts', { id: 'alerts' });
  const banner = h('div.banner', { hidden: true });
  // 受理: only an account the server lets report gets the button (its token carries the "report" power).
  const mayTakeCalls = account.powers.includes('report');
  const callButton = h('button.take-call', { type: 'button', hidden: !mayTakeCalls, title: '热线受理 Take a call (F2)' }, '受理 F2');
  const findButton = h('button.desk-open', { type: 'button', title: '案件查询 Find a case (F3)' }, '查询 F3');
  const visitButton = h('button.desk-open', { type: 'button', title: '回访 Return visits (F4)' }, '回访 F4');
  const situation = situationCard();

  const password = passwordDialog();
  app.replaceChildren(h('div.wall', {},
    h('header.wall-head', {},
      h('div.brand', {},
        h('div.brand-mark', { 'aria-hidden': 'true' }),
        h('div', {},
          h('h1', {}, '网格化社会治理指挥中心'),
          h('p', {}, 'Grid Governance Command Center · ', scopePicker))),
      h('div.counters', {}, ...Object.values(counters).map(c => c.element)),
      h('div.head-side', {},
        h('div.clock', {}, time, date),
        h('div.head-meta', {}, link, callButton, findButton, visitButton,
          h('button.change-password', { type: 'button', title: 'Change my password', onclick: () => password.showModal() }, '密码'),
          h('button.signout', { type: 'button', title: 'Sign out', onclick: () => { signOut(); location.reload(); } }, `${account.username} · 退出`)))),
    h('main.wall-body', {},
      h('div.map-area', {}, mapHost, situation.element, legend(), detailHost, banner),
      h('div.side', {}, boardHost, alertsHost)),
    password));

  const map = new CityMap(mapHost, { incidentClicked: id => void select(id) });
  await map.loadGrids();
  const lookup = new Lookup(map.names, map.parents, map.levels);
  await lookup.load();
  const root = city()?.rootGridId ?? [...map.parents].find(([, parent]) => parent === null)?.[0] ?? '';

  const scope = new URLSearchParams(location.search).get('scope') ?? account.gridScope ?? root;
  // The operator picks the scope: the whole city or one town (the page follows that channel).
  const towns = [...map.levels].filter(([, level]) => level === 1).map(([id]) => id).sort();
  for (const id of [root, ...towns]) scopePicker.append(h('option', { value: id, selected: id === scope }, id === root ? `${lookup.gridName(id)} 全域` : lookup.gridName(id)));
  if (!scopePicker.value) scopePicker.append(h('option', { value: scope, selected: true }, lookup.gridName(scope)));
  if (scope !== root) map.focus(scope);
  situation.grids(lookup.gridName(scope), gridsBelow(scope, map.parents, map.levels));
  scopePicker.addEventListener('change', () => {
    const url = new URL(location.href);
    if (scopePicker.value === root) url.searchParams.delete('scope'); else url.searchParams.set('scope', scopePicker.value);
    location.assign(url);
  });
  document.title = `${lookup.gridName(scope)} · 指挥中心大屏`;

  const calls = new CallForm(mapHost.parentElement!, map, id => void select(id));
  const desk = new CaseDesk(mapHost.parentElement!, lookup, scope, id => void select(id), account.powers);
  // The call form and the desk share the map's left side: opening one puts the other away.
  const takeCall = () => { desk.close(); void calls.open(); };
  const openDesk = (tab: 'search' | 'visits') => { if (calls.isOpen) calls.close(); void desk.show(tab); };
  callButton.addEventListener('click', takeCall);
  findButton.addEventListener('click', () => openDesk('search'));
  visitButton.addEventListener('click', () => openDesk('visits'));
  document.addEventListener('keydown', e => {
    if (e.key === 'F2' && mayTakeCalls) { e.preventDefault(); takeCall(); }
    if (e.key === 'F3') { e.preventDefault(); openDesk('search'); }
    if (e.key === 'F4') { e.preventDefault(); openDesk('visits'); }
  });

  const board = new SlaBoard(boardHost, lookup, id => void select(id));
  const alerts = new AlertFeed(alertsHost, lookup, id => void select(id));
  const panel = new IncidentPanel(detailHost, lookup, map, () => {
    board.setSelected(null);
    drawIncidents();
    map.release();
  });

  async function select(id: string): Promise<void> {
    board.setSelected(id);
    drawIncidents();
    const incident = feed.incidents.get(id);
    detailHost.hidden = false;
    if (incident?.lon != null && incident.lat != null) map.flyTo(incident.lon, incident.lat, detailHost.offsetWidth + 24);
    await panel.show(id);
  }

  /** Incidents already on the wall: a delta for one not seen before is announced in the alert feed. */
  const seen = new Set<string>();
  let redraw = 0;
  function drawIncidents(): void {
    const now = Date.now();
    map.setIncidents(feed.incidents.values(), panel.incidentId, now);
    map.setGridLoads(gridLoads(feed.incidents.values(), map.parents, now));
  }
  function drawAll(): void {
    const now = Date.now();
    board.render(feed.incidents.values(), now);
    drawIncidents();
    map.setWorkers(feed.positions.values());
    drawCounters();
    situation.set(feed.incidents.values());
  }
  // Pushes come in bursts: draw at most every 120 ms, and only the workers when only positions moved.
  let incidentsChanged = false;
  function scheduleDraw(incidents: boolean): void {
    incidentsChanged ||= incidents;
    if (redraw) return;
    redraw = window.setTimeout(() => {
      redraw = 0;
      if (incidentsChanged) drawAll();
      else {
        map.setWorkers(feed.positions.values());
        drawCounters();
      }
      incidentsChanged = false;
    }, 120);
  }
  function drawCounters(): void {
    const c = feed.counters;
    counters.open.set(c ? String(c.open) : '—');
    counters.overdue.set(c ? String(c.overdue) : '—', (c?.overdue ?? 0) > 0 ? 'red' : '');
    counters.handled.set(c ? String(c.handledToday) : '—');
    const rate = c && c.handledToday > 0 ? c.onTimeToday / c.handledToday : null;
    counters.onTime.set(rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`, rate === null ? '' : rate >= 0.9 ? 'green' : rate >= 0.75 ? 'yellow' : 'red');
    let onDuty = 0;
    for (const p of feed.positions.values()) if (p.duty !== 'off') onDuty++;
    counters.onDuty.set(String(onDuty));
  }

  const feed = new Feed({
    channel: `scope:${scope}`,
    token: () => currentAccount()?.token ?? '',
    listener: {
      reset(_snapshot: FeedSnapshot) {
        alerts.seed([...feed.incidents.values()]);
        drawAll();
        if (panel.incidentId) void panel.refresh();
      },
      batch(batch: FeedBatch, changed: IncidentDelta[], closed: string[]) {
        const fresh = Date.now() - 10 * 60_000;
        for (const incident of changed) if (!seen.has(incident.id) && Date.parse(incident.createdAt) > fresh) alerts.reported(incident);
        for (const incident of changed) seen.add(incident.id);
        for (const alert of batch.alerts) alerts.alert(alert);
        for (const incident of changed) alerts.acknowledged(incident);
        if (changed.some(i => i.state === 'verified') || closed.length) desk.changed();
        if (changed.length || closed.length) scheduleDraw(true);
        else if (batch.positions.length || batch.counters) scheduleDraw(false);
        if (panel.incidentId && (changed.some(i => i.id === panel.incidentId) || closed.includes(panel.incidentId))) void panel.refresh();
      },
      state(state: LinkState) {
        link.dataset.state = state;
        link.querySelector('.link-text')!.textContent = linkWords[state];
        banner.hidden = state === 'live' || state === 'syncing' || state === 'connecting';
        banner.textContent = state === 'offline' ? '网络已断开 · 恢复后自动同步  Offline — will resync when the network returns'
          : '连接中断 · 正在重连  Connection lost — reconnecting';
      },
      refused(message: string) {
        banner.hidden = false;
        banner.textContent = message;
      },
    },
  });
  exposeTestHook(feed, map, board);
  await feed.start();
  for (const id of feed.incidents.keys()) seen.add(id);

  // Countdowns tick here, and lights that turn with time (a warn or due instant passing) turn on the map too;
  // the map redraws only when a light actually changed.
  window.setInterval(() => {
    const now = Date.now();
    time.textContent = clock(now);
    date.textContent = dateLine(now);
    board.tick(now);
    drawIncidents();
  }, 1000);

  // Names of members fill in when they arrive (a city-wide roster is a few thousand members).
  void lookup.loadMembers(scope).then(() => board.redraw(feed.incidents.values(), Date.now()));
}

const linkWords: Record<LinkState, string> = {
  connecting: '连接中 Connecting',
  syncing: '同步中 Syncing',
  live: '实时 Live',
  reconnecting: '重连中 Reconnecting',
  offline: '离线 Offline',
};

function counterTile(zhLabel: string, enLabel: string, key: string) {
  const value = h('strong.counter-value', {}, '—');
  const element = h('div.counter', { dataset: { counter: key } }, value, h('span.counter-label', {}, zhLabel, h('small', {}, enLabel)));
  return {
    element,
    set(text: string, tone = '') {
      value.textContent = text;
      element.dataset.tone = tone;
    },
  };
}

/** How many grids of each level lie in the scope's subtree. */
function gridsBelow(scope: string, parents: ReadonlyMap<string, string | null>, levels: ReadonlyMap<string, number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const [id, level] of levels) {
    let within = false;
    for (let grid: string | null | undefined = id, guard = 0; grid && guard < 10; grid = parents.get(grid), guard++) if (grid === scope) { within = true; break; }
    if (within && id !== scope) counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  return counts;
}

/** The map's corner card: the city's grid counts and the open incidents by priority. */
function situationCard() {
  const title = h('h3', {}, '网格态势 ', h('small', {}, 'Situation'));
  const grids = h('p.situation-grids', {});
  const counts = new Map(['urgent', 'high', 'normal', 'low'].map(p => [p, h('strong', {}, '0')]));
  const element = h('div.situation', {}, title, grids,
    h('ul.situation-priorities', {}, ...[...counts].map(([priority, value]) =>
      h('li', { dataset: { priority } }, value, h('span', {}, zh(priorityWords, priority)), h('small', {}, en(priorityWords, priority))))));
  return {
    element,
    grids(city: string, levels: ReadonlyMap<number, number>) {
      title.firstChild!.textContent = `${city} 网格态势 `;
      grids.replaceChildren(...[[1, ' 镇街'], [2, ' 村社区'], [3, ' 片区']].filter(([level]) => levels.has(level as number))
        .map(([level, word]) => h('span', {}, h('b', {}, String(levels.get(level as number))), word as string)));
    },
    set(incidents: Iterable<IncidentDelta>) {
      const tally = new Map<string, number>();
      for (const i of incidents) tally.set(i.priority, (tally.get(i.priority) ?? 0) + 1);
      for (const [priority, value] of counts) value.textContent = String(tally.get(priority) ?? 0);
    },
  };
}

function legend(): HTMLElement {
  const item = (cls: string, zhText: string, enText: string) => h('li', {}, h(`span.swatch.${cls}` as 'span', {}), zhText, h('small', {}, enText));
  return h('div.legend', {},
    h('ul', {},
      item('p-urgent', '特急', 'Urgent'), item('p-high', '紧急', 'High'), item('p-normal', '一般', 'Normal'), item('p-low', '较低', 'Low')),
    h('ul', {},
      item('g-red', '超时网格', 'Overdue'), item('g-yellow', '预警网格', 'Warned'), item('g-load', '在办负荷', 'Open load'), item('w-on', '网格员', 'Worker')));
}

declare global {
  interface Window {
    __wall?: unknown;
  }
}

/** What the browser tests read: the feed's position, what it holds, and what the map and board show. */
function exposeTestHook(feed: Feed, map: CityMap, board: SlaBoard): void {
  window.__wall = {
    get sequence() { return feed.sequence; },
    get epoch() { return feed.epoch; },
    get resyncs() { return feed.resyncs; },
    get lastResyncCause() { return feed.lastCause; },
    get connectionState() { return feed.connectionState; },
    get linkState() { return feed.linkState; },
    get counters() { return feed.counters; },
    incidentIds: () => [...feed.incidents.keys()],
    incident: (id: string) => feed.incidents.get(id) ?? null,
    boardIds: () => board.ids(),
    mapIncidentIds: () => map.sourceIds('incidents'),
    gridFeatureCount: (level: number) => map.sourceFeatureCount(`grids-l${level}`),
    labelNames: () => map.labelNames(),
    mapLoaded: () => map.map.loaded(),
    map: () => map.map,
  };
}
