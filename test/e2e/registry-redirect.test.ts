// Registries as the big ones behave: blob GETs answered with a redirect to a storage host. A real
// registry (with a login) sits behind a proxy that redirects every authorized blob GET to a second
// loopback listener; the check must give the same findings as straight from the registry, and the
// storage host must never see the registry's credentials. An HTTPS registry that redirects to plain
// HTTP is refused with exit 2 before anything is fetched from the HTTP host.
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { fakeSecrets } from './support/fake-secrets.js';
import { buildImage, docker, removeImage, runCli } from './support/images.js';
import {
  selfSignedCertificate,
  startBlobStorage,
  startRedirectingProxy,
  type BlobStorage,
  type RedirectingProxy,
} from './support/redirecting-registry.js';
import { push, startRegistry, type TestRegistry } from './support/registry.js';

const tag = `imagegate-test/registry-redirect:${process.pid}`;
const secrets = fakeSecrets();
const login = { username: 'ci', password: `pw-${process.pid}-${secrets.dbPassword}` };
const basic = Buffer.from(`${login.username}:${login.password}`).toString('base64');
let work: string;
let registry: TestRegistry;
let storage: BlobStorage;
const proxies: RedirectingProxy[] = [];

/** A Docker config that logs in to `hosts` (the registry and the proxies, as the client sees them). */
async function dockerConfig(name: string, hosts: string[]): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: Object.fromEntries(hosts.map((host) => [host, { auth: basic }])) }));
  return dir;
}

async function check(reference: string, env: Record<string, string>): Promise<{ code: number; report: Report; output: string }> {
  const result = await runCli(['check', '--format', 'json', reference], { DOCKER_HOST: 'unix:///nonexistent.sock', ...env });
  return { code: result.code, report: JSON.parse(result.stdout) as Report, output: result.stdout + result.stderr };
}

const findings = (report: Report): string[] =>
  report.images[0]!.findings.map((f) => `${f.ruleId}/${f.messageId} ${JSON.stringify(f.location)} ${f.secret?.fingerprint ?? ''}`).sort();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'imagegate-redirect-'));
  await buildImage(tag, {
    busybox: true,
    files: { 'etc/app.env': `SLACK_TOKEN=${secrets.slackToken}\n` },
    dockerfile: ['FROM scratch', 'COPY busybox /bin/busybox', 'COPY etc/ /etc/', `ENV GITHUB_TOKEN=${secrets.githubToken}`, 'USER 10001'].join('\n'),
  });
  await docker(['save', '-o', join(work, 'image.tar'), tag]);
  registry = await startRegistry({ login });
  await push(`docker-archive:${join(work, 'image.tar')}`, `docker://${registry.host}/team/app:1`, login);
  storage = await startBlobStorage(registry.host, login);
}, 300_000);

afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
  await storage?.close();
  await registry?.stop();
  await removeImage(tag);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('registries that redirect blob downloads', () => {
  it('follows the redirect to another host without sending it the credentials, with the same findings', async () => {
    const proxy = await startRedirectingProxy(registry.host, storage.host);
    proxies.push(proxy);
    const config = await dockerConfig('config', [registry.host, proxy.host]);
    const direct = await check(`docker://${registry.host}/team/app:1`, { DOCKER_CONFIG: config });
    expect(direct.report.images[0]!.error).toBeUndefined();
    expect(direct.code).toBe(1);

    const redirected = await check(`docker://${proxy.host}/team/app:1`, { DOCKER_CONFIG: config });
    expect(redirected.report.images[0]!.error).toBeUndefined();
    expect(redirected.code).toBe(direct.code);
    expect(findings(redirected.report)).toEqual(findings(direct.report));
    expect(redirected.report.images[0]!.imageId).toBe(direct.report.images[0]!.imageId);

    // The registry got the credentials; every blob (config and layers) came from the storage host.
    const blobGets = proxy.requests.filter((r) => /\/blobs\/sha256:/.test(r.url));
    expect(blobGets.length).toBeGreaterThanOrEqual(2);
    expect(blobGets.every((r) => r.headers.authorization === `Basic ${basic}`)).toBe(true);
    expect(storage.requests.length).toBe(blobGets.length);
    for (const request of storage.requests) {
      expect(request.headers.authorization, request.url).toBeUndefined();
      expect(request.headers['proxy-authorization']).toBeUndefined();
      const all = JSON.stringify(request.headers);
      expect(all).not.toContain(basic);
      expect(all).not.toContain(login.password);
    }
    expect(redirected.output).not.toContain(proxy.signature);
  });

  it('refuses an HTTPS registry redirecting to plain HTTP, with exit 2 and nothing fetched over HTTP', async () => {
    // The machine's own name resolves to this machine and, unlike 127.0.0.1, is not taken for a
    // loopback registry (which imagegate reaches over plain HTTP), so the client speaks HTTPS to it.
    const name = hostname();
    const address = await lookup(name).catch(() => undefined);
    expect(address, `the host name ${name} must resolve (it does through /etc/hosts on Debian)`).toBeDefined();
    const tls = await selfSignedCertificate(work, name);
    const proxy = await startRedirectingProxy(registry.host, storage.host, { tls, listen: '0.0.0.0' });
    proxies.push(proxy);
    const host = `${name}:${proxy.host.split(':')[1]}`;
    const before = storage.requests.length;
    const { code, report, output } = await check(`docker://${host}/team/app:1`, {
      DOCKER_CONFIG: await dockerConfig('tls-config', [host]),
      NODE_EXTRA_CA_CERTS: tls.certPath,
    });
    expect(code).toBe(2);
    expect(report.images[0]!.error?.message).toMatch(/redirected .* from HTTPS to plain HTTP \(http:\/\/127\.0\.0\.2:\d+\); refusing the downgrade/);
    // TLS itself worked: the manifest came over HTTPS with the login; only the downgrade was refused.
    expect(proxy.requests.some((r) => r.url.includes('/manifests/') && r.headers.authorization)).toBe(true);
    expect(storage.requests.length).toBe(before);
    expect(output).not.toContain(proxy.signature);
  });
});
