// The roster file's report, from the preview or the apply: the errors by row and column, then who joins, who
// changes (before → after), who leaves, and who may not leave or move yet (open cases to re-dispatch first).

import type { RosterMember, RosterPreview } from './adminWire';
import { employmentWords, memberRoleWords } from './adminWords';
import { h, zh } from '../shared/words';

/** Whether the server would apply this file: no errors and nobody blocked. */
export const appliable = (preview: RosterPreview): boolean => !preview.errors.length && !preview.blocked.length;

const roleOf = (role: string) => zh(memberRoleWords, role);
const employmentOf = (employment: string) => zh(employmentWords, employment);

function memberCells(m: RosterMember): HTMLElement[] {
  return [h('td', {}, m.id), h('td', {}, m.name), h('td', {}, roleOf(m.role)), h('td', {}, m.gridId), h('td', {}, employmentOf(m.employment)), h('td', {}, m.phone ?? '')];
}

const memberHead = () => h('thead', {}, h('tr', {}, ...['编号 Id', '姓名 Name', '角色 Role', '网格 Grid', '用工 Employment', '电话 Phone'].map(t => h('th', {}, t))));

function group(kind: string, zhText: string, enText: string, count: number, body: HTMLElement): HTMLElement {
  return h('details.roster-group', { dataset: { kind }, open: count > 0 && count <= 50 },
    h('summary', {}, zhText, ' ', h('b.count', {}, String(count)), h('small', {}, ` ${enText}`)), body);
}

export function rosterReport(preview: RosterPreview): HTMLElement {
  const changedField = (before: RosterMember, after: RosterMember, key: keyof RosterMember, word: (v: string) => string = v => v) =>
    (before[key] ?? '') === (after[key] ?? '') ? null
      : h('span.field-change', { dataset: { key } }, `${word(String(before[key] ?? '')) || '—'} → ${word(String(after[key] ?? '')) || '—'}`);

  return h('div.roster-report', {},
    h('div.tally', {},
      tally('rows', '行', 'rows', preview.rows),
      tally('errors', '错误', 'errors', preview.errors.length),
      tally('added', '新增', 'join', preview.added.length),
      tally('changed', '变更', 'change', preview.changed.length),
      tally('left', '离开', 'leave', preview.left.length),
      tally('blocked', '受阻', 'blocked', preview.blocked.length)),
    preview.errors.length ? h('table.roster-errors', {},
      h('caption', {}, '文件错误 ', h('small', {}, 'Errors in the file (row 1 is the header)')),
      h('thead', {}, h('tr', {}, h('th', {}, '行 Row'), h('th', {}, '列 Column'), h('th', {}, '问题 Message'))),
      h('tbody', {}, ...preview.errors.map(e => h('tr', { dataset: { row: String(e.row), column: e.column } },
        h('td.num', {}, String(e.row)), h('td', {}, e.column), h('td', {}, e.message))))) : null,
    preview.blocked.length ? group('blocked', '受阻：有在办案件', 'Blocked: open cases to re-dispatch first', preview.blocked.length,
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, '编号 Id'), h('th', {}, '姓名 Name'), h('th', {}, '在办案件 Open cases'))),
        h('tbody', {}, ...preview.blocked.map(b => h('tr', { dataset: { member: b.id } },
          h('td', {}, b.id), h('td', {}, b.name), h('td', {}, ...b.openCases.flatMap((c, i) => [i ? ', ' : '', h('code', {}, c)]))))))) : null,
    group('added', '新增成员', 'Joining', preview.added.length,
      h('table', {}, memberHead(), h('tbody', {}, ...preview.added.map(m => h('tr', { dataset: { member: m.id } }, ...memberCells(m)))))),
    group('changed', '信息变更', 'Changing', preview.changed.length,
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, '编号 Id'), h('th', {}, '姓名 Name'), h('th', {}, '变更 Changes'))),
        h('tbody', {}, ...preview.changed.map(c => h('tr', { dataset: { member: c.id } },
          h('td', {}, c.id), h('td', {}, c.after.name),
          h('td.changes', {},
            changedField(c.before, c.after, 'name'), changedField(c.before, c.after, 'role', roleOf), changedField(c.before, c.after, 'gridId'),
            changedField(c.before, c.after, 'employment', employmentOf), changedField(c.before, c.after, 'phone'))))))),
    group('left', '离开（账号将停用）', 'Leaving (accounts disabled)', preview.left.length,
      h('table', {}, memberHead(), h('tbody', {}, ...preview.left.map(m => h('tr', { dataset: { member: m.id } }, ...memberCells(m)))))));
}

function tally(kind: string, zhText: string, enText: string, count: number): HTMLElement {
  return h('div.tally-item', { dataset: { kind, count: String(count) } }, h('b', {}, String(count)), h('span', {}, zhText, h('small', {}, ` ${enText}`)));
}
