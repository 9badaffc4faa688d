// The admin console at /admin: a city moves in through it alone (docs/admin.md). Sign in with an account whose
// token has the admin power; a left nav switches the sections (the address fragment names the one shown, so a
// setup step's link opens its section); the setup checklist comes first while any step is not done.

import '../shared/base.css';
import '../shared/policyTable.css';
import './admin.css';
import { signOut } from '../shared/session';
import { pageAccount } from '../shared/signInForm';
import { loadCity } from '../shared/city';
import { h } from '../shared/words';
import { accountsSection } from './accountsSection';
import { auditSection } from './auditSection';
import { categoriesSection } from './categoriesSection';
import { citySection } from './citySection';
import { gridsSection } from './gridsSection';
import { passwordDialog } from '../shared/passwordDialog';
import { policySection } from './policySection';
import { rosterSection } from './rosterSection';
import type { Section } from './section';
import { sectionOfStep, setupSection } from './setupSection';

const app = document.getElementById('app')!;

void main();

async function main(): Promise<void> {
  const { account } = await pageAccount(app, {
    title: '管理控制台',
    subtitle: 'Admin console · 城市开通与配置 Bring a city in',
    usernameLabel: '用户名 ',
    usernamePlaceholder: 'admin',
  }, a => a.powers.includes('admin') ? null : '管理控制台仅供管理员使用 · The console is for admins.');
  await loadCity();

  // The nav marks each setup step's section done or not, from the checklist's every read.
  const setup = setupSection(view => {
    for (const b of navButtons) {
      const step = view.steps.find(s => sectionOfStep(s.step) === b.dataset.section);
      if (step) b.dataset.done = String(step.done);
    }
  });
  const refreshCity = () => { void loadCity(); };
  const sections: Section[] = [
    setup, citySection(refreshCity), gridsSection(refreshCity), rosterSection(), accountsSection(), categoriesSection(), policySection(), auditSection(),
  ];
  const navButtons = sections.map(s => h('a.nav-item', { href: `#${s.id}`, dataset: { section: s.id } },
    h('span.nav-zh', {}, s.zh), h('small.nav-en', {}, s.en)));
  const content = h('main.admin-content', {}, ...sections.map(s => {
    s.element.dataset.section = s.id;
    s.element.id = `section-${s.id}`;
    s.element.hidden = true;
    return s.element;
  }));
  const password = passwordDialog();

  app.replaceChildren(h('div.admin', {},
    h('header.admin-head', {},
      h('div.brand', {},
        h('div.brand-mark', { ariaHidden: 'true' }),
        h('div', {}, h('h1', {}, '管理控制台'), h('p', {}, 'Admin console · 城市、网格、名册、账号、分类与时限策略'))),
      h('div.head-meta', {},
        h('a.to-wall', { href: '/' }, '大屏 ', h('small', {}, 'Wall')),
        h('a.to-replay', { href: '/replay' }, '回放 ', h('small', {}, 'Replay')),
        h('button.change-password', { type: 'button', onclick: () => password.showModal() }, '修改密码 ', h('small', {}, 'Password')),
        h('button.signout', { type: 'button', title: 'Sign out', onclick: () => { signOut(); location.reload(); } }, `${account.username} · 退出`))),
    h('div.admin-body', {}, h('nav.admin-nav', { ariaLabel: 'Sections' }, ...navButtons), content),
    password));

  let shown: Section | null = null;
  const show = (id: string, load = true) => {
    const section = sections.find(s => s.id === id) ?? sections[0];
    if (shown !== section) {
      for (const s of sections) s.element.hidden = s !== section;
      for (const b of navButtons) b.classList.toggle('active', b.dataset.section === section.id);
      shown = section;
      content.scrollTop = 0;
    }
    if (load) void section.show();
    // The checklist is read again with every move, so the nav's marks follow what was just saved.
    if (section !== setup) void setup.show();
  };
  addEventListener('hashchange', () => show(location.hash.slice(1)));
  // A save anywhere moves the checklist's marks at once, not only on the next move.
  content.addEventListener('admin-done', () => { void setup.show(); });

  // The checklist first while any step is not done; else the section the address names, or the checklist.
  await setup.show();
  const asked = location.hash.slice(1);
  if (!setup.allDone() || !sections.some(s => s.id === asked)) {
    if (location.hash !== '#setup') history.replaceState(null, '', '#setup');
    show('setup', false);
  } else show(asked);
}
