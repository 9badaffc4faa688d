// The outbox's promise: what a worker does offline is kept on the device, survives a reload, and reaches the
// center once and in order when the network is back; what the center refuses is shown with why, a conflict as a
// conflict; photos are uploaded in chunks and resumed where the center says. Driven against a fake center on the
// real IndexedDB code (fake-indexeddb), so a "reload" is a new Outbox over the same database.

import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { Outbox, verdictOf, type Fetcher } from '../src/worker/outbox';
import { deviceOutbox } from '../src/worker/deviceStore';

/** A center that remembers Idempotency-Keys, refuses what the test says, and keeps resumable uploads. */
class FakeCenter {
  up = true;
  readonly received: { path: string; key: string | null; body: unknown }[] = [];
  readonly acted = new Map<string, unknown>();
  readonly answers = new Map<string, { status: number; body: unknown }>();
  readonly uploads = new Map<string, { size: number; bytes: number[]; photo: string | null }>();
  /** Lose the answer (not the request) of the next n calls: the center acted, the phone never heard. */
  loseAnswers = 0;
  /** Fail the upload chunk at this offset once, as a dropped connection. */
  dropChunkAt: number | null = null;

  readonly fetch: Fetcher = async (path, init) => {
    if (!this.up) throw new TypeError('Failed to fetch');
    const headers = new Headers(init.headers);
    const response = await this.handle(path, init, headers);
    if (this.loseAnswers > 0) {
      this.loseAnswers--;
      throw new TypeError('Failed to fetch');
    }
    return response;
  };

  private async handle(path: string, init: RequestInit, headers: Headers): Promise<Response> {
    if (path === '/api/photos/uploads') {
      const start = JSON.parse(init.body as string) as { id: string; size: number };
      const upload = this.uploads.get(start.id) ?? { size: start.size, bytes: [], photo: null };
      this.uploads.set(start.id, upload);
      return json(201, this.uploadState(start.id));
    }
    const chunk = /^\/api\/photos\/uploads\/(.+)$/.exec(path);
    if (chunk) {
      const id = decodeURIComponent(chunk[1]);
      const upload = this.uploads.get(id)!;
      const offset = Number(headers.get('Upload-Offset'));
      if (this.dropChunkAt === offset) {
        this.dropChunkAt = null;
        // The chunk arrived but the connection dropped before the answer.
        upload.bytes.push(...new Uint8Array(await (init.body as Blob).arrayBuffer()));
        throw new TypeError('Failed to fetch');
      }
      if (offset !== upload.bytes.length) return json(409, { detail: 'offset', received: upload.bytes.length });
      upload.bytes.push(...new Uint8Array(await (init.body as Blob).arrayBuffer()));
      if (upload.bytes.length === upload.size) upload.photo = `photo-${id}.jpg`;
      return json(200, this.uploadState(id));
    }
    const key = headers.get('Idempotency-Key');
    const body = JSON.parse(init.body as string) as unknown;
    const scripted = this.answers.get(path);
    if (scripted) return json(scripted.status, scripted.body);
    if (key && this.acted.has(key)) return json(200, this.acted.get(key));
    this.received.push({ path, key, body });
    const answer = { ok: this.received.length, path };
    if (key) this.acted.set(key, answer);
    return json(200, answer);
  }

  private uploadState(id: string) {
    const u = this.uploads.get(id)!;
    return { id, size: u.size, received: u.bytes.length, photo: u.photo, url: u.photo ? `/api/photos/${u.photo}` : null };
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

let center: FakeCenter;
let online: boolean;
const outboxOf = (owner = 'M00040', chunkBytes = 4) => new Outbox(deviceOutbox, center.fetch, owner, { chunkBytes, online: () => online });

beforeEach(async () => {
  center = new FakeCenter();
  online = true;
  for (const item of await deviceOutbox.list()) await deviceOutbox.delete(item.seq!);
});

describe('outbox', () => {
  it('never shows an item sent before its answer is read', async () => {
    let release!: () => void;
    const answerRead = new Promise<void>(resolve => { release = resolve; });
    // A center whose answer body arrives late: the status line is in, the JSON is not yet.
    const slow: Fetcher = async () => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          await answerRead;
          controller.enqueue(new TextEncoder().encode(JSON.stringify({ kept: 3 })));
          controller.close();
        },
      });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
    const outbox = new Outbox(deviceOutbox, slow, 'M00040', { online: () => true });
    await outbox.load();
    const outcome = outbox.submit({ kind: 'pings', label: 'pings', path: '/api/members/M00040/pings', body: { pings: [] } });
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(outbox.items.map(i => [i.status, i.answer])).toEqual([['sending', null]]);
    release();
    expect((await outcome).status).toBe('sent');
    expect(outbox.items.map(i => [i.status, i.answer])).toEqual([['sent', { kept: 3 }]]);
  });

  it('sends at once when online and answers what the center said', async () => {
    const outbox = outboxOf();
    await outbox.load();
    const outcome = await outbox.submit({ kind: 'action', label: '接单', incidentId: 'C1', path: '/api/incidents/C1/actions/accept', body: {} });
    expect(outcome.status).toBe('sent');
    expect(center.received.map(r => r.path)).toEqual(['/api/incidents/C1/actions/accept']);
    expect(center.received[0].key).toBe(outcome.item.key);
  });

  it('keeps what is made offline across a reload and sends it once, in order, when back online', async () => {
    online = false;
    center.up = false;
    const before = outboxOf();
    await before.load();
    expect((await before.submit({ kind: 'action', label: 'accept', path: '/api/incidents/C1/actions/accept', body: {} })).status).toBe('queued');
    await before.submit({ kind: 'action', label: 'resolve', path: '/api/incidents/C1/actions/resolve', body: { note: 'fixed' } });
    await before.submit({ kind: 'duty', label: 'duty', method: 'PUT', path: '/api/members/M00040/duty', body: { state: 'busy' } });
    expect(center.received).toEqual([]);

    const after = outboxOf(); // the page reloaded
    expect((await after.load()).map(i => [i.label, i.status])).toEqual([['accept', 'waiting'], ['resolve', 'waiting'], ['duty', 'waiting']]);
    online = true;
    center.up = true;
    await after.drain();
    expect(center.received.map(r => r.path)).toEqual([
      '/api/incidents/C1/actions/accept', '/api/incidents/C1/actions/resolve', '/api/members/M00040/duty']);
    expect(after.items.every(i => i.status === 'sent')).toBe(true);
    await after.drain();
    expect(center.received).toHaveLength(3);
  });

  it('sends a request whose answer was lost again with the same key, and the center acts once', async () => {
    const outbox = outboxOf();
    await outbox.load();
    center.loseAnswers = 1;
    const first = await outbox.submit({ kind: 'report', label: 'report', path: '/api/incidents', body: { description: 'x' } });
    expect(first.status).toBe('queued');
    expect(first.item.lastError).toMatch(/network/i);
    await outbox.drain();
    expect(outbox.items[0].status).toBe('sent');
    expect(center.received).toHaveLength(1);
    expect(outbox.items[0].answer).toEqual({ ok: 1, path: '/api/incidents' });
  });

  it('stops at the first item that cannot get through, so later ones never overtake it', async () => {
    const outbox = outboxOf();
    await outbox.load();
    center.answers.set('/api/incidents/C1/actions/accept', { status: 503, body: { detail: 'busy' } });
    await outbox.submit({ kind: 'action', label: 'accept', path: '/api/incidents/C1/actions/accept', body: {} });
    await outbox.submit({ kind: 'action', label: 'resolve', path: '/api/incidents/C1/actions/resolve', body: {} });
    expect(outbox.items.map(i => i.status)).toEqual(['waiting', 'waiting']);
    expect(center.received).toEqual([]);
    center.answers.delete('/api/incidents/C1/actions/accept');
    await outbox.drain();
    expect(center.received.map(r => r.path)).toEqual(['/api/incidents/C1/actions/accept', '/api/incidents/C1/actions/resolve']);
  });

  it('shows a case that moved on as a conflict and a bad input as refused, and goes on with the rest', async () => {
    const outbox = outboxOf();
    await outbox.load();
    center.answers.set('/api/incidents/C1/actions/resolve', { status: 409, body: { detail: 'The case is dispatched to someone else.' } });
    center.answers.set('/api/incidents', { status: 400, body: { detail: 'Fix the fields.', errors: { description: ['Describe it.'] } } });
    const conflict = await outbox.submit({ kind: 'action', label: 'resolve', path: '/api/incidents/C1/actions/resolve', body: {} });
    const refused = await outbox.submit({ kind: 'report', label: 'report', path: '/api/incidents', body: {} });
    const duty = await outbox.submit({ kind: 'duty', label: 'duty', method: 'PUT', path: '/api/members/M00040/duty', body: { state: 'on' } });
    expect(conflict.status).toBe('conflict');
    expect(conflict.status === 'conflict' && conflict.refusal.detail).toBe('The case is dispatched to someone else.');
    expect(refused.status === 'refused' && refused.refusal.errors).toEqual({ description: ['Describe it.'] });
    expect(duty.status).toBe('sent');
    await outbox.dismiss(conflict.item.seq!);
    expect(outbox.items.map(i => i.label)).toEqual(['report', 'duty']);
  });

  it('uploads a photo in chunks, resumes where the center says after a drop, and sends the photo with the action', async () => {
    const outbox = outboxOf('M00040', 4);
    await outbox.load();
    const bytes = Uint8Array.from({ length: 10 }, (_, i) => i + 1);
    center.dropChunkAt = 4;
    const first = await outbox.submit({
      kind: 'action', label: 'resolve', path: '/api/incidents/C1/actions/resolve', body: { note: 'done' },
      photos: [{ blob: new Blob([bytes]), takenAt: '2026-12-01T02:00:00Z', lat: 31.9, lon: 120.3 }],
    });
    expect(first.status).toBe('queued');
    expect(first.item.photos[0].received).toBe(4);
    await outbox.drain();
    const upload = center.uploads.get(first.item.photos[0].uploadId)!;
    expect(upload.bytes).toEqual([...bytes]);
    expect(center.received).toEqual([{ path: '/api/incidents/C1/actions/resolve', key: first.item.key, body: { note: 'done', photos: [upload.photo] } }]);
  });

  it('gives a report its photos as URLs', async () => {
    const outbox = outboxOf('M00040', 1024);
    await outbox.load();
    const outcome = await outbox.submit({
      kind: 'report', label: 'report', path: '/api/incidents', body: { description: 'x' },
      photos: [{ blob: new Blob([new Uint8Array([1, 2, 3])]), takenAt: null, lat: null, lon: null }],
    });
    expect(outcome.status).toBe('sent');
    expect((center.received[0].body as { photos: string[] }).photos[0]).toMatch(/^\/api\/photos\/photo-/);
  });

  it('joins patrol fixes made offline into one waiting batch', async () => {
    online = false;
    const outbox = outboxOf();
    await outbox.load();
    const fix = (s: number) => ({ lat: 31.9, lon: 120.3, at: new Date(Date.UTC(2026, 11, 1, 2, 0, s)).toISOString() });
    await outbox.submitPings('/api/members/M00040/locations', [fix(0), fix(10)]);
    await outbox.submitPings('/api/members/M00040/locations', [fix(20)]);
    expect(outbox.items).toHaveLength(1);
    online = true;
    await outbox.drain();
    expect(center.received.map(r => (r.body as { pings: unknown[] }).pings.length)).toEqual([3]);
  });

  it('sends only the signed-in account\'s items', async () => {
    online = false;
    const other = outboxOf('M00041');
    await other.load();
    await other.submit({ kind: 'duty', label: 'duty', method: 'PUT', path: '/api/members/M00041/duty', body: { state: 'on' } });
    online = true;
    const mine = outboxOf('M00040');
    await mine.load();
    await mine.drain();
    expect(center.received).toEqual([]);
    expect(mine.waiting()).toEqual([]);
  });
});

describe('verdictOf', () => {
  it.each([
    [200, 'action', 'sent'], [201, 'report', 'sent'], [401, 'action', 'signin'], [429, 'report', 'retry'], [503, 'duty', 'retry'],
    [409, 'action', 'conflict'], [403, 'action', 'conflict'], [404, 'report', 'conflict'], [400, 'action', 'refused'],
    [422, 'action', 'refused'], [409, 'duty', 'refused'], [413, 'report', 'refused'],
  ] as const)('HTTP %i for %s is %s', (status, kind, verdict) => {
    expect(verdictOf(status, kind)).toBe(verdict);
  });
});
