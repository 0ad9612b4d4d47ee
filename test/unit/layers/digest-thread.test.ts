import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createStreamDigest } from '../../../src/layers/digest-thread.js';

// Under vitest the worker script is not built, so these run the inline path; the threaded path
// runs in test/e2e/partial-cache.test.ts (the built CLI with IMAGEGATE_DIGEST_THREAD=1).
describe('createStreamDigest', () => {
  it('gives the SHA-256 of everything written, across chunks', async () => {
    const chunks = [Buffer.from('layer '), Buffer.alloc(300_000, 7), Buffer.from('end')];
    const digest = createStreamDigest();
    for (const chunk of chunks) await digest.update(chunk);
    expect(await digest.digest()).toBe(createHash('sha256').update(Buffer.concat(chunks)).digest('hex'));
  });

  it('gives the digest of nothing for an empty stream', async () => {
    expect(await createStreamDigest().digest()).toBe(createHash('sha256').digest('hex'));
  });

  it('keeps concurrent streams apart', async () => {
    const a = createStreamDigest();
    const b = createStreamDigest();
    await a.update(Buffer.from('one'));
    await b.update(Buffer.from('two'));
    await a.update(Buffer.from('three'));
    expect(await b.digest()).toBe(createHash('sha256').update('two').digest('hex'));
    expect(await a.digest()).toBe(createHash('sha256').update('onethree').digest('hex'));
  });
});
