// What the worker sees of the network and the outbox: a strip under the header when the phone is offline (since
// when, how much waits), a 待发送 button with the count, and the outbox itself: every item with its state — waiting
// (and why the last try failed), sent (with what the center answered), refused or a conflict (the center's reason
// and what to do) — where sent and refused items can be cleared and waiting ones tried again now.

import type { LinkState } from '../shared/feed';
import { clock, h, stamp } from '../shared/words';
import { adviceWords, type Outbox, type OutboxItem } from './outbox';

const lastOnlineKey = 'grid-worker.last-online';

const statusWords: Record<OutboxItem['status'], [string, string]> = {
  waiting: ['待发送', 'Waiting'],
  sending: ['发送中', 'Sending'],
  sent: ['已送达', 'Sent'],
  refused: ['被退回', 'Refused'],
  conflict: ['冲突', 'Conflict'],
};

export class OutboxView {
  readonly indicator: HTMLButtonElement;
  readonly strip: HTMLElement;
  readonly dialog: HTMLDialogElement;
  private readonly list: HTMLElement;
  private link: LinkState = 'connecting';
  /** When the tasks drawn were last seen live, while the page shows that picture instead of a live one. */
  private casesAsOf: string | null = null;

  constructor(private readonly outbox: Outbox) {
    this.indicator = h('button.outbox-indicator', { type: 'button', hidden: true, title: 'Outbox', onclick: () => this.open() });
    this.strip = h('div.offline-strip', { role: 'status', hidden: true });
    this.list = h('ol.outbox-items', {});
    const retry = h('button.secondary', { type: 'button', onclick: () => void this.outbox.drain() }, '立即重试 ', h('small', {}, 'Try now'));
    const clear = h('button.secondary', {
      type: 'button',
      onclick: () => void (async () => {
        for (const item of this.outbox.items.filter(i => i.status === 'sent')) await this.outbox.dismiss(item.seq!);
      })(),
    }, '清除已送达 ', h('small', {}, 'Clear sent'));
    this.dialog = h('dialog.outbox-dialog', {},
      h('header', {}, h('strong', {}, '发送队列 ', h('small', {}, 'Outbox')),
        h('button.close', { type: 'button', title: 'Close', onclick: () => this.dialog.close() }, '×')),
      h('p.outbox-intro', {}, '离线时的操作保存在手机上，联网后按顺序自动发送，每项只办理一次。',
        h('small', {}, 'What you do offline is kept on this phone and sent in order when the network is back, each once.')),
      this.list,
      h('div.row', {}, retry, clear));
    this.strip.addEventListener('click', () => this.open());
    // The strip's "since" runs on.
    window.setInterval(() => this.drawStrip(), 30_000);
  }

  open(): void {
    this.render();
    if (!this.dialog.open) this.dialog.showModal();
  }

  /** The feed's link: live means the center is reachable now; the last such moment is kept for the next offline start. */
  setLink(state: LinkState): void {
    this.link = state;
    if (state === 'live') localStorage.setItem(lastOnlineKey, new Date().toISOString());
    this.drawStrip();
  }

  /** The tasks shown are the phone's last picture (taken at `at`), or live again (null). */
  showingCasesOf(at: string | null): void {
    this.casesAsOf = at;
    this.drawStrip();
  }

  render(): void {
    const items = this.outbox.items.filter(i => i.owner === this.outbox.owner);
    const waiting = this.outbox.waiting().length;
    const troubled = items.filter(i => i.status === 'refused' || i.status === 'conflict').length;
    this.indicator.hidden = waiting === 0 && troubled === 0;
    this.indicator.dataset.troubled = String(troubled > 0);
    this.indicator.replaceChildren(
      h('span', {}, troubled ? `退回 ${troubled}` : `待发送 ${waiting}`),
      h('small', {}, troubled ? ` refused` : ' waiting'));
    this.list.replaceChildren(...(items.length
      ? [...items].reverse().map(item => this.row(item))
      : [h('li.empty', {}, '队列为空 · Nothing waiting.')]));
    this.drawStrip();
  }

  private row(item: OutboxItem): HTMLElement {
    const [zhWord, enWord] = statusWords[item.status];
    const uploading = item.photos.filter(p => !p.photo);
    const detail: (HTMLElement | string)[] = [];
    if (item.status === 'waiting' && item.lastError) detail.push(h('p.outbox-why', {}, item.lastError));
    if (uploading.length && (item.status === 'waiting' || item.status === 'sending')) {
      const sent = item.photos.reduce((sum, p) => sum + p.received, 0);
      const total = item.photos.reduce((sum, p) => sum + p.blob.size, 0);
      detail.push(h('p.outbox-photos', {}, `照片 ${item.photos.length} 张 · 已传 ${Math.round((sent / Math.max(total, 1)) * 100)}% · photos uploaded`));
    }
    if (item.status === 'sent') detail.push(h('p.outbox-answer', {}, answerWords(item)));
    if (item.refusal) {
      detail.push(h('p.outbox-reason', {}, item.refusal.detail));
      for (const [field, texts] of Object.entries(item.refusal.errors)) detail.push(h('p.outbox-reason', {}, `${field}: ${texts.join(' ')}`));
      detail.push(h('p.outbox-advice', {}, adviceWords[item.status as 'refused' | 'conflict']));
    }
    const settled = item.status !== 'waiting' && item.status !== 'sending';
    return h('li.outbox-item', { dataset: { status: item.status, kind: item.kind, incident: item.incidentId ?? '' } },
      h('div.outbox-head', {},
        h('span.outbox-status', {}, zhWord, h('small', {}, ` ${enWord}`)),
        h('strong', {}, item.label),
        h('time', { title: stamp(item.createdAt) }, clock(item.createdAt))),
      ...detail,
      settled ? h('button.outbox-dismiss', { type: 'button', onclick: () => void this.outbox.dismiss(item.seq!) }, '知道了 ', h('small', {}, 'Dismiss')) : '');
  }

  private drawStrip(): void {
    const offline = !navigator.onLine || this.link === 'offline';
    const cut = offline || this.link === 'reconnecting';
    const waiting = this.outbox.waiting().length;
    const since = localStorage.getItem(lastOnlineKey);
    this.strip.hidden = !cut && waiting === 0;
    this.strip.dataset.state = offline ? 'offline' : cut ? 'reconnecting' : 'sending';
    const when = since ? `自 ${stamp(since)} 起 · since ${clock(since)}` : '';
    this.strip.replaceChildren(
      h('strong', {}, offline ? '离线 ' : cut ? '连接中断 ' : '正在发送 ', h('small', {}, offline ? 'Offline' : cut ? 'Reconnecting' : 'Sending')),
      cut && when ? h('span.offline-since', {}, when) : '',
      this.casesAsOf ? h('span.offline-cases', {}, `任务为 ${stamp(this.casesAsOf)} 的记录 · tasks as of ${clock(this.casesAsOf)}`) : '',
      h('span.offline-waiting', {}, waiting ? `${waiting} 项待发送 · ${waiting} waiting` : '无待发送 · nothing waiting'));
  }
}

/** What the center answered a sent item, in a line: the new case's number for a report. */
function answerWords(item: OutboxItem): string {
  const answer = item.answer as { id?: string; state?: string; kept?: number } | null;
  const at = item.sentAt ? clock(item.sentAt) : '';
  if (item.kind === 'report' && answer?.id) return `已立案 ${answer.id} · ${at}`;
  if (item.kind === 'pings' && typeof answer?.kept === 'number') return `保留 ${answer.kept} 个位置 · kept ${answer.kept} · ${at}`;
  return `送达 ${at}`;
}
