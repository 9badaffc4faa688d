// 考核入档: a grid's or a member's dossier over time (GET /api/dossiers/grids/{id} or /members/{id}): one row per
// assessed month with its score and key indicators, and for a member its patrol in each month. The server's entries,
// newest first; the page only lays them out.

import { api } from '../shared/api';
import type { DossierView } from '../shared/wire';
import { h } from '../shared/words';
import { figureText } from '../bulletin/bulletinModel';

const shown = ['handledOnTime', 'closedOnTime', 'satisfaction', 'rework'] as const;

export class DossierDialog {
  readonly element = h('dialog.dossier-dialog', {});

  async open(kind: 'grid' | 'member', id: string, name: string): Promise<void> {
    this.element.dataset.id = id;
    this.element.dataset.loaded = 'false';
    this.element.replaceChildren(h('p', {}, '读取中 Loading…'));
    if (!this.element.open) this.element.showModal();
    try {
      const dossier = await api<DossierView>(`/api/dossiers/${kind === 'grid' ? 'grids' : 'members'}/${encodeURIComponent(id)}`);
      const patrol = new Map((dossier.patrol ?? []).map(p => [p.period, p]));
      const rows = [...dossier.entries].sort((a, b) => b.period.localeCompare(a.period)).map(e => h('tr', { dataset: { period: e.period } },
        h('td', {}, e.period), h('td.num', {}, e.score === null ? '—' : e.score.toFixed(1)),
        ...shown.map(k => h('td.num', {}, figureText(e.kpis, k))),
        kind === 'member' ? h('td.num', {}, patrol.has(e.period) ? `${(patrol.get(e.period)!.distanceMetres / 1000).toFixed(1)} km` : '—') : null));
      this.element.replaceChildren(
        h('header.dossier-head', {}, h('h2', {}, `考核档案 · ${name}`, h('small', {}, ` ${id} Dossier`)),
          h('button.dossier-close', { type: 'button', onclick: () => this.element.close() }, '×')),
        rows.length
          ? h('table.dossier-table', {},
            h('thead', {}, h('tr', {}, h('th', {}, '月份 Month'), h('th', {}, '得分 Score'),
              h('th', {}, '按期处置率'), h('th', {}, '按期结案率'), h('th', {}, '满意率'), h('th', {}, '返工率'),
              kind === 'member' ? h('th', {}, '巡查里程 Patrol') : null)),
            h('tbody', {}, ...rows))
          : h('p.empty', {}, '尚无入档记录（月度考核后入档）· No month assessed yet'));
      this.element.dataset.loaded = 'true';
    } catch (e) {
      this.element.replaceChildren(h('p.form-message', { dataset: { tone: 'red' } }, String((e as Error).message)),
        h('button.dossier-close', { type: 'button', onclick: () => this.element.close() }, '关闭 Close'));
    }
  }
}
