// The layer cache through the library on a real OCI layout: a second check reuses recorded layers
// without reading them (proved by removing the blob), reports the same findings, stores no raw
// secret, and falls back to reading when a record is damaged or the rules changed.
import { readdir, readFile, rm, utimes, writeFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LayerCache } from '../../../src/cache/layer-cache.js';
import { decodeRecord, encodeRecord, recordPieces } from '../../../src/cache/layer-record.js';
import { checkImages } from '../../../src/index.js';
import { walkLayer } from '../../../src/layers/layer-walk.js';
import { fake } from '../secrets/fixtures.js';
import { layerTar, sha256, tarBuffer, writeOciLayout } from '../support/image-builder.js';
import { tempDir } from '../support/temp-dir.js';
import { Readable } from 'node:stream';

const OFF = { 'oci-labels': 'off', healthcheck: 'off', 'size-budget': 'off' } as const;

/** A two-layer OCI layout: passwd + a token in a file, then a layer deleting another token file. */
async function layout(dir: string): Promise<{ layerBlobs: string[] }> {
  const base = await layerTar([
    { path: '/etc/passwd', content: 'root:x:0:0::/:/bin/sh\napp:x:0:0::/:/bin/sh\n' },
    { path: '/app/.env', content: `GITHUB_TOKEN=${fake.github()}\n` },
    { path: '/app/old.env', content: `NPM_TOKEN=${fake.npm()}\n` },
  ]);
  const cleanup = await tarBuffer([{ name: 'app/.wh.old.env', content: Buffer.alloc(0) }]);
  return writeOciLayout(dir, [base, cleanup], { user: 'app' });
}

const findingsOf = (report: Awaited<ReturnType<typeof checkImages>>) =>
  report.images[0]!.findings.map((f) => `${f.ruleId}/${f.messageId}@${f.location.path ?? ''}:${f.location.layer ?? ''}`).sort();

async function cacheFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await visit(path);
      else out.push(path);
    }
  };
  await visit(dir);
  return out;
}

describe('layer cache', () => {
  it('reuses recorded layers without reading them, with the same findings', async () => {
    const [dir, cacheDir] = [await tempDir(), await tempDir()];
    const { layerBlobs } = await layout(dir);
    const options = { policy: { rules: OFF }, budgets: { budgets: [] }, platform: 'linux/amd64', cacheDir };
    const first = await checkImages([`oci:${dir}:v1`], options);
    expect(first.summary.exitCode).toBe(1);
    expect(findingsOf(first)).toEqual(
      expect.arrayContaining([
        'non-root-user/USER_MAPS_TO_ROOT@/etc/passwd:0',
        'secret-file/SECRET_IN_FILE@/app/.env:0',
        'secret-file/SECRET_IN_DELETED_FILE@/app/old.env:0',
      ]),
    );
    // The layers are gone: only the cache can answer now.
    for (const blob of layerBlobs) await rm(blob);
    const second = await checkImages([`oci:${dir}:v1`], options);
    expect(second.images[0]!.error).toBeUndefined();
    expect(findingsOf(second)).toEqual(findingsOf(first));
    expect(second.images[0]!.findings.map((f) => f.secret)).toEqual(first.images[0]!.findings.map((f) => f.secret));
    expect(second.images[0]!.size).toEqual(first.images[0]!.size);
    // With the rules configured differently the records do not apply: the (missing) layers must be read.
    const other = await checkImages([`oci:${dir}:v1`], { ...options, policy: { rules: { ...OFF, 'non-root-user': 'off' } } });
    expect(other.summary.exitCode).toBe(2);
    expect(other.images[0]!.error?.message).toMatch(/layer blob .* is missing/);
  });

  it('stores no raw secret, only the masked form a report shows', async () => {
    const [dir, cacheDir] = [await tempDir(), await tempDir()];
    await layout(dir);
    await checkImages([`oci:${dir}:v1`], { policy: { rules: OFF }, budgets: { budgets: [] }, platform: 'linux/amd64', cacheDir });
    const files = await cacheFiles(cacheDir);
    expect(files.some((f) => f.endsWith('.json.gz'))).toBe(true);
    for (const file of files) {
      const raw = await readFile(file);
      const text = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      expect(text).not.toContain(fake.github());
      expect(text).not.toContain(fake.npm());
    }
  });

  it('treats a damaged record as a miss and reads the layer again', async () => {
    const [dir, cacheDir] = [await tempDir(), await tempDir()];
    await layout(dir);
    const options = { policy: { rules: OFF }, budgets: { budgets: [] }, platform: 'linux/amd64', cacheDir };
    const first = await checkImages([`oci:${dir}:v1`], options);
    for (const file of (await cacheFiles(cacheDir)).filter((f) => f.endsWith('.json.gz'))) await writeFile(file, 'not gzip at all');
    const second = await checkImages([`oci:${dir}:v1`], options);
    expect(findingsOf(second)).toEqual(findingsOf(first));
    for (const file of (await cacheFiles(cacheDir)).filter((f) => f.endsWith('.json.gz')))
      expect(gunzipSync(await readFile(file)).length).toBeGreaterThan(0);
  });
});

describe('LayerCache store', () => {
  async function record(name: string) {
    const tar = await layerTar([{ path: `/${name}`, content: name.repeat(100) }]);
    return { index: await walkLayer(Readable.from([tar]), name, () => []), memos: { 'secret-file': [] } };
  }

  it('round-trips a record and refuses one made for another layer', async () => {
    const r = await record('a');
    const text = encodeRecord(r);
    expect([...decodeRecord(text, r.index.diffId)!.index.entries.values()]).toEqual([...r.index.entries.values()]);
    expect(decodeRecord(text, sha256('other'))).toBeUndefined();
    expect(decodeRecord('{"format":1}', r.index.diffId)).toBeUndefined();
    expect(decodeRecord('{"format":2}\n', r.index.diffId)).toBeUndefined();
  });

  it('round-trips every entry field in its columns, and refuses a record whose columns do not line up', async () => {
    const tar = await tarBuffer([
      { name: 'etc', type: 'directory' },
      { name: 'etc/passwd', content: Buffer.from('root:x:0:0::/root:/bin/sh\n'), mode: 0o600 },
      { name: 'bin/sh', type: 'symlink', linkname: 'busybox' },
      { name: 'bin/ash', type: 'link', linkname: 'bin/busybox' },
    ]);
    const index = await walkLayer(Readable.from([tar]), 'columns', () => []);
    const text = encodeRecord({ index, memos: {} });
    expect([...decodeRecord(text, index.diffId)!.index.entries.values()]).toEqual([...index.entries.values()]);
    // Batch lines are every line between the head and the tail.
    const tampered = (change: (batch: { paths: unknown[]; types: unknown[]; numbers: unknown[]; links: unknown[] }) => void): string => {
      const lines = text.split('\n');
      const batch = JSON.parse(lines[1]!) as { paths: unknown[]; types: unknown[]; numbers: unknown[]; links: unknown[] };
      change(batch);
      lines[1] = JSON.stringify(batch);
      return lines.join('\n');
    };
    expect(
      decodeRecord(
        tampered((e) => e.numbers.pop()),
        index.diffId,
      ),
    ).toBeUndefined();
    expect(
      decodeRecord(
        tampered((e) => (e.types[0] = '1')),
        index.diffId,
      ),
    ).toBeUndefined();
    expect(
      decodeRecord(
        tampered((e) => (e.paths[0] = 'relative')),
        index.diffId,
      ),
    ).toBeUndefined();
    expect(
      decodeRecord(
        tampered((e) => e.links.push([99, 'x'])),
        index.diffId,
      ),
    ).toBeUndefined();
    // A record cut short (a line missing, or the last newline) is a miss, not a smaller layer.
    const lines = text.split('\n');
    expect(decodeRecord([lines[0], ...lines.slice(2)].join('\n'), index.diffId)).toBeUndefined();
    expect(decodeRecord(text.slice(0, -1), index.diffId)).toBeUndefined();
    expect(decodeRecord(lines.slice(0, -2).join('\n') + '\n', index.diffId)).toBeUndefined();
  });

  it('writes a record as JSON lines that decode back, past batch boundaries and when empty', async () => {
    const many = Array.from({ length: 9000 }, (_, i) =>
      i % 3 === 0 ? { name: `l/${i}`, type: 'symlink' as const, linkname: `t${i}` } : { name: `f/${i}`, content: Buffer.from(String(i)) },
    );
    const index = await walkLayer(Readable.from([await tarBuffer(many)]), 'many', () => []);
    const pieces = [...recordPieces({ index, memos: { 'secret-file': [1, 2] } })];
    expect(pieces.length).toBeGreaterThan(8);
    const decoded = decodeRecord(pieces.join(''), index.diffId)!;
    expect([...decoded.index.entries.values()]).toEqual([...index.entries.values()]);
    expect(decoded.memos).toEqual({ 'secret-file': [1, 2] });
    const empty = await walkLayer(Readable.from([await tarBuffer([])]), 'empty', () => []);
    expect(decodeRecord(encodeRecord({ index: empty, memos: {} }), empty.diffId)!.index.entries.size).toBe(0);
  });

  it('reads a record ahead and counts it only when it is used; a damaged one read ahead is a miss', async () => {
    const dir = await tempDir();
    const cache = new LayerCache({ dir, fingerprint: 'f' });
    const [a, b] = await Promise.all(['a', 'b'].map(record));
    await cache.putLayer(a!);
    await cache.putLayer(b!);
    const aheadA = cache.readAhead(a!.index.diffId);
    const missing = cache.readAhead(sha256('never stored'));
    await Promise.all([aheadA, missing]);
    expect(cache.stats.layerHits).toBe(0);
    const got = await cache.getLayer(a!.index.diffId, aheadA);
    expect(got!.index.diffId).toBe(a!.index.diffId);
    expect([...got!.index.entries.values()]).toEqual([...a!.index.entries.values()]);
    expect(cache.stats).toMatchObject({ layerHits: 1, layerMisses: 0 });
    expect(await cache.getLayer(sha256('never stored'), missing)).toBeUndefined();
    const fileB = (await cacheFiles(dir)).find((f) => f.includes(b!.index.diffId.slice(7)))!;
    await writeFile(fileB, 'not gzip at all');
    const damaged = cache.readAhead(b!.index.diffId);
    expect(await cache.getLayer(b!.index.diffId, damaged)).toBeUndefined();
    expect(cache.stats).toMatchObject({ layerHits: 1, layerMisses: 2 });
    expect(await cache.getLayer(b!.index.diffId)).toBeUndefined();
  });

  it('evicts least recently used records beyond its bound', async () => {
    const dir = await tempDir();
    const cache = new LayerCache({ dir, fingerprint: 'f', maxBytes: 10_000_000 });
    const records = await Promise.all(['a', 'b', 'c', 'd'].map(record));
    for (const r of records) await cache.putLayer(r);
    const files = (await cacheFiles(dir)).sort();
    const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
    const total = sizes.reduce((a, b) => a + b, 0);
    // Age every record, then read "a": it becomes the most recently used.
    const old = new Date(Date.now() - 3_600_000);
    for (const f of files) await utimes(f, old, old);
    expect(await cache.getLayer(records[0]!.index.diffId)).toBeDefined();
    const small = new LayerCache({ dir, fingerprint: 'f', maxBytes: Math.floor(total / 2) });
    await small.evict();
    const left = await cacheFiles(dir);
    const leftSize = (await Promise.all(left.map(async (f) => (await stat(f)).size))).reduce((a, b) => a + b, 0);
    expect(leftSize).toBeLessThanOrEqual(Math.floor(total / 2));
    expect(await small.getLayer(records[0]!.index.diffId)).toBeDefined();
  });

  it('remembers which diffID a compressed blob decompressed to, and nothing for uncompressed ones', async () => {
    const dir = await tempDir();
    const cache = new LayerCache({ dir, fingerprint: 'f' });
    const plain = await record('p');
    await cache.putLayer(plain);
    expect(await cache.getBlobAlias(plain.index.blobDigest)).toBeUndefined();
    const gz = await record('g');
    const blobDigest = sha256('the gzip blob');
    await cache.putLayer({ ...gz, index: { ...gz.index, blobDigest, compression: 'gzip' } });
    expect(await cache.getBlobAlias(blobDigest)).toBe(gz.index.diffId);
    // another fingerprint (other rules) shares the alias: it is a fact about content
    expect(await new LayerCache({ dir, fingerprint: 'other' }).getBlobAlias(blobDigest)).toBe(gz.index.diffId);
    await writeFile(join(dir, 'blobs', blobDigest.slice(7)), 'not a digest');
    expect(await cache.getBlobAlias(blobDigest)).toBeUndefined();
    expect(await cache.getBlobAlias('sha256:../../etc')).toBeUndefined();
  });

  it('stays whole when several processes write the same record at once', async () => {
    const dir = await tempDir();
    const r = await record('shared');
    await Promise.all(Array.from({ length: 8 }, () => new LayerCache({ dir, fingerprint: 'f' }).putLayer(r)));
    const files = await cacheFiles(dir);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await new LayerCache({ dir, fingerprint: 'f' }).getLayer(r.index.diffId)).toBeDefined();
  });

  it('warns once and goes on when the cache cannot be written', async () => {
    const warnings: string[] = [];
    // A regular file where the cache directory should be: mkdir fails (ENOTDIR), even for root.
    const blocker = join(await tempDir(), 'not-a-directory');
    await writeFile(blocker, 'x');
    const cache = new LayerCache({ dir: join(blocker, 'cache'), fingerprint: 'f', onWarning: (m) => warnings.push(m) });
    await cache.putLayer(await record('a'));
    await cache.putLayer(await record('b'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot be written/);
  });
});
