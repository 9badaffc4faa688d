// 策略试算 on the supervisor's page: the policy in force (GET /api/sla-policy) as an editable limits table, replayed over
// the page's scope and window under the draft (POST /api/kpis/what-if/draft, nothing saved): both KPI sets side by side
// with the difference, and the cases whose light would change, each opening in replay. The table, the draft's request
// and the result's drawing are the admin console's own (its policy page saves what this page only tries).

import { api } from '../shared/api';
import { clearRefusal, say, showRefusal } from '../shared/fieldErrors';
import { h } from '../shared/words';
import type { LightChange, PolicyView, WhatIfAnswer } from '../admin/adminWire';
import { LimitsTable } from '../admin/limitsTable';
import { draftOf, rowOfError, whatIfRequestOf } from '../admin/policyDraft';
import { whatIfPanel } from '../admin/whatIfPanel';
import { whatIfView } from '../admin/whatIfModel';
import type { Window } from './requests';

const iso = (at: number) => new Date(at).toISOString();

/** A light change in replay: the whole window (the replay takes up to a month), the case focused. */
export function changeReplayPath(change: LightChange, w: Window): string {
  return `/replay?${new URLSearchParams({ from: iso(w.from), to: iso(w.to), scope: w.scope, focus: change.incidentId })}`;
}

export function whatIfSection(window: () => Window | null): HTMLElement {
  const limits = new LimitsTable();
  const warn = h('input', { name: 'warnFraction', size: 6, inputMode: 'decimal' });
  const run = h('button.what-if-run.primary', { type: 'button' }, '试算 ', h('small', {}, 'What-if'));
  const reload = h('button.what-if-reload', { type: 'button' }, '载入现行策略 ', h('small', {}, 'Policy in force'));
  const message = h('div.form-message.what-if-status', { role: 'status' });
  const result = h('div.what-if', { role: 'region', ariaLabel: '试算结果 What-if' });
  const version = h('span.what-if-version');
  const form = h('form.what-if-form', { noValidate: true },
    h('p.hint', {}, '改动时限后试算：按草稿重新计算本页范围与时段内的时限与指标，不会保存。 ',
      h('small', {}, 'Change limits and replay this page’s scope and window under the draft; nothing is saved.')),
    h('div.what-if-top', {}, version, reload, h('label.inline', {}, h('span', {}, '预警比例 ', h('small', {}, 'Warn at')), warn)),
    limits.element,
    h('div.form-actions', {}, run, message),
    result);

  let policy: PolicyView | null = null;
  const load = async () => {
    try {
      policy = await api<PolicyView>('/api/sla-policy');
      const draft = draftOf(policy);
      limits.value = draft.limits;
      warn.value = draft.warnFraction;
      version.textContent = `现行第 ${policy.version} 版 · ${policy.note ?? ''}`;
    } catch (e) {
      showRefusal(form, message, e);
    }
  };
  reload.addEventListener('click', () => void load());
  run.addEventListener('click', () => void (async () => {
    const w = window();
    if (!w) return;
    clearRefusal(form, message);
    limits.showErrors(new Map());
    const draft = { ...draftOf(policy), limits: limits.value, warnFraction: warn.value, note: '' };
    run.disabled = true;
    say(message, '试算中 Replaying the window under the draft…');
    result.replaceChildren();
    try {
      const answer = await api<WhatIfAnswer>('/api/kpis/what-if/draft', { body: whatIfRequestOf(draft, { from: iso(w.from), to: iso(w.to), scope: w.scope }) });
      result.replaceChildren(whatIfPanel(whatIfView(answer), change => changeReplayPath(change, w)));
      result.dataset.done = 'true';
      say(message, '试算完成（未保存）· What-if done (nothing saved)', 'green');
    } catch (e) {
      // A refusal naming limits[i].column marks that row's cell; the rest go where the page shows refusals.
      const problem = (e as { problem?: { errors?: Record<string, string[]> } }).problem;
      const rows = new Map<number, { columns: Set<string>; text: string[] }>();
      for (const [key, texts] of Object.entries(problem?.errors ?? {})) {
        const at = rowOfError(draft, key);
        if (!at) continue;
        const entry = rows.get(at.row) ?? { columns: new Set<string>(), text: [] };
        if (at.column) entry.columns.add(at.column);
        entry.text.push(...texts);
        rows.set(at.row, entry);
      }
      limits.showErrors(rows);
      showRefusal(form, message, e);
    } finally {
      run.disabled = false;
    }
  })());
  void load();
  return form;
}
