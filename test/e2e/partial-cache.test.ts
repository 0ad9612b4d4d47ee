// A new layer on a cached base (issue 16), on real engines: the base image is checked once with a
// layer cache, then an image built on it is checked cold (--no-cache) and with that cache. The base
// layers come from the cache (hashed, not read), only the new layer is read, and the JSON reports
// are byte-identical. On Engine 20.10 the export is classic (<v1-id>/layer.tar: the layers are
// matched by the v1 IDs the engine derives), on 26.1 an OCI layout (uncompressed blobs named by
// diffID on overlay2, gzip blobs named by their own digest on the containerd store).
import { randomBytes } from 'node:crypto';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../unit/support/temp-dir.js';
import { testEngines, trixieEnginesReady, type TestEngine } from './support/engines.js';
import { buildImage, docker, dockerHost, removeImage, runCli } from './support/images.js';

const found = testEngines();
const engines: TestEngine[] = typeof found === 'string' ? [{ name: 'default engine', host: dockerHost() }] : found;
const BASE = `imagegate-test/partial-base:${process.pid}`;
const APP = `imagegate-test/partial-app:${process.pid}`;
const token = () =>
  `npm_${randomBytes(27)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, 'x')
    .slice(0, 36)}`;

describe.each(engines)('a new layer on a cached base: $name', (engine) => {
  let dir: string;
  beforeAll(async () => {
    if (engine.chroot) await trixieEnginesReady();
    dir = await tempDir('imagegate-partial-e2e-');
    await buildImage(BASE, {
      busybox: true,
      host: engine.host,
      files: { 'payload.bin': randomBytes(3 << 20), 'srv/.env': `NPM_TOKEN=${token()}\n` },
      dockerfile: [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        'COPY payload.bin /data/payload.bin',
        'COPY srv/ /srv/',
        'RUN ["/bin/busybox", "rm", "/srv/.env"]',
      ].join('\n'),
    });
    await buildImage(APP, {
      host: engine.host,
      files: { 'app/settings.py': `TOKEN = "${token()}"\n`, 'app/blob.bin': randomBytes(1 << 20) },
      dockerfile: [`FROM ${BASE}`, 'COPY app/ /app/'].join('\n'),
    });
  }, 900_000);
  afterAll(async () => {
    await removeImage(APP, engine.host);
    await removeImage(BASE, engine.host);
  });

  it('reads only the new layer and reports byte-identically to a cold check', async () => {
    const env = { DOCKER_HOST: engine.host, XDG_CACHE_HOME: join(dir, 'cache') };
    const base = await runCli(['check', '--format', 'json', '--verbose', BASE], env);
    expect(base.stderr).toMatch(/0 layers? reused, 4 read and stored/);
    const cold = await runCli(['check', '--format', 'json', '--no-cache', APP], env);
    expect(cold.code).toBe(1);
    await cp(join(dir, 'cache'), join(dir, 'cache-threaded'), { recursive: true });
    const partial = await runCli(['check', '--format', 'json', '--verbose', APP], env);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toMatch(/4 layers? reused, 1 read and stored/);
    expect(partial.stdout).toBe(cold.stdout);
    // Every layer is cached now: the next check asks the engine for no export at all, on the
    // containerd store too (whose image ID is a manifest digest), and reports the same bytes. The
    // engine's own event log proves it: an export is an image "save" event.
    const seconds = () => (Date.now() / 1000).toFixed(3); // the engine accepts fractions of a second
    const since = seconds();
    const warm = await runCli(['check', '--format', 'json', '--verbose', APP], env);
    expect(warm.stderr).toMatch(/5 layers? reused, 0 read and stored/);
    expect(warm.stdout).toBe(cold.stdout);
    const until = seconds();
    const saves = async (from: string, to: string) =>
      (
        await docker(['events', '--since', from, '--until', to, '--filter', 'type=image', '--filter', 'event=save', '--format', '{{.Action}}'], {
          env: { DOCKER_HOST: engine.host },
        })
      ).stdout.trim();
    expect(await saves(since, until)).toBe('');
    expect(await saves(String(Number(since) - 600), until)).not.toBe(''); // the cold and partial checks' exports are there
    // The opt-in hashing thread changes no byte either, cold or partial.
    const threaded = { ...env, IMAGEGATE_DIGEST_THREAD: '1' };
    expect((await runCli(['check', '--format', 'json', '--no-cache', APP], threaded)).stdout).toBe(cold.stdout);
    const threadedPartial = await runCli(['check', '--format', 'json', '--verbose', APP], {
      ...threaded,
      XDG_CACHE_HOME: join(dir, 'cache-threaded'),
    });
    expect(threadedPartial.stderr).toMatch(/4 layers? reused, 1 read and stored/);
    expect(threadedPartial.stdout).toBe(cold.stdout);
    const findings = (JSON.parse(cold.stdout) as { images: { findings: { messageId: string; location: { path?: string } }[] }[] }).images[0]!
      .findings;
    expect(
      findings
        .filter((f) => f.messageId.startsWith('SECRET'))
        .map((f) => `${f.messageId} ${f.location.path}`)
        .sort(),
    ).toEqual(['SECRET_IN_DELETED_FILE /srv/.env', 'SECRET_IN_FILE /app/settings.py']);
  });
});
