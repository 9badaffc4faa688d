// The roster as the server keeps it (GET /api/admin/roster: every member with its role, home grid, employment and
// phone), with a filter and an edit form per member (PUT /api/admin/members/{id}, checked by the roster's rules).

import { api } from '../shared/api';
import type { RosterMember } from './adminWire';
import { employmentWords, memberRoleWords } from './adminWords';
import { clearRefusal, field, say, showRefusal } from '../shared/fieldErrors';
import { h, zh } from '../shared/words';

export class MemberTable {
  readonly element: HTMLElement;
  private members: RosterMember[] = [];
  private readonly body = h('tbody');
  private readonly filter = h('input.member-filter', { type: 'search', placeholder: '筛选：编号、姓名、网格 · Filter', ariaLabel: '筛选 Filter' });
  private readonly status = h('div.form-message', { role: 'status' });
  private editing: string | null = null;

  constructor() {
    this.filter.addEventListener('input', () => this.draw());
    const load = h('button', { type: 'submit' }, '刷新 ', h('small', {}, 'Reload'));
    const form = h('form.toolbar', {}, this.filter, load);
    form.addEventListener('submit', e => { e.preventDefault(); void this.load(); });
    this.element = h('div.member-table', {},
      h('h3', {}, '成员 ', h('small', {}, 'Members')),
      form, this.status,
      h('div.table-scroll', {}, h('table.members', {},
        h('thead', {}, h('tr', {}, ...['编号 Id', '姓名 Name', '角色 Role', '网格 Grid', '用工 Employment', '电话 Phone', ''].map(t => h('th', {}, t)))),
        this.body)));
  }

  async load(): Promise<void> {
    try {
      this.members = await api<RosterMember[]>('/api/admin/roster');
      say(this.status, `${this.members.length} 名成员 · members`);
    } catch (e) {
      showRefusal(this.element, this.status, e);
      this.members = [];
    }
    this.draw();
  }

  private draw(): void {
    const words = this.filter.value.trim().toLowerCase();
    const shown = words ? this.members.filter(m => [m.id, m.name, m.gridId, m.phone ?? ''].some(v => v.toLowerCase().includes(words))) : this.members;
    this.body.replaceChildren(...shown.flatMap(m => {
      const row = h('tr', { dataset: { member: m.id } },
        h('td', {}, m.id), h('td', {}, m.name), h('td', {}, zh(memberRoleWords, m.role)), h('td', {}, m.gridId),
        h('td', {}, zh(employmentWords, m.employment)), h('td', {}, m.phone ?? ''),
        h('td', {}, h('button.member-edit', { type: 'button', onclick: () => { this.editing = this.editing === m.id ? null : m.id; this.draw(); } }, '编辑 ', h('small', {}, 'Edit'))));
      return this.editing === m.id ? [row, h('tr.edit-row', {}, h('td', { colSpan: 7 }, this.editForm(m)))] : [row];
    }));
  }

  private editForm(m: RosterMember): HTMLElement {
    const options = (table: Record<string, [string, string]>, current: string) =>
      [...Object.entries(table).map(([code, [zhText, enText]]) => h('option', { value: code, selected: code === current }, `${zhText} ${enText}`)),
        ...(current in table ? [] : [h('option', { value: current, selected: true }, current)])];
    const name = h('input', { name: 'name', value: m.name });
    const role = h('select', { name: 'role' }, ...options(memberRoleWords, m.role));
    const gridId = h('input', { name: 'gridId', value: m.gridId, spellcheck: false });
    const employment = h('select', { name: 'employment' }, ...options(employmentWords, m.employment));
    const phone = h('input', { name: 'phone', type: 'tel', placeholder: '电话 Phone', value: m.phone ?? '' });
    const message = h('div.form-message', { role: 'status' });
    const form = h('form.member-form', { dataset: { member: m.id }, noValidate: true },
      h('div.field-row', {},
        field('name', '姓名', 'Name', name), field('role', '角色', 'Role', role), field('gridId', '网格', 'Grid', gridId),
        field('employment', '用工', 'Employment', employment), field('phone', '电话', 'Phone', phone)),
      h('div.form-actions', {}, h('button.primary', { type: 'submit' }, '保存 ', h('small', {}, 'Save')),
        h('button.plain', { type: 'button', onclick: () => { this.editing = null; this.draw(); } }, '取消 ', h('small', {}, 'Cancel')), message));
    form.addEventListener('submit', event => {
      event.preventDefault();
      void (async () => {
        clearRefusal(form, message);
        const body: Omit<RosterMember, 'id'> = {
          name: name.value.trim(), role: role.value, gridId: gridId.value.trim(), employment: employment.value, phone: phone.value.trim() || null,
        };
        try {
          const saved = await api<RosterMember>(`/api/admin/members/${encodeURIComponent(m.id)}`, { method: 'PUT', body });
          this.members = this.members.map(x => (x.id === m.id ? { ...x, ...saved } : x));
          this.editing = null;
          this.draw();
          say(this.status, `已保存 ${m.id} · Saved`, 'green');
        } catch (e) {
          showRefusal(form, message, e);
        }
      })();
    });
    return form;
  }
}
