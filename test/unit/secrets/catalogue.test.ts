// The format catalogue: well-formed entries, keywords the prefilter really searches for, at least
// 60 specific formats, and docs/rules/secret-formats.md generated from it and kept in step.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SECRET_FORMATS } from '../../../src/secrets/catalogue.js';
import { FORMAT_DETECTORS } from '../../../src/secrets/formats/detectors.js';
import { triggerKeywords, triggerLiterals } from '../../../src/secrets/prefilter.js';
import { renderSecretFormatsDoc } from './catalogue-doc.js';

const DOC = fileURLToPath(new URL('../../../docs/rules/secret-formats.md', import.meta.url));

describe('secret format catalogue', () => {
  it('has unique kebab-case ids, titles, summaries and a severity for every entry', () => {
    const ids = SECRET_FORMATS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of SECRET_FORMATS) {
      expect(f.id, f.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(f.title.length, f.id).toBeGreaterThan(3);
      expect(f.summary.length, f.id).toBeGreaterThan(20);
      expect(['error', 'warning'], f.id).toContain(f.severity);
    }
  });

  it('covers at least 60 specific formats (provider tokens, key blocks, credential files)', () => {
    expect(SECRET_FORMATS.filter((f) => f.source !== 'generic').length).toBeGreaterThanOrEqual(60);
  });

  it('lists for each token rule the keywords the prefilter searches for', () => {
    const searched = new Set(triggerKeywords());
    for (const detector of FORMAT_DETECTORS) {
      expect(detector.info.keywords.length, detector.info.id).toBeGreaterThan(0);
      for (const literal of triggerLiterals(detector.trigger)) expect(searched.has(literal), `${detector.info.id}: ${literal}`).toBe(true);
    }
  });

  it('uses distinctive keywords: at least three characters, never a bare class', () => {
    for (const keyword of triggerKeywords()) expect(keyword.length, JSON.stringify(keyword)).toBeGreaterThanOrEqual(3);
  });

  it('keeps docs/rules/secret-formats.md generated from the catalogue', () => {
    const rendered = renderSecretFormatsDoc(SECRET_FORMATS);
    if (process.env['UPDATE_SECRET_FORMATS_DOC'] === '1') writeFileSync(DOC, rendered);
    expect(readFileSync(DOC, 'utf8'), 'regenerate: UPDATE_SECRET_FORMATS_DOC=1 npx vitest run test/unit/secrets/catalogue.test.ts').toBe(rendered);
  });
});

describe('trigger expansion', () => {
  it.each([
    ['npm_', ['npm_']],
    ['A[KS]IA', ['AKIA', 'ASIA']],
    ['gl(?:pat|dt)-', ['glpat-', 'gldt-']],
    ['x\\.y?z', ['x.yz', 'x.z']],
    ['-us[0-2]', ['-us0', '-us1', '-us2']],
  ])('expands %s', (source, literals) => {
    expect(triggerLiterals(source).sort()).toEqual([...literals].sort());
  });

  it.each(['a.b', 'ab*', 'a+', '\\d{3}', '[^a]bc', '(a)', 'a?'])('refuses the open-ended or empty trigger %s', (source) => {
    expect(() => triggerLiterals(source)).toThrow();
  });
});
