// 考核通报 at /bulletin?period=2026-11&scope=JY&by=grid: the assessment of a period (月通报, 季考评, 年考核) as a printable
// A4 document — the overview, the ranking by 综合指标值 with grades and the change against the period before — with a
// toolbar (not printed) to pick the period, scope and grouping, print, and download it as Excel or CSV. The figures are the
// server's (GET /api/assessments); the page only lays them out.

import '../shared/base.css';
import './bulletin.css';
import { api } from '../shared/api';
import { loadCity } from '../shared/city';
import { download } from '../shared/download';
import { messageOf, say } from '../shared/fieldErrors';
import { signOut } from '../shared/session';
import { pageAccount } from '../shared/signInForm';
import type { AssessmentView } from '../shared/wire';
import { h } from '../shared/words';
import { changeText, figureText, indicatorName, overviewIndicators, rankedIndicators, titleOf } from './bulletinModel';

const app = document.getElementById('app')!;

void main();

async function main(): Promise<void> {
  const { account } = await pageAccount(app, {
    title: '考核通报',
    subtitle: 'Assessment bulletin · 月通报 · 季考评 · 年考核',
    usernameLabel: '用户名 ',
    usernamePlaceholder: 'supervisor1',
  }, a => a.powers.includes('kpis') ? null : '考核通报供督查与管理人员使用 · For supervisors and admins.');
  await loadCity();

  const query = new URLSearchParams(location.search);
  const period = h('input', { name: 'period', value: query.get('period') ?? lastMonth(), placeholder: '2026-11 · 2026-Q4 · 2026', size: 10 });
  const scope = h('input', { name: 'scope', value: query.get('scope') ?? '', placeholder: '全市 whole city', size: 10 });
  const by = h('select', { name: 'by' },
    h('option', { value: 'grid', selected: query.get('by') !== 'member' }, '按网格 By grid'),
    h('option', { value: 'member', selected: query.get('by') === 'member' }, '按成员 By member'));
  const status = h('div.form-message.bulletin-status', { role: 'status' });
  const sheet = h('article.bulletin-sheet', { dataset: { state: 'loading' } });
  const toolbar = h('form.bulletin-toolbar', {},
    h('label', {}, h('span', {}, '期间 ', h('small', {}, 'Period')), period),
    h('label', {}, h('span', {}, '范围 ', h('small', {}, 'Scope')), scope),
    h('label', {}, h('span', {}, '排名 ', h('small', {}, 'Rank')), by),
    h('button', { type: 'submit' }, '生成 ', h('small', {}, 'Show')),
    h('button.bulletin-print', { type: 'button', onclick: () => print() }, '打印 ', h('small', {}, 'Print')),
    h('button.bulletin-xlsx', { type: 'button', onclick: () => void save('xlsx') }, '下载 Excel ', h('small', {}, 'XLSX')),
    h('button.bulletin-csv', { type: 'button', onclick: () => void save('csv') }, 'CSV'),
    h('span.spacer'),
    h('button.signout', { type: 'button', onclick: () => { signOut(); location.reload(); } }, `${account.username} · 退出`),
    status);
  app.replaceChildren(h('div.bulletin', {}, toolbar, sheet));

  const params = () => {
    const p = new URLSearchParams({ period: period.value.trim(), by: by.value });
    if (scope.value.trim()) p.set('scope', scope.value.trim());
    return p;
  };
  const save = async (format: 'xlsx' | 'csv') => {
    try {
      const name = await download(`/api/assessments/export?${params()}&format=${format}`, `assessment.${format}`);
      say(status, `已下载 ${name} · Downloaded`, 'green');
    } catch (e) {
      say(status, messageOf(e), 'red');
    }
  };
  const show = async () => {
    history.replaceState(null, '', `?${params()}`);
    sheet.dataset.state = 'loading';
    say(status, '生成中 Loading…');
    try {
      const view = await api<AssessmentView>(`/api/assessments?${params()}`);
      sheet.replaceChildren(...sheetOf(view));
      sheet.dataset.state = 'ready';
      sheet.dataset.period = view.period;
      document.title = `${titleOf(view)} · ${view.words}`;
      say(status, '');
    } catch (e) {
      sheet.dataset.state = 'failed';
      say(status, messageOf(e), 'red');
    }
  };
  toolbar.addEventListener('submit', e => { e.preventDefault(); void show(); });
  await show();
}

/** The month before this one in the browser's calendar, the 月通报 people open most. */
function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

function sheetOf(view: AssessmentView): HTMLElement[] {
  const day = (iso: string, end = false) => {
    const d = new Date(Date.parse(iso) - (end ? 1 : 0));
    return d.toLocaleDateString('zh-CN', { timeZone: view.zone, year: 'numeric', month: 'long', day: 'numeric' });
  };
  const overview = h('dl.bulletin-overview', {},
    h('div', {}, h('dt', {}, '综合指标值'), h('dd.composite', {}, view.composite?.toFixed(1) ?? '—', view.gradeName ? h('span.grade', { dataset: { grade: view.grade ?? '' } }, view.gradeName) : '')),
    ...overviewIndicators.map(name => h('div', { dataset: { kpi: name } }, h('dt', {}, indicatorName(name)), h('dd', {}, figureText(view.total, name)))));
  const ranking = h('table.bulletin-ranking', {},
    h('thead', {}, h('tr', {},
      h('th', {}, '名次'), h('th', {}, view.by === 'member' ? '成员' : '网格'), h('th', {}, '综合指标值'), h('th', {}, '等级'), h('th', {}, '较上期'),
      ...rankedIndicators.map(name => h('th', {}, indicatorName(name))))),
    h('tbody', {}, ...view.rows.map(row => h('tr', { dataset: { key: row.key, rank: String(row.rank ?? '') } },
      h('td.rank', {}, row.rank === null ? '—' : String(row.rank)),
      h('td', {}, row.name, view.by === 'member' ? h('small', {}, ` ${row.key}`) : ''),
      h('td.num', {}, row.composite?.toFixed(1) ?? '—'),
      h('td', {}, row.gradeName ? h('span.grade', { dataset: { grade: row.grade ?? '' } }, row.gradeName) : '—'),
      h('td.num', {}, changeText(row.composite, row.previousComposite)),
      ...rankedIndicators.map(name => h('td.num', {}, figureText(row.kpis, name)))))));
  return [
    h('header.bulletin-head', {},
      h('p.bulletin-issuer', {}, `${view.city}网格化管理指挥中心`),
      h('h1', {}, titleOf(view)),
      h('p.bulletin-period', {}, `${view.words}（${day(view.from)}至${day(view.to, true)}）`)),
    h('section', {}, h('h2', {}, '一、总体情况'), overview),
    h('section', {}, h('h2', {}, `二、${view.by === 'member' ? '成员' : '网格'}排名`),
      view.rows.length ? ranking : h('p', {}, '本期无考核数据。')),
    h('section.bulletin-notes', {}, h('h2', {}, '三、说明'),
      h('p', {}, '综合指标值按各项指标加权计算（满分100），等级：优秀、良好、合格、不合格；较上期为与上一同类期间综合指标值之差。各项指标口径见指标说明。')),
    h('footer.bulletin-foot', {}, `${view.city}网格化管理指挥中心　${new Date().toLocaleDateString('zh-CN', { timeZone: view.zone, year: 'numeric', month: 'long', day: 'numeric' })}`),
  ];
}
