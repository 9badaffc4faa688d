// 修改密码: the signed-in person changes its own password (POST /api/auth/password). The strength rule is the
// server's; its message shows at the field it names. The second new-password box only guards against a typo.

import { api } from './api';
import { currentAccount, signIn } from './session';
import { clearRefusal, field, say, showRefusal } from './fieldErrors';
import { h } from './words';

export function passwordDialog(): HTMLDialogElement {
  const current = h('input', { name: 'currentPassword', type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { name: 'newPassword', type: 'password', autocomplete: 'new-password', required: true });
  const again = h('input', { name: 'newPasswordAgain', type: 'password', autocomplete: 'new-password', required: true });
  const message = h('div.form-message', { role: 'status' });
  const submit = h('button.primary', { type: 'submit' }, '修改 ', h('small', {}, 'Change'));
  const form = h('form.password-form', { method: 'dialog', noValidate: true },
    h('h2', {}, '修改密码 ', h('small', {}, 'Change my password')),
    field('currentPassword', '当前密码', 'Current password', current),
    field('newPassword', '新密码', 'New password', next),
    field('newPasswordAgain', '再次输入新密码', 'New password again', again),
    h('div.form-actions', {}, submit, h('button.plain', { type: 'button', onclick: () => dialog.close() }, '关闭 ', h('small', {}, 'Close'))),
    message);
  const dialog = h('dialog.password-dialog', {}, form);

  form.addEventListener('submit', event => {
    event.preventDefault();
    void (async () => {
      clearRefusal(form, message);
      if (next.value !== again.value) {
        const row = again.closest<HTMLElement>('[data-field]')!;
        row.dataset.invalid = 'true';
        row.querySelector('.field-error')!.textContent = '两次输入的新密码不一致 · The two new passwords differ.';
        return;
      }
      submit.disabled = true;
      try {
        const username = currentAccount()?.username ?? '';
        await api('/api/auth/password', { body: { currentPassword: current.value, newPassword: next.value } });
        // The change ended every session of the account, this tab's too: sign in again with the new password.
        await signIn(username, next.value);
        form.reset();
        say(message, '密码已修改，其他登录已退出 · Password changed; other sessions signed out.', 'green');
      } catch (e) {
        showRefusal(form, message, e);
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return dialog;
}
