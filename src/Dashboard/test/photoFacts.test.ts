// The facts a phone reads from a photo before it downscales it: when (with the camera's offset, or the city's
// clock without one) and where (GPS), from JPEGs built here byte by byte in both byte orders.

import { describe, expect, it } from 'vitest';
import { readPhotoFacts } from '../src/worker/photoFacts';

interface Entry { tag: number; type: 2 | 5; value: string | [number, number][] }

/** A TIFF block with IFD0 pointing at an EXIF IFD and a GPS IFD holding the given entries. */
function tiff(little: boolean, exif: Entry[], gps: Entry[]): Uint8Array {
  const bytes: number[] = [];
  const u16 = (v: number) => (little ? bytes.push(v & 255, v >> 8) : bytes.push(v >> 8, v & 255));
  const u32 = (v: number) => (little ? bytes.push(v & 255, (v >> 8) & 255, (v >> 16) & 255, v >>> 24) : bytes.push(v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255));
  const ifdSize = (n: number) => 2 + n * 12 + 4;
  const ifd0At = 8, exifAt = ifd0At + ifdSize(2), gpsAt = exifAt + ifdSize(exif.length);
  let dataAt = gpsAt + ifdSize(gps.length);
  const data: number[][] = [];
  const writeIfd = (entries: Entry[]) => {
    u16(entries.length);
    for (const e of entries) {
      u16(e.tag);
      u16(e.type);
      if (e.type === 2) {
        const text = [...`${e.value as string}\0`].map(c => c.charCodeAt(0));
        u32(text.length);
        if (text.length <= 4) { bytes.push(...text, ...Array(4 - text.length).fill(0)); continue; }
        u32(dataAt);
        data.push(text);
        dataAt += text.length;
      } else {
        const pairs = e.value as [number, number][];
        u32(pairs.length);
        u32(dataAt);
        const chunk: number[] = [];
        const push32 = (v: number) => (little ? chunk.push(v & 255, (v >> 8) & 255, (v >> 16) & 255, v >>> 24) : chunk.push(v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255));
        for (const [n, d] of pairs) { push32(n); push32(d); }
        data.push(chunk);
        dataAt += chunk.length;
      }
    }
    u32(0);
  };
  bytes.push(...(little ? [0x49, 0x49] : [0x4d, 0x4d]));
  u16(42);
  u32(ifd0At);
  u16(2);
  u16(0x8769); u16(4); u32(1); u32(exifAt);
  u16(0x8825); u16(4); u32(1); u32(gpsAt);
  u32(0);
  writeIfd(exif);
  writeIfd(gps);
  for (const chunk of data) bytes.push(...chunk);
  return Uint8Array.from(bytes);
}

function jpeg(block: Uint8Array): ArrayBuffer {
  const header = [0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0]; // SOI and a tiny APP0 before the EXIF, as cameras write
  const app1Length = 2 + 6 + block.length;
  const out = Uint8Array.from([...header, 0xff, 0xe1, app1Length >> 8, app1Length & 255, ...[...'Exif'].map(c => c.charCodeAt(0)), 0, 0, ...block, 0xff, 0xda, 0, 2]);
  return out.buffer;
}

const cityClock = (reading: string) => Date.parse(`${reading}+09:00`);

const gpsEntries: Entry[] = [
  { tag: 1, type: 2, value: 'N' },
  { tag: 2, type: 5, value: [[31, 1], [54, 1], [3600, 100]] },
  { tag: 3, type: 2, value: 'E' },
  { tag: 4, type: 5, value: [[120, 1], [16, 1], [4815, 100]] },
];

describe('readPhotoFacts', () => {
  it.each([true, false])('reads time with its offset and GPS position (little-endian %s)', little => {
    const facts = readPhotoFacts(jpeg(tiff(little, [
      { tag: 0x9003, type: 2, value: '2026:12:01 10:32:05' }, { tag: 0x9011, type: 2, value: '+09:00' }], gpsEntries)), cityClock);
    expect(facts).toEqual({ takenAt: '2026-12-01T01:32:05.000Z', lat: 31.91, lon: 120.280042 });
  });

  it('reads a clock without offset as the city\'s clock', () => {
    let asked = '';
    const facts = readPhotoFacts(jpeg(tiff(true, [{ tag: 0x9003, type: 2, value: '2026:12:01 10:32:05' }], [])), reading => {
      asked = reading;
      return Date.parse(`${reading}Z`);
    });
    expect(asked).toBe('2026-12-01T10:32:05');
    expect(facts).toEqual({ takenAt: '2026-12-01T10:32:05.000Z', lat: null, lon: null });
  });

  it('takes south and west as negative and refuses a 0,0 fix', () => {
    const south = readPhotoFacts(jpeg(tiff(true, [], [
      { tag: 1, type: 2, value: 'S' }, { tag: 2, type: 5, value: [[33, 1], [30, 1], [0, 1]] },
      { tag: 3, type: 2, value: 'W' }, { tag: 4, type: 5, value: [[70, 1], [15, 1], [0, 1]] }])), cityClock);
    expect([south.lat, south.lon]).toEqual([-33.5, -70.25]);
    const zero = readPhotoFacts(jpeg(tiff(true, [], [
      { tag: 2, type: 5, value: [[0, 1], [0, 1], [0, 1]] }, { tag: 4, type: 5, value: [[0, 1], [0, 1], [0, 1]] }])), cityClock);
    expect([zero.lat, zero.lon]).toEqual([null, null]);
  });

  it('has no facts for a PNG, a JPEG without EXIF, or a damaged EXIF block', () => {
    expect(readPhotoFacts(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).buffer, cityClock)).toEqual({ takenAt: null, lat: null, lon: null });
    expect(readPhotoFacts(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 2]).buffer, cityClock)).toEqual({ takenAt: null, lat: null, lon: null });
    const broken = new Uint8Array(jpeg(tiff(true, [{ tag: 0x9003, type: 2, value: '2026:12:01 10:32:05' }], gpsEntries)));
    broken[24] = 0xff; broken[25] = 0x7f; // IFD0's offset points far outside the block
    expect(readPhotoFacts(broken.buffer, cityClock)).toEqual({ takenAt: null, lat: null, lon: null });
  });
});
