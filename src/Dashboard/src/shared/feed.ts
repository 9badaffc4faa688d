// The live feed of one channel, kept in step with the server with nothing silently missed.
//
// The protocol (see src/Grains/Wall/WallMessages.cs):
//  - Follow(channel) joins the channel's group, then answers its snapshot {epoch, sequence, ...}.
//  - Every push on the channel is a FeedBatch numbered sequence = previous + 1 within an epoch.
//  - A batch of the same epoch with sequence == held + 1 is applied; one at or below the held sequence is
//    already covered (it raced the snapshot) and is dropped.
//  - A gap, a new epoch (the channel restarted) or a reconnect (the group was lost with the old connection)
//    loads a fresh snapshot by following again, and the feed goes on from the snapshot's sequence.
//  - Batches that arrive while a snapshot is on its way are held back and replayed after it.
//  - An incident delta replaces the held one only if its version is higher; a closed one (open: false) is dropped.

import * as signalR from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import type { CenterClient, CenterHubMethods, FeedBatch, FeedSnapshot, IncidentDelta, PositionUpdate, ScopeCounters } from './wire';

/** What the page shows about the link: connecting, loading a snapshot, live, trying to reconnect, or offline. */
export type LinkState = 'connecting' | 'syncing' | 'live' | 'reconnecting' | 'offline';

export interface FeedListener {
  /** A snapshot replaced everything held: redraw from the feed's maps. */
  reset(snapshot: FeedSnapshot): void;
  /** A batch was applied: `changed` are incidents added or newer, `closed` the ids dropped. */
  batch(batch: FeedBatch, changed: IncidentDelta[], closed: string[]): void;
  state?(state: LinkState): void;
  /** The server refused to follow the channel (e.g. not allowed), or the token is no longer good. */
  refused?(message: string): void;
}

/**
 * The part of a SignalR hub connection the feed drives (a test hands it a fake). Method names and shapes come from
 * the generated hub contract, so a renamed hub method fails the pages' build.
 */
export interface FeedConnection {
  readonly state: string;
  on(method: keyof CenterClient & 'Feed', handler: CenterClient['Feed']): void;
  onreconnecting(callback: () => void): void;
  onreconnected(callback: () => void): void;
  onclose(callback: () => void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  invoke(method: keyof CenterHubMethods & 'Follow', ...args: Parameters<CenterHubMethods['Follow']>): Promise<ReturnType<CenterHubMethods['Follow']>>;
}

export interface FeedOptions {
  channel: string;
  token: () => string;
  listener: FeedListener;
  /** The hub's path; /hubs/center by default. */
  hubPath?: string;
  /** The connection to use instead of a new MessagePack connection to the hub. */
  connection?: FeedConnection;
}

/** Why the feed loaded a snapshot: the first load, or one of the three resync causes. */
export type ResyncCause = 'start' | 'gap' | 'epoch' | 'reconnect';

export class Feed {
  readonly channel: string;
  readonly incidents = new Map<string, IncidentDelta>();
  readonly positions = new Map<string, PositionUpdate>();
  counters: ScopeCounters | null = null;
  epoch: string | null = null;
  sequence = -1;
  /** Snapshots loaded after the first one, and why the last was loaded. */
  resyncs = 0;
  lastCause: ResyncCause | null = null;
  /** Batches applied, and batches dropped because a snapshot already covered them. */
  applied = 0;
  covered = 0;
  linkState: LinkState = 'connecting';

  private readonly listener: FeedListener;
  private readonly connection: FeedConnection;
  /** Versions of incidents seen closed, so a late older picture cannot bring one back. */
  private readonly closedVersions = new Map<string, number>();
  private snapshots = 0;
  private syncing = false;
  private held: FeedBatch[] = [];
  private resyncAgain: ResyncCause | null = null;
  private stopped = false;
  private offline = false;
  private restartTimer: number | undefined;

  constructor(options: FeedOptions) {
    this.channel = options.channel;
    this.listener = options.listener;
    this.connection = options.connection ?? new signalR.HubConnectionBuilder()
      .withUrl(options.hubPath ?? '/hubs/center', { accessTokenFactory: options.token })
      .withHubProtocol(new MessagePackHubProtocol())
      .withAutomaticReconnect({
        // Keep trying for as long as the page is open: a wall must come back by itself.
        nextRetryDelayInMilliseconds: ctx => Math.min(500 * 2 ** ctx.previousRetryCount, 5_000) + Math.random() * 500,
      })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    this.connection.on('Feed', (batch: FeedBatch) => this.receive(batch));
    this.connection.onreconnecting(() => this.setState('reconnecting'));
    this.connection.onreconnected(() => void this.resync('reconnect'));
    this.connection.onclose(() => {
      if (this.stopped || this.offline) return;
      this.setState('reconnecting');
      this.scheduleRestart();
    });
    // A browser that knows it lost the network does not wait for the socket to time out (sockets can stay
    // half-open for minutes): drop the link now and come back, with a fresh snapshot, when it is online.
    window.addEventListener('offline', () => void this.goOffline());
    window.addEventListener('online', () => this.comeOnline());
  }

  get connectionState(): string {
    return this.connection.state;
  }

  async start(): Promise<void> {
    this.stopped = false;
    if (!navigator.onLine) {
      this.offline = true;
      this.setState('offline');
      return;
    }
    this.setState(this.snapshots === 0 ? 'connecting' : 'reconnecting');
    try {
      if (this.connection.state === signalR.HubConnectionState.Disconnected) await this.connection.start();
    } catch (e) {
      if (isUnauthorized(e)) {
        this.listener.refused?.('登录已过期，请重新登录 · Signed out: sign in again.');
        return;
      }
      this.scheduleRestart();
      return;
    }
    await this.resync(this.snapshots === 0 ? 'start' : 'reconnect');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    window.clearTimeout(this.restartTimer);
    await this.connection.stop();
  }

  /** Loads the channel's snapshot by following it (which also re-joins its group after a reconnect). */
  async resync(cause: ResyncCause): Promise<void> {
    if (this.syncing) {
      this.resyncAgain = cause;
      return;
    }
    this.syncing = true;
    this.held = [];
    this.setState('syncing');
    let snapshot: FeedSnapshot;
    try {
      snapshot = await this.connection.invoke('Follow', this.channel);
    } catch (e) {
      this.syncing = false;
      if (this.connection.state !== signalR.HubConnectionState.Connected) return; // onreconnected or a restart tries again
      const message = e instanceof Error ? e.message.replace(/^.*HubException: /, '') : String(e);
      this.listener.refused?.(message);
      return;
    }
    if (this.snapshots++ > 0) this.resyncs++;
    this.lastCause = cause;
    this.applySnapshot(snapshot);
    this.syncing = false;
    this.setState('live');

    // Batches that came while the snapshot was on its way: those it covers are dropped, the rest applied in order.
    const held = this.held.sort((a, b) => a.sequence - b.sequence);
    this.held = [];
    for (const batch of held) this.receive(batch);
    if (this.resyncAgain) {
      const again = this.resyncAgain;
      this.resyncAgain = null;
      await this.resync(again);
    }
  }

  private receive(batch: FeedBatch): void {
    if (batch.channel !== this.channel) return;
    if (this.syncing) {
      this.held.push(batch);
      return;
    }
    if (batch.epoch !== this.epoch) {
      void this.resync('epoch');
      return;
    }
    if (batch.sequence <= this.sequence) {
      this.covered++;
      return;
    }
    if (batch.sequence !== this.sequence + 1) {
      void this.resync('gap');
      return;
    }
    this.applyBatch(batch);
  }

  private applySnapshot(snapshot: FeedSnapshot): void {
    this.epoch = snapshot.epoch;
    this.sequence = snapshot.sequence;
    this.incidents.clear();
    for (const incident of snapshot.incidents) if (incident.open) this.incidents.set(incident.id, incident);
    this.positions.clear();
    for (const position of snapshot.positions) this.positions.set(position.memberId, position);
    this.counters = snapshot.counters;
    this.listener.reset(snapshot);
  }

  private applyBatch(batch: FeedBatch): void {
    this.sequence = batch.sequence;
    this.applied++;
    const changed: IncidentDelta[] = [];
    const closed: string[] = [];
    for (const delta of batch.incidents) {
      const heldVersion = this.incidents.get(delta.id)?.version ?? this.closedVersions.get(delta.id) ?? -1;
      if (delta.version <= heldVersion) continue;
      if (delta.open) {
        this.incidents.set(delta.id, delta);
        changed.push(delta);
      } else {
        if (this.incidents.delete(delta.id)) closed.push(delta.id);
        this.rememberClosed(delta);
      }
    }
    for (const position of batch.positions) this.positions.set(position.memberId, position);
    if (batch.counters) this.counters = batch.counters;
    this.listener.batch(batch, changed, closed);
  }

  private rememberClosed(delta: IncidentDelta): void {
    this.closedVersions.set(delta.id, delta.version);
    if (this.closedVersions.size > 5_000) this.closedVersions.delete(this.closedVersions.keys().next().value!);
  }

  private async goOffline(): Promise<void> {
    this.offline = true;
    window.clearTimeout(this.restartTimer);
    this.setState('offline');
    await this.connection.stop();
  }

  private comeOnline(): void {
    if (!this.offline) return;
    this.offline = false;
    if (!this.stopped) void this.start();
  }

  private scheduleRestart(): void {
    window.clearTimeout(this.restartTimer);
    this.restartTimer = window.setTimeout(() => {
      if (!this.stopped && !this.offline) void this.start();
    }, 2_000 + Math.random() * 1_000);
  }

  private setState(state: LinkState): void {
    if (this.linkState === state) return;
    this.linkState = state;
    this.listener.state?.(state);
  }
}

function isUnauthorized(e: unknown): boolean {
  return e instanceof signalR.HttpError ? e.statusCode === 401 : /401|Unauthorized/.test(String(e));
}
