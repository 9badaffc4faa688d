// What the pages take from the device: photos chosen or taken, uploaded to the photo store (POST /api/photos, which
// checks type by content and size), and the position the device reports. One place for both, so every form that
// sends photos or a position sends them the same way.

import { api } from './api';

/** One photo in the store: its name (what an action's `photos` carries) and its URL (what a report's `photos` carries). */
export interface StoredPhoto {
  photo: string;
  url: string;
}

/** Uploads the chosen files, one after another; the server's refusal (type, size) is thrown as it words it. */
export async function uploadPhotos(files: FileList | readonly File[] | null | undefined): Promise<StoredPhoto[]> {
  const stored: StoredPhoto[] = [];
  for (const file of files ?? []) {
    const data = new FormData();
    data.append('file', file);
    stored.push(await api<StoredPhoto>('/api/photos', { raw: data }));
  }
  return stored;
}

/** Where the device is now, or null when it cannot say (no geolocation, refused, or no fix within 10 s). */
export function currentPosition(): Promise<{ lat: number; lon: number } | null> {
  return new Promise(resolve => {
    if (!('geolocation' in navigator)) { resolve(null); return; }
    navigator.geolocation.getCurrentPosition(
      p => resolve({ lat: p.coords.latitude, lon: p.coords.longitude }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 30_000 });
  });
}
