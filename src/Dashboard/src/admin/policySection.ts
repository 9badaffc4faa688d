// 时限策略: the current SLA policy version as an editable draft (limits, warn fraction, resend-after, a note). 试算
// replays a window under the draft (POST /api/kpis/what-if/draft) and shows the KPIs side by side and the
// cases whose light would change; 保存为新版本 saves it (POST /api/admin/sla-policy): it applies to deadlines
// started after it. The versions list says who saved each and when.

import { api } from '../shared/api';
import { cityStamp, fromCityInput } from '../shared/cityTime';
import type { CategoryRecord, PolicyVersionInfo, PolicyView, WhatIfAnswer } from './adminWire';
import { clearRefusal, field, messageOf, say, showRefusal, errorsOf } from '../shared/fieldErrors';
import { LimitsTable } from './limitsTable';
import { draftOf, policyRequestOf, rowOfError, whatIfRequestOf, type PolicyDraft } from './policyDraft';
import type { Section } from './section';
import { whatIfPanel } from './whatIfPanel';
import { whatIfView } from './whatIfModel';
import { h } from '../shared/words';

const isLimitKey = (key: string) => /^limits\[\d+\]/i.test(key);

export function policySection(): Section {
  const current = h('p.policy-current', { role: 'status' });
  const warnFraction = h('input', { name: 'warnFraction', inputMode: 'decimal', placeholder: '0.8', size: 6 });
  const resend = h('input', { name: 'resendUnreadAfter', placeholder: '10m', size: 8, spellcheck: false });
  const note = h('textarea', { name: 'note', rows: 2, placeholder: '本次修改的说明 · What changed and why' });
  const limits = new LimitsTable();
  const message = h('div.form-message.policy-status', { role: 'status' });

  const from = h('input', { name: 'from', type: 'datetime-local' });
  const to = h('input', { name: 'to', type: 'datetime-local' });
  const scope = h('input', { name: 'scope', placeholder: '全市 whole city', size: 10, spellcheck: false });
  const whatIfButton = h('button.what-if-run', { type: 'button' }, '试算 ', h('small', {}, 'What-if'));
  const saveButton = h('button.primary.policy-save', { type: 'submit' }, '保存为新版本 ', h('small', {}, 'Save as a new version'));
  const whatIfHost = h('div.what-if', { role: 'region', ariaLabel: '试算结果 What-if' });
  const versions = h('tbody');
  const reloadButton = h('button.policy-reload', { type: 'button', title: '放弃草稿，重新载入现行版本 · Drop the draft' }, '重新载入 ', h('small', {}, 'Reload current'));

  const form = h('form.policy-form', { noValidate: true },
    h('div.field-row', {},
      field('warnFraction', '预警比例', 'Warn at (fraction of the limit)', warnFraction, '0.8 = 时限的 80% 亮黄灯'),
      field('resendUnreadAfter', '未读再提醒', 'Resend unread after', resend, '例 10m · 留空不提醒')),
    h('div.field', { dataset: { field: 'limits' } },
      h('span.field-label', {}, '时限 ', h('small', {}, 'Limits per step, narrowed by category, priority or area when given · 时限写 30m、4h、8wh（工作时），或 category（按分类的处置时限）')),
      limits.element, h('em.field-error', { role: 'alert' })),
    field('note', '版本说明', 'Note', note),
    h('fieldset.what-if-window', {},
      h('legend', {}, '试算窗口（城市时间；留空为此前 30 天） ', h('small', {}, 'What-if window in city time; empty: the 30 days before now')),
      h('div.field-row', {}, field('from', '开始', 'From', from), field('to', '结束', 'To', to), field('scope', '范围', 'Scope', scope), whatIfButton)),
    h('div.form-actions', {}, saveButton, message));

  const draft = (): PolicyDraft => ({ warnFraction: warnFraction.value, resendUnreadAfter: resend.value, note: note.value, limits: limits.value });

  const fill = (policy: PolicyView) => {
    const d = draftOf(policy);
    warnFraction.value = d.warnFraction;
    resend.value = d.resendUnreadAfter;
    note.value = '';
    limits.value = d.limits;
    current.replaceChildren(`现行版本 v${policy.version} · ${policy.savedBy} · ${cityStamp(Date.parse(policy.savedAt))}`,
      policy.note ? h('span.policy-note', {}, ` · ${policy.note}`) : '', h('small', {}, ' Current version'));
  };

  /** A refusal: limit errors at their rows, the rest at the fields or listed. */
  const refused = (e: unknown, sent: PolicyDraft) => {
    const rows = new Map<number, { columns: Set<string>; text: string[] }>();
    for (const [key, text] of Object.entries(errorsOf(e))) {
      const at = rowOfError(sent, key);
      if (!at) continue;
      const entry = rows.get(at.row) ?? { columns: new Set<string>(), text: [] };
      entry.columns.add(at.column ?? '*');
      entry.text.push(`${key}: ${text}`);
      rows.set(at.row, entry);
    }
    limits.showErrors(rows);
    showRefusal(form, message, e, isLimitKey);
  };

  const readVersions = async () => {
    try {
      const list = await api<PolicyVersionInfo[]>('/api/admin/sla-policy/versions');
      versions.replaceChildren(...list.map(v => h('tr', { dataset: { version: String(v.version) } },
        h('td.num', {}, `v${v.version}`), h('td', {}, v.savedBy), h('td', {}, cityStamp(Date.parse(v.savedAt))), h('td', {}, v.note ?? ''))));
    } catch (e) {
      versions.replaceChildren(h('tr', {}, h('td', { colSpan: 4 }, messageOf(e))));
    }
  };

  let loaded = false;
  const reload = async () => {
    clearRefusal(form, message);
    limits.showErrors(new Map());
    try {
      fill(await api<PolicyView>('/api/sla-policy'));
      loaded = true;
    } catch (e) {
      showRefusal(form, message, e);
    }
  };
  reloadButton.addEventListener('click', () => void reload());

  whatIfButton.addEventListener('click', () => void (async () => {
    clearRefusal(form, message);
    limits.showErrors(new Map());
    const sent = draft();
    const window = {
      from: Number.isNaN(fromCityInput(from.value)) ? undefined : new Date(fromCityInput(from.value)).toISOString(),
      to: Number.isNaN(fromCityInput(to.value)) ? undefined : new Date(fromCityInput(to.value)).toISOString(),
      scope: scope.value,
    };
    whatIfButton.disabled = true;
    say(message, '试算中 Replaying the window under the draft…');
    whatIfHost.replaceChildren();
    try {
      const answer = await api<WhatIfAnswer>('/api/kpis/what-if/draft', { body: whatIfRequestOf(sent, window) });
      whatIfHost.replaceChildren(h('h3', {}, '试算结果 ', h('small', {}, 'What-if: the draft against the policy in force')), whatIfPanel(whatIfView(answer)));
      say(message, '试算完成（未保存）· What-if done (nothing saved)', 'green');
    } catch (e) {
      refused(e, sent);
    } finally {
      whatIfButton.disabled = false;
    }
  })());

  form.addEventListener('submit', event => {
    event.preventDefault();
    void (async () => {
      clearRefusal(form, message);
      limits.showErrors(new Map());
      const sent = draft();
      saveButton.disabled = true;
      try {
        const saved = await api<PolicyView>('/api/admin/sla-policy', { body: policyRequestOf(sent) });
        fill(saved);
        say(message, `已保存为 v${saved.version}：对此后开始的时限生效 · Saved; applies to deadlines started from now`, 'green');
        await readVersions();
      } catch (e) {
        refused(e, sent);
      } finally {
        saveButton.disabled = false;
      }
    })();
  });

  return {
    id: 'policy', zh: '时限策略', en: 'SLA policy',
    element: h('section.admin-section.policy', {},
      h('header.section-head', {}, h('h2', {}, '时限策略 ', h('small', {}, 'SLA policy versions'))),
      h('div.policy-current-row', {}, current, reloadButton), form, whatIfHost,
      h('h3', {}, '历史版本 ', h('small', {}, 'Versions, newest first')),
      h('table.policy-versions', {},
        h('thead', {}, h('tr', {}, h('th', {}, '版本 Version'), h('th', {}, '保存人 By'), h('th', {}, '时间 When'), h('th', {}, '说明 Note'))),
        versions)),
    async show() {
      // The draft survives leaving the section; 重新载入 reads the version in force again.
      if (!loaded) await reload();
      void api<CategoryRecord[]>('/api/admin/categories')
        .then(list => { limits.categoryCodes = list.filter(c => !c.retired).map(c => [c.code, c.name]); })
        .catch(() => undefined);
      await readVersions();
    },
  };
}
