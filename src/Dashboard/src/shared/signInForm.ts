// The sign-in form every page shows before anything else: username (a worker types its member id) and password.
// A page opened from an invitation link (?invite=CODE) shows the 设置密码 form first and signs in with the new password.

import { currentAccount, signIn, SignInError, type Account } from './session';
import { invitationCode, showInvitationForm } from './invitationForm';
import { h } from './words';

export interface SignInText {
  title: string;
  subtitle: string;
  usernameLabel: string;
  usernamePlaceholder: string;
}

export function showSignIn(host: HTMLElement, text: SignInText, accept: (account: Account) => string | null): Promise<Account> {
  return new Promise(resolve => {
    const code = invitationCode();
    if (code) void showInvitationForm(host, code, text, accept, resolve, () => drawSignIn(host, text, accept, resolve));
    else drawSignIn(host, text, accept, resolve);
  });
}

function drawSignIn(host: HTMLElement, text: SignInText, accept: (account: Account) => string | null, resolve: (account: Account) => void): void {
  const username = h('input', { name: 'username', autocomplete: 'username', placeholder: text.usernamePlaceholder, required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p.signin-message', { role: 'alert' });
  const button = h('button', { type: 'submit' }, '登录 ', h('small', {}, 'Sign in'));
  const form = h('form.signin', {},
    h('div.signin-emblem', { 'aria-hidden': 'true' }),
    h('h1', {}, text.title),
    h('p.signin-subtitle', {}, text.subtitle),
    h('label', {}, h('span', {}, text.usernameLabel), username),
    h('label', {}, h('span', {}, '密码 ', h('small', {}, 'Password')), password),
    button,
    message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    button.disabled = true;
    message.textContent = '';
    try {
      const account = await signIn(username.value, password.value);
      const refusal = accept(account);
      if (refusal) {
        message.textContent = refusal;
        return;
      }
      host.replaceChildren();
      resolve(account);
    } catch (e) {
      message.textContent = e instanceof SignInError ? e.message : String(e);
    } finally {
      button.disabled = false;
    }
  });
  host.replaceChildren(h('div.signin-backdrop', {}, form));
  username.focus();
}

/**
 * The account a page runs as: the tab's signed-in account when the page accepts it, else whoever signs in
 * through the form (`signedInNow`: the form was used, so the page has had a user gesture).
 */
export async function pageAccount(host: HTMLElement, text: SignInText, accept: (account: Account) => string | null)
  : Promise<{ account: Account; signedInNow: boolean }> {
  const current = currentAccount();
  // An invitation link is for setting a password, whoever is signed in on this tab.
  if (current && accept(current) === null && !invitationCode()) return { account: current, signedInNow: false };
  return { account: await showSignIn(host, text, accept), signedInNow: true };
}
