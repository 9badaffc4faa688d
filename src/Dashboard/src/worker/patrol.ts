// Patrol mode: follow the phone's position and send the fixes in batches every 10 s (one request, many pings),
// and show today's patrol distance and time as the server counts them (GET /api/members/{id}/patrol).

import { api } from '../shared/api';
import type { PatrolDayView } from '../shared/wire';

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
  readonly status: PatrolStatus = { on: false, sent: 0, pending: 0, lastFix: null, error: null, today: null };

  constructor(private readonly memberId: string, private readonly changed: (status: PatrolStatus) => void) {}

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
   * Sends what was collected; pings that could not be sent (offline) stay for the next try. Then reads today's figures
   * again: at most once a minute while patrolling, and always on the batch that ends the patrol.
   */
  async flush(): Promise<void> {
    if (this.pings.length === 0) return;
    const batch = this.pings.splice(0, 1_000);
    try {
      const answer = await api<{ kept: number }>(`/api/members/${encodeURIComponent(this.memberId)}/locations`, { body: { pings: batch } });
      this.status.sent += answer.kept;
      this.status.error = null;
    } catch (e) {
      this.pings.unshift(...batch);
      this.status.error = e instanceof Error ? e.message : String(e);
    }
    this.status.pending = this.pings.length;
    this.changed(this.status);
    if (this.status.error === null && (!this.status.on || Date.now() - this.todayReadAt >= todayEvery)) await this.loadToday();
  }
}
