// An invitation just made (a new account, a reset, a member's invite): the full link to hand over, when it
// expires, and a copy button. The link is shown once; the server keeps only that it was made.

import type { Invitation } from './adminWire';
import { h } from '../shared/words';
import { cityStamp } from '../shared/cityTime';

/** The address a person opens: the server's link is a path ("/worker?invite=…"), made whole with this page's origin. */
export const invitationUrl = (link: string, origin: string): string => (/^https?:\/\//.test(link) ? link : `${origin}${link.startsWith('/') ? '' : '/'}${link}`);

export function invitationBox(username: string, invitation: Invitation): HTMLElement {
  const url = invitationUrl(invitation.link, location.origin);
  const input = h('input.invitation-link', { readOnly: true, value: url, ariaLabel: '邀请链接 Invitation link', onfocus: (e: Event) => (e.target as HTMLInputElement).select() });
  const copied = h('span.copied', { role: 'status' });
  const copy = h('button.invitation-copy', { type: 'button' }, '复制 ', h('small', {}, 'Copy'));
  copy.addEventListener('click', () => void (async () => {
    try {
      await navigator.clipboard.writeText(url);
      copied.textContent = '已复制 Copied';
    } catch {
      input.select();
      copied.textContent = '请手动复制 · Copy it by hand (Ctrl+C)';
    }
  })());
  return h('div.invitation', { dataset: { username } },
    h('p', {}, h('strong', {}, username), ' 的邀请链接（仅显示一次，请交给本人） ', h('small', {}, 'Invitation link: shown once, hand it to the person')),
    h('div.invitation-row', {}, input, copy, copied),
    h('p.invitation-expiry', {}, '有效期至 ', h('time', { dateTime: invitation.expiresAt }, cityStamp(Date.parse(invitation.expiresAt))), h('small', {}, ' Expires')));
}
