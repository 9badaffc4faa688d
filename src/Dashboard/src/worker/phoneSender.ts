// The worker page's way of sending: everything through the outbox, photos prepared on the phone first. What the
// submitter hears: sent, or kept on the phone to send later; a refusal or a conflict is thrown as the center's
// problem, so forms show it at the fields it names.

import { ApiError } from '../shared/api';
import type { CaseSender, QueuedAction } from './taskList';
import type { Draft, Outbox, Outcome, StagedPhoto } from './outbox';
import { adviceWords } from './outbox';
import { preparePhotos, type PhotoSettings } from './photoPrep';

export const queuedWords = '已保存在手机上，联网后自动发送 · Kept on this phone: sent when the network is back.';

/** The words for an outcome, or the refusal thrown (with the advice for a conflict). */
export function outcomeWords(outcome: Outcome, sentWords: string): string {
  if (outcome.status === 'sent') return sentWords;
  if (outcome.status === 'queued') return queuedWords;
  const advice = outcome.status === 'conflict' ? ` ${adviceWords.conflict}` : '';
  throw new ApiError(outcome.refusal.status, `${outcome.refusal.detail}${advice}`, { errors: outcome.refusal.errors });
}

export class PhoneSender implements CaseSender {
  constructor(private readonly outbox: Outbox, private readonly settings: () => PhotoSettings | null) {}

  async act(incidentId: string, action: string, label: string, body: Record<string, unknown>): Promise<string> {
    const outcome = await this.submit({
      kind: 'action', label, incidentId, action, path: `/api/incidents/${encodeURIComponent(incidentId)}/actions/${action}`, body,
    });
    return outcomeWords(outcome, `${label} · 已提交 done.`);
  }

  queued(incidentId: string): QueuedAction[] {
    return this.outbox.waiting().filter(i => i.kind === 'action' && i.incidentId === incidentId && i.action)
      .map(i => ({ action: i.action!, sending: i.status === 'sending' }));
  }

  /** Any draft: files in `body.photos` are prepared (downscaled, facts read) and ride as the item's photos. */
  async submit(draft: Draft): Promise<Outcome> {
    const { photos, ...rest } = draft.body;
    if (!Array.isArray(photos) || !photos.some(p => p instanceof Blob)) return this.outbox.submit(draft);
    const staged: StagedPhoto[] = await preparePhotos(photos as File[], this.settings());
    return this.outbox.submit({ ...draft, body: rest, photos: staged });
  }
}
