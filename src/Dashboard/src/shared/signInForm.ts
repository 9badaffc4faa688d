// The sign-in form both pages show before anything else: username (a worker types its member id) and password.

import { currentAccount, signIn, SignInError, type Account } from './session';
import { h } from './words';

export interface SignInText {
  title: string;
  subtitle: string;
  usernameLabel: string;
  usernamePlaceholder: string;
}

export function showSignIn(host: HTMLElement, text: SignInText, accept: (account: Account) => string | null): Promise<Account> {
  return new Promise(resolve => {
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
  });
}

/**
 * The account a page runs as: the tab's signed-in account when the page accepts it, else whoever signs in
 * through the form (`signedInNow`: the form was used, so the page has had a user gesture).
 */
export async function pageAccount(host: HTMLElement, text: SignInText, accept: (account: Account) => string | null)
  : Promise<{ account: Account; signedInNow: boolean }> {
  const current = currentAccount();
  if (current && accept(current) === null) return { account: current, signedInNow: false };
  return { account: await showSignIn(host, text, accept), signedInNow: true };
}
