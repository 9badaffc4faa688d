// The cases behind one figure (GET /api/kpis/cases): every case the server counted for it, or only those that met the
// indicator (the rate's numerator) or the rest; each opens in the replay an hour either side of its instant.

import { api } from '../shared/api';
import { messageOf } from '../shared/fieldErrors';
import { h, stamp } from '../shared/words';
import { figureText, wordsOf, type Figure } from './figures';
import { casesPath, replayPath, type FigureChoice, type Window } from './requests';

export interface KpiCase {
  incidentId: string;
  at: string;
  met: boolean;
  value: number;
  gridId: string | null;
  memberId: string | null;
  platform: string | null;
}

export interface KpiCases {
  kpi: string;
  key: string | null;
  total: number;
  met: number;
  items: KpiCase[];
}

const platformWords: Record<string, string> = {
  PublicSafety: '综治工作', LawEnforcement: '综合执法', MarketSupervision: '市场监管', CitizenServices: '便民服务',
};

export interface CaseNames {
  gridName(id: string | null): string;
  memberName(id: string | null): string;
  /** The scope a case's replay opens in: its town under a city-wide scope, else the scope itself. */
  replayScope(gridId: string | null, scope: string): string;
}

export class CasesDialog {
  readonly element: HTMLDialogElement;
  private readonly title = h('h2.cases-title', {});
  private readonly summary = h('p.cases-summary', { role: 'status' });
  private readonly body = h('tbody', {});
  private readonly filters: HTMLButtonElement[];
  private window: Window | null = null;
  private choice: FigureChoice | null = null;
  private loads = 0;
  /** The last answer and the request it answered (for the browser tests). */
  shown: { path: string; total: number; met: number; ids: string[] } | null = null;

  constructor(private readonly names: CaseNames) {
    const filter = (met: string, zhText: string, enText: string) =>
      h('button.cases-filter', { type: 'button', dataset: { met }, onclick: () => this.narrow(met) }, zhText, ' ', h('small', {}, enText));
    this.filters = [filter('all', '全部', 'All'), filter('true', '达标', 'Met'), filter('false', '未达标', 'Not met')];
    this.element = h('dialog.cases-dialog', {},
      h('header.cases-head', {}, this.title,
        h('button.cases-close', { type: 'button', title: '关闭 Close', onclick: () => this.element.close() }, '✕')),
      h('div.cases-bar', {}, this.summary, h('div.cases-filters', {}, ...this.filters)),
      h('div.cases-scroll', {},
        h('table.cases-table', {},
          h('thead', {}, h('tr', {}, ...[['案号', 'Case'], ['计入时刻', 'Counted at'], ['达标', 'Met'], ['值', 'Value'], ['网格', 'Grid'], ['处置人', 'Member'], ['平台', 'Platform'], ['回放', 'Replay']]
            .map(([zhText, enText]) => h('th', {}, zhText, h('small', {}, ` ${enText}`))))),
          this.body)));
  }

  /** Opens the list for a figure: `label` names the row ("全部" for the total), `figure` is what was clicked. */
  open(w: Window, choice: FigureChoice, label: string, figure: Figure): void {
    this.window = w;
    this.choice = { ...choice, met: choice.met ?? null };
    const words = wordsOf(choice.kpi);
    this.title.replaceChildren(words.zh, words.en ? h('small', {}, ` ${words.en}`) : '', h('span.cases-of', {}, ` · ${label} · ${figureText(choice.kpi, figure)}`));
    this.element.dataset.kpi = choice.kpi;
    this.element.dataset.key = choice.key ?? '';
    if (!this.element.open) this.element.showModal();
    void this.load();
  }

  private narrow(met: string): void {
    if (!this.choice) return;
    this.choice = { ...this.choice, met: met === 'all' ? null : met === 'true' };
    void this.load();
  }

  private async load(): Promise<void> {
    const w = this.window, choice = this.choice;
    if (!w || !choice) return;
    const run = ++this.loads;
    const met = choice.met === null || choice.met === undefined ? 'all' : String(choice.met);
    for (const b of this.filters) b.classList.toggle('active', b.dataset.met === met);
    this.element.dataset.loaded = 'false';
    this.summary.dataset.tone = '';
    this.summary.textContent = '加载中… · Loading…';
    this.body.replaceChildren();
    const path = casesPath(w, choice);
    try {
      const answer = await api<KpiCases>(path);
      if (run !== this.loads) return;
      this.summary.replaceChildren(`共 ${answer.total} 件，达标 ${answer.met} 件，列出 ${answer.items.length} 件 `,
        h('small', {}, `${answer.total} counted, ${answer.met} met, ${answer.items.length} listed`));
      this.body.replaceChildren(...answer.items.map(item => this.row(item, w, choice.kpi)));
      this.shown = { path, total: answer.total, met: answer.met, ids: answer.items.map(i => i.incidentId) };
      this.element.dataset.loaded = 'true';
    } catch (e) {
      if (run !== this.loads) return;
      this.summary.dataset.tone = 'red';
      this.summary.textContent = `无法加载 · ${messageOf(e)}`;
    }
  }

  private row(item: KpiCase, w: Window, kpi: string): HTMLElement {
    const hours = wordsOf(kpi).hours;
    return h('tr.case-row', { dataset: { id: item.incidentId, met: String(item.met) } },
      h('td.case-id', {}, item.incidentId),
      h('td', {}, stamp(item.at)),
      h('td.case-met', {}, item.met ? '✓' : '✗'),
      h('td.num', {}, hours ? `${item.value.toFixed(2)} h` : String(Math.round(item.value * 100) / 100)),
      h('td', {}, this.names.gridName(item.gridId)),
      h('td', {}, item.memberId ? `${this.names.memberName(item.memberId)}` : '—'),
      h('td', {}, item.platform ? platformWords[item.platform] ?? item.platform : '—'),
      h('td', {}, h('a.case-replay', { href: replayPath(item.incidentId, item.at, this.names.replayScope(item.gridId, w.scope)) }, '回放 ', h('small', {}, 'Replay'))));
  }
}
