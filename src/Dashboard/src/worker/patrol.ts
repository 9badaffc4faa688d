// Patrol mode: follow the phone's position and hand the fixes to the outbox every 10 s (one request, many pings;
// offline, the fixes wait on the phone and go in order when the network is back: the center keeps each fix once,
// refusing one not after the last it kept), and show today's patrol distance and time as the server counts them
// (GET /api/members/{id}/patrol).

import { api } from '../shared/api';
import type { PatrolDayView } from '../shared/wire';
import type { Outbox, OutboxItem } from './outbox';

export interface PatrolStatus {
  on: boolean;
  sent: number;
  pending: number;
  lastFix: { lat: number; lon: number; at: string } | null;
  error: string | null;
  /** Today's patrol (city day) as the server counts it; null until first read. */
  today: PatrolDayView | null;
}

const flushEvery = 10_000;
/** Today's figures are read again after a batch at most this often (each read summarises the whole day's track on the server). */
const todayEvery = 60_000;

/** 850 m, 1.23 km. */
export function distanceWords(metres: number): string {
  return metres < 1_000 ? `${Math.round(metres)} m` : `${(metres / 1_000).toFixed(2)} km`;
}

/** 0 min, 42 min, 1 h 05 min. */
export function durationWords(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export class Patrol {
  private watch: number | null = null;
  private timer: number | undefined;
  private pings: { lat: number; lon: number; at: string }[] = [];
  private todayReadAt = 0;
  /** The outbox's batches already counted in `sent`. */
  private readonly counted = new Set<number>();
  readonly status: PatrolStatus = { on: false, sent: 0, pending: 0, lastFix: null, error: null, today: null };

  constructor(private readonly memberId: string, private readonly outbox: Outbox, private readonly changed: (status: PatrolStatus) => void) {
    // A page put away or closed hands its last fixes to the outbox first.
    window.addEventListener('pagehide', () => void this.flush());
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') void this.flush(); });
  }

  private get path(): string {
    return `/api/members/${encodeURIComponent(this.memberId)}/locations`;
  }

  /** The outbox changed: batches sent since (now or after the network came back) count, and what still waits. */
  outboxChanged(items: readonly OutboxItem[]): void {
    for (const item of items) {
      if (item.kind !== 'pings' || item.path !== this.path || item.status !== 'sent' || this.counted.has(item.seq!)) continue;
      this.counted.add(item.seq!);
      this.status.sent += (item.answer as { kept?: number } | null)?.kept ?? 0;
    }
    this.status.pending = this.pings.length + this.waitingInOutbox();
    this.changed(this.status);
  }

  private waitingInOutbox(): number {
    return this.outbox.waiting().filter(i => i.kind === 'pings' && i.path === this.path)
      .reduce((sum, i) => sum + (i.body.pings as unknown[]).length, 0);
  }

  start(): void {
    if (this.watch !== null) return;
    if (!('geolocation' in navigator)) {
      this.status.error = '此设备无法定位 · No location on this device.';
      this.changed(this.status);
      return;
    }
    this.status.on = true;
    this.status.error = null;
    this.watch = navigator.geolocation.watchPosition(
      position => {
        const fix = { lat: position.coords.latitude, lon: position.coords.longitude, at: new Date(position.timestamp).toISOString() };
        this.pings.push(fix);
        this.status.lastFix = fix;
        this.status.pending = this.pings.length;
        this.changed(this.status);
      },
      error => {
        this.status.error = `定位失败 · ${error.message}`;
        this.changed(this.status);
      },
      { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 });
    this.timer = window.setInterval(() => void this.flush(), flushEvery);
    this.changed(this.status);
  }

  async stop(): Promise<void> {
    if (this.watch !== null) navigator.geolocation.clearWatch(this.watch);
    this.watch = null;
    window.clearInterval(this.timer);
    this.status.on = false;
    const nothingPending = this.pings.length === 0;
    await this.flush();
    if (nothingPending) await this.loadToday();
    this.changed(this.status);
  }

  /** Reads today's distance and time; on failure the last figures stay. */
  async loadToday(): Promise<void> {
    this.todayReadAt = Date.now();
    try {
      this.status.today = await api<PatrolDayView>(`/api/members/${encodeURIComponent(this.memberId)}/patrol`);
    } catch {
      return;
    }
    this.changed(this.status);
  }

  /**
   * Hands what was collected to the outbox, which sends it now or keeps it. Then reads today's figures again: at most
   * once a minute while patrolling, and always on the batch that ends the patrol.
   */
  async flush(): Promise<void> {
    if (this.pings.length === 0) return;
    const batch = this.pings.splice(0, this.pings.length);
    const outcome = await this.outbox.submitPings(this.path, batch);
    this.status.error = outcome.status === 'queued' ? outcome.item.lastError ?? '离线：位置已保存在手机上 · Offline: fixes kept on this phone.'
      : outcome.status === 'sent' ? null : outcome.refusal.detail;
    this.outboxChanged(this.outbox.items);
    if (outcome.status === 'sent' && (!this.status.on || Date.now() - this.todayReadAt >= todayEvery)) await this.loadToday();
  }
}
