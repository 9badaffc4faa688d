// The service worker's rule for what it answers and how, kept apart from the worker's events so it can be tested:
// the page itself from the network, else the copy kept at install; hashed files from the copy; the center's
// answers from the network, else the last copy (marked X-Offline-Copy with when it was read), kept per account
// (the token's subject names the cache), so one person's copies are never another's answers on a shared phone.
// Writes, sign-in, uploads and downloads are never answered from a copy.

export type Route = 'page' | 'asset' | 'data' | null;

export interface CacheLike {
  match(request: Request | string, options?: CacheQueryOptions): Promise<Response | undefined>;
  put(request: Request | string, response: Response): Promise<void>;
}

export interface OfflineDeps {
  fetch(request: Request): Promise<Response>;
  open(cacheName: string): Promise<CacheLike>;
  match(request: Request | string): Promise<Response | undefined>;
}

export const assetCache = 'worker-assets';

/** The cache of the account whose token the request carries (its JWT subject); requests without one share none. */
export function dataCacheOf(request: Pick<Request, 'headers'>): string | null {
  const token = /^Bearer\s+[^.]+\.([^.]+)\./.exec(request.headers.get('Authorization') ?? '')?.[1];
  if (!token) return null;
  try {
    const payload = JSON.parse(atob(token.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(token.length / 4) * 4, '='))) as { sub?: unknown };
    return typeof payload.sub === 'string' && payload.sub ? `worker-data:${payload.sub}` : null;
  } catch {
    return null;
  }
}

/** Reads the page never needs offline, or must never see stale. */
const notKept = [/^\/api\/photos\/uploads/, /^\/api\/auth\//, /\/export/];

export function routeOf(request: Pick<Request, 'method' | 'url' | 'mode'>, origin: string): Route {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== origin) return null;
  if (request.mode === 'navigate') return url.pathname === '/worker' || url.pathname === '/worker/' ? 'page' : null;
  if (url.pathname.startsWith('/assets/')) return 'asset';
  if (url.pathname.startsWith('/api/') && !notKept.some(p => p.test(url.pathname))) return 'data';
  return null;
}

export async function answer(request: Request, route: Exclude<Route, null>, shellCache: string, deps: OfflineDeps): Promise<Response> {
  if (route === 'asset') {
    const kept = await deps.match(request);
    if (kept) return kept;
    const response = await deps.fetch(request);
    if (response.ok) await (await deps.open(assetCache)).put(request, response.clone());
    return response;
  }
  const cacheName = route === 'page' ? shellCache : dataCacheOf(request);
  const key = route === 'page' ? '/worker' : request;
  if (!cacheName) return deps.fetch(request);
  try {
    const response = await deps.fetch(request);
    if (response.ok) await (await deps.open(cacheName)).put(key, response.clone());
    return response;
  } catch (e) {
    // Vary is ignored: a copy is better than nothing when there is no network.
    const kept = await (await deps.open(cacheName)).match(key, { ignoreVary: true });
    if (!kept) throw e;
    const headers = new Headers(kept.headers);
    headers.set('X-Offline-Copy', kept.headers.get('Date') ?? 'unknown');
    return new Response(kept.body, { status: kept.status, statusText: kept.statusText, headers });
  }
}
