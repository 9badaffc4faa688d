// 账号: every account (GET /api/admin/accounts) with its role, member, scope, state and lock; staff accounts are
// made here (POST, answered with an invitation), members' come from the roster. Per account: a new invitation
// (a reset, or a member's invite), disable or enable, unlock when locked, and a staff account's role and scope.

import { api } from '../shared/api';
import { cityStamp } from '../shared/cityTime';
import type { AccountView, CreatedAccount, Invitation, Lockout } from './adminWire';
import { accountRoleWords, accountStateWords, staffRoles } from './adminWords';
import { clearRefusal, field, messageOf, say, showRefusal } from '../shared/fieldErrors';
import { invitationBox } from './invitationBox';
import type { Section } from './section';
import { en, h, zh } from '../shared/words';

const when = (at: string | null) => (at ? cityStamp(Date.parse(at)) : '—');
const isLocked = (a: AccountView, now: number) => a.lockedUntil !== null && Date.parse(a.lockedUntil) > now;
const path = (username: string, rest = '') => `/api/admin/accounts/${encodeURIComponent(username)}${rest}`;

function roleOptions(current: string): HTMLOptionElement[] {
  return staffRoles.map(r => h('option', { value: r, selected: r === current }, `${zh(accountRoleWords, r)} ${en(accountRoleWords, r)}`));
}

export function accountsSection(): Section {
  const body = h('tbody');
  const status = h('div.form-message.accounts-status', { role: 'status' });
  const invitations = h('div.invitations');
  // Lockouts of names no account has (sign-in tries on a wrong name), listed apart with their unlock.
  const strayLocks = h('div.stray-lockouts');
  let accounts: AccountView[] = [];
  let lockouts: Lockout[] = [];
  let editing: string | null = null;

  // The create form.
  const username = h('input', { name: 'username', autocomplete: 'off', spellcheck: false, placeholder: 'operator2' });
  const role = h('select', { name: 'role' }, ...roleOptions('operator'));
  const gridScope = h('input', { name: 'gridScope', autocomplete: 'off', spellcheck: false, placeholder: '全市 whole city' });
  const createMessage = h('div.form-message', { role: 'status' });
  const create = h('form.account-create', { noValidate: true },
    h('h3', {}, '新建工作人员账号 ', h('small', {}, 'New staff account')),
    h('div.field-row', {},
      field('username', '用户名', 'Username', username), field('role', '角色', 'Role', role),
      field('gridScope', '网格范围（可选）', 'Grid scope (optional)', gridScope),
      h('button.primary', { type: 'submit' }, '创建并邀请 ', h('small', {}, 'Create and invite'))),
    createMessage);
  create.addEventListener('submit', event => {
    event.preventDefault();
    void (async () => {
      clearRefusal(create, createMessage);
      try {
        const scope = gridScope.value.trim();
        const made = await api<CreatedAccount>('/api/admin/accounts', { body: { username: username.value.trim(), role: role.value, ...(scope ? { gridScope: scope } : {}) } });
        showInvitation(made.account.username, made.invitation);
        say(createMessage, `已创建 ${made.account.username} · Created`, 'green');
        create.reset();
        await load();
      } catch (e) {
        showRefusal(create, createMessage, e);
      }
    })();
  });

  const showInvitation = (name: string, invitation: Invitation) => {
    invitations.querySelector(`.invitation[data-username="${CSS.escape(name)}"]`)?.remove();
    invitations.prepend(invitationBox(name, invitation));
  };

  /** Runs a row's action, then reads the accounts again; the server's refusal shows in the status line. */
  const act = async (what: string, call: () => Promise<void>) => {
    say(status, `${what}…`);
    try {
      await call();
      say(status, `${what}：完成 · Done`, 'green');
    } catch (e) {
      say(status, `${what}：${messageOf(e)}`, 'red');
    }
    await load();
  };

  const invite = (a: AccountView) => act(`${a.memberId ? '邀请' : '重置'} ${a.username}`, async () =>
    showInvitation(a.username, await api<Invitation>(path(a.username, '/invitation'), { method: 'POST' })));

  const rowOf = (a: AccountView, now: number): HTMLElement[] => {
    const buttons = [
      a.memberId
        ? h('button.account-invite', { type: 'button', title: '发送新的一次性邀请（原密码失效）· A new one-time invitation', onclick: () => void invite(a) }, '邀请 ', h('small', {}, 'Invite'))
        : h('button.account-reset', { type: 'button', title: '重置：原密码失效、会话结束，生成新邀请 · Reset: a new invitation', onclick: () => void invite(a) }, '重置 ', h('small', {}, 'Reset')),
      a.state === 'disabled'
        ? h('button.account-enable', { type: 'button', onclick: () => void act(`启用 ${a.username}`, () => api(path(a.username, '/enable'), { method: 'POST' })) }, '启用 ', h('small', {}, 'Enable'))
        : h('button.account-disable.danger', { type: 'button', onclick: () => void act(`停用 ${a.username}`, () => api(path(a.username, '/disable'), { method: 'POST' })) }, '停用 ', h('small', {}, 'Disable')),
      isLocked(a, now)
        ? h('button.account-unlock', { type: 'button', onclick: () => void act(`解锁 ${a.username}`, () => api(`/api/admin/lockouts/${encodeURIComponent(a.username)}`, { method: 'DELETE' })) }, '解锁 ', h('small', {}, 'Unlock'))
        : null,
      a.memberId ? null : h('button.account-edit', { type: 'button', onclick: () => { editing = editing === a.username ? null : a.username; draw(); } }, '修改 ', h('small', {}, 'Edit')),
    ];
    const row = h('tr', { dataset: { username: a.username, state: a.state, locked: String(isLocked(a, now)) } },
      h('td', {}, h('strong', {}, a.username)),
      h('td', {}, zh(accountRoleWords, a.role), h('small', {}, ` ${en(accountRoleWords, a.role)}`)),
      h('td', {}, a.memberId ?? '—'),
      h('td', {}, a.gridScope ?? '全市'),
      h('td', {}, h('span.state', { dataset: { state: a.state } }, zh(accountStateWords, a.state)),
        a.state === 'invited' && a.invitationExpiresAt ? h('small.expiry', {}, ` 邀请至 ${when(a.invitationExpiresAt)}`) : null),
      h('td', {}, isLocked(a, now) ? h('span.locked', {}, `锁定至 ${when(a.lockedUntil)}`) : '—'),
      h('td', {}, h('div.actions', {}, ...buttons)));
    return editing === a.username ? [row, h('tr.edit-row', {}, h('td', { colSpan: 7 }, editForm(a)))] : [row];
  };

  const editForm = (a: AccountView): HTMLElement => {
    const editRole = h('select', { name: 'role' }, ...roleOptions(a.role));
    const editScope = h('input', { name: 'gridScope', value: a.gridScope ?? '', spellcheck: false, placeholder: '全市 whole city' });
    const message = h('div.form-message', { role: 'status' });
    const form = h('form.account-form', { dataset: { username: a.username }, noValidate: true },
      h('div.field-row', {}, field('role', '角色', 'Role', editRole), field('gridScope', '网格范围', 'Grid scope', editScope),
        h('button.primary', { type: 'submit' }, '保存 ', h('small', {}, 'Save'))), message);
    form.addEventListener('submit', event => {
      event.preventDefault();
      void (async () => {
        clearRefusal(form, message);
        try {
          await api(path(a.username), { method: 'PUT', body: { role: editRole.value, gridScope: editScope.value.trim() || null } });
          editing = null;
          say(status, `已保存 ${a.username} · Saved`, 'green');
          await load();
        } catch (e) {
          showRefusal(form, message, e);
        }
      })();
    });
    return form;
  };

  const draw = () => {
    const now = Date.now();
    body.replaceChildren(...accounts.flatMap(a => rowOf(a, now)));
    const known = new Set(accounts.map(a => a.username.toLowerCase()));
    const stray = lockouts.filter(l => !known.has(l.username.toLowerCase()) && Date.parse(l.lockedUntil) > now);
    strayLocks.replaceChildren(...(stray.length ? [h('p.note', {}, '以下名称没有账号但因多次登录失败被锁定 ', h('small', {}, 'Locked names with no account')),
      ...stray.map(l => h('span.stray-lock', { dataset: { username: l.username } }, h('code', {}, l.username), ` 锁定至 ${when(l.lockedUntil)} `,
        h('button.account-unlock', { type: 'button', onclick: () => void act(`解锁 ${l.username}`, () => api(`/api/admin/lockouts/${encodeURIComponent(l.username)}`, { method: 'DELETE' })) }, '解锁 ', h('small', {}, 'Unlock'))))] : []));
  };

  const load = async () => {
    try {
      // The lockouts only add names without an account; the accounts show without them.
      [accounts, lockouts] = await Promise.all([api<AccountView[]>('/api/admin/accounts'), api<Lockout[]>('/api/admin/lockouts').catch(() => [])]);
    } catch (e) {
      say(status, messageOf(e), 'red');
    }
    draw();
  };

  return {
    id: 'accounts', zh: '账号', en: 'Accounts',
    element: h('section.admin-section.accounts', {},
      h('header.section-head', {}, h('h2', {}, '账号 ', h('small', {}, 'Accounts: each person its own credential'))),
      create, invitations, status,
      h('div.table-scroll', {}, h('table.accounts', {},
        h('thead', {}, h('tr', {}, ...['用户名 Username', '角色 Role', '成员 Member', '范围 Scope', '状态 State', '锁定 Locked', '操作 Actions'].map(t => h('th', {}, t)))),
        body)),
      strayLocks,
      h('p.note', {}, '成员账号由名册导入产生；重置或邀请会使原密码失效并结束其所有会话。 ',
        h('small', {}, 'Members\' accounts come from the roster; a reset or invite ends the old password and every session.'))),
    show: load,
  };
}
