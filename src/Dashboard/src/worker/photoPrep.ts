// A photo taken or chosen on the phone, made ready to queue: its facts read from EXIF, then downscaled so its
// longer edge is at most the center's configured size and re-encoded as JPEG (a 12-megapixel photo becomes a few
// hundred KB, which a weak network can carry). The sizes come from the center (GET /api/photos/settings).

import { fromCityInput } from '../shared/cityTime';
import type { PhotoSettingsView } from '../shared/wire';
import type { StagedPhoto } from './outbox';
import { readPhotoFacts } from './photoFacts';

export type PhotoSettings = PhotoSettingsView;

export async function preparePhoto(file: Blob, settings: PhotoSettings): Promise<StagedPhoto> {
  const facts = readPhotoFacts(await file.arrayBuffer(), fromCityInput);
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const scale = Math.min(1, settings.maxEdge / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob | null>(resolve => canvas.toBlob(resolve, 'image/jpeg', settings.quality));
    if (!blob) throw new Error('照片无法处理 · The photo could not be read.');
    return { blob, ...facts };
  } finally {
    bitmap.close();
  }
}

/** Every chosen file prepared in turn; a file that is no image is refused here with its name. */
export async function preparePhotos(files: FileList | readonly File[] | null | undefined, settings: PhotoSettings | null): Promise<StagedPhoto[]> {
  const list = [...(files ?? [])];
  if (!list.length) return [];
  // The sizes are the center's (read at start, kept by the service worker): without them a photo is not guessed at.
  if (!settings) throw new Error('照片设置未能读取，请联网后重新打开页面 · The photo settings could not be read: open the page once with a network.');
  if (list.length > settings.maxPerAction) throw new Error(`最多 ${settings.maxPerAction} 张照片 · At most ${settings.maxPerAction} photos.`);
  const prepared: StagedPhoto[] = [];
  for (const file of list) {
    try {
      prepared.push(await preparePhoto(file, settings));
    } catch {
      throw new Error(`“${file.name}” 不是可用的照片 · "${file.name}" is not a photo this phone can read.`);
    }
  }
  return prepared;
}
