// A broken engine must never yield a pass: one that dies mid-export, one that goes silent
// (--timeout), and an image removed between inspect and export all end in exit 2 with one clear
// line. Interrupting a run ends it at once, leaves no temporary files, and touches no image or container.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../unit/support/temp-dir.js';
import { startEngineProxy, type EngineFault, type EngineProxy } from './support/engine-proxy.js';
import { buildImage, CLI_PATH, docker, removeImage, runCli } from './support/images.js';

const TAG = `imagegate-test/faults:${process.pid}`;
const DOOMED = `imagegate-test/faults-doomed:${process.pid}`;
const NO_STACK = /^\s+at .+:\d+:\d+\)?$/m;

const dockerfile = ['FROM scratch', 'COPY busybox /bin/busybox', 'COPY payload.bin /data/payload.bin', 'CMD ["/bin/busybox", "true"]'].join('\n');

describe('engine faults', () => {
  let dir: string;
  const proxies: EngineProxy[] = [];
  const withProxy = async (fault: EngineFault): Promise<EngineProxy> => {
    const proxyDir = join(dir, `proxy-${proxies.length}`);
    await mkdir(proxyDir);
    const proxy = await startEngineProxy(proxyDir, fault);
    proxies.push(proxy);
    return proxy;
  };

  beforeAll(async () => {
    dir = await tempDir('imagegate-faults-');
    // 8 MB of incompressible bytes, so every fault lands well inside the export stream.
    // Separate payloads: the doomed image must not share its ID with the other one.
    await buildImage(TAG, { busybox: true, files: { 'payload.bin': randomBytes(8 << 20) }, dockerfile });
    await buildImage(DOOMED, { busybox: true, files: { 'payload.bin': randomBytes(8 << 20) }, dockerfile });
  });
  afterAll(async () => {
    for (const proxy of proxies) await proxy.close();
    await removeImage(TAG);
    await removeImage(DOOMED);
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 2 when the engine dies in the middle of the export', async () => {
    const proxy = await withProxy({ kind: 'cut', afterBytes: 2 << 20 });
    const result = await runCli(['check', TAG], { DOCKER_HOST: proxy.host });
    expect(proxy.exports()).toBe(1);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/broke off|not a readable tar stream|Unexpected end/);
    expect(result.stdout + result.stderr).not.toMatch(NO_STACK);
  });

  it('exits 2 naming the stall when the engine goes silent for longer than --timeout', async () => {
    const proxy = await withProxy({ kind: 'stall', afterBytes: 2 << 20 });
    const result = await runCli(['check', '--timeout', '3s', TAG], { DOCKER_HOST: proxy.host });
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stdout).toMatch(/did not send more of the export .* within 3 s/);
    expect(result.stdout + result.stderr).not.toMatch(NO_STACK);
  });

  it('exits 2 when the image is removed between inspect and export', async () => {
    const proxy = await withProxy({ kind: 'remove-before-export', image: DOOMED });
    const result = await runCli(['check', DOOMED], { DOCKER_HOST: proxy.host });
    expect(proxy.exports()).toBe(1);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stdout).toMatch(/was removed from the Docker Engine .* while imagegate was reading it/);
    expect(result.stdout + result.stderr).not.toMatch(NO_STACK);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('stops on %s with exit %i, leaving no temporary files, images or containers changed', async (signal, code) => {
    const proxy = await withProxy({ kind: 'stall', afterBytes: 1 << 20 });
    const tmp = join(dir, `tmp-${signal}`);
    await mkdir(tmp);
    const before = await engineState();
    const child = spawn(process.execPath, [CLI_PATH, 'check', '--timeout', '10m', '--report', `sarif=${join(tmp, 'out.sarif')}`, TAG], {
      env: { ...process.env, DOCKER_HOST: proxy.host, TMPDIR: tmp, NO_COLOR: '1', XDG_CACHE_HOME: join(dir, `cache-${signal}`) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Wait until the export is under way (the proxy has seen it start), then interrupt.
    while (proxy.exports() === 0) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    child.kill(signal);
    const exit = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(exit).toBe(code);
    expect(stderr).toMatch(new RegExp(`interrupted by ${signal}`));
    expect(stderr).not.toMatch(NO_STACK);
    expect(await readdir(tmp)).toEqual([]);
    expect(await engineState()).toEqual(before);
  });
});

/**
 * The checked image (by ID) and the containers made from it. Other test files build images in
 * parallel (the legacy builder runs intermediate containers), so only our image is compared.
 */
async function engineState(): Promise<{ image: string; containers: string }> {
  const image = (await docker(['image', 'inspect', '--format', '{{.Id}}', TAG])).stdout.trim();
  const containers = (await docker(['container', 'ls', '--all', '--no-trunc', '--filter', `ancestor=${TAG}`, '--format', '{{.ID}}'])).stdout;
  return { image, containers };
}

describe('layer cache with the engine', () => {
  let dir: string;
  let proxy: EngineProxy | undefined;
  const CACHED = `imagegate-test/cached:${process.pid}`;
  beforeAll(async () => {
    dir = await tempDir('imagegate-cache-e2e-');
    await buildImage(CACHED, {
      busybox: true,
      files: { 'payload.bin': randomBytes(4 << 20), 'app/.env': `NPM_TOKEN=npm_${randomBytes(27).toString('base64url').slice(0, 36)}\n` },
      dockerfile: [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        'COPY payload.bin /data/payload.bin',
        'COPY app/ /app/',
        'RUN ["/bin/busybox", "rm", "/app/.env"]',
      ].join('\n'),
    });
  });
  afterAll(async () => {
    await proxy?.close();
    await removeImage(CACHED);
    await rm(dir, { recursive: true, force: true });
  });

  it('skips the export entirely when every layer is cached, with the same report', async () => {
    const env = { XDG_CACHE_HOME: join(dir, 'cache') };
    const cold = await runCli(['check', '--format', 'json', '--verbose', CACHED], env);
    expect(cold.code).toBe(1);
    expect(cold.stderr).toMatch(/layer cache .*: 0 layers reused, 4 read and stored/);
    // Through a proxy that would cut any export: a warm check must never ask for one.
    proxy = await startEngineProxy(await mkdir(join(dir, 'proxy'), { recursive: true }).then(() => join(dir, 'proxy')), {
      kind: 'cut',
      afterBytes: 0,
    });
    const warm = await runCli(['check', '--format', 'json', '--verbose', CACHED], { ...env, DOCKER_HOST: proxy.host });
    expect(proxy.exports()).toBe(0);
    expect(warm.code).toBe(1);
    expect(warm.stderr).toMatch(/4 layers reused, 0 read and stored/);
    const strip = (out: string) =>
      (JSON.parse(out) as { images: { findings: unknown; size: unknown; layers: unknown }[] }).images.map(({ findings, size, layers }) => ({
        findings,
        size,
        layers,
      }));
    expect(strip(warm.stdout)).toEqual(strip(cold.stdout));
    // --no-cache reads again (and is cut by the proxy).
    const uncached = await runCli(['check', '--no-cache', CACHED], { ...env, DOCKER_HOST: proxy.host });
    expect(proxy.exports()).toBe(1);
    expect(uncached.code).toBe(2);
  });
});
