// The supervisor's replay at /replay: pick a window and a scope, load its history once (GET /api/replay: the state
// at the start and every event after it), then play it at any speed or seek to any instant. The map, the board and
// the KPIs show the scope as it stood at the replay clock, recomputed in the browser; a member's patrol track
// draws for the window with a marker where the member was at that instant. A case opened from the KPI page
// (?focus=<incidentId>&at=<instant>) is selected, the clock at its instant.

import '../shared/base.css';
import '../wall/wall.css';
import './replay.css';
import { api } from '../shared/api';
import { currentAccount, signOut, type Account } from '../shared/session';
import { pageAccount } from '../shared/signInForm';
import { city as cityDocument, loadCity } from '../shared/city';
import { actionWords, en, h, stateWords, zh } from '../shared/words';
import { CityMap } from '../wall/cityMap';
import { Lookup } from '../wall/lookup';
import { ReplayHistory, readReplay, type Moment, type ReplayKpis } from './history';
import { isOpen } from './incidentFold';
import { ReplayBoard } from './replayBoard';
import { ReplayClock, speeds } from './replayClock';
import { ReplayMap, stepColours } from './replayMap';
import { cityInput, cityStamp, fromCityInput } from '../shared/cityTime';
import type { Track } from './replayWire';

const app = document.getElementById('app')!;

void main();

async function main(): Promise<void> {
  const { account } = await pageAccount(app, {
    title: '历史回放',
    subtitle: 'SLA replay · 督查员与管理员 Supervisors and admins',
    usernameLabel: '用户名 ',
    usernamePlaceholder: 'supervisor1',
  }, a => a.powers.includes('replay') ? null : '回放仅供督查员与管理员使用 · Replay is for supervisors and admins.');
  await loadCity();
  await startReplay(account);
}

async function startReplay(account: Account): Promise<void> {
  const params = new URLSearchParams(location.search);
  const now = Date.now();
  const fromInput = h('input.window-from', { type: 'datetime-local', step: 1, name: 'from', required: true });
  const toInput = h('input.window-to', { type: 'datetime-local', step: 1, name: 'to', required: true });
  const scopeInput = h('input.window-scope', { name: 'scope', autocomplete: 'off', spellcheck: false });
  scopeInput.setAttribute('list', 'replay-grids');
  const scopeName = h('span.scope-name', {});
  const loadButton = h('button.load', { type: 'submit' }, '加载 ', h('small', {}, 'Load'));
  const status = h('span.load-status', { role: 'status' }, '');
  const grids = h('datalist', { id: 'replay-grids' });

  const playButton = h('button.play', { type: 'button', disabled: true }, '▶ 播放 ', h('small', {}, 'Play'));
  const speedSelect = h('select.speed', { ariaLabel: 'Speed', title: '倍速 · Speed' },
    ...speeds.map(s => h('option', { value: String(s), selected: s === 60 }, `${s}×`)));
  const seek = h('input.seek', { type: 'range', min: 0, max: 1, step: 'any', value: 0, disabled: true, ariaLabel: '回放时刻 · Replay instant' });
  const clockTime = h('strong.replay-clock', {}, '—');
  const windowEdges = h('span.window-edges', {}, '');

  const kpiTiles = {
    reported: tile('上报', 'Reported', 'reported'),
    dispatched: tile('派遣', 'Dispatched', 'dispatched'),
    closed: tile('办结', 'Closed', 'closed'),
    onTime: tile('按时办结率', 'On-time rate', 'ontime'),
    breaches: tile('超时升级', 'Breaches', 'breaches'),
    open: tile('在办', 'Open now', 'open'),
    overdue: tile('超时在办', 'Overdue now', 'overdue'),
  };
  const serverKpis = h('span.server-kpis', {}, '');

  const memberSelect = h('select.track-handlers', { ariaLabel: 'Handlers' }, h('option', { value: '' }, '— 处置人 Handlers —'));
  const memberInput = h('input.track-member', { name: 'member', placeholder: 'M00120', autocomplete: 'off', spellcheck: false });
  const trackInfo = h('p.track-info', { role: 'status' }, '选择网格员查看巡查轨迹 · Pick a member to draw the patrol track.');
  const eventLog = h('ol.event-log', {});

  const mapHost = h('div.map', { id: 'map' });
  const boardHost = h('section.panel.board', { id: 'board' });

  const windowForm = h('form.window-form', {},
    h('label', {}, h('span', {}, '开始 ', h('small', {}, 'From')), fromInput),
    h('label', {}, h('span', {}, '结束 ', h('small', {}, 'To')), toInput),
    h('label', {}, h('span', {}, '范围 ', h('small', {}, 'Scope')), scopeInput, scopeName),
    loadButton, status, grids);

  app.replaceChildren(h('div.wall.replay', {},
    h('header.wall-head', {},
      h('div.brand', {},
        h('div.brand-mark', { 'aria-hidden': 'true' }),
        h('div', {}, h('h1', {}, '历史回放'), h('p', {}, 'SLA replay · 事件、时限灯与巡查轨迹 Incidents, SLA lights, patrol tracks'))),
      h('div.kpis', {},
        h('div.counters', {}, ...Object.values(kpiTiles).map(c => c.element)),
        h('p.kpi-caption', {}, '指标：窗口开始至回放时刻，由浏览器按事件流计算（按时办结 = 办结且无环节超时） ',
          h('small', {}, 'KPIs from the window start to the replay clock, counted in the browser from the events (on time: closed with no step late)'))),
      h('div.head-side', {},
        h('div.clock', {}, clockTime, h('small.clock-zone', {}, zoneLabel())),
        h('div.head-meta', {},
          h('a.to-wall', { href: '/' }, '大屏 Wall'),
          h('button.signout', { type: 'button', title: 'Sign out', onclick: () => { signOut(); location.reload(); } }, `${account.username} · 退出`)))),
    h('div.replay-bar', {},
      windowForm,
      h('div.player', {}, playButton, speedSelect, seek, windowEdges)),
    h('main.wall-body', {},
      h('div.map-area', {}, mapHost, stepLegend()),
      h('div.side', {},
        boardHost,
        h('section.panel.replay-extra', {},
          h('header.panel-head', {}, h('h2', {}, '巡查轨迹 ', h('small', {}, 'Patrol track'))),
          h('form.track-form', {}, memberSelect, memberInput, h('button', { type: 'submit' }, '显示轨迹 ', h('small', {}, 'Show')), trackInfo),
          h('p.kpi-note', {}, serverKpis),
          h('header.panel-head', {}, h('h2', {}, '事件流 ', h('small', {}, 'Events up to the clock'))),
          eventLog)))));

  const city = new CityMap(mapHost, { incidentClicked: id => select(id) });
  await city.loadGrids();
  const replayMap = new ReplayMap(city);
  replayMap.addLayers();
  const lookup = new Lookup(city.names, city.parents, city.levels);
  await lookup.load();
  const root = cityDocument()?.rootGridId ?? [...city.parents].find(([, parent]) => parent === null)?.[0] ?? '';
  for (const [id, level] of [...city.levels].sort(([a], [b]) => a.localeCompare(b)))
    if (level <= 3) grids.append(h('option', { value: id }, `${lookup.gridName(id)}（${level === 0 ? '全市' : `${level}级`}）`));

  const board = new ReplayBoard(boardHost, lookup, id => select(id));

  // The window: from the address (?from=&to=&scope=, ISO instants), else the last 24 hours of the whole city.
  const to = Date.parse(params.get('to') ?? '') || now;
  const from = Date.parse(params.get('from') ?? '') || to - 24 * 3_600_000;
  fromInput.value = cityInput(from);
  toInput.value = cityInput(to);
  scopeInput.value = params.get('scope') ?? account.gridScope ?? root;
  const showScopeName = () => { scopeName.textContent = city.names.get(scopeInput.value.trim()) ?? '未知网格 unknown grid'; };
  showScopeName();
  scopeInput.addEventListener('input', showScopeName);

  let history: ReplayHistory | null = null;
  let moment: Moment | null = null;
  let kpis: ReplayKpis | null = null;
  let track: Track | null = null;
  let dragging = false;
  let drawn = 0;
  /** The clock instant the map, board and KPIs last showed. */
  let drawnAt = Number.NaN;
  let loads = 0;
  // ?focus=<incidentId> (a case opened from the KPI page): the case stays selected on the board, the clock at ?at= (the
  // instant the case was counted) or else at the case's event nearest the window's middle.
  let focused: string | null = params.get('focus');
  const startAt = Date.parse(params.get('at') ?? '');
  let focusPending = focused !== null;

  const clock = new ReplayClock(from, to, () => scheduleDraw());

  function scheduleDraw(): void {
    if (drawn) return;
    drawn = requestAnimationFrame(() => {
      drawn = 0;
      draw();
    });
  }

  function draw(): void {
    const at = clock.at;
    clockTime.textContent = cityStamp(at);
    playButton.replaceChildren(clock.playing ? '⏸ 暂停 ' : '▶ 播放 ', h('small', {}, clock.playing ? 'Pause' : 'Play'));
    playButton.dataset.playing = String(clock.playing);
    if (!history) return;
    if (!dragging) seek.value = String(at - history.from);
    moment = history.at(at);
    kpis = history.kpis(moment);
    replayMap.showIncidents(moment.incidents.values(), at);
    board.render(moment.incidents.values(), at);
    if (focused) markSelected(focused);
    if (focusPending && focused && moment.incidents.has(focused)) {
      focusPending = false;
      select(focused);
    }
    replayMap.moveTrack(at);
    showKpis(kpis);
    showEvents(history, moment.applied);
    drawnAt = at;
  }

  function showKpis(k: ReplayKpis): void {
    kpiTiles.reported.set(String(k.reported));
    kpiTiles.dispatched.set(String(k.dispatched));
    kpiTiles.closed.set(String(k.closed));
    const rate = k.closed > 0 ? k.closedOnTime / k.closed : null;
    kpiTiles.onTime.set(rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`, rate === null ? '' : rate >= 0.9 ? 'green' : rate >= 0.75 ? 'yellow' : 'red');
    kpiTiles.breaches.set(String(k.breaches), k.breaches > 0 ? 'red' : '');
    kpiTiles.open.set(String(k.open));
    kpiTiles.overdue.set(String(k.overdue), k.overdue > 0 ? 'red' : '');
  }

  let shownEvents = -1;
  function showEvents(loaded: ReplayHistory, applied: number): void {
    if (applied === shownEvents) return;
    shownEvents = applied;
    const recent = loaded.events.slice(Math.max(0, applied - 14), applied).reverse();
    eventLog.replaceChildren(...recent.map(e => {
      const action = actionWord(e.action);
      // Clicking an event puts the clock on its instant (to the millisecond, finer than the slider).
      return h('li', { dataset: { action, id: e.incidentId }, title: '跳到此刻 · Jump here', onclick: () => { clock.seek(Date.parse(e.at)); select(e.incidentId); } },
        h('time', {}, cityStamp(Date.parse(e.at)).slice(11)),
        h('span.event-action', {}, zh(actionWords, action), h('small', {}, en(actionWords, action))),
        h('span.event-case', {}, e.incidentId),
        h('span.event-to', {}, zh(stateWords, e.to.toLowerCase())));
    }));
  }

  function select(id: string): void {
    const incident = moment?.incidents.get(id);
    focused = id;
    markSelected(id);
    if (incident?.lon != null && incident.lat != null) city.flyTo(incident.lon, incident.lat);
  }

  function markSelected(id: string): void {
    for (const row of boardHost.querySelectorAll('.board-row.selected')) if ((row as HTMLElement).dataset.id !== id) row.classList.remove('selected');
    boardHost.querySelector(`.board-row[data-id="${CSS.escape(id)}"]`)?.classList.add('selected');
  }

  /** Puts the clock at the instant the address names, or on the focused case's event nearest the window's middle. */
  function seekToFocused(): void {
    if (!history) return;
    if (startAt >= history.from && startAt <= history.to) {
      clock.seek(startAt);
      return;
    }
    if (!focused) return;
    const middle = (history.from + history.to) / 2;
    const own = history.events.filter(e => e.incidentId === focused).map(e => Date.parse(e.at));
    if (own.length) clock.seek(own.reduce((best, t) => (Math.abs(t - middle) < Math.abs(best - middle) ? t : best)));
  }

  async function load(): Promise<void> {
    const start = fromCityInput(fromInput.value);
    const end = fromCityInput(toInput.value);
    const scope = scopeInput.value.trim() || root;
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
      status.textContent = '请填写有效的时间窗口（结束晚于开始） · Give a window whose end is after its start.';
      status.dataset.tone = 'red';
      return;
    }
    const run = ++loads;
    clock.pause();
    loadButton.disabled = playButton.disabled = seek.disabled = true;
    status.dataset.tone = '';
    status.textContent = '加载中… · Loading…';
    const query = `from=${encodeURIComponent(new Date(start).toISOString())}&to=${encodeURIComponent(new Date(end).toISOString())}&scope=${encodeURIComponent(scope)}`;
    try {
      const response = await fetch(`/api/replay?${query}`, { headers: { Authorization: `Bearer ${currentAccount()?.token ?? ''}` } });
      if (response.status === 401) {
        signOut();
        location.reload();
        return;
      }
      if (!response.ok || !response.body) {
        const problem = await response.json().catch(() => null) as { detail?: string; title?: string; errors?: Record<string, string[]> } | null;
        const fields = problem?.errors ? Object.values(problem.errors).flat().join(' ') : '';
        throw new Error(fields || problem?.detail || problem?.title || `HTTP ${response.status}`);
      }
      const { snapshot, events } = await readReplay(response.body, n => { if (run === loads) status.textContent = `加载中… ${n} 条事件 · Loading… ${n} events`; });
      if (run !== loads) return;
      history = new ReplayHistory(snapshot, events, end);
      shownEvents = -1;
      seek.max = String(end - start);
      const sameDay = cityStamp(start).slice(0, 10) === cityStamp(end).slice(0, 10);
      windowEdges.replaceChildren(h('span', {}, cityStamp(start).slice(sameDay ? 11 : 5)), ' → ', h('span', {}, cityStamp(end).slice(sameDay ? 11 : 5)));
      status.textContent = `${lookup.gridName(scope)}：期初在办 ${history.openAtStart} 件，${events.length} 条事件 · ${history.openAtStart} open at start, ${events.length} events`;
      city.focus(scope);
      fillHandlers(history.handlers());
      keepInAddress(start, end, scope);
      clock.reset(start, end);
      if (track) await showTrack(track.memberId);
      void loadServerKpis(scope, start, end, run);
    } catch (e) {
      status.textContent = `加载失败 · Could not load: ${e instanceof Error ? e.message : String(e)}`;
      status.dataset.tone = 'red';
    } finally {
      if (run === loads) {
        loadButton.disabled = false;
        playButton.disabled = seek.disabled = history === null;
      }
    }
  }

  async function loadServerKpis(scope: string, start: number, end: number, run: number): Promise<void> {
    serverKpis.textContent = '';
    try {
      const report = await api<{ total: Record<string, { numerator: number; denominator: number; rate: number | null } | number> }>(
        `/api/kpis?scope=${encodeURIComponent(scope)}&from=${encodeURIComponent(new Date(start).toISOString())}&to=${encodeURIComponent(new Date(end).toISOString())}`);
      if (run !== loads) return;
      const rate = (key: string) => {
        const r = report.total[key];
        return typeof r === 'object' && r?.rate != null ? `${Math.round(r.rate * 1000) / 10}%` : '—';
      };
      serverKpis.replaceChildren(
        h('strong', {}, '整个窗口 · 服务器 /api/kpis：'),
        `按时立案率 ${rate('griddedOnTime')} · 按期处置率 ${rate('handledOnTime')} · 按期结案率 ${rate('closedOnTime')} · 满意率 ${rate('satisfaction')}`,
        h('small', {}, ' Whole window, from the server: gridded, handled, closed on time; satisfaction.'));
    } catch {
      serverKpis.textContent = '';
    }
  }

  function fillHandlers(ids: string[]): void {
    memberSelect.replaceChildren(h('option', { value: '' }, `— 处置人 Handlers (${ids.length}) —`),
      ...ids.map(id => h('option', { value: id }, lookup.members.has(id) ? `${lookup.memberName(id)} ${id}` : id)));
  }

  async function showTrack(memberId: string): Promise<void> {
    if (!history) return;
    trackInfo.textContent = '轨迹加载中… · Loading the track…';
    try {
      track = await api<Track>(`/api/members/${encodeURIComponent(memberId)}/track?from=${encodeURIComponent(new Date(history.from).toISOString())}&to=${encodeURIComponent(new Date(history.to).toISOString())}`);
      replayMap.setTrack(track, clock.at);
      replayMap.fitTrack();
      trackInfo.dataset.member = memberId;
      trackInfo.textContent = track.points.length
        ? `${lookup.memberName(memberId)}（${memberId}）：${track.points.length} 个定位点 · ${track.points.length} fixes in the window`
        : `${memberId}：窗口内无定位 · No positions in the window.`;
    } catch (e) {
      track = null;
      replayMap.setTrack(null, clock.at);
      trackInfo.textContent = `无法加载轨迹 · ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  windowForm.addEventListener('submit', event => {
    event.preventDefault();
    void load();
  });
  playButton.addEventListener('click', () => (clock.playing ? clock.pause() : clock.play()));
  speedSelect.addEventListener('change', () => clock.setSpeed(Number(speedSelect.value)));
  clock.setSpeed(Number(speedSelect.value));
  seek.addEventListener('input', () => {
    if (!history) return;
    dragging = true;
    clock.seek(history.from + Number(seek.value));
    dragging = false;
  });
  // Arrow keys on the slider step a minute (ten with Shift): the slider itself has no step over a window of any length.
  seek.addEventListener('keydown', event => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    clock.seek(clock.at + (event.key === 'ArrowLeft' ? -1 : 1) * (event.shiftKey ? 600_000 : 60_000));
  });
  memberSelect.addEventListener('change', () => {
    if (memberSelect.value) {
      memberInput.value = memberSelect.value;
      void showTrack(memberSelect.value);
    }
  });
  memberInput.form!.addEventListener('submit', event => {
    event.preventDefault();
    const id = memberInput.value.trim();
    if (id) void showTrack(id);
  });

  /** The address keeps the window, so a replay can be shared or reloaded. */
  function keepInAddress(start: number, end: number, scope: string): void {
    const url = new URL(location.href);
    url.searchParams.set('from', new Date(start).toISOString());
    url.searchParams.set('to', new Date(end).toISOString());
    url.searchParams.set('scope', scope);
    window.history.replaceState(null, '', url);
  }

  exposeTestHook({
    get loaded() { return history !== null && !loadButton.disabled; },
    get loads() { return loads; },
    get at() { return clock.at; },
    get drawnAt() { return drawnAt; },
    get playing() { return clock.playing; },
    get speed() { return clock.speed; },
    get window() { return history ? { from: history.from, to: history.to, scope: history.scope, events: history.events.length } : null; },
    get kpis() { return kpis; },
    incidentIds: () => [...(moment?.incidents.keys() ?? [])],
    incident: (id: string) => moment?.incidents.get(id) ?? null,
    openIds: () => [...(moment?.incidents.values() ?? [])].filter(i => isOpen(i.state)).map(i => i.id),
    boardIds: () => board.ids(),
    mapIncidentIds: () => replayMap.drawnIncidentIds(),
    trackPoints: () => replayMap.drawnTrackPoints(),
    trackPosition: () => replayMap.positionAt(clock.at),
    map: () => city.map,
    get focused() { return focused; },
    selectedIds: () => [...boardHost.querySelectorAll<HTMLElement>('.board-row.selected')].map(r => r.dataset.id!),
  });
  void lookup.loadMembers(root);
  await load();
  seekToFocused();
}

/** The ledger names actions in PascalCase (NoAnswer); the API's word is the same in kebab case (no-answer). */
function actionWord(wire: string): string {
  return wire.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

function tile(zhLabel: string, enLabel: string, key: string) {
  const value = h('strong.counter-value', {}, '—');
  const element = h('div.counter', { dataset: { kpi: key } }, value, h('span.counter-label', {}, zhLabel, h('small', {}, enLabel)));
  return {
    element,
    set(text: string, tone = '') {
      value.textContent = text;
      element.dataset.tone = tone;
    },
  };
}

function stepLegend(): HTMLElement {
  const steps: [number, string, string][] = [[1, '上报', 'Reported'], [2, '立案', 'Gridded'], [3, '派遣', 'Dispatched'], [4, '处置', 'Handling'], [5, '核查', 'Verified']];
  const item = (colour: string, zhText: string, enText: string, ring = false) =>
    h('li', {}, h('span.swatch', { style: ring ? `border:2px solid ${colour}` : `background:${colour}` }), zhText, h('small', {}, enText));
  return h('div.legend', {},
    h('ul', {}, ...steps.map(([step, zhText, enText]) => item(stepColours[step], `${step} ${zhText}`, enText)), item('#64748b', '已办结', 'Closed')),
    h('ul', {}, item('#34d399', '正常', 'Green', true), item('#ffb020', '预警', 'Yellow', true), item('#ff4d4f', '超时', 'Red', true),
      item('#fbbf24', '巡查轨迹', 'Track')));
}

declare global {
  interface Window {
    __replay?: unknown;
  }
}

/** What the browser tests read: the loaded window, the clock, and what the map, board and track show. */
function exposeTestHook(hook: object): void {
  window.__replay = hook;
}

/** "城市时间 Asia/… UTC+hh:mm": the city's zone as the server names it, or the browser's before it is known. */
function zoneLabel(): string {
  const current = cityDocument();
  return current ? `${current.name}时间 ${current.timeZone} UTC${current.utcOffset}` : `本机时间 ${Intl.DateTimeFormat().resolvedOptions().timeZone}`;
}
