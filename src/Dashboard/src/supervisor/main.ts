// The supervisor's KPI page at /supervisor: pick a scope (the city or a town) and a period (today, this month, last
// month, or days of one's own, in the city's calendar), then read the report of GET /api/kpis: a tile per indicator
// with its trend against the period before and a sparkline by day, the rates by day, one indicator by grid as bars
// and on a map, and rankings of grids and members sortable by any indicator. Every figure opens the cases behind it
// (GET /api/kpis/cases), and each case opens in the replay at its instant. The page draws what the server counts.

import '../shared/base.css';
import '../shared/policyTable.css';
import './supervisor.css';
import type { FeatureCollection, Geometry } from 'geojson';
import { api } from '../shared/api';
import { signOut } from '../shared/session';
import { pageAccount } from '../shared/signInForm';
import { city as cityDocument, loadCity } from '../shared/city';
import { clearRefusal, field, showRefusal } from '../shared/fieldErrors';
import { passwordDialog } from '../shared/passwordDialog';
import { download } from '../shared/download';
import type { ActivityView, GridProperties, MemberView } from '../shared/wire';
import { channelWords, h } from '../shared/words';
import { CasesDialog } from './casesDialog';
import { DossierDialog } from './dossierDialog';
import { drawBacklog, drawDailyRates, drawHours, drawRowBars, drawShares, drawTopCounts } from './charts';
import { figureOf, figureText, indicatorsOf, valueOf, wordsOf, type Figure, type KpiValues } from './figures';
import { cityDate, daysOf, isDate, periodKinds, periodOf, previousPeriod, type Period, type PeriodKind } from './period';
import { Ranking, type ReportRow } from './rankings';
import { kpisPath, mapLimited, type FigureChoice, type Window } from './requests';
import { whatIfSection } from './whatIfSection';
import { ScoreMap, type GridFeature, type GridScore } from './scoreMap';
import { KpiTile } from './tiles';

interface KpiReportView {
  scope: string;
  from: string;
  to: string;
  by: string;
  total: KpiValues;
  rows: ReportRow[];
}

const periodWords: Record<PeriodKind, [string, string]> = {
  today: ['今天', 'Today'],
  'this-month': ['本月', 'This month'],
  'last-month': ['上月', 'Last month'],
  custom: ['自定义', 'Custom'],
};

/** How many of the period's days are asked for at once (a month is 31 reports). */
const dayRequests = 4;

const app = document.getElementById('app')!;

void main();

async function main(): Promise<void> {
  const { account } = await pageAccount(app, {
    title: '考核指标',
    subtitle: 'Supervisor KPIs · 督查员与管理员 Supervisors and admins',
    usernameLabel: '用户名 ',
    usernamePlaceholder: 'supervisor1',
  }, a => a.powers.includes('kpis') ? null : '考核指标仅供督查员与管理员使用 · The KPIs are for supervisors and admins.');
  await loadCity();

  // The grids: the city and its towns to pick from, their villages to rank and draw under a town, and the blocks a
  // case is located to, for its name.
  const levels = await Promise.all([0, 1, 2, 3].map(level => api<FeatureCollection<Geometry, GridProperties>>(`/api/grids?level=${level}`)));
  const features = new Map<string, GridFeature>();
  for (const collection of levels) for (const f of collection.features) features.set(f.properties.id, f as GridFeature);
  const gridName = (id: string | null) => (id ? features.get(id)?.properties.name ?? id : '—');
  const root = cityDocument()?.rootGridId ?? levels[0].features[0]?.properties.id ?? '';
  const members = new Map<string, string>();
  const memberName = (id: string | null) => (id ? members.get(id) ?? id : '—');
  const townOf = (gridId: string | null): string | null => {
    for (let id = gridId, guard = 0; id && guard < 10; id = features.get(id)?.properties.parentId ?? null, guard++)
      if (features.get(id)?.properties.level === 1) return id;
    return null;
  };

  // Controls: the scope, the period, its days.
  const params = new URLSearchParams(location.search);
  const scopes = [...(account.gridScope && account.gridScope !== root ? [account.gridScope] : [root, ...levels[1].features.map(f => f.properties.id).sort()])];
  const scopeSelect = h('select.scope-select', { name: 'scope', ariaLabel: '范围 Scope' },
    ...scopes.map(id => h('option', { value: id }, features.get(id)?.properties.level === 0 ? `${gridName(id)}（全市）` : `${gridName(id)} ${id}`)));
  const periodSelect = h('select.period-select', { name: 'period', ariaLabel: '时段 Period' },
    ...periodKinds.map(k => h('option', { value: k }, `${periodWords[k][0]} ${periodWords[k][1]}`)));
  const fromInput = h('input.period-from', { type: 'date', name: 'from', required: true });
  const toInput = h('input.period-to', { type: 'date', name: 'to', required: true });
  const applyButton = h('button.apply', { type: 'submit' }, '查询 ', h('small', {}, 'Show'));
  const status = h('p.form-message.load-status', { role: 'status' });
  const controls = h('form.sup-controls', {},
    field('scope', '范围', 'Scope', scopeSelect),
    field('period', '时段', 'Period', periodSelect),
    field('from', '开始日期', 'From', fromInput),
    field('to', '结束日期', 'To (included)', toInput),
    applyButton,
    h('small.zone-note', {}, zoneLabel()));

  const tilesHost = h('section.sup-tiles', { ariaLabel: '指标 KPIs' });
  const dailyChart = h('div.chart', { id: 'chart-daily' });
  const barChart = h('div.chart', { id: 'chart-grid' });
  const categoryChart = h('div.chart.small', { id: 'chart-categories' });
  const channelChart = h('div.chart.small', { id: 'chart-channels' });
  const hourChart = h('div.chart.small', { id: 'chart-hours' });
  const backlogChart = h('div.chart.small', { id: 'chart-backlog' });
  const heatToggle = h('input.heat-toggle', { type: 'checkbox', checked: true });
  const barKpi = h('select.bar-kpi', { ariaLabel: '柱状图指标 Indicator of the bars' });
  const mapKpi = h('select.map-kpi', { ariaLabel: '地图指标 Indicator of the map' });
  const mapHost = h('div.score-map', { id: 'score-map' });
  const mapLegend = h('div.map-legend', {});
  const periodLine = h('p.period-line', {});

  const names = { gridName, memberName, replayScope: (gridId: string | null, scope: string) =>
    (features.get(scope)?.properties.level ?? 0) >= 1 ? scope : townOf(gridId) ?? scope };
  const cases = new CasesDialog(names);
  const dossier = new DossierDialog();
  const gridRanking = new Ranking('grid', gridName, (row, kpi, figure) => openCases({ kpi, by: 'grid', key: row.key }, gridName(row.key), figure),
    key => void dossier.open('grid', key, gridName(key)));
  const memberRanking = new Ranking('member', id => memberName(id), (row, kpi, figure) => openCases({ kpi, by: 'member', key: row.key }, memberName(row.key), figure),
    key => void dossier.open('member', key, memberName(key)));
  const password = passwordDialog();
  /** A ranking as the screen shows it (scope, window, grouping), downloaded as a workbook or CSV. */
  function exportButtons(by: 'grid' | 'member'): HTMLElement {
    const save = (format: 'xlsx' | 'csv') => {
      if (!current) return;
      const query = new URLSearchParams({ scope: current.w.scope, from: new Date(current.w.from).toISOString(), to: new Date(current.w.to).toISOString(), by, format });
      download(`/api/kpis/export?${query}`, `kpis.${format}`).catch(e => showRefusal(controls, status, e));
    };
    return h('span.export-buttons', {},
      h('button.ranking-export', { type: 'button', dataset: { by, format: 'xlsx' }, onclick: () => save('xlsx') }, '导出 Excel'),
      h('button.ranking-export', { type: 'button', dataset: { by, format: 'csv' }, onclick: () => save('csv') }, 'CSV'));
  }

  const panel = (className: string, zhText: string, enText: string, ...children: (Node | null)[]) =>
    h('section', { className: `panel ${className}` }, h('header.panel-head', {}, h('h2', {}, zhText, ' ', h('small', {}, enText)), ...children.slice(0, 1)), ...children.slice(1));

  app.replaceChildren(h('div.sup', {},
    h('header.sup-head', {},
      h('div.brand', {},
        h('div.brand-mark', { ariaHidden: 'true' }),
        h('div', {}, h('h1', {}, '考核指标'), h('p', {}, 'Supervisor KPIs · 网格、成员与平台的按时率、满意率与排名'))),
      h('div.head-meta', {},
        h('a.to-wall', { href: '/' }, '大屏 ', h('small', {}, 'Wall')),
        h('a.to-replay', { href: '/replay' }, '回放 ', h('small', {}, 'Replay')),
        h('a.to-bulletin', { href: '/bulletin' }, '考核通报 ', h('small', {}, 'Bulletin')),
        h('button.change-password', { type: 'button', onclick: () => password.showModal() }, '修改密码 ', h('small', {}, 'Password')),
        h('button.signout', { type: 'button', title: 'Sign out', onclick: () => { signOut(); location.reload(); } }, `${account.username} · 退出`))),
    h('div.sup-bar', {}, controls, status),
    h('main.sup-body', {},
      periodLine,
      tilesHost,
      h('div.sup-row', {},
        panel('daily', '按时率走势', 'On-time rates by day', null, dailyChart),
        panel('bars', '分网格对比', 'By grid', h('label.chart-pick', {}, '指标 ', barKpi), barChart)),
      h('div.sup-row.activity', {},
        panel('categories', '事件类别 Top 10', 'Top categories', null, categoryChart),
        panel('channels', '来源渠道', 'Reports by channel', null, channelChart),
        panel('hours', '时段分布', 'Reports by hour of day', null, hourChart),
        panel('backlog', '积压走势', 'Open cases at each day’s end', null, backlogChart)),
      h('div.sup-row', {},
        panel('map-panel', '网格考核地图', 'Grid map', h('label.chart-pick', {}, '指标 ', mapKpi, ' ', h('label.inline', {}, heatToggle, ' 来件热力 ', h('small', {}, 'Heat'))), mapHost, mapLegend),
        panel('rank-grid', '网格排名', 'Grids ranked', exportButtons('grid'), gridRanking.element)),
      panel('rank-member', '成员排名', 'Members ranked', exportButtons('member'), memberRanking.element),
      panel('what-if-panel', '策略试算', 'What-if of another SLA policy', null, whatIfSection(() => current?.w ?? null))),
    cases.element, dossier.element, password));

  // What came in and stood open (GET /api/kpis/activity): the server counts, these draw.
  let activity: ActivityView | null = null;
  heatToggle.addEventListener('change', () => { void scoreMap.heat(activity?.points ?? [], heatToggle.checked); });
  async function loadActivity(w: Window, run: number): Promise<void> {
    const query = new URLSearchParams({ scope: w.scope, from: new Date(w.from).toISOString(), to: new Date(w.to).toISOString() });
    const answer = await api<ActivityView>(`/api/kpis/activity?${query}`);
    if (run !== loads) return;
    activity = answer;
    drawTopCounts(categoryChart, answer.byCategory.map(c => ({ name: c.name, count: c.count })));
    drawShares(channelChart, answer.byChannel.map(c => ({ name: channelWords[c.key] ?? c.key, count: c.count })));
    drawHours(hourChart, answer.byHour);
    const days = [...new Set(answer.backlog.map(b => b.day))].sort();
    const grids = [...new Map(answer.backlog.map(b => [b.grid, b.name])).entries()];
    drawBacklog(backlogChart, days, grids.map(([grid, name]) => ({
      name, open: days.map(d => answer.backlog.find(b => b.day === d && b.grid === grid)?.open ?? 0),
    })));
    await scoreMap.heat(answer.points, heatToggle.checked);
  }

  const scoreMap = new ScoreMap(mapHost, gridId => {
    const row = current?.report.rows.find(r => r.key === gridId);
    const kpi = mapKpi.value;
    openCases({ kpi, by: 'grid', key: gridId }, gridName(gridId), figureOf(row?.kpis[kpi]));
  });

  // The period from the address (?scope=&period=&from=&to=), else this month of the account's scope.
  const now = Date.now();
  const asked = params.get('period') as PeriodKind | null;
  const kind: PeriodKind = asked && periodKinds.includes(asked) ? asked : 'this-month';
  const first = params.get('from'), last = params.get('to');
  showPeriod(kind === 'custom' && isDate(first) && isDate(last) ? periodOf('custom', now, { first, last }) : periodOf(kind, now));
  const askedScope = params.get('scope');
  scopeSelect.value = askedScope && scopes.includes(askedScope) ? askedScope : scopes[0];

  function showPeriod(period: Period): void {
    periodSelect.value = period.kind;
    fromInput.value = period.first;
    toInput.value = period.last;
  }

  function readPeriod(): Period {
    const kind = periodSelect.value as PeriodKind;
    return kind === 'custom' ? periodOf('custom', Date.now(), { first: fromInput.value, last: toInput.value }) : periodOf(kind, Date.now());
  }

  let current: { w: Window; period: Period; report: KpiReportView } | null = null;
  let tiles: KpiTile[] = [];
  let loads = 0;
  let ready = false;
  let dayCalls = 0;

  function openCases(choice: FigureChoice, label: string, figure: Figure): void {
    if (current) cases.open(current.w, choice, label, figure);
  }

  async function load(): Promise<void> {
    const period = readPeriod();
    const scope = scopeSelect.value;
    const w: Window = { scope, from: period.from, to: period.to };
    const run = ++loads;
    ready = false;
    applyButton.disabled = true;
    clearRefusal(controls, status);
    status.textContent = '加载中… · Loading…';
    keepInAddress(period, scope);
    let report: KpiReportView;
    try {
      report = await api<KpiReportView>(kpisPath(w, 'grid'));
    } catch (e) {
      if (run === loads) {
        showRefusal(controls, status, e);
        applyButton.disabled = false;
      }
      return;
    }
    if (run !== loads) return;
    current = { w, period, report };
    status.textContent = '';
    periodLine.replaceChildren(h('strong', {}, gridName(scope)), ` · ${period.first} — ${period.last}`,
      h('small', {}, ` ${periodWords[period.kind][1]} · 上期 previous period ${previousPeriod(period).first} — ${previousPeriod(period).last}`));
    showTotal(report);
    showRows(report);

    const previous = previousPeriod(period);
    const days = daysOf(period);
    await Promise.allSettled([
      loadActivity(w, run),
      api<KpiReportView>(kpisPath({ scope, from: previous.from, to: previous.to }))
        .then(r => { if (run === loads) for (const t of tiles) t.showTrend(r.total[t.name]); }),
      loadMembers(scope)
        .then(() => api<KpiReportView>(kpisPath(w, 'member')))
        .then(r => { if (run === loads) memberRanking.show(r.rows); }),
      mapLimited(days, dayRequests, day => {
        dayCalls++;
        return run === loads ? api<KpiReportView>(kpisPath({ scope, from: day.from, to: day.to })).then(r => r.total, () => null) : Promise.resolve(null);
      }).then(totals => { if (run === loads) showDays(days.map(d => d.date), totals); }),
    ]);
    if (run === loads) {
      ready = true;
      applyButton.disabled = false;
    }
  }

  function showTotal(report: KpiReportView): void {
    const names = indicatorsOf(report.total);
    if (names.join() !== tiles.map(t => t.name).join()) {
      tiles = names.map((name, i) => new KpiTile(name, i, tile => openCases({ kpi: tile.name }, '全部 Total', tile.figure)));
      tilesHost.replaceChildren(...tiles.map(t => t.element));
      for (const select of [barKpi, mapKpi]) {
        const chosen = select.value;
        select.replaceChildren(...names.map(name => h('option', { value: name }, `${wordsOf(name).zh}`)));
        select.value = names.includes(chosen) ? chosen : names.find(n => n === 'closedOnTime') ?? names[0] ?? '';
      }
    }
    for (const t of tiles) t.show(report.total[t.name]);
  }

  function showRows(report: KpiReportView): void {
    gridRanking.show(report.rows);
    drawBars();
    void drawMap();
  }

  function drawBars(): void {
    if (!current) return;
    const kpi = barKpi.value;
    const bars = current.report.rows.map(row => {
      const figure = figureOf(row.kpis[kpi]);
      return { key: row.key, label: gridName(row.key), value: valueOf(figure), text: figureText(kpi, figure) };
    });
    const percent = current.report.rows.some(r => figureOf(r.kpis[kpi]).kind === 'ratio');
    drawRowBars(barChart, bars, percent, key => {
      const row = current?.report.rows.find(r => r.key === key);
      openCases({ kpi, by: 'grid', key }, gridName(key), figureOf(row?.kpis[kpi]));
    });
  }

  async function drawMap(): Promise<void> {
    if (!current) return;
    const kpi = mapKpi.value;
    const scope = current.w.scope;
    const children = [...features.values()].filter(f => f.properties.parentId === scope);
    const scores = new Map<string, GridScore>(current.report.rows.map(row => {
      const figure = figureOf(row.kpis[kpi]);
      return [row.key, { value: valueOf(figure), text: figureText(kpi, figure) }];
    }));
    const words = wordsOf(kpi);
    mapLegend.replaceChildren(
      h('span.legend-scale', {}, h('span', {}, words.higherIsBetter === false ? '高 High' : '低 Low'), h('span.legend-ramp', {}), h('span', {}, words.higherIsBetter === false ? '低 Low' : '高 High')),
      h('small', {}, '绿为较好、红为较差，本期无数据为深色 · Greener is better, redder worse, dark: nothing counted'));
    await scoreMap.draw(features.get(scope), children, scores, words.higherIsBetter);
  }

  function showDays(dates: string[], totals: (KpiValues | null)[]): void {
    for (const t of tiles) t.showDays(totals);
    const ratios = tiles.filter(t => t.figure.kind === 'ratio');
    drawDailyRates(dailyChart, dates, ratios.map(t => ({
      name: t.name,
      label: wordsOf(t.name).zh,
      values: totals.map(d => (d ? valueOf(figureOf(d[t.name])) : null)),
      // The on-time rates show first; the other rates are a click on the legend away.
      shown: /OnTime$/.test(t.name),
    })));
  }

  async function loadMembers(scope: string): Promise<void> {
    if (members.size) return;
    const list = await api<MemberView[]>(`/api/members?grid=${encodeURIComponent(scope)}`).catch(() => [] as MemberView[]);
    for (const m of list) members.set(m.id, m.name);
  }

  function keepInAddress(period: Period, scope: string): void {
    const url = new URL(location.href);
    url.search = new URLSearchParams({ scope, period: period.kind, from: period.first, to: period.last }).toString();
    history.replaceState(null, '', url);
  }

  periodSelect.addEventListener('change', () => {
    if (periodSelect.value !== 'custom') {
      showPeriod(periodOf(periodSelect.value as PeriodKind, Date.now()));
      void load();
    }
  });
  const toCustom = () => { periodSelect.value = 'custom'; };
  fromInput.addEventListener('input', toCustom);
  toInput.addEventListener('input', toCustom);
  scopeSelect.addEventListener('change', () => { members.clear(); void load(); });
  controls.addEventListener('submit', event => {
    event.preventDefault();
    void load();
  });
  barKpi.addEventListener('change', drawBars);
  mapKpi.addEventListener('change', () => { void drawMap(); });

  window.__supervisor = {
    get ready() { return ready; },
    get loads() { return loads; },
    get dayCalls() { return dayCalls; },
    get window() {
      return current ? { scope: current.w.scope, from: new Date(current.w.from).toISOString(), to: new Date(current.w.to).toISOString(),
        first: current.period.first, last: current.period.last, kind: current.period.kind } : null;
    },
    today: () => cityDate(Date.now()),
    tiles: () => tiles.map(t => t.name),
    figure: (name: string) => tiles.find(t => t.name === name)?.text() ?? null,
    get cases() { return cases.shown; },
    ranking: (by: string) => (by === 'member' ? memberRanking : gridRanking).keys(),
    map: () => scoreMap.shown(),
    activity: () => activity,
    heatPoints: () => scoreMap.heatPoints,
  };
  await load();
}

declare global {
  interface Window {
    __supervisor?: unknown;
  }
}

function zoneLabel(): string {
  const current = cityDocument();
  return current ? `按${current.name}时间计日 Days in ${current.timeZone} (UTC${current.utcOffset})` : '';
}
