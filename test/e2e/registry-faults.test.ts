// A misbehaving registry in front of a real one: retried 5xx and 429 (honouring Retry-After) end
// in the normal result; a registry that keeps failing, a blob cut short, a blob whose bytes do not
// match its digest, and refused credentials all end in exit 2 naming what failed — never a pass.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { buildImage, docker, removeImage, runCli } from './support/images.js';
import { push, startRegistry, type TestRegistry } from './support/registry.js';
import { startRegistryProxy, type BlobFault, type RegistryProxy } from './support/registry-proxy.js';

const tag = `imagegate-test/registry-faults:${process.pid}`;
const NO_STACK = /^\s+at .+:\d+:\d+\)?$/m;
const login = { username: 'ci', password: `pw-${process.pid}-right` };
let work: string;
let registry: TestRegistry;
let locked: TestRegistry;
const proxies: RegistryProxy[] = [];

async function checkThrough(fault: BlobFault): Promise<{ code: number; report: Report; output: string; proxy: RegistryProxy }> {
  const proxy = await startRegistryProxy(registry.host, fault);
  proxies.push(proxy);
  const result = await runCli(['check', '--format', 'json', `docker://${proxy.host}/team/app:1`], {
    DOCKER_HOST: 'unix:///nonexistent.sock',
    DOCKER_CONFIG: join(work, 'no-config'),
  });
  return { code: result.code, report: JSON.parse(result.stdout) as Report, output: result.stdout + result.stderr, proxy };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'imagegate-registry-faults-'));
  await buildImage(tag, {
    busybox: true,
    dockerfile: ['FROM scratch', 'COPY busybox /bin/busybox', 'USER 10001'].join('\n'),
  });
  await docker(['save', '-o', join(work, 'image.tar'), tag]);
  [registry, locked] = await Promise.all([startRegistry(), startRegistry({ login })]);
  await push(`docker-archive:${join(work, 'image.tar')}`, `docker://${registry.host}/team/app:1`);
  await push(`docker-archive:${join(work, 'image.tar')}`, `docker://${locked.host}/team/app:1`, login);
}, 300_000);

afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
  await Promise.all([registry?.stop(), locked?.stop()]);
  await removeImage(tag);
  await rm(work, { recursive: true, force: true });
});

describe('registry faults', () => {
  it('retries 503 answers and then checks the image as usual', async () => {
    const { code, report, proxy } = await checkThrough({ kind: 'status', status: 503, times: 2 });
    expect(report.images[0]!.error).toBeUndefined();
    expect([0, 1]).toContain(code);
    expect(proxy.blobRequests.map((r) => r.status).slice(0, 3)).toEqual([503, 503, 200]);
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    const { report, proxy } = await checkThrough({ kind: 'status', status: 429, times: 1, retryAfter: '2' });
    expect(report.images[0]!.error).toBeUndefined();
    const [refused, retried] = proxy.blobRequests;
    expect(refused!.status).toBe(429);
    expect(retried!.at - refused!.at).toBeGreaterThanOrEqual(1900);
  });

  it('gives up with exit 2 when the registry keeps failing', async () => {
    const { code, output } = await checkThrough({ kind: 'status', status: 502, times: 1000 });
    expect(code).toBe(2);
    expect(output).toMatch(/answered 502 .* after 5 attempts/);
    expect(output).not.toMatch(NO_STACK);
  });

  it('exits 2 when a blob is cut short', async () => {
    const { code, report, output } = await checkThrough({ kind: 'truncate' });
    expect(code, output).toBe(2);
    expect(report.images[0]!.error?.message).toMatch(/blob|layer|config/i);
    expect(output).not.toMatch(NO_STACK);
  });

  it('exits 2 naming the blob when its bytes do not match its digest', async () => {
    const { code, report, output } = await checkThrough({ kind: 'corrupt' });
    expect(code, output).toBe(2);
    // Whichever check notices first (the gzip CRC or the blob digest), the message names the blob.
    expect(report.images[0]!.error?.message).toMatch(/sha256[:/][a-f0-9]{64}/);
    expect(report.images[0]!.error?.message).toMatch(/hashes to|corrupt|altered/i);
  });

  it('exits 2 with what to do when the registry refuses the credentials', async () => {
    await mkdir(join(work, 'wrong-config'), { recursive: true });
    await writeFile(
      join(work, 'wrong-config', 'config.json'),
      JSON.stringify({ auths: { [locked.host]: { auth: Buffer.from(`${login.username}:wrong-password`).toString('base64') } } }),
    );
    const result = await runCli(['check', '--format', 'json', `docker://${locked.host}/team/app:1`], {
      DOCKER_HOST: 'unix:///nonexistent.sock',
      DOCKER_CONFIG: join(work, 'wrong-config'),
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(new RegExp(`${locked.host.replace(/\./g, '\\.')}.*(refused|401).*docker login`));
    expect(result.stdout + result.stderr).not.toContain('wrong-password');
  });
});
