// 审计: every change the console made, newest first (GET /api/admin/audit?subject=&from=&to=): when (city time),
// who, what, on what, and before → after. The same list downloads as CSV (GET /api/admin/audit/export).

import { api } from '../shared/api';
import { cityStamp, fromCityInput } from '../shared/cityTime';
import type { AuditEntry } from './adminWire';
import { changedFields } from './auditChange';
import { download } from '../shared/download';
import { field, messageOf, say } from '../shared/fieldErrors';
import type { Section } from './section';
import { h } from '../shared/words';

export function auditSection(): Section {
  const subject = h('input', { name: 'subject', placeholder: 'account:operator2 · category: · policy · city', spellcheck: false, size: 24 });
  const from = h('input', { name: 'from', type: 'datetime-local' });
  const to = h('input', { name: 'to', type: 'datetime-local' });
  const status = h('div.form-message.audit-status', { role: 'status' });
  const body = h('tbody');
  const exportButton = h('button.audit-export', { type: 'button' }, '导出 CSV ', h('small', {}, 'Export'));

  const query = () => {
    const params = new URLSearchParams();
    if (subject.value.trim()) params.set('subject', subject.value.trim());
    const start = fromCityInput(from.value);
    const end = fromCityInput(to.value);
    if (!Number.isNaN(start)) params.set('from', new Date(start).toISOString());
    if (!Number.isNaN(end)) params.set('to', new Date(end).toISOString());
    const text = params.toString();
    return text ? `?${text}` : '';
  };

  const load = async () => {
    say(status, '读取中 Loading…');
    try {
      const entries = await api<AuditEntry[]>(`/api/admin/audit${query()}`);
      body.replaceChildren(...entries.map(e => h('tr', { dataset: { subject: e.subject, action: e.action } },
        h('td.when', {}, h('time', { dateTime: e.at }, cityStamp(Date.parse(e.at)))),
        h('td', {}, e.actor), h('td', {}, h('code', {}, e.action)),
        h('td', {}, h('button.link-button.subject-filter', { type: 'button', title: '只看此对象 · Filter by this subject', onclick: () => { subject.value = e.subject; void load(); } }, e.subject)),
        h('td.change', {}, ...changedFields(e.before, e.after).map(c => h('div.change-line', {},
          c.key ? h('b', {}, `${c.key}: `) : null, h('span.before', {}, c.before), ' → ', h('span.after', {}, c.after)))))));
      say(status, `${entries.length} 条 · entries`);
    } catch (e) {
      say(status, messageOf(e), 'red');
    }
  };

  const filter = h('form.toolbar.audit-filter', {},
    field('subject', '对象（前缀）', 'Subject starts with', subject), field('from', '开始', 'From', from), field('to', '结束', 'To', to),
    h('button.primary', { type: 'submit' }, '查询 ', h('small', {}, 'Filter')), exportButton);
  filter.addEventListener('submit', e => { e.preventDefault(); void load(); });
  exportButton.addEventListener('click', () => void download(`/api/admin/audit/export${query()}`, 'audit.csv')
    .then(name => say(status, `已导出 ${name} · Exported`, 'green'))
    .catch(e => say(status, messageOf(e), 'red')));

  return {
    id: 'audit', zh: '审计', en: 'Audit',
    element: h('section.admin-section.audit', {},
      h('header.section-head', {}, h('h2', {}, '审计日志 ', h('small', {}, 'Audit trail: every change, newest first'))),
      filter, status,
      h('div.table-scroll', {}, h('table.audit', {},
        h('thead', {}, h('tr', {}, ...['时间 When', '操作人 Actor', '操作 Action', '对象 Subject', '变更 Before → after'].map(t => h('th', {}, t)))),
        body))),
    show: load,
  };
}
