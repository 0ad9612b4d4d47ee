// Issue 15's credential files in realistic places and formats, every text encoding and wrapping,
// structured config and its negatives, and cry-wolf content (corpus/places-cases.ts), each run
// through the real secret-file rule: every positive found, no negative reported at error.
import { describe, expect, it } from 'vitest';
import { PLACE_NEGATIVES, PLACE_POSITIVES } from './corpus/places-cases.js';
import { runCase } from './places-measure.js';

const label = (c: { group: string; name: string; path: string }): string => `${c.group}: ${c.name} (${c.path})`;

describe('places corpus', () => {
  it.each(PLACE_POSITIVES.map((c) => [label(c), c] as const))('finds %s', async (_, c) => {
    const o = await runCase(c);
    expect({ scanned: o.scanned, reported: o.reported, ok: o.ok }).toMatchObject({ ok: true });
  });

  it.each(PLACE_NEGATIVES.map((c) => [label(c), c] as const))('does not cry wolf on %s', async (_, c) => {
    const o = await runCase(c);
    expect({ scanned: o.scanned, reported: o.reported, ok: o.ok }).toMatchObject({ ok: true });
  });
});
