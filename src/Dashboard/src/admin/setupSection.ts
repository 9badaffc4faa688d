// 开通向导: the server's setup checklist (GET /api/admin/setup), in its order. Each step links to its section;
// the first step not done is the one to do next. The console shows it first while anything is not done.

import { api } from '../shared/api';
import type { SetupView } from './adminWire';
import { setupStepWords } from './adminWords';
import { messageOf } from '../shared/fieldErrors';
import type { Section } from './section';
import { h } from '../shared/words';

/** The section each step is done in: the step's own name, "policy" in the SLA policy section. */
export const sectionOfStep = (step: string): string => step;

export interface SetupSection extends Section {
  /** The last checklist read: whether every step is done (false until read). */
  allDone(): boolean;
}

/** `read` hears every checklist read, so the nav can mark each step's section done or not. */
export function setupSection(read: (view: SetupView) => void = () => undefined): SetupSection {
  const list = h('ol.setup-steps');
  const summary = h('p.setup-summary', { role: 'status' });
  let done = false;

  const draw = (view: SetupView) => {
    const next = view.steps.find(s => !s.done);
    done = !next;
    summary.replaceChildren(next
      ? h('span', {}, '下一步：', h('a', { href: `#${sectionOfStep(next.step)}` }, setupStepWords[next.step]?.[0] ?? next.step), h('small', {}, ` Next: ${setupStepWords[next.step]?.[1] ?? next.step}`))
      : h('span', {}, '开通完成，各项均已就绪 ', h('small', {}, 'Every step is done')));
    list.replaceChildren(...view.steps.map((s, i) => {
      const [zhText, enText] = setupStepWords[s.step] ?? [s.step, ''];
      return h('li.setup-step', { dataset: { step: s.step, done: String(s.done), next: String(s === next) } },
        h('span.step-mark', { ariaHidden: 'true' }, s.done ? '✓' : String(i + 1)),
        h('a.step-link', { href: `#${sectionOfStep(s.step)}` }, h('strong', {}, zhText), h('small', {}, ` ${enText}`)),
        h('span.step-state', {}, s.done ? '已完成 Done' : s === next ? '待办 · 下一步 Next' : '未完成 Not done'),
        h('span.step-detail', {}, s.detail ?? ''));
    }));
  };

  return {
    id: 'setup', zh: '开通向导', en: 'Setup',
    element: h('section.admin-section.setup', {},
      h('header.section-head', {}, h('h2', {}, '开通向导 ', h('small', {}, 'Bring a city in, step by step'))),
      h('p.note', {}, '依次完成以下各项，城市即可启用。 ', h('small', {}, 'Do the steps in order; the server says which are done.')),
      summary, list),
    allDone: () => done,
    async show() {
      try {
        const view = await api<SetupView>('/api/admin/setup');
        draw(view);
        read(view);
      } catch (e) {
        summary.dataset.tone = 'red';
        summary.textContent = messageOf(e);
      }
    },
  };
}
