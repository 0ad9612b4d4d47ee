// maskSecret: only a short prefix, the length and a truncated hash may leave the process.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskSecret } from '../../../src/secrets/index.js';
import { fake } from './fixtures.js';

describe('maskSecret', () => {
  it('shows the known prefix of a long token', () => {
    const token = fake.github();
    expect(maskSecret('github-token', token)).toEqual({
      kind: 'github-token',
      preview: 'ghp_…',
      length: 40,
      fingerprint: createHash('sha256').update(token).digest('hex').slice(0, 12),
    });
  });

  it('shows only the armour line of a PEM block', () => {
    const body = 'FAKE'.repeat(16);
    const pem = `-----BEGIN RSA PRIVATE ${'KEY'}-----\n${body}\n-----END RSA PRIVATE ${'KEY'}-----`;
    const masked = maskSecret('private-key', pem);
    expect(masked.preview).toBe(`-----BEGIN RSA PRIVATE ${'KEY'}-----…`);
    expect(masked.preview).not.toContain('FAKE');
  });

  it.each([
    ['', ''],
    ['abc', ''],
    ['abcd', 'a'],
    ['abcdefg', 'a'],
    ['abcdefgh', 'ab'],
    ['abcdefghijklmnop', 'abcd'],
    ['é'.repeat(8), 'éé'],
  ])('limits the preview of %j to %j', (secret, prefix) => {
    const masked = maskSecret('x', secret);
    expect(masked.preview).toBe(`${prefix}…`);
    expect(masked.length).toBe(Array.from(secret).length);
  });

  it('never reveals more than min(4, length/4) characters anywhere in its output', () => {
    for (const secret of [fake.npm(), fake.jwt(), 'Tr0ub4dor-3', fake.awsSecret()]) {
      const masked = maskSecret('k', secret);
      const shown = Math.min(4, Math.floor(secret.length / 4));
      const json = JSON.stringify(masked);
      expect(json).not.toContain(secret.slice(0, shown + 1));
      expect(json).not.toContain(secret.slice(-4));
      expect(masked.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    }
  });

  it('is stable and distinguishes secrets', () => {
    expect(maskSecret('a', 'one-secret').fingerprint).toBe(maskSecret('b', 'one-secret').fingerprint);
    expect(maskSecret('a', 'one-secret').fingerprint).not.toBe(maskSecret('a', 'two-secret').fingerprint);
  });
});
