// What the phone keeps across reloads and restarts, in one IndexedDB database: the outbox (items in the order
// they were made, photos as Blobs) and the last picture of the member's open cases, drawn when the page opens
// without a network.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxItem, OutboxStore } from './outbox';
import type { IncidentDelta } from '../shared/wire';

/** The member's open cases as last seen live, and when. */
export interface CasesSnapshot {
  owner: string;
  savedAt: string;
  incidents: IncidentDelta[];
}

interface DeviceSchema extends DBSchema {
  outbox: { key: number; value: OutboxItem };
  snapshots: { key: string; value: CasesSnapshot };
}

const databaseName = 'grid-worker';

let opened: Promise<IDBPDatabase<DeviceSchema>> | null = null;

function database(): Promise<IDBPDatabase<DeviceSchema>> {
  opened ??= openDB<DeviceSchema>(databaseName, 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      db.createObjectStore('snapshots', { keyPath: 'owner' });
    },
  });
  return opened;
}

export const deviceOutbox: OutboxStore = {
  async add(item) {
    const { seq: _, ...rest } = item;
    return (await database()).add('outbox', rest as OutboxItem);
  },
  async put(item) {
    await (await database()).put('outbox', item);
  },
  async list() {
    return (await database()).getAll('outbox');
  },
  async delete(seq) {
    await (await database()).delete('outbox', seq);
  },
};

export async function saveCases(snapshot: CasesSnapshot): Promise<void> {
  await (await database()).put('snapshots', snapshot);
}

export async function loadCases(owner: string): Promise<CasesSnapshot | null> {
  return (await (await database()).get('snapshots', owner)) ?? null;
}

/** Signing out forgets the cases' picture; the outbox stays (its items are sent when their owner signs in again). */
export async function forgetCases(owner: string): Promise<void> {
  await (await database()).delete('snapshots', owner);
}
