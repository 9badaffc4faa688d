// The worker page's service worker (/worker-sw.js, scope /worker): after one visit the page opens with no
// network. Its shell (the page and every file it loads) is kept at install; the center's answers the page reads
// (the city, its grids, categories, the member, its cases) are taken from the network when there is one and
// from the last copy when there is not. Writes are never touched here: the page's outbox keeps and sends them.
// Its only import (the caching rule) is used by nothing else, so the build inlines it: one classic script.

import { answer, routeOf } from './offlineCache';

interface FetchEventLike extends Event {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface WorkerScope {
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
  location: Location;
}

const scope = self as unknown as WorkerScope;

/** Filled in by the build (vite.config.ts): the page's files and a version that changes when any of them does. */
const shellFiles: string[] = '__SHELL_FILES__'.split(',');
const shellCache = 'worker-shell-__SHELL_VERSION__';
scope.addEventListener('install', event => {
  event.waitUntil(caches.open(shellCache).then(cache => cache.addAll(shellFiles)).then(() => scope.skipWaiting()));
});

scope.addEventListener('activate', event => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith('worker-shell-') && name !== shellCache) await caches.delete(name);
    await scope.clients.claim();
  })());
});

scope.addEventListener('fetch', event => {
  const route = routeOf(event.request, scope.location.origin);
  if (!route) return;
  event.respondWith(answer(event.request, route, shellCache, {
    fetch: request => fetch(request),
    open: name => caches.open(name),
    match: request => caches.match(request),
  }));
});

// A tapped notification opens the worker page (or brings it forward) at the case it is about.
interface NotificationEventLike extends ExtendableEventLike {
  notification: { close(): void; data?: { incidentId?: string } };
}
interface ClientLike {
  url: string;
  focus(): Promise<unknown>;
  postMessage(message: unknown): void;
}
const clientsOf = (scope as unknown as { clients: { matchAll(o: object): Promise<ClientLike[]>; openWindow(url: string): Promise<unknown> } }).clients;
(self as unknown as { addEventListener(type: 'notificationclick', l: (e: NotificationEventLike) => void): void })
  .addEventListener('notificationclick', event => {
    event.notification.close();
    const id = event.notification.data?.incidentId;
    event.waitUntil((async () => {
      const open = (await clientsOf.matchAll({ type: 'window', includeUncontrolled: true })).find(c => new URL(c.url).pathname.startsWith('/worker'));
      if (open) {
        await open.focus();
        if (id) open.postMessage({ type: 'open-case', incidentId: id });
      } else {
        await clientsOf.openWindow(id ? `/worker#case=${encodeURIComponent(id)}` : '/worker');
      }
    })());
  });
