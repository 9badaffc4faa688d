// Opening the worker page without a network: the service worker's rule (what it answers from a copy, per account),
// the phone's last picture of the tasks, the offers a queued action leads to, and how each notice insists.

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { answer, dataCacheOf, routeOf, type CacheLike, type OfflineDeps } from '../src/worker/offlineCache';
import { loadCases, saveCases, forgetCases } from '../src/worker/deviceStore';
import { offersNow } from '../src/worker/taskList';
import { notificationLook } from '../src/worker/attention';
import type { ActionOffer, IncidentDelta } from '../src/shared/wire';

const origin = 'https://center.example';

function token(sub: string): string {
  const part = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'HS256' })}.${part({ sub })}.signature`;
}

/** Caches and a network the test switches off. */
class Device implements OfflineDeps {
  online = true;
  readonly caches = new Map<string, Map<string, Response>>();
  served = 0;
  constructor(private readonly body: (url: string) => string) {}
  async fetch(request: Request): Promise<Response> {
    if (!this.online) throw new TypeError('Failed to fetch');
    this.served++;
    return new Response(this.body(request.url), { status: 200, headers: { Date: 'Tue, 01 Dec 2026 02:00:00 GMT' } });
  }
  async open(name: string): Promise<CacheLike> {
    const cache = this.caches.get(name) ?? new Map<string, Response>();
    this.caches.set(name, cache);
    return {
      match: async r => cache.get(typeof r === 'string' ? r : r.url)?.clone(),
      put: async (r, response) => { cache.set(typeof r === 'string' ? r : r.url, response); },
    };
  }
  async match(r: Request | string): Promise<Response | undefined> {
    for (const cache of this.caches.values()) {
      const hit = cache.get(typeof r === 'string' ? r : r.url);
      if (hit) return hit.clone();
    }
    return undefined;
  }
}

const get = (path: string, sub?: string) =>
  new Request(`${origin}${path}`, { headers: sub ? { Authorization: `Bearer ${token(sub)}` } : {} });

describe('the service worker\'s rule', () => {
  it('answers the page, its files and the center\'s reads, never writes, sign-in or uploads', () => {
    const r = (method: string, path: string, mode: RequestMode = 'cors') => routeOf({ method, url: `${origin}${path}`, mode }, origin);
    expect(r('GET', '/worker', 'navigate')).toBe('page');
    expect(r('GET', '/', 'navigate')).toBeNull();
    expect(r('GET', '/assets/worker-abc.js')).toBe('asset');
    expect(r('GET', '/api/incidents/JY-1')).toBe('data');
    expect(r('POST', '/api/incidents/JY-1/actions/accept')).toBeNull();
    expect(r('GET', '/api/photos/uploads/u1')).toBeNull();
    expect(r('GET', '/api/auth/invitation')).toBeNull();
    expect(r('GET', '/api/kpis/export')).toBeNull();
    expect(routeOf({ method: 'GET', url: 'https://elsewhere.example/api/x', mode: 'cors' }, origin)).toBeNull();
  });

  it('reads the center when it can, and the last copy, marked, when it cannot', async () => {
    const device = new Device(url => `answer of ${url}`);
    const first = await answer(get('/api/incidents/JY-1', 'M00040'), 'data', 'shell', device);
    expect(await first.text()).toBe(`answer of ${origin}/api/incidents/JY-1`);
    device.online = false;
    const offline = await answer(get('/api/incidents/JY-1', 'M00040'), 'data', 'shell', device);
    expect(await offline.text()).toBe(`answer of ${origin}/api/incidents/JY-1`);
    expect(offline.headers.get('X-Offline-Copy')).toBe('Tue, 01 Dec 2026 02:00:00 GMT');
    await expect(answer(get('/api/incidents/JY-2', 'M00040'), 'data', 'shell', device)).rejects.toThrow();
  });

  it('keeps each account\'s copies apart, and none for a request without a token', async () => {
    const device = new Device(() => 'mine');
    await answer(get('/api/members/M00040', 'M00040'), 'data', 'shell', device);
    device.online = false;
    await expect(answer(get('/api/members/M00040', 'M00041'), 'data', 'shell', device)).rejects.toThrow();
    expect(dataCacheOf(get('/api/x'))).toBeNull();
    expect(dataCacheOf(get('/api/x', 'M00040'))).toBe('worker-data:M00040');
  });

  it('opens the page from the copy kept at install, and a hashed file from its copy without asking the network', async () => {
    const device = new Device(() => '<html>worker</html>');
    await (await device.open('shell')).put('/worker', new Response('<html>kept</html>'));
    device.online = false;
    const page = await answer(new Request(`${origin}/worker`), 'page', 'shell', device);
    expect(await page.text()).toBe('<html>kept</html>');
    device.online = true;
    await answer(new Request(`${origin}/assets/a.js`), 'asset', 'shell', device);
    const served = device.served;
    await answer(new Request(`${origin}/assets/a.js`), 'asset', 'shell', device);
    expect(device.served).toBe(served);
  });
});

describe('the phone\'s last picture of the tasks', () => {
  it('is kept per account across a reload and forgotten on sign-out', async () => {
    const incident = { id: 'JY-1', version: 3 } as IncidentDelta;
    await saveCases({ owner: 'M00040', savedAt: '2026-12-01T02:00:00Z', incidents: [incident] });
    expect((await loadCases('M00040'))?.incidents.map(i => i.id)).toEqual(['JY-1']);
    expect(await loadCases('M00041')).toBeNull();
    await forgetCases('M00040');
    expect(await loadCases('M00040')).toBeNull();
  });
});

describe('what a card offers while actions wait', () => {
  const offer = (action: string, after: ActionOffer[] = []): ActionOffer => ({ action, chinese: action, english: action, fields: [], after });
  const view = { allowedActions: [offer('accept', [offer('resolve'), offer('return')]), offer('return')] };

  it('offers the center\'s offers when nothing waits', () => {
    expect(offersNow(view, []).map(o => o.action)).toEqual(['accept', 'return']);
  });
  const waiting = (...actions: string[]) => actions.map(action => ({ action, sending: false }));
  it('offers what the center said follows a queued action', () => {
    expect(offersNow(view, waiting('accept')).map(o => o.action)).toEqual(['resolve', 'return']);
  });
  it('offers nothing past what the center has said', () => {
    expect(offersNow(view, waiting('accept', 'resolve'))).toEqual([]);
    expect(offersNow(view, waiting('verify'))).toEqual([]);
  });
  it('takes a case read while its action is out as already carrying it, but not a waiting one', () => {
    // The push of the accept arrived before its answer: the case read again offers resolve and return.
    const handling = { allowedActions: [offer('resolve'), offer('return')] };
    expect(offersNow(handling, [{ action: 'accept', sending: true }]).map(o => o.action)).toEqual(['resolve', 'return']);
    expect(offersNow(handling, [{ action: 'accept', sending: true }, { action: 'resolve', sending: false }])).toEqual([]);
    expect(offersNow(handling, waiting('accept'))).toEqual([]);
  });
});

describe('how a notice insists', () => {
  it('rings again for late and pressed work and keeps a breach until acted on', () => {
    expect(notificationLook('breach')).toMatchObject({ renotify: true, requireInteraction: true });
    expect(notificationLook('reminder').requireInteraction).toBe(true);
    expect(notificationLook('warning')).toMatchObject({ renotify: true, requireInteraction: false });
    expect(notificationLook('assignment').renotify).toBe(true);
    expect(notificationLook('read')).toMatchObject({ renotify: false, vibrate: [] });
  });
});
