// The trigger prefilter: every position where a keyword starts, and nothing else, whatever the text
// (long, short, across its internal windows and streams, with characters above U+00FF), checked
// against a plain indexOf search; and its WebAssembly bytes still built from prefilter.wat.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import wabtInit from 'wabt';
import { PREFILTER_WASM } from '../../../src/secrets/prefilter-wasm.js';
import { SECRET_WORDS } from '../../../src/secrets/line-parser.js';
import { scanTriggers, triggerKeywords, WORD_HIT, type Target, type TriggerSink } from '../../../src/secrets/prefilter.js';

const KEYWORDS = triggerKeywords();

/** Start positions in [from, to) where some keyword starts, by indexOf. */
function expected(text: string, from: number, to: number): number[] {
  const starts = new Set<number>();
  for (const keyword of KEYWORDS) {
    for (let at = text.indexOf(keyword, from); at !== -1 && at < to; at = text.indexOf(keyword, at + 1)) starts.add(at);
  }
  return [...starts].sort((a, b) => a - b);
}

function scanned(text: string, from = 0, to = text.length): { starts: number[]; newlines: number } {
  const starts: number[] = [];
  const sink: TriggerSink = {
    trigger(at: number, targets: readonly Target[]) {
      expect(targets.length).toBeGreaterThan(0);
      starts.push(at);
    },
  };
  const newlines = scanTriggers(text, from, to, sink);
  return { starts, newlines };
}

const newlinesIn = (text: string, from: number, to: number): number => text.slice(from, to).split('\n').length - 1;

/** Deterministic text: words, newlines and keywords at random places (a fixed seed). */
function sample(length: number, seed: number, extra = ''): string {
  let state = seed;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const words = ['the', 'password', 'key', 'path', 'sumo', 'ghp', '\n', ' ', 'Se', 'cret', 'AK', 'IA', ':/', '/', extra];
  let text = '';
  while (text.length < length) {
    const roll = next(20);
    text += roll < 2 ? (KEYWORDS[next(KEYWORDS.length)] ?? '') : (words[next(words.length)] ?? '');
  }
  return text.slice(0, length);
}

describe('scanTriggers', () => {
  it.each([
    [0, 1],
    [10, 2],
    [300, 3],
    [5_000, 4],
    [70_000, 5],
    [300_000, 6],
  ])('finds every keyword start and counts newlines in %i characters', (length, seed) => {
    const text = sample(length, seed);
    const { starts, newlines } = scanned(text);
    expect(starts).toEqual(expected(text, 0, text.length));
    expect(newlines).toBe(newlinesIn(text, 0, text.length));
  });

  it('reports only starts in [from, to) but sees a keyword that runs past `to` whole', () => {
    const text = sample(200_000, 7);
    for (const [from, to] of [
      [0, 100],
      [17, 150_000],
      [131_000, 131_080],
      [99_999, 200_000],
    ] as const) {
      const { starts, newlines } = scanned(text, from, to);
      expect(starts, `${from}-${to}`).toEqual(expected(text, from, to));
      expect(newlines, `${from}-${to}`).toBe(newlinesIn(text, from, to));
    }
  });

  it('finds the longest keyword across every place the text is cut into streams and windows', () => {
    const longest = KEYWORDS.reduce((a, b) => (b.length > a.length ? b : a));
    for (const length of [1_000, 140_000, 270_000]) {
      // The streams split a window into quarters; windows are 128 KiB.
      const quarter = Math.min(length, 128 * 1024) >> 2;
      for (const cut of [quarter, 2 * quarter, 3 * quarter, 128 * 1024, 256 * 1024].filter((c) => c < length)) {
        for (let at = cut - longest.length - 2; at <= cut + 2; at++) {
          const text = `${'.'.repeat(at)}${longest}${'.'.repeat(length - at)}`;
          expect(scanned(text).starts, `${length}: ${longest} at ${at}`).toEqual(expected(text, 0, text.length));
        }
      }
    }
    // Dozens of scans of up to 270 KB against the naive reference: slow on a loaded machine.
  }, 60_000);

  it('reports WORD_HIT, when asked, wherever a secret word starts in any case, and only then', () => {
    const text = `${sample(150_000, 8)} PassWord sEcReT x_tOkEn kEY apiKey AUTH cred pwd`;
    const words: number[] = [];
    const sink: TriggerSink = {
      trigger(at: number, targets: readonly Target[]) {
        if (targets.includes(WORD_HIT)) words.push(at);
      },
    };
    scanTriggers(text, 0, text.length, sink, true);
    const word = new RegExp(SECRET_WORDS.join('|'), 'gi');
    const starts = new Set<number>();
    for (const w of SECRET_WORDS) for (const m of text.matchAll(new RegExp(w, 'gi'))) starts.add(m.index);
    expect(words).toEqual([...starts].sort((a, b) => a - b));
    expect(words.length).toBeGreaterThanOrEqual([...text.matchAll(word)].length);
    expect(scanned(text).starts).toEqual(expected(text, 0, text.length));
  });

  it('is not fooled by characters above U+00FF whose low byte spells a keyword', () => {
    // U+0141 (Ł) has the low byte 0x41, 'A'; U+014B (ŋ) 0x4B, 'K'.
    const text = `\u014bIA AKIA \u0141KIA ${'\u4e00'.repeat(100)}AKIA`;
    expect(scanned(text).starts).toEqual(expected(text, 0, text.length));
  });
});

describe('prefilter WebAssembly', () => {
  it('is the assembly of prefilter.wat (run `node scripts/build-wasm.mjs` after editing it)', async () => {
    const wabt = await wabtInit();
    const source = readFileSync(fileURLToPath(new URL('../../../src/secrets/prefilter.wat', import.meta.url)), 'utf8');
    const module = wabt.parseWat('prefilter.wat', source, { simd: true });
    const { buffer } = module.toBinary({});
    module.destroy();
    expect(Buffer.from(buffer).toString('base64')).toBe(PREFILTER_WASM);
  });
});
