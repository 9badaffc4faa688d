// Placeholder: the replay page (SLA history at any speed, worker tracks) is being built in its own issue.

import '../shared/base.css';
import { h } from '../shared/words';

document.getElementById('app')!.replaceChildren(h('div.signin-backdrop', {},
  h('div.signin', {},
    h('div.signin-emblem', { 'aria-hidden': 'true' }),
    h('h1', {}, '历史回放 即将上线'),
    h('p.signin-subtitle', {}, 'Replay is coming: any time window at any speed, with SLA lights and worker tracks.'),
    h('p', { style: 'text-align:center' }, h('a', { href: '/', style: 'color:#4fc3f7' }, '返回大屏 · Back to the map wall')))));
