// Patrol mode: follow the phone's position and send the fixes in batches every 10 s (one request, many pings).

import { api } from '../shared/api';

export interface PatrolStatus {
  on: boolean;
  sent: number;
  pending: number;
  lastFix: { lat: number; lon: number; at: string } | null;
  error: string | null;
}

const flushEvery = 10_000;

export class Patrol {
  private watch: number | null = null;
  private timer: number | undefined;
  private pings: { lat: number; lon: number; at: string }[] = [];
  readonly status: PatrolStatus = { on: false, sent: 0, pending: 0, lastFix: null, error: null };

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
    await this.flush();
    this.changed(this.status);
  }

  /** Sends what was collected; pings that could not be sent (offline) stay for the next try. */
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
  }
}
