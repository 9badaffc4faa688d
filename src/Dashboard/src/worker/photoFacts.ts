// When and where a photo was taken, as the camera wrote it into the JPEG (EXIF): DateTimeOriginal with its
// offset if the camera wrote one, and the GPS latitude and longitude. Read before the phone downscales the photo
// (re-encoding drops EXIF, which also keeps the camera's other data off the center). Pure: bytes in, facts out.

export interface PhotoFacts {
  takenAt: string | null;
  lat: number | null;
  lon: number | null;
}

const none: PhotoFacts = { takenAt: null, lat: null, lon: null };

/**
 * Reads the facts of a JPEG; anything else, or a JPEG without EXIF, has none. `localTime` turns a camera's clock
 * reading without offset ("2026-12-01T10:32:05") into an instant: the city's zone, where the phone is used.
 */
export function readPhotoFacts(buffer: ArrayBuffer, localTime: (reading: string) => number): PhotoFacts {
  const view = new DataView(buffer);
  if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return none;
  let offset = 2;
  while (offset + 4 <= view.byteLength) {
    const marker = view.getUint16(offset);
    if ((marker & 0xff00) !== 0xff00 || marker === 0xffda) return none; // start of scan: no EXIF came before it
    const length = view.getUint16(offset + 2);
    if (marker === 0xffe1 && length >= 8 && ascii(view, offset + 4, 6) === 'Exif\0\0') {
      try {
        return exif(new DataView(buffer, offset + 10, Math.min(length - 8, view.byteLength - offset - 10)), localTime);
      } catch {
        return none; // a damaged EXIF block is no facts, not a failed report
      }
    }
    offset += 2 + length;
  }
  return none;
}

function exif(tiff: DataView, localTime: (reading: string) => number): PhotoFacts {
  const little = ascii(tiff, 0, 2) === 'II';
  const u16 = (at: number) => tiff.getUint16(at, little);
  const u32 = (at: number) => tiff.getUint32(at, little);
  /** The entries of the directory at `at`: tag → the offset of its 12-byte entry. */
  const entries = (at: number): Map<number, number> => {
    const found = new Map<number, number>();
    const count = u16(at);
    for (let i = 0; i < count; i++) found.set(u16(at + 2 + i * 12), at + 2 + i * 12);
    return found;
  };
  /** An ASCII value: inline when 4 bytes or fewer, else at its offset. */
  const text = (entry: number): string => {
    const count = u32(entry + 4);
    const at = count <= 4 ? entry + 8 : u32(entry + 8);
    return ascii(tiff, at, count).replace(/\0+$/, '');
  };
  const rationals = (entry: number): number[] => {
    const at = u32(entry + 8);
    return Array.from({ length: u32(entry + 4) }, (_, i) => u32(at + i * 8) / (u32(at + i * 8 + 4) || Number.NaN));
  };

  const root = entries(u32(4));
  let takenAt: string | null = null;
  const exifAt = root.get(0x8769);
  if (exifAt !== undefined) {
    const sub = entries(u32(exifAt + 8));
    const original = sub.get(0x9003) ?? sub.get(0x9004);
    const reading = original !== undefined ? /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text(original)) : null;
    if (reading) {
      const local = `${reading[1]}-${reading[2]}-${reading[3]}T${reading[4]}:${reading[5]}:${reading[6]}`;
      const zone = sub.get(0x9011);
      const offsetText = zone !== undefined ? text(zone) : '';
      const instant = /^[+-]\d{2}:\d{2}$/.test(offsetText) ? Date.parse(`${local}${offsetText}`) : localTime(local);
      takenAt = Number.isFinite(instant) ? new Date(instant).toISOString() : null;
    }
  }
  let lat: number | null = null;
  let lon: number | null = null;
  const gpsAt = root.get(0x8825);
  if (gpsAt !== undefined) {
    const gps = entries(u32(gpsAt + 8));
    const degrees = (tag: number, refTag: number, negative: string): number | null => {
      const entry = gps.get(tag);
      const ref = gps.get(refTag);
      if (entry === undefined) return null;
      const [d, m, s] = rationals(entry);
      const value = d + (m ?? 0) / 60 + (s ?? 0) / 3600;
      if (!Number.isFinite(value)) return null;
      return ref !== undefined && text(ref) === negative ? -value : value;
    };
    lat = degrees(2, 1, 'S');
    lon = degrees(4, 3, 'W');
    if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) lat = lon = null;
  }
  return { takenAt, lat: round(lat), lon: round(lon) };
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1e6) / 1e6;
}

function ascii(view: DataView, at: number, length: number): string {
  let s = '';
  for (let i = 0; i < length && at + i < view.byteLength; i++) s += String.fromCharCode(view.getUint8(at + i));
  return s;
}
