// The phone page at /worker for every member of a grid team (一长五员): sign in with the member id, receive
// assignments and notices live (banner, sound, vibration), accept and resolve them, report what is seen, patrol
// with position pings, set duty. What else the page offers follows the token's powers, which the server derives
// from the member's role: 网格 (a 网格长, 督查员 or 联络员 follows its home grid live), 核查 (a 督查员 verifies
// handled cases on site), 我的上报 (what became of one's reports).
// Offline-first: a service worker keeps the page and the center's answers it read, the outbox keeps every write
// on the phone and sends it in order when the network is back, and the last picture of the tasks is drawn when the
// page opens without a network.

import '../shared/base.css';
import './worker.css';
import { api } from '../shared/api';
import { Feed, type LinkState } from '../shared/feed';
import { currentAccount, signOut, type Account } from '../shared/session';
import { Attention } from './attention';
import { deviceOutbox, forgetCases, loadCases, saveCases } from './deviceStore';
import { Outbox, type Fetcher } from './outbox';
import { OutboxView } from './outboxView';
import { PhoneSender, outcomeWords } from './phoneSender';
import type { PhotoSettings } from './photoPrep';
import { passwordDialog } from '../shared/passwordDialog';
import { pageAccount } from '../shared/signInForm';
import { loadCity } from '../shared/city';
import type { CategoryView, FeedBatch, IncidentDelta, MemberView, WorkerNotice } from '../shared/wire';
import { clock, h, noticeWords } from '../shared/words';
import { chime, unlockSound } from './chime';
import { Patrol, distanceWords, durationWords, type PatrolStatus } from './patrol';
import { ReportForm } from './reportForm';
import { TaskList } from './taskList';
import { GridView, HomeGrid, MyReports, VerifyView } from './teamViews';
import { InspectionView } from './inspectionView';

const app = document.getElementById('app')!;
document.addEventListener('pointerdown', unlockSound);
// The built page has a service worker (vite.config.ts emits it); the dev server does not.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('/worker-sw.js', { scope: '/worker' }).catch(e => console.error('The service worker could not be registered.', e));
}

void main();

async function main(): Promise<void> {
  const { account, signedInNow } = await pageAccount(app, {
    title: '网格工作台',
    subtitle: 'Grid team · 一长五员 · 任务 上报 巡查',
    usernameLabel: '成员编号 ',
    usernamePlaceholder: 'M00040',
  }, a => a.memberId ? null : '请用网格员账号（成员编号）登录 · Sign in with a member id.');
  await loadCity();
  if (signedInNow) unlockSound();
  await startWorker(account);
}

type Tab = 'tasks' | 'grid' | 'verify' | 'checks' | 'report' | 'mine' | 'patrol';

/** fetch with the signed-in account's token, for the outbox. */
const withToken: Fetcher = (path, init) => {
  const headers = new Headers(init.headers);
  const token = currentAccount()?.token;
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return fetch(path, { ...init, headers });
};

async function startWorker(account: Account): Promise<void> {
  const memberId = account.memberId!;
  const [me, categories, photoSettings, lastCases] = await Promise.all([
    api<MemberView>(`/api/members/${encodeURIComponent(memberId)}`).catch(() => null),
    api<CategoryView[]>('/api/categories').catch(() => [] as CategoryView[]),
    api<PhotoSettings>('/api/photos/settings').catch(() => null),
    loadCases(account.username).catch(() => null),
  ]);
  const categoryNames = new Map(categories.map(c => [c.code, c.name]));
  const gridNames = new Map<string, string>();

  const link = h('span.link', { dataset: { state: 'connecting' }, title: 'Connection' }, h('span.link-dot', {}));
  const outbox = new Outbox(deviceOutbox, withToken, account.username, {
    onChange: () => queueChanged(),
    // The token ran out: the page signs in again and the outbox goes on from where it stopped.
    onSignInNeeded: () => { signOut(); location.reload(); },
  });
  const sender = new PhoneSender(outbox, () => photoSettings);
  const outboxView = new OutboxView(outbox);
  const attention = new Attention();
  const duty = dutySwitch(memberId, me?.duty ?? 'off', sender);
  const banner = h('button.assignment-banner', { type: 'button', hidden: true });
  const powers = new Set(account.powers);
  const hosts = new Map<Tab, HTMLElement>((['tasks', 'grid', 'verify', 'checks', 'report', 'mine', 'patrol'] as Tab[])
    .map(tab => [tab, h('section.tab-body', { dataset: { tab }, hidden: tab !== 'tasks' })]));
  const tasksHost = hosts.get('tasks')!, reportHost = hosts.get('report')!, patrolHost = hosts.get('patrol')!;
  const badge = h('span.badge', { hidden: true }, '0');
  const verifyBadge = h('span.badge', { hidden: true }, '0');
  // The tabs this member's role has: the server's powers, never a role the page looks at itself.
  const offered: [Tab, string, string, HTMLElement?][] = [
    ['tasks', '任务', 'Tasks', badge],
    ...(powers.has('grid') ? [['grid', '网格', 'Grid'] as [Tab, string, string]] : []),
    ...(powers.has('verify') ? [['verify', '核查', 'Verify', verifyBadge] as [Tab, string, string, HTMLElement]] : []),
    ...(powers.has('inspections') ? [['checks', '抽查', 'Checks'] as [Tab, string, string]] : []),
    ...(powers.has('report') ? [['report', '上报', 'Report'] as [Tab, string, string]] : []),
    ...(powers.has('my-reports') ? [['mine', '我的上报', 'Mine'] as [Tab, string, string]] : []),
    ...(powers.has('patrol') ? [['patrol', '巡查', 'Patrol'] as [Tab, string, string]] : []),
  ];
  const nav = h('nav.tabs', { dataset: { tabs: String(offered.length) } }, ...offered.map(([tab, zhWord, enWord, tabBadge]) => tabButton(tab, zhWord, enWord, tabBadge)));

  const password = passwordDialog();
  app.replaceChildren(h('div.phone', {},
    h('header.worker-head', {},
      h('div.avatar', {}, (me?.name ?? memberId).slice(0, 1)),
      h('div.who', {}, h('strong', {}, me?.name ?? memberId), h('small', {}, `${memberId} · ${roleWord(me?.role)}`)),
      link,
      h('button.change-password', { type: 'button', title: 'Change my password', onclick: () => password.showModal() }, '密码'),
      h('button.signout', {
        type: 'button', title: 'Sign out',
        onclick: () => void (async () => {
          // What waits in the outbox stays: it is sent when this account signs in again.
          await forgetCases(account.username).catch(() => undefined);
          signOut();
          location.reload();
        })(),
      }, '退出')),
    h('div.worker-tools', {}, outboxView.indicator, attention.button),
    outboxView.strip,
    outboxView.dialog,
    password,
    duty.element,
    banner,
    h('main.worker-body', {}, ...hosts.values()),
    nav));

  const tasks = new TaskList(tasksHost, {
    categoryName: code => categoryNames.get(code) ?? code,
    gridName: id => (id ? gridNames.get(id) ?? id : ''),
  }, sender);

  const names = {
    categoryName: (code: string) => categoryNames.get(code) ?? code,
    // A grid not named yet is looked up; its card shows the name from its next redraw.
    gridName: (id: string | null) => { void nameGrid(id); return id ? gridNames.get(id) ?? id : ''; },
  };
  const checks = new InspectionView(hosts.get('checks')!, sender);
  const myReports = new MyReports(hosts.get('mine')!, memberId, names);
  const report = new ReportForm(reportHost, categories, async body => {
    const outcome = await sender.submit({ kind: 'report', label: `上报 ${categoryNames.get(String(body.category)) ?? body.category}`, path: '/api/incidents', body });
    const created = outcome.status === 'sent' ? (outcome.answer as { id?: string } | null)?.id : undefined;
    if (created) void myReports.load();
    return outcomeWords(outcome, `已上报 ${created ?? ''} · Reported.`);
  });
  // The home grid, followed live, for the members who see it.
  const homeGrid = (powers.has('grid') || powers.has('verify')) && account.gridScope ? new HomeGrid(account.gridScope, () => undefined) : null;
  const gridView = homeGrid && powers.has('grid') ? new GridView(hosts.get('grid')!, homeGrid, account.gridScope!, names, sender) : null;
  const verifyView = homeGrid && powers.has('verify') ? new VerifyView(hosts.get('verify')!, homeGrid, names, sender) : null;
  homeGrid?.onChange(() => {
    const waiting = [...homeGrid.feed.incidents.values()].filter(i => i.state === 'handled').length;
    verifyBadge.textContent = String(waiting);
    verifyBadge.hidden = waiting === 0;
  });
  const patrol = new Patrol(memberId, outbox, status => drawPatrol(status));
  const patrolButton = h('button.patrol-toggle', { type: 'button' });
  const patrolInfo = h('dl.patrol-info', {});
  patrolButton.addEventListener('click', () => void (patrol.status.on ? patrol.stop() : patrol.start()));
  patrolHost.replaceChildren(
    h('p.patrol-intro', {}, '巡查时每 10 秒批量上报一次位置。', h('small', {}, 'While on patrol the phone sends its position in batches every 10 s.')),
    patrolButton, patrolInfo);
  function drawPatrol(status: PatrolStatus): void {
    patrolButton.textContent = status.on ? '结束巡查 · Stop patrol' : '开始巡查 · Start patrol';
    patrolButton.classList.toggle('on', status.on);
    patrolInfo.replaceChildren(
      h('dt', {}, '今日里程 Distance today'), h('dd.patrol-distance', {}, status.today ? distanceWords(status.today.distanceMetres) : '—'),
      h('dt', {}, '今日巡查时长 Patrol time today'), h('dd.patrol-time', {}, status.today ? durationWords(status.today.patrolSeconds) : '—'),
      h('dt', {}, '已上报 Sent'), h('dd.patrol-sent', {}, String(status.sent)),
      h('dt', {}, '待发送 Pending'), h('dd', {}, String(status.pending)),
      h('dt', {}, '最新位置 Last fix'), h('dd', {}, status.lastFix ? `${status.lastFix.lat.toFixed(5)}, ${status.lastFix.lon.toFixed(5)} · ${clock(status.lastFix.at)}` : '—'),
      ...(status.error ? [h('dt', {}, '问题 Problem'), h('dd.patrol-error', {}, status.error)] : []));
  }
  drawPatrol(patrol.status);

  function show(tab: Tab): void {
    for (const body of hosts.values()) body.hidden = body.dataset.tab !== tab;
    for (const button of nav.querySelectorAll<HTMLElement>('button')) button.classList.toggle('active', button.dataset.tab === tab);
    if (tab === 'report') void report.showMap();
    if (tab === 'patrol') void patrol.loadToday();
    if (tab === 'mine') void myReports.load();
    if (tab === 'checks') void checks.load();
    if (tab === 'grid') void gridView?.shown();
  }
  nav.addEventListener('click', e => {
    const tab = (e.target as HTMLElement).closest<HTMLElement>('button')?.dataset.tab as Tab | undefined;
    if (tab) show(tab);
  });
  show('tasks');

  function queueChanged(): void {
    outboxView.render();
    tasks.queueChanged();
    gridView?.queueChanged();
    verifyView?.queueChanged();
    patrol.outboxChanged(outbox.items);
  }

  // Until the feed is live, the tasks are the phone's last picture of them (a page opened without a network).
  let lastPicture = lastCases && lastCases.incidents.length ? lastCases : null;
  outboxView.showingCasesOf(lastPicture?.savedAt ?? null);
  const mine = () => lastPicture?.incidents ?? [...feed.incidents.values()].filter(i => i.assigneeId === memberId);
  let saveTimer: number | undefined;
  function draw(): void {
    const open = mine();
    for (const incident of open) void nameGrid(incident.gridId);
    tasks.render(open, Date.now());
    badge.textContent = String(open.length);
    badge.hidden = open.length === 0;
    attention.badge(open.length);
    if (lastPicture) return;
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(() => void saveCases({ owner: account.username, savedAt: new Date().toISOString(), incidents: open }).catch(() => undefined), 1_000);
  }
  async function nameGrid(id: string | null): Promise<void> {
    if (!id || gridNames.has(id)) return;
    gridNames.set(id, id);
    try {
      const grid = await api<{ properties: { name: string; chain: { name: string; level: number }[] } }>(`/api/grids/${encodeURIComponent(id)}`);
      const town = grid.properties.chain.find(c => c.level === 1)?.name;
      gridNames.set(id, town && town !== grid.properties.name ? `${town} · ${grid.properties.name}` : grid.properties.name);
      tasks.render(mine(), Date.now(), true);
    } catch {
      // The id stays as the name.
    }
  }

  let bannerTimer: number | undefined;
  function announce(notice: WorkerNotice): void {
    const incident = notice.incident ?? feed.incidents.get(notice.incidentId);
    const what = incident ? categoryNames.get(incident.category) ?? incident.category : '';
    banner.replaceChildren(
      h('strong', {}, `${(noticeWords[notice.kind] ?? noticeWords.notice)[0]} `, h('small', {}, (noticeWords[notice.kind] ?? noticeWords.notice)[1])),
      h('span', {}, `${what} · ${notice.incidentId}`),
      notice.text ? h('small', {}, notice.text) : '');
    banner.dataset.kind = notice.kind;
    banner.dataset.id = notice.incidentId;
    banner.hidden = false;
    chime();
    void attention.notify(notice, what);
    window.clearTimeout(bannerTimer);
    bannerTimer = window.setTimeout(() => { banner.hidden = true; }, 15_000);
  }
  banner.addEventListener('click', () => {
    banner.hidden = true;
    show('tasks');
    if (banner.dataset.id) tasks.highlight(banner.dataset.id);
  });

  const feed = new Feed({
    channel: `member:${memberId}`,
    token: () => currentAccount()?.token ?? '',
    listener: {
      reset: () => {
        lastPicture = null;
        outboxView.showingCasesOf(null);
        draw();
      },
      batch(batch: FeedBatch, changed: IncidentDelta[], closed: string[]) {
        if (changed.length || closed.length) draw();
        for (const notice of batch.notices) {
          announce(notice);
          if (notice.kind === 'assignment') tasks.highlight(notice.incidentId);
        }
      },
      state(state: LinkState) {
        link.dataset.state = state;
        link.title = state;
        outboxView.setLink(state);
        // The center is reachable again: what waits goes now.
        if (state === 'live') void outbox.drain();
      },
    },
  });
  exposeTestHook(feed, memberId, banner, () => gridView?.mapIncidentIds() ?? [], outbox);
  await outbox.load();
  draw();
  window.addEventListener('online', () => void outbox.drain());
  // A waiting item is tried again now and then even if no event says the network is back (a captive Wi-Fi, a busy center).
  window.setInterval(() => { if (navigator.onLine && outbox.waiting().length) void outbox.drain(); }, 20_000);
  openCaseFromNotification(tasks, show);
  await feed.start();
  if (homeGrid) await homeGrid.feed.start();
  if (navigator.onLine) void keepForOffline();
  window.setInterval(() => {
    const now = Date.now();
    tasks.tick(now);
    gridView?.tick(now);
    verifyView?.tick(now);
  }, 1000);
}

function tabButton(tab: Tab, zhWord: string, enWord: string, badge?: HTMLElement): HTMLElement {
  return h('button', { type: 'button', dataset: { tab } }, h('span', {}, zhWord), h('small', {}, enWord), badge ?? '');
}

function dutySwitch(memberId: string, initial: string, sender: PhoneSender): { element: HTMLElement } {
  const states: [string, string, string][] = [['on', '在岗', 'On duty'], ['busy', '忙碌', 'Busy'], ['off', '离岗', 'Off']];
  const message = h('span.duty-message', {});
  const buttons = states.map(([state, zhWord, enWord]) => {
    const button = h('button', { type: 'button', dataset: { duty: state } }, zhWord, h('small', {}, enWord));
    button.addEventListener('click', async () => {
      try {
        const outcome = await sender.submit({
          kind: 'duty', label: `状态 ${zhWord} · ${enWord}`, method: 'PUT', path: `/api/members/${encodeURIComponent(memberId)}/duty`, body: { state },
        });
        message.textContent = outcomeWords(outcome, '');
        mark(outcome.status === 'sent' ? (outcome.answer as MemberView).duty : state);
        message.classList.toggle('queued', outcome.status === 'queued');
      } catch (e) {
        message.textContent = e instanceof Error ? e.message : String(e);
      }
    });
    return button;
  });
  const mark = (duty: string) => buttons.forEach(b => b.classList.toggle('active', b.dataset.duty === duty));
  mark(initial);
  return { element: h('div.duty', { role: 'group', 'aria-label': 'Duty' }, h('span.duty-label', {}, '状态'), ...buttons, message) };
}

/**
 * Reads, while online, what the page needs offline and has no copy of yet (the service worker keeps the answers): the
 * grids for the report map, hundreds of KB a phone should not fetch at every start. The map refreshes them when shown.
 */
async function keepForOffline(): Promise<void> {
  for (const path of ['/api/grids?level=1', '/api/grids?level=2']) {
    if ('caches' in window && await caches.match(path, { ignoreVary: true })) continue;
    await api(path).catch(() => undefined);
  }
}

/** A tapped notification names its case: the page shows it (from the service worker, or the #case= of a new window). */
function openCaseFromNotification(tasks: TaskList, show: (tab: 'tasks') => void): void {
  const open = (id: string) => {
    show('tasks');
    tasks.highlight(id);
  };
  const fromHash = /^#case=(.+)$/.exec(location.hash);
  if (fromHash) window.setTimeout(() => open(decodeURIComponent(fromHash[1])), 1_000);
  navigator.serviceWorker?.addEventListener('message', event => {
    const data = event.data as { type?: string; incidentId?: string } | null;
    if (data?.type === 'open-case' && data.incidentId) open(data.incidentId);
  });
}

function roleWord(role: string | undefined): string {
  return ({
    GridLeader: '网格长', GridWorker: '网格员', Supervisor: '督查员', Informant: '信息员', Liaison: '联络员', Patroller: '巡查员',
  } as Record<string, string>)[role ?? ''] ?? role ?? '';
}

declare global {
  interface Window {
    __worker?: unknown;
  }
}

function exposeTestHook(feed: Feed, memberId: string, banner: HTMLElement, gridMapIncidents: () => string[], outbox: Outbox): void {
  window.__worker = {
    outbox: () => outbox.items.map(i => ({ seq: i.seq, kind: i.kind, label: i.label, status: i.status, incidentId: i.incidentId, key: i.key, answer: i.answer, refusal: i.refusal?.detail ?? null })),
    gridMapIncidents,
    memberId,
    get sequence() { return feed.sequence; },
    get resyncs() { return feed.resyncs; },
    get linkState() { return feed.linkState; },
    incidentIds: () => [...feed.incidents.values()].filter(i => i.assigneeId === memberId).map(i => i.id),
    bannerText: () => (banner.hidden ? '' : banner.textContent),
  };
}
