// Draws the what-if's view model: the KPI table (actual, alternative, difference) and the cases whose light changes.

import type { LightChange } from './adminWire';
import type { WhatIfView } from './whatIfModel';
import { h, lightWords, zh } from '../shared/words';

/** `replay`, when given, makes each case a link to its replay (the supervisor's page; the console lists them only). */
function changesList(kind: 'worse' | 'better', zhText: string, enText: string, changes: LightChange[], replay?: (c: LightChange) => string): HTMLElement {
  return h('div.light-changes', { dataset: { change: kind } },
    h('h4', {}, zhText, ' ', h('b.count', {}, String(changes.length)), h('small', {}, ` ${enText}`)),
    changes.length
      ? h('ul', {}, ...changes.slice(0, 200).map(c => h('li', { dataset: { incident: c.incidentId } },
        h('code', {}, c.incidentId), c.gridId ? h('small', {}, ` ${c.gridId} `) : ' ',
        h('span.light-dot', { dataset: { light: c.actual } }), ` ${zh(lightWords, c.actual)} → `,
        h('span.light-dot', { dataset: { light: c.alternative } }), ` ${zh(lightWords, c.alternative)}`,
        replay ? h('a.change-replay', { href: replay(c) }, ' 回放 ', h('small', {}, 'Replay')) : null)),
        changes.length > 200 ? h('li.more', {}, `… 另有 ${changes.length - 200} 件 more`) : null)
      : h('p.empty', {}, '无 · None'));
}

export function whatIfPanel(view: WhatIfView, replay?: (c: LightChange) => string): HTMLElement {
  return h('div.what-if-result', {},
    h('table.what-if-kpis', {},
      h('thead', {}, h('tr', {}, h('th', {}, '指标 KPI'), h('th', {}, '现行策略 Actual'), h('th', {}, '草稿策略 Draft'), h('th', {}, '差异 Difference'))),
      h('tbody', {}, ...view.lines.map(l => h('tr', { dataset: { kpi: l.kpi, tone: l.tone } },
        h('td', {}, l.zh, h('small', {}, ` ${l.en}`)), h('td.num', {}, l.actual), h('td.num', {}, l.alternative), h('td.num.difference', {}, l.change))))),
    h('div.light-change-lists', {},
      changesList('worse', '时限灯变差的案件', 'Cases whose light gets worse', view.worse, replay),
      changesList('better', '时限灯变好的案件', 'Cases whose light gets better', view.better, replay)));
}
