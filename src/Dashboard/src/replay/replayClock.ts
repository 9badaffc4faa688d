// The replay clock: an instant inside the window that runs at a chosen speed (1× … 1000× real time) while playing,
// stops at the window's end, and jumps where the supervisor seeks.

export const speeds = [1, 10, 60, 100, 1000] as const;

export class ReplayClock {
  private position: number;
  private speedFactor = 60;
  private timer = 0;
  private last = 0;

  constructor(private from: number, private to: number, private readonly changed: (at: number) => void) {
    this.position = from;
  }

  get at(): number { return this.position; }
  get speed(): number { return this.speedFactor; }
  get playing(): boolean { return this.timer !== 0; }

  /** A new window: back to its start, paused. */
  reset(from: number, to: number): void {
    this.pause();
    this.from = from;
    this.to = to;
    this.seek(from);
  }

  seek(at: number): void {
    this.position = Math.min(this.to, Math.max(this.from, at));
    this.changed(this.position);
  }

  setSpeed(speed: number): void {
    this.speedFactor = speed;
  }

  play(): void {
    if (this.timer) return;
    if (this.position >= this.to) this.position = this.from;
    this.last = performance.now();
    // Ten steps a second: the page redraws what changed at each step; real time elapsed times the speed moves the clock.
    this.timer = window.setInterval(() => {
      const now = performance.now();
      const next = this.position + (now - this.last) * this.speedFactor;
      this.last = now;
      if (next >= this.to) {
        this.pause();
        this.seek(this.to);
      } else this.seek(next);
    }, 100);
    this.changed(this.position);
  }

  pause(): void {
    if (!this.timer) return;
    window.clearInterval(this.timer);
    this.timer = 0;
    this.changed(this.position);
  }
}
