// The phone's outbox: every report, action, duty change and batch of patrol fixes is first written to the
// device (IndexedDB), then sent in the order it was made. A request the network swallowed is sent again with the
// same Idempotency-Key, so the center acts on it once; a photo is uploaded in chunks and resumed where the center
// says it stopped. What the center refuses stays listed with its reason: refused (the input was wrong) or a
// conflict (the case moved on meanwhile: re-dispatched, closed), with what to do. Nothing here decides what a
// person may do: the center answers every item.

/** A photo as the phone prepared it: downscaled, with the time and place its camera wrote into it, if any. */
export interface StagedPhoto {
  blob: Blob;
  takenAt: string | null;
  lat: number | null;
  lon: number | null;
}

/** A photo of a queued item: its upload's id (chosen here, so a retry resumes the same upload) and progress. */
export interface QueuedPhoto extends StagedPhoto {
  uploadId: string;
  received: number;
  /** The stored photo's name (what an action's `photos` carries) and URL (what a report's `photos` carries), once complete. */
  photo: string | null;
  url: string | null;
}

export type OutboxKind = 'report' | 'action' | 'duty' | 'pings';
export type ItemStatus = 'waiting' | 'sending' | 'sent' | 'refused' | 'conflict';

export interface Refusal {
  status: number;
  detail: string;
  /** Field → messages, as a 400 or 422 names them. */
  errors: Record<string, string[]>;
}

export interface OutboxItem {
  /** The order items were made in (IndexedDB's key); absent until stored. */
  seq?: number;
  /** The account that made it: only that account's items are sent with its token. */
  owner: string;
  kind: OutboxKind;
  /** What it is in a person's words: "接单 JY-2026-000123". */
  label: string;
  incidentId: string | null;
  /** For an action: its word (accept, resolve…). */
  action: string | null;
  method: 'POST' | 'PUT';
  path: string;
  body: Record<string, unknown>;
  /** Where the uploaded photos go in the body: their names (actions) or URLs (reports). */
  photosAs: 'name' | 'url';
  photos: QueuedPhoto[];
  key: string;
  createdAt: string;
  status: ItemStatus;
  attempts: number;
  /** Why the last try did not get through (the network, the center busy); null once sent. */
  lastError: string | null;
  sentAt: string | null;
  answer: unknown;
  refusal: Refusal | null;
}

/** What to make: the rest is filled in here. */
export interface Draft {
  kind: OutboxKind;
  label: string;
  incidentId?: string | null;
  action?: string | null;
  method?: 'POST' | 'PUT';
  path: string;
  body: Record<string, unknown>;
  photos?: StagedPhoto[];
}

/** Where items are kept; the page's is IndexedDB (outboxStore.ts). */
export interface OutboxStore {
  add(item: OutboxItem): Promise<number>;
  put(item: OutboxItem): Promise<void>;
  list(): Promise<OutboxItem[]>;
  delete(seq: number): Promise<void>;
}

/** fetch, with the account's token: the page passes one, a test a fake center. */
export type Fetcher = (path: string, init: RequestInit) => Promise<Response>;

/** What became of a submitted item by the time the submitter hears back. */
export type Outcome =
  | { status: 'sent'; answer: unknown; item: OutboxItem }
  | { status: 'queued'; item: OutboxItem }
  | { status: 'refused' | 'conflict'; refusal: Refusal; item: OutboxItem };

/** How one answer of the center is taken. */
export type Verdict = 'sent' | 'retry' | 'refused' | 'conflict' | 'signin';

/**
 * The rule for answers: 2xx sent; 401 the account must sign in again (the item waits); a busy or failing center
 * (408, 425, 429, 5xx) is tried again; an action or report the case no longer takes (403 not yours any more, 404,
 * 409 not in that state) is a conflict; any other 4xx is a refusal of the input.
 */
export function verdictOf(status: number, kind: OutboxKind): Verdict {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 401) return 'signin';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  if ((kind === 'action' || kind === 'report') && (status === 403 || status === 404 || status === 409)) return 'conflict';
  return 'refused';
}

export const adviceWords: Record<'refused' | 'conflict', string> = {
  conflict: '案件已改派、撤回或办结，这一步不再需要；如有疑问请联系指挥中心 · The case was re-dispatched or closed meanwhile: this step is no longer needed. Call the center if in doubt.',
  refused: '请按提示修改后重新提交 · Correct it as the message says and submit again.',
};

class NetworkDown extends Error {}
class SignInNeeded extends Error {}

export interface OutboxOptions {
  /** Bytes per upload request; the center takes at most 1 MiB. */
  chunkBytes?: number;
  /** Sent and settled items older than this are forgotten. */
  keepSettledMs?: number;
  now?: () => number;
  newKey?: () => string;
  /** Whether the device believes it is online; a drain is not tried when it is not. */
  online?: () => boolean;
  onChange?: (items: readonly OutboxItem[]) => void;
  onSignInNeeded?: () => void;
}

/** Fixes sent in one request at most (the center's batch limit). */
export const pingsPerBatch = 1_000;

export class Outbox {
  private cache: OutboxItem[] = [];
  private draining: Promise<void> | null = null;
  private again = false;
  private readonly waiters = new Map<number, (outcome: Outcome) => void>();
  private readonly chunkBytes: number;
  private readonly keepSettledMs: number;
  private readonly now: () => number;
  private readonly newKey: () => string;
  private readonly online: () => boolean;

  constructor(private readonly store: OutboxStore, private readonly fetcher: Fetcher, readonly owner: string, private readonly options: OutboxOptions = {}) {
    this.chunkBytes = options.chunkBytes ?? 256 * 1024;
    this.keepSettledMs = options.keepSettledMs ?? 24 * 3_600_000;
    this.now = options.now ?? Date.now;
    this.newKey = options.newKey ?? (() => crypto.randomUUID());
    this.online = options.online ?? (() => navigator.onLine);
  }

  /** Reads what the device kept (after a reload or a restart); an item caught mid-send waits to be sent again. */
  async load(): Promise<readonly OutboxItem[]> {
    const kept = await this.store.list();
    const cutoff = this.now() - this.keepSettledMs;
    for (const item of kept) {
      if (item.status === 'sending') {
        item.status = 'waiting';
        await this.store.put(item);
      } else if (item.status !== 'waiting' && Date.parse(item.sentAt ?? item.createdAt) < cutoff) {
        await this.store.delete(item.seq!);
      }
    }
    this.cache = (await this.store.list()).sort((a, b) => a.seq! - b.seq!);
    this.changed();
    return this.cache;
  }

  get items(): readonly OutboxItem[] {
    return this.cache;
  }

  /** This account's items that still wait to be sent. */
  waiting(): OutboxItem[] {
    return this.cache.filter(i => i.owner === this.owner && (i.status === 'waiting' || i.status === 'sending'));
  }

  /**
   * Keeps the item on the device, then sends everything waiting in order. Answers when this item is settled, or
   * as queued when it cannot be sent now (offline, the center unreachable): it goes by itself later.
   */
  async submit(draft: Draft): Promise<Outcome> {
    return this.sendKept(await this.keep(draft));
  }

  /**
   * Patrol fixes join the last waiting batch while it has room (a day offline is a few requests, not thousands);
   * otherwise they start a new one.
   */
  async submitPings(path: string, pings: { lat: number; lon: number; at: string }[]): Promise<Outcome> {
    const last = this.cache.at(-1);
    if (last && last.owner === this.owner && last.kind === 'pings' && last.status === 'waiting' && last.path === path
      && (last.body.pings as unknown[]).length + pings.length <= pingsPerBatch && !this.draining) {
      last.body = { pings: [...(last.body.pings as unknown[]), ...pings] };
      await this.save(last);
      return this.sendKept(last);
    }
    return this.submit({ kind: 'pings', label: `巡查位置 ${pings.length} 个 · ${pings.length} patrol fixes`, path, body: { pings } });
  }

  /** Sends every waiting item of this account, oldest first; stops at the first that cannot get through now. */
  drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again && this.online());
      } finally {
        this.draining = null;
        // Whoever still waits hears that its item is queued.
        for (const item of this.cache) if (this.waiters.has(item.seq!)) this.settle(item);
      }
    })();
    return this.draining;
  }

  /** Forgets a refused, conflicting or sent item (the person read it). */
  async dismiss(seq: number): Promise<void> {
    const item = this.cache.find(i => i.seq === seq);
    if (!item || item.status === 'waiting' || item.status === 'sending') return;
    await this.store.delete(seq);
    this.cache = this.cache.filter(i => i.seq !== seq);
    this.changed();
  }

  /** An item on the device: sent now with whatever waits before it, or answered as queued when offline. */
  private sendKept(item: OutboxItem): Promise<Outcome> {
    const settled = new Promise<Outcome>(resolve => this.waiters.set(item.seq!, resolve));
    if (!this.online()) this.settle(item);
    else void this.drain();
    return settled;
  }

  private async keep(draft: Draft): Promise<OutboxItem> {
    const item: OutboxItem = {
      owner: this.owner, kind: draft.kind, label: draft.label, incidentId: draft.incidentId ?? null, action: draft.action ?? null, method: draft.method ?? 'POST',
      path: draft.path, body: draft.body, photosAs: draft.kind === 'report' ? 'url' : 'name',
      photos: (draft.photos ?? []).map(p => ({ ...p, uploadId: this.newKey(), received: 0, photo: null, url: null })),
      key: this.newKey(), createdAt: new Date(this.now()).toISOString(), status: 'waiting', attempts: 0, lastError: null, sentAt: null,
      answer: null, refusal: null,
    };
    item.seq = await this.store.add(item);
    this.cache.push(item);
    this.changed();
    return item;
  }

  private async pass(): Promise<void> {
    for (const item of this.cache.filter(i => i.owner === this.owner && i.status === 'waiting')) {
      if (!this.online()) return;
      item.status = 'sending';
      item.attempts++;
      await this.save(item);
      try {
        await this.send(item);
      } catch (e) {
        item.status = 'waiting';
        item.lastError = e instanceof SignInNeeded ? '登录已过期，请重新登录后发送 · Sign in again to send.'
          : e instanceof Error ? e.message : String(e);
        await this.save(item);
        if (e instanceof SignInNeeded) this.options.onSignInNeeded?.();
        return; // later items wait behind this one: the order is kept
      }
      await this.save(item);
      this.settle(item);
    }
  }

  /** Uploads the item's photos, then sends it; settles it as sent, refused or conflict, or throws to try again later. */
  private async send(item: OutboxItem): Promise<void> {
    for (const photo of item.photos) {
      if (photo.photo) continue;
      const refusal = await this.upload(item, photo);
      if (refusal) {
        this.refuse(item, 'refused', refusal);
        return;
      }
    }
    const body = item.photos.length
      ? { ...item.body, photos: item.photos.map(p => (item.photosAs === 'url' ? p.url : p.photo)) }
      : item.body;
    const response = await this.call(item.path, {
      method: item.method, body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': item.key },
    });
    const verdict = verdictOf(response.status, item.kind);
    if (verdict === 'sent') {
      // The answer is read before the item says sent: whoever sees it sent (the list, a waiting form) sees its answer.
      item.answer = response.status === 204 ? null : await response.json().catch(() => null);
      item.status = 'sent';
      item.sentAt = new Date(this.now()).toISOString();
      item.lastError = null;
      return;
    }
    if (verdict === 'refused' || verdict === 'conflict') {
      this.refuse(item, verdict, await refusalOf(response));
      return;
    }
    throw new Error(`指挥中心暂时无法处理 (HTTP ${response.status}) · The center could not take it now; it is tried again.`);
  }

  /** One photo's resumable upload: start (or find) it, then send what the center has not got, chunk by chunk. */
  private async upload(item: OutboxItem, photo: QueuedPhoto): Promise<Refusal | null> {
    const size = photo.blob.size;
    const started = await this.call('/api/photos/uploads', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: photo.uploadId, size, takenAt: photo.takenAt ?? undefined, lat: photo.lat ?? undefined, lon: photo.lon ?? undefined }),
    });
    if (verdictOf(started.status, 'pings') === 'refused') return refusalOf(started);
    if (!started.ok) throw new Error(`照片上传暂不可用 (HTTP ${started.status}) · Photo upload unavailable now.`);
    let state = await started.json() as UploadState;
    while (!state.photo) {
      photo.received = state.received;
      await this.save(item);
      const chunk = photo.blob.slice(state.received, Math.min(size, state.received + this.chunkBytes));
      const response = await this.call(`/api/photos/uploads/${encodeURIComponent(photo.uploadId)}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(state.received) },
        body: chunk,
      });
      if (response.status === 409) {
        // The center has a different count (an earlier chunk did arrive): go on from where it says.
        const problem = await response.json().catch(() => null) as { received?: number } | null;
        if (typeof problem?.received !== 'number') throw new Error('照片续传位置不明 · The upload could not be resumed.');
        state = { ...state, received: problem.received };
        continue;
      }
      if (verdictOf(response.status, 'pings') === 'refused') return refusalOf(response);
      if (!response.ok) throw new Error(`照片上传暂不可用 (HTTP ${response.status}) · Photo upload unavailable now.`);
      state = await response.json() as UploadState;
    }
    photo.received = size;
    photo.photo = state.photo;
    photo.url = state.url;
    return null;
  }

  /** A request; the network's failure and the account's expiry are thrown (the item waits), any answer returned. */
  private async call(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetcher(path, init);
    } catch {
      throw new NetworkDown('网络不可用，联网后自动发送 · No network: sent when it is back.');
    }
    if (response.status === 401) throw new SignInNeeded();
    return response;
  }

  private refuse(item: OutboxItem, status: 'refused' | 'conflict', refusal: Refusal): void {
    item.status = status;
    item.refusal = refusal;
    item.sentAt = new Date(this.now()).toISOString();
    item.lastError = null;
  }

  private settle(item: OutboxItem): void {
    const resolve = this.waiters.get(item.seq!);
    if (!resolve) return;
    if (item.status === 'waiting' || item.status === 'sending') resolve({ status: 'queued', item });
    else if (item.status === 'sent') resolve({ status: 'sent', answer: item.answer, item });
    else resolve({ status: item.status, refusal: item.refusal!, item });
    this.waiters.delete(item.seq!);
  }

  private async save(item: OutboxItem): Promise<void> {
    await this.store.put(item);
    this.changed();
  }

  private changed(): void {
    this.options.onChange?.(this.cache);
  }
}

interface UploadState {
  received: number;
  photo: string | null;
  url: string | null;
}

async function refusalOf(response: Response): Promise<Refusal> {
  const problem = await response.json().catch(() => null) as { detail?: string; title?: string; errors?: Record<string, string[]> } | null;
  return {
    status: response.status,
    detail: problem?.detail ?? problem?.title ?? `HTTP ${response.status}`,
    errors: problem?.errors ?? {},
  };
}
