// 设置密码: a page opened from an invitation link (?invite=CODE) asks for the new password before anything else.
// The server says whose invitation it is (GET /api/auth/invitation) and judges the password (POST, its message
// shows at the field); then the code leaves the address and the person is signed in with the new password, as a
// normal sign-in would. An unknown, used or expired code says so and offers the normal sign-in.

import { api, ApiError } from './api';
import { signIn, SignInError, type Account } from './session';
import { h } from './words';

export interface InvitationText {
  title: string;
  subtitle: string;
}

/** The invitation code in the page's address, if any. */
export const invitationCode = (): string | null => new URLSearchParams(location.search).get('invite');

/** Takes the code out of the address (it is one-time; a reload must not show the form again). */
export function forgetInvitation(): void {
  const url = new URL(location.href);
  url.searchParams.delete('invite');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

const when = (at: string) => new Date(at).toLocaleString('zh-CN', { hour12: false });

export async function showInvitationForm(
  host: HTMLElement, code: string, text: InvitationText,
  accept: (account: Account) => string | null, signedIn: (account: Account) => void, normalSignIn: () => void,
): Promise<void> {
  const message = h('p.signin-message', { role: 'alert' });
  const frame = (...children: (Node | string | null)[]) => h('div.signin-backdrop', {},
    h('form.signin.invitation-form', { noValidate: true },
      h('div.signin-emblem', { ariaHidden: 'true' }), h('h1', {}, '设置密码'), h('p.signin-subtitle', {}, `${text.title} · Set your password`), ...children));
  const toSignIn = h('button.to-signin', { type: 'button', onclick: () => { forgetInvitation(); normalSignIn(); } }, '使用已有密码登录 ', h('small', {}, 'Sign in instead'));

  host.replaceChildren(frame(h('p.signin-subtitle', {}, '正在核对邀请… Checking the invitation…')));
  let invitation: { username: string; expiresAt: string };
  try {
    invitation = await api<{ username: string; expiresAt: string }>(`/api/auth/invitation?code=${encodeURIComponent(code)}`);
  } catch (e) {
    message.textContent = e instanceof ApiError && e.status === 404
      ? '邀请链接无效、已使用或已过期，请向管理员索取新的链接 · The invitation is unknown, used or expired: ask an admin for a new one.'
      : e instanceof Error ? e.message : String(e);
    host.replaceChildren(frame(message, toSignIn));
    return;
  }

  const username = h('input', { name: 'username', value: invitation.username, readOnly: true, autocomplete: 'username' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true });
  const again = h('input', { name: 'passwordAgain', type: 'password', autocomplete: 'new-password', required: true });
  const passwordError = h('em.field-error', { role: 'alert' });
  const againError = h('em.field-error', { role: 'alert' });
  const button = h('button', { type: 'submit' }, '设置并登录 ', h('small', {}, 'Set and sign in'));
  const backdrop = frame(
    h('label', {}, h('span', {}, '用户名 ', h('small', {}, 'Username')), username),
    h('p.invitation-expiry', {}, `邀请有效期至 ${when(invitation.expiresAt)} `, h('small', {}, 'The invitation expires then')),
    h('label', { dataset: { field: 'password' } }, h('span', {}, '新密码 ', h('small', {}, 'New password')), password, passwordError),
    h('label', { dataset: { field: 'passwordAgain' } }, h('span', {}, '再次输入 ', h('small', {}, 'Again')), again, againError),
    button, message, toSignIn);
  const form = backdrop.querySelector('form')!;
  form.addEventListener('submit', event => {
    event.preventDefault();
    void (async () => {
      passwordError.textContent = againError.textContent = message.textContent = '';
      if (password.value !== again.value) {
        againError.textContent = '两次输入的密码不一致 · The two passwords differ.';
        return;
      }
      button.disabled = true;
      try {
        await api('/api/auth/invitation', { body: { code, password: password.value } });
      } catch (e) {
        const errors = (e instanceof ApiError ? e.problem?.errors ?? {} : {}) as Record<string, string[]>;
        const atPassword = Object.entries(errors).filter(([k]) => k.toLowerCase() === 'password').flatMap(([, v]) => v);
        if (atPassword.length) passwordError.textContent = atPassword.join(' ');
        else message.textContent = e instanceof Error ? e.message : String(e);
        button.disabled = false;
        return;
      }
      forgetInvitation();
      try {
        const account = await signIn(invitation.username, password.value);
        const refusal = accept(account);
        if (refusal) {
          message.textContent = `密码已设置。${refusal}`;
          return;
        }
        host.replaceChildren();
        signedIn(account);
      } catch (e) {
        message.textContent = e instanceof SignInError ? e.message : String(e);
      } finally {
        button.disabled = false;
      }
    })();
  });
  host.replaceChildren(backdrop);
  password.focus();
}
