// A Podman API socket given as DOCKER_HOST is read like the Docker Engine: a private
// `podman system service` (its own storage in a temp dir) is started here and stopped after.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { fakeSecrets } from './support/fake-secrets.js';
import { buildImage, docker, removeImage, runCli } from './support/images.js';
import { startSocketRecorder } from './support/socket-recorder.js';

const run = promisify(execFile);
const tag = `imagegate-test/podman:${process.pid}`;
const secrets = fakeSecrets();
let work: string;
let service: ChildProcess | undefined;
let socket: string;

const podman = (dir: string, ...args: string[]) => ['--root', join(dir, 'graph'), '--runroot', join(dir, 'run'), '--storage-driver', 'vfs', ...args];

function ping(socketPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = get({ socketPath, path: '/_ping' }, (response) => {
      response.resume();
      if (response.statusCode === 200) resolve();
      else reject(new Error(`ping answered ${String(response.statusCode)}`));
    });
    request.on('error', reject);
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'imagegate-podman-'));
  await buildImage(tag, {
    busybox: true,
    files: { 'app/.npmrc': `//registry.npmjs.org/:_authToken=${secrets.npmToken}\n` },
    dockerfile: ['FROM scratch', 'COPY busybox /bin/busybox', 'COPY app/ /app/', 'USER 0:0'].join('\n'),
  });
  await docker(['save', '-o', join(work, 'image.tar'), tag]);
  await writeFile(join(work, 'storage.conf'), `[storage]\ndriver = "vfs"\nrunroot = "${join(work, 'run')}"\ngraphroot = "${join(work, 'graph')}"\n`);
  const env = { ...process.env, CONTAINERS_STORAGE_CONF: join(work, 'storage.conf') };
  await run('podman', podman(work, 'load', '-q', '-i', join(work, 'image.tar')), { env });
  socket = join(work, 'podman.sock');
  service = spawn('podman', podman(work, 'system', 'service', '--time=0', `unix://${socket}`), { env, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      await ping(socket);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}, 300_000);

afterAll(async () => {
  service?.kill('SIGTERM');
  await removeImage(tag);
  await rm(work, { recursive: true, force: true });
});

describe('a Podman socket as DOCKER_HOST', () => {
  it('reads images from it like from the Docker Engine', async () => {
    const result = await runCli(['check', '--format', 'json', tag], { DOCKER_HOST: `unix://${socket}` });
    const report = JSON.parse(result.stdout) as Report;
    expect(report.images[0]!.error).toBeUndefined();
    expect(result.code).toBe(1);
    const ids = report.images[0]!.findings.map((f) => `${f.ruleId}/${f.messageId}`);
    expect(ids).toContain('non-root-user/ROOT_USER');
    expect(ids).toContain('secret-file/SECRET_IN_FILE');
    expect(result.stdout + result.stderr).not.toContain(secrets.npmToken);
  });

  it('negotiates the API version with it (its compat API), then uses that version for every request', async () => {
    const recorder = await startSocketRecorder(work, `unix://${socket}`);
    try {
      const result = await runCli(['check', '--format', 'json', tag], { DOCKER_HOST: recorder.host });
      expect((JSON.parse(result.stdout) as Report).images[0]!.error).toBeUndefined();
      expect(recorder.requests[0]).toBe('GET /version HTTP/1.1');
      const version = /^GET \/v(1\.\d+)\//.exec(recorder.requests[1] ?? '')?.[1];
      expect(version, recorder.requests.join('\n')).toBeDefined();
      for (const line of recorder.requests.slice(1)) expect(line.startsWith(`GET /v${version}/images/`), line).toBe(true);
    } finally {
      await recorder.close();
    }
  });
});
