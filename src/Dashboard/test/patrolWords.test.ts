// How the worker's patrol tab writes today's distance and time.

import { describe, expect, it } from 'vitest';
import { distanceWords, durationWords } from '../src/worker/patrol';

describe('patrol words', () => {
  it('writes metres under a kilometre and kilometres with two decimals above', () => {
    expect(distanceWords(0)).toBe('0 m');
    expect(distanceWords(849.6)).toBe('850 m');
    expect(distanceWords(1_234)).toBe('1.23 km');
  });

  it('writes minutes under an hour and hours with two-digit minutes above', () => {
    expect(durationWords(0)).toBe('0 min');
    expect(durationWords(42 * 60 + 59)).toBe('42 min');
    expect(durationWords(3_900)).toBe('1 h 05 min');
  });
});
