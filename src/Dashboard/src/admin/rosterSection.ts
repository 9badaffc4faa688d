// 名册: the roster file is the whole roster. Choose a CSV or XLSX, have the server preview it (POST
// /api/admin/roster/preview, multipart field `file`), and apply the same file (POST /api/admin/roster/apply) only
// when the preview has no errors and nobody blocked. The roster exports in the import's columns; the members
// below are edited one by one.

import { api, ApiError } from '../shared/api';
import type { RosterPreview } from './adminWire';
import { download } from '../shared/download';
import { messageOf, say } from '../shared/fieldErrors';
import { MemberTable } from './memberTable';
import { appliable, rosterReport } from './rosterReport';
import type { Section } from './section';
import { h } from '../shared/words';

export function rosterSection(): Section {
  const file = h('input.roster-file', { type: 'file', name: 'file', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const apply = h('button.primary.roster-apply', { type: 'button', disabled: true }, '导入名册 ', h('small', {}, 'Apply the roster'));
  const exportCsv = h('button.roster-export', { type: 'button', dataset: { format: 'csv' } }, '导出 CSV');
  const exportXlsx = h('button.roster-export', { type: 'button', dataset: { format: 'xlsx' } }, '导出 XLSX');
  const status = h('div.form-message.roster-status', { role: 'status' });
  const report = h('div.roster-result');
  const members = new MemberTable();

  const send = (path: string) => {
    const body = new FormData();
    body.append('file', file.files![0]);
    return api<RosterPreview>(path, { method: 'POST', raw: body });
  };

  file.addEventListener('change', () => void (async () => {
    apply.disabled = true;
    report.replaceChildren();
    const chosen = file.files?.[0];
    if (!chosen) return;
    say(status, `校验中 Checking ${chosen.name}…`);
    try {
      const preview = await send('/api/admin/roster/preview');
      report.replaceChildren(rosterReport(preview));
      apply.disabled = !appliable(preview);
      say(status, appliable(preview)
        ? `${chosen.name}：可以导入 · Ready to apply (预览，尚未改动 nothing changed yet)`
        : `${chosen.name}：有错误或受阻成员，不能导入 · Errors or blocked members: fix them first`, appliable(preview) ? 'green' : 'red');
    } catch (e) {
      say(status, messageOf(e), 'red');
    }
  })());

  apply.addEventListener('click', () => void (async () => {
    if (!file.files?.[0]) return;
    apply.disabled = true;
    say(status, '导入中 Applying…');
    try {
      const result = await send('/api/admin/roster/apply');
      report.replaceChildren(rosterReport(result));
      say(status, `已导入：新增 ${result.added.length}，变更 ${result.changed.length}，离开 ${result.left.length} · Applied`, 'green');
      void members.load();
    } catch (e) {
      // The server refuses (422) while errors or blocked members remain; its answer shows them when it sends them.
      const problem = e instanceof ApiError ? e.problem : null;
      if (problem && Array.isArray(problem.errors) && Array.isArray(problem.blocked)) {
        report.replaceChildren(rosterReport(problem as unknown as RosterPreview));
        say(status, '未导入：名册有错误或受阻成员 · Nothing applied: the file has errors or blocked members', 'red');
      } else say(status, messageOf(e), 'red');
    }
  })());

  for (const button of [exportCsv, exportXlsx]) {
    const format = button.dataset.format!;
    button.addEventListener('click', () => void download(`/api/admin/roster/export?format=${format}`, `roster.${format}`)
      .then(name => say(status, `已导出 ${name} · Exported`, 'green'))
      .catch(e => say(status, messageOf(e), 'red')));
  }

  return {
    id: 'roster', zh: '名册', en: 'Roster',
    element: h('section.admin-section.roster', {},
      h('header.section-head', {}, h('h2', {}, '名册 ', h('small', {}, 'Roster (一长五员)')), h('div.head-actions', {}, exportCsv, exportXlsx)),
      h('p.note', {}, '名册文件即完整名册：文件中没有的成员视为离开。列：编号、姓名、角色、网格、用工、电话（可选）。 ',
        h('small', {}, 'The file is the whole roster: a member missing from it has left. Columns: id, name, role, gridId, employment, phone.')),
      h('div.toolbar', {}, h('label.file-pick', {}, h('span', {}, '选择 CSV / XLSX ', h('small', {}, 'Choose a file')), file), apply),
      status, report, members.element),
    async show() {
      await members.load();
    },
  };
}
