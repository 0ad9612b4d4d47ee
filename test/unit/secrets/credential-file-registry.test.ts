// Meta-test of the credential-file registry: every format declared in src/secrets/files/ is in
// CREDENTIAL_FILES, and each one's catalogue entry, docs line (with its paths) and corpus cases
// (found by path, and by content where it declares a sniff) exist. Removing any of them fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SECRET_FORMATS } from '../../../src/secrets/catalogue.js';
import { CREDENTIAL_FILES, credentialFileOf, type CredentialFile } from '../../../src/secrets/files/index.js';
import { CORPUS } from './corpus/all.js';

const FILES_DIR = fileURLToPath(new URL('../../../src/secrets/files/', import.meta.url));
const DOC = fileURLToPath(new URL('../../../docs/rules/secret-formats.md', import.meta.url));

const isCredentialFile = (v: unknown): v is CredentialFile => typeof v === 'object' && v !== null && 'matchesPath' in v && 'parser' in v && 'id' in v;

describe('credential-file registry', () => {
  it('registers every format declared in src/secrets/files/', async () => {
    const declared: string[] = [];
    for (const name of readdirSync(FILES_DIR).filter((n) => n.endsWith('.ts'))) {
      const module = (await import(`../../../src/secrets/files/${name.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
      for (const value of Object.values(module)) if (isCredentialFile(value)) declared.push(value.id);
    }
    expect([...new Set(declared)].sort()).toEqual(CREDENTIAL_FILES.map((f) => f.id).sort());
  });

  const doc = readFileSync(DOC, 'utf8').split('\n');
  const catalogue = new Map(SECRET_FORMATS.map((f) => [f.id, f]));
  it.each(CREDENTIAL_FILES.map((f) => [f.id, f] as const))('%s: catalogued, documented with its paths, with corpus cases', (id, format) => {
    expect(catalogue.get(id)?.title).toBe(format.title);
    const line = doc.find((l) => l.startsWith(`| \`${id}\` |`));
    expect(line, 'docs line').toBeDefined();
    expect(line).toContain(format.paths.replace(/\|/g, '\\|').replace(/</g, '&lt;'));
    const cases = CORPUS[id];
    expect(cases?.negatives.length ?? 0, 'near misses').toBeGreaterThan(0);
    const files = (cases?.positives ?? []).flatMap((p) => (p.via !== undefined && p.via !== 'value' && 'file' in p.via ? [p.via.file] : []));
    // A format recognised by content alone (a Kubernetes Secret manifest) has no path to be found by.
    const byPathOnly = format.sniff === undefined;
    const hasPaths = byPathOnly || !format.paths.startsWith('any ');
    if (hasPaths)
      expect(
        files.some((path) => credentialFileOf(path)?.id === id),
        'a positive found by its path',
      ).toBe(true);
    if (!byPathOnly)
      expect(
        files.some((path) => credentialFileOf(path) === undefined),
        'a positive found by content alone',
      ).toBe(true);
  });
});
