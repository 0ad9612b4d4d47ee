// The corpus and its meta-test: every catalogued format has positives, near misses and a line in
// docs/rules/secret-formats.md; it is found with its exact secret, every near miss and every
// false-positive trap stays silent, and all positives together are found in one file, however
// it is chunked.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SECRET_FORMATS } from '../../../src/secrets/catalogue.js';
import { scanEnv, scanValue, type SecretMatch } from '../../../src/secrets/index.js';
import { CORPUS, TRAPS } from './corpus/all.js';
import type { Via } from './corpus/cases.js';
import { scanFile } from './fixtures.js';
import { MAX_MATCHES_PER_SCAN } from '../../../src/secrets/matches.js';

const PLAIN_FILE = '/app/config/settings.txt';

/** Every way a case is scanned, each giving its list of matches. */
function scans(text: string, via: Via, encoding?: 'latin1'): [string, SecretMatch[]][] {
  if (encoding !== undefined && via !== undefined && via !== 'value' && 'file' in via)
    return [[via.file, scanFile(via.file, Buffer.from(text, encoding))]];
  if (via === undefined)
    return [
      ['value', scanValue(text)],
      ['file', scanFile(PLAIN_FILE, text)],
    ];
  if (via === 'value') return [['value', scanValue(text)]];
  if ('env' in via) return [['env', scanEnv(via.env, text)]];
  return [[via.file, scanFile(via.file, text)]];
}

const byId = new Map(SECRET_FORMATS.map((f) => [f.id, f]));

describe('secret corpus', () => {
  it('has positives and near misses for exactly the catalogued formats', () => {
    expect(Object.keys(CORPUS).sort()).toEqual([...byId.keys()].sort());
    for (const [id, cases] of Object.entries(CORPUS)) {
      expect(cases.positives.length, id).toBeGreaterThan(0);
      expect(cases.negatives.length, id).toBeGreaterThan(0);
    }
  });

  it('has a line in docs/rules/secret-formats.md for every catalogued format', () => {
    const doc = readFileSync(new URL('../../../docs/rules/secret-formats.md', import.meta.url), 'utf8');
    const lines = new Set(
      doc
        .split('\n')
        .filter((l) => l.startsWith('| `'))
        .map((l) => l.slice(3, l.indexOf('`', 3))),
    );
    expect([...byId.keys()].filter((id) => !lines.has(id))).toEqual([]);
  });

  const positives = Object.entries(CORPUS).flatMap(([id, cases]) => cases.positives.map((p, i) => [`${id} #${i + 1}`, id, p] as const));
  it.each(positives)('finds %s', (_, id, { text, secret, via, encoding }) => {
    const format = byId.get(id);
    const expected = secret === '' ? text.trimEnd() : secret;
    for (const [how, found] of scans(text, via, encoding)) {
      expect(
        found.map((m) => [m.kind, m.secret]),
        how,
      ).toEqual([[id, expected]]);
      expect(found[0]?.severity ?? 'error', how).toBe(format?.severity);
    }
  });

  const negatives = Object.entries(CORPUS).flatMap(([id, cases]) => cases.negatives.map((n) => [`${id}: ${n.why}`, n] as const));
  it.each(negatives)('ignores %s', (_, { text, via, encoding }) => {
    for (const [how, found] of scans(text, via, encoding))
      expect(
        found.map((m) => `${m.kind}:${m.secret}`),
        how,
      ).toEqual([]);
  });

  it.each(TRAPS.map((t) => [t.name, t] as const))('stays silent on %s', (_, { text, path }) => {
    expect(scanValue(text).map((m) => `${m.kind}:${m.secret.slice(0, 24)}`)).toEqual([]);
    expect(scanFile(path ?? '/app/src/file.txt', text).map((m) => `${m.kind}:${m.secret.slice(0, 24)}`)).toEqual([]);
  });

  it('finds every free-text positive in one file, whatever the chunk size', () => {
    const free = Object.entries(CORPUS).flatMap(([id, cases]) =>
      cases.positives.filter((p) => p.via === undefined).map((p) => ({ id, text: p.text, secret: p.secret === '' ? p.text.trimEnd() : p.secret })),
    );
    // A scan keeps at most MAX_MATCHES_PER_SCAN secrets, so the corpus goes into files below that.
    for (let from = 0; from < free.length; from += MAX_MATCHES_PER_SCAN / 2) {
      const part = free.slice(from, from + MAX_MATCHES_PER_SCAN / 2);
      const file = part.map((p) => p.text).join('\n# ----\n');
      const expected = part.map((p) => `${p.id}:${p.secret}`).sort();
      for (const chunk of [65536, 4096, 7]) {
        const found = scanFile('/app/all.txt', file, chunk)
          .map((m) => `${m.kind}:${m.secret}`)
          .sort();
        expect(
          found.filter((f) => !expected.includes(f)),
          `chunk ${chunk}: extra`,
        ).toEqual([]);
        expect(
          expected.filter((e) => !found.includes(e)),
          `chunk ${chunk}: missing`,
        ).toEqual([]);
      }
    }
  });
});
