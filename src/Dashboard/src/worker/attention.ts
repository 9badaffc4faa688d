// Getting the worker's attention when the page is not in front: a system notification for each notice the center
// sends (through the service worker, as Android requires), the app badge with the count of open tasks, and an
// 开启通知 button while the browser has not been asked. Which notices come, and when one is sent again, is the
// center's escalation ladder (a warning, a breach per rung, a reminder while unread, supervision); the page only
// decides how each kind is shown.

import type { WorkerNotice } from '../shared/wire';
import { h, noticeWords } from '../shared/words';

export interface NotificationLook {
  /** Sound and vibrate again even though a notification of the same case is already shown. */
  renotify: boolean;
  /** Stays until the worker acts on it (overdue work). */
  requireInteraction: boolean;
  vibrate: number[];
}

/** How each kind of notice is shown: late and pressed work insists, a new task rings once. */
export function notificationLook(kind: string): NotificationLook {
  switch (kind) {
    case 'breach':
    case 'reminder':
      return { renotify: true, requireInteraction: true, vibrate: [300, 120, 300, 120, 600] };
    case 'supervision':
    case 'warning':
      return { renotify: true, requireInteraction: false, vibrate: [200, 100, 200] };
    case 'assignment':
      return { renotify: true, requireInteraction: false, vibrate: [400] };
    default:
      return { renotify: false, requireInteraction: false, vibrate: [] };
  }
}

export class Attention {
  readonly button: HTMLButtonElement;

  constructor() {
    this.button = h('button.notify-permission', { type: 'button', hidden: !this.askable(), title: 'Allow notifications' }, '开启通知');
    this.button.addEventListener('click', () => void (async () => {
      await Notification.requestPermission();
      this.button.hidden = !this.askable();
    })());
  }

  /** A notice while the page is hidden or the phone is locked: a system notification the worker can tap. */
  async notify(notice: WorkerNotice, what: string): Promise<boolean> {
    if (document.visibilityState === 'visible' || !('Notification' in window) || Notification.permission !== 'granted') return false;
    const [zhWord, enWord] = noticeWords[notice.kind] ?? noticeWords.notice;
    const look = notificationLook(notice.kind);
    const options: NotificationOptions & { renotify?: boolean; vibrate?: number[] } = {
      body: `${what} · ${notice.incidentId}${notice.text ? `\n${notice.text}` : ''}`,
      tag: notice.incidentId,
      renotify: look.renotify,
      requireInteraction: look.requireInteraction,
      vibrate: look.vibrate,
      icon: '/icons/worker-192.png',
      badge: '/icons/worker-192.png',
      data: { incidentId: notice.incidentId },
    };
    const registration = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration('/worker') : undefined;
    if (registration) await registration.showNotification(`${zhWord} · ${enWord}`, options);
    else new Notification(`${zhWord} · ${enWord}`, options);
    return true;
  }

  /** The count on the installed app's icon: the worker's open tasks. */
  badge(count: number): void {
    const nav = navigator as Navigator & { setAppBadge?: (n: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
    if (count > 0) void nav.setAppBadge?.(count).catch(() => undefined);
    else void nav.clearAppBadge?.().catch(() => undefined);
  }

  private askable(): boolean {
    return 'Notification' in window && Notification.permission === 'default';
  }
}
