// 抽查 on the phone: the 双随机 checks a 督查员 was drawn for, each with the case's facts as the server gives them
// (never the caller), and the result recorded on site: passed or not, a note (needed when it failed), photos and
// the phone's position. Who may record, and what a failure leads to (rework or a new case), is the server's.
// The result goes through the phone's outbox, so a check recorded in a basement is sent when the network is back.

import { api, ApiError } from '../shared/api';
import { currentPosition } from '../shared/device';
import type { PhoneSender } from './phoneSender';
import { outcomeWords } from './phoneSender';
import type { InspectionSummaryView, InspectionTaskView } from '../shared/wire';
import { h, stamp, stateWords, zh } from '../shared/words';

export class InspectionView {
  constructor(private readonly host: HTMLElement, private readonly sender: PhoneSender) {}

  async load(): Promise<void> {
    try {
      const tasks = await api<InspectionSummaryView[]>('/api/inspections');
      const waiting = tasks.filter(t => t.state !== 'recorded');
      this.host.replaceChildren(
        h('p.view-intro', {}, `双随机抽查：待查 ${waiting.length} 件 · Random checks you were drawn for`),
        tasks.length
          ? h('ol.inspections', {}, ...tasks.map(t => this.row(t)))
          : h('p.empty', {}, '本月没有抽到你 · No check drawn for you this month.'));
    } catch (e) {
      this.host.replaceChildren(h('p.task-error', {}, e instanceof Error ? e.message : String(e)));
    }
  }

  private row(task: InspectionSummaryView): HTMLElement {
    const body = h('div.inspection-body', {});
    const item = h('li.inspection', { dataset: { id: task.id, incident: task.incidentId, state: task.state } },
      h('button.inspection-head', { type: 'button' },
        h('strong', {}, task.categoryName ?? task.category ?? task.incidentId),
        h('span', {}, ` ${task.townName ?? ''} · ${task.incidentId}`),
        h('small', {}, task.state === 'recorded' ? ` 已查 ${task.passed ? '合格 passed' : '不合格 failed'}` : ` 待查 · 截止 ${task.dueAt ? stamp(task.dueAt) : '—'}`)),
      body);
    item.querySelector('button')!.addEventListener('click', () => void this.open(task.id, body));
    return item;
  }

  private async open(id: string, body: HTMLElement): Promise<void> {
    if (body.childElementCount) { body.replaceChildren(); return; }
    const task = await api<InspectionTaskView>(`/api/inspections/${encodeURIComponent(id)}`);
    const c = task.case;
    body.replaceChildren(
      h('p.task-description', {}, c.description),
      h('p.task-address', {}, h('span.pin', {}), [c.address, c.grids.map(g => g.name).join(' › ')].filter(Boolean).join(' · ')),
      h('p.task-meta', {}, `${zh(stateWords, c.state)} · 上报 ${stamp(c.createdAt)}${c.handledAt ? ` · 处置 ${stamp(c.handledAt)}` : ''}`),
      task.result
        ? h('p.inspection-result', {}, `${task.result.passed ? '合格' : '不合格'} · ${task.result.note ?? ''} · ${task.result.recordedBy} ${stamp(task.result.recordedAt)}`)
        : task.mayRecord ? this.form(task) : h('p.empty', {}, '此抽查由他人记录 · Not yours to record.'));
  }

  private form(task: InspectionTaskView): HTMLElement {
    const passed = h('select', { name: 'passed' }, h('option', { value: '' }, '结果 Result…'), h('option', { value: 'true' }, '合格 Passed'), h('option', { value: 'false' }, '不合格 Failed'));
    const note = h('textarea', { name: 'note', rows: 2, maxLength: 2000, placeholder: '说明（不合格时必填）· Note (required when failed)' });
    const photos = h('input', { type: 'file', name: 'photos', accept: 'image/*', capture: 'environment', multiple: true });
    const message = h('p.task-message', { role: 'status' });
    const submit = h('button.primary', { type: 'submit' }, '记录抽查结果 ', h('small', {}, 'Record'));
    const form = h('form.inspection-form', { noValidate: true }, passed, note, h('label.task-photo', {}, '现场照片 ', h('small', {}, 'Photos'), photos), submit, message);
    form.addEventListener('submit', e => {
      e.preventDefault();
      void (async () => {
        if (!passed.value) { message.textContent = '请选择结果 · Say whether it passed.'; return; }
        submit.disabled = true;
        message.textContent = '提交中 Sending…';
        try {
          const files = [...(photos.files ?? [])];
          const where = await currentPosition();
          const outcome = await this.sender.submit({
            kind: 'action', label: `抽查结果 ${task.case.id}`, incidentId: task.case.id,
            path: `/api/inspections/${encodeURIComponent(task.id)}/result`,
            body: { passed: passed.value === 'true', note: note.value.trim() || null, ...(files.length ? { photos: files } : {}), ...where },
          });
          message.textContent = outcomeWords(outcome, '已记录 · Recorded.');
          if (outcome.status === 'sent') await this.load();
        } catch (err) {
          const errors = err instanceof ApiError ? (err.problem?.errors ?? {}) as Record<string, string[]> : {};
          message.textContent = Object.values(errors).flat().join(' ') || (err instanceof Error ? err.message : String(err));
          submit.disabled = false;
        }
      })();
    });
    return form;
  }
}
