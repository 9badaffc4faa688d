// The live feed's promise: nothing silently missed. A gap, a new epoch or a reconnect loads a fresh snapshot and the
// feed goes on from its number; pushes already covered (duplicates, late ones) change nothing; a closed incident
// stays closed. Driven through a fake hub connection, so every push and every snapshot is the test's choice.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Feed, type FeedConnection, type FeedListener } from '../src/shared/feed';
import type { FeedBatch, FeedSnapshot, IncidentDelta } from '../src/shared/wire';

const channel = 'scope:city';

function incident(id: string, version: number, open = true): IncidentDelta {
  return {
    id, version, state: open ? 'dispatched' : 'filed', step: open ? 3 : 8, category: 'E0102', priority: 'normal', lat: 31.9, lon: 120.28,
    gridId: 'G1', assigneeId: 'M00001', activeStep: open ? 'accept' : null, warnAt: null, dueAt: null, breached: false, warned: false,
    escalation: 'None', open, createdAt: '2026-11-24T01:00:00Z', updatedAt: '2026-11-24T01:00:00Z', yellowFrom: null, redFrom: null, noneFrom: null,
    alertAcknowledgedBy: null, alertAcknowledgedAt: null,
  };
}

function snapshot(epoch: string, sequence: number, incidents: IncidentDelta[] = []): FeedSnapshot {
  return { channel, epoch, sequence, incidents, positions: [], counters: { open: incidents.length, overdue: 0, handledToday: 0, onTimeToday: 0 } };
}

function batch(epoch: string, sequence: number, incidents: IncidentDelta[] = []): FeedBatch {
  return { channel, epoch, sequence, incidents, alerts: [], positions: [], notices: [], counters: null };
}

/** A hub that answers Follow with the snapshots the test queues, and pushes what the test sends. */
class FakeHub implements FeedConnection {
  state = 'Disconnected';
  follows = 0;
  private readonly answers: (FeedSnapshot | Promise<FeedSnapshot>)[] = [];
  private push: ((batch: FeedBatch) => void) | null = null;
  private reconnected: (() => void) | null = null;

  answer(next: FeedSnapshot | Promise<FeedSnapshot>): this {
    this.answers.push(next);
    return this;
  }

  send(batch: FeedBatch): void {
    this.push!(batch);
  }

  /** The connection came back after a drop (SignalR's automatic reconnect): the group membership was lost with the old one. */
  reconnect(): void {
    this.state = 'Connected';
    this.reconnected!();
  }

  on(_method: 'Feed', handler: (batch: FeedBatch) => void): void { this.push = handler; }
  onreconnecting(): void {}
  onreconnected(callback: () => void): void { this.reconnected = callback; }
  onclose(): void {}
  async start(): Promise<void> { this.state = 'Connected'; }
  async stop(): Promise<void> { this.state = 'Disconnected'; }
  async invoke(method: 'Follow', followed: string): Promise<FeedSnapshot> {
    expect([method, followed]).toEqual(['Follow', channel]);
    this.follows++;
    const next = this.answers.shift();
    if (!next) throw new Error('The test queued no snapshot for this follow.');
    return await next;
  }
}

/** Lets the feed's pending promises (a resync started from a push) run to the end. */
const settle = () => new Promise(resolve => setTimeout(resolve, 0));

function follow(hub: FakeHub) {
  const seen = { resets: [] as FeedSnapshot[], batches: [] as FeedBatch[], changed: [] as string[], closed: [] as string[] };
  const listener: FeedListener = {
    reset: s => seen.resets.push(s),
    batch: (b, changed, closed) => {
      seen.batches.push(b);
      seen.changed.push(...changed.map(c => `${c.id}@${c.version}`));
      seen.closed.push(...closed);
    },
  };
  const feed = new Feed({ channel, token: () => 'token', listener, connection: hub });
  return { feed, seen };
}

beforeEach(() => {
  vi.stubGlobal('window', Object.assign(new EventTarget(), { setTimeout, clearTimeout }));
  vi.stubGlobal('navigator', { onLine: true });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Feed', () => {
  it('starts from the snapshot and applies the next push of its epoch', async () => {
    const hub = new FakeHub().answer(snapshot('e1', 5, [incident('A', 1)]));
    const { feed, seen } = follow(hub);
    await feed.start();
    expect([feed.linkState, feed.lastCause, feed.sequence]).toEqual(['live', 'start', 5]);
    expect(seen.resets).toHaveLength(1);

    hub.send(batch('e1', 6, [incident('A', 2), incident('B', 1)]));
    expect(feed.sequence).toBe(6);
    expect(seen.changed).toEqual(['A@2', 'B@1']);
    expect([...feed.incidents.keys()].sort()).toEqual(['A', 'B']);
    expect(hub.follows).toBe(1);
  });

  it('reloads the snapshot on a gap and goes on from the snapshot’s number', async () => {
    const hub = new FakeHub().answer(snapshot('e1', 5, [incident('A', 1)])).answer(snapshot('e1', 8, [incident('A', 3), incident('C', 1)]));
    const { feed, seen } = follow(hub);
    await feed.start();

    hub.send(batch('e1', 7, [incident('X', 1)])); // 6 never came
    await settle();
    expect([hub.follows, feed.resyncs, feed.lastCause, feed.sequence]).toEqual([2, 1, 'gap', 8]);
    expect(feed.incidents.has('X')).toBe(false);
    expect([...feed.incidents.keys()].sort()).toEqual(['A', 'C']);

    hub.send(batch('e1', 9, [incident('C', 2)]));
    expect(feed.sequence).toBe(9);
    expect(seen.changed).toEqual(['C@2']);
  });

  it('reloads the snapshot when the channel restarted with a new epoch, even at a lower number', async () => {
    const hub = new FakeHub().answer(snapshot('e1', 40)).answer(snapshot('e2', 1, [incident('D', 4)]));
    const { feed } = follow(hub);
    await feed.start();

    hub.send(batch('e2', 1, [incident('D', 4)]));
    await settle();
    expect([hub.follows, feed.lastCause, feed.epoch, feed.sequence]).toEqual([2, 'epoch', 'e2', 1]);
    expect(feed.incidents.get('D')?.version).toBe(4);
  });

  it('ignores a duplicate push and one older than what it holds', async () => {
    const hub = new FakeHub().answer(snapshot('e1', 10, [incident('A', 5)]));
    const { feed, seen } = follow(hub);
    await feed.start();

    hub.send(batch('e1', 11, [incident('A', 6)]));
    hub.send(batch('e1', 11, [incident('A', 6)])); // the same push again
    hub.send(batch('e1', 9, [incident('A', 2)])); // from before the snapshot
    await settle();
    expect([feed.sequence, feed.applied, feed.covered, hub.follows]).toEqual([11, 1, 2, 1]);
    expect(seen.batches).toHaveLength(1);
    expect(feed.incidents.get('A')?.version).toBe(6);
  });

  it('keeps the higher version of an incident whatever order its pictures come in, and a closed one stays closed', async () => {
    const hub = new FakeHub().answer(snapshot('e1', 0, [incident('A', 3)]));
    const { feed, seen } = follow(hub);
    await feed.start();

    hub.send(batch('e1', 1, [incident('A', 2)])); // an older picture in a newer push
    expect(feed.incidents.get('A')?.version).toBe(3);
    hub.send(batch('e1', 2, [incident('A', 5, false)]));
    hub.send(batch('e1', 3, [incident('A', 4)])); // late, from before the close
    expect(feed.incidents.has('A')).toBe(false);
    expect(seen.closed).toEqual(['A']);
    expect(seen.changed).toEqual([]);
  });

  it('after a reconnect follows again, takes the fresh snapshot, then continues from it', async () => {
    const hub = new FakeHub().answer(snapshot('e1', 3, [incident('A', 1)])).answer(snapshot('e1', 12, [incident('B', 2)]));
    const { feed, seen } = follow(hub);
    await feed.start();

    hub.reconnect();
    await settle();
    expect([hub.follows, feed.lastCause, feed.sequence, feed.linkState]).toEqual([2, 'reconnect', 12, 'live']);
    expect([...feed.incidents.keys()]).toEqual(['B']);
    expect(seen.resets).toHaveLength(2);

    hub.send(batch('e1', 13, [incident('B', 3)]));
    expect([feed.sequence, feed.incidents.get('B')?.version]).toEqual([13, 3]);
  });

  it('holds pushes that arrive while a snapshot is on its way, drops those it covers and applies the rest in order', async () => {
    let answer!: (s: FeedSnapshot) => void;
    const hub = new FakeHub().answer(new Promise<FeedSnapshot>(resolve => { answer = resolve; }));
    const { feed, seen } = follow(hub);
    const started = feed.start();
    await settle();
    expect(feed.linkState).toBe('syncing');

    hub.send(batch('e1', 22, [incident('C', 1)]));
    hub.send(batch('e1', 21, [incident('B', 1)]));
    hub.send(batch('e1', 20, [incident('A', 9)])); // already in the snapshot
    answer(snapshot('e1', 20, [incident('A', 9)]));
    await started;

    expect([feed.sequence, feed.covered, hub.follows]).toEqual([22, 1, 1]);
    expect(seen.changed).toEqual(['B@1', 'C@1']);
  });
});
